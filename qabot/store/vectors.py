"""The store's tables of vectors, for the embedding step of an ingest (ingest/embedding.py, vocabulary.py)
and the Milvus collection written from a generation (index/milvus.py). The SQL lives here.

- embeddings (key, vector): every vector ever computed for this index, by the hash of what was encoded
  (a window of text, or a word), float32 bytes: the cache that spares encoding a text twice;
- vectors (id, paragraph_id, window, key): each window of each paragraph and the key of its vector; the
  ids are the FAISS ids (the vector index's id map must equal this table);
- vocabulary (word, key): the corpus's words, for query expansion.

Writes (on the generation an ingest builds) are each one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .database import Store

CHUNK = 500  # keys or ids per `IN (...)`


# ---------------------------------------------------------------- windows (table vectors)
def clear_windows(store: Store) -> None:
    """Forget every paragraph's windows: all are windowed again (the cached vectors stay)."""
    with store.db:
        store.db.execute("DELETE FROM vectors")


def documents_without_windows(store: Store) -> list[str]:
    """Documents that have a paragraph with no window yet."""
    return [r[0] for r in store.db.execute("SELECT DISTINCT p.doc_id FROM paragraphs p WHERE NOT EXISTS"
                                           " (SELECT 1 FROM vectors v WHERE v.paragraph_id = p.id)")]


def paragraphs_with_windows(store: Store, doc_id: str) -> set[int]:
    """The document's paragraphs that have their windows."""
    return {r[0] for r in store.db.execute("SELECT DISTINCT v.paragraph_id FROM vectors v JOIN paragraphs p"
                                           " ON p.id = v.paragraph_id WHERE p.doc_id = ?", (doc_id,))}


def put_windows(store: Store, rows: Iterable[tuple[int, int, str]]) -> None:
    """(paragraph id, window, vector key) rows; each gets the next vector id."""
    with store.db:
        store.db.executemany("INSERT INTO vectors (paragraph_id, window, key) VALUES (?, ?, ?)", rows)


def window_number(store: Store, vector_id: int) -> int | None:
    row = store.db.execute("SELECT window FROM vectors WHERE id = ?", (vector_id,)).fetchone()
    return row[0] if row else None


def window_vectors(store: Store, vector_ids: list[int]) -> dict[int, bytes]:
    """vector id -> its vector's bytes, for the ids whose vector is cached."""
    out: dict[int, bytes] = {}
    for start in range(0, len(vector_ids), CHUNK):
        chunk = vector_ids[start:start + CHUNK]
        out.update(store.db.execute(f"SELECT v.id, e.vector FROM vectors v JOIN embeddings e ON e.key = v.key"
                                    f" WHERE v.id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
    return out


def paragraph_name(store: Store, paragraph_id: int) -> tuple[str, str, str | None] | None:
    """(label, document id, document symbol) of a paragraph, None if there is none of that id."""
    return store.db.execute("SELECT p.label, p.doc_id, d.symbol FROM paragraphs p LEFT JOIN documents d"
                            " ON d.id = p.doc_id WHERE p.id = ?", (paragraph_id,)).fetchone()


# ---------------------------------------------------------------- the cache (table embeddings)
def cached(store: Store, keys: list[str]) -> Iterator[tuple[str, bytes]]:
    """(key, vector bytes) of the keys the cache holds."""
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start:start + CHUNK]
        yield from store.db.execute(f"SELECT key, vector FROM embeddings WHERE key IN ({','.join('?' * len(chunk))})",
                                    chunk)


def cached_keys(store: Store, keys: list[str]) -> set[str]:
    """Those of the keys the cache holds."""
    out: set[str] = set()
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start:start + CHUNK]
        out.update(r[0] for r in store.db.execute(
            f"SELECT key FROM embeddings WHERE key IN ({','.join('?' * len(chunk))})", chunk))
    return out


def put_cached(store: Store, rows: Iterable[tuple[str, bytes]]) -> None:
    """(key, vector bytes) into the cache, replacing what a key held."""
    with store.db:
        store.db.executemany("INSERT OR REPLACE INTO embeddings (key, vector) VALUES (?, ?)", rows)


def any_cached(store: Store) -> bytes | None:
    """One cached vector's bytes (its length gives the dimension), None when the cache is empty."""
    row = store.db.execute("SELECT vector FROM embeddings LIMIT 1").fetchone()
    return row[0] if row else None


def drop_unused(store: Store) -> None:
    """Cached vectors that neither a window nor a word of the vocabulary uses are dropped."""
    with store.db:
        store.db.execute("DELETE FROM embeddings WHERE key NOT IN (SELECT key FROM vectors)"
                         " AND key NOT IN (SELECT key FROM vocabulary)")


# ---------------------------------------------------------------- the vocabulary
def paragraph_texts(store: Store) -> Iterator[str]:
    """Every paragraph's text, in no particular order."""
    for (text,) in store.db.execute("SELECT text FROM paragraphs"):
        yield text


def put_vocabulary(store: Store, rows: Iterable[tuple[str, str]]) -> None:
    """The corpus's (word, vector key) rows, replacing the vocabulary there was."""
    with store.db:
        store.db.execute("DELETE FROM vocabulary")
        store.db.executemany("INSERT INTO vocabulary (word, key) VALUES (?, ?)", rows)


# ---------------------------------------------------------------- read from a closed generation's file
def paragraph_count(path: Path) -> int:
    """Paragraphs in the store file at `path`, read without changing it (-1 if it cannot be read)."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return db.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return -1


def every_window(path: Path, batch: int) -> Iterator[list[tuple]]:
    """Every window of the store file at `path`, in vector id order, `batch` at a time: (vector id,
    paragraph id, window, vector bytes, document id, paragraph text, document date, document body)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cursor = db.execute(
            "SELECT v.id, v.paragraph_id, v.window, e.vector, p.doc_id, p.text, d.date, d.body FROM vectors v"
            " JOIN embeddings e ON e.key = v.key JOIN paragraphs p ON p.id = v.paragraph_id"
            " JOIN documents d ON d.id = p.doc_id ORDER BY v.id")
        while True:
            chunk = cursor.fetchmany(batch)
            if not chunk:
                return
            yield chunk
    finally:
        db.close()
