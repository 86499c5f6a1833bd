"""Follow-up questions: what a question means after the ones before it.

Used by `qabot chat` and by Slack threads. A follow-up borrows from the previous question what it
leaves out:

- "and in 2004?" after "which regional workshops were held in 2003?" asks the same about 2004;
- "and 57/224?" or "what about the Commission's resolution?" asks the same of another document;
- "and paragraph 9?" asks for a paragraph of the document the previous answer quoted first;
- "what does the next paragraph say?" / "the previous one?" moves from the passage quoted first.

The question that is actually asked is shown to the user, so nothing is guessed silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..labels import label_words
from ..search.query import understand

_FOLLOW = re.compile(r"^\s*(?:and|what about|how about|and what about|same for|also|ok,? and|then)\b[\s,]*", re.I)
_NEXT = re.compile(r"\b(next|following|previous|preceding)\s+(?:one|paragraph|sub-?paragraph|para)\b", re.I)


@dataclass
class Turn:
    question: str  # as typed
    asked: str  # what was asked once the conversation was taken into account
    doc_id: str | None = None  # the document the answer quoted first
    paragraph_seq: int | None = None  # ... and its paragraph
    paragraph_doc: str | None = None


@dataclass
class Resolved:
    question: str  # what to ask
    context_doc: str | None = None  # a document to read "paragraph 9" in
    follow_up: bool = False


@dataclass
class Conversation:
    turns: list[Turn] = field(default_factory=list)

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
        now = understand(text)
        before = understand(last.asked)
        if now.paragraph is not None and not (now.symbols or now.numbers or now.refers_to_document):
            return Resolved(text, context_doc=last.doc_id, follow_up=True)
        elliptical = bool(_FOLLOW.match(text)) or len(now.terms) <= 2
        if not elliptical:
            return Resolved(text)
        rest = _FOLLOW.sub("", text).strip(" ?.!")
        asked = last.asked
        changed = False
        if now.years and before.years:
            for old, new in zip(before.years, now.years):
                asked = re.sub(rf"(?<!\d){old}(?!\d)", str(new), asked)
            changed = True
        names_now = now.symbols + now.numbers
        names_before = before.symbols + before.numbers
        if names_now and names_before:
            asked = asked.replace(names_before[0], names_now[0])
            changed = True
        if not changed:
            asked = f"{asked.rstrip(' ?.!')} {rest}".strip() + "?"
        return Resolved(asked, follow_up=True)

    def record(self, question: str, asked: str, answer) -> None:
        first = answer.passages[0] if answer.passages else None
        self.turns.append(Turn(question, asked, first.document.id if first else None,
                               first.paragraph.seq if first else None, first.document.id if first else None))


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
