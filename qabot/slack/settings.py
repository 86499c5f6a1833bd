"""The bot's settings, from the environment only (secrets never come from files or flags):

    SLACK_BOT_TOKEN       xoxb-...  always
    SLACK_APP_TOKEN       xapp-...  Socket Mode (the default)
    SLACK_SIGNING_SECRET            HTTP mode (`--http`): every request's signature is checked with it
    SLACK_API_URL                   optional: another base URL for the Web API (tests, on-premise proxies)

Missing or malformed values are one sentence naming the variable, before anything starts. Tokens are
never part of a message, a repr or a log line."""

from __future__ import annotations

import os
import re
import urllib.parse
from dataclasses import dataclass, field

from ..errors import ConfigError

DEFAULT_API_URL = "https://slack.com/api/"
_TOKEN = re.compile(r"^[A-Za-z0-9-]+$")


@dataclass(frozen=True)
class SlackSettings:
    bot_token: str = field(repr=False)
    app_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL
    http: bool = False

    def secrets(self) -> list[str]:
        return [s for s in (self.bot_token, self.app_token, self.signing_secret) if s]


def _token(env, name: str, prefix: str, what: str) -> str:
    value = (env.get(name) or "").strip()
    if not value:
        raise ConfigError(f"{name} is not set; set it to the app's {what} ({prefix}...).")
    if not value.startswith(prefix) or not _TOKEN.match(value) or len(value) < len(prefix) + 8:
        raise ConfigError(f"{name} does not look like a {what}: it should start with {prefix} "
                          "and hold only letters, digits and dashes.")
    return value


def load(http: bool, env=None) -> SlackSettings:
    env = os.environ if env is None else env
    bot = _token(env, "SLACK_BOT_TOKEN", "xoxb-", "bot token")
    app = secret = None
    if http:
        secret = (env.get("SLACK_SIGNING_SECRET") or "").strip()
        if not secret:
            raise ConfigError("SLACK_SIGNING_SECRET is not set; HTTP mode checks every request with it "
                              "(Basic Information > App Credentials > Signing Secret).")
        if not re.fullmatch(r"[0-9A-Za-z]{16,}", secret):
            raise ConfigError("SLACK_SIGNING_SECRET does not look like a signing secret "
                              "(letters and digits, at least 16 of them).")
    else:
        app = _token(env, "SLACK_APP_TOKEN", "xapp-", "app-level token for Socket Mode")
    api_url = (env.get("SLACK_API_URL") or "").strip() or DEFAULT_API_URL
    parts = urllib.parse.urlsplit(api_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"SLACK_API_URL must be an http(s) URL such as {DEFAULT_API_URL}, not {api_url!r}.")
    if not api_url.endswith("/"):
        api_url += "/"
    return SlackSettings(bot_token=bot, app_token=app, signing_secret=secret, api_url=api_url, http=http)
