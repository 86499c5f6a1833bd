"""Past one machine: ingest on a real Ray local runtime, the index in a real Milvus Lite file (no mocks).

Skipped with a reason where the `distributed` extra (ray, pymilvus, milvus-lite) is not installed;
setup.sh installs it, so CI runs these."""

from __future__ import annotations

import importlib.util
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

from .conftest import CORPUS, QABOT, ROOT, run_qabot

MISSING = [m for m in ("ray", "pymilvus", "milvus_lite") if importlib.util.find_spec(m) is None]
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"the distributed extra is not installed ({', '.join(MISSING)})"
                                " : pip install -e '.[distributed]'")

QUESTIONS = ["which regional workshops were held in 2003?",
             "What does the Assembly ask the Secretary-General to report on?",
             "national institutions for human rights",
             "technical cooperation in the Asia-Pacific region"]


def _store(index: Path) -> sqlite3.Connection:
    current = (index / "CURRENT").read_text().strip()
    return sqlite3.connect(f"file:{index / current / 'store.sqlite'}?mode=ro", uri=True)


def _contents(index: Path):
    """Paragraphs (document, label, text) and vectors by (document, label, window), of the served generation."""
    db = _store(index)
    try:
        paragraphs = db.execute("SELECT doc_id, label, text FROM paragraphs ORDER BY doc_id, seq").fetchall()
        vectors = {(d, label, w): np.frombuffer(v, dtype=np.float32) for d, label, w, v in db.execute(
            "SELECT p.doc_id, p.label, v.window, e.vector FROM vectors v JOIN paragraphs p ON p.id = v.paragraph_id"
            " JOIN embeddings e ON e.key = v.key")}
        rows = db.execute("SELECT count(*), count(DISTINCT paragraph_id || '/' || window) FROM vectors").fetchone()
    finally:
        db.close()
    return paragraphs, vectors, rows


def _same_index(a: Path, b: Path) -> None:
    paragraphs_a, vectors_a, rows_a = _contents(a)
    paragraphs_b, vectors_b, rows_b = _contents(b)
    assert paragraphs_a == paragraphs_b
    assert vectors_a.keys() == vectors_b.keys()
    assert rows_a == rows_b and rows_a[0] == rows_a[1] == len(vectors_a)  # nothing lost, nothing doubled
    assert min(float(vectors_a[k] @ vectors_b[k]) for k in vectors_a) >= 0.9999


def _synthetic_corpus(folder: Path, documents: int = 24, paragraphs: int = 24) -> Path:
    """Resolutions of distinct wording (words of the seeds, shuffled with a fixed seed): enough windows
    that encoding them keeps the Ray actors busy for a while."""
    words = sorted({w.strip(",;.()").lower() for p in CORPUS.glob("*.txt")
                    for w in p.read_text(encoding="utf-8").split() if w.isalpha() and len(w) > 3})
    rng = random.Random(18)
    folder.mkdir(parents=True, exist_ok=True)
    for d in range(documents):
        body = [f" {i}. Decides " + " ".join(rng.choice(words) for _ in range(40)) + ";"
                for i in range(1, paragraphs + 1)]
        (folder / f"synthetic-{d:02d}.txt").write_text(
            "  The General Assembly, \n\n Recalling " + " ".join(rng.choice(words) for _ in range(30)) + ", \n\n"
            + "\n\n".join(body) + "\n", encoding="utf-8")
    return folder


def test_ray_ingest_gives_the_paragraphs_and_vectors_of_a_local_one(tmp_path, corpus_index):
    from qabot import config
    from qabot.pipeline import build

    import ray

    index = tmp_path / "index"
    report = build([CORPUS], config.load(index=index, ray_address="local", ray_workers=2))
    assert len(report.added) == 5 and not report.skipped
    assert report.parsed_on_ray == 5  # every file was parsed on Ray and taken by the driver
    assert not ray.is_initialized()  # the runtime started for the run is stopped after it
    _same_index(index, corpus_index)


def test_a_ray_address_of_no_known_form_is_one_line_and_nothing_published(tmp_path):
    result = run_qabot("ingest", str(CORPUS), "--index", str(tmp_path / "index"), "--ray", "nowhere:1", timeout=120)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "ray_address must be local, auto or ray://" in result.stderr
    assert not (tmp_path / "index" / "CURRENT").exists()


def _refusing_address() -> tuple[socket.socket, str]:
    """A real address on this machine where nothing answers: a port bound (so no one else takes it) but
    never listened on, so every connection to it is refused."""
    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    return held, f"ray://127.0.0.1:{held.getsockname()[1]}"


def _generations(index: Path) -> tuple[str, list[str]]:
    return (index / "CURRENT").read_text(), sorted(p.name for p in index.iterdir())


def test_a_ray_cluster_that_refuses_is_one_line_and_the_index_untouched(tmp_path, corpus_index):
    index = tmp_path / "index"
    shutil.copytree(corpus_index, index)
    before = _generations(index)
    held, address = _refusing_address()
    try:
        # Ray Client's own settings: give up after three 1-second tries rather than 5 + 10 + 15 s
        result = run_qabot("ingest", str(CORPUS), str(_synthetic_corpus(tmp_path / "more", 1, 3)), "--index",
                           str(index), "--ray", address, timeout=120,
                           env={"RAY_CLIENT_INITIAL_CONNECTION_TIMEOUT_S": "1",
                                "RAY_CLIENT_MAX_CONNECTION_TIMEOUT_S": "1"})
    finally:
        held.close()
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"qabot: Cannot reach the Ray cluster at {address}: ray client connection timeout"]
    assert _generations(index) == before  # nothing published, no generation begun and left behind


def test_a_local_ray_runtime_that_cannot_start_is_one_line_and_nothing_published(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    result = run_qabot("ingest", str(CORPUS), "--index", str(tmp_path / "index"), "--ray", "local", timeout=120,
                       env={"RAY_TMPDIR": str(not_a_folder / "ray")})  # Ray's session folder cannot be made
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("qabot: Cannot start a Ray runtime on this machine: ")
    assert not (tmp_path / "index" / "CURRENT").exists()


def _encoder_actors(busy: bool = False) -> list[int]:
    """Processes of this machine running qabot's encoder actor (Ray titles them after its class and, while
    it encodes a batch, after the method running: "ray::MapWorker(MapBatches(_Encoder)).submit")."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").strip()
            except OSError:
                continue
            if b"ray::" in title and b"_Encoder" in title and (not busy or title.endswith(b".submit")):
                found.append(int(entry.name))
    return found


def _kill_an_encoder_mid_batch(process: subprocess.Popen) -> tuple[int | None, int | None]:
    """SIGKILL the encoder actor while it encodes a batch; then wait for Ray to start another.
    Returns (the pid killed, the pid of the actor started in its place)."""
    killed = restarted = None
    deadline = time.monotonic() + 240
    while process.poll() is None and time.monotonic() < deadline:
        if killed is None:
            busy = _encoder_actors(busy=True)
            if busy:
                killed = busy[0]
                os.kill(killed, signal.SIGKILL)
        else:
            restarted = next((pid for pid in _encoder_actors() if pid != killed), None)
            if restarted:
                break
        time.sleep(0.05)
    return killed, restarted


def test_a_killed_ray_worker_is_retried_and_nothing_is_lost_or_doubled(tmp_path):
    corpus = _synthetic_corpus(tmp_path / "corpus")
    index = tmp_path / "index"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QABOT_", "SLACK_"))}
    # one encoder actor: the batch it was encoding when killed can only be done by the one Ray restarts
    env.update({"QABOT_RAY_WORKERS": "1", "QABOT_INDEX": str(index)})
    process = subprocess.Popen(QABOT + ["ingest", str(corpus), "--ray", "local"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        killed, restarted = _kill_an_encoder_mid_batch(process)
        out, err = process.communicate(timeout=300)
    finally:
        process.kill()
    assert killed is not None, "the encoder actor was never seen encoding"
    assert restarted is not None, "Ray did not start an encoder in place of the one killed"
    assert process.returncode == 0, err[-2000:]
    assert "24 added" in out
    assert not _encoder_actors()  # the runtime started for the run is gone with its workers

    from qabot import config
    from qabot.ingest.run import ingest

    ingest([corpus], config.load(index=tmp_path / "local"))
    _same_index(index, tmp_path / "local")


@pytest.fixture(scope="module")
def milvus_index(tmp_path_factory, corpus_index):
    """The corpus index switched to Milvus: an ingest with backend = "milvus" finds the served generation
    without a collection and publishes one that has it (the vectors come from the store's cache)."""
    from qabot import config
    from qabot.ingest.run import ingest

    folder = tmp_path_factory.mktemp("milvus")
    index = folder / "index"
    shutil.copytree(corpus_index, index)
    uri = str(folder / "milvus.db")
    report = ingest([CORPUS], config.load(index=index, backend="milvus", milvus_uri=uri))
    assert report.generation != (corpus_index / "CURRENT").read_text().strip()
    return index, uri


def _milvus(uri: str):
    from pymilvus import MilvusClient

    return MilvusClient(uri=uri)


def test_a_generation_is_a_collection_and_publishing_moves_the_alias(milvus_index, tmp_path):
    from qabot.index import milvus

    index, uri = milvus_index
    current = (index / "CURRENT").read_text().strip()
    client = _milvus(uri)
    try:
        assert client.describe_alias("qabot")["collection_name"] == f"qabot_{current.replace('-', '_')}"
        rows = client.get_collection_stats(f"qabot_{current.replace('-', '_')}")["row_count"]
    finally:
        milvus.release(uri)
    _, vectors, _ = _contents(index)
    assert int(rows) == len(vectors)


def test_milvus_answers_as_faiss_does(milvus_index, corpus_index):
    from qabot import config
    from qabot.search.query import understand
    from qabot.search.retrieve import Searcher

    index, uri = milvus_index
    faiss = Searcher(config.load(index=corpus_index))
    served = Searcher(config.load(index=index, backend="milvus", milvus_uri=uri))
    try:
        assert type(served.vectors).__name__ == "MilvusVectors"
        for question in QUESTIONS:
            query = understand(question)
            expected = [c.pid for c in faiss.search(query, 5).candidates[:5]]
            got = [c.pid for c in served.search(query, 5).candidates[:5]]
            assert got == expected, question
        scoped = served.search(understand("human rights"), 5, doc=faiss.store.documents()[0].id)
        assert {scoped.paragraphs[c.pid].doc_id for c in scoped.candidates} == {faiss.store.documents()[0].id}
    finally:
        served.close()
        faiss.close()


def test_the_command_line_works_against_milvus_and_refuses_a_missing_collection(milvus_index):
    from qabot.index import milvus

    index, uri = milvus_index
    env = {"QABOT_BACKEND": "milvus", "QABOT_MILVUS_URI": uri, "QABOT_INDEX": str(index)}
    answer = run_qabot("ask", QUESTIONS[0], env=env)
    assert answer.returncode == 0, answer.stderr
    assert "E/CN.4/RES/2003/73" in answer.stdout
    other = run_qabot("ask", QUESTIONS[0], env={**env, "QABOT_MILVUS_URI": str(Path(uri).parent / "empty.db")})
    assert other.returncode != 0 and "Traceback" not in other.stderr
    assert "has no collection qabot_gen_" in other.stderr
    doctor = run_qabot("doctor", env={**env, "QABOT_MILVUS_URI": str(Path(uri).parent / "empty.db")})
    assert doctor.returncode != 0 and "FAIL  milvus:" in doctor.stdout
    assert "ok    milvus: the collection qabot_gen_" in run_qabot("doctor", env=env).stdout
    milvus.release(uri)


def test_a_served_milvus_index_picks_up_a_new_generation_between_questions(tmp_path, corpus_index):
    """As the bot does (pipeline.Service): an ingest in the same process publishes a new generation and
    moves the alias; the next question is answered from it, from the same Milvus Lite file."""

    from qabot import config
    from qabot.index import milvus
    from qabot.ingest.run import ingest
    from qabot.pipeline import Service

    index = tmp_path / "index"
    shutil.copytree(corpus_index, index)
    settings = config.load(index=index, backend="milvus", milvus_uri=str(tmp_path / "milvus.db"))
    ingest([CORPUS], settings)
    service = Service(settings)
    try:
        first = service.generation
        assert service.ask("which regional workshops were held in 2003?").passages
        before = service.searcher()
        report = ingest([CORPUS, _synthetic_corpus(tmp_path / "more", documents=1, paragraphs=3)], settings)
        assert report.added == ["synthetic-00"] and report.generation != first
        # a question still running on the generation before is answered: the ingest left the file open
        assert before.vectors.search(before.encode("regional workshops"), 3)
        answer = service.ask("which regional workshops were held in 2003?")
        assert service.generation == report.generation and answer.passages
        client = milvus.connect(settings.milvus_uri)
        assert client.describe_alias("qabot")["collection_name"] == milvus.collection_name("qabot", report.generation)
    finally:
        service.close()
        milvus.release(settings.milvus_uri)
