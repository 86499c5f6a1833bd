"""Search at scale: FAISS indexes of 100k and 1M vectors drawn near real paragraph vectors, and the
lexical side (FTS5 + qabot's weighted BM25) over a store of synthetic paragraphs.

    python benchmarks/scale.py --base INDEX [--base-sample 944] [--sizes 100000,1000000] [--types flat,hnsw,ivf]
                               [--lexical 1000000]

--base is an index folder built by `qabot ingest` (e.g. SciFact: benchmarks/ingest.py --keep DIR): its
window vectors are the real ones the synthetic ones are drawn near (a mix of two real vectors plus
noise, renormalised), and its BEIR queries (../shared/bench/scifact/queries.jsonl) are the questions.
--base-sample keeps that many of the real vectors (fewer: more clustered synthetic sets).
Embedding at that scale is not run here: benchmarks/ingest.py measures documents/s, and the time to
embed N paragraphs is N / that rate.

Per index type and size: build time, resident memory of the loaded index (VmRSS in a new process),
query p50/p99 (one question at a time, as qabot asks) and recall@10 against exact search; for HNSW
also with 20% tombstones, qabot's rebuild threshold.

"ivf" is qabot's own VectorIndex, built as an ingest builds it (the vectors added to an exact index,
then `rebuilt("ivf")`: k-means on a sample, the lists filled), loaded with VectorIndex.load and
searched with VectorIndex.search (paragraph ids = vector ids here) at nprobe 8-128 (* IVF_NPROBE);
then 20% of it removed (IVF deletes natively) and 10% new vectors added to the trained lists.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe, load, median  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUILD_THREADS = len(__import__("os").sched_getaffinity(0))
SCIFACT = ROOT.parent / "shared" / "bench" / "scifact"
sys.path.insert(0, str(ROOT))


def base_vectors(index: Path) -> np.ndarray:
    """The window vectors of a built index (read from its store)."""
    import sqlite3

    path = index / (index / "CURRENT").read_text().strip() / "store.sqlite"
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = db.execute("SELECT e.vector FROM vectors v JOIN embeddings e ON e.key = v.key").fetchall()
    db.close()
    return np.vstack([np.frombuffer(r[0], dtype=np.float32) for r in rows])


def synthetic(base: np.ndarray, n: int, seed: int = 0, noise: float = 0.25) -> np.ndarray:
    """n vectors near real ones: a mix of two real vectors (mostly the first) plus Gaussian noise."""
    rng = np.random.default_rng(seed)
    out = np.empty((n, base.shape[1]), dtype=np.float32)
    for start in range(0, n, 100000):
        m = min(100000, n - start)
        a, b = rng.integers(0, len(base), m), rng.integers(0, len(base), m)
        mix = rng.uniform(0.6, 1.0, (m, 1)).astype(np.float32)
        v = mix * base[a] + (1 - mix) * base[b]
        v += rng.standard_normal(v.shape, dtype=np.float32) * (noise / np.sqrt(base.shape[1]))
        out[start:start + m] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def query_vectors(index: Path, limit: int) -> np.ndarray:
    from qabot.embed import encoders as embed
    from qabot.index.manifest import Manifest

    generation = index / (index / "CURRENT").read_text().strip()
    manifest = Manifest.read(generation)
    encoder = embed.query_encoder(manifest.model, manifest.encoder, index / "models", export=manifest.export)
    queries = [json.loads(line)["text"] for line in (SCIFACT / "queries.jsonl").read_text().splitlines()][:limit]
    return encoder.encode(queries)


def build(kind: str, vectors: np.ndarray):
    """What qabot builds: a FAISS index for "flat" and "hnsw"; for "ivf" qabot's VectorIndex, made as
    an ingest makes it (exact first, then rebuilt: trained on a sample, the lists filled)."""
    from qabot.index import vectors as qindex

    d = vectors.shape[1]
    ids = np.arange(len(vectors), dtype=np.int64)
    if kind in ("flat", "hnsw"):
        index = qindex._empty_faiss(d, kind)
        for start in range(0, len(vectors), 65536):
            index.add_with_ids(vectors[start:start + 65536], ids[start:start + 65536])
        return index
    if kind == "ivf":
        exact = qindex.VectorIndex.empty(d)
        for start in range(0, len(vectors), 65536):
            exact.add(ids[start:start + 65536], ids[start:start + 65536], vectors[start:start + 65536])
        return exact.rebuilt("ivf")
    raise ValueError(kind)


def params_for(kind: str, knob: int, dead=None):
    import faiss

    p = faiss.SearchParametersHNSW(efSearch=knob) if kind == "hnsw" else faiss.SearchParameters()
    if dead is not None:
        p.sel = dead
    return p


def timed_search(index, queries: np.ndarray, k: int, params) -> tuple[np.ndarray, list[float]]:
    import faiss

    from qabot.index.vectors import search_threads

    found, times = [], []
    faiss.omp_set_num_threads(search_threads())  # as qabot searches: one question, one thread
    for q in queries:
        start = time.perf_counter()
        _, ids = index.search(q.reshape(1, -1), k, params=params)
        times.append(time.perf_counter() - start)
        found.append(ids[0])
    faiss.omp_set_num_threads(BUILD_THREADS)
    return np.vstack(found), times


def qabot_search(vector_index, queries: np.ndarray, k: int) -> tuple[np.ndarray, list[float]]:
    """VectorIndex.search, one question at a time: what a qabot question pays (ids = paragraph ids)."""
    found, times = [], []
    for q in queries:
        start = time.perf_counter()
        hits = vector_index.search(q, k)
        times.append(time.perf_counter() - start)
        found.append(np.array([p for p, _ in hits] + [-1] * (k - len(hits)), dtype=np.int64))
    return np.vstack(found), times


def recall(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(t)) / len(t) for f, t in zip(found, truth)]))


def _rss(code: str, path: Path) -> float:
    code = ("import sys\n"
            "def rss():\n    return int(next(l for l in open('/proc/self/status') if l.startswith('VmRSS')).split()[1])\n"
            + code)
    return float(subprocess.run([sys.executable, "-c", code, str(path)], check=True, capture_output=True,
                                text=True, cwd=ROOT).stdout)


def resident_mb(path: Path) -> float:
    """VmRSS growth of a new process that reads the index file (what a qabot process holds for it)."""
    return _rss("import faiss\nbefore = rss(); index = faiss.read_index(sys.argv[1]); print((rss() - before) / 1024)",
                path)


def resident_vector_index_mb(folder: Path) -> float:
    """VmRSS growth of a new process that loads qabot's VectorIndex (FAISS file and id map) from `folder`."""
    return _rss("import faiss\nfrom pathlib import Path\nfrom qabot.index import VectorIndex\n"
                "before = rss(); v = VectorIndex.load(Path(sys.argv[1])); v._rows_of([0])\n"
                "print((rss() - before) / 1024)", folder)


def ivf_benchmark(vectors: np.ndarray, queries: np.ndarray, truth: np.ndarray, work: Path) -> None:
    """qabot's "ivf" type: build, load, search at nprobe 8-128 (* = IVF_NPROBE), remove 20%, add 10%."""
    import faiss

    from qabot.index import vectors as qindex

    size = len(vectors)
    start = time.perf_counter()
    built = build("ivf", vectors)
    seconds = time.perf_counter() - start
    folder = work / f"ivf-{size}"
    folder.mkdir(exist_ok=True)
    built.save(folder)
    del built
    rss = resident_vector_index_mb(folder)
    vector_index = qindex.VectorIndex.load(folder)
    vector_index.trained = size
    lists = vector_index.lists
    default = qindex.IVF_NPROBE
    for nprobe in sorted({8, 16, 32, 64, 128, default}):
        qindex.IVF_NPROBE = nprobe  # the lists a question scans (qabot's constant, varied here)
        found, times = qabot_search(vector_index, queries, 10)
        qindex.IVF_NPROBE = default
        mark = " *" if nprobe == default else ""
        label = f"qabot ivf {lists} nprobe={nprobe}{mark}"
        print(f"{label:30} {seconds:8.1f} {rss:8.0f} {1000 * median(times):7.2f} "
              f"{1000 * np.percentile(times, 99):7.2f} {recall(found, truth):9.3f}", flush=True)

    # 20% removed (natively: no tombstones), then 10% new vectors added to the trained lists
    rng = np.random.default_rng(2)
    gone = np.sort(rng.choice(size, size // 5, replace=False)).astype(np.int64)
    start = time.perf_counter()
    vector_index.remove(gone)
    removed_s = time.perf_counter() - start
    extra = synthetic(vectors[rng.integers(0, size, 1000)], size // 10, seed=7)
    new_ids = np.arange(size, size + len(extra), dtype=np.int64)
    start = time.perf_counter()
    vector_index.add(new_ids, new_ids, extra)
    added_s = time.perf_counter() - start
    kept = np.setdiff1d(np.arange(size), gone)
    alive = np.concatenate([kept, new_ids])
    sub = faiss.IndexFlatIP(vectors.shape[1])
    sub.add(np.vstack([vectors[kept], extra]))
    _, t = sub.search(queries, 10)
    del sub
    found, times = qabot_search(vector_index, queries, 10)
    print(f"{'  - 20% removed, + 10% added':30} {'':8} {'':8} {1000 * median(times):7.2f} "
          f"{1000 * np.percentile(times, 99):7.2f} {recall(found, alive[t]):9.3f}"
          f"   (remove {removed_s:.1f} s, add {added_s:.1f} s; needs_rebuild {vector_index.needs_rebuild()})",
          flush=True)
    for name in (qindex.FAISS_FILE, qindex.MAP_FILE):
        (folder / name).unlink(missing_ok=True)
    folder.rmdir()


def vector_benchmark(base: np.ndarray, queries: np.ndarray, size: int, kinds: list[str], work: Path) -> None:
    import faiss

    vectors = synthetic(base, size)
    exact = faiss.IndexFlatIP(vectors.shape[1])
    exact.add(vectors)
    _, truth = exact.search(queries, 10)  # batched exact search: the ground truth
    del exact
    print(f"\n{size:,} vectors of {vectors.shape[1]} dimensions ({vectors.nbytes / 2**20:.0f} MiB of float32), "
          f"{len(queries)} questions, k=10; {load()}")
    print(f"{'index':30} {'build s':>8} {'RSS MiB':>8} {'p50 ms':>7} {'p99 ms':>7} {'recall@10':>9}")
    for kind in kinds:
        if kind == "ivf":
            ivf_benchmark(vectors, queries, truth, work)
            print(f"  ({load()})", flush=True)
            continue
        start = time.perf_counter()
        index = build(kind, vectors)
        built = time.perf_counter() - start
        path = work / f"{kind}-{size}.faiss"
        faiss.write_index(index, str(path))
        rss = resident_mb(path)
        path.unlink()
        knobs = {"flat": [0], "hnsw": [128, 256, 512, 1024]}[kind]
        for knob in knobs:
            found, times = timed_search(index, queries, 10, params_for(kind, knob))
            label = {"flat": "flat (exact)", "hnsw": f"hnsw M=32 ef={knob}"}[kind]
            print(f"{label:30} {built:8.1f} {rss:8.0f} {1000 * median(times):7.2f} "
                  f"{1000 * np.percentile(times, 99):7.2f} {recall(found, truth):9.3f}", flush=True)
        if kind == "hnsw":
            # 20% of the graph removed: tombstones skipped at search (qabot rebuilds past this share)
            rng = np.random.default_rng(2)
            gone = np.sort(rng.choice(size, size // 5, replace=False)).astype(np.int64)
            batch = faiss.IDSelectorBatch(gone)
            skip = faiss.IDSelectorNot(batch)
            alive = np.setdiff1d(np.arange(size), gone)
            sub = faiss.IndexFlatIP(vectors.shape[1])
            sub.add(vectors[alive])
            _, t = sub.search(queries, 10)
            truth_alive = alive[t]
            del sub
            from qabot.index.vectors import HNSW_EF_SEARCH

            found, times = timed_search(index, queries, 10, params_for(kind, HNSW_EF_SEARCH, skip))
            print(f"{'  + 20% tombstones':30} {'':8} {'':8} {1000 * median(times):7.2f} "
                  f"{1000 * np.percentile(times, 99):7.2f} {recall(found, truth_alive):9.3f}", flush=True)
        del index


def lexical_benchmark(size: int, work: Path, questions: int, keep: bool = False) -> None:
    """A real qabot store of `size` synthetic paragraphs (SciFact sentences resampled into paragraphs of
    1-4 sentences, 20 paragraphs a document), then FTS5 candidates + weighted BM25 per question.
    With `keep`, the store stays in `work` and a later run with the same size reuses it."""
    import re

    from qabot.language import stemming as analysis
    from qabot.search import lexical as lexical_module
    from qabot.search.lexical import Lexical
    from qabot.store import fts
    from qabot.records import Document, Paragraph
    from qabot.store.database import Store

    sentences = []
    for line in (SCIFACT / "corpus.jsonl").read_text().splitlines():
        sentences.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", json.loads(line)["text"]) if len(s) > 20)
    rng = np.random.default_rng(3)
    path = work / f"lexical-{size}.sqlite"
    reuse = keep and path.is_file()
    store = Store(path, readonly=False)
    start = time.perf_counter()
    per_doc = 20
    with store.transaction():
        for d in range(0 if reuse else size // per_doc):
            document = Document(id=f"doc{d}", source="synthetic", title=" ".join(
                sentences[rng.integers(len(sentences))].split()[:8]))
            paragraphs = [Paragraph(doc_id=document.id, seq=i, kind="operative", label=str(i + 1),
                                    text=" ".join(sentences[j] for j in rng.integers(0, len(sentences), rng.integers(1, 5))))
                          for i in range(per_doc)]
            store.put_document(document, paragraphs)
    built = time.perf_counter() - start
    lexical = Lexical(store, size, fts.average_lengths(store)[0], 1.0)
    queries = [json.loads(line)["text"] for line in (SCIFACT / "queries.jsonl").read_text().splitlines()][:questions]
    print(f"\nlexical: {size:,} paragraphs in a qabot store ({path.stat().st_size / 2**20:.0f} MiB, "
          f"{'reused' if reuse else f'built in {built:.0f} s'}), {len(queries)} SciFact claims as questions; {load()}")
    # qabot's rule (the rarest stems gather, within GATHER_POSTINGS postings) beside every stem
    # gathering (the rule before), measured in the same run
    rules = [(lexical_module.GATHER_POSTINGS, f"rarest stems gather (<= {lexical_module.GATHER_POSTINGS:,} postings)"),
             (10**12, "every stem gathers")]
    for budget, label in rules:
        lexical_module.GATHER_POSTINGS = budget
        match_times, score_times, found = [], [], []
        for q in queries:
            stems = list(dict.fromkeys(analysis.stems(q)))
            t0 = time.perf_counter()
            ids = lexical.candidates(stems, 100)
            t1 = time.perf_counter()
            scores = lexical.score({s: 1.0 for s in stems}, ids)
            t2 = time.perf_counter()
            match_times.append(t1 - t0)
            score_times.append(t2 - t1)
            found.append({pid for pid, _ in sorted(scores.items(), key=lambda kv: -kv[1])[:10]})
        total = [a + b for a, b in zip(match_times, score_times)]
        if budget == 10**12:
            overlap = median([len(a & b) / max(1, len(b)) for a, b in zip(rule_found, found)])
            label += f" (top 10 shared with the rule: {overlap:.2f})"
        rule_found = found
        print(f"{label}: MATCH + bm25() top 100 p50 {1000 * median(match_times):.1f} ms, p99 "
              f"{1000 * np.percentile(match_times, 99):.1f} ms; weighted BM25 of those 100 p50 "
              f"{1000 * median(score_times):.1f} ms; together p50 {1000 * median(total):.1f} ms, "
              f"p99 {1000 * np.percentile(total, 99):.1f} ms", flush=True)
    lexical_module.GATHER_POSTINGS = rules[0][0]
    store.close()
    if not keep:
        path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="an index folder whose vectors are the real ones")
    parser.add_argument("--base-sample", type=int, default=0, help="keep this many real vectors (0: all)")
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--types", default="flat,hnsw,ivf")
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--lexical", type=int, default=0, help="paragraphs of the synthetic lexical store (0: skip)")
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the lexical store in --work (and reuse one there)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="qabot-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {describe()}")
    if args.base:
        base = base_vectors(args.base)
        if 0 < args.base_sample < len(base):
            base = base[np.sort(np.random.default_rng(4).choice(len(base), args.base_sample, replace=False))]
        queries = query_vectors(args.base, args.questions)
        print(f"base: {len(base)} real window vectors from {args.base}")
        for size in [int(s) for s in args.sizes.split(",") if s]:
            vector_benchmark(base, queries, size, args.types.split(","), work)
    if args.lexical:
        lexical_benchmark(args.lexical, work, args.questions, keep=args.keep)


if __name__ == "__main__":
    main()
