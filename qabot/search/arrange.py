"""The final passage list, arranged as a reader needs it (after ranking, before the answer is composed):

- sub-paragraphs of one list kept together; the documents a comparison names interleaved;
- a paragraph repeated word for word in another document shown once (`same_as`);
- a footnote is a bare reference ("A/57/283.", "A/CONF.157/24 (Part I), chap. III."): it is attached to
  the paragraph that cites it (`Retrieval.footnotes`) and not shown alone, unless the question asks for
  a note; a footnote that matched brings the paragraph citing it in its place;
- a list's chapeau is never shown alone: its best sub-paragraph comes after it (the chapeau then takes
  no place of the k passages: compose.py), or, ranked above it, shows it as its context;
- a question that spans two documents gets both sides: the best passage of a second document among
  the first passages; one asking what became of a request, the later text's answer to it (followup.py);
- versions of one paragraph in two documents, nearly word for word, or one kept whole and extended in
  the other (the extension shown where the question asks of its words), are shown once (where the first
  ranks), unless the question compares them: the answer's notes say where the other version stands.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

from ..records import FOOTNOTE
from ..language import stemming
from .candidates import Candidate
from .expansion import series
from .followup import follow_up

NEAR = 0.9  # word similarity of two paragraphs taken for versions of one text
# a paragraph (at least WITHIN_WORDS words) whose words, all but 3 in 100, stand in order in a longer
# paragraph ranked above it, in another document: a version the later text kept and extended
WITHIN, WITHIN_WORDS = 0.97, 8
SHOWN = 15  # the first candidates, those an answer may show
SIGNATURE_BITS = 1024  # a passage's distinct words hashed to bits (_signature): ~150 words set ~140 bits
CHAPEAU_ITEMS = 0.8  # of the best score: dev, tune and fit unchanged from 0.6 to 0.8, dev's lists lose at 0.9
SIDES_WITHIN = 3  # a question spanning two documents has a passage of each among the first ones
_WORD = re.compile(r"[^\W_]+")
# a list asked of the whole corpus (Query.of_corpus): its items stand in several texts, the best paragraph of each
# comes first
SPREAD = 0.85  # of the best score: a text whose best paragraph scores this much is among the first


def arrange(store, retrieval, k: int) -> None:
    """Everything below, in order, on `retrieval.candidates`."""
    query = retrieval.query
    texts = Texts(store)
    keep_lists_together(texts, retrieval)
    if query.compare and len(retrieval.resolved) >= 2:
        interleave(retrieval, [doc_id for doc_id, _ in retrieval.resolved[:3]])
    elif query.wants_list and query.of_corpus and not retrieval.resolved:
        interleave(retrieval, _documents_near_the_best(retrieval))
    collapse_repeats(retrieval)
    if not query.asks_note:
        footnotes_in_place(texts, retrieval)
    chapeau_with_items(texts, retrieval)
    if query.cross:
        both_sides(retrieval, store)
    follow_up(store, texts, retrieval)
    fold_versions(retrieval, k, 1.0 if query.cross else NEAR)
    attach_footnotes(store, retrieval, k)


class Texts:
    """The paragraphs of the documents arranging looks into, read from the store once per document."""

    def __init__(self, store):
        self.store = store
        self._docs: dict[str, list] = {}

    def of(self, doc_id: str) -> list:
        if doc_id not in self._docs:
            self._docs[doc_id] = list(self.store.paragraphs(doc_id))
        return self._docs[doc_id]

    def citing(self, doc_id: str, label: str) -> list:
        """The paragraphs of `doc_id` that cite footnote `label`."""
        return [p for p in self.of(doc_id) if label in p.footnotes]

    def items(self, doc_id: str, label: str) -> list:
        """The sub-paragraphs of chapeau `label`."""
        return [p for p in self.of(doc_id) if p.parent == label]


def footnotes_in_place(texts: Texts, retrieval) -> None:
    """A footnote that matched gives its place to the paragraph that cites it, or to nothing when that
    paragraph is already in the list. Footnotes asked for by number (role "named") stay, and so does one no
    paragraph cites (a note on the title or the sponsors: "* In accordance with rule 69 ...") when it is the
    best match of all: shown alone, a note lower down is a bare reference that crowds out answers."""
    out: list[Candidate] = []
    present = {c.pid for c in retrieval.candidates}
    for c in retrieval.candidates:
        p = retrieval.paragraphs.get(c.pid)
        if p is None or p.kind != FOOTNOTE or c.role not in ("match", "list"):
            out.append(c)
            continue
        citing_paragraphs = texts.citing(p.doc_id, p.label)[:1]
        if not citing_paragraphs and c is retrieval.candidates[0]:
            out.append(c)
        for citing in citing_paragraphs:
            if citing.id not in present:
                present.add(citing.id)
                retrieval.paragraphs[citing.id] = citing
                out.append(Candidate(citing.id, score=c.score, dense=c.dense, lexical=c.lexical,
                                     lexical_norm=c.lexical_norm, reasons=["cites a footnote that matches"]))
    retrieval.candidates = out


def attach_footnotes(store, retrieval, k: int) -> None:
    """The footnotes each of the first passages cites, verbatim, for the answer to show with it."""
    for c in retrieval.candidates[:max(k, 10) + 5]:
        p = retrieval.paragraphs.get(c.pid)
        if p is None or not p.footnotes or c.pid in retrieval.footnotes:
            continue
        notes = [store.paragraph(p.doc_id, label) for label in p.footnotes]
        retrieval.footnotes[c.pid] = [n for n in notes if n is not None]


def _is_chapeau(texts: Texts, p) -> bool:
    return p.parent is None and p.text.rstrip().endswith(":") and bool(texts.items(p.doc_id, p.label))


def chapeau_with_items(texts: Texts, retrieval) -> None:
    """A chapeau ("Requests the Secretary-General:") says little alone: the first passages never show one
    without a sub-paragraph of its list. One of its items ranked above it: that item shows the chapeau as
    its context, so the chapeau is not shown again; none: its best ranked item (else the first) follows
    it. A chapeau shown is marked `role="chapeau"` and takes no place of the k passages (compose.py)."""
    ranked = retrieval.candidates
    for c in [c for c in ranked[:SHOWN]]:
        p = retrieval.paragraphs.get(c.pid)
        if p is None or c.role not in ("match", "list") or not _is_chapeau(texts, p):
            continue
        c.role = "chapeau"
        position = {x.pid: j for j, x in enumerate(ranked)}
        items = texts.items(p.doc_id, p.label)
        here = position[c.pid]
        if any(position.get(x.id) == here + 1 for x in items):
            continue  # its list follows it
        above = [position[x.id] for x in items if position.get(x.id, here) < here]
        rest = [x for x in ranked if x is not c]
        if above:  # an item above shows it as its context already
            ranked = rest
            continue
        best = min(items, key=lambda x: (position.get(x.id, len(ranked)), items.index(x)))
        item = ranked[position[best.id]] if best.id in position else Candidate(best.id, score=c.score)
        item.role = "list" if item.role == "match" else item.role
        retrieval.paragraphs[best.id] = best
        rest = [x for x in rest if x is not item]
        ranked = rest[:here] + [c, item] + rest[here:]
    retrieval.candidates = ranked


def both_sides(retrieval, store=None) -> None:
    """For a question that spans two documents: when the first passages all come from one document, the
    best passage of another (one the question names, if any) moves up to second place."""
    ranked = [c for c in retrieval.candidates if c.role != "chapeau"]
    if len(ranked) < 2 or ranked[0].role not in ("match", "list"):
        return
    if _counterpart_second(retrieval, ranked, store):
        _counterpart_beside(retrieval, [c for c in retrieval.candidates if c.role != "chapeau"], store)
        return
    doc_of = {c.pid: retrieval.paragraphs[c.pid].doc_id for c in retrieval.candidates if c.pid in retrieval.paragraphs}
    first_doc = doc_of.get(ranked[0].pid)

    # the other side is first a text of another year than the first passage's ("the 2002 resolution asked
    # ...; what did the 2004 one do?"), then any other text the question names
    def year(doc_id) -> str:
        return (retrieval.documents[doc_id].date or "")[:4] if doc_id in retrieval.documents else ""

    asked = {str(y) for y in retrieval.query.years} - {year(first_doc)}
    near = [doc_of.get(c.pid) for c in ranked[1:SIDES_WITHIN]]
    # a text of the same year does not stand for the other year asked about (57/224 beside 57/210, both of 2002)
    if any(d != first_doc and (not asked or year(d) in asked) for d in near if d is not None):
        return
    named = sorted((d for d, _ in retrieval.resolved if d != first_doc), key=lambda d: year(d) not in asked)
    others = [c for c in ranked[SIDES_WITHIN:] if doc_of.get(c.pid) not in (None, first_doc) and c.role == "match"]
    of_year = [c for c in others if year(doc_of[c.pid]) in asked]
    # of that year's text, the paragraph the first one became (the alignment decided at ingest), if it matches
    became = {p.id for _, p, _, _ in (store.counterparts([ranked[0].pid]) if store is not None and of_year else [])}
    pick = (next((c for c in of_year if c.pid in became), None)
            or next((c for d in named for c in others if doc_of[c.pid] == d and (not asked or year(d) in asked)), None)
            or (of_year[0] if of_year else None)
            or next((c for d in named for c in others if doc_of[c.pid] == d), None)
            or (others[0] if others else None))
    if pick is None:
        return
    rest = [c for c in retrieval.candidates if c is not pick]
    position = rest.index(ranked[0]) + 1
    retrieval.candidates = rest[:position] + [pick] + rest[position:]


def _counterpart_second(retrieval, ranked: list, store) -> bool:
    """The first passage's counterpart in another version of its text (aligned at ingest), second: "which
    parts of Africa did the 2002 text list, and does the 2004 one still list them?" asks for the paragraph
    the first one became, not for the other text's best match. Of a text the question names, if it names
    any; not one kept word for word (its words would stand twice: the version note says where else they
    stand); not when it is among the first passages already."""
    if store is None:
        return False
    first = retrieval.paragraphs.get(ranked[0].pid)
    if first is None:
        return False
    named = {doc_id for doc_id, _ in retrieval.resolved if doc_id != first.doc_id}
    other = _changed_counterpart(retrieval, first, store, named)
    if other is None:
        return False
    if not any(c.pid == other.id for c in ranked[1:SIDES_WITHIN]):
        _place_after(retrieval, ranked[0], other)
    return True


def _counterpart_beside(retrieval, ranked: list, store) -> None:
    """Versions compared ("which organization is in the 2004 list but not in the 2002 one?"): once the first
    passage stands beside its counterpart, the next passage among the first ones that has a changed
    counterpart in another version gets it beside it too (the list asked about may be the second match)."""
    if not retrieval.query.compare:
        return
    shown = {c.pid for c in ranked[:SIDES_WITHIN + 1]}
    for c in ranked[1:SIDES_WITHIN]:
        p = retrieval.paragraphs.get(c.pid)
        other = _changed_counterpart(retrieval, p, store) if p is not None and c.role in ("match", "list") else None
        if other is not None and other.id not in shown:
            _place_after(retrieval, c, other)
            return


def _changed_counterpart(retrieval, p, store, named: set[str] | None = None):
    """`p`'s counterpart in another version of its text (aligned at ingest), of a text named (if any), if its
    words changed (one kept word for word would stand twice: the version note says where else it stands)."""
    same = " ".join(p.text.split())
    return next((other for pid, other, _, _ in store.counterparts([p.id])
                 if pid == p.id and other.doc_id != p.doc_id and " ".join(other.text.split()) != same
                 and (not named or other.doc_id in named)
                 and (retrieval.within is None or other.doc_id in retrieval.within)), None)


def _place_after(retrieval, c, other) -> None:
    """`other` (a paragraph) right after candidate `c`: its candidate if it has one, else a new one."""
    pick = next((x for x in retrieval.candidates if x.pid == other.id), None) \
        or Candidate(other.id, score=c.score, role="match", reasons=["counterpart"])
    retrieval.paragraphs[other.id] = other
    rest = [x for x in retrieval.candidates if x is not pick]
    position = rest.index(c) + 1
    retrieval.candidates = rest[:position] + [pick] + rest[position:]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def fold_versions(retrieval, k: int, near: float = NEAR) -> None:
    """Two versions of one paragraph among the first passages (nearly the same words, two documents): the
    lower one is left out; the answer's notes on versions say where else the paragraph stands. `near`
    1.0: only texts the same but for case and punctuation (a question comparing texts keeps changed ones)."""
    window = retrieval.candidates[:SHOWN]
    # "to which session?": versions that differ in a session, a year or a date give two answers, both shown
    asks_time = retrieval.query.answer_type == "time" or bool(_ASKS_TIME.search(retrieval.query.text))
    kept: list[tuple[str, list[str], Counter, int]] = []
    hidden: set[int] = set()
    # what the question asks about, not the words naming a text ("GA": "General Assembly")
    subject = retrieval.terms.salient if retrieval.terms is not None else retrieval.query.terms
    asked = {s for t in subject for s in stemming.stems(t)}
    for c in window:
        p = retrieval.paragraphs.get(c.pid)
        if p is None or c.role not in ("match", "list"):
            continue
        words = _words(p.text)
        counts = Counter(words)
        signature = _signature(counts)
        for doc_id, other, other_counts, other_signature in kept:
            if doc_id != p.doc_id and (words == other
                                       or near < 1.0 and _may_be_versions(words, other, signature, other_signature, near)
                                       and (_near(words, other, near, counts, other_counts)
                                            or _within(words, other, counts, other_counts)
                                            or _within(other, words, other_counts, counts)
                                            and not _adds_asked(counts.keys() - other_counts.keys(), asked))
                                       and not (asks_time and _times_differ(counts, other_counts))):
                hidden.add(c.pid)
                break
        else:
            kept.append((p.doc_id, words, counts, signature))
    if hidden:
        left = [c for c in retrieval.candidates if c.pid not in hidden]
        retrieval.candidates = [c for i, c in enumerate(left) if c.role != "chapeau" or _heads(retrieval, c, left[i + 1:])]


_ASKS_TIME = re.compile(r"\b(?:sessions?|dates?|years?|deadlines?|when)\b", re.I)


def _signature(counts: Counter) -> int:
    """A bit of SIGNATURE_BITS for each distinct word (by its hash). A bit set in one text's signature and
    not in another's stands for at least one word of the one that the other never uses, so two signatures
    bound from below how many distinct words each text has that the other lacks."""
    bits = 0
    for word in counts:
        bits |= 1 << (hash(word) % SIGNATURE_BITS)
    return bits


def _may_be_versions(a: list[str], b: list[str], a_bits: int, b_bits: int, near: float) -> bool:
    """False when `_near` and `_within` (both ways) must be false, read from the signatures alone: `_near`
    needs 2 x the words shared >= near x (len(a) + len(b)), and the words shared are at most a's words
    less one for each distinct word of a that b lacks (so for b); `_within` needs at most 1 - WITHIN of
    the shorter text's words absent from the longer. Most pairs of passages (SciFact: all but a few in a
    thousand) end here, for two popcounts instead of word counts compared and set differences built."""
    only_a, only_b = (a_bits & ~b_bits).bit_count(), (b_bits & ~a_bits).bit_count()
    total = len(a) + len(b)
    if 2.0 * (len(a) - only_a) >= near * total and 2.0 * (len(b) - only_b) >= near * total:
        return True
    return only_a <= (1.0 - WITHIN) * len(a) or only_b <= (1.0 - WITHIN) * len(b)


def _times_differ(a: Counter, b: Counter) -> bool:
    """Do two versions differ in a number, an ordinal or a month ("fifty-ninth session" / "sixty-first")?"""
    return any(series(stemming.stem(w)) is not None for w in (a - b) + (b - a))


def _heads(retrieval, chapeau: Candidate, after: list[Candidate]) -> bool:
    """Is `chapeau` still followed by one of its sub-paragraphs (none folded away)?"""
    p = retrieval.paragraphs[chapeau.pid]
    following = retrieval.paragraphs.get(after[0].pid) if after else None
    return following is not None and following.doc_id == p.doc_id and following.parent == p.label


def _near(a: list[str], b: list[str], near: float, a_counts: Counter, b_counts: Counter) -> bool:
    if not a or not b or min(len(a), len(b)) < near * max(len(a), len(b)):
        return False
    # difflib's quick_ratio without building a matcher: the words shared (with their counts, counted once
    # per passage) bound the ratio from above, so most pairs are settled here for a fraction of the cost.
    shared = sum(min(n, b_counts[w]) for w, n in a_counts.items() if w in b_counts)
    if 2.0 * shared / (len(a) + len(b)) < near:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.ratio() >= near


def _within(a: list[str], b: list[str], a_counts: Counter, b_counts: Counter, share: float = WITHIN) -> bool:
    """Are the words of `a` (nearly all, in order) inside `b`: an older version that a later one kept and
    extended ("..., relevant recommendations, and in this regard welcomes ...")? Every word `a` shows then
    stands in `b` too, so showing `b` alone loses no words."""
    if len(a) < WITHIN_WORDS or len(a) >= len(b):
        return False
    if len(a_counts.keys() - b_counts.keys()) > (1.0 - share) * len(a):  # (a set difference: most pairs end here)
        return False
    if sum(min(n, b_counts[w]) for w, n in a_counts.items() if w in b_counts) < share * len(a):
        return False
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(m.size for m in blocks) >= share * len(a)


def _adds_asked(added, asked: set[str]) -> bool:
    """Do the words a later version added (those the earlier never uses) say something the question asks
    about?"""
    return any(stemming.stem(w) in asked for w in added)


def keep_lists_together(texts: Texts, retrieval) -> None:
    """Sub-paragraphs of one list belong together. A chapeau among the best three brings its whole list
    when the question names its document (led by the items that ranked above it: "which European
    organisations does the 2004 text name?" is about one item, which stays first); across the corpus, only
    its items that score nearly as well as the best passage (at least its best item): "Requests the
    Secretary-General:" matching "which resolutions ask for a report?" must not fill the answer with its
    other requests. Items among the best three bring the siblings that score nearly as well (the best of
    them first)."""
    ranked = retrieval.candidates
    if not ranked or ranked[0].role != "match":
        return
    top = ranked[0].score
    by_pid = {c.pid: c for c in ranked}
    named = set(retrieval.scope or ()) | {doc_id for doc_id, _ in retrieval.resolved}  # documents the question names
    for head in ranked[:3]:
        p = retrieval.paragraphs[head.pid]
        is_chapeau = p.parent is None and p.text.rstrip().endswith(":") and retrieval.query.wants_list
        chapeau_label = p.label if is_chapeau else p.parent
        if chapeau_label is None:
            continue
        family = [x for x in texts.of(p.doc_id)
                  if x.label == chapeau_label or x.parent == chapeau_label]
        items = [x for x in family if x.parent == chapeau_label]
        if not items:
            continue
        if is_chapeau and p.doc_id in named:  # "what does L.108 ask the Secretary-General to do?": the list,
            # led by the items that ranked above their chapeau (the question is about them)
            above = sorted((x for x in items if x.id in by_pid and ranked.index(by_pid[x.id]) < ranked.index(head)),
                           key=lambda x: ranked.index(by_pid[x.id]))
            group = above + [x for x in family if x.label == chapeau_label] + [x for x in items if x not in above]
        elif is_chapeau:  # across the corpus: its best item, and those that score nearly as well as the best
            best = max(items, key=lambda x: by_pid[x.id].score if x.id in by_pid else 0.0)
            chosen = [x for x in items if x is best or (x.id in by_pid and by_pid[x.id].score >= CHAPEAU_ITEMS * top)]
            group = [x for x in family if x.label == chapeau_label] + chosen
        else:
            threshold = (0.72 if retrieval.query.wants_list else 0.9) * top
            keep = [x for x in items if x.id in by_pid and by_pid[x.id].score >= threshold]
            if len(keep) < 2:
                continue
            # the best match leads (it is what the question is about), its siblings follow in the list's order
            group = sorted(keep, key=lambda x: x.id != head.pid)
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

def _documents_near_the_best(retrieval) -> list[str]:
    """The documents whose best matching paragraph scores SPREAD of the best one or more, best first."""
    ranked = [c for c in retrieval.candidates if c.role == "match" and c.pid in retrieval.paragraphs]
    top = ranked[0].score if ranked else 0.0
    out: list[str] = []
    for c in ranked:
        doc_id = retrieval.paragraphs[c.pid].doc_id
        if doc_id not in out and c.score >= SPREAD * top:
            out.append(doc_id)
    return out


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
    # what arranging placed first stays first (a paragraph named); a list's sibling keeps its rank
    head = [c for c in ranked if c.role not in ("match", "list")]
    ids = {c.pid for c in firsts} | {c.pid for c in head}
    retrieval.candidates = head + sorted(firsts, key=lambda c: -c.score) + [c for c in ranked if c.pid not in ids]


def _ends(text: str) -> tuple[str, ...]:
    """The first and last six words of a text: the same for two texts the same but for their spacing."""
    return (*text.split(None, 6)[:6], "", *text.rsplit(None, 6)[1:])


def collapse_repeats(retrieval) -> None:
    """A paragraph repeated word for word in another document (a resolution re-adopted with most of its
    text unchanged) is shown once, where it ranks best; on a tie, from the newest document. The others
    are kept on it as `same_as`, so the answer can say where else the same words stand. Paragraphs the
    question names are never folded away."""
    # texts of the same first and last words first (split only that far), then those alone compared word for
    # word: 200 SciFact abstracts split and joined were 2 ms a question, counting their spaces 1.5 ms
    sized: dict[tuple, list[Candidate]] = {}
    for c in retrieval.candidates:
        p = retrieval.paragraphs.get(c.pid)
        if p is not None and p.kind != FOOTNOTE and c.role in ("match", "list", "named", "counterpart", "gap"):
            sized.setdefault(_ends(p.text), []).append(c)
    groups: dict[str, list[Candidate]] = {}
    for same in sized.values():
        if len(same) > 1:
            for c in same:
                groups.setdefault(" ".join(retrieval.paragraphs[c.pid].text.split()), []).append(c)
    shown: dict[int, Candidate] = {}  # pid of a group's first candidate -> the one shown in its place
    hidden: set[int] = set()
    for group in groups.values():
        docs = {retrieval.paragraphs[c.pid].doc_id for c in group}
        if len(docs) < 2:
            continue
        asked = [c for c in group if c.role in ("named", "counterpart", "gap")]
        if asked:  # a paragraph the question names stays, and its words elsewhere are folded into it
            head = chosen = asked[0]
        else:
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
