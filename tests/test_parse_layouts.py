"""The parser is about layouts, not about five files: every seed, laid out again in each of the four
layouts (with their debris), parses back to the same paragraphs, labels, links and footnotes."""

from __future__ import annotations

import pytest

from qabot.parse.resolution import parse_resolution

from .conftest import CORPUS
from .layouts import LAYOUTS
from .verbatim import occurs_in_order

SEED_PREFIXES = ["000", "001", "002", "003", "004"]


def _parse(text: str, name: str):
    return parse_resolution(text, name, name)


def _shape(parsed):
    cited = {n for p in parsed.paragraphs for n in p.footnotes}
    body = [(p.kind, p.label, p.parent, p.text, p.footnotes) for p in parsed.paragraphs if p.kind != "footnote"]
    notes = {p.label: p.text for p in parsed.paragraphs if p.kind == "footnote" and p.label in cited}
    return body, notes


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("prefix", SEED_PREFIXES)
def test_relaid_seed_parses_to_the_same_paragraphs(prefix, layout):
    path = next(CORPUS.glob(prefix + "_*.txt"))
    original = _parse(path.read_text(encoding="utf-8"), path.stem)
    text = LAYOUTS[layout](original.document, original.paragraphs)
    again = _parse(text, path.stem)
    body, notes = _shape(original)
    body2, notes2 = _shape(again)
    assert [b[1] for b in body2] == [b[1] for b in body], "labels differ"
    for want, got in zip(body, body2):
        if layout == "clean":  # clean text prints no footnotes
            want, got = want[:4], got[:4]
        assert got == want, f"{layout} {want[1]}"
    if layout != "clean":
        assert notes2 == notes
    for p in again.paragraphs:
        assert occurs_in_order(p.text, text) is None, p.label


@pytest.mark.parametrize("prefix", SEED_PREFIXES)
def test_relaid_seed_keeps_its_metadata(prefix):
    path = next(CORPUS.glob(prefix + "_*.txt"))
    original = _parse(path.read_text(encoding="utf-8"), path.stem).document
    for layout in ("pdf-text", "word-export"):
        again = _parse(LAYOUTS[layout](original, _parse(path.read_text(encoding="utf-8"), path.stem).paragraphs),
                       path.stem).document
        assert again.body == original.body
        if original.status == "adopted":
            assert again.date == original.date and again.meeting == original.meeting
        if layout == "word-export" and original.symbol:
            assert again.symbol == original.symbol
        if layout == "pdf-text" and original.symbol:
            assert again.symbol == original.symbol  # from the running page headers


def test_a_no_break_space_after_a_paragraph_number_still_numbers_it():
    # "1.\u00a0Reaffirms", as word processors and PDFs write it: it was read as a line of the paragraph before
    # ("pp. 4: 1. Reaffirms ...", then "2 (cont.) (cont.)")
    import re

    changed = 0
    for prefix in SEED_PREFIXES:
        path = next(CORPUS.glob(prefix + "_*.txt"))
        text = path.read_text(encoding="utf-8")
        spaced = re.sub(r"^(\s*(?:\d{1,3}\.|\([a-z]{1,3}\)))[ \t]+", "\\1\u00a0", text, flags=re.M)
        changed += spaced != text
        original, again = _parse(text, path.stem).paragraphs, _parse(spaced, path.stem).paragraphs
        assert [(p.kind, p.label) for p in again] == [(p.kind, p.label) for p in original], prefix
    assert changed >= 3  # the seeds of that layout were relaid


HRC = """United Nations A/HRC/RES/7/12

Human Rights Council

Resolution 7/12. Enforced or involuntary disappearances

The Human Rights Council,

Recalling all previous resolutions on the subject,

1. Takes note of the report of the Working Group;

2. Decides to continue its consideration of this question.

Adopted at the 40th meeting, 27 March 2008, without a vote
"""


def test_the_councils_one_line_trailer_gives_the_meeting_date_and_vote():
    # "Adopted at the 40th meeting, 27 March 2008, without a vote" was read as a paragraph (op. 2 (cont.)):
    # no date, meeting or vote; "Resolution 7/12." stayed in the title
    parsed = _parse(HRC, "hrc")
    doc = parsed.document
    assert (doc.date, doc.meeting, doc.vote) == ("2008-03-27", "40th meeting", "adopted without a vote")
    assert doc.title == "Enforced or involuntary disappearances" and doc.number == "7/12"
    assert [p.label for p in parsed.paragraphs if p.kind != "footnote"] == ["pp1", "1", "2"]
    assert parsed.paragraphs[-1].text == "Decides to continue its consideration of this question."


def test_markdown_bullets_before_item_labels_are_layout():
    # "- (a) To organize ..." was joined with "- (b) ..." into one paragraph "4 (cont.)"
    text = HRC.replace("2. Decides to continue its consideration of this question.",
                       "2. Requests the Office:\n\n- (a) To organize a seminar in 2009;\n\n- (b) To report on it;")
    parsed = _parse(text, "hrc-md")
    items = [(p.label, p.text) for p in parsed.paragraphs if p.parent == "2"]
    assert items == [("2 (a)", "To organize a seminar in 2009;"), ("2 (b)", "To report on it;")]


ANNEXED = """United Nations A/RES/65/241

General Assembly

65/241. Alternative care of older persons

The General Assembly,

Recalling the United Nations Principles for Older Persons,

1. Adopts the Guidelines contained in annex I to the present resolution;

2. Decides to establish an Advisory Board, with the terms of reference contained in annex II;

71st plenary meeting
21 December 2010

Annex I

Guidelines for the Alternative Care of Older Persons

1. The purpose of the present Guidelines is to enhance implementation.

2. Alternative care may take the following forms:

(a) Informal care provided by relatives;

(b) Day-care centres.

Annex II

Terms of reference of the Advisory Board

1. The Advisory Board shall consist of 12 members.

2. Members shall serve for a term of three years, renewable once.
"""


def test_annexes_printed_after_the_adoption_lines_are_kept_and_cited_as_annex_paragraphs():
    # everything after "71st plenary meeting" was taken for the trailer: both annexes were lost, silently
    from qabot.labels import citation_label, parse_label

    parsed = _parse(ANNEXED, "annexed")
    assert (parsed.document.meeting, parsed.document.date) == ("71st plenary meeting", "2010-12-21")
    labels = {p.label: p.text for p in parsed.paragraphs}
    assert [p.label for p in parsed.paragraphs] == ["pp1", "1", "2", "annex I 1", "annex I 2", "annex I 2 (a)",
                                                    "annex I 2 (b)", "annex II 1", "annex II 2"]
    assert labels["annex II 2"] == "Members shall serve for a term of three years, renewable once."
    assert citation_label("annex II 2") == "annex II, para. 2" and citation_label("annex I 2 (a)") == "annex I, para. 2 (a)"
    assert parse_label("annex II, para. 2") == "annex II 2" and parse_label("Annex i para 2(b)") == "annex I 2 (b)"


def test_a_note_mark_after_the_closing_punctuation_is_a_note():
    # "... human rights defenders;*" kept its "*" in the quote and its note was lost
    text = HRC.replace("1. Takes note of the report of the Working Group;",
                       "1. Takes note of the report of the Working Group;*").replace(
        "without a vote\n", "without a vote\n\n* See also General Assembly resolution 53/144, annex.\n")
    parsed = _parse(text, "hrc-note")
    first = next(p for p in parsed.paragraphs if p.label == "1")
    assert first.text == "Takes note of the report of the Working Group;" and first.footnotes == ["fn*"]
    note = next(p for p in parsed.paragraphs if p.label == "fn*")
    assert note.text == "See also General Assembly resolution 53/144, annex."
