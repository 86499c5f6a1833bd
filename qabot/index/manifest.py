"""A generation's manifest, and the checks that its parts agree (at every load).

    manifest.json     model, encoder, export, index type, dimension, counts, store schema, sizes and
                      hashes, and for "ivf" the number of vectors its lists were trained on

Loading checks the FAISS index, its id map and the manifest against each other and against the store;
any disagreement, or a FAISS index qabot does not build, refuses the index with one sentence, because
garbage results are worse than none (an ingest then rebuilds it from the store). The FAISS index
itself is index/vectors.py.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..errors import IndexRefused
from .generations import refuse_newer

FAISS_FILE = "vectors.faiss"
MAP_FILE = "vectors.map.npy"
DEAD_FILE = "vectors.dead.npy"
MANIFEST_FILE = "manifest.json"
# MANIFEST_FORMAT (generations.py) was not raised for "ivf": an older qabot misreads an IVF generation (as
# "flat": refused at load, its ingest fails), but qabots of then did not read `format` (docs/scaling.md).
# It is 2 since the IVF direct map is written as an array (index/vectors.py), which a qabot before it would
# refuse as damaged; a generation without one is still written as format 1, which they read.
ARRAY_MAP_FORMAT = 2


@dataclass
class Manifest:
    model: str
    encoder: str
    dimension: int
    vectors: int
    paragraphs: int
    documents: int
    schema: str
    index_type: str
    built_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    store_bytes: int = 0
    store_sha256: str = ""
    faiss_sha256: str = ""
    model_fingerprint: str = ""
    vocabulary: int = 0  # corpus words embedded for query expansion
    export: str = ""  # the encoder export (models/<export>) that encoded the documents; queries use it too
    tombstones: int = 0  # removed vectors still in the HNSW graph, skipped at search
    trained_vectors: int = 0  # vectors the IVF lists were trained on ("ivf" only; 0 for the others)
    timings: dict = field(default_factory=dict)  # seconds the last ingest spent per step of the vectors
    avg_text_stems: float = 0.0  # mean stems per paragraph text (BM25 length normalisation)
    avg_context_stems: float = 0.0
    # the first word pieces of a text that got vectors at the last ingest (0 = all; paragraphs windowed
    # by an earlier ingest keep their windows)
    dense_word_pieces: int = 0
    # the store's stem_counts table was written by the ingest that sealed this generation (store/fts.py)
    stem_counts: bool = False
    # the years of the documents' dates, sorted (None: not recorded, read from the store when asked)
    years: list[int] | None = None
    # 1, or 2 for a generation an older qabot must not read: its IVF direct map is an array (vectors.py)
    format: int = 1

    def write(self, folder: Path) -> None:
        (folder / MANIFEST_FILE).write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            refuse_newer(data.get("format"), folder)
            known = cls.__dataclass_fields__
            return cls(**{k: v for k, v in data.items() if k in known})
        except FileNotFoundError:
            raise IndexRefused(f"The index in {folder} has no manifest; rebuild it with `qabot ingest`.") from None
        except (ValueError, TypeError) as exc:
            raise IndexRefused(f"The manifest {path} is unreadable ({exc}); rebuild with `qabot ingest`.") from None


def sha256_file(path: Path) -> str:
    from .checksums import sha256_of

    return sha256_of(path)


def check(folder: Path, manifest: Manifest, vectors, store_paragraphs: int,
          model: str | None = None) -> None:
    """Refuse an index whose parts disagree (cheap checks, done at every load); `vectors` is the
    VectorIndex (index/vectors.py) loaded from `folder`."""
    if model is not None and manifest.model != model:
        raise IndexRefused(f"The index in {folder} was built with model {manifest.model}, but qabot is set to use "
                           f"{model}; rebuild it with `qabot ingest` or set model = \"{manifest.model}\".")
    if vectors.dimension != manifest.dimension:
        raise IndexRefused(f"The vector index in {folder} has dimension {vectors.dimension}, its manifest says "
                           f"{manifest.dimension}; rebuild it with `qabot ingest`.")
    if vectors.count != manifest.vectors:
        raise IndexRefused(f"The vector index in {folder} holds {vectors.count} vectors, its manifest says "
                           f"{manifest.vectors}; it is damaged: rebuild it with `qabot ingest`.")
    import faiss

    if vectors.index_type == "unknown":
        raise IndexRefused(f"The vector index in {folder} is an {vectors.describe()}, which qabot does not build; "
                           f"rebuild it with `qabot ingest`.")
    if vectors.index_type != manifest.index_type:
        raise IndexRefused(f"The vector index in {folder} is of type {vectors.index_type}, its manifest says "
                           f"{manifest.index_type}; it is damaged: rebuild it with `qabot ingest`.")
    if vectors.index.metric_type != faiss.METRIC_INNER_PRODUCT:
        raise IndexRefused(f"The vector index in {folder} ranks by distance, not by inner product (cosine); "
                           f"it is not one qabot builds: rebuild it with `qabot ingest`.")
    if vectors.index_type == "ivf":
        ivf = vectors.index
        # a direct map: a hashtable, or an array indexed by vector id (vectors.py) reaching every id held
        by_id = ivf.direct_map.type == faiss.DirectMap.Hashtable or (
            ivf.direct_map.type == faiss.DirectMap.Array
            and (vectors.count == 0 or ivf.direct_map.array.size() > int(vectors.id_map[-1, 0])))
        if (not ivf.is_trained or len(vectors.dead) or not by_id
                or ivf.quantizer.metric_type != faiss.METRIC_INNER_PRODUCT):
            raise IndexRefused(f"The IVF index in {folder} is untrained, has tombstones or cannot look vectors up "
                               f"by id; it is damaged: rebuild it with `qabot ingest`.")
        stored = ivf.invlists.compute_ntotal()
        if stored != ivf.ntotal:  # vectors counted but in no list (a NaN vector, added by an older qabot)
            raise IndexRefused(f"The IVF index in {folder} counts {ivf.ntotal} vectors but its lists hold {stored}; "
                               f"it is damaged: rebuild it with `qabot ingest`.")
    if store_paragraphs != manifest.paragraphs:
        raise IndexRefused(f"The store in {folder} holds {store_paragraphs} paragraphs, the manifest says "
                           f"{manifest.paragraphs}; store and vectors disagree: rebuild with `qabot ingest`.")
    store = folder / "store.sqlite"
    if manifest.store_bytes and store.stat().st_size != manifest.store_bytes:
        raise IndexRefused(f"The store in {folder} is {store.stat().st_size} bytes, the manifest says "
                           f"{manifest.store_bytes}; it was changed or truncated: rebuild with `qabot ingest`.")
