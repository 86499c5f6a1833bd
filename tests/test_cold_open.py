"""What a new process reads to open a generation and answer its first question (docs/scaling.md 5.5),
counted, not timed: the IVF direct map read as an array (FAISS builds no hashtable of every vector id),
each stem's counts read from the stored table (no walk of FTS5's doclists), the documents' years from the
manifest (no scan of the documents). A generation sealed before these were stored is served as it was,
with the same answers, and the next ingest writes them."""

from __future__ import annotations

import json
import shutil

import numpy as np

from qabot import config
from qabot.index import checksums
from qabot.index.generations import MANIFEST_FORMAT, IndexFolder
from qabot.index.manifest import ARRAY_MAP_FORMAT, FAISS_FILE, Manifest
from qabot.index.vectors import ARRAY_MAP_SPREAD, VectorIndex
from qabot.ingest.embedding import seal
from qabot.ingest.run import ingest
from qabot.search.retrieve import Searcher
from qabot.pipeline import ask
from qabot.store import fts
from qabot.store.database import STORE_FILE, Store

from .conftest import CORPUS, run_qabot
from .test_index_types import QUESTIONS, clustered, ivf_of, small_ivf

import faiss


def answers(index) -> list[dict]:
    searcher = Searcher(config.load(index=index))
    try:
        out = []
        for q in QUESTIONS:
            answer = ask(searcher, q).to_json()
            answer.pop("generation", None)
            out.append(answer)
        return out
    finally:
        searcher.close()


def statements(searcher: Searcher, question: str) -> list[str]:
    """The SQL a question runs on the searcher's store connection (the first question of a process)."""
    said: list[str] = []
    searcher.store.db.set_trace_callback(said.append)
    try:
        ask(searcher, question)
    finally:
        searcher.store.db.set_trace_callback(None)
    return said


def test_an_ivf_file_holds_its_direct_map_as_an_array_that_reads_the_same_vectors(tmp_path):
    vectors = clustered(3000)
    ids = np.arange(3000, dtype=np.int64) * 2 + 7  # the store's ids: not 0..n-1
    built = ivf_of(vectors, ids)
    built.save(tmp_path)
    assert built.array_map and built.index.direct_map.type == faiss.DirectMap.Hashtable  # kept to add and remove
    served = VectorIndex.load(tmp_path, mapped=True)
    assert served.index.direct_map.type == faiss.DirectMap.Array  # read as one array: no hashtable built
    assert served.index.direct_map.array.size() == int(ids.max()) + 1
    some = np.ascontiguousarray(ids[::7])
    assert np.array_equal(served.index.reconstruct_batch(some), built.index.reconstruct_batch(some))
    query = vectors[11]
    assert served.search(query, 10) == built.search(query, 10)
    within = set((ids[:400] * 10).tolist())
    assert served.search(query, 5, within=within) == built.search(query, 5, within=within)
    assert served.scores_for(query, [int(ids[5] * 10)]) == built.scores_for(query, [int(ids[5] * 10)])

    changed = VectorIndex.load(tmp_path)  # an ingest's: the map a hashtable again, so it can change
    assert changed.index.direct_map.type == faiss.DirectMap.Hashtable
    changed.remove(ids[:10])
    changed.add(np.array([9001], dtype=np.int64), np.array([5], dtype=np.int64), vectors[:1])
    assert changed.count == 2991 and changed.index.invlists.compute_ntotal() == 2991

    sparse = ivf_of(vectors[:500], np.arange(500, dtype=np.int64) * (ARRAY_MAP_SPREAD + 1) + 3)
    sparse.save(tmp_path)  # ids too far apart for an array: the hashtable, as before
    assert not sparse.array_map
    assert VectorIndex.load(tmp_path, mapped=True).index.direct_map.type == faiss.DirectMap.Hashtable


def test_the_first_question_reads_counts_and_years_stored_at_ingest_not_fts5_or_every_document(tmp_path):
    corpus, settings = small_ivf(tmp_path)
    gen = IndexFolder(settings.index).require_current()
    manifest = Manifest.read(gen)
    assert manifest.stem_counts and manifest.format == ARRAY_MAP_FORMAT <= MANIFEST_FORMAT
    store = Store(gen / STORE_FILE)
    assert manifest.years == sorted(store.document_years())
    stems = [row[0] for row in store.db.execute("SELECT DISTINCT term FROM paragraphs_vocab")]
    assert stems and all(fts.counted_frequencies(store, s) == fts.frequencies(store, s) for s in stems)
    assert fts.counted_frequencies(store, "zzzunknown") == fts.frequencies(store, "zzzunknown") == (0, 0)
    store.close()

    searcher = Searcher(settings)
    assert searcher.vectors.index.direct_map.type == faiss.DirectMap.Array
    said = statements(searcher, QUESTIONS[0])  # "which regional workshops were held in 2003?": a year
    searcher.close()
    assert any("stem_counts" in s for s in said)
    assert not any("paragraphs_vocab" in s for s in said), [s for s in said if "paragraphs_vocab" in s]
    assert not any("substr(date" in s for s in said)


def test_a_generation_sealed_before_them_is_served_the_same_and_the_next_ingest_writes_them(tmp_path):
    corpus, settings = small_ivf(tmp_path)
    expected = answers(settings.index)
    gen = IndexFolder(settings.index).require_current()
    # as an older qabot sealed it: the IVF map a hashtable, no counts table, nothing of it in the manifest
    vectors = VectorIndex.load(gen)
    faiss.write_index(vectors.index, str(gen / FAISS_FILE))
    store = Store(gen / STORE_FILE, readonly=False)
    with store.transaction():
        store.db.execute("DROP TABLE stem_counts")
    store.close()
    manifest = Manifest.read(gen)
    manifest.stem_counts, manifest.years, manifest.format = False, None, 1
    seal(gen, manifest)
    checksums.write_sums(gen)
    data = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    assert "years" in data and data["years"] is None

    old = Searcher(settings)
    assert old.vectors.index.direct_map.type == faiss.DirectMap.Hashtable
    said = statements(old, QUESTIONS[0])
    old.close()
    assert any("paragraphs_vocab" in s for s in said) and not any("stem_counts" in s for s in said)
    assert answers(settings.index) == expected

    result = run_qabot("ingest", "--quiet", "--index", str(settings.index), str(corpus),
                       env={"QABOT_INDEX_THRESHOLD": "15"})
    assert result.returncode == 0, result.stderr
    upgraded = IndexFolder(settings.index).require_current()
    assert upgraded != gen  # written again, though no file changed
    manifest = Manifest.read(upgraded)
    assert manifest.stem_counts and manifest.years and manifest.format == ARRAY_MAP_FORMAT
    assert answers(settings.index) == expected


def test_a_flat_generation_stays_readable_by_an_older_qabot(tmp_path):
    """Format 2 is written only with an IVF array map, which an older qabot would take for damage."""
    index = tmp_path / "index"
    ingest([CORPUS], config.load(index=index))
    manifest = Manifest.read(IndexFolder(index).require_current())
    assert manifest.index_type == "flat" and manifest.format == 1 and manifest.stem_counts


def test_the_query_encoder_maps_its_weights_from_their_own_file_and_gives_the_same_vectors(tmp_path, corpus_index):
    """An ingest writes query.onnx (the export's graph, its weights in query.onnx.data), which ONNX
    Runtime maps instead of parsing and copying them; an export without it (an older ingest's) is loaded
    as before, and both give the same vectors to the last bit."""
    from qabot.embed import encoders as embed

    manifest = Manifest.read(IndexFolder(corpus_index).require_current())
    models = IndexFolder(corpus_index).models
    export = embed.Export(models / manifest.export)
    assert export.query_graph() == export.query_onnx and (export.folder / "query.onnx.data").is_file()
    assert export.query_onnx.stat().st_size < 100_000 < (export.folder / "query.onnx.data").stat().st_size
    served = embed.query_encoder(manifest.model, manifest.encoder, models, export=manifest.export)
    assert served.graph == export.query_onnx

    older = tmp_path / "models"
    shutil.copytree(export.folder, older / export.folder.name, ignore=shutil.ignore_patterns("query.onnx*"))
    plain = embed.query_encoder(manifest.model, manifest.encoder, older, export=manifest.export)
    assert plain.graph == older / export.folder.name / "model.onnx"
    texts = QUESTIONS + ["A/RES/57/210", "donors " * 300]
    assert np.array_equal(served.encode(texts), plain.encode(texts))
    written = embed.ensure_query_graph(embed.Export(older / export.folder.name))  # what the next ingest does
    assert written.is_file() and not list((older / export.folder.name).glob(".query.tmp-*"))
    again = embed.query_encoder(manifest.model, manifest.encoder, older, export=manifest.export)
    assert again.graph == written and np.array_equal(again.encode(texts), plain.encode(texts))
