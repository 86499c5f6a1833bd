"""An IVF index's direct map (vector id -> list and place) written as an array indexed by vector id, so that
opening the index builds no hashtable of every id (88 ms at 1M vectors): FAISS writes an array map only for
ids 0..n-1, qabot's ids are the store's (never reused), so the array is filled here; for ids sparser than
ARRAY_MAP_SPREAD the hashtable is written as before (index/vectors.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

# the map is written as an array indexed by vector id while the ids reach at most this many times the vectors
# held (8 bytes an id, a hole included): past it, as a hashtable
ARRAY_MAP_SPREAD = 4


def array_direct_map(ivf) -> np.ndarray | None:
    """The IVF index's direct map as an array indexed by vector id: (list number << 32 | place in the
    list) of each vector held, -1 for the ids it does not hold (FAISS's DirectMap.Array, which FAISS
    fills only for ids 0..n-1); None when the ids are too sparse for it (ARRAY_MAP_SPREAD)."""
    import faiss

    invlists = ivf.invlists
    lists = []
    highest = -1
    for number in range(ivf.nlist):
        size = invlists.list_size(number)
        if size:
            ids = faiss.rev_swig_ptr(invlists.get_ids(number), size).copy()
            lists.append((number, ids))
            highest = max(highest, int(ids.max()))
    if highest + 1 > max(1024, ARRAY_MAP_SPREAD * ivf.ntotal):
        return None
    positions = np.full(highest + 1, -1, dtype=np.int64)
    for number, ids in lists:
        positions[ids] = (number << 32) | np.arange(len(ids), dtype=np.int64)
    return positions


def write_ivf(ivf, path: Path) -> bool:
    """faiss.write_index of an IVF index with its direct map as an array indexed by vector id (when the
    ids allow it), however it is kept in memory: the map is swapped for the array while the file is
    written, then put back (a hashtable left as it was, so the index can still add and remove). Returns
    whether the map was written as an array."""
    import faiss

    positions = array_direct_map(ivf) if ivf.direct_map.type == faiss.DirectMap.Hashtable else None
    if positions is None:
        faiss.write_index(ivf, str(path))
        return ivf.direct_map.type == faiss.DirectMap.Array
    direct_map = ivf.direct_map
    try:
        direct_map.type = faiss.DirectMap.Array
        faiss.copy_array_to_vector(positions, direct_map.array)
        faiss.write_index(ivf, str(path))
    finally:
        direct_map.array.clear()
        direct_map.type = faiss.DirectMap.Hashtable
    return True
