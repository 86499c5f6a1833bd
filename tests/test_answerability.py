"""Whether the corpus answers: the calibrated answerability score, its honest leads, partial answers,
questions in another language, and follow-ups in a conversation. Real index (conftest)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from qabot import evaluate
from qabot.answer.answerability import model
from qabot.answer.conversation import Conversation, neighbour_reference
from qabot.pipeline import ask
from qabot.search.query import understand

from .conftest import run_qabot

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
TUNE = ROOT / "tests" / "questions" / "tune.jsonl"


def _rates(searcher, golds):
    answers = [ask(searcher, g.question, k=10) for g in golds]
    answerable = [a.found for g, a in zip(golds, answers) if g.answerable]
    unanswerable = [not a.found for g, a in zip(golds, answers) if not g.answerable]
    return answerable, unanswerable


def test_the_model_loads_and_its_threshold_keeps_false_abstentions_at_two_percent(searcher):
    fitted = model()
    assert len(fitted.coef) == len(fitted.features) and 0.0 < fitted.threshold < 1.0
    golds = evaluate.read_gold(TUNE) + (evaluate.read_gold(DEV) if DEV.is_file() else [])
    answered, _ = _rates(searcher, golds)
    false_abstentions = answered.count(False)
    # the rate stated in the model, on the questions it was fitted on (the dev set only when beside the clone)
    assert false_abstentions <= max(1, math.floor(0.02 * len(answered))), false_abstentions


def test_our_tune_set_keeps_its_abstention_and_answer_rates(searcher):
    answered, abstained = _rates(searcher, evaluate.read_gold(TUNE))
    assert sum(answered) >= len(answered) - 2  # 35 of 36 measured
    assert sum(abstained) >= 6  # 7 of 11 measured (2 before the calibrated score)


def test_an_answer_shown_below_is_not_called_absent(searcher):
    # the place is in the second passage, not the first: the lead quotes it
    answer = ask(searcher, "Where and when was the eleventh Asia-Pacific workshop held?")
    assert answer.found
    assert "Islamabad" in answer.lead and "25 to 27 February 2003" in answer.lead
    lead_passage = next(p for p in answer.passages if p.highlight in answer.lead)
    assert lead_passage.highlight in lead_passage.text  # verbatim


@pytest.mark.parametrize("question, word", [
    ("What do the resolutions say about ocean pollution and plastic waste?", "pollution"),
    ("Is there anything about vaccination campaigns?", "vaccination"),
    # "human rights" is in two paragraphs of three of this corpus: it says nothing of a subject, and the
    # question rests on "climate" (it was answered from a paragraph on "change")
    ("anything in these texts about climate change and its impact on human rights?", "climate"),
])
def test_a_subject_the_corpus_lacks_said_in_ordinary_words_abstains(searcher, question, word):
    answer = ask(searcher, question)
    assert not answer.found and word in answer.lead and answer.reason == "subject not in corpus"


@pytest.mark.parametrize("question", [
    # "labour" lies near "workers" (0.67), "famine" near "poverty" (0.58): words of the corpus, but of no
    # passage near the question, so they do not say the subject in other words. ("Is cyber-crime addressed
    # anywhere?", "cyber" near "social" 0.59, keeps "crime" unmatched too, but its score sits at the
    # threshold, 0.33-0.37 against 0.30 cross-validated on both encoders: the model's call, not asserted.)
    "How do the resolutions deal with child labour in factories?",
    "What do the documents say about famine and food security?",
])
def test_a_neighbour_no_passage_near_the_question_uses_does_not_say_the_subject(searcher, question):
    answer = ask(searcher, question)
    assert not answer.found
    retrieval = searcher.search(understand(question), 5)
    assert retrieval.terms.unmatched  # the subject's words are the corpus's missing ones


def test_the_words_the_corpus_lacks_weigh_by_the_meaning_they_carry(searcher):
    # the subject of the question is a word the corpus never uses: most of its meaning is unsaid
    absent = ask(searcher, "Is there anything about vaccination campaigns?").signals["subject_missing"]
    # a user's own words ("home", "abroad") around what the corpus says in its own ("national", "international")
    paraphrase = ask(searcher, "according to the GA, where does real change on people's freedoms mostly have to "
                               "come from - home or abroad?").signals["subject_missing"]
    assert absent > 0.5 > 0.2 > paraphrase >= 0.0


@pytest.mark.parametrize("question, quote", [
    ("Does the draft on advisory services want donors to leave their money untied?", "unearmarked contributions"),
    ("According to the 2004 resolution, has a court for Africa been set up?", "African Court on Human"),
])
def test_an_answerable_paraphrase_is_answered(searcher, question, quote):
    answer = ask(searcher, question)
    assert answer.found and any(quote in p.text for p in answer.passages[:5])


def test_a_place_asked_for_that_no_passage_shown_gives_is_a_partial_answer(searcher):
    # on topic (the court is in the passages), but none of them says where it sits
    answer = ask(searcher, "In which city is the African Court on Human and Peoples' Rights based?")
    assert not answer.found and answer.missing == "a place" and answer.reason == "detail not given"
    assert "does not give a place" in answer.lead and answer.passages


def test_where_and_when_that_do_not_ask_for_a_place_or_a_date():
    assert understand("according to the GA, where does real change on people's freedoms mostly have to come "
                      "from - home or abroad?").answer_type != "location"
    assert understand("What happens when a State asks for help?").answer_type != "time"
    assert understand("Where was the eighth Asia-Pacific workshop held?").answer_type == "location"
    assert understand("since when has the UN offered advisory services?").answer_type == "time"


def test_a_where_that_asks_no_place_is_answered(searcher):
    answer = ask(searcher, "according to the GA, where does real change on people's freedoms mostly have to "
                           "come from - home or abroad?")
    assert answer.found and "place" not in answer.lead


@pytest.mark.parametrize("question, language, words", [
    # French, Spanish and Portuguese (wholly or partly) are read into English through the glossary, and the
    # reading is said: the answer is the paragraph the English question finds
    ("Quels ateliers régionaux ont eu lieu en 2003 ?", "French", "eleventh and twelfth Workshops"),
    ("¿Dónde se celebró el undécimo taller sobre cooperación regional?", "Spanish", "held in Islamabad"),
    ("Quando foram os diálogos regionais africanos de Genebra e de Arusha? I need the dates, por favor.",
     "Portuguese", "African regional dialogues held at Geneva and Arusha"),
    ("Quantos países patrocinaram o projeto E/CN.4/2002/L.108?", "Portuguese", "sponsored by 47 States"),
])
def test_a_question_in_french_spanish_or_portuguese_is_read_in_english(searcher, question, language, words):
    answer = ask(searcher, question)
    assert answer.found, answer.lead
    assert words in answer.lead + " ".join(p.text for p in answer.passages[:2])
    assert any(n.startswith(f"Asked in {language}; the corpus is in English, so the question was read as")
               for n in answer.notes)


def test_a_question_in_another_language_is_told_the_corpus_is_in_english(searcher):
    # German: no glossary reads it, so it is not searched word by word against English paragraphs
    answer = ask(searcher, "Welche Workshops wurden in Islamabad abgehalten und wann?")
    assert not answer.found
    assert "German" in answer.lead and "English" in answer.lead
    assert "welche" not in answer.lead.lower() and answer.passages


def test_english_questions_are_not_taken_for_another_language():
    # British spellings, "para 3", "UN", a Latin tag: English still (the glossary's detection, measured on the
    # 1,575 questions of the project's sets: only the 17 written in Portuguese, French or Spanish are read)
    for question in ["Which organisations does para 3 of the UN text name, e.g. the Council of Europe?",
                     "what does the GA resolution say, inter alia, about the programme de facto?",
                     "Did the Commission's 2003 text welcome the civilisations dialogue?",
                     # names of other languages are names, not words of them
                     "What did Côte d'Ivoire say on sanctions and surveillance?",
                     "What did the Commission say about El Salvador, la Paz and Los Angeles?"]:
        assert understand(question).read_from == ""


def test_a_detail_the_corpus_does_not_give_is_a_partial_answer(searcher):
    answer = ask(searcher, "How many NGO representatives attended the consultation held the day before the "
                           "eleventh workshop opened?")
    assert not answer.found and answer.reason == "detail not given" and answer.missing == "a number"
    assert "does not give a number" in answer.lead
    first = answer.passages[0]
    assert first.highlight in answer.lead and first.highlight in first.text  # the on-topic paragraph, quoted
    assert answer.to_json()["missing"] == "a number"


@pytest.mark.parametrize("question, said", [
    ("What did the Security Council decide about regional human rights arrangements?", "Security Council"),
    ("Summarise the regional conference of national institutions held in Nairobi in 2003.", "Nairobi"),
    ("How did the Commission's 2004 Asia-Pacific resolution follow up on the Doha workshop?", "2004"),
])
def test_what_the_corpus_never_mentions_is_named_in_the_lead(searcher, question, said):
    answer = ask(searcher, question)
    assert not answer.found and said in answer.lead


def _chat(searcher, questions):
    conversation, out = Conversation(), []
    for q in questions:
        resolved = conversation.resolve(q, neighbour_reference(searcher.store, searcher.documents))
        answer = ask(searcher, resolved.question, context_doc=resolved.context_doc)
        conversation.record(q, resolved.question, answer)
        out.append((resolved, answer))
    return conversation, out


def test_which_resolution_was_that_names_the_document_just_quoted(searcher):
    _, out = _chat(searcher, ["What does paragraph 5 of resolution 2003/73 say?", "which resolution was that?"])
    (_, first), (resolved, answer) = out
    assert first.passages[0].document.symbol == "E/CN.4/RES/2003/73"
    assert "paragraph 5" not in resolved.question  # not glued onto the question before
    assert answer.found and answer.lead.startswith("E/CN.4/RES/2003/73 was entitled")


def test_a_follow_up_after_which_resolution_was_that_asks_about_the_subject_before_it(searcher):
    _, out = _chat(searcher, ["which regional workshops were held in 2003?", "which resolution was that?",
                              "and in 2004?"])
    resolved = out[2][0]
    assert resolved.question == "which regional workshops were held in 2004?"  # not "... title and symbol ..."


def test_what_about_another_body_asks_the_same_of_its_text(searcher):
    conversation, out = _chat(searcher, ["What does 57/210 say about Africa?", "and what about the Commission?"])
    (_, first), (resolved, second) = out
    assert resolved.question == "What does the Commission\u2019s resolution say about Africa?"
    assert [p.document.id for p in second.passages] != [p.document.id for p in first.passages]
    again = Conversation.from_json(json.loads(json.dumps(conversation.to_json())))
    assert again == conversation  # plain data: a thread's memory can be kept on disk


def test_eval_details_print_the_selective_curve(corpus_index, tmp_path):
    gold = [{"id": "t1", "question": "Where was the eleventh Asia-Pacific workshop held?", "kind": "temporal",
             "evidence": [{"doc": "002", "quote": "held in Islamabad from 25 to 27 February 2003"}]},
            {"id": "t2", "question": "What did the Security Council decide about Antarctica in 1959?",
             "kind": "unanswerable"}]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    result = run_qabot("eval", str(path), "--index", str(corpus_index), "--details")
    assert result.returncode == 0, result.stderr
    assert "selective answering" in result.stdout and f"qabot uses {model().threshold:.4f}" in result.stdout
    assert "coverage  precision" in result.stdout
    result = run_qabot("eval", str(path), "--index", str(corpus_index), "--details", "--format", "json")
    selective = json.loads(result.stdout)["selective"]
    assert selective["threshold"] == model().threshold and selective["curve"][0]["coverage"] == 1.0


def test_the_selective_curve_never_counts_a_partial_answer_as_answered():
    golds = [evaluate.Gold("a", "Where is it?", "lookup", ["quote"], "any", []),
             evaluate.Gold("b", "What about fish?", "unanswerable", [], "any", [])]
    answers = [{"found": True, "signals": {"answerable": 0.8}},
               {"found": False, "missing": "a place", "signals": {"answerable": 0.9}}]
    curve = {round(r["threshold"], 1): r for r in evaluate.selective_curve(golds, answers)}
    assert curve[0.5]["coverage"] == 0.5 and curve[0.5]["precision"] == 1.0


def test_the_selective_curve_counts_each_answer_as_it_was_decided():
    # not found by a rule whatever its score (the subject only another text speaks of), found by a rule below it
    golds = [evaluate.Gold("a", "What does 57/224 say about trafficking?", "unanswerable", [], "any", []),
             evaluate.Gold("b", "which documents were adopted in 2002?", "metadata", ["quote"], "any", [])]
    answers = [{"found": False, "signals": {"answerable": 0.9, "threshold": 0.3}},
               {"found": True, "signals": {"answerable": 0.1, "threshold": 0.3}}]
    curve = {round(r["threshold"], 1): r for r in evaluate.selective_curve(golds, answers)}
    assert curve[0.5]["coverage"] == 0.5 and curve[0.5]["precision"] == 1.0
    assert curve[1.0]["coverage"] == 0.5  # the one found without the score is found at any threshold


@pytest.mark.parametrize("question, article", [
    ("what did article 4 of the Arab Charter say?", "article 4 of the Arab Charter"),
    ("What does Article 12 of the International Covenant on Economic, Social and Cultural Rights require?",
     "Article 12 of the International Covenant on Economic, Social and Cultural Rights"),
])
def test_an_article_no_paragraph_cites_is_not_answered_from_a_paragraph_naming_the_instrument(searcher, question,
                                                                                                article):
    # "the League of Arab States" and "the Charter of the United Nations" match the words; no paragraph
    # speaks of the article: the corpus holds resolutions, not the instruments' texts
    answer = ask(searcher, question)
    assert not answer.found
    assert f"No paragraph of the corpus quotes or cites {article}" in answer.lead


def test_an_article_a_paragraph_cites_is_answered_by_that_paragraph(searcher):
    # A/RES/57/210 op. 10 "notes with appreciation the Constitutive Act of the African Union, in particular
    # article 4"; "Article 1, paragraph 3" of the Charter is not operative paragraph 3 of a resolution
    answer = ask(searcher, "what does article 4 of the Constitutive Act of the African Union say?")
    assert answer.found and "in particular article 4" in answer.lead
    answer = ask(searcher, "What does Article 1, paragraph 3 of the Charter say?")
    assert answer.found and "in particular Article 1, paragraph 3" in answer.lead
    assert answer.passages[0].paragraph.kind == "preambular"


def test_a_formal_name_no_paragraph_uses_is_absent_though_its_words_are_in_the_corpus(searcher):
    # "European", "Court", "Human Rights" each stand in the corpus; "the European Court of Human Rights" in none
    answer = ask(searcher, "was the European Court of Human Rights mentioned?")
    assert not answer.found
    assert answer.lead.startswith("The corpus does not mention the European Court of Human Rights")


@pytest.mark.parametrize("question", [
    "what is the role of the League of Arab States?",
    "what does the Secretary-General of the United Nations have to report?",  # said in full, the texts shorten it
    "what did the Office of the High Commissioner for Human Rights do in the Asia-Pacific region?",
])
def test_a_formal_name_the_corpus_uses_or_shortens_is_answered(searcher, question):
    assert ask(searcher, question).found


def test_a_month_in_the_question_is_a_date_not_a_thing_the_place_must_be_named_with(searcher):
    # the place asked for was looked for only in a passage naming "April", as if it were a thing's name
    from qabot.search.names import names

    assert names("what did the CHR's April text say about the Islamabad meeting?") == ["Islamabad"]
    answer = ask(searcher, "The Commission's April '03 text welcomed a workshop: where and when did it happen?")
    assert answer.found and "held in Islamabad from 25 to 27 February 2003" in answer.lead


def test_naming_a_text_does_not_make_an_absent_subject_answerable(searcher):
    # "fisheries" is in no paragraph, nor a word close to it: naming 57/224 made its nearest paragraph the
    # answer (found) while the same question naming no text said the corpus does not answer it
    answer = ask(searcher, "what does 57/224 say about fisheries?")
    assert not answer.found and "\u201cfisheries\u201d" in answer.lead
    assert ask(searcher, "what does 57/210 say about the bit on Africa?").found  # a filler word is no subject


def test_asking_to_quote_a_text_the_corpus_only_cites_is_not_answered(searcher):
    # 2004/81 is cited by the 2004 Assembly text, never held: its paragraphs cannot be quoted (was: found, with
    # L.108 op. 17 (c) as the answer)
    answer = ask(searcher, "Could you quote the operative paragraphs of Commission resolution 2004/81 on advisory "
                           "services?")
    assert not answer.found and "2004/81" in answer.lead, answer.lead
    assert ask(searcher, "Please show me the wording of resolution 2002/87.").found is False


def test_a_name_asked_with_a_contraction_is_a_person_asked_for(searcher):
    # "What's her name?" asks a person's name, which the paragraph on her report does not give (was: found, the
    # paragraph quoted as if it named her); the sponsors' names are States, in the document's metadata
    answer = ask(searcher, "The 2002 draft mentions the High Commissioner's 'first Annual Report'. What's her name?")
    assert not answer.found and "name" in answer.lead, answer.lead
    assert ask(searcher, "who sponsored L.108? what are their names?").found


def test_a_year_of_one_text_does_not_date_the_later_one_the_question_names_by_its_body(searcher):
    # "the Asia-Pacific resolution of 2003 ... according to the later GA text": the year is the Commission's
    # text's; was: "The corpus holds no General Assembly text of 2003"
    answer = ask(searcher, "The Asia-Pacific resolution of 2003 asked for a report with the conclusions of the "
                           "twelfth Workshop. Where and when did that twelfth Workshop take place, according to the "
                           "later GA text?")
    assert answer.found and any("Doha from 2 to 4 March 2004" in p.text for p in answer.passages[:5]), answer.lead
    answer = ask(searcher, "What does the General Assembly's 2003 resolution say about workshops?")
    assert not answer.found and "2003" in answer.lead


def test_a_word_for_a_part_of_a_text_or_for_speaking_is_never_the_missing_subject(searcher):
    # "which clause says ...": the clause is what is asked for, not what it is about; "no paragraph speaks of
    # 'clause', 'speaks', 'fisheries'" named two words that are no subject (clause, bit, part, speak)
    answer = ask(searcher, "Which clause speaks of fisheries?")
    assert not answer.found and "\u201cfisheries\u201d" in answer.lead
    assert "\u201cclause\u201d" not in answer.lead and "\u201cspeaks\u201d" not in answer.lead, answer.lead
    # ... but a word that is a subject as often ("prison sentences", "peace talks", "safe passage") is not generic
    assert not ask(searcher, "What do they say about prison sentences for human rights defenders?").found
    # a question in a user's own words, whose only other missing words are theirs: the model decides (was: not
    # found, "no paragraph speaks of 'clause', 'classrooms', 'outside'", with 2003/73 pp. 7 first)
    answer = ask(searcher, "Which clause says that teaching people about their entitlements matters in classrooms "
                           "and also outside them?")
    assert answer.found and "formal and non-formal contexts" in answer.passages[0].text, answer.lead


def test_words_the_corpus_lacks_outside_the_subject_named_leave_the_call_to_the_model(searcher):
    # "real", "comes", "capitals", "grassroots": none in the passages found, so a word rule said "no paragraph
    # speaks of 'real', 'comes' ..." over a score of 0.76, with 57/210 op. 4 (progress depends primarily on
    # national and local efforts) shown fourth
    answer = ask(searcher, "Where does 57/210 say real change on the ground mostly comes from - capitals and "
                           "grassroots, or Geneva?")
    assert answer.found
    assert any("depends primarily on efforts made at the national and local levels" in p.text
               for p in answer.passages[:5])


def test_a_described_text_the_corpus_lacks_is_said_not_to_be_held(searcher):
    # "does not mention a Commission on Human Rights text of 2004" was untrue: the 2004 Assembly text cites
    # Commission resolution 2004/81; the corpus holds no such text
    answer = ask(searcher, "what does the Commission's 2004 resolution say about Africa?")
    assert not answer.found and answer.lead.startswith("The corpus holds no Commission on Human Rights text of 2004")


@pytest.mark.parametrize("question, name", [
    ("What did the GA decide on the convention on the rights of persons with disabilities?",
     "the convention on the rights of persons with disabilities"),
    ("what do the texts say about the Convention on the Rights of the Child?",
     "the Convention on the Rights of the Child"),
])
def test_an_instrument_no_paragraph_names_is_said_to_be_absent_however_written(searcher, question, name):
    # written in lower case, its common words matched and it was answered from an advisory-services paragraph
    answer = ask(searcher, question)
    assert not answer.found and answer.lead == f"The corpus does not mention {name}; the nearest passages are below."


def test_a_year_of_a_text_cited_is_not_a_text_the_corpus_lacks(searcher):
    # "which 1977 resolution does the Assembly recall?": the year of the resolution cited, not of a text held
    answer = ask(searcher, "Which 1977 resolution does the Assembly recall on regional arrangements?")
    assert answer.found and "32/127 of 16 December 1977" in answer.lead
    # the year of the text that does the reaffirming: a text the corpus does not hold, though it cites 1993
    answer = ask(searcher, "What did the 1993 Commission resolution reaffirm?")
    assert not answer.found and answer.lead.startswith("The corpus holds no Commission on Human Rights text of 1993")


@pytest.mark.parametrize("question, quote", [
    # "UN Year" is the "United Nations Year" the texts print; "organisation" is their "organization"
    ("Which year was named the UN Year of Dialogue among Civilizations?", "United Nations Year of Dialogue"),
    ("Which founding treaty of a regional organisation does 57/210 note with appreciation, and which article?",
     "Constitutive Act of the African Union, in particular article 4"),
])
def test_a_name_written_another_way_than_the_texts_print_it_is_not_absent(searcher, question, quote):
    answer = ask(searcher, question)
    assert answer.found and "does not mention" not in answer.lead
    assert any(quote in p.text for p in answer.passages[:3])


def test_a_date_asked_in_one_part_of_a_long_question_is_looked_for_there(searcher):
    # the Board of Trustees, named in another part of the question, is not what the session is of
    question = ("What does the 2002 CHR draft ask the SG to do - on managing the fund, on support for the Board of "
                "Trustees, and on reporting - and by which session is the next analytical report due?")
    answer = ask(searcher, question)
    assert answer.found and "sixtieth session" in answer.lead


def test_the_words_after_about_are_the_subject_the_question_names():
    from qabot.language.topic import topic_phrase

    assert topic_phrase("What do the texts say about the safety of journalists?") == "the safety of journalists"
    assert topic_phrase("any GA language on climate change impacts in these texts?") == "climate change impacts"
    assert topic_phrase("Is cyber-crime addressed anywhere in these texts?") == "cyber-crime"
    assert topic_phrase("Did OHCHR station its own people in various parts of the globe?") == ""
    assert topic_phrase("WHAT DOES IT SAY ABOUT torture IN THESE TEXTS") == "torture"
    assert topic_phrase("what was adopted on 20 December 2002 about regional arrangements?") == "regional arrangements"
    assert topic_phrase("what does 57/224 focus on regarding children?") == "children"  # not "regarding children"


@pytest.mark.parametrize("question, ordinals", [
    ("what was adopted at the 74th plenary meeting?", ["seventy-fourth"]),  # not "the fourth"
    ("what did the GA decide at its sixty-fifth session?", ["sixty-fifth"]),  # not "the fifth"
    ("what did the eleventh workshop conclude?", ["eleventh"]),
    ("What was adopted at the 60th session?", ["sixtieth"]),
])
def test_a_compound_ordinal_is_read_whole(question, ordinals):
    assert understand(question).ordinals == ordinals


def test_a_session_no_text_mentions_is_absent_and_a_documents_own_session_is_not(searcher):
    # "sixty-fifth" is no paragraph's and no document's session: said plainly; the Assembly's fifty-seventh
    # session is the one 57/210 and 57/224 were adopted at (their metadata), not a missing detail
    absent = ask(searcher, "What did the General Assembly decide on regional arrangements at its sixty-fifth session?")
    assert not absent.found and "does not mention the sixty-fifth session" in absent.lead
    own = ask(searcher, "what did the GA ask at its 57th session?")
    assert own.found and own.passages[0].document.symbol in ("A/RES/57/210", "A/RES/57/224")
    # the number of a session is a document's only as a session, and of the body the question names
    workshop = ask(searcher, "Where was the fifty-seventh workshop held?")
    assert not workshop.found and "fifty-seventh workshop" in workshop.lead
    commission = ask(searcher, "What did the Commission ask at its fifty-seventh session?")
    assert not commission.found and "fifty-seventh session" in commission.lead


def test_the_year_of_an_instrument_the_texts_cite_by_name_is_not_a_missing_year(searcher):
    # "the 1945 UN Charter": the texts cite "the Charter of the United Nations", never with its year; it was
    # "The corpus does not mention 1945"
    charter = ask(searcher, "how do the resolutions use the 1945 UN Charter?")
    assert charter.found and "Charter of the Un" in charter.passages[0].text
    vienna = ask(searcher, "What does the 1993 Vienna Declaration text say about regional arrangements?")
    assert vienna.found and "Vienna Declaration" in vienna.lead  # not "the corpus holds no text of 1993"
    # the instrument itself is still judged: no paragraph names the Universal Declaration
    udhr = ask(searcher, "what do the texts say about the 1948 Universal Declaration of Human Rights?")
    assert not udhr.found and "Universal Declaration of Human Rights" in udhr.lead and "1948" not in udhr.lead
    # a year of anything else is still a year the corpus lacks
    workshop = ask(searcher, "what did the workshop in 1999 conclude?")
    assert not workshop.found and "does not mention 1999" in workshop.lead


@pytest.mark.parametrize("question, lead", [
    # the described text (2003/73) asks for the twelfth workshop's conclusions; the 2004 Assembly text says
    # where it was held. Was: "does not give a place", the rank-5 passage being no passage of the "most
    # specific" word ("next"), and the eleventh workshop's place in 2003/73 pp. 9 not the twelfth's
    ("the CHR's 2003 Asia-Pac res asks for a report on the conclusions of the next (12th) workshop - where and "
     "when did that workshop end up being held?", "op. 8 (c)"),
    ("where was the eleventh workshop held?", "pp. 9"),  # the eleventh's own place, not the twelfth's
])
def test_the_place_of_a_numbered_event_is_read_from_a_passage_that_numbers_it(searcher, question, lead):
    answer = ask(searcher, question)
    assert answer.found and lead in answer.lead.split(":")[0]


@pytest.mark.parametrize("question", ["bad", "blah meh", "hmm interesting"])
def test_a_question_none_of_whose_words_the_passages_use_is_not_answered(searcher, question):
    # "bad" was answered found=true with "Recalling:" and the nearest recitals: nothing of it in any of them
    answer = ask(searcher, question)
    assert not answer.found and answer.passages and all(p.role == "nearest" for p in answer.passages)


@pytest.mark.parametrize("question", ["Dubrovnik?", "trafficking"])
def test_a_one_word_question_the_passages_use_is_answered(searcher, question):
    assert ask(searcher, question).found


@pytest.mark.parametrize("question", [
    "what did the eleventh workshop conclude about national institutions?",
    "What recommendations did the Islamabad workshop make?",
])
def test_conclusions_a_text_names_without_stating_them_are_a_detail_not_given(searcher, question):
    # 2003/73 "endorses the conclusions of the eleventh Workshop" and asks for "a report containing the
    # conclusions of the twelfth": it names them, never says them. Was: found, quoting op. 5
    answer = ask(searcher, question)
    assert not answer.found and answer.reason == "detail not given"
    assert answer.lead.startswith("The corpus does not give what was concluded or recommended")


@pytest.mark.parametrize("question, label", [
    ("what did the World Conference recommend on resources?", "pp. 5"),  # "recommended that more resources ..."
    ("what does the CHR draft recommend on coordination within the UN system?", "pp. 2 (b)"),  # "Recommends increased"
])
def test_what_a_text_recommends_in_its_own_words_is_answered(searcher, question, label):
    answer = ask(searcher, question)
    assert answer.found and label in answer.lead.split(":")[0]


@pytest.mark.parametrize("message", ["thanks!", "ok", "Hi", "thank you very much", "help"])
def test_a_courtesy_is_not_searched_for(searcher, message):
    # "thanks" was answered found=true from 2003/73 op. 4 (the register reads it "commends"), "help" from a
    # paragraph on assistance
    answer = ask(searcher, message)
    assert not answer.found and answer.reason == "not a question" and not answer.passages
    assert ask(searcher, "Hello, which workshops were held in 2003?").found  # a greeting before a question


def test_a_number_no_text_is_and_no_paragraph_cites_is_a_text_the_corpus_lacks(searcher):
    # "57/201" (one slip from 57/210) was answered from A/RES/57/210 without a word; "resolution 57/201" was not
    answer = ask(searcher, "what does 57/201 say about regional advisers?")
    assert not answer.found and "57/201" in answer.lead
    assert ask(searcher, "what does 57/210 say about regional advisers?").found


@pytest.mark.parametrize("question, topic", [
    ("what do the GA regional arrangements texts say abt indigenous peoples?", ["indigenous", "peoples"]),
    ("anything wrt journalists in these texts?", ["journalists"]),
])
def test_chat_shorthand_for_about_introduces_the_subject(question, topic):
    # "abt" was a word no paragraph uses, and the subject after it was not read as the question's subject
    from qabot.language.topic import topic_words

    assert topic_words(question) == topic
    assert not {"abt", "wrt", "about", "respect"} & set(understand(question).terms)


def test_w_r_t_introduces_the_subject_too(searcher):
    answer = ask(searcher, "anything w.r.t. journalists in these texts?")
    assert not answer.found and "\u201cjournalists\u201d" in answer.lead


@pytest.mark.parametrize("question, word", [
    ("fisheries in 57/224?", "fisheries"),
    ("does 57/210 have anything for fishermen?", "fishermen"),
])
def test_a_text_named_with_a_subject_it_lacks_and_no_about_abstains(searcher, question, word):
    # the rule that a named text does not make its nearest paragraph an answer held only for "about X": a
    # question naming no subject that way was answered with 57/224 op. 9
    answer = ask(searcher, question)
    assert not answer.found and f"\u201c{word}\u201d" in answer.lead


@pytest.mark.parametrize("question, quote", [
    # an office by its seat: "the Geneva bureau" is the Office of the High Commissioner (L.108 op. 13), not a
    # subject the draft fails to speak of
    ("Should donors tie their gifts to the Geneva bureau to specific uses, per the 2002 draft?", "unearmarked"),
    # a body by its seat, a stretch of the world by its ends or its coast
    ("Which pan-continental bloc headquartered in Addis Ababa received backing from the Geneva bureau, per the "
     "Assembly's 2004 text?", "African Union"),
    ("When did the gathering on the Adriatic coast take place, per the GA's 2002 text?", "Dubrovnik"),
    # a region by an older name the register knows ("Far East and Oceania": Asia and the Pacific)
    ("Per the Commission's 2003 text for the Far East and Oceania, who sets the pace of cooperation?", "pace"),
    # not searched either: "Patagonia" was a word the corpus lacks weighing the score down, "Geneva" found the
    # one paragraph on a meeting held there
    ("How did the Assembly's attention to the lands from Mexico to Patagonia shift from its earlier to its later "
     "text on regional set-ups?", "Latin America"),
    ("What duties does the Geneva top official's job cover, as listed in the 2002 draft?", "mandate"),
])
def test_a_place_that_describes_rather_than_names_is_no_missing_subject(searcher, question, quote):
    answer = ask(searcher, question)
    assert answer.found and any(quote in p.text for p in answer.passages[:5])


def test_a_seat_in_the_possessive_describes_too(searcher):
    from qabot.search.names import descriptive_names

    # "Brussels' executive arm" is the European Commission: "the corpus does not mention Brussels" answered it
    assert descriptive_names("What part does Brussels' executive arm play across these texts?") == {"Brussels"}
    assert ask(searcher, "What part does Brussels' executive arm play across these texts?").found
    assert descriptive_names("did the Brussels meeting happen?") == set()
    # a place a thing came from is that place ("from the Bangkok workshop"); a range describes a region
    assert descriptive_names("what came out of the Nairobi meeting, and from Bangkok?") == set()
    assert descriptive_names("the lands from Mexico to Patagonia") == {"Mexico", "Patagonia"}
    assert descriptive_names("which organisation received backing from Geneva?") == {"Geneva"}
    # an office by its seat in a user's words for it: "the Geneva watchdog", "the Geneva liberties agency"
    assert descriptive_names("Did Brussels sign deals with the world body's Geneva watchdog?") == {"Brussels", "Geneva"}
    assert descriptive_names("what did the UN's Geneva liberties agency do in Africa?") == {"Geneva"}
    assert descriptive_names("what did the Geneva meeting decide?") == set()
    # (only a town: "the Arab watchdog" is a region's body, asked about; "the Bangkok watchdog meeting" was held there)
    assert descriptive_names("Which text mentions the Arab watchdog?") == set()
    assert descriptive_names("When was the Bangkok watchdog meeting?") == set()
    assert ask(searcher, "Which text mentions the Arab watchdog?").found
    answer = ask(searcher, "Which Brussels-based executive signed agreements with the world body's Geneva watchdog "
                           "to fund work on the ground, per the 2004 Assembly text?")
    assert answer.found and "Geneva" not in answer.lead


def test_a_place_named_as_the_thing_asked_about_is_still_missing(searcher):
    assert not ask(searcher, "what was decided at the Nairobi workshop?").found
    assert not ask(searcher, "did the Addis Ababa meeting take place?").found


def test_a_text_described_by_a_year_no_text_has_is_none_of_them(searcher):
    # "adopted ... in 2006" was answered with 57/210's adoption (its title matched)
    answer = ask(searcher, "What did the General Assembly's resolution on regional arrangements adopted at its "
                           "sixty-first session in 2006 say?")
    assert not answer.found and answer.reason != "document metadata"


def test_who_chairs_asks_for_a_name(searcher):
    answer = ask(searcher, "Who chairs the Board of Trustees of the Voluntary Fund for Technical Cooperation?")
    assert not answer.found and answer.lead.startswith("The corpus does not give a person's name")


def test_a_paragraph_of_a_text_the_corpus_only_cites_is_not_another_texts(searcher):
    # "operative paragraph 5 of resolution 2004/81" was quoted as L.108's op. 5, whose words it is not
    answer = ask(searcher, "What does operative paragraph 5 of Commission on Human Rights resolution 2004/81 say "
                           "about the Voluntary Fund?")
    assert not answer.found and answer.lead.startswith("The corpus does not hold 2004/81 itself")
    assert ask(searcher, "what does op 5 of L.108 say?").reason == "paragraph named"


@pytest.mark.parametrize("question, words", [
    # a subject of its own in human-rights work that no paragraph speaks of: its nearest words ("migrants",
    # "gender", "Peoples'") are of other subjects, and the paragraph found is about something else
    ("What protection do the texts give to refugees and internally displaced persons in Africa?", "refugees"),
    ("what do they say about LGBT rights?", "lgbt"),
    ("What do the resolutions say about indigenous peoples' land rights?", "indigenous"),
])
def test_a_subject_of_its_own_that_no_paragraph_speaks_of_is_not_answered(searcher, question, words):
    answer = ask(searcher, question)
    assert not answer.found and answer.reason == "subject not in corpus"
    assert f"\u201c{words}\u201d" in answer.lead and answer.passages


def test_a_subject_the_corpus_has_is_answered_beside_one_it_lacks(searcher):
    from qabot.language.subjects import other_subjects, subject

    assert other_subjects("refugees", "migrants")
    assert not other_subjects("kids", "children")
    assert not other_subjects("refugees", "workshop")
    assert subject("minority") is not None and subject("minor") is None and subject("age") is None
    # words ordinary questions use about anything, or in idioms, are no subject
    for question in ("what help do the texts offer poor countries?", "is the 2004 resolution available online?",
                     "What minor changes did the 2004 GA text make to the 2002 one?",
                     "Did the 2004 text water down the language of the 2002 text on regional arrangements?",
                     "in the current climate, what do the texts urge States to do about technical cooperation?",
                     "what do the texts say about the financial health of the Voluntary Fund?",
                     "Where is the Voluntary Fund housed?"):
        assert ask(searcher, question).reason != "subject not in corpus", question
    for question in ("Does the 2002 draft mention refugees or migrants?", "what do the texts say about migrants?"):
        answer = ask(searcher, question)
        assert answer.found and any("migrant workers" in p.text for p in answer.passages[:3]), question


def test_a_text_by_its_bodys_seat_and_money_given_to_it(searcher):
    from qabot.search.names import descriptive_names

    # "the 2002 Geneva draft" is the Commission's; "donating to Geneva" gives to the Office there
    assert descriptive_names("Does the 2002 Geneva draft favour recruiting specialists?") == {"Geneva"}
    assert descriptive_names("should States begin donating to Geneva?") == {"Geneva"}
    assert descriptive_names("what did the workshop in Geneva decide?") == set()
    answer = ask(searcher, "Does the 2002 Geneva draft favour recruiting specialists native to the very areas where "
                           "UN assistance is being delivered?")
    assert answer.found and any("from, the regions" in p.text for p in answer.passages[:5])


def test_the_session_a_report_goes_to_is_not_the_texts_own(searcher):
    # "the 60th session" is when the reports are due, not a session of the texts (the corpus holds none)
    answer = ask(searcher, "both CHR texts want an SG report at the 60th session - what's each report supposed to cover?")
    assert answer.found
    shown = " ".join(p.text for p in answer.passages[:5])
    assert "a report containing the conclusions of the twelfth Workshop" in shown
    assert "To submit a further analytical report to the Commission at its sixtieth session" in shown
    assert not ask(searcher, "which resolution of the Commission at its sixty-first session speaks of workshops?").found


def test_what_a_body_did_at_a_session_it_has_no_text_of_is_not_answered(searcher):
    # the Commission's texts are of its 58th and 59th sessions: what it resolved at its 61st (a session the corpus
    # speaks of, the Assembly's) is not in the corpus
    answer = ask(searcher, "Please tell me what the Commission on Human Rights resolved at its sixty-first session "
                           "about cooperation in the Asian and Pacific region.")
    assert not answer.found and "sixty-first session" in answer.lead, answer.lead
    # ... while what it decided at a session it holds a text of is answered from that text, the session's words no
    # subject of it; and what it decided to take up at a later session is a paragraph of a text it holds
    answer = ask(searcher, "What did the Commission decide at its fifty-ninth session on regional cooperation in Asia "
                           "and the Pacific?", k=5)
    assert answer.found and answer.lead.startswith("E/CN.4/RES/2003/73"), answer.lead
    answer = ask(searcher, "What did the Commission decide to do at its sixtieth session about the question?", k=5)
    assert answer.found and any("at its sixtieth session under the same agenda item" in p.text
                                for p in answer.passages[:3]), answer.lead


def test_a_meeting_named_by_its_town_is_an_event_not_the_adopting_meeting():
    assert "meeting" not in understand("Does the CHR text praising the Islamabad meeting press governments to give "
                                       "more?").metadata
    assert "meeting" not in understand("what did the meeting on treaty bodies held in Quito recommend?").metadata
    assert "meeting" in understand("at which meeting was 57/210 adopted?").metadata
    assert "meeting" in understand("What meeting adopted 2003/73?").metadata


@pytest.mark.parametrize("question, quote", [
    # "in which year": the word asks for a date, it is not what the date is of ("over the past year")
    ("In which year, and at which workshop, was the Framework for Regional Technical Cooperation in the Asian and "
     "Pacific region adopted?", "adopted at the sixth Workshop"),
    # a country the corpus names by its city; "happen" is no subject
    ("when did the ecuador get-together on the un expert committees happen?", "held in Quito in August 2002"),
    # "the western hemisphere": the Americas
    ("who are the UN's partners across the western hemisphere per the 2004 GA reso?",
     "Organization of American States"),
])
def test_plain_ways_of_asking_find_the_paragraph(searcher, question, quote):
    answer = ask(searcher, question)
    assert answer.found and any(quote in p.text for p in answer.passages[:3]), [p.text[:60] for p in answer.passages]


def test_first_and_last_ask_for_a_span_not_a_first_event(searcher):
    assert understand("First and last year of the ten-year UN campaign on human rights education?").ordinals == []
    assert understand("where was the first workshop held?").ordinals == ["first"]
    answer = ask(searcher, "First and last year of the ten-year UN campaign on teaching people their entitlements, as "
                           "cited in the corpus?")
    assert answer.found and any("1995-2004" in p.text for p in answer.passages[:3])


def test_how_many_items_of_a_list_is_answered_by_the_list(searcher):
    from qabot.language.facts import counts

    assert counts("an international order based on inclusion, justice, equality and equity, human dignity, mutual "
                  "understanding and promotion of and respect for cultural diversity", "items")
    assert not counts("an international order based on inclusion", "items")
    # not any paragraph with commas, nor "parts" (the Vienna Declaration's parts are not counted anywhere)
    assert not counts("economic, social and cultural rights", "items")
    assert not ask(searcher, "how many parts does the Vienna Declaration have?").found
    answer = ask(searcher, "List all the elements resolution 57/224 says an international order should be based on. "
                           "How many items is that?")
    assert answer.found and "based on inclusion, justice" in answer.passages[0].text


def test_where_the_asker_was_posted_is_not_the_place_asked_about(searcher):
    from qabot.search.names import descriptive_names

    assert descriptive_names("When I was posted to Geneva there was talk of it; did the 2002 draft say so?") == {"Geneva"}
    answer = ask(searcher, "When I was posted to Geneva there was always talk that know-how from within the country "
                           "itself ought to be built into these aid schemes so they would endure once the visiting "
                           "consultants had gone home; did the 2002 draft contain language to that effect?")
    assert answer.found


def test_a_fact_of_one_text_beside_a_text_described_that_the_corpus_lacks(searcher):
    # the draft's paragraphs can be counted, the Commission's 2005 resolution's cannot: not found, and said why
    answer = ask(searcher, "Compare the Commission's 2005 resolution on advisory services with the 2002 draft: how many "
                           "more operative paragraphs does the 2005 one have?")
    assert not answer.found
    assert answer.lead.startswith("The corpus holds no Commission on Human Rights text of 2005")
    assert "E/CN.4/2002/L.108 has 18 operative paragraphs." in answer.lead
    assert ask(searcher, "how many operative paragraphs does L.108 have?").found


@pytest.mark.parametrize("question, quote", [
    # "donors" is said "voluntary contributions" (the corpus has most of the register's words for it), "tying"
    # money is earmarking
    ("Is there language asking donors to refrain from tying their money to particular uses?", "unearmarked"),
    # "picked some well-known figures": appointed personalities, and their number is the count asked
    ("I'm telling my class that the UN's top official on these matters picked some well-known figures to counsel "
     "different parts of the globe. How many did they pick, according to the 2002 Assembly text?",
     "four human rights personalities"),
    # "entitlements" are the "rights" the text asked about speaks of: not a subject only another text has
    ("By what deadline did the 2003 Asia-Pacific text expect States to show tangible results in teaching people "
     "about their entitlements?", "1995-2004"),
])
def test_the_corpus_words_for_a_users_find_the_paragraph(searcher, question, quote):
    answer = ask(searcher, question)
    assert answer.found and any(quote in p.text for p in answer.passages[:3])


def test_two_facts_of_one_text_are_its_metadata_not_a_comparison(searcher):
    answer = ask(searcher, "when was 57/224 distributed? is it the same day it was adopted?")
    assert answer.found and "18 December 2002" in answer.lead and "26 February 2003" in answer.lead


def test_the_exact_days_asked_need_a_day_of_the_month(searcher):
    # 57/210 gives "August 2002" for the Quito meeting: the days asked for are not given
    answer = ask(searcher, "on what exact days in August 2002 was the Quito meeting on the treaty bodies held?")
    assert not answer.found and answer.reason == "detail not given"
    assert ask(searcher, "on what days was the eleventh workshop held?").found  # "from 25 to 27 February 2003"


@pytest.mark.parametrize("question", [
    # a year of another body named beside: the corpus holds both texts
    "Compare the 2004 GA resolution with the 2003 Commission text: which one mentions national institutions?",
    # a body's meeting asked for is the adopting meeting ("the Commission meeting"), not an event
    "What was the Commission meeting number for 2003/73?",
    # the register's common words alone do not make a word said ("rights bureau": the Office, all common)
    "what does the world body's rights bureau do on the ground?",
])
def test_review_findings_stay_answered(searcher, question):
    assert ask(searcher, question).found, question


@pytest.mark.parametrize("question, reason", [
    # a place is a seat only where the UN's human-rights bodies sit; where people live or work, it is the place
    ("what do the texts say about people living in Darfur?", "Darfur not in corpus"),
    ("Does the Strasbourg resolution mention regional arrangements?", "Strasbourg not in corpus"),
    ("should States give more to Nairobi?", "Nairobi not in corpus"),
    # "stateless" is not "States" (a privative suffix), nor excused by its register entry: a subject of its own
    ("do the texts mention stateless people?", "subject not in corpus"),
    # the first and last workshops are two events, not a span of years
    ("Where were the first and last Asia-Pacific workshops held?", "the first not in passages"),
])
def test_review_findings_stay_unanswered(searcher, question, reason):
    answer = ask(searcher, question)
    assert not answer.found and answer.reason == reason, (answer.reason, answer.lead[:100])


def test_a_town_typed_in_lower_case_is_a_name_too(searcher):
    # chat users type "nairobi": a town the gazetteer knows, which no paragraph mentions
    answer = ask(searcher, "nairobi workshop on regional coop for HR - what came out of it?")
    assert not answer.found and answer.reason == "Nairobi not in corpus"
    assert ask(searcher, "where was the islamabad workshop held?").found
    assert ask(searcher, "what do the texts say about male and female staff of the Office?").reason != "Male not in corpus"


@pytest.mark.parametrize("question", [
    # a seat joined to its noun ("Geneva-based"), or before an institution or body ("the Brussels institution")
    "Which continental grouping did the UN's Geneva-based secretariat back in beefing up its own safeguarding "
    "machinery, per the 2004 text? and what new tribunal is mentioned?",
    "With which Brussels institution has the UN's Geneva secretariat concluded arrangements to pay for "
    "on-the-ground assistance schemes, according to the 2004 resolution?",
])
def test_a_seat_joined_to_its_noun_describes(searcher, question):
    assert ask(searcher, question).found


def test_concrete_conclusions_asked_are_not_given_by_a_paragraph_that_endorses_them(searcher):
    answer = ask(searcher, "Which concrete conclusions on the next steps has the eleventh Workshop in Islamabad "
                           "adopted, which the Commission is endorsing?")
    assert not answer.found and answer.lead.startswith("The corpus does not give what was concluded or recommended")


@pytest.mark.parametrize("question, quote", [
    # the asker's frame is context, not the question: its places, groups and roles the corpus lacks are no
    # missing subject ("Myanmar", "journalist", "indigenous peoples", "UN Women")
    ("I'm writing a note on Myanmar; what did the GA say about training courses for government officials?",
     "training courses"),
    ("For our Ukraine brief, what did the GA say about the OSCE?", "Organization for Security and Cooperation"),
    ("My boss in Nairobi asks: which African regional dialogues did the Assembly note?", "African regional dialogues"),
    ("As a journalist, I want to know what the Assembly said about bar associations.", "bar associations"),
    ("For indigenous peoples advocates: what does 57/224 say about dialogue?", "dialogue"),
    ("Is gender mainstreamed in technical cooperation? (asking for UN Women)", "gender perspective"),
    # a seat joined to the name it describes; a region in other words
    ("Did the Assembly welcome cooperation with the Strasbourg-based Council of Europe?", "Council of Europe"),
    ("Did the UN have a presence in West Africa?", "western Africa"),
])
def test_the_askers_frame_is_not_the_question(searcher, question, quote):
    answer = ask(searcher, question)
    assert answer.found and any(quote in p.text for p in answer.passages[:5]), answer.lead[:120]
    assert answer.question == question  # shown as asked


def test_a_frame_is_only_what_precedes_the_question_in_its_sentence():
    from qabot.language.framing import frame

    assert frame("For our Ukraine brief, what did the GA say about the OSCE?") == (
        "For our Ukraine brief,", "What did the GA say about the OSCE?")
    # a sentence of its own, or a text named, is the question's
    assert frame("I'm writing a note on the Voluntary Fund for TC. What does the draft ask the SG to do, and by "
                 "which session?")[0] == ""
    assert frame("For the 2004 resolution, what did it say about Africa?")[0] == ""
    assert frame("In the 2002 draft, what does op. 5 say?")[0] == ""
    # ... and a frame runs on to the text or paragraph asked about only when it is no frame
    assert frame("I'm writing a memo and a colleague says op. 4 of resolution 57/210 matters, so what does it "
                 "say?")[0] == ""
    assert frame("We're preparing a brief and was told 2003/73 is key, so does it mention Doha?")[0] == ""
    # what is left must be a question of its own
    assert frame("As a journalist, why?")[0] == ""
    # not a text, a result or a group the texts speak of: only the asker's own roles, genres and audiences
    for question in ("In the report, what did the SG say about workshops?",
                     "As a result of the workshops, which plans were adopted?",
                     "Regarding the working groups, what does L.108 say?", "For NGOs, what does the text offer?",
                     "for migrant workers, what protections exist?"):
        assert frame(question)[0] == "", question


@pytest.mark.parametrize("question, facts", [
    # a fact of each of two texts named by symbol or number: both given, not the first text's alone
    ("when were 57/210 and 57/224 adopted?", ["A/RES/57/210 was adopted at the 77th plenary meeting",
                                              "A/RES/57/224 was adopted at the 77th plenary meeting"]),
    ("were A/RES/57/210 and E/CN.4/RES/2003/73 adopted at the same meeting?",
     ["A/RES/57/210 was adopted at the 77th plenary meeting", "E/CN.4/RES/2003/73 was adopted at the 62nd meeting"]),
])
def test_a_fact_of_each_of_two_texts_named(searcher, question, facts):
    answer = ask(searcher, question)
    assert answer.found and answer.reason == "documents' metadata"
    assert all(f in answer.lead for f in facts), answer.lead


def test_two_texts_described_by_year_stay_a_question_of_their_content():
    # "which session does the 2002 resolution ask for, and the 2004 one?": the reports' sessions, in paragraphs
    assert understand("SG report to the GA on the state of regional arrangements - which session does the 2002 "
                      "resolution ask for, and which the 2004 one?").metadata == []


def test_how_many_sponsors_is_counted(searcher):
    answer = ask(searcher, "how many states co-sponsored L.108?")
    assert answer.found and "sponsored by 47 States: Afghanistan, Albania" in answer.lead


@pytest.mark.parametrize("question, absent", [
    # an institution named by what qualifies it, which no paragraph names so (the texts speak of the African
    # Court, of the Commission on Human Rights): not found, said so
    ("what did the 2003 resolution say about the Asian court of human rights?", "the Asian court"),
    ("does any text mention the Venice Commission?", "the Venice Commission"),
    ("what do the texts say about the Arab human rights court?", "the Arab human rights court"),
])
def test_an_institution_the_corpus_never_names_is_not_answered(searcher, question, absent):
    answer = ask(searcher, question)
    assert not answer.found and answer.lead.startswith(f"The corpus does not mention {absent};"), answer.lead


@pytest.mark.parametrize("question", ["what did the GA say about the African Court?",
                                      "what do they say about the Inter-American Commission?",
                                      "how do the resolutions use the UN Charter?"])
def test_an_institution_the_corpus_names_is_answered(searcher, question):
    assert ask(searcher, question).found


def test_a_subject_the_text_described_lacks_is_said_to_stand_in_another(searcher):
    # "advisers" stand in 57/210 op. 7, not in the 2004 text ("advisory services" are not advisers)
    answer = ask(searcher, "what does the 2004 resolution say about regional advisers?")
    assert not answer.found and answer.reason == "subject in another text"
    assert "does not speak of \u201cadvisers\u201d: A/RES/57/210, op. 7 does" in answer.lead


def test_a_request_for_the_passage_is_not_read_as_the_subject(searcher):
    # "find me the passage insisting that ...": what follows is asked; "find", "passage", "insisting" are no
    # subject the corpus lacks
    answer = ask(searcher, "Find me the passage insisting that the world handle every kind of entitlement evenly, "
                           "none ranked above another.")
    assert answer.found and "fair and equal manner" in answer.passages[0].text


def test_a_region_described_by_its_neighbours_is_not_a_place_asked_about(searcher):
    # "the text about countries near India and Japan": the Asian and Pacific region (2003/73), though no
    # paragraph names India or Japan
    answer = ask(searcher, "Which professions should get special training, in the text about countries near India "
                           "and Japan?")
    assert answer.found and "India" not in answer.lead


def test_several_things_numbered_need_one_of_them_in_the_passage(searcher):
    # "the dates of the ninth, tenth, eleventh and twelfth workshops": no paragraph numbers all four
    answer = ask(searcher, "Give the dates of the ninth, tenth, eleventh and twelfth Asia-Pacific workshops.")
    assert answer.found and answer.reason != "detail not given"


def test_a_year_in_a_claim_to_check_is_not_a_year_the_corpus_lacks(searcher):
    # "is it correct that ... in 1996?": the texts give 1998 (2003/73 op. 2): the answer, not "no 1996"
    answer = ask(searcher, "Is it correct that the Tehran workshop that produced the four-area framework took "
                           "place in 1996?")
    assert answer.found and any("held in Tehran from 28 February to 2 March 1998" in p.text for p in answer.passages[:3])
    assert not ask(searcher, "what did the workshop of 1996 conclude?").found  # asked, not claimed: absent


def test_a_place_in_the_askers_background_is_not_asked_about(searcher):
    # Lima is where the asker's friend lives, told before the question proper
    answer = ask(searcher, "My pen-friend in Lima tells me the UN human rights office works with organisations in "
                           "the Americas. According to the 2004 GA resolution, which regional bodies in Latin "
                           "America does the Office cooperate with?")
    assert answer.found and "Lima" not in answer.lead


def test_words_the_asker_tells_of_themselves_before_the_question_are_not_its_subject(searcher):
    # a cabinet-maker's trade words, told before the question proper, are none of the corpus's: the question
    # itself asks what the 2004 text welcomes of the Office's support to the African Union, which it answers
    answer = ask(searcher, "In my workshop we plane oak and dovetail joints by hand, never with routers. Which "
                           "support by the Office to the African Union does the 2004 Assembly text welcome?", k=5)
    assert answer.found and any("African Union" in p.text for p in answer.passages[:3]), answer.lead
    # ... and a short question proper that asks of what was told before it ("that") is read with it
    answer = ask(searcher, "Hello, forgive an old man. I often think about the UN sending experts to give countries "
                           "a hand with people's freedoms. When did all that kick off, do you know?", k=5)
    assert answer.found, answer.lead
    # ... while a subject the question proper names, and the corpus never treats, is still missing
    answer = ask(searcher, "I plane oak and dovetail joints by hand. What do the resolutions say about carpentry "
                           "apprenticeships?", k=5)
    assert not answer.found, answer.lead


def test_a_paragraph_named_that_does_not_give_the_amount_asked_is_a_partial_answer(searcher):
    answer = ask(searcher, "57/210 op. 16: what USD figure from the regular budget does it earmark?")
    assert not answer.found and answer.reason == "detail not given" and answer.missing == "an amount"
    assert answer.lead.startswith("The corpus does not give an amount: operative paragraph 16 of A/RES/57/210 reads")


def test_the_date_of_an_instruments_adoption_spoken_of_is_not_the_texts_own(searcher):
    # "the adoption of the Arab Charter ... On what date was it adopted?": the Charter's date, which the 2004 text
    # does not give ("the recent adoption of the Arab Charter"), not the resolution's adoption
    answer = ask(searcher, "How recent was the adoption of the Arab Charter on Human Rights that the 2004 Assembly "
                           "resolution refers to? On what date was it adopted?")
    assert not answer.found and answer.reason == "detail not given" and answer.missing == "a date"
    assert ask(searcher, "when was the 2004 resolution adopted?").reason == "document metadata"


def test_a_word_of_a_subject_of_its_own_is_not_said_by_a_neighbour_of_another(searcher):
    # "cybersecurity" lies near "security", which the corpus prints of the OSCE, not of computers
    answer = ask(searcher, "Do the texts cover cybersecurity or data protection at all? yes or no", k=5)
    assert not answer.found and "cybersecurity" in answer.lead, answer.lead


@pytest.mark.parametrize("question", [
    "Who, by name, are the human rights personalities serving as regional advisers?",
    "Which Iranian minister hosted the Tehran workshop in 1998?",
    "The Voluntary Fund has a Board of Trustees - who was its chair then? Give me the name!",
])
def test_a_persons_name_asked_outright_is_a_detail_the_texts_do_not_give(searcher, question):
    answer = ask(searcher, question, k=5)
    assert not answer.found and "a person's name" in answer.lead, answer.lead
