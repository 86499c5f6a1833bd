"""What machine a benchmark ran on, printed with its figures."""

from __future__ import annotations

import os
import platform
import statistics


def describe() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
            fh.seek(0)
            flags = next((line for line in fh if line.startswith("flags")), "")
        if "amx_int8" in flags:
            cpu += " (AMX-INT8, AVX-512 VNNI)"
        elif "avx512_vnni" in flags:
            cpu += " (AVX-512 VNNI)"
        elif " avx2" in flags:
            cpu += " (AVX2, no AVX-512)"
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            kb = int(fh.readline().split()[1])
            memory = f", {kb / 1048576:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}, {platform.system()}"


def cpu_flags() -> str:
    """The CPU flags that decide qabot's encoder and its kernels (SIMD width, 8-bit dot products)."""
    wanted = ("avx2", "fma", "avx512f", "avx512bw", "avx512_vnni", "avx_vnni", "amx_tile", "amx_int8", "amx_bf16",
              "asimd", "asimddp", "i8mm", "sve")
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            line = next((x for x in fh if x.startswith(("flags", "Features"))), "")
    except OSError:
        return "unknown"
    present = set(line.partition(":")[2].split())
    return " ".join(f for f in wanted if f in present) or "none of " + " ".join(wanted)


def median(values: list[float]) -> float:
    return statistics.median(values)


def load() -> str:
    """The machine's load average (1 and 5 minutes): how much of it others were using."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} on {os.cpu_count()} cores"


def _rate(run, flops: float, repeats: int) -> float:
    """Median GFLOP/s of `run` over `repeats` timed calls after one warm-up call."""
    import time

    run()
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        rates.append(flops / (time.perf_counter() - start) / 1e9)
    return median(rates)


def _onnx_matmul(m: int, k: int, n: int, integer: bool, threads: int):
    """A one-node ONNX Runtime session: [m, k] x [k, n] as MatMul (fp32) or MatMulInteger (u8 x s8 -> int32,
    the kernel the int8 encoder runs), with the session options the encoder uses."""
    import numpy as np
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper

    rng = np.random.default_rng(0)
    if integer:
        weights = rng.integers(-127, 127, size=(k, n), dtype=np.int8)
        node = helper.make_node("MatMulInteger", ["a", "b"], ["y"])
        a_type, y_type = TensorProto.UINT8, TensorProto.INT32
        feed = rng.integers(0, 255, size=(m, k), dtype=np.uint8)
    else:
        weights = rng.standard_normal((k, n), dtype=np.float32)
        node = helper.make_node("MatMul", ["a", "b"], ["y"])
        a_type, y_type = TensorProto.FLOAT, TensorProto.FLOAT
        feed = rng.standard_normal((m, k), dtype=np.float32)
    graph = helper.make_graph([node], "matmul", [helper.make_tensor_value_info("a", a_type, [m, k])],
                              [helper.make_tensor_value_info("y", y_type, [m, n])],
                              initializer=[onnx.numpy_helper.from_array(weights, "b")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    return lambda: session.run(None, {"a": feed})


def matmul_gflops(repeats: int = 7) -> dict[str, float]:
    """The machine's measured matrix-multiply rates, GFLOP/s (an int8 multiply-add counted as 2 ops):
    sgemm_peak: numpy's BLAS on 2048 x 2048 (what fp32 can reach at best); fp32 and int8: ONNX Runtime
    on the encoder's own shape (256 word pieces x 384 -> 1536, its feed-forward layer), all cores."""
    import numpy as np

    threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    size = 2048
    a = np.random.default_rng(0).standard_normal((size, size), dtype=np.float32)
    out = {"sgemm_peak": _rate(lambda: a @ a, 2.0 * size ** 3, repeats)}
    m, k, n = 256, 384, 1536
    for name, integer in (("fp32", False), ("int8", True)):
        run = _onnx_matmul(m, k, n, integer, threads)
        out[name] = _rate(lambda: [run() for _ in range(8)], 8 * 2.0 * m * k * n, repeats)
    return out
