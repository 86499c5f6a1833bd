"""`qabot docs` and `qabot paragraphs` through the real command line, in a new process."""

from __future__ import annotations

import json

import pytest

from .conftest import run_qabot

DOCUMENT_KEYS = {"id", "symbol", "body", "title", "date", "meeting", "session", "source"}


@pytest.fixture(scope="module")
def built_index(tmp_path_factory):
    index = tmp_path_factory.mktemp("cli") / "index"
    result = run_qabot("ingest", "--index", str(index))
    assert result.returncode == 0, result.stderr
    return index


def test_docs_json_has_one_object_per_document(built_index):
    result = run_qabot("docs", "--format", "json", "--index", str(built_index))
    assert result.returncode == 0
    documents = json.loads(result.stdout)
    assert len(documents) == 5
    for doc in documents:
        assert DOCUMENT_KEYS <= set(doc)
    by_symbol = {d["symbol"]: d for d in documents}
    assert by_symbol["A/RES/57/224"]["meeting"] == "77th plenary meeting"
    assert by_symbol[None]["date"] == "2004-12-20"


def test_docs_text_lists_each_document(built_index):
    result = run_qabot("docs", "--index", str(built_index))
    assert result.returncode == 0
    assert len(result.stdout.strip().splitlines()) == 6  # a header and five rows
    assert "E/CN.4/2002/L.108" in result.stdout


def test_paragraphs_jsonl_shape_and_order(built_index):
    result = run_qabot("paragraphs", "2003/73", "--format", "jsonl", "--index", str(built_index))
    assert result.returncode == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"doc", "kind", "label", "text", "footnotes"} <= set(rows[0])
    assert DOCUMENT_KEYS <= set(rows[0]["doc"])
    assert [r["label"] for r in rows if r["kind"] == "operative"][-2:] == ["19", "21"]
    assert rows[0]["label"] == "pp1" and rows[0]["kind"] == "preambular"


def test_paragraphs_links_footnotes_with_their_text(built_index):
    result = run_qabot("paragraphs", "A/RES/57/210", "--format", "jsonl", "--index", str(built_index))
    rows = {json.loads(line)["label"]: json.loads(line) for line in result.stdout.splitlines()}
    assert rows["1"]["footnotes"] == [{"label": "fn4", "text": "A/57/283."}]
    assert rows["fn4"]["kind"] == "footnote"


def test_every_paragraph_of_the_corpus_is_listed(built_index):
    result = run_qabot("paragraphs", "--format", "jsonl", "--index", str(built_index))
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len({r["doc"]["id"] for r in rows}) == 5
    assert len(rows) > 150


def test_unknown_document_is_one_clear_line(built_index):
    result = run_qabot("paragraphs", "99/999", "--index", str(built_index))
    assert result.returncode != 0
    assert result.stderr.startswith("qabot: No document '99/999'") and result.stderr.count("\n") == 1


def test_missing_index_is_one_clear_line(tmp_path):
    result = run_qabot("docs", "--index", str(tmp_path / "nothing"))
    assert result.returncode != 0
    assert "qabot ingest" in result.stderr and "Traceback" not in result.stderr


def test_index_from_environment_and_flag_wins(built_index, tmp_path):
    result = run_qabot("docs", "--format", "json", env={"QABOT_INDEX": str(built_index)})
    assert result.returncode == 0 and len(json.loads(result.stdout)) == 5
    result = run_qabot("docs", "--index", str(tmp_path / "none"), env={"QABOT_INDEX": str(built_index)})
    assert result.returncode != 0
