"""What weighted BM25 reads of a paragraph (search/lexical.py), stored at ingest: each column's length in
stems and how often each stem occurs in it, keyed by paragraph id (table paragraph_terms, stems numbered
in table stems; migration m006).

Before, scoring re-read the stems FTS5 stores (the text and the context of every candidate, 50-300 a
question) and split and counted them while the question waited: about 6 ms a SciFact question. Now a
question reads one short row a candidate and looks up its own stems' numbers; the counts are compared
in numpy and only the stems the question asks about are touched in Python.

A column is stored as uint32 pairs (stem number, count) in the order the stems first occur in it, the
order the score adds them in, so scores are the same to the last bit. The rows are written with the
paragraph (the same transaction: one generation's store), and deleted with it (ON DELETE CASCADE).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator

import numpy as np

SCHEMA = """
CREATE TABLE stems (
    id INTEGER PRIMARY KEY,
    stem TEXT NOT NULL UNIQUE
);
CREATE TABLE paragraph_terms (
    paragraph_id INTEGER PRIMARY KEY REFERENCES paragraphs(id) ON DELETE CASCADE,
    text_length INTEGER NOT NULL,     -- stems in the text column (with repeats)
    context_length INTEGER NOT NULL,
    text BLOB NOT NULL,               -- uint32 (stem id, count) pairs, in order of first occurrence
    context BLOB NOT NULL
);
"""
CHUNK = 500  # ids per `IN (...)`, as store/fts.py


class Writer:
    """Numbers stems and writes paragraphs' rows on a writable connection (an ingest, a migration);
    the numbers known are read once and kept for the writer's life."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self._ids: dict[str, int] | None = None
        self._next = 1

    def _number(self, stems: list[str]) -> list[int]:
        if self._ids is None:
            self._ids = dict(self.db.execute("SELECT stem, id FROM stems"))
            self._next = max(self._ids.values(), default=0) + 1
        ids = self._ids
        new = [s for s in stems if s not in ids]
        if new:
            numbered = list(zip(range(self._next, self._next + len(new)), new))
            self.db.executemany("INSERT INTO stems (id, stem) VALUES (?, ?)", numbered)
            ids.update((s, i) for i, s in numbered)
            self._next += len(new)
        return [ids[s] for s in stems]

    def _column(self, stems: str) -> tuple[int, bytes]:
        words = stems.split()
        counts = Counter(words)  # (insertion order: first occurrence)
        pairs = np.empty((len(counts), 2), dtype=np.uint32)
        pairs[:, 0] = self._number(list(counts))
        pairs[:, 1] = list(counts.values())
        return len(words), pairs.tobytes()

    def put(self, paragraph_id: int, text: str, context: str) -> None:
        """One paragraph's row, from the stems FTS5 stores for it (space-separated)."""
        text_length, text_blob = self._column(text or "")
        context_length, context_blob = self._column(context or "")
        self.db.execute("INSERT OR REPLACE INTO paragraph_terms VALUES (?, ?, ?, ?, ?)",
                        (paragraph_id, text_length, context_length, text_blob, context_blob))


def fill(db: sqlite3.Connection) -> None:
    """Rows for every paragraph the lexical index holds (an older store, upgraded by migration m006)."""
    writer = Writer(db)
    for rowid, text, context in db.execute("SELECT rowid, text, context FROM paragraphs_fts").fetchall():
        writer.put(rowid, text, context)


def numbers(db: sqlite3.Connection, stems: Iterable[str]) -> dict[str, int]:
    """stem -> its number, for the stems the store has numbered (the others occur in no paragraph)."""
    stems = list(stems)
    out: dict[str, int] = {}
    for start in range(0, len(stems), CHUNK):
        chunk = stems[start:start + CHUNK]
        out.update(db.execute(f"SELECT stem, id FROM stems WHERE stem IN ({','.join('?' * len(chunk))})", chunk))
    return out


def rows(db: sqlite3.Connection, ids: list[int]) -> Iterator[tuple[int, int, int, bytes, bytes]]:
    """(paragraph id, text length, context length, text pairs, context pairs) of the paragraphs, in the
    order SQLite gives them for each chunk of ids (by id, as store/fts.py's stems_of)."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        yield from db.execute("SELECT paragraph_id, text_length, context_length, text, context FROM paragraph_terms"
                              f" WHERE paragraph_id IN ({','.join('?' * len(chunk))})", chunk)
