"""The kind of fact a question asks for: a place ("where was it held?", "in which city"), a person ("who
chaired"), an amount ("how much", "what share of the funding"), a time ("when", "since when", "what
year"), a number ("how many"), a country ("which States"); None when it asks for none of these (what a
text says). Read by the ranking (a passage that gives the kind asked for rises) and by the answer (is it
given at all?)."""

from __future__ import annotations

import re

from .continents import ADJECTIVES


# "When OHCHR staffs a project, is it meant to ...": a condition, not a question about time.
_CONDITIONAL_WHEN = re.compile(r"\bwhen\b[^,?;]{3,100},\s*(?:is|are|was|were|does|do|did|can|could|should|would|will|"
                               r"must|may|has|have|how|what|which|who)\b")


# "where" asks for a place when what it asks about is held, based, found or goes somewhere; "where does
# real change come from", "where does the GA stand" ask for something else.
_PLACE_VERBS = (r"held|hold|holds|based|located|locate|headquartered|seated|sited|situated|hosted|host|convened|"
                r"convene|meet|met|meets|take place|took place|takes place|happen|happened|occur|occurred|organi[sz]ed|"
                r"set up|established|opened|open")
_AUX = r"(?:is|are|was|were|did|does|do|will|has|have|had|would|should|can|could)"


_WHERE_SAID = re.compile(r"\s+(?:in\s+(?:the\s+)?(?:texts?|resolutions?|documents?|drafts?|corpus)\s+)?"
                         r"(?:do|does|did|is|are|can)\s+(?:the\s+|these\s+|those\s+|this\s+|any\s+)?"
                         # (what says it: a text, a body, a symbol or "it", not "the experts", who meet somewhere)
                         r"(?:(?:[\w-]+\s+){0,2}?(?:texts?|resolutions?|documents?|drafts?|versions?|ga|assembly|"
                         r"commission|chr|it|they|one|corpus|un|nations|body)|[\w.-]*\d[\w./-]*|[a-z]/[\w./-]+)\s+"
                         r"(?:say|says|said|mention|mentioned|speak|spoken|state|stated|talk|refer|referred|call|ask|"
                         r"urge|express|expressed|stress|stressed|discuss|discussed|deal|dealt|address|addressed|"
                         r"find|found|read|written|cover|covered)\b")


def _asks_where(low: str) -> bool:
    for m in re.finditer(r"\bwhere\b", low):
        if _WHERE_SAID.match(low, m.end()):
            continue  # "where do the texts say that ...?": which paragraph says it, not a place
        clause = re.split(r"[?;,]|\s-\s", low[m.end():], maxsplit=1)[0]
        clause = re.sub(r"^\s*(?:and|or)\s+when\b", "", clause)  # "where and when was the workshop?"
        if re.search(rf"\b(?:{_PLACE_VERBS})\b", clause):
            return True
        # "where was the conference that 57/224 recalls?": the text that recalls it only says which conference
        # ("where is A/RES/57/224?", a symbol alone, still asks for a text, not a place)
        clause = re.sub(r"\s+(?:that|which)\s+\S*/\S*.*$", " ", clause)
        # "where was the workshop that adopted the framework?": the relative clause says which workshop
        clause = re.sub(r"\s+(?:that|which|who)\s+.*$", " ", clause)
        bare = re.fullmatch(rf"\s*{_AUX}\s+(?:the\s+|a\s+|an\s+)?[\w\s'\u2019-]{{1,60}}?\s*", clause)
        if bare and not re.search(r"\b(?:come|stand|go|lead|fit|look|leave|end|get|put|find)s?\b|\w+ed\b", clause):
            return True  # "where is the Centre?", "where was the workshop?"
    return False


def _asks_when(low: str) -> bool:
    """"When" as a question (a clause opening "when was ...", "since when", "until when"), not "when
    requested" or "what happens when ..." (a condition)."""
    if re.search(r"\b(?:since|until|till) when\b", low):
        return True
    for m in re.finditer(r"\bwhen\b", low):
        before = low[:m.start()].rstrip()
        opens = not before or before.endswith(("?", ".", ";", ":", "-", "\u2013", ",", "and", "or", "but", "but also",
                                               "exactly", "also", "then", "roughly", "and roughly", "so"))
        if opens and re.match(rf"\s+{_AUX}\b|\s+(?:exactly|roughly)\b|\s+(?:and|or)\s+(?:where|in which|at which|"
                              r"what|which|how|who)\b|\s*\??\s*$", low[m.end():]) \
                and not _CONDITIONAL_WHEN.match(low[m.start():]):
            return True
    return False


# a part of the money: "what share of OHCHR's funding", "the size of the regular budget" (not "what level of
# resources does it call for", nor "which part of the text deals with funding")
_SHARE_OF_MONEY = (r"\b(?:what|which) (?:share|percentage|proportion) of (?:the |its |their )?(?:[\w'\u2019-]+ ){0,2}?"
                   r"(?:funding|funds|budget|money|resources|contributions|costs?|spending)\b|"
                   r"\b(?:size|total) of (?:the |its |their )?(?:[\w'\u2019-]+ ){0,2}?(?:budget|funding|funds|contributions)\b")
# "what is the budget in USD for ...", "what was the cost of ...", "how many US$": a sum asked for in so many
# words or in a currency (not "what does the text say about the budget?")
_MONEY_ASKED = (r"\b(?:what|which)(?:['\u2019]s| is| was| are| were| will be) the (?:[\w'\u2019-]+ ){0,2}?(?:budget|cost|costs|price|"
                r"amount|sum|total)\b(?! (?:of|for) (?:the )?(?:text|resolution|paragraph)s?\b| (?:number|count)\b|"
                r" (?:lines?|headings?|sections?|programmes?|chapters?)\b)|"
                r"(?:\bin|\bhow many) (?:usd|us\$|us dollars|dollars|euros|swiss francs|chf)\b|\bus\$|\busd\b")
# "who are the experts supposed to report to?": asks for whom, not for the experts' names
_STRANDED = re.compile(r"\b(?:to|with|for|by|from|about)\s*\?*\s*$")


# "with its place and year", "the date and venue": both asked for by name, not by "where" and "when"
_PLACE_NOUN = r"(?:place|venue|location|city|town|host city)s?"
_TIME_NOUN = r"(?:dates?|years?|month|time)"
_BOTH_NOUNS = re.compile(rf"\b(?:({_PLACE_NOUN})|{_TIME_NOUN})\s+(?:and|&|/)\s+(?:the\s+|its\s+|their\s+)?"
                         rf"(?(1){_TIME_NOUN}|{_PLACE_NOUN})\b")


# (with a word or two that say which: "which Central Asian countries", "what other developing States"; a word
# of a region or a kind of State, never any word: "which resolution states that ...", "which plan states")
_STATES = (r"(?:(?:african|asian|european|american|latin|caribbean|pacific|arab|nordic|baltic|balkan|andean|gulf|"
           r"central|south|north|east|west|eastern|western|southern|northern|middle|developing|donor|other|small|"
           r"island|least|developed|landlocked|neighbou?ring|host|sponsoring)\s+){0,2}"
           r"(?:nations?|country|countries|states?|governments?|member states?)")
# "which States are urged to ratify ...?": whom a text addresses, answered by "Urges all States to ..."
# (the texts address States as a class, seldom by name), not a country's name
_ADDRESSED = re.compile(rf"\b(?:which|what) {_STATES} (?:are|were|is|was|get|got|have been|has been)\s+(?:being\s+|"
                        r"also\s+|specifically\s+)?(?:urged|invited|encouraged|called (?:up)?on|asked|requested|"
                        r"expected|supposed|required|obliged|told|reminded|exhorted|appealed to|addressed)\b")
# "what countries should do at home": what they do, not which they are
_DOING = re.compile(rf"\bwhat {_STATES} (?:do|did|does|should|must|can|could|ought|need|have to|are to)\b|"
                    # "lets them pick and choose which countries to scold": a choice described, not a country asked
                    rf"\b(?:which|what) {_STATES} to \w+")


# "what did the twelfth workshop conclude?", "what were the conclusions of the Doha workshop?": what a meeting
# or text concluded or recommended, which a resolution may name without stating
# a document's symbol asked for ("what's the doc symbol of the SG report", "under what symbols", "need the
# symbols"), not given ("the text with symbol A/RES/57/210")
_SYMBOL_ASKED = re.compile(r"\b(?:symbols?|document numbers?|doc numbers?)\b(?!\s*(?:[:=]\s*)?(?:[a-z]{1,5}/|\d))")
_FINDINGS_ASKED = re.compile(r"\bwhat (?:exactly )?(?:did|do|does|has|have|had) (?:[\w'\u2019()-]+ ){1,10}?"
                             r"(?:conclude[ds]?|recommend(?:s|ed)?)\b(?!\s+(?:an? |the |regional |bilateral |new )?"
                             r"(?:agreements?|treaty|treaties|arrangements?|accords?|conventions?)\b)|"
                             r"\bwhat (?:were|are|was|is) (?:the |its |their )?"
                             r"(?:main |key |exact |precise )?(?:conclusions|recommendations|findings)\b|"
                             r"\b(?:what|which) (?:main |key |concrete |specific |exact |actual |precise )?"
                             r"(?:conclusions|recommendations|findings)\b")


_OF_CONTINENT = re.compile(r"\b(?:which|what)\s+((?:[a-z-]+\s+){1,2})(?:nations?|countries|states?|governments?|"
                          r"member states?)\b")


def continents_asked(low: str) -> tuple[str, ...]:
    """The continents a question for countries is limited to ("which African states hosted ...?": Africa;
    "which Latin American countries": the Americas), by language/continents.ADJECTIVES; () when none."""
    m = _OF_CONTINENT.search(low)
    if not m:
        return ()
    words = m.group(1).split()
    for size in (2, 1):
        for start in range(len(words) - size + 1):
            found = ADJECTIVES.get(" ".join(words[start:start + size]))
            if found:
                return found
    return ()


def answer_type(low: str) -> str | None:
    if re.search(r"\bhow much\b|\b(?:what|which) (?:(?:dollar|money|monetary|cash|financial|exact|precise) )?(?:amount|sum)\b|\bhow many (?:dollars|francs|euros)\b|\bbudget of\b|"
                 r"\bfunding (?:level|amount)\b|\bhow large (?:a|was|is)\b|" + _SHARE_OF_MONEY + "|" + _MONEY_ASKED, low):
        return "amount"
    both = _BOTH_NOUNS.search(low)
    if both:  # the first asked comes first
        return "location" if both.group(1) else "time"
    if re.search(r"\b(?:in|at) (?:which|what) (?:city|cities|towns?|country|countries|capitals?|places?|venues?|"
                 r"locations?)\b|"
                 r"\b(?:which|what) (?:city|cities|towns?|capitals?|venues?)\b", low) \
            or _asks_where(low):
        when = re.search(r"\bwhen\b", low)
        if when and _asks_when(low) and when.start() < re.search(r"\bwhere\b|\b(?:in|at|which|what) (?:which|what|"
                                                                  r"city|cities|town|capital|venue)", low).start():
            return "time"  # "when and in which cities ...": the first thing asked comes first
        return "location"
    if re.search(r"\bwho (?:is|was|were|are) (?:the |that |this )?(?:current |then |first )?(?:high com+is+ioner|"
                 r"secretary-general|"
                 r"president|chair|chairperson|special rapporteur|rapporteur|director|head|minister|ambassador|"
                 r"representative|expert|coordinator)\b|\bnames of (?:the )?(?:[\w-]+ ){0,3}(?:advisers?|advisors?|experts?|"
                 r"rapporteurs?|representatives?|members?|officials?|personalities|persons|people|judges?|"
                 r"chairs?|commissioners?|trustees?|sponsors?)\b|\bname of the (?:person|official|high commissioner|"
                 r"secretary-general|president|chair|rapporteur)\b|\bwhose name\b|\bwhat(?: is|['\u2019]s) (?:his|her) name\b|"
                 r"\b(?:his|her) (?:actual|real|full) name\b|"
                 # verbs whose subject is a person, not a State or a body ("who hosted", "who represented the
                 # region", "who set up the Fund")
                 r"\bwho (?:chaired|chairs|presided|presides|moderated|nominated|was elected)\b|"
                 r"\bwho represented (?:the |a |its |their )?(?:[\w'\u2019-]+ )?(?:government|delegation)\b|"
                 r"\bwho (?:are|were) the (?:[\w-]+ ){0,4}(?:advisers|advisors|experts|rapporteurs|personalities|"
                 r"trustees|commissioners|judges|officials|envoys)\b|"
                 # a person's name asked outright ("who, by name, were the advisers?", "give me the name!"), or a
                 # person by their office ("which Pakistani minister opened the workshop?")
                 r"\bwho\b[^?]{0,40}\bby name\b|\bgive (?:me|us) (?:the|his|her|their) names?\b|"
                 r"\b(?:which|what) (?:[\w-]+ ){0,2}?(?:minister|ambassador|president|chairperson|envoy|judge)\b",
                 low) and not _STRANDED.search(low):
        return "person"
    if re.search(rf"\b(?:which|what) {_STATES}\b", low) and not _ADDRESSED.search(low) and not _DOING.search(low):
        return "country"
    if re.search(r"\bhow many\b(?! (?:dollars|francs|euros)\b)", low):
        return "count"
    when = _asks_when(low)
    if when or re.search(r"\b(?:what|which) (?:(?:exact|precise|specific) )?(?:dates?|days?|months?|years?)\b|"
                         r"\bhow far back\b|"
                         # "what were the dates of the Pakistan-hosted meeting?", "on what day"
                         r"\b(?:what|which) (?:is|was|are|were) the (?:exact |precise )?(?:dates?|days?|months?|years?)\b|"
                         r"\b(?:the )?dates? (?:of|for) (?:the|its|their|that|this)\b|\bon what day\b|"
                         r"\b(?:which|what) (?:\w+ )?sessions?\b|"
                         r"\btime span\b|\bwhat period\b|\bhow long\b", low):
        return "time"
    if _FINDINGS_ASKED.search(low):  # after a date: "what did it conclude and when was it held?" asks when
        return "findings"
    if _SYMBOL_ASKED.search(low):
        return "symbol"
    return _keyword_type(low)


# a question typed as keywords, the kind of fact first or last ("exact day of the quito meeting aug 2002",
# "quito meeting date?", "venue of the eleventh workshop", "number of advisers appointed")
_KEYWORD_TYPES = [
    ("time", re.compile(r"^(?:the\s+)?(?:(?:exact|precise|actual)\s+)?(?:dates?|days?)\s+(?:of|for|when)\b|"
                        r"\b(?:dates?|when)\s*\??\s*$")),
    ("location", re.compile(r"^(?:the\s+)?(?:venue|location|host city|place)s?\s+(?:of|for)\b|"
                            r"\b(?:venue|location|host city|where)\s*\??\s*$")),
    ("count", re.compile(r"^(?:the\s+)?(?:number|no\.|#)\s+of\s+[a-z-]+s\b|\bhow many\s*\??\s*$")),
]


def _keyword_type(low: str) -> str | None:
    if re.match(r"\s*(?:what|which|who|whom|whose|where|when|why|how|is|are|was|were|do|does|did|can|could|has|"
                r"have|had|should|would|will)\b", low):
        return None  # a sentence asked: its question word says what it asks (above)
    text = low.strip()
    if len(text.split()) > 10:
        return None  # (a sentence: "summarise it, keeping it up to date" asks no date)
    return next((kind for kind, pattern in _KEYWORD_TYPES if pattern.search(text)), None)


def both_place_and_time(low: str) -> bool:
    """"Where and when was it held?", "when and in which city": a place and a date asked together."""
    place = _asks_where(low) or bool(re.search(r"\b(?:in|at) (?:which|what) (?:city|town|country|place|venue)\b", low))
    return place and _asks_when(low) or bool(_BOTH_NOUNS.search(low))


# what people type in a chat that asks nothing of the corpus: thanks, greetings, acknowledgements ("thanks,
# that helps", "ok great"): words of courtesy only, at least one of them a courtesy of its own
_COURTESY = frozenset("""thanks thank thx ty cheers ok okay k cool great nice perfect awesome excellent brilliant
got understood noted hi hello hey bye goodbye morning afternoon evening lol hmm test yes no yep nope sure help helps
helpful""".split())
_COURTESY_TOO = frozenset("""you that this it is was that's thats very much a lot so many good there see all again
really indeed just fine for the""".split())


def phatic(text: str) -> bool:
    """Is the message a courtesy or an acknowledgement ("thanks!", "ok", "thanks, that helps"), not a question
    to search for?"""
    if re.search(r"[\d/?]", text):  # "ok, 2004?", "great, 57/224", "is that it?": something asked
        return False
    words = re.findall(r"[^\W\d_]+(?:'[a-z]+)?", text.lower())
    return bool(words) and all(w in _COURTESY or w in _COURTESY_TOO for w in words) \
        and any(w in _COURTESY for w in words)


# a question asked aside, after the main one, of whether something is named at all ("which partners are the
# advisers to help - are organisations of disabled people named?", "..., and are refugees mentioned?")
_ASIDE = re.compile(r"(?:\s[-\u2013\u2014]+\s|\?\s+|;\s*|,\s+and\s+)((?:and\s+)?(?:are|is|does|do|did|was|were)\b"
                    r"[^?]*?\b(?:named|mentioned|cited|included|listed|referred to|covered|among them)\b[^?]*)\??\s*$",
                    re.I)


def asked_aside(text: str) -> tuple[str, str] | None:
    """(the main question, the aside) of a question that asks, after a main question of five words or more,
    whether something is named at all; None otherwise."""
    m = _ASIDE.search(text)
    if m is None or len(text[:m.start()].split()) < 5:
        return None
    main = text[:m.start()].rstrip(" ,;-\u2013\u2014")
    return (main if main.endswith("?") else main + "?"), m.group(1)


def question_proper(text: str) -> str:
    """The sentences of `text` that ask (end in "?"), with the one just before a question that is only a
    clause ("... Which one?"); the whole text when none ends in "?". What the asker tells before them is
    their background."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\u00bf\u00a1\"\u201c'])", text.strip())
    asking = [i for i, s in enumerate(sentences) if s.rstrip().endswith("?")]
    if not asking or len(sentences) == 1:
        return text
    keep = set(asking) | {i - 1 for i in asking if i > 0 and len(sentences[i].split()) <= 6}
    return " ".join(s for i, s in enumerate(sentences) if i in keep)
