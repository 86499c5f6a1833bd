"""Does the corpus answer the question? One calibrated score, not a chain of word rules.

The signals of a retrieval (`features`) are combined by a logistic model whose weights are data
(answerability.json, fitted by benchmarks/answerability.py on labelled questions: the dev set, our
tune and fit sets, the development halves of our blind sets, and questions made from them
mechanically). The threshold is chosen on cross-validated scores so that at most 2% of answerable
questions are said not to be answered (of 1%, 1.5% and 2%, the smallest share that meets both goals, 2% of
answerable questions not answered and 90% of unanswerable ones abstained, on nested cross-validation; the
median of several fold assignments' thresholds). The signals that pull the score down the most give
the lead its reason, in words.

Every signal reads the first passages of the retrieval record, never the number shown (`-k`), so the
decision does not depend on how many passages a user asks to see.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from ..language import stemming
from ..language.asked import answer_type as asked_type, question_proper
from ..language.facts import REGION_RE, TYPE_PATTERNS, counts, counts_a_list, gives, names_series
from ..language.continents import ADJECTIVES, continent_of
from ..language.gazetteer import STATE_RE
from ..language.places import TOWNS, cities_of, states_through_towns
from ..language.topic import topic_words
from ..labels import MONTHS, figure_ordinal, ordinal_number, ordinal_word
from ..search.names import names

MODEL_FILE = Path(__file__).with_name("answerability.json")
TOP = 5  # the passages whose contents count: what a person sees of an answer at the default k
RELEVANT = 3  # the passages whose relevance and coverage count
BACKGROUND = 15  # the candidates past those whose relevance is the question's background
TYPED = TOP  # the passages searched for the kind of fact asked for ("where": a place), as a person reads them


FEATURES = ("relevance", "coverage", "type_missing", "absent", "not_shown", "named", "gap", "subject_missing",
            "topic_missing")
EXPLICIT = 10.0  # the score retrieval gives a document the question names by number or symbol


def carries(answer_type: str | None, text: str, counted: str | None = None, continents: tuple[str, ...] = ()) -> bool:
    """Does `text` give the kind of fact asked for (for "how many", a number of the thing counted; for "which
    African States", a State of those `continents`, or a group of them named so: "African States")?"""
    if answer_type == "count":
        return counts(text, counted)
    if answer_type == "country" and continents:
        return any(continent_of(m.group(0)) in continents for m in STATE_RE.finditer(text)) \
            or any(re.search(rf"\b{re.escape(word)}\s+(?:developing\s+)?(?:countries|States|Governments)\b", text, re.I)
                   for word, covered in ADJECTIVES.items() if set(covered) <= set(continents))
    return answer_type not in TYPE_PATTERNS or gives(answer_type, text)


@dataclass
class Signals:
    values: dict[str, float]
    unmatched_rare: list[str]
    unmatched_known: list[str]
    absent: list[str]  # years, ordinals, names, documents the corpus never mentions, as the question says them
    not_shown: list[str]  # ... that the corpus mentions, but not the first passages
    type_passage: int | None  # index (among the first passages) of the first that gives the fact asked for


def signals(retrieval) -> Signals:
    """The answerability signals of a retrieval record."""
    query, facts, terms = retrieval.query, retrieval.corpus, retrieval.terms
    top = [(c, retrieval.paragraphs[c.pid]) for c in retrieval.candidates if c.pid in retrieval.paragraphs][:TOP]
    texts = [p.text + " " + retrieval.chapeaus.get(c.pid, "") for c, p in top]
    relevance = max((retrieval.relevance.get(c.pid, c.dense) for c, _ in top[:RELEVANT]), default=0.0)
    gap = relevance - _background(retrieval)
    coverage = max((_coverage(t, retrieval) for t in texts[:RELEVANT]), default=0.0)

    type_passage = _type_passage(retrieval, top, _typed_texts(retrieval, top, texts))
    type_missing = float(query.answer_type in TYPE_PATTERNS and type_passage is None and bool(top))

    shown = " ".join(texts).lower()
    dates = " ".join(retrieval.documents[p.doc_id].date or "" for _, p in top)
    dates += " " + " ".join(retrieval.documents[d].date or "" for d, _ in retrieval.resolved[:2])  # "the 2004 text"
    absent = [str(y) for y in facts.years_absent] + [f"the {o}" for o in facts.ordinals_absent] + facts.names_absent
    if retrieval.missing_doc and not any(_cites(t, retrieval.missing_doc) for t in texts):
        absent.append(retrieval.missing_doc)
    elif retrieval.missing_doc and asks_content_of(query.text, retrieval.missing_doc):
        # "what does resolution 2002/87 say about ...?": the corpus cites it but does not hold its text
        absent.append(f"the text of {retrieval.missing_doc}")
    # a year that describes a document ("the 2004 GA resolution") need not stand in the passages
    doc_years = facts.document_years if query.refers_to_document else frozenset()
    not_shown = [str(y) for y in query.years if y not in facts.years_absent and y not in facts.instrument_years
                 and y not in facts.years_claimed
                 and str(y) not in shown
                 and str(y) not in dates and str(y) not in doc_years]
    not_shown += [f"the {o}" for o in query.ordinals if o not in facts.ordinals_absent
                  and o not in facts.ordinals_described
                  and not re.search(rf"\b(?:{o}|{ordinal_word(o)})\b", shown)]
    constraints = len(query.years) + len(query.ordinals)

    # the words the corpus lacks are counted in the question proper, not in the background an asker tells
    # before it ("A glassblower cares about clarity. Which four principles ...?"): their own words, not a subject
    asked = set(re.findall(r"[^\W_]+", question_proper(query.text).lower()))
    salient_total = sum(v for w, v in facts.salient_idf.items() if w in asked) or 1.0
    unmatched = [w for w in terms.unmatched if w in terms.salient and w in asked]
    rare = [w for w in unmatched if not facts.known.get(w)]
    known = [w for w in unmatched if facts.known.get(w)]
    # by stem, through the respellings the search made ("organisations": the corpus's "organizations")
    topic = set(stemming.stems(" ".join(topic_words(query.text))))
    topic |= {stemming.stem(printed) for printed, typed in query.respelled.items() if stemming.stem(typed) in topic}
    in_topic = [w for w in terms.salient if stemming.stem(w) in topic]
    topic_total = sum(facts.salient_idf.get(w, 0.0) for w in in_topic)
    values = {
        "relevance": relevance,
        "coverage": coverage,
        "type_missing": type_missing,
        "absent": float(bool(absent)),
        "not_shown": len(not_shown) / constraints if constraints else 0.0,
        "unmatched_rare": sum(facts.salient_idf.get(w, 0.0) for w in rare) / salient_total,
        "unmatched_known": sum(facts.salient_idf.get(w, 0.0) for w in known) / salient_total,
        # the question names a document the corpus holds ("57/224", "L.108"): it is about that text
        "named": float(any(score >= EXPLICIT for _, score in retrieval.resolved)),
        # how far the best passage stands above the question's other candidates in meaning
        "gap": gap,
        # how much of the question's meaning rests on words the corpus never uses (evidence.unsaid)
        "subject_missing": facts.unsaid,
        # the share (by idf) of the words after "about", "on", "deal with" (language/topic.py) that the corpus
        # never uses, nor a word close to them (Terms.unmatched): the subject the question names, missing
        "topic_missing": sum(facts.salient_idf.get(w, 0.0) for w in in_topic if w in unmatched) / topic_total
        if topic_total else 0.0,
    }
    return Signals(values, rare, known, absent, not_shown, type_passage)


def _cites(text: str, symbol: str) -> bool:
    """Does `text` name the document `symbol`, in full or by its number ("A/RES/32/127": "resolution 32/127")?"""
    number = re.search(r"\d+/\d+$", symbol)
    return symbol in text or bool(number and re.search(rf"(?<![\d/]){re.escape(number.group(0))}(?![\d/])", text))


_CONTENT_VERBS = (r"say|says|said|decide[sd]?|request(?:s|ed)?|call(?:s|ed)? (?:for|on|upon)|urge[sd]?|state[sd]?|"
                  r"provide[sd]?|contain(?:s|ed)?|recommend(?:s|ed)?|ask(?:s|ed)?|establish(?:es|ed)?|set up|"
                  r"stress(?:es|ed)?|adopt(?:s|ed)? as (?:its|their) conclusions|conclude[sd]?")


def asks_content_of(question: str, number: str) -> bool:
    """Does the question ask what a text says ("what does resolution 2002/87 say about ...?", "according to
    2002/87, ..."), rather than when it was adopted or who cites it?"""
    n = re.escape(number)
    if re.search(rf"\b(?:recall|recalls|recalled|recalling|cite|cites|cited|citing|refer|refers|referred|mention|"
                 rf"mentions|mentioned|implement\w*|note|notes|noted)\b[^?]{{0,30}}{n}\b", question, re.I):
        return False  # "which texts recall resolution 2002/87 and what do they request?": the citing texts
    return bool(re.search(rf"\b(?:what|which|how|who|whom)\b[^?]{{0,100}}?{n}\b[^?]{{0,60}}?\b(?:{_CONTENT_VERBS})\b|"
                          rf"\b(?:according to|under|per)\s+(?:[\w.]+\s+){{0,3}}?{n}\b|"
                          rf"\b(?:content|contents|text|substance|provisions|operative part) of\s+(?:[\w.]+\s+){{0,3}}?{n}\b|"
                          # ("quote the operative paragraphs of Commission resolution 2004/81")
                          rf"\b(?:quote|show|give|read|print|paste)\s+(?:(?:me|us|the|its|all|of|full|exact|actual|"
                          rf"operative|preambular)\s+){{0,4}}(?:paragraphs?|wording|words|text|clauses?|provisions?)\s+of\s+"
                          rf"(?:(?:the|commission|general|assembly|human|rights|council|resolution|decision|draft|res\.?)\s+)"
                          rf"{{0,4}}{n}\b",
                          question, re.I))


# "article 4 of the Arab Charter", "Article 1, paragraph 3, of the Charter": a provision of an instrument
_LINK = r"(?:,?\s+(?:of|on|and|for|to|against)(?:\s+the)?|,)(?=\s+[A-Z])"
_ARTICLE = re.compile(r"\b((?i:articles?)\s+(?:\d+|[IVXLC]+\b|[ivxlc]+\b)(?:,?\s*(?i:paragraph|para\.?)\s*\d+)?)"
                      rf"(?:,?\s+of\s+(?:the\s+)?([A-Z][\w'\u2019-]*(?:(?:{_LINK})?\s+[A-Z][\w'\u2019-]*)*))?")


_LINKING = {"of", "on", "and", "the", "for", "to", "against"}  # the words _LINK joins a name's words with


def article_named(question: str, store) -> str | None:
    """A provision the question names ("article 4 of the Arab Charter") that no paragraph of the corpus
    quotes or cites (none says "article 4" with the instrument's words), as the question says it. A body
    of resolutions seldom holds an instrument's articles: what no paragraph names, it cannot answer."""
    for m in _ARTICLE.finditer(question):
        number = re.search(r"(?:\d+|[IVXLC]+)\b", m.group(1)[len("article"):], re.I)
        words = [w for w in re.findall(r"[^\W\d_]+", m.group(2) or "") if w.lower() not in _LINKING]
        if number and not store.mentions_together([f"article {number.group(0)}", *words]):
            article = re.sub(r"\s+", " ", m.group(1))
            return f"{article} of the {m.group(2)}" if m.group(2) else article
    return None


def first_giving_the_type(retrieval) -> int | None:
    """The index, among the first candidates, of the first that gives the kind of fact asked for (a place for
    "where", a date for "when"), by the rules the signals use; None when none does or none is asked for."""
    if retrieval.query.answer_type not in TYPE_PATTERNS or retrieval.corpus is None:
        return None
    top = [(c, retrieval.paragraphs[c.pid]) for c in retrieval.candidates if c.pid in retrieval.paragraphs][:TOP]
    texts = [p.text + " " + retrieval.chapeaus.get(c.pid, "") for c, p in top]
    return _type_passage(retrieval, top, _typed_texts(retrieval, top, texts))


def _typed_texts(retrieval, top, texts: list[str]) -> list[str]:
    """The texts searched for the kind of fact asked for: a document's symbol is printed in the note a
    paragraph cites ("takes note of the report of the Secretary-General⁴" — "⁴ A/57/283."), so for a
    symbol the passage's notes count as its own; for anything else they do not (a symbol's year is no
    date of the passage)."""
    if retrieval.query.answer_type != "symbol":
        return texts
    return [t + " " + " ".join(n.text for n in retrieval.footnotes.get(c.pid, [])) for t, (c, _) in zip(texts, top)]


def _type_passage(retrieval, top, texts: list[str]) -> int | None:
    """The first of the passages shown that gives the kind of fact asked for. Past the first RELEVANT, a
    passage counts only if it holds the question's most specific word that the passages use (its
    rarest): a place in a paragraph about something else is not where the thing asked about is."""
    query = retrieval.query
    if query.answer_type not in TYPE_PATTERNS:
        return None
    if query.answer_type == "count" and _TEXTS_COUNTED.search(query.text):
        return 0  # "how many of the five texts ask ...?": counted over the texts shown, not a number in one
    shown = [set(stemming.stems(t)) for t in texts]
    used = [s for s in stemming.stems(" ".join(query.terms)) if any(s in st for st in shown)]
    # (the words that ask for a place or a date, "hosted", "held", "took place", say nothing of what it is of)
    specific = max((s for s in used if s not in _ASKING_STEMS), key=lambda s: retrieval.corpus.idf.get(s, 0.0),
                   default=None)
    # a thing the question names ("the Arab Charter"), not a State, a town or a region (the host of a meeting
    # is not named where the meeting's town is): its date is in a passage that names it
    things = [n for n in names(_asking_part(query.text, query.answer_type)) if not STATE_RE.fullmatch(n)
              and n.lower() not in TOWNS and not all(REGION_RE.fullmatch(w) for w in re.split(r"[\s-]+", n))]
    thing_stems = set(stemming.stems(" ".join(things)))
    named = [s for s in used if s in thing_stems]  # in the question's order: ties go to the first, not to hash order
    name = max(named, key=lambda s: retrieval.corpus.idf.get(s, 0.0), default=None)
    counted = query.counted
    # "which countries other than Pakistan sent delegations?": the name left out gives no answer
    left = _NAME_LEFT_OUT.search(query.text) if query.answer_type in ("country", "location", "person") else None
    left = left.group(1) if left else None
    listed = query.answer_type == "count" and counts_a_list(query.text)
    hosted = query.answer_type == "country" and bool(_HOSTED_ASKED.search(query.text))
    unsaid_thing = bool(counted and retrieval.terms
                        and stemming.stem(counted) in {stemming.stem(w) for w in retrieval.terms.unmatched})
    # "the twelfth workshop": the ordinals that tell the thing from others of its kind (not a document's
    # session or meeting; not "first", mostly "earliest": "what's the first one it recalls?") must stand in
    # the passage, in words or figures ("twelfth", "12th"), and say it as well as its rarest word ("next")
    described = set(retrieval.corpus.ordinals_described) | {"first"}
    numbering = [_forms(o) for o in query.ordinals if o not in described]
    asked = set(stemming.stems(" ".join(query.terms)))
    # (a symbol: in the paragraph or the notes it cites, _typed_texts)
    # "when was the twelfth workshop held?": a meeting's date is a day, a month or a year, not the session of
    # the body that asks for its report ("at its sixtieth session")
    held = query.answer_type == "time" and bool(_HELD_ASKED.search(query.text))
    # "on what exact days in August 2002 ...?": a day of the month, not the month the question already gives
    days = query.answer_type == "time" and bool(_DAYS_ASKED.search(query.text))
    return next((i for i, (_, p) in enumerate(top[:TYPED])
                 # (a thing the corpus never names, "how many pillars ...?" of the framework's "four areas",
                 # is counted by the things named one by one, not by any number the paragraph gives)
                 # (and "how many are listed, and what are they?" by a list's items shown, or a chapeau's)
                 if (names_series(p.text) if unsaid_thing and query.answer_type == "count" else
                     carries(query.answer_type, texts[i] if query.answer_type == "symbol" else _without(p.text, left),
                             counted, query.continents)
                     # ("which country hosted ...?": "held in Doha" says Qatar)
                     or (hosted and any(not query.continents or continent_of(state) in query.continents
                                        for state in states_through_towns(_without(p.text, left))))
                     or (listed and (p.parent is not None or names_series(p.text))))
                 and (not held or _DATED.search(p.text)) and (not days or _DAY_OF_MONTH.search(p.text))
                 # (a question in words none of which the passages use: the first of them, by meaning)
                 and ((i < RELEVANT and (not days or specific is None)) or specific in shown[i] or numbering)
                 # (of several things numbered, "the ninth, tenth, eleventh and twelfth workshops", one will do)
                 and (all if len(numbering) < 2 else any)(word <= shown[i] or figure in shown[i]
                                                          for word, figure in numbering)
                 # (a symbol: of a report by any of those the question names, "which Secretary-General or High
                 # Commissioner reports, under what symbols?", in the paragraph or the notes it cites)
                 and (name is None or holds_stem(shown[i], name)
                      or (query.answer_type == "symbol" and any(holds_stem(shown[i], n) for n in named)))
                 and (query.answer_type != "findings" or _findings_of(p.text, asked, query))), None)


_NAME_LEFT_OUT = re.compile(r"\b(?:apart from|aside from|except for|except|other than|excluding|besides|beyond)\s+"
                            r"(?:the\s+)?([A-Z][\w'\u2019-]*(?:\s+(?:of\s+)?[A-Z][\w'\u2019-]*)*)")


def _without(text: str, name: str | None) -> str:
    """The text without the name a question leaves out ("other than Pakistan"), nor its towns."""
    if not name:
        return text
    for town in cities_of(name):
        text = re.sub(rf"(?<![\w-]){re.escape(town)}(?![\w-])", " ", text)
    return re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", text)


_TEXTS_COUNTED = re.compile(r"\bhow many of (?:the|these|those|our|its) (?:\w+ )?(?:texts|documents|resolutions|drafts)"
                            r"\b", re.I)
_HOSTED_ASKED = re.compile(r"\b(?:host|hosts|hosted|hosting|convened|took place|venue)\b", re.I)
_HELD_ASKED = re.compile(r"\b(?:held|hold|convened|took place|take place|taken place|happened|happen|met|hosted|"
                         r"organi[sz]ed|run|ran)\b", re.I)
_DAYS_ASKED = re.compile(r"\b(?:exact|precise|specific)\s+(?:days?|dates?)\b|\b(?:what|which)\s+days?\b|"
                         r"\bon what date\b|\bwhat day of\b", re.I)
_DAY_OF_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:-|\u2013|to|and)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+"
                           rf"(?:{'|'.join(MONTHS)})\b|\b(?:{'|'.join(MONTHS)})\s+\d{{1,2}}\b")
_DATED = re.compile(rf"\b(?:19|20)\d\d\b|\b(?:{'|'.join(MONTHS)})\b")
_ASKING_STEMS = frozenset(stemming.stems("host hosted hosting held hold holding convened convene convening organized "
                                          "organised organize organise took take taking place happened happen met "
                                          "meet venue located city cities town date year month day"))


def _forms(ordinal: str) -> tuple[set[str], str | None]:
    """An ordinal as a passage may print it: the stems of its words ("seventy-fourth": all of them), or its
    figure ("74th")."""
    number = ordinal_number(ordinal)
    return set(stemming.stems(ordinal_word(ordinal))), (figure_ordinal(number).lower() if number else None)


def _findings_of(text: str, asked: set[str], query) -> bool:
    """Does the passage say what the thing asked about concluded or recommended: the verb's subject, in the
    words just before it, is a word of the question ("the World Conference recommended" for "what did the
    Vienna conference recommend?", not for "what did the workshop recommend?"), or the verb opens the
    paragraph (the text's own: "Recommends increased coordination") and the question is about a text or body."""
    for m in TYPE_PATTERNS["findings"].finditer(text):
        before = text[:m.start()]
        if not before.strip() and (query.refers_to_document or query.bodies or query.symbols or query.numbers):
            return True
        if set(stemming.stems(" ".join(before.split()[-8:]))) & asked:
            return True
    return False


def holds_stem(stems: set[str], name: str) -> bool:
    """Do a passage's stems hold a name's stem, or its adjective ("Asia": "Asian", "Samoa": "Samoan"; not
    "Niger": "Nigeria")?"""
    return name in stems or (len(name) >= 4 and any(s[len(name):] in _ADJECTIVE_ENDINGS for s in stems
                                                     if s.startswith(name)))


_ADJECTIVE_ENDINGS = frozenset(("n", "an", "ian", "ese"))


def _asking_part(question: str, kind: str | None) -> str:
    """The parts of a question of several ("what does the draft ask of the SG - on the Board of Trustees - and
    by which session is the report due?") that ask for the kind of fact: the names of the others are not
    what the date or place is of. The whole question when no part alone asks for it."""
    parts = [p for p in re.split(r"[?;]|\s[-\u2013]\s|,?\s+and\s+(?=(?:by |in |at |on |since |until )?(?:when|where|which|what|"
                                r"how|who)\b)", question) if p and p.strip()]
    if any(len(p.split()) < 3 for p in parts):  # "when and where was it held, and ...": no part stands alone
        return question
    asking = [p for p in parts if asked_type(p.lower()) == kind]
    return " ".join(asking) if asking and len(asking) < len(parts) else question


def _background(retrieval) -> float:
    """The question's background relevance: the median of its candidates past the first (a subject the
    corpus lacks matches all its paragraphs alike, weakly; one it holds stands out)."""
    rest = sorted(retrieval.relevance.get(c.pid, c.dense) for c in retrieval.candidates[RELEVANT:BACKGROUND])
    return rest[len(rest) // 2] if rest else 0.0


def _coverage(text: str, retrieval) -> float:
    """The idf-weighted share of the question's stems that `text` holds, a word close in meaning (one the
    retrieval let stand in for it) counting at its similarity."""
    idf, terms = retrieval.corpus.idf, retrieval.terms
    stems = set(stemming.stems(text))
    wanted = set(stemming.stems(" ".join(retrieval.query.terms)))
    total = sum(idf.get(s, 0.0) for s in wanted) or 1.0
    got = 0.0
    for s in wanted:
        if s in stems:
            got += idf.get(s, 0.0)
            continue
        close = [terms.expanded[e] for e, source in terms.alternatives.items() if source == s and e in stems]
        if close:
            got += idf.get(s, 0.0) * max(close)
    return got / total


# ---------------------------------------------------------------- the model
@dataclass
class Model:
    features: tuple[str, ...]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    threshold: float
    meta: dict

    def contributions(self, values: dict[str, float]) -> dict[str, float]:
        """Each signal's pull on the log-odds, against the average question of the training set."""
        return {f: c * (values.get(f, 0.0) - m) / s
                for f, m, s, c in zip(self.features, self.mean, self.scale, self.coef)}

    def probability(self, values: dict[str, float]) -> float:
        z = self.intercept + sum(c * (values.get(f, 0.0) - m) / s
                                 for f, m, s, c in zip(self.features, self.mean, self.scale, self.coef))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict:
        return {"features": list(self.features), "mean": self.mean, "scale": self.scale, "coef": self.coef,
                "intercept": self.intercept, "threshold": self.threshold, **self.meta}

    @classmethod
    def from_json(cls, data: dict) -> Model:
        known = {"features", "mean", "scale", "coef", "intercept", "threshold"}
        return cls(tuple(data["features"]), data["mean"], data["scale"], data["coef"], data["intercept"],
                   data["threshold"], {k: v for k, v in data.items() if k not in known})


@functools.lru_cache(maxsize=1)
def model() -> Model:
    """The fitted model shipped with qabot (read-only data, read once)."""
    return Model.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
