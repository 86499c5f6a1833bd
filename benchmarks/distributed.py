"""Past one machine: the Milvus backend's search cost beside FAISS's, and ingest on Ray with 1 and 2 workers.

    python benchmarks/distributed.py milvus [--base INDEX] [--sizes 20000,100000] [--questions 200]
    python benchmarks/distributed.py ray [--documents 600] [--repeats 3]
    python benchmarks/distributed.py scifact --index INDEX --milvus-uri FILE.db
    python benchmarks/distributed.py all --index INDEX --milvus-uri FILE.db    (the three, in one run)

milvus: a real qabot store of N synthetic paragraphs (SciFact sentences resampled into paragraphs of
1-4 sentences, as benchmarks/scale.py does), one window each, whose vectors are drawn near the real
window vectors of --base (scale.synthetic). The same store is served both ways, through the two
backends of search/backend.py: FAISS (qabot's VectorIndex as an ingest builds it: exact up to
index_threshold, IVF above) with FTS5 gathering, and a Milvus Lite collection written by index/milvus.py
(HNSW, BM25). Per SciFact claim, what a question asks of its backend: dense top 100, lexical gathering of
100 by the claim's stems, and the exact cosine of 50 paragraphs the dense side did not reach. p50 and p99
of the three together, one question at a time; and how many of FAISS's dense top 10 Milvus also finds.

ray: `qabot ingest` of the seed corpus and of the first --documents SciFact documents into a new index,
in this process, without Ray and on a Ray local runtime with ray_workers 1 and 2 (every run encodes
everything: a new index has no cache); documents/s, median of --repeats runs, each configuration in turn
so the machine's load is shared. The runtime is started once before them (tried again, up to
--start-attempts times, when its node times out during startup, as it can on a loaded machine), its
start timed apart.

scifact: a SciFact index (benchmarks/ingest.py --keep, or /work/cache/scifact-base copied) switched to
Milvus by `QABOT_BACKEND=milvus QABOT_MILVUS_URI=FILE.db qabot ingest --index INDEX corpus.jsonl` (no
encoding: the collection is written from the store), then evaluated through both backends in turn.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe, load, median  # noqa: E402
from scale import SCIFACT, base_vectors, query_vectors, synthetic  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def synthetic_store(path: Path, size: int, base: np.ndarray):
    """A qabot store of `size` paragraphs (20 a document), each with one window vector near a real one."""
    from qabot.records import Document, Paragraph
    from qabot.store.database import Store

    sentences = []
    for line in (SCIFACT / "corpus.jsonl").read_text().splitlines():
        sentences.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", json.loads(line)["text"]) if len(s) > 20)
    rng = np.random.default_rng(3)
    vectors = synthetic(base, size)
    store = Store(path, readonly=False)
    with store.transaction():
        for d in range(size // 20):
            document = Document(id=f"doc{d}", source="synthetic", date=f"{2000 + d % 20}-01-01", body="General Assembly")
            store.put_document(document, [
                Paragraph(doc_id=document.id, seq=i, kind="operative", label=str(i + 1),
                          text=" ".join(sentences[j] for j in rng.integers(0, len(sentences), rng.integers(1, 5))))
                for i in range(20)])
        ids = [r[0] for r in store.db.execute("SELECT id FROM paragraphs ORDER BY id")]
        store.db.executemany("INSERT INTO embeddings (key, vector) VALUES (?, ?)",
                             ((f"k{pid}", vectors[row].tobytes()) for row, pid in enumerate(ids)))
        store.db.executemany("INSERT INTO vectors (id, paragraph_id, window, key) VALUES (?, ?, 0, ?)",
                             ((pid, pid, f"k{pid}") for pid in ids))
    return store, np.array(ids, dtype=np.int64), vectors


def faiss_index(ids: np.ndarray, vectors: np.ndarray):
    from qabot.config import Settings
    from qabot.index.vectors import VectorIndex, choose_index_type

    index = VectorIndex.empty(vectors.shape[1], "flat")
    index.add(ids, ids, vectors)
    wanted = choose_index_type(index.count, Settings().index_threshold)
    return index if wanted == "flat" else index.rebuilt(wanted)


def per_question(dense, gather, scores_for, questions, vectors):
    """Seconds per question, and per question the dense top 10 and the 100 paragraphs gathered."""
    times, tops, gathers = [], [], []
    for stems, vector in zip(questions, vectors):
        t0 = time.perf_counter()
        hits = dense(vector, 100)
        gathered = gather(stems, 100)
        reached = {pid for pid, _ in hits}
        scores_for(vector, [pid for pid in gathered if pid not in reached][:50])
        times.append(time.perf_counter() - t0)
        tops.append([pid for pid, _ in hits[:10]])
        gathers.append(set(gathered))
    return times, tops, gathers


def milvus_benchmark(args) -> None:
    from qabot.index import milvus
    from qabot.language import stemming
    from qabot.search.lexical import Lexical
    from qabot.store import fts

    base = base_vectors(args.base)
    claims = [json.loads(x)["text"] for x in (SCIFACT / "queries.jsonl").read_text().splitlines()][:args.questions]
    stems = [list(dict.fromkeys(stemming.stems(c))) for c in claims]
    queries = query_vectors(args.base, args.questions)
    for size in args.sizes:
        work = Path(tempfile.mkdtemp(prefix="qabot-milvus-"))
        try:
            start = time.perf_counter()
            store, ids, vectors = synthetic_store(work / "store.sqlite", size, base)
            made = time.perf_counter() - start
            start = time.perf_counter()
            index = faiss_index(ids, vectors)
            faiss_build = time.perf_counter() - start
            lexical = Lexical(store, size, fts.average_lengths(store)[0], 1.0)
            uri = str(work / "milvus.db")
            start = time.perf_counter()
            milvus.write(uri, "bench", "gen-000001", work / "store.sqlite", vectors.shape[1])
            milvus_build = time.perf_counter() - start
            served = milvus.MilvusVectors(uri, "bench", "gen-000001", len(ids))
            print(f"\n{size:,} paragraphs ({made:.0f} s to make the store); FAISS {index.index_type} built in "
                  f"{faiss_build:.1f} s, Milvus Lite collection written in {milvus_build:.0f} s; {load()}", flush=True)
            faiss_times, faiss_tops, faiss_gathered = per_question(
                lambda v, k: index.search(v, k), lexical.candidates, index.scores_for, stems, queries)
            milvus_times, milvus_tops, milvus_gathered = per_question(
                served.search, served.lexical, served.scores_for, stems, queries)
            shared = median([len(set(a) & set(b)) / max(1, len(a)) for a, b in zip(faiss_tops, milvus_tops)])
            both = median([len(a & b) / max(1, len(a)) for a, b in zip(faiss_gathered, milvus_gathered)])
            for name, times in (("FAISS + FTS5", faiss_times), ("Milvus Lite", milvus_times)):
                print(f"  {name:13s} per question p50 {1000 * median(times):7.1f} ms, "
                      f"p99 {1000 * np.percentile(times, 99):7.1f} ms", flush=True)
            print(f"  Milvus's dense top 10 holds {shared:.2f} of FAISS's; Milvus's BM25 gathers {both:.2f} of "
                  f"the 100 FTS5 gathers (medians)", flush=True)
            served.close()
            store.close()
        finally:
            shutil.rmtree(work, ignore_errors=True)


def start_ray(attempts: int) -> float:
    """A Ray local runtime for the whole benchmark (so each ingest joins it rather than starting its own),
    started again when its node times out during startup (Ray waits 30 s for it, a fixed limit, which a
    loaded machine can pass): up to `attempts` tries. Returns the seconds the start that held took."""
    import ray

    from qabot.errors import ConfigError
    from qabot.ingest import distributed

    for attempt in range(1, attempts + 1):
        start = time.perf_counter()
        try:
            distributed.connect("local")
            return time.perf_counter() - start
        except ConfigError as exc:
            print(f"  Ray's start {attempt} of {attempts} failed after {time.perf_counter() - start:.0f} s: {exc}",
                  flush=True)
            ray.shutdown()
    raise SystemExit("Ray's local runtime did not start")


def ray_runs(corpus: list[Path], documents: int, repeats: int, work: Path) -> None:
    """docs/s of `qabot ingest` of `corpus` into a new index without Ray, and on the runtime already
    started with ray_workers 1 and 2; each configuration in turn, `repeats` times."""
    from qabot import config
    from qabot.pipeline import build

    runs = {"no Ray": {}, "Ray, 1 worker": {"ray_address": "local", "ray_workers": 1},
            "Ray, 2 workers": {"ray_address": "local", "ray_workers": 2}}
    rates: dict[str, list[float]] = {name: [] for name in runs}
    for repeat in range(repeats):
        for name, flags in runs.items():
            index = work / f"index-{repeat}-{len(rates[name])}"
            start = time.perf_counter()
            report = build(corpus, config.load(index=index, **flags))
            elapsed = time.perf_counter() - start
            assert report.documents == documents, report
            rates[name].append(report.documents / elapsed)
            steps = json.loads((index / report.generation / "manifest.json").read_text())["timings"]
            shutil.rmtree(index)
            print(f"  {name}: {rates[name][-1]:.1f} documents/s ({elapsed:.1f} s; vector steps, s: "
                  + ", ".join(f"{k} {v:.1f}" for k, v in steps.items()) + f"); {load()}", flush=True)
    for name, values in rates.items():
        print(f"{name:15s} median {median(values):.1f} documents/s ({len(values)} runs)", flush=True)


def ray_benchmark(args) -> None:
    """Ingest of the seed corpus and of the first --documents SciFact documents, without Ray and on a
    Ray local runtime with 1 and 2 encoder actors. The runtime is started once, before (its start is
    timed apart: an ingest with --ray local pays it once per run, one joining a cluster does not)."""
    import ray

    work = Path(tempfile.mkdtemp(prefix="qabot-ray-"))
    corpus = work / "corpus.jsonl"
    lines = [x for x in (SCIFACT / "corpus.jsonl").read_text().splitlines() if x.strip()][:args.documents]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        print(f"Ray local runtime; {load()}", flush=True)
        print(f"  started in {start_ray(args.start_attempts):.1f} s, "
              f"{int(ray.cluster_resources().get('CPU', 0))} CPUs", flush=True)
        if not args.no_seeds:
            seeds = ROOT / "corpus"
            print(f"\ningest of the seed corpus ({seeds}, {len(list(seeds.glob('*.txt')))} documents); {load()}",
                  flush=True)
            ray_runs([seeds], len(list(seeds.glob("*.txt"))), args.repeats, work)
        print(f"\ningest of {len(lines)} SciFact documents into a new index; {load()}", flush=True)
        ray_runs([corpus], len(lines), args.repeats, work)
    finally:
        ray.shutdown()
        shutil.rmtree(work, ignore_errors=True)


def scifact_benchmark(args) -> None:
    """One SciFact index served by both backends (its Milvus collection written by `qabot ingest` with
    backend = "milvus"): nDCG@10, recall@10/100, MRR@10 and ms per query of each."""
    from qabot import config, evaluate
    from qabot.search.retrieve import Searcher

    data = evaluate.read_beir(SCIFACT)
    print(f"\nSciFact ({SCIFACT}), index {args.index}; {load()}", flush=True)
    for name, flags in (("FAISS + FTS5", {}), ("Milvus Lite", {"backend": "milvus", "milvus_uri": args.milvus_uri})):
        searcher = Searcher(config.load(index=args.index, **flags))
        start = time.perf_counter()
        metrics = evaluate.run_beir(searcher, data)
        elapsed = time.perf_counter() - start
        searcher.close()
        print(f"  {name:13s} nDCG@10 {metrics['ndcg@10']:.3f}, recall@10 {metrics['recall@10']:.3f}, recall@100 "
              f"{metrics['recall@100']:.3f}, MRR@10 {metrics['mrr@10']:.3f}; "
              f"{1000 * elapsed / max(1, metrics['queries']):.0f} ms per query", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    m = sub.add_parser("milvus")
    m.add_argument("--base", type=Path, default=Path("/work/cache/scifact-base"))
    m.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[20000, 100000])
    m.add_argument("--questions", type=int, default=200)
    r = sub.add_parser("ray")
    r.add_argument("--documents", type=int, default=600)
    r.add_argument("--repeats", type=int, default=3)
    r.add_argument("--start-attempts", type=int, default=3, help="tries at starting Ray's local runtime")
    r.add_argument("--no-seeds", action="store_true", help="SciFact only")
    f = sub.add_parser("scifact")
    f.add_argument("--index", type=Path, required=True)
    f.add_argument("--milvus-uri", required=True)
    a = sub.add_parser("all", help="scifact, then milvus, then ray, with their defaults")
    a.add_argument("--index", type=Path, required=True)
    a.add_argument("--milvus-uri", required=True)
    a.add_argument("--base", type=Path, default=Path("/work/cache/scifact-base"))
    a.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[20000, 100000])
    a.add_argument("--questions", type=int, default=100)
    a.add_argument("--documents", type=int, default=200)
    a.add_argument("--repeats", type=int, default=2)
    a.add_argument("--start-attempts", type=int, default=3)
    a.add_argument("--no-seeds", action="store_true")
    args = parser.parse_args()
    print(describe())
    steps = {"milvus": [milvus_benchmark], "ray": [ray_benchmark], "scifact": [scifact_benchmark],
             "all": [scifact_benchmark, milvus_benchmark, ray_benchmark]}[args.what]
    for step in steps:
        step(args)


if __name__ == "__main__":
    main()
