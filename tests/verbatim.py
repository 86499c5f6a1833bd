"""The verbatim check shared by the parser tests: a paragraph's words occur in the source file, in the
same order, once layout is removed (nothing invented, nothing reordered)."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def occurs_in_order(paragraph: str, source: str, max_gap: int = 120) -> str | None:
    """None when every word of `paragraph` is found in `source` in order; else what went wrong.

    A source word may carry a glued footnote mark the paragraph cut ("19931" for "1993"), and a word
    split by a line-end hyphen may be two source words ("promo-", "tion"). Between two consecutive
    words, at most `max_gap` source words (layout: a footnote block, a page header) may be skipped.
    """
    src = words(source)
    para = words(paragraph)
    if not para:
        return "the paragraph has no words"
    # candidate starts: where the first word occurs
    starts = [i for i, w in enumerate(src) if _match(para[0], src, i)[0]]
    best = None
    for start in starts:
        problem = _walk(para, src, start, max_gap)
        if problem is None:
            return None
        best = best or problem
    return best or f"first word {para[0]!r} not in the source"


def _match(word: str, src: list[str], i: int) -> tuple[bool, int]:
    token = src[i]
    if token == word:
        return True, 1
    if token.startswith(word) and token[len(word):].isdigit():
        return True, 1
    if word.startswith(token) and len(token) < len(word):
        # a word split by a line-end hyphen, perhaps with a page header between its halves
        for k in range(i + 1, min(len(src), i + 10)):
            if token + src[k] == word:
                return True, k - i + 1
    return False, 0


def _walk(para: list[str], src: list[str], i: int, max_gap: int) -> str | None:
    ok, used = _match(para[0], src, i)
    i += used
    for k, word in enumerate(para[1:], 1):
        for j in range(i, min(len(src), i + max_gap + 1)):
            ok, used = _match(word, src, j)
            if ok:
                i = j + used
                break
        else:
            return f"word {k} {word!r} not found in order (context: {' '.join(para[max(0, k - 5):k + 1])!r})"
    return None
