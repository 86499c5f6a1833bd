"""The Milvus backend: a generation's vectors and its lexical gathering in one Milvus collection.

`backend = "milvus"` and `milvus_uri` (settings): a file path is Milvus Lite (embedded in the process,
for laptops and tests; one process at a time holds the file), `http://host:19530` a Milvus standalone
or distributed cluster, with the same client code (pymilvus).

What lives where. SQLite (the generation's store.sqlite) stays the source of truth: documents, paragraph
text, labels, metadata, references, the vectors cached by text hash, and the stems qabot's own weighted
BM25 scores with. Milvus holds what a search must scan, per window of a paragraph:

    id          the vector id (vectors.id in the store, as FAISS ids are)
    paragraph   the paragraph id (paragraphs.id)
    doc, year, body      filter fields: a scoped question searches only its documents
    dense       the window's vector (unit length; inner product = cosine), in an HNSW index
    text        the paragraph's own text, on its first window only ("" on the others), analysed by
                Milvus (standard tokenizer, lowercase, English Snowball stemmer)
    sparse      BM25 of `text`, made by Milvus's BM25 function, in a sparse inverted index

A generation is a collection, `<milvus_collection>_gen_000007`, written whole before the generation is
published; publishing moves the alias `<milvus_collection>` to it (atomic in Milvus, as CURRENT is for
the folder). qabot's readers open the collection of the generation whose store they loaded, so store
and vectors are never of two generations; the alias is what other readers of the cluster follow.
Collections of generations no longer in the index folder are dropped.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import numpy as np

from ..errors import ConfigError, IndexRefused
from ..store.vectors import every_window

HNSW_M = 16
HNSW_EF_CONSTRUCTION = 200
HNSW_EF = 256  # candidates an HNSW search keeps (never fewer than the results asked for)
INSERT_BATCH = 2000
TEXT_BYTES = 65535  # Milvus VARCHAR limit
ANALYZER = {"tokenizer": "standard", "filter": ["lowercase", {"type": "stemmer", "language": "english"}]}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,200}$")


def _client():
    """pymilvus's client class and its exception class."""
    try:
        from pymilvus import MilvusClient
        from pymilvus.exceptions import MilvusException
    except ImportError:
        raise ConfigError("backend = \"milvus\" needs pymilvus and milvus-lite: "
                          "pip install 'qabot[distributed]'.") from None
    return MilvusClient, MilvusException


def is_lite(uri: str) -> bool:
    return not re.match(r"^(https?|tcp|unix)://", uri)


def connect(uri: str):
    """A client for `uri`: a file path opens (or creates) a Milvus Lite database there."""
    client_class, failure = _client()
    if is_lite(uri):
        if not uri.endswith(".db"):
            raise ConfigError(f"milvus_uri {uri!r} is neither a URL (http://host:19530) nor a Milvus Lite file "
                              f"ending in .db.")
        Path(uri).resolve().parent.mkdir(parents=True, exist_ok=True)
    try:
        return client_class(uri=uri)
    except (failure, OSError, RuntimeError) as exc:  # refused, unreachable, a Lite file another process holds
        raise IndexRefused(f"Cannot open Milvus at {uri}: {str(exc).strip().splitlines()[0][:200]}") from None


_open: dict[str, int] = {}  # MilvusVectors open in this process, by uri (a bot opens and closes on threads)
_open_lock = threading.Lock()


def release(uri: str) -> None:
    """Close a Milvus Lite file held by this process, so that another process may open it (not while a
    MilvusVectors of this process still searches it: a bot that has just loaded a new generation)."""
    with _open_lock:
        if is_lite(uri) and not _open.get(uri):
            from milvus_lite.server_manager import server_manager_instance

            server_manager_instance.release_server(uri)


def collection_name(alias: str, generation: str) -> str:
    """The collection of one generation: "qabot_gen_000007"."""
    if not _NAME.match(alias):
        raise ConfigError(f"milvus_collection {alias!r} must be letters, digits and underscores, not starting "
                          f"with a digit.")
    return f"{alias}_{generation.replace('-', '_')}"


def _schema(client, dimension: int):
    from pymilvus import DataType, Function, FunctionType

    schema = client.create_schema(auto_id=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("paragraph", DataType.INT64)
    schema.add_field("doc", DataType.VARCHAR, max_length=512)
    schema.add_field("year", DataType.INT64)
    schema.add_field("body", DataType.VARCHAR, max_length=512)
    schema.add_field("text", DataType.VARCHAR, max_length=TEXT_BYTES, enable_analyzer=True,
                     analyzer_params=ANALYZER)
    schema.add_field("dense", DataType.FLOAT_VECTOR, dim=dimension)
    schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    schema.add_function(Function(name="bm25", function_type=FunctionType.BM25, input_field_names=["text"],
                                 output_field_names=["sparse"]))
    index = client.prepare_index_params()
    index.add_index("dense", index_type="HNSW", metric_type="IP",
                    params={"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION})
    index.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
    return schema, index


def _rows(store_path: Path):
    """Every window of the store, in vector id order, as Milvus rows (batches of INSERT_BATCH)."""
    for chunk in every_window(store_path, INSERT_BATCH):
        yield [{"id": vid, "paragraph": pid, "doc": doc_id, "year": int(date[:4]) if date and date[:4].isdigit() else 0,
                "body": body or "", "text": _clip(text) if window == 0 else "",
                "dense": np.frombuffer(blob, dtype=np.float32).tolist()}
               for vid, pid, window, blob, doc_id, text, date, body in chunk]


def _clip(text: str) -> str:
    data = text.encode("utf-8")
    return text if len(data) <= TEXT_BYTES else data[:TEXT_BYTES].decode("utf-8", "ignore")


def write(uri: str, alias: str, generation: str, store_path: Path, dimension: int, progress=None) -> int:
    """Write the generation's collection from its store (replacing one left by an ingest that died);
    returns the rows written."""
    client = connect(uri)
    name = collection_name(alias, generation)
    if client.has_collection(name):
        client.drop_collection(name)
    schema, index = _schema(client, dimension)
    client.create_collection(name, schema=schema, index_params=index)
    written = 0
    for rows in _rows(store_path):
        client.insert(name, rows)
        written += len(rows)
        if progress:
            progress(f"Milvus: {written} windows written to {name}")
    client.flush(name)
    client.load_collection(name)
    return written


def publish(uri: str, alias: str, generation: str, kept: list[str]) -> None:
    """Point the alias at the generation's collection; drop the collections of generations not kept."""
    client = connect(uri)
    name = collection_name(alias, generation)
    if alias in client.list_aliases(name).get("aliases", []):
        return
    if alias in client.list_aliases().get("aliases", []):
        client.alter_alias(name, alias)
    else:
        client.create_alias(name, alias)
    keep = {collection_name(alias, g) for g in kept} | {name}
    for other in client.list_collections():
        if other.startswith(alias + "_gen_") and other not in keep:
            client.drop_collection(other)


def has_generation(uri: str, alias: str, generation: str) -> bool:
    return connect(uri).has_collection(collection_name(alias, generation))


class MilvusVectors:
    """One generation's collection, searched as VectorIndex is: (paragraph id, best window score)."""

    def __init__(self, uri: str, alias: str, generation: str, vectors: int):
        self.uri = uri
        self.client = connect(uri)
        self.name = collection_name(alias, generation)
        if not self.client.has_collection(self.name):
            raise IndexRefused(f"Milvus at {uri} has no collection {self.name} for the generation served "
                               f"({generation}); build it with `qabot ingest`.")
        self.client.load_collection(self.name)
        rows = int(self.client.get_collection_stats(self.name).get("row_count", -1))
        if rows != vectors:
            raise IndexRefused(f"The Milvus collection {self.name} holds {rows} vectors, the manifest says "
                               f"{vectors}; rebuild it with `qabot ingest`.")
        self.count = vectors
        with _open_lock:
            _open[uri] = _open.get(uri, 0) + 1
        self._closed = False

    @staticmethod
    def _scope(docs) -> str:
        if docs is None:
            return ""
        return "doc in [" + ",".join('"' + d.replace("\\", "\\\\").replace('"', '\\"') + '"' for d in docs) + "]"

    def search(self, query: np.ndarray, k: int, docs=None) -> list[tuple[int, float]]:
        """The k paragraphs whose best window is nearest the query; `docs` restricts to those documents."""
        if self.count == 0 or k <= 0 or (docs is not None and not docs):
            return []
        fetch = min(self.count, max(k * 3, k + 8), 16384)
        hits = self.client.search(self.name, data=[np.asarray(query, dtype=np.float32).reshape(-1).tolist()],
                                  anns_field="dense", limit=fetch, filter=self._scope(docs),
                                  search_params={"metric_type": "IP", "params": {"ef": max(HNSW_EF, fetch)}},
                                  output_fields=["paragraph"])[0]
        best: dict[int, float] = {}
        for hit in hits:
            pid = int(hit["entity"]["paragraph"])
            if pid not in best:
                best[pid] = float(hit["distance"])
        return sorted(best.items(), key=lambda kv: -kv[1])[:k]

    def scores_for(self, query: np.ndarray, paragraph_ids) -> dict[int, float]:
        """Exact best-window cosine for chosen paragraphs, from the vectors Milvus holds."""
        ids = sorted({int(p) for p in paragraph_ids or ()})
        if not ids or self.count == 0:
            return {}
        rows = self.client.query(self.name, filter=f"paragraph in {ids}", output_fields=["paragraph", "dense"])
        query = np.asarray(query, dtype=np.float32).reshape(-1)
        best: dict[int, float] = {}
        for row in rows:
            score = float(np.asarray(row["dense"], dtype=np.float32) @ query)
            pid = int(row["paragraph"])
            best[pid] = max(score, best.get(pid, -2.0))
        return best

    def lexical(self, words: list[str], limit: int, docs=None) -> list[int]:
        """Paragraph ids by Milvus's BM25 over their text, best first (the words analysed by Milvus)."""
        text = " ".join(words).strip()
        if not text or limit <= 0 or (docs is not None and not docs):
            return []
        hits = self.client.search(self.name, data=[text], anns_field="sparse", limit=min(limit, 16384),
                                  filter=self._scope(docs), search_params={"metric_type": "BM25"},
                                  output_fields=["paragraph"])[0]
        return [int(hit["entity"]["paragraph"]) for hit in hits]

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            with _open_lock:
                _open[self.uri] -= 1
            release(self.uri)
