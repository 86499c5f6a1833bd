"""Is a question one about references between documents ("which resolutions does 57/210 recall?", "which
documents cite 2002/82?"), answered from the links stored at ingest, and which way does it ask?"""

from __future__ import annotations

import re

from .facts import REGION_RE
from .places import TOWNS, states_named

_DOC_WORDS = r"(?:resolutions?|decisions?|documents?|texts?|instruments?|reports?)"
_LINK_ACTIVE = r"(recall|recalls|cite|cites|refer to|refers to|reference|references|mention|mentions)"
_LINK_PASSIVE = r"(recalled|cited|referred to|referenced|mentioned)"
_LINK_PATTERNS = [
    ("out", rf"\b(?:does|do|did)\s+(?:{_DOC_WORDS}\s+)?DOC\s+{_LINK_ACTIVE}\b"),
    ("out", rf"\b(?:is|are|was|were)\s+{_LINK_PASSIVE}\s+(?:in|by)\s+(?:{_DOC_WORDS}\s+)?DOC\b"),
    ("out", rf"\bDOC\s+{_LINK_ACTIVE}\s*(?:\?|$)"),
    ("in", rf"\b{_LINK_ACTIVE}\s+(?:{_DOC_WORDS}\s+)?DOC\b"),
    ("in", rf"\bDOC\s+(?:is|was|been|are|were)?\s*{_LINK_PASSIVE}\s+(?:by|in)\b"),
    ("in", rf"\b(?:is|was|has)\s+(?:{_DOC_WORDS}\s+)?DOC\s+(?:been\s+)?{_LINK_PASSIVE}\b"),
]


def links_asked(low: str, names: list[str]) -> str | None:
    """A question about references between documents: "which resolutions does 57/210 recall?" ->
    "recalls"; "which documents cite 2002/82?" -> "cited by"; None for any other question. `low`: the
    question in lower case; `names`: the documents it names (symbols, numbers), in lower case."""
    if not names or not re.search(r"\b(?:which|what|list|is|was|has|does|do|did)\b", low):
        return None
    if re.match(r"\W*(?:when|where|who|whom|how much)\b", low):
        return None  # "when and where was the conference that 57/224 recalls?": a fact of what it recalls
    marked = low
    for name in names:
        marked = marked.replace(name, "DOC")
    for direction, pattern in _LINK_PATTERNS:
        m = re.search(pattern, marked)
        if not m:
            continue
        verb = m.group(1)
        asked = re.search(r"\b(?:which|what)\s+(\w+)", marked)
        noun = asked.group(1) if asked else ""
        if noun and noun not in ("does", "do", "did", "is", "are", "was", "were", "has", "have") \
                and not re.fullmatch(_DOC_WORDS, noun) and noun != "other":
            return None  # "which workshops does 2003/73 mention?": a question about content
        if verb.startswith("mention") and not re.search(_DOC_WORDS, marked):
            return None
        after = marked[m.end():].strip(" ?.")
        if direction == "out" and after and not re.fullmatch(rf"(?:(?:any|other|earlier|previous|later|its|their|the|"
                                                             rf"own|of|{_DOC_WORDS})\b\s*)*", after):
            return None  # "does 2003/73 recall the Tehran framework?": whether it speaks of that, in its text
        kind = "recalls" if verb.startswith("recall") else "cites"
        return kind if direction == "out" else {"recalls": "recalled by", "cites": "cited by"}[kind]
    return None


# "which paragraphs of 2003/73 mention the eleventh Workshop?", "list every paragraph of L.108 that mentions
# racism", "in which paragraphs does 57/224 speak of xenophobia?": every paragraph that says it, not the best few
_MENTIONS = re.compile(r"\b(?:(?:which|what)\s+(?:(?:operative|preambular)\s+)?(?:paragraphs|paras|clauses|parts|places|"
                       r"provisions|passages)|(?:list|show|give me|find|find me|get me|pull|pull out)\s+(?:me\s+)?"
                       r"(?:every|all|each|all the)\s+(?:(?:operative|preambular)\s+)?(?:paragraphs?|paras?|"
                       r"places?|provisions?|passages?)|in\s+which\s+(?:paragraphs|paras|passages))\b[^?]*?\b(?:mention(?:s|ed)?|refer(?:s|red)?\s+to|"
                       r"speaks?\s+of|talks?\s+about|deals?\s+with|names?|cites?)\s+(?P<subject>[^?]+)", re.I)


# "every operative para where the Assembly 'reaffirms' something": the paragraphs that say the verb
_SAYING = re.compile(r"\b(?:every|all|each|all the)\s+(?:(?:operative|preambular)\s+)?(?:paragraphs?|paras?|clauses?|"
                     r"passages?)\s+(?:where|in which|that|which)\s+(?:(?:the\s+)?[\w-]+\s+|it\s+)?"
                     r"['\"\u2018\u201c](?P<subject>[a-z]+)['\"\u2019\u201d]", re.I)


# "which operative paragraphs of 57/224 reaffirm something?": those that say the verb, of that kind only
# (a verb a resolution acts with, not "say", "mention", "have"; nor one with a subject after it: "reaffirm
# something about dialogue" asks for what is said about dialogue)
_ACTS = (r"reaffirm|reaffirms|affirm|affirms|recall|recalls|request|requests|urge|urges|welcome|welcomes|invite|"
         r"invites|decide|decides|note|notes|recognize|recognizes|recognise|recognises|stress|stresses|emphasize|"
         r"emphasizes|encourage|encourages|commend|commends|acknowledge|acknowledges|endorse|endorses|reiterate|"
         r"reiterates|appeal|appeals|express|expresses|underline|underlines|consider|considers")
_KIND_SAYING = re.compile(r"\b(?:which|what|list|all|every)\s+(?:the\s+)?(?:operative|preambular)\s+(?:paragraphs|paras|"
                          rf"clauses)\s+(?:of\s+\S+\s+|in\s+\S+\s+)?(?P<subject>{_ACTS})\s+(?:something|anything)\b"
                          r"(?!\s+(?:about|on|regarding|concerning|for|to do with|related to|as to)\b)", re.I)


def _saying(text: str) -> re.Match | None:
    return _SAYING.search(text) or _KIND_SAYING.search(text)


def kind_asked(text: str) -> str | None:
    """"every operative para where ...": the kind of paragraph a listing of what a text says is asked of."""
    said = _saying(text) or _MENTIONS.search(text)
    # (in the words before the subject: "... mention racism, and what do the operative ones say?" asks of all)
    kind = re.search(r"\b(operative|preambular)\b", text[said.start():said.start("subject")], re.I) if said else None
    return kind.group(1).lower() if kind else None


def mentions_asked(text: str) -> str | None:
    """The subject of a question that asks for every paragraph mentioning it ("the eleventh Workshop"), or
    None."""
    said = _saying(text)
    if said:
        return said.group("subject")
    m = _MENTIONS.search(text)
    if not m:
        return None
    # "which parts of Africa ...": parts of a place, not of a text (a text's parts: "which parts of 2003/73")
    of = re.match(r"\w+\s+(?:parts|places)\s+of\s+(?:the\s+)?([A-Z][\w-]*)", text[m.start():])
    if of and (states_named(of.group(1)) or REGION_RE.fullmatch(of.group(1)) or of.group(1).lower() in TOWNS):
        return None
    subject = re.split(r"\s+(?:and\s+(?:what|which|how|when|where|who)|in\s+(?:its|their)\b)", m.group("subject"))[0]
    subject = subject.strip(" .,;:!")
    # ("mention anything about racism": racism)
    subject = re.sub(r"^(?:anything|something|stuff|things?)(?:\s+(?:about|on|regarding|concerning|related to|to do "
                     r"with|of))?\s+", "", subject, flags=re.I)
    # "... did the 2002 text name the same ones?": words that point back at what was said, not a subject
    if re.fullmatch(r"(?:the\s+)?(?:same(?:\s+ones?)?|ones?|them|it|those|these|this|that)(?:\s+ones?)?", subject, re.I):
        return None
    return subject or None
