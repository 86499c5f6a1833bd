"""Latency of `qabot ask`, the whole path (understanding, search, answer with version notes, lists,
metadata, highlights): warm questions p50/p99 in a process that has everything loaded (each question
asked once, after three to warm up: a question asked again could be answered from what the process
remembers; the median of each over runs/2 processes), a cold `qabot ask` (a new process, as a user types
it, median of --runs), and the peak resident memory of a process that answered them all.

    python benchmarks/ask.py [--index DIR ...] [--paragraphs 10000,100000,1000000 --keep DIR]
                             [--code CHECKOUT ...] [--pair CHECKOUT DIR ...] [--questions FILE] [--runs 5]

--index: indexes built already (default: the seeds, ingested into a temporary folder). --paragraphs:
UN-like corpora of those sizes built first (benchmarks/corpora.py: the seeds plus recurring
resolutions, vectors by a stand-in encoder), under --keep. --code: the checkouts of qabot timed (e.g. this
one and main, on indexes each can read), for a comparison in one run; --pair: a checkout and the index it is
timed on (main on a corpus main built, a branch on the same corpus upgraded by its own ingest, when main
cannot read what the branch writes). Questions: the dev set's plus, for each
index, 30 drawn from its own paragraphs (a paragraph named, a phrase asked about); --questions
replaces them (e.g. SciFact's queries).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe, load, median  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
COLD_QUESTION = "which regional workshops were held in 2003?"
WARMUP = 3  # questions asked first, not timed

# Run in a child process, with the qabot of the checkout timed: a few questions to warm up (what loads
# on first use), then every other question asked once (a question asked again could be answered from
# what a process remembers): per-question seconds, and the process's peak resident memory.
WARM = r"""
import json, resource, sys, time
from qabot import config
from qabot.errors import QabotError
from qabot.pipeline import ask, open_searcher
index, path, warmup = sys.argv[1], sys.argv[2], int(sys.argv[3])
questions = json.load(open(path))
start = time.perf_counter()
searcher = open_searcher(config.load(index=index))
opened = time.perf_counter() - start
times = []
for n, q in enumerate(questions):
    t = time.perf_counter()
    try:
        ask(searcher, q)
    except QabotError:
        pass  # (a question refused is timed too)
    if n >= warmup:
        times.append(time.perf_counter() - t)
print(json.dumps({"times": times, "open": opened,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def dev_questions() -> list[str]:
    if not DEV.is_file():
        return [COLD_QUESTION]
    return [json.loads(line)["question"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def own_questions(index: Path, n: int = 30, seed: int = 3) -> list[str]:
    """Questions about the index's own paragraphs: "What does operative paragraph 4 of resolution 61/250
    say?" and a few of a paragraph's words."""
    generation = index / (index / "CURRENT").read_text().strip()
    db = sqlite3.connect(f"file:{generation / 'store.sqlite'}?mode=ro", uri=True)
    count = db.execute("SELECT max(id) FROM paragraphs").fetchone()[0] or 0
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n and count:
        row = db.execute("SELECT p.kind, p.label, p.text, d.number FROM paragraphs p JOIN documents d"
                         " ON d.id = p.doc_id WHERE p.id >= ? LIMIT 1", (rng.randint(1, count),)).fetchone()
        if row is None:
            continue
        kind, label, text, number = row
        if len(out) % 2 and number and kind == "operative" and label.isdigit():
            out.append(f"What does operative paragraph {label} of resolution {number} say?")
        else:
            words = text.split()
            start = rng.randint(0, max(0, len(words) - 8))
            out.append("What did the General Assembly say about " + " ".join(words[start:start + 7]).strip(",;.") + "?")
    db.close()
    return out


def env_for(code: Path) -> dict:
    # PYTHONDONTWRITEBYTECODE (set on some machines) would compile every qabot module at every start,
    # which an installed qabot never does: a cold ask is timed with the bytecode written once
    env = {k: v for k, v in os.environ.items() if not k.startswith("QABOT_") and k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(code)
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    return env


def warm(code: Path, index: Path, questions: list[str], runs: int) -> dict:
    """Each question's median time over `runs` new processes (each asks it once), the median time to
    open the index, the highest peak memory."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(questions, fh)
    out = []
    for _ in range(runs):
        result = subprocess.run([sys.executable, "-c", WARM, str(index), fh.name, str(WARMUP)], cwd=code,
                                env=env_for(code), capture_output=True, text=True)
        if result.returncode:
            raise SystemExit(f"{code}: {result.stderr.strip().splitlines()[-1:]}")
        out.append(json.loads(result.stdout.strip().splitlines()[-1]))
    os.unlink(fh.name)
    return {"times": [median(list(ts)) for ts in zip(*(o["times"] for o in out))],
            "open": median([o["open"] for o in out]), "rss_mb": max(o["rss_mb"] for o in out)}


def cold(code: Path, index: Path, runs: int) -> float:
    import time

    times = []
    for n in range(runs + 1):  # (the first, not timed, writes the bytecode and reads the index into the page cache)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "qabot", "ask", COLD_QUESTION, "--index", str(index), "--format",
                        "json"], cwd=code, env=env_for(code), check=True, stdout=subprocess.DEVNULL)
        if n:
            times.append(time.perf_counter() - start)
    return median(times)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, action="append", default=[])
    parser.add_argument("--paragraphs", default="", help="comma-separated sizes of UN-like corpora to build")
    parser.add_argument("--keep", type=Path, default=None, help="where the built corpora go (default: temporary)")
    parser.add_argument("--code", type=Path, action="append", default=[],
                        help="a checkout of qabot to time (repeatable; default: this one)")
    parser.add_argument("--pair", type=Path, nargs=2, action="append", default=[], metavar=("CHECKOUT", "DIR"),
                        help="a checkout and the index it is timed on (repeatable)")
    parser.add_argument("--questions", type=Path, default=None, help="one question per line")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sample", type=int, default=0, help="ask only this many of the questions (every n-th)")
    args = parser.parse_args()

    indexes = list(args.index)
    keep = args.keep or Path(tempfile.mkdtemp())
    for size in [int(s) for s in args.paragraphs.split(",") if s]:
        from corpora import build

        target = keep / f"un-{size}"
        if not (target / "CURRENT").is_file():
            build(target, size)
        indexes.append(target)
    if not indexes and not args.pair:
        seeds = keep / "seeds"
        subprocess.run([sys.executable, "-m", "qabot", "ingest", "--quiet", "--index", str(seeds)], cwd=ROOT,
                       env=env_for(ROOT), check=True, stdout=subprocess.DEVNULL)
        indexes.append(seeds)

    print(f"machine: {describe()}; {load()}")
    print("| code | index | questions timed | open s | p50 ms | p99 ms | cold `qabot ask` s | peak RSS MB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    pairs = [tuple(p) for p in args.pair] + [(code, index) for index in indexes for code in args.code or [ROOT]]
    for code, index in pairs:
        questions = ([q for q in args.questions.read_text(encoding="utf-8").splitlines() if q.strip()]
                     if args.questions else dev_questions() + own_questions(index))
        if args.sample and args.sample < len(questions):
            questions = questions[::len(questions) // args.sample][:args.sample]
        w = warm(code, index, questions, max(1, args.runs // 2))  # (each process asks all)
        c = cold(code, index, args.runs)
        print(f"| {code.name} | {index} | {len(questions) - WARMUP} | {w['open']:.2f} | {1000 * percentile(w['times'], 0.5):.1f}"
              f" | {1000 * percentile(w['times'], 0.99):.1f} | {c:.2f} | {w['rss_mb']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
