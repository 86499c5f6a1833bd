"""The vector index chooses its type by size: exact (flat) up to `index_threshold` vectors, IVF-Flat
above it. A small threshold makes the seed corpus take the IVF path, with the real model, store and
FAISS files. An HNSW graph built by an older qabot still loads and searches, and becomes IVF at the
next ingest."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from qabot import checksums, config, index
from qabot.generations import IndexFolder
from qabot.index import Manifest, VectorIndex, choose_index_type, ivf_lists
from qabot.ingest import ingest
from qabot.retrieve import Searcher
from qabot.store import STORE_FILE, Store
from qabot.vectors import seal

from .conftest import CORPUS, run_qabot

QUESTIONS = ["which regional workshops were held in 2003?", "technical cooperation", "donors",
             "human rights education", "the Office of the High Commissioner", "national institutions"]
SEEDS = sorted(CORPUS.glob("*.txt"))  # vectors: 000 34, 001 37, 002 29, 003 41, 004 21


def current(index_dir) -> tuple[Manifest, VectorIndex]:
    path = IndexFolder(index_dir).require_current()
    return Manifest.read(path), VectorIndex.load(path)


def paragraph_ids(settings, doc_id: str) -> set[int]:
    store = Store(IndexFolder(settings.index).require_current() / STORE_FILE)
    try:
        return {r[0] for r in store.db.execute("SELECT id FROM paragraphs WHERE doc_id = ?", (doc_id,))}
    finally:
        store.close()


def paragraph_text(settings, paragraph_id: int) -> str:
    store = Store(IndexFolder(settings.index).require_current() / STORE_FILE)
    try:
        return store.db.execute("SELECT text FROM paragraphs WHERE id = ?", (paragraph_id,)).fetchone()[0]
    finally:
        store.close()


def citations(folder, question: str) -> list[str]:
    result = run_qabot("ask", question, "-k", "3", "--format", "json", "--index", str(folder))
    assert result.returncode == 0, result.stderr
    return [p["citation"] for p in json.loads(result.stdout)["passages"]]


@pytest.fixture(scope="module")
def ivf_index(tmp_path_factory):
    """The seed corpus indexed with a threshold below its size: IVF-Flat."""
    root = tmp_path_factory.mktemp("ivf")
    shutil.copytree(CORPUS, root / "corpus")
    ingest([root / "corpus"], config.load(index=root / "index", index_threshold=50))
    return root / "index"


def test_the_rule_exact_below_the_threshold_ivf_above_and_no_flip_flop():
    assert choose_index_type(100, 100) == "flat"
    assert choose_index_type(101, 100) == "ivf"
    assert choose_index_type(101, 100, current="flat") == "ivf"
    assert choose_index_type(80, 100, current="ivf") == "ivf"  # stays approximate down to half the threshold
    assert choose_index_type(49, 100, current="ivf") == "flat"
    assert choose_index_type(80, 100, current="hnsw") == "ivf"  # an older qabot's graph becomes IVF
    assert choose_index_type(49, 100, current="hnsw") == "flat"
    assert choose_index_type(0, 1, current="ivf") == "flat"  # nothing to train on


def test_ivf_lists_are_four_times_the_square_root_and_never_nearly_empty():
    assert ivf_lists(1_000_000) == 4000
    assert ivf_lists(100_000) == 1265
    assert ivf_lists(50_000) == 894
    assert ivf_lists(162) == 20  # a tiny index: at least 8 vectors a list
    assert ivf_lists(3) == 1


def test_ivf_finds_what_exact_search_finds_scanning_a_few_lists():
    """Clustered vectors (like resolutions that repeat paragraphs): recall@10 against exact search."""
    rng = np.random.default_rng(5)
    centres = rng.standard_normal((300, 64)).astype(np.float32)
    vectors = centres[rng.integers(0, 300, 20000)] + 0.4 * rng.standard_normal((20000, 64)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = np.arange(20000, dtype=np.int64) + 7  # vector ids are not positions
    exact = VectorIndex.empty(64)
    exact.add(ids, ids * 10, vectors)
    ivf = exact.rebuilt("ivf")
    assert ivf.index_type == "ivf" and ivf.lists == ivf_lists(20000) > 4 * index.IVF_NPROBE
    assert ivf.trained == ivf.count == 20000
    queries = centres[:60] + 0.4 * rng.standard_normal((60, 64)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    found = [len({p for p, _ in ivf.search(q, 10)} & {p for p, _ in exact.search(q, 10)}) / 10 for q in queries]
    assert np.mean(found) >= 0.95
    np.testing.assert_array_equal(ivf.index.reconstruct_batch(ids[:100]), vectors[:100])  # stored exactly
    scoped = set((ids[::97] * 10).tolist())  # a scope too large to compute exactly: the IVF filtered
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(index, "EXACT_SCOPE", 0)
        hits = ivf.search(queries[0], 10, within=scoped)
    truth = sorted(exact.scores_for(queries[0], scoped).items(), key=lambda kv: -kv[1])[:10]
    assert {p for p, _ in hits} <= scoped and len({p for p, _ in hits} & {p for p, _ in truth}) >= 9


def test_a_small_threshold_builds_ivf_that_finds_what_exact_search_finds(ivf_index, corpus_index, searcher):
    manifest, ivf = current(ivf_index)
    exact_manifest, exact = current(corpus_index)
    assert manifest.index_type == "ivf" and ivf.index_type == "ivf"
    assert exact_manifest.index_type == "flat" and exact.index_type == "flat"  # the default threshold
    assert manifest.vectors == exact_manifest.vectors == manifest.trained_vectors > 50
    assert ivf.lists == ivf_lists(manifest.vectors) > 1 and ivf.index.ntotal == ivf.count
    for question in QUESTIONS:
        vector = searcher.encode(question)
        found, truth = ivf.search(vector, 10), exact.search(vector, 10)
        assert [s for _, s in found] == pytest.approx([s for _, s in truth], abs=1e-5)
        assert {p for p, _ in found} == {p for p, _ in truth}
    assert citations(ivf_index, QUESTIONS[0]) == citations(corpus_index, QUESTIONS[0])
    doctor = run_qabot("doctor", "--index", str(ivf_index))
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert f"(IVF, {ivf.lists} lists trained on {manifest.vectors} vectors)" in doctor.stdout


def test_answers_from_the_ivf_index_are_verbatim_and_cited(ivf_index):
    result = run_qabot("ask", "which regional workshops were held in 2003?", "-k", "3", "--format", "json",
                       "--index", str(ivf_index))
    assert result.returncode == 0, result.stderr
    passages = json.loads(result.stdout)["passages"]
    assert len(passages) == 3
    store = Store(IndexFolder(ivf_index).require_current() / STORE_FILE)
    texts = {r[0] for r in store.db.execute("SELECT text FROM paragraphs")}
    store.close()
    for p in passages:
        assert p["citation"] and p["text"] in texts  # the paragraph's own words


def test_a_search_within_documents_is_exact_on_their_vectors(ivf_index, monkeypatch):
    settings = config.load(index=ivf_index)
    searcher = Searcher(settings)
    doc_id = "000_e943feafb609eb45"
    allowed = paragraph_ids(settings, doc_id)
    vectors = searcher.vectors
    assert vectors.index_type == "ivf"
    for question in QUESTIONS:
        vector = searcher.encode(question)
        brute = vectors.scores_for(vector, list(allowed))  # every window of the scope, exactly
        truth = sorted(brute.items(), key=lambda kv: -kv[1])[:8]
        scoped = vectors.search(vector, 8, within=allowed)
        assert [p for p, _ in scoped] == [p for p, _ in truth]
        monkeypatch.setattr(index, "EXACT_SCOPE", 0)  # a large scope: the lists searched with a filter
        filtered = vectors.search(vector, 8, within=allowed)
        monkeypatch.setattr(index, "EXACT_SCOPE", 20000)
        assert {p for p, _ in filtered} <= allowed
        assert [s for _, s in filtered] == pytest.approx([s for _, s in truth], abs=1e-5)
    answer = run_qabot("ask", "technical cooperation", "--doc", "57/210", "--format", "json", "--index", str(ivf_index))
    assert answer.returncode == 0, answer.stderr
    assert {p["doc"]["id"] for p in json.loads(answer.stdout)["passages"]} == {doc_id}


def test_ivf_keeps_its_lists_as_documents_come_and_go_and_retrains_after_large_growth(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "catalog.toml", corpus / "catalog.toml")
    small, medium = SEEDS[4], SEEDS[2]  # 21 and 29 vectors
    shutil.copy(small, corpus / small.name)
    settings = config.load(index=tmp_path / "index", index_threshold=15)

    # crossing the threshold (set from the environment, by the command line): an IVF index, trained
    result = run_qabot("ingest", "--quiet", "--index", str(settings.index), str(corpus),
                       env={"QABOT_INDEX_THRESHOLD": "15"})
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    manifest, first = current(settings.index)
    assert manifest.index_type == first.index_type == "ivf"
    assert manifest.trained_vectors == manifest.vectors == first.count == 21
    centroids = first.index.quantizer.reconstruct_n(0, first.lists)

    # a new document: its vectors join the trained lists (no retraining: same lists, same centroids)
    shutil.copy(medium, corpus / medium.name)
    ingest([corpus], settings)
    manifest, grown = current(settings.index)
    assert manifest.index_type == "ivf" and manifest.trained_vectors == 21
    assert manifest.vectors == grown.count == grown.index.ntotal == 50 > first.count
    assert grown.lists == first.lists
    np.testing.assert_array_equal(grown.index.quantizer.reconstruct_n(0, grown.lists), centroids)
    new_ids = paragraph_ids(settings, medium.stem)
    text = paragraph_text(settings, min(new_ids))
    searcher = Searcher(settings)
    assert searcher.vectors.search(searcher.encode(text), 1)[0][0] == min(new_ids)

    # removing it (--prune) deletes its vectors from the lists: never found again, nothing left behind
    (corpus / medium.name).unlink()
    result = run_qabot("ingest", "--quiet", "--prune", "--index", str(settings.index), str(corpus),
                       env={"QABOT_INDEX_THRESHOLD": "15"})
    assert result.returncode == 0, result.stderr
    manifest, shrunk = current(settings.index)
    assert manifest.index_type == "ivf" and manifest.trained_vectors == 21 and manifest.tombstones == 0
    assert manifest.vectors == shrunk.count == shrunk.index.ntotal == 21
    np.testing.assert_array_equal(shrunk.id_map, first.id_map)
    hits = shrunk.search(searcher.encode(text), shrunk.count)
    assert hits and not {p for p, _ in hits} & new_ids
    answer = run_qabot("ask", text[:200], "--format", "json", "--index", str(settings.index))
    assert answer.returncode == 0, answer.stderr
    assert medium.stem not in {p["doc"]["id"] for p in json.loads(answer.stdout)["passages"]}

    # past 4 times the vectors it was trained on, the lists are retrained on all of them
    for seed in SEEDS:
        shutil.copy(seed, corpus / seed.name)
    ingest([corpus], settings)
    manifest, retrained = current(settings.index)
    assert manifest.index_type == "ivf" and manifest.vectors == retrained.count == 162
    assert manifest.trained_vectors == 162 and retrained.lists == ivf_lists(162) > first.lists
    live = shrunk.id_map[:, 0]
    np.testing.assert_array_equal(retrained.index.reconstruct_batch(live), shrunk.index.reconstruct_batch(live))
    exact = retrained.rebuilt("flat")
    for question in QUESTIONS:
        vector = searcher.encode(question)
        found, truth = retrained.search(vector, 10), exact.search(vector, 10)
        assert {p for p, _ in found} == {p for p, _ in truth}
        assert [s for _, s in found] == pytest.approx([s for _, s in truth], abs=1e-5)

    # below half the threshold, back to exact search
    (corpus / SEEDS[0].name).write_text(SEEDS[0].read_text(encoding="utf-8")[:1500], encoding="utf-8")
    ingest([corpus], config.load(index=tmp_path / "index", index_threshold=400))
    manifest, exact = current(settings.index)
    assert manifest.index_type == exact.index_type == "flat" and manifest.trained_vectors == 0
    assert exact.count < 200 and exact.index.ntotal == exact.count


def test_an_index_whose_type_is_not_its_manifests_is_refused(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "catalog.toml", corpus / "catalog.toml")
    shutil.copy(SEEDS[4], corpus / SEEDS[4].name)
    settings = config.load(index=tmp_path / "index", index_threshold=15)
    ingest([corpus], settings)
    gen = IndexFolder(settings.index).require_current()
    manifest = Manifest.read(gen)
    manifest.index_type = "flat"
    seal(gen, manifest)
    checksums.write_sums(gen)  # the files agree with their sums: only the type is wrong
    result = run_qabot("ask", "technical cooperation", "--index", str(settings.index))
    assert result.returncode != 0
    assert "is of type ivf, its manifest says flat" in result.stderr and "Traceback" not in result.stderr


def hnsw_generation(settings, dead_doc: str | None = None) -> VectorIndex:
    """Turn the current generation into what an older qabot built above the threshold: an HNSW graph
    (the same vectors), with the vectors of `dead_doc` removed as tombstones."""
    gen = IndexFolder(settings.index).require_current()
    graph = VectorIndex.load(gen).rebuilt("hnsw")
    if dead_doc:
        rows = graph.id_map[np.isin(graph.id_map[:, 1], list(paragraph_ids(settings, dead_doc)))]
        graph.remove(rows[:, 0])
        assert len(graph.dead) == len(rows) > 0
    graph.save(gen)
    manifest = Manifest.read(gen)
    manifest.index_type, manifest.vectors, manifest.tombstones = "hnsw", graph.count, len(graph.dead)
    seal(gen, manifest)
    checksums.write_sums(gen)
    return graph


def test_an_older_hnsw_index_still_answers_and_becomes_ivf_at_the_next_ingest(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "catalog.toml", corpus / "catalog.toml")
    for seed in SEEDS[:4]:
        shutil.copy(seed, corpus / seed.name)
    settings = config.load(index=tmp_path / "index", index_threshold=100)
    ingest([corpus], settings)
    exact_answer = citations(settings.index, QUESTIONS[0])
    _, exact = current(settings.index)
    graph = hnsw_generation(settings)
    manifest, loaded = current(settings.index)
    assert manifest.index_type == loaded.index_type == "hnsw"
    assert citations(settings.index, QUESTIONS[0]) == exact_answer
    doctor = run_qabot("doctor", "--index", str(settings.index))
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr

    # the next ingest that changes the index converts it (the same vectors, exactly) to IVF
    shutil.copy(SEEDS[4], corpus / SEEDS[4].name)
    ingest([corpus], settings)
    manifest, ivf = current(settings.index)
    assert manifest.index_type == ivf.index_type == "ivf" and manifest.tombstones == 0
    assert manifest.vectors == manifest.trained_vectors == ivf.count == 162
    live = graph.id_map[:, 0]
    np.testing.assert_array_equal(ivf.index.reconstruct_batch(live), exact.index.reconstruct_batch(live))


def test_an_older_hnsw_index_with_tombstones_never_returns_them(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "catalog.toml", corpus / "catalog.toml")
    for seed in SEEDS[2:]:
        shutil.copy(seed, corpus / seed.name)
    settings = config.load(index=tmp_path / "index")
    ingest([corpus], settings)
    gone = SEEDS[3].stem
    removed = paragraph_ids(settings, gone)
    graph = hnsw_generation(settings, dead_doc=gone)
    manifest, loaded = current(settings.index)
    assert manifest.tombstones == len(loaded.dead) == len(graph.dead) and loaded.index_type == "hnsw"
    assert loaded.index.ntotal == loaded.count + len(loaded.dead)
    searcher = Searcher(settings)
    hits = searcher.vectors.search(searcher.encode(paragraph_text(settings, min(removed))), loaded.count)
    assert hits and not {p for p, _ in hits} & removed
    assert loaded.needs_rebuild()  # 41 of 91 vectors dead: past DEAD_FRACTION, the next ingest rebuilds
