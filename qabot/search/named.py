"""The paragraph a question names by its number ("op. 8 (c) of the 2004 text", "the last preambular paragraph"):
placed first among the candidates, with its sub-paragraphs, its counterparts in the other versions of its text
(aligned at ingest) when the question spans two texts, or the paragraphs on either side when the text has no
such paragraph."""

from __future__ import annotations

from ..records import FOOTNOTE, OPERATIVE, PREAMBULAR, Paragraph
from .candidates import Candidate
from .paragraph_ref import ParagraphRef


def _counterparts_asked(searcher, retrieval, named: Paragraph) -> list[Paragraph]:
    """The paragraph's counterparts in the other versions of its text (aligned at ingest), when the question
    spans two texts ("what changed in op. 6 between the 2002 and 2004 texts?", "compare op. 6 of 57/210 with
    the 2004 resolution"): of the other texts it names or describes, or of every version when it names none."""
    query = retrieval.query
    others = {doc_id for doc_id, _ in retrieval.resolved if doc_id != named.doc_id}
    if not (query.cross or query.compare):
        return []  # (several texts described, "paragraph 6 of the 2002 GA resolution", ask one paragraph)
    # (not one kept word for word: its words would stand twice; the version note says where else they stand)
    same = " ".join(named.text.split())
    pairs = [other for pid, other, _, _ in searcher.store.counterparts([named.id])
             if pid == named.id and " ".join(other.text.split()) != same]
    if others:
        pairs = [other for other in pairs if other.doc_id in others]
    if retrieval.within is not None:
        pairs = [other for other in pairs if other.doc_id in retrieval.within]
    return sorted(pairs, key=lambda other: (searcher.documents[other.doc_id].date or "", other.doc_id))


def place_named(searcher, retrieval, ref: ParagraphRef, doc_id: str) -> None:
    """The paragraph a question names by its number, first among the candidates ("what does op. 8 (c) of the
    2004 text say?"): with its sub-paragraphs when it is a chapeau, its counterparts in another version when the
    question spans two texts; where the text has no such paragraph, the ones on either side of the gap."""
    paragraphs = list(searcher.store.paragraphs(doc_id))
    named: list[Paragraph] = []
    if ref.last:
        kind_paragraphs = [p for p in paragraphs if p.kind == (ref.kind or OPERATIVE) and p.parent is None]
        named = kind_paragraphs[-1:]
    else:
        label = ref.label()
        if ref.kind in (None, OPERATIVE) and not ref.subs and ref.number is not None:
            named = [p for p in paragraphs if p.label == label and p.kind == OPERATIVE]
        else:
            named = [p for p in paragraphs if p.label == label]
        if not named and label:
            retrieval.missing_label = label
            named = _around_gap(paragraphs, ref)
    if not named:
        return
    role = "gap" if retrieval.missing_label else "named"
    front: list[Candidate] = []
    for i, p in enumerate(named):
        front.append(Candidate(p.id, score=2.0 - 0.01 * i, role=role, reasons=[role]))
        retrieval.paragraphs[p.id] = p
    if role == "named" and len(named) == 1:
        for p in _counterparts_asked(searcher, retrieval, named[0]):
            front.append(Candidate(p.id, score=1.95, role="counterpart", reasons=["counterpart"]))
            retrieval.paragraphs[p.id] = p
    # a chapeau asked for brings its sub-paragraphs
    if role == "named" and len(named) == 1:
        children = [p for p in paragraphs if p.parent == named[0].label]
        for i, p in enumerate(children):
            front.append(Candidate(p.id, score=1.9 - 0.01 * i, role="list", reasons=["sub-paragraph"]))
            retrieval.paragraphs[p.id] = p
    ids = {c.pid for c in front}
    retrieval.candidates = front + [c for c in retrieval.candidates if c.pid not in ids]


def _around_gap(paragraphs: list[Paragraph], ref: ParagraphRef) -> list[Paragraph]:
    """The paragraphs on either side of a missing one: 19 and 21 for a missing 20; 17 (c) and 18 for 17 (d)."""
    if ref.kind == FOOTNOTE or ref.number is None:
        return []
    if ref.kind == PREAMBULAR:
        pre = [p for p in paragraphs if p.kind == PREAMBULAR and p.parent is None]
        ops = [p for p in paragraphs if p.kind == OPERATIVE and p.parent is None]
        before = pre[-1:] if ref.number > len(pre) else []
        return before + ops[:1] if before else []
    tops = [p for p in paragraphs if p.kind == OPERATIVE and p.parent is None and p.label.isdigit()]
    if ref.subs:
        parent = next((p for p in tops if p.label == str(ref.number)), None)
        if parent is None:
            return _around_gap(paragraphs, ParagraphRef(ref.text, OPERATIVE, ref.number))
        items = [p for p in paragraphs if p.parent == parent.label]
        before = [p for p in items if p.label < f"{parent.label} ({ref.subs[0]})"][-1:] or [parent]
        after = [p for p in tops if int(p.label) > ref.number][:1]
        return before + after
    before = [p for p in tops if int(p.label) < ref.number][-1:]
    after = [p for p in tops if int(p.label) > ref.number][:1]
    return before + after if before or after else []
