"""A BEIR corpus (JSON Lines of {"_id", "title", "text"}): each record is a document whose id is its
`_id`, with its title, and its text as one paragraph (windowed for embedding when long, quoted whole)."""

from __future__ import annotations

import json

from ..errors import UnreadableFile
from ..records import OPERATIVE, Document, Paragraph
from .clean import collapse
from .resolution import ParsedDocument


def parse_jsonl(text: str, source: str) -> list[ParsedDocument]:
    documents: list[ParsedDocument] = []
    seen: set[str] = set()
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise UnreadableFile(f"line {no} is not JSON ({exc.msg})") from None
        if not isinstance(record, dict) or "_id" not in record or not isinstance(record.get("text", ""), str):
            raise UnreadableFile(f'line {no} is not a BEIR record {{"_id", "title", "text"}}')
        doc_id = str(record["_id"])
        body = collapse(record.get("text") or "")
        if doc_id in seen or not body:
            continue
        seen.add(doc_id)
        title = collapse(record.get("title") or "") or None
        document = Document(id=doc_id, title=title, source=source, layout="beir")
        documents.append(ParsedDocument(document, [Paragraph(doc_id, 0, OPERATIVE, "1", body)]))
    if not documents:
        raise UnreadableFile("no records with text found")
    return documents
