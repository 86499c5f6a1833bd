"""Slack for a real team (issue 20), end to end: the real bolt app over HTTP on 127.0.0.1, the local
Slack-compatible Web API, the real index, model, SQLite files and python-docx.

Thread memory across a restart; quotes carried character for character; Word notes through the two-step
upload; scopes per channel applied in retrieval; the Home tab; /healthz."""

from __future__ import annotations

import io
import json
import urllib.request

import pytest

from qabot import config
from qabot.render import slack_blocks as blocks
from qabot.slack import wording
from tests.slack_api import buttons, mention, message, new_ts
from tests.slack_running import RunningBot

QUESTION = "which regional workshops were held in 2003?"
ISLAMABAD = "Islamabad from 25 to 27 February 2003"
DOHA = "Doha from 2 to 4 March 2004"


@pytest.fixture(scope="module")
def service(corpus_index):
    from qabot.pipeline import Service

    return Service(config.load(index=corpus_index))


@pytest.fixture
def store(tmp_path):
    from qabot.slack.threads import ThreadStore

    store = ThreadStore(tmp_path / "state")
    yield store
    store.close()


def contexts(call) -> list[str]:
    return [e["text"] for b in call.blocks if b["type"] == "context" for e in b["elements"]]


def paragraph_text(searcher, symbol: str, label: str) -> str:
    doc = searcher.store.resolve(symbol)
    return searcher.store.paragraph(doc.id, label).text


def docx_of(api, call):
    """The Word document a files.completeUploadExternal call completed (its bytes as uploaded)."""
    import docx

    (record,) = json.loads(call.params["files"])
    return docx.Document(io.BytesIO(api.uploads[record["id"]]))


def styled(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


# ---------------------------------------------------------------- 1. memory across restarts
def test_a_follow_up_after_a_restart_is_read_after_the_thread_s_question(service, tmp_path):
    from qabot.slack.threads import ThreadStore

    ts = new_ts()
    first_store = ThreadStore(tmp_path / "state")
    first = RunningBot(service, store=first_store)
    try:
        first.event(mention(QUESTION, channel="C0MEMORY", ts=ts))
        first.api.wait_for("chat.update", 1)
    finally:
        first.close()
        first_store.close()
    assert oct((tmp_path / "state" / "threads.sqlite").stat().st_mode & 0o777) == "0o600"  # private data

    forgetful = RunningBot(service)  # memory in the process only: a new process does not know the thread
    try:
        forgetful.event(message("and in 2004?", channel="C0MEMORY", thread_ts=ts, user="U0BOB"))
        forgetful.api.quiet(1.0)
        assert forgetful.api.posts() == []
    finally:
        forgetful.close()

    restarted_store = ThreadStore(tmp_path / "state")
    restarted = RunningBot(service, store=restarted_store)
    try:
        restarted.event(message("and in 2004?", channel="C0MEMORY", thread_ts=ts, user="U0BOB"))
        follow = restarted.api.wait_for("chat.update", 1)[0]
        assert restarted.api.calls("chat.postMessage")[0].params["thread_ts"] == ts
        assert contexts(follow)[0] == "Asking: which regional workshops were held in 2004?"
        assert any(DOHA in q for q in follow.rich("rich_text_quote"))
        asked = restarted_store.in_thread("C0MEMORY", ts)
        assert [(a.user, a.question, a.asked) for a in asked] == [
            ("U0ALICE", QUESTION, QUESTION), ("U0BOB", "and in 2004?", "which regional workshops were held in 2004?")]
    finally:
        restarted.close()
        restarted_store.close()


def test_old_threads_and_questions_are_forgotten_after_keep_days(tmp_path):
    import sqlite3

    from qabot.answer.conversation import Conversation, Turn
    from qabot.slack.threads import ThreadStore
    from qabot.store.threads import Asked

    store = ThreadStore(tmp_path, keep_days=30)
    store.save("C0OLD", "1.1", Conversation([Turn("q", "q")]))
    store.record(Asked("U0ALICE", "C0OLD", "1.1", "mention", "q", "q"))
    store.save("C0NEW", "2.2", Conversation([Turn("q", "q")]))
    store.close()
    with sqlite3.connect(tmp_path / "threads.sqlite") as db:
        db.execute("UPDATE threads SET updated = '2001-01-01T00:00:00+00:00' WHERE channel = 'C0OLD'")
        db.execute("UPDATE questions SET at = '2001-01-01T00:00:00+00:00'")
    store = ThreadStore(tmp_path, keep_days=30)  # a start sweeps
    try:
        assert not store.knows("C0OLD", "1.1") and store.knows("C0NEW", "2.2")
        assert store.recent("U0ALICE") == []
        assert store.load("C0NEW", "2.2").turns[0].asked == "q"
    finally:
        store.close()


# ---------------------------------------------------------------- 2. quotes exactly as written
SPONSORS = ("Welcomes the co-sponsorship of the draft by Argentina*, Armenia*, Australia*, Austria* and Belgium*, "
            "and by the regional_commission_secretariat, the ad_hoc_ group and the ~working~ group;")


@pytest.fixture(scope="module")
def sponsors_service(tmp_path_factory, corpus_index):
    from qabot.ingest.run import ingest
    from qabot.pipeline import Service

    folder = tmp_path_factory.mktemp("sponsors")
    (folder / "corpus").mkdir()
    (folder / "corpus" / "sponsors.txt").write_text(
        "  The Economic and Social Council, \n\n Recalling its earlier resolutions on the protection of migrant "
        "fishermen, \n\n Noting with concern the situation of migrant fishermen in coastal provinces, \n\n"
        f" 1. {SPONSORS} \n\n 2. Requests the Secretary-General to report on migrant fishermen to the Council "
        "at its next session; \n\n 3. Decides to remain seized of the matter. \n", encoding="utf-8")
    settings = config.load(index=folder / "index")
    ingest([folder / "corpus"], settings)
    return Service(settings)


def test_a_quote_with_asterisks_and_underscores_reaches_slack_character_for_character(sponsors_service):
    stored = [p.text for d in sponsors_service.searcher().documents for p in sponsors_service.searcher().store.paragraphs(d)]
    assert SPONSORS in stored  # the corpus keeps them (a sponsor's asterisk is not emphasis)
    bot = RunningBot(sponsors_service)
    try:
        bot.event(mention("who co-sponsored the draft on migrant fishermen?", ts=new_ts()))
        answer = bot.api.wait_for("chat.update", 1)[0]
    finally:
        bot.close()
    quotes = answer.rich("rich_text_quote")
    assert SPONSORS in quotes, quotes  # what the blocks carry is the paragraph, every character of it
    mrkdwn = [o["text"] for b in answer.blocks for o in [b.get("text")] + b.get("elements", [])
              if isinstance(o, dict) and o.get("type") == "mrkdwn"]
    assert not any("Argentina" in t or "regional_commission" in t for t in mrkdwn)  # never read as markup


# ---------------------------------------------------------------- 3. Word notes
def test_word_note_of_a_thread_is_uploaded_in_it_with_the_two_step_flow(service, store):
    searcher = service.searcher()
    bot = RunningBot(service, store=store)
    try:
        ts = new_ts()
        bot.event(mention(QUESTION, channel="C0WORD", ts=ts))
        bot.api.wait_for("chat.update", 1)
        bot.event(message("and in 2004?", channel="C0WORD", thread_ts=ts))
        second = bot.api.wait_for("chat.update", 2)[1]
        assert blocks.WORD in buttons(second)
        reply = bot.click(second, blocks.WORD, thread_ts=ts)
        assert reply.status == 200 and reply.seconds < 3.0
        done = bot.api.wait_for("files.completeUploadExternal", 1)[0]
        steps = [c.method for c in bot.api.calls() if c.method.startswith(("files.", "upload"))]
        assert steps == ["files.getUploadURLExternal", "upload", "files.completeUploadExternal"]
        assert done.response["ok"] and done.params["channel_id"] == "C0WORD" and done.params["thread_ts"] == ts
        asked = bot.api.calls("files.getUploadURLExternal")[0].params
        assert asked["filename"].endswith(".docx")
        note = docx_of(bot.api, done)
    finally:
        bot.close()
    assert bot.api.uploads and all(data[:2] == b"PK" for data in bot.api.uploads.values())  # a zip: .docx
    assert styled(note, "Heading 1") == [QUESTION, "which regional workshops were held in 2004?", "Sources"]
    quotes = styled(note, "Quote")
    assert paragraph_text(searcher, "E/CN.4/RES/2003/73", "pp9") in quotes  # verbatim, whole
    assert any(DOHA in q for q in quotes) and any(ISLAMABAD in q for q in quotes)
    assert any(q.startswith("\u2014 E/CN.4/RES/2003/73, pp. 9") for q in quotes)  # cited


def test_ask_brief_sends_the_note_to_the_asker_s_dm(service, store):
    questions = [QUESTION, "what did the General Assembly decide in December 2004 about regional arrangements?"]
    bot = RunningBot(service, store=store)
    try:
        empty = bot.command("brief")
        assert empty.json()["text"] == wording.BRIEF_EMPTY
        ack = bot.command("brief " + "; ".join(questions))
        assert ack.status == 200 and ack.seconds < 3.0 and ack.json()["text"] == wording.WRITING_NOTE
        done = bot.api.wait_for("files.completeUploadExternal", 1)[0]
        opened = bot.api.calls("conversations.open")[0]
        assert opened.params["users"] == "U0ALICE"
        assert done.params["channel_id"] == opened.response["channel"]["id"] and not done.params.get("thread_ts")
        told = bot.api.wait_for("response_url", 1)[0]
        assert told.text.startswith("Your briefing note (2 questions) is <https://qabot-test.slack.com/files/")
        note = docx_of(bot.api, done)
        assert bot.api.calls("chat.postMessage") == []  # nothing said in the channel
        assert [a.kind for a in store.recent("U0ALICE")] == ["brief", "brief"]
    finally:
        bot.close()
    assert styled(note, "Heading 1") == questions + ["Sources"]
    assert any(ISLAMABAD in q for q in styled(note, "Quote"))


def test_word_note_of_an_answer_only_its_asker_saw_goes_to_their_dm(service, store):
    bot = RunningBot(service, store=store)
    try:
        bot.command(QUESTION)
        private = bot.api.wait_for("response_url", 1)[0]
        bot.click(private, blocks.WORD, ephemeral=True)
        done = bot.api.wait_for("files.completeUploadExternal", 1)[0]
        assert done.params["channel_id"].startswith("D")
        told = bot.api.wait_for("response_url", 2)[1]
        assert told.params["response_type"] == "ephemeral" and "direct messages" in told.text
        assert styled(docx_of(bot.api, done), "Heading 1") == [QUESTION, "Sources"]
    finally:
        bot.close()


def test_a_failed_upload_is_one_friendly_line(service, store):
    bot = RunningBot(service, store=store)
    try:
        ts = new_ts()
        bot.event(mention(QUESTION, channel="C0NOFILES", ts=ts))
        answer = bot.api.wait_for("chat.update", 1)[0]
        bot.api.fail("files.getUploadURLExternal", "missing_scope")
        bot.click(answer, blocks.WORD, thread_ts=ts)
        line = bot.api.wait_for("response_url", 1)[0]
        assert line.text == wording.slack_refused("missing_scope") and "permission" in line.text
        assert bot.api.calls("files.completeUploadExternal") == []
    finally:
        bot.close()


# ---------------------------------------------------------------- 4. scopes per channel
SCOPES = """
default = "all"

[scopes.assembly]
label = "General Assembly resolutions"
folders = ["assembly"]

[scopes.commission]
label = "Commission on Human Rights"
bodies = ["Commission on Human Rights"]

[channels]
C0ASSEMBLY = "assembly"
C0COMMISSION = "commission"
C0NOTHING = "none"
"""


@pytest.fixture(scope="module")
def scoped(tmp_path_factory, corpus_index):
    """The seeds in two folders (corpus/assembly, corpus/commission), an index of them, a scopes file."""
    import shutil

    from qabot.ingest.run import ingest
    from qabot.pipeline import Service
    from tests.conftest import CORPUS

    folder = tmp_path_factory.mktemp("scoped")
    for sub, names in (("assembly", ("000_", "001_", "004_")), ("commission", ("002_", "003_"))):
        (folder / "corpus" / sub).mkdir(parents=True)
        shutil.copy(CORPUS / "catalog.toml", folder / "corpus" / sub / "catalog.toml")
        for seed in CORPUS.glob("*.txt"):
            if seed.name.startswith(names):
                shutil.copy(seed, folder / "corpus" / sub / seed.name)
    (folder / "scopes.toml").write_text(SCOPES, encoding="utf-8")
    settings = config.load(index=folder / "index", corpus=folder / "corpus", slack_scopes=str(folder / "scopes.toml"))
    ingest([folder / "corpus"], settings)
    return Service(settings), settings


def _symbols(call) -> set[str]:
    return {text.split("] ", 1)[1].split(",")[0] for _, text in call.links()}


def test_a_channel_is_answered_from_its_scope_and_says_which(scoped):
    from qabot.slack.scopes import load

    service, settings = scoped
    bot = RunningBot(service, scopes=load(settings))
    try:
        bot.event(mention(QUESTION, channel="C0COMMISSION", ts=new_ts()))
        commission = bot.api.wait_for("chat.update", 1)[0]
        bot.event(mention(QUESTION, channel="C0ASSEMBLY", ts=new_ts()))
        assembly = bot.api.wait_for("chat.update", 2)[1]
        bot.event(mention("what does resolution 2003/73 say about workshops?", channel="C0ASSEMBLY", ts=new_ts()))
        named = bot.api.wait_for("chat.update", 3)[2]
        bot.event(mention(QUESTION, channel="C0NOTHING", ts=new_ts()))
        nothing = bot.api.wait_for("chat.update", 4)[3]
    finally:
        bot.close()
    assert "Answered from: Commission on Human Rights (2 documents)" in contexts(commission)
    assert _symbols(commission) <= {"E/CN.4/RES/2003/73", "E/CN.4/2002/L.108"}
    assert any(ISLAMABAD in q for q in commission.rich("rich_text_quote"))
    assert "Answered from: General Assembly resolutions (3 documents)" in contexts(assembly)
    assert assembly.links() and not any("E/CN.4" in text for _, text in assembly.links())
    assert any("E/CN.4/RES/2003/73 is not in General Assembly resolutions, so not searched here." in s
               for s in named.rich("rich_text_section"))
    assert not any("E/CN.4" in text for _, text in named.links())
    assert nothing.text == wording.NO_SCOPE


def test_a_dm_is_answered_from_the_scopes_of_the_asker_s_channels(scoped):
    from qabot.slack.scopes import load

    service, settings = scoped
    bot = RunningBot(service, scopes=load(settings))
    bot.api.members = {"U0ALICE": ["C0COMMISSION", "C0RANDOM"], "U0BOB": ["C0RANDOM"]}
    try:
        bot.event(message(QUESTION, channel="D0ALICE", channel_type="im", user="U0ALICE"))
        alice = bot.api.wait_for("chat.update", 1, where=lambda c: c.params["channel"] == "D0ALICE")[0]
        bot.event(message(QUESTION, channel="D0BOB", channel_type="im", user="U0BOB"))
        bob = bot.api.wait_for("chat.update", 1, where=lambda c: c.params["channel"] == "D0BOB")[0]
    finally:
        bot.close()
    assert "Answered from: Commission on Human Rights (2 documents)" in contexts(alice)
    assert _symbols(alice) <= {"E/CN.4/RES/2003/73", "E/CN.4/2002/L.108"}
    assert "Answered from: all documents (5 documents)" in contexts(bob)  # in no listed channel: the default
    assert [c.params["user"] for c in bot.api.calls("users.conversations")] == ["U0ALICE", "U0BOB"]


def test_a_scope_filters_in_retrieval_and_leaves_the_ranking_alone(searcher):
    from qabot.search.query import understand

    everything = frozenset(searcher.documents)
    plain = searcher.search(understand(QUESTION), 10)
    scoped = searcher.search(understand(QUESTION), 10, within=everything)
    assert [c.pid for c in scoped.candidates] == [c.pid for c in plain.candidates]
    assembly = frozenset(d.id for d in searcher.documents.values() if d.body == "General Assembly")
    only = searcher.search(understand(QUESTION), 10, within=assembly)
    docs = {only.paragraphs[c.pid].doc_id for c in only.candidates}
    assert docs and docs <= assembly
    order = [c.pid for c in plain.candidates if plain.paragraphs[c.pid].doc_id in assembly]
    assert [c.pid for c in only.candidates][:3] == order[:3]  # the same order, the others left out
    none = searcher.search(understand("what does resolution 2003/73 say?"), 5, within=assembly)
    assert none.candidates == []  # it names only a document outside: nothing from elsewhere instead


def test_the_example_scopes_file_reads_and_a_broken_one_is_one_sentence(tmp_path):
    from qabot.errors import ConfigError
    from qabot.slack.scopes import load
    from tests.conftest import ROOT

    example = load(config.load(slack_scopes=str(ROOT / "config" / "slack-scopes.example.toml")))
    assert set(example.scopes) == {"assembly", "commission-2003", "asia-pacific"}
    assert example.for_channel("C0456REGIONAL").label == "Commission on Human Rights, 2003 + Asia-Pacific files"
    assert example.for_channel("C0UNLISTED").everything and example.for_member_of([]).everything
    for text, said in (("[scopes.x]\nyears = [\"2004-2002\"]\n", "must be years (2003) or ranges"),
                       ("[scopes.x]\nlabel = \"x\"\n", "sets none of folders, bodies or years"),
                       ("[channels]\ngeneral = \"all\"\n", "is not a Slack channel id"),
                       ("[scopes.x]\nfolders = [\"../etc\"]\n", "must be a folder inside the corpus"),
                       ("default = \"everything\"\n", "names the scope 'everything', which is not defined"),
                       ("[scopes\n", "Cannot read the scopes file")):
        path = tmp_path / "scopes.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError) as raised:
            load(config.load(slack_scopes=str(path)))
        assert said in str(raised.value) and "\n" not in str(raised.value)


def test_doctor_checks_the_scopes_file(scoped, tmp_path, monkeypatch):
    from qabot.doctor import diagnose
    from qabot.slack.scopes import check

    service, settings = scoped
    docs = list(service.searcher().documents.values())
    assert [ok for ok, *_ in check(settings, docs)] == [True]
    bad = tmp_path / "bad.toml"
    bad.write_text(SCOPES.replace('folders = ["assembly"]', 'folders = ["asembly"]')
                   .replace('"Commission on Human Rights"]', '"Commision on Human Rights"]'), encoding="utf-8")
    problems = [m for ok, m, _, warn in check(config.load(corpus=settings.corpus, slack_scopes=str(bad)), docs)
                if not ok]
    assert any("the folder asembly is not in the corpus" in m for m in problems)
    assert any("no document in the index is from the body 'commision on human rights'" in m for m in problems)

    monkeypatch.setenv("QABOT_CORPUS", str(settings.corpus))
    monkeypatch.setenv("QABOT_SLACK_SCOPES", str(settings.slack_scopes))
    good = [f for f in diagnose(settings.index, env={}) if f.topic == "slack scopes"]
    assert good and all(f.ok and not f.warning for f in good)
    typo = tmp_path / "typo.toml"
    typo.write_text(SCOPES.replace('C0COMMISSION = "commission"', 'C0COMMISSION = "comission"'), encoding="utf-8")
    monkeypatch.setenv("QABOT_SLACK_SCOPES", str(typo))
    found = [f for f in diagnose(settings.index, env={}) if f.topic == "slack scopes"]
    assert len(found) == 1 and not found[0].ok
    assert "names the scope 'comission', which is not defined (scopes: assembly, commission)" in found[0].message


# ---------------------------------------------------------------- 5. the Home tab
def test_the_home_tab_shows_how_to_ask_examples_from_the_corpus_last_questions_and_feedback(service, store,
                                                                                          tmp_path):
    from qabot import pipeline
    from qabot.citations import document_label
    from qabot.store.feedback import FeedbackStore

    feedback = FeedbackStore(tmp_path / "feedback")
    bot = RunningBot(service, feedback, store=store)
    try:
        ts = new_ts()
        bot.event(mention(QUESTION, channel="C0HOME", ts=ts))
        answer = bot.api.wait_for("chat.update", 1)[0]
        bot.click(answer, blocks.HELPFUL)
        bot.api.wait_for("response_url", 1)
        assert bot.home_opened("U0ALICE").status == 200
        alice = bot.api.wait_for("views.publish", 1)[0]
        bot.home_opened("U0NEWCOMER")
        newcomer = bot.api.wait_for("views.publish", 2)[1]
    finally:
        bot.close()
        feedback.close()
    assert alice.params["user_id"] == "U0ALICE"
    view = alice.params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    headers = [b["text"]["text"] for b in view["blocks"] if b["type"] == "header"]
    assert headers == ["qabot", "How to ask", "Examples from the collection", "Your last questions",
                       "What feedback said"]
    shown = [blocks.shown_text(b) for b in view["blocks"] if b["type"] == "rich_text"]
    examples = [s.split("\n")[0] for s in shown if "\nfrom " in s]
    assert 1 <= len(examples) <= 3 and wording.EXAMPLE not in examples
    searcher = service.searcher()
    sources = {s.split("\n")[0]: s.split("\n")[1] for s in shown if "\nfrom " in s}
    for example in examples:  # each is built from a document of the corpus and answered from it
        first = pipeline.ask(searcher, example, k=1).passages[0]
        assert sources[example] == f"from {document_label(first.document)}"
        assert (first.document.symbol or first.document.title[1:]) in example
    assert QUESTION in shown  # her last question
    said = [b["text"]["text"] for b in view["blocks"] if b["type"] == "section"]
    assert "Answers rated so far: 1 helpful, 0 not helpful." in said
    assert any(s.startswith("You found helpful: ") and QUESTION in s for s in shown)
    other = newcomer.params["view"]
    other = json.loads(other) if isinstance(other, str) else other
    assert any("You have not asked me anything yet." in json.dumps(b) for b in other["blocks"])
    assert QUESTION not in json.dumps(other)  # another person's questions are never shown


# ---------------------------------------------------------------- 6. health
def test_healthz_says_what_is_served(service):
    bot = RunningBot(service)
    try:
        url = bot.url.replace("/slack/events", "/healthz")
        with urllib.request.urlopen(url, timeout=10) as response:
            status, data = response.status, json.loads(response.read())
    finally:
        bot.close()
    assert status == 200 and data["ok"] is True
    assert data["generation"] == service.generation and data["model"] == "all-MiniLM-L6-v2"
    assert data["documents"] == 5 and data["uptime_s"] >= 0 and data["in_flight"] == 0
