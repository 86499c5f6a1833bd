"""Index integrity with the real store, FAISS index and command line: damaged files are refused in one
sentence, kill -9 at any moment of an ingest leaves a served generation complete, two ingests never
corrupt each other, and a running Service picks up a new generation without mixing two in one answer."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

from qabot.index import checksums
from qabot import config
from qabot.errors import IndexRefused, IngestLocked
from qabot.index.generations import IndexFolder
from qabot.pipeline import Service
from qabot.search.retrieve import Searcher
from qabot.store.database import STORE_FILE, Store

from .conftest import CORPUS, QABOT, run_qabot

DOC = "002_5d85320994a82449"


def copy_index(source: Path, target: Path) -> Path:
    """A private copy of a built index (what a backup is): the generation copied, the shared ONNX export
    hard-linked (no test writes it)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("models"))
    shutil.copytree(source / "models", target / "models", copy_function=os.link)
    return target


@pytest.fixture
def workdir(tmp_path, corpus_index):
    """A folder holding corpus/ (a copy) and index/ (a copy of the session index, built from corpus/), so
    that an ingest run from it sees the same sources and re-embeds only what changed."""
    work = tmp_path / "work"
    shutil.copytree(CORPUS, work / "corpus")
    copy_index(corpus_index, work / "index")
    store = Store(IndexFolder(work / "index").require_current() / STORE_FILE)
    sources = {src for _, src in store.document_index().values()}
    store.close()
    if not all(src.startswith("corpus/") for src in sources):  # the session index was built from elsewhere
        shutil.rmtree(work / "index")
        run_qabot("ingest", "corpus", "--index", "index", cwd=work).check_returncode()
    return work


def served(index: Path) -> tuple[str, Store]:
    """The served generation, fully verified, and its store (which must pass SQLite's integrity check)."""
    folder = IndexFolder(index)
    name = folder.current_name()
    checksums.verify(index / name, full=True)
    store = Store(index / name / STORE_FILE)
    assert store.integrity_problems() == []
    assert store.counts()["documents"] == 5
    return name, store


# ------------------------------------------------------------------ damaged files are refused
def _damage_cases():
    def truncate(name, fraction=0.5):
        def act(gen: Path):
            path = gen / name
            os.truncate(path, int(path.stat().st_size * fraction))
        return act

    def flip(name):
        def act(gen: Path):
            path = gen / name
            data = bytearray(path.read_bytes())
            data[len(data) // 2] ^= 0xFF
            stat = path.stat()
            path.write_bytes(bytes(data))
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime: only the content
        return act

    def foreign_store(gen: Path):
        """Another index's store of the same shape: one paragraph's words differ, counts the same."""
        path = gen / STORE_FILE
        db = sqlite3.connect(path)
        db.execute("UPDATE paragraphs SET text = replace(text, 'Commends', 'Condemns')")
        db.commit()
        db.close()

    def lose(name):
        return lambda gen: (gen / name).unlink()

    def add_file(gen: Path):
        (gen / "extra.bin").write_bytes(b"\x00" * 16)

    def drop_sum_lines(gen: Path):
        lines = (gen / checksums.SUMS_FILE).read_text().splitlines()
        (gen / checksums.SUMS_FILE).write_text("\n".join(lines[:2]) + "\n")

    return {
        "store truncated": (truncate(STORE_FILE), "store.sqlite does not match"),
        "store cut to its header": (truncate(STORE_FILE, 0.01), "store.sqlite does not match"),
        "faiss truncated": (truncate("vectors.faiss"), "vectors.faiss does not match"),
        "map byte flipped": (flip("vectors.map.npy"), "vectors.map.npy does not match"),
        "vocabulary byte flipped": (flip("vocab.faiss"), "vocab.faiss does not match"),
        "foreign store": (foreign_store, "store.sqlite does not match"),
        "vocabulary lost": (lose("vocab.json"), "has lost vocab.json"),
        "a file it was not built with": (add_file, "extra.bin, which it was not built with"),
        "checksum list cut short": (drop_sum_lines, "not in SHA256SUMS"),
        "manifest truncated": (truncate("manifest.json"), "manifest.json does not match"),
    }


@pytest.mark.parametrize("case", list(_damage_cases()))
def test_a_damaged_generation_is_refused_even_after_a_good_load(tmp_path, corpus_index, case):
    index = copy_index(corpus_index, tmp_path / "index")
    settings = config.load(index=index)
    Searcher(settings).close()  # a good load first: its check is remembered, and must not hide the damage
    damage, words = _damage_cases()[case]
    damage(IndexFolder(index).current())
    with pytest.raises(IndexRefused) as refused:
        Searcher(settings)
    assert words in str(refused.value) and "qabot doctor" in str(refused.value)


def test_the_command_line_refuses_a_truncated_index_in_one_sentence(tmp_path, corpus_index):
    index = copy_index(corpus_index, tmp_path / "index")
    store = IndexFolder(index).current() / STORE_FILE
    os.truncate(store, store.stat().st_size // 3)
    for args in (["ask", "which regional workshops were held in 2003?"], ["ask", "--format", "json", "x"],
                 ["docs"], ["ingest", str(CORPUS)]):
        result = run_qabot(*args, "--index", str(index))
        assert result.returncode == 1 and result.stdout == "", (args, result.stdout)
        assert result.stderr.count("\n") == 1 and "is damaged: store.sqlite" in result.stderr, result.stderr
    assert store.stat().st_size > 0  # the ingest refused: it changed nothing


def test_a_generation_without_checksums_is_checked_against_its_manifest(tmp_path, corpus_index):
    index = copy_index(corpus_index, tmp_path / "index")
    gen = IndexFolder(index).current()
    (gen / checksums.SUMS_FILE).unlink()
    assert set(checksums.expected(gen)) == {STORE_FILE, "vectors.faiss"}
    Searcher(config.load(index=index)).close()
    os.truncate(gen / "vectors.faiss", 1000)
    with pytest.raises(IndexRefused, match="vectors.faiss does not match"):
        Searcher(config.load(index=index))


def test_checksums_are_what_sha256sum_reads(corpus_index):
    gen = IndexFolder(corpus_index).current()
    if shutil.which("sha256sum") is None:
        pytest.skip("no sha256sum on this machine")
    result = subprocess.run(["sha256sum", "--check", "--strict", checksums.SUMS_FILE], cwd=gen, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    listed = {line.split("  ", 1)[1] for line in (gen / checksums.SUMS_FILE).read_text().splitlines()}
    assert listed == {p.name for p in gen.iterdir()} - {checksums.SUMS_FILE}


# ------------------------------------------------------------------ kill -9 at any moment
def _start_ingest(work: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QABOT_", "SLACK_"))}
    return subprocess.Popen(QABOT + ["ingest", "corpus", "--index", "index"], cwd=work, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _building(index: Path, name: str | None = None):
    def seen():
        for tmp in index.glob(".gen-*.tmp"):
            if name is None or (tmp / name).exists():
                return True
        return False
    return seen


def test_kill_9_at_any_moment_of_an_ingest_leaves_a_complete_generation_served(workdir):
    index = workdir / "index"
    doc = workdir / "corpus" / f"{DOC}.txt"
    first, store = served(index)
    original = store.paragraph(DOC, "4").text
    store.close()
    rng = random.Random(20)

    def change():  # every run has a real generation to build: the file's bytes change, its words do not
        with open(doc, "a", encoding="utf-8") as fh:
            fh.write("\n")

    change()
    began = time.monotonic()
    complete = _start_ingest(workdir)
    assert complete.wait(600) == 0, complete.stderr.read()
    duration = time.monotonic() - began
    gens = [first, IndexFolder(index).current_name()]
    assert gens[1] != first

    # a whole ingest of one changed file takes 0.4 s on a fast machine: "importing" is its first fifth
    moments = [("importing", lambda: time.monotonic() - started > min(0.3, duration / 5)),
               ("building the store", _building(index)),
               ("vectors written", _building(index, "vectors.faiss")),
               ("sealed, publishing", _building(index, checksums.SUMS_FILE)),
               ("renamed, pointer next", lambda: len(IndexFolder(index).generations()) > len(known))]
    moments += [(f"at {f:.2f} of a run", (lambda f=f: time.monotonic() - started > f * duration))
                for f in sorted(rng.uniform(0.1, 1.0) for _ in range(4))]
    killed: list[str] = []
    for moment, reached in moments:
        change()
        known = IndexFolder(index).generations()
        started = time.monotonic()
        process = _start_ingest(workdir)
        while process.poll() is None and not reached():
            time.sleep(0.002)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            killed.append(moment)
        process.wait(60)
        name, store = served(index)  # complete, verified, intact: the previous one or the new one
        assert store.paragraph(DOC, "4").text == original, moment
        store.close()
    print("killed at:", killed)
    # a fast machine may finish the short late stages between two polls; the early ones it cannot
    assert {"importing", "building the store"} <= set(killed) and len(killed) >= 4, killed
    change()
    final = run_qabot("ingest", "corpus", "--index", "index", cwd=workdir)
    assert final.returncode == 0 and "1 updated" in final.stdout, final.stderr
    assert not list(index.glob(".gen-*")) and not list(index.glob("*.tmp"))
    assert len(IndexFolder(index).generations()) <= 3  # keep_generations
    name, store = served(index)
    assert name > gens[1] and store.paragraph(DOC, "4").text == original
    store.close()


# ------------------------------------------------------------------ two ingests at once
def test_a_second_ingest_process_refuses_or_waits_for_the_lock(workdir):
    index = workdir / "index"
    first, _ = served(index)
    doc = workdir / "corpus" / f"{DOC}.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    folder = IndexFolder(index)
    with folder.locked():
        refused = run_qabot("ingest", "corpus", "--index", "index", cwd=workdir)
        assert refused.returncode != 0 and refused.stderr.count("\n") == 1, refused.stderr
        assert "Another ingest (pid" in refused.stderr and "wait for it to finish" in refused.stderr
        waiting = subprocess.Popen(QABOT + ["ingest", "corpus", "--index", "index"], cwd=workdir,
                                   env={**os.environ, "QABOT_LOCK_WAIT": "120"}, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        assert waiting.poll() is None  # it waits while the lock is held
        assert folder.current_name() == first
    out, err = waiting.communicate(timeout=600)
    assert waiting.returncode == 0 and "1 updated" in out, err
    # two at once, both allowed to wait: one after the other, each generation complete
    doc.write_text(doc.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    both = [subprocess.Popen(QABOT + ["ingest", "corpus", "--index", "index"], cwd=workdir,
                             env={**os.environ, "QABOT_LOCK_WAIT": "300"}, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [p.communicate(timeout=600) + (p.returncode,) for p in both]
    assert all(rc == 0 for _, _, rc in results), results
    assert sorted("1 updated" in out for out, _, _ in results) == [False, True]  # the second found it done
    name, store = served(index)
    assert name > first
    store.close()
    with pytest.raises(IngestLocked):
        with folder.locked():
            with IndexFolder(index).locked():
                pass


# ------------------------------------------------------------------ a running Service
def test_a_running_service_picks_up_a_new_generation_and_never_mixes_two(workdir):
    index = workdir / "index"
    service = Service(config.load(index=index))
    first = service.generation
    # one question the 2002 resolution (000_) answers, one the draft L.108 (003_) answers
    questions = [("which regional arrangements exist for the promotion of human rights?", {"year": 2002}),
                 ("who sponsored L.108?", {})]
    for (question, options), doc in zip(questions, ("000_", "003_")):
        before = service.ask(question, **options).to_json()
        assert before["generation"] == first and any(p["doc"]["id"].startswith(doc) for p in before["passages"])

    # the new generation: one document's title changed by the catalog, another document gone
    catalog = workdir / "corpus" / "catalog.toml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'title = "Regional arrangements for the promotion and protection of human rights"\n\n# The 2004',
        'title = "Regional arrangements (as revised)"\n\n# The 2004', 1), encoding="utf-8")
    next((workdir / "corpus").glob("003_*.txt")).unlink()
    answers: list[dict] = []
    stop = threading.Event()

    def keep_asking():
        while not stop.is_set():
            for question, options in questions:
                answers.append(service.ask(question, **options).to_json())

    askers = [threading.Thread(target=keep_asking) for _ in range(2)]
    for t in askers:
        t.start()
    try:
        result = run_qabot("ingest", "corpus", "--prune", "--index", "index", cwd=workdir)
        assert result.returncode == 0, result.stderr
        time.sleep(1.0)
    finally:
        stop.set()
        for t in askers:
            t.join(120)
    after = [service.ask(question, **options).to_json() for question, options in questions]
    second = after[0]["generation"]
    assert second != first and service.generation == second  # picked up, no restart
    answers += after
    title = {first: "Regional arrangements for the promotion and protection of human rights",
             second: "Regional arrangements (as revised)"}
    for answer in answers:
        generation = answer["generation"]
        assert generation in (first, second)
        for p in answer["passages"]:
            if p["doc"]["id"].startswith("000_"):
                assert p["doc"]["title"] == title[generation], (generation, p["doc"]["title"])
            assert generation == first or not p["doc"]["id"].startswith("003_")


def _point(index: Path, name: str) -> None:
    tmp = index / "CURRENT.tmp"
    tmp.write_text(name + "\n")
    os.replace(tmp, index / "CURRENT")


def test_a_running_service_keeps_its_generation_when_the_next_is_damaged(tmp_path, corpus_index, caplog):
    index = copy_index(corpus_index, tmp_path / "index")
    service = Service(config.load(index=index))
    first = service.generation
    question = "which regional workshops were held in 2003?"
    shutil.copytree(index / first, index / "gen-000009")
    os.truncate(index / "gen-000009" / STORE_FILE, 10_000)
    _point(index, "gen-000009")
    with caplog.at_level("WARNING", logger="qabot"):
        for _ in range(3):
            answer = service.ask(question)
            assert answer.found and answer.generation == first
    assert service.refused[0] == "gen-000009" and "is damaged: store.sqlite" in service.refused[1]
    assert len([r for r in caplog.records if "Not serving gen-000009" in r.getMessage()]) == 1
    (index / "CURRENT").write_text("not a generation\n")
    assert service.ask(question).generation == first
    shutil.copytree(index / first, index / "gen-000010")  # a good one: picked up without a restart
    _point(index, "gen-000010")
    answer = service.ask(question)
    assert answer.found and answer.generation == "gen-000010" == service.generation and service.refused is None
