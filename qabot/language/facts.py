"""The kinds of fact a question asks for (a place, a date, an amount, a person, a number, a country) and
the patterns that find one in a paragraph: read by the ranking (a passage that gives the kind asked for
rises) and by the answer (is it given at all? which clause to lead with?)."""

from __future__ import annotations

import re

from ..labels import MONTH, SYMBOL
from .gazetteer import STATE_RE

_MONTH = rf"(?:{MONTH})"
# a place a meeting is held in or a body sits in: a named town or country, not a region of the world
_REGIONS = (r"Africa|African|Asia|Asian|Europe|European|America|Americas|American|Latin|Caribbean|Pacific|Arab|"
            r"Central|Eastern|Western|Southern|Northern|South|North|East|West|Middle|Region|Regions")
REGION_RE = re.compile(r"\b(?:" + _REGIONS + r")\b")  # a region of the world, not a town or a country
_LOCATION = re.compile(r"\b(?:in|at)\s+(?!the\b|this\b|that\b|its\b|their\b|accordance\b|particular\b|" + _MONTH
                       + r"\b|Part\b|Article\b|Annex\b|Supplement\b|(?:" + _REGIONS + r")\b)"
                       r"([A-Z][a-z\u00e0-\u00ff]+(?:[ -][A-Z][a-z]+)*)")
_AMOUNT = re.compile(r"(?:US\$|\$|USD|\u20ac|EUR|CHF|Sw\.?\s?F)\s?\d|\b\d[\d,.]*\s*(?:million|billion|thousand|"
                     r"dollars|euros|francs)\b", re.I)
_PERSON = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir|Dame|H\.\s?E)\.?\s+[A-Z][a-z]+|\b[A-Z]\.\s?[A-Z][a-z]+\b")
_TIME = re.compile(r"\b(?:19|20)\d\d\b|\b" + _MONTH + r"\b|\bsession\b|\bdecade\b|\bcentury\b|"
                   # a length of time answers "how long" ("a term of three years"; not "one day prior to")
                   r"\b(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several)\s+"
                   r"(?:years|months|weeks|days)\b", re.I)
_NUMBER = (r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
           r"hundred|dozen|several)")
# a number of the things a question counts: "one day prior" as well ("one of them" is not a count)
_ONE_OR_MORE = r"(?:(?<!\bno )one(?!\s+(?:of|another)\b)|" + _NUMBER.removeprefix("(?:")
# a number of things: a figure or a number word before a plural ("four regional advisers", "120 participants")
_COUNT = re.compile(r"\b" + _NUMBER + r"\s+(?:[a-z-]+\s+){0,2}?[a-z-]+s\b", re.I)
# a country named, or a group of them the texts name as such ("developing countries", "the States of the
# region", "African States"): an answer to "which countries ...?" (not bare "States", which every text addresses)
_STATE_GROUP = re.compile(r"\b(?:developing|developed|least developed|donor|African|Asian|Arab|European|Latin American|"
                          r"Caribbean|Pacific|small island|landlocked|host|neighbouring|neighboring)\s+(?:developing\s+)?"
                          r"(?:countries|States|Governments)\b|\bStates of the (?:[\w-]+\s+){0,3}?region\b")
_COUNTRY = re.compile(f"{STATE_RE.pattern}|{_STATE_GROUP.pattern}")
# what a meeting or an instrument concluded or recommended, stated (the verb: "the Vienna Declaration ...
# recommends that more resources be made available"), not only named ("endorses the conclusions of the
# eleventh Workshop", "a report containing the conclusions of the twelfth Workshop")
_FINDINGS = re.compile(r"(?<!\bthe )\b(?:recommend(?:s|ed|ing)?|conclude[sd]? that|finds that|found that)\b", re.I)
# a document's symbol, printed (mostly in a note: "A/57/283", "E/CN.4/2003/73"), not a text's own number
# ("resolution 57/210") nor a bare "A/57" split by a line's end
_SYMBOL = re.compile(rf"(?<![\w/])(?=[A-Z]+/[\w.\-/]*\d){SYMBOL}")
TYPE_PATTERNS = {"location": _LOCATION, "amount": _AMOUNT, "person": _PERSON, "time": _TIME, "count": _COUNT,
                 "country": _COUNTRY, "findings": _FINDINGS, "symbol": _SYMBOL}
# the patterns that ignore case, compiled again for a lower-cased text: the same matches (a test holds them to
# it), three times as fast as re.IGNORECASE over a long abstract (99 against 37 us for "time")
_LOWERED = {kind: re.compile(p.pattern.lower(), p.flags & ~re.I) for kind, p in TYPE_PATTERNS.items()
            if p.flags & re.I and not re.search(r"\\[A-Z]", p.pattern)}


def gives(kind: str, text: str, low: str | None = None) -> bool:
    """Does `text` give a fact of `kind` (TYPE_PATTERNS)? `low`: the text lower-cased, when the caller has it."""
    lowered = _LOWERED.get(kind)
    if lowered is not None:
        return lowered.search(text.lower() if low is None else low) is not None
    return TYPE_PATTERNS[kind].search(text) is not None


TYPE_WORDS = {"location": "a place", "amount": "an amount", "person": "a person's name", "time": "a date",
              "count": "a number", "country": "a country", "findings": "what was concluded or recommended",
              "symbol": "a document symbol"}

# the words that count people: "how many people attended" is answered by "120 participants"
PEOPLE = frozenset("people persons participants representatives delegates experts attendees members individuals "
                   "officials delegations women men children staff victims figures personalities advisers advisors "
                   "specialists envoys personnel".split())
_FUNCTION = frozenset("""a an the and or of in on at to for from by with did do does done were was are is be been
have has had there that which who whom will would can could should shall may might must per each every as like""".split())
# verbs that end the thing counted: "how many participants attended workshops" counts participants
_VERBS = frozenset("""attend attended come came exist exists sit sits serve served support supports receive received
take took get got make made work worked meet met""".split())
# a figure that is part of a symbol, a reference or a list ("32/127", "rule 69, paragraph 3"), not a count
_NOT_A_COUNT = re.compile(r"[/.]\d|\d[/.]|\d,\s")
_DAY_OF = re.compile(r"\s+" + _MONTH + r"\b", re.I)  # "16 December": a date


def counted(low: str) -> str | None:
    """The thing "how many" asks to count: the last plural of the words before the next function word or
    verb ("how many national human rights institutions exist" -> "institutions", "how many people attended"
    -> "people"); None for "how many were appointed"."""
    m = re.search(r"\bhow many\s+(.*)", low)
    if not m:
        return None
    run = []
    for word in re.findall(r"[a-z-]+", m.group(1))[:6]:
        if word in _FUNCTION or word in _VERBS or (word.endswith("ed") and run):
            break
        run.append(word)
    plural = [w for w in run if w in PEOPLE or (w.endswith("s") and not w.endswith("ss"))]
    return plural[-1] if plural else None


# "how many responsibilities are listed ..., and what are they?": a count of the things a list names one by one
_LISTED_COUNT = re.compile(r"\bhow many\b.{0,120}\b(?:listed|enumerated|itemi[sz]ed|set out|spelled out|spelt out)\b|"
                           r"\bhow many\b.{0,160}\band (?:what|which) (?:are|were) (?:they|these|those)\b", re.I)


def counts_a_list(low: str) -> bool:
    """Does "how many" ask for the number of items a list names ("how many responsibilities are listed in the
    preamble, and what are they?"): answered by the list's items, not by a figure in them?"""
    return bool(_LISTED_COUNT.search(low))


def singular(word: str) -> str:
    """"advisers" -> "adviser", "bodies" -> "body"; "regional" stays (a stem would make it "region")."""
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


_ANY_THING = frozenset({"item", "element", "entry", "component"})
_SERIES = re.compile(r"(?:[^,;:.]{1,60},\s+){3,}[^,;:.]{0,60}?\band\b")


def names_series(text: str) -> bool:
    """Does `text` name things one by one, a series of four or more ("inclusion, justice, equality and equity,
    human dignity")?"""
    return bool(_SERIES.search(text))


def counts(text: str, counted: str | None) -> bool:
    """Does `text` give a number of the thing counted ("four regional advisers" for "how many advisers")?
    Any number of things, when the question does not say what it counts. The thing may follow its number
    by a few words, within the clause ("four human rights personalities to serve as regional advisers")."""
    if not counted:
        return bool(_COUNT.search(text))
    if singular(counted) in _ANY_THING:
        # "list the elements ... how many items is that?": the items named one by one are the count (a series of
        # four or more: "inclusion, justice, equality and equity, human dignity")
        return bool(_COUNT.search(text)) or bool(_SERIES.search(text))
    # (people are counted in the plural: "four personalities"; "official" alone is mostly an adjective, "the
    # official opening")
    people = counted in PEOPLE
    want = PEOPLE if people else {singular(counted)}
    # ("one day prior to the opening" for "how many days before": one of the things counted is a number of them)
    for m in re.finditer(r"(?<![\w/.-])(?!(?:19|20)\d\d\b)" + _ONE_OR_MORE + r"\b((?:\s+[\w-]+){1,8})", text,
                         re.I):
        if _NOT_A_COUNT.match(text, max(0, m.start() - 1)) or _NOT_A_COUNT.match(text, m.start(1) - 1) \
                or _DAY_OF.match(m.group(1)):
            continue
        if any((w.lower() if people else singular(w)) in want for w in m.group(1).split()):
            return True
    return False


_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_ITEMS_ASKED = re.compile(r"\b(?:what|which|name|list)\s+(?:are|were|is|was)?\s*(?:the|its|their)\s+(two|three|four|five|six|"
                          r"seven|eight|nine|ten|\d{1,2})\s+(?:[\w-]+\s+){0,2}?([a-z-]+s)\b", re.I)


def asks_for_items(text: str) -> tuple[int, str] | None:
    """"What are the four areas of the framework?" -> (4, "area"): a list of that many things."""
    m = _ITEMS_ASKED.search(text)
    if not m:
        return None
    number = m.group(1).lower()
    return (int(number) if number.isdigit() else _NUMBER_WORDS[number]), singular(m.group(2))


def enumerates(text: str, n: int, thing: str) -> bool:
    """Does `text` name the things one by one: the thing, then "namely" / "including" / ":" and at least
    n - 1 separators (commas, semicolons, "and") in what follows?"""
    m = re.search(rf"\b{re.escape(thing)}s?\b(?:[^.;:]|\.(?=\S)){{0,400}}?(?:\bnamely|\bincluding|:)(.*)", text, re.I)
    if not m:
        return False
    return len(re.findall(r",|;|\band\b", m.group(1))) >= n - 1
