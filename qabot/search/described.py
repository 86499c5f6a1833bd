"""Documents a question describes without naming them ("the 2003 Commission resolution on regional
workshops"), found through lookups built once per generation (title stems, years, drafts), never by
scoring every document for every question; and the generation's documents by id, read when asked for."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cached_property

from ..labels import ordinal_number
from ..language import stemming
from ..records import Document


class Documents(Mapping):
    """The generation's documents by id (in the store's order: by date, then id), each read from the
    store when first asked for and then kept: a question needs a few of them, and reading all 52,000
    of a 1M-paragraph index whole (their metadata is JSON) took 0.6 s of a cold `qabot ask`. Going
    through all of them (values(), items()) reads them all at once."""

    def __init__(self, store, count: int):
        self.store = store
        self._count = count  # the manifest's count of documents
        self._known: dict[str, Document] = {}
        self._ids: list[str] | None = None  # read when first gone through

    def __getitem__(self, doc_id: str) -> Document:
        doc = self._known.get(doc_id)
        if doc is None:
            doc = self.store.document(doc_id) if isinstance(doc_id, str) else None
            if doc is None:
                raise KeyError(doc_id)
            self._known[doc_id] = doc
        return doc

    def __iter__(self) -> Iterator[str]:
        self._read_all()
        return iter(self._ids)

    def __len__(self) -> int:
        return self._count

    def __contains__(self, doc_id) -> bool:
        return isinstance(doc_id, str) and (doc_id in self._known or self.store.document(doc_id) is not None)

    def values(self):
        self._read_all()
        return [self._known[doc_id] for doc_id in self._ids]

    def items(self):
        self._read_all()
        return [(doc_id, self._known[doc_id]) for doc_id in self._ids]

    def _read_all(self) -> None:
        if self._ids is None:
            documents = self.store.documents()
            self._known.update((d.id, d) for d in documents)
            self._ids = [d.id for d in documents]


class _Titles:
    """Every document's title stems, date and status: which documents a description can reach."""

    def __init__(self, facts: list[tuple[str, str | None, str | None, str | None, str | None]]):
        """facts: (id, title, date, body, status) of every document (Store.document_facts)."""
        self.facts = {doc_id: (date, body, status) for doc_id, _, date, body, status in facts}
        # versions of a resolution share its title: each title is stemmed once, its documents kept together
        by_title: dict[str, list[str]] = {}
        for doc_id, title, *_ in facts:
            by_title.setdefault(title or "", []).append(doc_id)
        sharing: dict[frozenset[str], list[str]] = {}  # title stems -> the documents with those
        for title, ids in by_title.items():
            sharing.setdefault(frozenset(stemming.stems(title)), []).extend(ids)
        self.title_stems = {doc_id: stems for stems, ids in sharing.items() for doc_id in ids}
        counts: dict[str, int] = {}  # documents whose title has the stem
        for stems, ids in sharing.items():
            for s in stems:
                counts[s] = counts.get(s, 0) + len(ids)
        # a title stem is rare when at most half the documents (or two) have it
        self.rare = {s for s, n in counts.items() if n * 2 <= max(2, len(self.facts))}
        self.by_stem: dict[str, list[str]] = {}
        for stems, ids in sharing.items():
            for s in stems & self.rare:
                self.by_stem.setdefault(s, []).extend(ids)
        self.by_year: dict[int, list[str]] = {}
        self.drafts: list[str] = []
        self.adopted_by_body: dict[str, list[str]] = {}  # the texts each body adopted (not drafts)
        for doc_id, (date, body, status) in self.facts.items():
            if date:
                self.by_year.setdefault(int(date[:4]), []).append(doc_id)
            if status == "draft":
                self.drafts.append(doc_id)
            elif body:
                self.adopted_by_body.setdefault(body, []).append(doc_id)


class Described:
    """The lookups, each built from the store when a question first needs it (a cold `qabot ask` pays
    only for those its question uses): the years and the bodies of the documents (one SQL pass over two
    columns each), and the title stems, rare ones, years, drafts of every document (`facts`, 0.2 s at
    52,000 documents), which only a question that describes a document uses."""

    def __init__(self, store, years: list[int] | None = None):
        """years: the documents' years as the manifest recorded them at ingest (None: read from the
        store when first asked, a `SELECT DISTINCT` over every document: 17 ms of a cold ask at 52,000)."""
        self.store = store
        if years is not None:
            self._years = frozenset(years)

    def years(self) -> frozenset[int]:
        return self._years

    @cached_property
    def _years(self) -> frozenset[int]:
        return frozenset(self.store.document_years())

    @cached_property
    def _bodies_dated(self) -> tuple[frozenset[str], frozenset[tuple[str, int]]]:
        pairs = self.store.document_bodies()
        return frozenset(body for body, _ in pairs), frozenset((body, year) for body, year in pairs if year is not None)

    @cached_property
    def sessions(self) -> dict[str, frozenset[int] | None]:
        """body -> the numbers of the sessions its documents are of (stored, else from the date, for the
        bodies whose sessions follow the calendar); None for a body with a document whose session is not
        known (then no session can be said to be missing)."""
        out: dict[str, set[int] | None] = {}
        for body, session, date in self.store.document_sessions():
            number = session_number(body, session, date)
            if number is None:
                out[body] = None
            elif out.setdefault(body, set()) is not None:
                out[body].add(number)
        return {body: (frozenset(n) if n is not None else None) for body, n in out.items()}

    @cached_property
    def meetings(self) -> dict[int, list[str]]:
        """The number of each meeting documents were adopted at ("77th plenary meeting" -> 77) -> their ids."""
        out: dict[int, list[str]] = {}
        for doc_id, meeting in self.store.document_meetings():
            if m := re.match(r"(\d+)(?:st|nd|rd|th)\b", meeting or ""):
                out.setdefault(int(m.group(1)), []).append(doc_id)
        return out

    @property
    def bodies(self) -> frozenset[str]:
        return self._bodies_dated[0]

    @property
    def dated(self) -> frozenset[tuple[str, int]]:
        """(body, year) of every document that has both."""
        return self._bodies_dated[1]

    @property
    def title_stems(self) -> dict[str, frozenset[str]]:
        return self._titles.title_stems

    @cached_property
    def _titles(self) -> _Titles:
        return _Titles(self.store.document_facts())

    def scored(self, query, question_stems: set[str]) -> list[tuple[str, float]]:
        """(document id, score) of the documents the question describes, best first. Only a document
        with a rare title stem of the question, its year or (for a draft asked for) its status can reach
        the threshold, so only those are scored."""
        titles = self._titles
        candidates: set[str] = set()
        for s in question_stems & titles.rare:
            candidates.update(titles.by_stem.get(s, ()))
        for year in query.years:
            candidates.update(titles.by_year.get(year, ()))
        if query.draft:
            candidates.update(titles.drafts)
        # "when was the CHR resolution adopted?": of what a body adopted, the only text (its drafts aside) is the
        # one whose date, meeting or vote is asked (what "the CHR's text" says may be its draft's words)
        only_adopted = {ids[0] for body in query.bodies if len(ids := titles.adopted_by_body.get(body, ())) == 1} \
            if query.metadata and query.refers_to_document and not query.draft and not query.years \
            and not (query.numbers or query.symbols) else set()  # ("CHR resolution 2002/82": another text, cited)
        candidates.update(only_adopted)
        # "what was decided at the 77th plenary meeting?": the texts adopted there
        adopted_at = {doc_id for ordinal, phrase in zip(query.ordinals, query.ordinal_phrases)
                      if re.search(r"\bmeetings?\b", phrase) for doc_id in self.meetings.get(ordinal_number(ordinal), ())}
        candidates.update(adopted_at)
        # "the CHR's Islamabad follow-up resolution": a text described by a name its paragraphs use
        mentioning: dict[str, int] = {}
        for name in described_names(query.text):
            using = self.store.documents_mentioning(name, limit=NAME_DOCUMENTS + 1)
            for doc_id in using if len(using) <= NAME_DOCUMENTS else ():  # a name that common describes none
                if doc_id in titles.facts:
                    mentioning[doc_id] = mentioning.get(doc_id, 0) + 1
                    candidates.add(doc_id)
        if query.years and query.refers_to_document and not any(y in titles.by_year for y in query.years):
            # "the Assembly's resolution on regional arrangements adopted in 2006": no text of the corpus is of
            # that year, so none is the one described (its title alone must not make 57/210 the answer)
            return []
        reread = {s for words in (getattr(query, "rephrased", None) or {}).values() for w in words
                  for s in stemming.stems(w)}
        scored = []
        for doc_id in sorted(candidates, key=lambda d: (titles.facts[d][0] or "", d)):  # the store's order
            date, body, status = titles.facts[doc_id]
            score = 0.0
            if query.bodies:
                score += 2.0 if body in query.bodies else -2.0
            year = int(date[:4]) if date else None
            if query.years and year in query.years:
                # "the 2004 resolution", no body given: the only text of its year is the one meant
                alone = not query.bodies and len(titles.by_year.get(year, ())) == 1
                score += 2.5 if alone else 2.0
                if query.months and date and int(date[5:7]) in query.months:
                    score += 0.5
            if query.draft:  # "the draft": the only draft of the corpus is the one meant
                score += (2.5 if len(titles.drafts) == 1 else 2.0) if status == "draft" else -1.5
            score += 1.0 * len(titles.title_stems[doc_id] & titles.rare & question_stems)
            # the question's words read into the documents' ("working together worldwide": international
            # cooperation), a half each: what tells two texts of one body and year apart
            score += 0.5 * len(titles.title_stems[doc_id] & titles.rare & (reread - question_stems))
            score += NAME_SCORE * mentioning.get(doc_id, 0)
            score += 2.5 if doc_id in adopted_at else 0.0  # a meeting names the texts it adopted, as a year does
            score += 0.5 if doc_id in only_adopted else 0.0  # with its body's 2.0: as "the 2004 resolution" alone
            if score >= 2.5:
                scored.append((doc_id, score))
        scored.sort(key=lambda x: -x[1])
        return scored


# "the CHR's Islamabad follow-up resolution", "the Durban text": a name (one capitalised word) inside the words
# that describe a text, before its head noun; with the body or year the description also gives, it picks the
# text whose paragraphs use the name (alone it scores NAME_SCORE: under the 2.5 a description needs)
_DESCRIBED_NAME = re.compile(r"\bthe\s+(?:[\w'\u2019.-]+\s+){0,4}?(?P<name>[A-Z][a-z]{2,})(?:['\u2019]s)?\s+"
                             r"(?:[\w-]+\s+){0,2}?(?:resolution|text|draft|document|decision)s?\b")
_NOT_NAMES = frozenset("""General Assembly Commission Council Committee Economic Social Human Rights Resolution Draft
Text United Nations January February March April May June July August September October November December
The This That Its Their Later Earlier Latest Last First Second Final Regional Original""".split())
NAME_SCORE = 1.5
NAME_DOCUMENTS = 20  # a name more texts use than this describes none of them


def described_names(text: str) -> list[str]:
    return [m.group("name") for m in _DESCRIBED_NAME.finditer(text) if m.group("name") not in _NOT_NAMES]


def session_number(body: str | None, session: str | None, date: str | None) -> int | None:
    """The number of the session a document is of: its own ("fifty-seventh"), else from its date for the
    General Assembly (a session opens in September: 18 December 2002 -> 57th) and the Commission on Human
    Rights (one session each spring: April 2003 -> 59th)."""
    if session:
        return ordinal_number(session)
    if not date or not date[:4].isdigit():
        return None
    year, month = int(date[:4]), int(date[5:7]) if date[5:7].isdigit() else 1
    if body == "General Assembly":
        return year - 1945 if month >= 9 else year - 1946
    if body == "Commission on Human Rights" and year <= 2006:
        return year - 1944
    return None
