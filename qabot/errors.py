"""The family of errors qabot raises.

Everything below the command line and the Slack app raises one of these; the edges turn them into
one clear sentence (and a non-zero exit code), never a traceback.
"""


class QabotError(Exception):
    """Base class: the message is a complete sentence meant for a person."""

    exit_code = 1


class ConfigError(QabotError):
    """A setting is missing or malformed."""

    exit_code = 2


class UnreadableFile(QabotError):
    """A file cannot be ingested; the message says why."""


class NothingIngested(QabotError):
    """Not a single file could be read."""


class IndexMissing(QabotError):
    """There is no index in the folder yet."""


class IndexRefused(QabotError):
    """The index exists but must not be served (foreign, mismatched, truncated)."""


class ModelMissing(QabotError):
    """The embedding model cannot be found offline."""


class IngestLocked(QabotError):
    """Another ingest holds the index folder."""


class BadQuestion(QabotError):
    """The question cannot be asked (empty, too long, ...)."""


class UnknownDocument(QabotError):
    """A document named by the user is not in the index."""


class UnknownLabel(QabotError):
    """A paragraph label named by the user does not exist in that document."""


class BadVector(QabotError):
    """A vector that cannot be indexed (NaN or infinite, or of the wrong size): the encoder or the
    store's cache of vectors is broken."""
