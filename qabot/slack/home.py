"""The App Home tab: how to ask, examples drawn from the collection the person may ask about, their
last questions, and what feedback said. Published (views.publish) each time the tab is opened.

Examples are built from the documents themselves (a title and the document's name, "what does A/RES/57/210
say about regional arrangements ...?") and kept only when qabot really answers them from that document,
so they stay true whatever the corpus; they are worked out once per generation and scope."""

from __future__ import annotations

import logging
import threading

from slack_sdk.errors import SlackApiError

from .. import pipeline
from ..errors import QabotError
from ..render import slack_blocks as blocks
from .replies import slack_error

log = logging.getLogger("qabot.slack")

EXAMPLES = 3
LAST_QUESTIONS = 5
HOW_TO_ASK = "\n".join([
    "\u2022 *Mention me in a channel* (`@qabot` and your question): I answer in the thread. Write in the thread "
    "to follow up, for example _and in 2004?_",
    "\u2022 *Send me a direct message* with your question.",
    "\u2022 `/ask QUESTION`: only you see the answer, with a button to post it to the channel.",
    "\u2022 `/ask brief QUESTION; QUESTION`: a Word briefing note of the answers, in your direct messages.",
    "\u2022 Under each answer: *Helpful* / *Not helpful*, *Export* (Markdown) and *Word note* (the thread's "
    "answers as a .docx).",
])

_examples: dict = {}
_lock = threading.Lock()


def publish(bot, client, user: str) -> None:
    try:
        client.views_publish(user_id=user, view={"type": "home", "blocks": view_blocks(bot, client, user)})
    except SlackApiError as exc:
        log.warning("could not publish the Home tab of %s (%s)", user, slack_error(exc))


def view_blocks(bot, client, user: str) -> list[dict]:
    searcher = bot.service.searcher()
    choice = bot.dm_scope(user, client)
    allowed = bot.scopes.documents(choice, searcher)
    docs = [d for d in searcher.documents.values() if allowed is None or d.id in allowed]
    out = [{"type": "header", "text": blocks.plain_text("qabot")},
           _mrkdwn("I answer questions about UN resolutions with the paragraphs that say so, quoted whole "
                   "and cited, each with a link to the document."),
           {"type": "context", "elements": [blocks.plain_text(_collection(docs, choice.label), emoji=False)]},
           {"type": "header", "text": blocks.plain_text("How to ask")}, _mrkdwn(HOW_TO_ASK)]
    found = examples(searcher, allowed)
    if found:
        out.append({"type": "header", "text": blocks.plain_text("Examples from the collection")})
        out += [blocks.rich_text(blocks.rich_section(blocks.text_element(question, bold=True),
                                                     blocks.text_element("\n" + source)))
                for question, source in found]
    out += _last_questions(bot, user) + _feedback(bot, user)
    return out[:100]


def _mrkdwn(text: str) -> dict:
    return {"type": "section", "text": blocks.mrkdwn(text)}


def _collection(docs, label: str | None) -> str:
    years = sorted(d.date[:4] for d in docs if d.date)
    bodies = sorted({d.body for d in docs if d.body})
    span = f", {years[0]}\u2013{years[-1]}" if years and years[0] != years[-1] else (f", {years[0]}" if years else "")
    text = f"{len(docs):,} document{'s' if len(docs) != 1 else ''}{span}"
    if bodies:
        text += ": " + ", ".join(bodies[:6]) + (" and more" if len(bodies) > 6 else "")
    if label:
        text += f". Your direct messages are answered from {label}."
    return blocks.cut(text, blocks.CONTEXT_LIMIT)


# ---------------------------------------------------------------- examples from the corpus
def _candidates(docs) -> list:
    """Documents to build examples from: the newest first, one per body before a second from any."""
    ordered = sorted(docs, key=lambda d: d.date or "", reverse=True)
    firsts, rest, bodies = [], [], set()
    for d in ordered:
        (rest if d.body in bodies else firsts).append(d)
        bodies.add(d.body)
    return [d for d in firsts + rest if d.title]


def _question(doc) -> str:
    topic = doc.title.strip().rstrip(".")
    topic = topic[0].lower() + topic[1:] if topic[:1].isupper() and not topic[:2].isupper() else topic
    name = doc.symbol or (f"resolution {doc.number}" if doc.number else None)
    if name:
        return f"what does {name} say about {topic}?"
    year = f" in {doc.date[:4]}" if doc.date else ""
    return f"what did the {doc.body or 'resolution'} decide{year} about {topic}?"


def examples(searcher, allowed) -> list[tuple[str, str]]:
    """(question, where its answer comes from) for up to EXAMPLES documents; each is asked, and kept only
    when it is answered from its own document."""
    key = (searcher.generation, allowed)
    with _lock:
        if key in _examples:
            return _examples[key]
    from ..citations import document_label

    docs = [d for d in searcher.documents.values() if allowed is None or d.id in allowed]
    found = []
    for doc in _candidates(docs)[:EXAMPLES * 3]:
        question = _question(doc)
        try:
            answer = pipeline.ask(searcher, question, within=allowed, k=1)
        except QabotError:
            continue
        if answer.found and answer.passages and answer.passages[0].document.id == doc.id:
            found.append((question, f"from {document_label(doc)}"))
        if len(found) == EXAMPLES:
            break
    with _lock:
        if len(_examples) > 64:
            _examples.clear()
        _examples[key] = found
    return found


# ---------------------------------------------------------------- the person's questions and feedback
def _where(asked) -> str:
    if asked.kind in ("command", "brief"):
        return "/ask brief" if asked.kind == "brief" else "/ask"
    if asked.channel and asked.channel.startswith("D"):
        return "direct message"
    return f"<#{asked.channel}>" if asked.channel else "Slack"


def _last_questions(bot, user: str) -> list[dict]:
    out = [{"type": "header", "text": blocks.plain_text("Your last questions")}]
    recent = bot.store.recent(user, LAST_QUESTIONS) if bot.store is not None else []
    if not recent:
        return out + [{"type": "context", "elements": [blocks.mrkdwn("You have not asked me anything yet.")]}]
    verdicts = {}
    if bot.feedback is not None:
        verdicts = {e.answer_id: e.verdict for e in bot.feedback.entries(user=user, limit=200)}
    for asked in recent:
        mark = {"helpful": "  \U0001F44D", "not_helpful": "  \U0001F44E"}.get(verdicts.get(asked.answer_id), "")
        status = "" if asked.found is None else ("" if asked.found else ", not found")
        out.append(blocks.rich_text(blocks.rich_section(blocks.text_element(blocks.cut(asked.question, 1500)))))
        out.append({"type": "context", "elements": [blocks.mrkdwn(
            f"{_where(asked)}, {asked.at[:10]}{status}{mark}")]})
    return out


def _feedback(bot, user: str) -> list[dict]:
    if bot.feedback is None:
        return []
    totals = bot.feedback.totals()
    mine = bot.feedback.entries(user=user, limit=3)
    said = (f"Answers rated so far: {totals['helpful']:,} helpful, {totals['not_helpful']:,} not helpful."
            if sum(totals.values()) else "No answer has been rated yet: the buttons under each answer tell us "
            "what helps.")
    out = [{"type": "header", "text": blocks.plain_text("What feedback said")}, _mrkdwn(said)]
    for e in mine:
        verdict = "helpful" if e.verdict == "helpful" else "not helpful"
        out.append(blocks.rich_text(blocks.rich_section(blocks.text_element(f"You found {verdict}: ", italic=True),
                                                        blocks.text_element(blocks.cut(e.question, 1500)))))
    return out
