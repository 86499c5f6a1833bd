"""The work behind an ack: ask the question, render the answer, post it; and the buttons' work.

Listeners acknowledge at once and hand the work to `Bot.submit`, a pool of worker threads of its own,
so acks never wait behind answers. Whatever fails while answering (a question refused, an index that
cannot be served, a Slack API error, a bug) ends as one friendly line where the question was asked,
and in the log; the process keeps serving. `drain` lets what was acknowledged finish before a stop.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError

from .. import pipeline
from ..answer.conversation import both_within, neighbour_reference
from ..errors import BadQuestion, QabotError
from ..render import slack_blocks as blocks
from . import wording
from .dedupe import SeenEvents
from .memory import Answers, Remembered, Threads
from .ratelimit import RateLimit
from .replies import ButtonReply, ResponseUrlReply, ThreadReply, slack_error  # noqa: F401  (listeners use them)
from .scopes import EVERYTHING, Choice, Scopes
from ..store.threads import Asked

log = logging.getLogger("qabot.slack")

MEMBERSHIP_SECONDS = 600  # how long a person's channels are trusted for a DM's scope


class EmptyScope(BadQuestion):
    """The conversation's scope holds no document of the index."""


@dataclass
class Question:
    user: str
    text: str  # plain text, the bot's mention removed
    channel: str
    thread: str  # the conversation's key: the thread's ts, or "im" for a DM outside threads
    kind: str  # "mention", "thread", "dm", "command"


# ---------------------------------------------------------------- the bot
class Bot:
    def __init__(self, service, feedback=None, per_minute: int = 10, workers: int = 4, note_markdown=None,
                 store=None, scopes: Scopes | None = None):
        self.service = service
        self.feedback = feedback
        self.note_markdown = note_markdown
        self.store = store  # threads.ThreadStore: thread memory and questions across restarts
        self.scopes = scopes or Scopes()
        self.threads = Threads(store)
        self.answers = Answers()
        self.seen = SeenEvents()
        self.rate = RateLimit(per_minute)
        self.started = time.time()
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="qabot-answer")
        self._busy = 0
        self._idle = threading.Condition()
        self._members: dict[str, tuple[float, frozenset[str]]] = {}

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    # ------------------------------------------------------------ running work after the ack
    @property
    def in_flight(self) -> int:
        """Jobs acknowledged and not yet done (queued or running)."""
        with self._idle:
            return self._busy

    def submit(self, fn, *args) -> None:
        def run():
            try:
                fn(*args)
            except Exception:  # the job's own handling failed too: log it, keep serving
                log.exception("unexpected failure in %s", getattr(fn, "__name__", fn))
            finally:
                with self._idle:
                    self._busy -= 1
                    self._idle.notify_all()

        with self._idle:
            self._busy += 1
        self.pool.submit(run)

    def drain(self, timeout: float = 60.0) -> int:
        """Wait until every job acknowledged so far is done (at most `timeout` seconds), then stop the
        workers; returns how many were left unfinished."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._busy and time.monotonic() < deadline:
                self._idle.wait(deadline - time.monotonic())
            left = self._busy
        self.pool.shutdown(wait=not left, cancel_futures=True)
        return left

    # ------------------------------------------------------------ scopes
    def scope_for(self, channel: str | None, user: str | None, client=None) -> Choice:
        """The scopes a question in `channel` by `user` is answered from (a DM: those of the person's channels)."""
        if not self.scopes.configured:
            return EVERYTHING
        if channel and channel.startswith("D") and user:
            return self.dm_scope(user, client)
        return self.scopes.for_channel(channel or "")

    def dm_scope(self, user: str, client) -> Choice:
        """A direct message's scopes: those of the listed channels `user` is in (the default when none)."""
        if not self.scopes.configured:
            return EVERYTHING
        return self.scopes.for_member_of(self.member_of(user, client))

    def member_of(self, user: str, client) -> frozenset[str]:
        """The listed channels `user` is in (users.conversations), remembered for a few minutes."""
        now = time.monotonic()
        known = self._members.get(user)
        if known and now - known[0] < MEMBERSHIP_SECONDS:
            return known[1]
        found: set[str] = set()
        try:
            cursor = None
            for _ in range(20):  # 20 pages of 200 channels
                page = client.users_conversations(user=user, types="public_channel,private_channel",
                                                  exclude_archived=True, limit=200, cursor=cursor)
                found.update(c["id"] for c in page.get("channels") or [] if c.get("id") in self.scopes.channels)
                cursor = (page.get("response_metadata") or {}).get("next_cursor")
                if not cursor:
                    break
        except (SlackApiError, AttributeError) as exc:
            log.warning("cannot list the channels of %s (%s); a DM gets the default scope",
                        user, slack_error(exc) if isinstance(exc, SlackApiError) else "no client")
        members = frozenset(found)
        self._members[user] = (now, members)
        if len(self._members) > 10_000:
            self._members.clear()
        return members

    def within(self, choice: Choice, searcher) -> frozenset[str] | None:
        """The document ids `choice` allows (None: all); a scope with none is one sentence."""
        allowed = self.scopes.documents(choice, searcher)
        if allowed is not None and not allowed:
            raise EmptyScope(wording.NO_SCOPE if choice.nothing else wording.empty_scope(choice.label or ""))
        return allowed

    def scope_line(self, choice: Choice, allowed: frozenset[str] | None) -> str | None:
        if choice.label is None:
            return None
        count = len(self.service.searcher().documents) if allowed is None else len(allowed)
        return wording.answered_from(choice.label, count)

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

    def brief_refusal(self, user: str, questions: list[str]) -> str | None:
        """Why `/ask brief` is not done (no questions, too many, one too long, over the budget); else None."""
        if not questions:
            return wording.BRIEF_EMPTY
        if len(questions) > wording.MAX_BRIEF:
            return wording.BRIEF_TOO_MANY
        for text in questions:
            refused = self.refusal(Question(user, text, "", "", "brief"))
            if refused:
                return refused
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
            log.error("could not post a reply (%s)", slack_error(exc))

    def _answer(self, reply, question: Question, placeholder: bool) -> None:
        start = time.monotonic()
        try:
            if placeholder:
                try:
                    reply.send(blocks.notice(wording.SEARCHING), placeholder=True)
                except SlackApiError as exc:
                    log.warning("could not post the searching line (%s)", slack_error(exc))
            remembered, follow_up = self._ask(question, getattr(reply, "client", None))
            first = self.messages(remembered, asked=remembered.asked if follow_up and remembered.asked != question.text
                                  else None, ephemeral=question.kind == "command")[0]
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
            log.error("Slack refused the answer in %s (%s)", question.channel, slack_error(exc))
            self._say(reply, wording.INTERNAL)
        except Exception:
            log.exception("failed to answer a %s in %s", question.kind, question.channel)
            self._say(reply, wording.INTERNAL)

    def messages(self, remembered: Remembered, asked: str | None = None, ephemeral: bool = False,
                 more: bool = True) -> list[dict]:
        return blocks.answer_messages(remembered.answer, remembered.ref, asked=asked, ephemeral=ephemeral,
                                      export=self.note_markdown is not None, more=more, word=True,
                                      scope=remembered.scope)

    def _ask(self, question: Question, client=None) -> tuple[Remembered, bool]:
        """Ask in the question's conversation (a thread's earlier questions give a follow-up its sense),
        within the conversation's scope."""
        searcher = self.service.searcher()
        choice = self.scope_for(question.channel, question.user, client)
        allowed = self.within(choice, searcher)
        line = self.scope_line(choice, allowed)
        if question.kind == "command":
            answer = pipeline.ask(searcher, question.text, within=allowed)
            _note_outside(searcher, question.text, allowed, choice, answer)
            remembered = self.answers.remember(answer, answer.question, None, question.channel, None,
                                               question.user, scope=line)
            self._log(question, remembered)
            return remembered, False
        # an over-long or binary message is refused as typed, before it is read as a follow-up of anything
        text = pipeline.clean_question(question.text, searcher.settings.max_question_chars)
        with self.threads.conversation(question.channel, question.thread) as conversation:
            resolved = conversation.resolve(text, neighbour_reference(searcher.store, searcher.documents))
            answer = pipeline.ask(searcher, resolved.question, context_doc=resolved.context_doc,
                                  within=resolved.within_also(allowed))
            _note_outside(searcher, resolved.question, allowed, choice, answer)
            if resolved.note:
                answer.notes.insert(0, resolved.note)
            conversation.record(text, resolved.question, answer)
        remembered = self.answers.remember(answer, resolved.question, resolved.context_doc, question.channel,
                                           question.thread, question.user, scope=line, narrowing=resolved.narrowing)
        self._log(question, remembered)
        return remembered, resolved.follow_up

    def _log(self, question: Question, remembered: Remembered) -> None:
        """Keep the question (for the thread's Word note and the person's Home tab)."""
        if self.store is None:
            return
        try:
            self.store.record(Asked(question.user, question.channel, remembered.thread, question.kind,
                                    question.text, remembered.asked, remembered.context_doc, remembered.id,
                                    remembered.answer.found, remembered.scope))
        except QabotError as exc:
            log.error("could not keep the question: %s", exc)

    # ------------------------------------------------------------ buttons
    def recall(self, ref: dict, where: tuple | None = None) -> Remembered | None:
        """The answer a button belongs to; asked again (same question, same context, the scope of
        where it was clicked: `where` = (channel, user, client)) if forgotten."""
        remembered = self.answers.get(ref.get("id", ""))
        if remembered is not None:
            return remembered
        if not ref.get("q"):
            return None
        searcher = self.service.searcher()
        choice = self.scope_for(*where) if where else EVERYTHING
        allowed = self.within(choice, searcher)
        narrowing = ref.get("w") if isinstance(ref.get("w"), dict) else None
        # a follow-up's own narrowing ("and what about the Commission?": that body's texts), chosen again
        narrowed = neighbour_reference(searcher.store, searcher.documents).narrowed(narrowing)
        answer = pipeline.ask(searcher, ref["q"], context_doc=ref.get("d"), within=both_within(narrowed, allowed))
        channel, user = (where[0], where[1]) if where else (None, None)
        return self.answers.remember(answer, ref["q"], ref.get("d"), channel, None, user,
                                     answer_id=ref.get("id") or None, scope=self.scope_line(choice, allowed),
                                     narrowing=narrowing)

    def button(self, job, reply, ref: dict, *args, where: tuple | None = None) -> None:
        """Run a button's job after the ack; failures become one private line."""
        self.work(self._button, reply, job, ref, where, *args)

    def _button(self, reply, job, ref: dict, where, *args) -> None:
        remembered = self.recall(ref, where)
        if remembered is None:
            reply.private(blocks.notice(wording.EXPIRED))
            return
        job(remembered, reply, *args)

    def work(self, job, reply, *args) -> None:
        """Run `job(reply, *args)` after the ack; failures become one private line."""
        self.submit(self._guarded, job, reply, *args)

    def _guarded(self, job, reply, *args) -> None:
        try:
            job(reply, *args)
        except BadQuestion as exc:
            _quietly(reply, str(exc))
        except QabotError as exc:
            log.error("%s: %s", getattr(job, "__name__", job), exc)
            _quietly(reply, wording.cannot_answer(str(exc)))
        except SlackApiError as exc:
            log.error("%s: Slack refused (%s)", getattr(job, "__name__", job), slack_error(exc))
            _quietly(reply, wording.slack_refused(slack_error(exc)))
        except Exception:
            log.exception("%s failed", getattr(job, "__name__", job))
            _quietly(reply, wording.INTERNAL)

    def show_more(self, remembered: Remembered, reply, page: int, ephemeral: bool, origin) -> None:
        """Post page `page` of the answer; the clicked message loses its "Show more" button."""
        messages = self.messages(remembered, ephemeral=ephemeral)
        if not 0 < page < len(messages):
            reply.private(blocks.notice(wording.EXPIRED))
            return
        reply.send(messages[page])
        if origin is not None:  # (client, channel, ts) of the clicked message
            client, channel, ts = origin
            done = self.messages(remembered, ephemeral=ephemeral, more=False)
            try:
                client.chat_update(channel=channel, ts=ts, **done[page - 1])
            except SlackApiError as exc:
                log.warning("could not remove the Show more button (%s)", slack_error(exc))

    def post_to_channel(self, remembered: Remembered, reply, client, channel: str, user: str) -> None:
        """An answer seen only by its asker (/ask), posted for everyone; its thread then takes follow-ups."""
        first = _with_header(self.messages(remembered)[0],
                             wording.asked_by(user, blocks.escape(blocks.cut(remembered.asked, 1500))))
        try:
            response = client.chat_postMessage(channel=channel, unfurl_links=False, unfurl_media=False, **first)
        except SlackApiError as exc:
            log.warning("cannot post to %s (%s)", channel, slack_error(exc))
            reply.private(blocks.notice(wording.CANNOT_POST))
            return
        ts = response.get("ts")
        if ts:
            with self.threads.conversation(channel, ts) as conversation:
                conversation.record(remembered.asked, remembered.asked, remembered.answer)
            posted = Question(user, remembered.asked, channel, ts, "posted")
            self._log(posted, Remembered(remembered.id, remembered.answer, remembered.asked, remembered.context_doc,
                                         channel, ts, user, remembered.scope))
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


def _note_outside(searcher, text: str, allowed, choice: Choice, answer) -> None:
    """A question that names documents outside the scope is told so (they are not searched)."""
    if allowed is None:
        return
    from ..search.query import understand

    query = understand(text)
    outside = []
    for name in query.symbols + query.numbers:
        for doc in searcher.store.find_documents(name):
            if doc.id not in allowed and doc.name not in outside:
                outside.append(doc.name)
    if outside:
        answer.notes.insert(0, wording.outside_scope(outside, choice.label or ""))


def _with_header(message: dict, line: str) -> dict:
    header = {"type": "context", "elements": [blocks.mrkdwn(line)]}
    return {"text": message["text"], "blocks": [header] + message["blocks"]}


def _quietly(reply, line: str) -> None:
    try:
        reply.private(blocks.notice(line))
    except Exception as exc:  # nothing more can be done than logging
        log.error("could not post a failure line (%s)", type(exc).__name__)
