"""What a conversation reads of the corpus to resolve a follow-up: the paragraph next to one quoted, the
versions of a document ("the one before"), the texts of a body or a year ("the Commission's one", "the
2004 one"), and how to name a document in a question. Lookups of what ingest stored, never a search.
"""

from __future__ import annotations

from ..labels import label_words

_DOCUMENT_WORD = {"draft": "draft"}  # a text's status -> the word that names it ("resolution" otherwise)


class Library:
    """The corpus as a conversation sees it. Callable as `neighbour(doc_id, seq, step)`: the label text of
    the paragraph `step` away from paragraph `seq` of `doc_id`, or None."""

    def __init__(self, store, documents):
        self.store = store
        self.documents = documents
        self._facts: list[tuple[str, str | None, str | None]] | None = None  # (id, date, body)

    def __call__(self, doc_id: str, seq: int, step: int) -> str | None:
        paragraphs = [p for p in self.store.paragraphs(doc_id) if p.kind != "footnote"]
        index = next((i for i, p in enumerate(paragraphs) if p.seq == seq), None)
        if index is None or not 0 <= index + step < len(paragraphs):
            return None
        p = paragraphs[index + step]
        return label_words(p.kind, p.label, bool(p.parent))

    def document(self, doc_id: str | None):
        if doc_id is None:
            return None
        try:
            return self.documents[doc_id]
        except KeyError:
            return None

    def version(self, doc_id: str, step: int):
        """The version of `doc_id` just before it (step -1) or just after it (step 1), by date; None when
        the corpus holds none."""
        doc = self.document(doc_id)
        if doc is None or not doc.date:
            return None
        others = [d for d in (self.document(v) for v in self.store.versions_of(doc_id)) if d is not None and d.date]
        if step < 0:
            before = [d for d in others if d.date < doc.date]
            return max(before, key=lambda d: (d.date, d.id)) if before else None
        after = [d for d in others if d.date > doc.date]
        return min(after, key=lambda d: (d.date, d.id)) if after else None

    def matching(self, bodies=(), years=(), near: str | None = None) -> list[str]:
        """The documents of these bodies and years (either may be empty: any); when `near` is given and
        some of them are versions of it (or it), those only, then those of its body."""
        if self._facts is None:
            self._facts = [(doc_id, date, body) for doc_id, _, date, body, _ in self.store.document_facts()]
        wanted_years = {str(y) for y in years}
        found = sorted(doc_id for doc_id, date, body in self._facts
                       if (not bodies or body in bodies) and (not wanted_years or (date or "")[:4] in wanted_years))
        if near is None or len(found) <= 1:
            return found
        family = set(self.store.versions_of(near)) | {near}
        if family & set(found):
            return [d for d in found if d in family]
        here = self.document(near)
        if here is not None and not bodies:
            same_body = [d for d in found if (self.document(d) or here).body == here.body]
            return same_body or found
        return found


    def narrowed(self, narrowing: dict | None) -> frozenset[str] | None:
        """The documents a Resolved.narrowing names, chosen again (None: no narrowing)."""
        if not narrowing:
            return None
        return frozenset(self.matching(narrowing.get("b") or (), narrowing.get("y") or (), near=narrowing.get("n")))


def name_in_question(doc) -> str:
    """How a question names a document: its symbol, else its year, body and kind ("the 2004 General
    Assembly resolution"), which the question's reading resolves to it."""
    if doc.symbol:
        return doc.symbol
    words = ["the"]
    if doc.date:
        words.append(doc.date[:4])
    if doc.body:
        words.append(doc.body)
    words.append(_DOCUMENT_WORD.get(doc.status or "", "resolution"))
    return " ".join(words)
