"""Files -> documents and paragraphs.

`parse_bytes` picks the reader by file type: text and Markdown go straight to the resolution parser;
PDF, Word and HTML readers (read.read_document) first turn the file into the text layout that parser
reads, so one set of paragraph rules serves every format. Every reader returns ParsedDocuments whose
paragraph texts are the document's own words, layout removed. A file that cannot be read raises
UnreadableFile with the reason.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import UnreadableFile
from .read import decode_text, read_bytes, read_document
from .beir import parse_jsonl
from .resolution import ParsedDocument, parse_resolution

# Bump when parsing changes what it produces: every file is then parsed again at the next ingest.
PARSER_VERSION = "5"

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}


def content_hash(data: bytes, extra: str = "") -> str:
    digest = hashlib.sha256()
    digest.update(PARSER_VERSION.encode())
    digest.update(extra.encode())
    digest.update(data)
    return digest.hexdigest()


def parse_bytes(data: bytes, path: Path, doc_id: str, source: str) -> list[ParsedDocument]:
    """The documents a file holds (one, or many for a BEIR corpus)."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES and not data.startswith(b"%PDF-"):
        return [parse_resolution(decode_text(data), doc_id, source)]
    if suffix == ".jsonl":
        return parse_jsonl(decode_text(data), source)
    reader = read_document(data, suffix)
    parsed = parse_resolution(reader.text, doc_id, source)
    parsed.document.layout = reader.layout
    return [parsed]


__all__ = ["ParsedDocument", "UnreadableFile", "parse_bytes", "read_bytes", "content_hash"]
