"""Word (.docx) -> text in the layout the resolution parser reads.

python-docx opens the package (parts, relationships, styles); the text is read from the WordprocessingML
itself, since python-docx has no API for what a resolution needs:

- automatic numbering, computed as Word shows it (numbering.xml: the list's levels, formats such as
  "%1." and "(%2)", start values, restarts with startOverride, levels numbered through a style), and
  written before the paragraph's text ("8.", "(c)"), as typed numbers are;
- footnotes and endnotes: a reference becomes "[^3]" where it stands (numbered in order of reference,
  as Word numbers them), the note itself "[^3]: text" after the document; a custom mark ("*") stays in
  the text, its note "* text"; a superscript number repeating a note's number ("see note 3") cites it;
- the page headers: the first page's (the masthead, with the symbol and the distribution date) is
  written before the body as printed; of the others only the document symbol is kept; page-number
  fields are dropped;
- what Word does not show is not text: deleted revisions, hidden runs, field instructions.

One Word paragraph becomes one line, a blank line between paragraphs; a line break inside a paragraph
stays a line break.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from ..errors import UnreadableFile
from .layout import SYMBOL_RE
from ..labels import letters, roman

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP = {_W + "del", _W + "moveFrom", _W + "instrText", _W + "delInstrText", _W + "rPr", _W + "pPr",
         _W + "fldData", _W + "commentReference", _W + "annotationRef", _W + "footnoteRef", _W + "endnoteRef",
         _W + "separator", _W + "continuationSeparator", _W + "lastRenderedPageBreak"}
_SUPERSCRIPT_MARK = re.compile(r"^\s*(\d{1,3}(?:\s*,\s*\d{1,3})*)\s*$")


def docx_text(data: bytes) -> str:
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise UnreadableFile("it is a binary Word file (.doc, or a password-protected .docx); save it as .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, NotImplementedError):  # not a zip, or one zipfile cannot open
        raise UnreadableFile("it is not a Word document (a .docx file is a zip archive; this one is not)") from None
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise UnreadableFile("it is a zip archive but not a Word document (no word/document.xml in it)")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except PackageNotFoundError as exc:
        raise UnreadableFile(f"it is a zip archive but not a Word document ({_why(exc)})") from None
    except damage_errors() as exc:
        raise UnreadableFile(f"the Word document is damaged ({_why(exc)})") from None
    return _Reader(document).text()


def damage_errors() -> tuple[type[Exception], ...]:
    """What reading a damaged .docx raises: a member that does not inflate or fails its CRC, a compression
    zipfile does not know, a part named but missing (KeyError), XML that does not parse (lxml), XML of a
    shape python-docx does not expect (its own errors, or an AttributeError where an element lacks the
    children its kind has). Anything else (an import that fails, a file of python-docx's own missing) is
    a fault of the installation and is not hidden as a damaged document."""
    from docx.exceptions import PythonDocxError
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError

    return (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, KeyError, ValueError, LxmlError,
            OpcError, PythonDocxError, AttributeError)


def _why(exc: Exception) -> str:
    text = str(exc).strip().strip("'\"")
    return text[:120] or type(exc).__name__


class _Reader:
    def __init__(self, document):
        self.document = document
        self.part = document.part
        self.numbering = _Numbering(self.part)
        self.styles = _styles(self.part)
        self.order: list[str] = []  # note keys in order of first reference
        self.marks: dict[str, str] = {}  # note key -> mark shown
        self.counts: dict[str, int] = {}  # notes numbered so far, by kind
        self.note_bodies = {**_notes(self.part, "footnotes", "fn"), **_notes(self.part, "endnotes", "en")}

    def text(self) -> str:
        out: list[str] = []
        masthead, symbols = self._headers()
        if symbols and not any(symbol in line for line in masthead for symbol in symbols):
            out += [symbols[0], ""]
        for line in masthead:
            out += [line, ""]
        for paragraph in _paragraphs(self.document.element.body):
            line = self._paragraph(paragraph)
            if line.strip():
                out += [line, ""]
        for key in self.order:
            mark = self.marks[key]
            body = self.note_bodies.get(key, "")
            text = " ".join(self._runs(p) for p in body).strip() if body else ""
            if text.startswith(mark + " ") or text.startswith(mark + "\t"):
                text = text[len(mark):]
            text = re.sub(r"\s+", " ", text).strip()
            if text:
                out.append(f"[^{mark}]: {text}" if mark.isalnum() else f"{mark} {text}")
        return "\n".join(out) + "\n"

    # -- headers: the masthead of the first page; the symbol of the running header
    def _headers(self) -> tuple[list[str], list[str]]:
        masthead: list[str] = []
        symbols: list[str] = []
        for index, section in enumerate(self.document.sections):
            parts = []
            if index == 0 and section.different_first_page_header_footer:
                parts.append(("first", section.first_page_header))
            parts += [("running", section.header), ("running", section.even_page_header)]
            for kind, header in parts:
                if header.is_linked_to_previous:  # no header of its own
                    continue
                for paragraph in _paragraphs(header._element):
                    line = self._runs(paragraph, header=True).strip()
                    if not line:
                        continue
                    if kind == "first":
                        masthead.append(line)
                    symbols.extend(m.group(0).rstrip(".") for m in SYMBOL_RE.finditer(line))
        return masthead, list(dict.fromkeys(symbols))

    # -- paragraphs
    def _paragraph(self, p) -> str:
        text = self._runs(p)
        label = self.numbering.label(p, self.styles)
        if label and text.strip():
            return f"{label} {text.lstrip()}"
        return text

    def _runs(self, element, header: bool = False) -> str:
        """The text Word shows for a paragraph (or any run container)."""
        if header:  # a page number is furniture: drop the results of PAGE fields
            element = _without_page_fields(element)
        out: list[str] = []
        fields: list[bool] = []  # open complex fields: has each reached its result part?

        def walk(node) -> None:
            for child in node:
                tag = child.tag
                if not isinstance(tag, str) or tag in _SKIP:
                    continue
                local = tag[len(_W):] if tag.startswith(_W) else None
                if local == "fldChar":
                    kind = child.get(_W + "fldCharType")
                    if kind == "begin":
                        fields.append(False)
                    elif kind == "separate" and fields:
                        fields[-1] = True
                    elif kind == "end" and fields:
                        fields.pop()
                    continue
                if local == "r":
                    if not _hidden(child):
                        start = len(out)
                        walk(child)
                        self._marks_in_run(out, start, _vert_align(child) == "superscript")
                elif not all(fields):  # a field's instruction, not its result
                    continue
                elif local == "t":
                    out.append(child.text or "")
                elif local == "tab":
                    out.append("\t")
                elif local in ("br", "cr"):
                    out.append("\n")
                elif local == "noBreakHyphen":
                    out.append("-")
                elif local == "softHyphen":
                    continue
                elif local == "sym":
                    try:
                        code = int(child.get(_W + "char", ""), 16)
                        out.append(chr(code - 0xF000 if code >= 0xF000 else code))
                    except ValueError:
                        pass
                elif local in ("footnoteReference", "endnoteReference"):
                    out.append(self._reference(child, "fn" if local.startswith("foot") else "en"))
                else:
                    walk(child)

        walk(element)
        return "".join(out)

    def _reference(self, node, kind: str) -> str:
        key = f"{kind}:{node.get(_W + 'id')}"
        custom = node.get(_W + "customMarkFollows") in ("1", "true", "on")
        if key not in self.marks:
            self.order.append(key)
            if custom:
                self.marks[key] = "*"  # until the mark that follows is read
            else:
                self.counts[kind] = self.counts.get(kind, 0) + 1
                self.marks[key] = str(self.counts[kind]) if kind == "fn" else roman(self.counts[kind])
        return f"\0{key}\0" if custom else f"[^{self.marks[key]}]"

    def _marks_in_run(self, out: list[str], start: int, superscript: bool) -> None:
        """After a run: a custom footnote mark is the run's text after the reference; a superscript
        number repeating a note's number (a cross-reference: "see note 3") cites that note."""
        text = "".join(out[start:])
        custom = re.match(r"^(.*?)\0([^\0]+)\0(.*)$", text, re.S)
        if custom:
            before, key, after = custom.groups()
            mark = after.strip()[:3] or "*"
            self.marks[key] = mark
            out[start:] = [before + after]
            return
        m = _SUPERSCRIPT_MARK.match(text) if superscript else None
        if m:
            numbers = [n.strip() for n in m.group(1).split(",")]
            shown = {mark for key, mark in self.marks.items() if key.startswith("fn")}
            if all(n in shown for n in numbers):
                out[start:] = ["".join(f"[^{n}]" for n in numbers)]


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


def _paragraphs(container):
    """The paragraphs of a body, header or note, in reading order (tables row by row, content controls)."""
    for child in container:
        tag = child.tag
        if tag == _W + "p":
            yield child
        elif tag == _W + "tbl":
            for row in child.iter(_W + "tr"):
                for cell in row.iter(_W + "tc"):
                    yield from _paragraphs(cell)
        elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins", _W + "moveTo"):
            yield from _paragraphs(child)


def _hidden(run) -> bool:
    props = run.find(_W + "rPr")
    if props is None:
        return False
    vanish = props.find(_W + "vanish")
    return vanish is not None and vanish.get(_W + "val", "true") not in ("0", "false", "off")


def _vert_align(run) -> str | None:
    props = run.find(_W + "rPr")
    if props is None:
        return None
    align = props.find(_W + "vertAlign")
    return align.get(_W + "val") if align is not None else None


def _without_page_fields(element):
    """A copy of a header paragraph without its page-number fields (simple or complex)."""
    import copy

    element = copy.deepcopy(element)
    for field in list(element.iter(_W + "fldSimple")):
        if re.match(r"\s*(PAGE|NUMPAGES|SECTIONPAGES)\b", field.get(_W + "instr", "")):
            field.getparent().remove(field)
    for paragraph in element.iter(_W + "p"):
        state, is_page = None, False  # None outside a field, "code" before its separator, "result" after
        for run in list(paragraph.iter(_W + "r")):
            char = run.find(_W + "fldChar")
            if char is not None:
                kind = char.get(_W + "fldCharType")
                state = {"begin": "code", "separate": "result", "end": None}.get(kind, state)
                is_page = is_page if kind != "begin" else False
                continue
            instr = run.find(_W + "instrText")
            if state == "code" and instr is not None and re.match(r"\s*(PAGE|NUMPAGES|SECTIONPAGES)\b", instr.text or ""):
                is_page = True
            if state == "result" and is_page:
                run.getparent().remove(run)
    return element


def _related_xml(part, reltype: str):
    """The XML of the part the document relates by `reltype` (footnotes, styles, numbering); None when it
    has none, or one that is not XML."""
    from docx.oxml import parse_xml
    from lxml.etree import LxmlError

    try:
        related = part.part_related_by(reltype)
    except KeyError:
        return None
    element = getattr(related, "element", None)
    if element is not None:
        return element
    try:  # a part python-docx did not load as XML (an unexpected content type) keeps its bytes
        return parse_xml(related.blob)
    except (LxmlError, ValueError):
        return None


def _notes(part, name: str, kind: str) -> dict[str, list]:
    """Footnote or endnote id -> its paragraphs, from the part the document relates to."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    element = _related_xml(part, RT.FOOTNOTES if name == "footnotes" else RT.ENDNOTES)
    if element is None:
        return {}
    notes = {}
    for note in element:
        if note.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        notes[f"{kind}:{note.get(_W + 'id')}"] = list(_paragraphs(note))
    return notes


def _styles(part) -> dict[str, tuple[str | None, tuple[str, str] | None]]:
    """Paragraph style id -> (based on, (numId, ilvl) when the style numbers its paragraphs)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    styles = {}
    element = _related_xml(part, RT.STYLES)
    if element is None:  # no styles part: no paragraph is numbered by its style
        return styles
    for style in element.iter(_W + "style"):
        based = style.find(_W + "basedOn")
        num = style.find(f"{_W}pPr/{_W}numPr")
        numbering = None
        if num is not None:
            num_id = num.find(_W + "numId")
            level = num.find(_W + "ilvl")
            if num_id is not None:
                numbering = (num_id.get(_W + "val"), level.get(_W + "val") if level is not None else "0")
        styles[style.get(_W + "styleId")] = (based.get(_W + "val") if based is not None else None, numbering)
    return styles


class _Numbering:
    """Word's list numbering, counted as Word counts it."""

    def __init__(self, part):
        self.levels: dict[str, dict[int, dict]] = {}  # abstractNumId -> level -> {start, fmt, text}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        self.seen: set[str] = set()
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        element = _related_xml(part, RT.NUMBERING)
        if element is None:  # no numbering part: no list is numbered by Word
            return
        for abstract in element.iter(_W + "abstractNum"):
            levels = {}
            for lvl in abstract.iter(_W + "lvl"):
                levels[int(lvl.get(_W + "ilvl", "0"))] = {
                    "start": int(_val(lvl, "start") or 1),
                    "fmt": _val(lvl, "numFmt") or "decimal",
                    "text": _val(lvl, "lvlText") or "",
                }
            self.levels[abstract.get(_W + "abstractNumId")] = levels
        for num in element.iter(_W + "num"):
            abstract = _val(num, "abstractNumId")
            overrides = {}
            for override in num.iter(_W + "lvlOverride"):
                start = override.find(_W + "startOverride")
                if start is not None:
                    overrides[int(override.get(_W + "ilvl", "0"))] = int(start.get(_W + "val", "1"))
            self.nums[num.get(_W + "numId")] = (abstract, overrides)

    def label(self, p, styles) -> str | None:
        num_id, level = self._numbering_of(p, styles)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if level not in levels:
            return None
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.seen:
            self.seen.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        counters[level] = counters.get(level, levels[level]["start"] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        text = levels[level]["text"]
        if levels[level]["fmt"] in ("bullet", "none"):
            return None

        def value(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            spec = levels.get(k, {"start": 1, "fmt": "decimal"})
            return _format(counters.get(k, spec["start"]), spec["fmt"])

        label = re.sub(r"%(\d)", value, text).strip()
        return label or None

    @staticmethod
    def _numbering_of(p, styles) -> tuple[str | None, int]:
        props = p.find(_W + "pPr")
        num_id = level = None
        if props is not None:
            num = props.find(_W + "numPr")
            if num is not None:
                num_id = _val(num, "numId")
                level = _val(num, "ilvl")
            style = props.find(_W + "pStyle")
            style_id = style.get(_W + "val") if style is not None else None
            seen = set()
            while num_id is None and style_id and style_id not in seen:
                seen.add(style_id)
                based, numbering = styles.get(style_id, (None, None))
                if numbering:
                    num_id, style_level = numbering
                    level = level if level is not None else style_level
                style_id = based
        return num_id, int(level or 0)


def _val(element, name: str) -> str | None:
    child = element.find(_W + name)
    return child.get(_W + "val") if child is not None else None
