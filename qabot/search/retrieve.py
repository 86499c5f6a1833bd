"""Retrieval: a question -> ranked paragraphs.

    understand the question (query.py)
      -> scope: documents it names (filter when explicit, boost when described), --doc, --year
      -> dense (FAISS) candidates; the question's words and the corpus words close in meaning that
         those passages use (expansion.py); lexical (FTS5 + weighted BM25 over stems) candidates; fused
      -> boosts for what the question names: years, dates, ordinals, documents
      -> a paragraph it names by label goes first (or the two around a gap)
      -> the passage list arranged (arrange.py): lists kept together, footnotes attached to the paragraph
         citing them, a chapeau never alone, both sides of a question spanning two documents, one text once

`Searcher` loads a generation once (store, vectors, query encoder); every question after is warm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ..config import Settings
from ..embed import encoders as embed
from ..index.generations import IndexFolder
from ..index.manifest import Manifest
from ..labels import MONTHS
from ..language import stemming
from ..language.places import seats_for_bodies
from ..language.register import REGISTER_WEIGHT, SPEECH_ACTS
from .backend import open_backend
from .background import Background
from .described import Described, Documents, described_names
from ..records import Document, Paragraph
from ..store.database import STORE_FILE, Store
from . import arrange
from .candidates import CITED_OF_BODY, CONTEXT_PASSAGES, Candidate, Gathering, Terms  # noqa: F401 (CONTEXT_PASSAGES: public)
from .events import meetings_named
from .evidence import CorpusFacts, complete
from .names import descriptive_names
from .respelled import spelled_as_printed
from .expansion import Expander
from .named import place_named
from .lexical import Lexical
from ..language.left_out import PLURAL_HEADS, leaving_out, names_a_text
from ..language.framing import frame_context
from .query import BODY_NAMES, EXPANSIONS, PREDECESSORS, STOPWORDS, Query, understand

POOL = 100  # candidates taken from each of the lexical and dense lists
_SUBJECT_STEMS = frozenset(stemming.stems("human rights"))  # what "Commission on Human Rights" is about, too


# "who hosted the Doha workshop?": a question of the town's part in the meeting, which the town's name answers
_HOSTING = re.compile(r"\b(?:host|hosts|hosted|hosting|venue|held|convened|took place|take place|located)\b", re.I)
# the town is what is asked about ("both texts mention Beirut: what happened there according to each?")
_TOWN_ASKED = re.compile(r"\b(?:mention(?:s|ed|ing)?|refer(?:s|red|ring)? to|speaks? of|spoke of|(?:say|said|says) about|"
                         r"happened|happen|happens|going on)\b", re.I)


@dataclass
class Retrieval:
    """Everything an answer is made of: the ranked candidates and, for the first of them, what the
    answer needs to quote and judge them without going back to the index (answer/compose.py)."""
    query: Query
    candidates: list[Candidate]
    paragraphs: dict[int, Paragraph]
    documents: dict[str, Document]
    scope: list[str] | None  # document ids the question was restricted to
    resolved: list[tuple[str, float]]  # documents the question names or describes, with their scores
    missing_label: str | None = None  # a paragraph asked for that the document does not have
    missing_doc: str | None = None  # a document number asked for that the corpus does not hold
    question_vector: np.ndarray | None = None  # the whole question, encoded
    terms: Terms | None = None
    corpus: CorpusFacts | None = None  # what the corpus knows of the question's words (evidence.py)
    chapeaus: dict[int, str] = field(default_factory=dict)  # candidate pid -> the chapeau it continues
    relevance: dict[int, float] = field(default_factory=dict)  # first candidates: cosine with the whole question
    footnotes: dict[int, list[Paragraph]] = field(default_factory=dict)  # first candidates: the notes they cite
    generation: str | None = None
    store: Store | None = None  # read-only lookups of what ingest stored: links, versions
    within: frozenset[str] | None = None  # the only documents the answer may come from (a Slack collection)
    left_out: LeftOut | None = None  # what the question asked to leave out ("apart from L.108")


@dataclass
class LeftOut:
    """The documents a question leaves out: by id, and all those of some bodies and years ("other than the
    2002 ones", "leaving aside the Commission"), each group (bodies, years) a clause of its own."""
    doc_ids: frozenset[str] = frozenset()
    groups: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()

    def excludes(self, doc: Document) -> bool:
        if doc.id in self.doc_ids:
            return True
        return any((not bodies or doc.body in bodies) and (not years or (doc.date or "")[:4] in years)
                   for bodies, years in self.groups)


class Searcher(Gathering):
    """One generation of the index, loaded once."""

    def __init__(self, settings: Settings):
        folder = IndexFolder(settings.index)
        self.folder = folder
        self.path = folder.require_current()
        self.generation = self.path.name
        self.settings = settings
        self.manifest = Manifest.read(self.path)
        # the query encoder (an ONNX session: a fifth of a second) is built while the rest loads
        with Background(lambda: embed.query_encoder(self.manifest.model, self.manifest.encoder, folder.models,
                                                     export=self.manifest.export)) as encoder:
            self.store = Store(self.path / STORE_FILE)
            self.lexical = Lexical(self.store, self.manifest.paragraphs, self.manifest.avg_text_stems,
                                   self.manifest.avg_context_stems, counted=self.manifest.stem_counts)
            self.backend = open_backend(settings, self.path, self.manifest, self.store, self.lexical)
            self.vectors = self.backend.vectors  # VectorIndex or MilvusVectors: search(), scores_for()
            self.documents = Documents(self.store, self.manifest.documents)
            # its lookups are built when a question first needs them (the years recorded by the manifest)
            self.described = Described(self.store, self.manifest.years)
            self.encoder = encoder.result()
        self.expander = Expander(self.path, self.encoder)
        self.paragraph_count = self.manifest.paragraphs

    def close(self) -> None:
        self.backend.close()
        self.store.close()

    # ------------------------------------------------------------ statistics
    def df(self, stem: str) -> int:
        return self.lexical.df(stem)

    def idf(self, stem: str) -> float:
        return self.lexical.idf(stem)

    def year_in_corpus(self, year: int) -> bool:
        if year in self.described.years():
            return True
        return self.df(str(year)) > 0

    # ------------------------------------------------------------ documents named
    def resolve_documents(self, query: Query) -> tuple[list[tuple[str, float]], bool, str | None]:
        """(document id, score) for the documents the question names; explicit?; a number not in the corpus."""
        explicit: list[str] = []
        missing = None
        query.held = []
        for name in query.symbols + query.numbers:
            found = self.store.find_documents(name)
            if found:
                explicit.extend(d.id for d in found if d.id not in explicit)
                query.held.append(name)
            elif name in query.symbols or re.search(r"\b(?:resolution|decision|res\.?)\s+" + re.escape(name), query.text,
                                                    re.I) or not self.store.cites(name):
                # "what does 57/201 say?": a number no document is and no paragraph cites names a text the
                # corpus does not hold (not 57/210 by a slip of the keyboard, answered without a word)
                missing = missing or name
        if not explicit and missing and query.metadata and self.store.cites(missing):
            # "when was General Assembly resolution 32/127 adopted?": a text only cited, its date in the paragraphs
            # citing it, not in the metadata of the texts of the body named
            query.metadata = []
            return [], False, missing
        if explicit and missing and query.metadata and _first_named(query.text, missing, query.held):
            # "when was resolution 2002/82 adopted, which 2003/73 recalls?": asked of a text the corpus only
            # cites, the facts are in the paragraphs citing it, not in the metadata of the text citing it
            return [], False, missing
        if explicit:
            named = [(doc_id, 10.0) for doc_id in explicit]
            other = self._described_beside(query, explicit)
            if other:  # "2003/73 asked ... - what did the 2004 GA resolution say?": both texts, both sides
                query.beside = other
                return named + [(other, 5.0)], True, missing
            return named, True, missing
        if not query.refers_to_document:
            return [], False, missing
        sides = self._sides(query)
        if sides:
            return sides, False, missing
        return self.described.scored(query, set(stemming.stems(" ".join(query.terms)))), False, missing

    def _described_beside(self, query: Query, named: list[str]) -> str | None:
        """A text the question describes by its year ("the 2004 GA resolution") besides one it names by number,
        when none of the named is of that year: the best described text of that year."""
        years = {str(y) for y in query.described_years}
        if not years and query.bodies:  # "2003/73 endorsed ... - how did the GA refer to it in 2004?" (not an
            # event's year: "the workshop held in 2004")
            years = {str(y) for y in query.years
                     if not re.search(rf"\b(?:held|convened|took place|organi[sz]ed|hosted|met|happened|opened|"
                                      rf"launched|established)\b[^.?;]{{0,30}}\b{y}\b", query.text, re.I)}
        drafts = {str(y) for y in query.described_drafts}

        def fits(doc_id: str) -> bool:
            # (of the year described; a draft when a draft of that year is described: "the Commission's 2002 draft
            # on advisory services and resolution 57/224", both of 2002)
            year = (self.documents[doc_id].date or "")[:4]
            return year in years and (year not in drafts or self.documents[doc_id].status == "draft")

        if not years or any(fits(d) for d in named):
            return None
        for doc_id, _ in self.described.scored(query, set(stemming.stems(" ".join(query.terms)))):
            doc = self.documents[doc_id]
            if doc_id not in named and fits(doc_id) and (not query.bodies or doc.body in query.bodies):
                return doc_id
        return None

    def _sides(self, query: Query) -> list[tuple[str, float]]:
        """The documents of "each of the two GA regional arrangements resolutions", described by that phrase
        alone (not by the resolution they are asked to cite), when it describes at least two."""
        phrase = query.sides
        if not phrase:
            return []
        described = understand(phrase)
        scored = self.described.scored(described, set(stemming.stems(" ".join(described.terms))))
        best = scored[0][1] if scored else 0.0
        # as well described as the best, to half a title word (a title word scores 1, a body or year 2)
        sides = [(doc_id, score) for doc_id, score in scored if score >= best - 0.5]
        return sides if len(sides) >= 2 else []

    # ------------------------------------------------------------ search
    def _leave_out(self, query: Query) -> tuple[Query, LeftOut | None]:
        """"Apart from the advisory services draft, ...": the text (or body) the question leaves out, found
        as a described or named document; the question is then read without those words, which would
        otherwise draw it to the very text left out. Words that name no text are left in the question."""
        left, text = LeftOut(), query.text
        while (split := leaving_out(text)) is not None:  # "..., apart from L.108, apart from the 2004 one?"
            what, rest = split
            named = understand(re.sub(r"\bones?\b", lambda m: "texts" if m.group(0) == "ones" else "text", what))
            found, _, _ = self.resolve_documents(named) if names_a_text(what) else ([], False, None)
            plural = bool(set(re.findall(r"[a-z]+", what.lower())) & PLURAL_HEADS)
            if found and not plural:
                ids = frozenset(doc_id for doc_id, score in found if score >= found[0][1])
                left = LeftOut(left.doc_ids | ids, left.groups)
            elif named.bodies or (plural and named.years):  # "the Commission", "the 2002 ones": all of them
                group = (frozenset(named.bodies), frozenset(str(y) for y in named.years))
                left = LeftOut(left.doc_ids, left.groups + (group,))
            else:
                break  # words that name no text stay in the question
            text = rest
        if text == query.text:
            return query, None
        return _reread(query, text), left

    def _acronyms_used(self, query: Query) -> None:
        """An acronym the question reads as words ("HR": human rights) that this corpus prints as such (a
        corpus of abstracts: "HR 1.2", a hazard ratio) is searched for as printed too."""
        for token in re.findall(r"[^\W_]+(?:-[^\W_]+)*", query.text.lower()):
            if token in EXPANSIONS and token not in query.terms and self.df(stemming.stem(token)) > 0:
                query.terms.append(token)
                query.term_weight[token] = 1.0

    @staticmethod
    def _descriptions_left_out(query: Query) -> None:
        """The words of a place that describes something else ("the Geneva bureau", "from Mexico to Patagonia":
        evidence.descriptive_names) are not searched: the texts name the thing itself (the Office, Latin
        America), and "Geneva" would find the one paragraph that speaks of a meeting there."""
        query.describing = frozenset(descriptive_names(query.text))
        words = {w.lower() for name in query.describing for w in re.findall(r"[^\W\d_]+", name)}
        for bodies in seats_for_bodies(query.text).values():  # "Brussels had a hand in it": the words of its bodies
            for body in bodies:
                for w in re.findall(r"[^\W\d_]+", body.lower()):
                    if w not in STOPWORDS:
                        query.register.setdefault(w, REGISTER_WEIGHT)
        if words:
            query.terms = [t for t in query.terms if t not in words]
            for w in words:
                query.term_weight.pop(w, None)

    def _predecessor_for(self, query: Query) -> Query:
        """"The Human Rights Council's 2003 resolution" in a corpus that holds the Commission on Human Rights'
        texts and never names the Council: the body it replaced, which the asker means of a year before the
        change (query.PREDECESSORS), read in its place and said in a note."""
        for body in query.bodies:
            older, since = PREDECESSORS.get(body, (None, 0))
            if older is None or body in self.described.bodies or older not in self.described.bodies \
                    or not query.years or max(query.years) >= since or self.store.mentions(body):
                continue  # (a text of the years before the change only: "the HRC's 2003 resolution")
            text = query.text
            for pattern in BODY_NAMES[body]:
                text = re.sub(pattern, older, text, flags=re.I)
            reading = _reread(query, text)
            typed = re.search(BODY_NAMES[body][0], query.text, re.I)
            reading.slips = {**query.slips, older: typed.group(0) if typed else body}
            return reading
        return query

    def _spelled_as_printed(self, query: Query) -> None:
        spelled_as_printed(query, self.df, self.expander, self.encoder)

    def search(self, query: Query, k: int, doc: str | None = None, year: int | None = None,
               context_doc: str | None = None, within: frozenset[str] | None = None) -> Retrieval:
        """`within`: the only documents the answer may come from (a Slack channel's collection); None: all.
        `context_doc`: the document a follow-up is read in (the one just shown) when it names no other."""
        query = self._predecessor_for(query)
        query, left_out = self._leave_out(query)
        self._acronyms_used(query)
        self._descriptions_left_out(query)
        for word, weight in frame_context(query.frame, query.terms, lambda w: self.df(stemming.stem(w)),
                                          self.paragraph_count).items():
            query.register.setdefault(word, weight)  # "for my note on the Voluntary Fund: who manages it?"
        self._spelled_as_printed(query)
        resolved, explicit, missing_doc = self.resolve_documents(query)
        if left_out:
            resolved = [(doc_id, score) for doc_id, score in resolved if not left_out.excludes(self.documents[doc_id])]
        if within is not None:
            resolved = [(doc_id, score) for doc_id, score in resolved if doc_id in within]
            context_doc = context_doc if context_doc in within else None
        if query.beside and any(doc_id == query.beside for doc_id, _ in resolved):
            query.cross = True  # the text described beside the one named is in reach: a question of two sides
        scope: list[str] | None = None
        if doc:
            scope = [self.store.resolve(doc).id]
        elif explicit and (not query.cross or len(resolved) >= 2):
            scope = [doc_id for doc_id, _ in resolved]  # a question spanning two texts that names one: boosted
        elif context_doc and (query.paragraph is not None or query.metadata) and not resolved:
            scope = [context_doc]  # "and paragraph 9?", "which resolution was that?" in a conversation
            resolved = [(context_doc, 10.0)] if query.metadata else resolved
        elif context_doc and any(doc_id == context_doc for doc_id, _ in resolved):
            scope = [context_doc]  # a follow-up about the text just shown, described ("the 2004 GA resolution")
        if within is not None:
            scope = sorted(within) if scope is None else [doc_id for doc_id in scope if doc_id in within]

        pool = max(POOL, k * 4)
        meetings = meetings_named(self, query, scope)
        for words in meetings.values():  # "the Islamabad meeting": the eleventh Workshop
            for word, weight in words.items():
                query.register.setdefault(word, weight)
        naming = self._naming_stems(query, resolved, explicit)
        if query.answer_type not in ("location", "time") and not query.place_and_time \
                and not _HOSTING.search(query.text) and not _TOWN_ASKED.search(query.text):
            # "what did the workshop in Islamabad conclude?": the town names the meeting (its words, above, find
            # it), it is not what is asked about: a paragraph on where the meeting was held is not the answer
            naming.update(s for town in meetings for s in stemming.stems(town))
        focused = _without(query.text, naming)
        subject = [w for w in query.register if w not in SPEECH_ACTS]
        if subject:  # "self-government" -> "democracy": the formal words of the subject help the embedding too
            focused = focused + " " + " ".join(subject)
        typed = self.typed_weights(query, naming)  # gathered by FTS5 on a thread while the question is encoded
        ahead = (list(typed), self.backend.gather_soon(list(typed), pool, scope)) if scope != [] else None
        # the words query expansion will look up and the corpus does not print go in the same run of the encoder
        unknown = self.expander.unknown(self.expandable(query, naming))
        texts = ([focused] if focused != query.text else []) + [query.text] + unknown
        vectors = self.encoder.encode(texts)
        vector, full_vector = vectors[0], vectors[len(texts) - len(unknown) - 1]
        self.expander.keep(unknown, vectors[len(texts) - len(unknown):])
        dense = self._dense(vector, pool, scope)
        weights = self.term_weights(query, naming, context=[pid for pid, _ in dense[:CONTEXT_PASSAGES]], typed=typed)
        lexical = self._lexical(query, weights, pool, scope, ahead)
        candidates = self._fuse(query, weights, lexical, dense, vector)
        paragraphs = self.store.paragraphs_by_id(candidates.keys())
        if left_out:
            candidates = {pid: c for pid, c in candidates.items()
                          if not left_out.excludes(self.documents[paragraphs[pid].doc_id])}
        if year is not None:
            candidates = {pid: c for pid, c in candidates.items()
                          if str(year) in paragraphs[pid].text
                          or (self.documents[paragraphs[pid].doc_id].date or "").startswith(str(year))}
        self._boost(query, candidates, paragraphs, resolved if scope is None else [])
        ranked = sorted(candidates.values(), key=lambda c: -c.score)

        retrieval = Retrieval(query, ranked, paragraphs, self.documents, scope, resolved, missing_doc=missing_doc,
                              question_vector=full_vector, terms=weights, generation=self.generation, store=self.store,
                              within=within, left_out=left_out)
        target_doc = self._target_document(query, scope, resolved, ranked, paragraphs, context_doc, missing_doc)
        if query.paragraph is not None and target_doc is not None:
            place_named(self, retrieval, query.paragraph, target_doc)
        arrange.arrange(self.store, retrieval, k)
        complete(self, retrieval, k)
        return retrieval

    def _naming_stems(self, query: Query, resolved: list[tuple[str, float]], explicit: bool) -> set[str]:
        """Words that only name the document ("the 2002 advisory-services draft", "resolution 2003/73"):
        the document is already filtered or boosted, so they should not also pull paragraphs that
        happen to contain them."""
        naming: set[str] = set()
        if not resolved:
            # "how does the GA characterise ...": the body whose texts are asked about is their author, not
            # what their paragraphs speak of ("submit to the General Assembly"); one they address is
            cited = bool(CITED_OF_BODY.search(query.text))  # "which GA res set it up?": the words find the citation
            for body in query.bodies:
                if body in self.described.bodies and body not in query.addressed and not cited:
                    naming.update(set(stemming.stems(body)) - _SUBJECT_STEMS)
            return naming
        for name in query.symbols + query.numbers:
            # "57/210" names a text of the corpus, "1993/51" one it cites (searched for), "2005/12" neither: its
            # figures would only match years and paragraph numbers
            if name in query.held or not self.store.cites(name):
                naming.update(stemming.stems(name))
        if not explicit:
            # "the CHR's Islamabad follow-up resolution": the name describes the text, it is not asked about
            naming.update(s for name in described_names(query.text) for s in stemming.stems(name))
            question = set(stemming.stems(" ".join(query.terms)))
            for doc_id, _ in resolved[:2]:
                doc = self.documents[doc_id]
                naming.update(self.described.title_stems.get(doc_id, frozenset()) & question)
                naming.update(_date_naming(doc.date, query))
                if query.draft and doc.status == "draft":
                    naming.add(stemming.stem("draft"))
                if doc.body in query.bodies:
                    naming.update(stemming.stems(doc.body) + [stemming.stem("assembly"), stemming.stem("commission")])
        return naming

    def encode(self, text: str) -> np.ndarray:
        return self.encoder.encode([text])[0]

    def _dense(self, vector: np.ndarray, limit: int, scope: list[str] | None) -> list[tuple[int, float]]:
        return self.backend.dense(vector, limit, scope)

    def _target_document(self, query: Query, scope, resolved, ranked, paragraphs, context_doc,
                         missing_doc: str | None = None) -> str | None:
        if query.paragraph is None:
            return None
        if scope and len(scope) == 1:
            return scope[0]
        if resolved:
            return resolved[0][0]
        if context_doc:
            return context_doc
        label = query.paragraph.label()
        if label is None or missing_doc:
            return None  # ("operative paragraph 5 of resolution 2004/81": of a text the corpus only cites)
        # no document named: the best-ranked document that has such a paragraph
        for c in ranked[:10]:
            p = paragraphs[c.pid]
            if self.store.paragraph(p.doc_id, label) is not None:
                return p.doc_id
        return None


def _reread(query: Query, text: str) -> Query:
    """The question understood again in other words (some left out, a body's name replaced), keeping what
    the asker typed and the language it was asked in."""
    reading = understand(text)
    reading.asked, reading.read_from = query.asked or query.text, query.read_from
    return reading


def _date_naming(date: str | None, query: Query) -> set[str]:
    """The stems of a described text's date that name it: its year ("the 2004 resolution") and month ("its
    December 2004 resolution"); none when the question gives another day of that month ("resolutions dated
    26 April 2002" are other texts than one of 22 April 2002)."""
    if not date or int(date[:4]) not in query.years:
        return set()
    year, month, day = (int(part) for part in date[:10].split("-"))
    if any(y == year and m == month and d != day for y, m, d in query.dates):
        return set()
    return {date[:4]} | ({stemming.stem(MONTHS[month - 1])} if month in query.months else set())


def _first_named(text: str, name: str, others: list[str]) -> bool:
    """Does the question name `name` before any of `others`?"""
    at = text.find(name)
    return at >= 0 and all(at < text.find(o) or text.find(o) < 0 for o in others)


def _without(text: str, naming: set[str]) -> str:
    """The question without the words that only name a document (kept whole if little would remain)."""
    if not naming:
        return text
    kept = [token for token in text.split() if not (set(stemming.stems(token)) and set(stemming.stems(token)) <= naming)]
    remaining = [t for t in kept if stemming.stems(t)]
    return " ".join(kept) if len(remaining) >= 3 else text
