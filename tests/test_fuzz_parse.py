"""Fuzzing the resolution parser (Hypothesis): the seed documents truncated, their lines shuffled,
deleted or doubled, document-system markers and layout injected, random bytes written over them.

Whatever comes in, no exception escapes but UnreadableFile (a clear reason, the file skipped), and
every paragraph that comes out is still the document's own words in order (layout removed only), with
a label unique in its document, so the real store takes it.

QABOT_FUZZ_EXAMPLES sets the examples per property (default 40, modest for CI; run with thousands
when changing the parser). Examples are derandomized so that CI never fails by luck: a new input is
explored locally (QABOT_FUZZ_RANDOM=1), and a failure it finds is pinned in FOUND below.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qabot.errors import UnreadableFile
from qabot.parse import parse_bytes
from qabot.parse.read import decode_text
from qabot.parse.resolution import parse_resolution
from qabot.records import FOOTNOTE, OPERATIVE, PREAMBULAR
from qabot.store.database import Store

from . import layouts
from .conftest import SEEDS
from .verbatim import occurs_in_order


def _texts() -> list[str]:
    """The seeds as printed, and each re-laid out as PDF text, a Word export, Markdown and clean text."""
    out = []
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        parsed = parse_resolution(text, path.stem, str(path))
        out.append(text)
        for render in (layouts.as_pdf_text, layouts.as_word_export, layouts.as_markdown, layouts.as_clean_text):
            out.append(render(parsed.document, parsed.paragraphs))
    return out


TEXTS = _texts()
EXAMPLES = int(os.environ.get("QABOT_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("QABOT_FUZZ_RANDOM"),
                database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                                      HealthCheck.data_too_large])

# What layouts and document systems put around the words, and what resolutions print.
MARKERS = ["[DU1]", "[DU27]", "<<ODS JOB NO>>N0249652<<ODS JOB NO>>", "<<ODS DOC SYMBOL1>>A/RES/57/210<<ODS DOC SYMBOL1>>",
           "<<ODS JOB NO>>", "<!-- page 3 -->", "\f", "__________________", "----------", "* * *",
           "A/RES/57/210", "E/CN.4/RES/2003/73", "page 4", "- 3 -", "02 54321", "GE.03-14502 (E)", "*0254321*",
           "The General Assembly,", "The Commission on Human Rights,", "77th plenary meeting", "[Adopted without a vote.]",
           "1. Decides to remain seized of the matter.", "1.", "20.", "(a)", "(ii)", "(a) (i)", "*", "**", "_", "__",
           "1 See A/57/283.", "2", "3 Ibid.", "[^1]", "[^1]: A note.", "[^a]", "[^a]: A note.", "[^note]: See below.", "Recalling:", "Annex", "# Heading", "\t1.\t",
           "\u00ad", "\u00a0", "\u2014", "\u201c", "\u00b9", "Distr.: General", "Original: English", "Agenda item 109 (b)"]


def mutated(draw_text: str, data) -> str:
    """One seed with a few mutations, each drawn by Hypothesis (so a failure shrinks to a small one)."""
    lines = draw_text.split("\n")
    for _ in range(data.draw(st.integers(0, 4), label="mutations")):
        kind = data.draw(st.sampled_from(["truncate", "shuffle", "delete", "double", "inject", "inject_inline"]))
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        if kind == "truncate":
            text = "\n".join(lines)
            lines = text[: data.draw(st.integers(0, len(text)))].split("\n")
        elif kind == "shuffle":
            j = data.draw(st.integers(i, min(len(lines), i + 30)))
            window = lines[i:j]
            data.draw(st.randoms(use_true_random=False)).shuffle(window)
            lines[i:j] = window
        elif kind == "delete":
            del lines[i:i + data.draw(st.integers(1, 5))]
        elif kind == "double":
            lines[i:i] = lines[i:i + data.draw(st.integers(1, 5))]
        elif kind == "inject":
            lines.insert(i, data.draw(st.sampled_from(MARKERS)))
        else:
            line = lines[i]
            at = data.draw(st.integers(0, len(line)))
            lines[i] = line[:at] + data.draw(st.sampled_from(MARKERS)) + line[at:]
    return "\n".join(lines)


def check_parsed(data: bytes, store: Store | None = None) -> None:
    """The properties every parse must keep; raises AssertionError with the reason."""
    try:
        documents = parse_bytes(data, Path("fuzzed.txt"), "fuzzed", "fuzzed.txt")
    except UnreadableFile as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    source = decode_text(data)
    for parsed in documents:
        labels = [p.label for p in parsed.paragraphs]
        assert len(labels) == len(set(labels)), f"labels repeat: {sorted(labels)}"
        assert [p.seq for p in parsed.paragraphs] == list(range(len(parsed.paragraphs)))
        for p in parsed.paragraphs:
            assert p.kind in (PREAMBULAR, OPERATIVE, FOOTNOTE)
            assert p.text and p.text == p.text.strip() and "\n" not in p.text and "  " not in p.text, repr(p.text)
            assert not re.search(r"\[DU\d+\]|<<ODS|<!--", p.text), f"a marker is left in {p.label}: {p.text!r}"
            problem = occurs_in_order(p.text, source)
            assert problem is None, f"{p.label} is not verbatim: {problem}: {p.text!r}"
            assert all(note in labels for note in p.footnotes), (p.label, p.footnotes)
        json.dumps(parsed.document.to_json())
        if store is not None:
            with store.transaction():
                store.put_document(parsed.document, parsed.paragraphs)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = Store(tmp_path_factory.mktemp("fuzz") / "store.sqlite", readonly=False)
    yield s
    s.close()


@FUZZ
@given(st.integers(0, len(TEXTS) - 1), st.data())
def test_mutated_resolutions_parse_into_verbatim_paragraphs(store, seed, data):
    check_parsed(mutated(TEXTS[seed], data).encode("utf-8"), store)


@FUZZ
@given(st.integers(0, len(TEXTS) - 1), st.data())
def test_random_bytes_are_refused_or_parsed_verbatim(store, seed, data):
    raw = bytearray(TEXTS[seed].encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 6), label="writes")):
        at = data.draw(st.integers(0, len(raw)))
        junk = data.draw(st.binary(min_size=1, max_size=64))
        if data.draw(st.booleans(), label="overwrite"):
            raw[at:at + len(junk)] = junk
        else:
            raw[at:at] = junk
    check_parsed(bytes(raw), store)


@FUZZ
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400).map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_arbitrary_text_never_raises_anything_but_unreadable(data):
    check_parsed(data)


@FUZZ
@given(st.lists(st.sampled_from(MARKERS + ["", "Welcoming the report,", "Decides to continue;", "of the",
                                           "Requests the Secretary-General to report;"]), max_size=40))
def test_resolution_shaped_noise_parses_verbatim(lines):
    check_parsed(("The General Assembly,\n\n" + "\n".join(lines)).encode("utf-8"))


# ------------------------------------------------------------------ FOUND: what fuzzing found, pinned
def test_a_markdown_note_label_is_never_cut_from_words():
    """A note "[^a]" made every glued "a" a footnote mark: "data" was quoted as "dat"."""
    text = "The General Assembly,\n\n1. Decides that the data and the agenda remain;[^a]\n\n[^a]: A note.\n"
    (op1, note) = parse_resolution(text, "x").paragraphs
    assert op1.text == "Decides that the data and the agenda remain;" and op1.footnotes == ["fna"]
    assert note.label == "fna" and note.text == "A note."


def test_a_reference_to_a_lost_note_is_cut_but_not_cited():
    text = "The General Assembly,\n\n1. Decides to remain seized of the matter.[^1]\n"
    (op1,) = parse_resolution(text, "x").paragraphs
    assert op1.text == "Decides to remain seized of the matter." and op1.footnotes == []


def test_superscripts_are_cut_only_as_note_marks():
    """Superscript digits were all turned into ASCII digits: "km\u00b2" was quoted as "km2"."""
    text = ("The General Assembly,\n\n1. Decides that 5 km\u00b2 of land, named in the report,\u00b9 remain;\n\n"
            "__________\n1 A note.\n2 Another.\n")
    op1 = parse_resolution(text, "x").paragraphs[0]
    assert op1.text == "Decides that 5 km\u00b2 of land, named in the report, remain;" and op1.footnotes == ["fn1"]


def test_a_line_of_layout_alone_is_no_paragraph():
    """A lone "*" after the opening, or under a printed number, came out as a paragraph "*"."""
    text = "The General Assembly,\n\n*\n\nWelcoming the report,\n\n1.\n*\n\n2. Decides to continue.\n"
    paragraphs = parse_resolution(text, "x").paragraphs
    assert [(p.label, p.text) for p in paragraphs] == [("pp1", "Welcoming the report,"), ("2", "Decides to continue.")]
