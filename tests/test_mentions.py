"""Every paragraph of a named text that mentions a subject (qabot/answer/mentions.py), against the real index
of corpus/ (conftest)."""

from __future__ import annotations

import pytest

from qabot.language.citing import mentions_asked
from qabot.pipeline import ask


@pytest.mark.parametrize("question, subject", [
    ("which paragraphs of 2003/73 mention the eleventh Workshop?", "the eleventh Workshop"),
    ("list every paragraph of L.108 that mentions racism", "racism"),
    ("In which paragraphs does 57/224 speak of xenophobia?", "xenophobia"),
    ("what does 57/210 say about Africa?", None),  # what it says, not where
    ("which workshops does 2003/73 mention?", None),  # the workshops, not paragraphs
    ("which parts of 57/210 mention Africa?", "Africa"),  # parts of a text
    ("Could you find me every passage of 57/224 that talks about xenophobia or racism?", "xenophobia or racism"),
    ("57/224 - every operative para where the Assembly 'reaffirms' something", "reaffirms"),  # a verb quoted
    ("Which operative clauses of 57/224 welcome anything?", "welcome"),  # a verb of paragraphs of a kind
    ("which operative paragraphs of 57/224 mention racism?", "racism"),
    ("which paragraphs of 57/224 mention anything about racism?", "racism"),
    # not a verb of the texts, or a subject after it: what is said about something
    ("which operative paragraphs of 2003/73 say anything about national institutions?", None),
    ("which operative paragraphs of 57/224 reaffirm something about dialogue?", None),
    ("which paragraphs of General Assembly resolution 57/224 mention racism?", "racism"),
    ("which paragraphs of both texts mention the eleventh Workshop?", "the eleventh Workshop"),
    # parts of a place, and words pointing back at them: a question about content, not a list of paragraphs
    ("Which parts of Africa did the Office's presence cover according to the 2004 text, and did the 2002 "
     "resolution name the same ones?", None),
    ("which paragraphs of the 2004 text mention the workshops, and which paragraphs of 57/210 name them?",
     "the workshops"),
])
def test_a_question_for_every_paragraph_that_mentions_a_subject_is_told_apart(question, subject):
    assert mentions_asked(question) == subject


def test_every_paragraph_that_mentions_it_is_listed_in_the_texts_order(searcher):
    # a ranking cut at k showed five of the eight, and with -k 20 padded past them with paragraphs that do not
    # mention it, all "match"
    answer = ask(searcher, "which paragraphs of 2003/73 mention the eleventh Workshop?", k=5)
    labels = [p.paragraph.label for p in answer.passages]
    assert answer.found and labels == ["pp9", "4", "5", "6", "7", "8", "9", "14"]
    assert answer.lead.startswith("8 paragraphs of E/CN.4/RES/2003/73 mention")
    assert all("eleventh" in p.text.lower() and "workshop" in p.text.lower() for p in answer.passages)
    africa = ask(searcher, "which paragraphs of 57/210 mention Africa?")  # "African regional dialogues" too
    assert "op. 10" in africa.lead and all("Africa" in p.text for p in africa.passages)


def test_no_paragraph_that_mentions_it_is_said(searcher):
    answer = ask(searcher, "which paragraphs of 57/224 mention fisheries?")
    assert not answer.found and answer.lead == "No paragraph of A/RES/57/224 mentions \u201cfisheries\u201d."


def test_every_paragraph_of_a_kind_that_says_a_verb_is_listed(searcher):
    answer = ask(searcher, "57/224 - every operative para where the Assembly 'reaffirms' something, exact wording")
    assert answer.found and answer.lead == "4 paragraphs of A/RES/57/224 mention \u201creaffirms\u201d: op. 1, op. 2, op. 4, op. 6."


def test_paragraphs_of_a_kind_that_say_a_verb_unquoted_are_listed(searcher):
    answer = ask(searcher, "which preambular paragraphs of 57/210 recall something? not the operative ones")
    assert answer.found and answer.lead == "3 paragraphs of A/RES/57/210 mention \u201crecall\u201d: pp. 1, pp. 2, pp. 5."


def test_a_symbol_asked_about_is_one_subject_not_alternatives(searcher):
    answer = ask(searcher, "which paragraphs of 2003/73 mention resolution 2002/82?")
    assert answer.lead.startswith("2 paragraphs of E/CN.4/RES/2003/73 mention \u201cresolution 2002/82\u201d")
