"""A briefing note as a Word document (python-docx), with Word's own styles: Title, Heading 1 per
question, Quote for each passage (one run: the stored paragraph, verbatim), the citation after a dash
with a real hyperlink, and a "Sources" table.

`append()` adds a section to an existing note in place, before its Sources heading, so what a person
wrote in the document is kept.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..records import CITED_FOR, NEAREST, Note, Quote, Section
from ..citations import date_words
from ..errors import QabotError
from ..parse.word import damage_errors
from ..records import Document

SOURCES = "Sources"
SOURCE_COLUMNS = ("Symbol", "Title", "Body", "Date", "Link")
_NO_SYMBOL = re.compile(r"\(id ([A-Za-z0-9_.-]+)\)")


class NoteUnreadable(QabotError):
    """The note to add to is not a Word document python-docx can read."""


def _docx():
    try:
        import docx
    except ModuleNotFoundError:  # pragma: no cover - a dependency of qabot
        raise QabotError("Writing .docx notes needs python-docx (pip install python-docx).") from None
    return docx


def render(note: Note, path: Path) -> None:
    docx = _docx()
    document = docx.Document()
    document.core_properties.title = note.title
    document.add_paragraph(note.title, style="Title")
    document.add_paragraph(date_words(note.date) or note.date)
    for section in note.sections:
        add_section(document, section)
    add_sources(document, note.sources())
    document.save(path if hasattr(path, "write") else str(path))


def to_bytes(note: Note) -> bytes:
    """The note as the bytes of a .docx file (what Slack is sent)."""
    import io

    buffer = io.BytesIO()
    render(note, buffer)
    return buffer.getvalue()


def add_section(document, section: Section) -> None:
    document.add_paragraph(section.heading, style="Heading 1")
    if section.lead:
        document.add_paragraph(section.lead)
    if not section.found and section.quotes:
        document.add_paragraph().add_run(NEAREST).italic = True
    elif section.from_metadata and section.quotes:
        document.add_paragraph().add_run(CITED_FOR).italic = True
    for quote in section.quotes:
        add_quote(document, quote)
    for note in section.notes:
        p = document.add_paragraph()
        p.add_run("Note: " + note).italic = True


def add_quote(document, quote: Quote) -> None:
    if quote.context:
        p = document.add_paragraph(style="Quote")
        p.add_run(quote.context).italic = True
        p.add_run(" \u2026")
    document.add_paragraph(quote.text, style="Quote")
    p = document.add_paragraph(style="Quote")
    p.add_run("\u2014 " + quote.citation)
    if quote.url:
        p.add_run(" ")
        add_hyperlink(p, quote.url, quote.url)
    for note in quote.footnotes:  # the notes it cites, verbatim, each on a line under the citation
        run = p.add_run()
        run.add_break()
        run.add_text(f"{note.citation_label}: {note.text}")


def add_sources(document, documents: list[Document]) -> None:
    if not documents:
        return
    document.add_paragraph(SOURCES, style="Heading 1")
    table = document.add_table(rows=1, cols=len(SOURCE_COLUMNS))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, SOURCE_COLUMNS):
        cell.text = ""
        cell.paragraphs[0].add_run(name).bold = True
    add_source_rows(table, documents)


def add_source_rows(table, documents: list[Document]) -> None:
    for doc in documents:
        cells = table.add_row().cells
        cells[0].text = doc.symbol or f"none printed (id {doc.id})"
        cells[1].text = doc.title or ""
        cells[2].text = doc.body or ""
        cells[3].text = date_words(doc.date) or ""
        if doc.url:
            add_hyperlink(cells[4].paragraphs[0], doc.url, doc.url)


def add_hyperlink(paragraph, url: str, text: str):
    """A real Word hyperlink (w:hyperlink with an external relationship), styled as Word's Hyperlink."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    part = paragraph.part
    r_id = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = _hyperlink_style(part.document)
    if style is not None:
        ref = OxmlElement("w:rStyle")
        ref.set(qn("w:val"), style.style_id)
        props.append(ref)
    else:  # pragma: no cover - the default template can always take the style
        color = OxmlElement("w:color")
        color.set(qn("w:val"), str(RGBColor(0x05, 0x63, 0xC1)))
        props.append(color)
    run.append(props)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)
    return link


def _hyperlink_style(document):
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    styles = document.styles
    for style in styles:
        if style.name == "Hyperlink":
            return style
    style = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    style.font.underline = True
    style.hidden = False
    style.unhide_when_used = True
    return style


# ---------------------------------------------------------------- adding to a note
def append(path: Path, section: Section) -> None:
    """Add `section` to the note at `path` (before its Sources heading), and rows to its Sources table
    for documents it does not list yet."""
    docx = _docx()
    try:
        document = docx.Document(str(path))
    except damage_errors() as exc:  # not a zip, a damaged one, or XML python-docx does not expect
        raise NoteUnreadable(f"{path} is not a Word document that can be added to ({type(exc).__name__}).") from None
    body = document.element.body
    heading = None
    for p in document.paragraphs:
        if p.text.strip() == SOURCES and p.style is not None and p.style.name.startswith("Heading"):
            heading = p
    before = len(body)
    add_section(document, section)
    new = list(body)[before - 1:len(body) - 1] if body[-1].tag.endswith("sectPr") else list(body)[before:]
    documents = list({q.document.id: q.document for q in section.quotes}.values())
    if heading is None:
        add_sources(document, documents)
    else:
        for element in new:
            heading._p.addprevious(element)
        table = _sources_table(document, heading)
        listed = listed_sources(table) if table is not None else set()
        missing = [d for d in documents if d.id not in listed and (d.symbol or "").lower() not in listed]
        if table is None:
            add_sources(document, missing)
        else:
            add_source_rows(table, missing)
    document.save(str(path))


def _sources_table(document, heading):
    element = heading._p.getnext()
    while element is not None:
        if element.tag.endswith("}tbl"):
            for table in document.tables:
                if table._tbl is element:
                    return table
        if element.tag.endswith("}p") and element.xpath("string(.)").strip():
            return None
        element = element.getnext()
    return None


def listed_sources(table) -> set[str]:
    found = set()
    for row in table.rows[1:]:
        first = row.cells[0].text.strip()
        m = _NO_SYMBOL.search(first)
        found.add(m.group(1) if m else first.lower())
    return found
