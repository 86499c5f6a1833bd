"""`qabot eval`: gold questions scored exactly as ../shared/eval/README.md says.

- norm(s): casefold; every character that is not a letter or digit becomes a space; spaces collapsed.
- a passage covers an evidence quote when norm(quote) is a substring of norm(passage text);
- recall@k: `any` questions 1 if some evidence is covered in the top k, `all` questions the share of
  evidence covered in the top k; averaged over questions with evidence;
- MRR@10 over `any` questions; facts: every fact's norm inside norm(everything the answer shows);
- abstention: unanswerable questions must come back found=false, answerable ones found=true.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .errors import QabotError

KS = (1, 5, 10)


def norm(s: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in s.casefold()).split())


@dataclass
class Gold:
    id: str
    question: str
    kind: str
    evidence: list[str]
    mode: str
    facts: list[str]

    @property
    def answerable(self) -> bool:
        return bool(self.evidence or self.facts)


def _quote(item) -> str:
    """An evidence item: {"quote": "..."} as the README writes it, or the quote as a plain string."""
    quote = item.get("quote") if isinstance(item, dict) else item
    if not isinstance(quote, str) or not quote.strip():
        raise ValueError('an evidence item is {"quote": "exact words"} or the words as a string')
    return quote


def _gold(d: dict, no: int) -> Gold:
    if not isinstance(d, dict):
        raise ValueError("a line is one JSON object")
    question = d.get("question")
    if not isinstance(question, str) or not question.strip():
        raise ValueError('it has no "question"')
    evidence = d.get("evidence") or []
    facts = d.get("facts") or []
    if isinstance(evidence, (str, dict)):
        evidence = [evidence]
    if isinstance(facts, str):
        facts = [facts]
    if not isinstance(evidence, list) or not isinstance(facts, list) or not all(isinstance(f, str) for f in facts):
        raise ValueError('"evidence" and "facts" are lists')
    mode = d.get("evidence_mode") or "any"
    if mode not in ("any", "all"):
        raise ValueError(f'"evidence_mode" is "any" or "all", not {mode!r}')
    return Gold(str(d.get("id", f"line{no}")), question, str(d.get("kind", "other")),
                [_quote(e) for e in evidence], mode, facts)


def read_gold(path: Path) -> list[Gold]:
    items = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise QabotError(f"Cannot read {path}: {exc}.") from None
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            items.append(_gold(json.loads(line), no))
        except ValueError as exc:
            raise QabotError(f"{path}, line {no}, is not a gold question: {exc}.") from None
    if not items:
        raise QabotError(f"{path} holds no gold questions (one JSON object a line: see `qabot eval --help`).")
    return items


@dataclass
class Score:
    recall: dict[int, float] = field(default_factory=dict)
    rr: float | None = None
    facts: bool | None = None
    abstained_right: bool = True
    first_rank: int | None = None


def score(gold: Gold, answer: dict) -> Score:
    texts = [norm(p["text"]) for p in answer["passages"]]
    quotes = [norm(q) for q in gold.evidence]
    s = Score()
    if quotes:
        for k in KS:
            top = texts[:k]
            covered = [any(q in t for t in top) for q in quotes]
            s.recall[k] = (1.0 if any(covered) else 0.0) if gold.mode == "any" else sum(covered) / len(quotes)
        if gold.mode == "any":
            s.rr = 0.0
            for rank, t in enumerate(texts[:10], 1):
                if any(q in t for q in quotes):
                    s.rr = 1.0 / rank
                    s.first_rank = rank
                    break
    if gold.facts:
        # everything shown: the lead, each passage with its citation, its chapeau and its footnotes, the notes
        shown = norm("\n".join([answer["lead"]] + [
            "\n".join([p["text"], p["citation"], p.get("context") or ""] + [f.get("text", "") for f in p.get("footnotes") or []
                                                                       if isinstance(f, dict)])
            for p in answer["passages"]] + answer.get("notes", [])))
        s.facts = all(norm(f) in shown for f in gold.facts)
    s.abstained_right = answer["found"] == gold.answerable
    return s


def summarize(golds: list[Gold], scores: list[Score]) -> dict:
    groups: dict[str, list[tuple[Gold, Score]]] = defaultdict(list)
    for g, s in zip(golds, scores):
        groups[g.kind].append((g, s))
        groups["overall"].append((g, s))
    table = {}
    for kind, rows in groups.items():
        with_evidence = [s for g, s in rows if g.evidence]
        any_rows = [s for g, s in rows if g.evidence and g.mode == "any"]
        facts = [s.facts for g, s in rows if g.facts]
        unanswerable = [s for g, s in rows if not g.answerable]
        answerable = [s for g, s in rows if g.answerable]
        table[kind] = {
            "questions": len(rows),
            **{f"recall@{k}": _mean([s.recall[k] for s in with_evidence]) for k in KS},
            "mrr@10": _mean([s.rr for s in any_rows]),
            "facts": _mean([1.0 if f else 0.0 for f in facts]),
            "abstained": f"{sum(s.abstained_right for s in unanswerable)}/{len(unanswerable)}",
            "answered": f"{sum(s.abstained_right for s in answerable)}/{len(answerable)}",
        }
    return table


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 4) if values else None


def format_table(table: dict) -> str:
    columns = ["questions", "recall@1", "recall@5", "recall@10", "mrr@10", "facts", "abstained", "answered"]
    kinds = sorted(k for k in table if k != "overall") + ["overall"]
    width = max(len(k) for k in kinds) + 2
    lines = ["kind".ljust(width) + "".join(c.rjust(11) for c in columns)]
    for kind in kinds:
        row = table[kind]
        cells = []
        for c in columns:
            v = row[c]
            cells.append(("-" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))).rjust(11))
        lines.append(kind.ljust(width) + "".join(cells))
    lines.append("abstained: unanswerable questions answered found=false; answered: answerable ones found=true")
    return "\n".join(lines)


# ---------------------------------------------------------------- selective answering
def selective_curve(golds: list[Gold], answers: list[dict], steps: int = 10) -> list[dict]:
    """Coverage against precision as the answerability threshold rises: at each threshold, the share of
    questions answered (found) and, of those, the share that the corpus does answer. Answers decided
    without the score (a named paragraph, a document's metadata) count as certain; a partial answer (the
    kind of fact asked for is in no passage shown: not found at any score) as never answered, and so does
    any answer a rule decided against its score (the subject only another text speaks of)."""
    scored = [(_decided_score(a), g.answerable) for g, a in zip(golds, answers)]
    rows = []
    for i in range(steps + 1):
        t = i / steps
        answered = [ok for p, ok in scored if p >= t]
        rows.append({"threshold": t, "coverage": len(answered) / len(scored) if scored else 0.0,
                     "precision": sum(answered) / len(answered) if answered else None})
    return rows


def _decided_score(answer: dict) -> float:
    """The answerability score as the answer's decision stands: 0 when it was not found whatever its score,
    1 when it was found without the score."""
    signals = answer.get("signals") or {}
    if answer.get("missing") or "answerable" not in signals:
        return 0.0 if answer.get("missing") or not answer["found"] else 1.0
    score, threshold = signals["answerable"], signals.get("threshold", 0.0)
    if not answer["found"] and score >= threshold:
        return 0.0
    if answer["found"] and score < threshold:
        return 1.0
    return score


def format_curve(rows: list[dict], threshold: float) -> str:
    lines = [f"selective answering (answered when the answerability score >= threshold; qabot uses {threshold:.4f}):",
             "threshold  coverage  precision"]
    for r in rows:
        precision = "-" if r["precision"] is None else f"{r['precision']:.3f}"
        lines.append(f"{r['threshold']:9.2f}  {r['coverage']:8.3f}  {precision:>9}")
    return "\n".join(lines)


# ---------------------------------------------------------------- BEIR folders
@dataclass
class BeirSet:
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]


def read_beir(folder: Path, split: str = "test") -> BeirSet:
    try:
        queries = {}
        for line in (folder / "queries.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                queries[str(record["_id"])] = record["text"]
        qrels: dict[str, dict[str, int]] = {}
        for no, line in enumerate((folder / "qrels" / f"{split}.tsv").read_text(encoding="utf-8").splitlines()):
            parts = line.split("\t")
            if no == 0 and not parts[-1].strip().lstrip("-").isdigit():
                continue  # header
            if len(parts) >= 3:
                qrels.setdefault(parts[0], {})[parts[1]] = int(parts[2])
    except (OSError, ValueError, KeyError) as exc:
        raise QabotError(f"{folder} is not a BEIR folder (corpus.jsonl, queries.jsonl, qrels/{split}.tsv): {exc}.") from None
    return BeirSet({q: t for q, t in queries.items() if q in qrels}, qrels)


def ndcg(ranked: list[str], relevant: dict[str, int], k: int = 10) -> float:
    """trec_eval's ndcg_cut: gain = relevance, discount log2(rank + 1)."""
    import math

    dcg = sum(relevant.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted((r for r in relevant.values() if r > 0), reverse=True)[:k]
    idcg = sum(r / math.log2(i + 2) for i, r in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], relevant: dict[str, int], k: int) -> float:
    wanted = {d for d, r in relevant.items() if r > 0}
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 0.0


def reciprocal_rank(ranked: list[str], relevant: dict[str, int], k: int = 10) -> float:
    for i, d in enumerate(ranked[:k], 1):
        if relevant.get(d, 0) > 0:
            return 1.0 / i
    return 0.0


def beir_metrics(runs: dict[str, list[str]], qrels: dict[str, dict[str, int]]) -> dict[str, float]:
    n = len(runs) or 1
    return {
        "queries": len(runs),
        "ndcg@10": round(sum(ndcg(runs[q], qrels[q]) for q in runs) / n, 4),
        "recall@10": round(sum(recall(runs[q], qrels[q], 10) for q in runs) / n, 4),
        "recall@100": round(sum(recall(runs[q], qrels[q], 100) for q in runs) / n, 4),
        "mrr@10": round(sum(reciprocal_rank(runs[q], qrels[q]) for q in runs) / n, 4),
    }


def run_beir(searcher, data: BeirSet, depth: int = 100) -> dict[str, float]:
    """Every query through qabot's own retrieval (query understanding, hybrid search, boosts), its ranked
    documents scored against the qrels."""
    from .search.query import understand

    runs = {}
    for qid, text in data.queries.items():
        question = " ".join(text.split())[: searcher.settings.max_question_chars]
        runs[qid] = distinct_documents(searcher.search(understand(question), depth), depth)
    return beir_metrics(runs, data.qrels)


def distinct_documents(retrieval, limit: int) -> list[str]:
    """Document ids in the order their best paragraph ranks (distinct documents first)."""
    out: list[str] = []
    for c in retrieval.candidates:
        doc_id = retrieval.paragraphs[c.pid].doc_id if c.pid in retrieval.paragraphs else None
        if doc_id is not None and doc_id not in out:
            out.append(doc_id)
            if len(out) >= limit:
                break
    return out
