"""The answer: a lead line, passages quoted verbatim, the part that answers highlighted, a citation each.

No text is generated that is not in the corpus or its metadata: the lead is a fixed frame around
metadata (a meeting, a date, a symbol) or around a quoted highlight. When nothing answers, `found` is
false, the lead says what is missing, and the nearest passages are still offered as such.
"""

from __future__ import annotations

import re

from ..language import stemming
from ..citations import citation, date_words, document_name  # noqa: F401 (re-exported)
from ..search.query import Query
from ..labels import label_words
from ..records import Answer, Document, Passage
from ..search.retrieve import Retrieval, Searcher

MIN_RELEVANCE = 0.35  # calibrated on the dev set: see `qabot eval` and the closing notes


# ---------------------------------------------------------------- records
# ---------------------------------------------------------------- highlight
_SEPARATORS = re.compile(r"[,;:]\s+|\s+\(|\)\s+")


def highlight(text: str, weights: dict[str, float], must: list[str]) -> str:
    """The clause(s) of `text` that answer best: a substring of it, never altered."""
    cuts = [0] + [m.end() for m in _SEPARATORS.finditer(text)] + [len(text)]
    segments = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1) if cuts[i + 1] > cuts[i]]
    if not segments:
        return text
    best, best_score = (0, len(text)), -1.0
    for i in range(len(segments)):
        for j in range(i, min(len(segments), i + 3)):
            start, end = segments[i][0], segments[j][1]
            piece = text[start:end]
            stems = set(stemming.stems(piece))
            score = sum(w for s, w in weights.items() if s in stems)
            score += sum(1.5 for m in must if m.lower() in piece.lower())
            score -= 0.004 * len(piece)
            if score > best_score:
                best, best_score = (start, end), score
    piece = text[best[0]:best[1]]
    stripped = piece.strip().strip(",;:").strip()
    if stripped.startswith("(") and ")" not in stripped:
        stripped = stripped[1:].strip()
    return stripped or text


# ---------------------------------------------------------------- answer types
_LOCATION = re.compile(r"\b(?:in|at|of)\s+(?!the\b|this\b|that\b|its\b|their\b|accordance\b|particular\b|"
                       r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|"
                       r"Part\b|Article\b|Annex\b|Supplement\b)([A-Z][a-z\u00e0-\u00ff]+(?:[ -][A-Z][a-z]+)*)")
_AMOUNT = re.compile(r"(?:US\$|\$|USD|\u20ac|EUR|CHF|Sw\.?\s?F)\s?\d|\b\d[\d,.]*\s*(?:million|billion|thousand|"
                     r"dollars|euros|francs)\b", re.I)
_PERSON = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir|Dame|H\.\s?E)\.?\s+[A-Z][a-z]+|\b[A-Z]\.\s?[A-Z][a-z]+\b")
_TIME = re.compile(r"\b(?:19|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|October|"
                   r"November|December)\b|\bsession\b|\bdecade\b|\bcentury\b", re.I)
_TYPE_PATTERNS = {"location": _LOCATION, "amount": _AMOUNT, "person": _PERSON, "time": _TIME}
_TYPE_WORDS = {"location": "a place", "amount": "an amount", "person": "a person's name", "time": "a date"}

_FIELD_WORDS = {
    "meeting": "the meeting at which it was adopted", "date": "its date", "vote": "how it was voted",
    "draft": "the draft it was adopted from", "report_chapter": "the chapter of the report",
    "report": "the report it was adopted on", "title": "its title", "session": "its session",
    "agenda_item": "its agenda item", "sponsors": "its sponsors", "symbol": "its symbol",
    "distributed": "its distribution date", "body": "the body that adopted it", "status": "its status",
}


# ---------------------------------------------------------------- composing
def compose(searcher: Searcher, retrieval: Retrieval, k: int, max_tokens: int = 0) -> Answer:
    query = retrieval.query
    weights = _weights(searcher, query)
    must = [str(y) for y in query.years] + query.ordinals
    passages = _passages(searcher, retrieval, weights, must, k, max_tokens)
    answer = Answer(question=query.text, found=bool(passages), lead="", passages=passages,
                    generation=searcher.generation)

    if query.links and retrieval.resolved and not query.paragraph:
        return _answer_links(searcher, answer, retrieval.documents[retrieval.resolved[0][0]], query.links, k)
    if query.metadata and retrieval.resolved and not query.paragraph:
        doc = retrieval.documents[retrieval.resolved[0][0]]
        if _answer_metadata(answer, doc, query):
            return answer
    if retrieval.missing_label and passages:
        doc = passages[0].document
        around = [p.paragraph.citation_label for p in passages if p.role == "gap"]
        answer.found = True
        what = query.paragraph.describe() if query.paragraph else retrieval.missing_label
        answer.lead = (f"{document_name(doc)} has no {what}"
                       + (f": the text goes from {around[0]} to {around[1]}, both quoted below."
                          if len(around) == 2 else "; the nearest paragraph is quoted below."))
        answer.reason = "no such paragraph"
        return answer
    if passages and passages[0].role == "named":
        p = passages[0]
        named = label_words(p.paragraph.kind, p.paragraph.label, bool(p.paragraph.parent), capital=True)
        answer.lead = f"{named} of {document_name(p.document)} reads:"
        answer.reason = "paragraph named"
        return answer

    _decide(searcher, retrieval, answer, query, weights)
    return answer


def _weights(searcher: Searcher, query: Query) -> dict[str, float]:
    weights: dict[str, float] = {}
    for s in stemming.stems(" ".join(query.terms)):
        weights[s] = searcher.idf(s)
    return weights


def _passages(searcher: Searcher, retrieval: Retrieval, weights, must, k: int, max_tokens: int) -> list[Passage]:
    out: list[Passage] = []
    used = 0
    counter = _token_counter() if max_tokens else None
    for c in retrieval.candidates:
        if len(out) >= k:
            break
        p = retrieval.paragraphs.get(c.pid)
        if p is None:
            continue
        doc = retrieval.documents[p.doc_id]
        context = None
        if p.parent:
            parent = searcher.store.paragraph(p.doc_id, p.parent)
            context = parent.text if parent else None
        tokens = counter(p.text) if counter else 0
        if max_tokens and out and used + tokens > max_tokens:
            break
        used += tokens
        same = [(retrieval.documents[o.doc_id], o) for o in (retrieval.paragraphs[pid] for pid in c.same_as)]
        out.append(Passage(rank=len(out) + 1, score=c.score, paragraph=p, document=doc,
                           highlight=highlight(p.text, weights, must), citation=citation(doc, p), role=c.role,
                           context=context, tokens=tokens,
                           same_text_in=[citation(d, o) for d, o in same], same_text=same))
    return out


def _token_counter():
    from ..tokens import count_tokens

    return count_tokens


def _answer_metadata(answer: Answer, doc: Document, query: Query) -> bool:
    """A question about the document itself: answered from its metadata, in words, with the document cited."""
    name = document_name(doc)
    said: list[str] = []
    missing: list[str] = []
    fields = list(dict.fromkeys(query.metadata))
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
        "draft": lambda: f"adopted on the basis of draft {doc.draft}" if doc.draft else None,
        "report_chapter": lambda: f"recorded in chapter {doc.report_chapter} of the {_body_short(doc)} report"
        if doc.report_chapter else None,
        "report": lambda: f"adopted on the report of the {doc.report}" if doc.report else None,
        "title": lambda: f"entitled \u201c{doc.title}\u201d" if doc.title else None,
        "session": lambda: f"of the {doc.session} session" if doc.session else None,
        "agenda_item": lambda: f"under agenda item {doc.agenda_item}" if doc.agenda_item else None,
        "sponsors": lambda: "sponsored by " + ", ".join(doc.sponsors) if doc.sponsors else None,
        "symbol": lambda: f"issued under the symbol {doc.symbol}" if doc.symbol else None,
        "distributed": lambda: f"distributed on {date_words(doc.distributed)}" if doc.distributed else None,
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
    # the passages: the document's own best paragraphs, so the citation is at hand
    answer.passages = [p for p in answer.passages if p.document.id == doc.id] or answer.passages
    for i, p in enumerate(answer.passages, 1):
        p.rank = i
    return True


def _answer_links(searcher: Searcher, answer: Answer, doc: Document, direction: str, k: int) -> Answer:
    """"Which resolutions does 57/210 recall?": answered from the references stored at ingest, the citing
    paragraphs quoted with the reference highlighted."""
    from .links import answer_from_links

    answer.lead, shown = answer_from_links(searcher.store, doc, direction, searcher.documents)
    answer.found, answer.reason = bool(shown), "document links"
    answer.passages = [Passage(rank=i, score=1.0, paragraph=p, document=d, highlight=h, citation=citation(d, p),
                               role="link", context=c) for i, (d, p, h, c) in enumerate(shown[:k], 1)]
    return answer


def _body_short(doc: Document) -> str:
    return {"Commission on Human Rights": "Commission\u2019s", "General Assembly": "Assembly\u2019s",
            "Human Rights Council": "Council\u2019s"}.get(doc.body or "", "body\u2019s")


def _decide(searcher: Searcher, retrieval: Retrieval, answer: Answer, query: Query, weights: dict[str, float]) -> None:
    """found or not, from signals that agree: constraints met, the fact asked for present, relevance."""
    passages = answer.passages
    if not passages:
        answer.found = False
        answer.lead = "The corpus does not answer this: nothing in it matches the question."
        answer.reason = "no match"
        return
    top = passages[0]
    top_stems = set(stemming.stems(top.text + " " + (top.context or "")))
    total = sum(weights.values()) or 1.0
    coverage = sum(w for s, w in weights.items() if s in top_stems) / total
    near = searcher.vectors.scores_for(retrieval.question_vector, [p.paragraph.id for p in passages[:3]]) \
        if retrieval.question_vector is not None else {}
    relevance = max(near.values(), default=0.0)
    unmatched = [w for w in query.unmatched if w in query.salient]
    answer.signals = {"relevance": round(relevance, 4), "coverage": round(coverage, 4),
                      "unmatched": unmatched, "salient": len(query.salient)}

    shown = " ".join(p.text for p in passages)
    for year in query.years:
        if not searcher.year_in_corpus(year):
            return _not_found(answer, f"The corpus does not mention {year}; the nearest passages are below.",
                              f"year {year} not in corpus")
    for ordinal, phrase in zip(query.ordinals, query.ordinal_phrases):
        if not re.search(rf"\b{ordinal}\b", shown, re.I) and searcher.df(stemming.stem(ordinal)) == 0:
            return _not_found(answer, f"No paragraph in the corpus mentions the {phrase}; the nearest passages "
                                      "are below.", f"ordinal {ordinal} not in corpus")
        if not re.search(rf"\b{ordinal}\b", shown, re.I):
            return _not_found(answer, f"No paragraph found mentions the {phrase}; the nearest passages are below.",
                              f"ordinal {ordinal} not in passages")
    if retrieval.missing_doc and not any(retrieval.missing_doc in p.text for p in passages):
        return _not_found(answer, f"The corpus holds no document {retrieval.missing_doc}; the nearest passages "
                                  "are below.", "document not in corpus")
    if query.answer_type in ("location", "amount", "person"):
        pattern = _TYPE_PATTERNS[query.answer_type]
        if not pattern.search(top.text):
            return _not_found(answer, f"The corpus does not answer this: the passages that match do not give "
                                      f"{_TYPE_WORDS[query.answer_type]}; the nearest are below.",
                              f"no {query.answer_type} in the best passage")
    salient_idf = {w: searcher.idf(stemming.stem(w)) for w in query.salient}
    share = sum(salient_idf.get(w, 0.0) for w in unmatched) / (sum(salient_idf.values()) or 1.0)
    answer.signals["unmatched_share"] = round(share, 3)
    if unmatched and share >= 0.5:
        words = ", ".join(f"\u201c{w}\u201d" for w in unmatched)
        return _not_found(answer, f"The corpus does not answer this: no document in it speaks of {words}; "
                                  "the nearest passages are below.", "subject not in corpus")
    if relevance < MIN_RELEVANCE:
        return _not_found(answer, "The corpus does not appear to answer this; the nearest passages are below.",
                          "low relevance")
    answer.found = True
    answer.reason = "match"
    more = len(passages) - 1
    answer.lead = (f"{_short_citation(top)}: \u201c{top.highlight}\u201d"
                   + (f" (and {more} more passage{'s' if more > 1 else ''})" if more else ""))


def _not_found(answer: Answer, lead: str, reason: str) -> None:
    answer.found = False
    answer.lead = lead
    answer.reason = reason
    for p in answer.passages:
        p.role = "nearest"


def _short_citation(p: Passage) -> str:
    return f"{document_name(p.document)}, {p.paragraph.citation_label}"
