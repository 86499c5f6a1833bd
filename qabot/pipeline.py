"""The whole flow in one place: build the index, ask a question.

    files -> parse -> paragraphs -> embed -> index      (build)
    question -> understand -> retrieve -> answer        (ask)
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from .answer import Answer, compose
from .config import Settings
from .errors import BadQuestion
from .ingest import IngestReport, ingest
from .query import understand
from .retrieve import Searcher


def build(paths: list[Path], settings: Settings, prune: bool = False, progress=None) -> IngestReport:
    return ingest(paths, settings, prune=prune, progress=progress)


def open_searcher(settings: Settings) -> Searcher:
    return Searcher(settings)


def clean_question(question: str, limit: int) -> str:
    """The question as asked, minus control characters; refuses empty and overlong ones."""
    if question is None:
        raise BadQuestion("The question is empty.")
    text = "".join(c if c.isprintable() or c in "\n\t" else " " for c in question)
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    if not text:
        raise BadQuestion("The question is empty.")
    if len(text) > limit:
        raise BadQuestion(f"The question is {len(text)} characters long; the limit is {limit} "
                          "(max_question_chars).")
    return text


def ask(searcher: Searcher, question: str, k: int | None = None, doc: str | None = None, year: int | None = None,
        max_tokens: int | None = None, context_doc: str | None = None) -> Answer:
    settings = searcher.settings
    text = clean_question(question, settings.max_question_chars)
    k = k or settings.k
    query = understand(text)
    retrieval = searcher.search(query, k, doc=doc, year=year, context_doc=context_doc)
    return compose(searcher, retrieval, k, settings.max_tokens if max_tokens is None else max_tokens)
