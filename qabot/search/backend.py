"""Where a search finds its candidates: FAISS and FTS5 (the default) or Milvus (index/milvus.py).

Both give the Searcher the same three things: the dense neighbours of a question (paragraph id, best
window cosine), the exact cosine of chosen paragraphs, and the paragraphs that lexical search gathers.
Lexical *scoring* is qabot's own weighted BM25 over the stems SQLite stores (lexical.py) with either
backend, so fusion sees one scale: Milvus's BM25 (its analyser, unweighted) only decides which
paragraphs are gathered, as FTS5's bm25() does for the default backend.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from ..config import Settings
from ..errors import IndexRefused
from ..index.manifest import Manifest, check
from ..index.vectors import VectorIndex
from ..store.database import Store
from .lexical import Lexical


GATHER_THREADS = 2  # threads that gather ahead for the questions answered at once (the Slack bot's workers)


class _Later:
    """A call made when its result is asked for (the shape of a future, for a backend that gathers in line)."""

    def __init__(self, call):
        self._call = call

    def result(self):
        return self._call()


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
        self._pool = None
        self._starting = threading.Lock()
        self._closed = False

    def dense(self, vector: np.ndarray, limit: int, scope: list[str] | None) -> list[tuple[int, float]]:
        if scope is not None:
            allowed = self.store.paragraph_ids_in(scope)
            return self.vectors.search(vector, limit, within=allowed) if allowed else []
        return self.vectors.search(vector, limit)

    def scores_for(self, vector: np.ndarray, paragraph_ids) -> dict[int, float]:
        return self.vectors.scores_for(vector, paragraph_ids)

    def gather(self, stems: list[str], limit: int, scope: list[str] | None) -> list[int]:
        return self.lexical.candidates(stems, limit, scope)

    def gather_soon(self, stems: list[str], limit: int, scope: list[str] | None):
        """gather() started on a thread (FTS5 runs outside the GIL, on the thread's own connection to the
        read-only store) while the caller encodes the question; `.result()` gives its ids. On 2 cores a
        SciFact question's gathering (about 3 ms) then costs next to nothing of its time."""
        with self._starting:
            if self._closed:  # (an answer still under way on a generation being retired: gathered in line)
                return _Later(lambda: self.gather(stems, limit, scope))
            if self._pool is None:
                from concurrent.futures import ThreadPoolExecutor

                self._pool = ThreadPoolExecutor(GATHER_THREADS, thread_name_prefix="qabot-gather")
            return self._pool.submit(self.gather, stems, limit, scope)

    def close(self) -> None:
        """Lets the gathering threads go once their work is done; an answer under way goes on in line."""
        with self._starting:
            self._closed = True
            if self._pool is not None:
                self._pool.shutdown(wait=False)


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

    def gather_soon(self, stems: list[str], limit: int, scope: list[str] | None):
        """gather(), when its result is asked for (Milvus Lite's client stays on the caller's thread)."""
        return _Later(lambda: self.gather(stems, limit, scope))

    def close(self) -> None:
        self.vectors.close()
