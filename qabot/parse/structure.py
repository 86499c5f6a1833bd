"""From the body's lines to paragraphs: blocks, then labelled units.

A block is the run of lines one paragraph prints. Layouts differ in how they show where a paragraph
starts: a blank line (clean text, Markdown), an indented first line (text extracted from PDF), a line
of its own (Word/ODS export). A block continues across a page break or a footnote block when the
text says so (it starts in lower case, or the previous block stopped mid-sentence).

Labels: preambular paragraphs pp1, pp2, ...; a lettered list under a preambular lead-in gets
"pp1 (a)", "pp1 (b)" (each item its own unit, linked to its lead-in); operative paragraphs keep their
printed number ("21" stays 21 when 20 is missing); sub-paragraphs "8 (c)", and "8 (c) (ii)" below them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..labels import PREAMBULAR, label_of, roman
from .layout import ANNEX, BREAK, Line  # noqa: F401 (ANNEX: the parser's vocabulary)
from .clean import SUPERSCRIPT_DIGIT, strip_emphasis

# the space after a label may be a no-break one ("1.\u00a0Reaffirms", as word processors and PDFs write it)
_GAP = r"[ \t\u00a0\u2000-\u200a\u202f]"
_BULLET = r"(?:[-+\u2022]\s+)?"  # "- (a) To organize ...": a Markdown list's bullet before the label
OPERATIVE_LABEL = re.compile(rf"^{_BULLET}(\d{{1,3}})\s*\.(?:{_GAP}+|$)")
ITEM_LABEL = re.compile(rf"^{_BULLET}\(([a-z]{{1,3}})\)(?:{_GAP}+|$)")
BARE_LABEL = re.compile(r"^(?:\d{1,3}\s*\.|\([a-z]{1,3}\))$")
# Where a paragraph may end: sentence punctuation, perhaps followed by a closing quote and a glued footnote mark
# (in digits or superscript digits: "Action,2", "Action,\u00b2").
TERMINAL = re.compile(rf"[.;:,!?][\"'\u201d\u2019)\]]?\*?(?:\d{{0,2}}|{SUPERSCRIPT_DIGIT}{{1,3}})$")
# How paragraphs of a resolution begin: a number, a letter, or the participle / verb of a lead-in.
OPENER = re.compile(
    r"^(?:\d{1,3}\s*\.|\([a-z]{1,3}\)|[A-Z][a-z]{3,}ing\b|(?:Also|Further|Aware|Deeply|Gravely|Mindful|Conscious|"
    r"Convinced|Concerned|Determined|Guided|Alarmed|Encouraged|Seized|Cognizant|Desirous|Firmly|Strongly|Fully|"
    r"Reiterating|Having|Noting|Bearing|Taking)\b)"
)
ANNEX_HEADING_LINES = 4  # "Annex I", its title (a line or two), a section heading
WORDY = re.compile(r"[^\W_]")  # a block without a letter or digit ("*", "---") is layout, not a paragraph
_ROMAN = [roman(n) for n in range(1, 16)]  # i .. xv: a list nested under a lettered item


@dataclass
class Block:
    lines: list[Line]
    after_break: bool = False

    @property
    def text(self) -> str:
        return strip_emphasis(" ".join(line.text for line in self.lines)).strip()

    @property
    def last(self) -> str:
        return strip_emphasis(self.lines[-1].text).rstrip("*_ ").rstrip()


@dataclass
class Unit:
    kind: str
    label: str
    lines: list[str]  # raw lines, the printed number or letter already cut from the first
    parent: str | None = None
    first_line: int = 0  # source line number, for messages
    children_end_with_colon: bool = False
    letter: str | None = None

    @property
    def ends_with_colon(self) -> bool:
        return strip_emphasis(self.lines[-1]).rstrip("*_ \t").endswith(":") if self.lines else False


def segment(items: list) -> list[Block]:
    """Group body lines into blocks, then join blocks that one paragraph spans."""
    lines = [item for item in items if item is not BREAK and item.text]
    wrapped = _is_wrapped(items)
    base = min((line.indent for line in lines), default=0)
    blocks: list[Block] = []
    current: list[Line] = []
    pending_break = False

    def flush() -> None:
        nonlocal current, pending_break
        if current:
            blocks.append(Block(current, after_break=pending_break))
            pending_break = False
        current = []

    for item in items:
        if item is BREAK:
            flush()
            pending_break = True
            continue
        if not item.text:
            flush()
            continue
        if current and _starts_new_block(current[-1], item, wrapped, base):
            flush()
        current.append(item)
    flush()

    merged: list[Block] = []
    for block in blocks:
        if merged and _continues(merged[-1], block):
            merged[-1] = Block(merged[-1].lines + block.lines, merged[-1].after_break)
        else:
            merged.append(block)
    return merged


def _is_wrapped(items: list) -> bool:
    """Text extracted from PDF: paragraphs wrapped over lines, first lines indented, the rest not."""
    runs: list[list[Line]] = []
    run: list[Line] = []
    for item in items:
        if item is BREAK or not item.text:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(item)
    if run:
        runs.append(run)
    multi = [r for r in runs if len(r) >= 2]
    if not multi:
        return False
    base = min(line.indent for r in runs for line in r)
    shaped = sum(1 for r in multi if r[0].indent > base and all(line.indent == base for line in r[1:]))
    return shaped * 2 >= len(multi)


def _starts_new_block(previous: Line, line: Line, wrapped: bool, base: int) -> bool:
    prev_text = strip_emphasis(previous.text).strip()
    text = strip_emphasis(line.text).strip()
    if BARE_LABEL.match(prev_text):
        return False
    ended = bool(TERMINAL.search(prev_text))
    if (OPERATIVE_LABEL.match(text) or ITEM_LABEL.match(text)) and ended:
        return True
    if wrapped:
        return line.indent > base
    return ended and bool(OPENER.match(text))


def _continues(previous: Block, block: Block) -> bool:
    prev = previous.text
    first = block.text
    if BARE_LABEL.match(prev):
        return True
    if OPERATIVE_LABEL.match(first) or ITEM_LABEL.match(first) or ANNEX.match(first):
        return False
    if first[:1].islower():
        return True
    return not TERMINAL.search(previous.last) and not OPENER.match(first)


def _cut_label(line: Line, pattern: re.Pattern) -> str:
    """The first line without its printed number or letter (and any emphasis wrapped around it)."""
    raw = line.raw.lstrip()
    lead = re.match(r"^[*_]{0,3}", raw).group(0)
    rest = raw[len(lead):]
    m = pattern.match(rest)
    if not m:
        return line.raw
    rest = rest[m.end():]
    if lead and rest.startswith(lead):  # "**1.** text"
        rest = rest[len(lead):]
        lead = ""
    return lead + rest.lstrip()


def units_of(blocks: list[Block]) -> list[Unit]:
    units: list[Unit] = []
    pp = 0
    seen_operative = False
    in_annex = False
    annex_count = 0
    annex_name = ""
    top: Unit | None = None  # the paragraph a lettered list belongs to
    item: Unit | None = None  # the last lettered item (a roman list belongs to it)
    nested: Unit | None = None  # the last roman item

    for block in blocks:
        first = block.lines[0]
        text = block.text
        if not WORDY.search(text):
            continue
        heading = ANNEX.match(strip_emphasis(first.text).strip())
        title = [strip_emphasis(line.text).strip() for line in block.lines[1:]]
        if heading and len(block.lines) <= ANNEX_HEADING_LINES \
                and not any(OPERATIVE_LABEL.match(t) or TERMINAL.search(t) for t in title):
            # "Annex II" and the annex's title under it (no sentence: a paragraph glued to it is kept as one):
            # the paragraphs after it are the annex's
            in_annex = True
            annex_count += 1
            annex_name = (heading.group(1) or "").upper()
            top = item = nested = None
            continue
        prefix = (f"annex {annex_name} " if annex_name else "annex ") if in_annex else ""
        m_op = OPERATIVE_LABEL.match(text)
        m_item = ITEM_LABEL.match(text)
        if m_op:
            seen_operative = True
            lines = [_cut_label(first, OPERATIVE_LABEL)] + [line.raw for line in block.lines[1:]]
            unit = Unit("operative", prefix + m_op.group(1), lines, first_line=first.no)
            if BARE_LABEL.match(strip_emphasis(first.text).strip()):
                unit.lines = [line.raw for line in block.lines[1:]]
            top, item, nested = unit, None, None
        elif m_item and top is not None:
            letter = m_item.group(1)
            lines = [_cut_label(first, ITEM_LABEL)] + [line.raw for line in block.lines[1:]]
            if BARE_LABEL.match(strip_emphasis(first.text).strip()):
                lines = [line.raw for line in block.lines[1:]]
            parent = top
            if item is not None and _is_nested(letter, item, nested):
                parent = item
            unit = Unit(top.kind, f"{parent.label} ({letter})", lines, parent=parent.label,
                        first_line=first.no, letter=letter)
            if parent is item:
                nested = unit
            else:
                item, nested = unit, None
        elif not seen_operative and not in_annex:
            pp += 1
            unit = Unit(PREAMBULAR, label_of(PREAMBULAR, pp), [line.raw for line in block.lines], first_line=first.no)
            top, item, nested = unit, None, None
        else:
            # An unnumbered paragraph among operative ones (or in an annex): its own unit, labelled
            # after the paragraph it follows, never glued onto another paragraph's quote.
            base = top.label if top is not None else (prefix.strip() or "op")
            unit = Unit("operative", f"{base} (cont.)", [line.raw for line in block.lines], first_line=first.no)
            top, item, nested = unit, None, None
        units.append(unit)
    _make_labels_unique(units)
    return units


def _is_nested(letter: str, item: Unit, nested: Unit | None) -> bool:
    """Is "(i)" the first item of a roman list under the lettered item, or the letter after "(h)"?"""
    if letter not in _ROMAN:
        return False
    if nested is not None and nested.letter in _ROMAN:
        position = _ROMAN.index(nested.letter)
        if position + 1 < len(_ROMAN) and _ROMAN[position + 1] == letter:
            return True
    expected_letter = chr(ord(item.letter[-1]) + 1) if item.letter and len(item.letter) == 1 else None
    if letter == expected_letter:
        return False
    return letter == "i" and item.ends_with_colon


def _make_labels_unique(units: list[Unit]) -> None:
    seen: dict[str, int] = {}
    for unit in units:
        count = seen.get(unit.label, 0) + 1
        seen[unit.label] = count
        if count > 1:
            unit.label = f"{unit.label} [{count}]"
