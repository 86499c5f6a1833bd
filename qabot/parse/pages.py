"""Laid-out pages -> the text layout the resolution parser reads, furniture cut by geometry.

A format reader gives, for each page, its runs of text (characters on one baseline in one size, with
their box); this module turns them into text like a careful PDF extraction, so that one set of
paragraph rules (structure.py) serves every format:

- lines are rebuilt from runs by baseline; a smaller run raised above a line is a superscript;
- running headers and footers (lines at the top or foot of pages that repeat from page to page, or
  that hold only a page number or the symbol) are cut; the symbol they print is kept, alone on the
  first line, where the metadata reader looks for it;
- footnotes (the smaller lines at a page's foot, under the body) are taken out of the flow and written
  after the text as "[^1]: text", one line per note; a superscript that is a footnote's mark becomes
  "[^1]" where it stands, so a reference mark is never read as part of a number, nor a number as one;
- the layout shows in the text: a line's indent from the page's left margin as leading spaces, a
  blank line where the gap between two lines is wider than the line spacing. Lines of the next page
  follow on, so a paragraph that runs over a page break (or two) stays one paragraph.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from .clean import join_lines, words_of
from .layout import SYMBOL_RE


@dataclass
class Run:
    """Characters on one baseline, in one size: y is the baseline, growing upwards (PDF space)."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    sup: bool = False


@dataclass
class Line:
    """Runs on one baseline, left to right. Its measures are computed once: build a new Line to change it."""

    runs: list[Run] = field(default_factory=list)

    @cached_property
    def y(self) -> float:
        return min(run.y for run in self.body_runs)

    @cached_property
    def body_runs(self) -> list[Run]:
        return [run for run in self.runs if not run.sup] or self.runs

    @cached_property
    def size(self) -> float:
        counts: Counter = Counter()
        for run in self.body_runs:
            counts[round(run.size, 1)] += len(run.text.strip()) or 0.1
        return counts.most_common(1)[0][0]

    @cached_property
    def x0(self) -> float:
        return self.runs[0].x0

    @cached_property
    def x1(self) -> float:
        return max(run.x1 for run in self.runs)

    def text(self, mark=None) -> str:
        """The line's text; `mark(run)` renders a superscript run (default: its characters)."""
        out = ""
        previous: Run | None = None
        for run in self.runs:
            piece = mark(run) if (mark and run.sup) else run.text
            if previous is not None and not out.endswith(" ") and not piece.startswith(" ") and not run.sup \
                    and run.x0 - previous.x1 > 0.2 * max(run.size, previous.size):
                out += " "
            out += piece
            previous = run
        return out.strip()


_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-\u2013\u2014]?\s*\d{1,4}\s*[-\u2013\u2014]?$|^\d{1,4}\s*(?:of|/)\s*\d{1,4}$", re.I)
_RULE = re.compile(r"^[_\u2014\u2013-]{5,}$")
_NOTE_START = re.compile(r"^(\d{1,3}|\*{1,3}|[\u2020\u2021])\s+(\S.*)$")
_MARKS = re.compile(r"^(?:\d{1,3}|\*{1,3}|[\u2020\u2021])(?:\s*,\s*(?:\d{1,3}|\*{1,3}|[\u2020\u2021]))*$")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})


def lines_of(runs: list[Run]) -> list[Line]:
    """Runs -> lines, top of the page first: runs on one baseline are one line (ordered left to
    right), and a smaller run raised just above a line's baseline is a superscript of that line."""
    runs = [run for run in runs if run.text.strip()]
    groups: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: -r.y):
        if groups and abs(groups[-1][0].y - run.y) <= 0.2 * min(run.size, groups[-1][0].size):
            groups[-1].append(run)
        else:
            groups.append([run])
    lines = [Line(sorted(group, key=lambda r: r.x0)) for group in groups]
    merged: list[Line] = []
    for i, line in enumerate(lines):
        below = lines[i + 1] if i + 1 < len(lines) else None
        if below is not None and _is_superscript_of(line, below):
            for run in line.runs:
                run.sup = True
            lines[i + 1] = Line(sorted(below.runs + line.runs, key=lambda r: r.x0))
            continue
        merged.append(line)
    return merged


def _is_superscript_of(line: Line, below: Line) -> bool:
    size = max(run.size for run in line.runs)
    base = below.size
    if size > 0.85 * base or not 0 < line.y - below.y < 0.75 * base:
        return False
    left = min(run.x0 for run in below.runs) - base
    right = max(run.x1 for run in below.runs) + base
    return all(left <= run.x0 <= right and len(run.text.strip()) <= 8 for run in line.runs)


@dataclass
class _Note:
    mark: str
    lines: list[str]


def text_of(pages: list[list[Run]]) -> str:
    """The document's text, laid out as the resolution parser expects (see the module's doc)."""
    page_lines = [lines_of(runs) for runs in pages]
    all_lines = [line for lines in page_lines for line in lines]
    if not all_lines:
        return ""
    body_size = _body_size(all_lines)
    furniture = _furniture(page_lines, body_size)
    symbols: list[str] = []
    bodies: list[list[Line]] = []
    notes: list[_Note] = []
    foot: list[Line] = []
    for number, lines in enumerate(page_lines):
        kept = []
        for i, line in enumerate(lines):
            if (number, i) in furniture:
                symbols.extend(m.group(0) for m in SYMBOL_RE.finditer(line.text()))
            else:
                kept.append(line)
        body, foot = _split_foot(kept, body_size, continuing=bool(foot))  # a note may go on from the last page
        notes = _read_notes(foot, notes)
        bodies.append(body)

    marks = {note.mark for note in notes}

    def mark(run: Run) -> str:
        parts = [p for p in re.split(r"[\s,]+", run.text.strip()) if p]
        if parts and all(p.isdigit() and p in marks for p in parts):
            return "".join(f"[^{p}]" for p in parts)
        return run.text.strip()

    out: list[str] = []
    if symbols:
        out += [Counter(symbols).most_common(1)[0][0], ""]
    spacing = _line_spacing(bodies, body_size)
    margins = _left_margins(bodies)
    right = max((line.x1 for body in bodies for line in body), default=0.0)
    width = right - min(margins)
    ended = True  # did the last line printed end its paragraph (short of the right margin)?
    for number, body in enumerate(bodies):
        left = min([margins[number % 2]] + [line.x0 for line in body])
        previous: Line | None = None
        for line in body:
            indent = max(0, round((line.x0 - left) / (0.5 * body_size)))
            if previous is not None:
                blank = previous.y - line.y > 1.3 * spacing * max(1.0, line.size / body_size)
            else:  # the first line of a page: a paragraph starts if it is indented or the last one ended
                blank = bool(out and out[-1]) and (indent > 0 or ended)
            if blank:
                out.append("")
            text = _clean(line.text(mark))
            if text:
                out.append(" " * indent + text)
            # a short line after a full one ends a justified paragraph (ragged lines say nothing)
            ended = line.x1 < right - 0.15 * width and previous is not None and previous.x1 >= right - 0.05 * width
            previous = line
    document_words = words_of("\n".join(out))
    if notes:
        out.append("")
    for note in notes:
        text = join_lines([_clean(line) for line in note.lines], document_words)
        out.append(f"[^{note.mark}]: {text}" if note.mark.isdigit() else f"{note.mark} {text}")
    return "\n".join(out) + "\n"


def _clean(text: str) -> str:
    # PDFium marks a hyphen it guesses is a line-end hyphenation as U+FFFE (older builds: U+0002); the
    # page prints a hyphen, and whether it split a word is the paragraph rules' call (clean.join_lines).
    return text.translate(_LIGATURES).replace("\ufffe", "-").replace("\x02", "-")


def _body_size(lines: list[Line]) -> float:
    counts: Counter = Counter()
    for line in lines:
        for run in line.body_runs:
            counts[round(run.size, 1)] += len(run.text.strip())
    return counts.most_common(1)[0][0]


def _key(line: Line) -> str:
    return " ".join(sorted(re.sub(r"\d+", "#", line.text()).split()))


def _furniture(page_lines: list[list[Line]], body_size: float) -> set[tuple[int, int]]:
    """(page, line) of running headers and footers. Only lines standing apart at a page's top or foot
    (up to three, a wider gap than a line's between them and the text) can be: those that recur at
    the same height on another page, or that hold only a page number or the symbol."""
    ends = [_ends(lines) for lines in page_lines]
    positions: dict[str, list[tuple[int, float]]] = {}
    for number, lines in enumerate(page_lines):
        for i, _ in ends[number]:
            positions.setdefault(_key(lines[i]), []).append((number, lines[i].y))
    found: set[tuple[int, int]] = set()
    for number, lines in enumerate(page_lines):
        for i, top in ends[number]:
            line = lines[i]
            text = line.text()
            repeated = any(other != number and abs(y - line.y) < 4 for other, y in positions[_key(line)])
            note = line.size < 0.92 * body_size and _NOTE_START.match(text)
            if (repeated and not note) or _PAGE_NUMBER.match(text) or (top and _alone(text)):
                found.add((number, i))
    return found


def _ends(lines: list[Line]) -> list[tuple[int, bool]]:
    """The lines of a page's header and footer zones, (index, at the top): at most three at the top
    and three at the foot, set apart from the rest by a gap wider than twice the line's size."""
    zone: list[tuple[int, bool]] = []
    for k in range(min(3, len(lines) - 1)):
        if _apart(lines[k], lines[k + 1]):
            zone = [(i, True) for i in range(k + 1)]
            break
    for k in range(len(lines) - 1, max(0, len(lines) - 4), -1):
        if k > 0 and _apart(lines[k], lines[k - 1]):
            zone += [(i, False) for i in range(k, len(lines)) if (i, True) not in zone]
            break
    return zone


def _alone(text: str) -> bool:
    """A symbol, perhaps with a page number: "A/RES/57/210", "E/CN.4/2002/L.108 page 2"."""
    rest = SYMBOL_RE.sub("", text, count=1)
    return rest != text and bool(re.fullmatch(r"\s*(?:page\s*)?\d{0,4}\s*", rest, re.I))


def _apart(line: Line, neighbour: Line | None) -> bool:
    return neighbour is None or abs(neighbour.y - line.y) > 2.0 * max(line.size, neighbour.size)


def _split_foot(lines: list[Line], body_size: float, continuing: bool) -> tuple[list[Line], list[Line]]:
    """The page's body and its footnote block: the run of smaller lines at its foot, starting with a
    note's mark (or going on with the previous page's last note), a rule above it dropped."""
    start = len(lines)
    while start > 0 and lines[start - 1].size < 0.92 * body_size:
        start -= 1
    foot = lines[start:]
    if not foot:
        return lines, []
    first = foot[0]
    opens = (first.runs[0].sup and _MARKS.match(first.runs[0].text.strip())) or _NOTE_START.match(first.text())
    if not opens and not continuing:
        return lines, []
    body = lines[:start]
    while body and _RULE.match(body[-1].text().replace(" ", "")):
        body.pop()
    return body, foot


def _read_notes(foot: list[Line], notes: list[_Note]) -> list[_Note]:
    notes = list(notes)
    last = max((int(n.mark) for n in notes if n.mark.isdigit()), default=0)
    for line in foot:
        first = line.runs[0]
        text = line.text()
        if first.sup and _MARKS.match(first.text.strip()):
            mark = first.text.strip()
            rest = Line(line.runs[1:]).text() if len(line.runs) > 1 else ""
            notes.append(_Note(mark, [rest]))
            last = int(mark) if mark.isdigit() else last
            continue
        m = _NOTE_START.match(text)
        if m and (not m.group(1).isdigit() or last < int(m.group(1)) <= last + 3):
            notes.append(_Note(m.group(1), [m.group(2)]))
            last = int(m.group(1)) if m.group(1).isdigit() else last
        elif notes:
            notes[-1].lines.append(text)
    return notes


def _line_spacing(bodies: list[list[Line]], body_size: float) -> float:
    gaps = [round(a.y - b.y, 1) for body in bodies for a, b in zip(body, body[1:])
            if abs(a.size - body_size) < 0.5 and abs(b.size - body_size) < 0.5 and a.y > b.y]
    return statistics.median(gaps) if gaps else 1.2 * body_size


def _left_margins(bodies: list[list[Line]]) -> tuple[float, float]:
    """The left margin of even and odd pages (mirrored margins differ): where most lines start."""
    margins = []
    for parity in (0, 1):
        starts = Counter(round(line.x0) for n, body in enumerate(bodies) if n % 2 == parity for line in body)
        margins.append(float(starts.most_common(1)[0][0]) if starts else 0.0)
    if not margins[1]:
        margins[1] = margins[0]
    return margins[0], margins[1]
