"""Follow-ups in a conversation (`qabot chat`, Slack threads) resolved against what was just shown: a
question about "it" asks about the document just quoted, "what about the Commission?" answers from that
body's texts, "the one before" asks the same of the previous version, a correction re-asks the previous
question of the text meant, and a short question of its own is not glued onto the one before.
Real index (conftest)."""

from __future__ import annotations

import json

import pytest

from qabot.answer.conversation import Conversation, neighbour_reference
from qabot.pipeline import ask

from .conftest import run_qabot

NEW = "001_5df13f3e52ca6d09"  # the 2004 General Assembly text (no symbol), a later version of 57/210
COMMISSION = "Commission on Human Rights"


def _chat(searcher, questions):
    conversation, out = Conversation(), []
    for q in questions:
        resolved = conversation.resolve(q, neighbour_reference(searcher.store, searcher.documents))
        answer = ask(searcher, resolved.question, context_doc=resolved.context_doc, within=resolved.within)
        conversation.record(q, resolved.question, answer)
        out.append((resolved, answer))
    return conversation, out


def _documents(answer) -> set[str]:
    return {p.document.id for p in answer.passages}


def test_a_question_about_it_is_asked_of_the_document_just_quoted(searcher):
    old = searcher.store.resolve("57/210").id
    _, out = _chat(searcher, ["What does 57/210 say about Africa?", "when was it adopted?",
                              "and did it ask for a report?"])
    (when, adopted), (report, requests) = out[1], out[2]
    assert when.question == "When was A/RES/57/210 adopted?" and when.context_doc == old  # not glued on "Africa"
    assert adopted.lead.startswith("A/RES/57/210 was adopted at the 77th plenary meeting on 18 December 2002")
    assert report.question == "Did A/RES/57/210 ask for a report?"
    assert _documents(requests) == {old}
    assert any(p.text.startswith("Requests the Secretary-General to submit to the General Assembly")
               for p in requests.passages)


def test_a_question_about_a_text_without_a_symbol_is_read_in_that_text_alone(searcher):
    _, out = _chat(searcher, ["What does the 2004 General Assembly resolution say about Africa?",
                              "does this resolution mention Beirut?"])
    resolved, answer = out[1]
    assert resolved.question == "Does the 2004 General Assembly resolution mention Beirut?"
    assert resolved.context_doc == NEW
    assert _documents(answer) == {NEW}  # 57/210 mentions Beirut; the 2004 text does not
    assert not any("Beirut" in p.text for p in answer.passages)


def test_it_beside_another_text_named_is_the_text_just_quoted(searcher):
    _, out = _chat(searcher, ["What does 57/210 say about Africa?",
                              "how does it differ from the 2004 General Assembly resolution?"])
    resolved, answer = out[1]
    assert resolved.question == "How does A/RES/57/210 differ from the 2004 General Assembly resolution?"
    assert resolved.context_doc is None  # a question of two texts, read in both
    assert _documents(answer) == {searcher.store.resolve("57/210").id, NEW}
    # "earlier" that names no version of the text just quoted is not a move to another version
    _, out = _chat(searcher, ["What does 57/210 say about Africa?", "which earlier resolutions does 57/210 recall?"])
    assert out[1][0].question == "which earlier resolutions does 57/210 recall?"


def test_it_after_a_question_about_a_numbered_event_is_that_event(searcher):
    _, out = _chat(searcher, ["where was the eleventh workshop held?", "and when was it held?"])
    resolved, answer = out[1]
    assert resolved.question == "When was the eleventh workshop held?"
    assert any("25 to 27 February 2003" in p.text for p in answer.passages[:2])


def test_it_after_which_resolution_was_that_is_that_resolution(searcher):
    # "when was it adopted?" after "which resolution was that?" was read as "When was the twelfth workshop
    # adopted?" (the numbered event of the question before), and answered from 2003/73 op. 19
    _, out = _chat(searcher, ["where was the eleventh workshop held?", "and the twelfth?", "which resolution was that?",
                              "when was it adopted?"])
    resolved, answer = out[3]
    assert "workshop" not in resolved.question
    assert answer.found and "adopted at the 74th plenary meeting on 20 December 2004" in answer.lead


def test_it_after_a_question_asking_which_event_is_that_event_while_it_is_an_events(searcher):
    # "who hosted it?" after "which workshop was held in Doha?" was asked of the 2004 resolution just quoted
    _, out = _chat(searcher, ["which workshop was held in Doha?", "who hosted it?", "when was it held?",
                              "who adopted it?"])
    assert out[1][0].question == "Who hosted the workshop held in Doha?"
    assert out[2][0].question == "When was the workshop held in Doha held?"  # the event named, kept
    assert any("2 to 4 March 2004" in p.text for p in out[2][1].passages[:2])
    assert "workshop" not in out[3][0].question  # adopting is a text's: "it" is the document quoted
    # the event is the question's first clause, not what it asked after "and"
    _, out = _chat(searcher, ["Which workshops were held in 2002 and what did they recommend?", "who organized it?"])
    assert out[1][0].question == "Who organized the workshops held in 2002?"


def test_what_about_another_body_answers_from_that_bodys_texts_only(searcher):
    _, out = _chat(searcher, ["What does 57/210 say about Africa?", "and what about the Commission?"])
    resolved, answer = out[1]
    assert resolved.within and all(searcher.documents[d].body == COMMISSION for d in resolved.within)
    assert answer.passages and all(p.document.body == COMMISSION for p in answer.passages)
    _, out = _chat(searcher, ["Which regional workshops were held in 2003?", "same for the Commission"])
    assert all(p.document.body == COMMISSION for p in out[1][1].passages)


def test_the_one_before_asks_the_same_of_the_previous_version(searcher):
    old = searcher.store.resolve("57/210").id
    conversation, out = _chat(searcher, ["What does the 2004 General Assembly resolution say about Africa?",
                                         "the one before", "and the earlier version?"])
    (before, answer), (none, again) = out[1], out[2]
    assert before.question == "What does A/RES/57/210 say about Africa?" and before.context_doc == old
    assert _documents(answer) == {old}
    assert answer.passages[0].text.startswith("Recalls in this regard the positive experience")
    assert none.note == "The corpus holds no earlier version of A/RES/57/210."  # said, not guessed
    again = Conversation.from_json(json.loads(json.dumps(conversation.to_json())))
    assert again == conversation


def test_the_later_version_asked_about_a_subject_of_its_own(searcher):
    _, out = _chat(searcher, ["What does 57/210 say about Africa?", "and the later version?",
                              "what did the earlier version say about the Council of Europe?"])
    (later, answer), (earlier, europe) = out[1], out[2]
    assert later.question == "What does the 2004 General Assembly resolution say about Africa?"
    assert _documents(answer) == {NEW}
    assert earlier.question == "What did A/RES/57/210 say about the Council of Europe?"
    assert _documents(europe) == {searcher.store.resolve("57/210").id}


def test_a_correction_re_asks_the_question_of_the_text_meant(searcher):
    _, out = _chat(searcher, ["What does 57/210 say about Africa?", "no, I meant the 2004 one"])
    resolved, answer = out[1]
    assert resolved.question == "What does the 2004 General Assembly resolution say about Africa?"
    assert _documents(answer) == {NEW}
    _, out = _chat(searcher, ["What does 2003/73 say about Africa?", "sorry, the Assembly's one"])
    resolved, answer = out[1]
    assert resolved.question == "What does the Assembly\u2019s resolution say about Africa?"
    assert answer.passages and all(p.document.body == "General Assembly" for p in answer.passages)


def test_a_short_question_of_its_own_is_not_a_follow_up(searcher):
    _, out = _chat(searcher, ["What does 57/210 say about Africa?", "who sponsored L.108?"])
    resolved, answer = out[1]
    assert resolved.question == "who sponsored L.108?" and not resolved.follow_up
    assert answer.lead.startswith("E/CN.4/2002/L.108 was sponsored by Afghanistan")
    _, out = _chat(searcher, ["What does 57/210 say about Africa?", "list the workshops"])
    assert out[1][0].question == "list the workshops"
    # words the question before had are not a subject of its own: the same question, of the twelfth
    _, out = _chat(searcher, ["where was the 11th workshop held?", "and where was the twelfth held?"])
    assert out[1][0].question == "where was the twelfth workshop held?"


def test_qabot_chat_asks_the_previous_version_and_says_when_there_is_none(corpus_index):
    script = ("What does the 2004 General Assembly resolution say about Africa?\nthe one before\n"
              "the one before\nwho adopted it?\n")
    result = run_qabot("chat", "--index", str(corpus_index), "-k", "1", input=script)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("(asking: What does A/RES/57/210 say about Africa?)") == 2
    assert "Note: The corpus holds no earlier version of A/RES/57/210." in result.stdout
    assert "(asking: Who adopted A/RES/57/210?)" in result.stderr


def test_they_are_the_things_the_conversation_asked_about(searcher):
    # "where were they held?" was asked of the whole corpus and answered with the Durban conference of 2001
    _, out = _chat(searcher, ["which regional workshops were held in 2003?", "where were they held?",
                              "who hosted them?", "what did their participants discuss?"])
    (where, held), (who, _), (what, _) = out[1], out[2], out[3]
    assert where.question == "Where were the regional workshops held in 2003?"
    assert "Islamabad" in held.lead and "Durban" not in held.lead
    assert who.question == "Who hosted the regional workshops in 2003?"
    assert what.question == "What did the regional workshops\u2019 participants discuss in 2003?"


def test_they_of_a_question_with_its_own_subject_or_text_is_left_alone(searcher):
    # a question naming its own text, or whose "they" are things it names itself, was rewritten with the
    # regional workshops of an earlier turn; "them" beside "it" is not those workshops either
    _, out = _chat(searcher, ["which regional workshops were held in 2003?",
                              "What does 57/224 ask States to do with their national action plans?"])
    assert "workshops" not in out[1][0].question
    _, out = _chat(searcher, ["which regional workshops were held in 2003?", "What does 57/210 say about Africa?",
                              "what does it ask them to do?"])
    assert "workshops" not in out[2][0].question and "A/RES/57/210" in out[2][0].question
    _, out = _chat(searcher, ["What progress has been made?", "what did they achieve?"])  # "progress": no plural
    assert out[1][0].question == "what did they achieve?"


def test_a_follow_up_that_leaves_a_text_out_asks_the_question_before_without_it(searcher):
    # "apart from L.108, which ones?" was asked of L.108 ("... according to L.108?"), the very text left out
    _, out = _chat(searcher, ["which resolutions mention national human rights institutions?",
                              "apart from L.108, which ones?", "and other than the 2004 one?"])
    (first, without), (second, neither) = out[1], out[2]
    assert first.question == "which resolutions mention national human rights institutions, apart from L.108?"
    assert without.passages and all(p.document.symbol != "E/CN.4/2002/L.108" for p in without.passages)
    assert all(p.document.symbol != "E/CN.4/2002/L.108" and not p.document.date.startswith("2004")
               for p in neither.passages)


def test_the_one_before_just_after_a_paragraph_is_the_paragraph_before(searcher):
    # "and the one before?" after op. 6 was read as the version before, and op. 6 was quoted again
    _, out = _chat(searcher, ["what does operative paragraph 5 of 2003/73 say?", "and the next paragraph?",
                              "and the one before?"])
    assert out[1][1].passages[0].paragraph.label == "6"
    assert out[2][1].passages[0].paragraph.label == "5" and "reads:" in out[2][1].lead


def test_it_after_an_answer_from_documents_facts_is_the_text_it_named(searcher):
    # "which documents were adopted without a vote?" names 2003/73 and quotes no paragraph: "when was it
    # adopted?" was answered with 57/224's "Recalling its adoption of the Millennium Declaration"
    _, out = _chat(searcher, ["which documents were adopted without a vote?", "when was it adopted?"])
    first, (when, adopted) = out[0][1], out[1]
    assert [searcher.documents[d].symbol for d in first.documents] == ["E/CN.4/RES/2003/73"]
    assert when.question == "When was E/CN.4/RES/2003/73 adopted?"
    assert adopted.lead.startswith("E/CN.4/RES/2003/73 was adopted at the 62nd meeting on 25 April 2003")


def test_qabot_chat_json_is_one_object_a_line(corpus_index):
    # each answer was printed as indented JSON, several objects with no line to split them on
    result = run_qabot("chat", "--format", "json", "--index", str(corpus_index),
                       input="where was the eleventh workshop held?\nand the twelfth?\n")
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [a["question"] for a in answers] == ["where was the eleventh workshop held?",
                                                "where was the twelfth workshop held?"]


def test_a_follow_up_about_changes_asks_of_the_texts_just_compared(searcher):
    # "which paragraphs were dropped?" after a comparison quoted 57/210 op. 1, not the dropped paragraphs
    _, out = _chat(searcher, ["what's new in the 2004 resolution compared with 2002?", "which paragraphs were dropped?"])
    resolved, answer = out[1]
    assert resolved.question == "which paragraphs were dropped in the 2004 resolution compared with 2002?"
    assert answer.reason == "versions compared" and "the dropped ones" in answer.lead


def test_what_about_a_state_after_who_sponsored_asks_whether_it_sponsored(searcher):
    # "what about France?" became "What do the texts say about France?": no paragraph names France
    _, turns = _chat(searcher, ["who sponsored L.108?", "what about france?", "and Japan?"])
    (_, _), (france_asked, france), (japan_asked, japan) = turns
    assert france_asked.question == "Was France among the sponsors of L.108?"
    assert france.found and france.lead.startswith("E/CN.4/2002/L.108 was sponsored by France")
    assert japan_asked.question == "Was Japan among the sponsors of L.108?"
    assert japan.lead.startswith("E/CN.4/2002/L.108 was not sponsored by Japan")


def test_thanks_in_a_chat_is_not_glued_onto_the_last_question(searcher):
    # "thanks" was asked as "When was the twelfth workshop adopted thanks?" and answered
    _, out = _chat(searcher, ["where was the eleventh workshop held?", "thanks"])
    resolved, answer = out[1]
    assert resolved.question == "thanks" and not answer.found and answer.reason == "not a question"


def test_a_follow_up_after_thanks_is_read_against_the_question_before(searcher):
    # "and the thirteenth?" after "thanks" was asked as "thanks the thirteenth?"; "when was it?" after a numbered
    # event is that event (no verb of a text), and "ok, 2004?" is a follow-up, not a courtesy
    _, out = _chat(searcher, ["where was the eleventh workshop held?", "thanks", "and the twelfth?", "when was it?"])
    assert out[2][0].question == "where was the twelfth workshop held?"
    assert "twelfth workshop" in out[3][0].question
    from qabot.language.asked import phatic
    assert phatic("ok thanks!") and not phatic("ok, 2004?") and not phatic("great, 57/224")
    # "thanks, that helps" was glued onto the question before it and answered
    assert phatic("thanks, that helps") and phatic("good morning") and not phatic("good governance")
    assert not phatic("thanks for the help, what about 2004") and not phatic("is that it?")


def test_what_about_the_commission_after_a_date_asked_gives_the_commission_texts_date(searcher):
    # "when was the Commission's resolution adopted?" searched paragraphs (a preambular one of 57/224 that
    # names a Commission resolution of 2002 led): the corpus holds one text the Commission adopted (and its
    # draft), and its date is metadata
    _, out = _chat(searcher, ["when was 57/224 adopted?", "what about the Commission?"])
    resolved, answer = out[1]
    assert "Commission" in resolved.question and "adopted" in resolved.question
    assert answer.reason == "document metadata"
    assert answer.lead.startswith("E/CN.4/RES/2003/73 was adopted at the 62nd meeting on 25 April 2003")


def test_a_date_asked_of_a_body_with_several_texts_gives_each_of_them(searcher):
    # "when was the GA resolution adopted?" quoted a preambular paragraph of 57/224 that recalls another
    # adoption: the corpus holds three texts the Assembly adopted, and the question does not say which
    answer = ask(searcher, "when was the GA resolution adopted?")
    assert answer.found and answer.reason == "documents' metadata"
    assert answer.lead.startswith("The corpus holds 3 texts the General Assembly adopted; the question does not say which")
    for said in ("A/RES/57/210 at the 77th plenary meeting on 18 December 2002",
                 "A/RES/57/224 at the 77th plenary meeting on 18 December 2002", "on 20 December 2004"):
        assert said in answer.lead
    assert all(p.role == "document" for p in answer.passages)


@pytest.mark.parametrize("question, said", [
    # a text the corpus cites by its number, not the corpus's one Commission text: its date is in a paragraph
    ("when was Commission resolution 2002/82 adopted?", "resolution 2002/82 of 26 April 2002"),
    ("when was CHR resolution 1993/51 adopted?", "1993/51 of 9 March 1993"),
])
def test_a_cited_resolution_asked_by_number_is_not_the_bodys_text_in_the_corpus(searcher, question, said):
    answer = ask(searcher, question)
    assert answer.reason != "document metadata" and not answer.lead.startswith("E/CN.4/RES/2003/73 was adopted")
    assert any(said in p.text for p in answer.passages[:3])


@pytest.mark.parametrize("question", ["symbol of the medium-term plan cited in 57/210?",
                                      "under what symbol is the Vienna Declaration cited?"])
def test_the_symbol_of_a_paper_a_text_cites_is_not_the_texts_own(searcher, question):
    # "A/RES/57/210 was issued under the symbol A/RES/57/210" answered the first
    answer = ask(searcher, question)
    assert answer.reason != "document metadata"


def test_a_date_asked_of_a_description_two_texts_fit_gives_both(searcher):
    # 57/210 and the 2004 text share the title: only 57/210's date was given
    answer = ask(searcher, "when was the GA resolution on regional arrangements adopted?")
    assert answer.reason == "documents' metadata" and "2 texts that fit the description" in answer.lead
    assert "18 December 2002" in answer.lead and "20 December 2004" in answer.lead
    one = ask(searcher, "when was the 2004 GA resolution on regional arrangements adopted?")
    assert one.reason == "document metadata" and "18 December 2002" not in one.lead


def test_who_chaired_a_meeting_is_not_answered_with_what_it_adopted(searcher):
    # "E/CN.4/RES/2003/73 was adopted at the 62nd meeting on 25 April 2003" answered "who chaired the 62nd meeting?"
    answer = ask(searcher, "who chaired the 62nd meeting of the Commission?")
    assert not answer.found and answer.reason != "document metadata"


def test_was_the_draft_adopted_says_what_the_draft_is(searcher):
    # "E/CN.4/2002/L.108 does not print the draft it was adopted from" answered another question
    answer = ask(searcher, "was the draft adopted?")
    assert answer.lead == "E/CN.4/2002/L.108 is a draft issued on 22 April 2002, not an adopted resolution."


def test_the_equivalent_in_another_year_or_body_asks_the_same_of_that_text(searcher):
    # "the equivalent", "the counterpart" point back at the subject asked about; they are no subject of their
    # own to ask about ("what does the 2004 GA text say about the equivalent in 2002?" was asked)
    _, out = _chat(searcher, ["what does the 2004 GA text say about the African Union?", "and the equivalent in 2002?",
                              "what about the counterpart paragraph in the Commission text?"])
    assert out[1][0].question == "what does the 2002 GA text say about the African Union?"
    assert any("African Union" in p.text for p in out[1][1].passages[:3])
    assert out[2][0].question == "what does the 2002 Commission on Human Rights text say about the African Union?"


def test_and_by_another_state_after_a_sponsor_question_asks_whether_it_sponsored(searcher):
    _, out = _chat(searcher, ["Was the advisory services draft sponsored by India?", "and by Japan?"])
    assert out[1][0].question == "Was Japan among the sponsors of E/CN.4/2002/L.108?"
    assert "not sponsored by Japan" in out[1][1].lead
