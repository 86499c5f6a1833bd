"""Aligning two versions of a text paragraph by paragraph, by content (numbers shift between versions):
each pair kept, changed (with a word-level diff), added or dropped.

Similarity is difflib's ratio over the paragraphs' words. Pairs are matched best first, so a paragraph
that moved is still found; footnotes are matched among footnotes, helped by the paragraphs that cite them.
Paragraphs with the very same words are paired first by a lookup (most of a new version is the old one
kept), and only the rest is scored pair by pair.
"""

from __future__ import annotations

import difflib
import re

from .stemming import fold
from ..records import ADDED, CHANGED, DROPPED, FOOTNOTE, KEPT, Comparison, Document, Entry, Paragraph

MATCH = 0.45  # lowest word similarity of two paragraphs taken as one paragraph, changed
ALSO_IN = 0.6  # lowest similarity for "also in" notes (no whole-document alignment behind them)
VERSION_SHARE = 0.5  # two documents are versions when this share of the smaller one's paragraphs align
CITED_BONUS = 0.35  # footnotes cited by aligned paragraphs
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r"\s+|\d+(?:[/.]\d+)+|[^\W_]+(?:[\u2019'\-][^\W_]+)*|[^\w\s]|_")



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
def align(a_doc: Document, a: list[Paragraph], b_doc: Document, b: list[Paragraph], wa: list | None = None,
          wb: list | None = None, diffs: bool = True) -> Comparison:
    """wa, wb: the paragraphs' words when known already; diffs: word diffs of changed pairs (for people)."""
    wa = wa if wa is not None else [words(p.text) for p in a]
    wb = wb if wb is not None else [words(p.text) for p in b]
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
                entries.append(((last_b, 0, i), Entry(CHANGED, a[i], b[j], score,
                                                          word_diff(a[i].text, b[j].text) if diffs else [])))
        else:
            entries.append(((last_b + 0.5, 1, i), Entry(DROPPED, p, None, 0.0)))
    for j, p in enumerate(b):
        if j not in taken:
            entries.append(((float(j), 2, j), Entry(ADDED, None, p, 0.0)))
    entries.sort(key=lambda x: x[0])
    return Comparison(a_doc, b_doc, [e for _, e in entries])


def _match(a, b, wa, wb, ia: list[int], ib: list[int], matched, taken, bonus) -> None:
    if not bonus:
        _match_identical(a, b, wa, wb, ia, ib, matched, taken)
        ia = [i for i in ia if i not in matched]
        ib = [j for j in ib if j not in taken]
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


def _match_identical(a, b, wa, wb, ia: list[int], ib: list[int], matched, taken) -> None:
    """The pairs that would score 1.0 (the same words, the same kind), matched as the scoring would
    match them (nearest first) but found by a lookup instead of a comparison of every pair."""
    by_words: dict[tuple, list[int]] = {}
    for j in ib:
        if wb[j]:
            by_words.setdefault((wb[j], b[j].kind), []).append(j)
    pairs = []
    for i in ia:
        for j in by_words.get((wa[i], a[i].kind), ()):
            pairs.append((abs(i / max(1, len(a)) - j / max(1, len(b))), i, j))
    pairs.sort()
    for _, i, j in pairs:
        if i in matched or j in taken:
            continue
        matched[i] = (j, 1.0)
        taken.add(j)


# ---------------------------------------------------------------- versions of one text
def is_version(comparison: Comparison) -> bool:
    """Two texts of one resolution by their content: most of the smaller one's paragraphs align."""
    counts = comparison.counts()
    both = counts[KEPT] + counts[CHANGED]
    smaller = both + min(counts[DROPPED], counts[ADDED])
    return bool(smaller) and both / smaller >= VERSION_SHARE


def _title_key(doc: Document) -> str:
    return fold(doc.title).strip(" .") if doc.title else ""


def same_text(a: Document, b: Document) -> bool:
    """Versions by their metadata: the same title, or one the draft of the other."""
    if a.id == b.id:
        return False
    if a.title and b.title and _title_key(a) == _title_key(b):
        return True
    return bool((a.draft and b.symbol and a.draft.lower() == b.symbol.lower())
                or (b.draft and a.symbol and b.draft.lower() == a.symbol.lower()))


class MetadataKeys:
    """The documents `same_text` could pair with one document, found by lookups (title, symbol, draft)."""

    def __init__(self, documents):
        self.by_title: dict[str, list[str]] = {}
        self.by_symbol: dict[str, list[str]] = {}
        self.by_draft: dict[str, list[str]] = {}
        for d in documents:
            if d.title:
                self.by_title.setdefault(_title_key(d), []).append(d.id)
            if d.symbol:
                self.by_symbol.setdefault(d.symbol.lower(), []).append(d.id)
            if d.draft:
                self.by_draft.setdefault(d.draft.lower(), []).append(d.id)

    def family(self, doc: Document) -> str:
        return _title_key(doc)

    def candidates(self, doc: Document) -> list[str]:
        found = list(self.by_title.get(_title_key(doc), [])) if doc.title else []
        if doc.draft:
            found += self.by_symbol.get(doc.draft.lower(), [])
        if doc.symbol:
            found += self.by_draft.get(doc.symbol.lower(), [])
        return list(dict.fromkeys(found))
