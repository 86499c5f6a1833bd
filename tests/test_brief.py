"""Briefing notes: `qabot brief` writes Markdown and Word notes whose every quote, read back, is the
stored paragraph whole and verbatim, cited to that paragraph, with each source listed once.

Against the real index of corpus/ (conftest), through the real command line."""

from __future__ import annotations

import pytest

from qabot.notes.brief import note_from_answers, read_questions, section_from_answer
from qabot.render.note_markdown import answers_note as note_markdown
from qabot.pipeline import ask
from qabot.render.note_markdown import escape, unescape

from .conftest import run_qabot

# three questions of the dev set (q001, q009, d011): a preambular match, an operative one, and a
# list whose sub-paragraphs come with their chapeau
QUESTIONS = [
    "which regional workshops were held in 2003?",
    "Which professional groups does the Asia-Pacific resolution want to see trained as national follow-up to the "
    "regional workshops?",
    "What does the 2002 advisory-services draft say the Vienna Declaration asked for?",
]


@pytest.fixture(scope="module")
def expected(searcher):
    """What each question's section must hold: (quote, chapeau or None, citation, url, doc id, label)."""
    sections = [section_from_answer(ask(searcher, q)) for q in QUESTIONS]
    return [[(q.text, q.context, q.citation, q.url, q.document.id, q.paragraph.label) for q in s.quotes]
            for s in sections]


def _markdown_sections(text: str) -> list[list[list[str]]]:
    """Per `## ` section, its block quotes; per block quote, its paragraphs (as written, escaped)."""
    sections: list[list[list[str]]] = []
    block: list[str] | None = None
    for line in text.split("\n") + [""]:
        if line.startswith("## "):
            sections.append([])
        if line.startswith(">"):
            if block is None:
                block = [""]
                sections[-1].append(block)
            body = line[2:] if line.startswith("> ") else ""
            if body:
                block[-1] = (block[-1] + "\n" + body) if block[-1] else body
            else:
                block.append("")
        else:
            block = None
    return sections


def _rendered_quotes(text: str) -> list[str]:
    """The text a reader sees (and copies) in each paragraph of each block quote, rendered by markdown-it."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    out, depth = [], 0
    for t in tokens:
        depth += t.type == "blockquote_open"
        depth -= t.type == "blockquote_close"
        if depth and t.type == "inline":
            out.append("".join("\n" if c.type == "softbreak" else c.content for c in t.children
                               if c.type in ("text", "code_inline", "softbreak")))
    return out


def test_a_markdown_brief_quotes_every_passage_verbatim_and_cites_it(corpus_index, searcher, expected, tmp_path):
    note = tmp_path / "note.md"
    result = run_qabot("brief", *QUESTIONS[:2], "--from", "-", "-o", str(note), "--title", "Regional workshops",
                       "--index", str(corpus_index), input="# the list question\n\n" + QUESTIONS[2] + "\n")
    assert result.returncode == 0, result.stderr
    text = note.read_text(encoding="utf-8")
    assert text.startswith("# Regional workshops\n")
    headings = [line[3:] for line in text.split("\n") if line.startswith("## ")]
    assert [unescape(h) for h in headings] == QUESTIONS + ["Sources"]

    sections = _markdown_sections(text)
    rendered = iter(_rendered_quotes(text))
    for want, blocks in zip(expected, sections):
        assert len(blocks) == len(want)
        for (quote, context, citation, url, doc_id, label), block in zip(want, blocks):
            # the stored paragraph, whole: as written (once un-escaped) and as a reader sees it rendered
            stored = searcher.store.paragraph(doc_id, label)
            assert stored.text == quote
            parts = [unescape(p) for p in block]
            if context is not None:
                assert parts[0] == f"*{context}* \u2026"
                assert next(rendered) == f"{context} \u2026"
                parts = parts[1:]
            assert parts[0] == quote
            assert next(rendered) == quote
            assert parts[1] == f"\u2014 {citation}" + (f" <{url}>" if url else "")
            next(rendered)

    # the Sources table: each document once, every quoted one there
    table = text.split("## Sources", 1)[1].strip().split("\n")
    assert table[0] == "| Symbol | Title | Body | Date | Link |"
    first_cells = [unescape(row.split(" | ")[0][2:]) for row in table[2:]]
    quoted = {doc_id for section in expected for *_, doc_id, _ in section}
    names = {searcher.documents[d].symbol or f"none printed (id {d})" for d in quoted}
    assert len(first_cells) == len(set(first_cells)) == len(quoted)
    assert set(first_cells) == names


def test_a_word_brief_has_word_styles_verbatim_quotes_links_and_one_row_per_source(corpus_index, searcher,
                                                                                   expected, tmp_path):
    import docx

    path = tmp_path / "note.docx"
    result = run_qabot("brief", *QUESTIONS, "-o", str(path), "--index", str(corpus_index))
    assert result.returncode == 0, result.stderr
    assert "3 questions (3 answered)" in result.stderr
    document = docx.Document(str(path))
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title" and paragraphs[0].text == "Briefing note"
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == QUESTIONS + ["Sources"]

    # walk the quotes of each section: [chapeau …], the paragraph, then "— citation" with a hyperlink
    sections: list[list[list]] = []
    group: list = []
    for p in paragraphs:
        if p.style.name == "Heading 1":
            sections.append([])
        elif p.style.name == "Quote":
            group.append(p)
            if p.text.startswith("\u2014 "):
                sections[-1].append(group)
                group = []
    assert not group
    for want, groups in zip(expected, sections):
        assert len(groups) == len(want)
        for (quote, context, citation, url, doc_id, label), g in zip(want, groups):
            assert searcher.store.paragraph(doc_id, label).text == quote
            if context is not None:
                assert g[0].text == context + " \u2026" and g[0].runs[0].italic
                g = g[1:]
            assert len(g) == 2
            assert g[0].text == quote  # verbatim, whole
            cited = [searcher.store.paragraph(doc_id, n) for n in searcher.store.paragraph(doc_id, label).footnotes]
            notes = "".join(f"\n{n.citation_label}: {n.text}" for n in cited)  # the notes it cites, under it
            assert g[1].text == f"\u2014 {citation}" + (f" {url}" if url else "") + notes
            if url:
                assert [h.address for h in g[1].hyperlinks] == [url]

    table = document.tables[0]
    assert table.style.name == "Table Grid"
    assert [c.text for c in table.rows[0].cells] == ["Symbol", "Title", "Body", "Date", "Link"]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    quoted = list(dict.fromkeys(doc_id for section in expected for *_, doc_id, _ in section))
    assert [r[0] for r in rows] == [searcher.documents[d].symbol or f"none printed (id {d})" for d in quoted]
    for row, doc_id in zip(table.rows[1:], quoted):
        doc = searcher.documents[doc_id]
        assert row.cells[1].text == doc.title
        assert [h.address for h in row.cells[4].paragraphs[0].hyperlinks] == ([doc.url] if doc.url else [])


def test_the_slack_export_is_the_same_note(searcher):
    answers = [ask(searcher, q) for q in QUESTIONS[:1]]
    text = note_markdown(answers, title="Workshops")
    assert text.startswith("# Workshops\n")
    assert f"> {escape(answers[0].passages[0].text)}\n" in text
    assert note_from_answers(answers).title == "Briefing note"


def test_markdown_escaping_never_changes_what_a_reader_copies():
    tricky = "1. Decides *not* to act_now [see] <b> #3 | a & b &amp; ~~x~~ \\ `code`\n- listed\n+ 2) more"
    assert unescape(escape(tricky)) == tricky
    assert _rendered_quotes("> " + escape(tricky).replace("\n", "\n> ")) == [tricky]


def test_brief_refuses_bad_input_in_one_line(corpus_index, tmp_path):
    for args, words in ((["-o", str(tmp_path / "note.pdf"), "a question"], "neither .md nor .docx"),
                        (["-o", str(tmp_path / "missing" / "note.md"), "a question"], "does not exist"),
                        (["-o", str(tmp_path / "note.md")], "No question to ask")):
        result = run_qabot("brief", *args, "--index", str(corpus_index))
        assert result.returncode != 0
        assert words in result.stderr and len(result.stderr.strip().split("\n")) == 1
        assert "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_questions_from_a_file_skip_blanks_and_comments():
    assert read_questions("# notes\n\nfirst?\n  second?  \n#x\n") == ["first?", "second?"]


def _notes(corpus_index, tmp_path, *questions):
    """The text of the briefing note of `questions`, written as Markdown and as Word."""
    for name in ("note.md", "note.docx"):
        path = tmp_path / name
        result = run_qabot("brief", *questions, "-o", str(path), "--index", str(corpus_index))
        assert result.returncode == 0, result.stderr
        if name.endswith(".md"):
            yield path.read_text(encoding="utf-8")
        else:
            import docx

            yield "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_a_question_the_corpus_does_not_answer_is_not_quoted_as_if_it_did(corpus_index, tmp_path):
    # its nearest passages were block-quoted under it exactly like an answer's
    for text in _notes(corpus_index, tmp_path, "what about fisheries?", "which regional workshops were held in 2003?"):
        fisheries, workshops = text.split("which regional workshops were held in 2003?", 1)
        assert "Nearest passages (they do not answer the question):" in fisheries
        assert "Nearest passages" not in workshops  # an answered question's passages are its answer


def test_the_paragraphs_under_a_metadata_answer_are_said_to_be_for_its_citation(corpus_index, tmp_path):
    # "when was 57/210 adopted?" is answered from its adoption lines; its paragraphs were quoted under it like
    # the answer's evidence
    for text in _notes(corpus_index, tmp_path, "when was 57/210 adopted?", "which regional workshops were held in 2003?"):
        adopted, workshops = text.split("which regional workshops were held in 2003?", 1)
        assert "The text's own paragraphs, for its citation" in adopted
        assert "for its citation" not in workshops
