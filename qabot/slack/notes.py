"""Briefing notes from Slack as Word files: the same note as `qabot brief -o note.docx`.

- The "Word note" button: the answers of the clicked answer's thread, up to it, as a .docx uploaded in
  that thread (an answer only its asker sees, from /ask, goes to the asker's DM with qabot).
- `/ask brief QUESTION; QUESTION`: each question asked in turn, the note sent to the asker's DM.

Files go up with Slack's current flow (files.getUploadURLExternal, the bytes to the URL it returns,
then files.completeUploadExternal, as slack_sdk's files_upload_v2 does); files.upload is retired.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from .. import pipeline
from ..errors import QabotError
from ..notes.brief import note_from_answers
from ..render import note_docx
from ..render import slack_blocks as blocks
from . import wording
from .memory import Remembered
from ..store.threads import Asked

log = logging.getLogger("qabot.slack")

def brief_questions(text: str) -> list[str] | None:
    """The questions of `/ask brief Q; Q` (None when the command is not a brief)."""
    found = re.match(r"^\s*brief\b[:\s]*(.*)$", text, re.I | re.S)
    if not found:
        return None
    return [q.strip() for q in re.split(r"[;\n]", found.group(1)) if q.strip()]


def filename(title: str) -> str:
    words = re.sub(r"[^\w\s-]", "", title, flags=re.UNICODE).split()[:8]
    return f"qabot-{'-'.join(words).lower() or 'note'}-{dt.date.today().isoformat()}.docx"


def upload(client, data: bytes, title: str, channel: str, thread_ts: str | None, comment: str) -> dict:
    """The .docx in `channel` (in the thread `thread_ts`), through the two-step upload; the file's record."""
    response = client.files_upload_v2(content=data, filename=filename(title), title=title, channel=channel,
                                      thread_ts=thread_ts, initial_comment=comment)
    log.info("uploaded a briefing note (%d bytes) to %s", len(data), channel)
    return response.get("file") or {}


def direct_channel(client, user: str) -> str:
    """The DM between qabot and `user` (conversations.open)."""
    return client.conversations_open(users=user)["channel"]["id"]


def thread_answers(bot, remembered: Remembered, channel: str | None, thread: str | None, where) -> list:
    """The answers of the clicked answer's thread, oldest first, up to the clicked one (asked again in the
    scope of the thread, the clicked one as shown); just the clicked one outside a thread."""
    asked: list[Asked] = []
    channel, thread = remembered.channel or channel, remembered.thread or thread
    if bot.store is not None and channel and thread and thread != "im":
        asked = bot.store.in_thread(channel, thread)
        ids = [a.answer_id for a in asked]
        if remembered.id in ids:
            asked = asked[:ids.index(remembered.id) + 1]
    if not any(a.answer_id == remembered.id for a in asked):
        asked.append(Asked(remembered.user or "", remembered.channel, remembered.thread, "clicked",
                           remembered.asked, remembered.asked, remembered.context_doc, remembered.id))
    searcher = bot.service.searcher()
    allowed = bot.within(bot.scope_for(*where), searcher) if where else None
    answers, seen = [], set()
    for a in asked:
        if a.answer_id == remembered.id:
            answers.append(remembered.answer)
        elif (a.asked, a.context_doc) not in seen:
            answers.append(pipeline.ask(searcher, a.asked, context_doc=a.context_doc, within=allowed))
        seen.add((a.asked, a.context_doc))
    return answers


def word_note(bot, remembered: Remembered, reply, client, user: str, where) -> None:
    """The "Word note" button's job."""
    channel = getattr(reply, "channel", None)
    answers = thread_answers(bot, remembered, channel, getattr(reply, "thread_ts", None), where)
    title = answers[0].question if len(answers) == 1 else wording.EXPORT_TITLE
    data = note_docx.to_bytes(note_from_answers(answers, title=title))
    if channel is None:  # an answer only its asker sees: the note goes to their DM
        record = upload(client, data, title, direct_channel(client, user), None, wording.note_posted(len(answers)))
        reply.private(blocks.notice(wording.note_in_dm(len(answers), record.get("permalink"))))
        return
    upload(client, data, title, channel, reply.thread_ts, wording.note_posted(len(answers)))


def brief(bot, reply, client, user: str, channel: str, questions: list[str]) -> None:
    """`/ask brief`: each question asked in the scope of where the command was typed; the note in a DM."""
    searcher = bot.service.searcher()
    choice = bot.scope_for(channel, user, client)
    allowed = bot.within(choice, searcher)
    answers = [pipeline.ask(searcher, q, within=allowed) for q in questions]
    if bot.store is not None:
        try:
            for q, answer in zip(questions, answers):
                bot.store.record(Asked(user, channel, None, "brief", q, answer.question, found=answer.found,
                                       scope=bot.scope_line(choice, allowed)))
        except QabotError as exc:  # the note still goes out
            log.error("could not keep the questions of a brief: %s", exc)
    note = note_from_answers(answers, title=wording.EXPORT_TITLE)
    data = note_docx.to_bytes(note)
    comment = wording.note_posted(len(answers))
    line = bot.scope_line(choice, allowed)
    record = upload(client, data, wording.EXPORT_TITLE, direct_channel(client, user), None,
                    comment + (f" {line}." if line else ""))
    reply.send(blocks.notice(wording.note_in_dm(len(answers), record.get("permalink"))))
    log.info("briefing note of %d questions for %s", len(questions), user)
