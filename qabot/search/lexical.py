"""Lexical search: FTS5 finds the candidates, BM25 with per-term weights ranks them.

FTS5's own bm25() cannot weight terms, and a question's words are not all equal: the words it
typed count fully, the corpus words that mean the same (expansion.py) count by their similarity.
So FTS5 (over Snowball stems, see analysis.py) only gathers candidates; the score is BM25 over the
stems it stores, text and context columns, with k1 = 0.9 and b = 0.4 (Anserini's defaults; Lucene and
FTS5 use 1.2 and 0.75): paragraphs are short and of like length, so a word's repetition and the
paragraph's length should count less. Measured together: dev MRR@10 0.827 -> 0.845, tune unchanged,
SciFact nDCG@10 0.7219 -> 0.7279.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from ..store import fts, terms
from ..store.database import Store

K1 = 0.9
B = 0.4
GATHER_POSTINGS = 5000  # the rarest stems gather candidates, within this many postings together
# a question whose rarest stem has more postings than this gathers nothing lexically: FTS5 ranks every
# posting before its LIMIT (at 1M paragraphs "contribut", in 166,861 paragraphs, took 107 ms for a hundred
# of them, the slowest part of the slowest questions); dense search still gathers and BM25 still scores
# what it gathers. A corpus under 25,000 paragraphs never reaches it (a paragraph is at most 2 postings).
GATHER_ALONE = 50_000
CONTEXT_WEIGHT = 0.4  # the chapeau and title a paragraph sits under count, less than its own words


class Lexical:
    def __init__(self, store: Store, paragraphs: int, avg_text: float, avg_context: float, counted: bool = False):
        """counted: the ingest that sealed the store stored every stem's counts (fts.count_stems; the
        manifest says so: Manifest.stem_counts), read instead of walking FTS5's doclists if the table is
        there."""
        self.store = store
        self.counted = counted and fts.stems_counted(store)
        self.n = max(1, paragraphs)
        self.avg_text = avg_text or 1.0
        self.avg_context = avg_context or 1.0
        self._df: dict[str, int] = {}
        self._postings: dict[str, int] = {}

    def df(self, stem: str) -> int:
        if stem not in self._df:
            self._read(stem)
        return self._df[stem]

    def postings(self, stem: str) -> int:
        """Rows a MATCH on the stem visits: paragraphs holding it in their text or their context."""
        if stem not in self._postings:
            self._read(stem)
        return self._postings[stem]

    def _read(self, stem: str) -> None:
        """Both counts of the stem at once: stored (fts.counted_frequencies), else fts.frequencies (one walk
        of its doclist, not two)."""
        read = fts.counted_frequencies if self.counted else fts.frequencies
        self._df[stem], self._postings[stem] = read(self.store, stem)

    def idf(self, stem: str) -> float:
        """BM25's idf as FTS5 computes it (never below a small positive floor)."""
        df = self.df(stem)
        return max(1e-6, math.log((self.n - df + 0.5) / (df + 0.5)))

    def candidates(self, stems: list[str], limit: int, scope: list[str] | None = None,
                   only: list[int] | None = None) -> list[int]:
        """Paragraph ids that hold any of the stems, best first by FTS5's unweighted bm25()."""
        gathering = self._gathering(stems) if stems else []
        if not gathering:
            return []
        return fts.gather(self.store, gathering, limit, CONTEXT_WEIGHT, scope, only)

    def _gathering(self, stems: list[str]) -> list[str]:
        """The stems that gather candidates: the rarest, as many as keep their postings together within
        GATHER_POSTINGS (at least one; none when even the rarest is past GATHER_ALONE). A MATCH visits every posting of every stem and FTS5 scores every
        match before its LIMIT, about 3 ms a thousand postings: at 1M paragraphs a question's every stem
        cost 1.1 s, its rarest within 5,000 postings 25 ms (docs/scaling.md). The other stems still
        count in the weighted score of what the rare ones gather, and dense search gathers too."""
        out: list[str] = []
        total = 0
        ordered = sorted(stems, key=self.postings)
        if self.postings(ordered[0]) > GATHER_ALONE:
            return out
        for s in ordered:
            if out and total + self.postings(s) > GATHER_POSTINGS:
                break
            out.append(s)
            total += self.postings(s)
        return out

    def stems_of(self, ids: list[int]) -> set[str]:
        """Every stem the paragraphs use (text and context)."""
        out: set[str] = set()
        for _, text, context in fts.stems_of(self.store, ids):
            out.update((text or "").split())
            out.update((context or "").split())
        return out

    def score(self, weights: dict[str, float], ids: list[int],
              alternatives: dict[str, str] | None = None) -> dict[int, float]:
        """Weighted BM25 of each paragraph for the weighted stems. A stem in `alternatives` stands in for
        another (its key -> the stem it stands for): of a stem and its stand-ins, only the best counts,
        as Lucene scores synonyms, so a paragraph that uses three words for one idea does not outscore
        one that names three ideas. Reads the term counts stored at ingest (store/terms.py); a store
        built before them, the stems FTS5 stores (the same scores, slower)."""
        if not ids or not weights:
            return {}
        idf = {s: self.idf(s) for s in weights}
        rows = self._counted(weights, ids) if self.store.terms else self._split(weights, ids)
        alternatives = alternatives or {}
        out: dict[int, float] = {}
        for rowid, columns in rows:
            terms: dict[str, float] = {}
            for length, avg, factor, hits in zip(columns[0], (self.avg_text, self.avg_context),
                                                 (1.0, CONTEXT_WEIGHT), columns[1]):
                if not hits:
                    continue
                norm = K1 * (1 - B + B * length / avg)
                for s, f in hits:
                    terms[s] = terms.get(s, 0.0) + factor * weights[s] * idf[s] * f * (K1 + 1) / (f + norm)
            best: dict[str, float] = {}
            for s, value in terms.items():
                group = alternatives.get(s, s)
                if value > best.get(group, 0.0):
                    best[group] = value
            out[int(rowid)] = sum(best.values())
        return out

    def _split(self, weights: dict[str, float], ids: list[int]):
        """(paragraph id, ((text length, context length), (text hits, context hits))) from the stems FTS5
        stores, split and counted: hits are (stem, count) of the weighted stems, in order of first occurrence."""
        for rowid, text, context in fts.stems_of(self.store, ids):
            lengths, hits = [], []
            for column in (text, context):
                stems = (column or "").split()
                lengths.append(len(stems))
                hits.append(list(Counter(s for s in stems if s in weights).items()))
            yield rowid, (lengths, hits)

    def _counted(self, weights: dict[str, float], ids: list[int]):
        """The same from the counts stored at ingest: the weighted stems' numbers are looked for in all the
        rows at once (numpy), and only the hits come back to Python."""
        numbered = terms.numbers(self.store.db, weights)
        rows = list(terms.rows(self.store.db, ids))
        if not rows:
            return []
        stem_of = {i: s for s, i in numbered.items()}
        wanted = np.fromiter(stem_of, dtype=np.uint32, count=len(stem_of))
        text, context = (_hits([r[column] for r in rows], wanted, stem_of) for column in (3, 4))
        return [(r[0], ((r[1], r[2]), (text.get(k), context.get(k)))) for k, r in enumerate(rows)]


def _hits(blobs: list[bytes], wanted: np.ndarray, stem_of: dict[int, str]) -> dict[int, list[tuple[str, int]]]:
    """row -> [(stem, count)] of the wanted stems in each row's (stem number, count) pairs, in stored order."""
    pairs = np.frombuffer(b"".join(blobs), dtype=np.uint32).reshape(-1, 2)
    found = np.flatnonzero(np.isin(pairs[:, 0], wanted))
    if not len(found):
        return {}
    ends = np.cumsum([len(b) // 8 for b in blobs])
    out: dict[int, list[tuple[str, int]]] = {}
    for row, (number, count) in zip(np.searchsorted(ends, found, side="right").tolist(), pairs[found].tolist()):
        out.setdefault(row, []).append((stem_of[number], count))
    return out
