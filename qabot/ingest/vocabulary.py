"""The corpus's vocabulary, embedded at ingest for query expansion (search/expansion.py).

Every word of the corpus (up to MAX_WORDS, the most widespread first) is embedded once with the same
model as the paragraphs and kept in a small FAISS index of the generation: vocab.faiss (8-bit scalar
quantized) and vocab.json (the words and their stems).

A word's vector never changes for a given encoder, so words are cached twice: in the store's
embeddings table (the next generation of the same index), and per machine in
~/.cache/qabot/words/<encoder>.sqlite (every other index built on the machine: most words of a new
corpus are already there). The words are batched like any short text (int8 vectors do not depend on
their batch). Encoding a corpus's words costs about a third of its documents' encoding at 200 SciFact
abstracts and 7% on the whole of SciFact (a corpus repeats its words); from the machine's cache, nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections import Counter
from pathlib import Path

import numpy as np

from ..embed.export import machine_cache
from ..language import stemming

VOCAB_FAISS = "vocab.faiss"
VOCAB_JSON = "vocab.json"
MAX_WORDS = 60000
MACHINE_CACHE_WORDS = 500000  # per encoder, about 800 MB at most; beyond it new words are not kept
_WORD = re.compile(r"[a-z]{3,}")


def corpus_words(db) -> list[str]:
    """Lower-case words of the paragraphs, those in most paragraphs first (at most MAX_WORDS)."""
    counts: Counter = Counter()
    for (text,) in db.execute("SELECT text FROM paragraphs"):
        counts.update(set(w for w in _WORD.findall(stemming.fold(text)) if w not in stemming.STOP))
    return [w for w, _ in counts.most_common(MAX_WORDS)]


class _MachineWords:
    """The machine's cache of word vectors for one encoder (vectors id); any failure to read or write
    it (no home folder, a read-only disk, a damaged file) is a cache miss, never an error."""

    def __init__(self, model_id: str):
        self.db = None
        folder = machine_cache("words")
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = folder / (hashlib.sha256(model_id.encode()).hexdigest()[:16] + ".sqlite")
            fresh = not path.exists()
            self.db = sqlite3.connect(path, timeout=10)
            if fresh:
                os.chmod(path, 0o600)
            self.db.execute("CREATE TABLE IF NOT EXISTS words (word TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        except (OSError, sqlite3.Error):
            self.close()

    def get(self, words: list[str], size: int | None) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        try:
            for start in range(0, len(words) if self.db else 0, 500):
                chunk = words[start:start + 500]
                found.update(self.db.execute(f"SELECT word, vector FROM words WHERE word IN "
                                             f"({','.join('?' * len(chunk))})", chunk).fetchall())
        except sqlite3.Error:
            return {}
        return {w: v for w, v in found.items() if len(v) > 0 and len(v) % 4 == 0 and (size is None or len(v) == size)
                and np.isfinite(np.frombuffer(v, dtype=np.float32)).all()}

    def put(self, rows: list[tuple[str, bytes]]) -> None:
        try:
            if self.db and self.db.execute("SELECT count(*) FROM words").fetchone()[0] < MACHINE_CACHE_WORDS:
                with self.db:
                    self.db.executemany("INSERT OR REPLACE INTO words (word, vector) VALUES (?, ?)", rows)
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
        self.db = None


def _store_vectors(db, keys: dict[str, str], rows: list[tuple[str, bytes]]) -> None:
    with db:
        db.executemany("INSERT OR REPLACE INTO embeddings (key, vector) VALUES (?, ?)",
                       ((keys[w], v) for w, v in rows))


def _embed_new_words(db, words: list[str], keys: dict[str, str], model_id: str, encoder_factory, progress) -> None:
    """Vectors for the words the store does not hold: from the machine's cache, else encoded."""
    have = set()
    key_list = [keys[w] for w in words]
    for start in range(0, len(key_list), 500):
        chunk = key_list[start:start + 500]
        have.update(r[0] for r in db.execute(
            f"SELECT key FROM embeddings WHERE key IN ({','.join('?' * len(chunk))})", chunk))
    todo = [w for w in words if keys[w] not in have]
    if not todo:
        return
    machine = _MachineWords(model_id)
    try:
        cached = machine.get(todo, None)
        _store_vectors(db, keys, list(cached.items()))
        todo = [w for w in todo if w not in cached]
        if todo:
            encoder = encoder_factory()
            for start in range(0, len(todo), 2048):
                batch = todo[start:start + 2048]
                rows = [(w, v.astype(np.float32).tobytes()) for w, v in zip(batch, encoder.encode(batch))]
                _store_vectors(db, keys, rows)
                machine.put(rows)
                if progress:
                    progress(f"embedding words {min(start + 2048, len(todo))}/{len(todo)}")
    finally:
        machine.close()


def build(generation: Path, db, model_id: str, encoder_factory, progress=None) -> int:
    """Embed the corpus vocabulary (cached by word) and write the generation's vocabulary index."""
    import faiss

    words = corpus_words(db)
    keys = {w: hashlib.sha256(f"{model_id}\x00word\x00{w}".encode()).hexdigest() for w in words}
    _embed_new_words(db, words, keys, model_id, encoder_factory, progress)
    with db:
        db.execute("DELETE FROM vocabulary")
        db.executemany("INSERT INTO vocabulary (word, key) VALUES (?, ?)", ((w, keys[w]) for w in words))
    vectors = np.zeros((0, 0), dtype=np.float32)
    if words:
        found = {}
        for start in range(0, len(words), 500):
            chunk = [keys[w] for w in words[start:start + 500]]
            found.update(db.execute(f"SELECT key, vector FROM embeddings WHERE key IN ({','.join('?' * len(chunk))})",
                                    chunk).fetchall())
        vectors = np.vstack([np.frombuffer(found[keys[w]], dtype=np.float32) for w in words])
        index = faiss.IndexScalarQuantizer(vectors.shape[1], faiss.ScalarQuantizer.QT_8bit,
                                           faiss.METRIC_INNER_PRODUCT)
        index.train(vectors)
        index.add(vectors)
        faiss.write_index(index, str(generation / VOCAB_FAISS))
    (generation / VOCAB_JSON).write_text(json.dumps({"words": words, "stems": stemming.stem_words(words)}),
                                         encoding="utf-8")
    return len(words)
