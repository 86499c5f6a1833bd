"""Labels and the words of numbering, in one place: document symbols, month names, ordinals, and the
labels of paragraphs as the store keeps them ("pp3", "8 (c)", "fn2") and as a citation prints them
("pp. 3", "op. 8 (c)", "fn. 2")."""

from __future__ import annotations

import re

from .errors import UnknownLabel

# A UN document symbol: "A/RES/57/210", "E/CN.4/2002/L.108", "A/CONF.157/24 (Part I)" is cut at the space.
SYMBOL = r"(?:A|E|S|CCPR|CERD|CEDAW|CRC|CAT|CMW|CED|CRPD|HRI|ST|UNEP|TD|DP|ICCD|FCCC)(?:/[A-Za-z0-9.\-]+)+(?: ?\(\d{4}\))?"
SYMBOL_RE = re.compile(rf"(?<![\w/]){SYMBOL}")

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
            "eighteenth", "nineteenth", "twentieth"]
_TENS = {2: "twent", 3: "thirt", 4: "fort", 5: "fift", 6: "sixt", 7: "sevent", 8: "eight", 9: "ninet"}


def ordinal_words(n: int) -> str:
    """1 -> "first", 23 -> "twenty-third" (figures from 100 on: "100th")."""
    if 1 <= n < 20:
        return ORDINALS[n - 1]
    if 20 <= n < 100:
        tens, units = divmod(n, 10)
        if units == 0:
            return _TENS[tens] + "ieth"
        return _TENS[tens] + "y-" + ORDINALS[units - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def citation_label(label: str) -> str:
    """A stored label as a citation prints it: "pp3" -> "pp. 3", "fn2" -> "fn. 2", "8 (c)" -> "op. 8 (c)"."""
    if label.startswith("pp"):
        return "pp. " + label[2:]
    if label.startswith("fn"):
        return "fn. " + label[2:]
    return "op. " + label


# ---------------------------------------------------------------- labels as people type them
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
