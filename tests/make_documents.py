"""Test material: the seed resolutions as the UN document systems publish them, in PDF, Word and HTML.

No network in tests, so the files are made here, from the seed texts, with the furniture real files
carry:

- PDF (reportlab, laid out line by line as a word processor does): justified Times, italic opening
  words, a masthead on the first page where the document has one, a running header with the symbol
  and the page number on every later page (symbol and number swapping sides on even and odd pages),
  footnotes at the foot of the page that cites them under a drawn rule, superscript reference marks
  where the seed glued them ("1993" + note 1), lines broken after the hyphen of a compound, and
  paragraphs that run on over page breaks. `pdf_layout()` says which pages each paragraph was printed
  on, so a test can check that a paragraph really crosses one page break, or two.
- DOCX (python-docx, plus the XML it has no API for): real Word numbering (numbering.xml, one list
  whose second and third levels are "(a)" and "(i)", a restart where the document skips a number), or
  typed numbers with tabs as ODS exports have them; real footnotes (footnotes.xml, footnoteReference
  runs, a custom "*" mark); the symbol in the page header and a PAGE field.
- HTML: a saved web page with navigation, breadcrumbs, a search form, a cookie banner, a sidebar,
  scripts and a footer around the main text; footnote references as <sup><a href="#fn1"> and the
  notes in a list at the end of the article.

The document itself comes from the seed's parse (paragraph labels and texts, footnotes, metadata) and
from the seed's own front matter and adoption trailer, so that each generated file prints the same
words the seed prints.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from qabot.parse.clean import strip_emphasis
from qabot.parse.resolution import parse_resolution
from qabot.records import FOOTNOTE, Document, Paragraph

# ------------------------------------------------------------------------------------------ the model


@dataclass
class Para:
    kind: str
    label: str
    marker: str  # as printed before the text: "8.", "(c)", "" for a preambular paragraph
    depth: int  # 0 for a paragraph, 1 for "(a)", 2 for "(i)"
    text: str
    marks: list[tuple[int, str]] = field(default_factory=list)  # (offset in text, mark), in order


@dataclass
class Model:
    name: str
    document: Document
    front: list[list[str]]  # blocks of lines printed before the enacting formula
    formula: str | None
    paragraphs: list[Para]
    notes: dict[str, str]  # mark -> text, in order of definition
    trailer: list[str]
    masthead: list[str]  # the first-page header, when the seed prints it elsewhere
    reference: list[Paragraph]  # what parsing the seed gives: the expected paragraphs


_MARKERS = re.compile(r"\[DU\d+\]|<<ODS ([A-Z ]+?\d*)>>.*?<<ODS \1>>|<<ODS [A-Z ]+\d*>>|<!--.*?-->")
_FORMULA = re.compile(r"^The [A-Z][\w\u2019'\-]*(?: [\w\u2019'\-]+){0,12},$")
_MEETING = re.compile(r"^\d+\s*(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting", re.I)
_WORD = re.compile(r"[^\W_]+")


def model_of(seed: Path) -> Model:
    source = seed.read_text(encoding="utf-8")
    parsed = parse_resolution(source, seed.stem, str(seed))
    lines = [strip_emphasis(_MARKERS.sub("", line)).rstrip() for line in source.split("\n")]
    plain = [line.strip().strip("*_ ").strip() for line in lines]
    formula_at = next((i for i, text in enumerate(plain) if _FORMULA.match(text)), None)
    front: list[list[str]] = []
    block: list[str] = []
    for text in plain[: formula_at or 0]:
        if text:
            block.append(text)
        elif block:
            front.append(block)
            block = []
    if block:
        front.append(block)
    notes = {p.label[2:]: p.text for p in parsed.paragraphs if p.kind == FOOTNOTE}
    trailer: list[str] = []
    start = next((i for i, text in enumerate(plain) if i > (formula_at or 0) and _MEETING.match(text)), None)
    if start is not None:
        for text in plain[start:start + 8]:
            if not text:
                continue
            note = re.match(r"^(\d{1,3}|\*)\s+(.*)$", text)
            if re.match(r"^(?:_{3,}|-{3,})", text) or (note and notes.get(note.group(1)) == note.group(2)):
                break
            trailer.append(text)
    body = [p for p in parsed.paragraphs if p.kind != FOOTNOTE]
    flat_source = strip_emphasis(_MARKERS.sub("", source))
    paragraphs = [_para(p, flat_source) for p in body]
    doc = parsed.document
    masthead: list[str] = []
    if doc.distribution and not any("Distr" in line for b in front for line in b):
        masthead = ["United Nations", doc.symbol or "", doc.body or "", f"Distr.: {doc.distribution}"]
        if doc.distributed:
            day = dt.date.fromisoformat(doc.distributed)
            masthead.append(f"{day.day} {day.strftime('%B')} {day.year}")
        if doc.session:
            masthead.append(f"{doc.session[0].upper()}{doc.session[1:]} session")
        if doc.agenda_item:
            masthead.append(f"Agenda item {doc.agenda_item}")
    return Model(seed.stem, doc, front, plain[formula_at] if formula_at is not None else None, paragraphs,
                 notes, trailer, [m for m in masthead if m], parsed.paragraphs)


def _para(p: Paragraph, source: str) -> Para:
    if p.parent is not None:
        marker = "(" + p.label.rsplit("(", 1)[1]
        depth = p.label.count("(")
    elif p.kind == "operative":
        marker, depth = p.label + ".", 0
    else:
        marker, depth = "", 0
    return Para(p.kind, p.label, marker, depth, p.text, _mark_positions(p, source))


def _mark_positions(p: Paragraph, source: str) -> list[tuple[int, str]]:
    """Where the seed printed the paragraph's footnote marks: glued to a word ("19931", "Action3") or
    after its punctuation ("2002,2"). Found by walking the paragraph's words through the seed's."""
    wanted = [label[2:] for label in p.footnotes if label[2:].isdigit()]
    if not wanted:
        return []
    para = [(m.group(0), m.end()) for m in _WORD.finditer(p.text)]
    src = _WORD.findall(source)
    first = [w for w, _ in para[:6]]
    starts = [i for i in range(len(src)) if all(_same(first[k], src[i + k]) for k in range(min(len(first), len(src) - i)))]
    marks: list[tuple[int, str]] = []
    for start in starts:
        marks = []
        j = start
        ok = True
        for k, (word, end) in enumerate(para):
            skipped = []
            while j < len(src) and not _same(word, src[j]):
                skipped.append(src[j])
                j += 1
                if len(skipped) > 150:
                    break
            if j >= len(src) or len(skipped) > 150:
                ok = False
                break
            if len(skipped) == 1 and skipped[0] in wanted and k > 0:
                # after the punctuation that follows the previous word
                prev_end = para[k - 1][1]
                space = p.text.find(" ", prev_end)
                marks.append((len(p.text) if space < 0 else space, skipped[0]))
            glued = src[j][len(word):]
            if glued and glued in wanted:
                marks.append((end, glued))
            j += 1
        if ok:
            break
    seen: set[str] = set()
    placed = []
    for at, mark in marks:
        if mark not in seen:
            seen.add(mark)
            placed.append((at, mark))
    for mark in wanted:  # a mark the walk could not place goes after the last word
        if mark not in seen:
            placed.append((len(p.text), mark))
    return sorted(placed)


def _same(word: str, token: str) -> bool:
    return token == word or (token.startswith(word) and token[len(word):].isdigit())


def seeds(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("[0-9][0-9][0-9]_*.txt"))


# ------------------------------------------------------------------------------------------ PDF

A4 = (595.28, 841.89)


@dataclass
class PdfLayout:
    pages: int = 0
    pages_of: dict[str, list[int]] = field(default_factory=dict)  # paragraph label -> pages it is printed on
    notes_on: dict[int, list[str]] = field(default_factory=dict)  # page -> footnote marks printed at its foot


class _Typesetter:
    """A small line-by-line typesetter on reportlab's canvas: what a word processor does, within reason."""

    SIZE, LEADING, GAP = 11.0, 13.6, 7.0
    NOTE_SIZE, NOTE_LEADING = 8.6, 10.2
    SUP_SIZE, SUP_RISE = 6.6, 4.2
    REGULAR, ITALIC, BOLD = "Times-Roman", "Times-Italic", "Times-Bold"

    def __init__(self, path: Path, model: Model, page_size=A4, margins=(72, 64, 72, 72), header=True):
        from reportlab.pdfgen import canvas

        self.model = model
        self.width, self.height = page_size
        self.left, self.top, self.right, self.bottom = margins
        self.canvas = canvas.Canvas(str(path), pagesize=page_size, invariant=1)
        self.canvas.setTitle(model.document.symbol or model.name)
        self.header = header
        self.layout = PdfLayout(pages=1)
        self.page = 1
        self.y = self.height - self.top
        self.page_notes: list[str] = []
        self.printed_notes: set[str] = set()

    # -- measuring
    def width_of(self, runs) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return sum(stringWidth(text, font, size) for text, font, size, _ in runs)

    def note_height(self, marks: list[str]) -> float:
        if not marks:
            return 0.0
        lines = sum(len(self._wrap_note(mark)) for mark in marks)
        return lines * self.NOTE_LEADING + 14

    def _wrap_note(self, mark: str) -> list[list]:
        words = [[(w, self.REGULAR, self.NOTE_SIZE, 0)] for w in self.model.notes.get(mark, "").split()]
        return self._break(words, self.width - self.left - self.right - 18, self.width - self.left - self.right - 18,
                           self.NOTE_SIZE)

    # -- breaking paragraphs into lines
    def _break(self, words: list[list], first_width: float, width: float, size: float) -> list[list]:
        """Greedy line breaking; a compound too long for the line's end is broken after its hyphen."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        space = stringWidth(" ", self.REGULAR, size)
        lines: list[list] = []
        current: list = []
        used = 0.0
        queue = list(words)
        while queue:
            word = queue.pop(0)
            w = self.width_of(word)
            limit = first_width if not lines else width
            extra = w + (space if current else 0)
            if not current or used + extra <= limit:
                current.append(word)
                used += extra
                continue
            head, tail = _split_at_hyphen(word, limit - used - space, self)
            if head:
                current.append(head)
                queue.insert(0, tail)
            else:
                queue.insert(0, word)
            lines.append(current)
            current, used = [], 0.0
        if current:
            lines.append(current)
        return lines

    # -- pages
    def new_page(self) -> None:
        self._finish_page()
        self.canvas.showPage()
        self.page += 1
        self.layout.pages = self.page
        self.y = self.height - self.top

    def _finish_page(self) -> None:
        c = self.canvas
        if self.page_notes:
            lines = [(mark, line) for mark in self.page_notes for line in [None] + self._wrap_note(mark)]
            y = self.bottom + self.note_height(self.page_notes) - 8
            c.setLineWidth(0.6)
            c.line(self.left, y + 4, self.left + 108, y + 4)
            y -= 6
            for mark, line in lines:
                if line is None:
                    first = True
                    continue
                y -= self.NOTE_LEADING
                if first:
                    self._draw_runs(self.left, y, [[(mark, self.REGULAR, self.NOTE_SIZE, 0)]], 0)
                    first = False
                self._draw_runs(self.left + 18, y, line, 0)
            self.layout.notes_on[self.page] = list(self.page_notes)
        symbol = self.model.document.symbol or ""
        if self.header and self.page > 1:
            c.setFont(self.BOLD, 10)
            y = self.height - 40
            number = str(self.page)
            if self.page % 2 == 0:  # even pages: symbol left, number right
                if symbol:
                    c.drawString(self.left, y, symbol)
                c.drawRightString(self.width - self.right, y, number)
            else:
                c.drawString(self.left, y, number)
                if symbol:
                    c.drawRightString(self.width - self.right, y, symbol)
            c.setLineWidth(0.4)
            c.line(self.left, y - 5, self.width - self.right, y - 5)
        self.page_notes = []

    def finish(self) -> PdfLayout:
        self._finish_page()
        self.canvas.save()
        return self.layout

    # -- drawing
    def _draw_runs(self, x: float, y: float, words: list[list], word_space: float) -> None:
        text = self.canvas.beginText(x, y)
        text.setWordSpace(word_space)
        for i, word in enumerate(words):
            if i:
                text.setFont(self.REGULAR, word[0][2] if word[0][3] == 0 else self.SIZE)
                text.setRise(0)
                text.textOut(" ")
            for chunk, font, size, rise in word:
                text.setFont(font, size)
                text.setRise(rise)
                text.textOut(chunk)
        text.setRise(0)
        self.canvas.drawText(text)

    def line(self, words: list[list], x: float, justify_to: float | None, label: str | None,
             leading: float | None = None, marker: list | None = None, x_text: float | None = None) -> None:
        """Place one line (on a new page if it and the notes it cites do not fit above the foot)."""
        leading = leading or self.LEADING
        cites = [chunk for word in words for chunk, _, _, rise in word if rise and chunk in self.model.notes]
        cites += [m for m in self.model.notes if not m.isdigit()
                  and any(chunk.rstrip(",.;:").endswith(m) for word in words for chunk, _, _, _ in word)]
        new_notes = [m for m in dict.fromkeys(cites) if m not in self.printed_notes]
        if self.y - leading < self.bottom + self.note_height(self.page_notes + new_notes):
            self.new_page()
        self.y -= leading
        start = x
        if marker:  # the number and the text: two pieces on one baseline, as a tab puts them
            self._draw_runs(x, self.y, [marker], 0)
            start = x_text
        word_space = 0.0
        if justify_to is not None and len(words) > 1:
            natural = self.width_of([c for w in words for c in w]) + (len(words) - 1) * self.width_of(
                [(" ", self.REGULAR, self.SIZE, 0)])
            word_space = max(0.0, (justify_to - start - natural) / (len(words) - 1))
        self._draw_runs(start, self.y, words, word_space)
        for m in new_notes:
            self.printed_notes.add(m)
            self.page_notes.append(m)
        if label is not None:
            pages = self.layout.pages_of.setdefault(label, [])
            if self.page not in pages:
                pages.append(self.page)

    def skip(self, space: float) -> None:
        self.y -= space

    def paragraph(self, para: Para, label: str | None = None) -> None:
        words = _words_of(para, self)
        first_indent = 36.0 + 36.0 * para.depth
        text_width = self.width - self.left - self.right
        marker = [(para.marker, self.REGULAR, self.SIZE, 0)] if para.marker else None
        label_width = max(self.width_of(marker) + 8, 24.0 if para.depth else 21.0) if marker else 0.0
        lines = self._break(words, text_width - first_indent - label_width, text_width, self.SIZE)
        self.skip(self.GAP)
        for i, line in enumerate(lines):
            justify_to = None if i == len(lines) - 1 else self.width - self.right
            if i == 0:
                x = self.left + first_indent
                self.line(line, x, justify_to, label, marker=marker, x_text=x + label_width)
            else:
                self.line(line, self.left, justify_to, label)

    def plain_lines(self, lines: list[str], font=None, size=None, align="left", gap=None) -> None:
        font, size = font or self.REGULAR, size or self.SIZE
        text_width = self.width - self.left - self.right
        self.skip(self.GAP if gap is None else gap)
        for text in lines:
            words = [[(w, font, size, 0)] for w in text.split()]
            for line in self._break(words, text_width, text_width, size):
                w = self.width_of([c for word in line for c in word]) + (len(line) - 1) * self.width_of(
                    [(" ", font, size, 0)])
                x = self.left if align == "left" else (
                    self.width - self.right - w if align == "right" else (self.width - w) / 2)
                self.line(line, x, None, None, leading=size * 1.24)


def _split_at_hyphen(word: list, room: float, setter: _Typesetter):
    """("capacity-building", room) -> ("capacity-", "building") when the first part fits in the room left."""
    if len(word) != 1:
        return None, None
    text, font, size, rise = word[0]
    cut = text.rfind("-", 0, len(text) - 2)
    while cut > 1:
        head = text[: cut + 1]
        if text[cut - 1].isalpha() and text[cut + 1].isalpha() and setter.width_of([(head, font, size, rise)]) <= room:
            return [(head, font, size, rise)], [(text[cut + 1:], font, size, rise)]
        cut = text.rfind("-", 0, cut)
    return None, None


def _words_of(para: Para, setter: _Typesetter) -> list[list]:
    """The paragraph's words as runs: the opening word in italic (as the UN prints the participle or the
    verb), footnote marks as superscripts glued where the seed has them."""
    text = para.text
    cuts = sorted(para.marks)
    words: list[list] = []
    pos = 0
    for m in re.finditer(r"\S+", text):
        runs = []
        chunk_start = m.start()
        for at, mark in cuts:
            if m.start() < at <= m.end():
                runs.append((text[chunk_start:at], None, setter.SIZE, 0))
                runs.append((mark, setter.REGULAR, setter.SUP_SIZE, setter.SUP_RISE))
                chunk_start = at
        runs.append((text[chunk_start:m.end()], None, setter.SIZE, 0))
        font = setter.ITALIC if not words and para.depth == 0 and text[:1].isupper() else setter.REGULAR
        words.append([(t, f or font, s, r) for t, f, s, r in runs if t])
        pos = m.end()
    for at, mark in cuts:  # a mark after the last word at the very end
        if at > pos:
            words[-1].append((mark, setter.REGULAR, setter.SUP_SIZE, setter.SUP_RISE))
    return words


def write_pdf(model: Model, path: Path, page_size=A4, header: bool = True) -> PdfLayout:
    setter = _Typesetter(path, model, page_size, header=header)
    if model.masthead:
        top, *rest = model.masthead
        setter.plain_lines([top], font=setter.BOLD, size=15, gap=0)
        setter.plain_lines(rest, align="right", gap=2)
        setter.skip(10)
    for i, block in enumerate(model.front):
        setter.plain_lines(block, font=setter.BOLD if i == len(model.front) - 1 else None, gap=None if i else 0)
    if model.formula:
        setter.skip(6)
        setter.paragraph(Para("formula", "", "", 0, model.formula))
    for para in model.paragraphs:
        setter.paragraph(para, para.label)
    if model.trailer:
        setter.skip(14)
        setter.plain_lines(model.trailer, align="right")
    return setter.finish()


# ------------------------------------------------------------------------------------------ DOCX

_WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write_docx(model: Model, path: Path, numbering: str = "auto") -> None:
    """The document as Word saves it. numbering="auto": Word's own list numbering (numbering.xml);
    "typed": numbers typed before a tab, as ODS exports have them."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(11)
    section = document.sections[0]
    _docx_headers(document, section, model)
    notes = _DocxNotes(document, model)
    lists = _DocxLists(document) if numbering == "auto" else None

    for i, block in enumerate(model.front):
        paragraph = document.add_paragraph()
        for k, line in enumerate(block):
            notes.add_text(paragraph, line, bold=i == len(model.front) - 1)
            if k < len(block) - 1:
                paragraph.runs[-1].add_break()
    if model.formula:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(36)
        paragraph.add_run(model.formula).italic = True
    for para in model.paragraphs:
        paragraph = document.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(36 + 36 * para.depth)
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if lists is not None and para.marker:
            lists.number(paragraph, para)
        elif para.marker:
            paragraph.add_run(para.marker + "\t")
        notes.add_paragraph_text(paragraph, para)
    for line in model.trailer:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run(line)
    notes.finish()
    document.save(str(path))


def _w(tag: str, **attrs):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:" + tag)
    for name, value in attrs.items():
        element.set(qn("w:" + name), str(value))
    return element


def _page_field(paragraph) -> None:
    """A complex PAGE field, as Word writes it: begin, instruction, separate, cached result, end."""
    for piece in (("fldChar", {"fldCharType": "begin"}), ("instrText", None), ("fldChar", {"fldCharType": "separate"}),
                  ("t", None), ("fldChar", {"fldCharType": "end"})):
        run = paragraph.add_run()
        tag, attrs = piece
        element = _w(tag, **(attrs or {}))
        if tag == "instrText":
            element.text = " PAGE "
        if tag == "t":
            element.text = "2"
        run._r.append(element)


def _docx_headers(document, section, model: Model) -> None:
    symbol = model.document.symbol
    if model.masthead:  # the first page carries the masthead, later pages the running header
        section.different_first_page_header_footer = True
        first = section.first_page_header
        top, second, *rest = model.masthead + [""]
        table = first.add_table(1, 2, width=section.page_width - section.left_margin - section.right_margin)
        table.cell(0, 0).paragraphs[0].add_run(top).bold = True
        table.cell(0, 1).paragraphs[0].add_run(second).bold = True
        for line in rest:
            if line:
                first.add_paragraph(line)
    header = section.header.paragraphs[0]
    if symbol:
        header.add_run(symbol).bold = True
        header.add_run("\t")
    _page_field(header)
    footer = section.footer.paragraphs[0]
    _page_field(footer)


class _DocxNotes:
    """Real footnotes: a footnotes part, w:footnoteReference runs (ids that are not the numbers shown,
    as in a document edited over time), a custom "*" mark, later citations of a note as superscripts."""

    def __init__(self, document, model: Model):
        self.document = document
        self.model = model
        self.ids: dict[str, int] = {}
        self.xml = [f'<w:footnotes xmlns:w="{_WNS}">',
                    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
                    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
                    '</w:p></w:footnote>']

    def _reference(self, paragraph, mark: str) -> None:
        from xml.sax.saxutils import escape

        run = paragraph.add_run()
        if mark in self.ids:  # cited again: the number, superscript, as a cross-reference prints it
            run.font.superscript = True
            run.text = mark
            return
        note_id = 7 + 3 * len(self.ids)
        self.ids[mark] = note_id
        custom = not mark.isdigit()
        if not custom:
            run.font.superscript = True
        reference = _w("footnoteReference", id=note_id, **({"customMarkFollows": 1} if custom else {}))
        run._r.append(reference)
        if custom:
            text = _w("t")
            text.text = mark
            run._r.append(text)
        lead = (f'<w:r><w:t xml:space="preserve">{escape(mark)} </w:t></w:r>' if custom else
                '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                '<w:r><w:t xml:space="preserve"> </w:t></w:r>')
        self.xml.append(f'<w:footnote w:id="{note_id}"><w:p>{lead}<w:r><w:t xml:space="preserve">'
                        f'{escape(self.model.notes[mark])}</w:t></w:r></w:p></w:footnote>')

    def add_text(self, paragraph, text: str, bold: bool = False) -> None:
        """A front-matter line; a symbol mark glued to a word ("Afghanistan*") cites its note once."""
        for mark in [m for m in self.model.notes if not m.isdigit() and m not in self.ids]:
            at = re.search(rf"[^\W\d_]{re.escape(mark)}", text)
            if at:
                paragraph.add_run(text[: at.start() + 1]).bold = bold
                self._reference(paragraph, mark)
                text = text[at.end():]
        paragraph.add_run(text).bold = bold

    def add_paragraph_text(self, paragraph, para: Para) -> None:
        text = para.text
        first = re.match(r"\S+", text)
        pos = 0
        italic_end = first.end() if first and para.depth == 0 and text[:1].isupper() else 0
        for at, mark in para.marks + [(len(text), None)]:
            chunk = text[pos:at]
            if italic_end > pos:
                paragraph.add_run(text[pos:min(italic_end, at)]).italic = True
                chunk = text[min(italic_end, at):at]
            if chunk:
                paragraph.add_run(chunk)
            if mark:
                self._reference(paragraph, mark)
            pos = at

    def finish(self) -> None:
        from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        if not self.ids:
            return
        blob = ("".join(self.xml) + "</w:footnotes>").encode("utf-8")
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, self.document.part.package)
        self.document.part.relate_to(part, RT.FOOTNOTES)


class _DocxLists:
    """Word list numbering: one list for operative paragraphs ("%1.", "(%2)", "(%3)"), one for lettered
    items under a preambular lead-in; a new list instance restarts a count (startOverride), as Word
    writes a number the user set by hand (the 19 -> 21 gap)."""

    def __init__(self, document):
        numbering = document.part.numbering_part.element
        for abstract_id, levels in ((40, [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")]),
                                    (41, [("lowerLetter", "(%1)"), ("lowerRoman", "(%2)")])):
            abstract = _w("abstractNum", abstractNumId=abstract_id)
            for level, (fmt, text) in enumerate(levels):
                lvl = _w("lvl", ilvl=level)
                for tag, value in (("start", 1), ("numFmt", fmt), ("lvlText", text), ("suff", "tab")):
                    lvl.append(_w(tag, val=value))
                abstract.append(lvl)
            first_num = numbering.find(f"{{{_WNS}}}num")
            if first_num is not None:
                first_num.addprevious(abstract)
            else:
                numbering.append(abstract)
        self.numbering = numbering
        self.next_id = 60
        self.operative = self._num(40)
        self.expected = 1
        self.items: int | None = None  # the list instance of the current preambular lettered list
        self.last_top = None

    def _num(self, abstract_id: int, restart: dict[int, int] | None = None) -> int:
        self.next_id += 1
        num = _w("num", numId=self.next_id)
        num.append(_w("abstractNumId", val=abstract_id))
        for level, start in (restart or {}).items():
            override = _w("lvlOverride", ilvl=level)
            override.append(_w("startOverride", val=start))
            num.append(override)
        self.numbering.append(num)
        return self.next_id

    def number(self, paragraph, para: Para) -> None:
        if para.kind == "operative":
            num, level = self.operative, para.depth
            if para.depth == 0:
                value = int(para.label.split()[0])
                if value != self.expected:  # a number set by hand: a new instance starting there
                    num = self.operative = self._num(40, {0: value})
                self.expected = value + 1
        else:
            level = para.depth - 1
            if level == 0 and para.marker == "(a)":
                self.items = self._num(41, {0: 1})
            num = self.items
        props = paragraph._p.get_or_add_pPr()
        num_pr = _w("numPr")
        num_pr.append(_w("ilvl", val=level))
        num_pr.append(_w("numId", val=num))
        props.append(num_pr)


# ------------------------------------------------------------------------------------------ HTML


def write_html(model: Model, path: Path, semantic: bool = True) -> None:
    """A saved page of a document system: the resolution inside a site's furniture. semantic=False
    uses <div>s with class names only (no <main>, <nav> or <article>), as older sites do."""
    from html import escape

    symbol = model.document.symbol or model.name
    notes_cited: list[str] = []

    def cite(mark: str) -> str:
        if mark not in notes_cited:
            notes_cited.append(mark)
            return f'<sup><a href="#fn{mark}" id="ref{mark}">{mark}</a></sup>'
        return f'<sup><a href="#fn{mark}">{mark}</a></sup>'

    def inline(para: Para) -> str:
        out, pos = "", 0
        first = re.match(r"\S+", para.text)
        for at, mark in para.marks + [(len(para.text), None)]:
            out += escape(para.text[pos:at])
            if mark:
                out += cite(mark)
            pos = at
        if first and para.depth == 0 and para.text[:1].isupper() and not para.text[:first.end()].count("<"):
            word = escape(para.text[: first.end()])
            out = out.replace(word, f"<em>{word}</em>", 1) if out.startswith(word) else out
        return out

    body: list[str] = []
    if model.masthead:
        body.append('<div class="un-masthead">' + "".join(f"<p>{escape(line)}</p>" for line in model.masthead)
                    + "</div>")
    for block in model.front:
        body.append("<p>" + "<br>\n".join(escape(line) for line in block) + "</p>")
    if model.formula:
        body.append(f'<p class="formula"><em>{escape(model.formula)}</em></p>')
    open_lists: list[str] = []
    expected = 1
    for para in model.paragraphs:
        if para.kind == "operative" and para.depth == 0:
            while open_lists:
                body.append(open_lists.pop())
            value = int(para.label.split()[0])
            attr = f' value="{value}"' if value != expected else ""
            expected = value + 1
            body.append(f'<ol class="operative" start="{value}"><li{attr}>{inline(para)}')
            open_lists.append("</li></ol>")
        elif para.depth >= 1:
            if para.marker == "(a)" or (para.marker == "(i)" and para.depth == 2):
                kind = "a" if para.depth == 1 else "i"
                body.append(f'<ol type="{kind}">')
                open_lists.append("</ol>")
            body.append(f"<li>{inline(para)}</li>")
        else:
            while open_lists:
                body.append(open_lists.pop())
            body.append(f"<p>{inline(para)}</p>")
    while open_lists:
        body.append(open_lists.pop())
    body += [f'<p class="trailer">{escape(line)}</p>' for line in model.trailer]
    notes_html = "".join(f'<li id="fn{m}">{escape(model.notes[m])} <a href="#ref{m}" class="back">\u21a9</a></li>'
                         for m in notes_cited)
    unreferenced = [m for m in model.notes if m not in notes_cited]
    notes_html = (f'<hr><ol class="notes">{notes_html}</ol>' if notes_html else "") + "".join(
        f'<p class="note">{escape(m)} {escape(model.notes[m])}</p>' for m in unreferenced)
    main_open, main_close = ("<main><article>", "</article></main>") if semantic else ('<div id="content">', "</div>")
    nav = ('<nav class="top"><ul><li><a href="/">Home</a></li><li><a href="/search">Search the documents</a></li>'
           '<li><a href="/help">Help</a></li></ul></nav>') if semantic else (
        '<div class="menu"><a href="/">Home</a> | <a href="/search">Search the documents</a> | '
        '<a href="/help">Help</a></div>')
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(symbol)} - Official Document System</title>
<style>body {{ font-family: serif; }} .cookie {{ position: fixed; }}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag() {{ dataLayer.push(arguments); }}</script>
</head><body>
<div class="cookie-banner">This site uses cookies to offer you a better browsing experience.
<button>Accept</button> <a href="/privacy">Learn more</a></div>
<{'header' if semantic else 'div'} class="site-header"><a href="/" class="logo">United Nations Official Document System</a>
{nav}<form action="/search"><input name="q" placeholder="Search"><button>Go</button></form></{'header' if semantic else 'div'}>
<div class="breadcrumb"><a href="/">Home</a> &rsaquo; <a href="/documents">Documents</a> &rsaquo; {escape(symbol)}</div>
<{'aside' if semantic else 'div'} class="sidebar"><h3>Related documents</h3><ul><li><a href="/A/57/283">A/57/283</a></li>
<li><a href="/A/RES/56/148">A/RES/56/148: Regional arrangements</a></li></ul>
<p class="share">Share this page: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></p></{'aside' if semantic else 'div'}>
{main_open}
{chr(10).join(body)}
{notes_html}
{main_close}
<{'footer' if semantic else 'div'} class="site-footer"><p>United Nations, 2002. All rights reserved.</p>
<p><a href="/terms">Terms of use</a> | <a href="/privacy">Privacy notice</a> | <a href="/fraud">Fraud alert</a></p>
</{'footer' if semantic else 'div'}>
<script>gtag('config', 'UA-000000-1');</script>
</body></html>
"""
    path.write_text(page, encoding="utf-8")


# ------------------------------------------------------------------------------------------ bad files


def write_scanned_pdf(path: Path) -> None:
    """A page image and no text layer, as a scanner makes it."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(image)
    for row in range(60, 820, 18):
        draw.rectangle([60, row, 560, row + 8], fill=40)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()


def write_corrupt_pdf(path: Path, good: Path) -> None:
    """The first tenth of a real PDF, as an interrupted download leaves it."""
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 10])


def write_png(path: Path) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())


def write_zip_as_docx(path: Path) -> None:
    """A zip archive renamed .docx: it holds files, none of them a Word document."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "The General Assembly,\n\n1. Decides;\n")
        archive.writestr("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64)


# ------------------------------------------------------------------------------------------ everything


def write_all(model: Model, folder: Path, formats=("pdf", "docx", "html")) -> dict[str, Path]:
    written = {}
    for fmt in formats:
        path = folder / f"{model.name}.{fmt}"
        {"pdf": write_pdf, "docx": write_docx, "html": write_html}[fmt](model, path)
        written[fmt] = path
    return written
