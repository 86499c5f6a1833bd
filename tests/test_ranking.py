"""The ranking and the passage list as a user sees them: names people use for documents, dates and
ordinals understood; footnotes attached to the paragraph that cites them; a list's chapeau shown once;
both sides of a question that spans two documents; no text twice.

Against the real model, a real FAISS index and a real store built from corpus/ (conftest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qabot.evaluate import norm, read_gold
from qabot.labels import MONTHS, ORDINALS
from qabot.language.stemming import stem
from qabot.pipeline import ask
from qabot.render import answer_markdown, answer_text, slack_blocks
from qabot.render.answer_markdown import escape
from qabot.search.events import event_words
from qabot.search.expansion import same_series
from qabot.search.followup import asks_outcome
from qabot.search.query import spell_out, understand

L108 = "E/CN.4/2002/L.108"


# ---------------------------------------------------------------- names people use
@pytest.mark.parametrize("question", ["who sponsored L.108?", "what does L.108 say about the Board of Trustees?",
                                      "L.108 - what should field activities be complemented by?"])
def test_a_draft_named_by_its_symbols_tail_is_that_document(question):
    assert understand(question).symbols == ["L.108"]


def test_who_sponsored_a_draft_named_by_its_tail_lists_its_sponsors(searcher):
    answer = ask(searcher, "who sponsored L.108?")
    assert answer.found and "Afghanistan" in answer.lead and "Liechtenstein" in answer.lead


def test_a_question_naming_a_document_answers_from_it(searcher):
    answer = ask(searcher, "what does L.108 say about the Board of Trustees of the Voluntary Fund?", k=5)
    assert answer.passages and all(p.document.symbol == L108 for p in answer.passages)


@pytest.mark.parametrize("written, meant", [
    ("the 11th workshop", "the eleventh workshop"), ("its 59th session", "its fifty-ninth session"),
    ("the Dec 2002 GA text", "the December 2002 GA text"), ("on 5 Dec 2002", "on 5 December 2002"),
    ("the CHR's April '03 text", "the CHR's April 2003 text"), ("in '98", "in 1998"),
    # chat shorthand
    ("a session w/ civil society folks b4 the gathering", "a session with civil society folks before the gathering"),
    ("adopted w/o a vote?", "adopted without a vote?"), ("smth abt tech coop", "something about tech cooperation"),
    ("asia pac workshops - where n when?", "Asia-Pacific workshops - where and when?"),
    ("the APAC framework", "the Asia-Pacific framework"),
    # a year said aloud, as dictation writes it
    ("the resolution in twenty ten", "the resolution in 2010"), ("nineteen ninety-three", "1993"),
    ("twenty oh three", "2003"), ("in two thousand and four", "in 2004"), ("Twenty Seventeen", "2017"),
    # a hashtag's words run together
    ("#AnnualAppeal2003 which resolution mentions it??", "Annual Appeal 2003 which resolution mentions it??"),
    ("#humanrights #NHRIs", "humanrights NHRIs"),
    # a number dictated as the word that sounds like it, where that word cannot stand
    ("what are the for areas of the framework", "what are the four areas of the framework"),
    ("its to workshops", "its two workshops"),
])
def test_figures_and_short_forms_are_read_as_the_documents_write_them(written, meant):
    assert spell_out(written) == meant


@pytest.mark.parametrize("unchanged", ["the May meeting", "I'm 3 days late", "the Dec. figures", "rock 'n' roll",
                                       "resolution 57/210", "the 0th item", "A/RES/57/210", "b4x", "yrself",
                                       "twenty one States", "two thousand people", "twenty-two sponsors",
                                       "the to-do list", "what are the for and against arguments",
                                       "were two thousand three hundred officials trained?",
                                       "two thousand and fifty participants", "what about those for countries?",
                                       "the too ambitious goals", "resolution #5", "A&#39;s",
                                       "op. 4 (n) and (o)", "sub-paragraph n of op. 3", "the pac fund"])
def test_what_is_not_a_short_form_is_left_alone(unchanged):
    assert spell_out(unchanged) == unchanged


def test_a_short_year_and_month_are_understood():
    q = understand("The CHR's April '03 text and the Dec 2002 one")
    assert q.years == [2003, 2002] and q.months == [4, 12]
    assert q.text == "The CHR's April '03 text and the Dec 2002 one"  # shown as typed


def test_an_ordinal_in_figures_finds_the_paragraph_that_spells_it(searcher):
    answer = ask(searcher, "where was the 11th Asia-Pacific workshop held?", k=5)
    assert any("Islamabad" in p.text for p in answer.passages[:3])


@pytest.mark.parametrize("question, label", [
    ("What's in 8 (e) of the Assembly's 2004 resolution on regional arrangements?", "8 (e)"),
    ("what does op. 8(e) of 57/210 say", "8 (e)"),
    ("paragraph 8 (e) of the 2004 resolution", "8 (e)"),
    ("quote 17 (b) of L.108", "17 (b)"),
])
def test_a_sub_paragraph_cited_as_people_cite_it(question, label):
    ref = understand(question).paragraph
    assert ref is not None and ref.label() == label


@pytest.mark.parametrize("question", ["What does article 1 (a) of the Charter say?", "see chapter 2 (b)",
                                      "what did General Assembly resolution 92 (X) establish?"])
def test_an_articles_letter_is_not_a_paragraph(question):
    assert understand(question).paragraph is None


def test_a_bare_sub_paragraph_reference_is_quoted_first(searcher):
    answer = ask(searcher, "What's in 8 (e) of the Assembly's 2004 resolution on regional arrangements?", k=5)
    first = answer.passages[0]
    assert first.role == "named" and first.paragraph.label == "8 (e)" and first.document.date.startswith("2004")


@pytest.mark.parametrize("question, cross", [
    ("what became of the request of 57/210 in the 2004 resolution?", True),
    ("does 57/210 agree with 2003/73 on workshops?", True),
    ("did the later GA text add anything to that?", True),
    ("how did the work in Africa change between the 2002 and 2004 resolutions?", True),
    ("which regional workshops were held in 2003?", False),
    ("where does real change on people's freedoms come from?", False),
    ("Did the focus of cooperation with Europe shift between res 57/210 and the 2004 GA resolution?", True),
    ("what does 57/210 say about the Pacific?", False),
])
def test_questions_that_span_two_documents_are_told_apart(question, cross):
    assert understand(question).cross is cross


@pytest.mark.parametrize("question, note", [
    ("I'm footnoting the Vienna Declaration: which document symbol do the texts cite?", True),
    ("what's the symbol of the report the Assembly took note of?", True),
    ("which official records does 57/224 refer to?", True),
    ("what does footnote 2 of 57/224 say?", False),  # a footnote by its number: quoted as asked
    ("which regional workshops were held in 2003?", False),
])
def test_questions_that_ask_for_a_note_are_told_apart(question, note):
    assert understand(question).asks_note is note


# ---------------------------------------------------------------- the passage list
TUNE = Path(__file__).resolve().parent / "questions" / "tune.jsonl"
TUNE_QUESTIONS = read_gold(TUNE)


def test_a_footnote_that_matches_brings_the_paragraph_citing_it_not_itself(searcher):
    answer = ask(searcher, "what is the date of CHR res 1993/51 that the GA regional arrangements resolutions recall?",
                 k=5)
    assert all(p.paragraph.kind != "footnote" for p in answer.passages)
    citing = [p for p in answer.passages if "1993/51" in p.text]
    assert citing and citing[0].footnotes, "the paragraph that cites the Official Records carries its note"
    note = citing[0].footnotes[0]
    assert note.kind == "footnote" and "Official Records of the Economic and Social Council, 1993" in note.text
    shown = citing[0].to_json()["footnotes"][0]
    assert shown["label"] == note.label and shown["text"] == note.text  # verbatim, in the JSON


def test_a_note_no_paragraph_cites_is_shown_when_it_matches(searcher):
    # the draft's "*" note (on its sponsors' line) is cited by no paragraph: it was dropped, and the question
    # was answered with "Decides to continue consideration of this subject at its sixtieth session"
    answer = ask(searcher, "what does rule 69 of the rules of procedure concern?", k=3)
    first = answer.passages[0]
    assert first.document.symbol == "E/CN.4/2002/L.108" and first.paragraph.label == "fn*"
    assert "rule 69, paragraph 3" in answer.lead


def test_a_footnote_is_shown_under_the_paragraph_citing_it(searcher):
    answer = ask(searcher, "what is the date of CHR res 1993/51 that the GA regional arrangements resolutions recall?",
                 k=3)
    citing = next(p for p in answer.passages if p.footnotes)
    note = citing.footnotes[0]
    text = answer_text.plain(answer, width=1000)
    assert text.index(citing.text) < text.index(f"{note.citation_label}: {note.text}")
    assert f"{note.citation_label}: {escape(note.text)}" in answer_markdown.markdown(answer)
    slack = slack_blocks.passage_blocks(citing)
    assert slack[-1]["type"] == "context" and note.text in slack[-1]["elements"][0]["text"]


@pytest.mark.parametrize("gold", TUNE_QUESTIONS, ids=[g.id for g in TUNE_QUESTIONS])
def test_no_bare_footnote_no_text_twice_and_no_chapeau_alone_in_the_first_five(searcher, gold):
    answer = ask(searcher, gold.question, k=5)
    texts = [norm(p.text) for p in answer.passages]
    assert len(texts) == len(set(texts)), "the same text twice"
    for p, after in zip(answer.passages, answer.passages[1:] + [None]):
        if p.role == "chapeau":
            assert after is not None and after.paragraph.parent == p.paragraph.label, "a chapeau alone"
    if not understand(gold.question).asks_note:
        assert [p.citation for p in answer.passages if p.paragraph.kind == "footnote" and p.role != "named"] == []


def test_a_question_asking_for_a_note_gets_the_notes(searcher):
    answer = ask(searcher, "I'm footnoting the Vienna Declaration: under which document symbol do the texts cite it?",
                 k=10)
    assert any(p.paragraph.kind == "footnote" and "A/CONF.157/24" in p.text for p in answer.passages)


@pytest.mark.parametrize("question", [
    "Which resolutions request the Secretary-General to report back, and to which session?",
    "what is the Secretary-General asked to do about the Board of Trustees in L.108?",
    "list what the 2004 regional arrangements resolution welcomes about OHCHR's regional work",
])
def test_a_chapeau_is_shown_once_with_its_items_and_takes_no_place(searcher, question):
    answer = ask(searcher, question, k=5)
    assert sum(p.role != "chapeau" for p in answer.passages) == 5
    for i, p in enumerate(answer.passages):
        if p.role == "chapeau":
            after = answer.passages[i + 1] if i + 1 < len(answer.passages) else None
            assert after is not None and after.paragraph.parent == p.paragraph.label \
                and after.document.id == p.document.id, "a chapeau alone"
            assert after.context is None, "the chapeau shown again as its item's context"
        elif p.paragraph.parent and p.context is None:
            assert any(c.role == "chapeau" and c.paragraph.label == p.paragraph.parent
                       and c.document.id == p.document.id for c in answer.passages[:i])


@pytest.mark.parametrize("question", [
    "Did the focus of OHCHR's cooperation with Europe and Central Asia shift between res 57/210 and the 2004 GA "
    "resolution?",
    "57/210 asked the Secretary-General for a report for the fifty-ninth session - did the Assembly get it?",
])
def test_a_question_spanning_two_documents_gets_both_sides(searcher, question):
    answer = ask(searcher, question, k=5)
    firsts = [p.document.id for p in answer.passages if p.role != "chapeau"][:3]
    assert len(set(firsts)) >= 2


def test_a_question_spanning_two_versions_gets_what_the_first_passage_became(searcher):
    # not the other text's best match on the words (its general paragraph on the subregional approach), but
    # the paragraph the first one was aligned with at ingest: the older list of Africa's subregions
    answer = ask(searcher, "According to the 2002 resolution on regional arrangements, in which parts of Africa was "
                           "the High Commissioner's office present, and does the 2004 resolution still list the same "
                           "parts?", k=5)
    first, second = [p for p in answer.passages if p.role != "chapeau"][:2]
    assert first.document.date.startswith("2004") and "southern, central and eastern Africa" in first.text
    assert second.document.symbol == "A/RES/57/210" and "southern, central, eastern and western Africa" in second.text


def test_a_question_naming_one_document_and_spanning_two_is_not_shut_in_the_one(searcher):
    answer = ask(searcher, "what became of the request of 57/210 for a report to the fifty-ninth session in the 2004 "
                           "resolution?", k=5)
    assert any(p.document.date.startswith("2004") for p in answer.passages)


# ---------------------------------------------------------------- series are never swapped
@pytest.mark.parametrize("question, member, others", [
    ("what happened in February at the workshop?", "february", MONTHS),
    ("which conclusions of the eleventh workshop were endorsed?", "eleventh", ORDINALS),
    ("what does the Assembly decide for its sixtieth session?", "sixtieth", ORDINALS + ["fiftieth", "seventieth"]),
    ("are three regional commissions named?", "three", ["one", "two", "four", "five", "six", "iii", "iv"]),
])
def test_a_member_of_a_series_never_stands_in_for_another(searcher, question, member, others):
    terms = searcher.term_weights(understand(question))
    swapped = {stem(w.lower()) for w in others} - {stem(member)}
    assert not swapped & set(terms.expanded), "a member of the series stood in for another"
    assert stem(member) in terms.typed


def test_series_members_are_told_apart_from_other_words():
    assert same_series(stem("february"), stem("march")) and same_series(stem("eleventh"), stem("twelfth"))
    assert same_series("2003", "2004") and same_series(stem("three"), stem("iv"))
    assert not same_series(stem("february"), stem("february")) and not same_series(stem("workshop"), stem("seminar"))
    assert not same_series(stem("march"), stem("eleventh"))  # a month and an ordinal: two series


def test_a_country_is_found_through_the_city_the_paragraph_names(searcher):
    # the seeds never print "Qatar": the twelfth workshop was "held ... in Doha"
    answer = ask(searcher, "What meetings took place in Qatar?")
    assert answer.found and "Qatar" not in answer.lead
    assert "in Doha from 2 to 4 March 2004" in answer.passages[0].text
    assert "Doha" in answer.passages[0].highlight


def test_a_country_no_paragraph_names_nor_any_of_its_cities_is_still_absent(searcher):
    answer = ask(searcher, "What meetings took place in Kenya?")
    assert not answer.found and "Kenya" in answer.lead


def test_a_matching_chapeau_brings_its_answering_item_not_its_whole_list(searcher):
    # "Requests the Secretary-General:" (L.108 op. 17) matches; only its item (c) asks for a report
    answer = ask(searcher, "Which resolutions request the Secretary-General to report back, and to which session?")
    labels = [(p.document.symbol, p.paragraph.label) for p in answer.passages]
    assert ("E/CN.4/2002/L.108", "17 (c)") in labels
    assert ("E/CN.4/2002/L.108", "17 (a)") not in labels
    symbols = {symbol for symbol, _ in labels}
    assert {"A/RES/57/210", "E/CN.4/RES/2003/73"} <= symbols  # the direct answers are not pushed out


def test_an_item_asked_about_stays_first_when_its_document_is_named(searcher):
    # op. 8 of the 2004 resolution is a list of six regions' activities; the question is about one of them,
    # so the whole list (in its own order, Africa first) must not push that item down
    answer = ask(searcher, "which European bodies does the 2004 Assembly resolution name for Europe and Central Asia?",
                 k=5)
    first = next(p for p in answer.passages if p.role != "chapeau")  # the list's chapeau is shown above it
    assert answer.found and "Council of Europe" in first.text


@pytest.mark.parametrize("question", ["what does footnote * of L.108 say?",
                                      "what do the asterisks next to some sponsors of L.108 mean?",
                                      "why are some countries starred in the L.108 sponsor list?",
                                      # in plain words (it was read as a question about the sponsors)
                                      "what does the little star after some of the co-sponsor names on the 2002 "
                                      "TC draft mean?",
                                      "what does the * after Pakistan mean in L.108?"])
def test_a_note_marked_by_an_asterisk_is_a_footnote_asked_for(searcher, question):
    assert understand(question).paragraph.label() == "fn*"
    answer = ask(searcher, question, k=3)
    assert answer.passages[0].paragraph.label == "fn*" and "rule 69" in answer.passages[0].text


def test_each_of_two_documents_described_gets_its_own_answer(searcher):
    # the documents are "the two Assembly regional arrangements resolutions", not the advisory-services
    # draft that the words "Commission resolution on advisory services" describe
    question = ("In both of the Assembly's regional arrangements resolutions, which Commission resolution on "
                "advisory services is recalled as its latest?")
    assert understand(question).sides == "Assembly's regional arrangements resolutions"
    texts = " ".join(p.text for p in ask(searcher, question, k=5).passages)
    assert "2002/87" in texts and "2004/81" in texts


def test_the_only_text_of_a_year_is_the_text_a_question_means_and_the_best_item_of_a_list_leads(searcher):
    # "the 2004 resolution": one document of the corpus is of 2004; op. 8 (f) names the Council of Europe and
    # leads its sibling 8 (c), which only mentions 2004
    answer = ask(searcher, "What does the 2004 resolution say about the Council of Europe?", k=5)
    first = next(p for p in answer.passages if p.role != "chapeau")
    assert answer.found and "Council of Europe" in first.text and first.document.date.startswith("2004")


@pytest.mark.parametrize("question, year", [
    ("what did the GA say about the African Union in 2004?", "2004"),  # what it said that year: its text of 2004
    ("what did the GA say about the African Union in 2002?", "2002"),
])
def test_what_a_body_said_in_a_year_is_its_text_of_that_year(searcher, question, year):
    answer = ask(searcher, question, k=5)
    assert answer.found and answer.passages[0].document.date.startswith(year)
    assert "African Union" in answer.passages[0].text


def test_an_event_year_does_not_describe_the_text(searcher):
    # "held in 2003" dates the workshops, not a text of the Assembly (it has none of 2003)
    answer = ask(searcher, "what did the GA say about the workshops held in 2003?", k=5)
    assert answer.found


@pytest.mark.parametrize("question, words", [
    ("what happened at the Islamabad meeting?", {"eleventh", "workshop"}),
    ("what happened at the Doha workshop?", {"twelfth", "workshop"}),
    # "the ninth and tenth Workshops ..., held in Bangkok and Beirut ..., respectively"
    ("what happened at the Bangkok workshop?", {"ninth", "workshop"}),
])
def test_a_meeting_named_by_its_town_is_the_meeting_the_corpus_held_there(searcher, question, words):
    assert set(event_words(searcher, understand(question))) == words


def test_a_paragraph_naming_the_meeting_by_its_ordinal_answers_for_its_town(searcher):
    # 2003/73 op. 8 speaks of "the official opening of the eleventh Workshop", never of Islamabad
    answer = ask(searcher, "what did the Commission ask the Office to organise before the Islamabad meeting opened?",
                 k=3)
    assert "consultation of non-governmental actors" in answer.passages[0].text


def test_the_frame_of_a_question_is_not_its_subject(searcher):
    # "what role do X play": the paragraph on regional arrangements' "important role" must not lead
    q = understand("what role do national human rights institutions play according to the texts?")
    assert q.term_weight["role"] < 1 and q.term_weight["play"] < 1 and q.term_weight["institutions"] == 1
    answer = ask(searcher, q.text, k=3)
    assert "institutions" in answer.passages[0].text


def test_a_document_named_by_its_subject_is_asked_about_itself(searcher):
    answer = ask(searcher, "Which body adopted the text on advisory services and technical cooperation?")
    assert answer.found and answer.lead.startswith("E/CN.4/2002/L.108 ")
    assert "Commission on Human Rights" in answer.lead


@pytest.mark.parametrize("question, author, addressed", [
    ("How does the GA characterise the UN's cooperation with regional human rights arrangements?", True, False),
    ("according to the Assembly, where does progress come from?", True, False),
    ("which reports must the Secretary-General submit to the General Assembly?", True, True),
    ("what goes before the Commission at its next session?", True, True),
])
def test_a_body_that_speaks_is_told_from_a_body_spoken_to(question, author, addressed):
    q = understand(question)
    assert bool(q.bodies) == author and bool(q.addressed) == addressed


def test_the_body_whose_texts_speak_does_not_pull_paragraphs_that_name_it(searcher):
    # "the GA" says who speaks; the paragraph asking for a report *to the General Assembly* is not what it said
    answer = ask(searcher, "How does the GA characterise the UN's cooperation with regional human rights "
                           "arrangements?", k=5)
    assert "both substantive and supportive" in answer.passages[0].text
    assert answer.passages[0].document.body == "General Assembly"


@pytest.mark.parametrize("question, verb", [
    ("what did the CHR's April 2003 resolution decide?", "Decides"),
    ("what did the December 2002 Assembly resolution on international cooperation reaffirm?", "Reaffirms"),
])
def test_the_month_that_dates_the_text_asked_about_does_not_pull_paragraphs_naming_that_month(searcher, question,
                                                                                              verb):
    # "April 2003" says which text; "Recalling its resolution 2002/82 of 26 April 2002" is not what it decided
    answer = ask(searcher, question, k=3)
    assert answer.passages[0].text.startswith(verb)


def test_a_full_date_of_other_texts_is_not_the_date_of_the_text_it_resembles(searcher):
    # the Commission's texts "dated 26 April 2002" are cited by others; the draft of 22 April 2002 is not them
    answer = ask(searcher, "Which Commission resolutions dated 26 April 2002 are cited across the corpus, and by "
                           "which texts?", k=10)
    shown = " ".join(p.text for p in answer.passages[:5])
    assert all(f"{number} of 26 April 2002" in shown for number in ("2002/82", "2002/86", "2002/87"))


def test_a_year_that_dates_a_list_or_wording_means_the_text_of_that_year(searcher):
    # "the 2004 wording ... the 2002 wording": the two versions' paragraphs, not paragraphs that mention 2002
    answer = ask(searcher, "What does the 2004 wording add to the 2002 wording on exchanges with the treaty bodies?",
                 k=4)
    first = answer.passages[0]
    assert first.text.startswith("Welcomes the growing exchanges") and first.document.date.startswith("2004")
    assert any(p.text.startswith("Welcomes the growing exchanges") and p.document.date.startswith("2002")
               for p in answer.passages[1:3])


def test_where_and_when_asked_together_put_first_the_paragraph_giving_both(searcher):
    answer = ask(searcher, "Where and when was the eleventh Asia-Pacific workshop held?", k=3)
    assert "held in Islamabad from 25 to 27 February 2003" in answer.passages[0].text
    assert understand("When and in which city did the twelfth workshop take place?").place_and_time
    assert not understand("where was it held?").place_and_time


def test_what_became_of_a_request_shows_the_request_then_the_later_text_receiving_it(searcher):
    answer = ask(searcher, "The 2002 Assembly resolution asked for a report on the state of regional arrangements; "
                           "was it ever submitted?", k=3)
    request, outcome = answer.passages[:2]
    assert request.text.startswith("Requests the Secretary-General to submit") and request.document.date < "2003"
    assert outcome.text.startswith("Takes note with satisfaction of the report") and outcome.document.date > "2004"
    assert any("A/59/323" in note.text for note in outcome.footnotes)  # the report's symbol, as the text cites it


def test_a_request_asked_about_as_such_is_not_followed_by_its_outcome(searcher):
    answer = ask(searcher, "what report did the 2002 Assembly resolution on regional arrangements request?", k=3)
    assert not any(p.text.startswith("Takes note with satisfaction") for p in answer.passages)


@pytest.mark.parametrize("question, asks", [
    ("did the Assembly get it?", True), ("was the study ever submitted?", True),
    ("what happened to the report?", True), ("what became of the request for a workshop?", True),
    ("what report did the resolution request?", False), ("who submits the report?", False),
])
def test_questions_asking_what_became_of_a_request_are_told_apart(question, asks):
    assert asks_outcome(question.lower()) == asks


def test_versions_that_differ_in_the_session_asked_for_are_both_shown(searcher):
    # the 2002 text asks for a report at the fifty-ninth session, the 2004 one at the sixty-first: two answers
    answer = ask(searcher, "To which session is the Secretary-General to report on regional arrangements?", k=5)
    shown = " ".join(p.text for p in answer.passages)
    assert "at its fifty-ninth session a report on the state of regional arrangements" in shown
    assert "at its sixty-first session a report on the state of regional arrangements" in shown


def test_versions_that_differ_only_in_wording_are_still_shown_once(searcher):
    answer = ask(searcher, "what does the Assembly say about regional arrangements reinforcing universal standards?",
                 k=5)
    texts = [p.text for p in answer.passages]
    assert sum("should reinforce universal human rights standards" in t for t in texts) == 1


def test_a_resolution_the_corpus_only_cites_is_searched_for_not_stripped(searcher):
    # "1993/51" is a text the Assembly's resolutions recall, not one of the corpus: its number is a search word
    answer = ask(searcher, "whats the date of CHR res 1993/51 that the GA resolutions on regional arrangements "
                           "recall?", k=3)
    assert "resolution 1993/51 of 9 March 1993" in answer.passages[0].text


def test_when_a_cited_text_was_adopted_is_not_answered_from_the_metadata_of_the_text_citing_it(searcher):
    answer = ask(searcher, "when was Commission resolution 2002/82 adopted, which 2003/73 recalls?")
    assert "2002/82 of 26 April 2002" in answer.lead and "62nd meeting" not in answer.lead


@pytest.mark.parametrize("question, other", [
    ("2003/73 asked the SG to report on the conclusions of the twelfth workshop - what did the 2004 GA resolution "
     "say about that workshop?", "eleventh and twelfth Workshops"),
    ("L.108 calls for more money for technical cooperation - what did the 2004 GA resolution say about resources "
     "for OHCHR regional work?", "as foreseen in programme 19"),
])
def test_a_text_named_by_number_does_not_shut_out_the_text_described_beside_it(searcher, question, other):
    answer = ask(searcher, question, k=4)
    assert any(p.document.date.startswith("2004") and other in p.text for p in answer.passages[:3])
    assert answer.passages[0].document.date < "2004"  # the text named comes first


def test_a_text_named_by_number_does_not_shut_out_a_body_and_year_asked_about_beside_it(searcher):
    answer = ask(searcher, "2003/73 endorsed the conclusions of the eleventh workshop - how did the GA refer to the "
                           "Islamabad meeting in 2004?", k=4)
    assert any(p.document.body == "General Assembly" and p.document.date.startswith("2004")
               and "eleventh and twelfth Workshops" in p.text for p in answer.passages[:2])


def test_the_paragraph_naming_the_four_areas_one_by_one_leads_those_that_only_mention_them(searcher):
    answer = ask(searcher, "what are the four areas of the Framework for Regional Technical Cooperation in the "
                           "Asia Pacific", k=3)
    assert "namely human rights education, national institutions" in answer.passages[0].text


def test_an_event_year_beside_a_text_named_by_number_does_not_bring_in_another_text(searcher):
    answer = ask(searcher, "What did the GA say in resolution 57/224 about the workshop held in 2004?", k=3)
    assert all(p.document.symbol == "A/RES/57/224" for p in answer.passages)


def test_where_a_meeting_was_held_puts_first_the_paragraph_giving_the_place(searcher):
    answer = ask(searcher, "where was the eleventh asia-pacific workshop on regional cooperation held?", k=3)
    assert "held in Islamabad" in answer.passages[0].text


def test_a_town_that_names_a_meeting_is_not_what_is_asked_about_it(searcher):
    # "Endorses the conclusions of the eleventh Workshop" (2003/73 op. 5) answers; the paragraph welcoming the
    # workshop "held in Islamabad" ranked first on the town's name alone
    answer = ask(searcher, "what did the workshop in Islamabad conclude?")
    first = answer.passages[0]
    assert (first.document.symbol, first.paragraph.label) == ("E/CN.4/RES/2003/73", "5")
    # the town is what is asked where the question is about hosting or holding it
    answer = ask(searcher, "who hosted the Doha workshop?")
    assert "Doha" in answer.passages[0].text


def test_a_body_the_question_names_ranks_its_texts_first(searcher):
    # "domestic" for "national": a paraphrase matches the Commission's texts as well as the Assembly's; the
    # body asked about decides between them (BODY_BOOST)
    answer = ask(searcher, "what does the General Assembly say about strengthening domestic human rights capacities?", k=3)
    assert sum(p.document.body == "General Assembly" for p in answer.passages[:3]) >= 2


def test_an_ordinal_asked_about_is_not_the_end_of_a_compound_ordinal(searcher):
    # "the first one it recalls": "first" raised three paragraphs on the "sixty-first session" above the one
    # recalling resolution 32/127 of 1977
    answer = ask(searcher, "Since when has the GA been adopting resolutions on regional arrangements - what's the "
                           "first one it recalls?", k=5)
    assert answer.passages[0].text.startswith("Recalling its resolution 32/127 of 16 December 1977")


def test_which_resolution_of_a_body_is_a_resolution_cited_in_any_text(searcher):
    # "which GA res set it up?": GA resolution 92 (X), recalled in the Commission's draft, was 4th behind the
    # Assembly's own texts (the body read as the author of the texts asked about)
    answer = ask(searcher, "Since when has the UN had an advisory services programme in HR - which GA res set it "
                           "up and when?", k=5)
    assert answer.passages[0].text.startswith("General Assembly resolution 92 (X) of 14 December 1955")


def test_a_list_asked_of_the_documents_shows_the_best_of_each_text_first(searcher):
    # the eleventh workshop fills 2003/73's paragraphs; the ninth and tenth are 57/210's: a list asked of "the
    # documents" begins with the best paragraph of each text that matches nearly as well, not five of one
    answer = ask(searcher, "List every numbered workshop on regional cooperation in the Asia-Pacific that the "
                           "documents mention, and the town of each.", k=5)
    assert len({p.document.id for p in answer.passages[:2]}) == 2
    assert any("ninth and tenth Workshops" in p.text for p in answer.passages[:5])
