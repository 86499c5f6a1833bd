"""The records that flow through qabot: documents and paragraphs (answers live in answer.py's records).

They are plain dataclasses; `to_json()` gives the JSON shapes that outside scripts rely on
(fields may be added, never renamed).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

UNDOCS = "https://undocs.org/"

PREAMBULAR = "preambular"
OPERATIVE = "operative"
FOOTNOTE = "footnote"
KINDS = (PREAMBULAR, OPERATIVE, FOOTNOTE)


@dataclass
class Document:
    id: str
    symbol: str | None = None
    body: str | None = None
    title: str | None = None
    date: str | None = None  # ISO: adoption date of a resolution, issue date of a draft
    meeting: str | None = None  # "77th plenary meeting"
    session: str | None = None  # "fifty-seventh"
    source: str | None = None
    status: str | None = None  # "draft" | "adopted"
    number: str | None = None  # the resolution number as printed: "57/210", "2003/73"
    agenda_item: str | None = None  # "109 (b)"
    distributed: str | None = None  # ISO date printed after "Distr.:"
    distribution: str | None = None  # "General", "Limited"
    vote: str | None = None  # "adopted without a vote"
    report: str | None = None  # "Third Committee (A/57/556/Add.2 and Corr. 1-3)"
    draft: str | None = None  # the draft's symbol, "E/CN.4/2003/L.11/Add.7"
    report_chapter: str | None = None  # "XVII"
    sponsors: list[str] = field(default_factory=list)
    language: str | None = None  # "English" for "Original: ENGLISH"
    layout: str | None = None  # which text layout the parser recognised
    content_hash: str | None = None

    @property
    def url(self) -> str | None:
        return UNDOCS + self.symbol if self.symbol else None

    @property
    def name(self) -> str:
        """How people name the document: its symbol, else its id."""
        return self.symbol or self.id

    def to_json(self) -> dict:
        data = asdict(self)
        data["url"] = self.url
        return data

    @classmethod
    def from_json(cls, data: dict) -> Document:
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Paragraph:
    doc_id: str
    seq: int  # position in the document, from 0
    kind: str  # preambular | operative | footnote
    label: str  # "pp3", "8", "8 (c)", "pp1 (a)", "fn2"
    text: str  # verbatim, without its printed number or letter
    parent: str | None = None  # label of the chapeau a sub-paragraph belongs to
    footnotes: list[str] = field(default_factory=list)  # labels of the footnotes it cites
    id: int | None = None  # row id in the store

    @property
    def citation_label(self) -> str:
        """The label as a citation prints it: "op. 8 (c)", "pp. 3", "fn. 2"."""
        if self.kind == PREAMBULAR:
            return "pp. " + self.label[2:]
        if self.kind == FOOTNOTE:
            return "fn. " + self.label[2:]
        return "op. " + self.label

    def to_json(self, doc: Document | None = None, footnote_texts: dict[str, str] | None = None) -> dict:
        notes = [{"label": n, "text": (footnote_texts or {}).get(n)} for n in self.footnotes]
        data = {
            "doc": doc.to_json() if doc else {"id": self.doc_id},
            "kind": self.kind,
            "label": self.label,
            "text": self.text,
            "footnotes": notes,
            "parent": self.parent,
            "seq": self.seq,
            "citation_label": self.citation_label,
        }
        return data
