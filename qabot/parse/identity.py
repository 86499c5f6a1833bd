"""When two files are one document: the same resolution saved as .txt and .pdf (or .docx, .html).

Two documents are the same when they print the same symbol and mostly the same paragraphs (a
French PDF of A/RES/57/210 has the symbol but not the words, and stays a document of its own), or,
when a symbol is missing on either side, when nearly all their paragraphs are word for word the same
(the 2002 and 2004 texts on one subject share a third of their paragraphs: two documents).

The first one ingested stays; a later file holding the same document is skipped with the name of the
file that holds it. In one ingest the text formats come first (the user's own text, then Word, HTML,
PDF), so that a .txt and its .pdf keep the .txt, whatever their names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from ..records import FOOTNOTE, Document, Paragraph
from .resolution import ParsedDocument

_FORMAT_ORDER = {".txt": 0, ".text": 0, "": 0, ".md": 1, ".markdown": 1, ".docx": 2, ".html": 3,
                 ".htm": 3, ".xhtml": 3, ".pdf": 4}
SAME_SYMBOL_OVERLAP = 0.5
NO_SYMBOL_OVERLAP = 0.9


def format_order(path: Path) -> int:
    """Sort key: which of two files holding one document is read first (and so kept)."""
    return _FORMAT_ORDER.get(path.suffix.lower(), 5)


def _texts(paragraphs: Iterable[Paragraph]) -> frozenset[str]:
    return frozenset(re.sub(r"\s+", " ", p.text).strip().casefold() for p in paragraphs if p.kind != FOOTNOTE)


def _symbol(document: Document) -> str | None:
    return re.sub(r"\s+", "", document.symbol).upper() if document.symbol else None


def same_document(a_symbol: str | None, a_texts: frozenset[str], b_symbol: str | None, b_texts: frozenset[str]) -> bool:
    if not a_texts or not b_texts:
        return False
    if a_symbol and b_symbol and a_symbol != b_symbol:
        return False
    overlap = len(a_texts & b_texts) / min(len(a_texts), len(b_texts))
    return overlap >= (SAME_SYMBOL_OVERLAP if a_symbol and a_symbol == b_symbol else NO_SYMBOL_OVERLAP)


class Twins:
    """The documents ingested so far (stored ones, read lazily, and this run's), to find a file's twin.

    `stored()` yields (source, document, paragraphs) for the documents already in the index that
    still count: one per file, their file still there.
    """

    def __init__(self, stored: Callable[[], Iterable[tuple[str, Document, list[Paragraph]]]]):
        self._stored = stored
        self._known: list[tuple[str, str | None, frozenset[str]]] | None = None

    def _load(self) -> list[tuple[str, str | None, frozenset[str]]]:
        if self._known is None:
            self._known = [(source, _symbol(doc), _texts(paragraphs)) for source, doc, paragraphs in self._stored()]
        return self._known

    def twin_of(self, docs: list[ParsedDocument], source: str) -> str | None:
        """The file that already holds this file's document, or None (and the document is remembered).
        Files holding many documents (a BEIR corpus) are never merged."""
        if len(docs) != 1:
            return None
        doc = docs[0]
        symbol, texts = _symbol(doc.document), _texts(doc.paragraphs)
        known = self._load()
        for other_source, other_symbol, other_texts in known:
            if other_source != source and same_document(symbol, texts, other_symbol, other_texts):
                return other_source
        known.append((source, symbol, texts))
        return None


def stored_documents(store, prune: bool) -> Callable[[], Iterable[tuple[str, Document, list[Paragraph]]]]:
    """What Twins needs from the index's store: its one-document files (whose file is still there
    when pruning, since the others are about to go)."""

    def documents():
        if store is None:
            return
        by_source: dict[str, list[Document]] = {}
        for document in store.documents():
            if document.source:
                by_source.setdefault(document.source, []).append(document)
        for source, documents_ in by_source.items():
            if len(documents_) == 1 and (not prune or Path(source).exists()):
                yield source, documents_[0], list(store.paragraphs(documents_[0].id))

    return documents
