"""What became of a request: "57/210 asked the SG for a report for the 59th session - did the Assembly get
it?", "was the study ever submitted?", "what happened to the report the Commission asked for?".

A resolution asks for something to be produced (a report, a study, conclusions) and the next version of
the same resolution, a year or two later, says what became of it ("Takes note with satisfaction of the
report of the Secretary-General", with the report's symbol in a footnote). When a question asks for that
outcome and one of its first passages is such a request, the later versions of the requesting text (the
version families ingest stored) are read for the paragraph that acknowledges the thing asked for; it is
placed right after the request, so the answer shows both sides: the request and its outcome.
"""

from __future__ import annotations

import re

from .candidates import Candidate

REQUEST_WITHIN = 3  # the request is among the first passages

# the question asks what became of something: received, submitted, acted upon
_ASKS_OUTCOME = re.compile(
    r"\b(?:did|does|has|have|had|was|were|is|ever)\b[^?.;]{0,60}?\b(?:get|got|gotten|receive[sd]?|submit(?:ted)?|"
    r"deliver(?:ed)?|produce[sd]?|present(?:ed)?|table[sd]?|take note|took note|act(?:ed)? on|follow(?:ed)? up|"
    r"come out|came out|publish(?:ed)?|arrive[sd]?|acknowledge[sd]?)\b|"
    r"\bwhat (?:became|has become|came) of\b|\bwhat happened (?:to|with)\b|\bfollow-?(?:up|ed up)\b|"
    r"\b(?:outcome|fate) of (?:the|that|this|its) (?:request|report|study)\b", re.I)
# a request for a thing to be produced: "to submit to the General Assembly at its fifty-ninth session a report"
_THINGS = r"report|study|analysis|conclusions|recommendations|proposals|plan|note"
_REQUESTED = re.compile(r"\b(?:submit|prepare|present|provide|transmit|produce)\b[^.;]{0,120}?\b(" + _THINGS + r")s?\b",
                        re.I)
_ACKNOWLEDGES = r"\b(?:takes? note|taking note|welcom\w*|having considered|having examined|endorses|acknowledges)\b"


def asks_outcome(low: str) -> bool:
    """Does the question ask what became of something asked for ("did the Assembly get it?")?"""
    return bool(_ASKS_OUTCOME.search(low))


def requested_thing(text: str) -> str | None:
    """"report" for a paragraph asking for a report to be submitted; None for one asking for nothing made."""
    m = _REQUESTED.search(text)
    return m.group(1).lower() if m else None


def acknowledges(text: str, thing: str) -> bool:
    """Does a paragraph say the thing was received ("Takes note with satisfaction of the report of ...")?"""
    return bool(re.search(_ACKNOWLEDGES + r"[^.;]{0,80}?\b" + re.escape(thing) + r"s?\b", text, re.I))


def follow_up(store, texts, retrieval) -> None:
    """For a question asking what became of a request: the later version's paragraph acknowledging what
    one of the first passages asked for, placed right after that request."""
    if not asks_outcome(retrieval.query.text.lower()):
        return
    ranked = [c for c in retrieval.candidates if c.role != "chapeau"][:REQUEST_WITHIN]
    for request in ranked:
        p = retrieval.paragraphs.get(request.pid)
        thing = requested_thing(p.text) if p is not None else None
        if thing is None:
            continue
        outcome = _outcome(store, texts, retrieval, p, thing)
        if outcome is None:
            return
        _place_after(retrieval, request, outcome)
        return


def _outcome(store, texts, retrieval, request, thing: str):
    """The first paragraph acknowledging the thing in the later versions of the request's document, the
    earliest version first (a family holds a few texts: their paragraphs are read, never the corpus)."""
    date = retrieval.documents[request.doc_id].date or ""
    later = [d for d in store.versions_of(request.doc_id)
             if d in retrieval.documents and (retrieval.documents[d].date or "") > date]
    if retrieval.within is not None:
        later = [d for d in later if d in retrieval.within]
    for doc_id in sorted(later, key=lambda d: retrieval.documents[d].date or ""):
        for p in texts.of(doc_id):
            if p.kind != "footnote" and acknowledges(p.text, thing) and requested_thing(p.text) is None:
                return p
    return None


def _place_after(retrieval, request: Candidate, paragraph) -> None:
    found = next((c for c in retrieval.candidates if c.pid == paragraph.id), None)
    if found is None:
        found = Candidate(paragraph.id, score=request.score)
        retrieval.paragraphs[paragraph.id] = paragraph
    found.reasons.append("what became of the request")
    rest = [c for c in retrieval.candidates if c is not found]
    position = rest.index(request) + 1
    retrieval.candidates = rest[:position] + [found] + rest[position:]
