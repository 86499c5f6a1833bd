"""`qabot eval`: gold questions in the format of ../shared/eval, or a BEIR folder."""

from __future__ import annotations

from pathlib import Path

import click

from .base import index_option, open_searcher


@click.command(name="eval")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@index_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--details", is_flag=True, help="Also print each question with its score.")
def eval_command(path, index, fmt, details):
    """Score answers to gold questions: a JSONL file in the format of ../shared/eval, or a BEIR folder
    (queries.jsonl, qrels/test.tsv; its corpus.jsonl ingested into the index) for nDCG@10, recall and MRR."""
    import json

    from .. import evaluate
    from ..answer.answerability import model
    from ..pipeline import ask as run_ask

    if path.is_dir():
        metrics = _eval_beir(path, index)
        if fmt == "json":
            click.echo(json.dumps(metrics, indent=2))
        else:
            click.echo("  ".join(f"{k} {v}" for k, v in metrics.items()))
        return
    golds = evaluate.read_gold(path)
    searcher = open_searcher(index)
    scores = []
    rows = []
    answers = []
    for gold in golds:
        answer = run_ask(searcher, gold.question, k=max(evaluate.KS)).to_json()
        answers.append(answer)
        score = evaluate.score(gold, answer)
        scores.append(score)
        rows.append({"id": gold.id, "kind": gold.kind, "found": answer["found"], "first_rank": score.first_rank,
                     "recall@5": score.recall.get(5), "facts": score.facts, "abstained_right": score.abstained_right,
                     "lead": answer["lead"], "signals": answer.get("signals")})
    table = evaluate.summarize(golds, scores)
    threshold = model().threshold
    curve = evaluate.selective_curve(golds, answers)
    if fmt == "json":
        extra = {"questions": rows, "selective": {"threshold": threshold, "curve": curve}} if details else {}
        click.echo(json.dumps({"summary": table, **extra}, indent=2, ensure_ascii=False))
        return
    if details:
        for row in rows:
            click.echo(f"{row['id']:6} {row['kind']:14} found={row['found']!s:5} rank={row['first_rank']!s:4} "
                       f"r@5={row['recall@5']!s:5} facts={row['facts']!s:5} ok={row['abstained_right']!s:5} "
                       f"{row['signals']} | {row['lead'][:90]}")
    click.echo(evaluate.format_table(table))
    if details:
        click.echo(evaluate.format_curve(curve, threshold))


def _eval_beir(folder: Path, index) -> dict:
    from .. import evaluate

    return evaluate.run_beir(open_searcher(index), evaluate.read_beir(folder))
