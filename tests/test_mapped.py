"""A served index is memory-mapped and opened without reading what grows with the corpus: the FAISS
lists stay on disk until a question touches them, and the documents are read when a question needs
them (a cold `qabot ask` at 1M paragraphs read 1.5 GB of IVF lists and 52,000 documents first). These
tests count bytes read and documents read, never time."""

from __future__ import annotations

import sys

import faiss
import numpy as np
import pytest

from qabot import config
from qabot.index.generations import IndexFolder
from qabot.index.vectors import VectorIndex
from qabot.pipeline import ask
from qabot.search.retrieve import Searcher

from .test_index_types import clustered, ivf_of


def bytes_read() -> int:
    """Bytes this process has read through system calls so far (Linux's /proc/self/io rchar)."""
    with open("/proc/self/io", encoding="ascii") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("rchar:"))


def read_by_loading(folder, mapped: bool) -> int:
    before = bytes_read()
    vectors = VectorIndex.load(folder, mapped=mapped)
    used = bytes_read() - before
    assert vectors.count == vectors.index.ntotal
    return used


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts bytes read with /proc/self/io")
def test_opening_a_mapped_ivf_index_reads_far_less_than_ten_times_more_for_ten_times_the_vectors(tmp_path):
    sizes = {}
    for count in (2_000, 20_000):
        folder = tmp_path / str(count)
        folder.mkdir()
        ivf_of(clustered(count, dimension=384), np.arange(1, count + 1, dtype=np.int64)).save(folder)
        sizes[count] = (read_by_loading(folder, mapped=False), read_by_loading(folder, mapped=True))
    (whole_small, mapped_small), (whole_large, mapped_large) = sizes[2_000], sizes[20_000]
    assert whole_large > 8 * whole_small  # read into memory: every list, 10x the vectors
    assert mapped_large < 5 * mapped_small  # mapped: the centroids (4 x sqrt(N) of them) and the lists' sizes
    assert mapped_large < whole_large / 5


def test_a_mapped_index_finds_what_the_loaded_one_finds_and_refuses_to_change(tmp_path):
    vectors = clustered(3_000, dimension=384)
    ids = np.arange(1, 3_001, dtype=np.int64)
    for kind, built in (("ivf", ivf_of(vectors, ids)), ("flat", VectorIndex.empty(384))):
        folder = tmp_path / kind
        folder.mkdir()
        if kind == "flat":
            built.add(ids, ids * 10, vectors)
        built.save(folder)
        loaded, mapped = VectorIndex.load(folder), VectorIndex.load(folder, mapped=True)
        assert mapped.mapped and not loaded.mapped and mapped.index_type == kind
        if kind == "ivf":  # no threads started to read lists ahead at every search
            assert faiss.downcast_InvertedLists(mapped.index.invlists).prefetch_nthread == 0
        for query in vectors[:20]:
            assert mapped.search(query, 10) == loaded.search(query, 10)
            assert mapped.search(query, 5, within={10, 20, 30}) == loaded.search(query, 5, within={10, 20, 30})
        with pytest.raises(ValueError, match="read-only"):  # FAISS itself would abort the process
            mapped.add(np.array([9_999]), np.array([99_990]), vectors[:1])
        with pytest.raises(ValueError, match="read-only"):
            mapped.remove(ids[:2])
        assert mapped.count == 3_000


def test_a_searcher_opens_without_reading_documents_and_reads_a_few_to_answer(corpus_index):
    searcher = Searcher(config.load(index=corpus_index))
    try:
        assert searcher.vectors.mapped
        # nothing read at open: the documents' years are the manifest's, recorded at ingest
        assert searcher.documents._known == {} and searcher.described.__dict__.keys() == {"store", "_years"}
        assert searcher.described.years() == frozenset(searcher.manifest.years) == frozenset(
            searcher.store.document_years())
        answer = ask(searcher, "which regional workshops were held in 2003?")
        assert answer.passages
        assert searcher.documents._known  # read for the question
        assert "_titles" not in searcher.described.__dict__  # it describes no document: titles not read
        # still a mapping of every document, in the store's order
        every = searcher.store.documents()
        assert len(searcher.documents) == len(every) == 5
        assert list(searcher.documents) == [d.id for d in every]
        assert [d.id for d in searcher.documents.values()] == [d.id for d in every]
        assert every[0].id in searcher.documents and "no-such-document" not in searcher.documents
        with pytest.raises(KeyError):
            searcher.documents["no-such-document"]
        assert IndexFolder(corpus_index).current_name() == searcher.generation
    finally:
        searcher.close()
