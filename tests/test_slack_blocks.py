"""Answer -> Block Kit: Slack's limits kept, quotes verbatim once the mrkdwn is read back, escaping."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from qabot.render import slack_blocks as blocks
from qabot.slack.text import plain

QUESTION = "which regional workshops were held in 2003?"


def read_back(sections: list[str]) -> str:
    """What a reader copies from consecutive quote sections (quote markers, bold, entities removed)."""
    return blocks.unescape("".join(line[2:] for s in sections for line in s.split("\n")).replace("*", ""))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="*\n\r"),
               min_size=1, max_size=9000),
       st.integers(0, 8000), st.integers(1, 400))
def test_quote_sections_stay_within_the_limit_and_read_back_verbatim(text, start, length):
    highlight = text[start:start + length] if start < len(text) else ""
    sections = blocks.quote_sections(text, highlight)
    assert all(len(s) <= blocks.SECTION_LIMIT for s in sections)
    assert read_back(sections) == text


def test_a_long_paragraph_is_cut_between_clauses():
    clause = "to convene workshop number {} on the protection of migrant fishermen in coastal provinces"
    text = "Requests the Secretary-General " + "; ".join(clause.format(i) for i in range(80)) + ";"
    sections = blocks.quote_sections(text, "Requests the Secretary-General")
    assert len(sections) >= 2
    assert sections[0].startswith("> *Requests the Secretary-General*")
    for s in sections[:-1]:
        assert s.endswith("; ") or s.endswith(";")  # never inside a clause when clauses fit


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
            for button in b.get("elements", []):
                if button.get("type") == "button":
                    assert len(button["value"]) <= blocks.VALUE_LIMIT
    citations = [e["text"] for m in messages for b in m["blocks"] if b["type"] == "context" for e in b["elements"]
                 if e["text"].startswith(("<https://", "["))]  # linked when the document has a symbol
    labels = [c.split("|", 1)[1] if c.startswith("<") else c for c in citations]
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
