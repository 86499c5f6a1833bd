"""Logging for the bot: one line per event on stderr, and no token or secret ever written out,
whatever a library logs at DEBUG level."""

from __future__ import annotations

import logging
import re

# Slack token shapes (bot, user, app-level, config, refresh): redacted even when we were not told them
_SHAPES = re.compile(r"\b(xox[abposre]|xapp|xoxe\.xox[bp])-[A-Za-z0-9-]{6,}")


class Redact(logging.Filter):
    """Removes the given secrets and anything shaped like a Slack token from every record."""

    def __init__(self, secrets=()):
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[redacted]")
        return _SHAPES.sub(lambda m: m.group(1) + "-[redacted]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self.scrub(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        if clean != message:
            record.msg, record.args = clean, None
        return True


def configure(level: str | int = "INFO", secrets=()) -> logging.Handler:
    """Log to stderr at `level` through a redacting handler (the only handler of the root logger)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(Redact(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level if isinstance(level, int) else level.upper())
    logging.getLogger("faiss.loader").setLevel(logging.WARNING)  # which CPU build it picked, at every start
    return handler
