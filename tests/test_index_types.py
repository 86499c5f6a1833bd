"""The vector index chooses its type by size: exact (flat) up to `index_threshold` vectors, an HNSW
graph above it. A small threshold makes the seed corpus take the HNSW path, with the real model,
store and FAISS files."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from qabot import config, index
from qabot.generations import IndexFolder
from qabot.index import Manifest, VectorIndex, choose_index_type
from qabot.ingest import ingest
from qabot.retrieve import Searcher
from qabot.store import STORE_FILE, Store

from .conftest import CORPUS, run_qabot

QUESTIONS = ["which regional workshops were held in 2003?", "technical cooperation", "donors",
             "human rights education", "the Office of the High Commissioner", "national institutions"]


def current(index_dir) -> tuple[Manifest, VectorIndex]:
    path = IndexFolder(index_dir).require_current()
    return Manifest.read(path), VectorIndex.load(path)


@pytest.fixture(scope="module")
def graph_index(tmp_path_factory):
    """The seed corpus indexed with a threshold below its size: an HNSW graph."""
    root = tmp_path_factory.mktemp("graph")
    shutil.copytree(CORPUS, root / "corpus")
    ingest([root / "corpus"], config.load(index=root / "index", index_threshold=50))
    return root / "index"


def test_the_rule_exact_below_the_threshold_graph_above_and_no_flip_flop():
    assert choose_index_type(100, 100) == "flat"
    assert choose_index_type(101, 100) == "hnsw"
    assert choose_index_type(80, 100, current="hnsw") == "hnsw"  # stays a graph down to half the threshold
    assert choose_index_type(49, 100, current="hnsw") == "flat"
    assert choose_index_type(101, 100, current="flat") == "hnsw"


def test_a_small_threshold_builds_a_graph_that_finds_what_exact_search_finds(graph_index, corpus_index, searcher):
    manifest, graph = current(graph_index)
    exact_manifest, exact = current(corpus_index)
    assert manifest.index_type == "hnsw" and graph.index_type == "hnsw"
    assert exact_manifest.index_type == "flat" and exact.index_type == "flat"  # the default threshold
    assert manifest.vectors == exact_manifest.vectors > 50
    for question in QUESTIONS:
        vector = searcher.encode(question)
        found, truth = graph.search(vector, 10), exact.search(vector, 10)
        assert [s for _, s in found] == pytest.approx([s for _, s in truth], abs=1e-5)
        assert {p for p, _ in found} == {p for p, _ in truth}


def test_answers_from_the_graph_index_are_the_exact_ones(graph_index, corpus_index):
    answers = []
    for folder in (graph_index, corpus_index):
        result = run_qabot("ask", "which regional workshops were held in 2003?", "-k", "3", "--format", "json",
                           "--index", str(folder))
        assert result.returncode == 0, result.stderr
        answers.append([p["citation"] for p in json.loads(result.stdout)["passages"]])
    assert answers[0] == answers[1] and len(answers[0]) == 3


def test_a_search_within_documents_is_exact_on_their_vectors(graph_index, monkeypatch):
    settings = config.load(index=graph_index)
    searcher = Searcher(settings)
    doc_id = "000_e943feafb609eb45"
    allowed = {r[0] for r in searcher.store.db.execute("SELECT id FROM paragraphs WHERE doc_id = ?", (doc_id,))}
    vectors = searcher.vectors
    for question in QUESTIONS:
        vector = searcher.encode(question)
        brute = vectors.scores_for(vector, list(allowed))  # every window of the scope, exactly
        truth = sorted(brute.items(), key=lambda kv: -kv[1])[:8]
        scoped = vectors.search(vector, 8, within=allowed)
        assert [p for p, _ in scoped] == [p for p, _ in truth]
        monkeypatch.setattr(index, "EXACT_SCOPE", 0)  # a large scope: the graph searched with a filter
        filtered = vectors.search(vector, 8, within=allowed)
        monkeypatch.setattr(index, "EXACT_SCOPE", 20000)
        assert {p for p, _ in filtered} <= allowed
        assert [s for _, s in filtered] == pytest.approx([s for _, s in truth], abs=1e-5)
    answer = run_qabot("ask", "technical cooperation", "--doc", "57/210", "--format", "json", "--index", str(graph_index))
    assert answer.returncode == 0, answer.stderr
    assert {p["doc"]["id"] for p in json.loads(answer.stdout)["passages"]} == {doc_id}


def test_paragraphs_are_added_to_the_graph_and_removed_as_tombstones_until_a_rebuild(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = sorted(CORPUS.glob("*.txt"))
    small, medium, other = files[4], files[2], files[3]  # 004 and 002 are the shortest seeds
    shutil.copy(CORPUS / "catalog.toml", corpus / "catalog.toml")
    for f in (small, medium):
        shutil.copy(f, corpus / f.name)
    settings = config.load(index=tmp_path / "index", index_threshold=30)
    ingest([corpus], settings)
    manifest, graph = current(settings.index)
    assert manifest.index_type == "hnsw" and graph.index.ntotal == graph.count == manifest.vectors

    # a new document: its vectors join the graph, the old ones are not rebuilt (ids and graph kept)
    shutil.copy(other, corpus / other.name)
    ingest([corpus], settings)
    manifest, grown = current(settings.index)
    assert manifest.index_type == "hnsw" and grown.index.ntotal == grown.count > graph.count
    assert set(graph.id_map[:, 0]) <= set(grown.id_map[:, 0])
    store = Store(IndexFolder(settings.index).require_current() / STORE_FILE)
    other_ids = {r[0] for r in store.db.execute("SELECT id FROM paragraphs WHERE doc_id = ?", (other.stem,))}
    text = store.db.execute("SELECT text FROM paragraphs WHERE id = ?", (min(other_ids),)).fetchone()[0]
    store.close()
    searcher = Searcher(settings)
    assert searcher.vectors.search(searcher.encode(text), 1)[0][0] == min(other_ids)

    # removing a document leaves tombstones in the graph (below the rebuild share), never found again
    monkeypatch.setattr(index, "DEAD_FRACTION", 0.9)
    (corpus / other.name).unlink()
    ingest([corpus], settings, prune=True)
    manifest, shrunk = current(settings.index)
    assert manifest.tombstones == len(shrunk.dead) > 0 and shrunk.index.ntotal == grown.index.ntotal
    assert manifest.vectors == shrunk.count == grown.count - manifest.tombstones
    hits = shrunk.search(searcher.encode(text), shrunk.count)
    assert hits and not {p for p, _ in hits} & other_ids
    assert run_qabot("ask", text[:200], "--index", str(settings.index)).returncode == 0

    # past the rebuild share, the graph is rebuilt from the live vectors only
    monkeypatch.setattr(index, "DEAD_FRACTION", 0.1)
    (corpus / medium.name).unlink()
    ingest([corpus], settings, prune=True)
    manifest, rebuilt = current(settings.index)
    assert manifest.index_type == "hnsw" and manifest.tombstones == 0
    assert rebuilt.index.ntotal == rebuilt.count == manifest.vectors == 21  # 004 alone
    live = rebuilt.id_map[:, 0]
    np.testing.assert_array_equal(rebuilt.index.reconstruct_batch(live), shrunk.index.reconstruct_batch(live))

    # below half the threshold, back to exact search
    shutil.copy(other, corpus / other.name)
    (corpus / other.name).write_text(other.read_text(encoding="utf-8")[:1500], encoding="utf-8")
    ingest([corpus], config.load(index=tmp_path / "index", index_threshold=100))
    manifest, exact = current(settings.index)
    assert manifest.index_type == exact.index_type == "flat" and exact.count < 50 and not len(exact.dead)
