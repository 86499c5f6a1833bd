"""Candidates for a question: dense (FAISS) and lexical (BM25 over stems, with the corpus words close in
meaning to the question's) lists, fused on one absolute scale, then boosted for what the question names
(years, dates, ordinals, documents). `Gathering` is mixed into retrieve.Searcher, whose loaded index it
reads (lexical, expander, vectors, documents) and whose backend gathers (backend.py: FAISS + FTS5, or
Milvus)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..labels import MONTHS
from ..language import stemming
from ..language.facts import TYPE_PATTERNS, asks_for_items, enumerates, gives
from ..language.gazetteer import first_state
from ..language.places import cities_of
from ..language.subjects import subject
from ..records import Paragraph
from . import expansion
from .query import Query

# Words a question uses about any document, never its subject.
GENERIC = frozenset("""say says said tell rules rule policy policies measures measure address addresses corpus
resolution resolutions text texts document documents draft drafts paragraph paragraphs provision provisions
regarding concerning mention mentions mentioned according kind sort way ways thing things anything
something about issue issues matter matters question questions cite cites cited citing citation footnote
footnotes footnoting symbol symbols version versions description describe wording word words note notes
try tries tried point points appear appears far back go goes going ago series whether still
happen happens happened happening occur occurs occurred occurring get gets got getting ought
clause clauses bit bits part parts speak speaks spoke""".split())
CONTEXT_PASSAGES = 10  # the dense neighbours whose words an expansion must be among
DENSE_WEIGHT = 0.6
# "what are the four areas?": a paragraph naming four areas one by one (0.15, 0.25, 0.35 measured: fit MRR
# 0.904, 0.908, 0.918, fresh 0.893, 0.898, 0.914, nothing lost on dev, tune, hard; two paragraphs that only
# mention "the four areas" outranked the one listing them by 0.13)
ENUMERATION_BOOST = 0.35
# "where was it held?": a paragraph giving a place rises as one giving a date does for "when" (0.06; 0 and 0.1
# measured: dev, tune, fit, fresh, hard the same; the paragraph saying "held in Islamabad" rises above two that
# only speak of the workshop)
LOCATION_BOOST = 0.06
LEXICAL_WEIGHT = 0.4
# "what did the GA ask ...?": a text of the body the question names, when it names no text (0.03, 0.06, 0.1,
# 0.15, 0.2 measured: tune MRR 0.781, 0.784, 0.792, 0.792, 0.792, blind5 0.739, 0.739, 0.745, 0.745, 0.745;
# dev, fit, fresh, hard the same throughout; the smallest value of the plateau)
BODY_BOOST = 0.1


CITED_OF_BODY = re.compile(r"\b(?:which|what)\s+(?:GA|General Assembly|Assembly|CHR|Commission|ECOSOC|Council)(?:'s|\u2019s)?"
                            r"\s+(?:res|resolution|resolutions|decision|decisions)\b", re.I)


@dataclass
class Candidate:
    pid: int
    score: float = 0.0
    dense: float = 0.0  # cosine of the best window
    lexical: float = 0.0  # BM25, higher is better
    lexical_norm: float = 0.0
    dense_rank: int | None = None
    lexical_rank: int | None = None
    reasons: list[str] = field(default_factory=list)
    role: str = "match"  # "match", "named" (the paragraph asked for), "gap" (around a missing one), "list"
    same_as: list[int] = field(default_factory=list)  # paragraphs of other documents with the very same text


@dataclass
class Terms:
    """The question's words as the corpus knows them (term_weights): unpacks as (typed, expanded)."""
    typed: dict[str, float]  # the question's own stems
    expanded: dict[str, float]  # corpus stems close in meaning, weighted by similarity
    # a stem close in meaning to one of the question's words -> that word's stem: a paragraph scores the
    # best of the word and the words that stand in for it, not their sum (lexical.Lexical.score)
    alternatives: dict[str, str] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)  # words the corpus never uses, nor anything close
    salient: list[str] = field(default_factory=list)  # the words that say what the question is about

    def __iter__(self):
        return iter((self.typed, self.expanded))


class Gathering:
    """Candidate gathering and scoring, over the index a retrieve.Searcher has loaded."""

    def term_weights(self, query: Query, naming: set[str] = frozenset(),
                     context: list[int] | None = None, typed: dict[str, float] | None = None) -> Terms:
        """The question's stems (weight 1) and the corpus words close in meaning (weight by similarity).
        With `context` (the paragraphs closest to the question in meaning), a word close in meaning
        counts only if one of them uses it: a neighbour in the embedding space that the passages about
        the question never use is a near-spelling ("racial" for "regional", "penile" for "penetrance")
        or a word of another subject, not a way the corpus says the same thing. A word close in meaning
        stands in for the question's word (Terms.alternatives): a paragraph scores the better of the
        two, not both (lexical.Lexical.score).
        Also notes, in Terms.unmatched, the question's words that neither occur in the corpus nor have a
        corpus word close in meaning: what the corpus does not talk about."""
        typed = dict(typed) if typed is not None else self.typed_weights(query, naming)  # (typed_weights, read before)
        common = 0.2 * max(1, self.paragraph_count)
        words = self.expandable(query, naming)
        expanded, nearest, source = self.expander.expand(words, set(typed))
        if context and expanded:
            used = self.lexical.stems_of(context)
            expanded = {s: w for s, w in expanded.items() if s in used}
            # a word the corpus lacks is said in other words only by a neighbour the passages nearest the question
            # use ("cyber" lies near "social" at 0.59, "labour" near "workers" at 0.67, in no passage about
            # them): cross-validated, 236 of 241 answerable questions answered and 85 of 92 unanswerable ones
            # abstained against 235 and 83 with any neighbour in the corpus (benchmarks/answerability.py)
            said = {source[s] for s, w in expanded.items()
                    if s in source and w >= expansion.WEIGHT * expansion.KNOWN_SIMILARITY}
            nearest = {w: (sim if stemming.stem(w) in said else 0.0) for w, sim in nearest.items()}
        alternatives = {s: source[s] for s in expanded if s in source}
        for word, weight in query.register.items():  # formal words for plain ones (register.py)
            s = stemming.stem(word)
            if s not in typed and s not in naming:
                expanded[s] = max(expanded.get(s, 0.0), weight)
        unmatched = [w for w in words if w not in GENERIC and self.df(stemming.stem(w)) == 0
                     # (a word of a subject of its own is said only in that subject's words: "cybersecurity" lies
                     # near "security", which the corpus prints of the OSCE, not of computers)
                     and (nearest.get(w, 0.0) < expansion.KNOWN_SIMILARITY or subject(w) is not None)
                     # "smuggled": the corpus says it in its own words ("trafficking"), not a missing subject
                     # (as long as the corpus has most of its distinctive formal words: "donors" is "contributions",
                     # "voluntary", "contributors"; not "lgbt", "sexual orientation gender identity", nor "press
                     # freedom" for "freedom" alone, a word of a fifth of the paragraphs; a subject of its own,
                     # language/subjects.py, never)
                     and not (query.rephrased.get(w) and subject(w) is None
                              and self._said_in_corpus_words(query.rephrased[w], common))
                     # "the Ecuador get-together": the corpus names the country by its city ("held in Quito")
                     and not any(all(self.df(stemming.stem(x)) > 0 for x in re.findall(r"[^\W\d_]+", city.lower()))
                                 for city in cities_of(w))]
        salient = [w for w in query.terms if w not in GENERIC and not w.isdigit()
                   and not set(stemming.stems(w)) <= naming]
        return Terms(typed, expanded, alternatives, unmatched, salient)

    @staticmethod
    def typed_weights(query: Query, naming: set[str] = frozenset()) -> dict[str, float]:
        """The question's own stems (all but those that only name the document), each weighted as its word."""
        typed: dict[str, float] = {}
        for term in query.terms:
            for s in stemming.stems(term):
                if s not in naming:
                    typed[s] = max(typed.get(s, 0.0), query.term_weight.get(term, 1.0))
        if not typed:  # the question only names a document: keep its words
            typed = {s: 1.0 for s in stemming.stems(" ".join(query.terms))}
        return typed

    def expandable(self, query: Query, naming: set[str] = frozenset()) -> list[str]:
        """The question's words said in other words too (expansion.py): all but numbers, the corpus's
        common words (in a fifth of its paragraphs or more) and those that only name the document."""
        common = 0.2 * max(1, self.paragraph_count)
        return [w for w in query.terms if not w.isdigit() and self.df(stemming.stem(w)) < common
                and not set(stemming.stems(w)) <= naming]

    def _said_in_corpus_words(self, formal: list[str], common: float) -> bool:
        """Does the corpus print at least half of a register entry's distinctive formal words (those in fewer
        than a fifth of the paragraphs; the common ones, "rights", "freedoms", say nothing of a subject)?"""
        counts = [self.df(stemming.stem(f)) for f in formal]
        distinctive = [n for n in counts if n < common]
        if not distinctive:  # "rights bureau": the Office of the High Commissioner, words of many paragraphs
            return all(n > 0 for n in counts)
        return 2 * sum(n > 0 for n in distinctive) >= len(distinctive)

    def _lexical(self, query: Query, weights, limit: int, scope: list[str] | None, ahead=None) -> dict[int, float]:
        """ahead: (stems, the gathering of them started before: backend.gather_soon)."""
        if scope == []:  # a collection that holds none of the documents asked about
            return {}
        typed, expanded = weights
        if ahead is not None and ahead[0] == list(typed):
            ids = ahead[1].result()
        else:
            ids = self.backend.gather(list(typed), limit, scope)
        if expanded:
            seen = set(ids)
            ids += [i for i in self.backend.gather(list(expanded), limit // 2, scope) if i not in seen]
        return self.lexical.score({**expanded, **typed}, ids, weights.alternatives)

    def _fuse(self, query: Query, weights, lexical: dict[int, float], dense, vector) -> dict[int, Candidate]:
        """Dense cosine and BM25 on one absolute scale: BM25 is divided by the question's total idf, about
        what a paragraph holding each of its words once would score; a match on common words stays small.
        A candidate found by one side only is scored exactly by the other."""
        candidates: dict[int, Candidate] = {}
        scale = sum(self.idf(s) for s in set(stemming.stems(" ".join(query.terms)))) or 1.0
        for rank, (pid, s) in enumerate(sorted(lexical.items(), key=lambda kv: -kv[1]), 1):
            c = candidates.setdefault(pid, Candidate(pid))
            c.lexical, c.lexical_rank = s, rank
        for rank, (pid, s) in enumerate(dense, 1):
            c = candidates.setdefault(pid, Candidate(pid))
            c.dense, c.dense_rank = s, rank
        no_dense = [pid for pid, c in candidates.items() if c.dense_rank is None]
        for pid, s in self.vectors.scores_for(vector, no_dense).items():
            candidates[pid].dense = s
        no_lexical = [pid for pid, c in candidates.items() if c.lexical_rank is None]
        if no_lexical:
            typed, expanded = weights
            for pid, s in self.lexical.score({**expanded, **typed}, no_lexical, weights.alternatives).items():
                candidates[pid].lexical = s
        for c in candidates.values():
            c.lexical_norm = min(1.5, c.lexical / scale)
            c.score = DENSE_WEIGHT * c.dense + LEXICAL_WEIGHT * c.lexical_norm
        return candidates

    def _boost(self, query: Query, candidates: dict[int, Candidate], paragraphs: dict[int, Paragraph],
               resolved: list[tuple[str, float]]) -> None:
        """What the question names, beyond its words: years (an event held then, or a document adopted
        then), dates, ordinals, the documents it describes, and a date at all when it asks "when"."""
        best_doc = resolved[0][1] if resolved else 0.0
        doc_boost = {doc_id: 0.2 * score / best_doc for doc_id, score in resolved} if resolved else {}
        # a year that picked out the document ("the Commission's 2003 resolution") is not an event year
        doc_years = {int(self.documents[d].date[:4]) for d, _ in resolved if self.documents[d].date}
        # "the 2002 list", "the 2002 wording": a text of that year, not a paragraph mentioning it
        text_years = set(query.described_years) & self.described.years() - doc_years
        event_years = [y for y in query.years if y not in doc_years and y not in text_years]
        enumerated = asks_for_items(query.text)  # "what are the four areas ...?": (4, "area")
        # "which GA res set it up?": a resolution of that body, cited in any text, not a text of that body
        cited_body = bool(CITED_OF_BODY.search(query.text))
        for pid, c in candidates.items():
            p = paragraphs[pid]
            doc = self.documents[p.doc_id]
            text = p.text
            year_boost = 0.0
            for year in event_years:
                if _figure_in(str(year), text):
                    year_boost = max(year_boost, 0.15)
                    c.reasons.append(f"mentions {year}")
                elif (doc.date or "").startswith(str(year)):
                    year_boost = max(year_boost, 0.08)
                    c.reasons.append(f"adopted in {year}")
            for year in text_years:
                if (doc.date or "").startswith(str(year)):
                    year_boost = max(year_boost, 0.08)
                    c.reasons.append(f"adopted in {year}")
            c.score += year_boost
            low = text.lower()
            for ordinal in query.ordinals:
                if _word_in(ordinal, low):  # "first", not the end of "sixty-first"
                    c.score += 0.1
                    c.reasons.append(f"mentions the {ordinal}")
            for y, m, d in query.dates:
                if re.search(rf"\b{d}\b[^.;]{{0,30}}\b{MONTHS[m - 1]}\b[^.;]{{0,10}}\b{y}\b", text):
                    c.score += 0.1
            if query.place_and_time:  # "where and when": a paragraph giving both ("held in Islamabad from 25 ...")
                c.score += 0.06 * (gives("time", text, low) + gives("location", text))
            elif query.answer_type == "time" and gives("time", text, low):  # a year, month, session
                c.score += 0.06
            elif query.answer_type == "location" and TYPE_PATTERNS["location"].search(text):  # "held in Doha"
                c.score += LOCATION_BOOST
            elif query.answer_type == "country" and first_state(text):
                c.score += 0.08
            elif query.answer_type == "symbol" and (p.footnotes or TYPE_PATTERNS["symbol"].search(text)):
                c.score += 0.06  # a symbol printed, or a note cited (where the texts print the symbols they cite)
            if enumerated and enumerates(text, *enumerated):
                c.score += ENUMERATION_BOOST
                c.reasons.append("lists them")
            if doc_boost:
                c.score += doc_boost.get(p.doc_id, 0.0)
            elif query.bodies and doc.body in query.bodies and not (query.symbols or query.numbers or cited_body):
                c.score += BODY_BOOST  # (a text named by its number beside the body may be of another body)

    # ------------------------------------------------------------ named paragraphs


def _figure_in(figure: str, text: str) -> bool:
    """re.search(rf"(?<!\\d){figure}(?!\\d)", text), without a regex compiled per question and tried at every
    character: "2003" standing alone, not inside "12003" or "20031"."""
    at = text.find(figure)
    while at >= 0:
        end = at + len(figure)
        if (at == 0 or not text[at - 1].isdecimal()) and (end == len(text) or not text[end].isdecimal()):
            return True
        at = text.find(figure, at + 1)
    return False


def _word_in(word: str, text: str) -> bool:
    """re.search(rf"(?<![\\w-]){word}\\b", text) for a word of letters: not the end of "sixty-first", nor the
    start of "firstly"."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "_-") and not (after.isalnum() or after == "_"):
            return True
        at = text.find(word, at + 1)
    return False
