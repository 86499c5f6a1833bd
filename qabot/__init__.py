"""qabot: questions about UN resolutions, answered with the paragraphs that answer them, quoted verbatim
and cited. The Python API is three names: `open` an index, `ask` it, `ingest` files into it.

    import qabot

    qabot.ingest(["corpus"], index="embeddings")        # build or update the index
    with qabot.open(index="embeddings") as index:
        answer = index.ask("which regional workshops were held in 2003?", k=3)
        print(answer.lead)
        for passage in answer.passages:
            print(passage.citation, passage.text)

Settings are those of config/qabot.toml and QABOT_* (`qabot.open(index=None, k=3, citation_style="un")`);
errors are QabotError, whose message is one sentence meant for a person. `import qabot` is cheap: the
model, FAISS and the store are loaded by `open` and `ingest`, not at import.
"""

from __future__ import annotations

import threading
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

# The subpackage qabot.ingest (empty __init__, cheap) is imported before the function `ingest` below is
# defined: importing a subpackage for the first time binds its name in its parent, and would otherwise
# replace qabot.ingest, the function, the first time anything imports qabot.ingest.run. Code inside qabot
# imports it by `from .ingest.run import ...`, which never reads the attribute.
from . import ingest as _ingest_package  # noqa: F401
from .errors import BadQuestion, IndexMissing, IndexRefused, QabotError, UnknownDocument
from .records import Answer, Document, Paragraph, Passage

if TYPE_CHECKING:  # pragma: no cover
    from .ingest.run import IngestReport
    from .pipeline import Service

__all__ = ["open", "ingest", "Index", "Answer", "Passage", "Document", "Paragraph", "IngestReport",
           "QabotError", "BadQuestion", "IndexMissing", "IndexRefused", "UnknownDocument"]


class Index:
    """An index opened for questions. A generation that `qabot ingest` publishes meanwhile (from this
    process or another) is picked up between questions, never during one. Safe to share between threads.
    Close it (or use it in a `with` block) to release its files."""

    def __init__(self, service: Service):
        self._service: Service | None = service
        self._lock = threading.Lock()

    @property
    def generation(self) -> str:
        """The generation that answers now ("gen-000007")."""
        return self._open().generation

    @property
    def settings(self):
        """The settings it was opened with (config.Settings)."""
        return self._open().settings

    def ask(self, question: str, k: int | None = None, doc: str | None = None, year: int | None = None,
            max_tokens: int | None = None) -> Answer:
        """The answer to `question`: its lead and the passages quoted, as `qabot ask` gives them.
        `k` passages (default: the `k` setting); `doc` only this document (a symbol, number or id);
        `year` only paragraphs of or mentioning that year; `max_tokens` bounds the quoted passages."""
        return self._open().ask(question, k=k, doc=doc, year=year, max_tokens=max_tokens)

    def close(self) -> None:
        with self._lock:
            service, self._service = self._service, None
        if service is not None:
            service.close()

    def _open(self) -> Service:
        service = self._service
        if service is None:
            raise QabotError("This index is closed; open it again with qabot.open().")
        return service

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        if self._service is None:
            return "<qabot.Index closed>"
        return f"<qabot.Index {self._service.settings.index} {self._service.generation}>"


def open(index: str | PathLike | None = None, **settings) -> Index:  # noqa: A001 (qabot.open, as io.open)
    """Open the index in the folder `index` (default: the `index` setting, embeddings/ or QABOT_INDEX)
    for questions. Other settings by name override config/qabot.toml and QABOT_*: `k`, `max_tokens`,
    `citation_style`, `max_question_chars`, ... Raises IndexMissing when there is no index yet,
    IndexRefused when it must not be served (damaged, or built by another qabot)."""
    from . import config
    from .pipeline import Service

    return Index(Service(config.load(index=index, **settings)))


def ingest(paths: Iterable[str | PathLike] | str | PathLike | None = None, index: str | PathLike | None = None,
           prune: bool = False, **settings) -> IngestReport:
    """Build or update the index in `index` from the files and folders in `paths` (default: the `corpus`
    setting), as `qabot ingest` does: unchanged files are skipped, changed ones replaced, a new
    generation published atomically; `prune` drops documents whose files are gone. Files that cannot be
    read are in the report's `skipped`, each with its reason; NothingIngested when none could be read."""
    from . import config
    from .pipeline import build

    resolved = config.load(index=index, **settings)
    if paths is None:
        paths = [resolved.corpus]
    elif isinstance(paths, (str, PathLike)):
        paths = [paths]
    return build([Path(p) for p in paths], resolved, prune=prune)


def __getattr__(name: str):
    """The heavier names, imported when first used."""
    if name == "IngestReport":
        from .ingest.run import IngestReport

        return IngestReport
    if name == "__version__":
        from importlib.metadata import version

        return version("qabot")
    raise AttributeError(f"module 'qabot' has no attribute {name!r}")
