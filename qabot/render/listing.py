"""Lists of documents and paragraphs, for `qabot docs` and `qabot paragraphs`."""

from __future__ import annotations

import json

from ..records import Document, Paragraph


def documents_json(documents: list[Document]) -> str:
    return json.dumps([d.to_json() for d in documents], ensure_ascii=False, indent=2)


def documents_rows(documents: list[Document]) -> list[tuple[str, ...]]:
    return [(d.id, d.symbol or "-", d.body or "-", d.date or "-", d.status or "-", d.title or "-")
            for d in documents]


DOCUMENT_COLUMNS = ("id", "symbol", "body", "date", "status", "title")


def documents_text(documents: list[Document]) -> str:
    rows = [DOCUMENT_COLUMNS] + documents_rows(documents)
    widths = [max(len(r[i]) for r in rows) for i in range(len(DOCUMENT_COLUMNS) - 1)]
    lines = []
    for row in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1])
    return "\n".join(lines)


def paragraph_jsonl(paragraph: Paragraph, document: Document, footnote_texts: dict[str, str]) -> str:
    return json.dumps(paragraph.to_json(document, footnote_texts), ensure_ascii=False)


def paragraph_text(paragraph: Paragraph, document: Document) -> str:
    notes = f"  [notes: {', '.join(n[2:] for n in paragraph.footnotes)}]" if paragraph.footnotes else ""
    return f"{document.name}  {paragraph.citation_label}{notes}\n    {paragraph.text}"
