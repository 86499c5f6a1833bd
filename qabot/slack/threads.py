"""What the bot remembers of a thread across restarts: its Conversation, kept in the index folder's
thread memory file (store/threads.py, which also records who asked what)."""

from __future__ import annotations

import json
import logging

from ..answer.conversation import Conversation
from ..store.threads import ThreadFile

log = logging.getLogger("qabot.slack")


class ThreadStore(ThreadFile):
    def load(self, channel: str, thread: str) -> Conversation | None:
        data = self.conversation_json(channel, thread)
        if data is None:
            return None
        try:
            return Conversation.from_json(json.loads(data))
        except (ValueError, TypeError, KeyError) as exc:  # written by another version: start the thread afresh
            log.warning("thread %s in %s could not be read back (%s); it starts afresh", thread, channel,
                        type(exc).__name__)
            return None

    def save(self, channel: str, thread: str, conversation: Conversation) -> None:
        self.save_conversation_json(channel, thread, json.dumps(conversation.to_json(), ensure_ascii=False))
