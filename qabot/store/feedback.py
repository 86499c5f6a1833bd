"""What people said about answers (helpful / not helpful), with the question and the answer they saw.

Kept in one SQLite file at the root of the index folder (`<index>/feedback.sqlite`), beside the
generations and never inside one: generations are replaced by every ingest, feedback must outlive
them. Each person has one verdict per answer (clicking again changes it). Written owner-only."""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import QabotError
from .private import open_private

FEEDBACK_FILE = "feedback.sqlite"
VERDICTS = ("helpful", "not_helpful")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    answer_id TEXT NOT NULL,
    user TEXT NOT NULL,
    channel TEXT,
    verdict TEXT NOT NULL CHECK (verdict IN ('helpful', 'not_helpful')),
    question TEXT NOT NULL,
    asked TEXT,
    lead TEXT,
    found INTEGER,
    generation TEXT,
    answer TEXT NOT NULL,
    UNIQUE (answer_id, user)
);
CREATE INDEX IF NOT EXISTS feedback_at ON feedback (at);
"""


class FeedbackError(QabotError):
    """The feedback file cannot be read or written."""


@dataclass
class Entry:
    at: str
    verdict: str
    user: str
    channel: str | None
    question: str
    asked: str | None
    lead: str | None
    found: bool | None
    generation: str | None
    answer: dict
    answer_id: str

    def to_json(self) -> dict:
        return {"at": self.at, "verdict": self.verdict, "user": self.user, "channel": self.channel,
                "question": self.question, "asked": self.asked, "lead": self.lead, "found": self.found,
                "generation": self.generation, "answer_id": self.answer_id, "answer": self.answer}


class FeedbackStore:
    def __init__(self, index_dir: Path):
        self.path = Path(index_dir) / FEEDBACK_FILE
        self._lock = threading.Lock()
        self._db = open_private(self.path, _SCHEMA, FeedbackError, "The feedback file")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def record(self, answer_id: str, user: str, verdict: str, answer, asked: str | None = None,
               channel: str | None = None) -> None:
        """Store (or change) one person's verdict on one answer, with the question and the whole answer."""
        if verdict not in VERDICTS:
            raise ValueError(verdict)
        data = answer.to_json()
        row = (datetime.now(timezone.utc).isoformat(timespec="seconds"), answer_id, user, channel, verdict,
               data.get("question") or "", asked, data.get("lead"), int(bool(data.get("found"))),
               data.get("generation"), json.dumps(data, ensure_ascii=False))
        try:
            with self._lock, self._db:
                self._db.execute(
                    "INSERT INTO feedback (at, answer_id, user, channel, verdict, question, asked, lead, found,"
                    " generation, answer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (answer_id, user) DO UPDATE SET at = excluded.at, verdict = excluded.verdict",
                    row)
        except sqlite3.DatabaseError as exc:
            raise FeedbackError(f"The feedback could not be saved in {self.path} ({exc}).") from None

    def entries(self, verdict: str | None = None, limit: int | None = None, user: str | None = None) -> list[Entry]:
        """Newest first; only `verdict`'s, only `user`'s when given."""
        sql = ("SELECT at, verdict, user, channel, question, asked, lead, found, generation, answer, answer_id"
               " FROM feedback")
        where, args = [], []
        if verdict:
            where.append("verdict = ?")
            args.append(verdict)
        if user:
            where.append("user = ?")
            args.append(user)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY at DESC, id DESC"
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [Entry(at, v, user, channel, question, asked, lead, None if found is None else bool(found),
                      generation, json.loads(answer), answer_id)
                for at, v, user, channel, question, asked, lead, found, generation, answer, answer_id in rows]

    def totals(self) -> dict[str, int]:
        """How many verdicts of each kind were given."""
        with self._lock:
            rows = self._db.execute("SELECT verdict, COUNT(*) FROM feedback GROUP BY verdict").fetchall()
        return {v: 0 for v in VERDICTS} | dict(rows)
