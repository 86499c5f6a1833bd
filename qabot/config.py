"""Settings: config/qabot.toml, then QABOT_* environment variables, then command-line flags.

`load(**flags)` returns a frozen Settings. A flag given as None means "not given".
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, fields
from pathlib import Path

from .errors import ConfigError

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]


@dataclass(frozen=True)
class Settings:
    index: Path = Path("embeddings")
    corpus: Path = Path("corpus")
    model: str = "all-MiniLM-L6-v2"
    encoder: str = "auto"  # "auto" (int8 where the CPU has VNNI/AMX, else fp32), "fp32" or "int8"
    device: str = "auto"  # where an ingest encodes: "auto" (a CUDA GPU when there is one) or "cpu"
    k: int = 5
    max_tokens: int = 0
    # a text's first N word pieces get vectors, the rest is found by the lexical index alone; 0 = all.
    # 320 keeps 13% of SciFact's word pieces out of the vectors (-18% FLOPs an ingest; nDCG@10 0.7256
    # against 0.7237 for all, recall@100 0.963 against 0.967) and 0.8% of the seed corpus's (dev set
    # unchanged); 350 gave nDCG@10 0.7218 (docs/scaling.md section 1)
    dense_word_pieces: int = 320
    max_file_mb: float = 20
    max_question_chars: int = 2000
    index_threshold: int = 50000  # vectors searched exactly; above, IVF-Flat (docs/scaling.md)
    keep_generations: int = 3  # generations of the index kept, the one served included (at least 2)
    citation_style: str = "default"  # "default" or "un" (citations.py)
    slack_questions_per_minute: int = 10  # per person; 0 = no limit
    slack_workers: int = 4  # questions answered at once by the Slack bot
    slack_scopes: str = ""  # a TOML file mapping Slack channels to scopes (qabot/slack/scopes.py); "" = none
    slack_keep_days: int = 90  # days Slack thread memory and questions are kept (<index>/threads.sqlite); 0 = always
    # ingest on Ray (qabot/ingest/distributed.py): "" = in this process; "local", "auto" or "ray://host:10001"
    ray_address: str = ""
    ray_workers: int = 0  # encoder actors (one encoder each); 0 = one per CPU Ray offers, at most 8
    # where the vectors and the lexical gathering live (qabot/index/milvus.py): "faiss" (files in the
    # generation) or "milvus" (a collection per generation at milvus_uri: a file is Milvus Lite)
    backend: str = "faiss"
    milvus_uri: str = ""
    milvus_collection: str = "qabot"  # the alias that names the served generation's collection

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


def _config_file() -> Path | None:
    named = os.environ.get("QABOT_CONFIG")
    if named:
        path = Path(named)
        if not path.is_file():
            raise ConfigError(f"QABOT_CONFIG names {named}, which is not a file.")
        return path
    for folder in (Path.cwd(), Path(__file__).resolve().parent.parent):
        path = folder / "config" / "qabot.toml"
        if path.is_file():
            return path
    return None


def _coerce(name: str, kind, value, origin: str):
    if value is None:
        return None
    try:
        if kind is Path:
            return Path(value)
        if kind is int:
            return int(value)
        if kind is float:
            return float(value)
        return str(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{origin} sets {name} to {value!r}, which is not a valid {kind.__name__}.") from None


def load(**flags) -> Settings:
    """Merge the three layers; unknown keys in the file are an error (a typo should not pass silently)."""
    known = {f.name: f for f in fields(Settings)}
    kinds = {name: (Path if f.type in ("Path", Path) else {"int": int, "float": float}.get(f.type, str))
             for name, f in known.items()}
    values: dict = {}
    path = _config_file()
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"Cannot read settings file {path}: {exc}.") from None
        for name, value in data.items():
            if name not in known:
                raise ConfigError(f"Settings file {path} has an unknown setting {name!r}.")
            values[name] = _coerce(name, kinds[name], value, str(path))
    for name in known:
        env = os.environ.get("QABOT_" + name.upper())
        if env is not None and env != "":
            values[name] = _coerce(name, kinds[name], env, "QABOT_" + name.upper())
    for name, value in flags.items():
        if name not in known:
            raise TypeError(f"unknown setting {name}")
        if value is not None:
            values[name] = _coerce(name, kinds[name], value, "--" + name.replace("_", "-"))
    settings = dataclasses.replace(Settings(), **values)
    if settings.encoder not in ("auto", "fp32", "int8"):
        raise ConfigError(f"encoder must be auto, fp32 or int8, not {settings.encoder!r}.")
    if settings.device not in ("auto", "cpu"):
        raise ConfigError(f"device must be auto or cpu, not {settings.device!r}.")
    if settings.dense_word_pieces < 0 or 0 < settings.dense_word_pieces < 32:
        raise ConfigError(f"dense_word_pieces must be 0 (all) or at least 32, not {settings.dense_word_pieces}.")
    if settings.k < 1:
        raise ConfigError(f"k must be at least 1, not {settings.k}.")
    if settings.citation_style not in ("default", "un"):
        raise ConfigError(f"citation_style must be default or un, not {settings.citation_style!r}.")
    if settings.slack_questions_per_minute < 0 or settings.slack_workers < 1:
        raise ConfigError("slack_questions_per_minute must be 0 (no limit) or positive, and slack_workers at least 1.")
    if settings.slack_keep_days < 0:
        raise ConfigError(f"slack_keep_days must be 0 (keep always) or positive, not {settings.slack_keep_days}.")
    if settings.backend not in ("faiss", "milvus"):
        raise ConfigError(f"backend must be faiss or milvus, not {settings.backend!r}.")
    if settings.backend == "milvus" and not settings.milvus_uri:
        raise ConfigError("backend is milvus but milvus_uri is not set: a file path (Milvus Lite) or "
                          "http://host:19530 (QABOT_MILVUS_URI).")
    if settings.ray_workers < 0:
        raise ConfigError(f"ray_workers must be 0 (one per CPU) or positive, not {settings.ray_workers}.")
    if settings.index_threshold < 1:
        raise ConfigError(f"index_threshold must be at least 1, not {settings.index_threshold}.")
    if settings.keep_generations < 2:
        raise ConfigError(f"keep_generations must be at least 2 (the generation served and the one before it, "
                          f"which readers may still be using), not {settings.keep_generations}.")
    if settings.max_tokens < 0:
        raise ConfigError(f"max_tokens must be 0 (no bound) or positive, not {settings.max_tokens}.")
    return settings
