"""Follow-up questions: what a question means after the ones before it.

Used by `qabot chat` and by Slack threads. A follow-up borrows from the previous question what it
leaves out:

- "and in 2004?" after "which regional workshops were held in 2003?" asks the same about 2004;
- "and the twelfth?" after "where was the eleventh workshop held?" asks the same of the twelfth;
- "and 57/224?" or "what about the Commission's resolution?" asks the same of another document;
- "and paragraph 9?" asks for a paragraph of the document the previous answer quoted first;
- "what does the next paragraph say?" / "the previous one?" moves from the passage quoted first;
- "which resolution was that?" asks for the title and symbol of the document the last answer quoted;
- "and what about the Commission?" asks the same of another body's text (the body, or the document the
  question named, is replaced; nothing is glued onto the question), answered from that body's texts only;
- "who adopted it?", "did this resolution ask for a report?" asks that of the document the last answer
  quoted (named in the question, and read in it alone); "it" after "where was the eleventh workshop
  held?" is that workshop;
- "the one before", "and the earlier version?", "what did the later version say about X?" asks of the
  version of that document just before (after) it, as ingest grouped versions; none: the user is told;
- "no, I meant the 2004 one", "sorry, the Assembly's one" re-asks the question with that year's text or
  that body's texts in place of the one asked about;
- a short question of its own ("who sponsored L.108?", "list the workshops") is asked as it is.

A conversation is plain data (`to_json`/`from_json`), so a Slack thread's memory can be kept on disk.

The question that is actually asked is shown to the user, so nothing is guessed silently.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from ..labels import ordinal_number, ordinal_word
from ..language import stemming
from ..language.asked import phatic
from ..language.gazetteer import STATE_RE
from ..language.left_out import leaving_out
from ..search.query import BODY_NAMES, understand
from .changes import asks_changes
from .chat_corpus import Library, name_in_question

WHICH_DOCUMENT = "What is the title and symbol of this document?"
_FOLLOW = re.compile(r"^\s*(?:and|what about|how about|and what about|same for|also|ok,? and|then)\b[\s,]*", re.I)
# "which resolution was that?", "what document is this from?", "what's its symbol?"
_WHICH_DOCUMENT = re.compile(r"^\s*(?:and\s+)?(?:which|what)(?:'s| is| was)?\s+(?:(?:resolution|document|text|draft|one)\s+"
                             r"(?:was|is|were)\s+(?:that|it|this|those)(?:\s+(?:from|in))?|(?:its|the)\s+(?:symbol|title|"
                             r"name|number))\s*\??\s*$|^\s*(?:where|which resolution)\s+(?:is|was)\s+(?:that|it|this)\s+"
                             r"from\s*\??\s*$", re.I)
_BODY_WORDS = {"General Assembly": "the General Assembly", "Commission on Human Rights": "the Commission on Human Rights",
               "Human Rights Council": "the Human Rights Council", "Economic and Social Council":
               "the Economic and Social Council", "Security Council": "the Security Council"}
_POSSESSIVE = {"General Assembly": "the Assembly\u2019s", "Commission on Human Rights": "the Commission\u2019s",
               "Human Rights Council": "the Council\u2019s"}
_QUESTION_START = re.compile(r"^(?:who|whom|whose|what|when|where|which|why|how|is|are|was|were|did|does|do|can|"
                             r"could|has|have|had)\b", re.I)
# words that only name a text or the body that adopted it ("the Commission's one", "the 2004 text")
_NAMING_WORDS = {"general", "assembly", "commission", "council", "security", "economic", "social", "human", "rights",
                 "ga", "chr", "hrc", "ecosoc", "resolution", "resolutions", "text", "texts", "document", "documents",
                 "draft", "drafts", "one", "ones", "res", "version", "later", "earlier", "older", "newer", "other",
                 # "and the equivalent in 2002?": the same thing, of another text
                 "equivalent", "counterpart", "corresponding", "same", "similar", "analogous", "matching"}
_NEXT = re.compile(r"\b(next|following|previous|preceding)\s+(?:one|paragraph|sub-?paragraph|para)\b", re.I)
# "no, I meant ...", "sorry, ...": the question before, corrected
_CORRECTION = re.compile(r"^\s*(?:no|nope|sorry|oops|actually|rather|wait|not (?:that|this)(?: one)?|i meant|i mean|"
                         r"i was asking about|i wanted|i asked about)\b[\s,.!:;-]*", re.I)
_COMMAND = re.compile(r"^(?:list|name|show|give|tell|quote|find|summari[sz]e|enumerate|cite|explain|describe)\b", re.I)
# "the one before", "the earlier version", "the previous resolution", "the later text": another version of
# the document just quoted ("the previous one" / "the next one" are paragraphs: _NEXT)
_VERSION = re.compile(
    r"\b(?:the\s+|its\s+|that\s+)?(?:(?P<back>earlier|prior|older|former|original|last year(?:'s|\u2019s))|"
    r"(?P<on>later|newer|subsequent|updated|next year(?:'s|\u2019s)))\s+(?:version|one|text|resolution|draft)\b|"
    r"\b(?:the\s+|its\s+)?(?:(?P<back2>previous|preceding)|(?P<on2>next|following))\s+(?:version|text|resolution|draft)\b|"
    r"\b(?:the\s+)?(?:one|version|text|resolution|draft)\s+(?:(?P<back3>before)|(?P<on3>after))(?:\s+(?:it|that|this))?\b",
    re.I)
_BESIDE = re.compile(r"^\W*(?:and\s+|what about\s+|how about\s+)?(?:the\s+)?one\s+(before|after)(?:\s+(?:it|that|this))?\W*$",
                     re.I)
# a question about the document just shown: "who adopted it?", "does this resolution mention Beirut?"
_THIS_DOCUMENT = re.compile(r"\b(?:this|that|the same|the said|the above)\s+(?:resolution|text|document|draft|decision|"
                            r"version|one)\b", re.I)
_REFERS_BACK = re.compile(r"\b(?:it|its|itself)\b|" + _THIS_DOCUMENT.pattern, re.I)
# "the 2004 General Assembly resolution", "the Commission's text", "the draft": a document described
_DESCRIBED = re.compile(r"\bthe\s+((?:[\w\u2019'-]+\s+){0,5}?)(?:resolution|text|draft|document|version|one)s?\b"
                        r"(?:\s+of\s+(?:19|20)\d\d)?", re.I)


@dataclass
class Turn:
    question: str  # as typed
    asked: str  # what was asked once the conversation was taken into account
    doc_id: str | None = None  # the document the answer quoted first
    paragraph_seq: int | None = None  # ... and its paragraph
    paragraph_doc: str | None = None
    label: str | None = None  # the label of the paragraph quoted first ("8 (c)")
    document: str | None = None  # how that document is named (its symbol, else its title)
    # asked about a subject (not "which resolution was that?", "and paragraph 9?"): what a later "and what
    # about the twelfth one?" asks the same of
    topical: bool = True

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Turn:
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Resolved:
    question: str  # what to ask
    context_doc: str | None = None  # a document to read "paragraph 9" in, or to ask about
    follow_up: bool = False
    # the only documents it may be answered from ("and what about the Commission?": that body's texts);
    # None: any. Narrowed further by a caller's own restriction (a Slack collection): `within_also`
    within: frozenset[str] | None = None
    note: str | None = None  # what the conversation could not do, to tell the user ("no earlier version")
    # how `within` was chosen, to choose it again where only the question is kept (a Slack button's value):
    # {"b": bodies, "y": years, "n": the document it is near}, Library.matching's arguments
    narrowing: dict | None = None

    def within_also(self, allowed: frozenset[str] | None) -> frozenset[str] | None:
        """The documents to answer from, given the caller's own restriction (None: any)."""
        return both_within(self.within, allowed)


def both_within(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The documents two restrictions both allow (None: no restriction)."""
    return b if a is None else a if b is None else a & b


MAX_TURNS = 20  # what a conversation remembers: the last turns only


@dataclass
class Conversation:
    turns: list[Turn] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"turns": [t.to_json() for t in self.turns]}

    @classmethod
    def from_json(cls, data: dict) -> Conversation:
        return cls([Turn.from_json(t) for t in data.get("turns", [])])

    def resolve(self, question: str, neighbour=None) -> Resolved:
        """`neighbour`: a chat_corpus.Library (what neighbour_reference gives), or just a function
        `neighbour(doc_id, seq, step)` returning the label text of the paragraph `step` away, or None."""
        library = neighbour if isinstance(neighbour, Library) else None
        text = " ".join(question.split())
        if not self.turns or phatic(text):  # "thanks": nothing to read against the last answer
            return Resolved(text)
        last = self.turns[-1]
        move = _NEXT.search(text)
        beside = _BESIDE.search(text) if understand(last.asked).paragraph is not None else None
        if (move or beside) and last.paragraph_doc is not None and neighbour is not None:
            # "and the one before?" just after a paragraph was asked for is the paragraph before, not a version
            step = (1 if move.group(1).lower() in ("next", "following") else -1) if move \
                else (1 if beside.group(1).lower() == "after" else -1)
            reference = neighbour(last.paragraph_doc, last.paragraph_seq, step)
            if reference:
                return Resolved(f"What does {reference} say?", context_doc=last.paragraph_doc, follow_up=True)
        if _WHICH_DOCUMENT.search(text) and last.doc_id is not None:
            return Resolved(WHICH_DOCUMENT, context_doc=last.doc_id, follow_up=True)
        rest, following, correcting = _opening(text)
        now = understand(rest)
        shown = last  # the document just quoted: what "it", "the one before" are read against
        last = next((t for t in reversed(self.turns) if t.topical), last)  # the subject asked about last
        before = understand(last.asked)
        if asks_changes(rest) and not (now.symbols or now.numbers or now.years or now.refers_to_document) \
                and asks_changes(last.asked) and (texts := _TEXTS_COMPARED.search(last.asked)):
            # "which paragraphs were dropped?" after "what's new in the 2004 resolution compared with 2002?"
            return Resolved(f"{rest.rstrip(' ?.!')}{texts.group(0).rstrip(' ?.!')}?", follow_up=True)
        left = leaving_out(rest)
        if left and len(understand(left[1]).terms) <= 1:
            # "apart from L.108, which ones?": the question before, leaving that text out (not asked of it)
            return Resolved(f"{last.asked.rstrip(' ?.!')}, apart from {left[0]}?", follow_up=True)
        if now.paragraph is not None and not (now.symbols or now.numbers or now.refers_to_document):
            return Resolved(text, context_doc=last.doc_id, follow_up=True)
        version = _VERSION.search(rest)
        if version and library is not None and shown.doc_id is not None and not (now.symbols or now.numbers):
            return _other_version(rest, version, last, before, shown, library)
        asks = bool(_QUESTION_START.match(rest) or _COMMAND.match(rest))
        # "they" of a question with a text of its own, or about "it", is not the things asked about before
        things = _things_asked(last.asked) or _things_asked(last.question) \
            if asks and _THEY.search(rest) and not (now.symbols or now.numbers or now.refers_to_document
                                                     or _REFERS_BACK.search(rest) or _own_plural(rest)) else None
        if things:
            # "where were they held?" after "which regional workshops were held in 2003?": the workshops
            asked = _THEY.sub(lambda m: "the " + things + ("\u2019" if m.group(0).lower() == "their" else ""), rest)
            if before.years and not now.years:
                asked = f"{asked.rstrip(' ?.!')} in {' and '.join(str(y) for y in before.years)}?"
            return Resolved(_capital(asked), follow_up=True)
        if asks and shown.doc_id is not None and _REFERS_BACK.search(rest):
            return _about_shown(rest, now, before, shown, library)
        own = bool(_own_subject(now) or now.symbols or now.numbers)
        if asks and own and (_new_subject(now, before) or not _substitutes(now, before)):
            return Resolved(rest if following else text)  # "who sponsored L.108?": a question of its own
        elliptical = following or correcting or len(now.terms) <= 2
        if not elliptical:
            return Resolved(text)
        rest = rest.strip(" ?.!")
        bare = re.fullmatch(r"(when|where|who|why|how)", rest, re.I)
        opening = re.match(r"(?:when|where|who|why|how)\b(?=\s+(?:is|are|was|were|did|does|do|will|has|have|had)\b)",
                           last.asked, re.I)
        if bare and opening:  # "and when?" after "where was the eleventh workshop held?": the same, asked when
            return Resolved(bare.group(1).capitalize() + last.asked[opening.end():].rstrip(" ?.!") + "?",
                            follow_up=True)
        state = re.sub(r"^by\s+", "", rest.strip(" ?.!"), flags=re.I)  # "and by Japan?"
        sponsor = _STATE.fullmatch(re.sub(r"^the\s+", "", state, flags=re.I))
        if (following or correcting) and not asks and sponsor and "sponsors" in before.metadata \
                and (before.symbols or before.numbers or shown.document):
            # "what about France?" after "who sponsored L.108?": whether France is among them, not what the
            # texts say about France (as the user wrote it: "the United Kingdom", "france")
            texts = " and ".join(before.symbols + before.numbers or [shown.document])
            return Resolved(f"Was {_capital(state)} among the sponsors of {texts}?", follow_up=True)
        if (following or correcting) and not asks and _own_subject(understand(rest)):
            # "and what about the Commission's next session?": a subject of its own, asked in place of the
            # previous one (in the same frame, of the same text), never glued onto the previous question
            about = list(re.finditer(r"\babout\b", last.asked, re.I))
            asked = (f"{last.asked[:about[-1].end()]} {rest}?" if about
                     else f"What do the texts say about {rest}?")
            return Resolved(asked, follow_up=True)
        return _same_question(rest, now, last, before, shown, library)

    def record(self, question: str, asked: str, answer) -> None:
        if phatic(question):
            return  # "thanks": the next follow-up is read against the question before it
        first = (answer.quoted or answer.passages or [None])[0]
        topical = asked != WHICH_DOCUMENT and understand(asked).paragraph is None
        if first is not None:
            turn = Turn(question, asked, first.document.id, first.paragraph.seq, first.document.id,
                        first.paragraph.label, first.document.symbol or first.document.title, topical)
        else:  # "Adopted without a vote: E/CN.4/RES/2003/73.", no passage quoted: "it" is the one text named
            named = answer.documents if len(answer.documents) == 1 else [None]
            turn = Turn(question, asked, named[0], topical=topical)
        self.turns.append(turn)
        del self.turns[:-MAX_TURNS]


def _same_question(rest: str, now, last: Turn, before, shown: Turn, library) -> Resolved:
    """The question before, asked again with what the follow-up changes: a year, an ordinal, a document, a
    body ("and in 2004?", "and the twelfth?", "and 57/224?", "and what about the Commission?", "no, I meant
    the 2004 one"); glued onto it only when the follow-up changes none of these."""
    asked = last.asked
    changed = False
    context_doc = within = note = narrowing = None
    if now.years and before.years:
        for old, new in zip(before.years, now.years):
            asked = re.sub(rf"(?<!\d){old}(?!\d)", str(new), asked)
        changed = True
    if now.ordinals and before.ordinals:  # "and the twelfth?" after "where was the eleventh workshop held?"
        for old, new in zip(before.ordinals, now.ordinals):
            asked = re.sub(_ordinal_pattern(old), ordinal_word(new), asked, flags=re.I)
        changed = True
    names_now = now.symbols + now.numbers
    names_before = before.symbols + before.numbers
    if names_now and names_before:
        asked = asked.replace(names_before[0], names_now[0])
        changed = True
    elif names_now:  # "and 57/224?" after a question that named no text: the same, of that text
        asked, changed = _retarget(asked, before, names_now[0]), True
    elif now.bodies and set(now.bodies) != set(before.bodies):
        # "and what about the Commission?", "sorry, the Assembly's one": that body's texts only
        asked, changed = _other_body(asked, before, now.bodies[0]), True
        if library is not None:
            narrowing = {"b": list(now.bodies), "y": list(now.described_years)}
            within = frozenset(library.matching(now.bodies, now.described_years))
            if not within:
                note = f"The corpus holds no text of {_BODY_WORDS.get(now.bodies[0], now.bodies[0])}."
    elif now.years and not before.years and library is not None and shown.doc_id is not None \
            and (names_before or before.refers_to_document or now.described_years):
        # "no, I meant the 2004 one" after a question about 57/210: its text of that year
        found = library.matching((), now.years, near=shown.doc_id)
        if len(found) == 1:
            doc = library.document(found[0])
            asked, context_doc, changed = _retarget(asked, before, name_in_question(doc)), doc.id, True
        elif found:  # several texts of that year: asked of them, by that year
            asked = _retarget(asked, before, f"the {now.years[0]} texts")
            within, changed = frozenset(found), True
            narrowing = {"y": list(now.years), "n": shown.doc_id}
    if not changed:
        asked = f"{asked.rstrip(' ?.!')} {rest}".strip() + "?"
    return Resolved(asked, context_doc=context_doc, follow_up=True, within=within, note=note, narrowing=narrowing)


# the texts a question about changes names: " in the 2004 resolution compared with 2002", " between 57/210 and ..."
_TEXTS_COMPARED = re.compile(r"\s(?:in|between|from|of)\s+(?:the\s+)?(?:(?:19|20)\d\d\b|[A-Z]+/|\d+/\d+)[^?]*", re.I)
_THEY = re.compile(r"\b(?:they|them|their)\b", re.I)
_STATE = re.compile(STATE_RE.pattern, re.I)
# "which regional workshops were held ...", "what meetings took place ...": the things a question asks about
_THINGS = re.compile(r"^\s*(?:and\s+)?(?:which|what)\s+(?!of\b)((?:(?!of\b)[\w'\u2019-]+\s+){0,4}?[\w'\u2019-]+[^s\W]s)\s+"
                     r"(?:were|are|was|is|did|do|does|have|has|had|will|took|take|met|meet)\b", re.I)


def _own_plural(question: str) -> bool:
    """Does the question name the plural things its "they" may stand for before it ("what does 57/224 ask
    States to do with their plans?")?"""
    before = _THEY.split(question, maxsplit=1)[0]
    return bool(re.search(r"\b(?:States|Governments|countries|[A-Z]\w+s)\b", before))


def _things_asked(question: str) -> str | None:
    """The plural things a question asked about ("regional workshops"), what a "they" after it means."""
    m = _THINGS.match(question) or _THINGS_AGAIN.match(question)
    return m.group(1) if m else None


# a question already read for its "they" ("Where were the regional workshops held in 2003?", "Who hosted the
# regional workshops in 2003?"): the same things
_THINGS_AGAIN = re.compile(r"^\s*(?:where|when|who|whom|how|why|what)\s+(?:[\w'\u2019-]+\s+){1,2}?the\s+"
                           r"((?:(?!of\b)[\w'\u2019-]+\s+){0,3}?[\w'\u2019-]+[^s\W]s)\b", re.I)


def _opening(text: str) -> tuple[str, bool, bool]:
    """The question without its opening words ("and what about", "no, I meant"); whether it opened as a
    follow-up; whether as a correction."""
    rest, following, correcting = text, False, False
    while True:
        if _FOLLOW.match(rest):
            rest, following = _FOLLOW.sub("", rest, count=1), True
        elif _CORRECTION.match(rest):
            rest, correcting = _CORRECTION.sub("", rest, count=1), True
        else:
            break
    return (rest.strip() or text), following, correcting


def _new_subject(now, before) -> bool:
    """Does the question have words of its own, not naming a text, that the question before did not have
    ("who sponsored L.108?" after "what does 57/210 say about Africa?"; not "where was the twelfth held?"
    after "where was the eleventh workshop held?")?"""
    had = set(stemming.stems(" ".join(before.terms)))
    return any(s not in had for w in _own_subject(now) for s in stemming.stems(w))


def _substitutes(now, before) -> bool:
    """Does the follow-up give a year or an ordinal in place of the question before's ("where was the twelfth
    held?" after "where was the eleventh workshop held?")?"""
    return bool(now.years and before.years or now.ordinals and before.ordinals)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _name_shown(text: str, name: str) -> str:
    """"it", "its", "this resolution" in a question, replaced by the document's name."""
    text = _THIS_DOCUMENT.sub(lambda _: name, text)
    text = re.sub(r"\bits\b", lambda _: name + "\u2019s", text, flags=re.I)
    return _capital(re.sub(r"\bit(?:self)?\b", lambda _: name, text, flags=re.I))


_EVENT_NOUN = r"(?:workshops?|meetings?|conferences?|seminars?|dialogues?|consultations?|courses?|summits?)"
# "which workshop was held in Doha?": the event it asked for, as a follow-up's "it" may mean it
_WHICH_EVENT = re.compile(rf"^\W*(?:which|what)\s+((?:[\w'\u2019-]+\s+){{0,3}}?{_EVENT_NOUN})\s+(?:was|were|is|are)\s+"
                          r"(.+?)\s*(?:[?,;:.!]|\s(?:and|or|but)\s|$)", re.I)  # its first clause only
# what an event does, not a text: "who hosted it?", "when was it held?", "who attended it?"
_EVENT_VERBS = re.compile(r"\b(?:host(?:s|ed|ing)?|held|hold|take place|took place|attend(?:s|ed|ing)?|"
                          r"organi[sz](?:e|es|ed|ing)|convene[sd]?|chair(?:s|ed)?|open(?:s|ed)?)\b", re.I)


# what a text does or has done to it, not an event: "when was it adopted?", "who sponsored it?"
_DOCUMENT_VERBS = re.compile(r"\b(?:adopt(?:s|ed|ing)?|sponsor(?:s|ed|ing)?|co-?sponsor(?:s|ed)?|vot(?:e|es|ed|ing)|"
                             r"recall(?:s|ed|ing)?|cite[sd]?|citing|reaffirm(?:s|ed|ing)?|request(?:s|ed)?|urge[sd]?|"
                             r"decide[sd]?|draft(?:ed)?|symbol|paragraphs?)\b", re.I)


# "... the workshop held in Doha?": an event a follow-up already named so, for the next "it"
_THE_EVENT = re.compile(rf"\bthe\s+((?:[\w'\u2019-]+\s+){{0,3}}?(?i:{_EVENT_NOUN})\s+(?:held|convened|hosted)\s+(?:in|at|by)\s+"
                        r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*)")


def _event_asked(question: str) -> str | None:
    """The event a question asked for or named ("which workshop was held in Doha?" -> "the workshop held in
    Doha"), or None."""
    which = _WHICH_EVENT.match(question)
    if which:
        return f"the {which.group(1)} {which.group(2)}"
    named = _THE_EVENT.search(question)
    return "the " + named.group(1) if named else None


def _about_shown(rest: str, now, before, shown: Turn, library) -> Resolved:
    """A question of its own about what was just shown ("who adopted it?", "did it ask for a report?"):
    asked of the document the last answer quoted, named in the question and read in it alone (beside the
    texts it names itself: "is it recalled by 2003/73?"). After a question about a numbered event that
    named no text ("where was the eleventh workshop held?"), "it" is that event."""
    if re.search(r"\bit\b", rest, re.I) and not _THIS_DOCUMENT.search(rest) and not _DOCUMENT_VERBS.search(rest) \
            and shown.asked != WHICH_DOCUMENT and not (before.symbols or before.numbers or before.refers_to_document):
        # "which workshop was held in Doha?" -> "who hosted it?": the workshop held in Doha, not the text quoted
        # (not after "which resolution was that?", nor "when was it adopted?": a text is adopted, not an event)
        event = "the " + before.ordinal_phrases[0] if before.ordinal_phrases else \
            _event_asked(before.text) if _EVENT_VERBS.search(rest) else None
        if event:
            return Resolved(_capital(re.sub(r"\bit\b", lambda _: event, rest, flags=re.I)), follow_up=True)
    doc = library.document(shown.doc_id) if library is not None else None
    name = name_in_question(doc) if doc is not None else shown.document or "the document"
    alone = not (now.symbols or now.numbers or now.refers_to_document)
    return Resolved(_name_shown(rest, name), context_doc=shown.doc_id if alone else None, follow_up=True)


def _other_version(rest: str, version, last: Turn, before, shown: Turn, library) -> Resolved:
    """"the one before", "and the earlier version?": the question before, asked of the version of the document
    just quoted before it (or after it); "what did the earlier version say about Asia?": that question, of it."""
    step = -1 if (version.group("back") or version.group("back2") or version.group("back3")) else 1
    here = library.document(shown.doc_id)
    doc = library.version(shown.doc_id, step)
    if doc is None:
        name = name_in_question(here) if here is not None else shown.document
        return Resolved(last.asked, context_doc=shown.doc_id, follow_up=True,
                        note=f"The corpus holds no {'earlier' if step < 0 else 'later'} version of {name}.")
    name = name_in_question(doc)
    own = understand(rest[:version.start()] + " " + rest[version.end():])
    if (_QUESTION_START.match(rest) or _COMMAND.match(rest)) and _new_subject(own, before):
        asked = _capital(rest[:version.start()] + name + rest[version.end():])
        if _REFERS_BACK.search(asked) and here is not None:  # "how does it differ from the earlier version?"
            return Resolved(_name_shown(asked, name_in_question(here)), follow_up=True)
        return Resolved(asked, context_doc=doc.id, follow_up=True)
    return Resolved(_retarget(last.asked, before, name), context_doc=doc.id, follow_up=True)


def _retarget(asked: str, before, name: str) -> str:
    """The same question of another document: the one it named (by number, or described: "the 2004 GA
    resolution") replaced by `name`; else asked of it."""
    for old in before.symbols + before.numbers:
        pattern = rf"(?:\b(?:resolution|res\.?|draft|document)\s+)?{re.escape(old)}"
        if re.search(pattern, asked, re.I):
            return re.sub(pattern, lambda _: name, asked, count=1, flags=re.I)
    for m in _DESCRIBED.finditer(asked):
        words = [w.lower().removesuffix("'s").removesuffix("\u2019s") for w in m.group(1).split()]
        if all(w in _NAMING_WORDS or re.fullmatch(r"(?:19|20)\d\d", w) for w in words):
            return asked[:m.start()] + name + asked[m.end():]
    return f"{asked.rstrip(' ?.!')}, according to {name}?"


def _ordinal_pattern(ordinal: str) -> str:
    """"eleventh" as a question may write it: "eleventh", "11th"."""
    word = ordinal_word(ordinal)
    number = ordinal_number(word)
    figure = rf"|{number}(?:st|nd|rd|th)" if number else ""
    return rf"\b(?:{re.escape(word)}{figure})\b"


def _own_subject(query) -> list[str]:
    """The words of a follow-up that are neither a document's name, a body, a year nor "the ... one"."""
    names = {w for n in query.symbols + query.numbers for w in re.findall(r"[^\W_]+", n.lower())}
    return [t for t in query.terms if not t.isdigit() and t not in _NAMING_WORDS and t not in names
            and t not in query.ordinals]


def _other_body(asked: str, before, body: str) -> str:
    """The same question of another body's text: its body named instead of the one asked about, or of
    the document it named; else asked of that body."""
    words = _BODY_WORDS.get(body, f"the {body}")
    for name in before.symbols + before.numbers:
        pattern = rf"(?:\b(?:resolution|res\.?|draft|document)\s+)?{re.escape(name)}"
        if re.search(pattern, asked, re.I):
            return re.sub(pattern, f"{_POSSESSIVE.get(body, words + chr(0x2019) + 's')} resolution", asked, count=1,
                          flags=re.I)
    for patterns in BODY_NAMES.values():
        for p in patterns:
            m = re.search(rf"(?:\bthe\s+)?{p}", asked, re.I)
            if m:
                possessive = m.group(0).lower().endswith(("'s", "\u2019s"))
                said = words
                if said.startswith("the ") and re.search(r"\b(?:the|its|their)\s+(?:[\w'\u2019-]+\s+){0,2}$",
                                                          asked[:m.start()], re.I):
                    said = said[4:]  # "the 2002 GA text" -> "the 2002 Commission on Human Rights text"
                return asked[:m.start()] + said + ("\u2019s" if possessive else "") + asked[m.end():]
    return f"{asked.rstrip(' ?.!')}, according to {words}?"


def neighbour_reference(store, documents) -> Library:
    """What Conversation.resolve reads of a store: a paragraph's neighbours, a document's versions, the
    texts of a body or a year (a Library, callable as a `neighbour`)."""
    return Library(store, documents)
