"""`qabot slack` and `qabot feedback` as a person runs them: settings checked before anything starts,
both modes served by the real command against the local Slack-compatible Web API, tokens never in
the output even at DEBUG level; the app manifest."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import QABOT, ROOT, run_qabot
from tests.slack_api import SlackAPI, event_callback, mention, new_ts, post_signed
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


def test_feedback_lists_what_people_said(searcher, tmp_path):
    from qabot.slack.feedback import FeedbackStore
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


def test_the_manifest_asks_for_what_the_bot_uses():
    import yaml

    manifest = yaml.safe_load((ROOT / "config" / "slack-manifest.yaml").read_text(encoding="utf-8"))
    settings = manifest["settings"]
    assert {"app_mention", "message.im", "message.channels"} <= set(settings["event_subscriptions"]["bot_events"])
    assert {"app_mentions:read", "channels:history", "im:history", "chat:write", "commands"} <= set(
        manifest["oauth_config"]["scopes"]["bot"])
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/ask"]
    assert settings["interactivity"]["is_enabled"] and settings["socket_mode_enabled"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("config/slack-manifest.yaml", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET",
                 "SLACK_API_URL", "qabot slack --http", "qabot feedback"):
        assert name in readme, name
