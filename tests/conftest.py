"""Shared fixtures. Every test runs with a clean environment: no QABOT_* or SLACK_* variables leak in,
and the index lives in a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))
QABOT = [sys.executable, "-m", "qabot"]


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch):
    for name in list(os.environ):
        if name.startswith(("QABOT_", "SLACK_")):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    yield


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A private copy of corpus/ (seeds and catalog) that a test may edit."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def run_qabot(*args: str, cwd: Path = ROOT, env: dict | None = None, input: str | None = None,
              timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the real command line in a new process."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("QABOT_", "SLACK_"))}
    full_env.update(env or {})
    return subprocess.run(QABOT + list(args), cwd=cwd, env=full_env, input=input, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> Path:
    """A real index (real model, store, FAISS) built once from corpus/ for the whole test session.
    Tests must not write to it; a test that changes an index builds its own."""
    from qabot import config
    from qabot.ingest.run import ingest

    index = tmp_path_factory.mktemp("corpus-index") / "index"
    saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith(("QABOT_", "SLACK_"))}
    try:
        report = ingest([CORPUS], config.load(index=index))
    finally:
        os.environ.update(saved)
    assert len(report.added) == 5
    return index


@pytest.fixture(scope="session")
def searcher(corpus_index):
    from qabot import config
    from qabot.search.retrieve import Searcher

    return Searcher(config.load(index=corpus_index))
