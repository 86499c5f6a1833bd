"""A running bot for tests: the real bolt app (qabot.slack.app.create_app) served over HTTP on
127.0.0.1 by waitress, talking to the local Slack-compatible Web API (tests/slack_api.py)."""

from __future__ import annotations

import json

from tests.slack_api import (SlackAPI, block_actions, buttons, event_callback, new_ts, post_signed,
                             slash_command)

BOT_TOKEN = "xoxb-1111111111-2222222222-qabotTESTtokenSECRET"
APP_TOKEN = "xapp-1-A0QABOT-3333333333-qabotAPPtokenSECRET"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


class RunningBot:
    def __init__(self, service, feedback=None, per_minute: int = 0, http: bool = True, store=None, scopes=None):
        from qabot.slack.app import create_app
        from qabot.slack.serve import HttpServer
        from qabot.slack.settings import load

        self.api = SlackAPI(bot_token=BOT_TOKEN, app_token=APP_TOKEN).start()
        env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": self.api.api_url}
        env.update({"SLACK_SIGNING_SECRET": SIGNING_SECRET} if http else {"SLACK_APP_TOKEN": APP_TOKEN})
        self.settings = load(http, env)
        self.app, self.bot = create_app(service, self.settings, feedback, per_minute=per_minute, store=store,
                                        scopes=scopes)
        self.server = HttpServer(self.app, host="127.0.0.1", port=0, bot=self.bot).start() if http else None

    @property
    def url(self) -> str:
        return self.server.url

    def close(self) -> None:
        if self.server:
            self.server.stop()
        self.bot.close()
        self.api.stop()

    # ------------------------------------------------------------ as Slack would
    def event(self, event: dict, event_id: str | None = None, retry_num: int | None = None, secret=SIGNING_SECRET):
        return post_signed(self.url, secret, event_callback(event, event_id), retry_num=retry_num)

    def home_opened(self, user: str = "U0ALICE"):
        event = {"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": "home",
                 "event_ts": new_ts()}
        return self.event(event)

    def command(self, text: str, user: str = "U0ALICE", channel: str = "C0CHANNEL"):
        return post_signed(self.url, SIGNING_SECRET,
                           slash_command(text, self.api.response_url(), user=user, channel=channel), form=True)

    def click(self, call, action_id: str, user: str = "U0ALICE", thread_ts: str | None = None,
              ephemeral: bool = False):
        """Click a button of a message the bot posted (`call`: the recorded chat.update / postMessage)."""
        button = buttons(call)[action_id]
        channel = call.params.get("channel", "C0CHANNEL")
        ts = call.params.get("ts") or "1700000001.000100"
        payload = block_actions(button, self.api.response_url(), channel=channel, user=user, message_ts=ts,
                                thread_ts=thread_ts or call.params.get("thread_ts"), ephemeral=ephemeral)
        return post_signed(self.url, SIGNING_SECRET, {"payload": json.dumps(payload)}, form=True)
