"""Where a search finds its candidates: FAISS and FTS5 (the default) or Milvus (index/milvus.py).

Both give the Searcher the same three things: the dense neighbours of a question (paragraph id, best
window cosine), the exact cosine of chosen paragraphs, and the paragraphs that lexical search gathers.
Lexical *scoring* is qabot's own weighted BM25 over the stems SQLite stores (lexical.py) with either
backend, so fusion sees one scale: Milvus's BM25 (its analyser, unweighted) only decides which
paragraphs are gathered, as FTS5's bm25() does for the default backend.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..config import Settings
from ..errors import IndexRefused
from ..index.manifest import Manifest, check
from ..index.vectors import VectorIndex
from ..store.database import Store
from .lexical import Lexical


def open_backend(settings: Settings, path: Path, manifest: Manifest, store: Store, lexical: Lexical):
    """The backend the settings name, for the generation in `path`."""
    if settings.backend == "milvus":
        return MilvusBackend(settings, path, manifest, store, lexical)
    return FaissBackend(settings, path, manifest, store, lexical)


class FaissBackend:
    """The generation's FAISS index (vectors.py) and SQLite's FTS5."""

    def __init__(self, settings: Settings, path: Path, manifest: Manifest, store: Store, lexical: Lexical):
        self.vectors = VectorIndex.load(path, mapped=True)
        # a store whose hash is the manifest's (verified before a generation is served: generations.py) holds
        # the paragraphs the manifest counted when it was sealed; counting them again read the whole table
        # (40 ms of a cold ask at 1M paragraphs); a store without a recorded hash is counted
        paragraphs = manifest.paragraphs if manifest.store_sha256 else store.counts()["paragraphs"]
        check(path, manifest, self.vectors, paragraphs, model=settings.model)
        self.store = store
        self.lexical = lexical

    def dense(self, vector: np.ndarray, limit: int, scope: list[str] | None) -> list[tuple[int, float]]:
        if scope is not None:
            allowed = self.store.paragraph_ids_in(scope)
            return self.vectors.search(vector, limit, within=allowed) if allowed else []
        return self.vectors.search(vector, limit)

    def scores_for(self, vector: np.ndarray, paragraph_ids) -> dict[int, float]:
        return self.vectors.scores_for(vector, paragraph_ids)

    def gather(self, stems: list[str], limit: int, scope: list[str] | None) -> list[int]:
        return self.lexical.candidates(stems, limit, scope)

    def close(self) -> None:
        pass


class MilvusBackend:
    """The generation's Milvus collection: HNSW for the dense side, Milvus's BM25 to gather."""

    def __init__(self, settings: Settings, path: Path, manifest: Manifest, store: Store, lexical: Lexical):
        from ..index.milvus import MilvusVectors

        if manifest.model != settings.model:
            raise IndexRefused(f"The index in {path} was built with model {manifest.model}, but qabot is set to use "
                               f"{settings.model}; rebuild it with `qabot ingest` or set model = \"{manifest.model}\".")
        self.vectors = MilvusVectors(settings.milvus_uri, settings.milvus_collection, path.name, manifest.vectors)
        self.lexical = lexical

    def dense(self, vector: np.ndarray, limit: int, scope: list[str] | None) -> list[tuple[int, float]]:
        return self.vectors.search(vector, limit, docs=scope)

    def scores_for(self, vector: np.ndarray, paragraph_ids) -> dict[int, float]:
        return self.vectors.scores_for(vector, paragraph_ids)

    def gather(self, stems: list[str], limit: int, scope: list[str] | None) -> list[int]:
        return self.vectors.lexical(stems, limit, docs=scope)

    def close(self) -> None:
        self.vectors.close()
