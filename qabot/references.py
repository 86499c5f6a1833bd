"""References between documents, read from paragraph text: "Recalling its resolution 55/105 of
4 December 2000", "Commission resolution 2002/82", "General Assembly resolution 48/134", "decision
2002/...", "resolutions 49/180 and 50/176", and document symbols ("A/57/283", "E/CN.4/2003/109").

Each reference keeps its exact span of the paragraph (a substring, never altered), the body it names or
implies, the number, the date, and the verb it is cited under ("recall", "take note", ...).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass

from .citations import resolution_number
from .parse.layout import SYMBOL
from .parse.metadata import MONTHS
from .records import Document, Paragraph

RESOLUTION, DECISION, DOCUMENT = "resolution", "decision", "document"

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
_MONTH = "|".join(MONTHS)
_DATE = rf"(\d{{1,2}})\s+({_MONTH})\s+((?:19|20)\d\d)"
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
    r"tak(?:es|ing)\s+(?:note|into\s+account)|takes?\s+(?:note|into\s+account)|not(?:es|ed|ing)|"
    r"welcom(?:es|ed|ing)|endors(?:es|ed|ing)|guided\s+by|mindful\s+of|"
    r"request(?:s|ed|ing)|decid(?:es|ed|ing)|urg(?:es|ed|ing)|invit(?:es|ed|ing)|referr(?:ing|ed)\s+to|"
    r"refers?\s+to|in\s+follow-up\s+to|follow(?:s|ing)\s+up)\b", re.I)


@dataclass
class Reference:
    label: str  # the citing paragraph's label
    kind: str  # resolution | decision | document
    quote: str  # the span of the paragraph's text that cites, verbatim
    start: int
    end: int
    body: str | None = None
    number: str | None = None  # "57/210", "2002/...", "92 (X)"
    symbol: str | None = None  # for kind "document": "A/57/283"
    date: str | None = None  # ISO
    verb: str | None = None  # "recall", "take note", "bearing in mind", ...
    paragraph_id: int | None = None

    def to_json(self) -> dict:
        return asdict(self)

    def describe(self) -> str:
        """'General Assembly resolution 32/127 of 16 December 1977', 'document A/57/283'."""
        if self.kind == DOCUMENT:
            return f"document {self.symbol}"
        words = " ".join(x for x in (self.body, self.kind, self.number) if x)
        if self.date:
            d = dt.date.fromisoformat(self.date)
            words += f" of {d.day} {d.strftime('%B')} {d.year}"
        return words[0].upper() + words[1:] if not self.body else words


def extract(doc: Document, paragraphs: list[Paragraph]) -> list[Reference]:
    """Every reference in the document's paragraphs, in order."""
    by_label = {p.label: p for p in paragraphs}
    out: list[Reference] = []
    for p in paragraphs:
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
    if not day:
        return None
    try:
        return dt.date(int(year), MONTHS.index(month) + 1, int(day)).isoformat()
    except ValueError:  # "31 June" as printed: the reference stands, its date is unknown
        return None


def _verb(text: str, start: int, chapeau: str | None) -> str | None:
    """The verb a reference is cited under: the last one before it in the paragraph, else the chapeau's."""
    found = list(_VERBS.finditer(text[:start]))
    if not found and chapeau:
        found = list(_VERBS.finditer(chapeau))[:1]
    if not found:
        return None
    return normalize_verb(found[-1].group(1))


def normalize_verb(words: str) -> str:
    w = " ".join(words.lower().split())
    for pattern, name in ((r"recall", "recall"), (r"reaffirm", "reaffirm"), (r"reiterat", "reiterate"),
                          (r"bear", "bear in mind"), (r"tak\w* note|takes? note", "take note"),
                          (r"tak\w* into account", "take into account"), (r"^not", "note"), (r"welcom", "welcome"),
                          (r"endors", "endorse"), (r"request", "request"), (r"decid", "decide"), (r"urg", "urge"),
                          (r"invit", "invite"), (r"refer", "refer to"), (r"follow", "follow up")):
        if re.search(pattern, w):
            return name
    return w


def insert_references(db, document: Document, paragraphs: list[Paragraph]) -> None:
    """Store the document's references (table doc_references, migration m003_references)."""
    db.executemany(
        "INSERT INTO doc_references (doc_id, paragraph_id, label, kind, body, number, symbol, date, verb, start,"
        " end, quote) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(document.id, r.paragraph_id, r.label, r.kind, r.body, r.number, r.symbol, r.date, r.verb, r.start, r.end,
          r.quote) for r in extract(document, paragraphs)])


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


def linked(store, doc: Document, verb: str | None = None):
    """([(reference, the corpus document it names or None)], [(citing document, reference)]) for `doc`."""
    documents = store.documents()
    by_id = {d.id: d for d in documents}
    want = normalize_verb(verb) if verb else None
    cites = []
    for ref in store.references_from(doc.id):
        if want and ref.verb != want:
            continue
        target = next((d for d in documents if d.id != doc.id and resolves_to(ref, d)), None)
        cites.append((ref, target))
    cited_by = [(by_id[d], ref) for d, ref in store.references_to(doc) if d in by_id and (not want or ref.verb == want)]
    return cites, cited_by


# ---------------------------------------------------------------- answering from the links
def answer_from_links(store, doc: Document, direction: str, documents: dict[str, Document]):
    """A question about references ("which resolutions does 57/210 recall?") answered from the links:
    (lead, [(document, paragraph, highlight, chapeau)]). The lead quotes each reference as printed."""
    from .citations import document_name

    name = document_name(doc)
    if direction in ("recalls", "cites"):
        refs = store.references_from(doc.id)
        if direction == "recalls":
            chosen = [r for r in refs if r.verb == "recall" and r.kind != DOCUMENT]
            if chosen:
                lead = f"{name} recalls " + _listed(chosen)
            else:
                chosen = [r for r in refs if r.kind != DOCUMENT] or refs
                lead = f"{name} recalls no resolution by name" + (f"; it cites " + _listed(chosen) if chosen else "")
        else:
            chosen = refs
            lead = f"{name} cites " + _listed(chosen) if chosen else f"{name} cites no resolution, decision or document."
        shown = _shown(store, [(doc, r) for r in chosen])
    else:
        want = "recall" if direction == "recalled by" else None
        links = [(documents[d], r) for d, r in store.references_to(doc)
                 if d in documents and (want is None or r.verb == want)]
        verb = "recall" if want else "cite"
        if links:
            citing = list(dict.fromkeys(document_name(d) for d, _ in links))
            lead = (f"{len(citing)} document{'s' if len(citing) > 1 else ''} in the corpus {verb}"
                    f"{'s' if len(citing) == 1 else ''} {name}: "
                    + "; ".join(f"{d} ({', '.join(ref_label(r) for c, r in links if document_name(c) == d)})"
                                for d in citing) + ".")
        else:
            lead = f"No document in the corpus {verb}s {name}."
        shown = _shown(store, links)
    return lead, shown


def _listed(refs: list[Reference]) -> str:
    items = [f"\u201c{r.quote}\u201d ({ref_label(r)})" for r in refs]
    return (items[0] if len(items) == 1 else "; ".join(items[:-1]) + " and " + items[-1]) + "."


def ref_label(r: Reference) -> str:
    """"pp. 1", "op. 8 (c)", "fn. 4": the citing paragraph as a citation labels it."""
    if r.label.startswith("pp"):
        return "pp. " + r.label[2:]
    if r.label.startswith("fn"):
        return "fn. " + r.label[2:]
    return "op. " + r.label


def _shown(store, links: list[tuple[Document, Reference]]):
    """Each citing paragraph once, with the first reference it holds as the highlight."""
    out, seen = [], set()
    for doc, ref in links:
        if (doc.id, ref.label) in seen:
            continue
        seen.add((doc.id, ref.label))
        paragraph = store.paragraph(doc.id, ref.label)
        if paragraph is None:
            continue
        parent = store.paragraph(doc.id, paragraph.parent) if paragraph.parent else None
        out.append((doc, paragraph, ref.quote, parent.text if parent else None))
    return out

