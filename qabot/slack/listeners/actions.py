"""Buttons on answers: Show more, Post to channel, Helpful / Not helpful, Export (Markdown), Word note.
Each click is acknowledged at once; the work happens on the bot's workers. A forgotten answer is asked
again in the scope of where the button was clicked."""

from __future__ import annotations

import json
import logging

from ...render import slack_blocks as blocks
from .. import notes
from ..answering import ButtonReply, ResponseUrlReply

log = logging.getLogger("qabot.slack")


def _ref(action: dict) -> dict:
    try:
        ref = json.loads(action.get("value") or "{}")
    except ValueError:
        return {}
    return ref if isinstance(ref, dict) else {}


def _click(body: dict, client, respond):
    """(reply, ephemeral?, channel, message ts) for the clicked message."""
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
    ephemeral = bool(container.get("is_ephemeral")) or not body.get("message")
    if ephemeral:
        return ResponseUrlReply(respond, replace=False), True, channel, None
    message = body["message"]
    thread = message.get("thread_ts") or message.get("ts")
    return ButtonReply(client, channel, thread, respond), False, channel, message.get("ts")


def _user(body: dict) -> str:
    return (body.get("user") or {}).get("id", "")


def register(app, bot) -> None:
    @app.action(blocks.MORE)
    def on_more(ack, body, action, client, respond):
        ack()
        reply, ephemeral, channel, ts = _click(body, client, respond)
        ref = _ref(action)
        origin = (client, channel, ts) if ts else None
        page = str(ref.get("p") or 0)
        bot.button(bot.show_more, reply, ref, int(page) if page.isdigit() else 0, ephemeral, origin,
                   where=(channel, _user(body), client))

    @app.action(blocks.POST)
    def on_post(ack, body, action, client, respond):
        ack()
        reply, _, channel, _ = _click(body, client, respond)
        bot.button(bot.post_to_channel, ResponseUrlReply(respond, replace=False), _ref(action), client, channel,
                   _user(body), where=(channel, _user(body), client))

    def feedback(verdict: str):
        def on_feedback(ack, body, action, client, respond):
            ack()
            reply, _, channel, _ = _click(body, client, respond)
            bot.button(bot.record_feedback, reply, _ref(action), _user(body), verdict, channel,
                       where=(channel, _user(body), client))

        return on_feedback

    app.action(blocks.HELPFUL)(feedback("helpful"))
    app.action(blocks.NOT_HELPFUL)(feedback("not_helpful"))

    @app.action(blocks.EXPORT)
    def on_export(ack, body, action, client, respond):
        ack()
        reply, _, channel, _ = _click(body, client, respond)
        bot.button(bot.export, reply, _ref(action), where=(channel, _user(body), client))

    @app.action(blocks.WORD)
    def on_word(ack, body, action, client, respond):
        ack()
        reply, _, channel, _ = _click(body, client, respond)
        where = (channel, _user(body), client)

        def word_note(remembered, reply):
            notes.word_note(bot, remembered, reply, client, _user(body), where)

        bot.button(word_note, reply, _ref(action), where=where)
