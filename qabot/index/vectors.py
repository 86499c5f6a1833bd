"""The vector index of a generation: a FAISS file and the id -> paragraph map (the manifest, and the
checks of the parts against each other, are manifest.py).

    vectors.faiss     faiss.write_index (ids = vectors.id in the store) of IndexIDMap2(IndexFlatIP)
                      ("flat": exact), of IndexIVFFlat with a direct map ("ivf": inverted lists,
                      approximate; the map written as an array indexed by vector id, see below), or
                      of IndexIDMap2(IndexHNSWFlat) ("hnsw": a graph, still loaded and searched, no
                      longer built)
    vectors.map.npy   int64 [n, 2]: vector id, paragraph id of the live vectors (sorted by vector id)
    vectors.dead.npy  int64 [m]: vector ids still in an HNSW graph but removed (tombstones; "hnsw" only)

Which index: exact search up to `index_threshold` vectors (a setting), IVF-Flat above it; an
approximate index goes back to exact below half the threshold (so an index near the line does not
flip at every ingest), and an HNSW index of an older qabot becomes IVF at the next ingest that
changes it. docs/scaling.md section 2 has the rule's numbers.

IVF-Flat: about 4 x sqrt(N) lists (ivf_lists), centroids from k-means on a sample of the vectors;
a question scans the IVF_NPROBE lists nearest to it (more when the index has shrunk since it was
trained, so as to scan the same share of its vectors: VectorIndex.nprobe). New vectors join the trained lists (no
retraining); the lists are retrained (the index rebuilt from its vectors) once the live vectors are
more than RETRAIN_GROWTH times, or less than 1/RETRAIN_GROWTH of, the number they were trained on.
IVF deletes natively. An HNSW graph cannot delete, so removed vectors become tombstones, skipped at
search; past DEAD_FRACTION of the graph it is rebuilt from the live ones. A NaN or infinite vector is
never added.

Served, the index is memory-mapped (VectorIndex.load(mapped=True)): opening reads the IVF centroids and
the lists' sizes, not the 1.5 GB of lists of a 1M-paragraph index, and the pages a question touches are
read then (and shared by processes serving the same generation). A mapped index is read-only; an ingest
loads the index it changes into memory.

The IVF direct map (vector id -> its list and place in it, which looking vectors up by id needs) is a
hashtable while an ingest adds and removes, but is written as FAISS's array map indexed by vector id
(-1 where no vector has that id): reading a hashtable map rebuilt it entry by entry, 88 ms of a cold ask
at 1M vectors, where an array is one read. FAISS itself writes an array map only for ids 0..n-1; qabot's
ids are the store's (never reused), so the array is filled (direct_map.py), for ids no sparser
than ARRAY_MAP_SPREAD (else the hashtable is written, as before). A file with a hashtable map (an older
qabot's) is read as before; loading either into memory for an ingest makes the map a hashtable again.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np

from .direct_map import ARRAY_MAP_SPREAD, write_ivf  # noqa: F401 (ARRAY_MAP_SPREAD: public)
from ..errors import BadVector, IndexRefused
from .manifest import DEAD_FILE, FAISS_FILE, MAP_FILE
from .manifest import Manifest, check, sha256_file  # noqa: F401 (where they were before manifest.py)

# HNSW parameters, measured by benchmarks/scale.py (docs/scaling.md)
HNSW_M = 32  # neighbours per node: 32 x 2 x 4 bytes of links per vector on the bottom layer
HNSW_EF_CONSTRUCTION = 80
# candidates kept while searching (at least the number of results asked): on vectors drawn near real
# ones, recall@10 0.86 at 96, 0.95 at 256, 0.97 at 512 (100k vectors, p50 1.7 ms): docs/scaling.md
HNSW_EF_SEARCH = 512
DEAD_FRACTION = 0.2  # tombstones past this share of an HNSW graph: rebuild it from the live vectors

# IVF-Flat parameters, measured by benchmarks/scale.py (docs/scaling.md section 2)
IVF_LISTS_PER_ROOT = 4  # lists = 4 x sqrt(N): 1,265 at 100k, 4,000 at 1M vectors
IVF_MIN_LIST = 8  # ...but at least 8 vectors a list on average (only tiny indexes are bounded by this)
IVF_TRAIN_PER_LIST = 40  # k-means sample: 40 vectors a list (faiss's own floor is 39), so 160k at 1M
# lists scanned per question, measured on qabot's VectorIndex over vectors drawn near 9,955 real SciFact
# windows (docs/scaling.md): recall@10 at 32 / 64 / 128 lists 0.949 / 0.980 / 0.990 at 100k (1,265
# lists, p50 1.0 / 1.6 / 2.6 ms), 0.978 / 0.993 / 0.997 at 1M (4,000 lists, p50 3.3 / 5.0 / 8.5 ms):
# 64 keeps 0.95 with a margin at both sizes, well within the 30 ms budget. That is for an index whose
# lists suit its size; one that has shrunk since it was trained has more lists than ivf_lists(count)
# (up to 2x, just above a quarter of the trained count), each holding fewer vectors, so nprobe is
# scaled by lists / ivf_lists(count) to scan the same share of the vectors (VectorIndex.nprobe)
IVF_NPROBE = 64
RETRAIN_GROWTH = 4  # retrain when the live vectors pass 4x (or fall below 1/4 of) the trained count
EXACT_SCOPE = 20000  # a search restricted to at most this many vectors is computed exactly
ORDER_ON_A_THREAD = 100_000  # a served index of this many vectors sorts its map by paragraph on a thread


def search_threads() -> int:
    """Threads FAISS uses for one question: one. A single query gains nothing from more, and on a
    busy machine OpenMP's hand-offs cost more than the search (flat, 20k vectors: 4 ms on one
    thread, 28 ms on two while others run). Building and rebuilding use every core."""
    return 1


def _threads(count: int) -> None:
    import faiss

    faiss.omp_set_num_threads(count)


def _available_cores() -> int:
    """The cores this process may run on (its affinity: a container or `taskset` may allow fewer than
    the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


_BUILD_THREADS = _available_cores()


def _map_flags(path: Path) -> int:
    """faiss.read_index's flags to map `path`: IVF lists as read-only on-disk lists (IO_FLAG_MMAP), the
    vectors of a flat (or HNSW) index as a mapped array (IO_FLAG_MMAP_IFC; the two cannot be combined).
    An IVF-Flat file begins with "IwFl"."""
    import faiss

    with open(path, "rb") as fh:
        kind = fh.read(4)
    return faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY if kind == b"IwFl" else faiss.IO_FLAG_MMAP_IFC


def choose_index_type(count: int, threshold: int, current: str | None = None) -> str:
    """Exact search while it is fast enough (docs/scaling.md): "flat" up to `threshold` vectors, "ivf"
    above; an index that is already approximate ("ivf", or an older "hnsw", which becomes "ivf") stays
    approximate until it falls below half the threshold."""
    if current in ("ivf", "hnsw") and count >= max(1, threshold // 2):
        return "ivf"
    return "ivf" if count > threshold else "flat"


def ivf_lists(count: int) -> int:
    """Inverted lists for an IVF index of `count` vectors: 4 x sqrt(N), at least IVF_MIN_LIST a list."""
    return max(1, min(round(IVF_LISTS_PER_ROOT * count ** 0.5), count // IVF_MIN_LIST))


def _trained_ivf(sample: np.ndarray, lists: int):
    """An empty IVF-Flat index whose `lists` centroids are spherical k-means of `sample`; its ids are
    qabot's vector ids, kept in a hashtable so that vectors can be reconstructed and removed by id."""
    import faiss

    dimension = sample.shape[1]
    ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(dimension), dimension, lists, faiss.METRIC_INNER_PRODUCT)
    ivf.cp.spherical = True  # the vectors are unit length: so are the centroids
    ivf.cp.min_points_per_centroid = 1  # no warning on stderr for a small index (the sample is the bound)
    ivf.cp.max_points_per_centroid = IVF_TRAIN_PER_LIST
    ivf.cp.seed = 1234
    _threads(_BUILD_THREADS)
    ivf.train(np.ascontiguousarray(sample, dtype=np.float32))
    ivf.set_direct_map_type(faiss.DirectMap.Hashtable)
    ivf.nprobe = IVF_NPROBE
    return ivf


def _empty_faiss(dimension: int, index_type: str):
    import faiss

    if index_type == "flat":
        return faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
    if index_type == "ivf":
        raise ValueError("an IVF index is trained on its vectors: build it with VectorIndex.rebuilt")
    if index_type == "hnsw":
        graph = faiss.IndexHNSWFlat(dimension, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        graph.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        graph.hnsw.efSearch = HNSW_EF_SEARCH
        return faiss.IndexIDMap2(graph)
    raise ValueError(f"unknown index type {index_type}")


class VectorIndex:
    """FAISS with ids, plus the map from vector ids to paragraph ids (and, for HNSW, the tombstones)."""

    def __init__(self, index, id_map: np.ndarray, dead: np.ndarray | None = None, trained: int = 0,
                 mapped: bool = False):
        self.index = index
        self.mapped = mapped  # memory-mapped from a published generation: read-only
        self.id_map = id_map  # [n, 2] sorted by vector id: the live vectors
        self.dead = np.zeros(0, dtype=np.int64) if dead is None else dead  # sorted vector ids
        # "ivf": the vectors its lists were trained on (the manifest's trained_vectors; 0 if unknown)
        self.trained = trained
        # (rows of id_map in paragraph order, their paragraph ids): made when first needed, or for a mapped
        # (served) index on a thread started at load (a sort of 1M ids: 35 ms, the GIL released)
        self._by_paragraph: tuple[np.ndarray, np.ndarray] | None = None
        self._ordering: threading.Thread | None = None
        if mapped and len(id_map) >= ORDER_ON_A_THREAD:
            self._ordering = threading.Thread(target=self._paragraph_order, name="qabot-vector-order", daemon=True)
            self._ordering.start()
        self._skip = None  # the faiss selector of the tombstones, made when needed
        self.array_map = False  # save() wrote the IVF direct map as an array (module docstring)

    # ------------------------------------------------------------ build and change
    @classmethod
    def empty(cls, dimension: int, index_type: str = "flat") -> VectorIndex:
        """An empty index to add to: "flat" (an "ivf" index is made by rebuilt(), which trains it)."""
        return cls(_empty_faiss(dimension, index_type), np.zeros((0, 2), dtype=np.int64))

    @property
    def index_type(self) -> str:
        """"flat" (IndexIDMap2 of IndexFlatIP), "ivf" (IndexIVFFlat) or "hnsw" (IndexIDMap2 of
        IndexHNSWFlat): the indexes qabot builds or built; anything else is "unknown" (refused by check)."""
        import faiss

        index = self.index
        if type(index) is faiss.IndexIVFFlat:
            return "ivf"
        if type(index) is faiss.IndexIDMap2:
            inner = faiss.downcast_index(index.index)
            if isinstance(inner, faiss.IndexFlat) and inner.metric_type == faiss.METRIC_INNER_PRODUCT:
                return "flat"
            if type(inner) is faiss.IndexHNSWFlat:
                return "hnsw"
        return "unknown"

    def describe(self) -> str:
        """The FAISS classes of the index, for messages: "IndexIDMap2 of IndexIVFFlat"."""
        import faiss

        name = type(self.index).__name__
        if isinstance(self.index, (faiss.IndexIDMap, faiss.IndexIDMap2)):
            name += f" of {type(faiss.downcast_index(self.index.index)).__name__}"
        return name

    @property
    def lists(self) -> int:
        """Inverted lists of an "ivf" index (0 for the others)."""
        return int(self.index.nlist) if self.index_type == "ivf" else 0

    def add(self, vector_ids: np.ndarray, paragraph_ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors (unit length, finite). A NaN or infinite vector is refused before anything is
        added: FAISS would count it but IVF cannot place it in a list, so it would be lost, and looking
        it up or removing it later fails (or crashes)."""
        if len(vector_ids) == 0:
            return
        self._writable()
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        finite = np.isfinite(vectors).all(axis=1)
        if not finite.all():
            row = int(np.argmin(finite))
            raise BadVector(f"The vector {int(vector_ids[row])} of paragraph {int(paragraph_ids[row])} is not finite "
                            f"(NaN or infinity), so FAISS cannot index it; nothing was added: embed that paragraph "
                            f"again (is the encoder broken?).")
        _threads(_BUILD_THREADS)
        self.index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                                np.ascontiguousarray(vector_ids, dtype=np.int64))
        pairs = np.stack([vector_ids, paragraph_ids], axis=1).astype(np.int64)
        merged = np.vstack([self.id_map, pairs])
        self.id_map = merged[np.argsort(merged[:, 0], kind="stable")]
        self._by_paragraph = None

    def remove(self, vector_ids: np.ndarray) -> None:
        """Drop vectors: from a flat or IVF index at once; from an HNSW graph, which cannot delete, as
        tombstones."""
        vector_ids = np.asarray(vector_ids, dtype=np.int64)
        if len(vector_ids) == 0:
            return
        self._writable()
        import faiss

        vector_ids = vector_ids[np.isin(vector_ids, self.id_map[:, 0])]
        if self.index_type == "hnsw":
            self.dead = np.union1d(self.dead, vector_ids)
            self._skip = None
        elif self.index_type == "ivf":  # the hashtable direct map removes an array of ids only
            self.index.remove_ids(faiss.IDSelectorArray(np.ascontiguousarray(vector_ids)))
        else:
            self.index.remove_ids(faiss.IDSelectorBatch(np.ascontiguousarray(vector_ids)))
        self.id_map = self.id_map[~np.isin(self.id_map[:, 0], vector_ids)]
        self._by_paragraph = None

    def _writable(self) -> None:
        """A mapped index is never changed: FAISS would abort the process (a mapped flat index) or fail
        (mapped IVF lists), and the file is a published generation's."""
        if self.mapped:
            raise ValueError("a memory-mapped index is read-only: load it with mapped=False to change it")

    def needs_rebuild(self) -> bool:
        """An HNSW graph past DEAD_FRACTION tombstones, or IVF lists trained for a very different size
        (more than RETRAIN_GROWTH times, or less than 1/RETRAIN_GROWTH of, the vectors now live)."""
        if self.index_type == "ivf":
            trained = self.trained or (self.lists / IVF_LISTS_PER_ROOT) ** 2  # unknown: what the lists suit
            return self.count > RETRAIN_GROWTH * trained or self.count * RETRAIN_GROWTH < trained
        return self.index.ntotal > 0 and len(self.dead) > DEAD_FRACTION * self.index.ntotal

    def rebuilt(self, index_type: str) -> VectorIndex:
        """A new index of `index_type` holding the live vectors only (their stored values, exactly);
        an "ivf" one is trained on a sample of them first."""
        if index_type == "ivf":
            lists = ivf_lists(self.count)
            take = min(self.count, lists * IVF_TRAIN_PER_LIST)
            rows = np.sort(np.random.default_rng(0).choice(self.count, take, replace=False))
            sample = self.index.reconstruct_batch(np.ascontiguousarray(self.id_map[rows, 0]))
            fresh = VectorIndex(_trained_ivf(sample, lists), np.zeros((0, 2), dtype=np.int64), trained=self.count)
            del sample
        else:
            fresh = VectorIndex(_empty_faiss(self.dimension, index_type), np.zeros((0, 2), dtype=np.int64))
        for start in range(0, len(self.id_map), 65536):
            rows = self.id_map[start:start + 65536]
            fresh.add(rows[:, 0], rows[:, 1], self.index.reconstruct_batch(np.ascontiguousarray(rows[:, 0])))
        return fresh

    @property
    def count(self) -> int:
        """Live vectors (tombstones not counted)."""
        return len(self.id_map)

    @property
    def dimension(self) -> int:
        return int(self.index.d)

    # ------------------------------------------------------------ files
    def save(self, folder: Path) -> None:
        import faiss

        if self.index_type == "ivf":
            self.array_map = write_ivf(self.index, folder / FAISS_FILE)
        else:
            faiss.write_index(self.index, str(folder / FAISS_FILE))
            self.array_map = False
        np.save(folder / MAP_FILE, self.id_map, allow_pickle=False)
        if len(self.dead):
            np.save(folder / DEAD_FILE, self.dead, allow_pickle=False)

    @classmethod
    def load(cls, folder: Path, mapped: bool = False) -> VectorIndex:
        """The index of `folder`; mapped: memory-mapped, read-only (for serving: module docstring)."""
        import faiss

        path = folder / FAISS_FILE
        if not path.is_file():
            raise IndexRefused(f"The index in {folder} has no {FAISS_FILE}; rebuild it with `qabot ingest`.")
        try:
            index = faiss.read_index(str(path), _map_flags(path) if mapped else 0)
        except RuntimeError as exc:
            first = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else "unreadable"
            raise IndexRefused(f"The vector index {path} is damaged ({first}); rebuild with `qabot ingest`.") from None
        try:
            id_map = np.load(folder / MAP_FILE, allow_pickle=False, mmap_mode="r" if mapped else None)
            id_map = id_map.view(np.ndarray)  # (np.memmap's indexing is slow, a plain view of it is not)
            dead = np.load(folder / DEAD_FILE, allow_pickle=False) if (folder / DEAD_FILE).is_file() else None
        except (OSError, ValueError) as exc:
            raise IndexRefused(f"The vector map in {folder} is unreadable ({exc}); rebuild with `qabot ingest`.") from None
        dead_count = 0 if dead is None else len(dead)
        if (id_map.ndim != 2 or id_map.shape[1] != 2 or len(id_map) + dead_count != index.ntotal
                or (dead is not None and dead.ndim != 1)):
            raise IndexRefused(f"The vector map in {folder} does not match its FAISS index; rebuild with `qabot ingest`.")
        if not mapped and type(index) is faiss.IndexIVFFlat and index.direct_map.type == faiss.DirectMap.Array:
            index.set_direct_map_type(faiss.DirectMap.Hashtable)  # to add and remove (module docstring)
        if mapped and type(index) is faiss.IndexIVFFlat:
            # on-disk lists are read ahead by 32 threads started for every search: 4x the time of the
            # search itself (2.3 against 0.5 ms at 100k); the pages a search reads are mapped anyway
            faiss.downcast_InvertedLists(index.invlists).prefetch_nthread = 0
        return cls(index, id_map, dead, mapped=mapped)

    # ------------------------------------------------------------ search
    def _rows_of(self, paragraph_ids) -> np.ndarray:
        """Rows of id_map holding the vectors of these paragraphs (a sorted lookup, not a scan)."""
        by_paragraph, sorted_pids = self._paragraph_order()
        # (sorted and distinct; not np.unique, whose first call imports numpy.ma: 8 ms of a cold ask)
        wanted = np.array(sorted({int(p) for p in paragraph_ids}), dtype=np.int64)
        lo = np.searchsorted(sorted_pids, wanted, "left")
        hi = np.searchsorted(sorted_pids, wanted, "right")
        sizes = hi - lo
        if sizes.sum() == 0:
            return np.zeros(0, dtype=np.int64)
        starts = np.repeat(lo - np.cumsum(sizes) + sizes, sizes)
        return by_paragraph[starts + np.arange(sizes.sum())]

    def _paragraph_order(self) -> tuple[np.ndarray, np.ndarray]:
        """(rows of id_map in paragraph order, their paragraph ids), made once: every question looks up
        the vectors of some paragraphs (scores_for), and gathering the sorted ids anew cost 2-15 ms a
        question at 1M vectors."""
        ordering = self._ordering
        if ordering is not None and ordering is not threading.current_thread():
            ordering.join()
        if self._by_paragraph is None:
            order = np.argsort(self.id_map[:, 1], kind="stable")
            self._by_paragraph = (order, self.id_map[order, 1])
        return self._by_paragraph

    def _best_by_paragraph(self, rows: np.ndarray, sims: np.ndarray) -> dict[int, float]:
        best: dict[int, float] = {}
        for pid, score in zip(self.id_map[rows, 1].tolist(), sims.tolist()):
            if score > best.get(pid, -2.0):
                best[pid] = float(score)
        return best

    def scores_for(self, query: np.ndarray, paragraph_ids) -> dict[int, float]:
        """Exact best-window cosine for chosen paragraphs (those a search did not reach)."""
        if paragraph_ids is None or len(paragraph_ids) == 0 or self.count == 0:
            return {}
        rows = self._rows_of(paragraph_ids)
        if len(rows) == 0:
            return {}
        vectors = self.index.reconstruct_batch(np.ascontiguousarray(self.id_map[rows, 0]))
        return self._best_by_paragraph(rows, vectors @ np.asarray(query, dtype=np.float32).reshape(-1))

    def search(self, query: np.ndarray, k: int, within=None) -> list[tuple[int, float]]:
        """(paragraph id, best window score), best first, at most k paragraphs; `within` (paragraph ids)
        restricts the search to those paragraphs, exactly when they hold at most EXACT_SCOPE vectors,
        otherwise with a FAISS selector (on IVF, scanning every list again if the first pass found
        fewer than k of the scope's paragraphs)."""
        if self.count == 0 or k <= 0:
            return []
        query = np.ascontiguousarray(np.asarray(query, dtype=np.float32).reshape(1, -1))
        selector, scope = None, 0
        if within is not None:
            rows = self._rows_of(within)
            scope = len(rows)
            if len(rows) <= EXACT_SCOPE:
                vectors = self.index.reconstruct_batch(np.ascontiguousarray(self.id_map[rows, 0]))
                best = self._best_by_paragraph(rows, vectors @ query[0])
                return sorted(best.items(), key=lambda kv: -kv[1])[:k]
            import faiss

            selector = faiss.IDSelectorBatch(np.ascontiguousarray(self.id_map[rows, 0]))
        fetch = min(self.count, max(k * 3, k + 8))
        best = self._collect(*self.faiss_search(query, fetch, selector, scope))
        if selector is not None and len(best) < k and self.index_type == "ivf" and self.nprobe(scope) < self.lists:
            # the lists scanned held fewer than k of the scope's paragraphs (a scope far from the
            # question): scan them all, which is exact
            best = self._collect(*self.faiss_search(query, fetch, selector, scope, nprobe=self.lists))
        return sorted(best.items(), key=lambda kv: -kv[1])[:k]

    def _collect(self, scores: np.ndarray, ids: np.ndarray) -> dict[int, float]:
        """The best score of each paragraph among FAISS's results (ids no longer live are skipped)."""
        rows = np.searchsorted(self.id_map[:, 0], ids[0])
        best: dict[int, float] = {}
        for row, vid, score in zip(rows, ids[0], scores[0]):
            if vid < 0 or row >= len(self.id_map) or self.id_map[row, 0] != vid:
                continue
            pid = int(self.id_map[row, 1])
            if pid not in best:
                best[pid] = float(score)
        return best

    def faiss_search(self, query: np.ndarray, fetch: int, selector=None, scope: int = 0,
                     nprobe: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """FAISS's own answer, (scores, vector ids) of shape [1, fetch], before search() maps the ids to
        paragraphs: what FAISS returns with qabot's parameters (HNSW tombstones skipped, the IVF lists
        to scan, `selector` the ids of a scope of `scope` vectors)."""
        query = np.ascontiguousarray(np.asarray(query, dtype=np.float32).reshape(1, -1))
        _threads(search_threads())
        return self.index.search(query, fetch, params=self._params(fetch, selector, scope, nprobe))

    def nprobe(self, scope: int = 0) -> int:
        """IVF lists a question scans: IVF_NPROBE, times lists / ivf_lists(count) when the index has more
        lists than its size calls for (it shrank since it was trained), rounded up; for a scope of
        `scope` vectors (a share f of the index), about sqrt(1/f) times more, because the scope's
        nearest vectors are further away. Never more than the lists (0 for a flat or HNSW index)."""
        if self.index_type != "ivf":
            return 0
        lists = self.lists
        nprobe = int(np.ceil(IVF_NPROBE * max(1.0, lists / ivf_lists(max(1, self.count)))))
        if scope:
            nprobe *= int(np.ceil(np.sqrt(self.count / max(1, scope))))
        return min(lists, nprobe)

    def _params(self, fetch: int, selector, scope: int = 0, nprobe: int | None = None):
        """Search parameters: HNSW's breadth (never below the results asked for), the IVF lists to scan,
        and which ids to skip."""
        import faiss

        if self.index_type == "ivf":
            nprobe = nprobe or self.nprobe(scope if selector is not None else 0)
            params = faiss.SearchParametersIVF(nprobe=min(self.lists, nprobe))
            if selector is not None:
                params.sel = selector
            return params
        if self.index_type != "hnsw":
            return faiss.SearchParameters(sel=selector) if selector is not None else None
        if selector is None and len(self.dead):
            if self._skip is None:  # keep both: the Not selector does not own the one it wraps
                dead = faiss.IDSelectorBatch(np.ascontiguousarray(self.dead))
                self._skip = (dead, faiss.IDSelectorNot(dead))
            selector = self._skip[1]
        params = faiss.SearchParametersHNSW(efSearch=max(HNSW_EF_SEARCH, fetch))
        if selector is not None:
            params.sel = selector
        return params
