"""`qabot compare` as plain text: a summary line, then one entry per paragraph with its labels on both
sides; a changed paragraph shows its word diff as [-deleted-]{+inserted+}, an added or dropped one its text."""

from __future__ import annotations

from ..citations import document_label
from ..records import ADDED, CHANGED, DROPPED, Comparison, Entry


def heading(comparison: Comparison) -> list[str]:
    counts = comparison.counts()
    return [f"A: {document_label(comparison.a)}", f"B: {document_label(comparison.b)}",
            ", ".join(f"{n} {status}" for status, n in counts.items())]


def plain(comparison: Comparison, changes_only: bool = False) -> str:
    lines = heading(comparison) + [""]
    width = max([len(e.a.citation_label) for e in comparison.entries if e.a] + [6])
    for e in comparison.entries:
        if changes_only and e.status == "kept":
            continue
        left = e.a.citation_label if e.a else "-"
        right = e.b.citation_label if e.b else "-"
        lines.append(f"{e.status:<8} {left:<{width}}  {right}")
        body = _body(e)
        if body:
            lines.append("    " + body)
    return "\n".join(lines).rstrip() + "\n"


def _body(e: Entry) -> str | None:
    if e.status == CHANGED:
        return "".join(text if op == "equal" else f"[-{text}-]" if op == "delete" else f"{{+{text}+}}"
                       for op, text in e.diff)
    if e.status == ADDED:
        return e.b.text
    if e.status == DROPPED:
        return e.a.text
    return None
