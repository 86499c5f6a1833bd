"""Briefing notes: the record of a note (its title, date, sections of quoted and cited paragraphs), built
from answers to questions or from paragraphs chosen by hand. Rendering lives in render/note_*.py.

A quote in a note is a stored paragraph, whole and verbatim; its citation is computed from that same
paragraph and its document, so a quote can never be attributed to another paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .answer import Answer
from .citations import cite
from .errors import UnknownLabel
from .records import Document, Paragraph

DEFAULT_TITLE = "Briefing note"


@dataclass
class Quote:
    """One paragraph quoted whole, with the chapeau it continues (also verbatim) and its citation."""
    document: Document
    paragraph: Paragraph
    citation: str
    context: str | None = None  # the chapeau of a sub-paragraph, verbatim

    @property
    def text(self) -> str:
        return self.paragraph.text

    @property
    def url(self) -> str | None:
        return self.document.url

    def to_json(self) -> dict:
        return {"doc": self.document.to_json(), "label": self.paragraph.label, "kind": self.paragraph.kind,
                "citation_label": self.paragraph.citation_label, "text": self.text, "context": self.context,
                "citation": self.citation, "url": self.url}


@dataclass
class Section:
    heading: str
    lead: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    found: bool = True


@dataclass
class Note:
    title: str
    date: str  # ISO
    sections: list[Section] = field(default_factory=list)

    def sources(self) -> list[Document]:
        """Every document quoted, once, in the order it is first quoted."""
        seen: dict[str, Document] = {}
        for section in self.sections:
            for q in section.quotes:
                seen.setdefault(q.document.id, q.document)
        return list(seen.values())


# ---------------------------------------------------------------- building notes
def section_from_answer(answer: Answer) -> Section:
    quotes: list[Quote] = []
    for p in answer.passages:
        context = p.context
        if context and quotes and quotes[-1].document.id == p.document.id and \
                p.paragraph.parent in (quotes[-1].paragraph.label, quotes[-1].paragraph.parent):
            context = None  # the chapeau is already quoted just above, as in the document
        quotes.append(Quote(p.document, p.paragraph, p.citation, context))
    return Section(heading=answer.question, lead=answer.lead, quotes=quotes, notes=list(answer.notes),
                   found=answer.found)


def note_from_answers(answers: list[Answer], title: str | None = None, date: str | None = None) -> Note:
    note = new_note([section_from_answer(a) for a in answers], title)
    if date:
        note.date = date
    return note


def new_note(sections: list[Section], title: str | None = None) -> Note:
    return Note(title=title or DEFAULT_TITLE, date=dt.date.today().isoformat(), sections=sections)


def note_markdown(answers: list[Answer], title: str | None = None) -> str:
    """The briefing note of these answers, as Markdown (what Slack's Export button posts)."""
    from .render.note_markdown import render

    return render(note_from_answers(answers, title))


def ask_all(searcher, questions: list[str], k: int | None = None, max_tokens: int | None = None) -> list[Answer]:
    """Ask each question in turn (the same flow as `qabot ask`)."""
    from .pipeline import ask

    return [ask(searcher, q, k=k, max_tokens=max_tokens) for q in questions]


def read_questions(text: str) -> list[str]:
    """Questions from a file: one a line; blank lines and lines starting with # are skipped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


# ---------------------------------------------------------------- paragraphs chosen by hand
_SUBS = r"((?:\s*\(\s*[a-z]{1,5}\s*\))*)"
_OPERATIVE = re.compile(r"^(?:op\.?|operative(?:\s+paragraph)?|para(?:graph)?\.?|§|¶)?\s*(\d{1,3})" + _SUBS + r"$")
_PREAMBULAR = re.compile(r"^(?:pp\.?|preambular(?:\s+paragraph)?|pr\.?)\s*(\d{1,3})" + _SUBS + r"$")
_FOOTNOTE = re.compile(r"^(?:fn\.?|footnote|note)\s*(\d{1,3}|\*{1,3})$")


def parse_label(text: str) -> str:
    """A label as people type it -> the stored label: "op. 8 (c)" / "8(c)" -> "8 (c)"; "pp. 3" -> "pp3";
    "fn1" -> "fn1"."""
    low = " ".join(text.lower().split())
    m = _PREAMBULAR.match(low)
    if m:
        return f"pp{int(m.group(1))}" + _subs(m.group(2))
    m = _FOOTNOTE.match(low)
    if m:
        return "fn" + (str(int(m.group(1))) if m.group(1).isdigit() else m.group(1))
    m = _OPERATIVE.match(low)
    if m:
        return str(int(m.group(1))) + _subs(m.group(2))
    raise UnknownLabel(f"{text!r} is not a paragraph label; write it as 11, \"op. 8 (c)\", pp3 or fn1.")


def _subs(text: str) -> str:
    return "".join(f" ({s})" for s in re.findall(r"\(\s*([a-z]+)\s*\)", text or ""))


def find_paragraph(store, doc: Document, label_text: str) -> Paragraph:
    """The paragraph of `doc` that `label_text` names, or UnknownLabel naming the labels that exist."""
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
    return Quote(doc, paragraph, cite(doc, paragraph, style), context)


def section_from_quotes(doc: Document, quotes: list[Quote]) -> Section:
    from .citations import document_label

    return Section(heading=f"From {document_label(doc)}", quotes=quotes)


def label_ranges(labels: list[str]) -> str:
    """["pp1", "pp2", "pp3", "1", "2", "2 (a)", "2 (b)", "3", "fn1"] -> "pp1-pp3, 1-2, 2 (a)-(b), 3, fn1"."""
    runs: list[list[tuple[str, str, int | str]]] = []
    for label in labels:
        family, base, last = _label_parts(label)
        if runs:
            f0, b0, l0 = runs[-1][-1]
            if f0 == family and b0 == base and _next(l0, last):
                runs[-1].append((family, base, last))
                continue
        runs.append([(family, base, last)])
    out = []
    for run in runs:
        first, final = _label_of(run[0]), _label_of(run[-1])
        if len(run) == 1:
            out.append(first)
        elif run[0][0] == "sub":
            out.append(f"{first}\u2013({run[-1][2]})")
        else:
            out.append(f"{first}\u2013{final}")
    return ", ".join(out)


def _label_parts(label: str) -> tuple[str, str, int | str]:
    m = re.match(r"^(pp|fn)?(\d+)$", label)
    if m:
        return (m.group(1) or "op"), m.group(1) or "", int(m.group(2))
    m = re.match(r"^(.*)\(([a-z]+)\)$", label)
    if m:
        return "sub", m.group(1), m.group(2)
    return "other", label, label


def _label_of(part: tuple[str, str, int | str]) -> str:
    family, base, last = part
    if family == "sub":
        return f"{base}({last})"
    if family == "other":
        return str(last)
    return f"{base}{last}"


def _next(a, b) -> bool:
    if isinstance(a, int) and isinstance(b, int):
        return b == a + 1
    if isinstance(a, str) and isinstance(b, str) and len(a) == 1 and len(b) == 1:
        return ord(b) == ord(a) + 1
    return False


__all__ = ["Note", "Section", "Quote", "note_markdown", "note_from_answers", "section_from_answer",
           "section_from_quotes", "quote_of", "find_paragraph", "parse_label", "label_ranges", "ask_all",
           "read_questions"]
