"""An index built by an older qabot (fewer schema migrations) is refused for serving with a sentence
that says what to do, and `qabot ingest` upgrades it into a new generation even when no file changed."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from qabot.index import checksums
from qabot import config
from qabot.store import migrations
from qabot.index.generations import IndexFolder
from qabot.index.generations import MANIFEST_FORMAT
from qabot.index.manifest import Manifest, sha256_file
from qabot.ingest.run import ingest
from qabot.store.database import STORE_FILE

from .conftest import CORPUS, run_qabot


def _tables(db) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _make_older(store_path, before_migration: str | None = None) -> None:
    """Turn a store into what the qabot before a migration (default: the newest one a reader requires)
    wrote: without the tables of that migration and those after it, and without their records."""
    names = [name for name, _ in migrations.MIGRATIONS]
    if before_migration is None:
        before_migration = [n for n in names if n not in migrations.OPTIONAL][-1]
    cut = names.index(before_migration)
    before = sqlite3.connect(":memory:")
    for _, apply in migrations.MIGRATIONS[:cut]:
        apply(before)
    store_path.chmod(0o600)
    db = sqlite3.connect(store_path)
    with db:
        for table in _tables(db) - _tables(before) - {"schema_migrations"}:
            if not table.startswith(("sqlite_", "paragraphs_fts_")):
                db.execute(f'DROP TABLE "{table}"')
        db.executemany("DELETE FROM schema_migrations WHERE name = ?", ((n,) for n in names[cut:]))
    db.close()
    manifest = Manifest.read(store_path.parent)  # sealed as that qabot sealed it
    manifest.store_bytes, manifest.store_sha256 = store_path.stat().st_size, sha256_file(store_path)
    manifest.write(store_path.parent)
    checksums.write_sums(store_path.parent)
    (store_path.parent / "SHA256SUMS").unlink(missing_ok=True)  # nor did that qabot write checksums


def test_an_older_store_is_refused_then_upgraded_by_ingest(tmp_path):
    index = tmp_path / "index"
    first = ingest([CORPUS], config.load(index=index))
    _make_older(IndexFolder(index).require_current() / STORE_FILE)
    refused = run_qabot("ask", "which regional workshops were held in 2003?", "--index", str(index))
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "older qabot" in refused.stderr and "qabot ingest" in refused.stderr

    upgraded = run_qabot("ingest", "--index", str(index))
    assert upgraded.returncode == 0, upgraded.stderr
    assert "5 unchanged" in upgraded.stdout and first.generation not in upgraded.stdout
    answer = run_qabot("ask", "which regional workshops were held in 2003?", "--index", str(index), "-k", "1")
    assert answer.returncode == 0, answer.stderr
    assert "Islamabad" in answer.stdout


def test_a_store_without_version_families_is_served_without_version_notes_until_ingest(tmp_path):
    """Version families came later than the rest: an index built before them still answers (without the
    notes on other versions), `qabot doctor` says to ingest, and an ingest with no file changed adds them."""
    index = tmp_path / "index"
    ingest([CORPUS], config.load(index=index))
    _make_older(IndexFolder(index).require_current() / STORE_FILE, "m004_version_families")
    question = "What does operative paragraph 15 of resolution 57/210 say?"
    old = run_qabot("ask", question, "--index", str(index), "--format", "json")
    assert old.returncode == 0, old.stderr
    assert not any("is also in" in n for n in json.loads(old.stdout)["notes"])
    doctor = run_qabot("doctor", "--index", str(index), "--format", "json")
    warned = [f for f in json.loads(doctor.stdout)["findings"] if f["warning"]]
    assert any("version" in f["message"] and "qabot ingest" in f["fix"] for f in warned), warned

    upgraded = run_qabot("ingest", "--index", str(index))
    assert upgraded.returncode == 0 and "5 unchanged" in upgraded.stdout, upgraded.stderr
    new = run_qabot("ask", question, "--index", str(index), "--format", "json")
    assert any("A/RES/57/210, op. 15 is also in" in n for n in json.loads(new.stdout)["notes"])


@pytest.mark.parametrize("what", ["manifest", "store"])
def test_an_index_a_newer_qabot_built_is_refused_by_every_command(tmp_path, corpus_index, what):
    """Never half-read, never built over: ask, ingest and doctor each say "upgrade qabot" in one sentence."""
    index = tmp_path / "index"
    shutil.copytree(corpus_index, index)
    gen = IndexFolder(index).require_current()
    if what == "manifest":
        data = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
        (gen / "manifest.json").write_text(json.dumps({**data, "format": MANIFEST_FORMAT + 1}), encoding="utf-8")
        said = (f"was built by a newer qabot (manifest format {MANIFEST_FORMAT + 1}; this one reads up to "
                f"{MANIFEST_FORMAT}): upgrade qabot.")
    else:
        db = sqlite3.connect(gen / STORE_FILE)
        with db:
            db.execute("INSERT INTO schema_migrations VALUES ('9999_from_the_future', datetime('now'))")
        db.close()
        manifest = Manifest.read(gen)
        manifest.store_bytes, manifest.store_sha256 = (gen / STORE_FILE).stat().st_size, sha256_file(gen / STORE_FILE)
        manifest.write(gen)
        said = "was built by a newer qabot (schema 9999_from_the_future); upgrade qabot."
    checksums.write_sums(gen)  # sealed as that qabot sealed it
    for command in (["ask", "which regional workshops were held in 2003?"], ["ingest", str(CORPUS)]):
        result = run_qabot(*command, "--index", str(index))
        assert result.returncode == 1 and result.stderr.count("\n") == 1 and said in result.stderr, result.stderr
    assert [g.name for g in IndexFolder(index).generations()] == [gen.name]  # nothing built over it
    result = run_qabot("doctor", "--index", str(index), "--format", "json")
    bad = [f for f in json.loads(result.stdout)["findings"] if not f["ok"]]
    assert result.returncode == 1 and len(bad) == 1 and said in bad[0]["message"]
    assert "install the qabot that built it" in bad[0]["fix"]
