"""found or not, and the lead that says so: the calibrated answerability score (answerability.py), its
reason in words, and the partial answer (an on-topic paragraph that does not give the detail asked for)."""

from __future__ import annotations

import re

from ..citations import document_label
from ..labels import citation_label
from ..language import stemming
from ..language.facts import TYPE_WORDS
from ..language.places import COMPASS_POINTS
from ..language.subjects import subject, words_of
from ..language.topic import topic_words
from ..records import Answer, Passage
from ..search.names import names
from .across import sponsor_notes
from .actors import actor_in_chapeau
from .answerability import article_named, carries, holds_stem, model, signals

LANGUAGE_NAMES = {"fr": "French", "es": "Spanish", "de": "German", "pt": "Portuguese", "it": "Italian"}


def decide(retrieval, answer: Answer) -> None:
    passages = answer.passages
    query = retrieval.query
    if not passages:
        answer.found = False
        answer.lead = "The corpus does not answer this: nothing in it matches the question."
        answer.reason = "no match"
        return
    if query.language != "en":
        name = LANGUAGE_NAMES.get(query.language or "", "")
        return _not_found(answer, f"The question looks {name + ' ' if name else ''}rather than English; the corpus "
                                  "is in English and qabot matches the words of a question with the words of the "
                                  "documents, so ask it in English. The passages nearest in meaning are below.",
                          "question not in English")
    sig = signals(retrieval)
    fitted = model()
    p = fitted.probability(sig.values)
    answer.signals = {**{k: round(v, 4) for k, v in sig.values.items()}, "answerable": round(p, 4),
                      "threshold": fitted.threshold, "unmatched": sig.unmatched_rare + sig.unmatched_known}
    missing = retrieval.missing_doc
    if missing in sig.absent and retrieval.store is not None and not retrieval.store.cites(missing):
        # "does 57/210 recall resolution 1998/45?": no paragraph anywhere names 1998/45, whatever else matches
        return _not_found(answer, f"The corpus does not mention {missing}: no document holds it and no paragraph "
                                  "cites it; the nearest passages are below.", f"{missing} not in corpus")
    article = article_named(query.text, retrieval.store) if retrieval.store is not None else None
    if article:
        return _not_found(answer, f"No paragraph of the corpus quotes or cites {article}: it holds resolutions, "
                                  "not the texts of the instruments they name; the nearest passages are below.",
                          f"{article} not in corpus")
    unmatched = sig.unmatched_rare or sig.unmatched_known
    if unmatched and not sig.values["coverage"] and sig.values["subject_missing"] >= SUBJECT_CARRIED \
            and (sig.values["topic_missing"] >= TOPIC_MISSING or not topic_words(query.text)) \
            and not query.metadata and query.paragraph is None:
        # "what does 57/224 say about fisheries?": no word of the question is in the passages found and the
        # subject it names is in no paragraph at all: naming a text does not make its nearest paragraph an
        # answer. (Words the corpus lacks outside the subject named, "where does 57/210 say real change comes
        # from - capitals and grassroots?", are a user's own words for what a paragraph says: the model decides.)
        words = ", ".join(f"\u201c{w}\u201d" for w in unmatched)
        return _not_found(answer, f"The corpus does not answer this: no paragraph in it speaks of {words}, nor "
                                  "uses a word close to it; the nearest passages are below.", "subject not in corpus")
    if _subjects_absent(retrieval, answer, sig):
        return
    if not retrieval.resolved and not query.metadata and query.paragraph is None:  # (a text named is resolved)
        # no labelled answerable question is either (2026-12-07, int8 and fp32 alike)
        if not sig.values["coverage"]:  # "bad": no word of it, nor one close to it, in the passages found
            return _not_found(answer, "The corpus does not answer this: no passage found uses a word of the question "
                                      "or one close to it; the nearest passages are below.", "no words matched")
        if sig.values["relevance"] < RELEVANCE_FLOOR:  # "hmm interesting": nothing found is near it in meaning
            return _not_found(answer, "The corpus does not answer this: no passage found is near the question in "
                                      "meaning; the nearest passages are below.", "low relevance")
    if p >= fitted.threshold and sig.values["type_missing"]:
        # the kind of fact asked for (a place, a date, an amount) is in none of the passages shown: however
        # well they match, what is shown cannot tell it. A partial answer, not a guess (issue 15 item 6)
        return _partial(retrieval, answer)
    if p >= fitted.threshold:
        answer.found = True
        answer.reason = "match"
        quoted = answer.quoted or passages
        lead = passages[sig.type_passage] if sig.type_passage is not None and sig.type_passage < len(
            passages) and passages[sig.type_passage].role != "chapeau" else quoted[0]
        more = len(quoted) - 1
        chapeau = retrieval.chapeaus.get(lead.paragraph.id) if lead.paragraph.parent else None
        said = f"{short_citation(lead)}: \u201c{lead.highlight}\u201d"
        if actor_in_chapeau(retrieval.query.text, chapeau):  # "who is asked to ...?": whom the chapeau asks
            said = (f"{document_label(lead.document)}, {citation_label(lead.paragraph.parent)}: \u201c{chapeau.strip()}\u201d"
                    f" \u2026 {lead.paragraph.citation_label}: \u201c{lead.highlight}\u201d")
        elif (above := _chapeau_speaks(retrieval, passages, lead)) is not None:
            # "what role does the Vienna Declaration play?": item (a) answers under a chapeau that names it
            said = (f"{short_citation(above)}: \u201c{above.highlight}\u201d \u2026 {lead.paragraph.citation_label}: "
                    f"\u201c{lead.highlight}\u201d")
        said += _symbol_noted(query, lead)
        answer.lead = (said
                       + (f" (and {more} more passage{'s' if more > 1 else ''})" if more else ""))
        typed = sig.type_passage is not None and sig.type_passage < len(passages) and lead is passages[sig.type_passage]
        _from_the_text_described(retrieval, answer, quoted, lead, typed)
        _names_outside_scope(retrieval, answer)
        if answer.found:
            _subject_outside_scope(retrieval, answer)
        return
    _explain(retrieval, answer, sig, fitted.contributions(sig.values))


def _chapeau_speaks(retrieval, passages: list[Passage], lead: Passage) -> Passage | None:
    """The chapeau shown above a sub-paragraph that leads, when it holds more of the question's words
    than the item does (weighed by their idf, the words both hold aside): the item alone does not say
    what was asked of ("(a) Calls upon the Office ... to assume a larger role" under "Recalling also that
    the Vienna Declaration ... recommended:" for "what role does the Vienna Declaration play?")."""
    if not lead.paragraph.parent:
        return None
    above = next((p for p in passages if p.role == "chapeau" and p.document.id == lead.document.id
                  and p.paragraph.label == lead.paragraph.parent), None)
    if above is None:
        return None
    idf = retrieval.corpus.idf if retrieval.corpus is not None else {}
    item, chapeau = set(stemming.stems(lead.text)), set(stemming.stems(above.text))
    asked = {s for t in retrieval.query.terms if not t.isdigit() for s in stemming.stems(t)}
    only_above = sum(idf.get(s, 0.0) for s in asked if s in chapeau and s not in item)
    only_item = sum(idf.get(s, 0.0) for s in asked if s in item and s not in chapeau)
    return above if only_above > only_item else None


def _symbol_noted(query, lead: Passage) -> str:
    """A symbol asked for that the lead paragraph prints only in the note it cites ("Takes note with
    satisfaction of the report of the Secretary-General" — "A/59/323."): the note, quoted, after the lead,
    so that the answer says the symbol and not only the paragraph."""
    if query.answer_type != "symbol" or carries("symbol", lead.text):
        return ""
    notes = [n for n in lead.footnotes if carries("symbol", n.text)]
    return "".join(f" ({citation_label(n.label)}: \u201c{n.text.strip()}\u201d)" for n in notes[:2])


def _from_the_text_described(retrieval, answer: Answer, quoted: list[Passage], lead: Passage, typed: bool) -> None:
    """"What does the 2004 Assembly resolution say about trafficking?": the question describes one text,
    so the lead is read from that text, not from another that ranks first. Where the question's subject
    stands in the other text's passage and in none of the described text's, the lead says so."""
    query = retrieval.query
    if len(retrieval.resolved) != 1 or not query.refers_to_document or query.cross:
        return
    doc_id = retrieval.resolved[0][0]
    own = [p for p in quoted if p.document.id == doc_id]
    if lead.document.id == doc_id or not own:
        return
    if typed:
        # "where was the workshop it asks a report on held?": the passage that gives the place leads, said to be
        # another text's
        answer.lead = (f"{document_label(own[0].document)} does not give {TYPE_WORDS[query.answer_type]} in the "
                       f"passages found; {short_citation(lead)} does: \u201c{lead.highlight}\u201d.")
        answer.reason = "subject in another text"
        return
    own_stems = set(stemming.stems(" ".join(p.text + " " + (p.context or "") for p in own)))
    lead_stems = set(stemming.stems(lead.text + " " + (lead.context or "")))
    # (what names the text is not its subject: its symbol, number, year, and the session it is of)
    described = retrieval.corpus.ordinals_described if retrieval.corpus is not None else []
    naming = set(stemming.stems(" ".join([*query.symbols, *query.numbers, *map(str, query.years), *described])))
    lacking = [w for w in query.terms if not w.isdigit() and (s := set(stemming.stems(w)))
               and s <= lead_stems and not any(holds_stem(own_stems, x) for x in s) and not s & naming]
    first = own[0]
    if lacking:
        words = ", ".join(f"\u201c{w}\u201d" for w in lacking[:3])
        answer.lead = (f"{document_label(first.document)} does not speak of {words} in the passages found; "
                       f"{short_citation(lead)} does: \u201c{lead.highlight}\u201d.")
        answer.reason = "subject in another text"
    else:
        more = len(quoted) - 1
        answer.lead = (f"{short_citation(first)}: \u201c{first.highlight}\u201d"
                       + (f" (and {more} more passage{'s' if more > 1 else ''})" if more else ""))


def _names_outside_scope(retrieval, answer: Answer) -> None:
    """"What does 2003/73 say about Africa?": the texts the question is about (named, described, or a
    conversation's) never name the places or bodies asked about, which other texts of the corpus do: not
    found, said so, with where each does stand, instead of the nearest paragraph of those texts quoted as
    if it answered. Only when every name the question asks about is missing from them."""
    query, store = retrieval.query, retrieval.store
    scope = _scope_named(retrieval)  # "what does the 2004 text say about Geneva?": the text described
    # ("the Geneva bureau": the Office, not a subject; Query.describing)
    # (nor a point of the compass: "governments in the East" names no place a text must print)
    asked = [n for n in names(query.text) if _ONE_NAME.fullmatch(n) and n not in query.describing
             and n.lower() not in COMPASS_POINTS]
    if not scope or not asked:
        return
    inside = set(scope)
    allowed = retrieval.within  # where a name may be said to stand: the texts the asker may see
    where: dict[str, str] = {}
    for name in asked:
        if store.mentioning(name, within=scope, limit=1):
            return  # one of the texts speaks of it
        found = store.mentioning(name, limit=NAME_PARAGRAPHS, prefix=False) or store.mentioning(name, limit=NAME_PARAGRAPHS)
        other = next((p for p in found if p.doc_id not in inside and (allowed is None or p.doc_id in allowed)), None)
        if other is None:
            return  # no text holds it (the answerability model's to judge), or none the asker may see
        where[name] = f"{document_label(retrieval.documents[other.doc_id])}, {citation_label(other.label)}"
    texts = " or ".join(document_label(retrieval.documents[d]) for d in scope)
    said = "; ".join(f"\u201c{name}\u201d stands in {at}" for name, at in where.items())
    _not_found(answer, f"{texts} does not speak of {', '.join(f'“{n}”' for n in where)}: {said}. The nearest "
                       f"passages of {texts} are below.", "subject in another text")


def _scope_named(retrieval) -> list[str] | None:
    """The few texts a question asks what they say (named, described: "the 2004 text", or a conversation's),
    or None: no such texts, too many, or a question of another kind (metadata, a paragraph by number, two
    sides, versions compared)."""
    query = retrieval.query
    scope = retrieval.scope
    if not scope and len(retrieval.resolved) == 1 and query.refers_to_document:
        scope = [retrieval.resolved[0][0]]
    if not scope or len(scope) > SCOPE_NAMED or retrieval.store is None or query.metadata \
            or query.paragraph is not None or query.cross or query.compare:
        return None
    return scope


def _subject_outside_scope(retrieval, answer: Answer) -> None:
    """"What does 57/224 say about trafficking in persons?": the subject the question names (the words after
    "about", "on", "mention") stands in no paragraph of the texts asked about, and in one of another text:
    not found, said so, with where it does stand, instead of the nearest paragraph of the text asked about
    quoted as if it answered. Only when those texts lack every word of the subject but the corpus's most
    common ones ("what does 2003/73 say about the Office in Geneva?" is answered: it speaks of the Office),
    and one paragraph elsewhere holds all of them."""
    query, store, scope = retrieval.query, retrieval.store, _scope_named(retrieval)
    if not scope or retrieval.corpus is None:
        return
    idf = retrieval.corpus.idf
    described = {w.lower() for name in query.describing for w in name.split()}  # "the Geneva-based secretariat"
    words = [w for w in dict.fromkeys(topic_words(query.text)) if w not in stemming.STOP and len(w) > 2
             and w.lower() not in described
             and (s := stemming.stems(w)) and idf.get(s[0], 0.0) >= COMMON_IDF]
    # (a word the texts say in their own words is not lacking: "entitlements" are "rights", register.py; a name
    # stands by any word it begins, "Asia": "Asian", a common word by its stem alone: "advisers" are not
    # "advisory services")
    named = {w.lower() for w in re.findall(r"\b[A-Z][\w'\u2019]*", query.text)}
    lacking = [w for w in words if not store.mentioning(w, within=scope, limit=1, prefix=w in named)
               and not any(store.mentioning(f, within=scope, limit=1) for f in query.rephrased.get(w, ()))]
    if not lacking or len(lacking) < len(words):
        return
    rarest = max(lacking, key=lambda w: idf[stemming.stems(w)[0]])
    wanted = {stemming.stems(w)[0] for w in lacking}
    inside, allowed = set(scope), retrieval.within
    other = next((p for p in store.mentioning(rarest, limit=NAME_PARAGRAPHS, prefix=False)
                  if p.doc_id not in inside and (allowed is None or p.doc_id in allowed)
                  and wanted <= set(stemming.stems(p.text))), None)
    if other is None:
        return  # no other text holds it either: the answerability model's to judge
    texts = " or ".join(document_label(retrieval.documents[d]) for d in scope)
    at = f"{document_label(retrieval.documents[other.doc_id])}, {citation_label(other.label)}"
    typed = {w.lower(): w for w in re.findall(r"[^\W\d_][\w'\u2019]*", query.text)}  # as the question writes it
    subject = ", ".join(f"\u201c{typed.get(w, w)}\u201d" for w in lacking)
    _not_found(answer, f"{texts} does not speak of {subject}: {at} does. The nearest passages of {texts} are "
                       "below.", "subject in another text")


# the relevance under which no question is answered: the lowest of the 286 labelled answerable questions
# (2026-12-07) is 0.158 with the int8 encoder and 0.160 with fp32 (all-MiniLM-L6-v2 both; another model
# needs it measured again); "hmm interesting" 0.097
RELEVANCE_FLOOR = 0.12
# a word in more than about a third of the paragraphs ("human", "rights", "national": idf below 1) says
# little of what a question is about: the texts asked about need not lack it
COMMON_IDF = 1.0
NAME_PARAGRAPHS = 50  # paragraphs read to find where else a name stands (none among them the asker may see:
# nothing is said)
# the share of the question's meaning its unmatched words carry (evidence.unsaid) for them to be its subject:
# "fisheries" in "what does 57/224 say about fisheries?" 0.37, "bit" in "the bit about ..." 0.02
SUBJECT_CARRIED = 0.15
# ... and, where the question names its subject ("about fisheries": language/topic.py), the share of it (by
# idf) that the corpus lacks
TOPIC_MISSING = 0.5
SCOPE_NAMED = 5  # texts a question may name (or a conversation narrow it to) for a name missing from all of them
_ONE_NAME = re.compile(r"[A-Z][a-z]+")  # "Africa", "Quito": one word ("Asia-Pacific" is written several ways)


def _explain(retrieval, answer: Answer, sig, pulls: dict[str, float]) -> None:
    """The lead of an answer the corpus does not give: the reason that pulled the score down most."""
    query = retrieval.query
    # what the corpus lacks outright (a year, a name), then what the question names that no passage found has
    # ("the fifty-seventh workshop"), is said before a detail the passages do not give
    first = {"absent": bool(sig.absent), "not_shown": bool(sig.not_shown)}
    order = sorted(pulls, key=lambda f: (-2 if f == "absent" and first["absent"] else
                                         -1 if f == "not_shown" and first["not_shown"] else 0, pulls[f]))
    for feature in order:
        if pulls[feature] >= 0:
            if feature in first:
                continue  # said first when it pulls down; a refit may leave it out (a zero pull)
            break
        if feature == "absent" and sig.absent and all(a.startswith("the text of ") for a in sig.absent):
            cited = " or ".join(a[len("the text of "):] for a in sig.absent)
            return _not_found(answer, f"The corpus does not hold {cited} itself, only texts that cite it; the "
                                      "nearest passages are below.", f"{cited} only cited")
        if feature == "absent" and sig.absent:
            what = _absent_words(query, sig.absent)
            if all(re.match(r"an? (?:.+ )?text of ", a) for a in sig.absent):
                # "the Commission's 2004 resolution": a text the corpus does not hold (the 2004 Assembly text
                # may well cite one: "does not mention" would be untrue)
                return _not_found(answer, f"The corpus holds no {re.sub(r'^an? ', '', what)}; the nearest passages "
                                          "are below.", f"{', '.join(sig.absent)} not in corpus")
            # France is in L.108's list of sponsors: the corpus does mention it, though no paragraph does
            sponsor = retrieval.store is not None and bool(sponsor_notes(retrieval.store, query.text, retrieval.within))
            said = "No paragraph of the corpus mentions" if sponsor else "The corpus does not mention"
            return _not_found(answer, f"{said} {what}; the nearest passages are below.",
                              f"{', '.join(sig.absent)} not in corpus")
        if feature == "type_missing" and sig.values["type_missing"]:
            return _partial(retrieval, answer)
        if feature in ("subject_missing", "unmatched_rare", "unmatched_known") and (sig.unmatched_rare
                                                                                    or sig.unmatched_known):
            words = ", ".join(f"\u201c{w}\u201d" for w in (sig.unmatched_rare or sig.unmatched_known))
            return _not_found(answer, f"The corpus does not answer this: no paragraph in it speaks of {words}, nor "
                                      "uses a word close to it; the nearest passages are below.",
                              "subject not in corpus")
        if feature == "not_shown" and sig.not_shown:
            what = _absent_words(query, sig.not_shown)
            return _not_found(answer, f"No paragraph found mentions {what} with the rest of the question; the "
                                      "nearest passages are below.", f"{', '.join(sig.not_shown)} not in passages")
    _not_found(answer, "The corpus does not appear to answer this; the nearest passages are below.", "low relevance")


def _subjects_absent(retrieval, answer: Answer, sig) -> bool:
    """"Refugees and internally displaced persons", "indigenous peoples' land rights": a subject of its own in
    human-rights work (language/subjects.py) that no paragraph speaks of, in any word of that subject: whatever
    else the nearest paragraph shares with the question, it is about something else. Not when a name or an
    instrument the corpus lacks, or the kind of fact asked for, says more ("the Convention on the Rights of the
    Child", "the symbol of the Special Rapporteur on torture's report")."""
    query = retrieval.query
    absent = [w for w in unmatched_words(sig) if subject(w) is not None]
    if not absent or query.metadata or query.paragraph is not None or retrieval.store is None or sig.absent \
            or sig.values["type_missing"] or _a_subject_asked_is_spoken_of(query, retrieval.store):
        return False
    words = ", ".join(f"\u201c{w}\u201d" for w in dict.fromkeys(t for t in query.terms if subject(t) is not None))
    _not_found(answer, f"The corpus does not answer this: no paragraph in it speaks of {words}, nor uses a word of "
                       "the same subject; the nearest passages are below.", "subject not in corpus")
    return True


def _a_subject_asked_is_spoken_of(query, store) -> bool:
    """Does some paragraph speak of one of the subjects the question names, in any word of that subject
    ("refugees or migrants": migrants; "defenders ... activists": neither)?"""
    groups = {g for t in query.terms if (g := subject(t)) is not None}
    return any(store.mentions(word) for g in groups for word in words_of(g))


def unmatched_words(sig) -> list[str]:
    """The question's words the corpus never uses, nor a word close to them (rare and known alike)."""
    return list(sig.unmatched_rare) + [w for w in sig.unmatched_known if w not in sig.unmatched_rare]


def _absent_words(query, items: list[str]) -> str:
    """The question's own phrase for an ordinal ("the eighth Asia-Pacific workshop"), else the item."""
    out = []
    for item in items:
        phrase = next((p for o, p in zip(query.ordinals, query.ordinal_phrases) if item == f"the {o}"), None)
        out.append(f"the {phrase}" if phrase else item)
    # a word of a longer name also missing is said once, in the name ("Child" in "the Convention on the Rights
    # of the Child")
    # (and one item said twice, "the third committee" and "the Third Committee", once)
    seen: set[str] = set()
    out = [w for w in out if not (w.lower() in seen or seen.add(w.lower()))]
    out = [w for w in out if not any(len(o) > len(w) and re.search(rf"\b{re.escape(w)}\b", o, re.I) for o in out)]
    return " or ".join(out)


def _partial(retrieval, answer: Answer) -> None:
    """An on-topic paragraph that does not give the detail asked for: quoted, with what it does not give."""
    query = retrieval.query
    wanted = TYPE_WORDS[query.answer_type]
    first = (answer.quoted or answer.passages)[0]
    said = _subject_words(query, first)
    about = f" speak of {said} but" if said else ""
    answer.missing = wanted
    _not_found(answer, f"The corpus does not give {wanted}: the paragraphs that match{about} give none. The "
                       f"nearest, {short_citation(first)}: \u201c{first.highlight}\u201d.", "detail not given")


def _subject_words(query, passage: Passage) -> str:
    """The question's words the paragraph also uses, as the question writes them."""
    stems = set(stemming.stems(passage.text + " " + (passage.context or "")))
    words = [w for w in query.terms if not w.isdigit() and set(stemming.stems(w)) & stems][:4]
    return ", ".join(f"\u201c{w}\u201d" for w in words)


def _not_found(answer: Answer, lead: str, reason: str) -> None:
    answer.found = False
    answer.lead = lead
    answer.reason = reason
    for p in answer.passages:
        p.role = "nearest"


def short_citation(p: Passage) -> str:
    return f"{document_label(p.document)}, {p.paragraph.citation_label}"
