"""The five seed documents parse into exactly the paragraphs they print, with their metadata."""

from __future__ import annotations

import pytest

from qabot.parse.resolution import parse_resolution

from .conftest import CORPUS
from .verbatim import occurs_in_order


def parse(prefix: str):
    path = next(CORPUS.glob(prefix + "_*.txt"))
    return parse_resolution(path.read_text(encoding="utf-8"), path.stem, str(path))


def by_label(parsed):
    return {p.label: p for p in parsed.paragraphs}


def labels(parsed, kind):
    return [p.label for p in parsed.paragraphs if p.kind == kind]


def top_preambular(parsed):
    return [p for p in parsed.paragraphs if p.kind == "preambular" and p.parent is None]


# ------------------------------------------------------------------------- 000: text extracted from a PDF
def test_000_structure_and_page_break():
    doc = parse("000")
    assert len(top_preambular(doc)) == 9
    assert labels(doc, "operative") == [str(n) for n in range(1, 21)]
    p = by_label(doc)
    op7 = p["7"].text
    assert op7.startswith("Also welcomes the appointment by the United Nations High Commissioner for Human Rights")
    # rejoined across the footnote block that interrupts it, with no footnote text inside
    assert "in the promotion of human rights and human rights advocacy through the design of strategies" in op7
    assert op7.endswith("parliamentary human rights bodies, bar associations and non-governmental organizations;")
    assert "A/57/283" not in op7 and "_" not in op7
    # the page header "A/RES/57/210" / "4" between op 15 and op 16 is gone
    assert p["15"].text.endswith("suitable regional machinery for the promotion and protection of human rights;")
    assert p["16"].text.startswith("Requests the Secretary-General, as foreseen in programme 19, Human rights,")
    assert "A/RES/57/210" not in " ".join(x.text for x in doc.paragraphs)


def test_000_footnote_marks_cut_and_linked():
    p = by_label(parse("000"))
    assert p["pp2"].text == ("Recalling also Commission on Human Rights resolution 1993/51 of 9 March 1993 and its "
                             "subsequent resolutions in this regard,")
    assert p["pp2"].footnotes == ["fn1"]
    assert p["pp3"].text.endswith("resolution 2002/87 of 26 April 2002,") and p["pp3"].footnotes == ["fn2"]
    assert "the medium-term plan for the period 2002\u20132005, to continue" in p["16"].text
    assert p["18"].footnotes == ["fn3"] and "Programme of Action on reinforcing" in p["18"].text
    assert p["1"].text == "Takes notes with satisfaction of the report of the Secretary-General;"  # typo kept
    assert p["fn4"].kind == "footnote" and p["fn4"].text == "A/57/283."
    assert p["fn1"].text == ("See Official Records of the Economic and Social Council, 1993, Supplement No. 3 and "
                             "corrigenda (E/1993/23 and Corr.2, 4 and 5), chap. II, sect. A.")


def test_000_metadata():
    d = parse("000").document
    assert d.symbol == "A/RES/57/210"
    assert d.body == "General Assembly"
    assert d.date == "2002-12-18"
    assert d.meeting == "77th plenary meeting"
    assert d.session == "fifty-seventh"
    assert d.status == "adopted"
    assert d.number == "57/210"
    assert d.url == "https://undocs.org/A/RES/57/210"


# ------------------------------------------------------------------------- 001: no symbol, sub-paragraphs
def test_001_subparagraphs():
    doc = parse("001")
    assert len(top_preambular(doc)) == 9
    assert labels(doc, "operative") == (["1", "2", "3", "4", "5", "6", "7", "8"]
                                        + [f"8 ({c})" for c in "abcdef"] + ["9", "10", "11", "12", "13", "14"])
    p = by_label(doc)
    assert p["8"].text.endswith("and, in this regard, notes with interest:")
    assert p["8 (c)"].parent == "8"
    assert p["8 (c)"].text.startswith("The increased, valuable sharing of concrete national experiences at the eleventh")
    assert "held in Islamabad from 25 to 27 February 2003 and in Doha from 2 to 4 March 2004" in p["8 (c)"].text
    assert p["8 (f)"].text.endswith("financing technical cooperation projects;")
    assert p["9"].text.startswith("Invites States in areas in which regional arrangements")
    # a footnote mark set apart by spaces ("1993, 3  which") is cut too
    assert "on 25 June 1993, which reiterates" in p["pp4"].text and p["pp4"].footnotes == ["fn3"]
    assert p["11"].footnotes == ["fn6"] and p["11"].text.endswith("reform programme of the Secretary-General;")


def test_001_metadata_never_invented():
    d = parse("001").document
    assert d.symbol is None and d.url is None and d.number is None
    assert d.body == "General Assembly"
    assert d.date == "2004-12-20"
    assert d.meeting == "74th plenary meeting"
    assert d.status == "adopted"


# ------------------------------------------------------------------------- 002: clean text, skipped number
def test_002_numbers_on_their_own_lines_and_the_gap():
    doc = parse("002")
    assert len(top_preambular(doc)) == 9
    assert labels(doc, "operative") == [str(n) for n in range(1, 20)] + ["21"]
    p = by_label(doc)
    assert "20" not in p
    assert p["21"].text == ("Decides to continue its consideration of the question at its sixtieth session under "
                            "the same agenda item.")
    assert p["19"].text.startswith("Requests the Secretary-General to submit to the Commission at its sixtieth session")
    assert p["pp9"].text.endswith("held in Islamabad from 25 to 27 February 2003,")
    assert p["1"].text.startswith("Welcomes the report of the Secretary-General (E/CN.4/2003/109)")


def test_002_metadata():
    d = parse("002").document
    assert d.symbol == "E/CN.4/RES/2003/73"  # written in the Commission's pattern from "resolution 2003/73"
    assert d.number == "2003/73"
    assert d.body == "Commission on Human Rights"
    assert d.title == ("Regional cooperation for the promotion and protection of human rights in the Asian and "
                       "Pacific Region")
    assert d.date == "2003-04-25"
    assert d.meeting == "62nd meeting"
    assert d.vote == "adopted without a vote"
    assert d.draft == "E/CN.4/2003/L.11/Add.7"
    assert d.report_chapter == "XVII"
    assert d.status == "adopted"
    assert d.session is None  # not printed


# ------------------------------------------------------------------------- 003: Markdown draft
def test_003_markdown_draft_structure():
    doc = parse("003")
    assert [p.label for p in top_preambular(doc)] == [f"pp{n}" for n in range(1, 7)]
    assert labels(doc, "preambular") == (["pp1", "pp1 (a)", "pp1 (b)", "pp2", "pp2 (a)", "pp2 (b)", "pp2 (c)",
                                          "pp3", "pp3 (a)", "pp3 (b)", "pp3 (c)", "pp3 (d)", "pp4", "pp5", "pp6"])
    assert labels(doc, "operative") == [str(n) for n in range(1, 18)] + ["17 (a)", "17 (b)", "17 (c)", "18"]
    p = by_label(doc)
    assert p["1"].text.startswith("Notes with appreciation the report of the High Commissioner")  # emphasis gone
    assert "inter alia:" in p["pp2"].text and "*" not in p["pp2"].text
    assert p["pp1 (b)"].parent == "pp1"
    assert p["pp1 (b)"].text.startswith("General Assembly resolution 92 (X) of 14 December 1955")
    assert "In accordance with rule 69" not in p["pp1 (b)"].text and "In accordance with rule 69" not in p["pp1 (a)"].text
    assert p["17 (c)"].parent == "17"
    assert p["17 (c)"].text.startswith("To submit a further analytical report to the Commission at its sixtieth session")
    assert p["17 (c)"].text.endswith("Voluntary Fund for Technical Cooperation in the Field of Human Rights;")
    assert p["fn*"].kind == "footnote" and p["fn*"].text.startswith("In accordance with rule 69, paragraph 3")
    assert all("*" not in x.text for x in doc.paragraphs)


def test_003_metadata():
    d = parse("003").document
    assert d.symbol == "E/CN.4/2002/L.108"
    assert d.status == "draft"
    assert d.date == "2002-04-22"  # the date the draft was issued
    assert d.body == "Commission on Human Rights"
    assert d.session == "fifty-eighth"
    assert d.agenda_item == "19"
    assert d.title == "Advisory services and technical cooperation in the field of human rights"
    assert d.distribution == "Limited"
    assert d.language == "English"
    assert len(d.sponsors) == 47
    assert d.sponsors[0] == "Afghanistan" and d.sponsors[-1] == "Yugoslavia"
    assert "The former Yugoslav Republic of Macedonia" in d.sponsors and "Republic of Korea" in d.sponsors
    assert d.meeting is None and d.vote is None


# ------------------------------------------------------------------------- 004: Word/ODS export
def test_004_word_export():
    doc = parse("004")
    assert len(top_preambular(doc)) == 8
    assert labels(doc, "operative") == [str(n) for n in range(1, 10)]
    p = by_label(doc)
    assert p["1"].text == ("Reaffirms that it is one of the purposes of the United Nations and the responsibility of "
                           "all Member States to promote, protect and encourage respect for human rights and "
                           "fundamental freedoms through, inter alia, international cooperation;")
    assert "Charter of the Untied Nations" in p["5"].text  # the document's typo is the document's text
    assert "on 25 June 1993, for enhancing genuine cooperation" in p["pp1"].text and p["pp1"].footnotes == ["fn1"]
    assert "on 8 September 2000 and its resolution 56/149" in p["pp2"].text
    assert p["pp2"].footnotes == ["fn2", "fn3"]
    text = " ".join(x.text for x in doc.paragraphs)
    assert "[DU1]" not in text and "<<ODS" not in text and "\t" not in text
    assert p["fn4"].text == "See E/CN.4/2001/2-E/CN.4/Sub.2/2000/46, chap. II, sect. A."


def test_004_metadata_from_the_header_printed_at_the_end():
    d = parse("004").document
    assert d.symbol == "A/RES/57/224"
    assert d.title == "Enhancement of international cooperation in the field of human rights"
    assert d.body == "General Assembly"
    assert d.date == "2002-12-18"  # adopted, not the distribution date
    assert d.distributed == "2003-02-26"
    assert d.meeting == "77th plenary meeting"
    assert d.session == "fifty-seventh"
    assert d.agenda_item == "109 (b)"
    assert d.report == "Third Committee (A/57/556/Add.2 and Corr. 1-3)"
    assert d.status == "adopted"


# ------------------------------------------------------------------------- every seed
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_paragraph_is_verbatim(prefix):
    path = next(CORPUS.glob(prefix + "_*.txt"))
    source = path.read_text(encoding="utf-8")
    doc = parse(prefix)
    for p in doc.paragraphs:
        problem = occurs_in_order(p.text, source)
        assert problem is None, f"{prefix} {p.label}: {problem}"
        assert p.text == p.text.strip() and "  " not in p.text
        assert not p.text[:1].isdigit() or p.kind == "footnote" or not p.text.split()[0].rstrip(".").isdigit()


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_paragraph_order_and_links(prefix):
    doc = parse(prefix)
    kinds = [p.kind for p in doc.paragraphs]
    # preambular, then operative, then footnotes: never interleaved
    assert kinds == sorted(kinds, key=["preambular", "operative", "footnote"].index)
    labels_seen = {p.label for p in doc.paragraphs}
    for p in doc.paragraphs:
        assert p.parent is None or p.parent in labels_seen
        for note in p.footnotes:
            assert note in labels_seen
    assert [p.seq for p in doc.paragraphs] == list(range(len(doc.paragraphs)))
