"""How much of a question's meaning rests on the words the corpus never uses, nor a word close in meaning
(Terms.unmatched): the subject of "what do they say about fisheries?" is the word the corpus lacks, while
in "where must change come from, home or abroad?" the words it lacks are a user's way of asking what the
corpus says in its own."""

from __future__ import annotations

import re

import numpy as np

from ..language import stemming
from ..language.asked import question_proper


def unsaid(searcher, retrieval) -> float:
    """How much of the question's meaning rests on the words the corpus never uses, nor a word close in
    meaning (Terms.unmatched): 1 - the cosine between the question and the question without them. The
    corpus's background words (in a fifth of its paragraphs or more: "human rights" in a body of human
    rights resolutions) are left out of both, as they say nothing of a subject: "climate change and human
    rights" rests on "climate" as much as "climate change" does. One or two short encodings, only for a
    question with such words."""
    words = retrieval.terms.unmatched if retrieval.terms else []
    # (those of the question proper: the words an asker tells of themselves before it are left out of both texts
    # compared, "A glassblower cares about clarity. Which four principles should guide the work?"; the rest of
    # what they tell stays, for the question may ask of it: "... experts sent to help countries. When did that
    # start?")
    asked = question_proper(retrieval.query.text)
    told = [w for w in words if asked != retrieval.query.text and not re.search(rf"\b{re.escape(w)}\b", asked, re.I)]
    words = [w for w in words if w not in told]
    if not words or retrieval.question_vector is None:
        return 0.0
    common = 0.2 * max(1, searcher.paragraph_count)
    background = [t for t in retrieval.query.terms if not t.isdigit() and t not in words
                  and searcher.df(stemming.stem(t)) >= common]
    text = _without(retrieval.query.text, background + told)
    stripped = _without(text, words)
    if (background or told) and text.strip(" ?.!,"):
        base, rest = searcher.encoder.encode([text, stripped])
        return round(1.0 - float(np.dot(base, rest)), 4)
    question = np.asarray(retrieval.question_vector, dtype=np.float32).reshape(-1)
    return round(1.0 - float(searcher.encoder.encode([stripped])[0] @ question), 4)


def _without(text: str, words: list[str]) -> str:
    if not words:
        return text
    return re.sub(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", " ", text, flags=re.I)
