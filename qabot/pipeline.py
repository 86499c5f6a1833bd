"""The whole flow in one place: build the index, ask a question.

    files -> parse -> paragraphs -> embed -> index      (build)
    question -> understand -> retrieve -> answer        (ask)
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from .answer.compose import compose
from .config import Settings
from .records import Answer
from .errors import BadQuestion, QabotError
from .index.generations import IndexFolder
from .language import spelling, stemming
from .language.asked import asked_aside
from .search.query import understand
from .search.retrieve import Searcher

if TYPE_CHECKING:  # (the ingest, and the parsers under it, are not loaded to answer a question)
    from .ingest.run import IngestReport


def build(paths: list[Path], settings: Settings, prune: bool = False, progress=None) -> IngestReport:
    from .ingest import distributed
    from .ingest.run import ingest

    with distributed.runtime(settings):  # Ray for the run when ray_address is set
        return ingest(paths, settings, prune=prune, progress=progress)


def open_searcher(settings: Settings) -> Searcher:
    return Searcher(settings)


_JUNK = frozenset(("Cc", "Cs", "Co", "Cn"))  # controls, lone surrogates (undecodable bytes), private, unassigned


_BROKEN_WORD = re.compile(r"\w[\udc80-\udcff]|[\udc80-\udcff]\w")  # (a stray byte between words is dropped)


def clean_question(question: str, limit: int) -> str:
    """The question as asked, minus control and invisible format characters; refuses empty, overlong
    and binary ones (more than a tenth of the characters undecodable or control)."""
    if question is None:
        raise BadQuestion("The question is empty.")
    if isinstance(question, (bytes, bytearray)):
        try:
            question = question.decode("utf-8")
        except UnicodeDecodeError:
            raise BadQuestion("The question is not UTF-8 text.") from None
    if not isinstance(question, str):
        raise BadQuestion(f"The question must be text, not {type(question).__name__}.")
    junk = sum(1 for c in question if c == "\ufffd" or (c not in "\t\n\r\f\v" and unicodedata.category(c) in _JUNK))
    if junk >= 3 and junk * 10 > len(question.strip()):
        raise BadQuestion("The question looks like binary data (control characters or bytes that are not UTF-8 "
                          "text); ask it in words.")
    if _BROKEN_WORD.search(question):  # a byte that is not UTF-8 inside a word ("o\xf9 \xe9tait"): words lost
        raise BadQuestion("The question is not UTF-8 text (it holds bytes of another encoding, such as Latin-1); "
                          "save or type it as UTF-8.")
    text = "".join(c if c.isprintable() or c in "\n\t" else "" if unicodedata.category(c) == "Cf" else " "
                   for c in question)
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    if not text:
        raise BadQuestion("The question is empty.")
    if not any(c.isalnum() for c in text):
        raise BadQuestion("The question has no words (only signs); ask it in words.")
    if len(text) > limit:
        raise BadQuestion(f"The question is {len(text)} characters long; the limit is {limit} "
                          "(max_question_chars).")
    return text


def ask(searcher: Searcher, question: str, k: int | None = None, doc: str | None = None, year: int | None = None,
        max_tokens: int | None = None, context_doc: str | None = None, within: frozenset[str] | None = None) -> Answer:
    """`within`: answer only from these document ids (a Slack channel's collection); None: from all."""
    settings = searcher.settings
    text = clean_question(question, settings.max_question_chars)
    k = k or settings.k
    aside = _absent_aside(searcher, text)
    if aside is not None:
        # "which partners are the advisers to help - are organisations of disabled people named?": the main
        # question answered, the aside answered "no" in the lead (the corpus never speaks of what it names)
        main, words = aside
        answer = ask(searcher, main, k=k, doc=doc, year=year, max_tokens=max_tokens, context_doc=context_doc,
                     within=within)
        answer.question = text
        if answer.found:
            answer.lead += ("" if answer.lead.endswith((".", "!", "?")) else ".") \
                + f" No paragraph of the corpus speaks of {words}."
        return answer
    query = understand(text)
    retrieval = searcher.search(query, k, doc=doc, year=year, context_doc=context_doc, within=within)
    answer = compose(retrieval, k, settings.max_tokens if max_tokens is None else max_tokens, settings.citation_style)
    if year is not None and not answer.passages and answer.reason == "no match" and not searcher.year_in_corpus(year):
        # `--year 2010`: not "nothing matches the question", which reads as if the question were at fault
        answer.lead = (f"The corpus does not answer this: no document in it is of {year} and no paragraph "
                       f"mentions {year}; ask without the year to see the nearest passages.")
        answer.reason = f"{year} not in corpus"
    return answer


def _absent_aside(searcher: Searcher, text: str) -> tuple[str, str] | None:
    """(the main question, the words the corpus lacks) when a question asks aside, after its main one, whether
    something is named at all, and what the aside names is in no paragraph ("\u201cdisabled\u201d"); else None."""
    split = asked_aside(text)
    if split is None:
        return None
    main, aside = split
    said = set(understand(main).terms)
    missing = [t for t in understand(aside).terms if t not in said and not t.isdigit()
               and searcher.df(stemming.stem(t)) == 0 and not any(searcher.expander.prints(v) for v in spelling.variants(t))]
    return (main, ", ".join(f"\u201c{w}\u201d" for w in missing)) if missing else None


def ask_all(searcher: Searcher, questions: list[str], k: int | None = None,
            max_tokens: int | None = None) -> list[Answer]:
    """Ask each question in turn (the same flow as `qabot ask`): what a briefing note is made of."""
    return [ask(searcher, q, k=k, max_tokens=max_tokens) for q in questions]


class Service:
    """Answers for a long-running process (the Slack bot, `qabot chat`): the index is loaded once and
    a new generation published by `qabot ingest` is picked up between questions, never during one.
    Each question is answered entirely by the generation that was current when it arrived."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.folder = IndexFolder(settings.index)
        self._lock = threading.Lock()
        self._searcher = open_searcher(settings)
        self.refused: tuple[str, str] | None = None  # (generation, why) a newer one was not served

    @property
    def generation(self) -> str:
        return self._searcher.generation

    def searcher(self) -> Searcher:
        """The current generation's searcher. A newer generation that is refused (damaged, unreadable) is
        not served: the one already loaded, verified when it was, keeps answering, and the refusal is
        logged once per generation (and kept in `refused`)."""
        try:
            current = self.folder.current_name()
        except QabotError as exc:
            current = self._refuse("CURRENT", exc)
        searcher = self._searcher
        if current is not None and current != searcher.generation and current != (self.refused or ("",))[0]:
            with self._lock:
                if current != self._searcher.generation and current != (self.refused or ("",))[0]:
                    try:
                        self._searcher = open_searcher(self.settings)  # the old one is freed when unused
                        self.refused = None
                    except QabotError as exc:
                        self._refuse(current, exc)
                searcher = self._searcher
        return searcher

    def _refuse(self, generation: str, exc: QabotError) -> None:
        if self.refused is None or self.refused[0] != generation:
            logging.getLogger("qabot").warning("Not serving %s: %s Still serving %s.", generation, exc,
                                               self._searcher.generation)
        self.refused = (generation, str(exc))
        return None

    def ask(self, question: str, **options) -> Answer:
        return ask(self.searcher(), question, **options)

    def close(self) -> None:
        """Release the generation loaded (its store); an answer under way keeps what it holds."""
        self._searcher.close()
