"""Nothing read from disk is unpickled or executed; every index file is owner-only."""

from __future__ import annotations

import ast
import os
import shutil
import stat

import numpy as np
import pytest

from qabot.index import checksums
from qabot import config
from qabot.errors import IndexRefused
from qabot.index.generations import IndexFolder
from qabot.search.retrieve import Searcher

from .conftest import ROOT

PACKAGE = ROOT / "qabot"
UNSAFE_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "joblib", "cloudpickle"}
UNSAFE_CALLS = {"eval", "exec", "compile", "__import__"}


def _calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
            yield node, owner, name


def test_no_code_path_unpickles_or_executes_what_it_reads():
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                problems += [f"{where}: imports {a.name}" for a in node.names if a.name.split(".")[0] in UNSAFE_MODULES]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in UNSAFE_MODULES:
                problems.append(f"{where}: imports from {node.module}")
        for node, owner, name in _calls(tree):
            keywords = {k.arg: k.value for k in node.keywords}
            if name in UNSAFE_CALLS and owner in ("", "builtins"):
                problems.append(f"{where}:{node.lineno}: calls {name}()")
            if owner in ("np", "numpy") and name == "load":
                flag = keywords.get("allow_pickle")
                if not (isinstance(flag, ast.Constant) and flag.value is False):
                    problems.append(f"{where}:{node.lineno}: np.load without allow_pickle=False")
            if owner == "torch" and name == "load":
                problems.append(f"{where}:{node.lineno}: torch.load (pickle)")
            if owner == "yaml" and name in ("load", "unsafe_load", "full_load"):
                problems.append(f"{where}:{node.lineno}: yaml.{name}")
            flag = keywords.get("allow_pickle")
            if isinstance(flag, ast.Constant) and flag.value is True:
                problems.append(f"{where}:{node.lineno}: allow_pickle=True")
    assert problems == []


def test_the_model_is_loaded_from_safetensors_only():
    from qabot.embed import encoders as embed

    folder = embed.model_dir("all-MiniLM-L6-v2")
    assert (folder / "model.safetensors").is_file()
    assert not [p.name for p in folder.iterdir() if p.suffix in (".bin", ".pkl", ".pt", ".pth", ".ckpt")]


def test_a_pickle_planted_in_the_index_is_refused_not_run(tmp_path, corpus_index):
    """Even with its checksums forged to match, a map file that needs unpickling is refused, unopened."""
    index = tmp_path / "index"
    shutil.copytree(corpus_index, index, ignore=shutil.ignore_patterns("models"))
    os.symlink(corpus_index / "models", index / "models")
    gen = IndexFolder(index).current()
    witness = tmp_path / "unpickled"

    class Payload:
        def __reduce__(self):
            return (open, (str(witness), "w"))

    np.save(gen / "vectors.map.npy", np.array([Payload()], dtype=object), allow_pickle=True)
    assert b"open" in (gen / "vectors.map.npy").read_bytes()  # a real pickle inside
    checksums.write_sums(gen)  # the forger updates the checksums too
    with pytest.raises(IndexRefused, match="vector map in .* is unreadable"):
        Searcher(config.load(index=index))
    assert not witness.exists()


def test_every_index_file_and_folder_is_owner_only(corpus_index):
    """The session index was built under the ordinary umask (022): qabot itself makes everything private."""
    loose = []
    for path in [corpus_index, *corpus_index.rglob("*")]:
        mode = path.lstat().st_mode
        expected = 0o700 if stat.S_ISDIR(mode) else 0o600
        if stat.S_IMODE(mode) & 0o077 or (stat.S_ISDIR(mode) and stat.S_IMODE(mode) != expected):
            loose.append(f"{path.relative_to(corpus_index)} {oct(stat.S_IMODE(mode))}")
    assert loose == []
    names = {p.name for p in corpus_index.iterdir()}
    assert {"CURRENT", ".lock", ".verified", "models"} <= names
