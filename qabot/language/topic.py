"""What a question is about, where it says so: the phrase after "about", "on", "regarding", "deal with",
"address" ("what do the texts say about the safety of journalists?" -> "the safety of journalists";
"any GA language on climate change impacts?" -> "climate change impacts"). A word the corpus lacks in
that phrase is the question's subject missing; one elsewhere ("did OHCHR station its own people in
parts of the globe?") is more often a user's way of putting what the corpus says in its own words.
Read by the answerability signals (answerability.py), as one signal among the others, weighed by the fit.
"""

from __future__ import annotations

import re

# the words that introduce what a question is about
_MARKERS = (r"about|abt|wrt|w\.r\.t\.?|on(?!\s+\d)|regarding|concerning|re|on the subject of|with (?:regard|respect) to|in relation to|"
            r"relating to|related to|as regards|as to|deal(?:s|t)? with|dealing with|address(?:es|ed)?|"
            r"addressing|tackle[sd]?|tackling|cover(?:s|ed)?|covering|mention(?:s|ed)?|discuss(?:es|ed)?|"
            r"treat(?:s|ed)?|touch(?:es|ed)? on|speak(?:s)? of|say(?:s)? of|anything on|refer(?:s|red)? to")
# where the phrase ends: the end of a clause, or words that say where to look rather than what about
_ENDS = re.compile(r"[?;:!.,]|\s(?:-|\u2013)\s|\b(?:in (?:these|the|those|this|any|our|its|their) (?:texts?|documents?|"
                   r"resolutions?|corpus|drafts?)|in any of|anywhere|according to|across|at all|and how|and what|and "
                   r"which|and who|and when|and where|if any|if so|or not)\b", re.I)
_TOPIC = re.compile(rf"\b(?:{_MARKERS})\s+(.+)", re.I)
_LEADING_MARKER = re.compile(rf"(?:{_MARKERS})\s+", re.I)
# "is cyber-crime addressed?", "is X mentioned?": the subject comes before the verb
_PASSIVE = re.compile(r"\b(?:is|are|was|were|does|do)\s+(?:there\s+)?(?:any(?:thing)?\s+)?(?:about\s+|on\s+)?"
                      r"((?:[\w'\u2019-]+\s+){0,5}?[\w'\u2019-]+)\s+(?:addressed|mentioned|covered|discussed|"
                      r"dealt with|treated|raised|referred to|touched on|tackled)\b", re.I)


def topic_phrase(question: str) -> str:
    """The words of the phrase that says what the question is about ("" when it names none this way)."""
    m = _PASSIVE.search(question)
    if m:
        return m.group(1).strip()
    m = _TOPIC.search(question)
    if not m:
        return ""
    rest = m.group(1)
    while lead := _LEADING_MARKER.match(rest):  # "focus on regarding children": the subject is "children"
        rest = rest[lead.end():]
    end = _ENDS.search(rest)
    return (rest[:end.start()] if end else rest).strip()


def topic_words(question: str) -> list[str]:
    """The lowercased words of the topic phrase, as the question's terms are written."""
    return [w.lower() for w in re.findall(r"[^\W\d_][\w'\u2019]*", topic_phrase(question))]
