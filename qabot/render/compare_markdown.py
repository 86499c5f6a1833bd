"""`qabot compare` as Markdown: a summary, then a list with each paragraph's status and labels; a changed
paragraph's diff shows deletions struck through (~~...~~) and insertions in bold."""

from __future__ import annotations

from ..citations import document_label
from ..records import ADDED, CHANGED, DROPPED, Comparison
from .note_markdown import escape


def markdown(comparison: Comparison, changes_only: bool = False) -> str:
    counts = comparison.counts()
    lines = [f"**A:** {escape(document_label(comparison.a))}  ", f"**B:** {escape(document_label(comparison.b))}",
             "", escape(", ".join(f"{n} {status}" for status, n in counts.items())), ""]
    for e in comparison.entries:
        if changes_only and e.status == "kept":
            continue
        left = escape(e.a.citation_label) if e.a else "\u2014"
        right = escape(e.b.citation_label) if e.b else "\u2014"
        line = f"- **{e.status}** {left} \u2192 {right}"
        if e.status == CHANGED:
            line += ": " + "".join(_mark(op, text) for op, text in e.diff)
        elif e.status == ADDED:
            line += ": " + escape(e.b.text)
        elif e.status == DROPPED:
            line += ": " + escape(e.a.text)
        lines.append(line)
    return "\n".join(lines).rstrip() + "\n"


def _mark(op: str, text: str) -> str:
    if op == "equal":
        return escape(text)
    core = text.strip()
    if not core:
        return text if op == "insert" else ""
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    mark = "~~" if op == "delete" else "**"
    return f"{lead}{mark}{escape(core)}{mark}{trail}"
