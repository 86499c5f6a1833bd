"""`qabot slack` and `qabot feedback` as a person runs them: settings checked before anything starts,
both modes served by the real command against the local Slack-compatible Web API, tokens never in
the output even at DEBUG level; /healthz, SIGTERM with an answer in flight, a thread that outlives a
restart of the process; the app manifest in step with what the code listens to and calls."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import QABOT, ROOT, run_qabot
from tests.slack_api import SlackAPI, event_callback, mention, message, new_ts, post_signed
from tests.slack_running import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET

QUESTION = "which regional workshops were held in 2003?"


@pytest.mark.parametrize("args, env, named", [
    (["slack"], {}, "SLACK_BOT_TOKEN is not set"),
    (["slack"], {"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_APP_TOKEN is not set"),
    (["slack"], {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "xoxb-not-an-app-token"},
     "SLACK_APP_TOKEN does not look like"),
    (["slack", "--http"], {"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET is not set"),
    (["slack", "--http"], {"SLACK_BOT_TOKEN": "my token", "SLACK_SIGNING_SECRET": SIGNING_SECRET},
     "SLACK_BOT_TOKEN does not look like"),
    (["slack", "--http"], {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                           "SLACK_API_URL": "slack.example"}, "SLACK_API_URL must be an http(s) URL"),
    (["slack"], {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN, "QABOT_SLACK_SCOPES": "/no/scopes.toml"},
     "slack_scopes names /no/scopes.toml, which does not exist"),
])
def test_missing_or_malformed_settings_are_one_sentence_before_anything_starts(tmp_path, args, env, named):
    result = run_qabot(*args, "--index", str(tmp_path / "no-index"), env=env, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    for secret in (BOT_TOKEN, SIGNING_SECRET):
        assert secret not in result.stderr + result.stdout


def test_a_token_slack_refuses_is_named(corpus_index):
    with SlackAPI(bot_token="xoxb-the-right-token-only") as api:
        result = run_qabot("slack", "--http", "--index", str(corpus_index), timeout=120,
                           env={"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                                "SLACK_API_URL": api.api_url})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("qabot: Slack refused SLACK_BOT_TOKEN (invalid_auth)")
    assert BOT_TOKEN not in result.stderr


class Bot:
    """`qabot slack ...` in its own process; stderr to a file we can read while it runs."""

    def __init__(self, args: list[str], env: dict, log: Path):
        full = {k: v for k, v in os.environ.items() if not k.startswith(("QABOT_", "SLACK_"))}
        full.update(env)
        self.log = log
        self._err = open(log, "w")
        self.process = subprocess.Popen(QABOT + args, cwd=ROOT, env=full, stdout=subprocess.DEVNULL,
                                        stderr=self._err, stdin=subprocess.DEVNULL)

    def wait_for_log(self, pattern: str, timeout: float = 120) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(pattern, self.log.read_text())
            if found:
                return found
            if self.process.poll() is not None:
                raise AssertionError(f"qabot slack exited: {self.log.read_text()}")
            time.sleep(0.2)
        raise AssertionError(f"no {pattern!r} in the log: {self.log.read_text()}")

    def stop(self) -> str:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._err.close()
        return self.log.read_text()


def test_http_mode_answers_and_logs_no_token_even_at_debug(corpus_index, tmp_path):
    with SlackAPI(bot_token=BOT_TOKEN) as api:
        bot = Bot(["slack", "--http", "--host", "127.0.0.1", "--port", "0", "--log-level", "debug",
                   "--index", str(corpus_index)],
                  {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": api.api_url},
                  tmp_path / "http.log")
        try:
            port = int(bot.wait_for_log(r"on http://127\.0\.0\.1:(\d+)/slack/events").group(1))
            url = f"http://127.0.0.1:{port}/slack/events"
            reply = post_signed(url, SIGNING_SECRET, event_callback(mention(QUESTION, ts=new_ts())))
            assert reply.status == 200
            answer = api.wait_for("chat.update", 1)[0]
            assert "Islamabad" in answer.all_text()
            forged = post_signed(url, "a-wrong-secret", event_callback(mention(QUESTION, ts=new_ts())))
            assert forged.status == 401
            bot.wait_for_log(r"answered mention")
        finally:
            log = bot.stop()
    assert "DEBUG" in log  # the level was really on
    assert BOT_TOKEN not in log and SIGNING_SECRET not in log
    assert "qabotTESTtokenSECRET" not in log
    assert "Traceback" not in log


def test_socket_mode_answers_over_the_websocket(corpus_index, tmp_path):
    with SlackAPI(bot_token=BOT_TOKEN, app_token=APP_TOKEN) as api:
        bot = Bot(["slack", "--index", str(corpus_index)],
                  {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN, "SLACK_API_URL": api.api_url},
                  tmp_path / "socket.log")
        try:
            bot.wait_for_log(r"over Socket Mode")
            api.socket.wait_connected(timeout=60)
            envelope = api.socket.send("events_api", event_callback(mention(QUESTION, ts=new_ts())))
            api.socket.wait_ack(envelope)
            answer = api.wait_for("chat.update", 1)[0]
            assert "Islamabad" in answer.all_text()
        finally:
            log = bot.stop()
    assert APP_TOKEN not in log and BOT_TOKEN not in log


def test_sigterm_finishes_the_answer_in_flight_and_the_thread_outlives_the_process(corpus_index, tmp_path):
    index = tmp_path / "index"
    shutil.copytree(corpus_index, index)  # this test writes threads.sqlite beside the generations
    args = ["slack", "--http", "--host", "127.0.0.1", "--port", "0", "--index", str(index)]
    with SlackAPI(bot_token=BOT_TOKEN) as api:
        env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": api.api_url}
        first = Bot(args, env, tmp_path / "first.log")
        try:
            port = int(first.wait_for_log(r"on http://127\.0\.0\.1:(\d+)/slack/events").group(1))
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
                health = json.loads(response.read())
            assert response.status == 200 and health["ok"] and health["model"] == "all-MiniLM-L6-v2"
            assert health["generation"] == (index / "CURRENT").read_text().strip() and health["uptime_s"] >= 0
            url = f"http://127.0.0.1:{port}/slack/events"
            api.delay("chat.postMessage", 3.0)  # the "Searching..." line takes 3 s: the answer is in flight
            ts = new_ts()
            assert post_signed(url, SIGNING_SECRET, event_callback(mention(QUESTION, ts=ts))).status == 200
            api.wait_for("chat.postMessage", 1)
            stopped_at = time.monotonic()
            first.process.send_signal(signal.SIGTERM)
            first.wait_for_log(r"no longer taking events; answers in flight: 1")
            with pytest.raises(OSError):  # no longer listening: Slack retries, to the next instance
                post_signed(url, SIGNING_SECRET, event_callback(mention(QUESTION, ts=new_ts())))
            assert first.process.wait(timeout=60) == 0
        finally:
            log = first.stop()
        answer = api.wait_for("chat.update", 1)[0]
        assert answer.at > stopped_at and "Islamabad" in answer.all_text()  # finished after the SIGTERM
        assert "every answer acknowledged was delivered" in log and "Traceback" not in log

        api.delay("chat.postMessage", 0.0)
        second = Bot(args, env, tmp_path / "second.log")
        try:
            port = int(second.wait_for_log(r"on http://127\.0\.0\.1:(\d+)/slack/events").group(1))
            follow_up = message("and in 2004?", thread_ts=ts, user="U0BOB")
            post_signed(f"http://127.0.0.1:{port}/slack/events", SIGNING_SECRET, event_callback(follow_up))
            follow = api.wait_for("chat.update", 2)[1]
        finally:
            second.stop()
    assert "Asking: which regional workshops were held in 2004?" in follow.all_text()
    assert "Doha from 2 to 4 March 2004" in follow.all_text()


def test_feedback_lists_what_people_said(searcher, tmp_path):
    from qabot.store.feedback import FeedbackStore
    from qabot.pipeline import ask

    store = FeedbackStore(tmp_path)
    answer = ask(searcher, QUESTION)
    store.record("a1", "U0ALICE", "helpful", answer, asked=QUESTION, channel="C0CHANNEL")
    store.record("a1", "U0BOB", "not_helpful", answer, asked=QUESTION, channel="C0CHANNEL")
    store.record("a1", "U0BOB", "helpful", answer, asked=QUESTION, channel="C0CHANNEL")  # changed his mind
    store.close()
    assert oct((tmp_path / "feedback.sqlite").stat().st_mode & 0o777) == "0o600"
    text = run_qabot("feedback", "--index", str(tmp_path), timeout=60)
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("2 verdicts: 2 helpful, 0 not helpful")
    assert "E/CN.4/RES/2003/73, pp. 9" in text.stdout and QUESTION in text.stdout
    listed = run_qabot("feedback", "--index", str(tmp_path), "--format", "json", timeout=60)
    import json

    entries = json.loads(listed.stdout)
    assert {e["user"] for e in entries} == {"U0ALICE", "U0BOB"}
    assert entries[0]["answer"]["passages"][0]["text"] == answer.passages[0].text
    empty = run_qabot("feedback", "--index", str(tmp_path / "elsewhere"), timeout=60)
    assert empty.returncode == 0 and empty.stdout.startswith("No feedback yet")


# What each Web API method the bot calls needs (Slack's documentation of each method), and what each
# event it listens to needs; a call or a listener not listed here fails the test until it is thought about.
METHOD_SCOPES = {
    "auth_test": set(), "views_publish": set(),
    "chat_postMessage": {"chat:write"}, "chat_update": {"chat:write"},
    "files_upload_v2": {"files:write"},  # files.getUploadURLExternal + files.completeUploadExternal
    "conversations_open": {"im:write"},
    "users_conversations": {"channels:read", "groups:read"},  # types=public_channel,private_channel
}
EVENTS = {"app_mention": ({"app_mention"}, {"app_mentions:read"}),
          "message": ({"message.channels", "message.groups", "message.im"},
                      {"channels:history", "groups:history", "im:history"}),
          "app_home_opened": ({"app_home_opened"}, set())}


def _uses() -> tuple[set[str], set[str], set[str], int]:
    """(events listened to, commands, Web API methods called, actions) in qabot/slack, read from the code."""
    events, commands, methods, actions = set(), set(), set(), 0
    for path in (ROOT / "qabot" / "slack").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            owner = node.func.value
            owner_name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
            if owner_name == "app" and node.args and isinstance(node.args[0], ast.Constant):
                {"event": events, "command": commands}.get(node.func.attr, set()).add(node.args[0].value)
            if owner_name == "app" and node.func.attr == "action":
                actions += 1
            if owner_name == "client":
                methods.add(node.func.attr)
    return events, commands, methods, actions


def test_the_manifest_asks_for_what_the_bot_uses():
    import yaml

    manifest = yaml.safe_load((ROOT / "config" / "slack-manifest.yaml").read_text(encoding="utf-8"))
    settings = manifest["settings"]
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    subscribed = set(settings["event_subscriptions"]["bot_events"])
    events, commands, methods, actions = _uses()
    assert {"app_mention", "message", "app_home_opened"} <= events and "files_upload_v2" in methods
    assert methods <= set(METHOD_SCOPES), methods - set(METHOD_SCOPES)
    for method in methods:
        assert METHOD_SCOPES[method] <= scopes, (method, METHOD_SCOPES[method] - scopes)
    assert events <= set(EVENTS), events - set(EVENTS)
    for event in events:
        needs, event_scopes = EVENTS[event]
        assert needs <= subscribed and event_scopes <= scopes, event
    assert subscribed <= {name for e in events for name in EVENTS[e][0]}  # nothing subscribed that nobody hears
    assert {c["command"] for c in manifest["features"]["slash_commands"]} == commands == {"/ask"}
    assert "commands" in scopes
    assert manifest["features"]["app_home"]["home_tab_enabled"] == ("app_home_opened" in events)
    assert actions and settings["interactivity"]["is_enabled"] and settings["socket_mode_enabled"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("config/slack-manifest.yaml", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET",
                 "SLACK_API_URL", "qabot slack --http", "qabot feedback", "/healthz", "slack_scopes",
                 "threads.sqlite", "/ask brief", "files:write", "Dockerfile"):
        assert name in readme, name
