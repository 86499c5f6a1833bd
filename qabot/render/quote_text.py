"""Paragraphs quoted by hand (`qabot quote`) as plain text: the chapeau, the paragraph whole in quotation
marks, then "— citation", the notes it cites and the link."""

from __future__ import annotations

from ..records import Quote


def plain(quotes: list[Quote]) -> str:
    """Each paragraph on one line, unwrapped, so that what is copied is the paragraph itself."""
    lines: list[str] = []
    for q in quotes:
        if q.context:
            lines += [q.context, "..."]
        lines.append(f"\u201c{q.text}\u201d")
        lines.append(f"\u2014 {q.citation}")
        lines += [f"  {n.citation_label}: {n.text}" for n in q.footnotes]
        if q.url:
            lines.append(f"  {q.url}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
