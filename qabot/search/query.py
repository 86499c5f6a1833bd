"""Query understanding: what a question names besides its words.

From the question alone (no index needed): years and dates, ordinals ("the eleventh workshop"),
references to documents ("resolution 2003/73", "A/RES/57/224", "the Assembly's December 2004
resolution", "the 2002 advisory-services draft"), to paragraphs ("operative paragraph 5", "item (d) of
paragraph 8", "the third preambular paragraph"), bodies, metadata asked about (meeting, vote, sponsors,
...), the kind of fact asked for (a place, a person, an amount, a time), and whether the question
wants a list or a comparison. The retrieval layer uses these to filter and boost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..language.facts import counted
from ..language.framing import frame
from ..language.asked import answer_type, both_place_and_time, continents_asked
from ..language.citing import links_asked
from ..language.glossary import READ_SHARE, read_as_english, typed_in
from ..language.tongues import ENGLISH_WORDS, language
from ..language.lexicon import ACRONYMS
from ..language.register import REGISTER_WEIGHT, register_equivalents, rephrased
from ..language.metadata_asked import metadata_fields, shared_field
from ..language.places import cities_of, states_named
from ..language.typed import decade_years, spell_out
from ..labels import MONTH, ORDINAL, SYMBOL, month_number
from .paragraph_ref import ParagraphRef, paragraph_ref

# "the eleventh", "the sixty-fifth session" (whole: not its "fifth"; "74th" is read "seventy-fourth" first)
_ORDINAL_RE = re.compile(rf"(?<![\w-])((?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?:{ORDINAL})|"
                         r"(?:thirt|fort|fift|sixt|sevent|eight|ninet)ieth)\b", re.I)
_MONTH_RE = re.compile(rf"\b({MONTH})\b", re.I)
_YEAR_RE = re.compile(r"(?<![\d/])((?:19|20)\d\d)(?![\d/])(?!(?<=0)['\u2019]?s\b)")  # (not a decade: "the 1990s")
_NUMBER_REF = re.compile(r"(?<![\w/.])(\d{1,4}/\d{1,4})(?![\w/])")
_OLD_NUMBER = re.compile(r"\b(?i:resolutions?)\s+(\d{1,4})\s?\(([IVXL]{1,6})\)")
_SYMBOL_RE = re.compile(rf"(?<![\w/]){SYMBOL}", re.I)
# A document by its symbol's tail, as people name drafts: "L.108", "L.108/Rev.1" (store.find_documents
# matches the end of a symbol).
_SYMBOL_TAIL = re.compile(r"(?<![\w/.])L\.\s?\d{1,4}(?:/(?:Rev|Add|Corr)\.\d{1,2})*(?![\w/])")
BODY_NAMES = {
    "General Assembly": [r"general assembly", r"\bassembly(?:'s|\u2019s)?\b", r"\bGA\b", r"\bUNGA\b"],
    "Commission on Human Rights": [r"(?<!american )(?<!african )(?<!european )commission on human rights",
                                   r"(?<!american )(?<!african )(?<!european )(?<!economic )\bcommission(?:'s|\u2019s)?\b",
                                   r"\bCHR\b"],
    "Human Rights Council": [r"human rights council", r"\bHRC\b"],
    "Economic and Social Council": [r"economic and social council", r"\bECOSOC\b"],
    "Security Council": [r"security council"],
}

# a body and the one it replaced, which people name for it: the Human Rights Council took over from the
# Commission on Human Rights in 2006 (General Assembly resolution 60/251), so "the Human Rights Council's 2003
# resolution" is the Commission's (a text of a year before the change), in a corpus of the Commission's texts and
# none of the Council's; "the Human Rights Council's universal periodic review" is the Council's own
PREDECESSORS = {"Human Rights Council": ("Commission on Human Rights", 2006)}

_ADDRESSED = re.compile(r"\b(?:(?<!according )(?<!according\s)to|before|for|towards?)\s+(?:the\s+|its\s+)?(?:\w+\s+)?$")

EXPANSIONS = ACRONYMS  # acronyms people type -> the words documents print

STOPWORDS = set("""
a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can could did do does doing done down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just let me more
most my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those through
to too under until up very was we were what when where which while who whom whose why will with would
you your yours yourself yourselves say says said tell give gives me please mentioned mention mentions
according document documents text texts corpus resolution resolutions paragraph paragraphs para
anything something kind sort way ones one two any many much does did do get got
i'm it's don't doesn't didn't isn't aren't wasn't weren't haven't hasn't hadn't can't cannot won't wouldn't
shouldn't couldn't let's there's what's who's that's
across among amongst within throughout upon towards toward via per onto beyond despite unlike versus whether
else ever anyway
""".split())

QUESTION_WORDS = {"what", "which", "who", "whom", "whose", "when", "where", "why", "how", "list", "name",
                  "describe", "explain", "summarize", "summarise", "gist"}

# the facts asked of each of two texts named by symbol or number ("when were 57/210 and 57/224 adopted?"); not a
# session, which two texts mostly name as the one their reports go to
_OF_EACH = frozenset({"date", "meeting", "vote", "sponsors", "agenda_item", "distributed", "symbol", "title", "body",
                      "status"})


# A question that spans two documents: what one asked for and what became of it in another, or a fact of
# one text checked against another.
_CROSS = re.compile(r"\bbecame of\b|\bbecome of\b|\bhappened (?:to|with)\b|\bfollow(?:ed|s)?[- ]?up\b|"
                    r"\b(?:agree|agrees|disagree|consistent|in line) with\b|\bcontradict|"
                    r"\b(?:change[ds]?|shift(?:ed|s)?|evolve[ds]?)\b.{0,60}\b(?:between|since)\b|"
                    r"\bhow (?:did|has|have|does) .{0,80}\b(?:change|shift|evolve)\b|"
                    r"\b(?:later|subsequent|next|newer|earlier|older|previous) (?:\w+ )?(?:text|resolution|one|draft)\b|"
                    r"\bdid (?:the|it|they) (?:\w+ )?(?:get|receive|act on|take up)\b|"
                    # "... asked for the twelfth Workshop's report. Where was it eventually held?": what came after
                    # (not what a text itself undergoes: "when was 57/224 eventually adopted?")
                    r"\b(?:eventually|ultimately|in the end),?\s+(?:\w+\s+){0,4}?(?:held|convened|set up|established|"
                    r"opened|created|hosted|took place|happened|done|received)\b|"
                    # "each of the two GA texts", "in both resolutions", "the two regional arrangements resolutions"
                    r"\b(?:each|both) of (?:the |these |those )?(?:two|2)\b|"
                    r"\b(?:in|by) (?:each|both) (?:of )?(?:the |these )?(?:[\w-]+ ){0,3}(?:texts|resolutions|documents|drafts)\b|"
                    r"\bthe two (?:[\w-]+ ){0,4}(?:texts|resolutions|documents|drafts|versions)\b"
                    r"(?! (?:it|that|which|they|the \w+) )|"
                    # "2003/73 asks for the workshop's report: do any of the other documents say where it was held?"
                    # (not a text's own object: "which other documents does 57/224 take note of?")
                    r"\b(?:(?:do|does|did)\s+(?:any\s+(?:of\s+)?)?the|(?:any|some|which|none) of the|(?:in|from) (?:any of )?the)"
                    r"\s+other (?:documents|texts|resolutions|drafts)\b(?! (?:it|that|which)\b)")
# "what did the GA say in 2004", "... say about the African Union in 2004?" (not "the workshops held in 2003")
_SAID_IN = re.compile(r"\b(?:say|said|decide|decided|ask|asked|urge|urged)\b(?:\s+\w+)?\s+in\s+(?:19|20)\d\d\b|"
                      r"\b(?:say|said|decide|decided|ask|asked|urge|urged)\b.*(?<!held)(?<!convened)(?<!place)(?<!organized)"
                      r"(?<!organised)\s+in\s+(?:19|20)\d\d\s*\??\s*$")
_OF_CORPUS = re.compile(r"\b(?:the|these|those|all(?: the)?|five|our) (?:documents|texts|resolutions)\b|"
                        r"\banywhere\b|\b(?:in|across) the corpus\b", re.I)
# "what did the Commission decide at its sixty-first session?": what a body did at a session is its text of it
# (not what it decided to take up at one: "decided to continue its consideration at its sixtieth session")
SESSION_DONE = re.compile(r"\b(?:decide|decided|adopt|adopted|say|said|resolve|resolved|agree|agreed|pass|passed)\b"
                          r"(?:(?!\b(?:reports?|submit\w*|present\w*|consider\w*|continu\w*|resum\w*|review\w*|"
                          r"examin\w*|tak\w*|to)\b)[^?.;]){0,40}?\b(?:at|during|in)\s+(?:its|the|their)\s+"
                          r"(\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)\s+session\b", re.I)
_SIDES = re.compile(r"\b(?:each of (?:the |these |those )?(?:two|2)|both(?: of)?(?: the| these)?|the two) "
                    r"((?:(?!and\b)[\w'\u2019/-]+ ){1,5}?(?:texts|resolutions|documents|drafts|versions))\b"
                    r"(?! (?:it|that|which|they|the \w+) )", re.I)
# a text described by its year ("the 2002 Assembly resolution ... the 2004 one"): two years, two texts
_DESCRIBED_YEARS = re.compile(r"\b((?:19|20)\d\d)\s+(?:[\w\u2019'-]+\s+){0,2}?(?:resolutions?|texts?|drafts?|documents?|"
                              r"decisions?|ones?|versions?|lists?|wording|language)\b")
# A question about the notes of a text: a footnote, the document a text cites, a symbol it gives.
_ASKS_NOTE = re.compile(r"\bfoot-?not|\bcitations?\b|\bsource document|\bofficial records\b|\bsupplement no\b|"
                        r"\b(?:what|which)(?:'s| is| are| was)? (?:the )?(?:document )?symbols?\b|"
                        r"\bunder (?:the )?(?:same |what |which )?(?:un )?(?:document )?symbol")


@dataclass
class DocRef:
    """A document the question names, explicitly (number, symbol) or by description."""
    text: str
    number: str | None = None
    symbol: str | None = None
    explicit: bool = False


@dataclass
class Query:
    text: str
    asked: str | None = None  # the question as asked, where `text` leaves some of it out ("apart from L.108")
    years: list[int] = field(default_factory=list)
    months: list[int] = field(default_factory=list)
    dates: list[tuple[int, int, int]] = field(default_factory=list)
    ordinals: list[str] = field(default_factory=list)  # ordinals that are not paragraph positions
    ordinal_phrases: list[str] = field(default_factory=list)  # "eighth Asia-Pacific workshop"
    numbers: list[str] = field(default_factory=list)  # "57/210" as written
    symbols: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)  # the symbols and numbers that name documents of the corpus
    beside: str | None = None  # a text described beside one named by number ("2003/73 ... the 2004 GA text")
    bodies: list[str] = field(default_factory=list)
    described_years: list[int] = field(default_factory=list)  # "the 2002 text", "the 2004 list": a text's year
    described_drafts: list[int] = field(default_factory=list)  # of those, the years of a draft ("the 2002 draft")
    addressed: list[str] = field(default_factory=list)  # bodies something goes to ("report to the Assembly")
    draft: bool = False
    paragraph: ParagraphRef | None = None
    metadata: list[str] = field(default_factory=list)
    respelled: dict[str, str] = field(default_factory=dict)  # the corpus's spelling -> the question's
    slips: dict[str, str] = field(default_factory=dict)  # of those, the words read past a slip ("traficking")
    answer_type: str | None = None  # "location", "person", "amount", "time"
    continents: tuple[str, ...] = ()  # "which African states ...?": the countries asked for are of Africa
    place_and_time: bool = False  # "where and when was it held?": both asked
    wants_list: bool = False
    of_corpus: bool = False  # asked of the whole corpus: "every workshop the documents mention", "anywhere"
    compare: bool = False
    links: str | None = None  # "recalls", "cites", "recalled by", "cited by": answered from references.py's links
    terms: list[str] = field(default_factory=list)  # words for lexical search
    term_weight: dict[str, float] = field(default_factory=dict)  # < 1 for the words of an expanded acronym
    refers_to_document: bool = False  # "the 2002 draft", "the Assembly's resolution"
    register: dict[str, float] = field(default_factory=dict)  # formal words for its plain ones (register.py)
    rephrased: dict[str, list[str]] = field(default_factory=dict)  # a plain word -> its formal words
    # places that describe rather than name ("the Geneva bureau"): evidence.descriptive_names, read at search
    describing: frozenset[str] = frozenset()
    frame: str = ""  # the asker's context said around the question ("I'm writing a note on Myanmar;"): framing.py
    places: list[str] = field(default_factory=list)  # the cities of the States it names (places.py)
    language: str = "en"  # "en", or the language its function words are of ("fr", "es", ...)
    read_from: str = ""  # the language it was asked in, when read into English (glossary.py): "pt"
    shared: str | None = None  # "which resolutions were adopted at the same meeting?": the field they share
    cross: bool = False  # it spans two documents: "what became of X in Y", "does A agree with B"
    asks_note: bool = False  # it asks for a footnote, a reference, a document symbol cited

    @property
    def sides(self) -> str | None:
        """The documents a question asks the same thing of, as it describes them: "each of the two GA
        regional arrangements resolutions" -> "GA regional arrangements resolutions"."""
        m = _SIDES.search(self.text)
        return m.group(1) if m else None

    @property
    def counted(self) -> str | None:
        """What "how many" counts ("participants"), when the question names it."""
        return counted(self.text.lower()) if self.answer_type == "count" else None


def _refers_to_document(low: str, q: Query) -> bool:
    """Does the question describe a document ("the 2002 draft", "the Assembly's resolution")?"""
    return bool(
        q.symbols or q.numbers
        or re.search(r"\b(?:resolution|text|draft|document|decision)s?\b", low) and (q.years or q.bodies or q.draft)
        or re.search(r"(?:assembly|commission|council|\bga|\bunga|\bchr|\bhrc)(?:'s|\u2019s)\b", low)
        # "did the GA's stance change between 2002 and 2004?": the body's texts of those years
        or q.bodies and len(q.years) >= 2 and q.compare
        # "what did the GA say about the African Union in 2004?": what the body said that year is its text of that year
        or q.bodies and q.years and _SAID_IN.search(low)
        or q.bodies and SESSION_DONE.search(low)
        # "the text on advisory services", "the resolution entitled ...": a document named by its subject
        or re.search(r"\b(?:resolution|text|draft|document|decision)\s+(?:on|entitled|titled|called)\b", low)
        # "the 2004 list ... the 2002 list", "the 2002 wording": the texts of those years
        or len(set(_DESCRIBED_YEARS.findall(low))) >= 2
        # "what was decided at the 77th plenary meeting?": the texts adopted at it
        or any(re.search(r"\bmeetings?\b", phrase) for phrase in q.ordinal_phrases))


def _read_dates(q: Query, text: str, symbol_spans: list[tuple[int, int]]) -> None:
    """The years (not those of a symbol or a resolution number), months and full dates a question gives."""
    for m in _YEAR_RE.finditer(text):
        if any(a <= m.start() < b for a, b in symbol_spans):
            continue
        if any(n in text[max(0, m.start() - 5):m.end() + 5] for n in q.numbers):
            continue  # 2003/73: a resolution number, not a year
        year = int(m.group(1))
        if year not in q.years:
            q.years.append(year)
    for m in _MONTH_RE.finditer(text):
        month = month_number(m.group(1))
        if month not in q.months:
            q.months.append(month)
    for m in re.finditer(rf"\b(\d{{1,2}})\s+({MONTH})\s+((?:19|20)\d\d)\b", text, re.I):
        q.dates.append((int(m.group(3)), month_number(m.group(2)), int(m.group(1))))


def _read_bodies(q: Query, text: str, low: str) -> None:
    """The bodies a question names, and those of them it only addresses ("submit to the Assembly")."""
    for body, patterns in BODY_NAMES.items():
        found = [m for p in patterns for m in re.finditer(p, text if re.sub(r"\\b", "", p).isupper() else low)]
        if found:
            q.bodies.append(body)
            # "submit to the Assembly", "before the Commission": the body a text addresses, not its author
            if all(_ADDRESSED.search(low[max(0, m.start() - 30):m.start()]) for m in found):
                q.addressed.append(body)


_BASED = re.compile(r"\b[A-Z][\w'\u2019]*-based\s+(?=(?:the\s+)?[A-Z])")


def understand(question: str) -> Query:
    """What a question asks, for search and for the answer. A question in French, Spanish or Portuguese is
    read into English first (glossary.py) when the glossary reads enough of it; else it is left as typed, and
    its language said (answer/decide.py)."""
    asked = " ".join(question.split())
    other = typed_in(asked, ENGLISH_WORDS)
    if other:
        english, share = read_as_english(asked, other, ENGLISH_WORDS)
        if share >= READ_SHARE and language(english) == "en":
            q = _understand(english)
            q.read_from, q.asked = other, asked
            return q
    return _understand(asked)


def _understand(asked: str) -> Query:
    said, typed = frame(asked)  # "I'm writing a note on Myanmar; what did ...": the asker's context, not the question
    # "the Strasbourg-based Council of Europe": the seat describes the body named after it
    typed = _BASED.sub("", typed)
    q = Query(text=typed, asked=asked if typed != asked else None, frame=said)
    text = spell_out(typed)
    low = text.lower()

    symbol_spans = _read_documents(q, text)
    q.paragraph = paragraph_ref(text)

    _read_dates(q, text, symbol_spans)

    _read_ordinals(q, text, low)

    _read_bodies(q, text, low)
    q.draft = bool(re.search(r"\bdraft\b", low))
    # ("is it the same day it was adopted?": two facts of one text, not two texts compared; "were 57/210 and
    # 57/224 adopted at the same meeting?" compares two)
    one_text = len(q.symbols) + len(q.numbers) <= 1 and len(set(q.years)) <= 1
    same = r"\bsame\b(?!\s+(?:day|date|time|month|year|meeting|session)\b)" if one_text else r"\bsame\b"
    q.compare = bool(re.search(r"\bbetween\b.*\band\b|\bchange[ds]?\b|\bdiffer|\bcompar|\bboth\b|" + same + r"|"
                               r"\bmissing from\b|\bbut not (?:in|from)\b|\bversus\b|\bvs\.?\b|\bnewer\b|\bolder\b|\bearlier\b.*\blater\b",
                               low)) and (len(q.years) >= 2 or bool(re.search(r"\bboth\b|" + same + r"|\ball\b|\bfive\b|"
                                                                               r"\btwo\b", low)))
    q.described_years = sorted({int(y) for y in _DESCRIBED_YEARS.findall(low)})
    # "the Commission's 2002 draft": a draft of that year, not an adopted text of it
    q.described_drafts = sorted({int(m.group(1)) for m in _DESCRIBED_YEARS.finditer(low)
                                 if re.search(r"\bdrafts?$", m.group(0))})
    q.cross = q.compare or bool(_CROSS.search(low)) or len(q.described_years) >= 2
    q.refers_to_document = _refers_to_document(low, q)
    # "were 57/210 and 57/224 adopted at the same meeting?": a fact of each of two texts named by symbol or number,
    # not one text's content checked against another's (texts described by year mostly ask that, and stay cross)
    each = len(q.symbols) + len(q.numbers) >= 2 and not _CROSS.search(low) \
        and not re.search(r"\bdiffer|\bcompar|\bchange|\bbetween\b", low)
    q.metadata = metadata_fields(text, q.paragraph is not None, q.cross and not each)
    q.shared = shared_field(text) if not (q.symbols or q.numbers or q.paragraph is not None) else None
    if q.cross and not set(q.metadata) <= _OF_EACH:
        q.metadata = []
    asking = re.sub(r"(?<=\w)\s*[+&]\s*(?=\w)", " and ", low)  # "when + where", "when & where"
    q.answer_type = answer_type(asking)
    q.continents = continents_asked(low) if q.answer_type == "country" else ()
    q.place_and_time = both_place_and_time(asking)
    q.wants_list = bool(re.search(
        r"\blist\b|\bevery\b|\ball the\b|\beach\b|\benumerate\b|\bwhat (?:are|were)\b|"
        r"\bwhat (?:tasks|steps|measures|actions|themes|groups|responsibilities|things|areas|bodies|organi[sz]ations)\b|"
        r"\bwhich (?:\w+ )?(?:\w+s)\b(?! (?:the|a|an|it|this|that)\b)|"
        r"\bwhat (?:does|do|did) .{0,80}\b(?:say|ask|call|request|recommend|include|list|require)\b|"
        r"\bcharged with\b|\bresponsibilities\b|\bwho (?:is|are) called\b", low))
    q.of_corpus = bool(_OF_CORPUS.search(q.text))
    # a document symbol asked for is asked of the notes, where the texts print the symbols they cite (not a
    # text's own symbol: its metadata, "what is the symbol of the 2004 resolution?")
    q.asks_note = ((bool(_ASKS_NOTE.search(low)) or q.answer_type == "symbol") and "symbol" not in q.metadata
                   and not (q.paragraph and q.paragraph.kind == "footnote"))
    q.terms, q.term_weight = _terms(text)
    _words_printed_for(q, text, low)
    q.links = links_asked(low, [n.lower() for n in q.symbols + q.numbers])
    q.language = language(text)
    return q


def _read_documents(q: Query, text: str) -> list[tuple[int, int]]:
    """The symbols and numbers of documents a question names; their spans (no year is read inside them)."""
    q.symbols = [m.group(0).rstrip(".,;:?)") for m in _SYMBOL_RE.finditer(text)]
    symbol_spans = [m.span() for m in _SYMBOL_RE.finditer(text)]
    for m in _SYMBOL_TAIL.finditer(text):
        if not any(a <= m.start() < b for a, b in symbol_spans):
            q.symbols.append(m.group(0).replace(" ", ""))
            symbol_spans.append(m.span())
    for m in _NUMBER_REF.finditer(text):
        if not any(a <= m.start() < b for a, b in symbol_spans):
            q.numbers.append(m.group(1))
    for m in _OLD_NUMBER.finditer(text):  # "resolution 92 (X)": numbered before 1976, with the session in Roman
        q.numbers.append(f"{m.group(1)} ({m.group(2)})")
        symbol_spans.append(m.span())
    return symbol_spans


# verbs as they follow "did ... first" ("when did the UN first set up ...?")
_BASE_VERBS = ("set|establish|create|adopt|hold|meet|start|begin|launch|introduce|mention|use|call|recogni[sz]e|raise|"
               "propose|ask|request|decide|appear|take|make|come|speak|address|refer|cite|endorse|welcome|approve|"
               "convene|organi[sz]e|open|publish|issue|define|express|acknowledge|note|identify|recommend|put|bring|"
               "draw|give|say|talk|deal|link|tie|back|support|fund|get|become|agree|commit")


def _read_ordinals(q: Query, text: str, low: str) -> None:
    """The ordinals that tell a thing from others of its kind ("the eleventh workshop"), with the words after
    them; not a paragraph's, nor "first" for an order ("which came first?")."""
    ref_text = q.paragraph.text.lower() if q.paragraph else ""
    for m in _ORDINAL_RE.finditer(text):
        word = m.group(1).lower()
        after = low[m.end():m.end() + 40]
        if word in ref_text or re.match(r"\s+(?:operative|preambular|paragraph|para|sub-?paragraph|item|footnote)", after):
            continue
        if re.match(r"\s+(?:[\u2018'\"\u201c][^\u2019'\"\u201d]{1,30}[\u2019'\"\u201d]|[A-Z][a-z]+ing)\s+(?:paragraph|para|clause)",
                    text[m.end():m.end() + 50]):
            continue  # "the second 'Recalling' paragraph": a paragraph by its opening word, not one of a series
        if re.match(r"\s+(?:articles?|clauses?|provisions?|sections?|chapters?|principles?|annex(?:es)?|sentences?|"
                    r"lines?|bullets?|points?)\b", after):
            continue  # "its fourth clause", "the second article of the Charter": a part of a text, not one of a series
        if re.match(rf"(?:\s+(?:and|or|&)\s+(?:the\s+|its\s+)?(?:{ORDINAL}|last|latest|later|newer))?\s+"
                    r"(?:[\w-]+\s+){0,2}?(?:texts?|resolutions?|versions?|drafts?|documents?)\b", after):
            continue  # "between its first and second texts on that topic": texts in order, not things numbered
        if re.match(r"-[a-z]", after):
            continue  # "the world's second-largest landmass", "a first-ever meeting": a compound, not one of a series
        if word == "first" and re.match(r"\s+(?:and|to|or|&)\s+(?:the\s+)?(?:last|final)\s+(?:years?|months?|days?|"
                                        r"dates?)\b", after):
            continue  # "the first and last year of the Decade": its span (not "the first and last workshops")
        if word == "first" and re.search(r"\b(?:came|comes|come|happened|happens|occurred|took place|was|were|is|"
                                         r"went|held)\s+$", low[max(0, m.start() - 20):m.start()]) \
                and not re.match(r"\s+(?:\w+\s+)?(?:workshop|meeting|session|conference|dialogue|report|time)", after):
            continue  # "which came first: X or Y?": an order asked about, not a first one of a series
        if word == "first" and re.match(r"\s+ones?\b", after):
            continue  # "how far back does the series go - what was the first one?": the earliest, not a "first" one
        if word == "first" and re.match(r"\s*(?:[?.!,;:]|$)", after):
            continue  # "the one its texts look back to first?": an adverb ending the clause
        if word == "first" and re.match(r"\s+(?:[a-z]+ed|laid|set|took|made|came|met|began|held|brought|put|drew|"
                                        r"wrote|gave|spoke|saw|rose|arose)\b", after) \
                and re.search(r"\b(?:that|which|who|when|it|they|was|were|had|has|have)\s+$", low[:m.start()]):
            continue  # "the seminar that first laid down the blueprint": when it was done first, not a first one
        if word == "first" and re.search(r"\b(?:did|does|do)\s[^,.;:?!]{0,50}$", low[:m.start()]) \
                and not re.search(r"(?:\b(?:the|a|an|its|their|his|her|this|that|these|those|very|both)|['\u2019]s)\s+$",
                                  low[:m.start()]) and re.match(rf"\s+(?:{_BASE_VERBS})\b", after):
            continue  # "when did the world body first set up its scheme?": when it was done first, not a first one
        if word not in q.ordinals:
            q.ordinals.append(word)
            phrase = re.match(r"[\s\w\u2019'-]{0,60}?\b(workshop|meeting|session|conference|dialogue|report|decade|"
                              r"plan|programme|committee|seminar|course|sitting)s?\b", after)
            q.ordinal_phrases.append(word + (phrase.group(0).rstrip() if phrase else ""))


def _words_printed_for(q: Query, text: str, low: str) -> None:
    """The words the texts print for what the question says plainly (register.py), for the States it names
    (their cities: "meetings in Qatar" are "held ... in Doha") and for a decade ("the early '90s": 1990-1993)."""
    q.rephrased = rephrased(low)
    q.register = {w: weight for w, weight in register_equivalents(q.rephrased).items() if w not in q.terms}
    for state in states_named(text):
        for city in cities_of(state):
            q.places.append(city)
            for word in re.findall(r"[^\W\d_]+", city.lower()):
                if word not in q.terms:
                    q.register.setdefault(word, REGISTER_WEIGHT)
    for year in decade_years(low):  # (the years the texts print, not a constraint)
        q.register.setdefault(str(year), REGISTER_WEIGHT / 2)


# the words of a question's frame, not of its subject: "what role does X play", "what part did X play",
# "what is X's role"
_FRAMES = [re.compile(r"\b(role|part)\b.{0,80}\b(play|plays|played|playing)\b"),
           re.compile(r"\bwhat(?:'s| is| was)\b.{0,60}\b(role)\b"),
           # "in which year was it adopted?": the word names the kind of fact asked for, not what it is of
           re.compile(r"\b(?:which|what)\s+(year|month|day)\b")]
FRAME_WEIGHT = 0.3


def _terms(text: str) -> tuple[list[str], dict[str, float]]:
    """Words worth matching lexically: content words, numbers; an acronym is replaced by the words
    documents print for it, which share the weight of one word between them."""
    low = re.sub(r"\b(?:since|until|till|as of|from) when\b", "when", text.lower())  # "since when": when
    out: list[str] = []
    weight: dict[str, float] = {}
    for token in re.findall(r"[^\W_]+(?:[-\u2019'][^\W_]+)*", low):
        token = token.replace("\u2019", "'")
        if token.endswith("'s"):
            token = token[:-2]
        full = EXPANSIONS.get(token)
        # "OSCE-area": each part of a compound read as its own word, an acronym spelled out
        parts = [full] if full else [EXPANSIONS.get(part, part) for part in token.split("-")]
        words = [w for part in parts for w in re.findall(r"[^\W_]+", part.lower())]
        words = [w for w in words if (w not in STOPWORDS and w not in QUESTION_WORDS and len(w) >= 2) or w.isdigit()]
        for w in words:
            share = 1.0
            if w not in out:
                out.append(w)
                weight[w] = share
            else:
                weight[w] = max(weight[w], share)
    for frame in _FRAMES:  # "what role do national institutions play?": the subject is the institutions
        m = frame.search(low)
        if m:
            for w in m.groups():
                if w in weight:
                    weight[w] = FRAME_WEIGHT
    return out, weight
