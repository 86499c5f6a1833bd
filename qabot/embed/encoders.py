"""Encoders: text -> normalized float32 vectors, with all-MiniLM-L6-v2 shipped offline.

- Documents and queries are both encoded by ONNX Runtime (`OnnxEncoder`), from an export of the model
  (export.py): "fp32" (the same vectors as sentence-transformers) or "int8" (quantized per row, graph.py:
  2-3x as fast where the CPU has VNNI, cosine about 0.997 to fp32). device.py chooses the encoder for
  the machine, and a GPU for the documents when there is one.
- `TorchEncoder` (sentence-transformers) is the reference the exports are checked against, and the
  document encoder on a GPU that only torch can reach.
- The manifest records which export built an index (`Manifest.export`); the query encoder loads that one.
- `encode_texts(texts, ...)` is the one call that turns a list of texts into vectors (Ray actors use it).

Long texts are cut into windows the model can read (256 word pieces, without overlap: model.py); each
window gets its own vector and a paragraph is scored by its best window.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path

import numpy as np

from ..errors import ModelMissing
from .device import resolve
from .export import (ENCODERS, EXPORT_RECIPE, RECIPES, Export, ensure_export, ensure_query_graph,  # noqa: F401
                     export_for, export_name, recipe_of, vectors_id)
from .export import quiet_hugging_face
from .model import MAX_TOKENS, model_dir, model_fingerprint, tokenizer, windows  # noqa: F401

# Word pieces per batch (rows x padded length): a window of 256 runs alone on a CPU (measured fastest:
# no padding, activations stay in cache), short texts (words, questions) about 50 at a time; a GPU
# takes far more at once.
TOKEN_BUDGET = 256
GPU_TOKEN_BUDGET = 65536
MAX_BATCH = 256
# Texts so few (a question, its focused wording, the words it expands) that those of one length run together
# and the others alone, on the streams side by side: on a CPU a padded batch of short texts costs about the
# sum of their runs (two questions: 3.5 ms as one batch, 3.1 ms one after the other, 1.8 ms side by side)
FEW_TEXTS = 16


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def batches(lengths: np.ndarray, budget: int, batch_size: int):
    """Runs of text indices, by length, each padded to its longest at most `budget` word pieces
    (at most `batch_size` texts; one text alone if it is longer)."""
    order = np.argsort(lengths, kind="stable")
    start = 0
    while start < len(order):
        padded = lengths[order[start:start + batch_size]] * np.arange(1, min(batch_size, len(order) - start) + 1)
        chunk = order[start:start + max(1, int(np.searchsorted(padded, budget, side="right")))]
        yield chunk
        start += len(chunk)


class OnnxEncoder:
    """tokenizers + onnxruntime: no torch. Encodes every query, and the documents of an ingest.

    `spin` lets ONNX Runtime's threads busy-wait between operators: a little faster for one short
    query on an idle machine, but CPU burnt that other work would use, so off for ingest and queries.
    `streams` > 1 (the documents of an ingest on a CPU): that many batches run at once on the one
    session, each on one thread, instead of every operator split over the threads: the operators of a
    window are small, so splitting each costs more than it gains (windows of 150 SciFact abstracts on 2
    cores, int8: 740 GFLOP/s against 400 with one run of 2 threads; fp32 317 against 308).
    int8 exports before recipe 3 quantized activations per batch: those encode each text alone."""

    def __init__(self, export: Export, threads: int | None = None, spin: bool = True, cuda: bool = False,
                 streams: int = 1, graph: Path | None = None):
        """graph: the ONNX file to load (default the export's model.onnx; the query encoder's is
        export.query_graph())."""
        import onnxruntime as ort

        if not export.ready():
            raise ModelMissing(f"The query encoder is missing from {export.folder}; run `qabot ingest` to write it.")
        options = ort.SessionOptions()
        self.streams = max(1, streams)
        options.intra_op_num_threads = 1 if self.streams > 1 else threads or min(4, available_cores())
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        if not spin:
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.export = export
        made = json.loads((export.folder / "export.json").read_text(encoding="utf-8"))
        self.encoder = made.get("encoder", "fp32")
        self.alone = self.encoder == "int8" and int(made.get("recipe", 1)) < 3
        providers = (["CUDAExecutionProvider"] if cuda else []) + ["CPUExecutionProvider"]
        self.graph = graph or export.onnx
        self.session = ort.InferenceSession(str(self.graph), options, providers=providers)
        self.budget = GPU_TOKEN_BUDGET if cuda else TOKEN_BUDGET
        self.tok = tokenizer(export.tokenizer)
        self.dimension = self.session.get_outputs()[0].shape[1] or 384
        # ONNX Runtime runs a session from several threads at once; on one intra-op thread each, so that
        # concurrent questions (the Slack bot's workers) encode side by side on the cores; a session of
        # several threads runs one batch at a time, lest the threads of two runs fight over the cores
        self._lock = threading.Lock() if options.intra_op_num_threads > 1 else contextlib.nullcontext()
        self._pool = None
        self._starting = threading.Lock()

    def encode(self, texts: list[str], batch_size: int = MAX_BATCH) -> np.ndarray:
        """Vectors of `texts`, in order. Texts are sorted by length in word pieces and batched up to
        the token budget of padded word pieces (see `batches`); with `streams`, batches run side by side."""
        return self.run(self.prepare(texts, batch_size))

    def prepare(self, texts: list[str], batch_size: int = MAX_BATCH) -> tuple:
        """The tokenizing half of `encode` (no ONNX Runtime): an ingest tokenizes the next batch of
        windows while this one runs, instead of leaving the cores idle meanwhile (0.2 s CPU for the
        windows of 600 SciFact abstracts, 3-4% of the encode step)."""
        if not texts:
            return [], np.zeros(0, dtype=np.int64), []
        encodings = self.tok.encode_batch(list(texts))
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        lengths = np.minimum(lengths, MAX_TOKENS)
        if self.streams > 1 and len(encodings) <= FEW_TEXTS and not self.alone:
            # a question's texts: texts of one length run together (no padding: the words it expands), each
            # other length alone, the streams taking them longest first
            order = np.argsort(lengths, kind="stable")
            cuts = np.flatnonzero(np.diff(lengths[order])) + 1
            return encodings, lengths, np.split(order, cuts)
        return encodings, lengths, list(batches(lengths, self.budget, 1 if self.alone else batch_size))

    def run(self, prepared: tuple) -> np.ndarray:
        """The vectors of texts `prepare` tokenized, in their order."""
        encodings, lengths, chunks = prepared
        result = np.empty((len(encodings), self.dimension), dtype=np.float32)

        def run(chunk: np.ndarray) -> None:
            length = int(lengths[chunk[-1]])
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.int64)
            for row, i in enumerate(chunk):
                piece = encodings[i].ids
                if len(piece) > length:
                    piece = piece[:length - 1] + piece[-1:]  # keep [SEP]
                ids[row, :len(piece)] = piece
                mask[row, :len(piece)] = 1
            with self._lock:
                result[chunk] = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                                        "token_type_ids": np.zeros_like(ids)})[0]

        if self.streams > 1 and len(chunks) > 1:
            with self._starting:  # (the Slack bot's workers encode at once: one pool)
                if self._pool is None:
                    from concurrent.futures import ThreadPoolExecutor

                    self._pool = ThreadPoolExecutor(self.streams - 1, thread_name_prefix="qabot-encode")
            # the caller is one of the streams (no hand-over for it); longest first, so that they finish together
            queue = iter(list(reversed(chunks)))
            taking = threading.Lock()

            def stream() -> None:
                while True:
                    with taking:
                        chunk = next(queue, None)
                    if chunk is None:
                        return
                    run(chunk)

            helpers = [self._pool.submit(stream) for _ in range(min(self.streams, len(chunks)) - 1)]
            try:
                stream()
            finally:
                for helper in helpers:
                    if not helper.cancel():  # (not started, behind other callers' texts: this caller ran them all)
                        helper.result()
        else:
            for chunk in chunks:
                run(chunk)
        return result


class TorchEncoder:
    """sentence-transformers on torch: the reference the ONNX exports are checked against, and the
    document encoder on a CUDA GPU when ONNX Runtime has no CUDA provider."""

    def __init__(self, model: str, device: str = "cpu"):
        import logging
        import warnings

        with warnings.catch_warnings(), quiet_hugging_face():
            warnings.simplefilter("ignore")
            logging.getLogger("sentence_transformers").setLevel(logging.ERROR)
            from sentence_transformers import SentenceTransformer

            self.model = SentenceTransformer(str(model_dir(model)), device=device, local_files_only=True)
        dimension = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dimension = dimension()
        self.batch_size = 32 if device == "cpu" else 256
        self.budget = TOKEN_BUDGET if device == "cpu" else GPU_TOKEN_BUDGET

    def encode(self, texts: list[str], batch_size: int | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(texts, batch_size=batch_size or self.batch_size, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


_document_encoders: dict[tuple, OnnxEncoder | TorchEncoder] = {}
_document_encoders_lock = threading.Lock()  # an ingest in a bot's process runs beside its answering threads


def document_encoder(model: str, encoder: str, models_root: Path, device: str = "cpu"):
    """The encoder that builds the index (the same export the queries will use, on the CPU or the
    device `device.resolve` chose), on a CPU one stream per core; kept for the life of the process
    (a bot re-ingesting, tests)."""
    export = ensure_export(models_root, model, encoder)
    key = (model, encoder, str(export.folder), device)
    with _document_encoders_lock:
        if key not in _document_encoders:
            if device == "torch-cuda":
                _document_encoders[key] = TorchEncoder(model, device="cuda")
            else:
                cuda = device == "onnx-cuda"
                _document_encoders[key] = OnnxEncoder(export, threads=available_cores(), spin=False, cuda=cuda,
                                                      streams=1 if cuda else available_cores())
        return _document_encoders[key]


def encode_texts(texts: list[str], model: str | None = None, encoder: str | None = None,
                 models_root: Path | None = None, device: str | None = None) -> np.ndarray:
    """Normalized float32 vectors of `texts` (one row each, in order) with the model, encoder and device
    the settings name (by default: chosen for this machine), the export kept in the settings' index
    folder: the one public call for encoding elsewhere (Ray actors). Cut long texts with `windows`
    first: a text is read up to MAX_TOKENS word pieces."""
    from .. import config

    settings = config.load()
    chosen, where = resolve(encoder or settings.encoder, device or settings.device)
    root = models_root if models_root is not None else settings.index / "models"
    return document_encoder(model or settings.model, chosen, root, where).encode(list(texts))


def query_encoder(model: str, encoder: str, models_root: Path, export: str | None = None) -> OnnxEncoder:
    """The encoder of questions: the export named by the manifest (`export`), or for an index whose
    manifest predates that field, the export of its encoder as it was written then. Two intra-op
    threads that do not spin: a spinning thread burns the core another question (a Slack worker, the
    other processes of a shared machine) needs; measured on 2 cores, a whole question at 10k paragraphs
    (fp32) p50 15.5 ms against 14.7 spinning on a quiet machine, 16.6 against 22.4 with one core busy
    elsewhere (one thread: 17.4 and 17.5), and the Slack bot under load.py answers as fast as `ask
    --batch` instead of 72-87% of it (docs/scaling.md section 5). The graph whose weights are mapped from
    their own file, where an ingest wrote it (export.ensure_query_graph: the session in a fraction of the
    time, the same vectors). The int8 export on one thread: its operators on a question's few word pieces
    are too small to split, and waking a second thread costs more than it saves (AVX-512 VNNI, 2 cores, a
    dev question alone: 3.4 ms on one thread, 4.3-5.4 ms on two; fp32 8.4 against 7.6 ms, so two);
    each concurrent question (a Slack worker) then encodes on its own core, without a lock. Its texts
    encoded together (a question and its focused wording, the words it expands) run as streams, one
    thread each, side by side (two texts: 1.8 ms against 3.5 ms as one batch of two, the same vectors)."""
    if export:
        folder = Export(models_root / export)
    else:
        current, legacy = export_for(models_root, model, encoder), Export(models_root / export_name(model, encoder, 1))
        folder = legacy if legacy.ready() else current
    if _encoder_of(folder) == "int8":
        return OnnxEncoder(folder, threads=1, spin=False, graph=folder.query_graph(), streams=min(2, available_cores()))
    return OnnxEncoder(folder, threads=min(2, available_cores()), spin=False, graph=folder.query_graph())


def _encoder_of(export: Export) -> str | None:
    """The encoder an export was made for ("fp32", "int8"), as its export.json records it."""
    try:
        return json.loads((export.folder / "export.json").read_text(encoding="utf-8")).get("encoder")
    except (OSError, ValueError):
        return None
