"""The ONNX exports of the model, written once per machine (torch is needed for that, never after):

- "fp32": the same vectors as sentence-transformers (cosine > 0.9999), the graph fused by ONNX Runtime's
  transformer optimizer (attention, layer norms, GELU), mean pooling and normalisation inside;
- "int8": weights quantized per output channel and activations per row (per word piece, graph.py), so
  a text's vector does not depend on the others in its batch; cosine about 0.997 to fp32.

An export is written in ~/.cache/qabot/exports and copied into the index folder's models/. There an
ingest adds to it the same graph with its weights in a file of their own (query.onnx and query.onnx.data:
ensure_query_graph), which the query encoder loads: ONNX Runtime maps such weights from the file where
it parses and copies weights held inside the graph (model.onnx), so a new process's session is built in a
fraction of the time (docs/scaling.md 5.5), with the same operators and weights: the same vectors.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .model import model_dir, model_fingerprint

ENCODERS = ("fp32", "int8")
# Bump an encoder's recipe when a change to its export changes the vectors it gives (part of the
# export's folder name and of the int8 vectors' cache key). int8: recipe 1 quantized weights per tensor
# (cosine 0.94 to fp32 on AVX2 machines), 2 per channel with activations per tensor (a vector depended on
# its batch, so int8 encoded every text alone), 4 per channel with activations per row (3: the same with
# attention fused in fp32, never released), 5 the same with the skip layer norms unfused (graph.py: 1.3x
# as fast on one thread; the vectors move by int8 rounding, cosine 0.9992 to recipe 4's), 6 the same
# arithmetic in fewer operators (hidden states kept as [rows, hidden], the row scale inside
# MatMulIntegerToFloat, one Sum for bias + residual): the vectors of recipe 5 to the last bit, so
# SAME_VECTORS lets an index or cached vectors of recipe 5 be used as they are.
RECIPES = {"fp32": 2, "int8": 6}
SAME_VECTORS = {("int8", 6): 5}
EXPORT_RECIPE = RECIPES["fp32"]


@dataclass(frozen=True)
class Export:
    folder: Path

    @property
    def onnx(self) -> Path:
        return self.folder / "model.onnx"

    @property
    def tokenizer(self) -> Path:
        return self.folder

    @property
    def query_onnx(self) -> Path:
        """The graph of model.onnx with its weights in QUERY_WEIGHTS beside it (ensure_query_graph)."""
        return self.folder / QUERY_GRAPH

    def ready(self) -> bool:
        return self.onnx.is_file() and (self.folder / "tokenizer.json").is_file() and (self.folder / "export.json").is_file()

    def query_graph(self) -> Path:
        """What the query encoder loads: query.onnx when it and its weights are there, else model.onnx."""
        if self.query_onnx.is_file() and (self.folder / QUERY_WEIGHTS).is_file():
            return self.query_onnx
        return self.onnx


QUERY_GRAPH = "query.onnx"
QUERY_WEIGHTS = "query.onnx.data"


def export_name(model: str, encoder: str, recipe: int | None = None) -> str:
    recipe = RECIPES.get(encoder, 1) if recipe is None else recipe
    base = f"{Path(model).name}-{model_fingerprint(model_dir(model))}-{encoder}"
    return base if recipe == 1 else f"{base}-r{recipe}"


def recipe_of(name: str) -> int:
    """The recipe an export's folder name records ("...-int8-r3" -> 3; no suffix: recipe 1)."""
    match = re.search(r"-r(\d+)$", name or "")
    return int(match.group(1)) if match else 1


def export_for(models_root: Path, model: str, encoder: str) -> Export:
    return Export(models_root / export_name(model, encoder))


def vectors_id(model: str, encoder: str, recipe: int | None = None) -> str:
    """What the cached vectors of a text depend on. fp32 vectors are the same whichever fp32 path made
    them (torch or any fp32 export); int8 ones depend on how the model was quantized."""
    recipe = RECIPES.get(encoder, 1) if recipe is None else recipe
    recipe = SAME_VECTORS.get((encoder, recipe), recipe)
    base = f"{model}|{model_fingerprint(model_dir(model))}|{encoder}"
    return base if encoder == "fp32" or recipe == 1 else f"{base}-r{recipe}"


def machine_cache(kind: str = "exports") -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "qabot" / kind


def ensure_export(models_root: Path, model: str, encoder: str) -> Export:
    """The ONNX export of the model (fp32, or int8 quantized) in the index folder. Exporting needs torch
    and takes seconds, so it is done once per machine (in ~/.cache/qabot) and copied from there."""
    export = export_for(models_root, model, encoder)
    if export.ready():
        return export
    cached = Export(machine_cache() / export.folder.name)
    if not cached.ready():
        try:
            _write_export(cached.folder, model, encoder)
        except OSError:  # no writable cache: export straight into the index folder
            _write_export(export.folder, model, encoder)
            return export
    _copy_folder(cached.folder, export.folder)
    return export


def ensure_query_graph(export: Export) -> Path:
    """query.onnx beside the export's model.onnx: the same graph, every weight of 1 KB or more stored in
    query.onnx.data (ONNX's external data). Written once per export (by an ingest), the weights first and
    each file renamed into place, so a reader finds either no query.onnx or one whose weights are there."""
    target = export.query_onnx
    if export.query_graph() == target:
        return target
    import onnx

    tmp = export.folder / f".query.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(mode=0o700)
    try:
        onnx.save_model(onnx.load(str(export.onnx)), str(tmp / QUERY_GRAPH), save_as_external_data=True,
                        all_tensors_to_one_file=True, location=QUERY_WEIGHTS, size_threshold=1024)
        for name in (QUERY_WEIGHTS, QUERY_GRAPH):
            (tmp / name).chmod(0o600)
            os.replace(tmp / name, export.folder / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _copy_folder(source: Path, target: Path) -> None:
    tmp = target.with_name(target.name + f".tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copytree(source, tmp)
    for item in [tmp, *tmp.iterdir()]:
        item.chmod(0o700 if item.is_dir() else 0o600)
    if Export(target).ready():  # another process (a Ray actor beside the ingest) published it meanwhile: keep
        shutil.rmtree(tmp, ignore_errors=True)  # theirs, never remove a folder another may be loading from
        return
    if target.exists():  # a partial copy (a crash mid-copy): replaced
        shutil.rmtree(target, ignore_errors=True)
    _publish(tmp, target)


def _publish(tmp: Path, target: Path) -> None:
    """Rename a finished export into place. Processes that export at once (Ray actors on one machine)
    make the same files: when another one published first, its copy stands and ours is dropped."""
    try:
        os.rename(tmp, target)
    except OSError as exc:
        if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST) or not (target / "export.json").is_file():
            raise
        shutil.rmtree(tmp, ignore_errors=True)


def _write_export(folder: Path, model: str, encoder: str) -> None:
    from . import graph

    source = model_dir(model)
    tmp = folder.with_name(folder.name + f".tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp.mkdir(mode=0o700)
    try:
        plain, fused = tmp / "model.plain.onnx", tmp / "model.fused.onnx"
        _export_fp32(source, plain)
        config = json.loads((source / "config.json").read_text(encoding="utf-8"))
        # int8: attention left unfused, so that its projections are MatMuls quantized per row (graph.py)
        graph.fuse(plain, fused, config["num_attention_heads"], config["hidden_size"], attention=encoder != "int8")
        plain.unlink()
        if encoder == "int8":
            graph.quantize_rows(fused, tmp / "model.onnx")
            fused.unlink()
        else:
            fused.rename(tmp / "model.onnx")
        for name in ("tokenizer.json", "config.json"):
            shutil.copyfile(source / name, tmp / name)
        (tmp / "export.json").write_text(json.dumps({"model": model, "encoder": encoder, "recipe": RECIPES[encoder],
                                                     "fingerprint": model_fingerprint(source)}))
        for item in tmp.iterdir():
            item.chmod(0o600)
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
        _publish(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


@contextlib.contextmanager
def quiet_hugging_face():
    """Offline and without progress bars or chatter while transformers / sentence-transformers load,
    the environment put back as it was afterwards (importing qabot changes nothing in it)."""
    wanted = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HUB_DISABLE_PROGRESS_BARS": "1",
              "TRANSFORMERS_VERBOSITY": "error", "TQDM_DISABLE": "1"}
    saved = {name: os.environ.get(name) for name in wanted}
    for name, value in wanted.items():
        if saved[name] is None:
            os.environ[name] = value
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)


def _export_fp32(source: Path, target: Path) -> None:
    import logging
    import warnings

    with quiet_hugging_face():
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
