"""Scopes: which documents each Slack channel's questions are answered from.

A team keeps its own collection: a folder of the corpus, or the documents of a body, or of some years
(or all three at once: a scope's conditions all hold; within one condition any value will do). The
scopes file (setting `slack_scopes`, QABOT_SLACK_SCOPES) names the scopes and maps channels to them:

    default = "all"                       # channels not listed: "all", "none", or scope name(s)

    [scopes.assembly]
    label = "General Assembly resolutions"  # how answers name it (default: its name)
    bodies = ["General Assembly"]

    [scopes.asia-pacific]
    folders = ["asia-pacific"]             # documents whose file lies in corpus/asia-pacific/ (or below)
    years = [2003, "2005-2007"]

    [channels]
    C0123ABCD = "assembly"
    C0456EFGH = ["assembly", "asia-pacific"]

A question in a channel is answered from the channel's scopes; a direct message from every scope of the
listed channels its author is a member of (the default when none). Filtering happens in retrieval
(Searcher.search `within`), never after ranking. Without a scopes file every question sees everything.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from ..errors import ConfigError

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ALL, NONE = "all", "none"
_CHANNEL = re.compile(r"^[CGD][A-Z0-9]{2,}$")
_YEARS = re.compile(r"^(\d{4})(?:\s*-\s*(\d{4}))?$")


@dataclass(frozen=True)
class Scope:
    name: str
    label: str
    folders: tuple[tuple[str, ...], ...] = ()  # path parts below the corpus folder
    bodies: tuple[str, ...] = ()  # lower case
    years: frozenset[int] = frozenset()

    def holds(self, doc, corpus_name: str) -> bool:
        if self.bodies and (doc.body or "").strip().lower() not in self.bodies:
            return False
        if self.years and not (doc.date and doc.date[:4].isdigit() and int(doc.date[:4]) in self.years):
            return False
        if self.folders and not any(in_folder(doc.source, f, corpus_name) for f in self.folders):
            return False
        return True


def in_folder(source: str | None, folder: tuple[str, ...], corpus_name: str) -> bool:
    """Is the file `source` (as stored at ingest: relative to where ingest ran, or absolute) in the
    corpus folder `folder`? Its directories hold `<corpus>/<folder>` in a row, or, for a path stored
    relative to the corpus itself, start with `<folder>`."""
    if not source:
        return False
    parts = PurePath(source).parts[:-1]
    wanted = (corpus_name,) + folder
    n = len(wanted)
    if any(parts[i:i + n] == wanted for i in range(len(parts) - n + 1)):
        return True
    return not PurePath(source).is_absolute() and parts[:len(folder)] == folder and corpus_name not in parts


@dataclass(frozen=True)
class Choice:
    """The scopes one question is answered from: names (empty: everything) and how the answer says it."""
    names: tuple[str, ...] = ()
    label: str | None = None  # None: no scopes are configured, the answer says nothing
    nothing: bool = False  # "none": this channel is given no documents

    @property
    def everything(self) -> bool:
        return not self.names and not self.nothing


EVERYTHING = Choice()


@dataclass
class Scopes:
    scopes: dict[str, Scope] = field(default_factory=dict)
    channels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    default: tuple[str, ...] = (ALL,)
    corpus_name: str = "corpus"
    path: Path | None = None
    _cache: dict = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def configured(self) -> bool:
        return self.path is not None

    # ------------------------------------------------------------ which scopes
    def choose(self, names: tuple[str, ...]) -> Choice:
        if not self.configured:
            return EVERYTHING
        if ALL in names:
            return Choice((), "all documents")
        if not names or names == (NONE,):
            return Choice((), "no documents", nothing=True)
        return Choice(names, " + ".join(self.scopes[n].label for n in names))

    def for_channel(self, channel: str) -> Choice:
        return self.choose(self.channels.get(channel, self.default))

    def for_member_of(self, channels) -> Choice:
        """A direct message: every scope of the listed channels the person is in; the default when none."""
        listed = [self.channels[c] for c in channels if c in self.channels]
        if not listed:
            return self.choose(self.default)
        names = tuple(dict.fromkeys(n for group in listed for n in group if n != NONE))
        return self.choose(names)

    # ------------------------------------------------------------ which documents
    def documents(self, choice: Choice, searcher) -> frozenset[str] | None:
        """The document ids `choice` allows in the searcher's generation; None for everything."""
        if choice.everything:
            return None
        if choice.nothing:
            return frozenset()
        key = (searcher.generation, choice.names)
        with self._lock:
            found = self._cache.get(key)
        if found is None:
            scopes = [self.scopes[n] for n in choice.names]
            found = frozenset(d.id for d in searcher.documents.values()
                              if any(s.holds(d, self.corpus_name) for s in scopes))
            with self._lock:
                if len(self._cache) > 256:
                    self._cache.clear()
                self._cache[key] = found
        return found

    @property
    def listed_channels(self) -> set[str]:
        return set(self.channels)


# ---------------------------------------------------------------- reading the file
def load(settings) -> Scopes:
    """The scopes named by the `slack_scopes` setting (none when it is empty). A file that cannot be read
    or that names what does not exist is one sentence (ConfigError)."""
    corpus_name = Path(settings.corpus).resolve().name or "corpus"
    named = str(getattr(settings, "slack_scopes", "") or "").strip()
    if not named:
        return Scopes(corpus_name=corpus_name)
    path = Path(named)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"slack_scopes names {path}, which does not exist.") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Cannot read the scopes file {path}: {exc}.") from None
    unknown = set(data) - {"default", "scopes", "channels"}
    if unknown:
        raise ConfigError(f"The scopes file {path} has an unknown key {sorted(unknown)[0]!r} "
                          "(expected default, [scopes.NAME] and [channels]).")
    scopes = {name: _scope(path, name, table) for name, table in _table(path, data, "scopes").items()}
    channels = {}
    for channel, names in _table(path, data, "channels").items():
        if not _CHANNEL.match(channel):
            raise ConfigError(f"The scopes file {path} lists {channel!r}, which is not a Slack channel id "
                              "(C..., G... or D...; copy it from the channel's details).")
        channels[channel] = _names(path, f"channel {channel}", names, scopes)
    default = _names(path, "default", data.get("default", ALL), scopes)
    return Scopes(scopes, channels, default, corpus_name, path)


def _table(path: Path, data: dict, key: str) -> dict:
    table = data.get(key, {})
    if not isinstance(table, dict):
        raise ConfigError(f"The scopes file {path}: {key} must be a table ([{key}]).")
    return table


def _names(path: Path, where: str, value, scopes: dict[str, Scope]) -> tuple[str, ...]:
    names = (value,) if isinstance(value, str) else value
    if not isinstance(names, (list, tuple)) or not names or not all(isinstance(n, str) for n in names):
        raise ConfigError(f"The scopes file {path}: {where} must name a scope, a list of scopes, "
                          f"{ALL!r} or {NONE!r}.")
    for n in names:
        if n not in scopes and n not in (ALL, NONE):
            known = ", ".join(sorted(scopes)) or "none are defined"
            raise ConfigError(f"The scopes file {path}: {where} names the scope {n!r}, which is not defined "
                              f"(scopes: {known}).")
    return tuple(dict.fromkeys(names))


def _scope(path: Path, name: str, table) -> Scope:
    if name in (ALL, NONE) or not isinstance(table, dict):
        raise ConfigError(f"The scopes file {path}: [scopes.{name}] must be a table and not be called "
                          f"{ALL!r} or {NONE!r}.")
    unknown = set(table) - {"label", "folders", "bodies", "years"}
    if unknown:
        raise ConfigError(f"The scopes file {path}: scope {name!r} has an unknown key {sorted(unknown)[0]!r} "
                          "(expected label, folders, bodies, years).")
    folders = tuple(_folder(path, name, f) for f in _strings(path, name, "folders", table.get("folders", [])))
    bodies = tuple(b.strip().lower() for b in _strings(path, name, "bodies", table.get("bodies", [])))
    years = _years(path, name, table.get("years", []))
    if not (folders or bodies or years):
        raise ConfigError(f"The scopes file {path}: scope {name!r} sets none of folders, bodies or years "
                          "(a scope of everything is \"all\").")
    label = table.get("label", name)
    if not isinstance(label, str) or not label.strip():
        raise ConfigError(f"The scopes file {path}: the label of scope {name!r} must be text.")
    return Scope(name, " ".join(label.split()), folders, bodies, frozenset(years))


def _strings(path: Path, name: str, key: str, value) -> list[str]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise ConfigError(f"The scopes file {path}: {key} of scope {name!r} must be a list of names.")
    return values


def _folder(path: Path, name: str, folder: str) -> tuple[str, ...]:
    parts = PurePath(folder.strip().strip("/")).parts
    if not parts or PurePath(folder).is_absolute() or ".." in parts:
        raise ConfigError(f"The scopes file {path}: folder {folder!r} of scope {name!r} must be a folder "
                          "inside the corpus, named from it (e.g. \"asia-pacific\").")
    return tuple(parts)


def _years(path: Path, name: str, value) -> set[int]:
    years: set[int] = set()
    for item in value if isinstance(value, list) else [value]:
        found = _YEARS.match(str(item).strip()) if isinstance(item, (int, str)) else None
        if not found or (found.group(2) and int(found.group(2)) < int(found.group(1))):
            raise ConfigError(f"The scopes file {path}: years of scope {name!r} must be years (2003) or "
                              f"ranges (\"2002-2004\"), not {item!r}.")
        first, last = int(found.group(1)), int(found.group(2) or found.group(1))
        years.update(range(first, last + 1))
    return years


# ---------------------------------------------------------------- what doctor says
def check(settings, documents) -> list[tuple[bool, str, str, bool]]:
    """(ok, message, fix, warning) for the scopes file against the corpus folder and the index's
    documents (None: no index to check against); empty when no scopes file is set."""
    if not str(getattr(settings, "slack_scopes", "") or "").strip():
        return []
    fix = "edit the scopes file (README, Slack: scopes per channel)"
    try:
        scopes = load(settings)
    except ConfigError as exc:
        return [(False, str(exc), fix, False)]
    out = []
    docs = list(documents or [])
    bodies = sorted({d.body for d in docs if d.body})
    for scope in scopes.scopes.values():
        for folder in scope.folders:
            if not (Path(settings.corpus).joinpath(*folder)).is_dir():
                out.append((False, f"scope {scope.name!r}: the folder {'/'.join(folder)} is not in the corpus "
                            f"({settings.corpus}).", fix, False))
        if documents is None:
            continue
        for body in scope.bodies:
            if body not in {b.lower() for b in bodies}:
                out.append((False, f"scope {scope.name!r}: no document in the index is from the body {body!r} "
                            f"(bodies: {', '.join(bodies) or 'none'}).", fix, False))
        held = sum(scope.holds(d, scopes.corpus_name) for d in docs)
        if not held:
            out.append((True, f"scope {scope.name!r} holds no document of the index yet.",
                        "ingest its documents, or correct the scope", True))
    if not any(not ok for ok, *_ in out):
        out.append((True, f"scopes file {scopes.path}: {len(scopes.scopes)} scopes, {len(scopes.channels)} "
                    f"channels (others: {', '.join(scopes.default)})", "", False))
    return out
