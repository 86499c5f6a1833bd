"""British and American spellings of one word ("organisation" / "organization", "labour" / "labor",
"centre" / "center", "programme" / "program", "defence" / "defense"): a question typed in one finds a corpus
printed in the other. Read at question time for the words the corpus does not use as typed, so an index
need not be rebuilt for it; the caller keeps a variant only if the corpus prints that very word (a
variant that is another word's spelling, "filled" -> "filed", is never one the corpus must hold)."""

from __future__ import annotations

import re

# British -> American, then American -> British; applied to one word at a time
# the words a question is asked with, which a slip may be taken for ("waht", "abuot", "wich")
ASKING_WORDS = frozenset("what which when where who whom whose why how about does did do is are was were the "
                         "this that there their".split())
_RULES = [
    (r"is(ation|ations|ational|ationally|e|es|ed|ing|er|ers)$", r"iz\1"),
    (r"ys(e|es|ed|ing)$", r"yz\1"),  # analyse / analyze
    (r"our(s|ed|ing|ite|ites|able|ably|er|ers|al)?$", r"or\1"),  # labour, favourite, behavioural
    (r"([^aeiou])red$", r"\1ered"),  # centred
    (r"([^aeiou])re(s)?$", r"\1er\2"),  # centre, theatre, metre
    (r"ence(s)?$", r"ense\1"),  # defence, licence, offence
    (r"ogue(s)?$", r"og\1"),  # catalogue, dialogue
    (r"amme(s)?$", r"am\1"),  # programme
    # a doubled l only after the roots that double it ("travelled"), not in "filled", "called", "rolling"
    (r"^((?:travel|label|model|cancel|counsel|signal|channel|level|fuel|equal|total|marshal|pencil|quarrel|"
     r"jewel|dial|initial|shovel|tunnel|rival))l(ed|ing|er|ers)$", r"\1\2"),
    # "ae" and "oe" of the Greek and Latin roots only (not "michael", "heroes", "canoe")
    (r"^(p|h|an|encyclop|orthop|gyn|leuk|h|arch|medi)ae", r"\1e"),
    (r"^(oe|foe)(?=[st])", lambda m: m.group(1)[:-2] + "e"),  # oestrogen, oesophagus, foetus
    (r"oea$", r"ea"),  # diarrhoea
]
_BACK = [
    (r"iz(ation|ations|ational|ationally|e|es|ed|ing|er|ers)$", r"is\1"),
    (r"yz(e|es|ed|ing)$", r"ys\1"),
    (r"([^aeiou]|vi)or(s|ed|ing|ite|ites|able|ably|er|ers|al)?$", r"\1our\2"),  # labor, behavior
    (r"([^aeiou])ered$", r"\1red"),
    (r"([^aeiou])er(s)?$", r"\1re\2"),
    (r"ense(s)?$", r"ence\1"),
    (r"og(s)?$", r"ogue\1"),
    (r"am(s)?$", r"amme\1"),
    (r"^((?:travel|label|model|cancel|counsel|signal|channel|level|fuel|equal|total|marshal|pencil|quarrel|"
     r"jewel|dial|initial|shovel|tunnel|rival))(ed|ing|er|ers)$", r"\1l\2"),
]
_COMPILED = [(re.compile(a), b) for a, b in _RULES + _BACK]

MIN_LENGTH = 5  # "use", "here": too short to be spelt two ways


def variants(word: str) -> list[str]:
    """Other spellings of `word` (lower case), the most likely first; [] for a short word."""
    if len(word) < MIN_LENGTH or not word.isalpha():
        return []
    out = []
    for pattern, replacement in _COMPILED:
        other = pattern.sub(replacement, word, count=1)
        if other != word and other not in out:
            out.append(other)
    return out


TYPO_LENGTH = 4  # "hr", "un": too short to tell a slip of the keyboard from another word (three letters: only
# for a word a question is asked with, "wat")


def one_slip(word: str) -> list[str]:
    """Every word one slip of the keyboard away from `word` (a letter left out, one too many, two swapped, or
    one typed for another: "traficking", "assembely", "abuot", "genral"); [] for a short word."""
    if len(word) < TYPO_LENGTH - 1 or not word.isalpha():
        return []
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    # the commonest slip first: a letter left out ("nationl": "national" before "nations"), two swapped, one
    # too many, one typed for another; within each, in order
    kinds = [[a + c + b for a, b in splits for c in letters],
             [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1],
             [a + b[1:] for a, b in splits if b],
             [a + c + b[1:] for a, b in splits if b for c in letters]]
    return list(dict.fromkeys(w for kind in kinds for w in sorted(kind) if w != word))


def one_edit(a: str, b: str) -> bool:
    """Are two different words one typing slip apart: a letter added, dropped, changed, or two neighbours
    swapped ("rigths" / "rights", "Commision" / "commission")?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1:]
