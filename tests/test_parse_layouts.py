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


ASSEMBLY_NOTES_INDENTED = """United Nations A/RES/57/210

General Assembly

57/210. Regional arrangements for the promotion and protection of human rights

The General Assembly,

Recalling its resolution 55/105 of 4 December 2000,1

Bearing in mind the Vienna Declaration and Programme of Action,2

1. Takes note of the report of the Secretary-General;3

2. Decides to continue consideration of the question at its fifty-ninth session.

74th plenary meeting
18 December 2002

     1 See Official Records of the General Assembly, Fifty-fifth Session, Supplement No. 49
     (A/55/49), vol. I.
     2 A/CONF.157/24 (Part I), chap. III.
     3 A/57/283.
"""


def _notes_of(parsed):
    return {p.label: (p.footnotes, p.text) for p in parsed.paragraphs if p.footnotes} | {
        p.label: p.text for p in parsed.paragraphs if p.kind == "footnote"}


def test_indented_notes_after_the_adoption_lines_are_the_documents_notes():
    # notes indented under "74th plenary meeting / 18 December 2002" were taken for the trailer and lost:
    # the paragraphs kept "2000,1", "Action,2", "Secretary-General;3" in their quotes and cited nothing
    parsed = _parse(ASSEMBLY_NOTES_INDENTED, "indented")
    assert [p.label for p in parsed.paragraphs] == ["pp1", "pp2", "1", "2", "fn1", "fn2", "fn3"]
    assert _notes_of(parsed) == {
        "pp1": (["fn1"], "Recalling its resolution 55/105 of 4 December 2000,"),
        "pp2": (["fn2"], "Bearing in mind the Vienna Declaration and Programme of Action,"),
        "1": (["fn3"], "Takes note of the report of the Secretary-General;"),
        "fn1": "See Official Records of the General Assembly, Fifty-fifth Session, Supplement No. 49 (A/55/49), vol. I.",
        "fn2": "A/CONF.157/24 (Part I), chap. III.",
        "fn3": "A/57/283."}
    assert (parsed.document.meeting, parsed.document.date) == ("74th plenary meeting", "2002-12-18")
    # the same notes unindented, as the seeds print them, read the same
    flush = _parse(ASSEMBLY_NOTES_INDENTED.replace("\n     ", "\n"), "flush")
    assert [(p.label, p.text, p.footnotes) for p in flush.paragraphs] == \
        [(p.label, p.text, p.footnotes) for p in parsed.paragraphs]


@pytest.mark.parametrize("indent", ["  ", "        ", "\t", "\t\t"])
def test_notes_under_the_councils_one_line_trailer_are_read_at_any_indentation(indent):
    text = HRC.replace("Recalling all previous resolutions on the subject,",
                       "Recalling the Declaration on the Protection of All Persons from Enforced Disappearance,1").replace(
        "1. Takes note of the report of the Working Group;", "1. Takes note of the report of the Working Group;2"
    ) + f"\n{indent}1 General Assembly resolution 47/133.\n{indent}2 A/HRC/7/2 and Corr.1, chap. II, submitted under\n" \
        f"{indent}  the mandate of the Working Group.\n"
    parsed = _parse(text, "hrc-indented")
    assert _notes_of(parsed) == {
        "pp1": (["fn1"], "Recalling the Declaration on the Protection of All Persons from Enforced Disappearance,"),
        "1": (["fn2"], "Takes note of the report of the Working Group;"),
        "fn1": "General Assembly resolution 47/133.",
        "fn2": "A/HRC/7/2 and Corr.1, chap. II, submitted under the mandate of the Working Group."}
    assert [p.label for p in parsed.paragraphs if p.kind != "footnote"] == ["pp1", "1", "2"]
    assert (parsed.document.date, parsed.document.vote) == ("2008-03-27", "adopted without a vote")


def test_the_trailers_date_is_no_note_and_notes_after_it_are_kept():
    # "2 December 2002" under the meeting line was read as note 2 ("December 2002"): the adoption date was
    # lost, note 1 after it was never read, and pp2 cited a note that is the date
    text = ASSEMBLY_NOTES_INDENTED.replace("18 December 2002", "2 December 2002")
    parsed = _parse(text, "early-date")
    assert parsed.document.date == "2002-12-02"
    assert [(p.label, p.footnotes) for p in parsed.paragraphs if p.footnotes] == \
        [("pp1", ["fn1"]), ("pp2", ["fn2"]), ("1", ["fn3"])]
    assert next(p.text for p in parsed.paragraphs if p.label == "fn2") == "A/CONF.157/24 (Part I), chap. III."


def test_indented_notes_after_an_annex_are_notes_and_a_centred_heading_stays_the_annexs():
    text = ANNEXED.replace("Recalling the United Nations Principles for Older Persons,",
                           "Recalling the United Nations Principles for Older Persons,1").replace(
        "21 December 2010\n\nAnnex I", "21 December 2010\n\n\t1 Resolution 46/91, annex\n\n                 Annex I"
    ).replace("enhance implementation.", "enhance implementation;2") + "\n\t2 See resolution 46/91, annex.\n"
    parsed = _parse(text, "annexed-notes")
    assert [p.label for p in parsed.paragraphs] == ["pp1", "1", "2", "annex I 1", "annex I 2", "annex I 2 (a)",
                                                    "annex I 2 (b)", "annex II 1", "annex II 2", "fn1", "fn2"]
    assert _notes_of(parsed)["annex I 1"] == (["fn2"], "The purpose of the present Guidelines is to enhance implementation;")
    assert _notes_of(parsed)["fn1"] == "Resolution 46/91, annex"


def test_an_annex_line_that_goes_on_with_a_number_is_its_text_not_a_note():
    # notes after the trailer may be indented; an annex's own wrapped line "     2 weeks, ..." was cut from its
    # paragraph ("... for no more than") and made note 2
    text = ANNEXED.replace("1. The Advisory Board shall consist of 12 members.",
                           "   1. The Advisory Board shall meet once a year for no more than\n     2 weeks, and shall "
                           "consist of 12 members.")
    parsed = _parse(text, "annexed-wrapped")
    labels = {p.label: p.text for p in parsed.paragraphs}
    assert labels["annex II 1"] == ("The Advisory Board shall meet once a year for no more than 2 weeks, and shall "
                                    "consist of 12 members.")
    assert not any(p.label.startswith("fn") for p in parsed.paragraphs)


SUPERSCRIPT_MARKS = """United Nations A/RES/57/210

General Assembly

57/210. Regional arrangements for the promotion and protection of human rights

The General Assembly,

Bearing in mind the Vienna Declaration and Programme of Action,\u00b9

Keenly aware that regional offices covering 5 km\u00b2 or more were set up in 2002,\u2077

Recalling paragraphs 1,2 and 5 of its resolution 55/105 of 4 December 2000,

1. Takes note of the report of the Secretary-General;\u00b2

2. Decides to continue consideration of the question at its fifty-ninth session.

74th plenary meeting
18 December 2002

\u00b9 A/CONF.157/24 (Part I), chap. III.
\u00b2A/57/283.
"""


def test_superscript_note_marks_are_cut_and_their_notes_kept():
    # "Action,\u00b9" kept its mark in the quote and the notes "\u00b9 A/CONF.157/24 ..." were lost; the paragraph
    # after a superscript mark was glued onto it (its end was not seen)
    parsed = _parse(SUPERSCRIPT_MARKS, "superscripts")
    assert [(p.label, p.text, p.footnotes) for p in parsed.paragraphs] == [
        ("pp1", "Bearing in mind the Vienna Declaration and Programme of Action,", ["fn1"]),
        # "km\u00b2" is a unit, and "\u2077" names no note: both stay as printed
        ("pp2", "Keenly aware that regional offices covering 5 km\u00b2 or more were set up in 2002,\u2077", []),
        # the notes print their marks as superscripts: a plain "2" is the document's own text
        ("pp3", "Recalling paragraphs 1,2 and 5 of its resolution 55/105 of 4 December 2000,", []),
        ("1", "Takes note of the report of the Secretary-General;", ["fn2"]),
        ("2", "Decides to continue consideration of the question at its fifty-ninth session.", []),
        ("fn1", "A/CONF.157/24 (Part I), chap. III.", []),
        ("fn2", "A/57/283.", [])]
    assert (parsed.document.meeting, parsed.document.date) == ("74th plenary meeting", "2002-12-18")


INSTRUMENTS = """The General Assembly,

Reaffirming the Universal Declaration of Human Rights,\u00b9 the International Covenant on Economic, Social and
Cultural Rights,\u00b2 the International Covenant on Civil and Political Rights,\u00b3 the Convention against Torture,\u2074
the Convention on the Rights of the Child,\u2075 the Vienna Declaration and Programme of Action,\u2076 the Beijing
Declaration and Platform for Action,\u2077 the United Nations Millennium Declaration\u2078 and the 2005 World Summit
Outcome,\u2079

Recalling its resolutions 60/251 of 15 March 2006\u00b9\u2070 and 62/219 of 22 December 2007,\u00b9\u00b9

1. Takes note of the report of the Secretary-General;\u00b9\u00b2

2. Decides to continue consideration of the question.
__________
\u00b9 Resolution 217 A (III).
\u00b2 See resolution 2200 A (XXI), annex.
\u00b3 Ibid.
\u2074 United Nations, Treaty Series, vol. 1465, No. 24841.
\u2075 Ibid., vol. 1577, No. 27531.
\u2076 A/CONF.157/24 (Part I), chap. III.
\u2077 Report of the Fourth World Conference on Women, Beijing, 4-15 September 1995, chap. I, resolution 1.
\u2078 See resolution 55/2.
\u2079 See resolution 60/1.
\u00b9\u2070 Adopted without a vote.
\u00b9\u00b9 See Official Records of the General Assembly, Sixty-second Session, Supplement No. 49 (A/62/49), vol. I.
\u00b9\u00b2 A/63/293.
"""


def test_superscript_marks_of_many_digits_cite_their_notes():
    parsed = _parse(INSTRUMENTS, "instruments")
    paragraphs = {p.label: p for p in parsed.paragraphs}
    assert paragraphs["pp1"].footnotes == [f"fn{n}" for n in range(1, 10)]
    assert paragraphs["pp1"].text.endswith("the United Nations Millennium Declaration and the 2005 World Summit Outcome,")
    assert "Human Rights, the International Covenant" in paragraphs["pp1"].text
    assert (paragraphs["pp2"].text, paragraphs["pp2"].footnotes) == (
        "Recalling its resolutions 60/251 of 15 March 2006 and 62/219 of 22 December 2007,", ["fn10", "fn11"])
    assert (paragraphs["1"].text, paragraphs["1"].footnotes) == ("Takes note of the report of the Secretary-General;",
                                                                 ["fn12"])
    assert [p.label for p in parsed.paragraphs if p.kind == "footnote"] == [f"fn{n}" for n in range(1, 13)]
    assert paragraphs["fn12"].text == "A/63/293." and paragraphs["fn1"].text == "Resolution 217 A (III)."
    for p in parsed.paragraphs:
        assert occurs_in_order(p.text, INSTRUMENTS) is None, p.label


WITHOUT_COMMITTEE = """United Nations A/RES/66/137

General Assembly Distr.: General
19 February 2012

Sixty-sixth session
Agenda item 64

Resolution adopted by the General Assembly on 19 December 2011

[without reference to a Main Committee (A/66/L.35 and Add.1)]

66/137. United Nations Declaration on Human Rights Education and Training

The General Assembly,

Reaffirming the purposes and principles of the Charter of the United Nations,

1. Adopts the United Nations Declaration on Human Rights Education and Training;

2. Invites Governments to intensify their efforts to disseminate the Declaration.

89th plenary meeting
19 December 2011
"""


def _body_texts(parsed):
    return [(p.label, p.text) for p in parsed.paragraphs]


def test_the_draft_a_resolution_was_adopted_on_without_a_committee_is_its_draft():
    # "[without reference to a Main Committee (A/66/L.35 and Add.1)]" said nothing: no draft, where the
    # Commission's "See chap. XVII. - E/CN.4/2003/L.11/Add.7" gives one
    parsed = _parse(WITHOUT_COMMITTEE, "without-committee")
    doc = parsed.document
    assert (doc.draft, doc.report, doc.symbol, doc.number) == ("A/66/L.35", None, "A/RES/66/137", "66/137")
    assert doc.title == "United Nations Declaration on Human Rights Education and Training"
    assert _body_texts(parsed) == [
        ("pp1", "Reaffirming the purposes and principles of the Charter of the United Nations,"),
        ("1", "Adopts the United Nations Declaration on Human Rights Education and Training;"),
        ("2", "Invites Governments to intensify their efforts to disseminate the Declaration.")]


PDF_HEADER_IN_BODY = """  The General Assembly, 

 Reaffirming the purposes and principles of the Charter of the United Nations, 

A/RES/66/137 
[without reference to a Main Committee (A/66/L.35 and 
Add.1)] 

 1. Adopts the United Nations Declaration on Human Rights Education and 
Training; 

 2. Invites Governments to intensify their efforts to disseminate the 
Declaration. 

89th plenary meeting 
19 December 2011 
"""


def test_the_line_naming_the_draft_is_no_paragraph_where_a_pdf_prints_it_in_the_body():
    # the first page's header, extracted between two paragraphs, came out as a paragraph
    # "pp2: [without reference to a Main Committee (A/66/L.35 and Add.1)]"
    parsed = _parse(PDF_HEADER_IN_BODY, "pdf-header")
    assert parsed.document.draft == "A/66/L.35" and parsed.document.symbol == "A/RES/66/137"
    assert _body_texts(parsed) == _body_texts(_parse(WITHOUT_COMMITTEE, "without-committee"))
    # the same line naming a committee's report: read as the report, no paragraph either
    reported = _parse(PDF_HEADER_IN_BODY.replace("[without reference to a Main Committee (A/66/L.35 and \nAdd.1)]",
                                                 "[on the report of the Third Committee (A/66/462/Add.2)]"), "reported")
    assert (reported.document.report, reported.document.draft) == ("Third Committee (A/66/462/Add.2)", None)
    assert _body_texts(reported) == _body_texts(parsed)


def test_the_draft_is_read_from_a_first_page_header_printed_at_the_end():
    # a Word export prints the first page's header after the adoption lines
    text = WITHOUT_COMMITTEE.split("The General Assembly,")[1]
    header = WITHOUT_COMMITTEE.split("66/137. United")[0]
    parsed = _parse("66/137.\tUnited Nations Declaration on Human Rights Education and Training\n\n"
                    "\tThe General Assembly," + text + "[DU1]<<ODS JOB NO>>N1146725E<<ODS JOB NO>>\n" + header,
                    "word-export")
    assert (parsed.document.draft, parsed.document.date) == ("A/66/L.35", "2011-12-19")
    assert _body_texts(parsed) == _body_texts(_parse(WITHOUT_COMMITTEE, "without-committee"))


def test_an_unclosed_draft_line_does_not_swallow_the_paragraphs_after_it():
    # "[without reference to a Main Committee (A/66/L.35 and Add.1" with no "]": the next two lines were cut
    # where a PDF prints the first page's header between paragraphs
    text = ANNEXED.replace("2. Decides to establish", "[without reference to a Main Committee (A/65/L.35 and Add.1\n\n"
                                                      "2. Decides to establish")
    parsed = _parse(text, "unclosed")
    labels = {p.label: p.text for p in parsed.paragraphs}
    assert labels["2"].startswith("Decides to establish an Advisory Board")
    assert labels["1"] == "Adopts the Guidelines contained in annex I to the present resolution;"
