"""Document metadata, read from what surrounds the paragraphs: the front matter, the enacting formula,
the adoption trailer, the page furniture and document-system markers.

Nothing is invented: a field the text does not print stays None. Two derivations follow fixed UN
conventions and are stated as such: a resolution printed as "Commission on Human Rights resolution
2003/73" has the symbol E/CN.4/RES/2003/73, and a General Assembly symbol A/RES/57/210 says the
fifty-seventh session. Dates printed for another purpose keep their own names ("distributed").
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from ..labels import (BODY_SYMBOLS, MONTH, SYMBOL, SYMBOL_RE, body_of_symbol, iso_date, ordinal_words,
                      resolution_number, symbol_for)
from .clean import collapse, strip_emphasis
from .layout import ADOPTED_AT, DATE_ALONE, MEETING, Line

DATE_RE = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({MONTH})\s+(\d{{4}})(?!\d)")
_DATE_IN_LINE = re.compile(rf"\b(\d{{1,2}})\s+({MONTH})\s+(\d{{4}})\b")
_ORGAN_HEADERS = {"united nations", "general assembly", "economic and social council", "security council",
                  "human rights council", "commission on human rights", "distr"}


@dataclass
class Metadata:
    """What a document's text prints about itself (the fields of records.Document it can fill); None
    where the text does not say."""
    body: str | None = None
    symbol: str | None = None
    number: str | None = None
    title: str | None = None
    date: str | None = None  # ISO: a resolution's adoption date, a draft's issue date
    meeting: str | None = None
    session: str | None = None
    status: str | None = None  # "adopted" | "draft"
    agenda_item: str | None = None
    distribution: str | None = None
    distributed: str | None = None
    vote: str | None = None
    report: str | None = None
    draft: str | None = None
    report_chapter: str | None = None
    sponsors: list[str] = field(default_factory=list)
    language: str | None = None

    def fields(self) -> dict:
        """The fields read, for records.Document(**...): empty ones left out."""
        return {k: v for k, v in asdict(self).items() if v not in (None, "", [])}


@dataclass
class _Texts:
    """The parts of a document around its paragraphs, as the steps below read them."""
    front_blocks: list[str]  # blank-line separated blocks of the front matter, emphasis stripped
    tail: list[Line]  # the adoption trailer and what follows it
    furniture: list[str]  # page headers and footers cut from the body

    @property
    def front(self) -> str:
        return "\n".join(self.front_blocks)

    @property
    def tail_text(self) -> str:
        return "\n".join(line.text for line in self.tail)

    @property
    def header(self) -> str:
        """Everything printed outside the paragraphs: where a header's fields (session, agenda) stand."""
        return "\n".join([self.front, "\n".join(self.furniture), self.tail_text])


def _clean(text: str) -> str:
    return collapse(strip_emphasis(text)).strip("*_ ").strip()


def _blocks(lines) -> list[str]:
    """Blank-line separated blocks of front-matter lines, each joined into one string (lines kept by \\n)."""
    blocks, current = [], []
    for line in lines:
        text = line.text
        if not text:
            if current:
                blocks.append("\n".join(current))
            current = []
        else:
            current.append(text)
    if current:
        blocks.append("\n".join(current))
    return blocks


def extract(front: list[Line], formula: str | None, tail: list[Line], furniture: list[str],
            header_symbols: list[str], hints: dict[str, str]) -> Metadata:
    """The metadata around the paragraphs: front matter, the enacting formula's body, the trailer,
    page furniture and the symbols in running headers, and the document system's markers (`hints`)."""
    texts = _Texts([strip_emphasis(b) for b in _blocks(front)], tail, furniture)
    meta = Metadata(body=formula or _adopted_by(texts.front))
    meta.meeting, trailer_date = _trailer(tail)
    _read_trailer(meta, collapse(texts.tail_text))
    meta.report = _report(texts)
    meta.draft = meta.draft or _draft(texts)
    meta.title, number = _number_and_title(meta, texts.front_blocks)
    meta.symbol, meta.number = _symbol_and_number(meta, texts, header_symbols, hints, number)
    meta.session = _session(meta, texts.header)
    meta.agenda_item = _agenda_item(texts.header)
    meta.distribution, meta.distributed = _distribution(texts.header)
    meta.status = _status(meta, texts.front, trailer_date)
    # A resolution's date is its adoption date; a draft's, the date it was issued.
    meta.date = trailer_date or (_issue_date(texts.front_blocks, meta.distributed) if meta.status != "adopted" else None)
    meta.sponsors = _sponsors(texts.front_blocks)
    meta.language = _language(texts.header)
    return meta


def _adopted_by(front: str) -> str | None:
    """The body, when no enacting formula names it: "Resolution adopted by the General Assembly"."""
    m = re.search(r"(?:Resolution|Decision) adopted by the ([A-Z][\w ]+?)\s*(?:\n|$|\[)", front)
    return m.group(1).strip() if m else None


def _trailer(tail: list[Line]) -> tuple[str | None, str | None]:
    """The first meeting the trailer names ("62nd meeting") and the date printed under it."""
    for i, line in enumerate(tail):
        one_line = ADOPTED_AT.match(_clean(line.text))
        if one_line:  # "Adopted at the 40th meeting, 27 March 2008, without a vote"
            d = _DATE_IN_LINE.search(_clean(line.text), one_line.end())
            return re.sub(r"\s+", " ", one_line.group(1)), iso_date(*d.groups()) if d else None
        m = MEETING.match(_clean(line.text))
        if m:
            meeting = re.sub(r"\s+", " ", m.group(0).rstrip("."))
            for later in tail[i + 1:i + 6]:
                d = DATE_ALONE.match(_clean(later.text))
                if d:
                    return meeting, iso_date(*d.groups())
            return meeting, None
    return None, None


def _read_trailer(meta: Metadata, flat_tail: str) -> None:
    """The vote, and the report chapter and draft a trailer points to ("See chap. XVII - E/CN.4/2003/L.11")."""
    m = re.search(r"\[?\s*(Adopted (?:without a vote|by consensus|by (?:a )?(?:recorded |roll-call )?vote[^.\]]*))",
                  flat_tail, re.I)
    if m:
        vote = m.group(1).strip()
        meta.vote = vote[0].lower() + vote[1:]
    else:  # "Adopted at the 40th meeting, 27 March 2008, without a vote"
        m = re.search(r"\bAdopted\s+at\s+[^\n\]]*?,\s*(without a vote|by consensus|by (?:a )?(?:recorded |roll-call )?"
                      r"vote[^.\]]*)", flat_tail, re.I)
        if m:
            meta.vote = "adopted " + m.group(1).strip()
    m = re.search(r"See chap(?:ter|\.)\s*([IVXLC]+)\.?", flat_tail)
    if m:
        meta.report_chapter = m.group(1)
    m = re.search(r"See chap(?:ter|\.)\s*[IVXLC]+\.?\s*[-\u2013\u2014]?\s*(" + SYMBOL + ")", flat_tail)
    if m:
        meta.draft = m.group(1).rstrip(".]")


def _report(texts: _Texts) -> str | None:
    """The report a resolution was adopted on: "[on the report of the Third Committee (A/57/556/Add.2)]"
    (at the top, in a first-page header printed in the body or at the end)."""
    m = re.search(r"\[?on the report of the ([^\]\n]+?(?:\([^)]*\))?)\s*\]", collapse(texts.header))
    return m.group(1).strip() if m else None


def _draft(texts: _Texts) -> str | None:
    """The draft a resolution adopted without a committee's report was: "[without reference to a Main
    Committee (A/66/L.35 and Add.1)]" -> A/66/L.35 (its addenda add sponsors, not another draft)."""
    m = re.search(rf"\[\s*without reference to a Main Committee\s*\(\s*({SYMBOL})", collapse(texts.header), re.I)
    return m.group(1).rstrip(".,;") if m else None


def _number_and_title(meta: Metadata, front_blocks: list[str]) -> tuple[str | None, str | None]:
    """The title, and the number printed before it ("57/210. Regional arrangements ...") or in a heading
    ("Commission on Human Rights resolution 2003/73", which also names the body when nothing else did)."""
    title = number = None
    for block in front_blocks:
        lines = [_clean(line) for line in block.split("\n")]
        for i, flat in enumerate(lines):
            # "57/210. Regional ...", "Resolution 7/12. Enforced ..." (the Council), "## 2005/40. The right ..."
            m = re.match(r"^(?:#+\s*)?(?:(?:resolution|decision)\s+)?(\d{1,4}/(?:\d{1,4}|\.\.\.|\u2026))\.?\s+(\S.*)$",
                         flat, re.I)
            if m and title is None:
                if m.group(1)[-1].isdigit():
                    number = m.group(1)
                parts = [m.group(2).strip()]
                for more in lines[i + 1:]:
                    if not more or parts[-1].endswith(".") or not more[:1].islower():
                        break
                    parts.append(more)
                title = " ".join(parts)
            m = re.match(r"^(.+?) resolution (\d{1,4}/\d{1,4})$", flat)
            if m and m.group(1).strip() in BODY_SYMBOLS:
                number = m.group(2)
                meta.body = meta.body or m.group(1).strip()
    return title or _title_from_front(front_blocks), number


def _symbol_and_number(meta: Metadata, texts: _Texts, header_symbols: list[str], hints: dict[str, str],
                       number: str | None) -> tuple[str | None, str | None]:
    """The symbol: the document system's, else the running headers' most printed one, else one standing
    alone at the top, else the one the body's convention gives its number. The number, when the text
    printed none, is read from a resolution's symbol; the body, when nothing named it, from the symbol."""
    symbol = (hints.get("doc_symbol1") or hints.get("doc_symbol")
              or (max(header_symbols, key=header_symbols.count) if header_symbols else None)  # ties: the first printed
              or _printed_symbol(texts.front_blocks + texts.furniture + [line.text for line in texts.tail])
              or (symbol_for(meta.body, number) if number else None))
    if not symbol:
        return None, number
    symbol = symbol.rstrip(".")
    meta.body = meta.body or body_of_symbol(symbol)
    return symbol, number or resolution_number(symbol)


def _printed_symbol(blocks: list[str]) -> str | None:
    """A symbol on a line of its own, or opening one ("United Nations A/RES/57/210", "A/57/L.5 page 2")."""
    for block in blocks:
        for line in block.split("\n"):
            flat = _clean(line)
            m = SYMBOL_RE.search(flat)
            if m and (m.group(0) == flat or flat.startswith("United Nations") or flat.startswith(m.group(0) + " ")):
                return m.group(0)
    return None


def _session(meta: Metadata, header: str) -> str | None:
    """The session as the header prints it ("Fifty-seventh session"), else as an Assembly's or Council's
    symbol says it (A/RES/57/210: the fifty-seventh); never from the paragraphs."""
    m = re.search(r"(?<![A-Za-z])((?:[A-Z][a-z]+-)?[A-Za-z]+?(?:st|nd|rd|th))\s+(?:special\s+)?session\b", header)
    if m and m.group(1)[0].isupper():
        return m.group(1).lower()
    if meta.symbol and meta.body in ("General Assembly", "Human Rights Council"):
        m = re.match(r"A/(?:HRC/)?RES/(\d{1,2})/", meta.symbol)
        if m and int(m.group(1)):
            return ordinal_words(int(m.group(1)))
    return None


def _agenda_item(header: str) -> str | None:
    m = re.search(r"Agenda items?\s+(\d+(?:\s*\([a-z]\))?(?:(?:,| and)\s*\d+(?:\s*\([a-z]\))?)*)", header)
    return re.sub(r"\s+", " ", m.group(1)).strip() if m else None


def _distribution(header: str) -> tuple[str | None, str | None]:
    """"Distr.: General 22 April 2002" -> ("General", "2002-04-22")."""
    m = re.search(rf"Distr\.\s*:?\s*(General|Limited|Restricted|GENERAL|LIMITED|RESTRICTED)\s*\n?\s*"
                  rf"(?:(\d{{1,2}})\s+({MONTH})\s+(\d{{4}}))?", header)
    if not m:
        return None, None
    return m.group(1).capitalize(), iso_date(m.group(2), m.group(3), m.group(4)) if m.group(2) else None


def _issue_date(front_blocks: list[str], distributed: str | None) -> str | None:
    """The first date standing alone in the front matter that is not the distribution date."""
    for block in front_blocks:
        for line in block.split("\n"):
            d = DATE_ALONE.match(_clean(line))
            if d:
                candidate = iso_date(*d.groups())
                if candidate != distributed:
                    return candidate
    return None


def _status(meta: Metadata, front: str, trailer_date: str | None) -> str | None:
    """"adopted" when anything says so (a trailer, a resolution's symbol or number, "Resolution adopted
    by"), "draft" when the text calls itself one or its symbol is an L. document."""
    symbol = meta.symbol
    if trailer_date or meta.meeting or (symbol and "/RES/" in symbol.upper()) or meta.number \
            or re.search(r"Resolution adopted by", front):
        return "adopted"
    if re.search(r"draft resolution|draft decision", front, re.I) or (symbol and "/L." in symbol):
        return "draft"
    return None


def _sponsors(front_blocks: list[str]) -> list[str]:
    """A draft's sponsors, listed before ": draft resolution"."""
    for block in front_blocks:
        m = re.match(r"^(.*?):\s*draft (?:resolution|decision)\s*$", block.strip(), re.S | re.I)
        if m:
            names = collapse(m.group(1).replace("*", " ").replace("\u2020", " "))
            sponsors = _split_sponsors(names)
            return sponsors if sponsors and all(len(n) < 60 for n in sponsors) else []
    return []


def _language(header: str) -> str | None:
    m = re.search(r"Original:\s*([A-Z][A-Za-z]+)", header)
    return m.group(1).capitalize() if m else None


_AND_NAMES = ("Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis",
              "Saint Vincent and the Grenadines", "Sao Tome and Principe", "Trinidad and Tobago",
              "Serbia and Montenegro", "Turks and Caicos Islands", "Heard Island and McDonald Islands")


def _split_sponsors(names: str) -> list[str]:
    """"A, B, C and D" -> [A, B, C, D], keeping country names that contain "and"."""
    parts = [n.strip() for n in names.split(",") if n.strip()]
    if parts:
        last = parts[-1]
        protected = last
        for name in _AND_NAMES:
            protected = protected.replace(name, name.replace(" and ", " & "))
        pieces = [p.replace(" & ", " and ") for p in re.split(r"\s+and\s+", protected)]
        parts[-1:] = [p.strip() for p in pieces if p.strip()]
    return parts


def _title_from_front(blocks: list[str]) -> str | None:
    """The title: front-matter text that is not header furniture, wrapped lines rejoined."""
    candidates: list[str] = []
    for block in blocks:
        flat = _clean(block)
        low = flat.lower().rstrip(".:")
        if (not flat or low in _ORGAN_HEADERS or SYMBOL_RE.fullmatch(flat) or DATE_RE.search(flat)
                or re.search(r"\bsession\b|^agenda item|^distr|^original:|draft resolution|resolution adopted by"
                             r"|^\[|resolution \d+/\d+$|^united nations|^limited$|^general$", low)
                or flat.isupper() or re.fullmatch(r"[\d\s/.*-]+", flat)):
            if candidates:
                break
            continue
        if candidates and (candidates[-1][-1:] in ".;:" or not flat[:1].islower()):
            break
        candidates.append(flat)
    return " ".join(candidates) if candidates else None
