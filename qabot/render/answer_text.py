"""An Answer for people at a terminal (rich: the highlight in bold) or in a pipe (plain text)."""

from __future__ import annotations

import textwrap

from ..records import Answer


def plain(answer: Answer, width: int = 100) -> str:
    lines = [answer.lead, ""]
    for p in answer.passages:
        lines.append(f"[{p.rank}] {p.citation}")
        if p.url:
            lines.append(f"    {p.url}")
        if p.context:
            lines.extend(textwrap.wrap(p.context, width, initial_indent="    ", subsequent_indent="    "))
            lines.append("    ...")
        lines.extend(textwrap.wrap(f"\u201c{p.text}\u201d", width, initial_indent="    ", subsequent_indent="     "))
        for n in p.footnotes:
            lines.extend(textwrap.wrap(f"{n.citation_label}: {n.text}", width, initial_indent="      ",
                                       subsequent_indent="      "))
        lines.append("")
    for note in answer.notes:
        lines.append(f"Note: {note}")
    return "\n".join(lines).rstrip() + "\n"


def rich_renderables(answer: Answer):
    from rich.markup import escape
    from rich.padding import Padding
    from rich.text import Text

    out = [Text(answer.lead, style="bold" if answer.found else "bold yellow"), Text("")]
    for p in answer.passages:
        head = Text(f"[{p.rank}] ", style="dim")
        head.append(p.citation, style="cyan")
        if p.url:
            head.append("  ")
            head.append(p.url, style=f"link {p.url} dim underline")
        out.append(head)
        if p.context:
            out.append(Padding(Text(p.context + " ...", style="dim"), (0, 0, 0, 4)))
        body = Text("\u201c")
        start = p.text.find(p.highlight) if p.highlight else -1
        if start >= 0:
            body.append(p.text[:start])
            body.append(p.text[start:start + len(p.highlight)], style="bold")
            body.append(p.text[start + len(p.highlight):])
        else:
            body.append(p.text)
        body.append("\u201d")
        out.append(Padding(body, (0, 0, 0 if p.footnotes else 1, 4)))
        for i, n in enumerate(p.footnotes):
            out.append(Padding(Text(f"{n.citation_label}: {n.text}", style="dim"),
                               (0, 0, 1 if i == len(p.footnotes) - 1 else 0, 6)))
    for note in answer.notes:
        out.append(Text("Note: " + escape(note), style="dim"))
    return out
