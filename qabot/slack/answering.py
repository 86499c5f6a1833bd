"""The work behind an ack: ask the question, render the answer, post it; and the buttons' work.

Listeners acknowledge at once and hand the work to `Bot.submit`, a pool of worker threads of its own,
so acks never wait behind answers. Whatever fails while answering (a question refused, an index that
cannot be served, a Slack API error, a bug) ends as one friendly line where the question was asked,
and in the log; the process keeps serving.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError

from .. import pipeline
from ..answer.conversation import neighbour_reference
from ..errors import BadQuestion, QabotError
from ..render import slack_blocks as blocks
from . import wording
from .dedupe import SeenEvents
from .memory import Answers, Remembered, Threads
from .ratelimit import RateLimit

log = logging.getLogger("qabot.slack")


# ---------------------------------------------------------------- where a reply goes
class ThreadReply:
    """Messages in a channel (or DM), in a thread when `thread_ts` is given. The first message sent with
    `placeholder=True` is replaced by the next one (the "Searching..." line by the answer)."""

    def __init__(self, client, channel: str, thread_ts: str | None):
        self.client = client
        self.channel = channel
        self.thread_ts = thread_ts
        self._placeholder: str | None = None

    def send(self, message: dict, placeholder: bool = False) -> str | None:
        if self._placeholder and not placeholder:
            ts, self._placeholder = self._placeholder, None
            try:
                self.client.chat_update(channel=self.channel, ts=ts, **message)
                return ts
            except SlackApiError as exc:
                log.warning("chat.update failed in %s (%s); posting instead", self.channel, _error(exc))
            try:
                return self._post(message)
            except SlackApiError:
                self._placeholder = ts  # what is said next (the failure line) may still replace it
                raise
        ts = self._post(message)
        if placeholder:
            self._placeholder = ts
        return ts

    def _post(self, message: dict) -> str | None:
        response = self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts, unfurl_links=False,
                                                unfurl_media=False, **message)
        return response.get("ts")

    def private(self, message: dict) -> None:
        self.send(message)


class ButtonReply(ThreadReply):
    """A click on a message in a conversation: what is for everyone goes in the message's thread, what
    is for the one who clicked (thanks, refusals) through the action's response_url."""

    def __init__(self, client, channel: str, thread_ts: str | None, respond):
        super().__init__(client, channel, thread_ts)
        self.respond = respond

    def private(self, message: dict) -> None:
        self.respond(response_type="ephemeral", replace_original=False, **message)


class ResponseUrlReply:
    """Messages only the asker sees, through a slash command's or a button's response_url."""

    def __init__(self, respond, replace: bool = True):
        self.respond = respond
        self.replace = replace

    def send(self, message: dict, placeholder: bool = False) -> None:
        self.respond(response_type="ephemeral", replace_original=self.replace, **message)

    def private(self, message: dict) -> None:
        self.respond(response_type="ephemeral", replace_original=False, **message)


def _error(exc: SlackApiError) -> str:
    try:
        return str(exc.response.get("error") or exc.response.status_code)
    except Exception:  # a response without a body
        return type(exc).__name__


@dataclass
class Question:
    user: str
    text: str  # plain text, the bot's mention removed
    channel: str
    thread: str  # the conversation's key: the thread's ts, or "im" for a DM outside threads
    kind: str  # "mention", "thread", "dm", "command"


# ---------------------------------------------------------------- the bot
class Bot:
    def __init__(self, service, feedback=None, per_minute: int = 10, workers: int = 4, note_markdown=None):
        self.service = service
        self.feedback = feedback
        self.note_markdown = note_markdown
        self.threads = Threads()
        self.answers = Answers()
        self.seen = SeenEvents()
        self.rate = RateLimit(per_minute)
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="qabot-answer")

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    # ------------------------------------------------------------ running work after the ack
    def submit(self, fn, *args) -> None:
        def run():
            try:
                fn(*args)
            except Exception:  # the job's own handling failed too: log it, keep serving
                log.exception("unexpected failure in %s", getattr(fn, "__name__", fn))

        self.pool.submit(run)

    # ------------------------------------------------------------ questions
    def refusal(self, question: Question) -> str | None:
        """Why the question is not asked (empty, too long, over the budget), as a line; else None.
        Counts the question against the person's budget."""
        if not question.text.strip():
            return wording.EMPTY_COMMAND if question.kind == "command" else wording.EMPTY
        limit = self.service.settings.max_question_chars
        if len(question.text) > limit:
            return wording.too_long(len(question.text), limit)
        allowed, wait = self.rate.allow(question.user)
        if not allowed:
            log.info("rate limit: %s asked %d questions within a minute", question.user, self.rate.per_minute)
            return wording.rate_limited(self.rate.per_minute, wait)
        return None

    def question(self, reply, question: Question, placeholder: bool = True) -> None:
        """Answer `question` through `reply` (after the ack: call from a listener, returns at once)."""
        refused = self.refusal(question)
        if refused:
            self.submit(self._say, reply, refused)
        else:
            self.answer_later(reply, question, placeholder)

    def answer_later(self, reply, question: Question, placeholder: bool = True) -> None:
        """Answer a question already checked by `refusal` on a worker."""
        self.submit(self._answer, reply, question, placeholder)

    def _say(self, reply, line: str) -> None:
        try:
            reply.send(blocks.notice(line))
        except SlackApiError as exc:
            log.error("could not post a reply (%s)", _error(exc))

    def _answer(self, reply, question: Question, placeholder: bool) -> None:
        start = time.monotonic()
        try:
            if placeholder:
                try:
                    reply.send(blocks.notice(wording.SEARCHING), placeholder=True)
                except SlackApiError as exc:
                    log.warning("could not post the searching line (%s)", _error(exc))
            remembered, follow_up = self._ask(question)
            messages = blocks.answer_messages(remembered.answer, remembered.ref,
                                              asked=remembered.asked if follow_up and remembered.asked != question.text
                                              else None,
                                              ephemeral=question.kind == "command",
                                              export=self.note_markdown is not None)
            first = messages[0]
            if question.kind == "command":
                first = _with_header(first, wording.you_asked(blocks.escape(blocks.cut(question.text, 1500))))
            reply.send(first)
            answer = remembered.answer
            log.info("answered %s from %s in %s in %.2fs (%s, %d passages, %s)", question.kind, question.user,
                     question.channel, time.monotonic() - start, "found" if answer.found else "not found",
                     len(answer.passages), answer.generation or self.service.generation)
        except BadQuestion as exc:
            self._say(reply, str(exc))
        except QabotError as exc:
            log.error("cannot answer in %s: %s", question.channel, exc)
            self._say(reply, wording.cannot_answer(str(exc)))
        except SlackApiError as exc:
            log.error("Slack refused the answer in %s (%s)", question.channel, _error(exc))
            self._say(reply, wording.INTERNAL)
        except Exception:
            log.exception("failed to answer a %s in %s", question.kind, question.channel)
            self._say(reply, wording.INTERNAL)

    def _ask(self, question: Question) -> tuple[Remembered, bool]:
        """Ask in the question's conversation (a thread's earlier questions give a follow-up its sense)."""
        searcher = self.service.searcher()
        if question.kind == "command":
            answer = pipeline.ask(searcher, question.text)
            return self.answers.remember(answer, answer.question, None, question.channel, None, question.user), False
        with self.threads.conversation(question.channel, question.thread) as conversation:
            resolved = conversation.resolve(question.text, neighbour_reference(searcher.store, searcher.documents))
            answer = pipeline.ask(searcher, resolved.question, context_doc=resolved.context_doc)
            conversation.record(question.text, resolved.question, answer)
        remembered = self.answers.remember(answer, resolved.question, resolved.context_doc, question.channel,
                                           question.thread, question.user)
        return remembered, resolved.follow_up

    # ------------------------------------------------------------ buttons
    def recall(self, ref: dict) -> Remembered | None:
        """The answer a button belongs to; asked again (same question, same context) if forgotten."""
        remembered = self.answers.get(ref.get("id", ""))
        if remembered is not None:
            return remembered
        if not ref.get("q"):
            return None
        answer = pipeline.ask(self.service.searcher(), ref["q"], context_doc=ref.get("d"))
        return self.answers.remember(answer, ref["q"], ref.get("d"), answer_id=ref.get("id") or None)

    def button(self, job, reply, ref: dict, *args) -> None:
        """Run a button's job after the ack; failures become one private line."""
        self.submit(self._button, job, reply, ref, *args)

    def _button(self, job, reply, ref: dict, *args) -> None:
        try:
            remembered = self.recall(ref)
            if remembered is None:
                reply.private(blocks.notice(wording.EXPIRED))
                return
            job(remembered, reply, *args)
        except QabotError as exc:
            log.error("button %s: %s", getattr(job, "__name__", job), exc)
            _quietly(reply, wording.cannot_answer(str(exc)))
        except SlackApiError as exc:
            log.error("button %s: Slack refused (%s)", getattr(job, "__name__", job), _error(exc))
            _quietly(reply, wording.INTERNAL)
        except Exception:
            log.exception("button %s failed", getattr(job, "__name__", job))
            _quietly(reply, wording.INTERNAL)

    def show_more(self, remembered: Remembered, reply, page: int, ephemeral: bool, origin) -> None:
        """Post page `page` of the answer; the clicked message loses its "Show more" button."""
        messages = blocks.answer_messages(remembered.answer, remembered.ref, ephemeral=ephemeral,
                                          export=self.note_markdown is not None)
        if not 0 < page < len(messages):
            reply.private(blocks.notice(wording.EXPIRED))
            return
        reply.send(messages[page])
        if origin is not None:  # (client, channel, ts) of the clicked message
            client, channel, ts = origin
            done = blocks.answer_messages(remembered.answer, remembered.ref, ephemeral=ephemeral,
                                          export=self.note_markdown is not None, more=False)
            try:
                client.chat_update(channel=channel, ts=ts, **done[page - 1])
            except SlackApiError as exc:
                log.warning("could not remove the Show more button (%s)", _error(exc))

    def post_to_channel(self, remembered: Remembered, reply, client, channel: str, user: str) -> None:
        """An answer seen only by its asker (/ask), posted for everyone; its thread then takes follow-ups."""
        messages = blocks.answer_messages(remembered.answer, remembered.ref, export=self.note_markdown is not None)
        first = _with_header(messages[0], wording.asked_by(user, blocks.escape(blocks.cut(remembered.asked, 1500))))
        try:
            response = client.chat_postMessage(channel=channel, unfurl_links=False, unfurl_media=False, **first)
        except SlackApiError as exc:
            log.warning("cannot post to %s (%s)", channel, _error(exc))
            reply.private(blocks.notice(wording.CANNOT_POST))
            return
        ts = response.get("ts")
        if ts:
            with self.threads.conversation(channel, ts) as conversation:
                conversation.record(remembered.asked, remembered.asked, remembered.answer)
        reply.respond(delete_original=True)

    def record_feedback(self, remembered: Remembered, reply, user: str, verdict: str, channel: str | None) -> None:
        if self.feedback is None:
            return
        self.feedback.record(remembered.id, user, verdict, remembered.answer, asked=remembered.asked, channel=channel)
        log.info("feedback %s from %s on answer %s", verdict, user, remembered.id)
        reply.private(blocks.notice(wording.THANKS_HELPFUL if verdict == "helpful" else wording.THANKS_NOT_HELPFUL))

    def export(self, remembered: Remembered, reply) -> None:
        """The briefing note of the answer, as Markdown to copy, in the answer's thread."""
        if self.note_markdown is None:
            reply.private(blocks.notice(wording.EXPORT_UNAVAILABLE))
            return
        note = self.note_markdown([remembered.answer], title=remembered.asked)
        for text in blocks.code_messages(note):
            reply.send({"text": text})


def _with_header(message: dict, line: str) -> dict:
    header = {"type": "context", "elements": [blocks.mrkdwn(line)]}
    return {"text": message["text"], "blocks": [header] + message["blocks"]}


def _quietly(reply, line: str) -> None:
    try:
        reply.private(blocks.notice(line))
    except Exception as exc:  # nothing more can be done than logging
        log.error("could not post a failure line (%s)", type(exc).__name__)
