"""Follow-up questions: what a question means after the ones before it.

Used by `qabot chat` and by Slack threads. A follow-up borrows from the previous question what it
leaves out:

- "and in 2004?" after "which regional workshops were held in 2003?" asks the same about 2004;
- "and the twelfth?" after "where was the eleventh workshop held?" asks the same of the twelfth;
- "and 57/224?" or "what about the Commission's resolution?" asks the same of another document;
- "and paragraph 9?" asks for a paragraph of the document the previous answer quoted first;
- "what does the next paragraph say?" / "the previous one?" moves from the passage quoted first;
- "which resolution was that?" asks for the title and symbol of the document the last answer quoted;
- "and what about the Commission?" asks the same of another body's text (the body, or the document the
  question named, is replaced; nothing is glued onto the question).

A conversation is plain data (`to_json`/`from_json`), so a Slack thread's memory can be kept on disk.

The question that is actually asked is shown to the user, so nothing is guessed silently.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from ..labels import label_words, ordinal_number, ordinal_word
from ..search.query import BODY_NAMES, understand

WHICH_DOCUMENT = "What is the title and symbol of this document?"
_FOLLOW = re.compile(r"^\s*(?:and|what about|how about|and what about|same for|also|ok,? and|then)\b[\s,]*", re.I)
# "which resolution was that?", "what document is this from?", "what's its symbol?"
_WHICH_DOCUMENT = re.compile(r"^\s*(?:and\s+)?(?:which|what)(?:'s| is| was)?\s+(?:(?:resolution|document|text|draft|one)\s+"
                             r"(?:was|is|were)\s+(?:that|it|this|those)(?:\s+(?:from|in))?|(?:its|the)\s+(?:symbol|title|"
                             r"name|number))\s*\??\s*$|^\s*(?:where|which resolution)\s+(?:is|was)\s+(?:that|it|this)\s+"
                             r"from\s*\??\s*$", re.I)
_BODY_WORDS = {"General Assembly": "the General Assembly", "Commission on Human Rights": "the Commission on Human Rights",
               "Human Rights Council": "the Human Rights Council", "Economic and Social Council":
               "the Economic and Social Council", "Security Council": "the Security Council"}
_POSSESSIVE = {"General Assembly": "the Assembly\u2019s", "Commission on Human Rights": "the Commission\u2019s",
               "Human Rights Council": "the Council\u2019s"}
_QUESTION_START = re.compile(r"^(?:who|whom|whose|what|when|where|which|why|how|is|are|was|were|did|does|do|can|"
                             r"could|has|have|had)\b", re.I)
# words that only name a text or the body that adopted it ("the Commission's one", "the 2004 text")
_NAMING_WORDS = {"general", "assembly", "commission", "council", "security", "economic", "social", "human", "rights",
                 "ga", "chr", "hrc", "ecosoc", "resolution", "resolutions", "text", "texts", "document", "documents",
                 "draft", "drafts", "one", "ones", "res", "version", "later", "earlier", "older", "newer", "other"}
_NEXT = re.compile(r"\b(next|following|previous|preceding)\s+(?:one|paragraph|sub-?paragraph|para)\b", re.I)


@dataclass
class Turn:
    question: str  # as typed
    asked: str  # what was asked once the conversation was taken into account
    doc_id: str | None = None  # the document the answer quoted first
    paragraph_seq: int | None = None  # ... and its paragraph
    paragraph_doc: str | None = None
    label: str | None = None  # the label of the paragraph quoted first ("8 (c)")
    document: str | None = None  # how that document is named (its symbol, else its title)
    # asked about a subject (not "which resolution was that?", "and paragraph 9?"): what a later "and what
    # about the twelfth one?" asks the same of
    topical: bool = True

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Turn:
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Resolved:
    question: str  # what to ask
    context_doc: str | None = None  # a document to read "paragraph 9" in, or to ask about
    follow_up: bool = False


MAX_TURNS = 20  # what a conversation remembers: the last turns only


@dataclass
class Conversation:
    turns: list[Turn] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"turns": [t.to_json() for t in self.turns]}

    @classmethod
    def from_json(cls, data: dict) -> Conversation:
        return cls([Turn.from_json(t) for t in data.get("turns", [])])

    def resolve(self, question: str, neighbour=None) -> Resolved:
        """`neighbour(doc_id, seq, step)` returns the label text of the paragraph `step` away, or None."""
        text = " ".join(question.split())
        if not self.turns:
            return Resolved(text)
        last = self.turns[-1]
        move = _NEXT.search(text)
        if move and last.paragraph_doc is not None and neighbour is not None:
            step = 1 if move.group(1).lower() in ("next", "following") else -1
            reference = neighbour(last.paragraph_doc, last.paragraph_seq, step)
            if reference:
                return Resolved(f"What does {reference} say?", context_doc=last.paragraph_doc, follow_up=True)
        if _WHICH_DOCUMENT.search(text) and last.doc_id is not None:
            return Resolved(WHICH_DOCUMENT, context_doc=last.doc_id, follow_up=True)
        now = understand(text)
        last = next((t for t in reversed(self.turns) if t.topical), last)  # the subject asked about last
        before = understand(last.asked)
        if now.paragraph is not None and not (now.symbols or now.numbers or now.refers_to_document):
            return Resolved(text, context_doc=last.doc_id, follow_up=True)
        elliptical = bool(_FOLLOW.match(text)) or len(now.terms) <= 2
        if not elliptical:
            return Resolved(text)
        rest = text
        while _FOLLOW.match(rest):  # "and what about ...": every opening word of a follow-up
            rest = _FOLLOW.sub("", rest, count=1)
        rest = rest.strip(" ?.!")
        bare = re.fullmatch(r"(when|where|who|why|how)", rest, re.I)
        opening = re.match(r"(?:when|where|who|why|how)\b(?=\s+(?:is|are|was|were|did|does|do|will|has|have|had)\b)",
                           last.asked, re.I)
        if bare and opening:  # "and when?" after "where was the eleventh workshop held?": the same, asked when
            return Resolved(bare.group(1).capitalize() + last.asked[opening.end():].rstrip(" ?.!") + "?",
                            follow_up=True)
        if _FOLLOW.match(text) and not _QUESTION_START.match(rest) and _own_subject(understand(rest)):
            # "and what about the Commission's next session?": a subject of its own, asked in place of the
            # previous one (in the same frame, of the same text), never glued onto the previous question
            about = list(re.finditer(r"\babout\b", last.asked, re.I))
            asked = (f"{last.asked[:about[-1].end()]} {rest}?" if about
                     else f"What do the texts say about {rest}?")
            return Resolved(asked, follow_up=True)
        asked = last.asked
        changed = False
        if now.years and before.years:
            for old, new in zip(before.years, now.years):
                asked = re.sub(rf"(?<!\d){old}(?!\d)", str(new), asked)
            changed = True
        if now.ordinals and before.ordinals:  # "and the twelfth?" after "where was the eleventh workshop held?"
            for old, new in zip(before.ordinals, now.ordinals):
                asked = re.sub(_ordinal_pattern(old), ordinal_word(new), asked, flags=re.I)
            changed = True
        names_now = now.symbols + now.numbers
        names_before = before.symbols + before.numbers
        if names_now and names_before:
            asked = asked.replace(names_before[0], names_now[0])
            changed = True
        elif now.bodies and not names_now and set(now.bodies) != set(before.bodies):
            asked, changed = _other_body(asked, before, now.bodies[0]), True
        if not changed:
            asked = f"{asked.rstrip(' ?.!')} {rest}".strip() + "?"
        return Resolved(asked, follow_up=True)

    def record(self, question: str, asked: str, answer) -> None:
        first = (answer.quoted or answer.passages or [None])[0]
        topical = asked != WHICH_DOCUMENT and understand(asked).paragraph is None
        self.turns.append(Turn(question, asked, first.document.id if first else None,
                               first.paragraph.seq if first else None, first.document.id if first else None,
                               first.paragraph.label if first else None,
                               (first.document.symbol or first.document.title) if first else None, topical))
        del self.turns[:-MAX_TURNS]


def _ordinal_pattern(ordinal: str) -> str:
    """"eleventh" as a question may write it: "eleventh", "11th"."""
    word = ordinal_word(ordinal)
    number = ordinal_number(word)
    figure = rf"|{number}(?:st|nd|rd|th)" if number else ""
    return rf"\b(?:{re.escape(word)}{figure})\b"


def _own_subject(query) -> list[str]:
    """The words of a follow-up that are neither a document's name, a body, a year nor "the ... one"."""
    names = {w for n in query.symbols + query.numbers for w in re.findall(r"[^\W_]+", n.lower())}
    return [t for t in query.terms if not t.isdigit() and t not in _NAMING_WORDS and t not in names
            and t not in query.ordinals]


def _other_body(asked: str, before, body: str) -> str:
    """The same question of another body's text: its body named instead of the one asked about, or of
    the document it named; else asked of that body."""
    words = _BODY_WORDS.get(body, f"the {body}")
    for name in before.symbols + before.numbers:
        pattern = rf"(?:\b(?:resolution|res\.?|draft|document)\s+)?{re.escape(name)}"
        if re.search(pattern, asked, re.I):
            return re.sub(pattern, f"{_POSSESSIVE.get(body, words + chr(0x2019) + 's')} resolution", asked, count=1,
                          flags=re.I)
    for patterns in BODY_NAMES.values():
        for p in patterns:
            m = re.search(rf"(?:\bthe\s+)?{p}", asked, re.I)
            if m:
                possessive = m.group(0).lower().endswith(("'s", "\u2019s"))
                return asked[:m.start()] + words + ("\u2019s" if possessive else "") + asked[m.end():]
    return f"{asked.rstrip(' ?.!')}, according to {words}?"


def neighbour_reference(store, documents):
    """A `neighbour` for Conversation.resolve, reading paragraphs from a store."""

    def neighbour(doc_id: str, seq: int, step: int) -> str | None:
        paragraphs = [p for p in store.paragraphs(doc_id) if p.kind != "footnote"]
        index = next((i for i, p in enumerate(paragraphs) if p.seq == seq), None)
        if index is None or not 0 <= index + step < len(paragraphs):
            return None
        p = paragraphs[index + step]
        return label_words(p.kind, p.label, bool(p.parent))

    return neighbour
