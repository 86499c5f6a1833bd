"""The machine's cache of word vectors for one encoder: one SQLite file (a table words: word, vector
bytes) that every index built on the machine shares (ingest/vocabulary.py names where it lies). Any
failure to read or write it (no home folder, a read-only disk, a damaged file) is a cache miss, never
an error."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import numpy as np

CHUNK = 500


class WordCache:
    def __init__(self, path: Path, limit: int):
        """The cache in the file `path` (made owner-only); it stops taking new words at `limit`."""
        self.limit = limit
        self.db: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fresh = not path.exists()
            self.db = sqlite3.connect(path, timeout=10)
            if fresh:
                os.chmod(path, 0o600)
            self.db.execute("CREATE TABLE IF NOT EXISTS words (word TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        except (OSError, sqlite3.Error):
            self.close()

    def get(self, words: list[str], size: int | None) -> dict[str, bytes]:
        """word -> vector bytes, for the words it holds whole (`size` bytes when given, all finite)."""
        found: dict[str, bytes] = {}
        try:
            for start in range(0, len(words) if self.db else 0, CHUNK):
                chunk = words[start:start + CHUNK]
                found.update(self.db.execute(f"SELECT word, vector FROM words WHERE word IN "
                                             f"({','.join('?' * len(chunk))})", chunk).fetchall())
        except sqlite3.Error:
            return {}
        return {w: v for w, v in found.items() if len(v) > 0 and len(v) % 4 == 0 and (size is None or len(v) == size)
                and np.isfinite(np.frombuffer(v, dtype=np.float32)).all()}

    def put(self, rows: list[tuple[str, bytes]]) -> None:
        """(word, vector bytes) rows, unless the cache holds `limit` words already."""
        try:
            if self.db and self.db.execute("SELECT count(*) FROM words").fetchone()[0] < self.limit:
                with self.db:
                    self.db.executemany("INSERT OR REPLACE INTO words (word, vector) VALUES (?, ?)", rows)
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
        self.db = None
