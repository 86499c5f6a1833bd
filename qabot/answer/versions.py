"""Versions of a text: two documents aligned paragraph by paragraph (language/alignment.py does it, for
`qabot compare`), and, for a paragraph an answer quotes, the same paragraph in other versions of its
document: a lookup of what the ingest decided (ingest/families.py), never a search of the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..language.alignment import (ALSO_IN, MATCH, VERSION_SHARE, align, is_version, same_text, similarity,  # noqa: F401
                                  word_diff, words)
from ..records import KEPT, Comparison, Document, Paragraph


def compare(store, a: Document, b: Document) -> Comparison:
    return align(a, list(store.paragraphs(a.id)), b, list(store.paragraphs(b.id)))


def are_versions(store, a: Document, b: Document) -> bool:
    """Two texts of one resolution: by their metadata, or because most of their paragraphs align."""
    if a.id == b.id:
        return False
    return same_text(a, b) or is_version(compare(store, a, b))


@dataclass
class Occurrence:
    document: Document
    paragraph: Paragraph
    status: str  # kept | changed
    similarity: float


def also_in(store, documents: dict[str, Document], paragraphs: list[Paragraph],
            limit: int = 3) -> dict[int, list[Occurrence]]:
    """paragraph id -> the same paragraph (kept or changed) in other versions of its document, newest
    first, as the ingest aligned them: one query for all the paragraphs."""
    found: dict[int, list[Occurrence]] = {}
    for pid, other, status, score in store.counterparts(p.id for p in paragraphs):
        doc = documents.get(other.doc_id)
        if doc is not None:
            found.setdefault(pid, []).append(Occurrence(doc, other, status, score))
    for occurrences in found.values():
        occurrences.sort(key=lambda o: (o.document.date or "", o.document.id), reverse=True)
        del occurrences[limit:]
    return found


def version_notes(store, documents: dict[str, Document], shown: list[tuple[Document, Paragraph]],
                  said: set[tuple[str, str]] = frozenset()) -> list[str]:
    """For each paragraph shown, where other versions of its document have it:
    "A/RES/57/210, op. 15 is also in “…” (General Assembly, 20 December 2004), op. 9, changed (a newer text)."."""
    from ..citations import document_label

    notes: list[str] = []
    quoted = {(doc.id, paragraph.label) for doc, paragraph in shown}
    elsewhere = also_in(store, documents, [paragraph for _, paragraph in shown])
    for doc, paragraph in shown:
        for o in elsewhere.get(paragraph.id, []):
            if (o.document.id, o.paragraph.label) in quoted | said:
                continue  # quoted already, or said already to hold the very same words
            when = ""
            if doc.date and o.document.date and doc.date != o.document.date:
                when = " (a newer text)" if o.document.date > doc.date else " (an older text)"
            note = (f"{document_label(doc)}, {paragraph.citation_label} is also in {document_label(o.document)}, "
                    f"{o.paragraph.citation_label}, {'unchanged' if o.status == KEPT else 'changed'}{when}.")
            if note not in notes:
                notes.append(note)
    return notes
