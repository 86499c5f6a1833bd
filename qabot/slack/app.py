"""The bolt App: a WebClient pointed at SLACK_API_URL, the retry guard, the listeners, the Bot.

`create_app` checks the bot token with Slack (auth.test) before anything is served: a token Slack
refuses is one sentence naming SLACK_BOT_TOKEN."""

from __future__ import annotations

import logging
import re

from ..errors import ConfigError
from .answering import Bot
from .settings import SlackSettings

log = logging.getLogger("qabot.slack")


def _note_markdown():
    """The briefing-note renderer behind the Export button (qabot.brief), when this qabot has it."""
    try:
        from ..render.note_markdown import answers_note as note_markdown
    except ImportError:
        return None
    return note_markdown


def create_app(service, slack: SlackSettings, feedback=None, per_minute: int | None = None,
               workers: int | None = None, store=None, scopes=None):
    """(bolt App, Bot) answering from `service` (a pipeline.Service); `store` (threads.ThreadStore) keeps
    thread memory and questions across restarts, `scopes` (scopes.Scopes) maps channels to collections."""
    from slack_bolt import App, BoltResponse
    from slack_bolt.error import BoltError
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    from .listeners import register

    settings = service.settings
    bot = Bot(service, feedback,
              per_minute=settings.slack_questions_per_minute if per_minute is None else per_minute,
              workers=workers or settings.slack_workers, note_markdown=_note_markdown(), store=store,
              scopes=scopes)
    client = WebClient(token=slack.bot_token, base_url=slack.api_url, timeout=15)
    bolt_log = logging.getLogger("qabot.slack.bolt")
    if not any(isinstance(f, _SameToken) for f in bolt_log.filters):
        bolt_log.addFilter(_SameToken())
    try:
        app = App(client=client, signing_secret=slack.signing_secret or "", request_verification_enabled=slack.http,
                  logger=bolt_log, name="qabot")
    except (BoltError, SlackApiError) as exc:
        bot.close()
        raise ConfigError(f"Slack refused SLACK_BOT_TOKEN ({_reason(exc)}); check the bot token of the app "
                          "(OAuth & Permissions > Bot User OAuth Token).") from None
    except OSError as exc:
        bot.close()
        raise ConfigError(f"Slack's Web API cannot be reached at {slack.api_url} (SLACK_API_URL): "
                          f"{getattr(exc, 'reason', None) or exc}.") from None

    @app.middleware
    def answer_each_event_once(body, next, request):
        event_id = body.get("event_id") if isinstance(body, dict) else None
        if event_id and not bot.seen.first_time(event_id):
            retry = request.headers.get("x-slack-retry-num", ["?"])[0]
            log.info("event %s already received; retry %s ignored", event_id, retry)
            return BoltResponse(status=200, body="")
        return next()

    @app.error
    def on_error(error, body, logger):
        kind = body.get("type") if isinstance(body, dict) else None
        log.error("could not handle a %s request: %s: %s", kind or "malformed", type(error).__name__, error)

    register(app, bot)
    return app, bot


class _SameToken(logging.Filter):
    """bolt reads SLACK_BOT_TOKEN itself and warns that the client's token wins: it is the same one."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


def _reason(exc) -> str:
    response = getattr(exc, "response", None)
    if response is not None:
        try:
            return str(response.get("error"))
        except Exception:
            pass
    found = re.search(r"""['"]error['"]:\s*['"]([\w.-]+)['"]""", str(exc))
    return found.group(1) if found else type(exc).__name__
