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
        if "avx512_vnni" in flags:
            cpu += " (AVX-512 VNNI)"
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


def median(values: list[float]) -> float:
    return statistics.median(values)
