"""Document metadata, read from what surrounds the paragraphs: the front matter, the enacting formula,
the adoption trailer, the page furniture and document-system markers.

Nothing is invented: a field the text does not print stays None. Two derivations follow fixed UN
conventions and are stated as such: a resolution printed as "Commission on Human Rights resolution
2003/73" has the symbol E/CN.4/RES/2003/73, and a General Assembly symbol A/RES/57/210 says the
fifty-seventh session. Dates printed for another purpose keep their own names ("distributed").
"""

from __future__ import annotations

import datetime as dt
import re

from .clean import collapse, strip_emphasis
from ..labels import MONTHS, SYMBOL, SYMBOL_RE
from .layout import MEETING

_MONTH = "|".join(MONTHS)
DATE_RE = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})(?!\d)")
_DATE_ALONE = re.compile(rf"^(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})\.?$")

# Bodies and the symbol patterns of their resolutions.
BODIES = {
    "General Assembly": "A/RES/{session}/{n}",
    "Commission on Human Rights": "E/CN.4/RES/{year}/{n}",
    "Human Rights Council": "A/HRC/RES/{session}/{n}",
    "Economic and Social Council": "E/RES/{year}/{n}",
    "Security Council": "S/RES/{n} ({year})",
    "Sub-Commission on the Promotion and Protection of Human Rights": "E/CN.4/SUB.2/RES/{year}/{n}",
    "Commission on the Status of Women": None,
}
_BODY_BY_SYMBOL = [
    ("A/HRC/", "Human Rights Council"),
    ("A/", "General Assembly"),
    ("E/CN.4/SUB.2", "Sub-Commission on the Promotion and Protection of Human Rights"),
    ("E/CN.4/Sub.2", "Sub-Commission on the Promotion and Protection of Human Rights"),
    ("E/CN.4/", "Commission on Human Rights"),
    ("E/CN.6/", "Commission on the Status of Women"),
    ("E/", "Economic and Social Council"),
    ("S/", "Security Council"),
]
_ORGAN_HEADERS = {"united nations", "general assembly", "economic and social council", "security council",
                  "human rights council", "commission on human rights", "distr"}

_ONES = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_TENS_TH = ["", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth",
            "ninetieth"]


def ordinal_words(n: int) -> str:
    """57 -> "fifty-seventh" (1..99), as UN documents write session numbers."""
    if n < 10:
        return _ONES[n]
    if n < 20:
        return _TEENS[n - 10]
    tens, ones = divmod(n, 10)
    return _TENS_TH[tens] if ones == 0 else f"{_TENS[tens]}-{_ONES[ones]}"


def iso_date(day: str, month: str, year: str) -> str | None:
    try:
        return dt.date(int(year), MONTHS.index(month) + 1, int(day)).isoformat()
    except ValueError:
        return None


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


def extract(front, formula: str | None, tail, furniture: list[str], header_symbols: list[str],
            hints: dict[str, str]) -> dict:
    meta: dict = {}
    front_blocks = [strip_emphasis(b) for b in _blocks(front)]
    front_text = "\n".join(front_blocks)
    tail_text = "\n".join(line.text for line in tail)
    furniture_text = "\n".join(furniture)
    header_text = "\n".join([front_text, furniture_text, tail_text])

    # --- body
    if formula:
        meta["body"] = formula
    else:
        m = re.search(r"(?:Resolution|Decision) adopted by the ([A-Z][\w ]+?)\s*(?:\n|$|\[)", front_text)
        if m:
            meta["body"] = m.group(1).strip()

    # --- trailer: meeting, adoption date, vote, draft and report chapter
    trailer_date = None
    for i, line in enumerate(tail):
        text = _clean(line.text)
        m = MEETING.match(text)
        if m and "meeting" not in meta:
            meta["meeting"] = re.sub(r"\s+", " ", m.group(0).rstrip("."))
            for later in tail[i + 1:i + 6]:
                d = _DATE_ALONE.match(_clean(later.text))
                if d:
                    trailer_date = iso_date(*d.groups())
                    break
    flat_tail = collapse(tail_text)
    m = re.search(r"\[?\s*(Adopted (?:without a vote|by consensus|by (?:a )?(?:recorded |roll-call )?vote[^.\]]*))",
                  flat_tail, re.I)
    if m:
        vote = m.group(1).strip()
        meta["vote"] = vote[0].lower() + vote[1:]
    m = re.search(r"See chap(?:ter|\.)\s*([IVXLC]+)\.?", flat_tail)
    if m:
        meta["report_chapter"] = m.group(1)
    m = re.search(r"See chap(?:ter|\.)\s*[IVXLC]+\.?\s*[-\u2013\u2014]?\s*(" + SYMBOL + ")", flat_tail)
    if m:
        meta["draft"] = m.group(1).rstrip(".]")

    # --- report it was adopted on
    m = re.search(r"\[?on the report of the ([^\]\n]+?(?:\([^)]*\))?)\s*\]", collapse(front_text + "\n" + tail_text))
    if m:
        meta["report"] = m.group(1).strip()

    # --- number and title
    title = None
    number = None
    for block in front_blocks:
        lines = [_clean(line) for line in block.split("\n")]
        for i, flat in enumerate(lines):
            m = re.match(r"^(\d{1,4}/(?:\d{1,4}|\.\.\.|\u2026))\.?\s+(\S.*)$", flat)
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
            if m and m.group(1).strip() in BODIES:
                number = m.group(2)
                meta.setdefault("body", m.group(1).strip())
    if title is None:
        title = _title_from_front(front_blocks)
    if title:
        meta["title"] = title

    # --- symbol
    symbol = hints.get("doc_symbol1") or hints.get("doc_symbol")
    if not symbol and header_symbols:
        symbol = max(set(header_symbols), key=header_symbols.count)
    if not symbol:
        for block in front_blocks + furniture + [line.text for line in tail]:
            for line in block.split("\n"):
                flat = _clean(line)
                m = SYMBOL_RE.search(flat)
                if m and (m.group(0) == flat or flat.startswith("United Nations") or flat.startswith(m.group(0) + " ")):
                    symbol = m.group(0)
                    break
            if symbol:
                break
    if not symbol and number:
        symbol = _symbol_for(meta.get("body"), number)
    if symbol:
        symbol = symbol.rstrip(".")
        meta["symbol"] = symbol
        meta.setdefault("body", _body_for_symbol(symbol))
        if not number:
            m = re.search(r"/RES/(\d+)/(\d+)$", symbol) or re.search(r"/RES/(\d{4})/(\d+)$", symbol)
            if m:
                number = f"{m.group(1)}/{m.group(2)}"
    if number:
        meta["number"] = number

    # --- session and agenda item (printed in the header; never from the paragraphs)
    m = re.search(r"(?<![A-Za-z])((?:[A-Z][a-z]+-)?[A-Za-z]+?(?:st|nd|rd|th))\s+(?:special\s+)?session\b", header_text)
    if m and m.group(1)[0].isupper():
        meta["session"] = m.group(1).lower()
    elif symbol and meta.get("body") in ("General Assembly", "Human Rights Council"):
        m = re.match(r"A/(?:HRC/)?RES/(\d{1,2})/", symbol)
        if m:
            meta["session"] = ordinal_words(int(m.group(1)))
    m = re.search(r"Agenda items?\s+(\d+(?:\s*\([a-z]\))?(?:(?:,| and)\s*\d+(?:\s*\([a-z]\))?)*)", header_text)
    if m:
        meta["agenda_item"] = re.sub(r"\s+", " ", m.group(1)).strip()

    # --- distribution, dates
    m = re.search(rf"Distr\.\s*:?\s*(General|Limited|Restricted|GENERAL|LIMITED|RESTRICTED)\s*\n?\s*"
                  rf"(?:(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}}))?", header_text)
    distributed = None
    if m:
        meta["distribution"] = m.group(1).capitalize()
        if m.group(2):
            distributed = iso_date(m.group(2), m.group(3), m.group(4))
            meta["distributed"] = distributed
    issue_date = None
    for block in front_blocks:
        for line in block.split("\n"):
            d = _DATE_ALONE.match(_clean(line))
            if d:
                candidate = iso_date(*d.groups())
                if candidate != distributed:
                    issue_date = candidate
                    break
        if issue_date:
            break

    # --- status
    draft_words = re.search(r"draft resolution|draft decision", front_text, re.I)
    if trailer_date or meta.get("meeting") or (symbol and "/RES/" in symbol.upper()) or number \
            or re.search(r"Resolution adopted by", front_text):
        meta["status"] = "adopted"
    elif draft_words or (symbol and "/L." in symbol):
        meta["status"] = "draft"
    # A resolution's date is its adoption date; a draft's, the date it was issued.
    meta["date"] = trailer_date if trailer_date else (issue_date if meta.get("status") != "adopted" else None)

    # --- sponsors (a draft's list, before ": draft resolution")
    for block in front_blocks:
        m = re.match(r"^(.*?):\s*draft (?:resolution|decision)\s*$", block.strip(), re.S | re.I)
        if m:
            names = collapse(m.group(1).replace("*", " ").replace("\u2020", " "))
            sponsors = _split_sponsors(names)
            if sponsors and all(len(n) < 60 for n in sponsors):
                meta["sponsors"] = sponsors
            break

    m = re.search(r"Original:\s*([A-Z][A-Za-z]+)", header_text)
    if m:
        meta["language"] = m.group(1).capitalize()
    return {k: v for k, v in meta.items() if v not in (None, "", [])}


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


def _symbol_for(body: str | None, number: str) -> str | None:
    pattern = BODIES.get(body or "")
    if not pattern:
        return None
    first, n = number.split("/")
    if "{session}" in pattern and len(first) <= 2:
        return pattern.format(session=first, n=n)
    if "{year}" in pattern and len(first) == 4:
        return pattern.format(year=first, n=n)
    return None


def _body_for_symbol(symbol: str) -> str | None:
    for prefix, body in _BODY_BY_SYMBOL:
        if symbol.startswith(prefix):
            return body
    return None


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
