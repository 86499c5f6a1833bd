"""The kind of fact a question asks for, and whether the passages give it: "who chaired" asks for a
person, "what share of the funding" for an amount, "how many participants" for a number of participants
(not any number). A paragraph on the topic that does not give it is quoted as a partial answer,
`found: false`, with what it does not give (answer/decide.py).

Against the real model, a real FAISS index and a real store built from corpus/ (conftest)."""

from __future__ import annotations

import pytest

from qabot.language.facts import asks_for_items, counts, enumerates
from qabot.pipeline import ask
from qabot.search.query import understand


@pytest.mark.parametrize("question, kind", [
    ("Who chaired the Asia-Pacific workshop?", "person"),
    ("who represented the host government at the conference?", "person"),
    ("Who chaired the meeting?", "person"),
    ("Who are the four human rights personalities appointed as regional advisers?", "person"),
    ("What share of the Office's funding comes from voluntary contributions?", "amount"),
    ("what is the size of the regular budget for technical cooperation?", "amount"),
    ("what dollar amount did 57/210 earmark from the regular budget?", "amount"),
    ("which exact sum went to the Voluntary Fund?", "amount"),
    ("what's the budget for the regional advisers?", "amount"),  # "what's", as people type "what is"
    ("what\u2019s the cost of the workshops?", "amount"),
    ("what's the budget line that funds the regional work?", None),  # a programme of the budget, not a sum
    # the subject of these verbs is a State or a body, not a person
    ("who hosted the eleventh workshop?", None),
    ("who set up the voluntary fund?", None),
    ("Who represented the region at the workshop?", None),
    ("Who are the experts supposed to report to?", None),  # asks to whom, not for their names
    ("What level of resources does the resolution call for?", None),
    ("Which part of the resolution deals with funding?", None),
    # a country's name is asked for ...
    ("Which States sponsored the draft?", "country"),
    ("which country hosted the eleventh workshop?", "country"),
    # ... not when the question asks whom a text addresses (the texts address States as a class), nor
    # what countries are to do
    ("which states are urged to ratify the conventions?", None),
    ("Which governments are invited to contribute to the Fund?", None),
    ("what countries should do at home to protect human rights?", None),
])
def test_the_kind_of_fact_asked_for(question, kind):
    assert understand(question).answer_type == kind


@pytest.mark.parametrize("question, counted", [
    ("How many people attended the conference?", "people"),
    ("how many national human rights institutions exist in the region?", "institutions"),
    ("how many regional advisers did the High Commissioner appoint?", "advisers"),
    ("how many were appointed and what are they supposed to do?", None),
    ("how many participants attended workshops in 2003?", "participants"),
    ("how many women took part?", "women"),
])
def test_what_how_many_counts(question, counted):
    q = understand(question)
    assert q.answer_type == "count" and q.counted == counted


def test_a_number_counts_only_the_thing_asked_about():
    text = "the appointment of four human rights personalities to serve as regional advisers"
    assert counts(text, "advisers") and not counts(text, "regions")  # "regional" is not "regions"
    assert not counts("held in Islamabad from 25 to 27 February 2003", "participants")
    assert counts("attended by 120 representatives of Governments", "people")  # people: any person word
    assert not counts("the eleventh and twelfth Workshops, held in 2003 and 2004", "members")
    # a figure of a symbol, a date or a reference is not a count
    assert not counts("its resolution 32/127 of 16 December 1977 and its subsequent resolutions", "resolutions")
    assert not counts("rule 69, paragraph 3, of the rules of procedure", "paragraphs")


def test_a_number_of_something_else_is_not_the_answer(searcher):
    # the Board of Trustees is on topic (L.108), but no paragraph gives how many sit on it
    answer = ask(searcher, "How many members sit on the Board of Trustees of the Voluntary Fund?", k=5)
    assert not answer.found
    assert "number" in answer.lead and any("Board of Trustees" in p.text for p in answer.passages)


def test_the_number_asked_for_is_an_answer(searcher):
    answer = ask(searcher, "how many regional advisers did the High Commissioner appoint?", k=5)
    assert answer.found and "four human rights personalities" in answer.passages[0].text


@pytest.mark.parametrize("question, fields", [
    ("When was the Vienna Declaration and Programme of Action adopted?", []),
    ("on what date was the Arab Charter on Human Rights adopted, per the 2004 GA text?", []),
    ("when was the arab charter on human rights adopted?", []),  # typed in lower case
    ("When did the Vienna Declaration get adopted?", []),
    ("when was the resolution on national action plans adopted?", ["date"]),
    ("when was resolution 57/210 adopted?", ["date"]),
    ("On what date was the Commission's 2003 resolution adopted?", ["date"]),
])
def test_the_adoption_of_an_instrument_a_text_speaks_of_is_not_the_texts_own(question, fields):
    assert understand(question).metadata == fields


def test_a_date_of_a_named_thing_is_in_a_passage_that_names_it(searcher):
    # the 2004 resolution welcomes "the recent adoption of the Arab Charter on Human Rights" and gives no
    # date; a date of something else among the first passages (Vienna, 25 June 1993) is not its date
    answer = ask(searcher, "When was the Arab Charter on Human Rights adopted, according to the 2004 Assembly text?")
    assert not answer.found and "date" in answer.lead
    assert "Arab Charter" in answer.passages[0].text


@pytest.mark.parametrize("question, fields", [
    ("By which session must the Secretary-General report on regional arrangements, per the 2004 text?", []),
    ("at what session will the Assembly consider the question again?", []),
    ("At which session was 57/210 adopted?", ["session"]),
    ("what session is L.108 from?", ["session"]),
    # the text itself submitted (was: read as a report the text asks to be submitted, and answered with the
    # sixtieth session L.108 asks for)
    ("what session was L.108 submitted to?", ["session"]),
    ("at which session was the report submitted?", []),
])
def test_a_session_a_text_asks_for_is_not_the_session_the_text_is_of(question, fields):
    assert understand(question).metadata == fields


@pytest.mark.parametrize("question, lead", [
    ("is L.108 a final resolution or a draft?", "E/CN.4/2002/L.108 is a draft"),
    ("is 57/210 a draft?", "A/RES/57/210 is an adopted resolution"),
    ("when was the advisory services draft issued?", "issued on 22 April 2002"),  # a draft's date: its issue
])
def test_what_a_document_is_and_when_a_draft_was_issued(searcher, question, lead):
    answer = ask(searcher, question)
    assert answer.found and lead in answer.lead


def test_the_draft_is_the_only_draft_of_the_corpus(searcher):
    answer = ask(searcher, "what does the draft say about a gender perspective?", k=3)
    assert answer.passages[0].document.symbol == "E/CN.4/2002/L.108"



def test_what_are_the_four_things_asks_for_a_paragraph_naming_four():
    assert asks_for_items("What are the four areas of the Asia-Pacific framework?") == (4, "area")
    text = ("Stresses the importance of all four areas of the Framework (E/CN.4/1998/50, annex II), namely human "
            "rights education, national institutions, national plans of action and the right to development;")
    assert enumerates(text, 4, "area")
    assert not enumerates("Welcomes the discussions reviewing developments in the four areas of the Framework;", 4,
                          "area")


def test_which_session_asks_for_a_time_and_the_lead_gives_one(searcher):
    answer = ask(searcher, "at which session was the SG supposed to report back under the 2002 GA res, and under "
                           "the 2004 one?", k=4)
    assert answer.found and "session" in answer.lead.split(":", 1)[1]


def test_where_and_when_without_a_verb_of_place_asks_for_both(searcher):
    assert understand("where and when was the 12th asia-pacific workshop").place_and_time
    answer = ask(searcher, "where and when was the 12th asia-pacific workshop", k=3)
    assert "in Doha from 2 to 4 March 2004" in answer.lead  # led by the paragraph giving both, not the request


def test_where_and_when_of_what_a_text_recalls_quotes_the_place_and_the_dates(searcher):
    # a symbol in the question ("57/224") does not stop "where was <it>" from asking for a place; the lead
    # quotes the clause giving both, not the dates alone
    question = "when and where was the world conference against racism that 57/224 recalls?"
    assert understand(question).place_and_time and understand(question).links is None
    assert understand("Where is A/RES/57/224?").answer_type is None  # a symbol alone asks for a text
    assert understand("Which documents cite 57/210 and when were they adopted?").links == "cited by"
    answer = ask(searcher, question, k=3)
    assert answer.found and "held at Durban, South Africa, from 31 August to 8 September 2001" in answer.lead


@pytest.mark.parametrize("question, kind", [
    ("list every workshop mentioned across the documents with its place and year", "location"),
    ("what was the date and venue of the twelfth workshop?", "time"),
    ("give me the dates & place of each Asia-Pacific workshop", "time"),
])
def test_a_place_and_a_date_asked_by_name_ask_for_both(question, kind):
    q = understand(question)
    assert q.place_and_time and q.answer_type == kind


def test_a_list_asked_with_place_and_year_leads_with_the_workshops_not_a_year_of_something(searcher):
    # "year" names what is asked for: "the United Nations Year of Dialogue" is no answer to it
    answer = ask(searcher, "list every workshop mentioned across the documents with its place and year", k=5)
    assert "Workshop" in answer.passages[0].text and "held in" in answer.passages[0].text


def test_whom_a_text_addresses_is_answered_by_the_paragraph_addressing_them(searcher):
    # "Invites States in areas in which regional arrangements ... do not yet exist to consider ...": the
    # answer is the class of States the text addresses; it was "the corpus does not give a country"
    answer = ask(searcher, "which states are invited to consider concluding regional agreements?")
    assert answer.found
    assert "Invites States in areas in which regional arrangements" in answer.lead


def test_a_group_of_countries_and_a_number_of_people_said_otherwise_are_answers(searcher):
    # "the increasing contributions made by developing countries" answers "which countries"; "four human rights
    # personalities" answers "how many figures": both were told the corpus gives no country / no number
    answer = ask(searcher, "which countries' gifts to the fund got a shout-out")
    assert answer.found and "developing countries" in answer.passages[0].text
    answer = ask(searcher, "how many human rights figures did OHCHR pick to advise the regions")
    assert answer.found and "four human rights personalities" in answer.lead


@pytest.mark.parametrize("question", [
    "What were the dates of the Pakistan-hosted meeting?",
    "what are the dates for the twelfth workshop?",
    "in which month was 2003/73 adopted?",
])
def test_dates_asked_for_by_name_ask_for_a_time(question):
    assert understand(question).answer_type == "time"


def test_the_passage_that_gives_the_date_asked_for_comes_first(searcher):
    # the paragraph naming the host matched best on words; the one with the dates answers, and the lead,
    # which quotes it, sent the reader to passage [2]
    answer = ask(searcher, "What were the dates of the Pakistan-hosted meeting?", k=5)
    assert answer.found and "25 to 27 February 2003" in answer.passages[0].text
    assert answer.passages[0].rank == 1 and "25 to 27 February 2003" in answer.lead


def test_since_when_is_a_question_word_not_a_subject():
    # "since" matched "progress made since the adoption" as if it were what the question is about
    q = understand("Since when has the GA been adopting resolutions on regional arrangements?")
    assert q.answer_type == "time" and "since" not in q.terms


@pytest.mark.parametrize("question, kind", [
    ("what is the budget in USD for the regional advisers?", "amount"),
    ("what was the cost of the workshop?", "amount"),
    ("what does the text say about the budget?", None),
    ("what is the total number of human rights personalities chosen to advise?", None),  # a count, not a sum
    ("What does 57/224 say about the International Day for the Elimination of Racial Discrimination?", None),
])
def test_a_sum_asked_for_in_a_currency_or_as_the_cost_asks_for_an_amount(question, kind):
    assert understand(question).answer_type == kind


def test_a_budget_in_dollars_the_corpus_never_gives_is_said_to_be_missing(searcher):
    # it was answered found with L.108's call for more resources, which gives no sum
    answer = ask(searcher, "what is the budget in USD for the regional advisers?")
    assert not answer.found and answer.lead.startswith("The corpus does not give an amount")


@pytest.mark.parametrize("options", [{"k": 1}, {"max_tokens": 60}])
def test_a_small_k_or_token_budget_keeps_the_passage_that_gives_the_place(searcher, options):
    # with -k 1 or --max-tokens 60 the only passage was op. 8, which names no place, and the answer was found
    answer = ask(searcher, "where was the eleventh workshop held?", **options)
    assert answer.found and "held in Islamabad" in answer.passages[0].text


def test_prepositions_are_no_subject():
    # "Across the texts, who gets asked to chip in money?" was refused over "across", a word no paragraph uses
    assert not {"across", "within", "whether", "upon"} & set(understand(
        "Across the texts, whether within the GA or upon request, who gets asked to chip in money?").terms)


def test_the_fields_shorthand_is_read_as_the_texts_words():
    # "HR" and "TC" were words no paragraph uses ("unmatched"), counted against the question
    assert understand("What does the A-P text say about HR education and TC?").terms == [
        "asia", "pacific", "human", "rights", "education", "technical", "cooperation"]


def test_a_length_of_time_answers_how_long():
    from qabot.answer.answerability import carries

    assert understand("How long is the term of the members of the Board?").answer_type == "time"
    assert carries("time", "Members shall serve for a term of three years, renewable once.")
    assert carries("time", "for a period of 18 months")
    assert not carries("time", "The Board shall consist of three members.")


@pytest.mark.parametrize("question, kind", [
    ("what's the doc symbol of the SG report with the 12th workshop conclusions?", "symbol"),
    ("Which reports do the texts take note of, and under what symbols?", "symbol"),
    ("need the document numbers of the SG reports pls", "symbol"),
    # a symbol given, not asked for
    ("what does the text with symbol A/RES/57/210 request?", None),
    ("what does the text with symbol 57/210 say about workshops?", None),
])
def test_a_document_symbol_is_a_kind_of_fact_asked_for(question, kind):
    assert understand(question).answer_type == kind


def test_a_symbol_is_a_document_symbol_with_a_number_not_a_resolution_number():
    from qabot.answer.answerability import carries

    assert carries("symbol", "A/57/283.") and carries("symbol", "(E/CN.4/2003/109)")
    assert carries("symbol", "A/CONF.157/24 (Part I), chap. III.")
    assert not carries("symbol", "Recalling its resolution 57/210 of 18 December 2002")
    assert not carries("symbol", "the A/RES series")


@pytest.mark.parametrize("question", [
    # it was answered found with 2003/73 op. 19, which asks for the report and gives it no symbol
    "what's the doc symbol of the SG report with the 12th workshop conclusions?",
    # the note "A/59/323." of the Secretary-General's report was given as the symbol of a Special Rapporteur's
    "what is the document symbol of the Special Rapporteur on torture's report?",
])
def test_a_symbol_the_passages_never_print_is_said_to_be_missing(searcher, question):
    answer = ask(searcher, question)
    assert not answer.found and answer.lead.startswith("The corpus does not give a document symbol")


def test_a_symbol_printed_in_the_note_a_paragraph_cites_answers(searcher):
    # the symbols stand in notes ("A/57/283.", "A/59/323."), not in the paragraphs that take note of the reports
    answer = ask(searcher, "what SG reports do the 2002 and 2004 GA regional arrangements res take note of? "
                           "need the symbols")
    assert answer.found
    notes = [n.text for p in answer.passages[:3] for n in p.footnotes]
    assert "A/57/283." in notes
    # a symbol asked for is asked of the notes: they are passages of their own, as for "which footnote ..."
    assert {"A/57/283.", "A/59/323."} <= {p.text for p in answer.passages[:5]}


def test_the_symbols_of_reports_by_either_of_two_authors_asked(searcher):
    answer = ask(searcher, "Which Secretary-General or High Commissioner reports do the documents welcome or take "
                           "note of, and under what symbols?")
    assert answer.found and any("(E/CN.4/2003/109)" in p.text for p in answer.passages[:5])


@pytest.mark.parametrize("question", ["which cities hosted the Asia-Pacific workshops?",
                                      "wrt the Asia-Pacific workshops, which cities hosted them pls"])
def test_the_verb_that_asks_for_a_place_is_not_what_a_place_must_be_of(searcher, question):
    # "hosted" was the question's rarest word, so past the first three passages a place counted only in a
    # passage saying "host": "held in Islamabad" (2003/73 pp. 9) did not, and the answer said no place is given
    answer = ask(searcher, question)
    assert answer.found
    assert any(town in answer.lead for town in ("Islamabad", "Bangkok", "Doha"))


def test_a_symbol_printed_in_a_note_is_said_in_the_lead(searcher):
    # the lead quoted "Takes note with satisfaction of the report of the Secretary-General" and left the
    # symbol to the note shown below it
    answer = ask(searcher, "what's the symbol of the SG report the 2004 GA text takes note of?")
    assert answer.found and "(fn. 4: \u201cA/59/323.\u201d)" in answer.lead


def test_a_meetings_date_is_a_day_month_or_year_not_a_session(searcher):
    # "when was the twelfth workshop held?" led with 2003/73 op. 19 ("at its sixtieth session a report containing
    # the conclusions of the twelfth Workshop"), which gives no date of the workshop
    answer = ask(searcher, "when was the twelfth workshop held?")
    assert answer.found and "from 2 to 4 March 2004" in answer.lead
    # a session still answers when the question asks by which session
    assert "sixtieth session" in ask(searcher, "by which session must the SG report on the twelfth workshop?").lead


@pytest.mark.parametrize("question, number, subs", [
    # a sub-paragraph's letter typed or dictated without its brackets
    ("paragraph 8 e of the 2004 general assembly one what does it say about the arab league", 8, ["e"]),
    ("what does op 8e say", 8, ["e"]),
    ("para 3 a of 57/210?", 3, ["a"]),
    ("paragraph 3 a new approach to what?", 3, []),  # "a" the article
    ("operative paragraph 8 (c) (ii)", 8, ["c", "ii"]),
])
def test_a_sub_paragraph_letter_without_brackets(question, number, subs):
    ref = understand(question).paragraph
    assert (ref.number, ref.subs) == (number, subs)


@pytest.mark.parametrize("question, numbers", [
    ("what agenda item was the international cooperation resolushun 57 224 under", ["57/224"]),
    ("res 2003 73 paragraph 5", ["2003/73"]),
    ("resolution 57 210, para 3", ["57/210"]),
    ("the resolutions of 2002 and 2004", []),
])
def test_a_resolution_number_dictated_without_its_slash(question, numbers):
    assert understand(question).numbers == numbers


def test_how_many_of_a_thing_the_corpus_calls_otherwise_is_counted_by_any_number(searcher):
    # "pillars": the texts say "all four areas" of the Tehran framework, and name them (2003/73 op. 2)
    answer = ask(searcher, "How many pillars does the Tehran framework have, and what are they?")
    assert answer.found and "four areas" in answer.passages[0].text


@pytest.mark.parametrize("question", [
    "where do the texts say that regional systems should reinforce universal standards?",
    "where does 57/210 mention the African Union?",
    "where in the resolutions is trafficking mentioned?",
])
def test_where_a_text_says_something_asks_for_the_paragraph_not_a_place(question):
    assert understand(question).answer_type is None
    assert understand("where was the eleventh workshop held?").answer_type == "location"
    assert understand("where did the experts meet to discuss regional arrangements?").answer_type == "location"


def test_the_resolution_that_set_something_up_is_one_the_texts_cite_not_their_own_metadata(searcher):
    # resolution 92 (X) of 14 December 1955 (L.108 pp. 1 (b)), not the adoption of a text of the corpus
    question = "Which General Assembly resolution set up the UN programme of advisory services, and when?"
    assert understand(question).metadata == []
    answer = ask(searcher, question)
    assert answer.found and "resolution 92 (X) of 14 December 1955" in answer.passages[0].text


def test_a_body_named_for_the_one_it_replaced_is_read_as_that_one(searcher):
    # the Human Rights Council replaced the Commission in 2006: "its 2003 resolution" is the Commission's
    answer = ask(searcher, "Was the Human Rights Council's 2003 Asia-Pacific resolution put to a vote?")
    assert answer.found and "E/CN.4/RES/2003/73 was adopted without a vote" in answer.lead
    assert "Read \u201cHuman Rights Council\u201d as \u201cCommission on Human Rights\u201d." in answer.notes
    # ... but not what is the Council's own (the universal periodic review, 2006 on): the corpus lacks it
    own = ask(searcher, "How does the GA link regional bodies to the Human Rights Council's universal periodic review?")
    assert not own.found and "Human Rights Council" in own.lead
