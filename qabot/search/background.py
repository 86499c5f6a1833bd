"""Work started on a thread while the caller goes on (loading the query encoder while the index opens)."""

from __future__ import annotations

import threading
from pathlib import Path


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

    def wait(self) -> None:
        """Wait for the call to end, whatever it gave (what is not used must not outlive its process)."""
        self._thread.join()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._thread.join()


def encoder_key(manifest, models: Path) -> tuple:
    """What the query encoder of a generation is built from (its manifest's model, encoder and export)."""
    return manifest.model, manifest.encoder, str(models), manifest.export


def build_encoder(key: tuple):
    from ..embed import encoders

    model, encoder, models, export = key
    return encoders.query_encoder(model, encoder, Path(models), export=export)


def early_encoder(settings) -> Background | None:
    """The query encoder of the generation being served, started on a thread before the rest of qabot is
    imported (numpy, FAISS, the search: a fifth of a second a cold `qabot ask` spent before it began
    building the ONNX session). Its manifest is read unverified: the Searcher uses the encoder only if
    the verified manifest names the same one. None when there is no generation to read."""
    from ..errors import QabotError
    from ..index.generations import IndexFolder
    from ..index.manifest import Manifest

    folder = IndexFolder(settings.index)
    try:
        name = folder.current_name()
        if name is None or settings.backend != "faiss":
            return None
        key = encoder_key(Manifest.read(folder.root / name), folder.models)
    except (QabotError, OSError, ValueError):
        return None  # (the Searcher says what is wrong)
    job = Background(lambda: build_encoder(key))
    job.key = key
    return job
