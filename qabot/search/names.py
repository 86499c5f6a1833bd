"""Names in a question: the capitalised words past a sentence's first word that are no body's name nor a
function word, and those of them that describe rather than name what is asked about ("the Geneva bureau",
"the lands from Mexico to Patagonia", "governments from around the Indian Ocean"): a text may never print
such a name and still answer."""

from __future__ import annotations

import re

from ..labels import MONTHS, SHORT_MONTHS
from ..language.places import SEATS, seats_for_bodies, state_of_town, states_named
from .query import BODY_NAMES, STOPWORDS

_MONTH_NAMES = frozenset(MONTHS)  # "the CHR's April text": a date, not a thing named
# (a word capitalised inside too is one name: "KwaZulu-Natal", "McDonald")
_NAME = re.compile(r"(?<=\s)((?:[A-Z][a-z\u00e0-\u00ff'\u2019]+(?:[A-Z][a-z\u00e0-\u00ff]+)*)"
                   r"(?:[ -](?:[A-Z][a-z\u00e0-\u00ff]+(?:[A-Z][a-z\u00e0-\u00ff]+)*))*)")


# the land or water by a name that describes a place ("the Atlantic coast", "the Kazakh steppe", "the Andean
# highlands"): where something lies, which a text may well never print
LANDFORMS = (r"coast|coastline|shores?|seaboard|seaside|littoral|steppes?|deserts?|mountains|highlands|lowlands|plains|"
             r"plateaus?|basins?|valleys?|deltas?|peninsulas?|rainforests?|hinterlands?")
# a place that describes something else rather than naming what is asked about: an office by its seat ("the
# Geneva bureau", "a bloc headquartered in Addis Ababa"), a stretch of the world by its ends or its coast ("the
# lands from Mexico to Patagonia", "on the Adriatic coast"). A text may well never print it, and still answer.
_SEAT_AFTER = re.compile(r"^(?:['\u2019]s?\s+)?[\s-]*(?:(?:top|chief|senior|main|head|rights|dignity|freedoms?|human|"
                         r"refugee|humanitarian|UN|U\.N\.|world|global)\s+){0,2}(?:bureau|office|offices|"
                         r"secretariat|headquarters|hq|staff|team|official|officials|boss|chief|people|folks|outfit|"
                         r"executive|administration|authorities|based|-headquartered|-seated|institutions?|"
                         r"bod(?:y|ies)|organs?|agenc(?:y|ies)|" + LANDFORMS + r")\b", re.I)
# ... or, for a town (a seat), an office by a user's word for it ("the Geneva watchdog", "the Geneva liberties
# agency"; not "the Arab watchdog", a region's body, nor "the Bangkok watchdog meeting", held there)
_TOWN_OFFICE_AFTER = re.compile(r"^(?:['\u2019]s?\s+)?[\s-]*(?:(?:rights|human|liberty|liberties|entitlements?|"
                                r"watchdog|UN|U\.N\.|world|global)\s+){0,2}(?:watchdogs?|agenc(?:y|ies)|bureau|office)\b"
                                r"(?!\s+(?:meeting|workshop|conference|session|summit|seminar|talks)\b)", re.I)
# ... or the body that gives, by its seat ("backing from Geneva": from the Office there)
_SEAT_BEFORE = re.compile(r"\b(?:headquartered|based|seated|sitting|located)\s+in\s+(?:the\s+)?$|"
                          r"\b(?:backing|support|help|assistance|funding|funds|money|aid|advice|guidance|cooperation|"
                          r"grants?|instructions?)\s+(?:came\s+)?from\s+$|"
                          # ... or where the asker was posted ("when I was posted to Geneva, there was talk of ...")
                          r"\b(?:posted|stationed|seconded|assigned)\s+(?:to|in|at)\s+$", re.I)
# ... or a town described by the sea or the land it lies by ("the Adriatic old town", "a Gulf port"): not a town's
# or a State's own name before the word ("the Nairobi town hall" names Nairobi)
_PLACED = re.compile(r"^\s+(?:old\s+|little\s+|coastal\s+|historic\s+)?(?:town|city|port|village|resort)\b")
# ... or, for the seat of a regional or international organization (places.SEATS), an institution placed at it
# ("the continental body in Addis Ababa": the African Union; "the court in Nairobi" names a place)
_INSTITUTION_AT = re.compile(r"\b(?:body|bodies|organi[sz]ations?|institutions?|organs?|court|commission|union|bloc|"
                             r"grouping|secretariat|league|forum)\s+(?:in|at)\s+(?:the\s+)?$", re.I)
# The seats of the United Nations' human rights bodies stand for them in two more ways: a text by the seat of
# the body that adopted it ("the Geneva draft": the Commission's), and money given to the Office there
# ("donating to Geneva"). Only those seats: "the Strasbourg resolution", "give more to Nairobi" name places.
UN_SEATS = frozenset({"Geneva", "New York"})
# (or the body there itself: "the Geneva commission's draft")
_UN_SEAT_AFTER = re.compile(r"^(?:['\u2019]s?\s+)?[\s-]*(?:(?:commission|council|committee|body|panel)\b|"
                            r"(?:drafts?|resolutions?|texts?|decisions?|sessions?)\b)", re.I)
_UN_SEAT_BEFORE = re.compile(r"\b(?:donat\w*|contribut\w*|giv(?:e|es|ing)|gave|pa(?:y|ys|ying|id)|funds?|money)\s+"
                             r"(?:(?:more|less|money|funds)\s+)?to\s+$|"
                             # ... or a text by where it came from ("the 2002 draft from Geneva")
                             r"\b(?:drafts?|texts?|resolutions?|decisions?)\s+(?:from|out of|adopted in|passed in)\s+$",
                             re.I)
_NAME_WORDS = r"[A-Z][\w'\u2019-]*(?:\s+(?:(?:de|del|da|do|dos|la|las|los|of|the|and)\s+)?[A-Z][\w'\u2019-]*)*"
# (both ends, each maybe a landform's: "from the Atlantic coast to the Kazakh steppe")
_RANGE = re.compile(rf"\bfrom\s+(?:the\s+)?({_NAME_WORDS})(?:\s+(?:{LANDFORMS}))?\s+to\s+(?:the\s+)?({_NAME_WORDS})|"
                    r"(?<![\w-])([A-Z][\w'\u2019]*)-to-([A-Z][\w'\u2019]*)(?![\w-])")  # ("the Gulf-to-Oceania zone")
# ... or by its neighbours ("the countries near India and Japan", "States around the Gulf"), or the two places
# it lies between ("the countries between Iran and Fiji"; not "relations between Iran and Fiji")
_AROUND = re.compile(rf"\b(?:countries|states|nations|region|regions|area|areas|lands|governments|peoples)\s+"
                     rf"(?:(?:that\s+)?(?:lying|lie|located|situated|stretching|spread)\s+)?"
                     rf"(?:near|around|close to|neighbou?ring|bordering|next to|surrounding|between)\s+(?:the\s+)?"
                     rf"({_NAME_WORDS})(?:\s*(?:,|and|or)\s+(?:the\s+)?({_NAME_WORDS}))?")


# (not "around" alone: "tensions around Kosovo" are in Kosovo)
_BESIDE = re.compile(rf"\b(?:from\s+(?:a)?round|below|beneath|beyond|bordering|surrounding|south of|north of|east of|"
                     rf"west of|the far side of|near|along|off)\s+(?:the\s+)?({_NAME_WORDS})|"
                     # ("a walled city on the Adriatic": not "a report on the Commission")
                     rf"\b(?:city|cities|town|towns|port|ports|village|villages|resort|island|islands)\s+on\s+the\s+"
                     rf"({_NAME_WORDS})|"
                     # ("the continent across the Mediterranean from Europe"; not "across Europe", all over it)
                     rf"\bacross\s+the\s+({_NAME_WORDS})\s+from\b")
# ... or by the landmarks it is the land of ("the land of the Sahara and the Serengeti": Africa)
_LAND_OF = re.compile(rf"\b(?:land|lands)\s+of\s+(?:the\s+)?({_NAME_WORDS})"
                      rf"(?:\s*(?:,|and|or)\s+(?:the\s+)?({_NAME_WORDS}))?")


# ... or given as examples of what is asked about ("the Atlantic-coast part (think Senegal, Ghana)", "countries
# such as Kenya"), or a language community ("the Spanish- and Portuguese-speaking parts")
# ("like" only after the kind of place it gives examples of: "I'd like to know" gives none)
_EXAMPLES = re.compile(rf"(?:\b(?:think|e\.g\.?|eg|such as|for example|for instance)|\b(?:countries|states|nations|"
                       rf"places|regions|cities|towns|governments)\s+like)\s*[:,]?\s+"
                       rf"((?:{_NAME_WORDS})(?:\s*(?:,|and|or)\s+(?:{_NAME_WORDS}))*)")
_SPEAKING = re.compile(r"\b([A-Z][a-z]+)-(?=(?:\s+and\s+[A-Z][a-z]+-)?speaking\b)")


def descriptive_names(text: str) -> set[str]:
    """The names of `names(text)` that describe rather than name what is asked about (_SEAT_AFTER,
    _SEAT_BEFORE, _RANGE, _AROUND, a UN seat for its body; "from Nairobi" alone names a place)."""
    ends = {name for m in _RANGE.finditer(text) for name in m.groups() if name} \
        | {name for m in _AROUND.finditer(text) for name in m.groups() if name}
    # ... or by what lies beside it ("governments from around the Indian Ocean", "the continent below the Sahara")
    ends |= {name for m in _BESIDE.finditer(text) for name in m.groups() if name}
    ends |= {name for m in _LAND_OF.finditer(text) for name in m.groups() if name}
    ends |= {m.group(1) for m in _EXAMPLES.finditer(text)} | {m.group(1) for m in _SPEAKING.finditer(text)}
    out = set(seats_for_bodies(text))  # "Brussels had a hand in it": the European Union
    for name in names(text):
        if name in ends or any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", end) for end in ends):
            out.add(name)  # ("from Mexico to Tierra del Fuego": "Fuego" too)
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?!\w)", text):  # ("Geneva-based")
            after, before = text[m.end():], text[:m.start()]
            if _PLACED.match(after) and state_of_town(name) is None and not states_named(name):
                out.add(name)
                break
            town = name in UN_SEATS or name in SEATS or state_of_town(name) is not None
            if _SEAT_AFTER.match(after) or _SEAT_BEFORE.search(before) or (town and _TOWN_OFFICE_AFTER.match(after)) \
                    or (name in SEATS and _INSTITUTION_AT.search(before)) or (
                    name in UN_SEATS and (_UN_SEAT_AFTER.match(after) or _UN_SEAT_BEFORE.search(before))):
                out.add(name)
    return out


_ITEM_MARK = re.compile(r"(?:^|[.?!:;\n])\s*\(?(?:\d{1,2}|[a-h])$")  # "5) Enumerate the areas": an item's first word
_I_CONTRACTED = re.compile(r"I['\u2019](?:d|m|ve|ll)")  # "I'd love a rundown": the asker, no name


def names(text: str) -> list[str]:
    """Capitalised words past the first word of a sentence, that are not a body's name nor a function word."""
    out = []
    for m in _NAME.finditer(" " + text):
        name = re.sub(r"['\u2019]s?$", "", m.group(1))  # "the Office's decision": the Office
        # (a sentence may end inside quotes: "Motion: 'Gender is absent.' Find me one text that ...")
        before = text[:max(0, m.start() - 1)].rstrip().rstrip("'\"\u2019\u201d)]").rstrip()
        if not before or before.endswith((".", "?", "!", ":", ";", "-", "\u2013")) or _ITEM_MARK.search(before) \
                or name.lower() in STOPWORDS \
                or name.lower() in SHORT_MONTHS or name in _MONTH_NAMES or _I_CONTRACTED.fullmatch(name):
            continue
        if any(re.search(p, name, re.I) for ps in BODY_NAMES.values() for p in ps):
            continue
        out.append(name)
    return out
