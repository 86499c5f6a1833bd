"""The corpus's vocabulary, embedded at ingest for query expansion (search/expansion.py).

Every word of the corpus (up to MAX_WORDS, the most widespread first) is embedded once with the same
model as the paragraphs and kept in a small FAISS index of the generation: vocab.faiss (8-bit scalar
quantized) and vocab.json (the words and their stems).

A word's vector never changes for a given encoder, so words are cached twice: in the store's
embeddings table (the next generation of the same index), and per machine in
~/.cache/qabot/words/<encoder>.sqlite (every other index built on the machine: most words of a new
corpus are already there). The words are batched like any short text (int8 vectors do not depend on
their batch). Encoding a corpus's words costs about a third of its documents' encoding at 200 SciFact
abstracts and 7% on the whole of SciFact (a corpus repeats its words); from the machine's cache, nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import numpy as np

from ..embed.export import machine_cache
from ..language import stemming
from ..store import vectors
from ..store.database import Store
from ..store.word_cache import WordCache

VOCAB_FAISS = "vocab.faiss"
VOCAB_JSON = "vocab.json"
# Each word's nearest words in the index (ids, similarities), searched at ingest: a question's word the
# corpus has is then neither encoded nor searched (search/expansion.py).
VOCAB_NEIGHBOURS = "vocab.neighbours.npz"
NEIGHBOURS = 6
MAX_WORDS = 60000
MACHINE_CACHE_WORDS = 500000  # per encoder, about 800 MB at most; beyond it new words are not kept
_WORD = re.compile(r"[a-z]{3,}")


def corpus_words(store: Store) -> list[str]:
    """Lower-case words of the paragraphs, those in most paragraphs first (at most MAX_WORDS)."""
    counts: Counter = Counter()
    stop = stemming.STOP
    for text in vectors.paragraph_texts(store):
        counts.update(set(_WORD.findall(stemming.fold(text))) - stop)  # (a set first: each word checked once)
    return [w for w, _ in counts.most_common(MAX_WORDS)]


def _machine_words(model_id: str) -> WordCache:
    """The machine's cache of word vectors for one encoder (vectors id)."""
    path = machine_cache("words") / (hashlib.sha256(model_id.encode()).hexdigest()[:16] + ".sqlite")
    return WordCache(path, MACHINE_CACHE_WORDS)


def _store_vectors(store: Store, keys: dict[str, str], rows: list[tuple[str, bytes]]) -> None:
    vectors.put_cached(store, ((keys[w], v) for w, v in rows))


def _embed_new_words(store: Store, words: list[str], keys: dict[str, str], model_id: str, encoder_factory,
                     progress) -> None:
    """Vectors for the words the store does not hold: from the machine's cache, else encoded."""
    have = vectors.cached_keys(store, [keys[w] for w in words])
    todo = [w for w in words if keys[w] not in have]
    if not todo:
        return
    machine = _machine_words(model_id)
    try:
        cached = machine.get(todo, None)
        _store_vectors(store, keys, list(cached.items()))
        todo = [w for w in todo if w not in cached]
        if todo:
            encoder = encoder_factory()
            for start in range(0, len(todo), 2048):
                batch = todo[start:start + 2048]
                rows = [(w, v.astype(np.float32).tobytes()) for w, v in zip(batch, encoder.encode(batch))]
                _store_vectors(store, keys, rows)
                machine.put(rows)
                if progress:
                    progress(f"embedding words {min(start + 2048, len(todo))}/{len(todo)}")
    finally:
        machine.close()


def build(generation: Path, store: Store, model_id: str, encoder_factory, progress=None) -> int:
    """Embed the corpus vocabulary (cached by word) and write the generation's vocabulary index."""
    import faiss

    words = corpus_words(store)
    keys = {w: hashlib.sha256(f"{model_id}\x00word\x00{w}".encode()).hexdigest() for w in words}
    _embed_new_words(store, words, keys, model_id, encoder_factory, progress)
    vectors.put_vocabulary(store, ((w, keys[w]) for w in words))
    if words:
        found = dict(vectors.cached(store, [keys[w] for w in words]))
        matrix = np.vstack([np.frombuffer(found[keys[w]], dtype=np.float32) for w in words])
        index = faiss.IndexScalarQuantizer(matrix.shape[1], faiss.ScalarQuantizer.QT_8bit,
                                           faiss.METRIC_INNER_PRODUCT)
        index.train(matrix)
        index.add(matrix)
        faiss.write_index(index, str(generation / VOCAB_FAISS))
        sims, ids = nearest_words(index, matrix)
        with open(generation / VOCAB_NEIGHBOURS, "wb") as fh:
            np.savez(fh, sims=sims, ids=ids)
    (generation / VOCAB_JSON).write_text(json.dumps({"words": words, "stems": stemming.stem_words(words)}),
                                         encoding="utf-8")
    return len(words)


def nearest_words(index, matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The NEIGHBOURS nearest words in the index of each row of `matrix` (words' own vectors, searched as
    a question's word is: the vectors a query encodes are these to about 1e-7). The 8-bit index scores a
    query against its decoded vectors; those decoded vectors are searched all at once (index/neighbours.py:
    an int8 product and exact scores of the best where the CPU multiplies 8-bit integers natively, fp32
    BLAS elsewhere; for 26,000 words on 2 cores 6.0 s through the 8-bit index, 2.3 s through BLAS; for
    SciFact's 29,677, 3.7-4.0 s through BLAS, 1.6-2.5 s by the int8 product)."""
    from ..embed.device import choose_encoder, cpu_flags
    from ..embed.encoders import available_cores
    from ..index.neighbours import nearest

    integer = choose_encoder("auto", cpu_flags()) == "int8"  # (the CPUs `auto` gives the int8 encoder)
    return nearest(matrix, index.reconstruct_n(0, index.ntotal), NEIGHBOURS, available_cores(), integer)
