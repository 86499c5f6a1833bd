"""The final passage list, arranged as a reader needs it (after ranking, before the answer is composed):

- sub-paragraphs of one list kept together; the documents a comparison names interleaved;
- a paragraph repeated word for word in another document shown once (`same_as`);
"""

from __future__ import annotations

from ..records import FOOTNOTE
from .candidates import Candidate


def keep_lists_together(store, retrieval) -> None:
    """Sub-paragraphs of one list belong together. A chapeau among the best three brings its whole
    list after it; items among the best three bring the siblings that score nearly as well."""
    ranked = retrieval.candidates
    if not ranked or ranked[0].role != "match":
        return
    top = ranked[0].score
    by_pid = {c.pid: c for c in ranked}
    for head in ranked[:3]:
        p = retrieval.paragraphs[head.pid]
        is_chapeau = p.parent is None and p.text.rstrip().endswith(":") and retrieval.query.wants_list
        chapeau_label = p.label if is_chapeau else p.parent
        if chapeau_label is None:
            continue
        family = [x for x in store.paragraphs(p.doc_id)
                  if x.label == chapeau_label or x.parent == chapeau_label]
        items = [x for x in family if x.parent == chapeau_label]
        if not items:
            continue
        if is_chapeau:
            group = [x for x in family if x.label == chapeau_label] + items
        else:
            threshold = (0.72 if retrieval.query.wants_list else 0.9) * top
            keep = [x for x in items if x.id in by_pid and by_pid[x.id].score >= threshold]
            if len(keep) < 2:
                continue
            group = keep
        position = min(ranked.index(by_pid[x.id]) for x in group if x.id in by_pid)
        group_ids = {x.id for x in group}
        rest = [c for c in ranked if c.pid not in group_ids]
        block = []
        for x in group:
            c = by_pid.get(x.id) or Candidate(x.id)
            if c.role == "match" and x.id != head.pid:
                c.role = "list"
            retrieval.paragraphs[x.id] = x
            block.append(c)
        retrieval.candidates = rest[:position] + block + rest[position:]
        return

def interleave(retrieval, doc_ids: list[str]) -> None:
    """For a comparison, the best paragraph of each compared document comes first."""
    ranked = retrieval.candidates
    firsts = []
    for doc_id in doc_ids:
        best = next((c for c in ranked if retrieval.paragraphs[c.pid].doc_id == doc_id and c.role == "match"), None)
        if best is not None:
            firsts.append(best)
    if len(firsts) < 2:
        return
    head = [c for c in ranked if c.role != "match"]
    ids = {c.pid for c in firsts} | {c.pid for c in head}
    retrieval.candidates = head + sorted(firsts, key=lambda c: -c.score) + [c for c in ranked if c.pid not in ids]


def collapse_repeats(retrieval) -> None:
    """A paragraph repeated word for word in another document (a resolution re-adopted with most of its
    text unchanged) is shown once, where it ranks best; on a tie, from the newest document. The others
    are kept on it as `same_as`, so the answer can say where else the same words stand. Paragraphs the
    question names are never folded away."""
    groups: dict[str, list[Candidate]] = {}
    for c in retrieval.candidates:
        p = retrieval.paragraphs.get(c.pid)
        if p is not None and p.kind != FOOTNOTE and c.role in ("match", "list"):
            groups.setdefault(" ".join(p.text.split()), []).append(c)
    shown: dict[int, Candidate] = {}  # pid of a group's first candidate -> the one shown in its place
    hidden: set[int] = set()
    for group in groups.values():
        docs = {retrieval.paragraphs[c.pid].doc_id for c in group}
        if len(docs) < 2:
            continue
        head = group[0]
        tied = [c for c in group if abs(c.score - head.score) < 1e-6]
        chosen = max(tied, key=lambda c: retrieval.documents[retrieval.paragraphs[c.pid].doc_id].date or "")
        chosen_doc = retrieval.paragraphs[chosen.pid].doc_id
        seen_docs = {chosen_doc}
        for c in group:
            if c is chosen:
                continue
            doc_id = retrieval.paragraphs[c.pid].doc_id
            if doc_id not in seen_docs:
                seen_docs.add(doc_id)
                chosen.same_as.append(c.pid)
                hidden.add(c.pid)
        if chosen.role != head.role:
            chosen.role = head.role
        shown[head.pid] = chosen
        hidden.discard(chosen.pid)
        if chosen is not head:
            hidden.add(chosen.pid)  # it moves up to the head's place
    out = []
    for c in retrieval.candidates:
        if c.pid in shown:
            out.append(shown[c.pid])
        elif c.pid not in hidden:
            out.append(c)
    retrieval.candidates = out

