"""The Slack bot: `qabot slack` (Socket Mode, or `--http` for the Events API) and `qabot feedback`."""

from __future__ import annotations

import signal

import click

from .. import config
from .base import index_option

LOG_LEVELS = click.Choice(["debug", "info", "warning", "error"], case_sensitive=False)


@click.command()
@index_option
@click.option("--http", "http", is_flag=True, help="Serve the Events API and /ask over HTTP (needs SLACK_SIGNING_SECRET) "
              "instead of Socket Mode (SLACK_APP_TOKEN); GET /healthz says what is served.")
@click.option("--port", type=click.IntRange(0, 65535), default=3000, show_default=True,
              help="HTTP port (with --http; 0 picks a free one).")
@click.option("--host", default="0.0.0.0", show_default=True, help="HTTP address to listen on (with --http).")
@click.option("--log-level", type=LOG_LEVELS, default="info", show_default=True,
              help="Log level on stderr; tokens are never logged, at any level.")
@click.option("--grace", type=click.FloatRange(0), default=60.0, show_default=True,
              help="On SIGTERM, seconds to finish the answers already acknowledged before exiting.")
def slack(index, http, port, host, log_level, grace):
    """Run the Slack bot: mentions, thread follow-ups, DMs, /ask and the Home tab, answered with quoted,
    cited passages.

    Settings come from the environment: SLACK_BOT_TOKEN, and SLACK_APP_TOKEN (Socket Mode) or
    SLACK_SIGNING_SECRET (--http); SLACK_API_URL points the Web API client elsewhere (tests, proxies).
    SIGTERM stops taking events and finishes the answers in flight (within --grace seconds)."""
    import logging

    from ..pipeline import Service
    from ..slack import logs
    from ..slack.app import create_app
    from ..store.feedback import FeedbackStore
    from ..slack.scopes import load as load_scopes
    from ..slack.serve import HttpServer, socket_mode_handler
    from ..slack.settings import load as load_slack
    from ..slack.threads import ThreadStore

    slack_settings = load_slack(http)  # before anything starts: one sentence naming a bad variable
    logs.configure(log_level, slack_settings.secrets())
    log = logging.getLogger("qabot.slack")
    settings = config.load(index=index)
    scopes = load_scopes(settings)
    service = Service(settings)  # the index, model and query encoder, loaded once
    store = ThreadStore(settings.index, settings.slack_keep_days)
    app, bot = create_app(service, slack_settings, FeedbackStore(settings.index), store=store, scopes=scopes)
    signal.signal(signal.SIGTERM, _stop)
    from ..slack.wording import EXAMPLE

    service.ask(EXAMPLE)  # one question at start, so the first person's is as warm as the rest
    searcher = service.searcher()
    served = f"{settings.index} ({service.generation}, {searcher.paragraph_count} paragraphs)"
    if scopes.configured:
        log.info("scopes from %s: %d scopes, %d channels", scopes.path, len(scopes.scopes), len(scopes.channels))
    listener = None
    try:
        if http:
            listener = HttpServer(app, host=host, port=port, bot=bot)
            log.info("qabot slack: serving %s on http://%s:%s/slack/events", served, host, listener.port)
            listener.run()
        else:
            listener = socket_mode_handler(app, slack_settings.app_token)
            log.info("qabot slack: serving %s over Socket Mode", served)
            listener.start()
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # already stopping: a second signal changes nothing
        _shut(log, listener, bot, grace)
        store.close()


def _stop(*_):
    """SIGTERM (a service manager stopping the bot): leave cleanly, exit code 0."""
    raise SystemExit(0)


def _shut(log, listener, bot, grace: float) -> None:
    """No new events (the listener closes: Slack retries them, to the next instance), then the answers
    already acknowledged are finished."""
    from ..slack.serve import HttpServer

    if listener is not None:
        try:
            if isinstance(listener, HttpServer):
                listener.stop()
            else:
                listener.close()
        except Exception as exc:  # closing what is half closed: the stop goes on
            log.warning("while closing the listener: %s", type(exc).__name__)
    log.info("qabot slack: stopping: no longer taking events; answers in flight: %d", bot.in_flight)
    left = bot.drain(grace)
    if left:
        log.warning("qabot slack: stopped with %d answers unfinished after %.0fs", left, grace)
    else:
        log.info("qabot slack: stopped; every answer acknowledged was delivered")


@click.command()
@index_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True)
@click.option("--verdict", type=click.Choice(["helpful", "not_helpful"]), default=None, help="Only these.")
@click.option("-n", "--limit", type=click.IntRange(1), default=None, help="Only the newest N.")
def feedback(index, fmt, verdict, limit):
    """List what people said about answers in Slack (helpful / not helpful), newest first."""
    import json

    from ..store.feedback import FEEDBACK_FILE, FeedbackStore

    settings = config.load(index=index)
    if not (settings.index / FEEDBACK_FILE).is_file():
        entries = []
    else:
        store = FeedbackStore(settings.index)
        entries = store.entries(verdict=verdict, limit=limit)
        store.close()
    if fmt == "json":
        click.echo(json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2))
        return
    if fmt == "jsonl":
        for e in entries:
            click.echo(json.dumps(e.to_json(), ensure_ascii=False))
        return
    if not entries:
        click.echo(f"No feedback yet in {settings.index}.")
        return
    helpful = sum(e.verdict == "helpful" for e in entries)
    click.echo(f"{len(entries)} verdicts: {helpful} helpful, {len(entries) - helpful} not helpful")
    for e in entries:
        first = (e.answer.get("passages") or [{}])[0].get("citation") or "no passage"
        mark = "+" if e.verdict == "helpful" else "-"
        click.echo(f"{mark} {e.at}  {e.user}  {e.question}")
        click.echo(f"    {'found' if e.found else 'not found'}; first passage: {first}")
