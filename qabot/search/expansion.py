"""Query expansion by the corpus's own words: "faith" also looks for "religious", "donors" for
"contributions", "gathering" for "meeting"; never a word for its opposite, nor one member of a series
(months, ordinals, numbers) for another.

At ingest, every word of the corpus (up to MAX_WORDS, the most widespread first) is embedded once
with the same model as the paragraphs and kept in a small FAISS index of the generation
(vocab.faiss, 8-bit scalar quantized, and vocab.json). At question time each content word of the
question is embedded and its nearest corpus words above MIN_SIMILARITY join the lexical search,
weighted by their similarity, never as much as the words typed. retrieve.py keeps only those that the
passages closest to the question in meaning use, and scores each as a stand-in for the word it came
from (the better of the two counts, not their sum).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np

from ..ingest.vocabulary import NEIGHBOURS, VOCAB_FAISS, VOCAB_JSON, VOCAB_NEIGHBOURS
from ..labels import MONTHS, ORDINALS, roman
from ..language import stemming
from ..language.subjects import other_subjects

MIN_SIMILARITY = 0.5
WEIGHT = 0.8  # an expansion at similarity 1 counts 0.8 of a typed word
# A question word with no corpus word this close (and absent itself) is a subject the corpus lacks.
KNOWN_SIMILARITY = 0.55


CACHE_WORDS = 20000

# Opposites lie close together in an embedding space ("increase" and "decrease" share their contexts),
# but a question about one is not about the other: a word never stands in for its opposite. General
# English pairs of comparison, direction and quantity, and the negating prefixes ("involved" and
# "uninvolved", "symptomatic" and "asymptomatic").
_OPPOSITE_PAIRS = """increase decrease, increase reduce, increase decline, rise fall, raise lower, gain loss, gain lose,
high low, higher lower, highest lowest, more less, more fewer, most least, many few, maximum minimum,
large small, larger smaller, largest smallest, big small, major minor, long short, longer shorter,
wide narrow, thick thin, deep shallow, heavy light, strong weak, stronger weaker, fast slow, faster slower,
early late, earlier later, before after, first last, old young, older younger, new old, past future,
better worse, best worst, good bad, improve worsen, improve impair, success failure, succeed fail,
positive negative, present absent, presence absence, include exclude, inclusion exclusion, accept reject,
allow prohibit, allow forbid, permit prohibit, legal illegal, lawful unlawful, public private,
internal external, inside outside, inner outer, upper lower, above below, over under, up down,
upregulate downregulate, upregulation downregulation, overexpression underexpression, excess deficiency,
activate inhibit, activation inhibition, activator inhibitor, agonist antagonist, promote suppress,
promote inhibit, enhance suppress, induce suppress, stimulate inhibit, sensitive resistant,
benign malignant, acute chronic, dominant recessive, homozygous heterozygous, male female, men women,
rich poor, richer poorer, wealth poverty, hot cold, warm cold, open closed, north south, east west,
common rare, frequent rare, agree disagree, support oppose, war peace, victory defeat, birth death,
alive dead, survival death, entry exit, import export, input output, cause prevent"""
_NEGATING = ("un", "non", "in", "im", "il", "ir", "dis", "anti", "a")


@functools.lru_cache(maxsize=1)
def _opposites() -> frozenset[tuple[str, str]]:
    pairs = set()
    for pair in _OPPOSITE_PAIRS.replace("\n", " ").split(","):
        a, b = (stemming.stem(w) for w in pair.split())
        pairs.update({(a, b), (b, a)})
    return frozenset(pairs)


def opposite(a: str, b: str) -> bool:
    """Are the stems `a` and `b` opposites ("increas" and "decreas", "involv" and "uninvolv")?"""
    if (a, b) in _opposites():
        return True
    short, long = sorted((a, b), key=len)
    # (and the privative suffix: "stateless" is not "state", "homeless" not "home")
    return len(short) >= 4 and (any(long == prefix + short for prefix in _NEGATING) or long == short + "less")


# Members of a series lie close together too ("February" and "March", "eleventh" and "twelfth", "three"
# and "four", 2003 and 2004), and one never stands for another: a question about the eleventh workshop is
# not about the twelfth.
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"
_NUMBER_WORDS = """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
billion twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth"""


@functools.lru_cache(maxsize=1)
def _series_of() -> dict[str, str]:
    out: dict[str, str] = {}
    for month in MONTHS:
        out[stemming.stem(month.lower())] = out[stemming.stem(month[:3].lower())] = "month"
    for day in _WEEKDAYS.split():
        out[stemming.stem(day)] = "weekday"
    for word in ORDINALS + _NUMBER_WORDS.split() + [roman(n) for n in range(1, 40)]:
        out[stemming.stem(word)] = "number"
    return out


def series(stem: str) -> str | None:
    """"month", "weekday" or "number" for a stem of a member of that series (figures are numbers)."""
    if stem.isdigit():
        return "number"
    return _series_of().get(stem)


def same_series(a: str, b: str) -> bool:
    """Are the stems `a` and `b` two members of one series ("februari" and "march", "eleventh" and "twelfth")?"""
    kind = series(a)
    return kind is not None and a != b and series(b) == kind


class Expander:
    """Nearest corpus words of a question's words (loaded lazily: only questions that need it pay)."""

    def __init__(self, generation: Path, encoder):
        self.generation = generation
        self.encoder = encoder
        self._index = None
        self._words: list[str] | None = None
        self._stems: list[str] | None = None
        self._cache: dict[str, np.ndarray] = {}  # word -> vector: questions share their words
        self._row: dict[str, int] = {}  # a vocabulary word -> its row of the nearest words found at ingest
        self._near: tuple[np.ndarray, np.ndarray] | None = None
        self._word_set: frozenset[str] | None = None
        self._by_start: dict[str, dict[int, list[int]]] | None = None  # first letter -> length -> rows

    def _load(self) -> bool:
        if self._words is None:
            path = self.generation / VOCAB_FAISS
            if not path.is_file():
                self._words = []
                return False
            data = json.loads((self.generation / VOCAB_JSON).read_text(encoding="utf-8"))
            self._words, self._stems = data["words"], data["stems"]
            near = self.generation / VOCAB_NEIGHBOURS
            if near.is_file():  # (a generation built before them: every word is encoded and searched)
                with np.load(near, allow_pickle=False) as found:
                    self._near = found["sims"], found["ids"]
                self._row = {w: i for i, w in enumerate(self._words)}
        return bool(self._words)

    def prints(self, word: str) -> bool:
        """Does the corpus print `word` as such (one of the words this generation embedded)?"""
        if self._word_set is None:
            self._word_set = frozenset(self._words or []) if self._load() else frozenset()
        return word in self._word_set

    def starting_with(self, letter: str, fits) -> list[str]:
        """The corpus words beginning with `letter` whose length `fits` accepts, in the vocabulary's order (the
        most widespread first). Grouped by first letter and length when first asked, so that a near-spelling
        looks at the words of about its length, not at the whole vocabulary (30,000 words for SciFact)."""
        if self._by_start is None:
            groups: dict[str, dict[int, list[int]]] = {}
            for row, w in enumerate(self._words or [] if self._load() else []):
                groups.setdefault(w[:1], {}).setdefault(len(w), []).append(row)
            self._by_start = groups
        rows = sorted(r for n, found in self._by_start.get(letter, {}).items() if fits(n) for r in found)
        return [self._words[r] for r in rows]

    def expand(self, words: list[str], known_stems: set[str]
               ) -> tuple[dict[str, float], dict[str, float], dict[str, str]]:
        """(stem -> weight for corpus words close in meaning to the given words and not already asked,
        word -> similarity of its nearest corpus word, stem -> the stem of the word it stands in for)."""
        words = [w for w in words if w.isalpha() and len(w) >= 3]
        if not words or not self._load():
            return {}, {}, {}
        sims, ids = self._nearest(words)
        out: dict[str, float] = {}
        source: dict[str, str] = {}
        asked = {stemming.stem(w) for w in words} | set(known_stems)  # never the opposite of any of them
        # (a word of another subject, or its opposite, is not close to it, however near: "refugees" and
        # "migrants", subjects.py; "stateless" and "states")
        nearest = {w: max((float(sim) for sim, i in zip(sims[row], ids[row])
                           if i >= 0 and not other_subjects(self._words[i], w)
                           and not opposite(self._stems[i], stemming.stem(w))), default=0.0)
                   for row, w in enumerate(words)}
        for row in range(len(words)):
            for sim, i in zip(sims[row], ids[row]):
                if i < 0 or sim < MIN_SIMILARITY:
                    continue
                stem = self._stems[i]
                if stem in known_stems or any(opposite(stem, a) or same_series(stem, a) for a in asked) \
                        or other_subjects(self._words[i], words[row]):
                    continue
                weight = WEIGHT * float(min(1.0, sim))
                if weight > out.get(stem, 0.0):
                    out[stem] = weight
                    source[stem] = stemming.stem(words[row])
        return out, nearest, source

    def _nearest(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(similarities, vocabulary ids) of each word's NEIGHBOURS nearest corpus words: found at ingest
        for a word of the vocabulary, else its vector encoded and searched."""
        rows = [self._row.get(w) for w in words] if self._near is not None else [None] * len(words)
        todo = [k for k, r in enumerate(rows) if r is None]
        known = [k for k, r in enumerate(rows) if r is not None]
        sims = np.empty((len(words), NEIGHBOURS), dtype=np.float32)
        ids = np.empty((len(words), NEIGHBOURS), dtype=np.int64)
        if known:
            stored = [rows[k] for k in known]
            sims[known], ids[known] = self._near[0][stored], self._near[1][stored]
        if todo:
            vectors = np.ascontiguousarray(self._vectors([words[k] for k in todo]), dtype=np.float32)
            sims[todo], ids[todo] = self._searched().search(vectors, NEIGHBOURS)
        return sims, ids

    def _searched(self):
        """The vocabulary's vector index, read when a word without stored neighbours is first searched
        (11 MB for SciFact's 29,677 words: most questions' words have their neighbours stored)."""
        if self._index is None:
            import faiss

            self._index = faiss.read_index(str(self.generation / VOCAB_FAISS))
        return self._index

    def unknown(self, words: list[str]) -> list[str]:
        """The words `expand` would encode (no neighbours stored at ingest, no vector kept): a question's
        encoding takes them along (`keep`), one run of the encoder instead of two."""
        words = [w for w in words if w.isalpha() and len(w) >= 3]
        if not words or not self._load():
            return []
        return [w for w in dict.fromkeys(words)
                if (self._near is None or w not in self._row) and w not in self._cache]

    def keep(self, words: list[str], vectors) -> None:
        """The vectors of words encoded beside the question (`unknown`)."""
        if len(self._cache) + len(words) > CACHE_WORDS:
            self._cache = {}
        self._cache.update(zip(words, vectors))

    def _vectors(self, words: list[str]) -> np.ndarray:
        found = {w: self._cache.get(w) for w in dict.fromkeys(words)}
        todo = [w for w, v in found.items() if v is None]
        if todo:
            vectors = self.encoder.encode(todo)
            self.keep(todo, vectors)
            found.update(zip(todo, vectors))
        return np.vstack([found[w] for w in words])
