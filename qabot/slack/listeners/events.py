"""Events: a mention in a channel (answered in its thread), a message in a thread where qabot has
answered (a follow-up, also after a restart: threads.sqlite), a direct message (answered in the DM),
the Home tab opened (published afresh). Messages from bots, qabot included, edits, deletions and joins
are ignored. Events are acknowledged by bolt before these run."""

from __future__ import annotations

import logging

from .. import home
from ..answering import Question, ThreadReply
from ..text import mentions, plain

log = logging.getLogger("qabot.slack")

ANSWERED_SUBTYPES = (None, "thread_broadcast", "file_share")


def _person(event: dict) -> bool:
    """A message a person typed (not a bot's, not an edit, a join, a deletion...)."""
    return (isinstance(event, dict) and not event.get("bot_id") and not event.get("bot_profile")
            and event.get("subtype") in ANSWERED_SUBTYPES and isinstance(event.get("user"), str))


def _where(event: dict) -> tuple[str | None, str | None]:
    channel = event.get("channel")
    ts = event.get("ts")
    return (channel if isinstance(channel, str) and channel else None,
            ts if isinstance(ts, str) and ts else None)


def _text(event: dict, bot_user_id: str | None) -> str:
    text = event.get("text")
    return plain(text if isinstance(text, str) else "", bot_user_id)


def register(app, bot) -> None:
    @app.event("app_mention")
    def on_mention(event, client, context):
        channel, ts = _where(event)
        if not _person(event) or channel is None or ts is None:
            log.warning("ignored an app_mention without a person, channel or ts")
            return
        if channel.startswith("D") or event.get("channel_type") == "im":
            return  # a mention inside a DM: the message itself is answered as a DM
        thread = event.get("thread_ts") or ts
        bot.question(ThreadReply(client, channel, thread),
                     Question(event["user"], _text(event, context.bot_user_id), channel, thread, "mention"))

    @app.event("message")
    def on_message(event, client, context):
        channel, ts = _where(event)
        if not _person(event) or channel is None or ts is None:
            return
        if event.get("channel_type") == "im":
            thread = event.get("thread_ts")
            bot.question(ThreadReply(client, channel, thread),
                         Question(event["user"], _text(event, context.bot_user_id), channel, thread or "im", "dm"))
            return
        thread = event.get("thread_ts")
        if not thread or thread == ts or mentions(event.get("text"), context.bot_user_id):
            return  # not a thread reply, or a mention (answered as app_mention)
        if bot.threads.knows(channel, thread):
            bot.question(ThreadReply(client, channel, thread),
                         Question(event["user"], _text(event, context.bot_user_id), channel, thread, "thread"))

    @app.event("app_home_opened")
    def on_home(event, client):
        if not isinstance(event, dict) or event.get("tab", "home") != "home":
            return  # the Messages tab, or nothing readable
        user = event.get("user")
        if not isinstance(user, str) or not user:
            return
        bot.submit(home.publish, bot, client, user)
