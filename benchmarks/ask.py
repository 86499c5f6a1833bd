"""Latency of `qabot ask`: a cold ask (a new process, as a user types it) and a warm question in
`--batch` (everything loaded), both as medians of several runs, with the machine they ran on.

    python benchmarks/ask.py [--index DIR] [--runs 7]

Targets on a 2-core machine: cold <= 1.0 s (aim 0.5 s), warm <= 20 ms per question.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe, median  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [json.loads(line)["question"] for line in (ROOT.parent / "shared" / "eval" / "dev.jsonl").read_text().splitlines()
             if line.strip()] if (ROOT.parent / "shared" / "eval" / "dev.jsonl").is_file() else [
    "which regional workshops were held in 2003?"] * 40


def qabot(*args: str) -> list[str]:
    return [sys.executable, "-m", "qabot", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    index = args.index
    if index is None:
        index = Path(tempfile.mkdtemp()) / "index"
        subprocess.run(qabot("ingest", "--quiet", "--index", str(index)), cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)

    bare = []
    cold = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import faiss, onnxruntime"], check=True)
        bare.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run(qabot("ask", "which regional workshops were held in 2003?", "--index", str(index),
                             "--format", "json"), cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        cold.append(time.perf_counter() - start)

    batch = Path(tempfile.mkdtemp()) / "questions.txt"
    batch.write_text("\n".join(QUESTIONS) + "\n", encoding="utf-8")
    one = Path(tempfile.mkdtemp()) / "one.txt"
    one.write_text(QUESTIONS[0] + "\n", encoding="utf-8")
    warm = []
    for _ in range(max(3, args.runs // 2)):
        start = time.perf_counter()
        subprocess.run(qabot("ask", "--batch", str(one), "--index", str(index)), cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        single = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run(qabot("ask", "--batch", str(batch), "--index", str(index)), cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        many = time.perf_counter() - start
        warm.append((many - single) / (len(QUESTIONS) - 1))

    print(f"machine: {describe()}")
    print(f"index: {index}")
    print(f"bare `python -c 'import faiss, onnxruntime'`: median {median(bare):.3f} s over {len(bare)} runs")
    print(f"cold `qabot ask` (new process):            median {median(cold):.3f} s over {len(cold)} runs"
          f"  (target <= 1.0 s)")
    print(f"warm question in --batch ({len(QUESTIONS)} questions): median {1000 * median(warm):.1f} ms over "
          f"{len(warm)} runs  (target <= 20 ms)")


if __name__ == "__main__":
    main()
