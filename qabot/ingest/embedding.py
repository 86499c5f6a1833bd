"""The embedding step of an ingest: paragraphs -> windows -> vectors (cached by hash) -> FAISS.

Runs on the new generation before it is published. What is embedded for a paragraph is its text,
preceded by its chapeau for a sub-paragraph, by the text that cites it for a footnote, and by its
document's title when the paragraph is the whole document (a one-paragraph record). Only windows whose
hash is new are encoded; the previous generation's FAISS index is reused and changed, not rebuilt
(unless its size crosses `index_threshold`, an IVF index has grown or shrunk far from the size its
lists were trained for, or too many of an HNSW graph's vectors are tombstones: see index.py).

A previous index that `index.check` refuses (damaged, of a type qabot does not build, not what its
manifest says) is not reused: the vectors are rebuilt from the store, whose cache of vectors by text
hash spares the encoding. A vector that is not finite (NaN, infinity) is never indexed: a cached one
is encoded again, and one the encoder itself gives stops the ingest with one sentence (the encoder
is broken), leaving the served generation as it was.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from ..embed import encoders as embed
from . import vocabulary
from ..store import fts, migrations, vectors as stored
from ..config import Settings
from ..errors import BadVector, IndexRefused, QabotError
from ..index.generations import IndexFolder
from ..index.manifest import ARRAY_MAP_FORMAT, FAISS_FILE, Manifest, check, sha256_file
from ..index.vectors import VectorIndex, choose_index_type
from ..records import FOOTNOTE, Paragraph
from ..store.database import STORE_FILE, Store

BATCH = 64
# Windows per batch on a CPU: each batch ends with one stream finishing its last window while the other
# waits (half a window per batch on average: 1.5% of the encode step at 64 windows, 0.4% at 256).
CPU_BATCH = 256


def embedding_texts(p: Paragraph, by_label: dict[str, Paragraph], citing: dict[str, Paragraph],
                    title: str | None, paragraph_count: int) -> list[str]:
    """What stands for a paragraph in the vector index (each text is windowed afterwards):
    its text, after its chapeau(s) for a sub-paragraph, after the text citing it for a footnote, after
    the title when the paragraph is a whole document; and for a chapeau, also the list it introduces."""
    parts = []
    parent = by_label.get(p.parent) if p.parent else None
    while parent is not None:
        parts.insert(0, parent.text)
        parent = by_label.get(parent.parent) if parent.parent else None
    if p.kind == FOOTNOTE and p.label in citing:
        parts.append(citing[p.label].text)
    if paragraph_count == 1 and title:
        parts.insert(0, title)
    parts.append(p.text)
    texts = [" ".join(parts)]
    items = [child.text for child in by_label.values() if child.parent == p.label]
    if items:
        texts.append(" ".join([texts[0]] + items))
    return texts


def _key(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\x00{text}".encode()).hexdigest()


def _built_with(manifest: Manifest) -> str:
    """The vectors id an index's manifest says it was encoded with (its export's recipe; manifests
    before `export`: recipe 1)."""
    return embed.vectors_id(manifest.model, manifest.encoder, embed.recipe_of(manifest.export))


def encoder_of(settings: Settings) -> str:
    """The encoder the settings give on this machine ("auto": int8 or fp32, embed/device.py)."""
    return embed.resolve(settings.encoder, settings.device)[0]


def outdated(manifest: Manifest, settings: Settings) -> bool:
    """Were this index's vectors made by another model or encoder than the settings name?"""
    encoder = encoder_of(settings)
    if manifest.model != settings.model or manifest.encoder != encoder:
        return True
    try:
        return _built_with(manifest) != embed.vectors_id(settings.model, encoder)
    except QabotError:
        return True


def reusable(previous: Path | None, settings: Settings) -> tuple[Manifest | None, VectorIndex | None]:
    """The previous generation's manifest and, if an ingest may change it rather than build anew, its
    vector index: made by the same model, encoder and export recipe, and accepted by index.check (an
    index it refuses would be refused at every question, and changing it could fail or crash)."""
    if previous is None or not (previous / "manifest.json").is_file():
        return None, None
    try:
        manifest = Manifest.read(previous)
    except IndexRefused:
        return None, None
    try:
        fingerprint = embed.model_fingerprint(embed.model_dir(settings.model))
        encoder = encoder_of(settings)
        same = (manifest.model == settings.model and manifest.encoder == encoder
                and manifest.model_fingerprint == fingerprint
                and _built_with(manifest) == embed.vectors_id(settings.model, encoder))
    except QabotError:
        same = False
    if not same or not (previous / FAISS_FILE).is_file():
        return manifest, None
    try:
        vector_index = VectorIndex.load(previous)
        check(previous, manifest, vector_index, stored.paragraph_count(previous / STORE_FILE), model=settings.model)
    except IndexRefused:
        return manifest, None
    vector_index.trained = manifest.trained_vectors  # IVF: its lists are kept, with their history
    return manifest, vector_index


def _finite(blob: bytes, size: int | None) -> bool:
    """Is a cached vector usable: whole float32s (`size` bytes when known), none NaN or infinite?"""
    return len(blob) > 0 and len(blob) % 4 == 0 and (size is None or len(blob) == size) \
        and bool(np.isfinite(np.frombuffer(blob, dtype=np.float32)).all())


def _window(store: Store, paragraph_id: int, window: int) -> str:
    """A window named for a person: "window 2 of paragraph 5 of 57/210"."""
    row = stored.paragraph_name(store, paragraph_id)
    if row is None:
        return f"window {window} of paragraph id {paragraph_id}"
    return f"window {window} of paragraph {row[0]} of {row[2] or row[1]}"


class _Steps:
    """Seconds per step of an update (the manifest's `timings`); loading the encoder is timed apart."""

    def __init__(self):
        self.timings: dict[str, float] = {}
        self.clock = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.timings[step] = round(self.timings.get(step, 0.0) + now - self.clock, 3)
        self.clock = now

    def apart(self, step: str, seconds: float) -> None:
        self.timings[step] = round(seconds, 3)
        self.clock += seconds  # not counted in the step that needed it


def update(generation: Path, store: Store, previous: Path | None, settings: Settings,
           progress: Callable[[str], None] | None = None) -> Manifest:
    """Bring the generation's vectors and FAISS index in line with its store; write the manifest."""
    folder = IndexFolder(settings.index)
    encoder_name, device = embed.resolve(settings.encoder, settings.device)
    model_id = embed.vectors_id(settings.model, encoder_name)
    steps = _Steps()
    old_manifest, vector_index = reusable(previous, settings)
    if vector_index is None:
        if progress and old_manifest is not None:
            progress("building the vector index anew (the previous one cannot be reused)")
        stored.clear_windows(store)  # every paragraph windowed again; the cache spares encoding them again
    rows = _new_windows(store, embed.tokenizer(embed.model_dir(settings.model)), model_id, settings.dense_word_pieces)
    steps.lap("windows")
    encoder_cache: list = []

    def encoder_factory():
        """The document encoder, loaded once and only if something needs encoding."""
        if not encoder_cache:
            start = time.perf_counter()
            encoder_cache.append(embed.document_encoder(settings.model, encoder_name, folder.models, device))
            steps.apart("encoder load", time.perf_counter() - start)
        return encoder_cache[0]

    dimension = _encode_missing(store, rows, encoder_factory, settings, encoder_name, folder, progress)
    steps.lap("encode")
    words = vocabulary.build(generation, store, model_id, encoder_factory, progress)
    stored.drop_unused(store)
    steps.lap("vocabulary")
    vector_index = _faiss(store, vector_index, dimension, settings.index_threshold, progress)
    vector_index.save(generation)
    steps.lap("faiss")
    manifest = _manifest(store, vector_index, settings, encoder_name, words)
    if vector_index.array_map:  # a qabot before the array map would take it for damaged
        manifest.format = ARRAY_MAP_FORMAT
    # the query encoder, exported once per model and encoder, shared by generations
    embed.ensure_query_graph(embed.ensure_export(folder.models, settings.model, encoder_name))
    steps.lap("statistics")
    manifest.timings = steps.timings
    return manifest


def _new_windows(store: Store, tok, model_id: str, limit: int = 0) -> list[tuple[int, int, str, str]]:
    """(paragraph id, window, key, text) of every window of the paragraphs that have no vectors yet
    (of each text's first `limit` word pieces, if given)."""
    rows: list[tuple[int, int, str, str]] = []
    for doc_id in stored.documents_without_windows(store):
        paragraphs = list(store.paragraphs(doc_id))
        document = store.document(doc_id)
        by_label = {p.label: p for p in paragraphs}
        citing: dict[str, Paragraph] = {}
        for p in paragraphs:
            for note in p.footnotes:
                citing.setdefault(note, p)
        have = stored.paragraphs_with_windows(store, doc_id)
        for p in paragraphs:
            if p.id in have:
                continue
            texts = embedding_texts(p, by_label, citing, document.title if document else None, len(paragraphs))
            pieces = [piece for text in texts for piece in embed.windows(text, tok, limit=limit)]
            for w, piece in enumerate(pieces):
                rows.append((p.id, w, _key(model_id, piece), piece))
    return rows


def _encode_missing(store: Store, rows: list[tuple[int, int, str, str]], encoder_factory, settings: Settings,
                    encoder_name: str, folder: IndexFolder, progress) -> int | None:
    """Encode the windows the cache does not hold (or holds damaged: not finite, or not of one size),
    store them, and record every window's vector key; the encoder's dimension if it was loaded."""
    known = set()
    keys = list({r[2] for r in rows})
    size = None
    for key, blob in stored.cached(store, keys):
        if _finite(blob, size):
            known.add(key)
            size = len(blob)
    missing: dict[str, str] = {}
    for _, _, key, piece in rows:
        if key not in known and key not in missing:
            missing[key] = piece
    dimension = None
    if missing:
        items = sorted(missing.items(), key=lambda kv: len(kv[1]))  # similar lengths batch with less padding
        done = 0
        for keys, vectors in _encoded(items, settings, encoder_name, folder.models, encoder_factory):
            dimension, done = vectors.shape[1], done + len(keys)
            finite = np.isfinite(vectors).all(axis=1)
            if not finite.all():
                key = keys[int(np.argmin(finite))]
                pid, w = next((r[0], r[1]) for r in rows if r[2] == key)
                raise BadVector(f"The encoder gave a vector that is not finite (NaN or infinity) for "
                                f"{_window(store, pid, w)}: it is broken (check the model {settings.model} and its "
                                f"export in {folder.models}), so nothing was changed; once it is fixed, run "
                                f"`qabot ingest` again to embed it.")
            stored.put_cached(store, ((key, vec.astype(np.float32).tobytes()) for key, vec in zip(keys, vectors)))
            if progress:
                progress(f"embedding {done}/{len(items)} windows")
    stored.put_windows(store, ((pid, w, key) for pid, w, key, _ in rows))
    return dimension


def _faiss(store: Store, vector_index: VectorIndex | None, dimension: int | None, threshold: int,
           progress) -> VectorIndex:
    """The FAISS index of the store's vectors: the previous one changed, or a new one."""
    current = np.array(store.vector_rows(), dtype=np.int64).reshape(-1, 2)
    if dimension is None:
        blob = stored.any_cached(store)
        dimension = len(blob) // 4 if blob else 384
    if vector_index is not None:
        old_ids = vector_index.id_map[:, 0]
        vector_index.remove(np.setdiff1d(old_ids, current[:, 0]))
        added = current[~np.isin(current[:, 0], old_ids)]
    else:
        # exact to begin with: an IVF index is trained on the vectors once they are all in (below)
        vector_index = VectorIndex.empty(dimension, "flat")
        added = current
    for start in range(0, len(added), 16384):
        chunk = added[start:start + 16384]
        found = stored.window_vectors(store, chunk[:, 0].tolist())
        for vid, pid in chunk.tolist():  # the encoding step checked them: this guards the store against itself
            if not _finite(found.get(vid, b""), 4 * dimension):
                window = stored.window_number(store, vid)
                raise BadVector(f"The stored vector of {_window(store, pid, window)} is missing, not finite or not of "
                                f"dimension {dimension}; the store is damaged, so nothing was changed: restore the "
                                f"index folder from a backup, or move it aside and run `qabot ingest` to embed "
                                f"everything again.")
        vectors = np.vstack([np.frombuffer(found[int(vid)], dtype=np.float32) for vid in chunk[:, 0]])
        vector_index.add(chunk[:, 0], chunk[:, 1], vectors)
    wanted = choose_index_type(vector_index.count, threshold, vector_index.index_type)
    if wanted != vector_index.index_type or vector_index.needs_rebuild():
        if progress:
            progress(f"building a {wanted} index of {vector_index.count} vectors")
        vector_index = vector_index.rebuilt(wanted)
    return vector_index


def _manifest(store: Store, vector_index: VectorIndex, settings: Settings, encoder: str, words: int) -> Manifest:
    counts = store.counts()
    avg_text, avg_context = fts.average_lengths(store)
    with store.transaction():  # what the first question of a new process reads, stored (fts.STEM_COUNTS)
        fts.count_stems(store)
    years = sorted(store.document_years())
    store.optimize()
    return Manifest(
        model=settings.model, encoder=encoder, dimension=vector_index.dimension,
        vectors=vector_index.count, paragraphs=counts["paragraphs"], documents=counts["documents"],
        schema=migrations.schema_version(), index_type=vector_index.index_type,
        export=embed.export_name(settings.model, encoder), tombstones=len(vector_index.dead),
        trained_vectors=vector_index.trained if vector_index.index_type == "ivf" else 0,
        model_fingerprint=embed.model_fingerprint(embed.model_dir(settings.model)), vocabulary=words,
        avg_text_stems=avg_text, avg_context_stems=avg_context, dense_word_pieces=settings.dense_word_pieces,
        stem_counts=True, years=years)


def _encoded(items: list[tuple[str, str]], settings: Settings, encoder_name: str, models: Path, encoder_factory):
    """(keys, vectors) of the (key, text) items, a batch at a time: on this process's encoder (CPU_BATCH
    windows on a CPU, 16 x BATCH on a GPU; one batch encoded ahead, the next tokenized meanwhile), or on
    a Ray actor pool when ray_address is set (distributed.py, with the encoder this machine chose, so
    that every vector of the index comes from one export; batches come back in any order)."""
    if settings.ray_address:
        from . import distributed

        yield from distributed.encoded(items, settings, encoder_name, models, BATCH)
        return
    encoder = encoder_factory()
    step = CPU_BATCH if encoder.budget <= embed.TOKEN_BUDGET else 16 * BATCH  # a GPU takes more at once
    # the next batch is encoded while the caller stores this one (SQLite and the checks of the vectors
    # took 8-10% of the encode step with the cores waiting), and tokenized here while the last one runs
    prepare = getattr(encoder, "prepare", None)
    with ThreadPoolExecutor(1, thread_name_prefix="qabot-encode-ahead") as ahead:
        pending = None
        for start in range(0, len(items), step):
            batch = items[start:start + step]
            texts = [text for _, text in batch]
            future = ahead.submit(encoder.run, prepare(texts)) if prepare else ahead.submit(encoder.encode, texts)
            if pending is not None:
                yield pending[0], pending[1].result()
            pending = ([key for key, _ in batch], future)
        if pending is not None:
            yield pending[0], pending[1].result()


def seal(generation: Path, manifest: Manifest) -> None:
    """Record sizes and hashes of the finished files (the store must be closed)."""
    manifest.store_bytes = (generation / STORE_FILE).stat().st_size
    manifest.store_sha256 = sha256_file(generation / STORE_FILE)
    manifest.faiss_sha256 = sha256_file(generation / FAISS_FILE)
    manifest.write(generation)
