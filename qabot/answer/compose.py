"""The answer: a lead line, passages quoted verbatim, the part that answers highlighted, a citation each.

No text is generated that is not in the corpus or its metadata: the lead is a fixed frame around
metadata (a meeting, a date, a symbol) or around a quoted highlight. When nothing answers, `found` is
false, the lead says what is missing, and the nearest passages are still offered as such.
"""

from __future__ import annotations

import re

from ..citations import cite, date_words, document_label
from .changes import answer_changes, versions_asked
from .across import (answer_body_texts, answer_over_documents, answer_paragraph_count, answer_shared,
                     answer_tied_texts, asks_over_documents, sponsor_notes)
from ..language.asked import phatic
from ..language.citing import mentions_asked
from ..language.facts import TYPE_WORDS
from ..language.places import state_name, states_named
from ..search.query import Query
from ..labels import label_words
from ..records import Answer, Document, Passage
from ..search.retrieve import Retrieval
from .actors import ASKS_WHO, Actors
from .answerability import carries, first_giving_the_type
from .decide import LANGUAGE_NAMES, decide
from .highlight import ASKS_RESOLUTION, highlight, weights_of
from .mentions import answer_mentions
from .versions import version_notes


# ---------------------------------------------------------------- records
# ---------------------------------------------------------------- highlight
_FIELD_WORDS = {
    "meeting": "the meeting at which it was adopted", "date": "its date", "vote": "how it was voted",
    "draft": "the draft it was adopted from", "report_chapter": "the chapter of the report",
    "report": "the report it was adopted on", "title": "its title", "session": "its session",
    "agenda_item": "its agenda item", "sponsors": "its sponsors", "symbol": "its symbol",
    "distributed": "its distribution date", "body": "the body that adopted it", "status": "its status",
}


# ---------------------------------------------------------------- composing
def compose(retrieval: Retrieval, k: int, max_tokens: int = 0, style: str = "default") -> Answer:
    """The answer to a question from its retrieval record alone (it never goes back to the index):
    passages cited once in `style`, the decision, the lead, and the notes on versions."""
    answer = _compose(retrieval, k, max_tokens, style)
    if retrieval.query.read_from:  # "Quando foram os diálogos ...?": what was searched is said
        answer.notes.append(f"Asked in {LANGUAGE_NAMES.get(retrieval.query.read_from, 'another language')}; the "
                            f"corpus is in English, so the question was read as \u201c{retrieval.query.text}\u201d.")
    slips = retrieval.query.slips
    if slips:  # "traficking": what was searched instead is said, never silently
        answer.notes.append("Read " + ", ".join(f"\u201c{typed}\u201d as \u201c{printed}\u201d"
                                                for printed, typed in slips.items()) + ".")
    if retrieval.left_out is not None:  # "apart from the advisory services draft": say it was heard
        answer.notes.append("Left out, as asked: " + _left_out_words(retrieval) + ".")
    if answer.found:
        _version_notes(retrieval, answer)
    elif retrieval.store is not None:
        answer.notes += sponsor_notes(retrieval.store, retrieval.query.text, retrieval.within)
    return answer


def _type_first(retrieval: Retrieval) -> None:
    """"Where was the eleventh workshop held?": the first passage that gives the kind of fact asked for
    comes first, before the passages are cut to k or to the token budget, so that `-k 1` and `--max-tokens`
    keep it (a sub-paragraph stays in its list). Measured when it was the lead's choice alone: dev MRR
    0.858 -> 0.876, fit 0.918 -> 0.929, blind5 0.768 -> 0.784, the rest the same."""
    query = retrieval.query
    if query.paragraph is not None or (query.metadata and retrieval.resolved):  # (answered from the text's facts)
        return
    at = first_giving_the_type(retrieval)
    if not at:
        return
    shown = [c for c in retrieval.candidates if c.pid in retrieval.paragraphs]
    pick = shown[at]
    if retrieval.paragraphs[pick.pid].parent or pick.role not in ("match", "list"):
        return
    retrieval.candidates = [pick] + [c for c in retrieval.candidates if c is not pick]


def _left_out_words(retrieval: Retrieval) -> str:
    left = retrieval.left_out
    named = [document_label(retrieval.documents[d]) for d in sorted(left.doc_ids) if d in retrieval.documents]
    for bodies, years in left.groups:
        of = " and ".join(sorted(bodies))
        named.append("the texts" + (f" of the {of}" if of else "") + (f" of {' and '.join(sorted(years))}"
                                                                         if years else ""))
    return "; ".join(named)


def _short_of_a_text_described(answer: Answer, retrieval: Retrieval) -> Answer:
    """A fact of one text answered while the question also describes a text the corpus does not hold
    ("compare the Commission's 2005 resolution with the 2002 draft: how many more paragraphs?"): what is
    asked cannot be answered; said so, before the fact that could be given."""
    missing = retrieval.corpus.described_absent if retrieval.corpus else None
    if missing and answer.found:
        answer.found, answer.reason = False, f"{missing} not in corpus"
        answer.lead = (f"The corpus holds no {re.sub(r'^an? ', '', missing)}, so this cannot be answered in full. "
                       + answer.lead)
    return answer


def _compose(retrieval: Retrieval, k: int, max_tokens: int, style: str) -> Answer:
    query = retrieval.query
    weights = weights_of(retrieval)
    must = [str(y) for y in query.years] + query.ordinals + query.places
    _type_first(retrieval)
    passages = _passages(retrieval, weights, must, k, max_tokens, style)
    answer = Answer(question=query.asked or query.text, found=bool(passages), lead="", passages=passages,
                    generation=retrieval.generation)

    if phatic(query.text):  # "thanks", "ok", "hi": nothing to search for, said so rather than matched
        answer.found, answer.passages, answer.reason = False, [], "not a question"
        answer.lead = ("That is not a question to search the texts for; ask about a subject (\u201cwhich regional "
                       "workshops were held in 2003?\u201d), a paragraph (\u201cop. 8 (c) of the 2004 text\u201d) or a "
                       "document (\u201cwhen was 57/224 adopted?\u201d).")
        return answer
    if not (query.terms or query.paragraph or query.symbols or query.numbers or query.metadata):
        answer.found, answer.passages, answer.reason = False, [], "no words"
        answer.lead = ("The question has no word to search for (only words like \u201cthe\u201d or \u201cwhat\u201d); "
                       "ask about a subject.")
        return answer
    versions = versions_asked(retrieval) if not query.paragraph else None
    if versions:  # "what's new in the 2004 resolution compared with 2002?"
        answer_changes(answer, retrieval, *versions, k, style)
        return answer
    if query.links and retrieval.resolved and not query.paragraph:
        return _answer_links(retrieval, answer, retrieval.documents[retrieval.resolved[0][0]], query.links, k, style)
    subject = mentions_asked(query.text) if retrieval.resolved and not query.paragraph else None
    if subject and answer_mentions(answer, retrieval, subject, style):  # every paragraph that says it
        return answer
    if query.shared and answer_shared(answer, retrieval.documents, query, retrieval.within):
        return answer  # "which two resolutions were adopted at the same meeting?": every document compared
    # "which documents were adopted on 18 December 2002 / at the 77th meeting?": the date or the meeting may
    # describe a document, the question asks for every document of that date or meeting
    if (not retrieval.resolved or query.years or query.ordinals) and not query.paragraph \
            and asks_over_documents(query) \
            and answer_over_documents(answer, retrieval.documents, query, retrieval.within):
        return answer
    if retrieval.resolved and retrieval.store is not None and not query.paragraph and answer_paragraph_count(
            answer, retrieval.store, retrieval.documents[retrieval.resolved[0][0]], query):
        return _short_of_a_text_described(answer, retrieval)
    if query.metadata and retrieval.resolved and not query.paragraph and query.answer_type != "person":
        # (no field of a document's metadata is a person's name: "who chaired the 62nd meeting?" is not asking
        # when the text was adopted there)
        if answer_tied_texts(answer, retrieval.documents, query, retrieval.resolved):
            return _short_of_a_text_described(answer, retrieval)  # "the GA resolution on regional arrangements"
        # a fact of each of two texts named by symbol or number ("when were 57/210 and 57/224 adopted?"); texts
        # described by year stay on the paths above (they mostly ask one text's content against another's)
        texts = _texts_named(retrieval)
        if len(texts) >= 2 and _metadata_of_each(answer, texts, query):
            return answer
        doc = retrieval.documents[retrieval.resolved[0][0]]
        if _answer_metadata(answer, doc, query):
            return _short_of_a_text_described(answer, retrieval)
    if query.metadata and not retrieval.resolved and not query.paragraph \
            and answer_body_texts(answer, retrieval.documents, query, retrieval.within):
        return answer  # "when was the GA resolution adopted?": the corpus holds three
    if retrieval.missing_label and passages:
        doc = passages[0].document
        around = [p.paragraph.citation_label for p in passages if p.role == "gap"]
        answer.found = True
        what = query.paragraph.describe() if query.paragraph else retrieval.missing_label
        answer.lead = (f"{document_label(doc)} has no {what}"
                       + (f": the text goes from {around[0]} to {around[1]}, both quoted below."
                          if len(around) == 2 else "; the nearest paragraph is quoted below."))
        answer.reason = "no such paragraph"
        return answer
    if passages and passages[0].role == "named":
        return _answer_named(answer, passages, query)

    decide(retrieval, answer)
    return answer


def _answer_named(answer: Answer, passages: list[Passage], query: Query) -> Answer:
    """A paragraph asked for by its number: quoted whole in the lead, with its items and, across two versions,
    its counterpart; partial where it does not give the detail asked for (an amount, a name)."""
    p = passages[0]
    named = label_words(p.paragraph.kind, p.paragraph.label, bool(p.paragraph.parent), capital=True)
    answer.lead = f"{named} of {document_label(p.document)} reads: \u201c{p.text}\u201d"  # whole: it was asked for
    asked = query.answer_type if query.answer_type in _DETAILS else None
    if asked and not carries(asked, " ".join([p.text, *(n.text for n in p.footnotes)])):
        # "57/210 op. 16: what USD figure does it earmark?": the paragraph, quoted, does not give it
        answer.found, answer.reason, answer.missing = False, "detail not given", TYPE_WORDS[asked]
        answer.lead = f"The corpus does not give {TYPE_WORDS[asked]}: " + answer.lead[:1].lower() + answer.lead[1:]
        return answer
    items = [re.search(r"\(([^)]+)\)\s*$", q.paragraph.label) for q in passages
             if q.document.id == p.document.id and q.paragraph.parent == p.paragraph.label]
    items = [m.group(1) for m in items if m]
    if items:  # "... notes with interest:": a reader of the lead alone is told its items follow
        answer.lead += (f" (its sub-paragraph ({items[0]}) follows)" if len(items) == 1
                        else f" (its sub-paragraphs ({items[0]}) to ({items[-1]}) follow)")
    for other in passages:
        if other.role == "counterpart":  # "what changed in op. 6 between 2002 and 2004?": the other side too
            label = label_words(other.paragraph.kind, other.paragraph.label, bool(other.paragraph.parent))
            answer.lead += (f" Its counterpart in {document_label(other.document)}, {label}, reads: "
                            f"\u201c{other.text}\u201d")
    answer.reason = "paragraph named"
    return answer


# the details a paragraph asked for by its number must give to answer: an amount, a person's name (a date, a
# place or a number it may give in words the check does not know: "at its next session")
_DETAILS = frozenset({"amount", "person"})


def _passages(retrieval: Retrieval, weights, must, k: int, max_tokens: int, style: str) -> list[Passage]:
    out: list[Passage] = []
    used = 0
    counter = _token_counter() if max_tokens else None
    answer_type = ("location", "time") if retrieval.query.place_and_time else retrieval.query.answer_type
    if answer_type is None and ASKS_RESOLUTION.search(retrieval.query.text.lower()):
        answer_type = "resolution"
    actor = Actors(retrieval.query.text) if answer_type is None and ASKS_WHO.search(retrieval.query.text) else None
    chapeaus_shown: set[tuple[str, str]] = set()  # a chapeau quoted once is not repeated as its items' context
    named_lists: set[tuple[str, str]] = set()  # a paragraph asked for by its number: all its items are shown
    for c in retrieval.candidates:
        p = retrieval.paragraphs.get(c.pid)
        whole = c.role == "list" and p is not None and (p.doc_id, p.parent) in named_lists
        if sum(q.role != "chapeau" for q in out) >= k and not whole:  # a list asked for by number is never cut
            break
        if p is None:
            continue
        doc = retrieval.documents[p.doc_id]
        tokens = counter(p.text) if counter else 0
        if max_tokens and out and used + tokens > max_tokens:
            break
        used += tokens
        chapeaus_shown.add((p.doc_id, p.label))  # (any paragraph shown: one of its items needs no context)
        if c.role == "named":
            named_lists.add((p.doc_id, p.label))
        shown_above = p.parent is not None and (p.doc_id, p.parent) in chapeaus_shown
        same = [(retrieval.documents[o.doc_id], o) for o in (retrieval.paragraphs[pid] for pid in c.same_as)]
        out.append(Passage(rank=len(out) + 1, score=c.score, paragraph=p, document=doc,
                           highlight=highlight(p.text, weights, must, answer_type, actor), citation=cite(doc, p, style),
                           role=c.role, context=retrieval.chapeaus.get(c.pid) if p.parent and not shown_above else None,
                           tokens=tokens,
                           same_text_in=[cite(d, o, style) for d, o in same], same_text=same,
                           footnotes=retrieval.footnotes.get(c.pid, [])))
    while out and out[-1].role == "chapeau":  # cut by the token budget before its sub-paragraph
        out.pop()
    return out


def _version_notes(retrieval: Retrieval, answer: Answer) -> None:
    """The same words elsewhere, shown once and said in words; a note for each quoted paragraph another
    version of its document also has."""
    for p in answer.passages:
        if p.same_text_in:
            note = f"{p.citation}: the same words also stand in {'; '.join(p.same_text_in)}."
            if note not in answer.notes:
                answer.notes.append(note)
    if retrieval.store is None:
        return
    shown = [(p.document, p.paragraph) for p in answer.passages]
    said = {(d.id, o.label) for p in answer.passages for d, o in p.same_text}
    answer.notes += [n for n in version_notes(retrieval.store, retrieval.documents, shown, said)
                     if n not in answer.notes]


def _token_counter():
    from ..tokens import count_tokens

    return count_tokens


def _texts_named(retrieval: Retrieval) -> list[Document]:
    """The text each symbol or number of the question names, in its order: one each (the first the store finds
    for a name; a name of several texts, an "L." tail, is not two facts of one text)."""
    query, store = retrieval.query, retrieval.store
    if store is None or len(query.symbols) + len(query.numbers) < 2:
        return []
    texts: list[Document] = []
    for name in query.symbols + query.numbers:
        found = [d for d in store.find_documents(name) if d.id in retrieval.documents]
        if found and all(found[0].id != t.id for t in texts):
            texts.append(found[0])
    return texts


def _metadata_of_each(answer: Answer, texts: list[Document], query: Query) -> bool:
    """The facts asked for of each of the texts the question names, one sentence each, in the order named."""
    leads, found, passages = [], [], []
    for doc in texts:
        one = Answer(question=answer.question, found=False, lead="", passages=list(answer.passages),
                     generation=answer.generation)
        if not _answer_metadata(one, doc, query):
            return False
        leads.append(one.lead)
        found.append(one.found)
        passages += [p for p in one.passages if p.document.id == doc.id and p not in passages]
    answer.lead = " ".join(leads)
    answer.found = any(found)
    answer.reason = "documents' metadata" if answer.found else "metadata not printed"
    answer.documents = [d.id for d in texts]
    answer.passages = passages or answer.passages
    for i, p in enumerate(answer.passages, 1):
        p.rank = i
    return True


def _answer_metadata(answer: Answer, doc: Document, query: Query) -> bool:
    """A question about the document itself: answered from its metadata, in words, with the document cited."""
    name = document_label(doc)
    said: list[str] = []
    missing: list[str] = []
    fields = list(dict.fromkeys(query.metadata))
    if "distributed" in fields and "date" in fields and not re.search(r"\badopt|\bpass(?:ed)?\b", query.text, re.I):
        fields.remove("date")  # "on what date was it distributed?": the date asked is the distribution's
    adopted = doc.status == "adopted"
    if "date" in fields or "meeting" in fields:
        when = date_words(doc.date)
        if adopted and (doc.meeting or when):
            said.append("adopted" + (f" at the {doc.meeting}" if doc.meeting else "") + (f" on {when}" if when else ""))
        elif doc.status == "draft" and when:
            said.append(f"a draft issued on {when}, not an adopted resolution")
        else:
            missing.append(_FIELD_WORDS["date"])
        if "meeting" in fields and not doc.meeting and adopted:
            missing.append(_FIELD_WORDS["meeting"])
    simple = {
        "vote": lambda: doc.vote,
        # ("was the draft adopted?" of a draft: what it is, not the draft it came from)
        "draft": lambda: f"adopted on the basis of draft {doc.draft}" if doc.draft
        else (f"a draft issued on {date_words(doc.date)}, not an adopted resolution"
              if doc.status == "draft" and doc.date else None),
        "report_chapter": lambda: f"recorded in chapter {doc.report_chapter} of the {_body_short(doc)} report"
        if doc.report_chapter else None,
        "report": lambda: f"adopted on the report of the {doc.report}" if doc.report else None,
        "title": lambda: f"entitled \u201c{doc.title}\u201d" if doc.title else None,
        "session": lambda: f"of the {doc.session} session" if doc.session else None,
        "agenda_item": lambda: f"under agenda item {doc.agenda_item}" if doc.agenda_item else None,
        "sponsors": lambda: _sponsors(doc, query),
        "symbol": lambda: f"issued under the symbol {doc.symbol}" if doc.symbol else None,
        # a draft's date is the day it was issued
        "distributed": lambda: f"distributed on {date_words(doc.distributed)}" if doc.distributed
        else (f"issued on {date_words(doc.date)}" if doc.status == "draft" and doc.date else None),
        "body": lambda: f"a text of the {doc.body}" if doc.body else None,
        "status": lambda: f"{'an adopted resolution' if adopted else 'a draft'}" if doc.status else None,
    }
    for name_ in fields:
        if name_ in simple:
            value = simple[name_]()
            if value:
                said.append(value)
            else:
                missing.append(_FIELD_WORDS[name_])
    if not said and not missing:
        return False
    parts = []
    if said:
        parts.append(f"{name} was " + "; ".join(said) if not said[0].startswith(("a ", "an ")) else f"{name} is " + "; ".join(said))
    if missing:
        parts.append(f"{'it' if said else name} does not print {' or '.join(missing)}")
    answer.lead = ", but ".join(parts) + "."
    answer.found = not missing or bool(said and len(missing) < len(fields))
    if missing and not said:
        answer.found = False
    answer.reason = "document metadata" if answer.found else "metadata not printed"
    # the passages: the document's own best paragraphs, so the citation is at hand; the fact is the
    # document's (its heading and adoption lines), not theirs: role "document", not "match"
    answer.passages = [p for p in answer.passages if p.document.id == doc.id] or answer.passages
    for i, p in enumerate(answer.passages, 1):
        p.rank = i
        if p.document.id == doc.id and p.role == "match":
            p.role = "document"
    return True


# "did Pakistan sponsor ...?", "was it sponsored by Brazil?", "is Nepal among the sponsors?": a yes or no
_ASKS_SPONSOR = re.compile(r"^\s*(?:and\s+)?(?:did|does|do|was|were|is|are|has|have)\b[^?]*\b(?:co-?)?sponsor", re.I)
_STATE_WORDS = frozenset("republic democratic people's people\u2019s united federation islamic kingdom state states of the "
                         "and plurinational bolivarian federated".split())


def _sponsors(doc: Document, query: Query) -> str | None:
    """"sponsored by A, B, ..."; asked yes or no whether a State sponsored it ("did Pakistan sponsor L.108?"),
    that first: "sponsored by Pakistan (its 47 sponsors: ...)", or "not sponsored by Brazil" when no sponsor
    is that State by any name people use for it."""
    if not doc.sponsors:
        return None
    listed = ", ".join(doc.sponsors)
    asked = states_named(query.text) if _ASKS_SPONSOR.search(query.text) else []
    if not asked:
        if query.answer_type == "count" or re.search(r"\bhow many\b|\bnumber of\b", query.text, re.I):
            return f"sponsored by {len(doc.sponsors)} States: {listed}"  # "how many co-sponsored L.108?"
        return "sponsored by " + listed
    yes = [s for s in asked if _sponsored(s, doc.sponsors)]
    no = [s for s in asked if s not in yes]
    said = [f"sponsored by {' and '.join(yes)}"] if yes else []
    if no:
        said.append(f"{'not by' if yes else 'not sponsored by'} {' or '.join(no)}")
    return f"{', '.join(said)} (its {len(doc.sponsors)} sponsors: {listed})"


def _sponsored(typed: str, sponsors: list[str]) -> bool:
    """Is the State typed ("Russia", "Macedonia") one of the sponsors, by its UN name or a distinctive word of it
    ("Russian Federation", "the former Yugoslav Republic of Macedonia")?"""
    names = {typed, state_name(typed) or typed}
    folded = [s.casefold() for s in sponsors]
    if any(n.casefold() in folded for n in names):
        return True
    words = {w for n in names for w in re.findall(r"[\w\u2019'-]+", n.casefold()) if len(w) >= 4} - _STATE_WORDS
    return any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", s) for w in words for s in folded)


def _answer_links(retrieval: Retrieval, answer: Answer, doc: Document, direction: str, k: int, style: str) -> Answer:
    """"Which resolutions does 57/210 recall?": answered from the references stored at ingest, the citing
    paragraphs quoted with the reference highlighted."""
    from .links import answer_from_links

    answer.lead, shown = answer_from_links(retrieval.store, doc, direction, retrieval.documents)
    answer.found, answer.reason = bool(shown), "document links"
    answer.passages = [Passage(rank=i, score=1.0, paragraph=p, document=d, highlight=h, citation=cite(d, p, style),
                               role="link", context=c) for i, (d, p, h, c) in enumerate(shown[:k], 1)]
    return answer


def _body_short(doc: Document) -> str:
    return {"Commission on Human Rights": "Commission\u2019s", "General Assembly": "Assembly\u2019s",
            "Human Rights Council": "Council\u2019s"}.get(doc.body or "", "body\u2019s")
