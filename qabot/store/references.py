"""The doc_references table (migration m003_references): one row per reference a paragraph makes."""

from __future__ import annotations

from ..records import Reference


def insert_references(db, doc_id: str, references: list[Reference]) -> None:
    db.executemany(
        "INSERT INTO doc_references (doc_id, paragraph_id, label, kind, body, number, symbol, date, verb, start,"
        " end, quote) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(doc_id, r.paragraph_id, r.label, r.kind, r.body, r.number, r.symbol, r.date, r.verb, r.start, r.end,
          r.quote) for r in references])
