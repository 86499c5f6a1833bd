"""Corpora of any size that look like the UN's, for benchmarks/ask.py: the five seed resolutions (real
texts, real vectors) plus recurring resolutions, each adopted year after year in versions that keep
most paragraphs, change a few words of some, add one and drop one now and then, and recall the
previous year's text, so that version notes, references and lists have work to do.

The synthetic paragraphs are seed paragraphs with a third of their words swapped for other corpus
words. They are embedded by a stand-in for the encoder (a random projection of their words: versions
of a paragraph get nearby vectors, as the real encoder gives them), so that 1M paragraphs build in
minutes; questions are still encoded by the real model. Everything else is qabot's own ingest: the
store, FTS5, references, version families, the vocabulary, the FAISS index (IVF past its threshold).

    python benchmarks/corpora.py DIR --paragraphs 100000
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
PER_DOCUMENT = 18  # paragraphs of a first version
YEARS = 8  # versions of a recurring resolution


class StandIn:
    """The encoder's stand-in: the sum of a fixed random vector per word, normalised."""

    dimension = 384
    budget = 256  # word pieces a batch, as the CPU encoder (ingest's batch size is chosen by it)

    def __init__(self, seed: int = 7):
        self.table = np.random.default_rng(seed).standard_normal((1 << 14, self.dimension)).astype(np.float32)

    def encode(self, texts: list[str], batch_size: int = 0) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            rows = [int(hashlib.blake2b(w.encode(), digest_size=4).hexdigest(), 16) & 0x3FFF
                    for w in re.findall(r"\w+", text.lower())] or [0]
            v = self.table[rows].sum(axis=0)
            out[i] = v / (np.linalg.norm(v) or 1.0)
        return out


def _mutate(rng: random.Random, text: str, vocab: list[str], share: float, names: list[str] = ()) -> str:
    """Some words swapped for corpus words, and now and then for one of the resolution's own names
    (a country, a programme: the rare words that make a text findable)."""
    tokens = text.split(" ")
    for k in range(len(tokens)):
        if tokens[k].isalpha() and tokens[k].islower() and rng.random() < share:
            tokens[k] = rng.choice(names) if names and rng.random() < 0.15 else rng.choice(vocab)
    return " ".join(tokens)


def _name(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4))) + "ia"


def families(paragraphs: int, templates: dict[str, list[str]], vocab: list[str], seed: int = 1):
    """(Document, [Paragraph]) for recurring resolutions, about `paragraphs` paragraphs in all."""
    from qabot.records import Document, Paragraph

    rng = random.Random(seed)
    made = 0
    family = 0
    while made < paragraphs:
        family += 1
        number = 100 + family % 900
        first_session = 40 + family % 30  # sessions 40-69
        title = " ".join(rng.sample(vocab, 3)).capitalize() + " and " + " ".join(rng.sample(vocab, 2))
        names = [_name(rng) for _ in range(4)]
        pre = [_mutate(rng, rng.choice(templates["preambular"]), vocab, 0.35, names) for _ in range(PER_DOCUMENT // 3)]
        ops = [_mutate(rng, rng.choice(templates["operative"]), vocab, 0.35, names)
               for _ in range(PER_DOCUMENT * 2 // 3)]
        previous = None
        for year in range(YEARS):
            session = first_session + year
            symbol = f"A/RES/{session}/{number}-{family // 900}" if family >= 900 else f"A/RES/{session}/{number}"
            date = f"{1945 + session}-12-{10 + family % 18:02d}"
            doc = Document(id=f"syn-{family}-{session}", symbol=symbol, body="General Assembly", title=title,
                           date=date, status="adopted", number=symbol[6:], session=str(session))
            if year:
                ops = [_mutate(rng, t, vocab, 0.05) if rng.random() < 0.15 else t for t in ops]
                if rng.random() < 0.3:
                    ops.append(_mutate(rng, rng.choice(templates["operative"]), vocab, 0.35, names))
                if rng.random() < 0.2 and len(ops) > 4:
                    ops.pop(rng.randrange(len(ops)))
            recall = ([f"Recalling its resolution {previous.number} of {int(previous.date[8:])} "
                       f"{MONTHS[int(previous.date[5:7]) - 1]} {previous.date[:4]},"] if previous else [])
            texts = [("preambular", t) for t in recall + pre] + [("operative", t) for t in ops]
            out, pp, op = [], 0, 0
            for seq, (kind, text) in enumerate(texts):
                if kind == "preambular":
                    pp += 1
                    label = f"pp{pp}"
                else:
                    op += 1
                    label = str(op)
                out.append(Paragraph(doc.id, seq, kind, label, text))
            made += len(out)
            previous = doc
            yield doc, out
            if made >= paragraphs:
                return


def templates_from(store) -> tuple[dict[str, list[str]], list[str]]:
    """The seed paragraphs (by kind) and their words."""
    by_kind: dict[str, list[str]] = {"preambular": [], "operative": []}
    vocab: set[str] = set()
    for p in store.paragraphs():
        if p.kind in by_kind and not p.parent:
            by_kind[p.kind].append(p.text)
            vocab.update(w for w in re.findall(r"[a-z]{4,}", p.text))
    return by_kind, sorted(vocab)


def build(index: Path, paragraphs: int, progress=print) -> Path:
    """The seeds ingested by qabot (real encoder), then the recurring resolutions added in a second
    generation (stand-in encoder). Returns the index folder."""
    from qabot import config
    from qabot.embed import encoders
    from qabot.index.generations import IndexFolder
    from qabot.ingest import embedding
    from qabot.ingest.run import ingest
    from qabot.parse.references import extract
    from qabot.store.database import STORE_FILE, Store

    settings = config.load(index=index)
    ingest([ROOT / "corpus"], settings)
    folder = IndexFolder(index)
    current = folder.current()
    start = time.perf_counter()
    with folder.locked():
        tmp = folder.begin()
        shutil.copyfile(current / STORE_FILE, tmp / STORE_FILE)
        store = Store(tmp / STORE_FILE, readonly=False)
        templates, vocab = templates_from(store)
        added = []
        with store.transaction():
            for doc, paras in families(paragraphs - store.counts()["paragraphs"], templates, vocab):
                store.put_document(doc, paras)
                store.put_references(doc.id, extract(doc, paras))
                added.append(doc.id)
        progress(f"store: {len(added)} documents in {time.perf_counter() - start:.0f} s")
        if hasattr(store, "families"):  # (main before version families: none to decide)
            from qabot.ingest import families as version_families

            with store.transaction():
                version_families.decide(store, added)
            progress(f"version families: {time.perf_counter() - start:.0f} s")
        encoders.document_encoder = lambda *a, **k: StandIn()  # vectors by the stand-in, not the model
        manifest = embedding.update(tmp, store, current, settings, None)
        store.close()
        embedding.seal(tmp, manifest)
        folder.publish(tmp)
    progress(f"built {manifest.paragraphs} paragraphs ({manifest.documents} documents, {manifest.vectors} vectors,"
             f" {manifest.index_type}) in {time.perf_counter() - start:.0f} s")
    return index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("--paragraphs", type=int, default=10000)
    args = parser.parse_args()
    build(args.index, args.paragraphs)


if __name__ == "__main__":
    main()
