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
            d = json.loads(line)
            items.append(Gold(d.get("id", f"line{no}"), d["question"], d.get("kind", "other"),
                              [e["quote"] for e in d.get("evidence", [])], d.get("evidence_mode", "any"),
                              d.get("facts", [])))
        except (ValueError, KeyError, TypeError) as exc:
            raise QabotError(f"{path}, line {no}, is not a gold question ({exc}).") from None
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
        shown = norm("\n".join([answer["lead"]] + [p["text"] + "\n" + p["citation"] + "\n" + (p.get("context") or "")
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
