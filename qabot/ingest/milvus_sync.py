"""The Milvus side of an ingest (backend = "milvus", index/milvus.py): the new generation's collection is
written from its store before the generation is published, and the alias moved after it.

An ingest that dies before publishing leaves at most a collection no alias names and no CURRENT names
(the next ingest replaces or drops it); one that dies between publishing the folder and moving the
alias leaves the alias one generation behind until the next ingest: qabot's own readers follow CURRENT.
"""

from __future__ import annotations

from pathlib import Path

from ..config import Settings
from ..index.generations import IndexFolder
from ..index.manifest import Manifest
from ..store.database import STORE_FILE


def generation_name(folder: Path) -> str:
    """gen-000008 for the unfinished .gen-000008.tmp (the name it is published under)."""
    return folder.name.removeprefix(".").removesuffix(".tmp")


def missing(current: Path | None, settings: Settings) -> bool:
    """Does the served generation lack its Milvus collection (the backend was just switched to Milvus,
    or the collection was dropped)? Then an ingest builds a generation with one even if no file changed."""
    if settings.backend != "milvus" or current is None:
        return False
    from ..index import milvus

    try:
        return not milvus.has_generation(settings.milvus_uri, settings.milvus_collection, current.name)
    finally:
        milvus.release(settings.milvus_uri)


def write(settings: Settings, generation: Path, manifest: Manifest, progress=None) -> None:
    """The collection of the generation being built, from its store."""
    if settings.backend != "milvus":
        return
    from ..index import milvus

    try:
        milvus.write(settings.milvus_uri, settings.milvus_collection, generation_name(generation),
                     generation / STORE_FILE, manifest.dimension, progress)
    finally:
        milvus.release(settings.milvus_uri)


def publish(settings: Settings, folder: IndexFolder, published: Path) -> None:
    """Move the alias to the published generation's collection; drop those of removed generations."""
    if settings.backend != "milvus":
        return
    from ..index import milvus

    try:
        milvus.publish(settings.milvus_uri, settings.milvus_collection, published.name,
                       [g.name for g in folder.generations()])
    finally:
        milvus.release(settings.milvus_uri)
