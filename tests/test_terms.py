"""The term counts BM25 reads (store/terms.py): the same scores as the stems FTS5 stores, read with work
that does not grow with the corpus, and a store built before them still scores (and is upgraded)."""

from __future__ import annotations

import sqlite3

from qabot.language import stemming
from qabot.records import Document, Paragraph
from qabot.search.lexical import Lexical
from qabot.store import migrations
from qabot.store.database import Store

TEXTS = ["The tumour, a tumor of the breast, is a cancer; the tumour grew.",
         "The tumour spread by metastasis to the lymph nodes.",
         "Human rights workshops were held in Islamabad and in Doha.",
         "Nothing here about the question at all."]


def _store(path, copies: int) -> tuple[Store, list[int]]:
    store = Store(path, readonly=False)
    ids = []
    with store.transaction():
        for k in range(copies):
            paragraphs = [Paragraph(doc_id=f"d{k}", seq=i, kind="operative", label=str(i + 1), text=t,
                                    parent="1" if i == 3 else None) for i, t in enumerate(TEXTS)]
            ids += store.put_document(Document(id=f"d{k}", source="test", title=f"Tests on tumours {k}"), paragraphs)
    return store, ids


def _weights() -> tuple[dict[str, float], dict[str, str]]:
    tumor, cancer = stemming.stem("tumor"), stemming.stem("cancer")
    weights = {tumor: 1.0, stemming.stem("metastasis"): 1.0, stemming.stem("tumour"): 0.7, cancer: 0.6,
               stemming.stem("workshops"): 0.9, stemming.stem("absentword"): 1.0}
    return weights, {stemming.stem("tumour"): tumor, cancer: tumor}


def test_stored_counts_score_as_the_stems_do(tmp_path):
    store, ids = _store(tmp_path / "s.sqlite", 3)
    lexical = Lexical(store, len(ids), 9.0, 5.0)
    weights, alternatives = _weights()
    assert store.terms
    counted = lexical.score(weights, ids, alternatives)
    store.terms = False  # as a store built before them
    split = lexical.score(weights, ids, alternatives)
    assert list(counted.items()) == list(split.items())  # the same ids, in the same order, the same floats
    assert all(counted[i] > 0 for i in ids)  # (the title, and a chapeau's context, hold "tumour")
    store.close()


def test_scoring_reads_the_same_whatever_the_corpus_size(tmp_path):
    """Scoring 8 paragraphs runs the same statements on a store of 4 documents and of 40, and reads no stems
    from FTS5."""
    statements = []
    weights, alternatives = _weights()
    for copies in (4, 40):
        store, ids = _store(tmp_path / f"s{copies}.sqlite", copies)
        lexical = Lexical(store, len(ids), 9.0, 5.0)
        for stem in weights:
            lexical.idf(stem)  # (document frequencies are cached per stem: read once per process)
        seen: list[str] = []
        store.db.set_trace_callback(seen.append)
        rows_before = store.db.total_changes
        scores = lexical.score(weights, ids[:8], alternatives)
        store.db.set_trace_callback(None)
        assert len(scores) == 8 and store.db.total_changes == rows_before
        assert not any("paragraphs_fts" in s for s in seen)
        statements.append(seen)
        store.close()
    assert len(statements[0]) == len(statements[1]) <= 3


def _make_older(path) -> None:
    db = sqlite3.connect(path)
    with db:
        db.execute("DROP TABLE paragraph_terms")
        db.execute("DROP TABLE stems")
        db.execute("DELETE FROM schema_migrations WHERE name = 'm006_paragraph_terms'")
    db.close()


def test_a_store_without_term_counts_still_scores_and_is_upgraded(tmp_path):
    path = tmp_path / "s.sqlite"
    store, ids = _store(path, 2)
    weights, alternatives = _weights()
    expected = Lexical(store, len(ids), 9.0, 5.0).score(weights, ids, alternatives)
    store.close()
    _make_older(path)

    old = Store(path)  # served read-only: the migration is optional
    assert not old.terms
    assert Lexical(old, len(ids), 9.0, 5.0).score(weights, ids, alternatives) == expected
    old.close()
    assert Store(path, upgrading=True).outdated  # an ingest writes a new generation with them

    upgraded = Store(path, readonly=False)  # (what that ingest does to its copy)
    assert "m006_paragraph_terms" in upgraded.migrated and upgraded.terms
    assert upgraded.db.execute("SELECT count(*) FROM paragraph_terms").fetchone()[0] == len(ids)
    assert Lexical(upgraded, len(ids), 9.0, 5.0).score(weights, ids, alternatives) == expected
    # a document written after the upgrade numbers its new stems after the old ones
    with upgraded.transaction():
        new = upgraded.put_document(Document(id="new", source="test", title="New"),
                                    [Paragraph(doc_id="new", seq=0, kind="operative", label="1",
                                               text="A tumour and a wholly novel zymurgy word.")])
    scores = Lexical(upgraded, len(ids) + 1, 9.0, 5.0).score({stemming.stem("zymurgy"): 1.0}, new + ids[:1])
    assert scores[new[0]] > 0 and scores[ids[0]] == 0
    upgraded.close()
    assert migrations.OPTIONAL >= {"m006_paragraph_terms"}
