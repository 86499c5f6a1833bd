"""A briefing note as Markdown, for pasting: a title and date, per question a heading, the lead, each
passage quoted whole as a block quote with its citation and link after a dash inside the quote, and a
"Sources" table with each document once.

Escaping only adds backslashes before punctuation Markdown would act on; a reader who copies the
rendered quote gets the stored paragraph, character for character.
"""

from __future__ import annotations

import re

from ..citations import date_words
from ..notes.brief import note_from_answers
from ..records import CITED_FOR, NEAREST, Answer, Document, Note, Quote, Section
from .answer_markdown import escape as _escape_inline

SOURCES_HEADING = "## Sources"
SOURCE_COLUMNS = ("Symbol", "Title", "Body", "Date", "Link")
_LINE_START = re.compile(r"^([ \t]*)(?:([-+=>])|(\d{1,9})([.)]))(?=[ \t]|$)", re.M)
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_NO_SYMBOL = re.compile(r"\(id ([A-Za-z0-9_.-]+)\)")


def escape(text: str) -> str:
    """Text Markdown shows as written: inline marks, entities, a list or heading marker at a line start."""
    out = _escape_inline(text).replace("~", "\\~")
    out = _ENTITY.sub(r"\\&", out)
    return _LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)),
                           out)


def render(note: Note) -> str:
    lines = [f"# {escape(note.title)}", "", escape(date_words(note.date) or note.date), ""]
    for section in note.sections:
        lines += section_lines(section)
    lines += sources_lines(note.sources())
    return "\n".join(lines).rstrip() + "\n"


def answers_note(answers: list[Answer], title: str | None = None) -> str:
    """The briefing note of these answers, as Markdown (what Slack's Export button posts)."""
    return render(note_from_answers(answers, title))


def section_lines(section: Section) -> list[str]:
    lines = [f"## {escape(section.heading)}", ""]
    if section.lead:
        lines += [escape(section.lead), ""]
    if not section.found and section.quotes:
        lines += [f"*{escape(NEAREST)}*", ""]
    elif section.from_metadata and section.quotes:
        lines += [f"*{escape(CITED_FOR)}*", ""]
    for quote in section.quotes:
        lines += quote_lines(quote) + [""]
    for note in section.notes:
        lines += [f"*Note: {escape(note)}*", ""]
    return lines


def quote_lines(quote: Quote) -> list[str]:
    """The chapeau (in italics, then an ellipsis), the paragraph, and "— citation <link>", one block quote."""
    lines = []
    if quote.context:
        lines += _quoted(f"*{escape(quote.context)}* \u2026") + [">"]
    lines += _quoted(escape(quote.text))
    link = f" <{quote.url}>" if quote.url else ""
    lines += [">", f"> \u2014 {escape(quote.citation)}{link}"]
    if quote.footnotes:  # the notes it cites, each a line of its own under the citation
        lines += [">"] + [f"> {escape(n.citation_label)}: {escape(n.text)}  " for n in quote.footnotes]
    return lines


def _quoted(text: str) -> list[str]:
    return ["> " + line if line else ">" for line in text.split("\n")]


def sources_lines(documents: list[Document]) -> list[str]:
    if not documents:
        return []
    return [SOURCES_HEADING, "", "| " + " | ".join(SOURCE_COLUMNS) + " |",
            "|" + "|".join(" --- " for _ in SOURCE_COLUMNS) + "|"] + [source_row(d) for d in documents] + [""]


def source_row(doc: Document) -> str:
    symbol = doc.symbol or f"none printed (id {doc.id})"
    cells = [symbol, doc.title or "", doc.body or "", date_words(doc.date) or "", f"<{doc.url}>" if doc.url else ""]
    return "| " + " | ".join(escape(c) if not c.startswith("<http") else c for c in cells) + " |"


# ---------------------------------------------------------------- adding to a note
def append(existing: str, section: Section) -> str:
    """`existing` (a note, perhaps edited by hand) with `section` added before its Sources table, and
    the table given a row for each document not yet in it. Nothing already there is changed."""
    lines = existing.rstrip("\n").split("\n")
    try:
        at = max(i for i, line in enumerate(lines) if line.strip() == SOURCES_HEADING)
    except ValueError:
        documents = _unique([q.document for q in section.quotes])
        return "\n".join(lines + [""] + section_lines(section) + sources_lines(documents)).rstrip() + "\n"
    listed = listed_sources("\n".join(lines[at:]))
    new_docs = [d for d in _unique([q.document for q in section.quotes])
                if d.id not in listed and (d.symbol or "").lower() not in listed]
    table_end = at + 1
    for i in range(at + 1, len(lines)):
        if lines[i].lstrip().startswith("|"):
            table_end = i + 1
        elif lines[i].strip() and table_end > at + 1:
            break
    if table_end == at + 1:  # a heading without a table (edited away): start one
        rows = sources_lines(new_docs)[2:-1] if new_docs else []
        lines[at + 1:at + 1] = [""] + rows
    else:
        lines[table_end:table_end] = [source_row(d) for d in new_docs]
    out = lines[:at] + section_lines(section) + lines[at:]
    return "\n".join(out).rstrip() + "\n"


def listed_sources(text: str) -> set[str]:
    """Symbols (lower case) and ids of the documents a Sources table lists."""
    found = set()
    for line in text.split("\n"):
        if not line.lstrip().startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not cells or cells[0] in (SOURCE_COLUMNS[0], "---") or set(cells[0]) <= {"-", ":", " "}:
            continue
        first = unescape(cells[0])
        m = _NO_SYMBOL.search(first)
        found.add(m.group(1) if m else first.lower())
    return found


def unescape(text: str) -> str:
    """Markdown's backslash escapes undone (what a reader sees)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def _unique(documents: list[Document]) -> list[Document]:
    return list({d.id: d for d in documents}.values())
