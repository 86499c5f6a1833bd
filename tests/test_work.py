"""A question's work must not grow with the corpus (issue 16): the same questions, answered by the
seed index and by one ten times larger (the seeds plus a dozen later versions of four of them, as the
UN adopts a resolution again year after year), cost about the same number of Python calls: every
function and builtin called while answering, a count that an O(corpus) loop (a note that compared
every document's title, an alignment made per question) multiplies by ten. A count, not a time."""

from __future__ import annotations

import shutil
import sys

import pytest

from qabot import config
from qabot.ingest.run import ingest
from qabot.pipeline import ask, open_searcher

from .conftest import CORPUS

# the number each seed prints, and the numbers of its later versions (new symbols: not the same document)
RENUMBERED = {"000": ("57/210", "{}/210", 60), "002": ("2003/73", "{}/73", 2004),
              "003": ("2002/L.108", "{}/L.108", 2004), "004": ("57/224", "{}/224", 60)}
VERSIONS = 12
QUESTIONS = ["What does operative paragraph 15 of resolution 57/210 say?",
             "which regional workshops were held in 2003?",
             "What did the General Assembly say about national institutions?",
             "Which resolutions recall resolution 32/127?",
             "What did the 2003 Commission resolution say about regional workshops?"]


@pytest.fixture(scope="module")
def larger_index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("larger")
    shutil.copytree(CORPUS, folder / "corpus")
    for seed in sorted(CORPUS.glob("*.txt")):
        if seed.name[:3] not in RENUMBERED:
            continue
        old, new, first = RENUMBERED[seed.name[:3]]
        text = seed.read_text(encoding="utf-8")
        assert old in text
        for k in range(VERSIONS):
            (folder / "corpus" / f"{seed.stem}-v{k}.txt").write_text(text.replace(old, new.format(first + k)),
                                                                     encoding="utf-8")
    report = ingest([folder / "corpus"], config.load(index=folder / "index"))
    assert len(report.added) == 5 + 4 * VERSIONS and not report.skipped
    return folder / "index", report.paragraphs


def calls(index, question: str) -> int:
    """Python calls (functions and builtins) made while answering `question`, once the index is loaded
    and one other question has been answered (what loads on first use is loaded)."""
    searcher = open_searcher(config.load(index=index))
    ask(searcher, "What is the role of the Office of the High Commissioner?")
    count = [0]

    def profile(frame, event, arg):
        if event in ("call", "c_call"):
            count[0] += 1

    sys.setprofile(profile)
    try:
        answer = ask(searcher, question)
    finally:
        sys.setprofile(None)
        searcher.close()
    assert answer.passages
    return count[0]


@pytest.mark.parametrize("question", QUESTIONS)
def test_a_questions_work_does_not_grow_with_the_corpus(corpus_index, larger_index, question):
    index, paragraphs = larger_index
    assert paragraphs >= 10 * 156
    small, large = calls(corpus_index, question), calls(index, question)
    assert large < 3 * small, (small, large)


def test_the_larger_index_has_version_families_to_look_up(larger_index):
    """The copies are versions of their seed (found by content: they print no title), so the counts
    above include the version notes' lookups."""
    searcher = open_searcher(config.load(index=larger_index[0]))
    try:
        answer = ask(searcher, QUESTIONS[0])
        assert sum("is also in" in n for n in answer.notes) >= 1
        assert len(searcher.store.versions_of("000_e943feafb609eb45")) == VERSIONS + 1  # the copies and 2004's
    finally:
        searcher.close()


def steps(index, call) -> int:
    """SQLite virtual machine steps (rows visited, in effect) of `call(store)`."""
    searcher = open_searcher(config.load(index=index))
    count = [0]

    def step():
        count[0] += 1
        return 0

    try:
        db = searcher.store.db
        db.set_progress_handler(step, 1)
        found = call(searcher.store)
        db.set_progress_handler(None, 1)
    finally:
        searcher.close()
    assert found
    return count[0]


@pytest.mark.parametrize("name", ["57/210", "2003/73", "A/RES/57/224"])
def test_a_document_named_by_its_number_is_a_lookup_not_a_scan(corpus_index, larger_index, name):
    small = steps(corpus_index, lambda store: store.find_documents(name))
    large = steps(larger_index[0], lambda store: store.find_documents(name))
    assert large < 3 * small, (small, large)
