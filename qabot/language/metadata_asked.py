"""The facts of a document itself that a question asks for (its meeting, date, vote, draft, sponsors,
symbol, ...), rather than what its paragraphs say: "when was 57/210 adopted?", "who sponsored L.108?",
not "the Islamabad meeting" a text speaks of, nor "the symbol" of a report it cites."""

from __future__ import annotations

import re

from .places import TOWNS

METADATA_FIELDS = [
    ("meeting", r"\bmeeting\b|\bplenary\b"),
    ("date", r"\bwhen\b|\bdate\b|\bwhat day\b|\bwhich day\b|\bwhat year\b|\bwhich year\b"),
    ("vote", r"\bvote\b|\bvoted\b|\bvoting\b|\bconsensus\b|\bunanimous"),
    ("draft", r"\bdraft\b.*\b(?:adopted|based)\b|\badopted from\b|\bwhich draft\b|\bwhat draft\b|\bon the basis of\b|"
              r"\bdraft(?:'s|\u2019s)? (?:symbol|number)\b|\bsymbol of (?:the|its) draft\b|\bdraft behind\b"),
    ("report_chapter", r"\bchapter\b|\bchap\b"),
    ("report", r"\bon (?:the|whose) report\b|\bwhose report\b|\bwhich committee\b|\bthird committee\b|\bcommittee(?:'s)? report\b|"
               r"\breport of the (?:\w+\s+)?committee\b"),
    ("title", r"\btitle\b|\btitled\b|\bentitled\b|\bcalled\b|\bname of the resolution\b"),
    # "at which session was it adopted", not "a report for the fifty-ninth session"
    # nor "by which session must the SG report", "at what session will the GA consider it again" (what the text asks)
    # nor "to what session did the draft push the topic?" (a session a text sends something to)
    ("session", r"(?<!\bby )(?<!\buntil )(?<!\bto )(?<!\btill )\b(?:which|what)\s+(?:\w+\s+)?session\b(?!.*\b(?:"
                r"report|submit|consider|take up|discuss|examine|return|come back|revisit|push|defer|postpone|put off|"
                r"mov(?:e|es|ed|ing)\b|carr(?:y|ied) over|adjourn)\w*\b)|\bsession\s+(?:was|is)\s+(?:it|this|that)\b|"
                # "what session was L.108 submitted to?": the text itself submitted, not a report it asks for
                r"\b(?:which|what)\s+session\s+(?:was|were|is)\s+(?:it|this|that|the (?:draft|resolution|text)|"
                r"[a-z]*\.?\d+[\w./]*)\s+(?:submitted|presented|introduced|tabled|considered)\b"),
    ("agenda_item", r"\bagenda\b"),
    ("sponsors", r"\bsponsor|\bco-?sponsor|\bsubmitted by\b|\btabled by\b|\bput forward by\b"),
    ("symbol", r"\bsymbol\b|\bdocument number\b"),
    ("distributed", r"\bdistribut|\bissued\b|\bpublished\b|\bcirculated\b"),
    ("body", r"\bwhich body\b|\bwhat body\b|\bwho adopted\b|\bwhich organ\b"),
    ("status", r"\bstill a draft\b|\bwas it adopted\b|\bis it adopted\b|\bfinal version\b|\bor (?:just |only |still )?a draft\b|"
               r"\ba draft or\b|\bis (?:it|this|that|[\w./]+) (?:just |only )?a draft\b|\b(?:are|were) (?:still )?drafts\b"),
]
# "which two resolutions were adopted at the same meeting?", "which texts date from the same day?": the documents
# that share a fact of their own, found by comparing every document's (across.answer_shared)
_SHARED = re.compile(r"\b(?:which|what)\s+(?:of\s+(?:the|these|those)\s+)?(?:[\w'\u2019-]+\s+){0,4}?"
                     r"(?:documents|resolutions|texts|drafts|ones)\b.*?"
                     # (what the texts underwent together: "adopted at the same meeting", "come from the same body";
                     # not "ask for a report to the same session", nor "the same session as the Declaration")
                     r"\b(?:adopted|passed|approved|issued|dated|distributed|circulated|come|came|comes|originate|"
                     r"originated)\s+(?:(?:at|on|in|during|by|from|of)\s+)?(?:the\s+)?same\s+"
                     r"(?:(?:plenary\s+)?(?P<meeting>meeting|sitting)|(?P<date>day|date)|(?P<session>session)|"
                     r"(?P<body>body|organ))\b(?!\s+as\b)", re.I)


def shared_field(text: str) -> str | None:
    """The field of their own that the documents asked for share ("meeting", "date", "session", "body"), or None."""
    m = _SHARED.search(text)
    return next((name for name, value in m.groupdict().items() if value), None) if m else None


_ADOPTION = re.compile(r"\badopt(?:ed|ion)?\b|\bpassed\b|\bapproved\b|"
                       # ("did the world parliament pass its end-2004 text": not "urge States to pass their laws")
                       r"\b(?:did|does|do)\b[^?,;]{0,50}\b(?:pass|approve)\s+(?:its|their|the|this|that)\s+"
                       r"(?:[\w'\u2019-]+\s+){0,3}?(?:texts?|resolutions?|drafts?|documents?)\b", re.I)
# Content verbs: the question is about what a document says, not about the document itself.
_CONTENT = re.compile(r"\bsay|\bstate|\bcall(?:s|ed)? (?:on|upon|for)\b|\bask|\brequest|\burge|\bwelcome|\bnote|"
                      r"\brecall|\bdecide|\bencourage|\binvite|\bstress|\bmention|\babout\b|\bregard|\bcontain|"
                      r"\bdescribe|\brecogni|\breaffirm|\bcommend|\bendorse|\bwant|\bmean", re.I)


def metadata_fields(text: str, paragraph: bool = False, cross: bool = False) -> list[str]:
    """The document facts a question asks for, when it asks about a document itself (`paragraph`: the question
    names a paragraph; `cross`: it spans two texts)."""
    if paragraph or cross:
        # what one text asked for and what became of it in another is a question about their content, even
        # when it also asks for a fact of a document ("did the Assembly get it, and what's the symbol?")
        return []
    low = text.lower()
    fields = [name for name, pattern in METADATA_FIELDS if re.search(pattern, low)]
    adoption = bool(_ADOPTION.search(low))
    if adoption and (_INSTRUMENT_ADOPTED.search(text) or _INSTRUMENT_ADOPTION.search(text)):
        return []  # "when was the Arab Charter adopted, according to the 2004 text?": not the text's own date
    # "by which GA resolution, and when, was the programme set up?": one the texts cite, unnamed; "when did the
    # Assembly first take up the idea?" too (but "when was 57/224 first adopted?" asks that text's own date)
    if _RESOLUTION_THAT_ESTABLISHED.search(text) or (_FIRST_TAKEN_UP.search(text) and not _NUMBERED.search(text)):
        return []
    if "meeting" in fields and not adoption and all(_EVENT_MEETING.search(text, max(0, m.start() - 40), m.end() + 12)
                                                    for m in re.finditer(r"\bmeetings?\b", low)):
        fields.remove("meeting")  # "the Islamabad meeting", "the meeting on treaty bodies": an event, not the text's
    if "date" in fields and not adoption and not re.search(r"\bdate\b", low):
        fields.remove("date")  # "when" alone is about events; "when was it adopted" is about the document
    if adoption and not fields:
        fields = ["date", "meeting"]
    if adoption and "date" in fields and "meeting" not in fields and re.search(r"\bwhere\b|\bat which\b", low):
        fields.append("meeting")
    if "symbol" in fields and "draft" in fields and re.search(r"\bdraft(?:'s|\u2019s)? symbol\b|\bsymbol of (?:the|its) draft\b", low):
        fields.remove("symbol")  # "the draft symbol behind 2003/73": the draft's, not the resolution's own
    if "symbol" in fields and _CITED_PAPER.search(low):
        fields.remove("symbol")  # "which SG report does it take note of? symbol?": the report's, a footnote gives it
    if not fields:
        return []
    content = _CONTENT.search(low)
    if content and not adoption and not re.search(r"\btitle\b|\bsession\b|\bagenda\b|\bsponsor|\bsymbol\b", low):
        return []
    return fields


# a meeting a text speaks of, named by its town or its subject ("the Islamabad meeting", "the Quito meeting on
# treaty bodies", "a meeting of experts"), not the meeting that adopted the text ("at which meeting ...?")
_EVENT_MEETING = re.compile(r"(?i:\b(?:" + "|".join(sorted(map(re.escape, TOWNS), key=len, reverse=True))
                            + r")(?:['\u2019]s)?\s+meetings?\b)|\bmeetings?\s+(?:on|of experts|held in|in [A-Z])\b")


# a paper a text cites (a report, a study, a note): "the symbol" asked beside it is the paper's, not the text's;
# a committee's report is the text's own record ("adopted on the report of the Third Committee")
_CITED_PAPER = re.compile(r"(?<!committee )(?<!committee's )\b(?:reports?|study|studies|letters?|plans?|declarations?|"
                          r"programmes?|programs?|frameworks?|conventions?|charters?)\b"
                          r"(?!\s+of\s+the\s+(?:\w+\s+)?committee\b)|\b(?:cited|cites|citing|quoted|quotes)\b")


# the adoption of an instrument a text speaks of, not of the text: "was the Arab Charter on Human Rights adopted"
# the resolution that set something up, asked for: one the texts cite ("By which General Assembly resolution,
# and on what date, was the programme of advisory services established?" - resolution 92 (X) of 1955)
_RESOLUTION_THAT_ESTABLISHED = re.compile(
    r"\b(?:which|what)\s+(?:[\w-]+\s+){0,3}?(?:resolution|decision)s?\b(?!\s*\d).{0,120}?\b(?:established|set up|created|"
    r"launched|founded|instituted|started|began|begun)\b", re.I)
# ... or the first text a body adopted on a subject ("when did the Assembly first take up the idea - the date of
# that original text?"): one its later texts recall, not one of the texts held
_FIRST_TAKEN_UP = re.compile(
    r"\b(?:first|originally|initially)\s+(?:[\w-]+\s+){0,2}?(?:take|took|taken|taking|address|addressed|consider|"
    r"considered|deal|dealt|adopt|adopted|raise|raised|call|called|ask|asked|tackle|tackled|broach|broached|look|"
    r"looked)\b|\b(?:original|earliest|very first|first[- ]ever)\s+(?:[\w-]+\s+){0,2}?(?:texts?|resolutions?|"
    r"decisions?)\b", re.I)
_NUMBERED = re.compile(r"\b\d{1,4}/\d{1,3}\b|\bL\.\s?\d+")  # a text named by its number or its symbol's tail
# ... or its adoption spoken of, then asked about ("the adoption of the Arab Charter ... On what date was it adopted?")
_INSTRUMENT_ADOPTION = re.compile(
    r"\badoption of (?:the |its |this |that )?(?:[\w'\u2019-]+\s+){0,4}?(?:charter|declaration|convention|covenant|"
    r"protocol|programme|program|plan|framework|principles|statute|agenda|strategy|rules|guidelines|treaty)\b", re.I)
_INSTRUMENT_ADOPTED = re.compile(
    r"\b(?:was|were|is|are|been|did)\s+(?:the\s+)?(?:(?!(?:resolution|text|draft|document|decision|report)s?\b)"
    r"[\w'\u2019-]+\s+){0,8}?"
    r"(?:charter|declaration|convention|covenant|protocol|programme|program|plan|framework|principles|statute|agenda|"
    r"strategy|rules|guidelines|treaty)\b(?:\s+(?:on|of|for|and|the|to|in|against|[a-z'\u2019-]+(?<!adopted)"
    r"(?<!agreed)(?<!approved)(?<!signed)(?<!proclaimed))){0,8}?\s+(?:first\s+|finally\s+|formally\s+)?"
    r"(?:get\s+|become\s+|been\s+)?(?:adopted|agreed|approved|signed|proclaimed)", re.I)
