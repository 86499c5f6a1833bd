"""Work started on a thread while the caller goes on (loading the query encoder while the index opens)."""

from __future__ import annotations

import threading


class Background:
    """A call run on a thread; result() waits for it and raises what it raised. Used as a context manager,
    it is waited for however the block ends: a process must not exit while the thread is still inside
    a native library (ONNX Runtime aborts the process if it is torn down mid-initialisation)."""

    def __init__(self, call):
        self._out: list = []
        self._thread = threading.Thread(target=self._run, args=(call,), daemon=True)
        self._thread.start()

    def _run(self, call) -> None:
        try:
            self._out.append((True, call()))
        except BaseException as exc:  # handed to the caller by result()
            self._out.append((False, exc))

    def result(self):
        self._thread.join()
        ok, value = self._out[0]
        if not ok:
            raise value
        return value

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._thread.join()
