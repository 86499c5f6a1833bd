"""The highlight: the clause(s) of a paragraph that answer the question best, a substring of it, never
altered; the lead quotes it."""

from __future__ import annotations

import bisect
import re

from ..language import stemming
from ..language.facts import TYPE_PATTERNS

_SEPARATORS = re.compile(r"[,;:]\s+|\s+\(|\)\s+")
HIGHLIGHT_WORDS = 6  # a highlight shorter than this is not quoted alone (unless the paragraph is)
HIGHLIGHT_RUN = 3  # the most clauses one highlight spans
# "which resolution set up ...?" asks for a resolution: the clause that gives one is the part that answers
RESOLUTION_REF = re.compile(r"\b(?:resolution|decision)s?\s+\d+(?:/\d+|\s*\([IVXLC]+\))")
ASKS_RESOLUTION = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,3}?(?:resolution|decision)s?\b(?!\s+(?:say|says|said|do|does|did)\b)")
_HIGHLIGHT_TYPES = {**TYPE_PATTERNS, "resolution": RESOLUTION_REF}
LIST_ITEMS, LIST_ITEM_WORDS = 10, 8  # the short items of an enumeration a highlight runs on over


def highlight(text: str, weights: dict[str, float], must: list[str], answer_type: str | tuple[str, ...] | None = None,
              pattern=None) -> str:
    """The clause(s) of `text` that answer best: a substring of it, never altered. A clause that gives
    the kind of fact asked for (a place, a date; `pattern`: any object with .search) counts as much as two
    of the question's words; asked for two kinds ("where and when": ("location", "time")), each counts."""
    cuts = [0] + [m.end() for m in _SEPARATORS.finditer(text)] + [len(text)]
    segments = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1) if cuts[i + 1] > cuts[i]]
    if not segments:
        return text
    kinds = answer_type if isinstance(answer_type, tuple) else (answer_type,)
    type_patterns = [pattern] if pattern is not None else [
        found for found in (_HIGHLIGHT_TYPES.get(kind or "") for kind in kinds) if found is not None]
    type_bonus = 2.0 * (max(weights.values()) if weights else 1.0)
    best, best_score, best_evidence = (0, len(text)), -1.0, 0.0
    # words never straddle a cut, so a run's stems are its segments' stems: each segment stemmed once
    segment_stems = [set(stemming.stems(text[start:end])) for start, end in segments]
    # a clause of two words or fewer ("(X) ", "respectively, ") does not count against the run
    counts = [len(text[start:end].split()) for start, end in segments]
    clauses = [n > 2 for n in counts]
    # a cut inside a word ("... (" + "A/57/283) ..."): the two segments' words are one word across it
    joined = [0] + [int(not text[start - 1].isspace() and not text[start].isspace()) for start, _ in segments[1:]]
    asked = [st & weights.keys() for st in segment_stems]  # each segment's stems the question weighs
    musts = [m.lower() for m in must]
    new_words: dict[str, bool] = {}  # a match's words -> are they not all the question's (_gives), for every run
    # which segments give each kind of fact, read once (None: a pattern read in each run's own text); a kind no
    # clause gives is left out
    read = [(type_pattern, segments_giving(type_pattern, text, segments, weights, new_words))
            for type_pattern in type_patterns]
    read = [(type_pattern, giving) for type_pattern, giving in read if giving is None or any(giving)]
    type_patterns, by_segment = [type_pattern for type_pattern, _ in read], [giving for _, giving in read]
    for i in range(len(segments)):
        stems: set[str] = set()
        counted = 0
        said = 0.0  # the weights of the run's stems, added as each segment brings new ones
        words = 0  # == len(text[start:end].split())
        given = [False] * len(type_patterns)  # does the run give each kind (patterns read by segment)
        for j in range(i, len(segments)):
            counted += clauses[j]
            if counted > HIGHLIGHT_RUN:
                break
            start, end = segments[i][0], segments[j][1]
            words += counts[j] - (joined[j] if j > i else 0)
            new = asked[j] - stems
            if new:
                said += sum(weights[s] for s in new)
                stems |= new
            for n, giving in enumerate(by_segment):
                given[n] = given[n] or (giving is not None and giving[j])
            if words < HIGHLIGHT_WORDS and (start, end) != (0, len(text)):
                continue  # "as well as working groups": too little to read as an answer
            evidence = said
            if musts or type_patterns:
                piece = text[start:end]
                low = piece.lower()
                evidence += sum(1.5 for m in musts if m in low)
                evidence += type_bonus * sum(1 for n, type_pattern in enumerate(type_patterns)
                                             if (given[n] if by_segment[n] is not None
                                                 else _gives(type_pattern, piece, weights, new_words)))
            score = evidence - 0.004 * (end - start)
            if score > best_score:
                best, best_score, best_evidence = (start, end), score, evidence
    if best_evidence <= 0:
        # no clause carries a word of the question nor the fact asked for (a paraphrase matched on meaning):
        # the shortest clause would win on length alone ("To continue"), so the paragraph is the highlight
        return text
    piece = text[best[0]:_list_end(text, segments, best[1])]
    stripped = piece.strip().strip(",;:").strip()
    if stripped.startswith("(") and ")" not in stripped:
        stripped = stripped[1:].strip()
    if stripped.endswith("("):  # cut before a parenthesis ("... on Human Rights (A/CONF.157/24 ..."): not its "("
        stripped = stripped[:-1].rstrip().rstrip(",;:").rstrip()
    return stripped or text


def segments_giving(pattern, text: str, segments: list[tuple[int, int]], asked: dict[str, float],
                    seen: dict[str, bool]) -> list[bool] | None:
    """For each segment of `text`, does it give the kind of fact (`_gives`), the pattern read once over the whole
    text: a run of segments gives it when one of them does, as long as no match crosses a cut (a run starts
    after a separator and ends with one, so a match inside a segment is found the same in the run's own
    text). None when a match crosses a cut ("A/CONF.157/24 (Part I)") or the pattern is no regex: read per run."""
    if not isinstance(pattern, re.Pattern):
        return None
    giving = [False] * len(segments)
    starts = [start for start, _ in segments]
    for m in pattern.finditer(text):
        said = m.group(0)
        if not said:
            continue
        k = bisect.bisect_right(starts, m.start()) - 1
        if m.end() > segments[k][1]:
            return None
        if said not in seen:
            seen[said] = not set(stemming.stems(said)) <= asked.keys()
        giving[k] = giving[k] or seen[said]
    return giving


def _gives(pattern, piece: str, asked: dict[str, float], seen: dict[str, bool] | None = None) -> bool:
    """Does the piece give the kind of fact asked for in words other than the question's own ("what years
    does the Decade cover?": "1995-2004", not the "Decade" it asks about)? `seen`: what was found of each
    match's words before (the runs of one paragraph share their matches)."""
    if not hasattr(pattern, "finditer"):  # an Actors (answer/actors.py): .search only
        return bool(pattern.search(piece))
    seen = {} if seen is None else seen
    for m in pattern.finditer(piece):
        said = m.group(0)
        if said:
            if said not in seen:
                seen[said] = not set(stemming.stems(said)) <= asked.keys()
            if seen[said]:
                return True
    return False


def _list_end(text: str, segments: list[tuple[int, int]], end: int) -> int:
    """A highlight that stops at a comma inside an enumeration ("in southern, central, eastern and western
    Africa") runs on over the short items that follow, so the lead is not cut before the part asked for."""
    j = next((i for i, (_, e) in enumerate(segments) if e == end), None)
    taken = 0
    while j is not None and j + 1 < len(segments) and taken < LIST_ITEMS and text[:end].rstrip().endswith(","):
        start, stop = segments[j + 1]
        if len(text[start:stop].split()) > LIST_ITEM_WORDS:
            # the last items run on into the clause: "central and eastern Africa aimed at ..." ends at "Africa"
            last = _LAST_ITEMS.match(text, start, stop)
            return last.end() if last else end
        end, j, taken = stop, j + 1, taken + 1
    return end


# the end of an enumeration of single words inside a longer clause: an item, "and" or "or", the last item, its
# capitalised head ("central and eastern Africa"; not "to the promotion and protection", a clause of its own)
_LAST_ITEMS = re.compile(r"\s*[\w'\u2019-]+\s+(?:and|or)\s+[\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]*)*")


def weights_of(retrieval) -> dict[str, float]:
    """The question's stems, each weighted by its idf in the corpus."""
    idf = retrieval.corpus.idf if retrieval.corpus else {}
    return {s: idf.get(s, 0.0) for s in stemming.stems(" ".join(retrieval.query.terms))}
