"""Line-level layout: what a text layout adds around the words, found and cut out.

- document-system markers (`[DU1]`, `<<ODS JOB NO>>...<<ODS JOB NO>>`), whose values are kept as hints;
- footnote blocks (a rule of underscores, then "N text" lines; unruled "N text" lines after the
  adoption trailer, at any indentation; "* text" notes for asterisk marks), kept as footnotes;
- page furniture inside the body: running headers with the symbol, page numbers, job numbers,
  a first-page header printed at the end by a Word export, the Assembly's line naming the report or
  draft it acted on ("[without reference to a Main Committee (A/66/L.35 and Add.1)]").

What is cut from the body is replaced by BREAK, so that the paragraph rules know a paragraph may
continue across it (a page break or a footnote block in the middle of a sentence).
"""

from __future__ import annotations

import re

from ..labels import MONTH, SYMBOL, SYMBOL_RE  # noqa: F401 (the parser's vocabulary)
from dataclasses import dataclass, field

from .clean import SUPERSCRIPT_DIGIT, number_of, strip_emphasis


@dataclass
class Line:
    raw: str
    no: int  # 1-based line number in the source

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def indent(self) -> int:
        expanded = self.raw.expandtabs(4)
        return len(expanded) - len(expanded.lstrip())


BREAK = None  # a place where layout was cut out of the body


@dataclass
class Footnote:
    label: str  # "fn1", "fn*"
    mark: str  # "1", "*"
    lines: list[Line] = field(default_factory=list)
    indent: int = 0  # where its number stands on the page
    raised: bool = False  # its number printed in superscript digits ("\u00b9 A/CONF.157/24"), as its marks are
    hang: int = 0  # where its text starts (a wrapped line may stand under either)


# Symbols of UN documents: A/RES/57/210, E/CN.4/2002/L.108, E/CN.4/2003/L.11/Add.7, A/HRC/RES/7/1, S/RES/1325 (2000)
_ALONE_SYMBOL = re.compile(rf"^(?:(?:page|p\.)?\s*\d{{1,4}}\s*/?\s*)?({SYMBOL})(?:\s*/?\s*(?:page\s*)?\d{{1,4}})?$", re.I)
_PAGE_NUMBER = re.compile(r"^(?:-\s*\d{1,4}\s*-|\d{1,4}|page \d{1,4}(?: of \d{1,4})?|\d{1,4} of \d{1,4})$", re.I)
_JOB_NUMBER = re.compile(r"^(?:\d{2} \d{5}|GE\.\d{2}-\d{4,6}(?: \(E\))?|[A-Z]?\d{7}[A-Z]?|\*\d{7}\*)$")
_RULE = re.compile(r"^\s*(?:_{5,}|-{5,}|\u2014{3,}|\*\s*\*\s*\*)\s*$")
_HEADER_WORDS = re.compile(r"Distr\.\s*:|^Distr\.|^Agenda items? \d[\w ()]*$|United Nations\S*(?:A|E|S)/|^Original: [A-Z]+$")
# "[on the report of the Third Committee (A/57/556/Add.2)]", "[without reference to a Main Committee (A/66/L.35)]"
ACTED_ON = re.compile(r"^\[\s*(?:on\s+the\s+report\s+of|without\s+reference\s+to)\s+(?:the|a)\s+[^\]]*\]?$", re.I)
# the rest of such a line wrapped ("Add.1)]", "and Corr.1)]", "Committee (A/66/L.35"): symbols, never a sentence
_ACTED_ON_TAIL = re.compile(r"^[\w./ ,&()-]{0,60}\]?\s*$")
MEETING = re.compile(r"^(\d+)\s*(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting\b\.?", re.I)
# the Human Rights Council's one-line trailer: "Adopted at the 40th meeting, 27 March 2008, without a vote"
ADOPTED_AT = re.compile(r"^\[?\s*Adopted\s+at\s+(?:the|its)\s+((\d+)\s*(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting)\b",
                        re.I)
FORMULA = re.compile(r"^The ([A-Z][\w\u2019'\-]*(?: [\w\u2019'\-]+){0,12}),$")
# "3 A/57/283.", "\u00b3 A/57/283." (a superscript number may be glued to the note's text: "\u00b3A/57/283.")
_FN_START = re.compile(rf"^(\d{{1,3}}(?=\s)|{SUPERSCRIPT_DIGIT}{{1,3}})\s*(\S.*)$")
# the trailer's date ("2 December 2002") opens as a note does, but is none
DATE_ALONE = re.compile(rf"^(\d{{1,2}})\s+({MONTH})\s+(\d{{4}})\.?$")
ANNEX = re.compile(r"^(?:Annex(?:es)?|Appendix)(?:\s+([IVXLC]+|\d+))?\.?$", re.I)  # "Annex II" alone on its line
_FN_SYMBOL_START = re.compile(r"^(\\?\*{1,3}|\u2020|\u2021)\s+(\S.*)$")
_MD_FOOTNOTE = re.compile(r"^\[\^(\w+)\]:\s*(.*)$")
_OPERATIVE_START = re.compile(r"^\s*(\d+)\s*\.(?:\s|$)")

_MARKERS = [
    (re.compile(r"<<ODS ([A-Z ]+?)(\d*)>>(.*?)<<ODS \1\2>>"), "ods"),
    (re.compile(r"<<ODS [A-Z ]+\d*>>"), None),
    (re.compile(r"\[DU\d+\]"), None),
    (re.compile(r"<!--.*?-->"), None),
]


def strip_markers(text: str) -> tuple[list[Line], dict[str, str]]:
    """Split into lines, cutting document-system markers; their values become hints."""
    hints: dict[str, str] = {}
    lines = []
    for no, raw in enumerate(text.split("\n"), 1):
        raw = raw.replace("\f", "")
        for pattern, kind in _MARKERS:
            if kind == "ods":
                for m in pattern.finditer(raw):
                    key = (m.group(1).strip() + m.group(2)).lower().replace(" ", "_")
                    if m.group(3).strip():
                        hints.setdefault(key, m.group(3).strip())
            raw = pattern.sub("", raw)
        lines.append(Line(raw, no))
    return lines, hints


def plain(line: Line) -> str:
    """A line's text with emphasis marks removed, for matching only."""
    return strip_emphasis(line.text).strip("*_ ").strip()


def find_formula(lines: list[Line]) -> int | None:
    for i, line in enumerate(lines):
        text = plain(line)
        if len(text) < 120 and FORMULA.match(text):
            return i
    return None


def find_trailer(lines: list[Line], start: int) -> int | None:
    """The adoption trailer ("77th plenary meeting", "[Adopted without a vote"), after the last paragraph."""
    for i in range(start, len(lines)):
        text = plain(lines[i])
        m = MEETING.match(text)
        if m and len(text) < 60 or ADOPTED_AT.match(text) and len(text) < 160:
            return i
    return None


def asterisk_marks(text: str) -> set[str]:
    """Symbol footnote marks glued to words in the text ("Afghanistan*,")."""
    marks = set()
    for mark in ("*", "\u2020", "\u2021"):
        # glued to a word, or to the punctuation that ends a paragraph ("human rights defenders;*")
        if re.search(rf"[^\W\d_]{re.escape(mark)}(?=[\s,;:.)]|$)|[;:,.)\u201d]{re.escape(mark)}$", text, re.M):
            marks.add(mark)
    return marks


def cut_footnotes(lines: list[Line], tail_start: int | None, marks: set[str]) -> tuple[list, list[Footnote]]:
    """Remove footnote blocks; returns the items (Line or BREAK) and the footnotes in order."""
    notes: list[Footnote] = []
    items: list = []
    last_number = 0
    i = 0
    n = len(lines)

    # an annex printed after the trailer has paragraphs again: an indented "2 weeks, ..." that goes on with a
    # sentence ("... for no more than") is its text, not note 2
    annex_at = next((k for k in range(tail_start + 1, n) if ANNEX.match(strip_emphasis(lines[k].text).strip())),
                    n) if tail_start is not None else n

    def starts_note(line: Line, after: int, in_tail: bool, at: int) -> int | None:
        # in the body an indented "N text" line is a paragraph's; after the trailer, notes may be indented
        m = _FN_START.match(line.text)
        if not m or (line.indent > 2 and not in_tail) or not re.search(r"[^\W\d_]", m.group(2)) \
                or DATE_ALONE.match(line.text) or (line.indent > 2 and at > annex_at and _goes_on(lines, at)):
            return None
        number = number_of(m.group(1))
        return number if after < number <= after + 3 else None

    while i < n:
        line = lines[i]
        text = line.text
        md = _MD_FOOTNOTE.match(text)
        sym = _FN_SYMBOL_START.match(text)
        if md:
            notes.append(Footnote("fn" + md.group(1), md.group(1), [Line(md.group(2), line.no)]))
            items.append(BREAK)
            i += 1
            continue
        if sym and marks and sym.group(1).lstrip("\\") in marks:
            mark = sym.group(1).lstrip("\\")
            note = Footnote("fn" + mark, mark, [Line(sym.group(2), line.no)])
            i += 1
            while i < n and lines[i].text and not _FN_SYMBOL_START.match(lines[i].text):
                note.lines.append(lines[i])
                i += 1
            notes.append(note)
            items.append(BREAK)
            continue
        in_tail = tail_start is not None and i > tail_start
        if _RULE.match(line.raw) and "_" in line.raw or (in_tail and starts_note(line, last_number, in_tail, i)):
            j = i + 1 if _RULE.match(line.raw) else i
            current: Footnote | None = None
            while j < n:
                candidate = lines[j]
                if not candidate.text:
                    k = j
                    while k < n and not lines[k].text:
                        k += 1
                    if k < n and starts_note(lines[k], last_number, in_tail, k):
                        j = k
                        continue
                    break
                number = starts_note(candidate, last_number, in_tail, j)
                if number is not None:
                    m = _FN_START.match(candidate.text)
                    current = Footnote(f"fn{number}", str(number), [Line(m.group(2), candidate.no)],
                                       indent=candidate.indent, hang=candidate.indent + m.start(2),
                                       raised=not m.group(1).isdecimal())
                    notes.append(current)
                    last_number = number
                elif (current is not None and _continues_note(current, candidate, in_tail)
                      and not lines[j - 1].text.endswith(".") and lines[j - 1].text):
                    current.lines.append(candidate)
                else:
                    break
                j += 1
            if current is None and not _RULE.match(line.raw):
                items.append(line)
                i += 1
                continue
            items.append(BREAK)
            i = j
            continue
        items.append(line)
        i += 1
    return items, notes


def _goes_on(lines: list[Line], at: int) -> bool:
    """Does the line before `at` (blank lines aside) leave a sentence open ("... for no more than")?"""
    before = next((lines[k].text for k in range(at - 1, -1, -1) if lines[k].text), "")
    return bool(before) and not re.search(r"[.;:!?)\]\u201d\"']\s*$", before) and not ANNEX.match(before.strip())


def _continues_note(note: Footnote, line: Line, in_tail: bool) -> bool:
    """A wrapped line of a numbered note: flush with the page in the body (an indented line there starts a
    paragraph); after the trailer, under the note's number or under its text (a hanging indent)."""
    if not in_tail:
        return line.indent == 0
    return note.indent <= line.indent <= note.hang


def cut_furniture(items: list) -> tuple[list, list[str], list[str]]:
    """Remove page headers, page numbers and header debris from the body.

    Returns the items, the symbols seen in running headers, and the text of cut header lines
    (which still carry metadata, such as the first-page header a Word export prints at the end).
    """
    out: list = []
    symbols: list[str] = []
    header_text: list[str] = []
    last_operative = 0
    bracket_open = 0  # lines left of a bracketed header line wrapped over more ("... (A/66/L.35 and" / "Add.1)]")
    for index, item in enumerate(items):
        if item is BREAK:
            out.append(BREAK)
            continue
        text = plain(item)
        acted_on = ACTED_ON.match(text)
        if acted_on or (bracket_open and item.text and _ACTED_ON_TAIL.match(text)
                        and re.search(r"[\]/]|\b(?:Add|Corr|Rev)\.", text)):
            header_text.append(item.text)
            out.append(BREAK)
            bracket_open = 0 if "]" in text else (2 if acted_on else bracket_open - 1)
            continue
        bracket_open = 0
        m = _OPERATIVE_START.match(item.text)
        if m:
            last_operative = int(m.group(1))
        alone = _ALONE_SYMBOL.match(text)
        if alone:
            symbols.append(alone.group(1))
            out.append(BREAK)
            continue
        if _JOB_NUMBER.match(text) or _RULE.match(item.raw) or _HEADER_WORDS.search(text):
            header_text.append(item.text)
            out.append(BREAK)
            continue
        if _PAGE_NUMBER.match(text) and _is_page_number(items, index, last_operative):
            out.append(BREAK)
            continue
        out.append(item)
    return out, symbols, header_text


def _is_page_number(items: list, index: int, last_operative: int) -> bool:
    """A bare number is a page number unless it is the next operative paragraph's number on its own line."""
    text = items[index].text
    digits = re.sub(r"\D", "", text.split(" of ")[0])
    if not text.isdigit() or int(digits or 0) != last_operative + 1:
        return True
    # "21" alone, followed by text that starts a paragraph: a paragraph number without its dot.
    for later in items[index + 1:]:
        if later is BREAK or not later.text:
            continue
        return not later.text[:1].isupper()
    return True
