"""Ingest: the real store in a temporary index folder; incremental, atomic, and polite about bad files."""

from __future__ import annotations

import os
import random
import threading

import pytest

from qabot import config
from qabot.errors import IngestLocked, NothingIngested
from qabot.index.generations import IndexFolder
from qabot.ingest.run import ingest
from qabot.store.database import STORE_FILE, Store

from .conftest import run_qabot


def settings_for(tmp_path, **extra):
    return config.load(index=tmp_path / "index", **extra)


def open_store(settings) -> Store:
    return Store(IndexFolder(settings.index).require_current() / STORE_FILE)


def test_ingest_builds_the_store(tmp_path, corpus_copy):
    settings = settings_for(tmp_path)
    report = ingest([corpus_copy], settings)
    assert len(report.added) == 5 and not report.skipped
    store = open_store(settings)
    assert store.counts()["documents"] == 5
    assert store.resolve("A/RES/57/210").title.startswith("Regional arrangements")  # from the catalog
    assert store.resolve("57/210").id == "000_e943feafb609eb45"
    assert store.resolve("2003/73").symbol == "E/CN.4/RES/2003/73"
    assert store.resolve("001_5df13f3e52ca6d09").symbol is None  # the catalog states no symbol for it
    assert store.integrity_problems() == []
    fts = store.db.execute(
        "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH 'text: islamabad'").fetchone()[0]
    assert fts == 2


def test_ingesting_twice_changes_nothing(tmp_path, corpus_copy):
    settings = settings_for(tmp_path)
    first = ingest([corpus_copy], settings)
    second = ingest([corpus_copy], settings)
    assert len(second.unchanged) == 5 and not second.changed
    assert second.generation == first.generation
    assert [g.name for g in IndexFolder(settings.index).generations()] == [first.generation]


def test_editing_one_file_reingests_that_file_only(tmp_path, corpus_copy):
    settings = settings_for(tmp_path)
    ingest([corpus_copy], settings)
    path = next(corpus_copy.glob("002_*.txt"))
    path.write_text(path.read_text(encoding="utf-8").replace("Commends the contribution", "Applauds the contribution"),
                    encoding="utf-8")
    report = ingest([corpus_copy], settings)
    assert report.updated == ["002_5d85320994a82449"] and len(report.unchanged) == 4 and not report.added
    store = open_store(settings)
    assert store.paragraph("002_5d85320994a82449", "4").text.startswith("Applauds the contribution")
    assert store.counts()["documents"] == 5


def test_catalog_fills_what_the_text_lacks_and_wins_only_where_it_states_a_value(tmp_path, corpus_copy):
    settings = settings_for(tmp_path)
    catalog = corpus_copy / "catalog.toml"
    catalog.write_text(catalog.read_text(encoding="utf-8") + '\n["004_66e8b75daa607f5e.txt"]\nagenda_item = "109 (b) revised"\n',
                       encoding="utf-8")
    ingest([corpus_copy], settings)
    doc = open_store(settings).resolve("57/224")
    assert doc.agenda_item == "109 (b) revised"
    assert doc.symbol == "A/RES/57/224" and doc.date == "2002-12-18"  # untouched: the catalog says nothing of them


def test_bad_files_are_skipped_with_a_reason_and_the_rest_ingested(tmp_path, corpus_copy):
    (corpus_copy / "empty.txt").write_bytes(b"")
    (corpus_copy / "binary.txt").write_bytes(bytes(random.Random(1).randrange(256) for _ in range(4096)))
    (corpus_copy / "latin1.txt").write_bytes("The General Assembly,\n\n1. D\xe9cide de poursuivre;\n".encode("latin-1"))
    (corpus_copy / "shopping.txt").write_text("Milk\nEggs\nBread, and a newspaper\n", encoding="utf-8")
    with open(corpus_copy / "huge.txt", "wb") as fh:
        fh.write(b"The General Assembly,\n\n" + b"1. Decides to do this and that;\n" * (50 * 1024 * 1024 // 32))
    (corpus_copy / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    result = run_qabot("ingest", str(corpus_copy), "--index", str(tmp_path / "index"))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    reasons = {line.split(":")[0].split("/")[-1]: line for line in lines}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "no resolution structure" in reasons["shopping.txt"]
    assert "limit" in reasons["huge.txt"] and "MB" in reasons["huge.txt"]
    assert "cannot read .png" in reasons["scan.png"]
    assert len(lines) == 6 and "Traceback" not in result.stderr
    assert "5 added" in result.stdout and "6 skipped" in result.stdout


def test_nothing_readable_is_an_error_and_loses_nothing(tmp_path, corpus_copy):
    settings = settings_for(tmp_path)
    first = ingest([corpus_copy], settings)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    with pytest.raises(NothingIngested):
        ingest([bad], settings)
    result = run_qabot("ingest", str(bad), "--index", str(settings.index))
    assert result.returncode != 0 and result.stderr.count("\n") <= 2 and "Traceback" not in result.stderr
    assert "empty" in result.stderr
    assert IndexFolder(settings.index).current_name() == first.generation
    assert open_store(settings).counts()["documents"] == 5


def test_prune_drops_documents_whose_files_are_gone(tmp_path, corpus_copy):
    settings = settings_for(tmp_path)
    ingest([corpus_copy], settings)
    next(corpus_copy.glob("003_*.txt")).unlink()
    kept = ingest([corpus_copy], settings)
    assert not kept.removed and open_store(settings).counts()["documents"] == 5
    pruned = ingest([corpus_copy], settings, prune=True)
    assert pruned.removed == ["003_03e9d98814bb2b05"]
    assert open_store(settings).counts()["documents"] == 4


def test_a_crash_mid_ingest_leaves_the_previous_index_intact(tmp_path, corpus_copy):
    settings = settings_for(tmp_path)
    first = ingest([corpus_copy], settings)
    path = next(corpus_copy.glob("000_*.txt"))
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    def crash(*args):
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        ingest([corpus_copy], settings, after_store=crash)
    folder = IndexFolder(settings.index)
    assert folder.current_name() == first.generation
    assert not [p for p in settings.index.iterdir() if p.name.startswith(".gen-")]
    assert open_store(settings).integrity_problems() == []
    again = ingest([corpus_copy], settings)
    assert again.updated == ["000_e943feafb609eb45"] and again.generation != first.generation


def test_a_second_ingest_refuses_while_the_first_holds_the_lock(tmp_path, corpus_copy):
    settings = settings_for(tmp_path)
    folder = IndexFolder(settings.index)
    held = threading.Event()
    release = threading.Event()

    def hold():
        with folder.locked():
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert held.wait(5)
        with pytest.raises(IngestLocked, match="Another ingest"):
            ingest([corpus_copy], settings)
    finally:
        release.set()
        thread.join()
    assert ingest([corpus_copy], settings).added


def test_index_files_are_owner_only(tmp_path, corpus_copy):
    settings = settings_for(tmp_path)
    report = ingest([corpus_copy], settings)
    generation = settings.index / report.generation
    assert oct(os.stat(generation).st_mode & 0o777) == "0o700"
    for item in generation.iterdir():
        assert oct(os.stat(item).st_mode & 0o077) == "0o0", item


def test_the_last_three_generations_are_kept_unless_set_otherwise(tmp_path, corpus_copy, monkeypatch):
    """Each ingest that changes something publishes a generation; the oldest beyond keep_generations go,
    the served one (the newest) always stays, and an older one stays servable (a rollback target)."""
    path = next(corpus_copy.glob("002_*.txt"))
    original = path.read_text(encoding="utf-8")
    folder = IndexFolder(tmp_path / "index")

    def ingest_edited(n: int, **extra) -> str:
        path.write_text(original.replace("Commends the contribution", f"Commends the {n} contributions"),
                        encoding="utf-8")
        return ingest([corpus_copy], settings_for(tmp_path, **extra)).generation

    published = [ingest_edited(n) for n in range(5)]
    assert [g.name for g in folder.generations()] == published[-3:]
    assert folder.current_name() == published[-1]
    # roll back to the oldest kept, as the README says: the next ingest keeps it (readers were using it)
    rolled_back = published[-3]
    (folder.root / "CURRENT").write_text(rolled_back + "\n")
    published.append(ingest_edited(5))
    assert [g.name for g in folder.generations()] == [rolled_back, published[-2], published[-1]]
    assert folder.current_name() == published[-1]
    # fewer, set in the environment
    monkeypatch.setenv("QABOT_KEEP_GENERATIONS", "2")
    published.append(ingest_edited(6))
    monkeypatch.delenv("QABOT_KEEP_GENERATIONS")
    assert [g.name for g in folder.generations()] == published[-2:]
    # fewer than two would cut off a reader still using the previous one
    result = run_qabot("ingest", str(corpus_copy), "--index", str(folder.root), env={"QABOT_KEEP_GENERATIONS": "1"})
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "keep_generations must be at least 2" in result.stderr
    assert [g.name for g in folder.generations()] == published[-2:]
