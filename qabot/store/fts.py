"""Reads of the store's lexical index (FTS5 over Snowball stems: table paragraphs_fts, its vocabulary
paragraphs_vocab), for the lexical search (search/lexical.py), the version families decided at ingest
(ingest/families.py) and the manifest's statistics. The SQL lives here; what it means lives there.

Every function takes a Store: a served one reads on its thread's own connection (Store.db).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .database import Store

CHUNK = 500  # ids per `IN (...)` (SQLite's bound on variables is far above; a few hundred reads fastest)


def text_frequency(store: Store, stem: str) -> int:
    """Paragraphs whose own text holds the stem (FTS5's document frequency of the text column)."""
    row = store.db.execute("SELECT doc FROM paragraphs_vocab WHERE term = ? AND col = 'text'", (stem,)).fetchone()
    return row[0] if row else 0


def postings(store: Store, stem: str) -> int:
    """Rows a MATCH on the stem visits: paragraphs holding it in their text or their context."""
    row = store.db.execute("SELECT sum(doc) FROM paragraphs_vocab WHERE term = ?", (stem,)).fetchone()
    return int(row[0] or 0)


def frequencies(store: Store, stem: str) -> tuple[int, int]:
    """(text_frequency, postings) of the stem from one read of its vocabulary rows: fts5vocab counts a
    term's documents by walking its whole doclist, so asking twice walked it twice (at 1M paragraphs
    a common stem's walk is milliseconds)."""
    text = total = 0
    for column, docs in store.db.execute("SELECT col, doc FROM paragraphs_vocab WHERE term = ?", (stem,)):
        total += docs
        if column == "text":
            text = docs
    return text, total


# Each stem's two counts (frequencies()), written by every ingest from the vocabulary (count_stems) so that a
# question reads them with one indexed lookup a stem: fts5vocab counts a stem's paragraphs by walking its
# whole doclist, from the FTS5 structure up, which a new process reads cold (at 1M paragraphs ten common
# stems took 77-86 ms of a cold `qabot ask`). A store without it (an older qabot's) is read as before.
STEM_COUNTS = """
CREATE TABLE IF NOT EXISTS stem_counts (
    stem TEXT PRIMARY KEY,
    text_docs INTEGER NOT NULL,       -- paragraphs whose text holds the stem (text_frequency)
    postings INTEGER NOT NULL         -- paragraphs holding it in their text or their context (postings)
) WITHOUT ROWID
"""


def count_stems(store: Store) -> int:
    """Every stem's counts, written again from the vocabulary (in a transaction of the caller's, on a
    writable store); returns how many stems."""
    db = store.db
    db.execute(STEM_COUNTS)
    db.execute("DELETE FROM stem_counts")
    return db.execute("INSERT INTO stem_counts SELECT term, sum(CASE WHEN col = 'text' THEN doc ELSE 0 END),"
                      " sum(doc) FROM paragraphs_vocab GROUP BY term").rowcount


def stems_counted(store: Store) -> bool:
    """Does the store hold the stem_counts table (a store of an older qabot, or one taken back to an
    older schema, does not)?"""
    return store.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stem_counts'"
                            ).fetchone() is not None


def counted_frequencies(store: Store, stem: str) -> tuple[int, int]:
    """frequencies() as count_stems stored them: (0, 0) for a stem no paragraph holds."""
    row = store.db.execute("SELECT text_docs, postings FROM stem_counts WHERE stem = ?", (stem,)).fetchone()
    return (row[0], row[1]) if row else (0, 0)


def all_postings(store: Store) -> dict[str, int]:
    """Postings of every stem, all columns: the vocabulary's size, read at once."""
    return dict(store.db.execute("SELECT term, sum(doc) FROM paragraphs_vocab GROUP BY term"))


def gather(store: Store, stems: list[str], limit: int, context_weight: float, scope: list[str] | None = None,
           only: list[int] | None = None) -> list[int]:
    """Paragraph ids that hold any of the stems (in `scope`'s documents, among `only`'s ids when given),
    best first by FTS5's unweighted bm25() with the context column weighted `context_weight`."""
    sql = "SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?"
    args: list = [" OR ".join(f'"{s}"' for s in stems)]
    if scope:
        sql += f" AND rowid IN (SELECT id FROM paragraphs WHERE doc_id IN ({','.join('?' * len(scope))}))"
        args += scope
    if only is not None:
        sql += f" AND rowid IN ({','.join('?' * len(only))})"
        args += only
    sql += f" ORDER BY bm25(paragraphs_fts, 1.0, {float(context_weight)}) LIMIT ?"
    args.append(limit)
    return [int(r[0]) for r in store.db.execute(sql, args)]


def stems_of(store: Store, ids: list[int]) -> Iterator[tuple[int, str, str]]:
    """(paragraph id, stems of its text, stems of its context) of the paragraphs, as the index stores them
    (space-separated); in no particular order."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        yield from store.db.execute(
            f"SELECT rowid, text, context FROM paragraphs_fts WHERE rowid IN ({','.join('?' * len(chunk))})", chunk)


def text_stems(store: Store, paragraph_id: int) -> str | None:
    """The stems of one paragraph's text as the index stores them, None when it holds no such row."""
    row = store.db.execute("SELECT text FROM paragraphs_fts WHERE rowid = ?", (paragraph_id,)).fetchone()
    return row[0] if row else None


def lookalikes(store: Store, stems: list[str], limit: int, other_than: str) -> list[tuple[str, str]]:
    """(document id, text) of the `limit` paragraphs whose text best matches any of the stems (FTS5's
    rank), those of the document `other_than` left out afterwards; best first."""
    return store.db.execute(  # (ORDER BY rank inside: FTS5 sorts its own matches, 4x faster than bm25())
        "SELECT p.doc_id, p.text FROM (SELECT rowid, rank FROM paragraphs_fts WHERE paragraphs_fts MATCH ?"
        " ORDER BY rank LIMIT ?) f JOIN paragraphs p ON p.id = f.rowid WHERE p.doc_id != ? ORDER BY f.rank",
        ("text : (" + " OR ".join(f'"{s}"' for s in stems) + ")", limit, other_than)).fetchall()


def average_lengths(store: Store) -> tuple[float, float]:
    """The average number of stems of a paragraph's text, and of its context (an empty context: 0)."""
    row = store.db.execute(
        "SELECT avg(length(text) - length(replace(text, ' ', '')) + 1),"
        " avg(CASE WHEN context = '' THEN 0 ELSE length(context) - length(replace(context, ' ', '')) + 1 END)"
        " FROM paragraphs_fts").fetchone()
    return float(row[0] or 0), float(row[1] or 0)
