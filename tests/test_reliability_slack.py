"""The running Slack bot (real bolt over HTTP on 127.0.0.1, the local Slack-compatible Web API) picks
up a generation published by `qabot ingest` without a restart, and answers each question once."""

from __future__ import annotations

from qabot import config
from qabot.pipeline import Service
from tests.slack_api import mention, new_ts
from tests.slack_running import RunningBot

from .conftest import run_qabot
from .test_reliability_index import workdir  # noqa: F401  (the fixture)

QUESTION = "what did the General Assembly decide in December 2004 about regional arrangements?"


def _answer_to(bot: RunningBot, text: str) -> str:
    ts = new_ts()
    assert bot.event(mention(text, ts=ts)).status == 200
    placeholder = bot.api.wait_for("chat.postMessage", 1, where=lambda c: c.params.get("thread_ts") == ts)[0]
    (update,) = bot.api.wait_for("chat.update", 1, timeout=120,
                                 where=lambda c: c.params.get("ts") == placeholder.response["ts"])
    return update.all_text()


def test_the_running_bot_picks_up_a_new_generation_without_a_restart(workdir):  # noqa: F811
    service = Service(config.load(index=workdir / "index"))
    bot = RunningBot(service)
    try:
        first = service.generation
        before = _answer_to(bot, QUESTION)
        assert "Regional arrangements for the promotion and protection of human rights" in before
        assert "(as revised)" not in before

        catalog = workdir / "corpus" / "catalog.toml"
        # the 2004 text prints no symbol: its citation is its title, which the catalog now changes
        catalog.write_text(catalog.read_text(encoding="utf-8").replace(
            '["001_5df13f3e52ca6d09.txt"]\ntitle = "Regional arrangements for the promotion and protection of '
            'human rights"', '["001_5df13f3e52ca6d09.txt"]\ntitle = "Regional arrangements (as revised)"'),
            encoding="utf-8")
        result = run_qabot("ingest", "corpus", "--index", "index", cwd=workdir)
        assert result.returncode == 0 and "1 updated" in result.stdout, result.stderr

        after = _answer_to(bot, QUESTION)
        assert service.generation != first
        assert "Regional arrangements (as revised)" in after
        # every question of the run was answered exactly once: one placeholder and one answer per thread
        threads = [c.params["thread_ts"] for c in bot.api.calls("chat.postMessage")]
        assert len(threads) == len(set(threads)) == 2
        assert len(bot.api.calls("chat.update")) == 2
    finally:
        bot.close()
