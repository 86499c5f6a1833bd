"""What changed between two versions of a text: "what's new in the 2004 resolution compared with 2002?",
"what was dropped from the 2002 text in 2004?". Answered from the alignment `qabot compare` prints (by
content, not by number): the lead counts the paragraphs added, changed and dropped, and the passages are
those of the newer text that are new or changed (or, asked what was dropped, those of the older one).

Only for two documents that are versions of each other (the ingest decided which: store.versions_of),
one named or described by the question and the other its version of the other year asked about."""

from __future__ import annotations

import re

from ..citations import cite, document_name
from ..records import ADDED, CHANGED, DROPPED, Document, Passage
from .versions import compare

_ASKS_CHANGES = re.compile(r"\bwhat(?:'s|\u2019s| is| was| has)?\s+(?:been\s+)?(?:new|changed|added|dropped|removed|"
                           r"different|left out|taken out)\b|\bwhat changed\b|\bdifferences?\b|\bhow (?:do|does|did) "
                           r".{0,60}\bdiffer\b", re.I)
_DROPPED = re.compile(r"\b(?:dropped|removed|left out|taken out|deleted)\b", re.I)


def versions_asked(retrieval) -> tuple[Document, Document] | None:
    """(older, newer) when the question asks what changed between two versions of a text."""
    query, store = retrieval.query, retrieval.store
    if store is None or not retrieval.resolved or not _ASKS_CHANGES.search(query.text):
        return None
    first = retrieval.documents[retrieval.resolved[0][0]]
    others = [retrieval.documents[d] for d, _ in retrieval.resolved[1:]]
    years = {str(y) for y in query.years}
    versions = [retrieval.documents[d] for d in store.versions_of(first.id)
                if d in retrieval.documents and (retrieval.within is None or d in retrieval.within)]
    other = next((d for d in others if d.id in {v.id for v in versions}), None) \
        or next((v for v in versions if (v.date or "")[:4] in years and (v.date or "")[:4] != (first.date or "")[:4]),
                None)
    if other is None:
        return None
    older, newer = sorted((first, other), key=lambda d: d.date or "")
    return older, newer


def answer_changes(answer, retrieval, older: Document, newer: Document, k: int, style: str) -> None:
    comparison = compare(retrieval.store, older, newer)
    counts = comparison.counts()
    dropped = bool(_DROPPED.search(retrieval.query.text))
    if dropped:
        shown = [(older, e.a) for e in comparison.entries if e.status == DROPPED]
    else:  # the new paragraphs first, then the changed ones, each in the text's order
        shown = [(newer, e.b) for status in (ADDED, CHANGED) for e in comparison.entries if e.status == status]
    if _subject(retrieval, older, newer):  # "what changed in the Latin America paragraph?": the best match first
        rank = {c.pid: i for i, c in enumerate(retrieval.candidates)}
        shown.sort(key=lambda dp: rank.get(dp[1].id, len(rank)))
    answer.lead = (f"{document_name(newer)} against {document_name(older)}: {counts[ADDED]} paragraphs added, "
                   f"{counts[CHANGED]} changed, {counts[DROPPED]} dropped; below, the "
                   + ("dropped ones, as the older text has them" if dropped else "added and changed ones")
                   + f" (`qabot compare` shows every change word by word).")
    answer.found, answer.reason = bool(shown), "versions compared"
    answer.passages = [Passage(rank=i, score=1.0, paragraph=p, document=d, highlight=p.text, citation=cite(d, p, style),
                               role="changed") for i, (d, p) in enumerate(shown[:k], 1)]


_CHANGE_WORDS = frozenset("""new changed change changes added dropped removed different differ differs difference
differences compared compare comparison between left taken deleted version versions text texts resolution
resolutions document documents draft""".split())


def _subject(retrieval, older: Document, newer: Document) -> bool:
    """Does the question ask about a subject, beyond the two texts and the change ("what changed in the
    Latin America paragraph")? Its words that name neither the texts (their titles, bodies) nor a change."""
    naming = set()
    for doc in (older, newer):
        naming.update(re.findall(r"[a-z]+", f"{doc.title or ''} {doc.body or ''}".lower()))
    return any(t not in _CHANGE_WORDS and t not in naming and not t.isdigit() and t not in ("ga", "chr")
               for t in retrieval.query.terms)

