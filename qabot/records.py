"""The records that flow through qabot, top to bottom: documents and paragraphs, references between
documents, versions compared, answers (passages quoted and cited), briefing notes.

They are plain dataclasses; `to_json()` gives the JSON shapes that outside scripts rely on
(fields may be added, never renamed).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .labels import citation_label, date_words

UNDOCS = "https://undocs.org/"

PREAMBULAR = "preambular"
OPERATIVE = "operative"
FOOTNOTE = "footnote"
KINDS = (PREAMBULAR, OPERATIVE, FOOTNOTE)

RESOLUTION, DECISION, DOCUMENT = "resolution", "decision", "document"  # what a reference cites
KEPT, CHANGED, ADDED, DROPPED = "kept", "changed", "added", "dropped"  # a paragraph between two versions


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
        return citation_label(self.label)

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


@dataclass
class Passage:
    rank: int
    score: float
    paragraph: Paragraph
    document: Document
    highlight: str
    citation: str
    role: str = "match"
    context: str | None = None  # the chapeau a sub-paragraph continues (verbatim)
    tokens: int = 0
    # the same words in other documents, folded into this passage (compose adds a note): their citations
    same_text_in: list[str] = field(default_factory=list)
    same_text: list[tuple[Document, Paragraph]] = field(default_factory=list, repr=False)
    footnotes: list[Paragraph] = field(default_factory=list)  # the notes the paragraph cites, verbatim

    @property
    def text(self) -> str:
        return self.paragraph.text

    @property
    def url(self) -> str | None:
        return self.document.url

    def to_json(self) -> dict:
        return {
            "rank": self.rank,
            "score": round(self.score, 4),
            "text": self.text,
            "highlight": self.highlight,
            "doc": self.document.to_json(),
            "paragraph": {"kind": self.paragraph.kind, "label": self.paragraph.label,
                          "parent": self.paragraph.parent, "footnotes": self.paragraph.footnotes,
                          "citation_label": self.paragraph.citation_label},
            "citation": self.citation,
            "url": self.url,
            "role": self.role,
            "context": self.context,
            "same_text_in": self.same_text_in,
            "footnotes": [{"label": n.label, "citation_label": n.citation_label, "text": n.text}
                          for n in self.footnotes],
        }


@dataclass
class Answer:
    question: str
    found: bool
    lead: str
    passages: list[Passage] = field(default_factory=list)
    reason: str = ""
    signals: dict = field(default_factory=dict)
    generation: str | None = None
    notes: list[str] = field(default_factory=list)
    # found is false and this is set when an on-topic paragraph is quoted that does not give the detail
    # asked for ("a number", "a place"): a partial answer, what it lacks said in the lead
    missing: str | None = None
    # the documents an answer from documents' facts names ("Adopted without a vote: E/CN.4/RES/2003/73."),
    # by id: what a follow-up's "it" is when no passage is quoted
    documents: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "found": self.found,
            "lead": self.lead,
            "passages": [p.to_json() for p in self.passages],
            "reason": self.reason,
            "signals": self.signals,
            "generation": self.generation,
            "notes": self.notes,
            "missing": self.missing,
            "documents": self.documents,
        }

    @property
    def quoted(self) -> list[Passage]:
        """The passages that answer: all but the chapeaus shown above their sub-paragraphs."""
        return [p for p in self.passages if p.role != "chapeau"]

    def shown_text(self) -> str:
        """Everything the answer shows a person: lead, quotes, citations, notes."""
        parts = [self.lead]
        for p in self.passages:
            parts += [p.text, p.citation, p.context or ""] + p.same_text_in + [n.text for n in p.footnotes]
        parts += self.notes
        return "\n".join(parts)


@dataclass
class Quote:
    """One paragraph quoted whole, with the chapeau it continues (also verbatim) and its citation."""
    document: Document
    paragraph: Paragraph
    citation: str
    context: str | None = None  # the chapeau of a sub-paragraph, verbatim
    footnotes: list[Paragraph] = field(default_factory=list)  # the notes it cites, verbatim ("fn. 4: A/57/283.")

    @property
    def text(self) -> str:
        return self.paragraph.text

    @property
    def url(self) -> str | None:
        return self.document.url

    def to_json(self) -> dict:
        return {"doc": self.document.to_json(), "label": self.paragraph.label, "kind": self.paragraph.kind,
                "citation_label": self.paragraph.citation_label, "text": self.text, "context": self.context,
                "citation": self.citation, "url": self.url,
                "footnotes": [{"label": n.label, "citation_label": n.citation_label, "text": n.text}
                              for n in self.footnotes]}


# above the passages of a question the corpus does not answer, in a note: they are not quoted as its answer
NEAREST = "Nearest passages (they do not answer the question):"
# above the paragraphs shown with an answer from a text's metadata (its date, meeting, sponsors)
CITED_FOR = "The text's own paragraphs, for its citation (the answer is from its heading and adoption lines):"


@dataclass
class Section:
    heading: str
    lead: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    found: bool = True
    from_metadata: bool = False  # the lead answers from the text's metadata; the quotes are for its citation


@dataclass
class Note:
    title: str
    date: str  # ISO
    sections: list[Section] = field(default_factory=list)

    def sources(self) -> list[Document]:
        """Every document quoted, once, in the order it is first quoted."""
        seen: dict[str, Document] = {}
        for section in self.sections:
            for q in section.quotes:
                seen.setdefault(q.document.id, q.document)
        return list(seen.values())


@dataclass
class Entry:
    status: str  # kept | changed | added | dropped
    a: Paragraph | None
    b: Paragraph | None
    similarity: float = 1.0
    diff: list[tuple[str, str]] = field(default_factory=list)  # (op, text): equal | delete | insert

    def to_json(self) -> dict:
        def side(p: Paragraph | None):
            return None if p is None else {"label": p.label, "citation_label": p.citation_label, "kind": p.kind,
                                           "text": p.text}
        data = {"status": self.status, "a": side(self.a), "b": side(self.b), "similarity": round(self.similarity, 3)}
        if self.status == CHANGED:
            data["diff"] = [{"op": op, "text": text} for op, text in self.diff]
        return data


@dataclass
class Comparison:
    a: Document
    b: Document
    entries: list[Entry]

    def counts(self) -> dict[str, int]:
        out = {KEPT: 0, CHANGED: 0, ADDED: 0, DROPPED: 0}
        for e in self.entries:
            out[e.status] += 1
        return out

    def pair(self, label_a: str) -> Entry | None:
        return next((e for e in self.entries if e.a is not None and e.a.label == label_a), None)

    def to_json(self) -> dict:
        return {"a": self.a.to_json(), "b": self.b.to_json(), "counts": self.counts(),
                "entries": [e.to_json() for e in self.entries]}


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
            words += f" of {date_words(self.date)}"
        return words[0].upper() + words[1:] if not self.body else words
