"""The Slack bot end to end: the real bolt app over HTTP on 127.0.0.1, requests signed as Slack signs
them, a local Slack-compatible Web API recording what the bot posts, the real index and model."""

from __future__ import annotations

import json
import logging
import time

import pytest

from qabot.render import slack_blocks as blocks
from qabot.slack import wording
from tests.slack_api import BOT_ID, BOT_USER_ID, buttons, event_callback, mention, message, new_ts, post, signed_headers
from tests.slack_running import BOT_TOKEN, SIGNING_SECRET, RunningBot

QUESTION = "which regional workshops were held in 2003?"


@pytest.fixture(scope="module")
def service(corpus_index):
    from qabot import config
    from qabot.pipeline import Service

    return Service(config.load(index=corpus_index))


@pytest.fixture(scope="module")
def feedback_store(tmp_path_factory):
    from qabot.store.feedback import FeedbackStore

    return FeedbackStore(tmp_path_factory.mktemp("feedback"))


@pytest.fixture(scope="module")
def running(service, feedback_store):
    bot = RunningBot(service, feedback_store)
    yield bot
    bot.close()


@pytest.fixture
def bot(running):
    running.api.clear()
    return running


def contexts(call) -> list[str]:
    return [e["text"] for b in call.blocks if b["type"] == "context" for e in b["elements"]]


def answered(api, count: int = 1, channel: str | None = None):
    """The answers posted (a "Searching..." line replaced by chat.update), oldest first."""
    return api.wait_for("chat.update", count, where=lambda c: channel is None or c.params["channel"] == channel)


# ---------------------------------------------------------------- mentions
def test_mention_is_answered_in_its_thread_with_a_citation(bot):
    ts = new_ts()
    reply = bot.event(mention(QUESTION, ts=ts))
    assert reply.status == 200
    answer = answered(bot.api)[0]
    searching = bot.api.calls("chat.postMessage")[0]
    assert searching.params["thread_ts"] == ts and searching.text == wording.SEARCHING
    assert answer.params["ts"] == searching.response["ts"]  # the "Searching..." line became the answer
    assert answer.params["channel"] == "C0CHANNEL"
    quotes = answer.rich("rich_text_quote")
    assert any("Islamabad from 25 to 27 February 2003" in q for q in quotes)
    assert any(url == "https://undocs.org/E/CN.4/RES/2003/73" and text.startswith("[1] E/CN.4/RES/2003/73, pp. 9")
               for url, text in answer.links())
    assert "E/CN.4/RES/2003/73" in answer.text  # the notification fallback
    assert {blocks.HELPFUL, blocks.NOT_HELPFUL, blocks.EXPORT} <= set(buttons(answer))
    assert answer.token == BOT_TOKEN


def test_a_retried_event_is_answered_once(bot):
    event = mention(QUESTION, ts=new_ts())
    first = bot.event(event, event_id="EvRETRY0001")
    again = bot.event(event, event_id="EvRETRY0001", retry_num=1)
    assert first.status == again.status == 200
    answered(bot.api)
    bot.api.quiet(1.5)
    assert len(bot.api.calls("chat.postMessage")) == 1
    assert len(bot.api.calls("chat.update")) == 1


def test_bad_signature_and_stale_timestamp_are_rejected_with_401(bot):
    body = json.dumps(event_callback(mention(QUESTION)))
    forged = post(bot.url, body, signed_headers("not-the-signing-secret", body))
    stale = post(bot.url, body, signed_headers(SIGNING_SECRET, body, timestamp=int(time.time()) - 6 * 60))
    unsigned = post(bot.url, body, {"Content-Type": "application/json"})
    assert forged.status == stale.status == unsigned.status == 401
    bot.api.quiet(1.0)
    assert bot.api.posts() == []


INJECTION = "<!channel> <https://evil.example|click> &lt;!here&gt; &lt;https://evil.example|here&gt; "


def _no_live_markup(call) -> None:
    rendered = call.parsed_text()  # what Slack reads as markup (rich text is shown as it is)
    for live in ("<!channel>", "<!here>", "<!everyone>", "<https://evil.example"):
        assert live not in rendered, (live, rendered[:500])


def test_mentions_and_links_in_a_question_never_come_back_live(bot):
    bot.event(mention(INJECTION + QUESTION, ts=new_ts()))
    answer = answered(bot.api)[0]
    reply = bot.command(INJECTION + QUESTION)
    assert reply.status == 200
    private = bot.api.wait_for("response_url", 1)[0]
    for call in bot.api.posts():
        _no_live_markup(call)
    echo = contexts(private)[0]
    assert "&lt;!here&gt;" in echo and "&lt;https://evil.example|here&gt;" in echo  # shown, as typed
    assert any(url.startswith("https://undocs.org/") for url, _ in answer.links())  # our own links stay links


# ---------------------------------------------------------------- threads, DMs, what is ignored
def test_a_message_in_the_thread_is_a_follow_up(bot):
    ts = new_ts()
    bot.event(mention(QUESTION, channel="C0FOLLOW", ts=ts))
    answered(bot.api, 1)
    bot.event(message("and in 2004?", channel="C0FOLLOW", thread_ts=ts, user="U0BOB"))
    follow = answered(bot.api, 2)[1]
    assert follow.params["channel"] == "C0FOLLOW"
    first_post = bot.api.calls("chat.postMessage")[1]
    assert first_post.params["thread_ts"] == ts
    assert contexts(follow)[0] == "Asking: which regional workshops were held in 2004?"
    assert "Doha from 2 to 4 March 2004" in "\n".join(follow.rich("rich_text_quote"))
    # a reply in a thread where qabot never answered is left alone
    bot.event(message("and in 2004?", channel="C0FOLLOW", thread_ts=new_ts()))
    bot.api.quiet(1.0)
    assert len(bot.api.calls("chat.update")) == 2


def test_a_thread_follow_up_about_another_body_or_about_it_reads_the_texts_meant(bot):
    ts = new_ts()
    bot.event(mention("What does 57/210 say about Africa?", channel="C0BODY", ts=ts))
    answered(bot.api, 1, channel="C0BODY")
    bot.event(message("and what about the Commission?", channel="C0BODY", thread_ts=ts, user="U0BOB"))
    other = answered(bot.api, 2, channel="C0BODY")[1]
    assert contexts(other)[0] == "Asking: What does the Commission\u2019s resolution say about Africa?"
    cited = [text for _, text in other.links() if text.startswith("[")]
    assert cited and all(" E/CN.4/" in text for text in cited)  # the Commission's texts only, not 57/210 again
    bot.event(message("when was it adopted?", channel="C0BODY", thread_ts=ts, user="U0BOB"))
    when = answered(bot.api, 3, channel="C0BODY")[2]
    assert contexts(when)[0].startswith("Asking: When was E/CN.4/")  # the text just quoted, not glued on


def test_a_button_of_a_narrowed_follow_up_keeps_its_narrowing_after_a_restart(bot, service):
    """"and what about the Commission?" answers from the Commission's texts; forgotten (a new process),
    its button asks again of those texts, not of the whole corpus."""
    ts = new_ts()
    bot.event(mention("What does 57/210 say about Africa?", channel="C0NARROW", ts=ts))
    answered(bot.api, 1, channel="C0NARROW")
    bot.event(message("and what about the Commission?", channel="C0NARROW", thread_ts=ts, user="U0BOB"))
    other = answered(bot.api, 2, channel="C0NARROW")[1]
    restarted = RunningBot(service)
    try:
        restarted.click(other, blocks.EXPORT, thread_ts=ts)
        note = blocks.unescape(restarted.api.wait_for("chat.postMessage", 1)[0].text)
        assert "E/CN.4/" in note and "A/RES/57/210" not in note and "General Assembly" not in note
    finally:
        restarted.close()


def test_a_direct_message_is_answered_in_the_dm(bot):
    ts = new_ts()
    bot.event(message(f"<@{BOT_USER_ID}> {QUESTION}", channel="D0ALICE", channel_type="im", ts=ts))
    bot.event(mention(QUESTION, channel="D0ALICE", ts=ts))  # should Slack also send it as a mention
    answer = answered(bot.api)[0]
    bot.api.quiet(1.0)
    assert len(bot.api.calls("chat.update")) == 1
    assert answer.params["channel"] == "D0ALICE"
    assert bot.api.calls("chat.postMessage")[0].params.get("thread_ts") is None
    assert any("Islamabad" in s for s in answer.rich("rich_text_quote"))


def test_messages_from_bots_edits_and_joins_are_ignored(bot):
    ts = new_ts()
    bot.event(mention(QUESTION, channel="C0QUIET", ts=ts))
    answered(bot.api)
    bot.api.clear()
    own = message("and in 2004?", channel="C0QUIET", thread_ts=ts, user=BOT_USER_ID, bot_id=BOT_ID)
    other_bot = message("and in 2004?", channel="C0QUIET", thread_ts=ts, user="U0OTHERBOT", bot_id="B0OTHER")
    edit = message("", channel="C0QUIET", thread_ts=ts, user=None, subtype="message_changed",
                   message={"text": "and in 2004?", "user": "U0ALICE"})
    join = message("<@U0CAROL> has joined the channel", channel="C0QUIET", user="U0CAROL", subtype="channel_join")
    dm_from_bot = message(QUESTION, channel="D0BOT", channel_type="im", user="U0OTHERBOT", bot_id="B0OTHER")
    for event in (own, other_bot, edit, join, dm_from_bot):
        assert bot.event(event).status == 200
    bot.api.quiet(1.5)
    assert bot.api.posts() == []


# ---------------------------------------------------------------- /ask and its buttons
def test_ask_is_acknowledged_at_once_and_answered_through_its_response_url(bot):
    reply = bot.command(QUESTION)
    assert reply.status == 200 and reply.seconds < 3.0  # Slack's limit for an ack
    assert reply.json()["response_type"] == "ephemeral"
    assert reply.json()["text"] == wording.SEARCHING
    private = bot.api.wait_for("response_url", 1)[0]
    assert private.params["response_type"] == "ephemeral" and private.params["replace_original"] is True
    assert any("Islamabad" in s for s in private.rich("rich_text_quote"))
    assert bot.api.calls("chat.postMessage") == []  # nobody else saw it
    # "Post to channel": everyone sees it, the private copy goes away
    bot.click(private, blocks.POST, ephemeral=True)
    public = bot.api.wait_for("chat.postMessage", 1)[0]
    assert public.params["channel"] == "C0CHANNEL"
    assert contexts(public)[0] == f"<@U0ALICE> asked: _{QUESTION}_"
    assert blocks.POST not in buttons(public)
    gone = bot.api.wait_for("response_url", 2)[1]
    assert gone.params.get("delete_original") is True


def test_an_empty_or_overlong_question_gets_a_friendly_line(bot):
    bot.event(mention("", channel="C0EMPTY", ts=new_ts()))
    empty = bot.api.wait_for("chat.postMessage", 1, where=lambda c: c.params["channel"] == "C0EMPTY")[0]
    assert empty.text == wording.EMPTY
    bot.event(mention("why " * 700, channel="C0LONG", ts=new_ts()))
    long = bot.api.wait_for("chat.postMessage", 1, where=lambda c: c.params["channel"] == "C0LONG")[0]
    assert long.text.startswith("That question is 2,799 characters long; I can take up to 2,000.")
    reply = bot.command("   ")
    assert reply.json()["text"] == wording.EMPTY_COMMAND


def test_feedback_is_stored_with_the_question_and_answer(bot, feedback_store):
    bot.event(mention(QUESTION, channel="C0FEED", ts=new_ts()))
    answer = answered(bot.api)[0]
    bot.click(answer, blocks.NOT_HELPFUL, user="U0DAN")
    thanks = bot.api.wait_for("response_url", 1)[0]
    assert thanks.text == wording.THANKS_NOT_HELPFUL and thanks.params["response_type"] == "ephemeral"
    bot.click(answer, blocks.HELPFUL, user="U0DAN")  # a second click changes the verdict
    bot.api.wait_for("response_url", 2)
    mine = [e for e in feedback_store.entries() if e.user == "U0DAN"]
    assert len(mine) == 1 and mine[0].verdict == "helpful" and mine[0].channel == "C0FEED"
    assert mine[0].question == QUESTION
    assert mine[0].answer["passages"][0]["citation"].startswith("E/CN.4/RES/2003/73, pp. 9")


def test_export_replies_in_the_thread_with_the_briefing_note(bot):
    ts = new_ts()
    bot.event(mention(QUESTION, channel="C0EXPORT", ts=ts))
    answer = answered(bot.api)[0]
    bot.click(answer, blocks.EXPORT, thread_ts=ts)
    note = bot.api.wait_for("chat.postMessage", 2)[1]
    assert note.params["thread_ts"] == ts
    assert note.text.startswith("```\n") and note.text.endswith("\n```")
    assert "Islamabad from 25 to 27 February 2003" in blocks.unescape(note.text)
    assert "E/CN.4/RES/2003/73" in note.text


# ---------------------------------------------------------------- failures
def test_a_malformed_event_then_a_normal_question_is_still_answered(bot):
    garbage = "{this is not json"
    broken = post(bot.url, garbage, signed_headers(SIGNING_SECRET, garbage))
    assert broken.status == 400
    for event in ({"type": "app_mention"},  # no channel, no user, no text
                  {"type": "app_mention", "user": "U0ALICE", "channel": "C0BAD", "ts": new_ts(), "text": {"x": 1}},
                  {"type": "message", "channel": ["C0BAD"], "user": 7, "text": None}):
        assert bot.event(event).status in (200, 400)  # acknowledged, or refused as unreadable
    line = bot.api.wait_for("chat.postMessage", 1, where=lambda c: c.params["channel"] == "C0BAD")[0]
    assert line.text == wording.EMPTY  # the mention whose text was not text: one friendly line
    bot.event(mention(QUESTION, channel="C0AFTER", ts=new_ts()))
    after = answered(bot.api, channel="C0AFTER")[0]
    assert any("Islamabad" in s for s in after.rich("rich_text_quote"))


def test_a_slack_api_error_becomes_one_friendly_line_and_the_bot_keeps_serving(bot):
    bot.api.fail("chat.update", "msg_too_long")
    bot.api.fail("chat.postMessage", "msg_too_long", where=lambda p: p.get("text") != wording.SEARCHING)
    bot.event(mention(QUESTION, channel="C0FAIL", ts=new_ts()))
    line = bot.api.wait_for("chat.update", 1, where=lambda c: c.response["ok"])[0]
    searching = bot.api.calls("chat.postMessage")[0]
    assert line.text == wording.INTERNAL and line.params["channel"] == "C0FAIL"
    assert line.params["ts"] == searching.response["ts"]  # the "Searching..." line became the apology
    assert [c.response["ok"] for c in bot.api.calls("chat.postMessage")] == [True, False]
    bot.event(mention(QUESTION, channel="C0FAIL2", ts=new_ts()))
    assert answered(bot.api, channel="C0FAIL2")


def test_the_token_never_appears_in_the_logs(bot, caplog):
    caplog.set_level(logging.DEBUG)
    bot.event(mention(QUESTION, channel="C0LOGS", ts=new_ts()))
    answered(bot.api, channel="C0LOGS")
    bot.command(QUESTION)
    bot.api.wait_for("response_url", 1)
    bot.api.fail("chat.update", "invalid_auth")
    bot.event(mention(QUESTION, channel="C0LOGS2", ts=new_ts()))
    bot.api.wait_for("chat.postMessage", 2, where=lambda c: c.params["channel"] == "C0LOGS2")
    bot.api.quiet(0.5)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "chat.update" in logged or "auth.test" in logged or "chat.postMessage" in logged  # DEBUG was on
    assert BOT_TOKEN not in logged and SIGNING_SECRET not in logged
    assert BOT_TOKEN.split("-")[-1] not in logged


def test_a_person_over_the_budget_gets_a_polite_line(service):
    limited = RunningBot(service, per_minute=2)
    try:
        for i in range(3):
            limited.event(mention(QUESTION, channel="C0RATE", user="U0EAGER", ts=new_ts()))
        limited.api.wait_for("chat.update", 2)
        refusal = limited.api.wait_for("chat.postMessage", 3)
        lines = [c.text for c in refusal if c.text.startswith("You have asked")]
        assert len(lines) == 1 and "2 questions in the last minute" in lines[0]
        limited.event(mention(QUESTION, channel="C0RATE", user="U0CALM", ts=new_ts()))  # others are not held back
        limited.api.wait_for("chat.update", 3)
    finally:
        limited.close()


# ---------------------------------------------------------------- a long answer
LONG_CLAUSE = ("to convene, in cooperation with the regional commission concerned, workshop number {i} on the "
               "protection of migrant fishermen in coastal provinces, with the participation of national "
               "institutions, non-governmental organizations and experts from the subregion, and to report on "
               "its outcome to the Council at its next session")


def _long_resolution() -> tuple[str, list[str]]:
    first = "Requests the Secretary-General " + "; ".join(LONG_CLAUSE.format(i=i) for i in range(1, 16)) + ";"
    second = ("Invites Member States " + "; ".join(LONG_CLAUSE.format(i=i).replace("to convene", "to host")
                                                 for i in range(16, 31)) + ";")
    text = ("  The Economic and Social Council, \n\n Recalling its earlier resolutions on the protection of migrant "
            "fishermen, \n\n Noting with concern the situation of migrant fishermen in coastal provinces, \n\n"
            f" 1. Welcomes the reports of the Secretary-General on migrant fishermen; \n\n 2. {first}\n\n"
            f" 3. {second}\n\n 4. Decides to remain seized of the matter. \n")
    return text, [first, second]


@pytest.fixture(scope="module")
def long_service(tmp_path_factory, corpus_index):
    from qabot import config
    from qabot.ingest.run import ingest
    from qabot.pipeline import Service

    folder = tmp_path_factory.mktemp("long")
    (folder / "corpus").mkdir()
    text, paragraphs = _long_resolution()
    (folder / "corpus" / "fishermen.txt").write_text(text, encoding="utf-8")
    settings = config.load(index=folder / "index")
    ingest([folder / "corpus"], settings)
    return Service(settings), paragraphs


def _block_sizes(call) -> list[int]:
    """The characters each block of text shows (a section's mrkdwn, a rich text block's elements)."""
    return [len(b["text"]["text"]) if b["type"] == "section" else len(blocks.shown_text(b))
            for b in call.blocks if b["type"] in ("section", "rich_text")]


def test_an_answer_too_long_for_one_section_is_split_and_continued_by_show_more(long_service):
    service, paragraphs = long_service
    bot = RunningBot(service)
    try:
        ts = new_ts()
        bot.event(mention("what does the Secretary-General convene for migrant fishermen?", ts=ts))
        first = bot.api.wait_for("chat.update", 1)[0]
        assert len(first.blocks) <= 50 and len(first.text) <= 3000
        quotes = first.rich("rich_text_quote")
        assert all(size <= 3000 for size in _block_sizes(first))
        assert len(quotes) >= 2
        for text in paragraphs:  # each long paragraph is quoted whole, across consecutive quotes
            if text[:40] in "".join(quotes):
                start = next(i for i, q in enumerate(quotes) if text[:40] in q)
                joined = "".join(quotes[start:start + 2])
                assert joined.startswith(text) or text.startswith(joined)
        assert blocks.MORE in buttons(first)
        bot.click(first, blocks.MORE, thread_ts=ts)
        rest = bot.api.wait_for("chat.postMessage", 2)[1]
        assert rest.params["thread_ts"] == ts
        assert all(size <= 3000 for size in _block_sizes(rest))
        shown = "".join(first.rich("rich_text_quote") + rest.rich("rich_text_quote"))
        for text in paragraphs:
            assert text in shown
        updated = bot.api.wait_for("chat.update", 2)[1]  # the clicked message loses its Show more
        assert updated.params["ts"] == first.params["ts"] and blocks.MORE not in buttons(updated)
        # the same, privately, for /ask: the rest comes through the response_url, to the asker only
        bot.command("what does the Secretary-General convene for migrant fishermen?")
        private = bot.api.wait_for("response_url", 1)[0]
        bot.click(private, blocks.MORE, ephemeral=True)
        more = bot.api.wait_for("response_url", 2)[1]
        assert more.params["response_type"] == "ephemeral" and more.params["replace_original"] is False
        assert "".join(more.rich("rich_text_quote")) in shown
    finally:
        bot.close()


def test_a_button_still_works_after_a_restart(bot, service):
    """The answer is no longer in memory (a new process): the button asks its question again."""
    ts = new_ts()
    bot.event(mention(QUESTION, channel="C0RESTART", ts=ts))
    answer = answered(bot.api)[0]
    restarted = RunningBot(service)
    try:
        restarted.click(answer, blocks.EXPORT, thread_ts=ts)
        note = restarted.api.wait_for("chat.postMessage", 1)[0]
        assert note.params["channel"] == "C0RESTART" and note.params["thread_ts"] == ts
        assert "Islamabad from 25 to 27 February 2003" in blocks.unescape(note.text)
    finally:
        restarted.close()
