"""Late interaction (ColBERT-style MaxSim) as a second reading of the top candidates: does it lift
questions asked in a user's own words (issue 15, "a second reading of the top candidates")?

For each question, the top N candidates of the fused ranking (dense + BM25 + expansion, before the
boosts for years, dates, documents) are read again: the question's word pieces (stopwords and
punctuation dropped; optionally weighted by the corpus idf of their word) against every word piece of
the candidate's embedding text (the same text the dense vector reads: chapeau + sub-paragraph, title +
abstract), with the last hidden states of the index's own ONNX export (all-MiniLM-L6-v2, int8 or fp32,
the tensor mean pooling reads), normalised:

    maxsim(q, p) = sum_i w_i * max_j cos(q_i, p_j) / sum_i w_i

and fused with the score in one of three ways, each measured with `qabot eval`'s scoring on the gold
sets and nDCG@10 on a BEIR folder:

    add:  score += weight * maxsim for the top N (the rest get weight * the lowest maxsim of the top N,
          so that their order relative to the top N is kept)
    swap: score += weight * (maxsim - dense) for the top N: MaxSim stands in for part of the dense cosine
    rrf:  the top N reordered by 1/(60 + fused rank) + weight/(60 + maxsim rank), handed the same
          scores they had in the new order (the absolute scale the boosts and abstention read is kept)

Token vectors are computed at query time for the candidates (kept in memory across configurations):
a measurement, not the shipping path.

    python benchmarks/late_interaction.py --gold ../shared/eval/dev.jsonl tests/questions/tune.jsonl \
        [--beir ../shared/bench/scifact --beir-index DIR] [--index embeddings] [--top 30,50] \
        [--configs add:0.1,add:0.2,rrf:1,...] [--idf both|yes|no] [--json OUT]

Results (2026-12-06, main at cf1aa58, seeds corpus and SciFact, int8 export, 2 shared cores; weights
chosen on tune + fit only; held read for its overall line only, at the end). Overall R@5 / MRR@10:

    config                                        dev          tune         fit          held         SciFact
    none (main)                                   0.925 0.839  0.641 0.603  0.980 0.884  0.693 0.552  0.7236
    rrf:1 top 30, idf, paragraph content words    0.937 0.814  0.672 0.647  0.980 0.913  0.693 0.617  0.7263
      (best on tune + fit of ~150 configurations, 4 sweeps)
    rrf:1 top 30, idf, every word piece           0.925 0.827  0.703 0.622  0.980 0.910      -        0.7277
    swap:0.2 top 30, idf, every word piece        0.943 0.867  0.641 0.604  0.980 0.901      -        0.7262
    add:0.2 top 30, idf, every word piece         0.919 0.840  0.641 0.604  0.980 0.889      -        0.7309

No configuration helps dev AND tune on both R@5 and MRR: what lifts tune (rank fusion) costs dev MRR
(lookup questions, where the fused ranking is right and MaxSim is not: MaxSim alone over the top 50
ranks the answer at MRR 0.52-0.56 on dev against 0.62 for the fused scores before boosts, 0.25-0.29
against 0.37 on tune); what lifts dev (swap) leaves tune flat. Tune's paraphrases sit at fused ranks
12, 29, 33: MaxSim moves them to 8-13, short of the top 5. all-MiniLM-L6-v2's token states were never
trained for token matching (ColBERT's were). Cost at query time: 4.5 ms per seed paragraph, 28-34 ms
per SciFact abstract (dev p50 13.7 -> 24.7 ms with 30 candidates read per question; SciFact +0.45 s a
query); stored at ingest, ~1.8M word pieces for SciFact (~0.7 GB int8).

Also tried (2026-12-07, evening), not with this script: clause windows, i.e. each paragraph of more than
1.5x N words also indexed as its clauses (cut after ".", ";" or ":" and after a comma once N words are
reached, pieces of N/2 words or more), a paragraph scored by its best window as for long texts, so that a
question matching one clause of a long paragraph finds it. On the seeds, recall@5 mean / MRR mean over
dev and 56 development halves: none 0.907 / 0.830, N = 16 0.898 / 0.824; with blind61-63's development
halves too (not yet read then): none 0.904 / 0.827, N = 28 0.901 / 0.829 (on those three alone 0.844 ->
0.824). A clause alone loses the
words of the rest of its paragraph that the question also uses; not kept (it would also encode every
word piece twice at ingest).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qabot import config, evaluate  # noqa: E402
from qabot.embed import encoders as embed  # noqa: E402
from qabot.ingest.embedding import embedding_texts  # noqa: E402
from qabot.language import stemming  # noqa: E402
from qabot.pipeline import ask, open_searcher  # noqa: E402
from qabot.search import candidates as candidates_module  # noqa: E402
from qabot.search.query import QUESTION_WORDS, STOPWORDS, understand  # noqa: E402
from qabot.search.retrieve import Searcher  # noqa: E402


class TokenEncoder:
    """The export's graph with one more output: the last hidden state that mean pooling reads."""

    def __init__(self, export_folder: Path):
        import onnx
        import onnxruntime as ort

        model = onnx.load(str(export_folder / "model.onnx"))
        graph = model.graph
        producers = {o: n for n in graph.node for o in n.output}
        # sentence_embedding <- Div <- ... ReduceSum(Mul(hidden, mask)): walk back to the ReduceSum
        node = producers[graph.output[0].name]
        while node.op_type != "ReduceSum":
            node = producers[node.input[0]]
        masked = producers[node.input[0]]  # hidden * mask
        hidden = masked.input[0]
        graph.output.append(onnx.helper.make_tensor_value_info(hidden, onnx.TensorProto.FLOAT, None))
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
        self.tok = embed.tokenizer(export_folder)

    def run(self, ids: list[int]) -> np.ndarray:
        ids = np.asarray([ids], dtype=np.int64)
        out = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids),
                                      "token_type_ids": np.zeros_like(ids)})[1][0]
        return out / np.linalg.norm(out, axis=1, keepdims=True).clip(1e-9)

    def text(self, text: str, content_only: bool = False) -> np.ndarray:
        """Every word piece of a text (its windows), [CLS] and [SEP] dropped: (pieces, 384) float32;
        `content_only`: stopwords and punctuation dropped too."""
        rows = []
        for piece in embed.windows(text, self.tok):
            e = self.tok.encode(piece)
            ids = e.ids[: embed.MAX_TOKENS - 1] + e.ids[-1:] if len(e.ids) > embed.MAX_TOKENS else e.ids
            vectors = self.run(ids)
            keep = _content(piece, e)[: len(ids)] if content_only else [w is not None for w in e.word_ids[: len(ids)]]
            keep[-1] = False
            rows.append(vectors[np.asarray(keep, dtype=bool)])
        return np.concatenate(rows) if rows else np.zeros((0, 384), np.float32)

    def question(self, text: str, idf) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The question's content word pieces: vectors, weights 1, weights by idf of their word."""
        e = self.tok.encode(text)
        vectors = self.run(e.ids[: embed.MAX_TOKENS])
        keep, idfs = [], []
        words: dict[int, str] = {}
        for i, (w, (a, b)) in enumerate(zip(e.word_ids, e.offsets)):
            if w is None:
                continue
            if w not in words:
                spans = [e.offsets[j] for j, x in enumerate(e.word_ids) if x == w]
                words[w] = text[spans[0][0]:spans[-1][1]].lower()
            word = words[w]
            if not any(c.isalnum() for c in word) or word in STOPWORDS or word in QUESTION_WORDS:
                continue
            keep.append(i)
            stems = stemming.stems(word)
            idfs.append(max([idf(s) for s in stems], default=1.0) if stems else 1.0)
        if not keep:  # nothing but stopwords: every word piece
            keep = [i for i, w in enumerate(e.word_ids) if w is not None]
            idfs = [1.0] * len(keep)
        return vectors[keep], np.ones(len(keep), np.float32), np.asarray(idfs, np.float32)


def _content(text: str, e) -> list[bool]:
    """Per word piece: is it part of a content word (not a stopword, not punctuation)?"""
    words: dict[int, str] = {}
    out = []
    for w, (a, b) in zip(e.word_ids, e.offsets):
        if w is None:
            out.append(False)
            continue
        if w not in words:
            spans = [o for x, o in zip(e.word_ids, e.offsets) if x == w]
            words[w] = text[spans[0][0]:spans[-1][1]].lower()
        word = words[w]
        out.append(any(c.isalnum() for c in word) and word not in STOPWORDS)
    return out


class Late:
    """Patches Searcher._fuse: after the fused scores, the top N read again by MaxSim."""

    def __init__(self, searcher: Searcher):
        self.searcher = searcher
        self.encoder = TokenEncoder(searcher.encoder.export.folder)
        self.paragraph_vectors: dict[int, np.ndarray] = {}
        self.question_vectors: dict[str, tuple] = {}
        self.mode, self.weight, self.top, self.use_idf = None, 0.0, 30, False
        self.content_only = False
        self.encode_seconds = 0.0
        self._original = candidates_module.Gathering._fuse

    def install(self) -> None:
        late = self

        def fuse(searcher, query, weights, lexical, dense, vector):
            found = late._original(searcher, query, weights, lexical, dense, vector)
            if late.mode:
                late.rerank(query, found)
            return found

        Searcher._fuse = fuse

    def _paragraph(self, pid: int) -> np.ndarray:
        key = (pid, self.content_only)
        if key not in self.paragraph_vectors:
            store = self.searcher.store
            p = store.paragraphs_by_id([pid])[pid]
            siblings = list(store.paragraphs(p.doc_id))
            by_label = {x.label: x for x in siblings}
            citing = {}
            for x in siblings:
                for note in x.footnotes:
                    citing.setdefault(note, x)
            doc = store.document(p.doc_id)
            text = embedding_texts(p, by_label, citing, doc.title if doc else None, len(siblings))[0]
            t = time.perf_counter()
            self.paragraph_vectors[key] = self.encoder.text(text, self.content_only).astype(np.float16)
            self.encode_seconds += time.perf_counter() - t
        return self.paragraph_vectors[key]

    def maxsim(self, text: str, pids: list[int]) -> dict[int, float]:
        if text not in self.question_vectors:
            self.question_vectors[text] = self.encoder.question(text, self.searcher.idf)
        q, ones, idfs = self.question_vectors[text]
        w = idfs if self.use_idf else ones
        out = {}
        for pid in pids:
            p = self._paragraph(pid).astype(np.float32)
            if len(p) == 0:
                out[pid] = 0.0
                continue
            best = (q @ p.T).max(axis=1)
            out[pid] = float((w * best).sum() / w.sum())
        return out

    def rerank(self, query, found: dict) -> None:
        ranked = sorted(found.values(), key=lambda c: -c.score)
        head = ranked[: self.top]
        if len(head) < 2:
            return
        sims = self.maxsim(query.text, [c.pid for c in head])
        if self.mode == "add":
            floor = min(sims.values())
            for c in ranked:
                c.score += self.weight * sims.get(c.pid, floor)
        elif self.mode == "zadd":  # z-scored within the top N: the same spread for every question
            values = np.fromiter(sims.values(), dtype=np.float64)
            mean, std = values.mean(), values.std() or 1.0
            floor = (values.min() - mean) / std
            for c in ranked:
                c.score += self.weight * ((sims[c.pid] - mean) / std if c.pid in sims else floor)
        elif self.mode == "gate":  # swap, as far as the words of the question are missing from the top N
            gate = max(0.0, 1.0 - max(c.lexical_norm for c in head))
            for c in head:
                c.score += self.weight * gate * (sims[c.pid] - c.dense)
            cap = min(c.score for c in head)
            for c in ranked[self.top:]:
                c.score = min(c.score, cap - 1e-6)
        elif self.mode == "swap":
            for c in head:
                c.score += self.weight * (sims[c.pid] - c.dense)
            cap = min(c.score for c in head)
            for c in ranked[self.top:]:
                c.score = min(c.score, cap - 1e-6)
        elif self.mode == "rrf":
            by_sim = {pid: r for r, pid in enumerate(sorted(sims, key=lambda p: -sims[p]), 1)}
            order = sorted(head, key=lambda c: -(1 / (60 + head.index(c) + 1) + self.weight / (60 + by_sim[c.pid])))
            scores = [c.score for c in head]
            for c, s in zip(order, scores):
                c.score = s


def score_gold(searcher: Searcher, path: Path) -> dict:
    golds = evaluate.read_gold(path)
    scores, times = [], []
    for g in golds:
        t = time.perf_counter()
        answer = ask(searcher, g.question, k=max(evaluate.KS)).to_json()
        times.append(time.perf_counter() - t)
        scores.append(evaluate.score(g, answer))
    table = evaluate.summarize(golds, scores)
    ranks = {g.id: s.first_rank for g, s in zip(golds, scores)}
    return {"overall": {**table["overall"], "p50_ms": round(1000 * float(np.median(times)), 1)},
            "paraphrase": table.get("paraphrase"), "ranks": ranks}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", nargs="*", default=[], type=Path)
    ap.add_argument("--summary-only", nargs="*", default=[], type=Path,
                    help="gold sets reported by their overall line only (the held-back set)")
    ap.add_argument("--index", default=None)
    ap.add_argument("--beir", type=Path, default=None)
    ap.add_argument("--beir-index", default=None)
    ap.add_argument("--top", default="30")
    ap.add_argument("--configs", default="none,add:0.1,add:0.2,add:0.3,swap:0.3,swap:0.6,rrf:1,rrf:2")
    ap.add_argument("--idf", choices=["yes", "no", "both"], default="both")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--content-only", action="store_true",
                    help="the paragraph's stopwords and punctuation dropped too")
    args = ap.parse_args()
    configs = [c.split(":") for c in args.configs.split(",")]
    idfs = {"yes": [True], "no": [False], "both": [False, True]}[args.idf]
    results = []
    sets = [(p, False) for p in args.gold] + [(p, True) for p in args.summary_only]
    for index, runs in ([(args.index, sets)] if sets else []) + ([(args.beir_index, None)] if args.beir else []):
        searcher = open_searcher(config.load(index=index))
        late = Late(searcher)
        late.install()
        late.content_only = args.content_only
        beir = evaluate.read_beir(args.beir) if runs is None else None
        for top in [int(t) for t in args.top.split(",")]:
            for use_idf in idfs:
                for spec in configs:
                    if spec[0] == "none" and (use_idf != idfs[0] or top != int(args.top.split(",")[0])):
                        continue
                    late.mode = None if spec[0] == "none" else spec[0]
                    late.weight = float(spec[1]) if len(spec) > 1 else 0.0
                    late.top, late.use_idf = top, use_idf
                    name = f"{spec[0]}:{late.weight}" + ("" if spec[0] == "none" else f" top={top} idf={use_idf}")
                    t = time.perf_counter()
                    row = {"config": name}
                    if runs is None:
                        row["beir"] = evaluate.run_beir(searcher, beir)
                    else:
                        for path, summary in runs:
                            r = score_gold(searcher, path)
                            row[path.stem] = r["overall"] if summary else r
                    row["seconds"] = round(time.perf_counter() - t, 1)
                    results.append(row)
                    print(json.dumps(_short(row)), flush=True)
        print(f"# token encoding: {late.encode_seconds:.1f} s for {len(late.paragraph_vectors)} paragraphs",
              flush=True)
        searcher.close()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


def _short(row: dict) -> dict:
    out = {"config": row["config"], "s": row["seconds"]}
    for key, value in row.items():
        if key == "beir":
            out["ndcg@10"] = value["ndcg@10"]
        elif isinstance(value, dict):
            overall = value.get("overall", value)
            para = value.get("paraphrase") or {}
            out[key] = (f"R@1 {overall['recall@1']} R@5 {overall['recall@5']} R@10 {overall['recall@10']} "
                        f"MRR {overall['mrr@10']} ans {overall['answered']} abst {overall['abstained']} "
                        f"p50 {overall.get('p50_ms')} ms"
                        + (f" | para R@5 {para.get('recall@5')} MRR {para.get('mrr@10')}" if para else ""))
    return out


if __name__ == "__main__":
    main()
