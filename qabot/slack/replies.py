"""Where a reply goes: a thread (or DM), a click's thread and its clicker, or a response URL."""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError

log = logging.getLogger("qabot.slack")


class ThreadReply:
    """Messages in a channel (or DM), in a thread when `thread_ts` is given. The first message sent with
    `placeholder=True` is replaced by the next one (the "Searching..." line by the answer)."""

    def __init__(self, client, channel: str, thread_ts: str | None):
        self.client = client
        self.channel = channel
        self.thread_ts = thread_ts
        self._placeholder: str | None = None

    def send(self, message: dict, placeholder: bool = False) -> str | None:
        if self._placeholder and not placeholder:
            ts, self._placeholder = self._placeholder, None
            try:
                self.client.chat_update(channel=self.channel, ts=ts, **message)
                return ts
            except SlackApiError as exc:
                log.warning("chat.update failed in %s (%s); posting instead", self.channel, slack_error(exc))
            try:
                return self._post(message)
            except SlackApiError:
                self._placeholder = ts  # what is said next (the failure line) may still replace it
                raise
        ts = self._post(message)
        if placeholder:
            self._placeholder = ts
        return ts

    def _post(self, message: dict) -> str | None:
        response = self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts, unfurl_links=False,
                                                unfurl_media=False, **message)
        return response.get("ts")

    def private(self, message: dict) -> None:
        self.send(message)


class ButtonReply(ThreadReply):
    """A click on a message in a conversation: what is for everyone goes in the message's thread, what
    is for the one who clicked (thanks, refusals) through the action's response_url."""

    def __init__(self, client, channel: str, thread_ts: str | None, respond):
        super().__init__(client, channel, thread_ts)
        self.respond = respond

    def private(self, message: dict) -> None:
        self.respond(response_type="ephemeral", replace_original=False, **message)


class ResponseUrlReply:
    """Messages only the asker sees, through a slash command's or a button's response_url."""

    def __init__(self, respond, replace: bool = True, client=None):
        self.respond = respond
        self.replace = replace
        self.client = client  # the Web API, for what a response URL cannot do (a DM's scope, a file)

    def send(self, message: dict, placeholder: bool = False) -> None:
        self.respond(response_type="ephemeral", replace_original=self.replace, **message)

    def private(self, message: dict) -> None:
        self.respond(response_type="ephemeral", replace_original=False, **message)


def slack_error(exc: SlackApiError) -> str:
    try:
        return str(exc.response.get("error") or exc.response.status_code)
    except Exception:  # a response without a body
        return type(exc).__name__
