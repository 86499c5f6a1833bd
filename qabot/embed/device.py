"""Which encoder and which device an ingest uses, chosen for the machine unless the settings say.

- encoder "auto": int8 where the CPU multiplies 8-bit integers natively (x86 AVX-512 VNNI, AVX-VNNI or
  AMX; Arm dot-product instructions), where ONNX Runtime's int8 GEMM runs 2-4x its fp32 one; fp32
  elsewhere, and fp32 on a GPU.
- device "auto": a CUDA GPU when ONNX Runtime's CUDA provider is installed (onnxruntime-gpu), or when
  torch sees one (then sentence-transformers encodes the documents on it: fp32 vectors are the same from
  either); the CPU otherwise. Questions are always encoded on the CPU.

`choose_device` and `choose_encoder` are pure functions of what they are given, so that tests can hand
them a machine they do not run on; `machine()` probes this one.
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path

INT8_FLAGS = ("avx512_vnni", "avx_vnni", "amx_int8", "asimddp", "i8mm")
CUDA_PROVIDER = "CUDAExecutionProvider"


@dataclass(frozen=True)
class Machine:
    flags: frozenset[str]
    providers: tuple[str, ...]  # ONNX Runtime's execution providers
    torch_cuda: bool


def cpu_flags(cpuinfo: str | None = None) -> frozenset[str]:
    """The CPU's feature flags (x86 "flags", Arm "Features" in /proc/cpuinfo; empty where unknown)."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return frozenset()
    for line in cpuinfo.splitlines():
        name, _, value = line.partition(":")
        if name.strip() in ("flags", "Features"):
            return frozenset(value.split())
    return frozenset()


def _torch_cuda() -> bool:
    """Does torch see a CUDA GPU? torch is only imported where an NVIDIA driver is present."""
    if not Path("/proc/driver/nvidia/version").exists() or importlib.util.find_spec("torch") is None:
        return False
    import torch

    return bool(torch.cuda.is_available())


@functools.lru_cache(maxsize=1)
def machine() -> Machine:
    import onnxruntime as ort

    return Machine(cpu_flags(), tuple(ort.get_available_providers()), _torch_cuda())


def choose_device(setting: str, providers: tuple[str, ...] | list[str], torch_cuda: bool) -> str:
    """"onnx-cuda", "torch-cuda" or "cpu": where the documents of an ingest are encoded."""
    if setting == "cpu":
        return "cpu"
    if CUDA_PROVIDER in providers:
        return "onnx-cuda"
    if torch_cuda:
        return "torch-cuda"
    return "cpu"


def choose_encoder(setting: str, flags: frozenset[str] | set[str], device: str = "cpu") -> str:
    """The encoder an ingest uses: the one the settings name, else int8 on a CPU with native 8-bit
    multiply-adds, fp32 on others and on a GPU."""
    if setting in ("fp32", "int8"):
        return setting
    if device != "cpu":
        return "fp32"
    return "int8" if any(flag in flags for flag in INT8_FLAGS) else "fp32"


def resolve(encoder: str, device: str = "auto") -> tuple[str, str]:
    """(encoder, device) for this machine and these settings."""
    if encoder == "int8" or device == "cpu":  # int8 is a CPU encoder (VNNI's u8 x s8 products)
        return (encoder if encoder != "auto" else choose_encoder(encoder, machine().flags)), "cpu"
    here = machine()
    where = choose_device(device, here.providers, here.torch_cuda)
    return choose_encoder(encoder, here.flags, where), where
