"""The paragraph store: one SQLite file with documents, paragraphs and their FTS5 index.

A published generation's store is never written again, so readers open it immutable (no locks, no
journal). Writers only ever work on a new generation's copy (see generations.py).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from . import migrations, terms
from ..language.stemming import index_text
from ..errors import IndexRefused, UnknownDocument
from ..records import Document, Paragraph
from ..citations import resolution_number
from ..records import Reference
from .references import insert_references

STORE_FILE = "store.sqlite"


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        uri = f"file:{path.resolve()}?mode=ro&immutable=1"
        db = sqlite3.connect(uri, uri=True, check_same_thread=False)
    else:
        db = sqlite3.connect(path, check_same_thread=False)
        db.execute("PRAGMA journal_mode = DELETE")
        db.execute("PRAGMA synchronous = OFF")  # the generation is fsynced as a whole before it is published
    db.execute("PRAGMA foreign_keys = ON")
    return db


class Store:
    def __init__(self, path: Path, readonly: bool = True, upgrading: bool = False):
        """readonly: served, refused unless its schema is this qabot's. upgrading (readonly, for the
        ingest that will build the next generation from it): an older schema is accepted, and
        `outdated` says the next generation must be written even if no file changed."""
        self.path = Path(path)
        self.readonly = readonly
        self.outdated = False
        self.migrated: list[str] = []  # what opening for writing applied
        self._local = threading.local()
        self._main = _connect(self.path, readonly)
        if readonly:
            try:
                self._check_schema(self._main)
            except IndexRefused:
                if not upgrading or migrations.unknown(self._main):
                    raise
                self.outdated = True
        else:
            self.migrated = migrations.migrate(self._main)
        # version families decided at ingest (an older store lacks them: served without version notes)
        done = migrations.applied(self._main)
        self.families = "m004_version_families" in done
        self.tails = "m005_symbol_tails" in done  # without: a symbol's tail is found by a scan
        self.terms = "m006_paragraph_terms" in done  # without: BM25 splits the stems FTS5 stores
        self.outdated = self.outdated or (upgrading and not (self.families and self.tails and self.terms))
        self._terms = None if readonly else terms.Writer(self._main)

    # ------------------------------------------------------------ connections
    @property
    def db(self) -> sqlite3.Connection:
        """One connection per thread for readers (the Slack bot answers on worker threads)."""
        if not self.readonly:
            return self._main
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = _connect(self.path, True)
        return db

    def _check_schema(self, db: sqlite3.Connection) -> None:
        try:
            missing = migrations.pending(db)
            extra = migrations.unknown(db)
        except sqlite3.DatabaseError as exc:
            raise IndexRefused(f"The store {self.path} is not a readable SQLite database ({exc}).") from None
        if extra:
            raise IndexRefused(
                f"The store {self.path} was built by a newer qabot (schema {sorted(extra)[-1]}); upgrade qabot.")
        if set(missing) - migrations.OPTIONAL:
            raise IndexRefused(
                f"The store {self.path} was built by an older qabot; run `qabot ingest` to upgrade it.")

    def close(self) -> None:
        self._main.close()
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()

    # ------------------------------------------------------------ writing
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction of writes: committed when the block ends, rolled back if it raises."""
        try:
            with self._main:
                yield
        except BaseException:
            self._terms = terms.Writer(self._main)  # the stem numbers it had kept may have been rolled back
            raise

    def put_document(self, document: Document, paragraphs: list[Paragraph]) -> list[int]:
        """Replace a document and its paragraphs (call inside a transaction). Returns the new paragraph ids."""
        self.delete_document(document.id)
        meta = json.dumps(document.to_json(), ensure_ascii=False)
        self._main.execute(
            "INSERT INTO documents (id, source, content_hash, symbol, number, body, title, date, status, meta,"
            " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (document.id, document.source, document.content_hash or "", document.symbol, document.number,
             document.body, document.title, document.date, document.status, meta,
             datetime.now(timezone.utc).isoformat(timespec="seconds")))
        if document.symbol:
            self._main.executemany("INSERT INTO symbol_tails VALUES (?, ?)",
                                   ((t, document.id) for t in migrations.symbol_tails(document.symbol)))
        ids = []
        by_label = {p.label: p for p in paragraphs}
        for p in paragraphs:
            cur = self._main.execute(
                "INSERT INTO paragraphs (doc_id, seq, kind, label, parent, text, footnotes)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (document.id, p.seq, p.kind, p.label, p.parent, p.text, json.dumps(p.footnotes)))
            p.id = cur.lastrowid
            ids.append(p.id)
            text, context = index_text(p.text), index_text(context_of(p, by_label, document))
            self._main.execute("INSERT INTO paragraphs_fts (rowid, text, context) VALUES (?, ?, ?)",
                               (p.id, text, context))
            self._terms.put(p.id, text, context)
        return ids

    def put_references(self, doc_id: str, references: list[Reference]) -> None:
        """A document's references to others (read from its text at ingest: parse/references.py)."""
        insert_references(self._main, doc_id, references)

    def delete_document(self, doc_id: str) -> list[int]:
        ids = [row[0] for row in self._main.execute("SELECT id FROM paragraphs WHERE doc_id = ?", (doc_id,))]
        self._main.executemany("DELETE FROM paragraphs_fts WHERE rowid = ?", ((i,) for i in ids))
        self._main.execute("DELETE FROM doc_references WHERE doc_id = ?", (doc_id,))
        self._main.execute("DELETE FROM paragraphs WHERE doc_id = ?", (doc_id,))
        self._main.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        return ids

    # ------------------------------------------------------------ reading
    def document_index(self) -> dict[str, tuple[str, str | None]]:
        """id -> (content_hash, source) for every document."""
        return {row[0]: (row[1], row[2]) for row in self.db.execute("SELECT id, content_hash, source FROM documents")}

    def documents(self) -> list[Document]:
        rows = self.db.execute("SELECT meta FROM documents ORDER BY COALESCE(date, ''), id")
        return [Document.from_json(json.loads(row[0])) for row in rows]

    def sponsored_by(self, state: str, limit: int = 20) -> list[Document]:
        """The documents whose sponsors include `state` (their metadata, not their paragraphs)."""
        rows = self.db.execute("SELECT meta FROM documents WHERE instr(meta, ?) > 0 ORDER BY COALESCE(date, ''), id "
                               "LIMIT ?", (json.dumps(state), limit * 5))
        found = [Document.from_json(json.loads(row[0])) for row in rows]
        return [d for d in found if state in (d.sponsors or [])][:limit]

    def document_facts(self) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
        """(id, title, date, body, status) of every document, in no order: what the lookups of documents
        a question describes are built from, without reading every document whole."""
        return self.db.execute("SELECT id, title, date, body, status FROM documents").fetchall()

    def document_years(self) -> set[int]:
        """The years of the documents' dates."""
        rows = self.db.execute("SELECT DISTINCT substr(date, 1, 4) FROM documents WHERE date IS NOT NULL")
        return {int(r[0]) for r in rows if r[0].isdigit()}

    def document_bodies(self) -> set[tuple[str, int | None]]:
        """(body, year of its date or None) of the documents that name their body."""
        rows = self.db.execute("SELECT DISTINCT body, substr(date, 1, 4) FROM documents WHERE body != ''")
        return {(body, int(year) if year and year.isdigit() else None) for body, year in rows}

    def document_sessions(self) -> list[tuple[str, str | None, str | None]]:
        """(body, session, date) of the documents that name their body."""
        return self.db.execute("SELECT DISTINCT body, json_extract(meta, '$.session'), date FROM documents "
                               "WHERE body != ''").fetchall()

    def document_meetings(self) -> list[tuple[str, str]]:
        """(document id, the meeting it says it was adopted at: "77th plenary meeting") of those that say one."""
        return self.db.execute(
            "SELECT id, json_extract(meta, '$.meeting') FROM documents WHERE json_extract(meta, '$.meeting') "
            "IS NOT NULL").fetchall()

    def document(self, doc_id: str) -> Document | None:
        row = self.db.execute("SELECT meta FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return Document.from_json(json.loads(row[0])) if row else None

    def resolve(self, name: str) -> Document:
        """A document named as people name it: its id, symbol, or resolution number ("57/210")."""
        matches = self.find_documents(name)
        if not matches and re.fullmatch(r"\s*(?:19|20)\d\d\s*", name):
            # "qabot refs 2004": a text without a symbol is named by its year, when that year dates one text
            rows = self.db.execute("SELECT meta FROM documents WHERE substr(date, 1, 4) = ? ORDER BY rowid",
                                   (name.strip(),)).fetchall()
            matches = [Document.from_json(json.loads(r[0])) for r in rows]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            known = ", ".join(d.name for d in self.documents()[:12])
            raise UnknownDocument(f"No document {name!r} in the index (documents: {known}).")
        raise UnknownDocument(
            f"{name!r} names several documents ({', '.join(d.name for d in matches)}); use one of these.")

    def find_documents(self, name: str) -> list[Document]:
        name = name.strip()
        row = self.db.execute("SELECT meta FROM documents WHERE id = ?", (name,)).fetchone()
        if row:
            return [Document.from_json(json.loads(row[0]))]
        rows = self.db.execute("SELECT meta FROM documents WHERE symbol = ? COLLATE NOCASE", (name,)).fetchall()
        if not rows:
            short = re.sub(r"^(?:resolution|res\.?|draft resolution)\s+", "", name, flags=re.I).strip()
            if self.tails:
                rows = self.db.execute(
                    "SELECT meta FROM documents WHERE number = ? OR id IN (SELECT doc_id FROM symbol_tails"
                    " WHERE tail = ?) ORDER BY rowid", (short, short.lower())).fetchall()
            else:
                rows = self.db.execute(
                    "SELECT meta FROM documents WHERE number = ? OR symbol LIKE ? COLLATE NOCASE",
                    (short, "%/" + short)).fetchall()
        return [Document.from_json(json.loads(r[0])) for r in rows]

    def paragraphs(self, doc_id: str | None = None) -> Iterator[Paragraph]:
        if doc_id is None:
            rows = self.db.execute(
                "SELECT p.* FROM paragraphs p JOIN documents d ON d.id = p.doc_id"
                " ORDER BY COALESCE(d.date, ''), d.id, p.seq")
        else:
            rows = self.db.execute("SELECT * FROM paragraphs WHERE doc_id = ? ORDER BY seq", (doc_id,))
        for row in rows:
            yield _paragraph(row)

    def paragraphs_by_id(self, ids: Iterable[int]) -> dict[int, Paragraph]:
        ids = list(ids)
        out: dict[int, Paragraph] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT * FROM paragraphs WHERE id IN ({marks})", chunk):
                out[row[0]] = _paragraph(row)
        return out

    def paragraph_ids_in(self, doc_ids: list[str]) -> set[int]:
        """The ids of every paragraph of these documents."""
        out: set[int] = set()
        for start in range(0, len(doc_ids), 500):
            chunk = doc_ids[start:start + 500]
            out.update(r[0] for r in self.db.execute(
                f"SELECT id FROM paragraphs WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def paragraph(self, doc_id: str, label: str) -> Paragraph | None:
        row = self.db.execute("SELECT * FROM paragraphs WHERE doc_id = ? AND label = ?", (doc_id, label)).fetchone()
        return _paragraph(row) if row else None

    def mentions(self, phrase: str) -> bool:
        """Does some paragraph's text hold `phrase` (its stems, in order)?"""
        match = _phrase_match(phrase)
        return match is not None and self.db.execute(
            "SELECT 1 FROM paragraphs_fts WHERE paragraphs_fts MATCH ? LIMIT 1", (match,)).fetchone() is not None

    def mentions_together(self, phrases: list[str]) -> bool:
        """Does some paragraph hold every one of `phrases` (each its stems, in order), anywhere in it?"""
        parts = [m for m in map(_phrase_match, phrases) if m is not None]
        return bool(parts) and self.db.execute("SELECT 1 FROM paragraphs_fts WHERE paragraphs_fts MATCH ? LIMIT 1",
                                               (" AND ".join(parts),)).fetchone() is not None

    def mentioning(self, word: str, within: list[str] | None = None, limit: int = 50,
                   prefix: bool = True) -> list[Paragraph]:
        """Up to `limit` paragraphs (in no particular order) of the documents `within` (None: any) holding
        `word` (its stem; with `prefix`, any word that begins with it: "Asia", "Asian"), through the lexical
        index."""
        stems = index_text(word).split()
        if len(stems) != 1 or not stems[0].isalnum():
            return []
        sql = "SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?"
        args: list = [f"text : {stems[0]}{'*' if prefix else ''}"]
        if within is not None:
            sql += f" AND rowid IN (SELECT id FROM paragraphs WHERE doc_id IN ({','.join('?' * len(within))}))"
            args += list(within)
        rows = self.db.execute(f"SELECT * FROM paragraphs WHERE id IN ({sql} LIMIT ?)", (*args, limit))
        return [_paragraph(row) for row in rows]

    def documents_mentioning(self, phrase: str, limit: int = 50) -> list[str]:
        """The documents (ids, at most `limit`) of which some paragraph holds `phrase` (its stems, in order)."""
        match = _phrase_match(phrase)
        if match is None:
            return []
        rows = self.db.execute(
            "SELECT DISTINCT doc_id FROM paragraphs WHERE id IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts"
            " MATCH ?) LIMIT ?", (match, limit))
        return [row[0] for row in rows]

    def mentions_words(self, words: list[str]) -> bool:
        """Does some paragraph's text hold every one of `words`, in any order, each its stem or a longer word
        beginning with it ("Asia" in "Asian")?"""
        stems = [s.replace('"', "") for w in words for s in index_text(w).split()]
        stems = [s for s in stems if s.isalnum()]
        if not stems:
            return False
        match = " AND ".join(f"text : {s}*" for s in stems)
        return self.db.execute("SELECT 1 FROM paragraphs_fts WHERE paragraphs_fts MATCH ? LIMIT 1",
                               (match,)).fetchone() is not None

    def mentions_near(self, first: str, second: str, distance: int = 4) -> bool:
        """Does some paragraph's text hold `first` and `second` (each its stems, in order) within `distance`
        words of each other, in either order ("Asian ... court": "the Asian and Pacific court")?"""
        a, b = (_phrase_match(x) for x in (first, second))
        if a is None or b is None:
            return False
        match = f"text : NEAR({a.removeprefix('text : ')} {b.removeprefix('text : ')}, {int(distance)})"
        return self.db.execute("SELECT 1 FROM paragraphs_fts WHERE paragraphs_fts MATCH ? LIMIT 1",
                               (match,)).fetchone() is not None

    def cites(self, name: str) -> bool:
        """Does some paragraph name the document `name` ("A/RES/32/127" as printed, or its number "32/127")?"""
        return self.mentions(name) or any(self.mentions(n) for n in re.findall(r"\d+/\d+", name) if n != name)

    def footnote_texts(self, doc_id: str) -> dict[str, str]:
        rows = self.db.execute("SELECT label, text FROM paragraphs WHERE doc_id = ? AND kind = 'footnote'", (doc_id,))
        return dict(rows.fetchall())

    def references_from(self, doc_id: str) -> list[Reference]:
        """What a document cites, in document order."""
        rows = self.db.execute(
            "SELECT r.label, r.kind, r.quote, r.start, r.end, r.body, r.number, r.symbol, r.date, r.verb,"
            " r.paragraph_id FROM doc_references r LEFT JOIN paragraphs p ON p.id = r.paragraph_id"
            " WHERE r.doc_id = ? ORDER BY COALESCE(p.seq, 0), r.start", (doc_id,))
        return [Reference(*row) for row in rows]

    def references_to(self, doc: Document) -> list[tuple[str, Reference]]:
        """(citing document id, reference) for every reference in other documents that names `doc`."""
        from ..parse.references import resolves_to  # (the parsers are not loaded to answer most questions)

        number = doc.number or resolution_number(doc.symbol)
        rows = self.db.execute(
            "SELECT r.doc_id, r.label, r.kind, r.quote, r.start, r.end, r.body, r.number, r.symbol, r.date, r.verb,"
            " r.paragraph_id FROM doc_references r LEFT JOIN paragraphs p ON p.id = r.paragraph_id"
            " WHERE r.doc_id != ? AND ((r.number IS NOT NULL AND r.number = ?)"
            " OR (r.symbol IS NOT NULL AND r.symbol = ? COLLATE NOCASE))"
            " ORDER BY r.doc_id, COALESCE(p.seq, 0), r.start", (doc.id, number or "", doc.symbol or ""))
        out = [(row[0], Reference(*row[1:])) for row in rows]
        return [(d, r) for d, r in out if resolves_to(r, doc)]

    def put_version_pairs(self, a: str, b: str, pairs: list[tuple[int, int, str, float]]) -> None:
        """Documents a and b are versions of each other; (paragraph of a, paragraph of b, kept|changed,
        similarity) for the paragraphs they share. Stored both ways."""
        self._main.executemany("INSERT OR IGNORE INTO version_pairs VALUES (?, ?)", ((a, b), (b, a)))
        self._main.executemany("INSERT OR REPLACE INTO paragraph_pairs VALUES (?, ?, ?, ?)",
                               [row for x, y, status, sim in pairs for row in ((x, y, status, sim),
                                                                             (y, x, status, sim))])

    def versions_of(self, doc_id: str) -> list[str]:
        if not self.families:
            return []
        return [r[0] for r in self.db.execute("SELECT other_id FROM version_pairs WHERE doc_id = ?", (doc_id,))]

    def counterparts(self, ids: Iterable[int]) -> list[tuple[int, Paragraph, str, float]]:
        """(paragraph id, its counterpart in another version of its document, kept|changed, similarity)."""
        ids = [i for i in ids if i is not None]
        if not self.families or not ids:
            return []
        rows = self.db.execute(
            "SELECT pp.paragraph_id, pp.status, pp.similarity, p.* FROM paragraph_pairs pp"
            f" JOIN paragraphs p ON p.id = pp.other_id WHERE pp.paragraph_id IN ({','.join('?' * len(ids))})", ids)
        return [(row[0], _paragraph(row[3:]), row[1], row[2]) for row in rows]

    def optimize(self) -> None:
        """Let SQLite refresh its query planner's statistics (a generation's last write)."""
        self._main.execute("PRAGMA optimize")

    def counts(self) -> dict[str, int]:
        return {
            "documents": self.db.execute("SELECT count(*) FROM documents").fetchone()[0],
            "paragraphs": self.db.execute("SELECT count(*) FROM paragraphs").fetchone()[0],
        }

    def vector_rows(self) -> list[tuple[int, int]]:
        """(vector id, paragraph id) of every stored vector, in id order: what the FAISS id map must equal."""
        return self.db.execute("SELECT id, paragraph_id FROM vectors ORDER BY id").fetchall()

    def paragraphs_without_vectors(self) -> int:
        return self.db.execute("SELECT count(*) FROM paragraphs p WHERE NOT EXISTS "
                               "(SELECT 1 FROM vectors v WHERE v.paragraph_id = p.id)").fetchone()[0]

    def integrity_problems(self) -> list[str]:
        rows = self.db.execute("PRAGMA integrity_check").fetchall()
        problems = [r[0] for r in rows if r[0] != "ok"]
        fts = self.db.execute("SELECT count(*) FROM paragraphs_fts").fetchone()[0]
        paragraphs = self.counts()["paragraphs"]
        if fts != paragraphs:
            problems.append(f"the lexical index holds {fts} rows for {paragraphs} paragraphs")
        return problems


def _phrase_match(phrase: str) -> str | None:
    """An FTS5 query for `phrase` in a paragraph's text: its stems, in order; None when it has none."""
    stems = [s.replace('"', "") for s in index_text(phrase).split()]
    return f'text : "{" ".join(stems)}"' if any(stems) else None


def _paragraph(row) -> Paragraph:
    pid, doc_id, seq, kind, label, parent, text, footnotes = row[:8]
    return Paragraph(doc_id, seq, kind, label, text, parent=parent,
                     footnotes=json.loads(footnotes) if footnotes != "[]" else [], id=pid)


def context_of(p: Paragraph, by_label: dict[str, Paragraph], document: Document) -> str:
    """What a paragraph means beyond its own words: the chapeau(s) a sub-paragraph continues, the
    sub-paragraphs a chapeau introduces (a list is found by what it lists), the document's title."""
    parts = []
    parent = by_label.get(p.parent) if p.parent else None
    while parent is not None:
        parts.insert(0, parent.text)
        parent = by_label.get(parent.parent) if parent.parent else None
    parts.extend(child.text for child in by_label.values() if child.parent == p.label)
    if document.title:
        parts.append(document.title)
    return " ".join(parts)
