"""`qabot compare --format json`: {"a", "b", "counts", "entries": [{"status": kept|changed|added|dropped,
"a": {"label", "citation_label", "kind", "text"} | null, "b": ... | null, "similarity", "diff"?}]}."""

from __future__ import annotations

import json

from ..records import Comparison


def to_json(comparison: Comparison, changes_only: bool = False) -> str:
    data = comparison.to_json()
    if changes_only:
        data["entries"] = [e for e in data["entries"] if e["status"] != "kept"]
    return json.dumps(data, ensure_ascii=False, indent=2)
