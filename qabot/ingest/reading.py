"""Which files an ingest reads, and the document id each gets (run.py, distributed.py)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..parse.catalog import CATALOG_NAMES, Catalog


@dataclass
class Skipped:
    path: str
    reason: str


@dataclass
class Source:
    path: Path
    catalog: Catalog


def display_path(path: Path) -> str:
    """How a file is named in the store and in messages: relative to the working folder when inside it."""
    try:
        return os.path.normpath(os.path.relpath(path.resolve(), Path.cwd().resolve())) \
            if path.resolve().is_relative_to(Path.cwd().resolve()) else str(path.resolve())
    except (OSError, ValueError):
        return str(path)


def discover(paths: Iterable[Path], skipped: list[Skipped]) -> list[Source]:
    """The files to ingest, in a stable order, each with the catalog of its folder."""
    sources: list[Source] = []
    catalogs: dict[Path, Catalog] = {}

    def catalog_for(folder: Path) -> Catalog:
        if folder not in catalogs:
            found = next((folder / n for n in CATALOG_NAMES if (folder / n).is_file()), None)
            catalogs[folder] = Catalog.load(found) if found else Catalog()
        return catalogs[folder]

    seen: set[Path] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*")
                           if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file():
            files = [path]
        else:
            skipped.append(Skipped(str(path), "no such file or folder"))
            continue
        for file in files:
            if file.name in CATALOG_NAMES or file.resolve() in seen:
                continue
            seen.add(file.resolve())
            sources.append(Source(file, catalog_for(file.parent)))
    return sources


def doc_id_for(path: Path, source: str, taken: dict[str, str]) -> str:
    """The file name without its extension; another file with the same name gets a path-hash suffix."""
    stem = path.stem
    owner = taken.get(stem)
    if owner is None or owner == source:
        return stem
    return f"{stem}-{hashlib.sha1(source.encode()).hexdigest()[:8]}"
