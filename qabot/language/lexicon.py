"""Words people type and the words UN resolutions print for them.

Resolutions are written in a formal register ("establishes", "convenes", "requests", "commends",
"voluntary contributions", "States"); the people who ask about them write plainly ("set up", "held",
"asks", "praises", "money", "countries"). Lexical search gives a plain word's formal equivalents a
part of its weight (query.py: Query.register), so a question in everyday words still reaches the
paragraph that says it formally. Dense search needs no such help; the embedding model already
knows these are close. Entries are phrases (matched on word boundaries, lower case) -> formal words.
"""

from __future__ import annotations

import re

# Acronyms people type and the words documents print.
ACRONYMS = {
    "ohchr": "Office of the High Commissioner for Human Rights",
    "un": "United Nations",
    "ga": "General Assembly",
    "unga": "General Assembly",
    "chr": "Commission on Human Rights",
    "hrc": "Human Rights Council",
    "sg": "Secretary-General",
    "hc": "High Commissioner",
    "ngo": "non-governmental organization",
    "ngos": "non-governmental organizations",
    "nhri": "national human rights institution",
    "nhris": "national human rights institutions",
    "ecosoc": "Economic and Social Council",
    "osce": "Organization for Security and Cooperation in Europe",
    "au": "African Union",
    "oas": "Organization of American States",
    "eu": "European Union",
    "asia-pacific": "Asian and Pacific",
    "asia pacific": "Asian and Pacific",
}

REGISTER = {
    "set up": "establish establishment",
    "setting up": "establish establishment",
    "created": "establish establishment",
    "founded": "establish establishment",
    "stage": "convene host organize",
    "staged": "convene host organize",
    "staging": "convene host organize",
    "hold": "convene host",
    "gathering": "workshop conference meeting seminar",
    "gatherings": "workshop conference meeting seminar",
    "get-together": "workshop conference meeting seminar",
    "asks": "request invite call urge",
    "asked": "request invite call urge",
    "wants": "request invite call urge encourage",
    "tells": "request inform",
    "praise": "commend appreciation",
    "praised": "commend appreciation",
    "praises": "commend appreciation",
    "thanks": "commend appreciation gratitude",
    "thanked": "commend appreciation gratitude",
    "money": "contributions funds resources financial",
    "cash": "contributions funds resources financial",
    "funding": "contributions funds resources financial",
    "donations": "contributions voluntary",
    "donor": "contributions voluntary contributors",
    "donors": "contributions voluntary contributors",
    "help": "assist assistance",
    "helps": "assist assistance",
    "helping": "assist assistance",
    "country": "state government",
    "countries": "states governments",
    "nation": "state government",
    "nations": "states governments",
    "rights office": "office high commissioner",
    "rights chief": "high commissioner",
    "sign up": "ratification accession",
    "signed up": "ratification accession",
    "signing up": "ratification accession",
    "joined": "ratification accession",
    "treaty": "instrument convention covenant",
    "treaties": "instruments conventions covenants",
    "pacts": "instruments conventions covenants",
    "agreed": "adopted agreed consensus",
    "worried": "concern",
    "worries": "concern",
    "obstacle": "obstacles impediments",
    "barriers": "obstacles impediments",
    "blocks": "obstacles impediments",
    "teach": "training education",
    "teaching": "training education",
    "specialists": "expertise experts",
    "know-how": "expertise",
    "laws": "legislation law",
    "permission": "request consent",
    "approval": "request consent",
    "sign off": "request consent",
    "signed off": "request consent",
    "faith": "religious",
    "religion": "religious",
    "traditions": "cultural historical",
    "culture": "cultural",
    "part of the world": "region regional",
    "parts of the world": "regions regional",
    "offices abroad": "field presence",
    "field offices": "field presence",
    "poor countries": "developing countries",
    "rich countries": "developed countries",
}
REGISTER_WEIGHT = 0.8  # as much as an embedding neighbour at similarity 1 (expansion.WEIGHT): never a typed word

_REGISTER_RE = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, REGISTER), key=len, reverse=True))
                          + r")(?![\w-])")


def register_equivalents(low: str) -> dict[str, float]:
    """The formal words for the plain ones of a lower-cased question, with their weight."""
    out: dict[str, float] = {}
    for m in _REGISTER_RE.finditer(low):
        for word in REGISTER[m.group(1)].split():
            out[word] = REGISTER_WEIGHT
    return out
