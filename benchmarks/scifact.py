"""Retrieval quality on BEIR SciFact (test split), through qabot's own pipeline with its default
settings, beside the published and measured baselines.

    python benchmarks/scifact.py [--data ../shared/bench/scifact] [--index DIR]

Without --index, the corpus is ingested into a temporary folder first (the ingest time is printed).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BASELINES = [
    ("BM25, Elasticsearch title + body (BEIR paper)", 0.665, None),
    ("BM25, bm25s unstemmed (measured)", 0.662, 0.876),
    ("BM25, bm25s + Snowball (measured)", 0.679, 0.913),
    ("all-MiniLM-L6-v2 dense (MTEB)", 0.645, 0.925),
    ("RRF k=60 of stemmed BM25 and MiniLM (measured)", 0.715, 0.948),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "bench" / "scifact")
    parser.add_argument("--index", type=Path, default=None)
    args = parser.parse_args()

    from qabot import config, evaluate
    from qabot.search.retrieve import Searcher

    index = args.index
    if index is None or not (index / "CURRENT").is_file():
        index = index or Path(tempfile.mkdtemp()) / "scifact"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "qabot", "ingest", "--quiet", "--index", str(index),
                        str(args.data / "corpus.jsonl")], cwd=ROOT, check=True)
        print(f"ingest: {time.perf_counter() - start:.0f} s")
    settings = config.load(index=index)
    searcher = Searcher(settings)
    data = evaluate.read_beir(args.data)
    start = time.perf_counter()
    metrics = evaluate.run_beir(searcher, data)
    elapsed = time.perf_counter() - start

    print(f"machine: {describe()}")
    print(f"index: {index} (encoder {searcher.manifest.encoder}, {searcher.manifest.paragraphs} paragraphs)")
    print(f"{'method':52} {'nDCG@10':>8} {'R@100':>7}")
    for name, ndcg, r100 in BASELINES:
        print(f"{name:52} {ndcg:8.3f} {'-' if r100 is None else format(r100, '.3f'):>7}")
    print(f"{'qabot, default settings':52} {metrics['ndcg@10']:8.3f} {metrics['recall@100']:7.3f}")
    print(f"qabot recall@10 {metrics['recall@10']:.3f}, MRR@10 {metrics['mrr@10']:.3f}, "
          f"{metrics['queries']} queries, {1000 * elapsed / max(1, metrics['queries']):.1f} ms per query")


if __name__ == "__main__":
    main()
