"""What the Slack bot remembers across restarts, in one SQLite file at the root of the index folder
(`<index>/threads.sqlite`, beside feedback.sqlite, never inside a generation):

- threads: each conversation where qabot has answered (channel, thread ts; "im" for a DM outside
  threads) with its Conversation as JSON, so "and in 2004?" after a restart or a deploy is still read
  after the question before it;
- questions: who asked what, where, and what was asked once the conversation was taken into account
  (the thread's Word note asks them again; the Home tab lists a person's last ones).

Private data (questions, user ids): written owner-only; rows older than `slack_keep_days` are dropped.
Every read goes to the file, so two bots on the same index (a deploy overlapping the old one) agree.
This module holds the file and its SQL; a conversation is kept as the JSON slack/threads.py gives it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..errors import QabotError
from .private import open_private

log = logging.getLogger("qabot.slack")

THREADS_FILE = "threads.sqlite"
PRUNE_EVERY = 3600.0  # seconds between two sweeps of old rows

_SCHEMA = """
CREATE TABLE IF NOT EXISTS threads (
    channel TEXT NOT NULL,
    thread TEXT NOT NULL,
    updated TEXT NOT NULL,
    conversation TEXT NOT NULL,
    PRIMARY KEY (channel, thread)
);
CREATE INDEX IF NOT EXISTS threads_updated ON threads (updated);
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    channel TEXT,
    thread TEXT,
    kind TEXT NOT NULL,
    question TEXT NOT NULL,
    asked TEXT NOT NULL,
    context_doc TEXT,
    answer_id TEXT,
    found INTEGER,
    scope TEXT
);
CREATE INDEX IF NOT EXISTS questions_thread ON questions (channel, thread, id);
CREATE INDEX IF NOT EXISTS questions_user ON questions (user, id);
CREATE INDEX IF NOT EXISTS questions_at ON questions (at);
"""


class ThreadStoreError(QabotError):
    """The thread memory file cannot be read or written."""


@dataclass
class Asked:
    """One question as the bot answered it."""
    user: str
    channel: str | None
    thread: str | None  # None for /ask
    kind: str  # mention, thread, dm, command, brief
    question: str  # as typed
    asked: str  # as asked (a follow-up resolved)
    context_doc: str | None = None
    answer_id: str | None = None
    found: bool | None = None
    scope: str | None = None  # the scope's label, when scopes are configured
    at: str = ""


# ---------------------------------------------------------------- the store
class ThreadFile:
    def __init__(self, index_dir: Path, keep_days: int = 90):
        self.path = Path(index_dir) / THREADS_FILE
        self.keep_days = keep_days
        self._lock = threading.Lock()
        self._pruned = 0.0
        self._db = open_private(self.path, _SCHEMA, ThreadStoreError, "The thread memory file")
        self.prune()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _run(self, sql: str, args=(), many: bool = False):
        try:
            with self._lock, self._db:
                cursor = self._db.execute(sql, args)
                return cursor.fetchall() if many else cursor.fetchone()
        except sqlite3.DatabaseError as exc:
            raise ThreadStoreError(f"The thread memory in {self.path} failed ({exc}).") from None

    # ------------------------------------------------------------ threads
    def knows(self, channel: str, thread: str) -> bool:
        return self._run("SELECT 1 FROM threads WHERE channel = ? AND thread = ?", (channel, thread)) is not None

    def conversation_json(self, channel: str, thread: str) -> str | None:
        """The thread's conversation as it was saved (JSON), None for a thread not known."""
        row = self._run("SELECT conversation FROM threads WHERE channel = ? AND thread = ?", (channel, thread))
        return None if row is None else row[0]

    def save_conversation_json(self, channel: str, thread: str, data: str) -> None:
        self._run("INSERT INTO threads (channel, thread, updated, conversation) VALUES (?, ?, ?, ?)"
                  " ON CONFLICT (channel, thread) DO UPDATE SET updated = excluded.updated,"
                  " conversation = excluded.conversation", (channel, thread, _now(), data))
        self._maybe_prune()

    # ------------------------------------------------------------ questions
    def record(self, asked: Asked) -> None:
        found = None if asked.found is None else int(asked.found)
        self._run("INSERT INTO questions (at, user, channel, thread, kind, question, asked, context_doc, answer_id,"
                  " found, scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  (asked.at or _now(), asked.user, asked.channel, asked.thread, asked.kind, asked.question,
                   asked.asked, asked.context_doc, asked.answer_id, found, asked.scope))

    def in_thread(self, channel: str, thread: str, limit: int = 50) -> list[Asked]:
        """The questions of one conversation, oldest first (the last `limit`)."""
        rows = self._run(f"SELECT {_COLUMNS} FROM questions WHERE channel = ? AND thread = ? ORDER BY id DESC"
                         " LIMIT ?", (channel, thread, limit), many=True)
        return [_asked(r) for r in reversed(rows)]

    def recent(self, user: str, limit: int = 5) -> list[Asked]:
        """A person's last questions, newest first."""
        rows = self._run(f"SELECT {_COLUMNS} FROM questions WHERE user = ? ORDER BY id DESC LIMIT ?",
                         (user, limit), many=True)
        return [_asked(r) for r in rows]

    # ------------------------------------------------------------ retention
    def prune(self) -> int:
        """Drop threads and questions older than keep_days; how many rows went."""
        self._pruned = time.monotonic()
        if not self.keep_days:
            return 0
        cutoff = (datetime.now(timezone.utc) - timedelta(days=self.keep_days)).isoformat(timespec="seconds")
        try:
            with self._lock, self._db:
                gone = self._db.execute("DELETE FROM threads WHERE updated < ?", (cutoff,)).rowcount
                gone += self._db.execute("DELETE FROM questions WHERE at < ?", (cutoff,)).rowcount
        except sqlite3.DatabaseError as exc:
            raise ThreadStoreError(f"The thread memory in {self.path} failed ({exc}).") from None
        if gone:
            log.info("forgot %d threads and questions older than %d days", gone, self.keep_days)
        return gone

    def _maybe_prune(self) -> None:
        if time.monotonic() - self._pruned > PRUNE_EVERY:
            self.prune()


_COLUMNS = "user, channel, thread, kind, question, asked, context_doc, answer_id, found, scope, at"


def _asked(row) -> Asked:
    user, channel, thread, kind, question, asked, context_doc, answer_id, found, scope, at = row
    return Asked(user, channel, thread, kind, question, asked, context_doc, answer_id,
                 None if found is None else bool(found), scope, at)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
