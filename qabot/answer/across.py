"""A fact asked of every document: "which resolutions were adopted without a vote?", "which texts did
Pakistan sponsor?", "which documents are drafts?". Answered from the documents' metadata, never from a
paragraph that happens to match: each document that prints the fact is named, and those that do not
print it are counted, so that "none" is never said of a fact the corpus does not record.

It reads every document's metadata (the store keeps it per document): at 52,000 documents about half a
second, paid only by such a question."""

from __future__ import annotations

import re

from ..language.places import states_named
from ..language.topic import topic_phrase
from ..citations import date_words, document_label
from ..labels import MONTH, month_number
from ..records import Document

# "which resolutions were ...", "which of the texts ...", "which documents did ..."
_WHICH_DOCUMENTS = re.compile(r"\b(?:which|what)\s+(?:of\s+(?:the|these|those)\s+)?(?:\w+\s+){0,2}?"
                              r"(?:documents|resolutions|texts|drafts|ones)\b", re.I)
_VOTES = (("without a vote", r"without (?:a )?vot|consensus|unanimous"),
          ("by a recorded vote", r"recorded vote|by a vote"))
# "what was adopted at the 77th plenary meeting?", "what did the Assembly adopt in December 2002?": which texts
_WHAT_ADOPTED = re.compile(r"\bwhat\s+(?:was|were|got|has been|have been|had been)\s+adopted\b|"
                           r"\bwhat\s+(?:happened|took place|was done)\s+at\b|"
                           r"\bwhat\s+(?:did|does|do)\s+(?:the\s+|its\s+)?(?:[\w'\u2019-]+\s+){0,4}?adopt\b", re.I)
FIELDS = ("vote", "sponsors", "status", "body", "date", "meeting")
_MONTH_YEAR = re.compile(rf"\b({MONTH})\s+((?:19|20)\d\d)\b", re.I)


def asks_over_documents(query) -> bool:
    """Does the question ask which documents have a fact of their metadata (and nothing of their content:
    "what was adopted in 2003 about the Tehran framework?" is a question of paragraphs)?"""
    return bool(query.metadata) and any(f in FIELDS for f in query.metadata) \
        and bool(_WHICH_DOCUMENTS.search(query.text) or _WHAT_ADOPTED.search(query.text)) \
        and not (query.symbols or query.numbers) and not topic_phrase(query.text)


def answer_over_documents(answer, documents, query, scope: frozenset[str] | None = None) -> bool:
    """The lead and `found` of `answer` from every document's metadata (of those in `scope`, a Slack
    channel's collection, when given); False if the question asks for nothing this can tell."""
    field = next(f for f in query.metadata if f in FIELDS)
    wanted = _wanted(field, query.text.lower(), query)
    if wanted is None:
        return False
    test, what = wanted
    # "what did the Assembly adopt in April 2003?": that body's texts only (unless the body is what is asked)
    docs = [d for d in documents.values() if (scope is None or d.id in scope)
            and (field == "body" or not query.bodies or d.body in query.bodies)]
    said = [d for d in docs if _value(field, d) is not None]
    matching = [d for d in said if test(d)]
    silent = len(docs) - len(said)
    if matching:
        shown = [document_label(d) + (f" ({_value(field, d)})" if what == _ANY_VOTE else "") for d in matching]
        lead = f"{what[0].upper()}{what[1:]}: {'; '.join(shown)}."
    else:
        lead = f"No document of the corpus says it was {what}." if said else ""
    if silent:
        lead += f" {silent} of the {len(docs)} documents {'does' if silent == 1 else 'do'} not print {_FIELD[field]}."
    answer.lead, answer.found, answer.reason = lead.strip(), bool(matching), "documents' metadata"
    ids = {d.id for d in matching}
    answer.documents = [d.id for d in matching]
    answer.passages = [p for p in answer.passages if p.document.id in ids]
    for i, p in enumerate(answer.passages, 1):
        p.rank = i
    return True


def answer_shared(answer, documents, query, scope: frozenset[str] | None = None) -> bool:
    """"Which two resolutions were adopted at the same meeting, and when?": the documents (of the bodies the
    question names, in `scope` when given) grouped by the field they share (`query.shared`), every group of two
    or more named with its value; a corpus where no two share it says so. False for a field it cannot compare."""
    field = query.shared
    key = _SHARED_KEYS.get(field)
    if key is None:
        return False
    docs = [d for d in documents.values() if (scope is None or d.id in scope)
            and (field == "body" or not query.bodies or d.body in query.bodies)]
    groups: dict[tuple, list[Document]] = {}
    for d in docs:
        value = key(d)
        if value is not None:
            groups.setdefault(value, []).append(d)
    shared = sorted((sorted(g, key=lambda d: (d.date or "", d.symbol or d.id)) for g in groups.values() if len(g) >= 2),
                    key=lambda g: (g[0].date or "", g[0].symbol or g[0].id))
    what = _SHARED_SAID[field]
    said = len([d for d in docs if key(d) is not None])
    if shared:
        parts = [_and([document_label(d) for d in g]) + f" ({_shared_value(field, g[0])})" for g in shared]
        answer.lead = f"{what[0].upper()}{what[1:]}: {'; '.join(parts)}."
    else:
        answer.lead = f"No two documents of the corpus {'were ' if field != 'body' else 'are '}{what}."
    if said < len(docs):
        silent = len(docs) - said
        verb = "does" if silent == 1 else "do"
        answer.lead += f" {silent} of the {len(docs)} documents {verb} not print {_FIELD[field]}."
    answer.found, answer.reason = bool(shared), "documents' metadata"
    _documents_answer(answer, [d for g in shared for d in g])
    return True


# what documents must have alike to share a field: a meeting's number starts again each session, so its date too
_SHARED_KEYS = {"meeting": lambda d: (d.body, d.meeting, d.date) if d.meeting else None,
                "date": lambda d: (d.date[:10],) if d.date else None,
                "session": lambda d: (d.body, d.session) if d.session else None,
                "body": lambda d: (d.body,) if d.body else None}
_SHARED_SAID = {"meeting": "adopted at the same meeting", "date": "dated the same day",
                "session": "adopted at the same session", "body": "texts of the same body"}


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _shared_value(field: str, doc: Document) -> str:
    if field == "meeting":
        return ", ".join(x for x in (doc.meeting, date_words(doc.date) if doc.date else None) if x)
    if field == "date":
        return date_words(doc.date)
    if field == "session":
        return f"{doc.session} session of the {doc.body}" if doc.body else f"{doc.session} session"
    return doc.body


_ANY_VOTE = "how it was voted, as its text records"
_FIELD = {"vote": "how they were voted", "sponsors": "their sponsors", "status": "whether they are drafts",
          "body": "their body", "date": "their date", "meeting": "the meeting that adopted them",
          "session": "their session"}


def _value(field: str, doc: Document):
    return {"vote": doc.vote, "sponsors": doc.sponsors or None, "status": doc.status, "body": doc.body,
            "date": doc.date, "meeting": doc.meeting}[field]


def _wanted(field: str, low: str, query):
    """(what a document's value must be for the question, how the lead says it), or None."""
    if field == "vote":
        for words, pattern in _VOTES:
            if re.search(pattern, low):
                return (lambda d, p=pattern: bool(re.search(p, (d.vote or "").lower()))), f"adopted {words}"
        return (lambda d: True), _ANY_VOTE
    if field == "sponsors":
        states = states_named(query.text)
        return ((lambda d: any(s in (d.sponsors or []) for s in states)),
                f"sponsored by {' or '.join(states)}") if states else None
    if field == "status" and re.search(r"\bdrafts?\b", low):
        return (lambda d: d.status == "draft"), "a draft, not an adopted resolution"
    if field == "body" and query.bodies:
        return (lambda d: d.body in query.bodies), f"texts of the {' or '.join(query.bodies)}"
    if field == "date" and query.years:
        # "adopted in 2002": a draft of that year was not adopted; "on 18 December 2002", "in December 2002"
        adopted = bool(re.search(r"\badopt", low))
        days = {f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in query.dates}
        # each month with the year written after it ("December 2002 and April 2003"), not every month with
        # every year; the month of a full date is that date
        months = {f"{int(y):04d}-{month_number(m):02d}" for m, y in _MONTH_YEAR.findall(query.text)} \
            - {day[:7] for day in days}
        if not months and not days and query.months and len(query.years) == 1:  # "in December of 2002"
            months = {f"{query.years[0]:04d}-{m:02d}" for m in query.months}

        def test(d: Document) -> bool:
            if not d.date or (adopted and d.status == "draft"):
                return False
            if days or months:
                return d.date[:10] in days or d.date[:7] in months
            return int(d.date[:4]) in query.years
        said = [date_words(day) for day in sorted(days)] + [
            date_words(month + "-01").split(" ", 1)[1] for month in sorted(months)]
        when = " or ".join(said) if said else " or ".join(map(str, query.years))
        return test, f"{'adopted' if adopted else 'dated'} {'on' if days and not months else 'in'} {when}"
    m = re.search(r"\b(\d{1,3})(?:st|nd|rd|th)\b", low) if field == "meeting" else None
    if m:
        return (lambda d: bool(d.meeting) and d.meeting.startswith(m.group(0))), f"adopted at the {m.group(0)} meeting"
    return None


def sponsor_notes(store, question: str, scope: frozenset[str] | None = None) -> list[str]:
    """For an answer that found nothing: the States the question names that sponsor a document (its
    metadata says so, no paragraph does): "does the corpus mention Nepal?". Only documents in `scope`."""
    notes = []
    for state in states_named(question):
        docs = [d for d in store.sponsored_by(state) if scope is None or d.id in scope]
        if docs:
            notes.append(f"{state} is among the sponsors of {'; '.join(document_label(d) for d in docs)} "
                         "(its list of sponsors, not a paragraph).")
    return notes


_KIND_WORDS = {"operative": "operative paragraphs", "preambular": "preambular paragraphs", "footnote": "footnotes"}


def answer_paragraph_count(answer, store, doc: Document, query) -> bool:
    """"How many operative paragraphs does 57/224 have?": counted in the store, not read in a paragraph."""
    if query.answer_type != "count" or query.counted not in ("paragraphs", "paras", "footnotes", "notes",
                                                               "sub-paragraphs", "subparagraphs"):
        return False
    low = query.text.lower()
    paragraphs = list(store.paragraphs(doc.id))
    counts = {kind: [p for p in paragraphs if p.kind == kind and p.parent is None] for kind in _KIND_WORDS}
    subs = [p for p in paragraphs if p.parent is not None]
    asked = [k for k in _KIND_WORDS if k in low or (k == "footnote" and query.counted in ("footnotes", "notes"))]
    if re.search(r"\bsub-?paragraphs\b", low):
        parts = [_many(len(subs), "sub-paragraphs")]
    else:
        parts = [_many(len(counts[k]), _KIND_WORDS[k]) for k in (asked or _KIND_WORDS)]
        if not asked and subs:
            parts.append(_many(len(subs), "sub-paragraphs"))
    answer.lead = f"{document_label(doc)} has " + ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") \
        + parts[-1] + "." + _numbering_gaps(counts["operative"])
    answer.found, answer.reason = True, "paragraphs counted"
    answer.passages = [p for p in answer.passages if p.document.id == doc.id]
    for i, p in enumerate(answer.passages, 1):
        p.rank = i
    return True


def _numbering_gaps(operative: list) -> str:
    """" Its operative paragraphs are numbered 1 to 21: there is no 20." when the printed numbers skip one
    (a count alone would not match the last number a reader sees)."""
    numbers = sorted(int(p.label) for p in operative if p.label.isdigit())
    if not numbers:
        return ""
    missing = sorted(set(range(numbers[0], numbers[-1] + 1)) - set(numbers))
    if not missing:
        return ""
    said = ", ".join(map(str, missing[:10])) + (" ..." if len(missing) > 10 else "")
    return (f" Its operative paragraphs are numbered {numbers[0]} to {numbers[-1]}: there is no "
            f"{said}.")


def _many(n: int, things: str) -> str:
    """"1 footnote", "2 footnotes", "1 operative paragraph"."""
    return f"{n} {things[:-1] if n == 1 else things}"


BODY_TEXTS = 6  # at most this many texts of one body are listed for "when was the GA resolution adopted?"


def answer_body_texts(answer, documents, query, scope: frozenset[str] | None = None) -> bool:
    """"When was the GA resolution adopted?" where the corpus holds several texts the Assembly adopted:
    which one is meant cannot be told, so the date and meeting of each (at most BODY_TEXTS) are given,
    rather than a paragraph that happens to match. False when the question is not of that kind."""
    if not ({"date", "meeting"} & set(query.metadata)) or not query.bodies or query.years or query.draft \
            or not query.refers_to_document:
        return False
    texts = [d for d in documents.values() if d.body in query.bodies and d.status != "draft"
             and (scope is None or d.id in scope)]
    return _each_text(answer, texts, f"texts the {' or the '.join(query.bodies)} adopted")


def answer_tied_texts(answer, documents, query, resolved: list[tuple[str, float]]) -> bool:
    """"When was the GA resolution on regional arrangements adopted?": two texts fit the description as well
    (the 2002 one and its 2004 version share the title), so the date and meeting of each are given rather
    than the first's alone. Only for a description (a text named by its number or symbol is that text)."""
    if not ({"date", "meeting"} & set(query.metadata)) or len(resolved) < 2 or query.symbols or query.numbers:
        return False
    best = resolved[0][1]
    tied = [documents[d] for d, score in resolved if score == best and d in documents]
    return len(tied) >= 2 and _each_text(answer, tied, "texts that fit the description")


def _each_text(answer, texts: list[Document], what: str) -> bool:
    """The lead of an answer that gives the date and meeting of each of `texts` (2 to BODY_TEXTS of them)."""
    if not 2 <= len(texts) <= BODY_TEXTS:
        return False
    texts = sorted(texts, key=lambda d: (d.date or "", d.symbol or d.id))
    said = [document_label(d) + (f" at the {d.meeting}" if d.meeting else "")
            + (f" on {date_words(d.date)}" if d.date else "") for d in texts]
    answer.lead = f"The corpus holds {len(texts)} {what}; the question does not say which: {'; '.join(said)}."
    answer.found, answer.reason = True, "documents' metadata"
    _documents_answer(answer, texts)
    return True


def _documents_answer(answer, documents: list[Document]) -> None:
    """The answer is about `documents` themselves: they are its documents, and of its passages only theirs
    stay, ranked again, marked as the documents' (the facts are the documents', not these paragraphs')."""
    ids = {d.id for d in documents}
    answer.documents = [d.id for d in documents]
    answer.passages = [p for p in answer.passages if p.document.id in ids]
    for i, p in enumerate(answer.passages, 1):
        p.rank = i
        if p.role == "match":
            p.role = "document"
