"""References between documents, read from paragraph text: "Recalling its resolution 55/105 of
4 December 2000", "Commission resolution 2002/82", "General Assembly resolution 48/134", "decision
2002/...", "resolutions 49/180 and 50/176", and document symbols ("A/57/283", "E/CN.4/2003/109").

Each reference keeps its exact span of the paragraph (a substring, never altered), the body it names or
implies, the number, the date, and the verb it is cited under ("recall", "take note", ...).
"""

from __future__ import annotations

import re

from ..labels import MONTH, SYMBOL, iso_date, resolution_number
from ..records import DECISION, DOCUMENT, RESOLUTION, Document, Paragraph, Reference


# Names of bodies as resolutions print them before "resolution(s)"/"decision(s)", longest first.
_BODIES = [
    ("Sub-Commission on the Promotion and Protection of Human Rights",
     r"Sub-?[Cc]ommission on the Promotion and Protection of Human Rights|Sub-?[Cc]ommission"),
    ("Economic and Social Council", r"Economic and Social Council"),
    ("Commission on Human Rights", r"Commission on Human Rights|(?<!Sub-)(?<!Sub)Commission"),
    ("Human Rights Council", r"Human Rights Council"),
    ("Security Council", r"Security Council"),
    ("General Assembly", r"General Assembly|Assembly"),
]
_BODY_ALT = "|".join(f"(?:{p})" for _, p in _BODIES)
_DATE = rf"(\d{{1,2}})\s+({MONTH})\s+((?:19|20)\d\d)"
# 57/210, 2002/82, 2002/..., ES-10/2, 217 A (III), 92 (X), 1325 (2000)
_NUMBER = (r"(?:(?:ES|S)-)?\d{1,4}/(?:\d{1,4}(?:\s?[A-H](?![\w/]))?|\.\.\.|\u2026)"
           r"|\d{1,4}(?:\s?[A-H])?\s?\((?:[IVXLC]+|(?:19|20)\d\d)\)")
_ITEM = rf"(?P<n>{_NUMBER})(?:\s+of\s+{_DATE})?"
_ITEM_RE = re.compile(rf"({_NUMBER})(?:\s+of\s+{_DATE})?")
_SEPARATOR = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*,?\s+as well as\s+)"
_REFERENCE = re.compile(
    rf"(?:(?P<its>\b[Ii]ts\s+)|(?P<body>(?<![\w-])(?:{_BODY_ALT}))(?:['\u2019]s)?\s+)?"
    rf"(?P<kind>\b(?:resolutions?|decisions?))\s+"
    rf"(?P<list>(?:{_NUMBER})(?:\s+of\s+{_DATE})?(?:{_SEPARATOR}(?:{_NUMBER})(?:\s+of\s+{_DATE})?)*)")
_SYMBOL_REF = re.compile(rf"(?<![\w/]){SYMBOL}")
_BODY_MENTION = re.compile(rf"(?:resolutions?|decisions?)\s+of\s+the\s+(?P<body>{_BODY_ALT})|(?P<body2>{_BODY_ALT})")
_BY_BODY = re.compile(rf"^[^;]{{0,160}}?\bby\s+the\s+(?P<body>{_BODY_ALT})")
_VERBS = re.compile(
    r"\b(recall(?:s|ed|ing)?|reaffirm(?:s|ed|ing)?|reiterat(?:es|ed|ing)|bearing\s+in\s+mind|bears?\s+in\s+mind|"
    r"tak(?:es|ing)\s+(?:notes?|into\s+account)|takes?\s+(?:notes?|into\s+account)|not(?:es|ed|ing)|"
    r"welcom(?:es|ed|ing)|endors(?:es|ed|ing)|guided\s+by|mindful\s+of|"
    r"request(?:s|ed|ing)|decid(?:es|ed|ing)|urg(?:es|ed|ing)|invit(?:es|ed|ing)|referr(?:ing|ed)\s+to|"
    r"refers?\s+to|in\s+follow-up\s+to|follow(?:s|ing)\s+up)\b", re.I)


_SOURCE_NOTE = re.compile(r"\s*(?:ibid|idem|(?:see\s+(?:also\s+)?)?(?:the\s+)?official\s+records)\b", re.I)


def extract(doc: Document, paragraphs: list[Paragraph]) -> list[Reference]:
    """Every reference in the document's paragraphs, in order."""
    by_label = {p.label: p for p in paragraphs}
    # a note that is the document itself is cited under the verb of the paragraph citing it ("Takes note ...
    # of the report of the Secretary-General;4" -> fn. 4 "A/57/283.": taken note of): the paragraph's own
    # verb, its first (where the note's mark stood is not kept; in the seeds' notes the first verb governs
    # what the note names, the last does not: "Bearing in mind ... the Vienna Declaration ..., which
    # reiterates"), else its chapeau's; a note that says where something is published ("See Official
    # Records ...", "Ibid.") is not what the verb acts on
    citing: dict[str, Paragraph] = {}
    for p in paragraphs:
        for label in p.footnotes:
            citing.setdefault(label, p)  # the first paragraph citing it
    out: list[Reference] = []
    for p in paragraphs:
        if p.kind == "footnote" and p.label in citing and not _SOURCE_NOTE.match(p.text):
            cited_by = citing[p.label]
            above = by_label.get(cited_by.parent) if cited_by.parent else None
            verbs = list(_VERBS.finditer(cited_by.text)) or list(_VERBS.finditer(above.text if above else ""))[:1]
            out.extend(references_in(p, doc, verbs[0].group(1) if verbs else None))
            continue
        chapeau = by_label.get(p.parent) if p.parent else None
        out.extend(references_in(p, doc, chapeau.text if chapeau else None))
    return out


def references_in(p: Paragraph, doc: Document, chapeau: str | None = None) -> list[Reference]:
    text = p.text
    out: list[Reference] = []
    spans: list[tuple[int, int]] = []
    for m in _REFERENCE.finditer(text):
        kind = DECISION if m.group("kind").lower().startswith("decision") else RESOLUTION
        body = _body_of(m, text, doc)
        items = list(_ITEM_RE.finditer(m.group("list")))
        base = m.start("list")
        for i, item in enumerate(items):
            number = " ".join(item.group(1).split())
            # the first item's span takes the words before it ("its resolution 55/105 ..."); others their own
            start = m.start() if i == 0 else base + item.start()
            end = base + item.end()
            out.append(Reference(p.label, kind, text[start:end], start, end, body=body, number=number,
                                 date=_iso(item.group(2), item.group(3), item.group(4)),
                                 verb=_verb(text, start, chapeau), paragraph_id=p.id))
        spans.append((m.start(), m.end()))
    for m in _SYMBOL_REF.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        symbol = m.group(0).rstrip(".,;:)")
        if doc.symbol and symbol.lower() == doc.symbol.lower():
            continue
        out.append(Reference(p.label, DOCUMENT, symbol, m.start(), m.start() + len(symbol), symbol=symbol,
                             verb=_verb(text, m.start(), chapeau), paragraph_id=p.id))
    out.sort(key=lambda r: r.start)
    return out


def _body_of(m: re.Match, text: str, doc: Document) -> str | None:
    if m.group("body"):
        return _body_name(m.group("body"))
    if m.group("its"):
        return doc.body  # "its resolution": the body adopting this text
    # a bare "resolution 2002/87": the body named just before ("resolutions of the Commission ..., including
    # its most recent, resolution 2002/87") or just after ("..., by the Sub-Commission"), else this text's own
    # body when the number has its form (a year for the Commission, a session for the Assembly)
    before = list(_BODY_MENTION.finditer(text[:m.start()]))
    if before:
        last = before[-1]
        return _body_name(last.group("body") or last.group("body2"))
    after = _BY_BODY.search(text[m.end():])
    if after:
        return _body_name(after.group("body"))
    first = m.group("list").split("/")[0]
    yearly = first.isdigit() and len(first) == 4
    if doc.body in ("General Assembly", "Human Rights Council") and not yearly:
        return doc.body
    if doc.body in ("Commission on Human Rights", "Economic and Social Council",
                    "Sub-Commission on the Promotion and Protection of Human Rights") and yearly:
        return doc.body
    return None


def _body_name(text: str) -> str:
    for name, pattern in _BODIES:
        if re.fullmatch(pattern, text):
            return name
    return text


def _iso(day, month, year) -> str | None:
    # "31 June" as printed: the reference stands, its date is unknown
    return iso_date(day, month, year) if day else None


def _verb(text: str, start: int, chapeau: str | None) -> str | None:
    """The verb a reference is cited under: the last one before it in the paragraph, else the chapeau's."""
    found = list(_VERBS.finditer(text[:start]))
    if not found and chapeau:
        found = list(_VERBS.finditer(chapeau))[:1]
    if not found:
        return None
    return normalize_verb(found[-1].group(1))


_VERB_NAMES = ((r"recall", "recall"), (r"reaffirm", "reaffirm"), (r"reiterat", "reiterate"),
               (r"bear", "bear in mind"), (r"tak\w* notes?|takes? notes?", "take note"),
               (r"tak\w* into account", "take into account"), (r"^not", "note"), (r"welcom", "welcome"),
               (r"endors", "endorse"), (r"request", "request"), (r"decid", "decide"), (r"urg", "urge"),
               (r"invit", "invite"), (r"refer", "refer to"), (r"follow", "follow up"), (r"guided", "guided by"),
               (r"mindful", "mindful of"))
VERB_NAMES = tuple(dict.fromkeys(name for _, name in _VERB_NAMES))  # what `qabot refs --verb` accepts


def normalize_verb(words: str) -> str:
    w = " ".join(words.lower().split())
    for pattern, name in _VERB_NAMES:
        if re.search(pattern, w):
            return name
    return w


# ---------------------------------------------------------------- reading the links back
def resolves_to(ref: Reference, doc: Document) -> bool:
    """Whether `ref` names `doc` (by number and a compatible body, or by symbol)."""
    if ref.kind == DOCUMENT:
        return bool(doc.symbol and ref.symbol and doc.symbol.lower() == ref.symbol.lower())
    number = doc.number or resolution_number(doc.symbol)
    if not number or ref.number != number:
        return False
    return ref.body is None or doc.body is None or ref.body == doc.body


def absent_document(name: str) -> Document | None:
    """A stand-in for a resolution named by number or symbol that the corpus does not hold, so that the
    documents citing it can be found."""
    name = re.sub(r"^(?:resolution|decision)\s+", "", name.strip(), flags=re.I)
    if re.fullmatch(r"(?:(?:ES|S)-)?\d{1,4}/\d{1,4}", name):
        return Document(id=name, number=name)
    if _SYMBOL_REF.fullmatch(name):
        return Document(id=name, symbol=name, number=resolution_number(name))
    return None
