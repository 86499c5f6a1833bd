"""Answer -> Block Kit: Slack's limits kept, quotes verbatim once the mrkdwn is read back, escaping."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from qabot.render import slack_blocks as blocks
from qabot.slack.text import plain

QUESTION = "which regional workshops were held in 2003?"


def read_back(quote_blocks: list[dict]) -> str:
    """What a reader copies from consecutive rich text quotes: their text elements, joined."""
    return "".join(blocks.shown_text(b) for b in quote_blocks)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=9000),
       st.integers(0, 8000), st.integers(1, 400))
def test_quotes_stay_within_the_limit_and_carry_the_text_character_for_character(text, start, length):
    highlight = text[start:start + length] if start < len(text) else ""
    quotes = blocks.quote_blocks(text, highlight)
    assert all(len(blocks.shown_text(q)) <= blocks.SECTION_LIMIT for q in quotes)
    assert read_back(quotes) == text
    for q in quotes:  # each element is text (never mrkdwn), bold only where the highlight is
        for element in q["elements"][0]["elements"]:
            assert element["type"] == "text" and element["text"]
            if element.get("style"):
                assert element["style"] == {"bold": True} and element["text"] in highlight


def test_a_long_paragraph_is_cut_between_clauses():
    clause = "to convene workshop number {} on the protection of migrant fishermen in coastal provinces"
    text = "Requests the Secretary-General " + "; ".join(clause.format(i) for i in range(80)) + ";"
    quotes = blocks.quote_blocks(text, "Requests the Secretary-General")
    assert len(quotes) >= 2
    first = quotes[0]["elements"][0]
    assert first["type"] == "rich_text_quote"
    assert first["elements"][0] == {"type": "text", "text": "Requests the Secretary-General", "style": {"bold": True}}
    for q in quotes[:-1]:
        shown = blocks.shown_text(q)
        assert shown.endswith("; ") or shown.endswith(";")  # never inside a clause when clauses fit


# Paragraphs Slack's mrkdwn would change: asterisks marking sponsors, underscores, tildes, backquotes,
# a "> " that mrkdwn would read as a quote, entities and angle brackets.
MARKUP_PARAGRAPHS = [
    "Argentina*, Armenia*, Australia*, Austria*, Belgium* and Bolivia (Plurinational State of)*: draft resolution",
    "Recalling its resolutions 2002/82_a and 2003/73_b, and the report E/CN.4/2003/_109_,",
    "Welcomes the ~eleventh~ Workshop held in Islamabad from 25 to 27 February 2003 *and* the `twelfth` one;",
    "> Notes that 5 < 7 & 9 > 3 and that &amp; &lt;b&gt; <!channel> <https://evil.example|click> stay text;",
    "*_~`both`~_* at once, and a lone * or _ or ~ too",
]


def test_paragraphs_with_markup_characters_are_carried_exactly():
    for text in MARKUP_PARAGRAPHS:
        for highlight in ("", text[10:40], text):
            quotes = blocks.quote_blocks(text, highlight)
            assert read_back(quotes) == text, text
            assert "mrkdwn" not in json.dumps(quotes)  # nothing of it is read as markup


def test_a_chapeau_comes_first_in_italics_then_the_paragraph():
    chapeau = "Requests the Secretary-General_ to provide* the following:"
    quotes = blocks.quote_blocks("(c) to convene a workshop in Doha*;", "a workshop", context=chapeau)
    elements = quotes[0]["elements"][0]["elements"]
    assert elements[0] == {"type": "text", "text": chapeau, "style": {"italic": True}}
    assert read_back(quotes) == chapeau + " \u2026\n(c) to convene a workshop in Doha*;"


def test_answer_pages_keep_slack_limits_and_every_passage(searcher):
    from qabot.pipeline import ask

    answer = ask(searcher, QUESTION, k=40)
    messages = blocks.answer_messages(answer, {"id": "x", "q": QUESTION})
    assert len(messages) >= 2
    for m in messages:
        assert len(m["blocks"]) <= blocks.BLOCK_LIMIT and len(m["text"]) <= blocks.FALLBACK_LIMIT
        for b in m["blocks"]:
            if b["type"] == "section":
                assert len(b["text"]["text"]) <= blocks.SECTION_LIMIT
            if b["type"] == "rich_text":
                assert len(blocks.shown_text(b)) <= blocks.SECTION_LIMIT
            for button in b.get("elements", []):
                if button.get("type") == "button":
                    assert len(button["value"]) <= blocks.VALUE_LIMIT
    labels = [blocks.shown_text(b) for m in messages for b in m["blocks"] if b["type"] == "rich_text"
              and b["elements"][0]["type"] == "rich_text_section" and blocks.shown_text(b).startswith("[")]
    assert [label.split("]")[0] for label in labels] == [f"[{p.rank}" for p in answer.passages]  # each once, in order
    more = [b for m in messages[:-1] for b in m["blocks"] if b["type"] == "actions"]
    assert all(any(e["action_id"] == blocks.MORE for e in b["elements"]) for b in more)
    value = json.loads(next(e["value"] for e in more[0]["elements"] if e["action_id"] == blocks.MORE))
    assert value == {"id": "x", "q": QUESTION, "p": 1}


def test_corpus_and_question_text_is_escaped():
    assert blocks.escape("<!channel> & <https://evil.example|click>") == \
        "&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;"
    assert blocks.link("https://undocs.org/A/RES/57/210|x>", "A&B <c>") == \
        "<https://undocs.org/A/RES/57/210%7Cx%3E|A&amp;B &lt;c&gt;>"


def test_slack_markup_in_a_question_becomes_what_the_person_saw():
    text = "<@UQABOT> <!channel> see <https://evil.example|click> in <#C1|general> &lt;!here&gt; &amp; 2003?"
    assert plain(text, "UQABOT") == "@channel see click (https://evil.example) in #general <!here> & 2003?"


def test_a_briefing_note_is_cut_into_code_blocks_between_lines():
    note = "\n".join(f"> line {i} & <b> with some words to make it long enough" for i in range(400))
    messages = blocks.code_messages(note)
    assert len(messages) > 1 and all(len(m) <= 3900 for m in messages)
    back = "\n".join(blocks.unescape(m[4:-4]) for m in messages)
    assert back == note
