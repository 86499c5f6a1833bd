"""The corpus's vocabulary, embedded at ingest for query expansion (search/expansion.py).

Every word of the corpus (up to MAX_WORDS, the most widespread first) is embedded once with the same
model as the paragraphs (cached by word in the store's embeddings table) and kept in a small FAISS
index of the generation: vocab.faiss (8-bit scalar quantized) and vocab.json (the words and their stems).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import numpy as np

from ..language import stemming

VOCAB_FAISS = "vocab.faiss"
VOCAB_JSON = "vocab.json"
MAX_WORDS = 60000
_WORD = re.compile(r"[a-z]{3,}")


def corpus_words(db) -> list[str]:
    """Lower-case words of the paragraphs, those in most paragraphs first (at most MAX_WORDS)."""
    counts: Counter = Counter()
    for (text,) in db.execute("SELECT text FROM paragraphs"):
        counts.update(set(w for w in _WORD.findall(stemming.fold(text)) if w not in stemming.STOP))
    return [w for w, _ in counts.most_common(MAX_WORDS)]


def build(generation: Path, db, model_id: str, encoder_factory, progress=None) -> int:
    """Embed the corpus vocabulary (cached by word) and write the generation's vocabulary index."""
    import faiss

    words = corpus_words(db)
    keys = {w: hashlib.sha256(f"{model_id}\x00word\x00{w}".encode()).hexdigest() for w in words}
    have = set()
    key_list = list(keys.values())
    for start in range(0, len(key_list), 500):
        chunk = key_list[start:start + 500]
        have.update(r[0] for r in db.execute(
            f"SELECT key FROM embeddings WHERE key IN ({','.join('?' * len(chunk))})", chunk))
    todo = [w for w in words if keys[w] not in have]
    if todo:
        encoder = encoder_factory()
        for start in range(0, len(todo), 256):
            batch = todo[start:start + 256]
            vectors = encoder.encode(batch, batch_size=256)
            with db:
                db.executemany("INSERT OR REPLACE INTO embeddings (key, vector) VALUES (?, ?)",
                               ((keys[w], v.astype(np.float32).tobytes()) for w, v in zip(batch, vectors)))
            if progress:
                progress(f"embedding words {min(start + 256, len(todo))}/{len(todo)}")
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
