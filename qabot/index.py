"""The vector index of a generation: a FAISS file, the id -> paragraph map, and the manifest.

    vectors.faiss     faiss.write_index of an IndexIDMap2 (ids = vectors.id in the store)
    vectors.map.npy   int64 [n, 2]: vector id, paragraph id (sorted by vector id)
    manifest.json     model, encoder, dimension, counts, store schema, build time, sizes and hashes

Loading checks the three against each other and against the store; any disagreement refuses the
index with one sentence, because garbage results are worse than none.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from .errors import IndexRefused

FAISS_FILE = "vectors.faiss"
MAP_FILE = "vectors.map.npy"
MANIFEST_FILE = "manifest.json"
MANIFEST_FORMAT = 1


@dataclass
class Manifest:
    model: str
    encoder: str
    dimension: int
    vectors: int
    paragraphs: int
    documents: int
    schema: str
    index_type: str
    built_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    store_bytes: int = 0
    store_sha256: str = ""
    faiss_sha256: str = ""
    model_fingerprint: str = ""
    vocabulary: int = 0  # corpus words embedded for query expansion
    avg_text_stems: float = 0.0  # mean stems per paragraph text (BM25 length normalisation)
    avg_context_stems: float = 0.0
    format: int = MANIFEST_FORMAT

    def write(self, folder: Path) -> None:
        (folder / MANIFEST_FILE).write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            known = cls.__dataclass_fields__
            return cls(**{k: v for k, v in data.items() if k in known})
        except FileNotFoundError:
            raise IndexRefused(f"The index in {folder} has no manifest; rebuild it with `qabot ingest`.") from None
        except (ValueError, TypeError) as exc:
            raise IndexRefused(f"The manifest {path} is unreadable ({exc}); rebuild with `qabot ingest`.") from None


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def choose_index_type(count: int) -> str:
    """Exact search while it is fast enough; see docs/scaling.md for the rule and its numbers."""
    return "flat"


class VectorIndex:
    """FAISS with ids, plus the map from vector ids to paragraph ids."""

    def __init__(self, index, id_map: np.ndarray):
        self.index = index
        self.id_map = id_map  # [n, 2] sorted by vector id

    # ------------------------------------------------------------ build and change
    @classmethod
    def empty(cls, dimension: int, index_type: str = "flat") -> VectorIndex:
        import faiss

        if index_type != "flat":
            raise ValueError(f"unknown index type {index_type}")
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dimension)), np.zeros((0, 2), dtype=np.int64))

    def add(self, vector_ids: np.ndarray, paragraph_ids: np.ndarray, vectors: np.ndarray) -> None:
        if len(vector_ids) == 0:
            return
        self.index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                                np.ascontiguousarray(vector_ids, dtype=np.int64))
        pairs = np.stack([vector_ids, paragraph_ids], axis=1).astype(np.int64)
        merged = np.vstack([self.id_map, pairs])
        self.id_map = merged[np.argsort(merged[:, 0], kind="stable")]

    def remove(self, vector_ids: np.ndarray) -> None:
        if len(vector_ids) == 0:
            return
        import faiss

        self.index.remove_ids(faiss.IDSelectorBatch(np.ascontiguousarray(vector_ids, dtype=np.int64)))
        keep = ~np.isin(self.id_map[:, 0], vector_ids)
        self.id_map = self.id_map[keep]

    @property
    def count(self) -> int:
        return int(self.index.ntotal)

    @property
    def dimension(self) -> int:
        return int(self.index.d)

    # ------------------------------------------------------------ files
    def save(self, folder: Path) -> None:
        import faiss

        faiss.write_index(self.index, str(folder / FAISS_FILE))
        np.save(folder / MAP_FILE, self.id_map, allow_pickle=False)

    @classmethod
    def load(cls, folder: Path) -> VectorIndex:
        import faiss

        path = folder / FAISS_FILE
        if not path.is_file():
            raise IndexRefused(f"The index in {folder} has no {FAISS_FILE}; rebuild it with `qabot ingest`.")
        try:
            index = faiss.read_index(str(path))
        except RuntimeError as exc:
            first = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else "unreadable"
            raise IndexRefused(f"The vector index {path} is damaged ({first}); rebuild with `qabot ingest`.") from None
        try:
            id_map = np.load(folder / MAP_FILE, allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise IndexRefused(f"The vector map in {folder} is unreadable ({exc}); rebuild with `qabot ingest`.") from None
        if id_map.ndim != 2 or id_map.shape[1] != 2 or len(id_map) != index.ntotal:
            raise IndexRefused(f"The vector map in {folder} does not match its FAISS index; rebuild with `qabot ingest`.")
        return cls(index, id_map)

    # ------------------------------------------------------------ search
    def scores_for(self, query: np.ndarray, paragraph_ids: list[int]) -> dict[int, float]:
        """Exact best-window cosine for chosen paragraphs (those a search did not reach)."""
        if not paragraph_ids or self.count == 0:
            return {}
        wanted = np.isin(self.id_map[:, 1], np.asarray(paragraph_ids, dtype=np.int64))
        rows = self.id_map[wanted]
        if len(rows) == 0:
            return {}
        vectors = np.vstack([self.index.reconstruct(int(vid)) for vid in rows[:, 0]])
        sims = vectors @ np.asarray(query, dtype=np.float32).reshape(-1)
        best: dict[int, float] = {}
        for pid, score in zip(rows[:, 1], sims):
            pid = int(pid)
            if score > best.get(pid, -2.0):
                best[pid] = float(score)
        return best

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(paragraph id, best window score), best first, at most k paragraphs."""
        if self.count == 0:
            return []
        fetch = min(self.count, max(k * 3, k + 8))
        scores, ids = self.index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), fetch)
        rows = np.searchsorted(self.id_map[:, 0], ids[0])
        best: dict[int, float] = {}
        for row, vid, score in zip(rows, ids[0], scores[0]):
            if vid < 0 or row >= len(self.id_map) or self.id_map[row, 0] != vid:
                continue
            pid = int(self.id_map[row, 1])
            if pid not in best:
                best[pid] = float(score)
        return sorted(best.items(), key=lambda kv: -kv[1])[:k]


def check(folder: Path, manifest: Manifest, vectors: VectorIndex, store_paragraphs: int,
          model: str | None = None) -> None:
    """Refuse an index whose parts disagree (cheap checks, done at every load)."""
    if model is not None and manifest.model != model:
        raise IndexRefused(f"The index in {folder} was built with model {manifest.model}, but qabot is set to use "
                           f"{model}; rebuild it with `qabot ingest` or set model = \"{manifest.model}\".")
    if vectors.dimension != manifest.dimension:
        raise IndexRefused(f"The vector index in {folder} has dimension {vectors.dimension}, its manifest says "
                           f"{manifest.dimension}; rebuild it with `qabot ingest`.")
    if vectors.count != manifest.vectors:
        raise IndexRefused(f"The vector index in {folder} holds {vectors.count} vectors, its manifest says "
                           f"{manifest.vectors}; it is damaged: rebuild it with `qabot ingest`.")
    if store_paragraphs != manifest.paragraphs:
        raise IndexRefused(f"The store in {folder} holds {store_paragraphs} paragraphs, the manifest says "
                           f"{manifest.paragraphs}; store and vectors disagree: rebuild with `qabot ingest`.")
    store = folder / "store.sqlite"
    if manifest.store_bytes and store.stat().st_size != manifest.store_bytes:
        raise IndexRefused(f"The store in {folder} is {store.stat().st_size} bytes, the manifest says "
                           f"{manifest.store_bytes}; it was changed or truncated: rebuild with `qabot ingest`.")
