"""A UN resolution (adopted or draft) in any of its text layouts -> Document + Paragraphs.

    lines -> markers cut -> zones (front matter | body | adoption trailer and what follows)
          -> footnotes cut -> page furniture cut -> blocks -> labelled units -> cleaned text
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import UnreadableFile
from ..records import FOOTNOTE, Document, Paragraph
from . import layout, metadata
from .clean import collapse, join_lines, strip_emphasis, strip_footnote_refs, words_of
from .layout import BREAK
from .structure import ANNEX, OPERATIVE_LABEL, WORDY, segment, units_of


@dataclass
class ParsedDocument:
    document: Document
    paragraphs: list[Paragraph]


def parse_resolution(text: str, doc_id: str, source: str | None = None) -> ParsedDocument:
    lines, hints = layout.strip_markers(text)
    formula_at = layout.find_formula(lines)
    formula = None
    if formula_at is not None:
        formula = layout.FORMULA.match(layout.plain(lines[formula_at])).group(1)
        body_from = formula_at + 1
    else:
        body_from = next((i for i, line in enumerate(lines) if re.match(r"^\s*[*_]{0,2}1\s*\.", line.raw)), None)
        if body_from is None:
            raise UnreadableFile(
                "no resolution structure found (no opening such as \"The General Assembly,\" "
                "and no numbered paragraphs)")
    trailer_at = layout.find_trailer(lines, body_from)
    marks = layout.asterisk_marks(text)
    items, notes = layout.cut_footnotes(lines, trailer_at, marks)

    front, body, tail = _zones(items, lines, body_from, formula_at, trailer_at)
    body, header_symbols, furniture = layout.cut_furniture(body)
    blocks = segment(body)
    units = units_of(blocks)

    document_words = words_of(text)
    numbers = {int(note.mark) for note in notes if note.mark.isdigit() and not note.raised}
    raised = frozenset(int(note.mark) for note in notes if note.raised)  # cited by superscript marks only
    # symbol marks ("*", "\u2020") are cut where glued to a word; a Markdown label ("[^a]") only in its brackets
    note_marks = {note.mark for note in notes if not re.fullmatch(r"\w+", note.mark)}
    defined_labels = {note.label for note in notes}
    paragraphs: list[Paragraph] = []
    for unit in units:
        raw = strip_emphasis(join_lines(unit.lines, document_words))
        raw, cited = strip_footnote_refs(raw, numbers, note_marks, defined_labels, raised)
        clean = collapse(raw)
        if not WORDY.search(clean):  # nothing, or only layout ("*") under a printed number
            continue
        paragraphs.append(Paragraph(doc_id, len(paragraphs), unit.kind, unit.label, clean,
                                    parent=unit.parent, footnotes=cited))
    if not any(p.kind != FOOTNOTE for p in paragraphs):
        raise UnreadableFile("no paragraphs found")
    defined = {p.label for p in paragraphs}
    for note in notes:
        note_text = collapse(strip_emphasis(join_lines([line.raw for line in note.lines], document_words)))
        if note_text and note.label not in defined:
            defined.add(note.label)
            paragraphs.append(Paragraph(doc_id, len(paragraphs), FOOTNOTE, note.label, note_text))

    meta = metadata.extract(
        [x for x in front if x is not BREAK], formula, [x for x in tail if x is not BREAK],
        furniture, header_symbols, hints)
    document = Document(id=doc_id, source=source, layout=_layout_name(text, hints, blocks), **meta.fields())
    return ParsedDocument(document, paragraphs)


def _zones(items: list, lines, body_from: int, formula_at: int | None, trailer_at: int | None):
    """Split the items (Line or BREAK) into front matter, body and tail by source line number."""
    body_first_no = lines[body_from].no if body_from < len(lines) else 10**9
    formula_no = lines[formula_at].no if formula_at is not None else None
    tail_first_no = lines[trailer_at].no if trailer_at is not None else 10**9
    # an annex printed after the adoption trailer (as the Assembly prints them) is text of the resolution
    annex_no = next((line.no for line in lines if line.no > tail_first_no and ANNEX.match(layout.plain(line).strip())),
                    10**9)
    front, body, tail, annex = [], [], [], []
    zone = front
    for item in items:
        if item is not BREAK:
            if item.no == formula_no:
                zone = body
                continue
            if item.no >= annex_no:
                zone = annex
            elif item.no >= tail_first_no:
                zone = tail
            elif item.no >= body_first_no:
                zone = body
        zone.append(item)
    return front, body + ([BREAK] + annex if annex else []), tail


def _layout_name(text: str, hints: dict, blocks) -> str:
    if hints or "[DU" in text or re.search(r"^\t\d+\.\t", text, re.M):
        return "word-export"
    if "**" in text or re.search(r"^#{1,6} ", text, re.M):
        return "markdown"
    if re.search(r"^_{5,}\s*$", text, re.M) and any(len(b.lines) > 2 for b in blocks):
        return "pdf-text"
    return "plain"


__all__ = ["ParsedDocument", "parse_resolution", "OPERATIVE_LABEL"]
