"""British and American spellings of one word ("organisation" / "organization", "labour" / "labor",
"centre" / "center", "programme" / "program", "defence" / "defense"): a question typed in one finds a corpus
printed in the other. Read at question time for the words the corpus does not use as typed, so an index
need not be rebuilt for it."""

from __future__ import annotations

import re

# (pattern, replacement) pairs, each tried both ways; applied to one word at a time
_RULES = [
    (r"is(ation|ations|e|es|ed|ing|er|ers)$", r"iz\1"),
    (r"ys(e|es|ed|ing)$", r"yz\1"),  # analyse / analyze
    (r"our(s|ed|ing|ite|ites|able|ably|er|ers)?$", r"or\1"),  # labour, favourite, honourable
    (r"([^aeiou])re(s|d)?$", r"\1er\2"),  # centre, theatre, metre
    (r"ence(s)?$", r"ense\1"),  # defence, licence, offence
    (r"ogue(s)?$", r"og\1"),  # catalogue, dialogue
    (r"amme(s)?$", r"am\1"),  # programme
    (r"ll(ed|ing|er|ers)$", r"l\1"),  # travelled, labelled, counselling
    (r"ae", r"e"),  # paediatric, haemoglobin
    (r"oe", r"e"),  # oestrogen, diarrhoea
]
_COMPILED = [(re.compile(a), b) for a, b in _RULES]
# the American forms, back to British
_BACK = [
    (re.compile(r"iz(ation|ations|e|es|ed|ing|er|ers)$"), r"is\1"),
    (re.compile(r"yz(e|es|ed|ing)$"), r"ys\1"),
    (re.compile(r"([^aeiou])or(s|ed|ing|ite|ites|able|ably|er|ers)?$"), r"\1our\2"),
    (re.compile(r"([^aeiou])er(s)?$"), r"\1re\2"),
    (re.compile(r"ense(s)?$"), r"ence\1"),
    (re.compile(r"og(s)?$"), r"ogue\1"),
    (re.compile(r"am(s)?$"), r"amme\1"),
    (re.compile(r"([^l])l(ed|ing)$"), r"\1ll\2"),
]

MIN_LENGTH = 5  # "use", "here": too short to be spelt two ways


def variants(word: str) -> list[str]:
    """Other spellings of `word` (lower case), the most likely first; [] for a short word."""
    if len(word) < MIN_LENGTH or not word.isalpha():
        return []
    out = []
    for pattern, replacement in _COMPILED + _BACK:
        other = pattern.sub(replacement, word, count=1)
        if other != word and other not in out:
            out.append(other)
    return out
