"""`qabot quote`: paragraphs chosen by hand, quoted whole with their citation, printed or added to a note;
a label that does not exist is one clear line naming the labels that do. And the UN citation style.

Against the real index of corpus/ (conftest), through the real command line."""

from __future__ import annotations

import json

import pytest

from qabot.labels import label_ranges, parse_label
from qabot.citations import cite, ordinal_words
from qabot.errors import UnknownLabel
from qabot.render.note_markdown import unescape

from .conftest import run_qabot

NEW = "001_5df13f3e52ca6d09"  # the 2004 text: no symbol printed


def _stored(searcher, doc, label):
    document = searcher.store.resolve(doc)
    return document, searcher.store.paragraph(document.id, label)


def test_a_preambular_an_operative_and_a_sub_paragraph_are_quoted_whole_and_cited(corpus_index, searcher):
    result = run_qabot("quote", "A/RES/57/210", "pp. 4", "11", "--format", "json", "--index", str(corpus_index))
    assert result.returncode == 0, result.stderr
    quotes = json.loads(result.stdout)
    assert [q["label"] for q in quotes] == ["pp4", "11"]
    for q in quotes:
        doc, stored = _stored(searcher, "57/210", q["label"])
        assert q["text"] == stored.text and q["url"] == "https://undocs.org/A/RES/57/210"
    assert quotes[0]["citation"] == "A/RES/57/210, pp. 4 (General Assembly, 77th plenary meeting, 18 December 2002)"
    assert quotes[1]["citation"] == "A/RES/57/210, op. 11 (General Assembly, 77th plenary meeting, 18 December 2002)"

    text = run_qabot("quote", NEW, "op 8 (c)", "--index", str(corpus_index)).stdout
    doc, sub = _stored(searcher, NEW, "8 (c)")
    chapeau = searcher.store.paragraph(doc.id, "8").text
    assert text == (f"{chapeau}\n...\n\u201c{sub.text}\u201d\n\u2014 \u201cRegional arrangements for the promotion and "
                    "protection of human rights\u201d, op. 8 (c) (General Assembly, 74th plenary meeting, "
                    "20 December 2004)\n")


@pytest.mark.parametrize("name", ["2004", "the 2004 GA resolution"])
def test_a_text_without_a_symbol_is_quoted_by_how_people_describe_it(corpus_index, name):
    # the 2004 text prints no symbol: `qabot quote 2004 "8 (c)"` said "No document '2004'", only its id worked
    result = run_qabot("quote", name, "8 (c)", "--index", str(corpus_index))
    assert result.returncode == 0 and "20 December 2004)" in result.stdout and "op. 8 (c)" in result.stdout
    result = run_qabot("quote", "2002", "1", "--index", str(corpus_index))  # three texts of 2002: not guessed
    # a year that dates several texts names none of them: which, said in one line
    assert result.returncode != 0 and "'2002' names several documents" in result.stderr


def test_a_missing_label_is_one_line_naming_the_labels_that_exist(corpus_index):
    # the labels that exist are quoted (one missing label among several printed nothing), the one that does not
    # is said after them, and the exit status says something was missing
    result = run_qabot("quote", "57/210", "11", "op 8 (c)", "--index", str(corpus_index))
    assert result.returncode == 1 and "A/RES/57/210, op. 11" in result.stdout
    assert result.stderr == ("qabot: A/RES/57/210 has no paragraph 'op 8 (c)'; its paragraphs are pp1\u2013pp9, "
                             "1\u201320, fn1\u2013fn5.\n")
    result = run_qabot("quote", NEW, "8 (g)", "--index", str(corpus_index))
    assert result.returncode == 1 and result.stdout == ""  # none exists: nothing quoted
    assert "its paragraphs are pp1\u2013pp9, 1\u20138, 8 (a)\u2013(f), 9\u201314, fn1\u2013fn6." in result.stderr
    for args, words in ((["57/210", "paragraph eleven"], "is not a paragraph label"),
                        (["99/999", "1"], "No document '99/999'")):
        result = run_qabot("quote", *args, "--index", str(corpus_index))
        assert result.returncode != 0 and words in result.stderr
        assert len(result.stderr.strip().split("\n")) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("typed, label", [("11", "11"), ("op 8 (c)", "8 (c)"), ("op. 8 (c)", "8 (c)"),
                                          ("8(c)", "8 (c)"), ("8 (C) (ii)", "8 (c) (ii)"), ("pp3", "pp3"),
                                          ("pp. 3", "pp3"), ("pp1 (a)", "pp1 (a)"), ("fn1", "fn1"),
                                          ("fn. 2", "fn2"), ("fn*", "fn*"), ("para. 11", "11")])
def test_labels_are_read_as_people_type_them(typed, label):
    assert parse_label(typed) == label


def test_label_ranges_are_compact():
    assert label_ranges(["pp1", "pp2", "1", "2", "2 (a)", "2 (b)", "2 (c)", "3", "5", "fn1", "fn*"]) == \
        "pp1\u2013pp2, 1\u20132, 2 (a)\u2013(c), 3, 5, fn1, fn*"
    with pytest.raises(UnknownLabel):
        parse_label("the chapeau")


def test_quotes_are_added_to_a_note_before_its_sources_each_source_once(corpus_index, searcher, tmp_path):
    import docx

    for name in ("note.md", "note.docx"):
        note = tmp_path / name
        for args in (["57/210", "11"], ["57/210", "pp4"], [NEW, "8 (e)"]):
            result = run_qabot("quote", *args, "-o", str(note), "--index", str(corpus_index))
            assert result.returncode == 0, result.stderr
        if name.endswith(".md"):
            text = note.read_text(encoding="utf-8")
            body, sources = text.split("## Sources")
            rows = [unescape(r.split(" | ")[0][2:]) for r in sources.strip().split("\n")[2:]]
            quoted = [unescape(line[2:]) for line in body.split("\n") if line.startswith("> ")
                      and not line.startswith("> \u2014")]
        else:
            document = docx.Document(str(note))
            rows = [r.cells[0].text for r in document.tables[0].rows[1:]]
            quoted = [p.text for p in document.paragraphs if p.style.name == "Quote" and not p.text.startswith("\u2014")]
            assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][-1] == "Sources"
        assert rows == ["A/RES/57/210", f"none printed (id {NEW})"]
        chapeau = _stored(searcher, NEW, "8")[1].text
        note_cited = "fn. 3: " + _stored(searcher, "57/210", "fn3")[1].text  # the note pp. 4 cites, under it
        assert quoted == [_stored(searcher, "57/210", "11")[1].text, _stored(searcher, "57/210", "pp4")[1].text,
                          *([note_cited + "  "] if name.endswith(".md") else []),  # in Word: under the citation
                          (f"*{chapeau}* \u2026" if name.endswith(".md") else f"{chapeau} \u2026"),
                          _stored(searcher, NEW, "8 (e)")[1].text]
        assert "Arab Charter on Human Rights" in quoted[-1]


def test_the_un_editorial_style(corpus_index, searcher):
    store = searcher.store
    ga, chr_, draft, new = (store.resolve(x) for x in ("57/210", "2003/73", "E/CN.4/2002/L.108", NEW))
    assert cite(ga, store.paragraph(ga.id, "11"), "un") == "General Assembly resolution 57/210 of 18 December 2002, para. 11"
    assert cite(chr_, store.paragraph(chr_.id, "pp4"), "un") == \
        "Commission on Human Rights resolution 2003/73 of 25 April 2003, fourth preambular paragraph"
    assert cite(draft, store.paragraph(draft.id, "7"), "un") == \
        "Commission on Human Rights draft resolution E/CN.4/2002/L.108 of 22 April 2002, para. 7"
    assert cite(draft, store.paragraph(draft.id, "pp1 (b)"), "un").endswith(", first preambular paragraph, subpara. (b)")
    assert cite(new, store.paragraph(new.id, "8 (e)"), "un") == (
        "General Assembly resolution of 20 December 2004 entitled \u201cRegional arrangements for the promotion and "
        "protection of human rights\u201d, para. 8 (e)")
    assert cite(ga, store.paragraph(ga.id, "fn4"), "un").endswith(", footnote 4")
    assert [ordinal_words(n) for n in (1, 12, 20, 23, 41, 101)] == ["first", "twelfth", "twentieth", "twenty-third",
                                                                    "forty-first", "101st"]
    # chosen in the settings: quotes and answers follow it
    result = run_qabot("quote", "57/210", "11", "--index", str(corpus_index), env={"QABOT_CITATION_STYLE": "un"})
    assert "\u2014 General Assembly resolution 57/210 of 18 December 2002, para. 11\n" in result.stdout
    result = run_qabot("ask", "What does operative paragraph 11 of 57/210 say?", "--format", "json",
                       "--index", str(corpus_index), env={"QABOT_CITATION_STYLE": "un"})
    assert json.loads(result.stdout)["passages"][0]["citation"] == \
        "General Assembly resolution 57/210 of 18 December 2002, para. 11"
    bad = run_qabot("quote", "57/210", "11", "--index", str(corpus_index), env={"QABOT_CITATION_STYLE": "apa"})
    assert bad.returncode != 0 and "citation_style must be default or un" in bad.stderr


def test_a_note_that_cannot_be_read_is_refused_and_left_as_it_was(corpus_index, tmp_path):
    note = tmp_path / "note.docx"
    note.write_bytes(b"not a word document")
    result = run_qabot("quote", "57/210", "11", "-o", str(note), "--index", str(corpus_index))
    assert result.returncode != 0 and "is not a Word document" in result.stderr
    assert len(result.stderr.strip().split("\n")) == 1 and "Traceback" not in result.stderr
    assert note.read_bytes() == b"not a word document"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.docx"]  # no temporary file left behind
    # a Markdown note edited by hand keeps what was written in it
    md = tmp_path / "note.md"
    md.write_text("# My note\n\nMy own words.\n", encoding="utf-8")
    assert run_qabot("quote", "57/210", "11", "-o", str(md), "--index", str(corpus_index)).returncode == 0
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# My note\n\nMy own words.\n\n## From A/RES/57/210\n") and "## Sources" in text


def test_a_paragraph_that_opens_a_list_is_quoted_with_its_items_once(corpus_index):
    # "qabot quote L.108 17" printed "Requests the Secretary-General:" alone; a label given twice was quoted twice
    result = run_qabot("quote", "L.108", "17", "17", "--index", str(corpus_index))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert all(out.count(f"\u2014 E/CN.4/2002/L.108, op. 17 ({x})") == 1 for x in "abc")
    assert out.count("\u2014 E/CN.4/2002/L.108, op. 17 (Commission") == 1  # the chapeau, once
    assert out.count("Requests the Secretary-General:") == 1  # not repeated above each item


def test_an_item_asked_for_with_its_chapeau_stands_in_its_place(corpus_index):
    # "quote ... 'op 8 (c)' 8" printed (c) first, then 8 with (a), (b), (d) ...: the list out of order
    result = run_qabot("quote", NEW, "op 8 (c)", "8", "--format", "json", "--index", str(corpus_index))
    assert result.returncode == 0, result.stderr
    labels = [q["label"] for q in json.loads(result.stdout)]
    assert labels[:4] == ["8", "8 (a)", "8 (b)", "8 (c)"] and len(labels) == len(set(labels))


def test_a_quoted_paragraph_carries_the_notes_it_cites(corpus_index):
    # "quote 57/210 1" left out fn. 4 ("A/57/283."), the report's symbol, which `ask` shows under it
    text = run_qabot("quote", "57/210", "1", "--index", str(corpus_index)).stdout
    assert "\u2014 A/RES/57/210, op. 1 (General Assembly" in text and "  fn. 4: A/57/283.\n" in text
    quoted = json.loads(run_qabot("quote", "57/210", "1", "--format", "json", "--index", str(corpus_index)).stdout)
    assert quoted[0]["footnotes"] == [{"label": "fn4", "citation_label": "fn. 4", "text": "A/57/283."}]
    markdown = run_qabot("quote", "57/210", "1", "--format", "markdown", "--index", str(corpus_index)).stdout
    assert "> fn. 4: A/57/283." in markdown


def test_annex_paragraphs_and_labels_written_as_listed_are_quoted(tmp_path):
    # a label the error message lists ("annex I 1 (cont.)") was refused as "not a paragraph label"
    from .test_parse_layouts import ANNEXED

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "A_RES_65_241.txt").write_text(
        ANNEXED.replace("2. Alternative care", "B. Forms of care\n\n2. Alternative care"), encoding="utf-8")
    index = tmp_path / "index"
    assert run_qabot("ingest", str(folder), "--index", str(index), "-q").returncode == 0
    annex = run_qabot("quote", "65/241", "annex II, para. 2", "--index", str(index))
    assert annex.returncode == 0, annex.stderr
    assert annex.stdout.startswith("\u201cMembers shall serve for a term of three years, renewable once.\u201d\n"
                                   "\u2014 A/RES/65/241, annex II, para. 2 (General Assembly")
    heading = run_qabot("quote", "65/241", "annex I 1 (cont.)", "--index", str(index))
    assert heading.returncode == 0 and "\u201cB. Forms of care\u201d" in heading.stdout
