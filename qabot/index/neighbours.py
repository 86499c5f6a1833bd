"""The rows of one matrix nearest each row of another, all at once (each word of the vocabulary's nearest
words, ingest/vocabulary.py, for query expansion: search/expansion.py).

Exact search is a matrix product of every query row by every target row: for 30,000 words of 384
dimensions, 690 GFLOP, about 3.8 s of fp32 BLAS on 2 cores, a third of a first ingest's vocabulary
step. Where the CPU multiplies 8-bit integers natively (VNNI, AMX, Arm dot products: embed/device.py), the product runs in
int8 on ONNX Runtime, fused with the selection of each row's WIDE best, and only those are scored
exactly in fp32: the same neighbours and similarities as exact search (SciFact's 29,677 words: every
row's neighbours the same, similarities within 1e-6), in 1.6-2.5 s instead of 3.7-4.0 s on 2 cores
(AVX-512 VNNI). Elsewhere the exact fp32 search runs through FAISS (the int8 path gives the same
neighbours there too, but was not measured faster).

Rows are searched in blocks side by side, one per core, each on one thread: one search split over the
cores waits at every block for the slower core, which a shared machine makes slow.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

# The targets in 7 bits: a u8 x s8 product summed in pairs stays within 16 bits (255 x 63 x 2 < 32,767),
# so that CPUs whose kernel saturates there (AVX2's vpmaddubsw) find the same candidates
TARGET_LEVELS = 63
WIDE = 16  # candidates of each row taken from the int8 product and scored exactly
BLOCK = 512  # rows searched together (512 x 30,000 int32 products, 60 MB; 1024 and 2048 no faster)
PRODUCTS = 16_000_000  # int32 products of one block at most (64 MB a core: 266 rows of 60,000 words)


def nearest(queries: np.ndarray, targets: np.ndarray, k: int, cores: int, integer: bool,
            block: int = BLOCK) -> tuple[np.ndarray, np.ndarray]:
    """(similarities, ids) of the `k` rows of `targets` nearest each row of `queries` by inner product;
    `integer`: candidates from the int8 product (where the CPU multiplies 8-bit integers natively)."""
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    targets = np.ascontiguousarray(targets, dtype=np.float32)
    n = len(queries)
    sims = np.empty((n, k), dtype=np.float32)
    ids = np.empty((n, k), dtype=np.int64)
    search = _int8_search(queries, targets, k) if integer and len(targets) > max(WIDE, 2 * k) \
        else _flat_search(queries, targets, k)

    def run(start: int) -> None:
        sims[start:start + block], ids[start:start + block] = search(start, min(n, start + block))

    if integer:  # (each block's int32 products at most PRODUCTS: memory bounded per core at any vocabulary)
        block = max(1, min(block, PRODUCTS // max(1, len(targets))))
    starts = range(0, n, block)
    with ThreadPoolExecutor(max(1, min(cores, len(starts))), thread_name_prefix="qabot-neighbours") as pool:
        list(pool.map(run, starts))
    return sims, ids


def _flat_search(queries: np.ndarray, targets: np.ndarray, k: int):
    import faiss

    flat = faiss.IndexFlatIP(targets.shape[1])
    flat.add(targets)

    def search(start: int, end: int):
        faiss.omp_set_num_threads(1)  # this thread's own setting: the caller's threads keep theirs
        return flat.search(queries[start:end], k)

    return search


def _int8_search(queries: np.ndarray, targets: np.ndarray, k: int):
    """Queries quantized to int8 (each row by its own scale, as uint8 around 128; the targets by one scale
    for all, so that their products compare), multiplied on ONNX Runtime and the WIDE best of each row
    kept (TopK, in the same run), then those scored exactly."""
    session = _session(targets.shape[1], len(targets), max(WIDE, 2 * k))  # (k > WIDE / 2: twice k)
    # each dimension of the targets by its own scale (a dimension with one large value does not coarsen the
    # others), the inverse folded into the queries, so that the integer products still rank as q . t
    scale = TARGET_LEVELS / np.maximum(np.abs(targets).max(axis=0), 1e-12)
    quantized = np.ascontiguousarray(np.rint(targets * scale).astype(np.int8).T)
    folded = queries / scale
    peak = np.maximum(np.abs(folded).max(axis=1, keepdims=True), 1e-12)
    rows = (np.rint(folded * (127.0 / peak)) + 128).astype(np.uint8)

    def search(start: int, end: int):
        wide = session.run(["ids"], {"rows": rows[start:end], "targets": quantized})[0]
        exact = np.einsum("nd,nwd->nw", queries[start:end], targets[wide])
        best = np.argsort(-exact, axis=1, kind="stable")[:, :k]
        return np.take_along_axis(exact, best, 1), np.take_along_axis(wide, best, 1)

    return search


def _session(dimension: int, count: int, wide: int):
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper

    nodes = [helper.make_node("MatMulInteger", ["rows", "targets", "zero"], ["products"]),
             helper.make_node("TopK", ["products", "wide"], ["best", "ids"], axis=1)]
    graph = helper.make_graph(
        nodes, "neighbours",
        [helper.make_tensor_value_info("rows", TensorProto.UINT8, [None, dimension]),
         helper.make_tensor_value_info("targets", TensorProto.INT8, [dimension, count])],
        [helper.make_tensor_value_info("ids", TensorProto.INT64, [None, wide])],
        initializer=[onnx.numpy_helper.from_array(np.array(128, dtype=np.uint8), "zero"),
                     onnx.numpy_helper.from_array(np.array([wide], dtype=np.int64), "wide")])
    # (IR version 8, the first of opset 17: the oldest ONNX Runtime the project allows reads it)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # one block a core, side by side
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    return ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
