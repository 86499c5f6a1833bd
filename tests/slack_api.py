"""A Slack-compatible Web API server on 127.0.0.1 for tests and benchmarks, and helpers to talk to a bot
the way Slack does (signed requests, event / command / action payloads).

    with SlackAPI(bot_token="xoxb-test", app_token="xapp-test") as api:
        env = {"SLACK_API_URL": api.api_url, ...}         # point the bot's WebClient here
        ...
        posts = api.wait_for("chat.postMessage", 1)       # block until the bot has posted once

It binds port 0 (a free port), answers the Web API methods the bot uses (`auth.test`, `chat.postMessage`,
`chat.update`, `chat.postEphemeral`, `chat.delete`, `apps.connections.open`, `users.conversations`,
`conversations.open`, `views.publish`, and the two-step file upload: `files.getUploadURLExternal`, a POST
of the bytes to the URL it returned, `files.completeUploadExternal`; the retired `files.upload` answers
`method_deprecated`), records every call, serves response URLs (`api.response_url(...)`), and runs a
Socket Mode WebSocket server to which `apps.connections.open` points. Everything is thread-safe: many
bot threads may call it at once while a test waits. Failures can be injected per method
(`api.fail("chat.postMessage", "channel_not_found")`), and delays (`api.delay("chat.postMessage", 2.0)`:
the call is recorded when it arrives, answered after the delay). `api.members` says who is in which
channel (for users.conversations); `api.uploads` holds the bytes uploaded, by file id.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOT_USER_ID = "UQABOT"
BOT_ID = "BQABOT"
TEAM_ID = "T0QABOT"
APP_ID = "A0QABOT"


@dataclass
class Call:
    """One request the bot made: a Web API method, or a post to a response URL (method "response_url")."""

    method: str
    params: dict
    token: str | None
    path: str
    at: float = field(default_factory=time.monotonic)
    response: dict | None = None  # what the server answered

    @property
    def blocks(self) -> list:
        blocks = self.params.get("blocks") or []
        return json.loads(blocks) if isinstance(blocks, str) else blocks

    @property
    def text(self) -> str:
        return self.params.get("text") or ""

    def all_text(self) -> str:
        """Everything Slack would render or parse in this call: its text and every text object in its
        blocks (not button values, which Slack never shows)."""
        found = [self.text]

        def walk(node):
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "text" and isinstance(value, str):
                        found.append(value)
                    elif key != "value":
                        walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(self.blocks)
        return "\n".join(found)


    def parsed_text(self) -> str:
        """What Slack reads as markup in this call (so where a mention or a link could come alive): its
        `text` and its mrkdwn text objects. Rich text elements and plain_text are shown as they are."""
        found = [self.text]

        def walk(node):
            if isinstance(node, dict):
                if node.get("type") == "mrkdwn" and isinstance(node.get("text"), str):
                    found.append(node["text"])
                for key, value in node.items():
                    if key != "value":
                        walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(self.blocks)
        return "\n".join(found)

    def rich(self, kind: str) -> list[str]:
        """The text shown by each rich text element of `kind` ("rich_text_quote", "rich_text_section"),
        in order: its text and link elements joined, exactly as Slack shows them."""
        found = []

        def shown(node) -> str:
            if isinstance(node, list):
                return "".join(shown(n) for n in node)
            if node.get("type") in ("text", "link"):
                return node.get("text") or node.get("url", "")
            return shown(node.get("elements", []))

        for block in self.blocks:
            if block.get("type") == "rich_text":
                found += [shown(e) for e in block.get("elements", []) if e.get("type") == kind]
        return found

    def links(self) -> list[tuple[str, str]]:
        """(url, text) of the rich text links."""
        return [(e["url"], e.get("text", "")) for b in self.blocks if b.get("type") == "rich_text"
                for part in b.get("elements", []) for e in part.get("elements", []) if e.get("type") == "link"]


class SlackAPI:
    def __init__(self, bot_token: str = "xoxb-test-token", app_token: str | None = "xapp-test-token",
                 socket_mode: bool = True):
        self.bot_token = bot_token
        self.app_token = app_token
        self._calls: list[Call] = []
        self._cond = threading.Condition()
        self._failures: dict[str, list[str]] = {}
        self._ts = itertools.count(1)
        self._delays: dict[str, float] = {}
        self._files = itertools.count(1)
        self.members: dict[str, list[str]] = {}  # user -> channels they are in
        self.uploads: dict[str, bytes] = {}  # file id -> the bytes POSTed to its upload URL
        self._pending: dict[str, dict] = {}  # file id -> what files.getUploadURLExternal was told
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._http.daemon_threads = True
        self._threads: list[threading.Thread] = []
        self.socket = SocketModeServer(self) if socket_mode else None

    # ------------------------------------------------------------ lifecycle
    def start(self) -> "SlackAPI":
        thread = threading.Thread(target=self._http.serve_forever, name="slack-api", daemon=True)
        thread.start()
        self._threads.append(thread)
        if self.socket:
            self.socket.start()
        return self

    def stop(self) -> None:
        if self.socket:
            self.socket.stop()
        self._http.shutdown()
        self._http.server_close()

    def __enter__(self) -> "SlackAPI":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        host, port = self._http.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        """What SLACK_API_URL should be (the base URL of the Web API, ending with /api/)."""
        return self.url + "/api/"

    def response_url(self, name: str | None = None) -> str:
        """A response URL as Slack puts in slash commands and actions; posts to it are recorded."""
        return f"{self.url}/response/{name or uuid.uuid4().hex}"

    # ------------------------------------------------------------ what the bot did
    def calls(self, method: str | None = None, where=None) -> list[Call]:
        with self._cond:
            return [c for c in self._calls if (method is None or c.method == method) and (where is None or where(c))]

    def posts(self) -> list[Call]:
        """Everything the bot said: messages posted, updated, ephemeral, and posts to response URLs."""
        said = ("chat.postMessage", "chat.update", "chat.postEphemeral", "response_url")
        return self.calls(where=lambda c: c.method in said)

    def wait_for(self, method: str | None, count: int = 1, timeout: float = 60.0, where=None) -> list[Call]:
        """Block until at least `count` calls of `method` (None: any of `posts()`) matching `where` are
        recorded; return them. Raises AssertionError on timeout, with what was recorded."""
        said = ("chat.postMessage", "chat.update", "chat.postEphemeral", "response_url")

        def matching():
            return [c for c in self._calls if (c.method == method if method else c.method in said)
                    and (where is None or where(c))]

        deadline = time.monotonic() + timeout
        with self._cond:
            while len(matching()) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.text[:80]) for c in self._calls]
                    raise AssertionError(f"waited {timeout}s for {count} x {method or 'posts'}; got {seen}")
                self._cond.wait(left)
            return matching()

    def quiet(self, seconds: float = 1.0) -> None:
        """Wait until no call has arrived for `seconds` (to show that nothing more is coming)."""
        while True:
            with self._cond:
                last = self._calls[-1].at if self._calls else 0.0
            idle = time.monotonic() - last
            if idle >= seconds:
                return
            time.sleep(seconds - idle)

    def clear(self) -> None:
        with self._cond:
            self._calls.clear()

    def fail(self, method: str, error: str = "internal_error", times: int = 1, where=None) -> None:
        """The next `times` calls of `method` (whose params match `where`, if given) answer
        {"ok": false, "error": error}."""
        with self._cond:
            self._failures.setdefault(method, []).extend([(error, where)] * times)

    def delay(self, method: str, seconds: float) -> None:
        """Answer every later call of `method` after `seconds` (it is recorded on arrival)."""
        with self._cond:
            self._delays[method] = seconds

    def delay_of(self, method: str) -> float:
        with self._cond:
            return self._delays.get(method, 0.0)

    # ------------------------------------------------------------ answering the bot
    def _record(self, call: Call) -> None:
        with self._cond:
            self._calls.append(call)
            self._cond.notify_all()

    def _next_ts(self) -> str:
        return f"{1_700_000_000 + next(self._ts)}.000100"

    def _answer(self, method: str, params: dict, token: str | None) -> dict:
        error = None
        with self._cond:
            failures = self._failures.get(method) or []
            for i, (failure, where) in enumerate(failures):
                if where is None or where(params):
                    error = failure
                    del failures[i]
                    break
        if error:
            return {"ok": False, "error": error}
        if method == "apps.connections.open":
            if not self.app_token or token != self.app_token or not self.socket:
                return {"ok": False, "error": "invalid_auth"}
            return {"ok": True, "url": self.socket.url}
        if token != self.bot_token:
            return {"ok": False, "error": "invalid_auth"}
        if method == "auth.test":
            return {"ok": True, "url": "https://qabot-test.slack.com/", "team": "qabot test", "user": "qabot",
                    "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "is_enterprise_install": False}
        channel = params.get("channel")
        if method == "chat.postMessage":
            ts = self._next_ts()
            message = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts,
                       "text": params.get("text", ""), "thread_ts": params.get("thread_ts")}
            return {"ok": True, "channel": channel, "ts": ts, "message": message}
        if method == "chat.update":
            return {"ok": True, "channel": channel, "ts": params.get("ts"), "text": params.get("text", "")}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._next_ts()}
        if method == "chat.delete":
            return {"ok": True, "channel": channel, "ts": params.get("ts")}
        return self._answer_more(method, params)

    def _answer_more(self, method: str, params: dict) -> dict:
        if method == "users.conversations":
            user = params.get("user")
            channels = [{"id": c, "is_member": True} for c in self.members.get(user, [])]
            return {"ok": True, "channels": channels, "response_metadata": {"next_cursor": ""}}
        if method == "conversations.open":
            users = params.get("users") or ""
            return {"ok": True, "channel": {"id": "D" + users.lstrip("U")[:10].upper(), "is_im": True}}
        if method == "views.publish":
            return {"ok": True, "view": {"id": "V0HOME", "type": "home"}}
        if method == "files.upload":
            return {"ok": False, "error": "method_deprecated"}
        if method == "files.getUploadURLExternal":
            return self._upload_url(params)
        if method == "files.completeUploadExternal":
            return self._complete_upload(params)
        return {"ok": True}

    def _upload_url(self, params: dict) -> dict:
        name, length = params.get("filename"), params.get("length")
        if not name or not str(length or "").isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"F{next(self._files):08d}"
        with self._cond:
            self._pending[file_id] = {"filename": name, "length": int(length)}
        return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    def _complete_upload(self, params: dict) -> dict:
        try:
            files = json.loads(params.get("files") or "[]")
        except ValueError:
            return {"ok": False, "error": "invalid_arguments"}
        done = []
        for f in files:
            with self._cond:
                pending, data = self._pending.get(f.get("id")), self.uploads.get(f.get("id"))
            if pending is None or data is None or len(data) != pending["length"]:
                return {"ok": False, "error": "file_not_found"}  # never announced, or its bytes never came
            if pending["filename"].endswith(".docx") and not _is_word(data):
                return {"ok": False, "error": "invalid_file_type"}  # named .docx, but not a Word document
            done.append({"id": f["id"], "name": pending["filename"], "title": f.get("title") or pending["filename"],
                         "size": len(data), "permalink": f"https://qabot-test.slack.com/files/{f['id']}"})
        return {"ok": True, "files": done}


def _is_word(data: bytes) -> bool:
    """A .docx: a zip holding word/document.xml."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _handler(api: SlackAPI):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet
            pass

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw_bytes = self.rfile.read(length)
            raw = raw_bytes.decode("utf-8", errors="replace")
            kind = self.headers.get("Content-Type", "")
            if "json" in kind:
                params = json.loads(raw or "{}")
            else:
                params = {k: v[-1] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}
            auth = self.headers.get("Authorization", "")
            token = auth[7:] if auth.startswith("Bearer ") else params.get("token")
            path = urllib.parse.urlsplit(self.path).path
            if path.startswith("/upload/"):  # the bytes of a file, to the URL files.getUploadURLExternal gave
                file_id = path[len("/upload/"):]
                with api._cond:
                    known = file_id in api._pending
                    if known:
                        api.uploads[file_id] = raw_bytes
                api._record(Call("upload", {"file_id": file_id, "bytes": len(raw_bytes)}, token, path))
                self._send(200 if known else 404, b"OK - " + str(len(raw_bytes)).encode(), "text/plain")
                return
            if path.startswith("/response/"):
                api._record(Call("response_url", params, token, path))
                self._send(200, b"ok", "text/plain")
                return
            if not path.startswith("/api/"):
                self._send(404, b"not found", "text/plain")
                return
            method = path[len("/api/"):]
            call = Call(method, params, token, path)
            call.response = api._answer(method, params, token)
            api._record(call)
            delay = api.delay_of(method)
            if delay:
                time.sleep(delay)
            self._send(200, json.dumps(call.response).encode(), "application/json")

        do_GET = do_POST

        def _send(self, status: int, body: bytes, kind: str):
            self.send_response(status)
            self.send_header("Content-Type", kind + "; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


class SocketModeServer:
    """The WebSocket end of Socket Mode: sends envelopes to the connected bot, records its acks."""

    def __init__(self, api: SlackAPI):
        from websockets.sync.server import serve

        self.api = api
        self._server = serve(self._serve, "127.0.0.1", 0, compression=None)
        self._cond = threading.Condition()
        self._connections: list = []
        self._acks: dict[str, dict] = {}
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.socket.getsockname()[:2]
        return f"ws://{host}:{port}/link/?ticket={uuid.uuid4().hex}&app_id={APP_ID}"

    def start(self) -> None:
        self._thread = threading.Thread(target=self._server.serve_forever, name="slack-socket", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()

    def _serve(self, connection) -> None:
        connection.send(json.dumps({"type": "hello", "num_connections": 1,
                                    "connection_info": {"app_id": APP_ID}, "debug_info": {"host": "local"}}))
        with self._cond:
            self._connections.append(connection)
            self._cond.notify_all()
        try:
            for message in connection:
                data = json.loads(message)
                if "envelope_id" in data:
                    with self._cond:
                        self._acks[data["envelope_id"]] = data
                        self._cond.notify_all()
        except Exception:  # the client went away
            pass
        finally:
            with self._cond:
                if connection in self._connections:
                    self._connections.remove(connection)

    def wait_connected(self, timeout: float = 30.0) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: self._connections, timeout):
                raise AssertionError(f"no Socket Mode client connected within {timeout}s")

    def send(self, kind: str, payload: dict, retry_attempt: int = 0, accepts_response_payload: bool = False) -> str:
        """Send one envelope ("events_api", "slash_commands", "interactive") to the connected bot."""
        envelope_id = str(uuid.uuid4())
        envelope = {"envelope_id": envelope_id, "type": kind, "payload": payload,
                    "accepts_response_payload": accepts_response_payload,
                    "retry_attempt": retry_attempt, "retry_reason": "timeout" if retry_attempt else ""}
        self.wait_connected()
        with self._cond:
            connection = self._connections[-1]
        connection.send(json.dumps(envelope))
        return envelope_id

    def wait_ack(self, envelope_id: str, timeout: float = 10.0) -> dict:
        with self._cond:
            if not self._cond.wait_for(lambda: envelope_id in self._acks, timeout):
                raise AssertionError(f"envelope {envelope_id} not acknowledged within {timeout}s")
            return self._acks[envelope_id]


# ---------------------------------------------------------------- talking to the bot as Slack does
def signature(secret: str, timestamp: str, body: str) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(secret: str, body: str, timestamp: int | None = None, content_type: str = "application/json",
                   retry_num: int | None = None) -> dict:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
               "X-Slack-Signature": signature(secret, ts, body)}
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    return headers


@dataclass
class Reply:
    status: int
    body: str
    seconds: float

    def json(self):
        return json.loads(self.body) if self.body else None


def post(url: str, body: str, headers: dict, timeout: float = 30.0) -> Reply:
    """POST over real HTTP; returns status, body and how long the bot took to answer (the ack)."""
    request = urllib.request.Request(url, data=body.encode("utf-8"), headers=headers, method="POST")
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read().decode("utf-8")
            return Reply(response.status, data, time.monotonic() - start)
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, exc.read().decode("utf-8"), time.monotonic() - start)


def post_signed(url: str, secret: str, payload, form: bool = False, retry_num: int | None = None,
                timestamp: int | None = None) -> Reply:
    """Send a payload the way Slack does: events as JSON, slash commands as a form, actions as a form
    field `payload` holding JSON (pass form=True and a dict of fields)."""
    if form:
        body = urllib.parse.urlencode(payload)
        headers = signed_headers(secret, body, timestamp, "application/x-www-form-urlencoded", retry_num)
    else:
        body = json.dumps(payload)
        headers = signed_headers(secret, body, timestamp, "application/json", retry_num)
    return post(url, body, headers)


_ids = itertools.count(1)


def event_callback(event: dict, event_id: str | None = None) -> dict:
    """An Events API envelope around `event` (app_mention, message, ...)."""
    return {"token": "legacy-verification-token", "team_id": TEAM_ID, "api_app_id": APP_ID, "event": event,
            "type": "event_callback", "event_id": event_id or f"Ev{next(_ids):08d}{uuid.uuid4().hex[:6].upper()}",
            "event_time": int(time.time()), "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID,
                                                              "is_bot": True}]}


def new_ts() -> str:
    return f"{int(time.time())}.{next(_ids):06d}"


def mention(text: str, channel: str = "C0CHANNEL", user: str = "U0ALICE", ts: str | None = None,
            thread_ts: str | None = None) -> dict:
    event = {"type": "app_mention", "user": user, "text": f"<@{BOT_USER_ID}> {text}", "ts": ts or new_ts(),
             "channel": channel, "event_ts": ts or new_ts()}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def message(text: str, channel: str = "C0CHANNEL", user: str | None = "U0ALICE", ts: str | None = None,
            thread_ts: str | None = None, channel_type: str = "channel", **extra) -> dict:
    event = {"type": "message", "text": text, "ts": ts or new_ts(), "channel": channel,
             "channel_type": channel_type, "event_ts": ts or new_ts()}
    if user:
        event["user"] = user
    if thread_ts:
        event["thread_ts"] = thread_ts
    event.update(extra)
    return event


def slash_command(text: str, response_url: str, command: str = "/ask", channel: str = "C0CHANNEL",
                  user: str = "U0ALICE") -> dict:
    return {"token": "legacy-verification-token", "team_id": TEAM_ID, "team_domain": "qabot-test",
            "channel_id": channel, "channel_name": "general", "user_id": user, "user_name": user.lower(),
            "command": command, "text": text, "api_app_id": APP_ID, "response_url": response_url,
            "trigger_id": f"{next(_ids)}.{uuid.uuid4().hex[:10]}"}


def block_actions(action: dict, response_url: str, channel: str = "C0CHANNEL", user: str = "U0ALICE",
                  message_ts: str | None = None, thread_ts: str | None = None, ephemeral: bool = False) -> dict:
    """An interactive payload for a click on a button (`action` as found in the posted blocks)."""
    container = {"type": "message", "channel_id": channel, "is_ephemeral": ephemeral}
    payload = {"type": "block_actions", "user": {"id": user, "team_id": TEAM_ID}, "api_app_id": APP_ID,
               "team": {"id": TEAM_ID}, "channel": {"id": channel}, "container": container,
               "trigger_id": f"{next(_ids)}.{uuid.uuid4().hex[:10]}", "response_url": response_url,
               "actions": [{"type": "button", "action_id": action["action_id"], "block_id": action.get("block_id", "b"),
                            "value": action.get("value", ""), "action_ts": new_ts()}]}
    if not ephemeral:
        ts = message_ts or new_ts()
        container["message_ts"] = ts
        payload["message"] = {"type": "message", "ts": ts, "bot_id": BOT_ID, "user": BOT_USER_ID,
                              "thread_ts": thread_ts, "text": ""}
    return payload


def buttons(call: Call) -> dict[str, dict]:
    """The buttons of a posted message, by action_id (with their block_id)."""
    found = {}
    for block in call.blocks:
        if block.get("type") == "actions":
            for element in block.get("elements", []):
                if element.get("type") == "button":
                    found[element["action_id"]] = dict(element, block_id=block.get("block_id", "b"))
    return found
