"""How people type what the documents print: "11th" for "eleventh", "Dec 2002", "'03", "res 57 224" for
"resolution 57/224", "57/21O" for "57/210", "the Austrian capital" for Vienna, "the late 1990s" for the years
1996-1999. Only forms that cannot mean anything else are rewritten."""

from __future__ import annotations

import re

from ..labels import SHORT_MONTH, SHORT_MONTHS, ordinal_words
from .lexicon import SHORTHAND
from .places import cities_of, state_of_demonym, states_named

# "Dec 2002", "Dec. 5, 2002", "5 Dec 2002": an abbreviated month only where a day or a year is beside it
_SHORT_MONTH_RE = re.compile(rf"\b({SHORT_MONTH})\.?(?=\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d\d\b)|"
                             rf"(?<=\d\s)({SHORT_MONTH})\b\.?", re.I)
# "resolution 57 224", "res 2003 73": a resolution's number dictated or typed without its slash (a word for
# "resolution", misspelt too: "resolushun"), then a session (two figures, or a year) and a number
_SPACED_NUMBER_RE = re.compile(r"\b(res(?:olu\w*|\.)?|resol\w*)(\s+)(\d{2}|(?:19|20)\d\d)[\s.-]+(\d{1,3})(?![\d/]|[.,]\d)",
                               re.I)
_SHORT_YEAR_RE = re.compile(r"(?<![\w'\u2019])['\u2019](\d\d)(?![\w'\u2019])")  # "April '03"
_FIGURE_ORDINAL_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.I)  # "11th"
# "where n when", "asia n pacific": a lone "n" between two words is "and" (not "(n)" nor "paragraph n of", an item)
_LONE_N = re.compile(r"(?<=[A-Za-z] )(?<!paragraph )(?<!item )(?<!letter )(?<!point )(?<!para )n(?= [A-Za-z])")
_SHORTHAND_RE = re.compile(r"(?<![\w/.-])(" + "|".join(map(re.escape, SHORTHAND)) + r")\.?(?![\w/'-])", re.I)

# a year said aloud, as dictation writes it: "twenty ten", "nineteen ninety-three", "twenty oh three", "two
# thousand and four" (not "twenty one" nor "two thousand" alone: counts)
UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen")
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNIT = "|".join(UNITS)
_TEEN, _TEN = "|".join(TEENS), "|".join(TENS)
_SPOKEN_YEAR_RE = re.compile(
    rf"\b(?:(nineteen|twenty)[\s-]+(?:(oh)[\s-]+({_UNIT})|({_TEEN})|({_TEN})(?:[\s-]+({_UNIT}))?)|"
    rf"two[\s-]+thousand[\s-]+(?:and[\s-]+)?(?:({_TEEN})|(twenty|thirty)(?:[\s-]+({_UNIT}))?|({_UNIT})))\b"
    # (a count: "two thousand three hundred officials", "twenty twenty states")
    r"(?![\s-]+(?:hundred|thousand|million|billion)\b)(?!\s+(?:states|countries|people|participants|officials|"
    r"members|delegates|persons|dollars|times)\b)", re.I)


# a number dictated as the word that sounds like it, where that word cannot stand: "the for areas", "its to
# workshops" (a preposition never follows an article or a possessive; "those for" may, and "too" is an adverb)
_SOUNDS_LIKE_NUMBER = re.compile(r"\b(the|its|their)\s+(for|fore|to)\s+(?=[a-z]+(?<!ou)s\b)", re.I)


# a hashtag, as social media writes words run together: "#AnnualAppeal2003" is "Annual Appeal 2003"
_HASHTAG = re.compile(r"(?<![\w&])#([A-Za-z][A-Za-z0-9_]*)")


def _hashtag_words(m: re.Match) -> str:
    return " ".join(re.findall(r"[A-Z]{2,}s(?![a-z])|[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", m.group(1)))


def _number_heard(m: re.Match) -> str:
    return f"{m.group(1)} {'two' if m.group(2).lower() == 'to' else 'four'} "


def _spoken_year(m: re.Match) -> str:
    g = [x.lower() if x else None for x in m.groups()]
    century, oh, oh_unit, teen, tens, unit, teen2, tens2, unit2, unit3 = g
    if century:
        base = 1900 if century == "nineteen" else 2000
        if oh:
            return str(base + UNITS.index(oh_unit) + 1)
        if teen:
            return str(base + TEENS.index(teen) + 10)
        return str(base + (TENS.index(tens) + 2) * 10 + (UNITS.index(unit) + 1 if unit else 0))
    if teen2:
        return str(2000 + TEENS.index(teen2) + 10)
    if tens2:
        return str(2000 + (20 if tens2 == "twenty" else 30) + (UNITS.index(unit2) + 1 if unit2 else 0))
    return str(2000 + UNITS.index(unit3) + 1)


_DECADE_WORDS = {"seventies": 1970, "eighties": 1980, "nineties": 1990}
_DECADE = re.compile(r"\b(?:(early|mid|late)[\s-]+)?(?:the\s+)?(?:(?:(19)|['\u2019])?(70|80|90)['\u2019]?s\b|"
                     r"(seventies|eighties|nineties)\b)")


def decade_years(low: str) -> list[int]:
    """The years a decade names ("the nineties", "early-90s": 1990-1993, "late 1990s": 1996-1999)."""
    out: list[int] = []
    for m in _DECADE.finditer(low):
        start = _DECADE_WORDS[m.group(4)] if m.group(4) else 1900 + int(m.group(3))
        first, last = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(m.group(1) or "", (0, 9))
        out += [start + y for y in range(first, last + 1)]
    return out


def spell_out(text: str) -> str:
    """The question as the documents would write it: "11th" -> "eleventh", "Dec 2002" -> "December 2002",
    "'03" -> "2003", "twenty ten" -> "2010", "res" -> "resolution". Only forms that cannot mean anything else are rewritten."""
    text = _SHORTHAND_RE.sub(lambda m: SHORTHAND[m.group(1).lower()], text)
    text = _LONE_N.sub("and", text)
    text = _FIGURE_ORDINAL_RE.sub(lambda m: ordinal_words(int(m.group(1))) if int(m.group(1)) else m.group(0), text)
    text = _SHORT_MONTH_RE.sub(lambda m: SHORT_MONTHS[(m.group(1) or m.group(2)).lower()[:3]], text)
    text = _CAPITAL_OF.sub(_capital, text)
    text = _DEMONYM_CAPITAL.sub(_demonym_capital, text)
    # "57/21O", "L.1O8": a letter O typed for a zero inside a document's number
    text = re.sub(r"(?<![\w/.])(?:\d+/[\dOo]+|[Ll]\.[\dOo]+|\d+[Oo]\d*/\d+)(?![\w/])",
                  lambda m: m.group(0)[:2] + re.sub("[Oo]", "0", m.group(0)[2:]) if m.group(0)[:2].lower() == "l."
                  else re.sub("[Oo]", "0", m.group(0)), text)
    text = _HASHTAG.sub(_hashtag_words, text)
    text = _SPOKEN_YEAR_RE.sub(_spoken_year, text)
    text = _SOUNDS_LIKE_NUMBER.sub(_number_heard, text)
    text = _SPACED_NUMBER_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}/{m.group(4)}", text)
    return _SHORT_YEAR_RE.sub(lambda m: ("19" if int(m.group(1)) >= 50 else "20") + m.group(1), text)


# "the capital of Ecuador": the town the texts name (Quito), from the gazetteer of places.py
_CAPITAL_OF = re.compile(r"\b(?:the\s+)?capital(?:\s+city)?\s+of\s+((?:the\s+)?[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,3})")


# "the Austrian capital", "the Ecuadorian-capital blueprint", "Iran's capital": the capital of a State named by
# its people or with a possessive
_DEMONYM_CAPITAL = re.compile(r"\b(?:the\s+)?([A-Z][a-z]+)(?:['\u2019]s)?[\s-]+capital(?:\s+city)?\b")


def _demonym_capital(m: re.Match) -> str:
    state = state_of_demonym(m.group(1)) or (m.group(1) if cities_of(m.group(1)) else None)
    cities = cities_of(state) if state else []
    if not cities:
        return m.group(0)
    # ("the Ecuadorian-capital blueprint": the Quito blueprint)
    return ("the " if "-" in m.group(0) and m.group(0).lower().startswith("the ") else "") + cities[0]


def _capital(m: re.Match) -> str:
    for state in states_named(m.group(1)):
        cities = cities_of(state)
        if cities and m.group(1).strip().lower().endswith(state.lower()):
            return cities[0]
    return m.group(0)
