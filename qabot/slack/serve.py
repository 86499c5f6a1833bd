"""Running the app: Socket Mode (slack_bolt.adapter.socket_mode, no public URL) or HTTP, the Events API
and slash commands at /slack/events served by waitress through bolt's WSGI adapter, and a health check
at GET /healthz (the generation served, the model, uptime, answers in flight) for a load balancer or
an orchestrator. Stopping: the listener closes first (Slack retries what it cannot deliver, to the next
instance), then the answers already acknowledged are finished (Bot.drain)."""

from __future__ import annotations

import json
import logging
import threading
import time

log = logging.getLogger("qabot.slack")

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


def health(bot) -> dict:
    """What GET /healthz answers: ok, and what is served."""
    service = bot.service
    searcher = service.searcher()
    return {"ok": True, "generation": searcher.generation, "model": searcher.manifest.model,
            "encoder": searcher.manifest.encoder, "documents": len(searcher.documents),
            "paragraphs": searcher.paragraph_count, "uptime_s": round(time.time() - bot.started, 1),
            "in_flight": bot.in_flight, "refused": service.refused[0] if service.refused else None}


class _Routes:
    """GET /healthz answered here; everything else goes to bolt."""

    def __init__(self, events, health_of=None):
        self.events = events
        self.health_of = health_of

    def __call__(self, environ, start_response):
        if self.health_of is not None and environ.get("PATH_INFO") == HEALTH_PATH:
            try:
                data, status = self.health_of(), "200 OK"
            except Exception as exc:  # the index cannot be served: unhealthy, said in one line
                data, status = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}, "503 Service Unavailable"
            body = json.dumps(data).encode("utf-8")
            start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body))),
                                    ("Cache-Control", "no-store")])
            return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]
        return self.events(environ, start_response)


class _Guarded:
    """A request bolt cannot even read (a body that is not JSON or a form) is a 400 and one log line,
    not a traceback and a 500."""

    def __init__(self, handler):
        self.handler = handler

    def __call__(self, environ, start_response):
        try:
            return self.handler(environ, start_response)
        except Exception as exc:
            log.warning("rejected an unreadable request to %s (%s)", environ.get("PATH_INFO"), type(exc).__name__)
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"bad request"]


class HttpServer:
    """bolt's WSGI handler on waitress, and /healthz when given the `bot`; `port=0` picks a free port
    (see `.port`)."""

    def __init__(self, app, host: str = "0.0.0.0", port: int = 3000, threads: int = 8, bot=None):
        from slack_bolt.adapter.wsgi import SlackRequestHandler
        from waitress import create_server

        routes = _Routes(_Guarded(SlackRequestHandler(app, path=EVENTS_PATH)),
                         (lambda: health(bot)) if bot is not None else None)
        self._server = create_server(routes, host=host, port=port, threads=threads, ident="qabot",
                                     clear_untrusted_proxy_headers=True)
        self.host = host
        self._thread: threading.Thread | None = None
        self._stopping = False

    @property
    def port(self) -> int:
        return int(self._server.effective_port)

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}{EVENTS_PATH}"

    def run(self) -> None:
        """Serve until stopped (blocks)."""
        try:
            self._server.run()
        except (OSError, ValueError):
            # stop() closed the listening socket under the serving loop's select(): that is the stop
            if not self._stopping:
                raise

    def start(self) -> "HttpServer":
        """Serve on a background thread."""
        self._thread = threading.Thread(target=self.run, name="qabot-http", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping = True
        self._server.close()
        self._server.task_dispatcher.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=10)


def socket_mode_handler(app, app_token: str):
    """A Socket Mode handler on the app's own WebClient (so SLACK_API_URL applies to
    apps.connections.open too). `.connect()` starts it in the background, `.start()` blocks."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    return SocketModeHandler(app, app_token, logger=logging.getLogger("qabot.slack.socket"))
