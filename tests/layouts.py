"""Render a parsed resolution back into the layouts real corpora hold, with their debris.

Used to check that the parser is about layouts, not about five files: a seed re-laid out as PDF text
(wrapped lines, page headers, footnote blocks in mid-paragraph, hyphenated line ends), as a Word/ODS
export (tab indents, markers, the first-page header at the end), as Markdown (emphasis, [^n] notes) or
as clean text (numbers on their own lines) must give back the same paragraphs.
"""

from __future__ import annotations

import textwrap

from qabot.records import Document, Paragraph


def _body_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    return [p for p in paragraphs if p.kind != "footnote"]


def _notes(paragraphs: list[Paragraph]) -> dict[str, Paragraph]:
    return {p.label: p for p in paragraphs if p.kind == "footnote"}


def _marker(p: Paragraph) -> str:
    if p.parent is not None:
        return "(" + p.label.rsplit("(", 1)[1]
    if p.kind == "operative":
        return p.label + "."
    return ""


def _with_refs(p: Paragraph, style: str) -> str:
    """The paragraph's text with its footnote marks put back: the last after its last word, earlier ones
    after earlier commas (marks sit where the cited thing is named, never two glued together)."""
    marks = [(f"[^{label[2:]}]" if style == "markdown" else label[2:]) for label in p.footnotes]
    if not marks:
        return p.text
    text = p.text + marks[-1]
    commas = [i for i, c in enumerate(p.text) if c == "," and i < len(p.text) - 1]
    for mark, at in zip(reversed(marks[:-1]), reversed(commas)):
        text = text[: at + 1] + mark + text[at + 1:]
    return text


def _trailer(doc: Document) -> list[str]:
    lines = []
    if doc.meeting:
        lines.append(doc.meeting)
    if doc.date and doc.status == "adopted":
        import datetime as dt

        d = dt.date.fromisoformat(doc.date)
        lines.append(f"{d.day} {d.strftime('%B')} {d.year}")
    return lines


def as_pdf_text(doc: Document, paragraphs: list[Paragraph], width: int = 78, page_lines: int = 23) -> str:
    notes = _notes(paragraphs)
    out: list[str] = [f"  The {doc.body}, ", ""]
    page: list[str] = []
    page_notes: list[str] = []
    printed: set[str] = set()  # a footnote is printed once, at its first citation
    pages = 1

    def flush_page(last: bool = False) -> None:
        nonlocal page, page_notes, pages
        out.extend(page)
        if page_notes:
            out.extend(["", "_______________ "])
            for label in page_notes:
                wrapped = textwrap.wrap(f"{label[2:]} {notes[label].text}", width + 10) if label in notes else []
                out.extend(w + " " for w in wrapped)
        if not last:
            pages += 1
            out.extend(["", "", doc.symbol or "", "", str(pages), ""])
        page, page_notes = [], []

    for p in _body_paragraphs(paragraphs):
        marker = _marker(p)
        text = (marker + " " if marker else "") + _with_refs(p, "pdf")
        lines = _wrap_hyphenating(text, width)
        for i, line in enumerate(lines):
            page.append((" " if i == 0 else "") + line + " ")
            if len(page) >= page_lines:
                flush_page()
                page.append(" ")  # the page's first line is indented by the extraction, as in the seeds
        for n in p.footnotes:
            if n not in printed:
                printed.add(n)
                page_notes.append(n)
        page.append("")
    page.extend(["", *(_trailer(doc))])
    flush_page(last=True)
    return "\n".join(line for line in _fix_continuations(out)) + "\n"


def _fix_continuations(lines: list[str]) -> list[str]:
    """Join the lone space put after a page break onto the line that follows it."""
    out: list[str] = []
    for line in lines:
        if out and out[-1] == " " and line:
            out[-1] = " " + line
        else:
            out.append(line)
    return out


def _wrap_hyphenating(text: str, width: int) -> list[str]:
    """Wrap, splitting some long lower-case words at the line end with a hyphen, as typesetters do."""
    words = text.split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width:
            current = candidate
            continue
        if word.isalpha() and word.islower() and len(word) >= 10 and len(current) + 6 <= width:
            cut = len(word) // 2
            lines.append(f"{current} {word[:cut]}-")
            current = word[cut:]
            continue
        lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


def as_word_export(doc: Document, paragraphs: list[Paragraph]) -> str:
    notes = _notes(paragraphs)
    out = ["[DU1]"]
    if doc.body:
        out.append(f"Resolution adopted by the {doc.body}")
    if doc.title and doc.number:
        out.append(f"{doc.number}.\t{doc.title}")
    out += ["", "", f"\tThe {doc.body},"]
    cited: list[str] = []
    for p in _body_paragraphs(paragraphs):
        marker = _marker(p)
        out.append("\t" + (marker + "\t" if marker else "") + _with_refs(p, "word") + " ")
        cited.extend(n for n in p.footnotes if n not in cited)
    out.append("")
    out.extend(_trailer(doc))
    for label in cited:
        if label in notes:
            out.append(f"{label[2:]} {notes[label].text}")
    out.append("[DU1]<<ODS JOB NO>>N0299999E<<ODS JOB NO>>")
    if doc.symbol:
        out.append(f"<<ODS DOC SYMBOL1>>{doc.symbol}<<ODS DOC SYMBOL1>>")
    out += ["_______________", "", "-" * 60, "", "2", "", f"United Nations{doc.symbol or ''}{doc.body}Distr.: General",
            "", "99 99999", "", doc.symbol or "", "", "2"]
    return "\n".join(out) + "\n"


def as_markdown(doc: Document, paragraphs: list[Paragraph]) -> str:
    notes = _notes(paragraphs)
    out = []
    if doc.title:
        out += [f"**{doc.title}**", ""]
    out += [f"The {doc.body},", ""]
    cited: list[str] = []
    for p in _body_paragraphs(paragraphs):
        marker = _marker(p)
        text = _with_refs(p, "markdown")
        if p.kind == "operative" and p.parent is None:
            first, _, rest = text.partition(" ")
            text = f"*{first}* {rest}" if rest and first.isalpha() else text
        out += [(marker + " " if marker else "") + text, ""]
        cited.extend(n for n in p.footnotes if n not in cited)
    out += [line for line in _trailer(doc) for line in (line, "")]
    for label in cited:
        if label in notes and label[2:].isalnum():
            out += [f"[^{label[2:]}]: {notes[label].text}", ""]
    return "\n".join(out)


def as_clean_text(doc: Document, paragraphs: list[Paragraph]) -> str:
    out = [f"The {doc.body},", ""]
    for p in _body_paragraphs(paragraphs):
        marker = _marker(p)
        if p.kind == "operative" and p.parent is None:
            out += [marker, p.text, ""]
        else:
            out += [(marker + " " if marker else "") + p.text, ""]
    out += [line for line in _trailer(doc) for line in (line, "")]
    return "\n".join(out)


LAYOUTS = {
    "pdf-text": as_pdf_text,
    "word-export": as_word_export,
    "markdown": as_markdown,
    "clean": as_clean_text,
}
