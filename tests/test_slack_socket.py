"""Socket Mode: the real bolt SocketModeHandler (slack_sdk's built-in WebSocket client) connects to a
local WebSocket server, found through apps.connections.open on the local Web API, and answers."""

from __future__ import annotations

import json

import pytest

from qabot.slack import wording
from tests.slack_api import event_callback, mention, new_ts, slash_command
from tests.slack_running import APP_TOKEN, RunningBot

QUESTION = "which regional workshops were held in 2003?"


@pytest.fixture(scope="module")
def socket_bot(corpus_index):
    from qabot import config
    from qabot.pipeline import Service
    from qabot.slack.serve import socket_mode_handler

    bot = RunningBot(Service(config.load(index=corpus_index)), http=False)
    handler = socket_mode_handler(bot.app, bot.settings.app_token)
    handler.connect()
    bot.api.socket.wait_connected()
    yield bot
    handler.close()
    bot.close()


def test_socket_mode_connects_with_the_app_token_and_answers_a_mention(socket_bot):
    api = socket_bot.api
    opened = api.calls("apps.connections.open")
    assert opened and opened[0].token == APP_TOKEN
    ts = new_ts()
    envelope = api.socket.send("events_api", event_callback(mention(QUESTION, ts=ts), "EvSOCKET001"))
    assert api.socket.wait_ack(envelope)["envelope_id"] == envelope  # acknowledged over the socket
    answer = api.wait_for("chat.update", 1)[0]
    assert api.calls("chat.postMessage")[0].params["thread_ts"] == ts
    assert any("Islamabad from 25 to 27 February 2003" in json.dumps(b) for b in answer.blocks)
    # Slack resends the same event over the socket with retry_attempt: answered once
    again = api.socket.send("events_api", event_callback(mention(QUESTION, ts=ts), "EvSOCKET001"), retry_attempt=1)
    api.socket.wait_ack(again)
    api.quiet(1.5)
    assert len(api.calls("chat.update")) == 1


def test_socket_mode_slash_command_acks_with_searching_and_answers_privately(socket_bot):
    api = socket_bot.api
    api.clear()
    payload = slash_command(QUESTION, api.response_url())
    envelope = api.socket.send("slash_commands", payload, accepts_response_payload=True)
    ack = api.socket.wait_ack(envelope)
    assert ack["payload"]["text"] == wording.SEARCHING and ack["payload"]["response_type"] == "ephemeral"
    private = api.wait_for("response_url", 1)[0]
    assert private.params["response_type"] == "ephemeral"
    assert "Islamabad" in private.all_text()
