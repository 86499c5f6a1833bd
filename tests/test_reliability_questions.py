"""Bad questions: a clear refusal or a real answer, through the Python Service and the command line
(text, --format json, --batch), never a traceback; JSON stays valid and in order."""

from __future__ import annotations

import json
import random
import subprocess

import pytest

from qabot import config
from qabot.errors import BadQuestion
from qabot.pipeline import Service, clean_question

from .conftest import QABOT, ROOT, run_qabot

_RNG = random.Random(7)
JUNK = bytes(_RNG.randrange(256) for _ in range(600))
# question -> "refused" (BadQuestion, with this word in its sentence) or "answered"
HOSTILE = {
    "": "empty",
    "   \t  \n ": "empty",
    "\u200b\ufeff": "empty",
    "x" * 100_000: "limit",
    JUNK.decode("utf-8", "surrogateescape"): "binary",
    JUNK.decode("latin-1"): "binary",
    'NEAR( "x* -- ) OR': "answered",
    'workshops NEAR(regional, 5) AND "2003': "answered",
    "text: islamabad OR context: *": "answered",
    "'; DROP TABLE paragraphs; --": "answered",
    "1 OR 1=1; SELECT * FROM documents": "answered",
    "<script>alert(1)</script> workshops": "answered",
    "<b>regional</b> &amp; workshops held in 2003": "answered",
    "¿Qué talleres regionales se celebraron en 2003?": "answered",
    "哪些区域讲习班在2003年举行？": "answered",
    "ما هي ورش العمل الإقليمية التي عقدت في عام 2003؟": "answered",
    "Какие региональные семинары прошли в 2003 году?": "answered",
    "🙂 regional workshops 🙂": "answered",
    "paragraph 99999999999999999999 of 2003/73": "answered",
    "A/RES/" + "9" * 500: "answered",
    "\u202eregional workshops\u202c": "answered",
    "x\x00y workshops": "answered",
}


@pytest.fixture(scope="module")
def service(corpus_index):
    return Service(config.load(index=corpus_index))


@pytest.mark.parametrize("question", list(HOSTILE), ids=lambda q: repr(q[:24]))
def test_service_refuses_clearly_or_answers(service, question):
    expected = HOSTILE[question]
    if expected == "answered":
        answer = service.ask(question)
        data = json.loads(json.dumps(answer.to_json(), ensure_ascii=False))
        assert data["lead"] and isinstance(data["found"], bool)
        assert data["passages"] and all(p["text"] and p["citation"] for p in data["passages"])
        assert data["generation"] == service.generation
    else:
        with pytest.raises(BadQuestion) as refused:
            service.ask(question)
        sentence = str(refused.value)
        assert expected in sentence and "\n" not in sentence and len(sentence) < 200


def test_the_bound_is_stated_and_white_space_does_not_count():
    assert clean_question("  a  " + " " * 5000 + "b ", 10) == "a b"
    with pytest.raises(BadQuestion, match="2001 characters long; the limit is 2000 .max_question_chars."):
        clean_question("y" * 2001, 2000)
    assert clean_question("y" * 2000, 2000)
    assert clean_question(b"caf\xc3\xa9", 10) == "café"
    with pytest.raises(BadQuestion, match="not UTF-8"):
        clean_question(b"caf\xe9", 10)
    with pytest.raises(BadQuestion, match="must be text"):
        clean_question(42, 10)
    # invisible format characters go; a word joined by a soft hyphen or zero-width space is one word
    assert clean_question("work\u00adshop\u200bs", 100) == "workshops"


def test_command_line_refuses_in_one_line(corpus_index, tmp_path):
    index = ["--index", str(corpus_index)]
    for args, stdin, word in [(["ask", ""], None, "empty"), (["ask", "--format", "json", "q" * 100_000], None, "limit"),
                              (["ask", "--format", "json"], JUNK.decode("latin-1"), "binary")]:
        result = run_qabot(*args, *index, input=stdin)
        assert result.returncode == 1 and result.stdout == "", result.stderr
        assert result.stderr.startswith("qabot: ") and result.stderr.count("\n") == 1 and word in result.stderr
    # a question on stdin with a few undecodable bytes: answered, the bytes dropped
    answered = subprocess.run(QABOT + ["ask", "--format", "json", *index], cwd=ROOT, capture_output=True,
                              input=b"regional workshops \xff held in 2003\n", timeout=300)
    assert answered.returncode == 0, answered.stderr
    data = json.loads(answered.stdout)
    assert data["found"] is True and data["question"] == "regional workshops held in 2003"


def test_batch_answers_every_line_in_order_with_valid_json(corpus_index, tmp_path):
    lines = [
        b"which regional workshops were held in 2003?",
        b"\xff\xfe\x00\x01\x02\x03\x04\x05 binary \x80\x81\x82\x83\x84\x85",
        b"   ",  # blank lines are skipped
        'NEAR( "x* -- ) OR'.encode(),
        b"z" * 100_000,
        b"q" * 3_000_000,  # over the bytes read for one question: refused, the line read through
        "<script>alert('x')</script>".encode(),
        "Какие региональные семинары прошли в 2003 году?".encode(),
        b"what does operative paragraph 5 of 2003/73 say?\r",
    ]
    batch = tmp_path / "batch.txt"
    batch.write_bytes(b"\n".join(lines) + b"\n")
    result = run_qabot("ask", "--batch", str(batch), "--index", str(corpus_index))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 8
    assert out[0]["found"] is True and "error" not in out[0]
    assert "binary" in out[1]["error"]
    assert out[2]["question"] == 'NEAR( "x* -- ) OR' and out[2]["passages"]
    assert "limit is 2000" in out[3]["error"] and "limit is 2000" in out[4]["error"]
    assert out[5]["question"] == "<script>alert('x')</script>" and "error" not in out[5]
    assert out[6]["question"].startswith("Какие") and "error" not in out[6]
    assert out[7]["passages"][0]["paragraph"]["label"] == "5"


def test_a_batch_of_nothing_but_refusals_fails(corpus_index, tmp_path):
    batch = tmp_path / "batch.txt"
    batch.write_bytes(b"\xff\xfe\x00\x01 binary \x80\x81\x82\n" + b"z" * 100_000 + b"\n")
    result = run_qabot("ask", "--batch", str(batch), "--index", str(corpus_index))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == "qabot: none of the 2 questions of the batch could be asked."
    assert [bool(json.loads(line)["error"]) for line in result.stdout.splitlines()] == [True, True]


def test_a_word_broken_by_bytes_that_are_not_utf8_is_refused(corpus_index):
    # Latin-1 "où était": it was answered as "o tait le workshop"
    result = subprocess.run(QABOT + ["ask", "--index", str(corpus_index)], cwd=ROOT, capture_output=True,
                            input=b"o\xf9 \xe9tait le workshop\n", timeout=300)
    assert result.returncode == 1 and b"not UTF-8" in result.stderr and result.stderr.count(b"\n") == 1
