"""Versions of a text: two documents aligned paragraph by paragraph, by content (numbers shift between
versions), each pair kept, changed (with a word-level diff), added or dropped; and, for one paragraph,
the same paragraph in other versions of its document.

Similarity is difflib's ratio over the paragraphs' words. Pairs are matched best first, so a paragraph
that moved is still found; footnotes are matched among footnotes, helped by the paragraphs that cite them.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from ..language.stemming import fold
from ..records import ADDED, CHANGED, DROPPED, FOOTNOTE, KEPT, Comparison, Document, Entry, Paragraph

MATCH = 0.45  # lowest word similarity of two paragraphs taken as one paragraph, changed
ALSO_IN = 0.6  # lowest similarity for "also in" notes (no whole-document alignment behind them)
VERSION_SHARE = 0.5  # two documents are versions when this share of the smaller one's paragraphs align
CITED_BONUS = 0.35  # footnotes cited by aligned paragraphs
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r"\s+|\d+(?:[/.]\d+)+|[^\W_]+(?:[\u2019'\-][^\W_]+)*|[^\w\s]|_")



@functools.lru_cache(maxsize=50_000)
def words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text)))


def similarity(a, b) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < MATCH - CITED_BONUS or matcher.quick_ratio() < MATCH - CITED_BONUS:
        return 0.0
    return matcher.ratio()


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """(op, text) runs: joining equal+delete gives `a`, equal+insert gives `b`, character for character."""
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    assert "".join(ta) == a and "".join(tb) == b
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(ta[i1:i2])))
            continue
        if i2 > i1:
            out.append(("delete", "".join(ta[i1:i2])))
        if j2 > j1:
            out.append(("insert", "".join(tb[j1:j2])))
    return _merge_spaces(out)


def _merge_spaces(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A lone space kept between two changes is folded into both, so a diff reads by phrases."""
    out: list[tuple[str, str]] = []
    for k, (op, text) in enumerate(ops):
        if op == "equal" and text.isspace() and 0 < k < len(ops) - 1 and ops[k - 1][0] != "equal" \
                and ops[k + 1][0] != "equal":
            out += [("delete", text), ("insert", text)]
        else:
            out.append((op, text))
    return _regroup(out)


def _regroup(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Consecutive runs of deletes and inserts between two equal runs become one delete then one insert."""
    out: list[tuple[str, str]] = []
    pending = {"delete": "", "insert": ""}

    def flush():
        for op in ("delete", "insert"):
            if pending[op]:
                out.append((op, pending[op]))
                pending[op] = ""

    for op, text in ops:
        if op == "equal":
            flush()
            if out and out[-1][0] == "equal":
                out[-1] = ("equal", out[-1][1] + text)
            else:
                out.append((op, text))
        else:
            pending[op] += text
    flush()
    return out


# ---------------------------------------------------------------- aligning two documents
def align(a_doc: Document, a: list[Paragraph], b_doc: Document, b: list[Paragraph]) -> Comparison:
    wa = [words(p.text) for p in a]
    wb = [words(p.text) for p in b]
    matched: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    body_a = [i for i, p in enumerate(a) if p.kind != FOOTNOTE]
    body_b = [j for j, p in enumerate(b) if p.kind != FOOTNOTE]
    _match(a, b, wa, wb, body_a, body_b, matched, taken, bonus=None)
    # footnotes: a footnote cited by a paragraph whose counterpart cites this one is probably the same note
    cited_pairs: set[tuple[str, str]] = set()
    for i, (j, _) in matched.items():
        for fa in a[i].footnotes:
            for fb in b[j].footnotes:
                cited_pairs.add((fa, fb))
    notes_a = [i for i, p in enumerate(a) if p.kind == FOOTNOTE]
    notes_b = [j for j, p in enumerate(b) if p.kind == FOOTNOTE]
    _match(a, b, wa, wb, notes_a, notes_b, matched, taken, bonus=cited_pairs)

    entries: list[tuple[tuple, Entry]] = []
    last_b = -1.0
    for i, p in enumerate(a):
        if i in matched:
            j, score = matched[i]
            last_b = float(j)
            if a[i].text == b[j].text:
                entries.append(((last_b, 0, i), Entry(KEPT, a[i], b[j], 1.0)))
            else:
                entries.append(((last_b, 0, i), Entry(CHANGED, a[i], b[j], score, word_diff(a[i].text, b[j].text))))
        else:
            entries.append(((last_b + 0.5, 1, i), Entry(DROPPED, p, None, 0.0)))
    for j, p in enumerate(b):
        if j not in taken:
            entries.append(((float(j), 2, j), Entry(ADDED, None, p, 0.0)))
    entries.sort(key=lambda x: x[0])
    return Comparison(a_doc, b_doc, [e for _, e in entries])


def _match(a, b, wa, wb, ia: list[int], ib: list[int], matched, taken, bonus) -> None:
    sets_b = {j: set(wb[j]) for j in ib}
    pairs = []
    for i in ia:
        set_a = set(wa[i])
        for j in ib:
            if not set_a or not sets_b[j]:
                continue
            extra = CITED_BONUS if bonus and (a[i].label, b[j].label) in bonus else 0.0
            if not extra and len(set_a & sets_b[j]) / len(set_a | sets_b[j]) < 0.2:
                continue
            score = similarity(wa[i], wb[j]) + extra
            if a[i].kind != b[j].kind:
                score -= 0.1
            if score >= MATCH:
                distance = abs(i / max(1, len(a)) - j / max(1, len(b)))
                pairs.append((-min(score, 1.0), distance, i, j, min(score, 1.0)))
    pairs.sort()
    for _, _, i, j, score in pairs:
        if i in matched or j in taken:
            continue
        matched[i] = (j, score)
        taken.add(j)


def compare(store, a: Document, b: Document) -> Comparison:
    return align(a, list(store.paragraphs(a.id)), b, list(store.paragraphs(b.id)))


def version_notes(store, documents: dict[str, Document], shown: list[tuple[Document, Paragraph]],
                  said: set[tuple[str, str]] = frozenset()) -> list[str]:
    """For each paragraph shown, where other versions of its document have it:
    "A/RES/57/210, op. 15 is also in “…” (General Assembly, 20 December 2004), op. 9, changed (a newer text)."."""
    from ..citations import document_label, document_name

    notes: list[str] = []
    quoted = {(doc.id, paragraph.label) for doc, paragraph in shown}
    for doc, paragraph in shown:
        for o in also_in(store, documents, paragraph):
            if (o.document.id, o.paragraph.label) in quoted | said:
                continue  # quoted already, or said already to hold the very same words
            when = ""
            if doc.date and o.document.date and doc.date != o.document.date:
                when = " (a newer text)" if o.document.date > doc.date else " (an older text)"
            note = (f"{document_name(doc)}, {paragraph.citation_label} is also in {document_label(o.document)}, "
                    f"{o.paragraph.citation_label}, {'unchanged' if o.status == KEPT else 'changed'}{when}.")
            if note not in notes:
                notes.append(note)
    return notes


# ---------------------------------------------------------------- the same paragraph elsewhere
@dataclass
class Occurrence:
    document: Document
    paragraph: Paragraph
    status: str  # kept | changed
    similarity: float


_comparisons: dict[tuple[str, str, str], Comparison] = {}


def aligned(store, a: Document, b: Document) -> Comparison:
    """compare(), remembered for the life of the process (a store generation never changes)."""
    key = (str(store.path), a.id, b.id)
    if key not in _comparisons:
        if len(_comparisons) > 256:
            _comparisons.clear()
        _comparisons[key] = compare(store, a, b)
    return _comparisons[key]


def same_text(a: Document, b: Document) -> bool:
    """Versions by their metadata: the same title, or one the draft of the other."""
    if a.id == b.id:
        return False
    if a.title and b.title and fold(a.title).strip(" .") == fold(b.title).strip(" ."):
        return True
    return bool((a.draft and b.symbol and a.draft.lower() == b.symbol.lower())
                or (b.draft and a.symbol and b.draft.lower() == a.symbol.lower()))


def are_versions(store, a: Document, b: Document) -> bool:
    """Two texts of one resolution: by their metadata, or because most of their paragraphs align."""
    if a.id == b.id:
        return False
    if same_text(a, b):
        return True
    counts = aligned(store, a, b).counts()
    both = counts[KEPT] + counts[CHANGED]
    smaller = both + min(counts[DROPPED], counts[ADDED])
    return bool(smaller) and both / smaller >= VERSION_SHARE


def also_in(store, documents: dict[str, Document], paragraph: Paragraph, limit: int = 3) -> list[Occurrence]:
    """The same paragraph (kept or changed) in other versions of its document, newest first, as the
    whole-document alignment of `qabot compare` pairs it."""
    key = (str(store.path), paragraph.doc_id, paragraph.label, limit)
    if key not in _also_in:
        if len(_also_in) > 10_000:
            _also_in.clear()
        _also_in[key] = _also_in_uncached(store, documents, paragraph, limit)
    return _also_in[key]


_also_in: dict[tuple, list[Occurrence]] = {}


def _also_in_uncached(store, documents: dict[str, Document], paragraph: Paragraph, limit: int) -> list[Occurrence]:
    own = documents.get(paragraph.doc_id)
    if own is None:
        return []
    candidates = [d for d in documents.values() if same_text(own, d)]
    mine = words(paragraph.text)
    stems = _rare_stems(store, paragraph) if len(mine) >= 4 else []
    if stems:
        rows = store.db.execute(
            "SELECT p.doc_id, p.text FROM paragraphs_fts f JOIN paragraphs p ON p.id = f.rowid"
            " WHERE paragraphs_fts MATCH ? AND p.doc_id != ? ORDER BY bm25(paragraphs_fts) LIMIT 15",
            ("text : (" + " OR ".join(f'"{s}"' for s in stems) + ")", paragraph.doc_id)).fetchall()
        decided = {d.id for d in candidates}
        mine_set = set(mine)
        for doc_id, text in rows:
            doc = documents.get(doc_id)
            if doc is None or doc_id in decided:
                continue
            theirs = words(text)
            common = len(mine_set.intersection(theirs))
            if common < ALSO_IN * max(len(mine_set), len(set(theirs))) * 0.75 or similarity(mine, theirs) < ALSO_IN:
                continue  # (a ratio of 0.6 needs most words in common: a cheap test first)
            decided.add(doc_id)
            if are_versions(store, own, doc):
                candidates.append(doc)
    found = []
    for doc in candidates:
        entry = aligned(store, own, doc).pair(paragraph.label)
        if entry is not None and entry.b is not None:
            found.append(Occurrence(doc, entry.b, entry.status, entry.similarity))
    found.sort(key=lambda o: o.document.date or "", reverse=True)
    return found[:limit]


def _rare_stems(store, paragraph: Paragraph, n: int = 8) -> list[str]:
    """The paragraph's rarest stems (as the lexical index stores them), to find its look-alikes."""
    row = store.db.execute("SELECT text FROM paragraphs_fts WHERE rowid = ?", (paragraph.id,)).fetchone() \
        if paragraph.id is not None else None
    if row is None:
        from ..language.stemming import stems

        all_stems = stems(paragraph.text)
    else:
        all_stems = row[0].split()
    unique = list(dict.fromkeys(s for s in all_stems if '"' not in s))
    if len(unique) <= n:
        return unique
    marks = ",".join("?" * len(unique))
    df = dict(store.db.execute(
        f"SELECT term, doc FROM paragraphs_vocab WHERE col = 'text' AND term IN ({marks})", unique).fetchall())
    return sorted(unique, key=lambda s: df.get(s, 0))[:n]
