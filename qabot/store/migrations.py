"""Schema migrations of the paragraph store: named, ordered functions, each applied once.

A store records the migrations it has had in `schema_migrations`. Opening a store for writing applies
the missing ones; opening one for reading refuses a store that lacks some (built by an older qabot)
or has some this qabot does not know (built by a newer one).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = []


def migration(fn: Callable[[sqlite3.Connection], None]):
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_documents_and_paragraphs(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            source TEXT,
            content_hash TEXT NOT NULL,
            symbol TEXT,
            number TEXT,
            body TEXT,
            title TEXT,
            date TEXT,
            status TEXT,
            meta TEXT NOT NULL,          -- the whole Document as JSON
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX documents_symbol ON documents(symbol COLLATE NOCASE);
        CREATE INDEX documents_number ON documents(number);
        CREATE INDEX documents_source ON documents(source);

        CREATE TABLE paragraphs (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('preambular', 'operative', 'footnote')),
            label TEXT NOT NULL,
            parent TEXT,
            text TEXT NOT NULL,
            footnotes TEXT NOT NULL DEFAULT '[]',
            UNIQUE (doc_id, seq),
            UNIQUE (doc_id, label)
        );

        -- Lexical search over Snowball stems (analysis.py makes them; rowid = paragraphs.id):
        -- the paragraph's text, and its context (chapeau of a sub-paragraph, the document's title).
        CREATE VIRTUAL TABLE paragraphs_fts USING fts5(text, context, tokenize = 'unicode61');
        -- Document frequencies per term and column, for weighting the words of a question.
        CREATE VIRTUAL TABLE paragraphs_vocab USING fts5vocab(paragraphs_fts, 'col');
        """
    )


@migration
def m002_vectors(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        -- Vectors by the hash of what was embedded (model, encoder, text): a paragraph whose text did
        -- not change is never embedded again, even when its document is re-ingested.
        CREATE TABLE embeddings (
            key TEXT PRIMARY KEY,
            vector BLOB NOT NULL
        );
        -- One row per window of a paragraph; the id is the FAISS id (never reused).
        CREATE TABLE vectors (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
            window INTEGER NOT NULL,
            key TEXT NOT NULL
        );
        CREATE INDEX vectors_paragraph ON vectors(paragraph_id);
        CREATE INDEX vectors_key ON vectors(key);
        -- The corpus's words, embedded for query expansion (expansion.py).
        CREATE TABLE vocabulary (
            word TEXT PRIMARY KEY,
            key TEXT NOT NULL
        );
        """
    )


@migration
def m003_references(db: sqlite3.Connection) -> None:
    """References between documents (references.py), one row per reference; filled for the documents a
    store already holds, so an upgraded index has them without re-reading its files."""
    db.executescript(
        """
        CREATE TABLE doc_references (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            paragraph_id INTEGER REFERENCES paragraphs(id) ON DELETE CASCADE,
            label TEXT NOT NULL,          -- the citing paragraph
            kind TEXT NOT NULL,           -- resolution | decision | document
            body TEXT,
            number TEXT,                  -- "57/210", "2002/...", "92 (X)"
            symbol TEXT,                  -- a document cited by symbol
            date TEXT,
            verb TEXT,                    -- "recall", "take note", ...
            start INTEGER NOT NULL,       -- the span of the paragraph's text that cites
            end INTEGER NOT NULL,
            quote TEXT NOT NULL
        );
        CREATE INDEX doc_references_doc ON doc_references(doc_id);
        CREATE INDEX doc_references_number ON doc_references(number);
        CREATE INDEX doc_references_symbol ON doc_references(symbol COLLATE NOCASE);
        """
    )
    import json

    from ..records import Document, Paragraph
    from ..parse.references import extract
    from .references import insert_references

    for (meta,) in db.execute("SELECT meta FROM documents").fetchall():
        document = Document.from_json(json.loads(meta))
        rows = db.execute("SELECT id, seq, kind, label, parent, text FROM paragraphs WHERE doc_id = ? ORDER BY seq",
                          (document.id,)).fetchall()
        insert_references(db, document.id, extract(document, [Paragraph(document.id, seq, kind, label, text,
                                                                        parent=parent, id=pid)
                                                              for pid, seq, kind, label, parent, text in rows]))


@migration
def m004_version_families(db: sqlite3.Connection) -> None:
    """Which documents are versions of each other, and each paragraph's counterpart in the other
    versions (ingest/families.py decides them at ingest, so an answer's version note is a lookup). An
    ingest that applies this migration decides them for every document the store already holds."""
    db.executescript(
        """
        CREATE TABLE version_pairs (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            other_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            PRIMARY KEY (doc_id, other_id)
        ) WITHOUT ROWID;
        CREATE INDEX version_pairs_other ON version_pairs(other_id);
        CREATE TABLE paragraph_pairs (
            paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
            other_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
            status TEXT NOT NULL,         -- kept | changed
            similarity REAL NOT NULL,
            PRIMARY KEY (paragraph_id, other_id)
        ) WITHOUT ROWID;
        CREATE INDEX paragraph_pairs_other ON paragraph_pairs(other_id);
        """
    )


@migration
def m005_symbol_tails(db: sqlite3.Connection) -> None:
    """Every tail of a document's symbol after a slash ("RES/57/210", "57/210", "210" for A/RES/57/210),
    lower-cased, so a document named by the end of its symbol is a lookup, not a scan of every symbol.
    Filled for the documents a store already holds."""
    db.executescript(
        """
        CREATE TABLE symbol_tails (
            tail TEXT NOT NULL,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
        );
        CREATE INDEX symbol_tails_tail ON symbol_tails(tail);
        CREATE INDEX symbol_tails_doc ON symbol_tails(doc_id);
        """
    )
    for doc_id, symbol in db.execute("SELECT id, symbol FROM documents WHERE symbol IS NOT NULL").fetchall():
        db.executemany("INSERT INTO symbol_tails VALUES (?, ?)", ((t, doc_id) for t in symbol_tails(symbol)))


@migration
def m006_paragraph_terms(db: sqlite3.Connection) -> None:
    """Each paragraph's stems counted, for weighted BM25 without re-reading and splitting its stems at
    every question (terms.py). Filled for the paragraphs a store already holds."""
    from . import terms

    db.executescript(terms.SCHEMA)
    terms.fill(db)


def symbol_tails(symbol: str) -> list[str]:
    parts = symbol.lower().split("/")
    return ["/".join(parts[k:]) for k in range(1, len(parts))]


# Readers serve a store without these (built before them), with less: no version notes, symbols' tails
# found by a scan, until an ingest adds them (`qabot doctor` says so).
# Nor without the stored term counts: BM25 then reads the stems FTS5 stores (slower, the same scores).
OPTIONAL = frozenset({"m004_version_families", "m005_symbol_tails", "m006_paragraph_terms"})


def pending(db: sqlite3.Connection) -> list[str]:
    done = applied(db)
    return [name for name, _ in MIGRATIONS if name not in done]


def applied(db: sqlite3.Connection) -> set[str]:
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").fetchone()
    if not exists:
        return set()
    return {row[0] for row in db.execute("SELECT name FROM schema_migrations")}


def unknown(db: sqlite3.Connection) -> set[str]:
    return applied(db) - {name for name, _ in MIGRATIONS}


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply what is missing, each migration in its own transaction. Returns the names applied."""
    db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = applied(db)
    ran = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        with db:
            fn(db)
            db.execute("INSERT INTO schema_migrations VALUES (?, datetime('now'))", (name,))
        ran.append(name)
    return ran


def schema_version() -> str:
    """The newest migration's name: recorded in the manifest."""
    return MIGRATIONS[-1][0]
