"""Meetings named by their town: "the Islamabad meeting" is, in the texts, "the eleventh Workshop on
Regional Cooperation ..., held in Islamabad"; a paragraph that only says "the eleventh Workshop" answers a
question about the Islamabad meeting. The corpus itself says which meeting a town hosted: the ordinal
meeting named nearest to the town in the paragraphs that mention it (read through the lexical index, a
few paragraphs, never the whole corpus). Its words join the question's formal words (Query.register),
for lexical search and for the text the embedding reads."""

from __future__ import annotations

import re
from collections import Counter

from ..labels import ORDINALS
from ..language import stemming
from ..language.register import REGISTER_WEIGHT
from .names import names

_EVENT = re.compile(r"\b(" + "|".join(ORDINALS) + r")(?:\s+and\s+(" + "|".join(ORDINALS) + r"))?\s+"
                    r"(workshop|conference|meeting|seminar|dialogue|consultation|forum|summit)s?\b", re.I)
NEAR = 250  # characters between the town and the meeting named, at most
READ = 20  # paragraphs mentioning the town that are read
RARE = 12  # a name in at most this many paragraphs is a town or a meeting's name, not a region's


def event_words(searcher, query, scope: list[str] | None = None) -> dict[str, float]:
    """The words of the meeting the question names by its town ("eleventh", "workshop"), with their weight,
    as the documents in `scope` (None: all) say it."""
    out: dict[str, float] = {}
    for words in meetings_named(searcher, query, scope).values():
        for word, weight in words.items():
            out.setdefault(word, weight)
    return out


def meetings_named(searcher, query, scope: list[str] | None = None) -> dict[str, dict[str, float]]:
    """Each town the question names a meeting by ("the workshop in Islamabad") -> the words the documents
    in `scope` (None: all) name that meeting with ("eleventh", "workshop"), with their weight."""
    out: dict[str, dict[str, float]] = {}
    for name in names(query.text):
        stems = stemming.stems(name)
        if len(stems) != 1 or not 0 < searcher.df(stems[0]) <= RARE:
            continue
        votes: Counter[tuple[str, str]] = Counter()
        for p in searcher.store.paragraphs_by_id(searcher.backend.gather(stems, READ, scope)).values():
            votes.update(_nearest(p.text, name))
        if not votes:
            continue
        best = max(votes.values())
        words: dict[str, float] = {}
        for (ordinal, noun), count in votes.items():
            if count == best and ordinal not in query.ordinals:
                words[ordinal] = REGISTER_WEIGHT
                words.setdefault(noun, REGISTER_WEIGHT)
        if words:
            out[name] = words
    return out


def _nearest(text: str, town: str) -> list[tuple[str, str]]:
    """The ordinal meeting named nearest to each mention of `town` in `text` ((ordinal, noun), lower case);
    of "the eleventh and twelfth Workshops, held in Islamabad ... and in Doha ..., respectively", the
    first for the first town named and the second for the other."""
    found = []
    events = list(_EVENT.finditer(text))
    for m in re.finditer(rf"\b{re.escape(town)}\b", text):
        near = [e for e in events if min(abs(e.start() - m.end()), abs(m.start() - e.end())) <= NEAR]
        if not near:
            continue
        e = min(near, key=lambda e: min(abs(e.start() - m.end()), abs(m.start() - e.end())))
        first, second, noun = e.group(1).lower(), (e.group(2) or "").lower(), e.group(3).lower()
        if second and "respectively" in text[e.end():]:
            after = text[e.end():]
            held = after.find("held")
            towns = re.findall(r"\b(?:in|and|at)\s+([A-Z][a-z]+)", after[held:] if held >= 0 else after)
            first = second if towns[1:2] == [town] else first
        found.append((first, noun))
    return found
