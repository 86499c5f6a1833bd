"""A word of a question the corpus never prints, searched as it prints it: in its other spelling
("organisation": organization), typed with one slip ("traficking": trafficking), or a word of French, Spanish
or Portuguese in an English question ("pacifique": Pacific)."""

from __future__ import annotations

import re

from ..language import spelling, stemming
from ..language.glossary import glossary_word
from .query import STOPWORDS


def spelled_as_printed(query, df, expander, encoder) -> None:
    """A word the corpus prints in its other spelling ("organisation" where the texts write
    "organization", "labor" where they write "labour"), or typed with a slip ("traficking"), is searched,
    weighed and matched as printed."""
    for term in list(query.terms):
        if term.isdigit() or df(stemming.stem(term)) > 0:
            continue
        other = next((v for v in spelling.variants(term) if expander.prints(v)), None) \
            or _slip_of(term, expander, encoder) or _foreign_of(term, expander, encoder)
        if other is None:
            continue
        weight = query.term_weight.pop(term, 1.0)
        if other in STOPWORDS:  # "waht": "what", a word asked with, not searched for
            query.terms.remove(term)
            continue
        if other in query.terms:  # both spellings typed: the one the corpus prints stands
            query.terms.remove(term)
        else:
            query.terms[query.terms.index(term)] = other
        query.term_weight[other] = max(weight, query.term_weight.get(other, 0.0))
        query.respelled[other] = term
        if other not in spelling.variants(term):
            query.slips[other] = term


def _whole_word(term: str, encoder) -> bool | None:
    """Does the encoder's vocabulary hold the word whole (a word of its own, English mostly)? None for a
    tokenizer that does not hold plain words whole (BPE, SentencePiece): it cannot tell."""
    tok = getattr(encoder, "tok", None)
    if tok is None or tok.token_to_id("water") is None:
        return None
    return tok.token_to_id(term) is not None


def _foreign_of(term: str, expander, encoder) -> str | None:
    """The corpus word a word of French, Spanish or Portuguese in an English question stands for
    ("pacifique": Pacific), by the glossary; only a word the encoder's vocabulary does not hold whole (an
    English word is no foreign one)."""
    if _whole_word(term, encoder) is not False:
        return None
    english = (glossary_word(term) or "").lower()
    return english if re.fullmatch(r"[a-z]+", english) and expander.prints(english) else None


def _slip_of(term: str, expander, encoder) -> str | None:
    """The corpus word a word no document prints was meant to be, typed with one slip ("traficking": the
    corpus prints "trafficking"); of several, the commonest slip's (a letter left out first). Only a word
    the encoder's vocabulary does not hold whole: "water" is a word of its own, not a slip for "later"."""
    if _whole_word(term, encoder) is not False:
        return None
    tok = encoder.tok
    slips = spelling.one_slip(term)
    stem = stemming.stem(term)
    if tok.token_to_id(stem) is not None:
        # a word whose stem the tokenizer holds ("masking": "mask") is a word of its own, not a slip for
        # another ("making"); a slip only within its own family ("trafficing": "trafficking")
        slips = [w for w in slips if w.startswith(stem)]
    printed = [w for w in slips if expander.prints(w)] \
        if len(term) >= spelling.TYPO_LENGTH else []  # three letters: only a question word ("wat")
    if printed:  # "wome": "women", a word the corpus prints, before "some"; the commonest slip first
        return printed[0]
    # "waht", "abuot": a word a question is asked with
    return next((w for w in slips if w in spelling.ASKING_WORDS), None)
