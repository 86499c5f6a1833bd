"""Slack resends an event it thinks was missed (X-Slack-Retry-Num); the same event_id is answered once.

Remembered for an hour (Slack retries within minutes), bounded in size, safe across threads."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict


class SeenEvents:
    def __init__(self, ttl_seconds: float = 3600, capacity: int = 50_000, clock=time.monotonic):
        self.ttl = ttl_seconds
        self.capacity = capacity
        self.clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, event_id: str) -> bool:
        """True the first time an id is seen (and remembers it); False for every repeat."""
        now = self.clock()
        with self._lock:
            while self._seen:
                oldest, at = next(iter(self._seen.items()))
                if now - at <= self.ttl and len(self._seen) < self.capacity:
                    break
                self._seen.popitem(last=False)
            if event_id in self._seen:
                return False
            self._seen[event_id] = now
            return True
