"""What a person typed, from Slack's markup: `<@U123>` mentions, `<#C1|general>` channels,
`<!channel>`, `<https://example.org|label>` links and the &amp; &lt; &gt; entities become plain text.
The bot's own mention is dropped; everything else stays, shown as the person saw it."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"<([^<>]*)>")


def _plain(inner: str, bot_user_id: str | None) -> str:
    target, _, label = inner.partition("|")
    if target.startswith("@"):
        if bot_user_id and target[1:] == bot_user_id:
            return ""
        return "@" + (label or target[1:])
    if target.startswith("#"):
        return "#" + (label or target[1:])
    if target.startswith("!"):
        name = target[1:]
        if name.startswith("subteam^"):
            return label or "@group"
        if name.startswith("date^"):
            return label
        return "@" + name.split("^")[0]
    if target.startswith("mailto:"):
        return label or target[len("mailto:"):]
    if label and label != target:
        return f"{label} ({target})"
    return target


def plain(text: str | None, bot_user_id: str | None = None) -> str:
    """Slack message text as the person saw it, minus the mention of the bot."""
    if not text:
        return ""
    out = _MARKUP.sub(lambda m: _plain(m.group(1), bot_user_id), text)
    out = out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(out.split())


def mentions(text: str | None, user_id: str | None) -> bool:
    return bool(text and user_id and re.search(rf"<@{re.escape(user_id)}(\|[^>]*)?>", text))
