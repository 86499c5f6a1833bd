"""What the corpus knows of a question, beyond the ranking: read once at retrieval, so that the answer
can judge whether the corpus answers without going back to the index.

- the years, ordinals and names the question asks about that no paragraph of the corpus mentions;
- the weight (idf) of each of the question's stems, and of the words that say what it is about;
- for each of its words the corpus never uses: whether the model's vocabulary knows it as a whole word
  (an ordinary English word a user happens to pick: weak evidence of a missing subject) or not (a
  name, a term, a misspelling: strong evidence);
- how much of the question's meaning rests on those words (`unsaid`, search/unsaid.py): the subject of "what do they say
  about fisheries?" is the word the corpus lacks, while in "where must change come from, home or
  abroad?" the words it lacks are a user's way of asking what the corpus says in its own.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..labels import figure_ordinal, ordinal_number, ordinal_word
from ..language import spelling, stemming
from ..language.asked import question_proper
from ..language.glossary import glossary_word
from ..language.spelling import one_edit
from ..language.lexicon import ACRONYMS, ALSO_SPELLED
from ..language.register import rephrased
from ..language.places import (COMPASS_POINTS, TOWNS, cities_of, seats_for_bodies, state_name, state_of_demonym,
                               state_of_town)
from .described import session_number
from .names import names
from .query import BODY_NAMES, SESSION_DONE, STOPWORDS
from .located import town_located
from .unsaid import unsaid

# a name the question gives: capitalised words past its first, not an acronym (GA, OHCHR) nor a body


@dataclass
class CorpusFacts:
    years_absent: list[int] = field(default_factory=list)  # no document dated then, no paragraph mentioning it
    years_claimed: list[int] = field(default_factory=list)  # of a claim the asker checks: the texts may differ
    instrument_years: list[int] = field(default_factory=list)  # "the 1945 UN Charter": the year of what is cited
    ordinals_absent: list[str] = field(default_factory=list)  # "twentieth": no paragraph uses the word
    # "its 57th session", "the 77th plenary meeting": the session or meeting of a document (its metadata)
    ordinals_described: list[str] = field(default_factory=list)
    names_absent: list[str] = field(default_factory=list)  # "Addis Ababa", "Nairobi": no paragraph uses them
    idf: dict[str, float] = field(default_factory=dict)  # stem -> idf, for every stem of the question
    salient_idf: dict[str, float] = field(default_factory=dict)  # salient word -> idf of its stem
    known: dict[str, bool] = field(default_factory=dict)  # unmatched word -> a whole word of the model's vocabulary
    document_years: frozenset[str] = frozenset()  # the question's years some document is dated
    unsaid: float = 0.0  # 1 - cosine(question, question without the words the corpus lacks)
    described_absent: str | None = None  # "a Commission on Human Rights text of 2005": a text described, not held
    paragraphs: int = 0


def complete(searcher, retrieval, k: int) -> None:
    """What the answer reads besides the ranking: the chapeaus of the first candidates, their relevance
    to the whole question, and what the corpus knows of the question's words."""
    first = retrieval.candidates[:max(k, 10) + 5]
    for c in first:
        p = retrieval.paragraphs.get(c.pid)
        if p is not None and p.parent and c.pid not in retrieval.chapeaus:
            parent = searcher.store.paragraph(p.doc_id, p.parent)
            if parent is not None:
                retrieval.chapeaus[c.pid] = parent.text
    if retrieval.question_vector is not None and first:
        retrieval.relevance = searcher.vectors.scores_for(retrieval.question_vector, [c.pid for c in first])
    shown = [retrieval.paragraphs[c.pid].text for c in first[:3] if c.pid in retrieval.paragraphs]
    retrieval.corpus = corpus_facts(searcher, retrieval.query, retrieval.terms, shown)
    retrieval.corpus.unsaid = unsaid(searcher, retrieval)


def corpus_facts(searcher, query, terms, shown: list[str] = ()) -> CorpusFacts:
    """shown: the texts of the first passages found."""
    facts = CorpusFacts(paragraphs=searcher.paragraph_count)
    facts.instrument_years = [y for y in query.years if _instrument_year(searcher, query.text, y)]
    # the question proper, not the asker's background told before it ("My pen-friend in Lima tells me ...
    # According to the 2004 resolution, which bodies ...?"), nor a year a claim to check gives ("is it correct
    # that the meeting took place in 1996?": the texts' year is the answer)
    asked = question_proper(query.text)
    claimed = bool(_CLAIM.search(query.text))
    facts.years_claimed = list(query.years) if claimed else []
    facts.years_absent = [y for y in query.years if not searcher.year_in_corpus(y) and y not in facts.instrument_years
                          and str(y) in asked and not claimed]
    facts.document_years = frozenset(str(y) for y in query.years if y in searcher.described.years())
    facts.ordinals_described = [o for o, phrase in zip(query.ordinals, query.ordinal_phrases)
                                if _described_ordinal(searcher, o, phrase, query.bodies)]
    facts.ordinals_absent = [o for o in query.ordinals if o not in facts.ordinals_described
                             and _ordinal_absent(searcher, o)]
    for body in query.bodies:  # a body no document is of, and no paragraph names
        if body not in searcher.described.bodies and not searcher.store.mentions(body):
            facts.names_absent.append(f"the {body}")
    described = facts.described_absent = _described_absent(searcher, query)
    if described:
        facts.names_absent.append(described)
    facts.names_absent += _acronyms_absent(searcher, query.text)
    for seat, bodies in seats_for_bodies(query.text).items():  # ("did Jakarta weigh in?": ASEAN, never named)
        if not any(searcher.store.mentions(body) for body in bodies):
            facts.names_absent.append(f"the {bodies[0]} ({seat})")
    # (and a town typed in lower case, "nairobi workshop", names it too)
    for name in names(asked) + [town.title() for town in _LOWER_TOWN.findall(asked)]:
        words = [w.lower() for w in re.findall(r"[^\W\d_]+", name)]
        if any(_absent_name(searcher, w) for w in words) and not _city_mentioned(searcher, name) \
                and name not in query.describing \
                and not all(w in query.rephrased or rephrased(w) or not _absent_name(searcher, w) for w in words) \
                and not _foreign_for_printed(searcher, name) \
                and not _government_by_its_town(searcher, name, asked) \
                and not town_located(searcher, name, shown):
            # ("Oceania": Pacific; "Asie-Pacifique"; "KwaZulu-Natal's port city", a passage naming Durban)
            facts.names_absent.append(name)
    for name in _formal_names_absent(searcher, query.text) + _instruments_absent(searcher, query.text) \
            + _institutions_absent(searcher, query.text, query.describing):
        if name not in facts.names_absent:
            facts.names_absent.append(name)
    words = set(query.terms) | set(terms.salient if terms else [])
    for w in words:
        for s in stemming.stems(w):
            facts.idf.setdefault(s, searcher.idf(s))
    for w in (terms.salient if terms else []):
        s = stemming.stem(w)
        facts.salient_idf[w] = facts.idf.get(s) if s in facts.idf else searcher.idf(s)
    tok = getattr(searcher.encoder, "tok", None)
    for w in (terms.unmatched if terms else []):
        facts.known[w] = bool(tok is not None and tok.token_to_id(w) is not None)
    return facts


# a document described by its session: "the Assembly's resolution ... at its sixty-first session"
# (not "the texts want an SG report at the 60th session": the session the report goes to)
_OF_SESSION = re.compile(r"\b(?:resolution|text|decision|draft)s?\b(?:(?!\b(?:reports?|submit\w*|present\w*)\b)[^?.;])"
                         r"{0,60}?\b(?:at|of|from|during|in) "
                         r"(?:its|the|their) "
                         r"(\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?) session\b|"
                         # ("the Assembly's fifty-eighth-session resolution")
                         r"\b(\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)[- ]session(?:['\u2019]s)?\s+"
                         r"(?:resolution|text|decision|draft)s?\b", re.I)


def _ordinal_absent(searcher, ordinal: str) -> bool:
    """No paragraph says it, in words or in figures ("sixty-fifth", "65th"; a compound as a phrase)."""
    number = ordinal_number(ordinal)
    if number and searcher.store.mentions(figure_ordinal(number)):
        return False
    if "-" in ordinal:
        return not searcher.store.mentions(ordinal)
    return searcher.df(stemming.stem(ordinal_word(ordinal))) == 0 and searcher.df(stemming.stem(ordinal)) == 0


def _described_ordinal(searcher, ordinal: str, phrase: str, bodies: list[str]) -> bool:
    """"its fifty-seventh session", "the 77th plenary meeting": the session (of a body the question names, if
    it names one) or the meeting of a document, which its metadata gives whether or not a paragraph says it.
    Only a session or a meeting: "the fifty-seventh workshop" is no document's."""
    number = ordinal_number(ordinal)
    if number is None:
        return False
    session = any(numbers is not None and number in numbers for body, numbers in searcher.described.sessions.items()
                  if not bodies or body in bodies)
    if re.search(r"\bsessions?\b", phrase):
        return session
    if re.search(r"\bmeetings?\b", phrase):
        return number in searcher.described.meetings
    if re.search(r"\bsittings?\b", phrase):  # ("its fifty-seventh sitting": a session or a meeting, said loosely)
        return session or number in searcher.described.meetings
    return False


def _described_absent(searcher, query) -> str | None:
    """A document described by its body and year ("the Commission's 2004 resolution") or session ("the
    Assembly's resolution at its sixty-first session") that the corpus does not hold: no document of that
    body is dated that year, or of that session."""
    if not query.refers_to_document:
        return None
    if query.symbols or query.numbers:
        # a text named by its symbol beside one described by its body and year ("how does the Assembly's 2003
        # follow-up resolution differ from A/RES/57/224?"): only the text the year dates is looked for
        return _dated_text_absent(searcher, query) if query.bodies and query.years else None
    if not query.bodies:
        # "the 1998 regional arrangements text": a year that dates the text asked about, of no document at all
        # (a paragraph that mentions 1998 is not a text of 1998)
        undated = [y for y in query.years if y not in searcher.described.years() and not _cited_year(query.text, y)
                   and not _instrument_year(searcher, query.text, y)
                   and re.search(rf"\b(?:the|a|an|its)\s+{y}\s+(?:[\w'\u2019-]+\s+){{0,4}}?{_HELD}\b", query.text, re.I)]
        return f"a text of {' or '.join(map(str, undated))}" if undated else None
    m = _OF_SESSION.search(query.text) or SESSION_DONE.search(query.text)
    said = next((g for g in m.groups() if g), None) if m else None
    number = session_number(None, said, None) if said else None
    if number:
        for body in query.bodies:
            held = searcher.described.sessions.get(body)
            if held and number not in held:
                return f"a {body} text of its {said} session"
    if not query.years:
        return None
    if all(_cited_year(query.text, y) and searcher.df(str(y)) > 0 for y in query.years):
        return None  # "which 1977 resolution does the Assembly recall?": the year of a text cited, not held
    dated = searcher.described.dated  # (body, year) of every document, gathered once
    if _CLAIM.search(query.text):
        # ("the Decade ran from 1994 to 2005 I believe - what years does the Commission's text give?": the years
        # of a claim checked, not of the text asked about; only a year the question ties to a text counts)
        return _dated_text_absent(searcher, query)
    # (a year that dates an instrument the question names is not a text's: "a declaration from the year 2000")
    text_years = [y for y in query.years if not _instrument_year(searcher, query.text, y)]
    # (of the bodies that author texts, not those addressed: "report to the Commission"; and a year one body
    # named has a text of is held: "the 2003 Commission text ... what did the Assembly later say?")
    authors = [b for b in query.bodies if b not in query.addressed] or query.bodies
    held = [y for y in text_years if any((b, y) in dated for b in authors)]
    # ("the Asia-Pacific resolution of 2003 asked ...; what does the later GA text say?": the year dates the other)
    later = _LATER_TEXT.search(query.text)
    for body in authors:
        if text_years and not held and any(b == body for b, _ in dated) and not later:
            years = " or ".join(str(y) for y in text_years)
            return f"a {body} text of {years}"
    return _dated_text_absent(searcher, query)


_LATER_TEXT = re.compile(r"\b(?:later|earlier|subsequent|following|newer|older)\s+(?:[\w'\u2019-]+\s+){0,2}?"
                         r"(?:texts?|resolutions?|drafts?|documents?)\b", re.I)


def _dated_text_absent(searcher, query) -> str | None:
    """"compare the Commission's 2005 resolution with the 2002 draft": a text the year dates, though another
    is held."""
    dated = searcher.described.dated
    texts_dated = [y for y in query.years if re.search(rf"(?:\b(?:the|a|an|its|their)|['\u2019]s)\s+{y}\s+"
                                                       rf"(?:[\w'\u2019-]+\s+){{0,3}}?(?:{_HELD}|ones?)\b|"
                                                       # ("the Commission adopted a text in 2001")
                                                       rf"\b(?:adopted|passed)\s+(?:a|an|the|its)\s+{_HELD}\s+"
                                                       rf"(?:in|of)\s+{y}\b",
                                                       query.text, re.I)]
    # (a year is missing only if no body named has a text of it: "the 2004 GA resolution ... the 2003 CHR text")
    authors = [b for b in query.bodies if b not in query.addressed]
    missing = [y for y in texts_dated if not any((body, y) in dated for body in authors)
               and (y not in searcher.described.years() or _body_with_year(query.text, y, authors))]
    if missing and authors and any(b == authors[0] for b, _ in dated):
        return f"a {authors[0]} text of {' or '.join(map(str, missing))}"
    return None


def _body_with_year(text: str, year: int, bodies: list[str]) -> bool:
    """Does one of the bodies stand beside the year ("the Commission's 2004 resolution", "a 2004 Commission
    text"), not elsewhere in the question ("report to the Commission ... the 2004 resolution")?"""
    for m in re.finditer(rf"\b{year}\b", text):
        for b in bodies:
            for p in BODY_NAMES.get(b, ()):
                flags = 0 if re.sub(r"\\b", "", p).isupper() else re.I
                for body in re.finditer(p, text, flags):
                    gap = text[body.end():m.start()] if body.end() <= m.start() else text[m.end():body.start()]
                    # ("the Commission's 2004 text", "a 2004 Commission draft": at most a word between)
                    if re.fullmatch(r"(?:['\u2019]s)?\s+(?:[\w-]+\s+)?", gap):
                        return True
    return False


_CITING = (r"(?:recall\w*|cite[sd]?|citing|refer(?:s|red|ring)? to|invok\w*|point(?:s|ed)? to|build(?:s)? on|"
           r"built on|reaffirm\w*|mention\w*|note[sd]?)")
_PAPER = r"(?:resolution|decision|report|text|declaration|document)s?"
_HELD = r"(?:resolution|decision|text|draft)s?"  # what a corpus of resolutions holds (not a report it cites)


_INSTRUMENT_KIND = (r"(charter|treaty|treaties|convention|covenant|declaration|protocol|constitution|constitutive act|"
                    r"programme of action|platform for action|statute)s?")


def _instrument_year(searcher, question: str, year: int) -> bool:
    """Does the year date an instrument the question names ("the 1945 UN Charter", "the Covenant of 1966"), of
    a kind the corpus cites? Texts cite instruments by name, seldom with their year: the year missing from
    the corpus does not make the instrument missing (its name is judged on its own)."""
    m = re.search(rf"\b{year}\s+(?:[\w'\u2019.-]+\s+){{0,3}}?{_INSTRUMENT_KIND}\b|"
                  rf"\b{_INSTRUMENT_KIND}\s+(?:[\w'\u2019.-]+\s+){{0,4}}?(?:of|in|from)\s+(?:the\s+year\s+)?{year}\b",
                  question, re.I)
    if not m:
        return False
    head = (m.group(1) or m.group(2)).split()[-1]
    return searcher.df(stemming.stem(head)) > 0


def _cited_year(question: str, year: int) -> bool:
    """Does the year describe a text the question asks which one is cited ("which 1977 resolution does the
    Assembly recall?", "the 1977 resolution the Assembly recalls"), not the text that cites it ("what did
    the 1993 Commission resolution reaffirm?")?"""
    return bool(re.search(rf"\b(?:which|what)\s+(?:\w+\s+){{0,2}}?{year}\s+(?:\w+\s+){{0,2}}?{_PAPER}\s+"
                          rf"(?:do|does|did|is|are|was|were)\s+(?:\w+\s+){{0,4}}?{_CITING}\b|"
                          rf"\b(?:the|a)\s+{year}\s+(?:\w+\s+){{0,2}}?{_PAPER}\s+(?:that\s+|which\s+)?(?:the|its|their|it|"
                          rf"they|this|that)\s+(?:\w+\s+){{0,3}}?{_CITING}\b", question, re.I))


def _acronyms_absent(searcher, text: str) -> list[str]:
    """Acronyms of bodies and instruments the corpus neither uses nor spells out ("UNESCO": no paragraph says
    "United Nations Educational, Scientific and Cultural Organization"), as the question writes them.
    Only acronyms qabot knows (lexicon.ACRONYMS): a word in capitals may be emphasis ("WHAT", "ASAP")."""
    out = []
    for token in dict.fromkeys(re.findall(r"(?<![\w-])[A-Za-z]{3,}(?![\w-])", text)):
        low = token.lower()
        spelled = ACRONYMS.get(low)
        if spelled is None or spelled in BODY_NAMES or (token == low and len(token) < 4):
            continue  # a body is said as the body ("the Human Rights Council"), above; "las" may be Spanish
        if searcher.df(stemming.stem(low)) == 0 and not any(searcher.store.mentions(name)
                                                            for name in [spelled] + ALSO_SPELLED.get(low, [])):
            out.append(token)
    return out


_CAPS = r"[A-Z][\w\u00e0-\u00ff'\u2019-]*(?:\s+[A-Z][\w\u00e0-\u00ff'\u2019-]*)*"
# "the Organization of American States", "the European Court of Human Rights": a name made of two named parts
_FORMAL = re.compile(rf"(?<![\w-])({_CAPS})\s+(?:of|for|on)\s+(?:the\s+)?({_CAPS})")


def _formal_names_absent(searcher, text: str) -> list[str]:
    """Formal names ("the European Court of Human Rights") that no paragraph uses, though each of their
    words is in the corpus ("European", "Court", "Human Rights"): neither the whole name nor one of its
    two parts of several words ("European Court") stands in any paragraph. A part of one word
    ("Organization") says little; a name said loosely ("the Office of the High Commissioner on Human
    Rights") still has its parts in the corpus."""
    out = []
    for m in _FORMAL.finditer(text):
        name, parts = m.group(0), [m.group(1), m.group(2)]
        if m.start() == 0 or any(re.search(p, name, re.I) for ps in BODY_NAMES.values() for p in ps):
            continue  # a sentence's first word; a body's name (evidence of its own, above)
        if searcher.store.mentions(name) or searcher.store.mentions(_spelled_out(name)):
            continue
        if any(len(part.split()) > 1 and not searcher.store.mentions(part)
               and not searcher.store.mentions(_spelled_out(part)) for part in parts) \
                and not searcher.store.mentions_words([_as_printed(searcher, w) for w in _name_words(_spelled_out(name))]):
            # (every word of it in one paragraph, in another order, is the name said another way: "the
            # Asia-Pacific Framework for Regional Technical Cooperation" for "the Framework for Regional
            # Technical Cooperation Programme in the Asian and Pacific Region")
            out.append(f"the {name}")
    return out


def _as_printed(searcher, word: str) -> str:
    """A word as the corpus prints it: itself, or the corpus word it is a near-spelling of ("Rigths": rights)."""
    if searcher.df(stemming.stem(word)) > 0:
        return word
    return _nearest_printed(searcher, word) or word


def _nearest_printed(searcher, word: str, slips: bool = True) -> str | None:
    """The corpus word `word` is a near-spelling of ("commision": commission), beginning with its letter; with
    `slips`, one typing slip apart too ("rigths": rights, words of five letters or more); None when none is.
    Only words whose length allows the cutoff are looked at (difflib's first test; one slip apart passes it)."""
    low = word.lower()
    near = searcher.expander.starting_with(low[:1], lambda n: 2.0 * min(n, len(low)) / (n + len(low)) >= 0.85)
    close = difflib.get_close_matches(low, near, n=1, cutoff=0.85)
    if not close and slips and len(low) >= 5:
        close = [w for w in near if one_edit(low, w)][:1]
    return close[0] if close else None


def _name_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[^\W_]+", name) if w.lower() not in ("of", "for", "on", "the", "and", "in")]


def _spelled_out(name: str) -> str:
    """A name with its acronyms spelled out as documents print them ("UN Year" -> "United Nations Year")."""
    return re.sub(r"\b[A-Z]{2,}\b", lambda m: ACRONYMS.get(m.group(0).lower(), m.group(0)), name)


# an institution named by what qualifies it ("the Asian court of human rights", "the Venice Commission", "a Pacific
# human rights commission"): a place, a people or a name before a head noun of an institution
_INSTITUTION = re.compile(
    r"(?<![\w-])((?:[A-Z][\w'\u2019-]+\s+){0,2}[A-Z][\w'\u2019-]+|(?i:asian|african|arab|pacific|european|american|"
    r"inter-american|caribbean|islamic|latin american))\s+(?i:(?:of\s+)?human\s+rights\s+|peoples['\u2019]?\s+)?"
    r"(?i:(court|commission|committee|tribunal|charter|fund|parliament|ombudsman|ombudsperson|institute|bank|"
    r"rapporteur)s?)\b")


def _institutions_absent(searcher, text: str, describing: frozenset[str] = frozenset()) -> list[str]:
    """Institutions named by what qualifies them that no paragraph names so ("the Asian court of human
    rights", where the texts speak of the African Court): the qualifier and the head noun stand within a few
    words of each other in no paragraph. A qualifier that is a sentence's first word, or a seat describing a
    body ("the Brussels institution", Query.describing), is not read."""
    out = []
    for m in _INSTITUTION.finditer(text):
        qualifier, head = m.group(1), m.group(2)
        if re.match(r"['\u2019]?s?\s+(?:resolutions?|texts?|drafts?|decisions?)\b", text[m.end():], re.I) \
                and head.lower() in ("commission", "committee", "council"):
            continue  # "the Asia-Pacific Commission resolution": the Commission's text on Asia and the Pacific
        if m.start() == 0 or qualifier.lower() in STOPWORDS or qualifier in describing \
                or searcher.store.mentions_near(qualifier, head) \
                or searcher.store.mentions_near(_spelled_out(qualifier), head):  # "the UN Charter": of the United Nations
            continue
        out.append(f"the {' '.join(m.group(0).split())}")
    return out


# the words after an instrument's name: the verb of the question, or a clause describing the instrument
_DESCRIBING_CLAUSE = re.compile(r"\s+(?:say|says|said|state|states|stated|provide|provides|mean|means|require|"
                                r"requires|do|does|did|cover|covers|contain|contains|establish|establishes|is|are|"
                                r"was|were|has|have|had|that|which|who|whose|where|headquartered|based|seated|located|"
                                r"cited|quoted|mentioned|praised|invoked|signed|founded|created|set|adopted|succeeded|"
                                r"anywhere)\b", re.I)
# "the treaty of the continental bloc", "the charter of that regional body": an organization's instrument
# (described: "continental", "regional", words the corpus prints; not "the Eurasian economic union", named)
_OF_AN_ORGANIZATION = re.compile(r"\bof\s+(?:the|that|this|its|their)\s+((?:[\w-]+\s+){0,2})(?:bloc|body|union|"
                                 r"organi[sz]ation|group|grouping|league|alliance|community|association|forum|club)$",
                                 re.I)
_DESCRIBING_WORDS = frozenset({"continental", "continent", "wide", "pan", "regional", "subregional", "big", "main",
                               "new", "old", "local", "whole", "entire", "neighbouring", "neighboring", "same"})
# an instrument named in any case ("the convention on the rights of persons with disabilities")
_INSTRUMENT = re.compile(r"\b((?:international\s+|optional\s+|regional\s+)?(?:convention|covenant|protocol|treaty)\s+"
                         r"(?:on|of|against|for|relating to)\s+(?:the\s+)?[a-z][\w'-]*(?:\s+(?:[a-z][\w'-]*)){0,6})", re.I)


def _instruments_absent(searcher, text: str) -> list[str]:
    """Instruments named that no paragraph names, whose subject holds a word no paragraph uses: "the
    convention on the rights of persons with disabilities" ("disabilities"), however it is written."""
    out = []
    for m in _INSTRUMENT.finditer(text):
        name = " ".join(m.group(1).split()).rstrip("?.!,;")
        # (not the verb after it, "what does the Convention on the Rights of the Child say?", nor a clause
        # describing it: "the treaty of the bloc headquartered in Addis Ababa cited anywhere?")
        name = _DESCRIBING_CLAUSE.split(name, maxsplit=1)[0]
        owner = _OF_AN_ORGANIZATION.search(name)
        if owner and all(w in _DESCRIBING_WORDS or not _absent_name(searcher, w)
                         for w in re.findall(r"[^\W\d_]+", owner.group(1).lower())):
            continue  # "the founding treaty of the continent-wide body": an organization's, described, not named
        words = [w for w in re.findall(r"[^\W\d_]+", name.lower())[2:] if w not in STOPWORDS]
        # a word no paragraph uses, nor a spelling of one ("organisation": the texts write "organization")
        if words and any(_absent_name(searcher, w) for w in words) and not searcher.store.mentions(name):
            out.append(f"the {name}")
    return out


# the gazetteer's towns as people type them in chat, lower case (capitalised, they are names(); not "male")
_LOWER_TOWN = re.compile(r"(?<![\w'-])(" + "|".join(sorted((re.escape(t) for t in TOWNS if t != "male"), key=len,
                                                            reverse=True)) + r")(?![\w'-])")


_DEMONYM = ("ian", "an", "n", "i", "ese", "ish")


def _city_mentioned(searcher, state: str) -> bool:
    """A State the corpus names only through one of its cities ("Qatar": "held ... in Doha")."""
    return any(all(searcher.df(stemming.stem(w)) > 0 for w in re.findall(r"[^\W\d_]+", city.lower()))
               for city in cities_of(state))


def _absent_name(searcher, word: str) -> bool:
    """A name no paragraph uses: not as written, not as the place of a demonym ("Croatian": Croatia),
    and not as a near-spelling of a corpus word ("Commision")."""
    if searcher.df(stemming.stem(word)) > 0:
        return False
    if word.lower() in COMPASS_POINTS and searcher.df(stemming.stem(word.lower() + "ern")) > 0:
        return False  # "governments in the East": a region the texts call "eastern ..."
    if any(word.endswith(e) and len(word) - len(e) >= 4 and searcher.df(stemming.stem(word[:-len(e)])) > 0
           for e in _DEMONYM):
        return False
    state = state_of_demonym(word)  # ("Iranian": Iran, which the corpus names only through Tehran)
    if state is not None and _city_mentioned(searcher, state):
        return False
    if any(searcher.expander.prints(v) for v in spelling.variants(word)):
        return False  # "organisation": the texts print "organization"
    return _nearest_printed(searcher, word, slips=not _known_place(word)) is None


# a town standing for its State's government, as the actor of what is asked ("the conference run by Zagreb and
# Brussels", "Islamabad hosted ...", "co-organised with Doha"), not the place where something happened
_ACTOR_BEFORE = re.compile(r"\b(?:by|with|between)\s+(?:\w+\s+and\s+)?$", re.I)
_ACTOR_AFTER = re.compile(r"^(?:\s+and\s+[A-Z][\w-]*)?\s+(?:jointly\s+)?(?:ran|runs|run|organi[sz]ed|co-?organi[sz]ed|hosted|"
                          r"sponsored|backed|funded|paid|proposed|pushed|championed)\b")


def _government_by_its_town(searcher, name: str, text: str) -> bool:
    """Does the town stand, as an actor, for a State the corpus names ("run by Zagreb": Croatia's Government)?"""
    state = state_of_town(name)
    if state is None or not all(searcher.df(stemming.stem(w)) > 0 for w in re.findall(r"[^\W\d_]+", state)):
        return False
    return any(_ACTOR_BEFORE.search(text[:m.start()]) or _ACTOR_AFTER.match(text[m.end():])
               for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text))


def _foreign_for_printed(searcher, name: str) -> bool:
    """A word of French, Spanish or Portuguese in an English question, for what the corpus prints
    ("Asie-Pacifique", "Assembl\u00e9e", "Secr\u00e9taire"): the glossary's English for it stands in the corpus."""
    english = glossary_word(name)
    return english is not None and all(searcher.df(stemming.stem(w)) > 0 for w in re.findall(r"[^\W\d_]+", english))


def _known_place(word: str) -> bool:
    """A State or town the gazetteer knows ("Benin" is no slip for "begin")."""
    return word.lower() in TOWNS or state_name(word) is not None or state_of_demonym(word) is not None


# a claim the asker checks ("Is it correct that ...", "isn't it true that ...", "did they really ...")
_CLAIM = re.compile(r"\b(?:is|was|isn['\u2019]?t|wasn['\u2019]?t)\s+it\s+(?:correct|true|right|accurate|so)\b|"
                    r"\bI (?:believe|think|recall|seem to remember|was told)\b|\bif I remember\b|"
                    r"\b(?:am i|are we)\s+right\b|\bis this (?:correct|true|right)\b|\breally\b|\bfact[- ]check",
                    re.I)
