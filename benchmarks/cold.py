"""A cold `qabot ask` by phase: a new process, as a user types it, timed in its parts (Python's start is
the rest of the wall time): importing what `qabot ask` imports, opening the generation (the store, the
FAISS file, the ONNX session, each also timed alone in another process), the first question, and the
same question again (warm), with the median of --runs processes for each checkout named by --code.

    python benchmarks/cold.py --index DIR [--index DIR ...] [--code CHECKOUT ...] [--runs 7]
    python benchmarks/cold.py --pair CHECKOUT DIR [--pair CHECKOUT DIR ...]

--pair: a checkout and the index it is timed on (e.g. main on an index main built, this branch on the
same corpus built by it, when main cannot read what the branch writes); --index x --code: each with each.
The pairs take turns, process by process, so that a change of load on a shared machine falls on all;
the first process of each (not timed) writes the bytecode and reads the index into the page cache.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ask import COLD_QUESTION, env_for  # noqa: E402
from machine import describe, load, median  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# In the child: the phases of `qabot ask QUESTION --index DIR --format json` (cli/asking.py), timed.
PHASES = r"""
import time
start = time.perf_counter()
import json, sys
from qabot import config
from qabot.pipeline import ask, open_searcher
imported = time.perf_counter()
searcher = open_searcher(config.load(index=sys.argv[1]))
opened = time.perf_counter()
ask(searcher, sys.argv[2])
first = time.perf_counter()
ask(searcher, sys.argv[2])
again = time.perf_counter()
print(json.dumps({"import": imported - start, "open": opened - imported, "first": first - opened,
                  "again": again - first}))
"""

# In the child: the parts of opening alone, one after the other (no thread beside them), their modules
# imported first.
PARTS = r"""
import json, sys, time
import faiss, onnxruntime
from qabot import config
from qabot.embed import encoders
from qabot.index.generations import IndexFolder
from qabot.index.manifest import Manifest
from qabot.index.vectors import VectorIndex
from qabot.store.database import STORE_FILE, Store
folder = IndexFolder(sys.argv[1])
path = folder.require_current()
manifest = Manifest.read(path)
t0 = time.perf_counter()
store = Store(path / STORE_FILE)
t1 = time.perf_counter()
vectors = VectorIndex.load(path, mapped=True)
t2 = time.perf_counter()
encoders.query_encoder(manifest.model, manifest.encoder, folder.models, export=manifest.export)
t3 = time.perf_counter()
print(json.dumps({"store": t1 - t0, "faiss": t2 - t1, "onnx": t3 - t2}))
"""


def run(code: Path, script: str, *args: str) -> dict:
    result = subprocess.run([sys.executable, "-c", script, *args], cwd=code, env=env_for(code),
                            capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{code}: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def whole(code: Path, index: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "qabot", "ask", COLD_QUESTION, "--index", str(index), "--format", "json"],
                   cwd=code, env=env_for(code), check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, action="append", default=[])
    parser.add_argument("--code", type=Path, action="append", default=[])
    parser.add_argument("--pair", type=Path, nargs=2, action="append", default=[], metavar=("CHECKOUT", "DIR"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    pairs = [tuple(p) for p in args.pair] + [(code, index) for index in args.index for code in args.code or [ROOT]]
    print(f"machine: {describe()}; {load()}")
    print("| code | index | cold `qabot ask` s | import s | open s | first question s | again s |"
          " store / faiss / onnx alone s |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    got: dict[tuple, dict[str, list[float]]] = {pair: {} for pair in pairs}
    for n in range(args.runs + 1):
        for code, index in pairs:
            timed = {"whole": whole(code, index), **run(code, PHASES, str(index), COLD_QUESTION),
                     **run(code, PARTS, str(index))}
            if n:
                for key, value in timed.items():
                    got[(code, index)].setdefault(key, []).append(value)
    for code, index in pairs:
        m = {key: median(values) for key, values in got[(code, index)].items()}
        print(f"| {code.name} | {index.name} | {m['whole']:.3f} | {m['import']:.3f} | {m['open']:.3f} |"
              f" {m['first']:.3f} | {m['again']:.3f} | {m['store']:.3f} / {m['faiss']:.3f} / {m['onnx']:.3f} |",
              flush=True)
    print(f"after: {load()}")


if __name__ == "__main__":
    main()
