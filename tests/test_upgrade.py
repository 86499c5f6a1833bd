"""An index built by an older qabot (fewer schema migrations) is refused for serving with a sentence
that says what to do, and `qabot ingest` upgrades it into a new generation even when no file changed."""

from __future__ import annotations

import sqlite3

from qabot.index import checksums
from qabot import config
from qabot.store import migrations
from qabot.index.generations import IndexFolder
from qabot.index.vectors import Manifest, sha256_file
from qabot.ingest.run import ingest
from qabot.store.database import STORE_FILE

from .conftest import CORPUS, run_qabot


def _tables(db) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _make_older(store_path) -> None:
    """Turn a store into what the qabot before the newest migration wrote: without that migration's
    tables and without its record."""
    before = sqlite3.connect(":memory:")
    for _, apply in migrations.MIGRATIONS[:-1]:
        apply(before)
    name = migrations.MIGRATIONS[-1][0]
    store_path.chmod(0o600)
    db = sqlite3.connect(store_path)
    with db:
        for table in _tables(db) - _tables(before) - {"schema_migrations"}:
            if not table.startswith(("sqlite_", "paragraphs_fts_")):
                db.execute(f'DROP TABLE "{table}"')
        db.execute("DELETE FROM schema_migrations WHERE name = ?", (name,))
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
