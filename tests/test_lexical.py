"""The lexical side's rules, on a real SQLite store (qabot's schema, FTS5 over stems): which stems
gather candidates, and how a word and the words standing in for it are scored."""

from __future__ import annotations

from qabot.language import stemming as analysis
from qabot.search.lexical import Lexical
from qabot.records import Document, Paragraph
from qabot.store.database import Store


def _store(tmp_path, texts: list[str]) -> tuple[Store, Lexical, list[int]]:
    store = Store(tmp_path / "store.sqlite", readonly=False)
    with store.transaction():
        ids = store.put_document(Document(id="doc", source="test", title="Tests"),
                                 [Paragraph(doc_id="doc", seq=i, kind="operative", label=str(i + 1), text=t)
                                  for i, t in enumerate(texts)])
    avg = sum(len(analysis.stems(t)) for t in texts) / len(texts)
    return store, Lexical(store, len(texts), avg, 1.0), ids


def test_a_word_and_its_stand_ins_count_once(tmp_path):
    store, lexical, (one_idea, two_ideas) = _store(tmp_path, [
        "The tumour, a tumor of the breast, is a cancer.",
        "The tumour spread by metastasis.",
    ])
    tumor, metastasis = analysis.stem("tumor"), analysis.stem("metastasis")
    weights = {tumor: 1.0, metastasis: 1.0, analysis.stem("tumour"): 0.7, analysis.stem("cancer"): 0.7}
    stands_for = {analysis.stem("tumour"): tumor, analysis.stem("cancer"): tumor}

    summed = lexical.score(weights, [one_idea, two_ideas])
    grouped = lexical.score(weights, [one_idea, two_ideas], stands_for)
    # summed, three words for one idea outscore the paragraph that has both ideas the question asks about
    assert summed[one_idea] > summed[two_ideas]
    assert grouped[two_ideas] > grouped[one_idea]
    # a paragraph with only a stand-in still scores, by the stand-in's weight
    alone = lexical.score({tumor: 1.0, analysis.stem("tumour"): 0.7}, [two_ideas], stands_for)
    assert alone[two_ideas] > 0
    store.close()


def test_common_stems_do_not_gather_candidates_but_still_count(tmp_path, monkeypatch):
    from qabot.search import lexical as module
    from qabot.search.lexical import GATHER_POSTINGS

    size = GATHER_POSTINGS + 1000  # "rights" in every paragraph: more postings than one gathering may visit
    texts = [f"Human rights paragraph number {i}." for i in range(size)]
    texts[7] = "Human rights workshops were held in Islamabad."
    texts[3100] = "A workshop on human rights was held in Doha."
    store, lexical, ids = _store(tmp_path, texts)
    right, workshop, held = analysis.stem("rights"), analysis.stem("workshop"), analysis.stem("held")

    # only the rare stems gather, so both workshops and nothing else
    assert sorted(lexical.candidates([right, workshop, held], 100)) == sorted([ids[7], ids[3100]])
    # a question of common stems only still finds paragraphs (its rarest stem gathers)
    assert len(lexical.candidates([right], 100)) == 100
    # and the common stem still counts in the score of what was gathered
    with_right = lexical.score({right: 1.0, workshop: 1.0, held: 1.0}, [ids[7]])
    without = lexical.score({workshop: 1.0, held: 1.0}, [ids[7]])
    assert with_right[ids[7]] > without[ids[7]]
    # a stem with more postings than GATHER_ALONE does not gather even alone (ranking the postings of
    # such a stem was the slowest part of a question at 1M paragraphs; the bound is lowered to this store)
    assert lexical.postings(right) >= size
    monkeypatch.setattr(module, "GATHER_ALONE", size - 1)
    assert lexical.candidates([right], 100) == []
    assert sorted(lexical.candidates([right, workshop], 100)) == sorted([ids[7], ids[3100]])
    store.close()


def test_expansions_are_words_the_passages_about_the_question_use(searcher):
    """A neighbour of a question word in the embedding space that none of the passages closest to the
    question uses is a near-spelling ("racial" for "regional"), not a way the corpus says the same."""
    from qabot.search.query import understand
    from qabot.search.retrieve import CONTEXT_PASSAGES

    question = "What recommendations came out of the 2010 Asia-Pacific regional workshop on human rights?"
    query = understand(question)
    _, unfiltered = searcher.term_weights(query)
    dense = searcher._dense(searcher.encode(query.text), 100, None)
    context = [pid for pid, _ in dense[:CONTEXT_PASSAGES]]
    _, filtered = searcher.term_weights(understand(question), context=context)
    used = searcher.lexical.stems_of(context)
    assert analysis.stem("racial") in unfiltered and analysis.stem("racial") not in filtered
    formal = {analysis.stem(w) for w in query.register}  # the register lexicon's words are not filtered
    assert filtered and all(s in used or s in formal for s in filtered)


def test_opposites_are_recognised_by_pair_and_by_negating_prefix():
    from qabot.search.expansion import opposite

    stem = analysis.stem
    assert opposite(stem("increase"), stem("decreases")) and opposite(stem("lower"), stem("higher"))
    assert opposite(stem("involved"), stem("uninvolved")) and opposite(stem("symptomatic"), stem("asymptomatic"))
    assert not opposite(stem("tumor"), stem("cancer")) and not opposite(stem("state"), stem("estate"))
