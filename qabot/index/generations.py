"""The index folder and its generations.

    embeddings/
      CURRENT            name of the generation being served ("gen-000007")
      gen-000007/        store.sqlite, vectors.faiss, vectors.ids.npy, manifest.json: never written again
      gen-000006/        older ones, kept for readers still using them and to roll back to
                         (keep_generations in all, the one served included; 3 unless set)
      .gen-000008.tmp/   an ingest in progress (removed if the ingest dies)
      models/            the ONNX export of the query encoder, shared by generations
      .lock              held by the one ingest allowed at a time

An ingest builds a new generation beside the current one and publishes it by renaming the folder and
then replacing CURRENT (both atomic renames, each followed by an fsync). A crash at any moment leaves
CURRENT naming a complete generation. Publishing writes the generation's SHA256SUMS; the current
generation is verified against them before it is served (checksums.py), so a damaged one is refused.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from . import checksums
from ..errors import IndexMissing, IndexRefused, IngestLocked

CURRENT = "CURRENT"
# The newest manifest format this qabot reads (index/vectors.py writes it; why it is still 1 is said there).
MANIFEST_FORMAT = 2
_GEN = re.compile(r"^gen-(\d{6})$")
_TMP = re.compile(r"^\.gen-(\d{6})\.tmp$")


def refuse_newer(manifest_format, generation: Path) -> None:
    """A manifest written by a newer qabot is refused with one sentence, never half-read."""
    if isinstance(manifest_format, int) and manifest_format > MANIFEST_FORMAT:
        raise IndexRefused(f"The index in {generation} was built by a newer qabot (manifest format {manifest_format}; "
                           f"this one reads up to {MANIFEST_FORMAT}): upgrade qabot.")


def _refuse_newer(generation: Path) -> None:
    try:
        data = json.loads((generation / "manifest.json").read_bytes())
    except (OSError, ValueError):
        return  # missing or unreadable: refused by whoever reads it, with that reason
    if isinstance(data, dict):
        refuse_newer(data.get("format"), generation)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(path: Path) -> None:
    for item in path.rglob("*"):
        if item.is_file():
            with open(item, "rb") as fh:
                os.fsync(fh.fileno())
    _fsync_dir(path)


KEEP_GENERATIONS = 3  # the one served and the two before it (settings: keep_generations)


class IndexFolder:
    def __init__(self, root: Path, keep: int = KEEP_GENERATIONS):
        self.root = Path(root)
        self.keep = max(2, keep)  # the previous one may still be read (a Slack bot mid-question)

    # ------------------------------------------------------------ reading
    def current_name(self) -> str | None:
        try:
            name = (self.root / CURRENT).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise IndexRefused(f"Cannot read {self.root / CURRENT}: {exc.strerror}.") from None
        if not _GEN.match(name):
            raise IndexRefused(f"{self.root / CURRENT} does not name a generation; run `qabot doctor`.")
        return name

    def current(self) -> Path | None:
        """The generation being served, verified against its checksums (IndexRefused when damaged)."""
        name = self.current_name()
        if name is None:
            return None
        path = self.root / name
        if not path.is_dir():
            raise IndexRefused(f"{self.root / CURRENT} names {name}, which is missing; run `qabot doctor`.")
        checksums.verify(path)
        _refuse_newer(path)  # before anything reads it: an ingest would otherwise build over it
        return path

    def require_current(self) -> Path:
        path = self.current()
        if path is None:
            raise IndexMissing(f"There is no index in {self.root}/ yet; build it with `qabot ingest`.")
        return path

    def generations(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return sorted(p for p in self.root.iterdir() if _GEN.match(p.name) and p.is_dir())

    @property
    def models(self) -> Path:
        return self.root / "models"

    # ------------------------------------------------------------ writing
    @contextmanager
    def locked(self, wait_seconds: float = 0.0):
        """The one-writer lock. A second ingest waits up to wait_seconds, then refuses clearly."""
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        fh = open(self.root / ".lock", "a+")
        os.chmod(fh.name, 0o600)
        deadline = time.monotonic() + wait_seconds
        try:
            while True:
                try:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() >= deadline:
                        fh.seek(0)
                        holder = fh.read().strip() or "another process"
                        raise IngestLocked(
                            f"Another ingest ({holder}) is writing to {self.root}/; wait for it to finish.") from None
                    time.sleep(0.2)
            fh.seek(0)
            fh.truncate()
            fh.write(f"pid {os.getpid()}")
            fh.flush()
            self._remove_leftovers()
            yield self
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
            fh.close()

    def begin(self) -> Path:
        """A new, empty generation folder (call with the lock held)."""
        numbers = [int(_GEN.match(p.name).group(1)) for p in self.generations()]
        tmp = self.root / f".gen-{max(numbers, default=0) + 1:06d}.tmp"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(mode=0o700)
        return tmp

    def publish(self, tmp: Path) -> Path:
        """Make a finished generation the current one, atomically."""
        for item in tmp.rglob("*"):
            if item.is_file():
                item.chmod(0o600)
        checksums.write_sums(tmp)
        _fsync_tree(tmp)
        final = self.root / _TMP.match(tmp.name).expand(r"gen-\1")
        os.rename(tmp, final)
        _fsync_dir(self.root)
        checksums.remember(final)  # just hashed: the first load need not hash it again
        served = self.current_name()  # readers may still be using it: it is kept
        pointer = self.root / (CURRENT + ".tmp")
        with open(pointer, "w", encoding="utf-8") as fh:
            fh.write(final.name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        pointer.chmod(0o600)
        os.replace(pointer, self.root / CURRENT)
        _fsync_dir(self.root)
        self._remove_old(served)
        return final

    def _remove_leftovers(self) -> None:
        """What a killed ingest left: its unfinished generation, a half-written pointer or cache file."""
        for item in self.root.iterdir():
            if _TMP.match(item.name):
                shutil.rmtree(item, ignore_errors=True)
            elif item.name == CURRENT + ".tmp" or (item.name.startswith(checksums.VERIFIED_FILE + ".")
                                                   and item.name.endswith(".tmp")):
                item.unlink(missing_ok=True)

    def _remove_old(self, served: str | None) -> None:
        """Generations beyond `keep` go, the oldest first; never the one served now, nor the one served
        until now (after a rollback it need not be the newest of the others)."""
        spared = {self.current_name(), served}
        others = [g for g in self.generations() if g.name not in spared]
        room = max(0, self.keep - len(spared & {g.name for g in self.generations()}))
        for old in others[: max(0, len(others) - room)]:
            shutil.rmtree(old, ignore_errors=True)
