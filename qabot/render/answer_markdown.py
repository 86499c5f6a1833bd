"""An Answer as Markdown, for pasting into a briefing note: each passage a block quote, whole and
verbatim, its highlight in bold, its citation and link after a dash."""

from __future__ import annotations

from ..records import Answer

_ESCAPE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def escape(text: str) -> str:
    return text.translate(_ESCAPE)


def quote_with_highlight(text: str, highlight: str) -> str:
    start = text.find(highlight) if highlight else -1
    if start < 0 or not highlight.strip():
        return escape(text)
    end = start + len(highlight)
    return escape(text[:start]) + "**" + escape(text[start:end]) + "**" + escape(text[end:])


def markdown(answer: Answer) -> str:
    lines = [f"**{escape(answer.lead)}**", ""]
    for p in answer.passages:
        if p.context:
            lines += [f"> *{escape(p.context)}* \u2026", ">"]
        lines.append("> " + quote_with_highlight(p.text, p.highlight))
        link = f" <{p.url}>" if p.url else ""
        lines += [">", f"> \u2014 {escape(p.citation)}{link}"]
        lines += [f">  {escape(n.citation_label)}: {escape(n.text)}" for n in p.footnotes] + [""]
    for note in answer.notes:
        lines += [f"*Note: {escape(note)}*", ""]
    return "\n".join(lines).rstrip() + "\n"
