"""Document encoders: fp32 (the default) and int8, both ONNX exports of all-MiniLM-L6-v2 checked against
sentence-transformers; the manifest records which one built an index and the questions use the same."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from qabot import config
from qabot.embed import encoders as embed
from qabot.ingest import embedding as vectors
from qabot.index.generations import IndexFolder
from qabot.index.vectors import Manifest
from qabot.ingest.run import ingest
from qabot.search.retrieve import Searcher
from qabot.store.database import STORE_FILE, Store


MODEL = "all-MiniLM-L6-v2"


@pytest.fixture(scope="module")
def paragraphs(corpus_index) -> list[str]:
    """Real paragraph texts, short and long (the longest are windowed), plus a few odd inputs."""
    store = Store(IndexFolder(corpus_index).require_current() / STORE_FILE)
    texts = [t for (t,) in store.db.execute("SELECT text FROM paragraphs ORDER BY length(text) DESC")]
    store.close()
    return texts[:12] + texts[-12:] + texts[60:72] + ["donors", "A/RES/57/210", "x" * 3000]


@pytest.fixture(scope="module")
def reference(paragraphs) -> np.ndarray:
    return embed.TorchEncoder(MODEL).encode(paragraphs)


def test_fp32_documents_are_encoded_as_sentence_transformers_does(corpus_index, paragraphs, reference):
    encoder = embed.document_encoder(MODEL, "fp32", IndexFolder(corpus_index).root / "models")
    ours = encoder.encode(paragraphs)
    assert ours.shape == reference.shape and ours.dtype == np.float32
    assert (ours * reference).sum(axis=1).min() > 0.9999
    one_by_one = np.vstack([encoder.encode([t]) for t in paragraphs[:6]])  # batching and padding change nothing
    assert (one_by_one * ours[:6]).sum(axis=1).min() > 0.9999


def test_int8_stays_close_to_fp32(tmp_path, paragraphs, reference):
    """Weights quantized per channel: each vector within a few degrees of fp32 (per tensor: 0.94 on
    average on CPUs without VNNI, which costs retrieval quality)."""
    encoder = embed.document_encoder(MODEL, "int8", tmp_path / "models")
    cosines = (encoder.encode(paragraphs) * reference).sum(axis=1)
    assert cosines.mean() > 0.985 and cosines.min() > 0.96
    assert embed.vectors_id(MODEL, "int8") != embed.vectors_id(MODEL, "fp32")


def test_the_manifest_names_the_encoder_and_questions_use_it(tmp_path, corpus_copy):
    for path in list(corpus_copy.glob("*.txt"))[1:]:
        path.unlink()
    int8 = config.load(index=tmp_path / "index", encoder="int8")
    ingest([corpus_copy], int8)
    generation = IndexFolder(int8.index).require_current()
    manifest = Manifest.read(generation)
    assert manifest.encoder == "int8" and manifest.export == embed.export_name(MODEL, "int8")
    searcher = Searcher(int8)
    assert searcher.encoder.export.folder.name == manifest.export
    # what was embedded for a paragraph, encoded as a question, gives exactly its stored vector
    paragraphs = list(searcher.store.paragraphs())
    first = paragraphs[0]
    text = vectors.embedding_texts(first, {p.label: p for p in paragraphs}, {}, None, len(paragraphs))[0]
    pid = first.id
    assert searcher.vectors.scores_for(searcher.encode(text), [pid])[pid] > 0.9999

    # the same files with the fp32 setting: the index is rebuilt by fp32, and queried by fp32
    fp32 = config.load(index=tmp_path / "index", encoder="fp32")
    report = ingest([corpus_copy], fp32)
    assert report.generation != generation.name
    manifest = Manifest.read(IndexFolder(fp32.index).require_current())
    assert manifest.encoder == "fp32" and manifest.export == embed.export_name(MODEL, "fp32")
    searcher = Searcher(fp32)
    assert searcher.encoder.export.folder.name == manifest.export
    assert searcher.vectors.scores_for(searcher.encode(text), [pid])[pid] > 0.9999


def test_an_index_from_before_the_export_field_keeps_its_own_query_encoder(tmp_path, corpus_index):
    """Older manifests name no export: questions then use the export of that time, if it is there."""
    folder = tmp_path / "index"
    shutil.copytree(corpus_index, folder)
    models = folder / "models"
    legacy = models / embed.export_name(MODEL, "fp32", recipe=1)
    shutil.copytree(models / embed.export_name(MODEL, "fp32"), legacy)
    assert embed.query_encoder(MODEL, "fp32", models).export.folder == legacy
    assert embed.query_encoder(MODEL, "fp32", models, export=embed.export_name(MODEL, "fp32")).export.folder \
        == models / embed.export_name(MODEL, "fp32")
