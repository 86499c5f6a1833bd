"""The curated catalog: metadata a document's text does not print (corpus/catalog.toml).

    ["000_e943feafb609eb45.txt"]          # a file name in the folder (or a document id)
    title = "Regional arrangements for the promotion and protection of human rights"

The catalog wins only where it states a value; everything else comes from the text.
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

from ..errors import ConfigError
from ..records import Document

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

CATALOG_NAMES = ("catalog.toml",)
_SETTABLE = {f.name for f in fields(Document)} - {"id", "source", "content_hash", "layout"}


class Catalog:
    def __init__(self, entries: dict[str, dict] | None = None):
        self.entries = entries or {}

    @classmethod
    def load(cls, path: Path) -> Catalog:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"The catalog {path} cannot be read: {exc}.") from None
        for key, entry in data.items():
            if not isinstance(entry, dict):
                raise ConfigError(f"The catalog {path} has {key!r} = {entry!r}; each entry must be a table.")
            unknown = set(entry) - _SETTABLE
            if unknown:
                raise ConfigError(
                    f"The catalog {path} sets unknown field(s) {', '.join(sorted(unknown))} for {key!r}.")
        return cls(data)

    def entry_for(self, path: Path, doc_id: str) -> dict:
        return self.entries.get(path.name) or self.entries.get(doc_id) or {}

    @staticmethod
    def fingerprint(entry: dict) -> str:
        return json.dumps(entry, sort_keys=True, ensure_ascii=False) if entry else ""

    @staticmethod
    def apply(document: Document, entry: dict) -> None:
        for name, value in entry.items():
            if value not in (None, "", []):
                setattr(document, name, value)
