"""`qabot doctor` on real indexes, healthy and damaged: what is wrong, how to fix it, non-zero exit."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3

import pytest

from qabot.index import checksums
from qabot.doctor import diagnose
from qabot.index.generations import IndexFolder
from qabot.store.database import STORE_FILE

from .conftest import run_qabot

BOT = "xoxb-1111-2222-abcdefSECRETbot"
APP = "xapp-1-A111-2222-abcdefSECRETapp"
SIGNING = "0123456789abcdefSECRETsigning00"


@pytest.fixture
def index(tmp_path, corpus_index):
    target = tmp_path / "index"
    shutil.copytree(corpus_index, target, ignore=shutil.ignore_patterns("models"))
    shutil.copytree(corpus_index / "models", target / "models", copy_function=os.link)
    return target


def forge(gen):
    """Make the recorded checksums match damaged files (as a careless restore might): deeper checks must
    still find the damage."""
    manifest = json.loads((gen / "manifest.json").read_text())
    manifest.update(store_sha256=checksums.sha256_of(gen / STORE_FILE), store_bytes=(gen / STORE_FILE).stat().st_size,
                    faiss_sha256=checksums.sha256_of(gen / "vectors.faiss"))
    (gen / "manifest.json").write_text(json.dumps(manifest))
    checksums.write_sums(gen)


def failures(findings):
    return {f.topic: f for f in findings if not f.ok}


def test_a_healthy_index_and_slack_settings_pass_without_showing_secrets(index):
    env = {"SLACK_BOT_TOKEN": BOT, "SLACK_APP_TOKEN": APP, "SLACK_SIGNING_SECRET": SIGNING}
    result = run_qabot("doctor", "--index", str(index), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    topics = [line.split(":")[0].split()[-1] for line in result.stdout.splitlines() if line.startswith("ok")]
    assert topics == ["settings", "model", "permissions", "index", "checksums", "store", "vectors", "encoder", "slack"]
    assert "Socket Mode and HTTP" in result.stdout and result.stdout.rstrip().endswith("No problems found.")
    assert "SECRET" not in result.stdout + result.stderr


def test_a_folder_made_as_a_clone_makes_it_passes_with_a_warning(index):
    """A clone's embeddings/ is 0755 and holds the README.md git wrote 0644: public files, so doctor warns
    and says how to tidy them, and still exits 0."""
    index.chmod(0o755)
    (index / "README.md").write_text("The built index lives here.\n")
    (index / "README.md").chmod(0o644)
    result = run_qabot("doctor", "--index", str(index))
    assert result.returncode == 0, result.stdout + result.stderr
    warned = [line for line in result.stdout.splitlines() if line.startswith("WARN")]
    assert len(warned) == 1 and "permissions" in warned[0] and "README.md" in warned[0]
    assert result.stdout.rstrip().endswith("No problems found. 1 warning.")


def test_a_truncated_store_is_found_and_an_intact_older_generation_offered(index):
    folder = IndexFolder(index)
    current = folder.current()
    shutil.copytree(current, index / "gen-000000")  # an older generation, intact
    os.truncate(current / STORE_FILE, 4096)
    result = run_qabot("doctor", "--index", str(index), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    bad = {f["topic"]: f for f in report["findings"] if not f["ok"]}
    assert report["ok"] is False and list(bad) == ["checksums"]
    assert "store.sqlite does not match" in bad["checksums"]["message"]
    assert f"echo gen-000000 > {index}/CURRENT" in bad["checksums"]["fix"]
    # following the advice serves again
    (index / "CURRENT").write_text("gen-000000\n")
    assert not failures(diagnose(index))


def test_sqlite_integrity_check_catches_a_damaged_page_even_with_forged_checksums(index):
    gen = IndexFolder(index).current()
    store = gen / STORE_FILE
    page = 4096
    with open(store, "r+b") as fh:
        fh.seek(page * 3)
        fh.write(b"\xa5" * page * 4)
    forge(gen)  # the sums no longer protect it: SQLite's own check must
    bad = failures(diagnose(index))
    assert list(bad) == ["store"] and bad["store"].fix
    assert "integrity_check" in bad["store"].message or "malformed" in bad["store"].message


def test_store_and_faiss_disagreeing_is_found(index):
    gen = IndexFolder(index).current()
    db = sqlite3.connect(gen / STORE_FILE)
    db.execute("DELETE FROM vectors WHERE id = (SELECT max(id) FROM vectors)")
    db.commit()
    db.close()
    forge(gen)
    bad = failures(diagnose(index))
    assert list(bad) == ["vectors"] and "disagree" in bad["vectors"].message


def test_settings_permissions_missing_index_and_slack_shapes(tmp_path, index, monkeypatch):
    monkeypatch.setenv("QABOT_K", "many")
    bad = failures(diagnose(index))
    assert list(bad) == ["settings"] and "QABOT_K" in bad["settings"].message
    monkeypatch.delenv("QABOT_K")

    (IndexFolder(index).current() / "manifest.json").chmod(0o644)  # a public text: a warning, not a failure
    findings = diagnose(index)
    assert not failures(findings)
    warned = [f for f in findings if f.warning]
    assert [f.topic for f in warned] == ["permissions"] and warned[0].fix == f"chmod -R go-rwx {index}"
    assert "manifest.json" in warned[0].message
    (IndexFolder(index).current() / "manifest.json").chmod(0o600)

    feedback = index / "feedback.sqlite"  # what people said: private
    feedback.write_bytes(b"")
    feedback.chmod(0o644)
    bad = failures(diagnose(index))
    assert list(bad) == ["permissions"] and "feedback.sqlite" in bad["permissions"].message
    assert bad["permissions"].fix == f"chmod go-rwx {feedback}"
    feedback.unlink()

    bad = failures(diagnose(tmp_path / "nowhere"))
    assert list(bad) == ["index"] and "qabot ingest" in bad["index"].fix

    env = {"SLACK_BOT_TOKEN": "xoxp-user-token-SECRET", "SLACK_SIGNING_SECRET": "short"}
    findings = diagnose(tmp_path / "nowhere", env=env)
    slack = [f for f in findings if f.topic == "slack"]
    assert slack and not any(f.ok for f in slack) and "SLACK_BOT_TOKEN" in slack[0].message
    assert not any("SECRET" in f.message + f.fix for f in findings)
    only_http = diagnose(tmp_path / "nowhere", env={"SLACK_BOT_TOKEN": BOT, "SLACK_SIGNING_SECRET": "x" * 8})
    assert any(not f.ok and "SLACK_SIGNING_SECRET" in f.message for f in only_http if f.topic == "slack")


@pytest.mark.parametrize("damage", ["model.onnx", "query.onnx.data", "tokenizer.json"])
def test_a_damaged_query_encoder_is_named_with_its_fix(index, corpus_index, damage):
    """ONNX Runtime's and the tokenizer's own refusals of a damaged export are findings, with the fix."""
    models = index / "models"
    shutil.rmtree(models)
    shutil.copytree(corpus_index / "models", models)  # copies: the fixture's links share the session's files
    for path in models.glob(f"*/{damage}"):
        os.truncate(path, path.stat().st_size // 3)
    result = run_qabot("doctor", "--index", str(index), "--format", "json")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    bad = {f["topic"]: f for f in json.loads(result.stdout)["findings"] if not f["ok"]}
    assert list(bad) == ["query encoder"]
    assert f"remove {models} and run qabot ingest" in bad["query encoder"]["fix"]


def test_a_missing_index_folder_is_fixed_by_building_that_folder(tmp_path):
    # the fix said "qabot ingest", which builds embeddings/, not the folder doctor was asked about
    result = run_qabot("doctor", "--index", str(tmp_path / "nope"))
    assert result.returncode != 0 and f"qabot ingest --index {tmp_path / 'nope'}" in result.stdout + result.stderr
