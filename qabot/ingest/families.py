"""Version families, decided at ingest: which documents are versions of each other, and each
paragraph's counterpart (kept or changed) in the other versions, stored with the generation
(store tables version_pairs and paragraph_pairs), so that an answer's note "also in ..." is a lookup
and no question does work that grows with the corpus.

Two documents are versions when their metadata says so (the same title, or one the draft of the
other), or when a look-alike of some of one's paragraphs (found through the lexical index) lies in the
other and most of their paragraphs align. Documents are decided when they are added or changed (their
old rows went with their old version); a store upgraded from before the tables has every document
decided once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..language.alignment import ALSO_IN, MetadataKeys, align, is_version, same_text, similarity, words
from ..language.stemming import stems as stems_of
from ..records import Document, Paragraph
from ..store import fts

PROBES = 6  # paragraphs of a document whose look-alikes are searched (its longest)
LOOKALIKES = 15  # look-alikes read for each probe, best first (FTS5 rank: bm25)
POSTINGS = 1000  # postings a look-alike search may visit (its rarest stems within them, at least one)
KEEP = 24  # paragraphs' worth of documents kept in memory while deciding (a family is decided together)


def decide(store, doc_ids: Iterable[str] | None = None, progress: Callable[[str], None] | None = None) -> int:
    """Decide the versions of `doc_ids` (None: every document). Returns the pairs of documents stored."""
    documents = {d.id: d for d in store.documents()}
    keys = MetadataKeys(documents.values())
    todo = sorted(documents if doc_ids is None else {d for d in doc_ids if d in documents},
                  key=lambda d: (keys.family(documents[d]), documents[d].date or "", d))
    cache = _Paragraphs(store)
    # postings of every stem, all columns (a MATCH visits them all): read once, the vocabulary's size
    postings = fts.all_postings(store)
    done: set[tuple[str, str]] = set()
    stored = 0
    for n, doc_id in enumerate(todo):
        if progress and n % 500 == 0:
            progress(f"versions {n}/{len(todo)}")
        own = documents[doc_id]
        mine, my_words = cache.get(doc_id)
        by_metadata = [d for d in keys.candidates(own) if d != doc_id and same_text(own, documents[d])]
        look = [d for d in _lookalikes(store, own, mine, my_words, postings) if d in documents and d not in by_metadata]
        for other in by_metadata + look:
            if (doc_id, other) in done:
                continue
            done.update({(doc_id, other), (other, doc_id)})
            theirs, their_words = cache.get(other)
            comparison = align(own, mine, documents[other], theirs, my_words, their_words, diffs=False)
            if other in look and not is_version(comparison):
                continue
            store.put_version_pairs(doc_id, other, [(e.a.id, e.b.id, e.status, e.similarity)
                                                    for e in comparison.entries if e.a is not None and e.b is not None])
            stored += 1
    return stored


class _Paragraphs:
    """A document's paragraphs and their words, read once while its family is decided (a few kept)."""

    def __init__(self, store):
        self.store = store
        self.kept: dict[str, tuple[list[Paragraph], list[tuple[str, ...]]]] = {}

    def get(self, doc_id: str) -> tuple[list[Paragraph], list[tuple[str, ...]]]:
        if doc_id not in self.kept:
            if len(self.kept) >= KEEP:
                self.kept.pop(next(iter(self.kept)))
            paragraphs = list(self.store.paragraphs(doc_id))
            self.kept[doc_id] = (paragraphs, [words(p.text) for p in paragraphs])
        return self.kept[doc_id]


def _lookalikes(store, own: Document, paragraphs: list[Paragraph], own_words: list[tuple[str, ...]],
                postings: dict[str, int]) -> list[str]:
    """Documents that hold paragraphs much like half or more of this document's longest ones (a version
    has most of them: a document with one look-alike paragraph only shares a formula)."""
    probes = sorted((k for k, w in enumerate(own_words) if len(w) >= 4), key=lambda k: -len(paragraphs[k].text))
    hits: dict[str, int] = {}
    for k in probes[:PROBES]:
        for doc_id in _lookalikes_of(store, own, paragraphs[k], own_words[k], postings):
            hits[doc_id] = hits.get(doc_id, 0) + 1
    return [d for d, n in hits.items() if n >= max(1, min(len(probes), PROBES) // 2)]


def _lookalikes_of(store, own: Document, p: Paragraph, mine: tuple[str, ...], postings: dict[str, int]) -> set[str]:
    """Other documents with a paragraph much like `p` (found through the lexical index, by its rarest stems)."""
    rare = _rare_stems(store, p, postings)
    if not rare:
        return set()
    rows = fts.lookalikes(store, rare, LOOKALIKES + 5, other_than=own.id)
    mine_set = set(mine)
    found: set[str] = set()
    for doc_id, text in rows:
        if doc_id in found:
            continue
        theirs = words(text)
        common = len(mine_set.intersection(theirs))
        if common < ALSO_IN * max(len(mine_set), len(set(theirs))) * 0.75 or similarity(mine, theirs) < ALSO_IN:
            continue  # (a ratio of 0.6 needs most words in common: a cheap test first)
        found.add(doc_id)
    return found


def _rare_stems(store, paragraph: Paragraph, postings: dict[str, int], n: int = 8) -> list[str]:
    """The paragraph's rarest stems (as the lexical index stores them), to find its look-alikes: at most
    `n`, within POSTINGS postings together (at least one), so a search costs the same at any size."""
    stored = fts.text_stems(store, paragraph.id) if paragraph.id is not None else None
    all_stems = stored.split() if stored is not None else stems_of(paragraph.text)
    unique = list(dict.fromkeys(s for s in all_stems if '"' not in s))
    out, total = [], 0
    for s in sorted(unique, key=lambda s: postings.get(s, 0))[:n]:
        if out and total + postings.get(s, 0) > POSTINGS:
            break
        out.append(s)
        total += postings.get(s, 0)
    return out
