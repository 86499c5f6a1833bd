"""Briefing notes: the record of a note (its title, date, sections of quoted and cited paragraphs), built
from answers to questions or from paragraphs chosen by hand. Rendering lives in render/note_*.py.

A quote in a note is a stored paragraph, whole and verbatim; its citation is computed from that same
paragraph and its document, so a quote can never be attributed to another paragraph.
"""

from __future__ import annotations

import datetime as dt

from ..citations import cite
from ..errors import UnknownLabel
from ..labels import label_ranges, parse_label
from ..records import Answer, Document, Note, Paragraph, Quote, Section

DEFAULT_TITLE = "Briefing note"


# ---------------------------------------------------------------- building notes
def section_from_answer(answer: Answer) -> Section:
    quotes: list[Quote] = []
    for p in answer.passages:
        context = p.context
        if context and quotes and quotes[-1].document.id == p.document.id and \
                p.paragraph.parent in (quotes[-1].paragraph.label, quotes[-1].paragraph.parent):
            context = None  # the chapeau is already quoted just above, as in the document
        quotes.append(Quote(p.document, p.paragraph, p.citation, context, list(p.footnotes)))
    return Section(heading=answer.question, lead=answer.lead, quotes=quotes, notes=list(answer.notes),
                   found=answer.found, from_metadata=answer.reason == "document metadata")


def note_from_answers(answers: list[Answer], title: str | None = None, date: str | None = None) -> Note:
    note = new_note([section_from_answer(a) for a in answers], title)
    if date:
        note.date = date
    return note


def new_note(sections: list[Section], title: str | None = None) -> Note:
    return Note(title=title or DEFAULT_TITLE, date=dt.date.today().isoformat(), sections=sections)


def read_questions(text: str) -> list[str]:
    """Questions from a file: one a line; blank lines and lines starting with # are skipped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


# ---------------------------------------------------------------- paragraphs chosen by hand
def find_paragraph(store, doc: Document, label_text: str) -> Paragraph:
    """The paragraph of `doc` that `label_text` names, or UnknownLabel naming the labels that exist. A label
    written as it is stored ("4 (cont.)", as the list of labels shows it) is taken as it is."""
    paragraph = store.paragraph(doc.id, " ".join(label_text.split()))
    if paragraph is not None:
        return paragraph
    label = parse_label(label_text)
    paragraph = store.paragraph(doc.id, label)
    if paragraph is None:
        labels = [p.label for p in store.paragraphs(doc.id)]
        raise UnknownLabel(f"{doc.name} has no paragraph {label_text!r}; its paragraphs are "
                           f"{label_ranges(labels)}.")
    return paragraph


def quote_of(store, doc: Document, paragraph: Paragraph, style: str = "default") -> Quote:
    context = None
    if paragraph.parent:
        parent = store.paragraph(doc.id, paragraph.parent)
        context = parent.text if parent else None
    notes = [store.paragraph(doc.id, label) for label in paragraph.footnotes]
    return Quote(doc, paragraph, cite(doc, paragraph, style), context, [n for n in notes if n is not None])


def section_from_quotes(doc: Document, quotes: list[Quote]) -> Section:
    from ..citations import document_label

    return Section(heading=f"From {document_label(doc)}", quotes=quotes)
