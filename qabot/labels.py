"""Labels and the words of numbering, in one place, both ways (read and written):

- paragraph labels as the store keeps them ("pp3", "8 (c)", "fn2"), as people type them ("op. 8 (c)"),
  as a citation prints them ("pp. 3", "op. 8 (c)", "fn. 2"; the UN form "para. 8 (c)", "third
  preambular paragraph") and in words ("operative paragraph 8");
- ordinals ("eleventh", "23rd", "fifty-seventh"), list numerals (roman "iv", letters "aa");
- document symbols ("A/RES/57/210") and the resolution numbers and bodies they say;
- months and dates as documents print them ("25 April 2003").
"""

from __future__ import annotations

import datetime as dt
import re

from .errors import UnknownLabel

# ---------------------------------------------------------------- symbols
# A UN document symbol: "A/RES/57/210", "E/CN.4/2002/L.108", "A/CONF.157/24 (Part I)" is cut at the space.
SYMBOL = r"(?:A|E|S|CCPR|CERD|CEDAW|CRC|CAT|CMW|CED|CRPD|HRI|ST|UNEP|TD|DP|ICCD|FCCC)(?:/[A-Za-z0-9.\-]+)+(?: ?\(\d{4}\))?"
SYMBOL_RE = re.compile(rf"(?<![\w/]){SYMBOL}")

# Bodies and the symbols of their resolutions (a fixed UN convention).
BODY_SYMBOLS = {
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


def resolution_number(symbol: str | None) -> str | None:
    """A/RES/57/210 -> 57/210; E/CN.4/RES/2003/73 -> 2003/73."""
    if not symbol:
        return None
    m = re.search(r"/(?:RES|DEC)/((?:ES-|S-)?\d+/\d+[A-Z]?)$", symbol, re.I)
    return m.group(1) if m else None


def symbol_for(body: str | None, number: str) -> str | None:
    """The symbol a body gives its resolution: ("General Assembly", "57/210") -> "A/RES/57/210"."""
    pattern = BODY_SYMBOLS.get(body or "")
    if not pattern:
        return None
    first, n = number.split("/")
    if "{session}" in pattern and len(first) <= 2:
        return pattern.format(session=first, n=n)
    if "{year}" in pattern and len(first) == 4:
        return pattern.format(year=first, n=n)
    return None


def body_of_symbol(symbol: str) -> str | None:
    """The body a symbol's series belongs to: "E/CN.4/RES/2003/73" -> "Commission on Human Rights"."""
    for prefix, body in _BODY_BY_SYMBOL:
        if symbol.startswith(prefix):
            return body
    return None


# ---------------------------------------------------------------- months and dates
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MONTH = "|".join(MONTHS)  # a regular expression's alternatives
SHORT_MONTHS = {m[:3].lower(): m for m in MONTHS} | {"sept": "September"}  # "dec" -> "December"
SHORT_MONTH = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"  # a regular expression's alternatives


def month_number(name: str) -> int:
    """"April" (any case) -> 4."""
    return MONTHS.index(name.capitalize()) + 1


def iso_date(day: str | int, month: str, year: str | int) -> str | None:
    """A date as printed ("25", "April", "2003") -> "2003-04-25"; None when there is no such day."""
    try:
        return dt.date(int(year), month_number(month), int(day)).isoformat()
    except ValueError:  # "31 June" as printed
        return None


def date_words(iso: str | None) -> str | None:
    """"2003-04-25" -> "25 April 2003" (a value that is not an ISO date is given back as it is)."""
    if not iso:
        return None
    try:
        d = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


# ---------------------------------------------------------------- ordinals and list numerals
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
            "eighteenth", "nineteenth", "twentieth"]
ORDINAL = "|".join(ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th)"  # "eleventh", "3rd": a regular expression's alternatives
_TENS = {2: "twent", 3: "thirt", 4: "fort", 5: "fift", 6: "sixt", 7: "sevent", 8: "eight", 9: "ninet"}


def ordinal_words(n: int) -> str:
    """1 -> "first", 23 -> "twenty-third", 57 -> "fifty-seventh" (figures from 100 on: "100th")."""
    if 1 <= n < 20:
        return ORDINALS[n - 1]
    if 20 <= n < 100:
        tens, units = divmod(n, 10)
        if units == 0:
            return _TENS[tens] + "ieth"
        return _TENS[tens] + "y-" + ORDINALS[units - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def figure_ordinal(n: int) -> str:
    """57 -> "57th", 1 -> "1st", 22 -> "22nd", 13 -> "13th"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ordinal_word(ordinal: str) -> str:
    """"11th" -> "eleventh"; a word stays as it is."""
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", ordinal)
    return ordinal_words(int(m.group(1))) if m and int(m.group(1)) > 0 else ordinal


def ordinal_number(word: str) -> int | None:
    """An ordinal -> its number: "eleventh" -> 11, "3rd" -> 3, "sixty-first" -> 61 (as a session is named)."""
    word = word.lower().strip()
    if word in ORDINALS:
        return ORDINALS.index(word) + 1
    if word in _COMPOUND_ORDINALS:
        return _COMPOUND_ORDINALS[word]
    m = re.match(r"\d+", word)
    return int(m.group(0)) if m else None


_COMPOUND_ORDINALS = {ordinal_words(n): n for n in range(21, 100)}

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman(n: int) -> str:
    """4 -> "iv" (list numerals as word processors and browsers print them)."""
    out = ""
    for value, letters_ in _ROMAN:
        while n >= value:
            out += letters_
            n -= value
    return out


def letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word's and the browsers' lower-alpha)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


# ---------------------------------------------------------------- paragraph labels
PREAMBULAR, OPERATIVE, FOOTNOTE = "preambular", "operative", "footnote"  # the kinds of paragraph (records.KINDS)


def label_of(kind: str | None, number: int | str, subs: list[str] | tuple[str, ...] = ()) -> str:
    """The stored label: ("preambular", 3, ["a"]) -> "pp3 (a)"; ("operative", 8, ["c"]) -> "8 (c)";
    ("footnote", 2) -> "fn2" (a footnote's mark may be "*")."""
    if kind == FOOTNOTE:
        return f"fn{number}"
    base = f"pp{number}" if kind == PREAMBULAR else str(number)
    return base + "".join(f" ({s})" for s in subs)


_ANNEX_LABEL = re.compile(r"^annex(?: ([IVXLC]+|\d+(?= \S)))? (.+)$")


def citation_label(label: str) -> str:
    """A stored label as a citation prints it: "pp3" -> "pp. 3", "fn2" -> "fn. 2", "8 (c)" -> "op. 8 (c)",
    "annex II 2" -> "annex II, para. 2"."""
    annex = _ANNEX_LABEL.match(label)
    if annex:
        name = f"annex {annex.group(1)}" if annex.group(1) else "annex"
        rest = annex.group(2)
        return f"{name}, para. {rest}" if rest[:1].isdigit() else f"{name} {rest}"
    if label.startswith("pp"):
        return "pp. " + label[2:]
    if label.startswith("fn"):
        return "fn. " + label[2:]
    return "op. " + label


def un_label(kind: str, label: str) -> str:
    """A paragraph as the UN editorial form cites it: "para. 11", "para. 8 (c)", "fourth preambular
    paragraph", "first preambular paragraph, subpara. (a)", "footnote 2"."""
    if kind == PREAMBULAR:
        m = re.match(r"pp(\d+)\s*(.*)$", label)
        if not m:
            return "preambular paragraph " + label
        words = f"{ordinal_words(int(m.group(1)))} preambular paragraph"
        return words + (f", subpara. {m.group(2)}" if m.group(2) else "")
    if kind == FOOTNOTE:
        return "footnote " + label[2:]
    if _ANNEX_LABEL.match(label):
        return citation_label(label)
    return "para. " + label


def label_words(kind: str | None, label: str, sub: bool = False, capital: bool = False) -> str:
    """A paragraph named in words, as a sentence does: "preambular paragraph 3", "footnote 2",
    "sub-paragraph 8 (c)" (`sub`: it has a chapeau), "operative paragraph 8"."""
    if kind == PREAMBULAR:
        words = f"preambular paragraph {label[2:]}"
    elif kind == FOOTNOTE:
        words = f"footnote {label[2:]}"
    elif sub:
        words = f"sub-paragraph {label}"
    else:
        words = f"operative paragraph {label}"
    return words[0].upper() + words[1:] if capital else words


# ---------------------------------------------------------------- labels as people type them
_SUBS = r"((?:\s*\(\s*[a-z]{1,5}\s*\))*)"
_OPERATIVE = re.compile(r"^(?:op\.?|operative(?:\s+paragraph)?|para(?:graph)?\.?|§|¶)?\s*(\d{1,3})" + _SUBS + r"$")
_PREAMBULAR = re.compile(r"^(?:pp\.?|preambular(?:\s+paragraph)?|pr\.?)\s*(\d{1,3})" + _SUBS + r"$")
_FOOTNOTE = re.compile(r"^(?:fn\.?|footnote|note)\s*(\d{1,3}|\*{1,3})$")
_ANNEX = re.compile(r"^annex(?:\s+([ivxlc]+))?,?\s*(?:para(?:graph)?\.?\s*)?(\d{1,3})" + _SUBS + r"$")


def parse_label(text: str) -> str:
    """A label as people type it -> the stored label: "op. 8 (c)" / "8(c)" -> "8 (c)"; "pp. 3" -> "pp3";
    "fn1" -> "fn1"."""
    low = " ".join(text.lower().split())
    m = _PREAMBULAR.match(low)
    if m:
        return label_of(PREAMBULAR, int(m.group(1)), _subs(m.group(2)))
    m = _FOOTNOTE.match(low)
    if m:
        return label_of(FOOTNOTE, int(m.group(1)) if m.group(1).isdigit() else m.group(1))
    m = _OPERATIVE.match(low)
    if m:
        return label_of(OPERATIVE, int(m.group(1)), _subs(m.group(2)))
    m = _ANNEX.match(low)
    if m:  # "annex II, para. 2 (a)" -> "annex II 2 (a)"
        return f"annex {m.group(1).upper() + ' ' if m.group(1) else ''}" + label_of(OPERATIVE, int(m.group(2)),
                                                                                    _subs(m.group(3)))
    raise UnknownLabel(f"{text!r} is not a paragraph label; write it as 11, \"op. 8 (c)\", pp3 or fn1.")


def _subs(text: str) -> list[str]:
    return re.findall(r"\(\s*([a-z]+)\s*\)", text or "")


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
