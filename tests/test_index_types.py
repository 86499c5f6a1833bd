"""The vector index chooses its type by size: exact (flat) up to `index_threshold` vectors, IVF-Flat
above it. A small threshold makes the seed corpus take the IVF path, with the real model, store and
FAISS files. An HNSW graph built by an older qabot still loads and searches, and becomes IVF at the
next ingest."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from qabot.index import checksums, vectors as index
from qabot import config
from qabot.index.generations import IndexFolder
from qabot.index.manifest import Manifest
from qabot.index.vectors import VectorIndex, choose_index_type, ivf_lists
from qabot.ingest.run import ingest
from qabot.search.retrieve import Searcher
from qabot.store.database import STORE_FILE, Store
from qabot.ingest.embedding import seal

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
    store = Store(IndexFolder(ivf_index).require_current() / STORE_FILE)
    marks = ",".join("?" * len(allowed))
    stored = store.db.execute(f"SELECT v.paragraph_id, e.vector FROM vectors v JOIN embeddings e ON e.key = v.key"
                              f" WHERE v.paragraph_id IN ({marks})", sorted(allowed)).fetchall()
    store.close()
    owners = np.array([pid for pid, _ in stored])
    windows = np.vstack([np.frombuffer(blob, dtype=np.float32) for _, blob in stored])
    assert set(owners.tolist()) == allowed
    for question in QUESTIONS:
        vector = searcher.encode(question)
        sims = windows @ vector  # every window of the scope, from the store, by numpy: not qabot's search
        brute = {pid: float(sims[owners == pid].max()) for pid in allowed}
        truth = sorted(brute.items(), key=lambda kv: -kv[1])[:8]
        assert vectors.scores_for(vector, list(allowed)) == pytest.approx(brute, abs=1e-5)
        scoped = vectors.search(vector, 8, within=allowed)
        assert [p for p, _ in scoped] == [p for p, _ in truth]
        assert [s for _, s in scoped] == pytest.approx([s for _, s in truth], abs=1e-5)
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
    import faiss

    gone = grown.id_map[np.isin(grown.id_map[:, 1], list(new_ids)), 0]
    _, raw = shrunk.index.search(np.ascontiguousarray(searcher.encode(text).reshape(1, -1), dtype=np.float32),
                                 grown.count, params=faiss.SearchParametersIVF(nprobe=shrunk.lists))
    assert len(gone) == 29 and not np.isin(raw, gone).any()  # FAISS itself holds them no more, in any list
    assert set(raw[raw >= 0].tolist()) == set(shrunk.id_map[:, 0].tolist())
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
    question = searcher.encode(paragraph_text(settings, min(removed)))
    hits = searcher.vectors.search(question, loaded.count)
    assert hits and not {p for p, _ in hits} & removed
    # what FAISS itself returns, before the id map's filter: the graph still holds the removed vectors,
    # and the tombstone selector keeps every one of them out
    _, unfiltered = loaded.index.search(np.ascontiguousarray(question.reshape(1, -1), dtype=np.float32),
                                        loaded.index.ntotal)
    assert np.isin(unfiltered, loaded.dead).any()
    _, raw = loaded.faiss_search(question, loaded.index.ntotal)
    found = raw[raw >= 0]
    assert len(found) and not np.isin(found, loaded.dead).any() and np.isin(found, loaded.id_map[:, 0]).all()
    assert loaded.needs_rebuild()  # 41 of 91 vectors dead: past DEAD_FRACTION, the next ingest rebuilds


# ---------------------------------------------------------------- the review of the IVF index
def clustered(count: int, dimension: int = 64, clusters: int = 300, seed: int = 5) -> np.ndarray:
    """Unit vectors drawn around `clusters` centres (like resolutions that repeat paragraphs)."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, dimension)).astype(np.float32)
    around = centres[rng.integers(0, clusters, count)]
    vectors = around + 0.4 * rng.standard_normal((count, dimension)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def ivf_of(vectors: np.ndarray, ids: np.ndarray) -> VectorIndex:
    exact = VectorIndex.empty(vectors.shape[1])
    exact.add(ids, ids * 10, vectors)
    return exact.rebuilt("ivf")


def reseal(gen, vectors: VectorIndex | None = None, **fields) -> None:
    """Write a changed generation back as a consistent one (its files agree with their sums)."""
    if vectors is not None:
        vectors.save(gen)
    manifest = Manifest.read(gen)
    for name, value in fields.items():
        setattr(manifest, name, value)
    seal(gen, manifest)
    checksums.write_sums(gen)


def one_sentence(message: str) -> bool:
    return "\n" not in message.strip() and "Traceback" not in message and message.strip().endswith(".")


def small_ivf(tmp_path, seeds=(SEEDS[4], SEEDS[2])):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "catalog.toml", corpus / "catalog.toml")
    for seed in seeds:
        shutil.copy(seed, corpus / seed.name)
    settings = config.load(index=tmp_path / "index", index_threshold=15)
    ingest([corpus], settings)
    return corpus, settings


def cli_ingest(settings, corpus, *extra):
    return run_qabot("ingest", "--quiet", *extra, "--index", str(settings.index), str(corpus),
                     env={"QABOT_INDEX_THRESHOLD": "15"})


def whole(vectors: VectorIndex) -> None:
    """Every vector the index counts is in its lists and can be read back, finite."""
    assert vectors.index.ntotal == vectors.count == vectors.index.invlists.compute_ntotal()
    assert np.isfinite(vectors.index.reconstruct_batch(np.ascontiguousarray(vectors.id_map[:, 0]))).all()


def test_a_vector_that_is_not_finite_is_refused_before_faiss_can_lose_it():
    vectors = clustered(2000)
    ids = np.arange(2000, dtype=np.int64) + 3
    for vector_index in (ivf_of(vectors, ids), VectorIndex.empty(64)):
        before = vector_index.count
        bad = clustered(3, seed=9)
        bad[1, 7] = np.nan if vector_index.index_type == "ivf" else np.inf
        with pytest.raises(index.BadVector) as refused:
            vector_index.add(np.array([5001, 5002, 5003]), np.array([1, 2, 3]), bad)
        assert one_sentence(str(refused.value)) and "vector 5002 of paragraph 2 is not finite" in str(refused.value)
        assert vector_index.count == vector_index.index.ntotal == before  # nothing added, nothing counted


def test_a_nan_vector_cached_in_the_store_is_embedded_again_never_indexed(tmp_path):
    corpus, settings = small_ivf(tmp_path)
    gen = IndexFolder(settings.index).require_current()
    doc = SEEDS[2].stem
    db = Store(gen / STORE_FILE, readonly=False)
    key = db.db.execute("SELECT v.key FROM vectors v JOIN paragraphs p ON p.id = v.paragraph_id WHERE p.doc_id = ?"
                        " AND p.text LIKE 'Recalling its resolution 2002/82%'", (doc,)).fetchone()[0]
    with db.db:
        db.db.execute("UPDATE embeddings SET vector = ? WHERE key = ?",
                      (np.full(384, np.nan, np.float32).tobytes(), key))
    db.close()
    reseal(gen)
    # the document changes elsewhere: its unchanged windows come from the cache, the damaged one among them
    text = SEEDS[2].read_text(encoding="utf-8")
    (corpus / SEEDS[2].name).write_text(text.replace("Decides to continue its", "Decides to continue its careful"),
                                        encoding="utf-8")
    result = cli_ingest(settings, corpus)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    manifest, vectors = current(settings.index)
    assert manifest.index_type == "ivf" and manifest.vectors == 50
    whole(vectors)  # before: the NaN vector was counted, in no list, and crashed lookups and removals
    store = Store(IndexFolder(settings.index).require_current() / STORE_FILE)
    blob = store.db.execute("SELECT vector FROM embeddings WHERE key = ?", (key,)).fetchone()[0]
    store.close()
    assert np.isfinite(np.frombuffer(blob, dtype=np.float32)).all()


def test_an_encoder_that_gives_nan_stops_the_ingest_with_one_sentence_and_nothing_lost(tmp_path):
    onnx = pytest.importorskip("onnx")
    from onnx import numpy_helper

    from qabot.embed import encoders as embed

    corpus, settings = small_ivf(tmp_path, seeds=(SEEDS[4],))
    served = IndexFolder(settings.index).require_current()
    export = embed.Export(settings.index / "models" / Manifest.read(served).export)  # the export that built it
    model = onnx.load(str(export.onnx))
    largest = max((t for t in model.graph.initializer if t.data_type == onnx.TensorProto.FLOAT),
                  key=lambda t: np.prod(t.dims))  # the word embeddings: every text becomes NaN
    largest.CopyFrom(numpy_helper.from_array(np.full(numpy_helper.to_array(largest).shape, np.nan, np.float32),
                                             largest.name))
    onnx.save(model, str(export.onnx))
    shutil.copy(SEEDS[2], corpus / SEEDS[2].name)
    result = cli_ingest(settings, corpus)
    assert result.returncode != 0 and one_sentence(result.stderr), result.stderr
    assert "not finite (NaN or infinity)" in result.stderr and "encoder" in result.stderr
    assert "of 2003/73" in result.stderr or "paragraph" in result.stderr
    assert IndexFolder(settings.index).require_current() == served  # the previous generation, intact
    checksums.verify(served, full=True)
    manifest, vectors = current(settings.index)
    assert manifest.vectors == 21
    whole(vectors)


def test_an_index_of_the_wrong_type_is_rebuilt_by_an_ingest_of_an_unchanged_corpus(tmp_path):
    corpus, settings = small_ivf(tmp_path, seeds=(SEEDS[4],))
    gen = IndexFolder(settings.index).require_current()
    reseal(gen, index_type="flat")
    refused = run_qabot("ask", "technical cooperation", "--index", str(settings.index))
    assert refused.returncode != 0 and "rebuild it with `qabot ingest`" in refused.stderr
    result = cli_ingest(settings, corpus)  # "1 unchanged", and yet the advice must be true
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert IndexFolder(settings.index).require_current() != gen
    manifest, vectors = current(settings.index)
    assert manifest.index_type == vectors.index_type == "ivf" and manifest.vectors == 21
    whole(vectors)
    answer = run_qabot("ask", "technical cooperation", "--index", str(settings.index))
    assert answer.returncode == 0, answer.stderr
    rebuilt = IndexFolder(settings.index).require_current()
    again = cli_ingest(settings, corpus)  # an index that is accepted: nothing to do
    assert again.returncode == 0 and IndexFolder(settings.index).require_current() == rebuilt


def test_a_damaged_ivf_index_is_rebuilt_from_the_store_when_the_corpus_changes(tmp_path):
    import faiss

    corpus, settings = small_ivf(tmp_path, seeds=(SEEDS[4],))
    gen = IndexFolder(settings.index).require_current()
    vectors = VectorIndex.load(gen)
    vectors.index.set_direct_map_type(faiss.DirectMap.NoMap)  # it can no longer look vectors up by id
    reseal(gen, vectors)
    refused = run_qabot("ask", "technical cooperation", "--index", str(settings.index))
    assert refused.returncode != 0 and "cannot look vectors up by id" in refused.stderr
    shutil.copy(SEEDS[2], corpus / SEEDS[2].name)
    store = Store(gen / STORE_FILE)
    cached = store.db.execute("SELECT count(*) FROM embeddings").fetchone()[0]
    store.close()
    result = cli_ingest(settings, corpus)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    manifest, rebuilt = current(settings.index)
    assert manifest.index_type == "ivf" and manifest.vectors == 50
    assert rebuilt.index.direct_map.type == faiss.DirectMap.Hashtable
    whole(rebuilt)
    answer = run_qabot("ask", "technical cooperation", "--index", str(settings.index))
    assert answer.returncode == 0, answer.stderr
    store = Store(IndexFolder(settings.index).require_current() / STORE_FILE)
    assert store.db.execute("SELECT count(*) FROM embeddings").fetchone()[0] > cached  # the old ones kept
    store.close()


def test_a_vector_an_older_qabot_lost_from_its_lists_is_refused_and_pruning_it_does_not_crash(tmp_path):
    """What a NaN vector did to IVF: counted by FAISS and by the id map, in no list. Removing its id
    crashed the ingest (SIGSEGV); now the index is refused and rebuilt from the store."""
    import faiss

    corpus, settings = small_ivf(tmp_path)
    gen = IndexFolder(settings.index).require_current()
    vectors = VectorIndex.load(gen)
    lost = int(vectors.id_map[np.isin(vectors.id_map[:, 1], list(paragraph_ids(settings, SEEDS[2].stem))), 0][0])
    vectors.index.remove_ids(faiss.IDSelectorArray(np.array([lost], dtype=np.int64)))
    vectors.index.add_with_ids(np.full((1, 384), np.nan, np.float32), np.array([lost], dtype=np.int64))
    assert vectors.index.ntotal == vectors.count == 50 and vectors.index.invlists.compute_ntotal() == 49
    reseal(gen, vectors)
    refused = run_qabot("ask", "technical cooperation", "--index", str(settings.index))
    assert refused.returncode != 0 and one_sentence(refused.stderr), refused.stderr
    assert "counts 50 vectors but its lists hold 49" in refused.stderr
    (corpus / SEEDS[2].name).unlink()
    result = cli_ingest(settings, corpus, "--prune")
    assert result.returncode == 0 and "Traceback" not in result.stderr, (result.returncode, result.stderr)
    manifest, rebuilt = current(settings.index)
    assert manifest.vectors == 21 and manifest.index_type == "ivf"
    whole(rebuilt)


def test_check_refuses_ivf_indexes_qabot_would_not_serve_each_in_one_sentence(tmp_path):
    import faiss

    vectors = clustered(400)
    ids = np.arange(400, dtype=np.int64)
    good = ivf_of(vectors, ids)

    def refusal(vector_index: VectorIndex, index_type: str = "ivf") -> str:
        manifest = Manifest(model="m", encoder="fp32", dimension=64, vectors=vector_index.count, paragraphs=0,
                            documents=0, schema="s", index_type=index_type)
        with pytest.raises(index.IndexRefused) as refused:
            index.check(tmp_path, manifest, vector_index, 0)
        assert one_sentence(str(refused.value)), str(refused.value)
        return str(refused.value)

    manifest = Manifest(model="m", encoder="fp32", dimension=64, vectors=400, paragraphs=0, documents=0, schema="s",
                        index_type="ivf")
    index.check(tmp_path, manifest, good, 0)  # what qabot builds is accepted

    untrained = faiss.IndexIVFFlat(faiss.IndexFlatIP(64), 64, 4, faiss.METRIC_INNER_PRODUCT)
    assert "untrained" in refusal(VectorIndex(untrained, np.zeros((0, 2), dtype=np.int64)))
    tombstones = VectorIndex(good.index, good.id_map[1:], dead=good.id_map[:1, 0].copy())
    assert "tombstones" in refusal(tombstones)
    no_map = ivf_of(vectors, ids)
    no_map.index.set_direct_map_type(faiss.DirectMap.NoMap)
    assert "cannot look vectors up by id" in refusal(no_map)
    lost = ivf_of(vectors, ids)
    lost.index.remove_ids(faiss.IDSelectorArray(ids[:1]))
    lost.index.add_with_ids(np.full((1, 64), np.nan, np.float32), ids[:1])
    assert "counts 400 vectors but its lists hold 399" in refusal(lost)

    # what qabot never builds: an IVF wrapped in an id map (it was taken for "flat"), an L2 IVF
    wrapped = faiss.IndexIDMap2(faiss.IndexIVFFlat(faiss.IndexFlatIP(64), 64, 4, faiss.METRIC_INNER_PRODUCT))
    wrapped.index.train(vectors)
    wrapped.add_with_ids(vectors, ids)
    as_flat = VectorIndex(wrapped, np.stack([ids, ids * 10], axis=1))
    assert as_flat.index_type == "unknown"
    assert "is an IndexIDMap2 of IndexIVFFlat, which qabot does not build" in refusal(as_flat, "flat")
    l2 = faiss.IndexIVFFlat(faiss.IndexFlatL2(64), 64, 4, faiss.METRIC_L2)
    l2.train(vectors)
    l2.set_direct_map_type(faiss.DirectMap.Hashtable)
    l2.add_with_ids(vectors, ids)
    assert "not by inner product" in refusal(VectorIndex(l2, np.stack([ids, ids * 10], axis=1)))
    l2_flat = faiss.IndexIDMap2(faiss.IndexFlatL2(64))
    l2_flat.add_with_ids(vectors, ids)
    assert "which qabot does not build" in refusal(VectorIndex(l2_flat, np.stack([ids, ids * 10], axis=1)), "flat")


def test_ivf_removes_and_adds_where_a_question_scans_only_some_of_the_lists():
    """The seed corpus's IVF (20 lists, all scanned) is exact search in disguise: here 566 lists, 64
    scanned, and FAISS itself must never return a removed vector."""
    import faiss

    vectors = clustered(24000)
    ids = np.arange(24000, dtype=np.int64) * 3 + 1
    live, later = slice(0, 20000), slice(20000, 24000)
    ivf = ivf_of(vectors[live], ids[live])
    assert ivf.lists == ivf_lists(20000) == 566 > ivf.nprobe() == index.IVF_NPROBE
    removed = ids[live][::5]
    ivf.remove(removed)
    ivf.add(ids[later], ids[later] * 10, vectors[later])
    assert ivf.count == ivf.index.ntotal == ivf.index.invlists.compute_ntotal() == 20000 - len(removed) + 4000
    keep = ~np.isin(ids, removed)
    exact = VectorIndex.empty(64)
    exact.add(ids[keep], ids[keep] * 10, vectors[keep])
    queries = vectors[::400] + 0.05 * np.random.default_rng(1).standard_normal((60, 64)).astype(np.float32)
    recall = [len({p for p, _ in ivf.search(q, 10)} & {p for p, _ in exact.search(q, 10)}) / 10 for q in queries]
    assert np.mean(recall) >= 0.95
    every_list = faiss.SearchParametersIVF(nprobe=ivf.lists)
    _, found = ivf.index.search(np.ascontiguousarray(vectors[removed // 3][:200]), 50, params=every_list)
    assert found.min() >= 0 and not np.isin(found, removed).any()  # FAISS itself, not the id map's filter
    _, found = ivf.index.search(np.ascontiguousarray(vectors[later][:50]), 1)
    assert (found[:, 0] == ids[later][:50]).all()  # an added vector is its own nearest, in the lists scanned


def test_after_a_large_shrink_a_question_scans_the_same_share_of_the_vectors():
    vectors = clustered(20000)
    ids = np.arange(20000, dtype=np.int64)
    ivf = ivf_of(vectors, ids)
    assert ivf.nprobe() == index.IVF_NPROBE
    ivf.remove(ids[5001:])  # just above a quarter of the 20,000 it was trained on: not retrained
    assert ivf.count == 5001 and not ivf.needs_rebuild() and ivf.lists == 566
    assert ivf.nprobe() == int(np.ceil(index.IVF_NPROBE * 566 / ivf_lists(5001))) == 128  # 566 lists, 283 suit it
    grown = ivf_of(vectors, ids)
    grown.add(ids + 20000, ids + 20000, vectors)  # grown: fewer lists than its size calls for, never fewer scanned
    assert grown.nprobe() == index.IVF_NPROBE
    exact = VectorIndex.empty(64)
    exact.add(ids[:5001], ids[:5001] * 10, vectors[:5001])
    queries = clustered(60, seed=11)
    recall = [len({p for p, _ in ivf.search(q, 10)} & {p for p, _ in exact.search(q, 10)}) / 10 for q in queries]
    assert np.mean(recall) >= 0.95


def test_a_large_scope_far_from_the_question_still_returns_k_paragraphs(monkeypatch):
    rng = np.random.default_rng(3)
    centre = rng.standard_normal(64).astype(np.float32)
    centre /= np.linalg.norm(centre)
    scope_vectors = centre + 0.15 * rng.standard_normal((400, 64)).astype(np.float32)
    vectors = np.vstack([clustered(19600), scope_vectors / np.linalg.norm(scope_vectors, axis=1, keepdims=True)])
    ids = np.arange(20000, dtype=np.int64)
    ivf = ivf_of(vectors, ids)
    scope = set((ids[19600:] * 10).tolist())
    monkeypatch.setattr(index, "EXACT_SCOPE", 0)  # 400 vectors stand for a scope too large to compute exactly
    assert ivf.nprobe(400) < ivf.lists  # 2% of the vectors: 512 of the 566 lists, but not the scope's own
    question = -centre  # the scope is as far from it as can be
    hits = ivf.search(question, 10, within=scope)
    truth = sorted(ivf.scores_for(question, scope).items(), key=lambda kv: -kv[1])[:10]
    assert [p for p, _ in hits] == [p for p, _ in truth]
    assert [s for _, s in hits] == pytest.approx([s for _, s in truth], abs=1e-5)


def test_an_ivf_index_that_shrinks_below_a_quarter_of_its_training_is_retrained(tmp_path):
    corpus, settings = small_ivf(tmp_path, seeds=SEEDS)
    manifest, trained = current(settings.index)
    assert manifest.index_type == "ivf" and manifest.trained_vectors == 162 and trained.lists == ivf_lists(162)
    for seed in SEEDS[:4]:
        (corpus / seed.name).unlink()
    result = cli_ingest(settings, corpus, "--prune")
    assert result.returncode == 0, result.stderr
    manifest, shrunk = current(settings.index)
    assert manifest.index_type == shrunk.index_type == "ivf"  # 21 vectors, above half the threshold of 15
    assert manifest.vectors == manifest.trained_vectors == shrunk.count == 21 < 162 / index.RETRAIN_GROWTH
    assert shrunk.lists == ivf_lists(21) < trained.lists
    whole(shrunk)
