"""The private SQLite files beside the generations (the Slack bot's thread memory and feedback): made
owner-only before anything is written to them, in WAL mode so that two bots on one index agree."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import QabotError


def open_private(path: Path, schema: str, error: type[QabotError], what: str) -> sqlite3.Connection:
    """A connection to the file at `path` (created owner-only, its folder too if missing) with `schema`
    applied; any failure is `error`, a sentence naming `what` ("The feedback file") and the path."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        db = sqlite3.connect(path, check_same_thread=False, timeout=10)
        db.execute("PRAGMA journal_mode = WAL")
        db.executescript(schema)
    except sqlite3.DatabaseError as exc:
        raise error(f"{what} {path} cannot be used ({exc}).") from None
    except OSError as exc:
        raise error(f"{what} {path} cannot be created ({exc.strerror}).") from None
    return db
