"""`qabot refs`: what a document cites (paragraph, verb, what is cited, and the corpus document it names
when the corpus holds it) and which documents of the corpus cite it. Text and JSON."""

from __future__ import annotations

import json

from ..citations import document_label
from ..records import Document
from ..labels import citation_label
from ..records import Reference


def plain(doc: Document, cites: list[tuple[Reference, Document | None]],
          cited_by: list[tuple[Document, Reference]], absent: bool = False) -> str:
    name = document_label(doc)
    if absent:
        lines = [f"{name} is not in the corpus."]
    else:
        lines = [f"{name} cites:" if cites else f"{name} cites no resolution, decision or document symbol."]
    width = max([len(citation_label(r.label)) for r, _ in cites] + [5])
    verbs = max([len(r.verb or "") for r, _ in cites] + [1])
    for ref, target in cites:
        found = f"  [in the corpus: {document_label(target)}]" if target else ""
        lines.append(f"  {citation_label(ref.label):<{width}}  {ref.verb or '':<{verbs}}  {ref.describe()}{found}")
    lines.append("")
    if cited_by:
        lines.append("Cited in the corpus by:")
        for citing, ref in cited_by:
            lines.append(f"  {document_label(citing)}, {citation_label(ref.label)} ({ref.verb or 'cites'}): \u201c{ref.quote}\u201d")
    else:
        lines.append("No document in the corpus cites it.")
    return "\n".join(lines) + "\n"


def to_json(doc: Document, cites: list[tuple[Reference, Document | None]],
            cited_by: list[tuple[Document, Reference]], absent: bool = False) -> str:
    data = {
        "doc": None if absent else doc.to_json(),
        "name": document_label(doc),
        "cites": [{**ref.to_json(), "description": ref.describe(), "in_corpus": target.to_json() if target else None}
                  for ref, target in cites],
        "cited_by": [{**ref.to_json(), "doc": citing.to_json()} for citing, ref in cited_by],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
