"""What the bot remembers between messages, in memory, bounded, safe across worker threads.

- Threads: for each conversation where qabot has answered (a channel thread, a DM), its Conversation
  (qabot.conversation), so "and in 2004?" is read after the question before it. With a ThreadStore
  (threads.py, `<index>/threads.sqlite`) they outlive the process; without one, a restart forgets them.
- Answers: recent answers by id, for the buttons (Show more, Post to channel, Export, feedback). A
  button whose answer was forgotten asks its question again (the question travels in the button)."""

from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass

from ..records import Answer
from ..answer.conversation import Conversation
from ..errors import QabotError

log = logging.getLogger("qabot.slack")


class _Bounded:
    def __init__(self, capacity: int):
        self.capacity = capacity
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def _get(self, key):
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def _put(self, key, item):
        with self._lock:
            self._items[key] = item
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)


class _Thread:
    def __init__(self):
        self.conversation = Conversation()
        self.lock = threading.Lock()


class Threads(_Bounded):
    """Conversations by (channel, thread ts); only those where qabot has answered are known. With a
    `store`, each question reads its thread from the file and writes it back (a restart, or another
    bot on the same index, sees it); the process holds only the locks that keep a thread's answers in
    order."""

    def __init__(self, store=None, capacity: int = 10_000):
        super().__init__(capacity)
        self.store = store

    def knows(self, channel: str, thread: str) -> bool:
        """Has qabot answered in this thread?"""
        item = self._get((channel, thread))
        if item is not None and item.conversation.turns:
            return True
        if self.store is None:
            return False
        try:
            return self.store.knows(channel, thread)
        except QabotError as exc:
            log.error("could not look up thread %s in %s: %s", thread, channel, exc)
            return False

    @contextmanager
    def conversation(self, channel: str, thread: str):
        """The thread's conversation, held for one question at a time (answers keep their order)."""
        item = self._get((channel, thread))
        if item is None:
            with self._lock:
                item = self._items.setdefault((channel, thread), _Thread())
        with item.lock:
            if self.store is not None:
                try:
                    item.conversation = self.store.load(channel, thread) or item.conversation
                except QabotError as exc:  # answered without the thread's earlier questions
                    log.error("could not read thread %s in %s: %s", thread, channel, exc)
            yield item.conversation
            if self.store is not None and item.conversation.turns:
                try:
                    self.store.save(channel, thread, item.conversation)
                except QabotError as exc:  # the answer still goes out; only the memory of it is lost
                    log.error("could not remember thread %s in %s: %s", thread, channel, exc)
        self._put((channel, thread), item)


@dataclass
class Remembered:
    id: str
    answer: Answer
    asked: str  # the question as asked (a follow-up resolved)
    context_doc: str | None
    channel: str | None
    thread: str | None
    user: str | None
    scope: str | None = None  # "Answered from: ..." when scopes are configured
    narrowing: dict | None = None  # a follow-up's own narrowing ("what about the Commission?"): Resolved.narrowing

    @property
    def ref(self) -> dict:
        """What a button carries: the id, and what to ask again if the answer is forgotten."""
        ref = {"id": self.id, "q": self.asked}
        if self.context_doc:
            ref["d"] = self.context_doc
        if self.narrowing:
            ref["w"] = self.narrowing
        return ref


class Answers(_Bounded):
    def __init__(self, capacity: int = 2_000):
        super().__init__(capacity)

    def remember(self, answer: Answer, asked: str, context_doc: str | None = None, channel: str | None = None,
                 thread: str | None = None, user: str | None = None, answer_id: str | None = None,
                 scope: str | None = None, narrowing: dict | None = None) -> Remembered:
        item = Remembered(answer_id or uuid.uuid4().hex[:16], answer, asked, context_doc, channel, thread, user,
                          scope, narrowing)
        self._put(item.id, item)
        return item

    def get(self, answer_id: str) -> Remembered | None:
        return self._get(answer_id)
