"""Ingest speed on BEIR SciFact, end to end (`qabot ingest FILE.jsonl` in a new process: parse, store,
FTS, windows, embedding, vocabulary, FAISS), per encoder, with the machine's measured matmul rates so
the distance to the hardware is visible, and nDCG@10 of the same build.

    python benchmarks/ingest.py [--encoder auto --encoder fp32 --encoder int8] [--runs 3] [--limit N] [--no-eval]

"auto" (the default) is the encoder qabot chooses for this machine (int8 with VNNI/AMX, else fp32).
Printed per encoder: documents/s, the encoder's achieved GFLOP/s (its matmul work over the encode step,
and over the whole ingest) against the measured peak of the kernel it runs (ONNX Runtime's int8 GEMM for
int8; sgemm and ORT's fp32 GEMM for fp32), FLOPs per document, and each step's seconds; the CPU flags
that decide the choice are printed with the machine.

Each run builds a new index folder (nothing cached but the encoder export, which is written once per
machine and is timed apart, and from the second run on the machine's cache of word vectors, which
starts empty: run 1 prints the vocabulary step without it). Figures are medians over the runs; the matmul rates are measured
between runs, so a machine shared with others is measured under the same load. With --limit the
first N documents are ingested and no nDCG is printed (the qrels need the whole corpus).

Target (issue 17): >= 60% of the peak of the encoder used, >= 25% fewer FLOPs per document than the
windows of 2026-11 (396 word pieces, 9.2 GFLOP per SciFact abstract), SciFact nDCG@10 >= 0.72.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import cpu_flags, describe, load, matmul_gflops, median  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCIFACT = ROOT.parent / "shared" / "bench" / "scifact"
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
# all-MiniLM-L6-v2: 6 layers of hidden 384, feed-forward 1536, 12 heads
LAYERS, HIDDEN, FFN = 6, 384, 1536


def flops_of(tokens: int) -> float:
    """Multiply-adds x 2 of one text of `tokens` word pieces through the encoder (matmuls only)."""
    dense = 2 * tokens * (4 * HIDDEN * HIDDEN + 2 * HIDDEN * FFN)
    attention = 2 * 2 * tokens * tokens * HIDDEN
    return LAYERS * (dense + attention)


def workload(index: Path) -> tuple[int, int, float]:
    """(documents, word pieces encoded, GFLOP of matmuls) of an ingest, from the texts it embedded:
    the windows of every paragraph of the built store, as vectors.update cuts them."""
    from qabot.embed import encoders as embed
    from qabot.store.database import STORE_FILE, Store
    from qabot.ingest.embedding import embedding_texts

    tok = embed.tokenizer(embed.model_dir("all-MiniLM-L6-v2"))
    limit = json.loads((index / (index / "CURRENT").read_text().strip() / "manifest.json").read_text()).get(
        "dense_word_pieces", 0)
    store = Store(index / (index / "CURRENT").read_text().strip() / STORE_FILE)
    tokens = 0
    flops = 0.0
    documents = store.documents()
    for document in documents:
        paragraphs = list(store.paragraphs(document.id))
        by_label = {p.label: p for p in paragraphs}
        citing = {note: p for p in reversed(paragraphs) for note in p.footnotes}
        for p in paragraphs:
            for text in embedding_texts(p, by_label, citing, document.title, len(paragraphs)):
                for piece in embed.windows(text, tok, limit=limit):
                    n = min(embed.MAX_TOKENS, len(tok.encode(piece).ids))
                    tokens += n
                    flops += flops_of(n)
    store.close()
    return len(documents), tokens, flops / 1e9


def vocabulary_work(index: Path) -> tuple[int, float]:
    """(words, GFLOP of matmuls) of the vocabulary step's encoding: every word of vocab.json encoded
    alone as [CLS] word [SEP] (its word pieces), when no word is cached."""
    from qabot.embed import encoders as embed
    from qabot.ingest.vocabulary import VOCAB_JSON

    tok = embed.tokenizer(embed.model_dir("all-MiniLM-L6-v2"))
    generation = index / (index / "CURRENT").read_text().strip()
    words = json.loads((generation / VOCAB_JSON).read_text(encoding="utf-8"))["words"]
    return len(words), sum(flops_of(len(e.ids)) for e in tok.encode_batch(words)) / 1e9 if words else 0.0


def qabot(*args: str, env: dict | None = None, capture: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qabot", *args], cwd=ROOT, check=True, text=True,
                          env={**os.environ, **(env or {})}, stdout=subprocess.PIPE if capture else subprocess.DEVNULL)


def timed_ingest(corpus: Path, index: Path, encoder: str, cache: Path) -> tuple[float, float, dict]:
    """(wall seconds, CPU seconds of the process, the manifest's per-step timings) of one ingest, with
    `cache` as the machine's cache (its exports linked to the real ones; its words start empty)."""
    shutil.rmtree(index, ignore_errors=True)
    if not (cache / "qabot" / "exports").exists():
        from qabot.embed.export import machine_cache

        (cache / "qabot").mkdir(parents=True, exist_ok=True)
        (cache / "qabot" / "exports").symlink_to(machine_cache())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    qabot("ingest", "--quiet", "--index", str(index), str(corpus),
          env={"QABOT_ENCODER": encoder, "XDG_CACHE_HOME": str(cache)})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    generation = (index / (index / "CURRENT").read_text().strip())
    return wall, cpu, json.loads((generation / "manifest.json").read_text())["timings"]


def chosen(encoder: str) -> str:
    """The encoder an ingest with this setting uses on this machine."""
    from qabot.embed import device

    return device.resolve(encoder, "cpu")[0]


def evaluate(target: str, index: Path) -> dict:
    out = qabot("eval", target, "--index", str(index), "--format", "json", capture=True).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SCIFACT, help="a BEIR folder (corpus.jsonl, queries, qrels)")
    parser.add_argument("--encoder", action="append", choices=["auto", "fp32", "int8"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="ingest only the first N documents")
    parser.add_argument("--no-eval", action="store_true", help="skip nDCG@10 and the dev set")
    parser.add_argument("--keep", type=Path, default=None, help="keep the last index of each encoder here")
    args = parser.parse_args()
    encoders = args.encoder or ["auto"]

    work = Path(tempfile.mkdtemp(prefix="qabot-ingest-"))
    corpus = args.data / "corpus.jsonl"
    if args.limit:
        lines = corpus.read_text(encoding="utf-8").splitlines()[:args.limit]
        corpus = work / "corpus.jsonl"
        corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from qabot.embed import encoders as embed

    start = time.perf_counter()
    for encoder in encoders:  # once per machine, not part of an ingest
        embed.ensure_export(work / "models", "all-MiniLM-L6-v2", chosen(encoder))
    export_seconds = time.perf_counter() - start

    results: dict[str, dict] = {}
    rates: list[dict] = []
    for run in range(args.runs):
        rates.append(matmul_gflops(repeats=5))
        for encoder in encoders:
            wall, cpu, steps = timed_ingest(corpus, work / f"index-{encoder}", encoder, work / f"cache-{encoder}")
            r = results.setdefault(encoder, {"wall": [], "cpu": [], "steps": []})
            r["wall"].append(wall)
            r["cpu"].append(cpu)
            r["steps"].append(steps)
            print(f"run {run + 1} {encoder}: {wall:.1f} s wall, {cpu:.1f} s CPU, vocabulary {steps.get('vocabulary', 0):.1f} s"
                  f"{' (no word cached)' if run == 0 else ' (words from the machine cache)'} ({load()})", flush=True)
    rates.append(matmul_gflops(repeats=5))
    documents, tokens, gflop = workload(work / f"index-{encoders[0]}")
    words, word_gflop = vocabulary_work(work / f"index-{encoders[0]}")

    print()
    print(f"machine: {describe()}; {load()}")
    print(f"CPU flags: {cpu_flags()}")
    rate = {name: median([r[name] for r in rates]) for name in rates[0]}
    print(f"measured matmul, GFLOP/s (medians of {len(rates)} measurements between the runs): "
          f"sgemm 2048^3 {rate['sgemm_peak']:.1f}; ONNX Runtime 256x384x1536 fp32 {rate['fp32']:.1f}, "
          f"int8 {rate['int8']:.1f}")
    print(f"corpus: {corpus} ({documents} documents, {tokens} word pieces encoded in windows of at most "
          f"{embed.MAX_TOKENS}, {tokens / documents:.0f} a document; {gflop:.0f} GFLOP of matmuls, "
          f"{gflop / documents:.2f} GFLOP a document)")
    print(f"encoder export, once per machine: {export_seconds:.0f} s (not counted below)")
    print()
    print(f"{'encoder':11} {'docs/s':>7} {'tokens/s':>9} {'GFLOP/s':>8} {'of peak':>8} {'encode GFLOP/s':>15} "
          f"{'of peak':>8} {'docs/CPU-s':>11}  steps (median s)")
    for encoder, r in results.items():
        wall, cpu = median(r["wall"]), median(r["cpu"])
        used = chosen(encoder)
        peak = rate["int8"] if used == "int8" else max(rate["sgemm_peak"], rate["fp32"])
        steps = {k: median([s.get(k, 0.0) for s in r["steps"]]) for k in r["steps"][0]}
        store = wall - sum(steps.values())
        parts = ", ".join(f"{k} {v:.1f}" for k, v in steps.items())
        encode = gflop / max(steps.get("encode", wall), 1e-9)
        print(f"{encoder + '=' + used if encoder == 'auto' else encoder:11} {documents / wall:7.1f} "
              f"{tokens / wall:9.0f} {gflop / wall:8.1f} {gflop / wall / peak:8.0%} {encode:15.1f} "
              f"{encode / peak:8.0%} {documents / cpu:11.2f}  start+parse+store {store:.1f}, {parts}")
    for encoder, r in results.items():  # the run without cached words: its vocabulary step encoded them all
        used = chosen(encoder)
        peak = rate["int8"] if used == "int8" else max(rate["sgemm_peak"], rate["fp32"])
        cold = r["wall"][0]
        print(f"{encoder}: run 1 (no word cached), the encoder's work with the vocabulary's {words} words "
              f"({word_gflop:.0f} GFLOP more): {(gflop + word_gflop) / cold:.1f} GFLOP/s over the ingest, "
              f"{(gflop + word_gflop) / cold / peak:.0%} of the peak; vocabulary step "
              f"{r['steps'][0].get('vocabulary', 0.0) / cold:.1%} of the ingest")
    print(f"(docs/s and tokens/s: wall clock of `qabot ingest` in a new process, median of {args.runs}; GFLOP/s: "
          "the encoder's matmul work over that time, and over the encode step alone; of peak: against ONNX "
          "Runtime's int8 GEMM for int8, the faster of sgemm and ORT's fp32 GEMM for fp32)")

    if args.no_eval or args.limit:
        return
    print()
    for encoder in encoders:
        index = work / f"index-{encoder}"
        beir = evaluate(str(args.data), index)
        line = f"{encoder}: SciFact nDCG@10 {beir['ndcg@10']:.3f}, recall@100 {beir['recall@100']:.3f} (same build)"
        if DEV.is_file():
            dev_index = work / f"dev-{encoder}"
            shutil.rmtree(dev_index, ignore_errors=True)
            qabot("ingest", "--quiet", "--index", str(dev_index), env={"QABOT_ENCODER": encoder})
            dev = evaluate(str(DEV), dev_index)["summary"]["overall"]
            line += "; dev set (seed corpus) " + ", ".join(f"{k} {dev[k]}" for k in ("recall@1", "recall@5", "mrr@10"))
        print(line, flush=True)
        if args.keep:
            target = args.keep / f"scifact-{encoder}"
            shutil.rmtree(target, ignore_errors=True)
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.move(str(index), target)
            print(f"  kept in {target}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
