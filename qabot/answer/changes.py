"""What changed between two versions of a text: "what's new in the 2004 resolution compared with 2002?",
"what was dropped from the 2002 text in 2004?". Answered from the alignment `qabot compare` prints (by
content, not by number): the lead counts the paragraphs added, changed and dropped, and the passages are
those of the newer text that are new or changed (or, asked what was dropped, those of the older one).

Only for two documents that are versions of each other (the ingest decided which: store.versions_of),
one named or described by the question and the other its version of the other year asked about."""

from __future__ import annotations

import re

from ..citations import cite, document_label
from ..language import stemming
from ..labels import ordinal_word
from ..records import ADDED, CHANGED, DROPPED, KEPT, Document, Passage
from ..search.candidates import DENSE_WEIGHT, LEXICAL_WEIGHT
from .highlight import highlight, weights_of
from .versions import compare

_ASKS_CHANGES = re.compile(r"\bwhat(?:'s|\u2019s| is| was| has)?\s+(?:been\s+)?(?:new|changed|added|dropped|removed|"
                           r"different|left out|taken out)\b|\bwhat changed\b|\bdifferences?\b|\bhow (?:do|does|did) "
                           r".{0,60}\bdiffer\b|"
                           r"\bwhich (?:paragraphs?|parts?|passages?|provisions?|bits?|sections?)\b.{0,60}\b(?:new|changed|"
                           r"added|dropped|removed|deleted|left out|taken out)\b", re.I)
# "did the 2004 resolution keep the bit about the four advisers?", "was it dropped?", "is the Latin America
# paragraph still in it?": a question of whether a version has a paragraph (not "told the Office to keep helping")
_ASKS_KEPT = re.compile(r"\b(?:did|does|has|have|had)\s+(?:the\s+|its\s+|that\s+|this\s+)?(?:[\w'/.-]+\s+){0,4}?"
                        r"(?:resolution|res|text|draft|version|document|one|it|ga|assembly|commission|chr|\d{4})\s+"
                        r"(?:\w+\s+){0,2}?(?:keep|retain|drop|remove|delete|carry over|"
                        # "did the 2004 text add the Arab League / anything on the African Union?" (not "add
                        # anything?" to what was said before: what became of a request, a search across texts)
                        r"(?:add|introduce|insert|bring in)\s+(?!to\b|(?:anything|something|more)(?:\s+(?:to|else)\b|\s*[?.!]|$))|"
                        r"still (?:have|include|contain|say|"
                        r"mention|talk about|speak of|refer to|deal with|cover))\b|"
                        r"\b(?:(?:paragraph|bit|part|passage|provision|reference|call|mention|it|they|text|wording)s?\s+"
                        r"(?:was|were|is|are|been|get|got)|(?:was|were|is|are)\s+(?:it|they|the\s+(?:[\w'\u2019-]+\s+){0,4}?"
                        r"(?:paragraph|bit|part|passage|provision|reference|call|mention|wording)s?))\s+(?:\w+\s+){0,2}?"
                        r"(?:kept|retained|dropped|removed|deleted|carried over)\b|\bstill (?:there|in (?:it|them|the (?:\d{4} )?(?:\w+ )?(?:text|resolution|"
                        r"version|one)))\b|"
                        # "was it mentioned in 2002 too, or only in 2004?", "did the 2002 text already speak of ...?",
                        # "was the reference to X new in 2004?": which of the versions has it
                        r"\b(?:too|as well|also)\b[^?]{0,30}\bor (?:was it |is it )?only\b|\bor only in\b|"
                        r"\balready (?:in|there|mention\w*|talk\w*|speak\w*|say|said|refer\w*|includ\w*|cover\w*)\b|"
                        r"\b(?:is|was|were|are) (?:\w+ ){0,6}?new in (?:the )?\d{4}\b", re.I)
_DROPPED = re.compile(r"\b(?:dropped|removed|left out|taken out|deleted)\b", re.I)
_ADDING = re.compile(r"\b(?:add|adds|added|introduc\w*|insert\w*|bring in|brought in)\b", re.I)
_DROPPING = re.compile(r"\b(?:drop|drops|dropped|remove|removes|removed|delete|deletes|deleted|left out|leave out|"
                       r"taken out|take out|cut)\b", re.I)
STATUS_MARGIN = 0.05  # of the match score: a paragraph of the status asked for ("add", "drop") within it is taken
# "compare the 2002 and 2004 texts on X", "what did the Assembly add in 2004 compared to 2002?": a change asked
# for between two texts the question gives (not "compared with other regions, ...": two versions must resolve)
_COMPARES = re.compile(r"\bcompar(?:e|es|ed|ing|ison)\b|\bchang(?:e|es|ed)\s+(?:between|from|since)\b|"
                       r"\bhow (?:did|has|have|was|were|is|does)\b.{0,80}\b(?:change|changed|evolve|evolved)\b|\b(?:contrast|versus|vs\.?)\b|\bwhat did\b.{0,60}"
                       r"\b(?:add|drop|remove|change|delete|cut)\b", re.I)
# one text named, the change asked for outright ("what's new in the 2004 resolution?"): against the version before
_CHANGES_ALONE = re.compile(r"\bwhat(?:'s|\u2019s| is| was| has)\s+(?:been\s+)?(?:new|changed|added|dropped|removed)"
                            r"\s+(?:in|since|from)\b|\bwhat changed\b|\bwhat did\b.{0,60}\b(?:add|drop|remove|change)\b",
                            re.I)
# a question that asks for the list of changes itself, whatever it is about: "which paragraphs were dropped?"
_LISTS_CHANGES = re.compile(r"\bwhich (?:paragraphs?|parts?|passages?|provisions?|bits?|sections?)\b|\ball (?:the )?"
                            r"(?:changes|differences)\b|\bevery (?:change|difference)\b|\blist (?:the |all (?:the )?|every )?(?:changes|"
                            r"differences|paragraphs)\b", re.I)


def _asks_changes(text: str) -> bool:
    return bool(_ASKS_CHANGES.search(text) or _COMPARES.search(text))


def asks_changes(text: str) -> bool:
    """Does the question ask what changed between versions ("what's new in ...", "which paragraphs were dropped?")?"""
    return _asks_changes(text) or bool(_LISTS_CHANGES.search(text) and (
        _DROPPED.search(text) or re.search(r"\b(?:added|changed|new)\b", text, re.I)))


def asks_kept(text: str) -> bool:
    """Does the question ask whether a version has a paragraph ("did the 2004 text keep ...?")?"""
    return bool(_ASKS_KEPT.search(text))


def versions_asked(retrieval) -> tuple[Document, Document] | None:
    """(older, newer) when the question asks what changed between two versions of a text."""
    query, store = retrieval.query, retrieval.store
    kept = bool(_ASKS_KEPT.search(query.text)) and _subject(retrieval)
    if store is None or not (_asks_changes(query.text) or kept):
        return None
    if retrieval.corpus is not None and retrieval.corpus.years_absent:
        # "what did the 2006 resolution add compared with 2004?": no text of 2006 to compare; another year's
        # version is no answer (the answerability decision says what the corpus lacks)
        return None
    if retrieval.resolved:
        first = retrieval.documents[retrieval.resolved[0][0]]
        others = [retrieval.documents[d] for d, _ in retrieval.resolved[1:]]
    elif kept and len(query.years) >= 2 and retrieval.candidates:
        # "was X mentioned in 2002 too, or only in 2004?", naming no text: the text of the best passage, and
        # its version of the other year
        top = retrieval.paragraphs.get(retrieval.candidates[0].pid)
        if top is None:
            return None
        first, others = retrieval.documents[top.doc_id], []
    else:
        return None
    years = {str(y) for y in query.years}
    versions = [retrieval.documents[d] for d in store.versions_of(first.id)
                if d in retrieval.documents and (retrieval.within is None or d in retrieval.within)]
    held_years = {(v.date or "")[:4] for v in [first] + versions}
    if retrieval.corpus is not None and retrieval.corpus.described_absent \
            and years & held_years and years - held_years:
        # "what did the Assembly's 2003 resolution add compared with 2002?": one version asked for is held, the
        # other (of a year its body has no text of) is not; another year's version is no answer. (Two years none
        # of its versions has, "between the 2003 and 2005 GA resolutions", misdate the versions there are.)
        return None
    other = next((d for d in others if d.id in {v.id for v in versions}), None) \
        or next((v for v in versions if (v.date or "")[:4] in years and (v.date or "")[:4] != (first.date or "")[:4]),
                None)
    if other is None and (kept or _CHANGES_ALONE.search(query.text)):
        # "did the 2004 resolution keep ...?", "what's new in the 2004 text?": against the version before it
        other = max((v for v in versions if (v.date or "") < (first.date or "")), key=lambda v: v.date or "",
                    default=None)
        if other is None and kept:  # "did the 2002 text already speak of ...?", of the oldest: against the next
            other = min((v for v in versions if (v.date or "") > (first.date or "")), key=lambda v: v.date or "",
                        default=None)
    if other is None:
        return None
    older, newer = sorted((first, other), key=lambda d: d.date or "")
    return older, newer


def answer_changes(answer, retrieval, older: Document, newer: Document, k: int, style: str) -> None:
    comparison = compare(retrieval.store, older, newer)
    text = retrieval.query.text
    if not _asks_changes(text) and _ASKS_KEPT.search(text):
        if _answer_kept(answer, retrieval, comparison, style, k):
            return
    elif _subject(retrieval, older, newer) and (not _LISTS_CHANGES.search(text)
                                                or _subject_words(retrieval, older, newer) >= SPECIFIC_SUBJECT):
        # ("... positive experience in four parts of Africa: which part has dropped out of the 2004 wording?": a
        # paragraph described at length, the change within it asked for, not a list of the texts' changes)
        # "how do the 2002 and 2004 texts differ on the regional advisers?": what became of the paragraphs on
        # that subject (kept, changed, dropped, new), not every change of the texts
        if _answer_kept(answer, retrieval, comparison, style, k):
            return
    counts = comparison.counts()
    dropped = bool(_DROPPED.search(retrieval.query.text))
    if dropped:
        shown = [(older, e.a, DROPPED) for e in comparison.entries if e.status == DROPPED]
    else:  # the new paragraphs first, then the changed ones, each in the text's order
        shown = [(newer, e.b, status) for status in (ADDED, CHANGED) for e in comparison.entries if e.status == status]
    shown = [(d, p, status) for d, p, status in shown if p.kind != "footnote"]  # a bare reference is no change to read
    if _subject(retrieval, older, newer):  # "what changed in the Latin America paragraph?": the best match first
        rank = {c.pid: i for i, c in enumerate(retrieval.candidates)}
        shown.sort(key=lambda dps: rank.get(dps[1].id, len(rank)))
    answer.lead = (f"{document_label(newer)} against {document_label(older)}: {counts[ADDED]} paragraphs added, "
                   f"{counts[CHANGED]} changed, {counts[DROPPED]} dropped; below, the "
                   + ("dropped ones, as the older text has them" if dropped else "added and changed ones")
                   + " (`qabot compare` shows every change word by word).")
    answer.found, answer.reason = bool(shown), "versions compared"
    answer.passages = [Passage(rank=i, score=1.0, paragraph=p, document=d, highlight=p.text, citation=cite(d, p, style),
                               role=status) for i, (d, p, status) in enumerate(shown[:k], 1)]


def _answer_kept(answer, retrieval, comparison, style: str, k: int) -> bool:
    """"Did the 2004 resolution keep the bit about X?": the paragraph of either text that matches X best (on
    meaning and words, before any preference for a text the question describes) and what the alignment says
    became of it: kept, changed, dropped, or new in the newer text; for one dropped or new, the best match
    of the other text follows."""
    older, newer = comparison.a, comparison.b
    match = {c.pid: DENSE_WEIGHT * c.dense + LEXICAL_WEIGHT * c.lexical_norm for c in retrieval.candidates}
    sides = []  # (score, entry, paragraph)
    for e in comparison.entries:
        for p in (e.a, e.b):
            if p is not None and p.kind != "footnote" and p.id in match:
                sides.append((match[p.id], e, p))
    if not sides:
        return False
    # the question's most specific word that either text uses ("advisers" in "the four regional advisers") picks
    # the paragraph; the match on meaning and words decides among those holding it
    idf = retrieval.corpus.idf if retrieval.corpus is not None else {}
    # in the question's order, so that of two words as specific the first is taken (not a set's hash order)
    # ("the GA", "in 2002 vs in 2004" name the texts compared: "Assembly" in a paragraph is no subject; the
    # words of their title may well be: "keep the bit on protection")
    naming = {w for doc in (older, newer) for w in re.findall(r"[a-z]+", (doc.body or "").lower())}
    asked = list(dict.fromkeys(st for t in retrieval.query.terms if t not in _CHANGE_WORDS and t not in naming
                               and not t.isdigit() for st in stemming.stems(t)))
    held = {id(p): set(stemming.stems(p.text)) for _, _, p in sides}
    used = [st for st in asked if any(st in h for h in held.values())]
    specific = max(used, key=lambda st: idf.get(st, 0.0), default=None)
    holding = [s for s in sides if specific is not None and specific in held[id(s[2])]]
    # "did the 2004 text add / introduce ...?": a paragraph new in it, if one holds the word; "drop": one dropped
    text = retrieval.query.text
    wants = ADDED if _ADDING.search(text) else DROPPED if _DROPPING.search(text) else None
    ranked = sorted(holding or sides, key=lambda s: -s[0])
    # ... among those that match about as well as the best ("add anything on the African dialogues?": not the
    # African Union's new paragraph over the dialogues' dropped one)
    entry = next((e for score, e, _ in ranked if e.status == wants and score >= ranked[0][0] - STATUS_MARGIN),
                 ranked[0][1])
    shown = [(d, p, entry.status) for d, p in ((older, entry.a), (newer, entry.b)) if p is not None]
    if entry.status == KEPT or _same_words(entry):
        shown = shown[-1:]  # kept word for word (alignment.py): the words once, the lead cites both places
    answer.lead = _lead_of(retrieval, entry, older, newer, specific)
    if entry.status in (DROPPED, ADDED):  # the nearest on the other side: what stands there instead
        other = max((s for s in sides if s[1].status == (ADDED if entry.status == DROPPED else DROPPED)),
                    key=lambda s: s[0], default=None)
        if other is not None:
            shown.append((newer if entry.status == DROPPED else older, other[2], other[1].status))
            answer.lead = answer.lead[:-1] + "; the nearest paragraph of the other text follows it."
    # the other paragraphs holding the subject's word that changed too ("differ on the advisers": each of them)
    seen = {id(p) for _, p, _ in shown}
    more = []
    for _, e, _ in ranked[1:] if holding else []:
        if e is not entry and e.status != KEPT and all(e is not m for m in more):
            more.append(e)
    for e in more:
        for d, p in ((older, e.a), (newer, e.b))[1 if _same_words(e) else 0:]:  # (changed in punctuation only: once)
            if p is not None and id(p) not in seen and p.kind != "footnote":
                shown.append((d, p, e.status))
                seen.add(id(p))
    if len(shown) > len({id(p) for p in (entry.a, entry.b) if p is not None}) and more:
        answer.lead += (f" {len(more)} more paragraph{'s' if len(more) > 1 else ''} on the same subject "
                        f"{'were' if len(more) > 1 else 'was'} changed, dropped or added (below).")
    answer.found, answer.reason = True, "versions compared"
    answer.passages = [Passage(rank=i, score=1.0, paragraph=p, document=d, highlight=p.text, citation=cite(d, p, style),
                               role=status) for i, (d, p, status) in enumerate(shown[:max(k, 2)], 1)]
    return True


def _same_words(entry) -> bool:
    """Do both sides of a changed paragraph say the same words (only case or punctuation changed)?"""
    if entry.a is None or entry.b is None:
        return False
    return re.findall(r"[^\W_]+", entry.a.text.casefold()) == re.findall(r"[^\W_]+", entry.b.text.casefold())


def _lead_of(retrieval, entry, older: Document, newer: Document, specific: str | None) -> str:
    """What became of the paragraph asked about: dropped, new, kept (word for word or with changes, and the
    part each version says of it), or kept without the subject asked about."""
    name_old, name_new = document_label(older), document_label(newer)
    if entry.status == DROPPED:
        lead = f"Dropped: {name_new} has no counterpart of {name_old}, {entry.a.citation_label} (quoted below)."
    elif entry.status == ADDED:
        lead = f"New in {name_new}: {name_old} has no counterpart of its {entry.b.citation_label} (below)."
    elif entry.status == CHANGED and specific is not None and specific not in _numbering(retrieval.query) and \
            (specific in set(stemming.stems(entry.a.text))) != (specific in set(stemming.stems(entry.b.text))):
        # "does the 2004 text still mention trafficking?": the paragraph was kept, the subject asked about not
        # (or only the newer one has it): said so, not "kept"
        word = next((t for t in retrieval.query.terms if specific in stemming.stems(t)), specific)
        has, lacks = ((name_old, entry.a), (name_new, entry.b)) if specific in set(stemming.stems(entry.a.text)) \
            else ((name_new, entry.b), (name_old, entry.a))
        verb = "Dropped" if has[0] == name_old else "Added"
        lead = (f"{verb}: {has[0]}, {has[1].citation_label} speaks of \u201c{word}\u201d; its counterpart, "
                f"{lacks[0]}, {lacks[1].citation_label}, does not (both quoted below; `qabot compare` shows the "
                "changes word by word).")
    else:
        verb = "Kept word for word" if entry.status == KEPT else "Kept, with changes"
        lead = (f"{verb}: {name_old}, {entry.a.citation_label} is {name_new}, {entry.b.citation_label} "
                + ("(quoted below, once)." if entry.status == KEPT
                   else "(both quoted below; `qabot compare` shows the changes word by word)."))
        if entry.status != KEPT:  # the part each version says of what is asked: "eastern and western Africa" / ...
            weights = weights_of(retrieval)
            parts = [highlight(p.text, weights, []) for p in (entry.a, entry.b)]
            if parts[0] != parts[1] and all(part != p.text for part, p in zip(parts, (entry.a, entry.b))):
                lead = (f"{verb}: {name_old}, {entry.a.citation_label}: \u201c{parts[0]}\u201d; {name_new}, "
                        f"{entry.b.citation_label}: \u201c{parts[1]}\u201d (both quoted below; `qabot compare` "
                        "shows the changes word by word).")
    return lead


def _numbering(query) -> set[str]:
    """The stems of the question's ordinals and years: a detail of a paragraph ("the report to the fifty-ninth
    session", now the sixty-first), not its subject."""
    return set(stemming.stems(" ".join([*query.ordinals, *(ordinal_word(o) for o in query.ordinals),
                                        *map(str, query.years)])))


_CHANGE_WORDS = frozenset("""new changed change changes added dropped removed different differ differs difference
keep keeps kept retain retains retained drop drops remove removes delete deleted still carry carried over survive
survived bit part paragraph paragraphs passage provision too also only already mentioned mention mentions
differences compared compare comparison between left taken deleted version versions text texts resolution
resolutions document documents draft add adds adding drop drops change compares comparing contrast versus vs
year years later earlier older newer one ones say says said language wording worded words subject same topic
matter evolve evolved evolution shift shifted named called described describes termed phrased put titled labelled
labeled differently""".split())  # (the frame: "its language on the same subject", "how the plan is named")


def _subject(retrieval, older: Document | None = None, newer: Document | None = None) -> bool:
    """Does the question ask about a subject, beyond the two texts and the change ("what changed in the
    Latin America paragraph")? Its words that name neither the texts (their titles, bodies) nor a change."""
    return _subject_words(retrieval, older, newer) > 0


SPECIFIC_SUBJECT = 3  # a question with this many words of its subject describes one paragraph, not a kind


def _subject_words(retrieval, older: Document | None = None, newer: Document | None = None) -> int:
    naming = set()
    docs = [d for d in (older, newer) if d is not None] or [retrieval.documents[d] for d, _ in retrieval.resolved]
    for doc in docs:
        naming.update(re.findall(r"[a-z]+", f"{doc.title or ''} {doc.body or ''}".lower()))
    return len({t for t in retrieval.query.terms if t not in _CHANGE_WORDS and t not in naming and not t.isdigit()
                and t not in ("ga", "chr")})

