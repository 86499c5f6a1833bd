"""Ingest on Ray: `qabot ingest --ray ADDRESS` (setting ray_address, environment QABOT_RAY_ADDRESS).

    local               a Ray runtime started on this machine for the run, stopped after it
    auto                the Ray cluster this machine belongs to (`ray start` was run here)
    ray://host:10001    a remote cluster, through Ray Client

Two steps of an ingest run on the cluster; everything else stays on the driver (this process):

1. Parsing. Ray Data maps the files that changed over the cluster's CPUs: each task reads its file
   (read_bytes, so the same size limit), hashes it and parses it, and sends back the parsed documents.
   The driver then ingests them in the files' order, exactly as without Ray (run.py takes the parsed
   documents only when file, document id and content hash are the ones it computed itself; anything
   else, a failure included, it parses again locally and so reports as it always does).
2. Encoding. The windows whose vectors the store does not cache are encoded by a pool of actors, one
   encoder each on one CPU (ray_workers actors, or one per CPU the cluster offers, at most 8), in
   batches of embedding.BATCH windows sorted by length, as without Ray. (The encoder is ONNX Runtime on
   CPU; an actor per GPU needs its CUDA execution provider in embed/encoders.py: not done yet.)

The driver writes the generation as it always does: store, FAISS or Milvus, manifest, checksums, one
atomic publish; the generation served is untouched until then. A task or an actor that dies (a node
lost, a worker killed) is retried by Ray; vectors are written by the hash of their text (INSERT OR
REPLACE), so a batch done twice is stored once, and one never done fails the ingest before anything is
published. Files must be readable at the same path on every node (a shared file system) for a remote
cluster, and qabot installed there, with the same model package.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from ..config import Settings
from ..errors import ConfigError, UnreadableFile
from ..parse import content_hash, parse_bytes, read_bytes
from ..parse.catalog import Catalog
from .reading import Source, display_path, doc_id_for

MAX_ACTORS = 8
FAILURES = (UnreadableFile, RecursionError, ValueError, LookupError, ArithmeticError, TypeError)  # as run.py


def _ray():
    try:
        import ray
        import ray.data
    except ImportError:
        raise ConfigError("--ray needs Ray: pip install 'qabot[distributed]'.") from None
    return ray


@contextmanager
def runtime(settings: Settings):
    """Ray for the length of an ingest (nothing when ray_address is empty): started or joined here,
    shut down after only if it was started here."""
    if not settings.ray_address:
        yield
        return
    ray = _ray()
    started = not ray.is_initialized()
    if started:
        connect(settings.ray_address)
    try:
        yield
    finally:
        if started:
            ray.shutdown()


def connect(address: str) -> None:
    """Start (local) or join (auto, ray://) a Ray cluster, quietly."""
    ray = _ray()
    if ray.is_initialized():
        return
    if address not in ("local", "auto") and not address.startswith("ray://"):
        raise ConfigError(f"ray_address must be local, auto or ray://host:10001, not {address!r}.")
    options = {"include_dashboard": False} if address == "local" else {}
    try:
        with warnings.catch_warnings():  # Ray Client warns on a timeout before it raises: one line is said below
            warnings.simplefilter("ignore")
            ray.init(address=address, log_to_driver=False, logging_level=logging.ERROR, **options)
    except Exception as exc:  # Ray raises a bare Exception when its node times out during startup
        ray.shutdown()  # whatever the failed start left running (a half-started node, a half-open client)
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        where = "start a Ray runtime on this machine" if address == "local" else f"reach the Ray cluster at {address}"
        raise ConfigError(f"Cannot {where}: {reason}") from None
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False


def parse_early(sources: list[Source], settings: Settings, known: dict, by_source: dict[str, list[str]],
                taken: dict[str, str]) -> dict[tuple[str, str, str], list]:
    """The files' parsed documents, parsed on the cluster: {(name, document id, content hash): documents}.
    Files whose hash is the stored one (unchanged) are read and hashed there but not parsed."""
    items = []
    taken = dict(taken)
    for source in sources:
        name = display_path(source.path)
        existing = by_source.get(name, [])
        doc_id = existing[0] if len(existing) == 1 else doc_id_for(source.path, name, taken)
        taken[doc_id] = name
        entry = source.catalog.entry_for(source.path, doc_id)
        items.append({"path": str(source.path), "name": name, "doc_id": doc_id,
                      "fingerprint": Catalog.fingerprint(entry), "max_bytes": settings.max_file_bytes,
                      "stored": [known[d][0] for d in existing]})
    if not items:
        return {}
    ray = _ray()
    connect(settings.ray_address)
    dataset = ray.data.from_items(items).map(_parse_one)
    out = {}
    for row in dataset.iter_rows():
        if row["parsed"]:
            out[(row["name"], row["doc_id"], row["digest"])] = list(row["docs"])
    return out


def _parse_one(item: dict) -> dict:
    """One file, on a Ray worker: read, hash, parse unless unchanged; failures are left to the driver."""
    row = {"name": item["name"], "doc_id": item["doc_id"], "digest": "", "parsed": False, "docs": None}
    try:
        data = read_bytes(Path(item["path"]), item["max_bytes"])
        row["digest"] = content_hash(data, item["fingerprint"])
        if item["stored"] and all(d == row["digest"] for d in item["stored"]):
            return row
        # Ray carries the documents back with its own serialisation (qabot itself never unpickles)
        row["docs"] = parse_bytes(data, Path(item["path"]), item["doc_id"], item["name"])
        row["parsed"] = True
    except FAILURES:
        pass
    return row


class _Encoder:
    """One encoder on a Ray actor (the same export and threads per CPU it was given)."""

    def __init__(self, model: str, encoder: str, models_root: str, threads: int):
        from ..embed import encoders as embed

        export = embed.ensure_export(Path(models_root), model, encoder)
        self.encoder = embed.OnnxEncoder(export, threads=threads, spin=False)

    def __call__(self, batch: dict) -> dict:
        vectors = self.encoder.encode([str(t) for t in batch["text"]])
        return {"key": batch["key"], "vector": np.asarray(vectors, dtype=np.float32)}


def actors(settings: Settings) -> int:
    """How many encoder actors: ray_workers, or one per CPU the cluster offers (at most MAX_ACTORS)."""
    resources = _ray().cluster_resources()
    return settings.ray_workers or min(MAX_ACTORS, max(1, int(resources.get("CPU", 1))))


def encoded(items: list[tuple[str, str]], settings: Settings, encoder: str, models_root: Path,
            batch: int) -> Iterator[tuple[list[str], np.ndarray]]:
    """(keys, vectors) for the (key, text) items, encoded by the actor pool, batch by batch as they come."""
    ray = _ray()
    connect(settings.ray_address)
    count = actors(settings)
    dataset = ray.data.from_items([{"key": key, "text": text} for key, text in items], override_num_blocks=max(
        1, min(len(items) // batch + 1, count * 4)))
    mapped = dataset.map_batches(
        _Encoder, fn_constructor_kwargs={"model": settings.model, "encoder": encoder,
                                         "models_root": str(models_root), "threads": 1},
        batch_size=batch, batch_format="numpy", compute=ray.data.ActorPoolStrategy(size=count), num_cpus=1)
    for out in mapped.iter_batches(batch_size=None, batch_format="numpy"):
        yield [str(k) for k in out["key"]], np.asarray(out["vector"], dtype=np.float32)
