"""Links between documents, read back from the store: what a document cites and what cites it, and
questions about them ("which resolutions does 57/210 recall?") answered from those links, each
reference quoted as printed. The references themselves are read from the text at ingest
(parse/references.py)."""

from __future__ import annotations

from ..citations import document_label
from ..labels import citation_label
from ..parse.references import normalize_verb, resolves_to
from ..records import DOCUMENT, Document, Reference


def linked(store, doc: Document, verb: str | None = None):
    """([(reference, the corpus document it names or None)], [(citing document, reference)]) for `doc`."""
    documents = store.documents()
    by_id = {d.id: d for d in documents}
    want = normalize_verb(verb) if verb else None
    cites = []
    for ref in store.references_from(doc.id):
        if want and ref.verb != want:
            continue
        target = next((d for d in documents if d.id != doc.id and resolves_to(ref, d)), None)
        cites.append((ref, target))
    cited_by = [(by_id[d], ref) for d, ref in store.references_to(doc) if d in by_id and (not want or ref.verb == want)]
    return cites, cited_by


# ---------------------------------------------------------------- answering from the links
def answer_from_links(store, doc: Document, direction: str, documents: dict[str, Document]):
    """A question about references ("which resolutions does 57/210 recall?") answered from the links:
    (lead, [(document, paragraph, highlight, chapeau)]). The lead quotes each reference as printed."""
    name = document_label(doc)
    if direction in ("recalls", "cites"):
        refs = store.references_from(doc.id)
        if direction == "recalls":
            chosen = [r for r in refs if r.verb == "recall" and r.kind != DOCUMENT]
            if chosen:
                lead = f"{name} recalls " + _listed(chosen)
            else:
                chosen = [r for r in refs if r.kind != DOCUMENT] or refs
                lead = f"{name} recalls no resolution by name" + ("; it cites " + _listed(chosen) if chosen else "")
        else:
            chosen = refs
            lead = f"{name} cites " + _listed(chosen) if chosen else f"{name} cites no resolution, decision or document."
        shown = _shown(store, [(doc, r) for r in chosen])
    else:
        want = "recall" if direction == "recalled by" else None
        links = [(documents[d], r) for d, r in store.references_to(doc)
                 if d in documents and (want is None or r.verb == want)]
        verb = "recall" if want else "cite"
        if links:
            citing = list(dict.fromkeys(document_label(d) for d, _ in links))
            lead = (f"{len(citing)} document{'s' if len(citing) > 1 else ''} in the corpus {verb}"
                    f"{'s' if len(citing) == 1 else ''} {name}: "
                    + "; ".join(f"{d} ({', '.join(citation_label(r.label) for c, r in links if document_label(c) == d)})"
                                for d in citing) + ".")
        else:
            lead = f"No document in the corpus {verb}s {name}."
        shown = _shown(store, links)
    return lead, shown


def _listed(refs: list[Reference]) -> str:
    items = [f"\u201c{r.quote}\u201d ({citation_label(r.label)})" for r in refs]
    return (items[0] if len(items) == 1 else "; ".join(items[:-1]) + " and " + items[-1]) + "."


def _shown(store, links: list[tuple[Document, Reference]]):
    """Each citing paragraph once, with the first reference it holds as the highlight."""
    out, seen = [], set()
    for doc, ref in links:
        if (doc.id, ref.label) in seen:
            continue
        seen.add((doc.id, ref.label))
        paragraph = store.paragraph(doc.id, ref.label)
        if paragraph is None:
            continue
        parent = store.paragraph(doc.id, paragraph.parent) if paragraph.parent else None
        out.append((doc, paragraph, ref.quote, parent.text if parent else None))
    return out

