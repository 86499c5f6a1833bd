"""The corpus vocabulary of query expansion: words are encoded once per machine and encoder, whatever
index they are ingested into."""

from __future__ import annotations

import json

import faiss
import numpy as np

from qabot import config
from qabot.embed import export
from qabot.index.generations import IndexFolder
from qabot.ingest.run import ingest
from qabot.index.neighbours import nearest
from qabot.ingest.vocabulary import NEIGHBOURS, VOCAB_FAISS, VOCAB_JSON, nearest_words


def test_a_second_index_takes_its_words_from_the_machine_cache(tmp_path, corpus_copy, monkeypatch):
    real_exports = export.machine_cache()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "cache" / "qabot").mkdir(parents=True)
    if real_exports.is_dir():  # the exports are not what this test is about: no need to write them again
        (tmp_path / "cache" / "qabot" / "exports").symlink_to(real_exports)
    for path in list(corpus_copy.glob("*.txt"))[2:]:
        path.unlink()
    said: dict[str, list[str]] = {"a": [], "b": []}
    built = {}
    for name in ("a", "b"):
        settings = config.load(index=tmp_path / name)
        ingest([corpus_copy], settings, progress=said[name].append)
        generation = IndexFolder(settings.index).require_current()
        words = json.loads((generation / VOCAB_JSON).read_text(encoding="utf-8"))["words"]
        index = faiss.read_index(str(generation / VOCAB_FAISS))
        built[name] = (words, index.reconstruct_n(0, index.ntotal))
    encoded = [m for m in said["a"] if m.startswith("embedding words")]
    assert encoded and encoded[-1].endswith(f"{len(built['a'][0])}/{len(built['a'][0])}") and len(built["a"][0]) > 300
    assert not [m for m in said["b"] if m.startswith("embedding words")]  # every word came from the cache
    assert [m for m in said["b"] if m.startswith("embedding ")]  # the paragraphs were encoded again
    assert built["a"][0] == built["b"][0]
    assert np.abs(built["a"][1] - built["b"][1]).max() < 1e-6


def test_a_vocabulary_word_is_expanded_from_its_neighbours_found_at_ingest(corpus_index):
    """A question's word the corpus has is neither encoded nor searched: its nearest words were searched
    at ingest, and they are what encoding and searching it gives (an older generation, without them, still
    expands by encoding)."""
    from qabot.pipeline import open_searcher
    from qabot.search.expansion import Expander

    searcher = open_searcher(config.load(index=corpus_index))
    generation = IndexFolder(corpus_index).require_current()
    words = ["workshops", "contributions", "zzyzxqv"]  # two corpus words, and one it lacks
    encoded: list[list[str]] = []

    class Counting:
        def encode(self, texts):
            encoded.append(list(texts))
            return searcher.encoder.encode(texts)

    stored = Expander(generation, Counting())
    found = stored.expand(words, set())
    assert encoded == [["zzyzxqv"]]  # only the word the vocabulary lacks
    searched = Expander(generation, Counting())
    searched._load()
    searched._near = None  # as a generation built before the neighbours were stored
    again = searched.expand(words, set())
    assert encoded[-1] == words
    assert found[0].keys() == again[0].keys() and found[2] == again[2] and found[0]
    assert all(abs(found[0][s] - again[0][s]) < 1e-5 for s in found[0])
    assert all(abs(found[1][w] - again[1][w]) < 1e-5 for w in words)
    searcher.close()


def test_the_words_neighbours_are_those_of_one_exact_search_whatever_the_path_and_blocks(corpus_index):
    """The words' neighbours are searched in blocks side by side, one per core, each on one thread, by an
    int8 product whose best candidates are scored exactly (CPUs with 8-bit products) or by fp32 BLAS:
    either way the neighbours of one exact flat search over every word, in order, with its similarities;
    this thread's OpenMP setting is left as it was."""
    generation = IndexFolder(corpus_index).require_current()
    index = faiss.read_index(str(generation / VOCAB_FAISS))
    matrix = index.reconstruct_n(0, index.ntotal)
    queries = matrix + np.random.default_rng(0).normal(0, 1e-3, matrix.shape).astype(np.float32)  # (not the decoded rows)
    flat = faiss.IndexFlatIP(index.d)
    flat.add(matrix)
    threads = faiss.omp_get_max_threads()
    want_sims, want_ids = flat.search(queries, NEIGHBOURS)
    for integer in (True, False):
        for block in (512, 100, 7):
            sims, ids = nearest(queries, matrix, NEIGHBOURS, 2, integer, block)
            assert sims.shape == (len(matrix), NEIGHBOURS) and np.array_equal(ids[:, 0], want_ids[:, 0])
            assert (ids == want_ids).mean() > 0.999 and np.abs(sims - want_sims).max() < 1e-5
    sims, ids = nearest_words(index, queries)  # (the path this machine takes)
    assert (ids == want_ids).mean() > 0.999 and np.abs(sims - want_sims).max() < 1e-5
    assert faiss.omp_get_max_threads() == threads
