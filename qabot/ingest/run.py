"""Ingest: files -> parse -> store -> embed -> index, as one new generation of the index folder.

Unchanged files (same content hash, same catalog entry, same parser version) are not parsed again;
changed ones replace their document; `prune` drops documents whose files are gone. Bad files are
skipped with a reason and never stop the others. Nothing is published unless the whole generation
was built, so a crash leaves the previous one served.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..parse.references import extract
from ..parse.catalog import Catalog
from ..config import Settings
from . import distributed, embedding, families, milvus_sync
from ..errors import NothingIngested, QabotError, UnreadableFile
from ..index.generations import IndexFolder
from ..index.manifest import Manifest
from ..parse import ParsedDocument, content_hash, parse_bytes, read_bytes
from ..parse.identity import Twins, format_order, stored_documents
from ..store.database import STORE_FILE, Store
from .reading import Skipped, discover, display_path, doc_id_for


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    paragraphs: int = 0
    documents: int = 0
    generation: str | None = None
    embedded: int = 0
    parsed_on_ray: int = 0  # files whose documents Ray parsed (distributed.py)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def ingest(paths: Iterable[Path], settings: Settings, prune: bool = False,
           progress: Callable[[str], None] | None = None, after_store: Callable | None = None) -> IngestReport:
    """Bring the index in settings.index up to date with the files under `paths`.

    after_store(generation_dir, store, old_generation_dir, report), for tests, runs after the store is
    written and before the embedding step.
    """
    report = IngestReport()
    folder = IndexFolder(settings.index, keep=settings.keep_generations)
    sources = sorted(discover(paths, report.skipped), key=lambda s: format_order(s.path))  # a .txt before its .pdf
    with folder.locked(wait_seconds=settings_wait()):
        current = folder.current()
        old = Store(current / STORE_FILE, upgrading=True) if current else None
        try:
            reading = _Reading(old, settings, report, prune)
            reading.read(sources, progress)
            if prune:
                reading.prune()
            reading.check(sources)
            if not _must_write(report, old, current, settings):
                counts = old.counts() if old else {"documents": 0, "paragraphs": 0}
                report.documents, report.paragraphs = counts["documents"], counts["paragraphs"]
                report.generation = current.name if current else None
                return report
            _write_generation(folder, current, reading.parsed, report, settings, progress, after_store)
        finally:
            if old:
                old.close()
    return report


class _Reading:
    """The files of one ingest read against the served store: which documents are added, updated,
    unchanged or removed, and the parsed documents to write."""

    def __init__(self, old: Store | None, settings: Settings, report: IngestReport, prune: bool):
        self.settings, self.report = settings, report
        self.known = old.document_index() if old else {}
        self.by_source: dict[str, list[str]] = {}
        for doc_id, (_, src) in self.known.items():
            self.by_source.setdefault(src, []).append(doc_id)
        self.taken = {doc_id: src for doc_id, (_, src) in self.known.items()}
        self.parsed: list[ParsedDocument] = []
        self.twins = Twins(stored_documents(old, prune))  # one document in two formats is ingested once
        self.read_any = False
        self.present: set[str] = set()

    def read(self, sources: list, progress: Callable[[str], None] | None) -> None:
        early = distributed.parse_early(sources, self.settings, self.known, self.by_source, self.taken) \
            if self.settings.ray_address else {}
        self.report.parsed_on_ray = len(early)
        for source in sources:
            name = display_path(source.path)
            if progress:
                progress(name)
            self.read_one(source, name, early)
        self.report.parsed_on_ray -= len(early)  # those the driver did not take

    def read_one(self, source, name: str, early: dict) -> None:
        """One file: unchanged, skipped with a reason, or parsed (here, or on Ray: `early`)."""
        report, existing = self.report, self.by_source.get(name, [])
        try:
            data = read_bytes(source.path, self.settings.max_file_bytes)
            doc_id = existing[0] if len(existing) == 1 else doc_id_for(source.path, name, self.taken)
            entry = source.catalog.entry_for(source.path, doc_id)
            digest = content_hash(data, Catalog.fingerprint(entry))
            if existing and all(self.known[d][0] == digest for d in existing):
                report.unchanged.extend(existing)
                self.present.update(existing)
                self.read_any = True
                return
            docs = early.pop((name, doc_id, digest), None)  # parsed on Ray (distributed.py)
            docs = parse_bytes(data, source.path, doc_id, name) if docs is None else docs
        except (UnreadableFile, RecursionError, ValueError, LookupError, ArithmeticError, TypeError) as exc:
            # a file no reader could make sense of is skipped, never the end of the ingest
            reason = str(exc) if isinstance(exc, UnreadableFile) else (
                "it is nested too deeply to read" if isinstance(exc, RecursionError) else
                f"qabot could not read it ({type(exc).__name__}: {str(exc)[:120]})")
            report.skipped.append(Skipped(name, reason))
            self.present.update(existing)  # a file that became unreadable keeps its last good version
            return
        self.read_any = True
        twin = self.twins.twin_of(docs, name)
        if twin:
            report.skipped.append(Skipped(name, f"it is the same document as {twin}, already ingested"))
            docs = []
        for doc in docs:
            doc.document.content_hash = digest
            Catalog.apply(doc.document, entry if len(docs) == 1 else
                          source.catalog.entry_for(source.path, doc.document.id))
            self.taken[doc.document.id] = name
            self.present.add(doc.document.id)
            (report.updated if doc.document.id in self.known else report.added).append(doc.document.id)
            self.parsed.append(doc)
        # records gone from a file that was read again
        report.removed.extend(d for d in existing if d not in self.present)

    def prune(self) -> None:
        """Documents whose files are gone are removed."""
        for doc_id, (_, src) in self.known.items():
            if doc_id not in self.present and doc_id not in self.report.removed and (
                    src is None or not Path(src).exists()):
                self.report.removed.append(doc_id)

    def check(self, sources: list) -> None:
        """NothingIngested when no file could be read and nothing is to be removed."""
        report = self.report
        if self.read_any or report.removed:
            return
        if not sources and not report.skipped:
            raise NothingIngested("No files to ingest were found.")
        raise NothingIngested("Nothing could be ingested: " + "; ".join(
            f"{s.path}: {s.reason}" for s in report.skipped[:5]) + ("" if len(report.skipped) <= 5 else "; ..."))


def _must_write(report: IngestReport, old: Store | None, current: Path | None, settings: Settings) -> bool:
    """Is a new generation needed: a document changed, or the served one is outdated (its store's schema,
    its vectors, its vector index refused, its Milvus collection missing)?"""
    return bool(report.changed or (old and old.outdated) or _vectors_outdated(current, settings)
                or _vectors_refused(current, settings) or milvus_sync.missing(current, settings))


def _write_generation(folder: IndexFolder, current: Path | None, parsed: list[ParsedDocument],
                      report: IngestReport, settings: Settings, progress, after_store) -> None:
    """The next generation: the served store copied and changed, vectors, sealed, published."""
    tmp = folder.begin()
    try:
        if current:
            shutil.copyfile(current / STORE_FILE, tmp / STORE_FILE)
        store = Store(tmp / STORE_FILE, readonly=False)
        try:
            _write_store(store, parsed, report, progress)
            if after_store:
                after_store(tmp, store, current, report)
            manifest = embedding.update(tmp, store, current, settings, progress)
            counts = store.counts()
        finally:
            store.close()
        embedding.seal(tmp, manifest)
        milvus_sync.write(settings, tmp, manifest, progress)
        report.documents, report.paragraphs = counts["documents"], counts["paragraphs"]
        published = folder.publish(tmp)
        report.generation = published.name
        milvus_sync.publish(settings, folder, published)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _write_store(store: Store, parsed: list[ParsedDocument], report: IngestReport, progress) -> None:
    """Documents removed and written, with their references; then the version families."""
    with store.transaction():
        for doc_id in report.removed:
            store.delete_document(doc_id)
        for doc in parsed:
            store.put_document(doc.document, doc.paragraphs)
            store.put_references(doc.document.id, extract(doc.document, doc.paragraphs))
    with store.transaction():  # all of them when the store had no version families yet
        families.decide(store, None if "m004_version_families" in store.migrated
                        else [doc.document.id for doc in parsed], progress)


def _vectors_outdated(current: Path | None, settings: Settings) -> bool:
    """Was the served generation built without vectors, or with another model or encoder? Or sealed by a
    qabot that did not record what a new process's first question reads (each stem's counts, the
    documents' years: Manifest.stem_counts, .years)? That one is served as it is (those read from FTS5
    and the documents, slower), and written again by the next ingest."""
    if current is None:
        return False
    try:
        manifest = Manifest.read(current)
    except QabotError:
        return True
    return embedding.outdated(manifest, settings) or not manifest.stem_counts or manifest.years is None


def _vectors_refused(current: Path | None, settings: Settings) -> bool:
    """Would the served generation's vector index be refused (index.check: damaged, not what its
    manifest says)? Then an ingest rebuilds it even when no file changed, from the vectors the store
    caches, as the refusal's advice (`qabot ingest`) promises."""
    return current is not None and embedding.reusable(current, settings)[1] is None


def settings_wait() -> float:
    """How long a second ingest waits for the first (QABOT_LOCK_WAIT seconds, default 0: refuse at once)."""
    try:
        return float(os.environ.get("QABOT_LOCK_WAIT", "0"))
    except ValueError:
        return 0.0
