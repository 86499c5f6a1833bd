"""Document encoders: fp32 and int8 (chosen for the machine by default), both ONNX exports of
all-MiniLM-L6-v2 checked against sentence-transformers; the manifest records which one built an index
and the questions use the same."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from qabot import config
from qabot.embed import device, encoders as embed
from qabot.errors import ConfigError, ModelMissing
from qabot.ingest import embedding as vectors
from qabot.index.generations import IndexFolder
from qabot.index.manifest import Manifest
from qabot.ingest.run import ingest
from qabot.ingest.vocabulary import VOCAB_JSON
from qabot.search.retrieve import Searcher
from qabot.store.database import STORE_FILE, Store

from .conftest import run_qabot


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


def test_fp32_word_vectors_do_not_depend_on_their_batch(corpus_index):
    """The vocabulary's words are encoded many to a padded run (ingest/vocabulary.py): each gets the
    vector it gets alone, so the machine's word cache holds the same vectors whichever batch made them."""
    generation = IndexFolder(corpus_index).require_current()
    words = json.loads((generation / VOCAB_JSON).read_text(encoding="utf-8"))["words"][:400]
    encoder = embed.document_encoder(MODEL, "fp32", IndexFolder(corpus_index).root / "models")
    together = encoder.encode(words)  # lengths 3 to 8 word pieces, padded to the longest of each run
    alone = np.vstack([encoder.encode([w]) for w in words])
    assert (together * alone).sum(axis=1).min() >= 0.9999
    assert np.abs(together - alone).max() < 1e-5


def test_int8_stays_close_to_fp32(tmp_path, paragraphs, reference):
    """Weights quantized per channel, activations per row: each vector within a few degrees of fp32
    (weights per tensor: 0.94 on average on CPUs without VNNI, which costs retrieval quality)."""
    encoder = embed.document_encoder(MODEL, "int8", tmp_path / "models")
    cosines = (encoder.encode(paragraphs) * reference).sum(axis=1)
    assert cosines.mean() > 0.993 and cosines.min() > 0.985
    assert embed.vectors_id(MODEL, "int8") != embed.vectors_id(MODEL, "fp32")


def test_an_int8_vector_does_not_depend_on_its_batch(tmp_path, paragraphs, reference):
    """Activations quantized per word piece: a text alone and in a batch of texts of other lengths (one
    padded run) gets the same vector, so int8 batches documents and words like fp32 does."""
    encoder = embed.document_encoder(MODEL, "int8", tmp_path / "models")
    assert not encoder.alone
    mixed = [paragraphs[-13], "donors", paragraphs[-20], "A/RES/57/210", paragraphs[-1], paragraphs[-6]]
    lengths = {len(encoder.tok.encode(t).ids) for t in mixed}
    assert len(lengths) >= 4 and max(lengths) * len(mixed) <= embed.TOKEN_BUDGET * 4
    together = encoder.encode(mixed, batch_size=len(mixed))
    encoder.budget, budget = 10 ** 6, encoder.budget
    try:
        one_run = encoder.encode(mixed)  # every text padded to the longest, in one session.run
    finally:
        encoder.budget = budget
    alone = np.vstack([encoder.encode([t]) for t in mixed])
    assert (alone * together).sum(axis=1).min() >= 0.9999
    assert (alone * one_run).sum(axis=1).min() >= 0.9999
    fp32 = embed.TorchEncoder(MODEL).encode(mixed)
    # the fidelity bound of the per-channel test above (0.987 seen on AVX2, whose int8 kernels differ from VNNI's)
    assert (alone * fp32).sum(axis=1).min() > 0.985


def test_streams_give_the_vectors_of_one_run_at_a_time(tmp_path, paragraphs):
    """The document encoder runs one batch per core side by side (each on one thread): the vectors and
    their order are those of the same export run one batch at a time, and the skip layer norms of
    the int8 graph are unfused (ONNX Runtime's fused CPU kernel was 7x slower on one thread)."""
    import onnx

    encoder = embed.document_encoder(MODEL, "int8", tmp_path / "models")
    assert encoder.streams == embed.available_cores()
    single = embed.OnnxEncoder(encoder.export, threads=1, spin=False)
    assert single.streams == 1
    texts = paragraphs * 2
    assert (encoder.encode(texts) * single.encode(texts)).sum(axis=1).min() >= 0.99999
    graph = onnx.load(str(encoder.export.onnx), load_external_data=False).graph
    assert not [n for n in graph.node if n.op_type == "SkipLayerNormalization"]
    assert [n for n in graph.node if n.op_type == "LayerNormalization"]


def test_a_questions_few_texts_run_alone_side_by_side_with_the_vectors_of_each_alone(tmp_path):
    """The int8 query encoder runs a question's texts (the question, its focused wording, words it
    expands) each alone on one of two streams, not as one padded batch: the same vectors, in order."""
    export = embed.ensure_export(tmp_path / "models", MODEL, "int8")
    embed.ensure_query_graph(export)
    served = embed.query_encoder(MODEL, "int8", tmp_path / "models", export=export.folder.name)
    assert served.streams == min(2, embed.available_cores())
    texts = ["which regional workshops were held in 2003?", "regional workshops held 2003", "donors", "Islamabad"]
    if served.streams > 1:  # "donors" and "Islamabad" are 3 word pieces each: one run, unpadded
        assert sorted(len(chunk) for chunk in served.prepare(texts)[2]) == [1, 1, 2]
    together = served.encode(texts)
    alone = np.vstack([served.encode([text]) for text in texts])
    assert (together * alone).sum(axis=1).min() >= 0.99999
    many = [f"word{i}" for i in range(embed.FEW_TEXTS + 1)]  # past a question's few texts: batched by the budget
    assert len(served.prepare(many)[2]) < len(many)


def test_the_int8_graph_quantizes_rows_without_reshapes_and_keeps_recipe_5s_vectors(tmp_path):
    """Recipe 6: the hidden states are [rows, hidden] between the embeddings and the pooling, so a row
    quantizer and its integer products need no Reshape; the row scale is MatMulIntegerToFloat's a_scale
    (nothing multiplies its output again) and the bias is added after it. The arithmetic is recipe 5's
    (the same vectors to the last bit, measured), so their vectors id is one and an index of recipe 5
    is kept, while the export (the graph) is new."""
    import onnx

    encoder = embed.document_encoder(MODEL, "int8", tmp_path / "models")
    graph = onnx.load(str(encoder.export.onnx), load_external_data=False).graph
    producers = {o: n for n in graph.node for o in n.output}
    integer = [n for n in graph.node if n.op_type == "MatMulIntegerToFloat"]
    assert len(integer) == 36 and len([n for n in graph.node if n.op_type == "QuantizeLinear"]) == 24
    assert all(producers[n.input[0]].op_type == "QuantizeLinear" for n in integer)
    assert all(producers[n.input[2]].op_type == "Mul" for n in integer)  # the row scale, [rows, 1]
    readers = [r.op_type for n in integer for r in graph.node if n.output[0] in r.input]
    assert set(readers) <= {"Add", "BiasGelu", "Sum"}
    assert embed.RECIPES["int8"] == 6 and embed.vectors_id(MODEL, "int8", 6) == embed.vectors_id(MODEL, "int8", 5)
    assert embed.export_name(MODEL, "int8", 6) != embed.export_name(MODEL, "int8", 5)
    assert embed.vectors_id(MODEL, "int8", 4) != embed.vectors_id(MODEL, "int8", 5)


def test_the_encoder_and_device_are_chosen_for_the_machine():
    vnni = device.cpu_flags("processor : 0\nflags : fpu sse2 avx2 avx512f avx512_vnni\n")
    avx2 = device.cpu_flags("processor : 0\nflags : fpu sse2 avx2\n")
    arm = device.cpu_flags("Features : fp asimd asimddp\n")
    assert "avx512_vnni" in vnni and device.cpu_flags("") == frozenset()
    assert device.choose_encoder("auto", vnni) == "int8" and device.choose_encoder("auto", arm) == "int8"
    assert device.choose_encoder("auto", avx2) == "fp32"
    assert device.choose_encoder("fp32", vnni) == "fp32" and device.choose_encoder("int8", avx2) == "int8"
    cpu_only = ["CPUExecutionProvider"]
    assert device.choose_device("auto", cpu_only, False) == "cpu"
    assert device.choose_device("auto", ["CUDAExecutionProvider", *cpu_only], False) == "onnx-cuda"
    assert device.choose_device("auto", cpu_only, True) == "torch-cuda"
    assert device.choose_device("cpu", ["CUDAExecutionProvider", *cpu_only], True) == "cpu"
    assert device.choose_encoder("auto", vnni, "onnx-cuda") == "fp32"  # a GPU runs the fp32 export


def test_a_damaged_tokenizer_is_a_missing_model(tmp_path, corpus_index):
    whole = (embed.model_dir(MODEL) / "tokenizer.json").read_bytes()
    (tmp_path / "tokenizer.json").write_bytes(whole[: len(whole) // 3])
    with pytest.raises(ModelMissing, match="tokenizer.json cannot be read"):
        embed.tokenizer(tmp_path)
    # the query encoder's copy truncated: `qabot ask` says so in one line, no traceback
    index = tmp_path / "index"
    shutil.copytree(corpus_index, index)
    export = index / "models" / Manifest.read(IndexFolder(index).require_current()).export
    (export / "tokenizer.json").write_bytes(whole[:5000])
    result = run_qabot("ask", "which regional workshops were held in 2003?", "--index", str(index))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "tokenizer.json cannot be read" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_importing_and_loading_the_encoders_leaves_the_environment_alone():
    code = ("import os; before = dict(os.environ)\n"
            "from qabot.embed import encoders; from qabot.search import retrieve; from qabot import cli\n"
            "encoders.TorchEncoder('all-MiniLM-L6-v2')\n"
            "print(sorted(set(os.environ.items()) ^ set(before.items())))")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_", "TQDM_"))}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "[]"


def test_an_ingest_records_the_encoder_chosen_for_the_machine(tmp_path, corpus_copy):
    for path in list(corpus_copy.glob("*.txt"))[1:]:
        path.unlink()
    settings = config.load(index=tmp_path / "index")
    assert settings.encoder == "auto"
    ingest([corpus_copy], settings)
    manifest = Manifest.read(IndexFolder(settings.index).require_current())
    assert manifest.encoder == device.choose_encoder("auto", device.cpu_flags())
    assert manifest.export == embed.export_name(MODEL, manifest.encoder)
    assert not vectors.outdated(manifest, settings)
    assert vectors.outdated(manifest, config.load(index=tmp_path / "index",
                                                  encoder="fp32" if manifest.encoder == "int8" else "int8"))


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
    embed.ensure_export(models, MODEL, "fp32")
    legacy = models / embed.export_name(MODEL, "fp32", recipe=1)
    shutil.copytree(models / embed.export_name(MODEL, "fp32"), legacy)
    assert embed.query_encoder(MODEL, "fp32", models).export.folder == legacy
    assert embed.query_encoder(MODEL, "fp32", models, export=embed.export_name(MODEL, "fp32")).export.folder \
        == models / embed.export_name(MODEL, "fp32")


def test_long_texts_are_cut_into_windows_that_encode_each_word_piece_once(paragraphs):
    tok = embed.tokenizer(embed.model_dir(MODEL))
    text = " ".join(paragraphs[:4])  # the longest paragraphs of the corpus, together
    pieces = len(tok.encode(text, add_special_tokens=False).ids)
    cut = embed.windows(text, tok)
    sizes = [len(tok.encode(w, add_special_tokens=False).ids) for w in cut]
    assert len(cut) == -(-pieces // (embed.MAX_TOKENS - 10)) and len(cut) >= 3
    assert max(sizes) <= embed.MAX_TOKENS - 2 and max(sizes) - min(sizes) <= 12  # about equal, none a tail
    assert sum(sizes) == pieces  # no overlap, nothing left out
    assert " ".join(" ".join(cut).split()) == " ".join(text.split())
    assert all(w[0].isalnum() or not w[0].isspace() for w in cut) and all(text.count(w) for w in cut)
    assert embed.windows("donors", tok) == ["donors"]


def test_only_the_first_word_pieces_of_a_long_text_get_vectors(paragraphs):
    """dense_word_pieces: a text's first N word pieces (up to a word's end) are windowed, the rest is left
    to the lexical index; shorter texts are windowed whole; 0 = all."""
    tok = embed.tokenizer(embed.model_dir(MODEL))
    text = " ".join(paragraphs[:4])
    assert config.load().dense_word_pieces == 320
    cut = embed.windows(text, tok, limit=320)
    sizes = [len(tok.encode(w, add_special_tokens=False).ids) for w in cut]
    assert len(cut) == 2 and 312 <= sum(sizes) <= 320 and max(sizes) <= embed.MAX_TOKENS - 2
    assert text.startswith(cut[0]) and " ".join(text.split()).startswith(" ".join(" ".join(cut).split()))
    rest = text[len(" ".join(cut)):]
    assert not rest or rest[0].isspace() or not rest[0].isalnum()  # cut between words
    assert embed.windows(text, tok, limit=0) == embed.windows(text, tok)
    assert embed.windows(paragraphs[-1], tok, limit=320) == [paragraphs[-1]]


def test_dense_word_pieces_is_a_setting_the_manifest_records(tmp_path, corpus_copy, monkeypatch):
    monkeypatch.setenv("QABOT_DENSE_WORD_PIECES", "5")
    with pytest.raises(ConfigError):
        config.load()
    for path in list(corpus_copy.glob("*.txt"))[1:]:
        path.unlink()
    monkeypatch.setenv("QABOT_DENSE_WORD_PIECES", "64")
    settings = config.load(index=tmp_path / "index")
    ingest([corpus_copy], settings)
    generation = IndexFolder(settings.index).require_current()
    assert Manifest.read(generation).dense_word_pieces == 64
    store = Store(generation / STORE_FILE)
    rows = vectors._new_windows(store, embed.tokenizer(embed.model_dir(MODEL)), "x", 64)
    assert rows == []  # every paragraph has its windows
    store.close()


def test_encode_texts_gives_the_vectors_of_an_ingest(tmp_path, monkeypatch):
    monkeypatch.setenv("QABOT_INDEX", str(tmp_path / "index"))
    texts = ["regional workshops", "Recalling its resolution 57/210 of 18 December 2002,", "donors"]
    ours = embed.encode_texts(texts)
    chosen = device.choose_encoder("auto", device.cpu_flags())
    same = embed.document_encoder(MODEL, chosen, tmp_path / "index" / "models").encode(texts)
    assert ours.shape == (3, 384) and np.abs(ours - same).max() < 1e-6
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_an_ingest_tokenizes_the_next_batch_while_one_runs_and_keeps_the_order(tmp_path, paragraphs, monkeypatch):
    """`_encoded` tokenizes batch k + 1 (OnnxEncoder.prepare) while batch k runs: the vectors and keys come
    back in order, as one `encode` of everything gives them, whatever the batch size."""
    monkeypatch.setattr(vectors, "CPU_BATCH", 7)
    encoder = embed.document_encoder(MODEL, "int8", tmp_path / "models")
    items = [(f"key{i}", text) for i, text in enumerate(paragraphs)]
    settings = config.load(index=tmp_path / "index", encoder="int8")
    got = list(vectors._encoded(items, settings, "int8", tmp_path / "models", lambda: encoder))
    assert [len(keys) for keys, _ in got] == [7] * (len(items) // 7) + ([len(items) % 7] if len(items) % 7 else [])
    assert [k for keys, _ in got for k in keys] == [k for k, _ in items]
    together = np.vstack([v for _, v in got])
    assert np.abs(together - encoder.encode(paragraphs)).max() < 1e-6


def test_a_copy_of_an_export_never_removes_one_another_process_published(tmp_path):
    """Ray actors and the ingest copy the machine's export into the index at once: a copy finding the export
    already in place keeps it (a process may be loading from it), and leaves no temporary folder behind."""
    from qabot.embed import export as exports

    source, target = tmp_path / "cache" / "e", tmp_path / "index" / "e"
    for folder in (source, target):
        folder.mkdir(parents=True)
        for name in ("model.onnx", "tokenizer.json", "export.json"):
            (folder / name).write_text(name)
    (target / "query.onnx").write_text("written by the ingest")
    exports._copy_folder(source, target)
    assert (target / "query.onnx").read_text() == "written by the ingest"
    assert sorted(p.name for p in target.parent.iterdir()) == ["e"]
