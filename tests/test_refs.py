"""References between documents: extracted from the paragraphs at ingest into the store, listed by
`qabot refs`, and used to answer "which resolutions does 57/210 recall?".

Against the real index of corpus/ (conftest) and real SQLite stores."""

from __future__ import annotations

import json
import sqlite3

import pytest

from qabot.store import migrations
from qabot.pipeline import ask
from qabot.records import Document, Paragraph
from qabot.parse.references import extract, references_in
from qabot.search.query import understand
from qabot.store.database import Store

from .conftest import run_qabot

GA = Document("ga", symbol="A/RES/60/1", body="General Assembly", number="60/1")
CHR = Document("chr", symbol="E/CN.4/RES/2003/73", body="Commission on Human Rights", number="2003/73")


def _refs(text: str, doc: Document = GA, label: str = "pp1"):
    return [(r.body, r.kind, r.number, r.date, r.verb, r.quote)
            for r in references_in(Paragraph(doc.id, 0, "preambular", label, text), doc)]


def test_references_are_read_with_their_body_date_verb_and_exact_words():
    text = "Recalling its resolution 55/105 of 4 December 2000 and Commission resolution 2002/82,"
    assert _refs(text) == [
        ("General Assembly", "resolution", "55/105", "2000-12-04", "recall", "its resolution 55/105 of 4 December 2000"),
        ("Commission on Human Rights", "resolution", "2002/82", None, "recall", "Commission resolution 2002/82")]
    # a list: every number its own link, all under the body and verb named once
    assert [(b, n, d) for b, _, n, d, _, _ in _refs(
        "Reaffirming General Assembly resolutions 49/180 of 23 December 1994 and 50/176 of 22 December 1995 "
        "and resolution 48/134,")] == [("General Assembly", "49/180", "1994-12-23"),
                                       ("General Assembly", "50/176", "1995-12-22"),
                                       ("General Assembly", "48/134", None)]
    assert _refs("Taking note of Economic and Social Council decision 2002/... and its resolution 2002/82,", CHR) == [
        ("Economic and Social Council", "decision", "2002/...", None, "take note",
         "Economic and Social Council decision 2002/..."),
        ("Commission on Human Rights", "resolution", "2002/82", None, "take note", "its resolution 2002/82")]
    # a bare number takes the body the sentence names, before or after it
    assert _refs("Bearing in mind the resolutions of the Commission on Human Rights, including resolution 2002/87,")[0][:3] \
        == ("Commission on Human Rights", "resolution", "2002/87")
    assert _refs("Recalling the adoption of resolution 2000/22 of 18 August 2000 by the Sub-Commission on the "
                 "Promotion and Protection of Human Rights,")[0][0] == \
        "Sub-Commission on the Promotion and Protection of Human Rights"
    for r in references_in(Paragraph("ga", 0, "operative", "3", "Welcomes the report (A/57/283) and resolution 217 A "
                                                              "(III) of 10 December 1948;"), GA):
        assert r.quote == "Welcomes the report (A/57/283) and resolution 217 A (III) of 10 December 1948;"[r.start:r.end]


def test_refs_lists_what_57_210_recalls(corpus_index):
    result = run_qabot("refs", "57/210", "--index", str(corpus_index))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[0] == "A/RES/57/210 cites:"
    assert lines[1:4] == [
        "  pp. 1  recall        General Assembly resolution 32/127 of 16 December 1977",
        "  pp. 2  recall        Commission on Human Rights resolution 1993/51 of 9 March 1993",
        "  pp. 3  bear in mind  Commission on Human Rights resolution 2002/87 of 26 April 2002",
    ]
    assert "  fn. 4  take note     document A/57/283" in lines  # under op. 1's verb ("Takes notes [sic] ...")
    assert "  fn. 1                document E/1993/23" in lines  # "See Official Records ...": where, not what
    assert "No document in the corpus cites it." in lines

    data = json.loads(run_qabot("refs", "A/RES/57/210", "--verb", "recalls", "--format", "json",
                                "--index", str(corpus_index)).stdout)
    assert [(r["label"], r["body"], r["number"], r["date"], r["quote"]) for r in data["cites"]] == [
        ("pp1", "General Assembly", "32/127", "1977-12-16", "its resolution 32/127 of 16 December 1977"),
        ("pp2", "Commission on Human Rights", "1993/51", "1993-03-09",
         "Commission on Human Rights resolution 1993/51 of 9 March 1993")]
    assert data["cited_by"] == []


def test_which_resolutions_does_57_210_recall_is_answered_from_the_links(searcher):
    answer = ask(searcher, "which resolutions does 57/210 recall?")
    assert answer.found and answer.reason == "document links"
    assert answer.lead == ("A/RES/57/210 recalls \u201cits resolution 32/127 of 16 December 1977\u201d (pp. 1) and "
                           "\u201cCommission on Human Rights resolution 1993/51 of 9 March 1993\u201d (pp. 2).")
    assert [(p.document.symbol, p.paragraph.label) for p in answer.passages] == [("A/RES/57/210", "pp1"),
                                                                               ("A/RES/57/210", "pp2")]
    for p in answer.passages:
        assert p.text == searcher.store.paragraph(p.document.id, p.paragraph.label).text
        assert p.highlight in p.text
    cites = ask(searcher, "What does resolution 2003/73 cite?")
    assert "\u201cits resolution 2002/82 of 26 April 2002\u201d (pp. 1)" in cites.lead
    assert "\u201cE/CN.4/2003/109\u201d (op. 1)" in cites.lead
    # a question about what a text says is not a question about its links
    assert ask(searcher, "What does operative paragraph 15 of resolution 57/210 say?").reason != "document links"


def test_links_are_stored_at_ingest_replaced_with_their_document_and_found_from_the_cited_side(tmp_path):
    store = Store(tmp_path / "store.sqlite", readonly=False)
    cited = Document("old", symbol="A/RES/57/210", body="General Assembly", number="57/210", content_hash="1")
    citing = Document("new", symbol="A/RES/59/183", body="General Assembly", number="59/183", content_hash="2")
    other = Document("chr", symbol="E/CN.4/RES/2003/73", body="Commission on Human Rights", number="2003/73",
                     content_hash="3")

    def put(document, paragraphs):  # as an ingest stores a document: its paragraphs, then the links they make
        store.put_document(document, paragraphs)
        store.put_references(document.id, extract(document, paragraphs))

    with store.transaction():
        put(cited, [Paragraph("old", 0, "operative", "1", "Decides to continue;")])
        put(citing, [Paragraph("new", 0, "preambular", "pp1", "Recalling its resolution 57/210 of 18 December 2002,"),
                     Paragraph("new", 1, "operative", "1", "Takes note of document A/RES/57/210;")])
        put(other, [Paragraph("chr", 0, "preambular", "pp1", "Recalling Commission resolution 57/210,")])
    found = store.references_to(cited)
    assert [(d, r.label, r.verb) for d, r in found] == [("new", "pp1", "recall"), ("new", "1", "take note")]
    with store.transaction():  # re-ingesting a document replaces its links
        put(citing, [Paragraph("new", 0, "operative", "1", "Decides to continue;")])
    assert store.references_to(cited) == [] and store.references_from("new") == []
    store.close()


def test_an_older_store_gets_its_links_when_migrated(tmp_path):
    path = tmp_path / "store.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, fn in migrations.MIGRATIONS:
        if name == "m003_references":
            break
        fn(db)
        db.execute("INSERT INTO schema_migrations VALUES (?, datetime('now'))", (name,))
    doc = Document("old", symbol="A/RES/57/210", body="General Assembly", number="57/210")
    db.execute("INSERT INTO documents (id, content_hash, meta, ingested_at) VALUES (?, '', ?, '')",
               (doc.id, json.dumps(doc.to_json())))
    db.execute("INSERT INTO paragraphs (doc_id, seq, kind, label, text) VALUES ('old', 0, 'preambular', 'pp1', ?)",
               ("Recalling its resolution 32/127 of 16 December 1977,",))
    db.commit()
    db.close()
    store = Store(path, readonly=False)  # migrates
    assert [(r.label, r.number, r.body) for r in store.references_from("old")] == [("pp1", "32/127",
                                                                                     "General Assembly")]
    store.close()


def test_refs_of_a_resolution_the_corpus_lacks_lists_who_cites_it(corpus_index):
    result = run_qabot("refs", "2002/82", "--index", str(corpus_index))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "2002/82 is not in the corpus.\n\nCited in the corpus by:\n"
        "  E/CN.4/RES/2003/73, pp. 1 (recall): \u201cits resolution 2002/82 of 26 April 2002\u201d\n"
        "  E/CN.4/RES/2003/73, op. 1 (welcome): \u201cCommission resolution 2002/82 of 26 April 2002\u201d\n")
    missing = run_qabot("refs", "99/999", "--index", str(corpus_index))
    assert missing.returncode != 0 and "No document '99/999'" in missing.stderr and "Traceback" not in missing.stderr


def test_a_text_without_a_symbol_is_named_by_its_year(corpus_index):
    # the 2004 GA text prints no symbol: "qabot refs 2004" finds it, the only text of that year
    result = run_qabot("refs", "2004", "--index", str(corpus_index))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("\u201cRegional arrangements for the promotion and protection of human rights\u201d "
                                    "(General Assembly, 20 December 2004) cites:")
    several = run_qabot("refs", "2002", "--index", str(corpus_index))  # three texts of 2002: which one, said
    assert several.returncode != 0 and "'2002' names several documents" in several.stderr
    assert "A/RES/57/210" in several.stderr and "Traceback" not in several.stderr


@pytest.mark.parametrize("question, links", [
    ("does 2003/73 recall the Tehran framework?", None),  # whether its text speaks of that: a content question
    ("does 57/210 recall any earlier resolutions?", "recalls"),
    ("which resolutions does 57/210 recall?", "recalls"),
    # a date or a place of what it recalls: a fact in its text, not the list of texts it recalls
    ("when and where was the world conference against racism that 57/224 recalls?", None),
    ("where was the conference that 57/224 recalls held?", None),
])
def test_a_named_object_of_recall_is_a_question_about_the_text(question, links):
    assert understand(question).links == links


def test_a_note_is_cited_under_the_verb_of_the_paragraph_citing_it(corpus_index):
    # fn. 4 "A/57/283." was listed with no verb, so `--verb` never found the report 57/210 takes note of
    result = run_qabot("refs", "57/210", "--verb", "take note", "--index", str(corpus_index))
    assert result.returncode == 0, result.stderr
    assert "  fn. 4  take note  document A/57/283" in result.stdout
    # "See resolution 55/2." names what "Recalling its adoption of the ... Millennium Declaration" recalls
    recalled = run_qabot("refs", "57/224", "--verb", "recall", "--index", str(corpus_index)).stdout
    assert "  fn. 2  recall  General Assembly resolution 55/2" in recalled


def test_a_verb_references_are_never_cited_under_is_refused(corpus_index):
    result = run_qabot("refs", "57/224", "--verb", "frobnicate", "--index", str(corpus_index))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--verb 'frobnicate' is not a verb references are cited under; one of: recall," in result.stderr
