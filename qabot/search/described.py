"""Documents a question describes without naming them ("the 2003 Commission resolution on regional
workshops"), found through lookups built once per generation (title stems, years, drafts), never by
scoring every document for every question."""

from __future__ import annotations

from ..language import stemming
from ..records import Document


class Described:
    def __init__(self, documents: dict[str, Document]):
        self.documents = documents
        self.order = {doc_id: n for n, doc_id in enumerate(documents)}
        self.title_stems = {d.id: set(stemming.stems(d.title or "")) for d in documents.values()}
        counts: dict[str, int] = {}
        for stems in self.title_stems.values():
            for s in stems:
                counts[s] = counts.get(s, 0) + 1
        # a title stem is rare when at most half the documents (or two) have it
        self.rare = {s for s, n in counts.items() if n * 2 <= max(2, len(documents))}
        self.by_stem: dict[str, list[str]] = {}
        self.by_year: dict[int, list[str]] = {}
        self.drafts: list[str] = []
        self.bodies = {d.body for d in documents.values() if d.body}
        self.dated = {(d.body, int(d.date[:4])) for d in documents.values() if d.body and d.date}
        for d in documents.values():
            for s in self.title_stems[d.id] & self.rare:
                self.by_stem.setdefault(s, []).append(d.id)
            if d.date:
                self.by_year.setdefault(int(d.date[:4]), []).append(d.id)
            if d.status == "draft":
                self.drafts.append(d.id)

    def years(self) -> set[int]:
        return set(self.by_year)

    def scored(self, query, question_stems: set[str]) -> list[tuple[str, float]]:
        """(document id, score) of the documents the question describes, best first. Only a document
        with a rare title stem of the question, its year or (for a draft asked for) its status can reach
        the threshold, so only those are scored."""
        candidates: set[str] = set()
        for s in question_stems & self.rare:
            candidates.update(self.by_stem.get(s, ()))
        for year in query.years:
            candidates.update(self.by_year.get(year, ()))
        if query.draft:
            candidates.update(self.drafts)
        scored = []
        for doc_id in sorted(candidates, key=self.order.__getitem__):
            doc = self.documents[doc_id]
            score = 0.0
            if query.bodies:
                score += 2.0 if doc.body in query.bodies else -2.0
            year = int(doc.date[:4]) if doc.date else None
            if query.years and year in query.years:
                score += 2.0
                if query.months and doc.date and int(doc.date[5:7]) in query.months:
                    score += 0.5
            if query.draft:
                score += 2.0 if doc.status == "draft" else -1.5
            score += 1.0 * len(self.title_stems[doc_id] & self.rare & question_stems)
            if score >= 2.5:
                scored.append((doc_id, score))
        scored.sort(key=lambda x: -x[1])
        return scored
