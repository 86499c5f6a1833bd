"""Labels and the words of numbering (qabot/labels.py): each read and written one way, everywhere."""

from __future__ import annotations

import pytest

from qabot.labels import (body_of_symbol, citation_label, date_words, iso_date, label_of, label_words, letters,
                          month_number, ordinal_number, ordinal_words, parse_label, resolution_number, roman,
                          symbol_for, un_label)
from qabot.parse.layout import Line
from qabot.parse.metadata import Metadata, extract
from qabot.search.query import understand


@pytest.mark.parametrize("kind, number, subs, stored, cited, words", [
    ("preambular", 3, [], "pp3", "pp. 3", "preambular paragraph 3"),
    ("preambular", 1, ["a"], "pp1 (a)", "pp. 1 (a)", "preambular paragraph 1 (a)"),
    ("operative", 8, [], "8", "op. 8", "operative paragraph 8"),
    ("operative", 8, ["c", "ii"], "8 (c) (ii)", "op. 8 (c) (ii)", "sub-paragraph 8 (c) (ii)"),
    ("footnote", 2, [], "fn2", "fn. 2", "footnote 2"),
])
def test_a_label_is_written_read_and_named_the_same_way(kind, number, subs, stored, cited, words):
    assert label_of(kind, number, subs) == stored
    assert parse_label(cited) == stored  # what a citation prints can be typed back
    assert citation_label(stored) == cited
    assert label_words(kind, stored, sub=bool(subs)) == words
    assert label_words(kind, stored, sub=bool(subs), capital=True) == words[0].upper() + words[1:]


def test_a_question_names_a_paragraph_as_qabot_stores_and_words_it():
    ref = understand("what does the third preambular paragraph of 2003/73 say?").paragraph
    assert (ref.label(), ref.describe()) == ("pp3", "preambular paragraph 3")
    ref = understand("what does item (d) of paragraph 8 of 57/210 say?").paragraph
    assert (ref.label(), ref.describe()) == ("8 (d)", "sub-paragraph 8 (d)")
    ref = understand("and the 12th operative paragraph?").paragraph
    assert ref.label() == "12"


def test_the_un_form_of_a_paragraph():
    assert un_label("operative", "8 (c)") == "para. 8 (c)"
    assert un_label("preambular", "pp4") == "fourth preambular paragraph"
    assert un_label("preambular", "pp21 (b)") == "twenty-first preambular paragraph, subpara. (b)"
    assert un_label("footnote", "fn2") == "footnote 2"


def test_ordinals_both_ways():
    for n in range(1, 100):
        words = ordinal_words(n)
        assert "th" in words or words.endswith(("first", "second", "third"))
        if n <= 20:
            assert ordinal_number(words) == n
    assert [ordinal_words(n) for n in (11, 20, 57, 90, 101, 112)] == \
        ["eleventh", "twentieth", "fifty-seventh", "ninetieth", "101st", "112th"]
    assert [ordinal_number(w) for w in ("Eleventh", "3rd", "22nd")] == [11, 3, 22]
    # the ordinals a question's words are read with, as the documents spell them
    assert understand("the eleventh workshop and the 3rd session").ordinals == ["eleventh", "third"]


def test_list_numerals():
    assert [roman(n) for n in (1, 4, 9, 14, 40)] == ["i", "iv", "ix", "xiv", "xl"]
    assert [letters(n) for n in (1, 26, 27, 28)] == ["a", "z", "aa", "bb"]


def test_months_and_dates_both_ways():
    assert month_number("april") == month_number("April") == 4
    assert iso_date("25", "April", "2003") == "2003-04-25"
    assert iso_date("31", "June", "2003") is None  # as printed: no such day
    assert date_words("2003-04-25") == "25 April 2003"
    assert date_words("2003") == "2003" and date_words(None) is None
    assert understand("what was adopted on 25 April 2003?").dates == [(2003, 4, 25)]


def test_symbols_numbers_and_bodies():
    assert resolution_number("A/RES/57/210") == "57/210"
    assert resolution_number("E/CN.4/RES/2003/73") == "2003/73"
    assert resolution_number("A/RES/ES-10/2") == "ES-10/2"
    assert resolution_number("E/CN.4/2002/L.108") is None
    assert symbol_for("General Assembly", "57/210") == "A/RES/57/210"
    assert symbol_for("Commission on Human Rights", "2003/73") == "E/CN.4/RES/2003/73"
    assert symbol_for("General Assembly", "2003/73") is None  # the Assembly numbers by session, not year
    assert body_of_symbol("A/HRC/RES/5/1") == "Human Rights Council"
    assert body_of_symbol("E/CN.4/2002/L.108") == "Commission on Human Rights"


def _lines(*texts: str) -> list[Line]:
    return [Line(t, i + 1) for i, t in enumerate(texts)]


def test_metadata_is_a_typed_record_of_what_the_text_prints():
    meta = extract(_lines("United Nations A/RES/57/210", "", "Fifty-seventh session", "Agenda item 109 (b)"),
                   "General Assembly", _lines("77th plenary meeting", "18 December 2002"), [], [], {})
    assert isinstance(meta, Metadata)
    assert (meta.symbol, meta.number, meta.body, meta.session, meta.agenda_item, meta.meeting, meta.date,
            meta.status) == ("A/RES/57/210", "57/210", "General Assembly", "fifty-seventh", "109 (b)",
                             "77th plenary meeting", "2002-12-18", "adopted")
    assert "vote" not in meta.fields() and "sponsors" not in meta.fields()  # not printed: left out


def test_running_headers_that_print_two_symbols_as_often_give_the_first_printed():
    # which of two symbols printed equally often wins must not change from one run to the next
    for header_symbols in (["A/RES/57/210", "A/57/283"], ["A/57/283", "A/RES/57/210"]):
        meta = extract([], "General Assembly", [], [], header_symbols * 2, {})
        assert meta.symbol == header_symbols[0]
