"""An Answer as Slack messages (Block Kit): pure functions, no Slack client here.

One answer becomes one or more pages. Page 1 holds the lead and as many passages as fit; a "Show more"
button posts the next page. Each passage is a quote (mrkdwn `>`), its highlight in bold, followed by its
citation linked to the document. Slack's limits are kept: 3,000 characters per section text, 50 blocks
per message; a page stays under PAGE_CHARS so messages stay readable. Pages are cut between passages;
a passage longer than one section is cut into consecutive sections at clause (then word) boundaries,
and the pieces join back into the verbatim paragraph.

Everything taken from the corpus or the question is escaped for mrkdwn (&, <, >), so a question with
`<!channel>` or `<https://evil.example|click>` shows those characters and never becomes a mention or a
link. Text objects carry `verbatim: true`, so Slack does not turn bare names or URLs into links either.
"""

from __future__ import annotations

import json
import re
import urllib.parse

from ..records import Answer, Passage

SECTION_LIMIT = 3000  # Slack: a section's text
BLOCK_LIMIT = 50  # Slack: blocks in one message
CONTEXT_LIMIT = 2000  # Slack: one context element's text (we stay under it)
VALUE_LIMIT = 2000  # Slack: a button's value
FALLBACK_LIMIT = 3000  # the plain `text` shown in notifications
PAGE_CHARS = 6000  # what one message shows at most before "Show more"
PAGE_BLOCKS = 46  # leaves room for the note and the buttons

# action ids: the Slack app's listeners match these
MORE = "qabot_more"
HELPFUL = "qabot_feedback_helpful"
NOT_HELPFUL = "qabot_feedback_not_helpful"
EXPORT = "qabot_export"
POST = "qabot_post"
ACTIONS = (MORE, HELPFUL, NOT_HELPFUL, EXPORT, POST)


# ---------------------------------------------------------------- escaping
def escape(text: str) -> str:
    """Slack's three control characters as entities; everything else is left as typed or printed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def link(url: str, label: str) -> str:
    """A mrkdwn link whose URL cannot close the link early and whose label cannot open another."""
    safe_url = urllib.parse.quote(url, safe=":/?#[]@!$&'()*+,;=%~")
    return f"<{escape(safe_url)}|{escape(label)}>"


def mrkdwn(text: str) -> dict:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def plain_text(text: str) -> dict:
    return {"type": "plain_text", "text": text, "emoji": True}


def cut(text: str, limit: int) -> str:
    """`text` within `limit` characters, cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip() + "\u2026"


# ---------------------------------------------------------------- one passage
_CLAUSE = re.compile(r"(?<=[;:,.])\s+")
_WORD = re.compile(r"(?<=\s)(?=\S)")


def _spans(text: str, boundary: re.Pattern, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [start] + [m.end() for m in boundary.finditer(text, start, end) if start < m.end() < end] + [end]
    return [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1) if cuts[i + 1] > cuts[i]]


def _bold_piece(text: str) -> str:
    """`*text*`, with surrounding spaces kept outside the markers (Slack needs them touching text)."""
    core = text.strip()
    if not core:
        return escape(text)
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{escape(lead)}*{escape(core)}*{escape(trail)}"


def _render(text: str, start: int, end: int, hl: tuple[int, int] | None) -> str:
    """text[start:end] as quoted mrkdwn, the part inside the highlight in bold."""
    if hl is None or hl[1] <= start or hl[0] >= end:
        body = escape(text[start:end])
    else:
        a, b = max(start, hl[0]), min(end, hl[1])
        body = escape(text[start:a]) + _bold_piece(text[a:b]) + escape(text[b:end])
    return "\n".join("> " + line for line in body.split("\n"))


def quote_sections(text: str, highlight: str = "", limit: int = SECTION_LIMIT) -> list[str]:
    """The paragraph as one or more quoted mrkdwn texts, each within `limit` characters.
    Cut between clauses where possible, else between words; never inside a word unless a word alone
    is longer than a section."""
    start_hl = text.find(highlight) if highlight and highlight.strip() else -1
    hl = (start_hl, start_hl + len(highlight)) if start_hl >= 0 else None
    if len(_render(text, 0, len(text), hl)) <= limit:
        return [_render(text, 0, len(text), hl)]
    pieces: list[tuple[int, int]] = []
    for a, b in _spans(text, _CLAUSE, 0, len(text)):
        if len(_render(text, a, b, hl)) <= limit:
            pieces.append((a, b))
            continue
        for c, d in _spans(text, _WORD, a, b):
            while len(_render(text, c, d, hl)) > limit:  # one enormous "word": cut it by its escaped size
                step = limit // 3
                while step > 1 and len(_render(text, c, c + step, hl)) > limit:
                    step //= 2
                pieces.append((c, c + step))
                c += step
            pieces.append((c, d))
    sections, current = [], None
    for a, b in pieces:
        if current is not None and len(_render(text, current[0], b, hl)) <= limit:
            current = (current[0], b)
        else:
            if current is not None:
                sections.append(current)
            current = (a, b)
    sections.append(current)
    return [_render(text, a, b, hl) for a, b in sections]


def citation_line(p: Passage) -> str:
    label = f"[{p.rank}] {p.citation}"
    return link(p.url, label) if p.url else escape(label)


def passage_blocks(p: Passage) -> list[dict]:
    """Sections quoting the passage (its chapeau first, in italics), then its citation."""
    sections = quote_sections(p.text, p.highlight)
    if p.context:
        room = SECTION_LIMIT - 200
        chapeau = "_" + escape(cut(p.context, room)) + "_ \u2026"
        while len(chapeau) > SECTION_LIMIT and room > 100:  # "&", "<", ">" grow when escaped
            room = room * 2 // 3
            chapeau = "_" + escape(cut(p.context, room)) + "_ \u2026"
        if len(chapeau) + 1 + len(sections[0]) <= SECTION_LIMIT:
            sections[0] = chapeau + "\n" + sections[0]
        else:
            sections.insert(0, chapeau)
    blocks = [{"type": "section", "text": mrkdwn(s)} for s in sections]
    blocks.append({"type": "context", "elements": [mrkdwn(cut(citation_line(p), CONTEXT_LIMIT))]})
    return blocks


def _size(blocks: list[dict]) -> int:
    return sum(len(b["text"]["text"]) if b["type"] == "section" else
               sum(len(e.get("text", "")) for e in b.get("elements", [])) for b in blocks)


# ---------------------------------------------------------------- pages
def lead_blocks(answer: Answer, asked: str | None = None) -> list[dict]:
    blocks = []
    if asked:  # a follow-up, as it was understood
        blocks.append({"type": "context", "elements": [mrkdwn("Asking: " + escape(cut(asked, CONTEXT_LIMIT - 20)))]})
    blocks.append({"type": "section", "text": mrkdwn("*" + escape(cut(answer.lead, SECTION_LIMIT - 10)) + "*")})
    return blocks


def paginate(answer: Answer, asked: str | None = None) -> list[tuple[list[dict], int]]:
    """The answer's content blocks page by page (no buttons yet), each with the number of passages that
    start on it. Page 1 starts with the lead; pages are cut between passages, and inside a passage only
    when it alone exceeds a page."""
    head = lead_blocks(answer, asked)
    pages: list[list[dict]] = [list(head)]
    counts = [0]
    for p in answer.passages:
        blocks = passage_blocks(p)
        page = pages[-1]
        fits = len(page) + len(blocks) <= PAGE_BLOCKS and _size(page) + _size(blocks) <= PAGE_CHARS
        if not fits and counts[-1]:
            pages.append([])
            counts.append(0)
        counts[-1] += 1
        for block in blocks:  # a passage larger than a page spills over, section by section
            page = pages[-1]
            if len(page) > len(head) and (len(page) + 1 > PAGE_BLOCKS or _size(page) + _size([block]) > PAGE_CHARS):
                pages.append([])
                counts.append(0)
            pages[-1].append(block)
    notes = [{"type": "context", "elements": [mrkdwn("_Note: " + escape(cut(n, CONTEXT_LIMIT - 20)) + "_")]}
             for n in answer.notes[:3]]
    if notes:
        if len(pages[-1]) + len(notes) > PAGE_BLOCKS:
            pages.append([])
            counts.append(0)
        pages[-1].extend(notes)
    return list(zip(pages, counts))


def button_value(ref: dict, **extra) -> str:
    """A button's value: the answer's reference (id, and what to ask again if the answer is no longer
    remembered), within Slack's 2,000 characters."""
    value = json.dumps({**ref, **extra}, ensure_ascii=False, separators=(",", ":"))
    if len(value) > VALUE_LIMIT:
        slim = {k: v for k, v in {**ref, **extra}.items() if k not in ("q", "d")}
        value = json.dumps(slim, ensure_ascii=False, separators=(",", ":"))
    return value


def _button(text: str, action_id: str, value: str, style: str | None = None) -> dict:
    button = {"type": "button", "text": plain_text(text), "action_id": action_id, "value": value}
    if style:
        button["style"] = style
    return button


def actions_block(ref: dict, page: int, pages: int, remaining: int, first: bool, ephemeral: bool,
                  export: bool) -> dict | None:
    elements = []
    if page + 1 < pages:
        label = f"Show more ({remaining} more passage{'s' if remaining != 1 else ''})" if remaining else "Show more"
        elements.append(_button(label, MORE, button_value(ref, p=page + 1), "primary"))
    if first:
        if ephemeral:
            elements.append(_button("Post to channel", POST, button_value(ref)))
        elements.append(_button("\U0001F44D Helpful", HELPFUL, button_value(ref)))
        elements.append(_button("\U0001F44E Not helpful", NOT_HELPFUL, button_value(ref)))
        if export:
            elements.append(_button("Export", EXPORT, button_value(ref)))
    if not elements:
        return None
    return {"type": "actions", "block_id": f"qabot_{ref.get('id', 'answer')}_{page}", "elements": elements}


def fallback_text(answer: Answer, page: int = 0) -> str:
    """The plain text Slack shows in notifications (and to clients without blocks)."""
    if page:
        return cut(f"More passages for: {escape(answer.question)}", FALLBACK_LIMIT)
    parts = [answer.lead]
    if answer.passages:
        parts.append("\u2014 " + answer.passages[0].citation)
    return cut(escape(" ".join(parts)), FALLBACK_LIMIT)


def answer_messages(answer: Answer, ref: dict, asked: str | None = None, ephemeral: bool = False,
                    export: bool = True, more: bool = True) -> list[dict]:
    """Every page of the answer as a message: {"text": fallback, "blocks": [...]}.

    `ref` identifies the answer in button values ({"id": ..., "q": asked question, "d": context doc}).
    `ephemeral` adds "Post to channel" (for /ask); `export` the briefing-note button; `more=False`
    leaves out "Show more" (once it has been clicked)."""
    pages = paginate(answer, asked)
    counts = [n for _, n in pages]
    messages = []
    for i, (blocks, _) in enumerate(pages):
        remaining = sum(counts[i + 1:])
        actions = actions_block(ref, i, len(pages) if more else i + 1, remaining, i == 0, ephemeral, export)
        blocks = blocks + ([actions] if actions else [])
        assert len(blocks) <= BLOCK_LIMIT
        messages.append({"text": fallback_text(answer, i), "blocks": blocks})
    return messages


def notice(text: str) -> dict:
    """One line from qabot (a refusal, an apology, a thank-you) as a message."""
    return {"text": cut(text, FALLBACK_LIMIT), "blocks": [{"type": "section", "text": mrkdwn(cut(text, SECTION_LIMIT))}]}


def _prefix_within(line: str, budget: int) -> str:
    """The longest start of `line` whose escaped form fits in `budget` characters."""
    size = 0
    for i, c in enumerate(line):
        size += len(escape(c))
        if size > budget:
            return line[:max(i, 1)]
    return line


def code_messages(text: str, limit: int = 3900) -> list[str]:
    """Text to be copied as it is (a briefing note's Markdown) as one or more code-block messages,
    cut between lines (a line longer than a message is cut too). The characters Slack parses are
    escaped; Slack shows them as typed."""
    budget = limit - 8  # the fences
    chunks, current = [], ""
    for line in text.splitlines(keepends=True):
        while len(escape(line)) > budget:
            if current:
                chunks.append(current)
                current = ""
            head = _prefix_within(line, budget)
            chunks.append(head)
            line = line[len(head):]
        if current and len(escape(current + line)) > budget:
            chunks.append(current)
            current = ""
        current += line
    if current or not chunks:
        chunks.append(current)
    return ["```\n" + escape(c.rstrip("\n")) + "\n```" for c in chunks]
