"""The Python API (`import qabot`), used as the README shows it: ingest, open, ask, close."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading

import pytest

import qabot

from .conftest import CORPUS, ROOT

SEED_2003 = "002_5d85320994a82449.txt"  # E/CN.4/RES/2003/73


def test_import_qabot_loads_no_model_index_or_store():
    code = ("import sys, qabot; "
            "print(sorted(m for m in ('numpy', 'faiss', 'torch', 'onnxruntime', 'sentence_transformers', 'sqlite3', "
            "'tokenizers', 'click', 'rich') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_ingest_open_ask_close(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in (SEED_2003, "000_e943feafb609eb45.txt"):
        shutil.copy(CORPUS / name, corpus / name)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    index = tmp_path / "index"

    report = qabot.ingest([corpus], index=index)
    assert isinstance(report, qabot.IngestReport)
    assert len(report.added) == 2 and report.generation == "gen-000001"
    assert [(s.path.rsplit("/", 1)[-1], s.reason) for s in report.skipped] == [("empty.txt", "the file is empty")]
    assert qabot.ingest(corpus, index=index).unchanged == report.added  # one path alone is fine too

    with qabot.open(index=index) as opened:
        assert opened.generation == "gen-000001"
        answer = opened.ask("which regional workshops were held in 2003?", k=2)
        assert isinstance(answer, qabot.Answer) and answer.found and len(answer.passages) == 2
        first = answer.passages[0]
        assert first.citation.startswith("E/CN.4/RES/2003/73, ")
        assert first.text[:60] in " ".join((CORPUS / SEED_2003).read_text(encoding="utf-8").split())  # its words
        assert answer.to_json()["passages"][0]["citation"] == first.citation  # the JSON `qabot ask` prints
        scoped = opened.ask("what does it say about regional arrangements?", doc="57/210", k=3)
        assert {p.document.symbol for p in scoped.passages} == {"A/RES/57/210"}
        with pytest.raises(qabot.BadQuestion, match="empty"):
            opened.ask("   ")
        with pytest.raises(qabot.UnknownDocument):
            opened.ask("what does it say?", doc="99/999")
    with pytest.raises(qabot.QabotError, match="closed"):
        opened.ask("which regional workshops were held in 2003?")

    # settings by name, as in config/qabot.toml
    with qabot.open(index=index, citation_style="un", k=1) as un:
        answer = un.ask("which regional workshops were held in 2003?")
        assert len(answer.passages) == 1
        assert answer.passages[0].citation.startswith("Commission on Human Rights resolution 2003/73 of 25 April 2003, ")
    with pytest.raises(TypeError, match="unknown setting colour"):
        qabot.open(index=index, colour="blue")
    with pytest.raises(qabot.IndexMissing, match="qabot ingest"):
        qabot.open(index=tmp_path / "nothing-here")


def test_an_open_index_answers_from_threads_and_sees_a_new_generation(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / SEED_2003, corpus / SEED_2003)
    index = tmp_path / "index"
    qabot.ingest([corpus], index=index)
    with qabot.open(index=index) as opened:
        answers: list = []
        threads = [threading.Thread(target=lambda: answers.append(opened.ask("when was 2003/73 adopted?")))
                   for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(answers) == 4 and len({a.lead for a in answers}) == 1 and "25 April 2003" in answers[0].lead
        shutil.copy(CORPUS / "000_e943feafb609eb45.txt", corpus / "000_e943feafb609eb45.txt")
        assert qabot.ingest([corpus], index=index).generation == "gen-000002"
        answer = opened.ask("when was 57/210 adopted?")
        assert opened.generation == "gen-000002" and "18 December 2002" in answer.lead
