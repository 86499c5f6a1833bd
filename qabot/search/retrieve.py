"""Retrieval: a question -> ranked paragraphs.

    understand the question (query.py)
      -> scope: documents it names (filter when explicit, boost when described), --doc, --year
      -> dense (FAISS) candidates; the question's words and the corpus words close in meaning that
         those passages use (expansion.py); lexical (FTS5 + weighted BM25 over stems) candidates; fused
      -> boosts for what the question names: years, dates, ordinals, documents
      -> a paragraph it names by label goes first (or the two around a gap)
      -> sub-paragraphs of one list kept together; compared documents interleaved

`Searcher` loads a generation once (store, vectors, query encoder); every question after is warm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ..language import stemming
from ..embed import encoders as embed
from ..config import Settings
from ..index.generations import IndexFolder
from . import expansion
from .expansion import Expander
from ..index.vectors import Manifest
from .backend import open_backend
from ..language.gazetteer import STATE_RE
from .lexical import Lexical
from .query import ParagraphRef, Query
from ..labels import MONTHS
from ..records import FOOTNOTE, OPERATIVE, PREAMBULAR, Document, Paragraph
from ..store.database import STORE_FILE, Store
from .evidence import CorpusFacts, complete

_DATED = re.compile(r"\b(?:1[89]|20)\d\d\b")
# Words a question uses about any document, never its subject.
GENERIC = frozenset("""say says said tell rules rule policy policies measures measure address addresses corpus
resolution resolutions text texts document documents draft drafts paragraph paragraphs provision provisions
regarding concerning mention mentions mentioned according kind sort way ways thing things anything
something about issue issues matter matters question questions cite cites cited citing citation footnote
footnotes footnoting symbol symbols version versions description describe wording word words note notes
try tries tried point points appear appears far back go goes going ago series whether still""".split())
CONTEXT_PASSAGES = 10  # the dense neighbours whose words an expansion must be among
POOL = 100  # candidates taken from each of the lexical and dense lists
DENSE_WEIGHT = 0.6
LEXICAL_WEIGHT = 0.4


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
    generation: str | None = None
    store: Store | None = None  # read-only lookups of what ingest stored: links, versions


class Searcher:
    """One generation of the index, loaded once."""

    def __init__(self, settings: Settings):
        folder = IndexFolder(settings.index)
        self.folder = folder
        self.path = folder.require_current()
        self.generation = self.path.name
        self.settings = settings
        self.store = Store(self.path / STORE_FILE)
        self.manifest = Manifest.read(self.path)
        self.lexical = Lexical(self.store.db, self.manifest.paragraphs, self.manifest.avg_text_stems,
                               self.manifest.avg_context_stems)
        self.backend = open_backend(settings, self.path, self.manifest, self.store, self.lexical)
        self.vectors = self.backend.vectors  # VectorIndex or MilvusVectors: search(), scores_for()
        self.encoder = embed.query_encoder(self.manifest.model, self.manifest.encoder, folder.models,
                                           export=self.manifest.export)
        self.documents = {d.id: d for d in self.store.documents()}
        self.expander = Expander(self.path, self.encoder)
        self._title_stems = {d.id: set(stemming.stems(d.title or "")) for d in self.documents.values()}
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
        if any((d.date or "").startswith(str(year)) for d in self.documents.values()):
            return True
        return self.df(str(year)) > 0

    # ------------------------------------------------------------ documents named
    def resolve_documents(self, query: Query) -> tuple[list[tuple[str, float]], bool, str | None]:
        """(document id, score) for the documents the question names; explicit?; a number not in the corpus."""
        explicit: list[str] = []
        missing = None
        for name in query.symbols + query.numbers:
            found = self.store.find_documents(name)
            if found:
                explicit.extend(d.id for d in found if d.id not in explicit)
            elif name in query.symbols or re.search(r"\bresolution\s+" + re.escape(name), query.text, re.I):
                missing = missing or name
        if explicit:
            return [(doc_id, 10.0) for doc_id in explicit], True, missing
        if not query.refers_to_document:
            return [], False, missing
        question_stems = set(stemming.stems(" ".join(query.terms)))
        title_counts: dict[str, int] = {}
        for stems in self._title_stems.values():
            for s in stems:
                title_counts[s] = title_counts.get(s, 0) + 1
        scored = []
        for doc in self.documents.values():
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
            rare = {s for s in self._title_stems.get(doc.id, set())
                    if title_counts.get(s, 0) * 2 <= max(2, len(self.documents))}
            score += 1.0 * len(rare & question_stems)
            if score >= 2.5:
                scored.append((doc.id, score))
        scored.sort(key=lambda x: -x[1])
        return scored, False, missing

    # ------------------------------------------------------------ search
    def search(self, query: Query, k: int, doc: str | None = None, year: int | None = None,
               context_doc: str | None = None, within: frozenset[str] | None = None) -> Retrieval:
        """`within`: the only documents the answer may come from (a Slack channel's collection); None: all."""
        resolved, explicit, missing_doc = self.resolve_documents(query)
        if within is not None:
            resolved = [(doc_id, score) for doc_id, score in resolved if doc_id in within]
            context_doc = context_doc if context_doc in within else None
        scope: list[str] | None = None
        if doc:
            scope = [self.store.resolve(doc).id]
        elif explicit:
            scope = [doc_id for doc_id, _ in resolved]
        elif context_doc and (query.paragraph is not None or query.metadata) and not resolved:
            scope = [context_doc]  # "and paragraph 9?", "which resolution was that?" in a conversation
            resolved = [(context_doc, 10.0)] if query.metadata else resolved
        if within is not None:
            scope = sorted(within) if scope is None else [doc_id for doc_id in scope if doc_id in within]

        pool = max(POOL, k * 4)
        naming = self._naming_stems(query, resolved, explicit)
        focused = _without(query.text, naming)
        if focused == query.text:
            vector = full_vector = self.encode(query.text)
        else:
            vector, full_vector = self.encoder.encode([focused, query.text])
        dense = self._dense(vector, pool, scope)
        weights = self.term_weights(query, naming, context=[pid for pid, _ in dense[:CONTEXT_PASSAGES]])
        lexical = self._lexical(query, weights, pool, scope)
        candidates = self._fuse(query, weights, lexical, dense, vector)
        paragraphs = self.store.paragraphs_by_id(candidates.keys())
        if year is not None:
            candidates = {pid: c for pid, c in candidates.items()
                          if str(year) in paragraphs[pid].text
                          or (self.documents[paragraphs[pid].doc_id].date or "").startswith(str(year))}
        self._boost(query, candidates, paragraphs, resolved if not explicit else [])
        ranked = sorted(candidates.values(), key=lambda c: -c.score)

        retrieval = Retrieval(query, ranked, paragraphs, self.documents, scope, resolved, missing_doc=missing_doc,
                              question_vector=full_vector, terms=weights, generation=self.generation, store=self.store)
        target_doc = self._target_document(query, scope, resolved, ranked, paragraphs, context_doc)
        if query.paragraph is not None and target_doc is not None:
            self._place_named(retrieval, query.paragraph, target_doc)
        self._keep_lists_together(retrieval)
        if query.compare and len(resolved) >= 2:
            self._interleave(retrieval, [doc_id for doc_id, _ in resolved[:3]])
        _collapse_repeats(retrieval)
        complete(self, retrieval, k)
        return retrieval

    def _naming_stems(self, query: Query, resolved: list[tuple[str, float]], explicit: bool) -> set[str]:
        """Words that only name the document ("the 2002 advisory-services draft", "resolution 2003/73"):
        the document is already filtered or boosted, so they should not also pull paragraphs that
        happen to contain them."""
        if not resolved:
            return set()
        naming: set[str] = set()
        for name in query.symbols + query.numbers:
            naming.update(stemming.stems(name))
        if not explicit:
            question = set(stemming.stems(" ".join(query.terms)))
            for doc_id, _ in resolved[:2]:
                doc = self.documents[doc_id]
                naming.update(self._title_stems.get(doc_id, set()) & question)
                if doc.date and int(doc.date[:4]) in query.years:
                    naming.add(doc.date[:4])
                if query.draft and doc.status == "draft":
                    naming.add(stemming.stem("draft"))
                if doc.body in query.bodies:
                    naming.update(stemming.stems(doc.body) + [stemming.stem("assembly"), stemming.stem("commission")])
        return naming

    def term_weights(self, query: Query, naming: set[str] = frozenset(),
                     context: list[int] | None = None) -> Terms:
        """The question's stems (weight 1) and the corpus words close in meaning (weight by similarity).
        With `context` (the paragraphs closest to the question in meaning), a word close in meaning
        counts only if one of them uses it: a neighbour in the embedding space that the passages about
        the question never use is a near-spelling ("racial" for "regional", "penile" for "penetrance")
        or a word of another subject, not a way the corpus says the same thing. A word close in meaning
        stands in for the question's word (Terms.alternatives): a paragraph scores the better of the
        two, not both (lexical.Lexical.score).
        Also notes, in Terms.unmatched, the question's words that neither occur in the corpus nor have a
        corpus word close in meaning: what the corpus does not talk about."""
        typed: dict[str, float] = {}
        for term in query.terms:
            for s in stemming.stems(term):
                if s not in naming:
                    typed[s] = max(typed.get(s, 0.0), query.term_weight.get(term, 1.0))
        if not typed:  # the question only names a document: keep its words
            typed = {s: 1.0 for s in stemming.stems(" ".join(query.terms))}
        common = 0.2 * max(1, self.paragraph_count)
        words = [w for w in query.terms if not w.isdigit() and self.df(stemming.stem(w)) < common
                 and not set(stemming.stems(w)) <= naming]
        expanded, nearest, source = self.expander.expand(words, set(typed))
        if context and expanded:
            used = self.lexical.stems_of(context)
            expanded = {s: w for s, w in expanded.items() if s in used}
        alternatives = {s: source[s] for s in expanded if s in source}
        for word, weight in query.register.items():  # formal words for plain ones (lexicon.py)
            s = stemming.stem(word)
            if s not in typed and s not in naming:
                expanded[s] = max(expanded.get(s, 0.0), weight)
        unmatched = [w for w in words if w not in GENERIC and self.df(stemming.stem(w)) == 0
                     and nearest.get(w, 0.0) < expansion.KNOWN_SIMILARITY]
        salient = [w for w in query.terms if w not in GENERIC and not w.isdigit()
                   and not set(stemming.stems(w)) <= naming]
        return Terms(typed, expanded, alternatives, unmatched, salient)

    def _lexical(self, query: Query, weights, limit: int, scope: list[str] | None) -> dict[int, float]:
        if scope == []:  # a collection that holds none of the documents asked about
            return {}
        typed, expanded = weights
        ids = self.backend.gather(list(typed), limit, scope)
        if expanded:
            seen = set(ids)
            ids += [i for i in self.backend.gather(list(expanded), limit // 2, scope) if i not in seen]
        return self.lexical.score({**expanded, **typed}, ids, weights.alternatives)

    def encode(self, text: str) -> np.ndarray:
        return self.encoder.encode([text])[0]

    def _dense(self, vector: np.ndarray, limit: int, scope: list[str] | None) -> list[tuple[int, float]]:
        return self.backend.dense(vector, limit, scope)

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
        event_years = [y for y in query.years if y not in doc_years]
        for pid, c in candidates.items():
            p = paragraphs[pid]
            doc = self.documents[p.doc_id]
            text = p.text
            year_boost = 0.0
            for year in event_years:
                if re.search(rf"(?<!\d){year}(?!\d)", text):
                    year_boost = max(year_boost, 0.15)
                    c.reasons.append(f"mentions {year}")
                elif (doc.date or "").startswith(str(year)):
                    year_boost = max(year_boost, 0.08)
                    c.reasons.append(f"adopted in {year}")
            c.score += year_boost
            low = text.lower()
            for ordinal in query.ordinals:
                if re.search(rf"\b{ordinal}\b", low):
                    c.score += 0.1
                    c.reasons.append(f"mentions the {ordinal}")
            for y, m, d in query.dates:
                if re.search(rf"\b{d}\b[^.;]{{0,30}}\b{MONTHS[m - 1]}\b[^.;]{{0,10}}\b{y}\b", text):
                    c.score += 0.1
            if query.answer_type == "time" and _DATED.search(text):
                c.score += 0.06
            elif query.answer_type == "country" and STATE_RE.search(text):
                c.score += 0.08
            if doc_boost:
                c.score += doc_boost.get(p.doc_id, 0.0)
            elif query.bodies and doc.body in query.bodies:
                c.score += 0.03

    # ------------------------------------------------------------ named paragraphs
    def _target_document(self, query: Query, scope, resolved, ranked, paragraphs, context_doc) -> str | None:
        if query.paragraph is None:
            return None
        if scope and len(scope) == 1:
            return scope[0]
        if resolved:
            return resolved[0][0]
        if context_doc:
            return context_doc
        label = query.paragraph.label()
        if label is None:
            return None
        # no document named: the best-ranked document that has such a paragraph
        for c in ranked[:10]:
            p = paragraphs[c.pid]
            if self.store.paragraph(p.doc_id, label) is not None:
                return p.doc_id
        return None

    def _place_named(self, retrieval: Retrieval, ref: ParagraphRef, doc_id: str) -> None:
        paragraphs = list(self.store.paragraphs(doc_id))
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
        # a chapeau asked for brings its sub-paragraphs
        if role == "named" and len(named) == 1:
            children = [p for p in paragraphs if p.parent == named[0].label]
            for i, p in enumerate(children):
                front.append(Candidate(p.id, score=1.9 - 0.01 * i, role="list", reasons=["sub-paragraph"]))
                retrieval.paragraphs[p.id] = p
        ids = {c.pid for c in front}
        retrieval.candidates = front + [c for c in retrieval.candidates if c.pid not in ids]

    # ------------------------------------------------------------ lists and comparisons
    def _keep_lists_together(self, retrieval: Retrieval) -> None:
        """Sub-paragraphs of one list belong together. A chapeau among the best three brings its whole
        list after it; items among the best three bring the siblings that score nearly as well."""
        ranked = retrieval.candidates
        if not ranked or ranked[0].role != "match":
            return
        top = ranked[0].score
        by_pid = {c.pid: c for c in ranked}
        for head in ranked[:3]:
            p = retrieval.paragraphs[head.pid]
            is_chapeau = p.parent is None and p.text.rstrip().endswith(":") and retrieval.query.wants_list
            chapeau_label = p.label if is_chapeau else p.parent
            if chapeau_label is None:
                continue
            family = [x for x in self.store.paragraphs(p.doc_id)
                      if x.label == chapeau_label or x.parent == chapeau_label]
            items = [x for x in family if x.parent == chapeau_label]
            if not items:
                continue
            if is_chapeau:
                group = [x for x in family if x.label == chapeau_label] + items
            else:
                threshold = (0.72 if retrieval.query.wants_list else 0.9) * top
                keep = [x for x in items if x.id in by_pid and by_pid[x.id].score >= threshold]
                if len(keep) < 2:
                    continue
                group = keep
            position = min(ranked.index(by_pid[x.id]) for x in group if x.id in by_pid)
            group_ids = {x.id for x in group}
            rest = [c for c in ranked if c.pid not in group_ids]
            block = []
            for x in group:
                c = by_pid.get(x.id) or Candidate(x.id)
                if c.role == "match" and x.id != head.pid:
                    c.role = "list"
                retrieval.paragraphs[x.id] = x
                block.append(c)
            retrieval.candidates = rest[:position] + block + rest[position:]
            return

    def _interleave(self, retrieval: Retrieval, doc_ids: list[str]) -> None:
        """For a comparison, the best paragraph of each compared document comes first."""
        ranked = retrieval.candidates
        firsts = []
        for doc_id in doc_ids:
            best = next((c for c in ranked if retrieval.paragraphs[c.pid].doc_id == doc_id and c.role == "match"), None)
            if best is not None:
                firsts.append(best)
        if len(firsts) < 2:
            return
        head = [c for c in ranked if c.role != "match"]
        ids = {c.pid for c in firsts} | {c.pid for c in head}
        retrieval.candidates = head + sorted(firsts, key=lambda c: -c.score) + [c for c in ranked if c.pid not in ids]


def _collapse_repeats(retrieval: Retrieval) -> None:
    """A paragraph repeated word for word in another document (a resolution re-adopted with most of its
    text unchanged) is shown once, where it ranks best; on a tie, from the newest document. The others
    are kept on it as `same_as`, so the answer can say where else the same words stand. Paragraphs the
    question names are never folded away."""
    groups: dict[str, list[Candidate]] = {}
    for c in retrieval.candidates:
        p = retrieval.paragraphs.get(c.pid)
        if p is not None and p.kind != FOOTNOTE and c.role in ("match", "list"):
            groups.setdefault(" ".join(p.text.split()), []).append(c)
    shown: dict[int, Candidate] = {}  # pid of a group's first candidate -> the one shown in its place
    hidden: set[int] = set()
    for group in groups.values():
        docs = {retrieval.paragraphs[c.pid].doc_id for c in group}
        if len(docs) < 2:
            continue
        head = group[0]
        tied = [c for c in group if abs(c.score - head.score) < 1e-6]
        chosen = max(tied, key=lambda c: retrieval.documents[retrieval.paragraphs[c.pid].doc_id].date or "")
        chosen_doc = retrieval.paragraphs[chosen.pid].doc_id
        seen_docs = {chosen_doc}
        for c in group:
            if c is chosen:
                continue
            doc_id = retrieval.paragraphs[c.pid].doc_id
            if doc_id not in seen_docs:
                seen_docs.add(doc_id)
                chosen.same_as.append(c.pid)
                hidden.add(c.pid)
        if chosen.role != head.role:
            chosen.role = head.role
        shown[head.pid] = chosen
        hidden.discard(chosen.pid)
        if chosen is not head:
            hidden.add(chosen.pid)  # it moves up to the head's place
    out = []
    for c in retrieval.candidates:
        if c.pid in shown:
            out.append(shown[c.pid])
        elif c.pid not in hidden:
            out.append(c)
    retrieval.candidates = out


def _without(text: str, naming: set[str]) -> str:
    """The question without the words that only name a document (kept whole if little would remain)."""
    if not naming:
        return text
    kept = [token for token in text.split() if not (set(stemming.stems(token)) and set(stemming.stems(token)) <= naming)]
    remaining = [t for t in kept if stemming.stems(t)]
    return " ".join(kept) if len(remaining) >= 3 else text


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
