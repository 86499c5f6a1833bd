"""BEIR corpora: ingest (one document per record), `qabot eval DIR` with trec_eval's measures, and a
regression guard on a 300-document slice of SciFact (real model, real index; not a timing)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qabot import evaluate

from .conftest import run_qabot

SCIFACT = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "scifact"
SLICE_DOCS = 300
# nDCG@10 measured on this slice with the default settings, less a margin for harmless changes.
NDCG_FLOOR = 0.88  # measured 0.903 (fp32) and 0.904 (int8) on 2026-12-01

pytestmark = pytest.mark.skipif(not (SCIFACT / "corpus.jsonl").is_file(), reason="no SciFact copy in ../shared")


def _slice(target: Path) -> Path:
    """The first 100 test queries with every document relevant to them, filled up to 300 documents with
    the corpus's first other documents (distractors), written as a BEIR folder."""
    qrels: dict[str, dict[str, int]] = {}
    lines = (SCIFACT / "qrels" / "test.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        qid, doc, rel = line.split("\t")
        qrels.setdefault(qid, {})[doc] = int(rel)
    queries = [json.loads(x) for x in (SCIFACT / "queries.jsonl").read_text(encoding="utf-8").splitlines() if x]
    chosen = [q for q in queries if q["_id"] in qrels][:100]
    wanted = {doc for q in chosen for doc in qrels[q["_id"]]}
    corpus = [x for x in (SCIFACT / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    relevant = [x for x in corpus if json.loads(x)["_id"] in wanted]
    others = [x for x in corpus if json.loads(x)["_id"] not in wanted][: SLICE_DOCS - len(relevant)]
    (target / "qrels").mkdir(parents=True)
    (target / "corpus.jsonl").write_text("\n".join(relevant + others) + "\n", encoding="utf-8")
    (target / "queries.jsonl").write_text("\n".join(json.dumps(q) for q in chosen) + "\n", encoding="utf-8")
    (target / "qrels" / "test.tsv").write_text(
        "query-id\tcorpus-id\tscore\n" + "".join(f"{q['_id']}\t{d}\t{r}\n" for q in chosen
                                                 for d, r in qrels[q["_id"]].items()), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def scifact_slice(tmp_path_factory):
    folder = _slice(tmp_path_factory.mktemp("scifact") / "slice")
    index = folder.parent / "index"
    result = run_qabot("ingest", str(folder / "corpus.jsonl"), "--index", str(index), timeout=900)
    assert result.returncode == 0, result.stderr
    assert f"{SLICE_DOCS} added" in result.stdout
    return folder, index


def test_each_record_is_a_document_with_its_id_title_and_text(scifact_slice):
    folder, index = scifact_slice
    result = run_qabot("paragraphs", "--index", str(index), "--format", "jsonl")
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    first = json.loads((folder / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[0])
    mine = [r for r in rows if r["doc"]["id"] == first["_id"]]
    assert len(rows) == SLICE_DOCS and len(mine) == 1
    assert mine[0]["doc"]["title"] == " ".join(first["title"].split())
    assert mine[0]["text"] == " ".join(first["text"].split())  # whole, only white space folded


def test_eval_of_a_beir_folder_stays_above_its_floor(scifact_slice):
    folder, index = scifact_slice
    result = run_qabot("eval", str(folder), "--index", str(index), "--format", "json")
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert metrics["queries"] == 100
    assert set(metrics) >= {"ndcg@10", "recall@10", "recall@100", "mrr@10"}
    assert metrics["ndcg@10"] >= NDCG_FLOOR, metrics
    assert metrics["recall@100"] >= metrics["recall@10"] >= 0.0


def test_batch_answers_cite_beir_ids_with_distinct_documents(scifact_slice):
    folder, index = scifact_slice
    queries = [json.loads(x) for x in (folder / "queries.jsonl").read_text(encoding="utf-8").splitlines()[:3]]
    qrels = evaluate.read_beir(folder).qrels
    result = run_qabot("ask", "--batch", "-", "--index", str(index), "-k", "10",
                       input="\n".join(q["text"] for q in queries) + "\n")
    answers = [json.loads(x) for x in result.stdout.splitlines()]
    assert [a["question"] for a in answers] == [" ".join(q["text"].split()) for q in queries]
    corpus_ids = {json.loads(x)["_id"] for x in (folder / "corpus.jsonl").read_text(encoding="utf-8").splitlines()}
    for query, answer in zip(queries, answers):
        ids = [p["doc"]["id"] for p in answer["passages"]]
        assert ids and set(ids) <= corpus_ids and len(ids) == len(set(ids))
    assert any(set(qrels[q["_id"]]) & {p["doc"]["id"] for p in a["passages"]} for q, a in zip(queries, answers))


def test_trec_eval_measures_on_a_known_ranking():
    relevant = {"a": 1, "c": 1}
    ranked = ["x", "a", "y", "c"]
    assert evaluate.ndcg(ranked, relevant) == pytest.approx((1 / 1.5849625 + 1 / 2.3219281) / (1 + 1 / 1.5849625))
    assert evaluate.recall(ranked, relevant, 2) == 0.5
    assert evaluate.reciprocal_rank(ranked, relevant) == 0.5


def test_a_word_never_stands_in_for_its_opposite(scifact_slice):
    """"increase" and "decrease" are neighbours in the embedding space of scientific abstracts; a claim
    that something decreases must not also search for "increase"."""
    from qabot.language import stemming as analysis
    from qabot import config
    from qabot.search import expansion
    from qabot.search.retrieve import Searcher

    _, index = scifact_slice
    searcher = Searcher(config.load(index=index))
    original = expansion.opposite
    try:
        expansion.opposite = lambda a, b: False  # what the embedding space alone would add
        unfiltered, _, _ = searcher.expander.expand(["decreases", "higher"], set())
    finally:
        expansion.opposite = original
    kept, _, _ = searcher.expander.expand(["decreases", "higher"], set())
    opposites = {analysis.stem("increase"), analysis.stem("lower")}
    assert opposites & set(unfiltered)  # the neighbours include an opposite ...
    assert not opposites & set(kept)  # ... which qabot leaves out
    assert kept  # while the other neighbours stay
    searcher.close()
