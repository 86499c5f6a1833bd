"""Words for lexical search: lower-cased, accents folded, English stop words dropped, Snowball stems.

One function serves the index (what FTS5 stores) and the questions (what it is asked), so both sides
always agree; FTS5 itself only splits on white space and punctuation.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Lucene's English stop words (what the BM25 baselines of BEIR use), plus the possessive "s".
STOP = frozenset("""a an and are as at be but by for if in into is it no not of on or such that the their then
there these they this to was will with s""".split())

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@functools.lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def fold(text: str) -> str:
    if text.isascii():
        return text.lower()  # (nothing to decompose)
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def stems(text: str) -> list[str]:
    words = [w for w in _WORD.findall(fold(text)) if w not in STOP]
    return _stemmer().stemWords(words)


def stem(word: str) -> str:
    return _stemmer().stemWord(fold(word))


def index_text(text: str) -> str:
    """What FTS5 stores for a text: its stems separated by spaces."""
    return " ".join(stems(text))


def stem_words(words: list[str]) -> list[str]:
    """Stems of words already folded and split (one stem per word)."""
    return _stemmer().stemWords(words)
