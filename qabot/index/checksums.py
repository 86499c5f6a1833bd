"""Checksums of a generation: written when it is published, verified before it is served.

    gen-000007/SHA256SUMS   "<sha256>  <file>" for every file of the generation (`sha256sum -c` reads it)

A generation is served only when every file it holds is listed and matches, and the store and FAISS
hashes its manifest records agree too: a file missing, truncated, changed, or copied in from another
index refuses the whole generation with one sentence (garbage results are worse than none).

A published generation is never written again, so a file whose identity (size, inode, modification
and change times) is the one recorded at its last successful check is not hashed again: the index
folder's `.verified` keeps those identities, and a cold `qabot ask` pays a few stat calls, not a read
of a large store. Any write to a file changes its change time, which nobody can set back. `qabot
doctor` hashes everything regardless. A generation published before SHA256SUMS existed is checked
against its manifest's two hashes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from ..errors import IndexRefused

SUMS_FILE = "SHA256SUMS"
VERIFIED_FILE = ".verified"
_LINE = re.compile(r"^([0-9a-f]{64}) [ *](\S.*)$")
_MANIFEST_HASHES = {"store_sha256": "store.sqlite", "faiss_sha256": "vectors.faiss"}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(folder: Path) -> list[str]:
    """Every file of a generation, as a path relative to it (sub-folders included)."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if not p.is_dir() and p.relative_to(folder).as_posix() != SUMS_FILE)


def write_sums(folder: Path) -> dict[str, str]:
    """Hash every file of a finished generation into its SHA256SUMS (owner-only). Returns the sums."""
    sums = {}
    for name in _files(folder):
        if not (folder / name).is_file():
            raise IndexRefused(f"{folder / name} is not a regular file; a generation holds only files.")
        sums[name] = sha256_of(folder / name)
    path = folder / SUMS_FILE
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(f"{digest}  {name}\n" for name, digest in sums.items())
    path.chmod(0o600)
    return sums


def read_sums(folder: Path) -> dict[str, str] | None:
    """The sums SHA256SUMS lists, or None when the generation has none (built before they existed)."""
    path = folder / SUMS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise IndexRefused(f"{path} is unreadable ({exc}); run `qabot doctor`.") from None
    sums = {}
    for number, line in enumerate(text.splitlines(), 1):
        m = _LINE.match(line)
        if not m or ".." in Path(m.group(2)).parts or m.group(2).startswith("/"):
            raise IndexRefused(f"{path} is damaged (line {number} is not \"<sha256>  <file>\"); run `qabot doctor`.")
        sums[m.group(2)] = m.group(1)
    return sums


def expected(folder: Path) -> dict[str, str]:
    """file -> sha256 the generation must match: SHA256SUMS, and the manifest's hashes (which must agree)."""
    sums = read_sums(folder)
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}  # a missing or unreadable manifest is refused when it is read; SHA256SUMS still counts
    listed = dict(sums or {})
    for key, name in _MANIFEST_HASHES.items():
        digest = manifest.get(key) if isinstance(manifest, dict) else None
        if not digest:
            continue
        if name in listed and listed[name] != digest:
            raise IndexRefused(f"The index in {folder} is inconsistent: its manifest and {SUMS_FILE} disagree on "
                               f"{name}; run `qabot doctor`.")
        listed[name] = digest
    if sums is not None:
        unlisted = [name for name in _files(folder) if name not in sums]
        if unlisted:
            raise IndexRefused(f"The index in {folder} holds {', '.join(unlisted)}, which it was not built with "
                               f"(not in {SUMS_FILE}); run `qabot doctor`.")
    return listed


def _identity(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_dev, st.st_ino, st.st_mtime_ns, st.st_ctime_ns]


def verify(folder: Path, full: bool = False) -> list[str]:
    """Refuse the generation unless every file matches its checksum. Files whose identity is unchanged
    since their last good check are trusted (not with full=True). Returns the names hashed now."""
    sums = expected(folder)
    cache_path = folder.parent / VERIFIED_FILE
    cache = {} if full else _read_cache(cache_path).get(folder.name)
    cache = cache if isinstance(cache, dict) else {}
    hashed, good = [], {}
    for name, digest in sorted(sums.items()):
        path = folder / name
        try:
            identity = _identity(path)
        except FileNotFoundError:
            raise IndexRefused(f"The index in {folder} has lost {name}; run `qabot doctor`.") from None
        if cache.get(name) == identity:
            good[name] = identity
            continue
        if sha256_of(path) != digest:
            raise IndexRefused(f"The index in {folder} is damaged: {name} does not match the checksum recorded when "
                               f"it was built (changed, truncated or from another index); run `qabot doctor`.")
        hashed.append(name)
        good[name] = identity
    if hashed:
        remember(folder, good)
    return hashed


def remember(folder: Path, identities: dict[str, list[int]] | None = None) -> None:
    """Record the identities of a generation's files as checked (best effort: a read-only folder is fine)."""
    if identities is None:
        identities = {name: _identity(folder / name) for name in expected(folder)}
    path = folder.parent / VERIFIED_FILE
    cache = {gen: files for gen, files in _read_cache(path).items() if (folder.parent / gen).is_dir()}
    cache[folder.name] = identities
    tmp = path.with_name(f"{VERIFIED_FILE}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(cache, fh)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass


def _read_cache(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
