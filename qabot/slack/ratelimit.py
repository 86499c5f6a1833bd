"""A per-person budget of questions: at most N in any sliding minute. Button clicks are not counted."""

from __future__ import annotations

import threading
import time
from collections import deque


class RateLimit:
    def __init__(self, per_minute: int, window_seconds: float = 60.0, clock=time.monotonic):
        self.per_minute = per_minute
        self.window = window_seconds
        self.clock = clock
        self._asked: dict[str, deque] = {}
        self._lock = threading.Lock()

    def allow(self, user: str) -> tuple[bool, int]:
        """(allowed?, seconds to wait when not). An allowed question is counted."""
        if self.per_minute <= 0:
            return True, 0
        now = self.clock()
        with self._lock:
            times = self._asked.setdefault(user, deque())
            while times and now - times[0] >= self.window:
                times.popleft()
            if len(times) >= self.per_minute:
                return False, int(self.window - (now - times[0])) + 1
            times.append(now)
            if len(self._asked) > 10_000:  # forget people who have been quiet for a window
                for name in [u for u, t in self._asked.items() if not t or now - t[-1] >= self.window]:
                    del self._asked[name]
            return True, 0
