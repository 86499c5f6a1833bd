"""Settings: config/qabot.toml < QABOT_* environment < command-line flags."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from qabot import config
from qabot.errors import ConfigError

from .conftest import ROOT

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib


def test_the_shipped_file_matches_the_built_in_defaults():
    shipped = tomllib.loads((ROOT / "config" / "qabot.toml").read_text(encoding="utf-8"))
    defaults = config.Settings()
    assert set(shipped) == {f.name for f in fields(config.Settings)}
    for name, value in shipped.items():
        assert str(getattr(defaults, name)) == str(value) or getattr(defaults, name) == value, name


def test_precedence(tmp_path, monkeypatch):
    file = tmp_path / "qabot.toml"
    file.write_text('k = 3\nindex = "from-file"\nmax_tokens = 100\n', encoding="utf-8")
    monkeypatch.setenv("QABOT_CONFIG", str(file))
    assert config.load().k == 3 and config.load().index == Path("from-file")
    monkeypatch.setenv("QABOT_K", "7")
    monkeypatch.setenv("QABOT_INDEX", "from-env")
    settings = config.load()
    assert settings.k == 7 and settings.index == Path("from-env") and settings.max_tokens == 100
    settings = config.load(k=9, index="from-flag")
    assert settings.k == 9 and settings.index == Path("from-flag")


def test_bad_settings_are_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setenv("QABOT_K", "many")
    with pytest.raises(ConfigError, match="QABOT_K"):
        config.load()
    monkeypatch.delenv("QABOT_K")
    file = tmp_path / "qabot.toml"
    file.write_text('colour = "blue"\n', encoding="utf-8")
    monkeypatch.setenv("QABOT_CONFIG", str(file))
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        config.load()
