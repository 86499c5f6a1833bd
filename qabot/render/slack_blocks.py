"""An Answer as Slack messages (Block Kit): pure functions, no Slack client here.

One answer becomes one or more pages. Page 1 holds the lead and as many passages as fit; a "Show more"
button posts the next page. Each passage is a rich text quote, its highlight in bold, followed by its
citation linked to the document. What comes from the corpus (lead, quotes, chapeaux, citations, notes)
is rich text, which Slack shows character for character: mrkdwn would read "Argentina*, Armenia*" as
bold and has no escape for it. Slack's limits are kept: 3,000 characters per block of text, 50 blocks
per message; a page stays under PAGE_CHARS so messages stay readable. Pages are cut between passages;
a passage longer than one block is cut into consecutive quotes at clause (then word) boundaries, and
the pieces join back into the verbatim paragraph.

qabot's own lines are mrkdwn; what they repeat of a question is escaped (&, <, >), so a question with
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
WORD = "qabot_word"
POST = "qabot_post"
ACTIONS = (MORE, HELPFUL, NOT_HELPFUL, EXPORT, WORD, POST)


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


def plain_text(text: str, emoji: bool = True) -> dict:
    return {"type": "plain_text", "text": text, "emoji": emoji}


def cut(text: str, limit: int) -> str:
    """`text` within `limit` characters, cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip() + "\u2026"


# ---------------------------------------------------------------- rich text: shown as written
# Slack's mrkdwn has no escape for `*`, `_` and `~` (only &, < and > have entities), so "Argentina*,
# Armenia*" or "(a)_ii_" would turn into bold, italics or strike-through. Rich text blocks carry text as
# data: a text element is shown character for character, its bold or italics given by `style`, never
# read from the characters. So everything quoted from the corpus (lead, quotes, chapeaux, citations,
# notes) is rich text; mrkdwn is kept for qabot's own words.
def text_element(text: str, **style) -> dict:
    element = {"type": "text", "text": text}
    on = {k: True for k, v in style.items() if v}
    if on:
        element["style"] = on
    return element


def rich_text(*elements: dict) -> dict:
    return {"type": "rich_text", "elements": list(elements)}


def rich_section(*elements: dict) -> dict:
    return {"type": "rich_text_section", "elements": [e for e in elements if e.get("text", "x")]}


def rich_quote(*elements: dict) -> dict:
    return {"type": "rich_text_quote", "elements": [e for e in elements if e.get("text", "x")]}


def shown_text(node) -> str:
    """What a rich text block (or a list of blocks) shows: its text and link elements, in order."""
    if isinstance(node, list):
        return "".join(shown_text(n) for n in node)
    if not isinstance(node, dict):
        return ""
    if node.get("type") in ("text", "link"):
        return node.get("text") or node.get("url", "")
    return shown_text(node.get("elements", []))


# ---------------------------------------------------------------- one passage
_CLAUSE = re.compile(r"(?<=[;:,.])\s+")
_WORD = re.compile(r"(?<=\s)(?=\S)")


def _spans(text: str, boundary: re.Pattern, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [start] + [m.end() for m in boundary.finditer(text, start, end) if start < m.end() < end] + [end]
    return [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1) if cuts[i + 1] > cuts[i]]


def quote_spans(text: str, limit: int = SECTION_LIMIT) -> list[tuple[int, int]]:
    """The paragraph cut into consecutive spans of at most `limit` characters: between clauses where
    possible, else between words; inside a word only when a word alone is longer than a span."""
    if len(text) <= limit:
        return [(0, len(text))]
    pieces: list[tuple[int, int]] = []
    for a, b in _spans(text, _CLAUSE, 0, len(text)):
        if b - a <= limit:
            pieces.append((a, b))
            continue
        for c, d in _spans(text, _WORD, a, b):
            while d - c > limit:  # one enormous "word"
                pieces.append((c, c + limit))
                c += limit
            pieces.append((c, d))
    spans, current = [], None
    for a, b in pieces:
        if current is not None and b - current[0] <= limit:
            current = (current[0], b)
        else:
            if current is not None:
                spans.append(current)
            current = (a, b)
    spans.append(current)
    return spans


def _highlighted(text: str, start: int, end: int, hl: tuple[int, int] | None) -> list[dict]:
    """text[start:end] as text elements, the part inside the highlight bold."""
    if hl is None or hl[1] <= start or hl[0] >= end:
        return [text_element(text[start:end])]
    a, b = max(start, hl[0]), min(end, hl[1])
    return [text_element(text[start:a]), text_element(text[a:b], bold=True), text_element(text[b:end])]


def quote_blocks(text: str, highlight: str = "", context: str | None = None,
                 limit: int = SECTION_LIMIT) -> list[dict]:
    """The paragraph as one or more rich text quote blocks (each within `limit` characters), the
    highlight in bold, the chapeau it continues first in italics. Their text elements joined give back
    the paragraph character for character."""
    start_hl = text.find(highlight) if highlight and highlight.strip() else -1
    hl = (start_hl, start_hl + len(highlight)) if start_hl >= 0 else None
    blocks = [rich_text(rich_quote(*_highlighted(text, a, b, hl))) for a, b in quote_spans(text, limit)]
    if context:
        lead = [text_element(cut(context, limit - 200), italic=True), text_element(" \u2026\n")]
        first = blocks[0]["elements"][0]
        if len(shown_text(lead)) + len(shown_text(first)) <= limit:
            first["elements"] = lead + first["elements"]
        else:
            blocks.insert(0, rich_text(rich_quote(*lead)))
    return blocks


def citation_line(p: Passage) -> dict:
    """The citation, linked to the document when it has a symbol, as rich text (titles shown as written)."""
    label = cut(f"[{p.rank}] {p.citation}", CONTEXT_LIMIT)
    element = {"type": "link", "url": p.url, "text": label} if p.url else text_element(label)
    return rich_text(rich_section(element))


def passage_blocks(p: Passage) -> list[dict]:
    """Rich text quotes of the passage (its chapeau first, in italics), then its citation, then the
    footnotes it cites (a context line)."""
    blocks = quote_blocks(p.text, p.highlight, p.context) + [citation_line(p)]
    if p.footnotes:
        notes = "  ".join(f"{n.citation_label}: {n.text}" for n in p.footnotes)
        blocks.append({"type": "context", "elements": [plain_text(cut(notes, CONTEXT_LIMIT), emoji=False)]})
    return blocks


def _size(blocks: list[dict]) -> int:
    size = 0
    for b in blocks:
        if b["type"] == "section":
            size += len(b["text"]["text"])
        elif b["type"] == "rich_text":
            size += len(shown_text(b))
        else:
            size += sum(len(e.get("text", "")) for e in b.get("elements", []))
    return size


# ---------------------------------------------------------------- pages
def lead_blocks(answer: Answer, asked: str | None = None, scope: str | None = None) -> list[dict]:
    blocks = []
    if asked:  # a follow-up, as it was understood
        blocks.append({"type": "context", "elements": [mrkdwn("Asking: " + escape(cut(asked, CONTEXT_LIMIT - 20)))]})
    if scope:  # the collection the answer comes from
        blocks.append({"type": "context", "elements": [plain_text(cut(scope, CONTEXT_LIMIT), emoji=False)]})
    if answer.lead:  # (Slack refuses a rich text section with nothing in it)
        blocks.append(rich_text(rich_section(text_element(cut(answer.lead, SECTION_LIMIT - 10), bold=True))))
    return blocks


def paginate(answer: Answer, asked: str | None = None, scope: str | None = None) -> list[tuple[list[dict], int]]:
    """The answer's content blocks page by page (no buttons yet), each with the number of passages that
    start on it. Page 1 starts with the lead; pages are cut between passages, and inside a passage only
    when it alone exceeds a page."""
    head = lead_blocks(answer, asked, scope)
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
        for block in blocks:  # a passage larger than a page spills over, block by block
            page = pages[-1]
            if len(page) > len(head) and (len(page) + 1 > PAGE_BLOCKS or _size(page) + _size([block]) > PAGE_CHARS):
                pages.append([])
                counts.append(0)
            pages[-1].append(block)
    notes = [rich_text(rich_section(text_element("Note: " + cut(n, CONTEXT_LIMIT - 20), italic=True)))
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
        slim = {k: v for k, v in {**ref, **extra}.items() if k not in ("q", "d", "w")}
        value = json.dumps(slim, ensure_ascii=False, separators=(",", ":"))
    return value


def _button(text: str, action_id: str, value: str, style: str | None = None) -> dict:
    button = {"type": "button", "text": plain_text(text), "action_id": action_id, "value": value}
    if style:
        button["style"] = style
    return button


def actions_block(ref: dict, page: int, pages: int, remaining: int, first: bool, ephemeral: bool,
                  export: bool, word: bool = False) -> dict | None:
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
        if word:
            elements.append(_button("Word note", WORD, button_value(ref)))
    if not elements:
        return None
    return {"type": "actions", "block_id": f"qabot_{ref.get('id', 'answer')}_{page}", "elements": elements}


def fallback_text(answer: Answer, page: int = 0) -> str:
    """The plain text Slack shows in notifications (and to clients without blocks)."""
    if page:
        return cut(f"More passages for: {escape(answer.question)}", FALLBACK_LIMIT)
    parts = [answer.lead]
    if answer.passages:
        parts.append("\u2014 " + (answer.quoted or answer.passages)[0].citation)
    return cut(escape(" ".join(parts)), FALLBACK_LIMIT)


def answer_messages(answer: Answer, ref: dict, asked: str | None = None, ephemeral: bool = False,
                    export: bool = True, more: bool = True, word: bool = False,
                    scope: str | None = None) -> list[dict]:
    """Every page of the answer as a message: {"text": fallback, "blocks": [...]}.

    `ref` identifies the answer in button values ({"id": ..., "q": asked question, "d": context doc}).
    `ephemeral` adds "Post to channel" (for /ask); `export` the Markdown briefing-note button, `word`
    the Word one; `more=False` leaves out "Show more" (once it has been clicked); `scope` says which
    collection the answer comes from."""
    pages = paginate(answer, asked, scope)
    counts = [n for _, n in pages]
    messages = []
    for i, (blocks, _) in enumerate(pages):
        remaining = sum(counts[i + 1:])
        actions = actions_block(ref, i, len(pages) if more else i + 1, remaining, i == 0, ephemeral, export,
                                word)
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
