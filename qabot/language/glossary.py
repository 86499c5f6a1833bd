"""A question in French, Spanish or Portuguese, read into English words: the corpus is in English, and the
embedding model and the lexical index know English only. The reading is word by word and phrase by phrase
through a glossary of the corpus's vocabulary and of the words people ask with (glossary.json); names,
figures and symbols stand as typed. It is a reading, not a translation: good enough to search with, and
shown to the asker, who can see what was searched for."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from .places import TOWNS


READ_SHARE = 0.4  # the least share of its words the glossary must read (the rest mostly English, in a mixed question)
# a question is taken for one in another language when at least this many of its words, and this share of
# them, are that language's (not counting English function words and _SHARED): measured on the 1,775 questions of
# tests/questions and dev, it flags the 47 written wholly or partly in Portuguese, French or Spanish, and no
# English one (British spellings, "para 3", "UN", "Côte d'Ivoire" included)
READ_WORDS, READ_WORDS_SHARE = 3, 0.25
# words of those languages that English questions use too: not counted for the language
_SHARED = frozenset({"un", "e", "o", "a", "para", "de", "da", "do", "no", "me", "se", "via", "per", "pro", "con"})

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_ELIDED = re.compile(r"^(?:l|d|qu|j|n|s|c|m|t|lorsqu|puisqu|jusqu)['\u2019](?=[^\W\d_])", re.I)  # "l'atelier"


GLOSSARY_FILE = Path(__file__).with_name("glossary.json")


@functools.cache
def _glossary() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """(phrases, words) by language, read when a question first looks foreign: 77,000 entries are not every
    question's work."""
    data = json.loads(GLOSSARY_FILE.read_text(encoding="utf-8"))
    return data["phrases"], data["words"]


# a question with neither a letter outside ASCII ("é", "ç", "ñ") nor two function words of those languages is
# English, without reading the glossary
_ACCENTED = re.compile(r"[^\W\d_a-zA-Z]")
_FUNCTION = re.compile(r"(?<![\w'\u2019-])(?:que|qui|le|la|les|du|au|aux|des|une|est|sont|dans|pour|avec|sur|el|los|las|"
                       r"del|una|por|para|como|"
                       r"cual|donde|cuando|os|uma|sobre|em|do|da|dos|das|nao|quais|onde|quando|foi|foram)(?![\w'\u2019-])",
                       re.I)


@functools.lru_cache(maxsize=8)
def _phrases(language: str) -> re.Pattern | None:
    phrases = _glossary()[0].get(language) or {}
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w'\u2019-])(?:{alternatives})(?![\w-])", re.I)


def typed_in(text: str, english: frozenset[str]) -> str | None:
    """The language ("fr", "es", "pt") a question is written in, wholly or partly, when the glossary can
    tell; None for English. `english`: English function words, never counted for another language."""
    found = list(_WORD.finditer(text))
    if not found or not _ACCENTED.search(text) and len(_FUNCTION.findall(text)) < 2:
        return None
    # a capitalised word inside a sentence is a name ("Côte d'Ivoire", "El Salvador", "La Paz"), not counted
    tokens = [m.group(0).lower() for m in found
              if not m.group(0)[:1].isupper() or _SENTENCE_START.search(text[:m.start()])]
    glossaries = _glossary()[1]
    best, count = None, 0
    for language, words in glossaries.items():
        n = sum(1 for t in tokens if t in words and t not in english and t not in _SHARED)
        if n > count:
            best, count = language, n
    return best if count >= READ_WORDS and count / len(found) >= READ_WORDS_SHARE else None


_SENTENCE_START = re.compile(r"(?:^|[.?!:;\u00bf\u00a1\"\u201c\u00ab(]\s*|^\s*[\W\d]*)$")


def _in_name(m: re.Match) -> bool:
    """Is this capitalised word, inside a sentence, one of two or more capitalised words in a row (a name
    of several words, "Costa Rica", "Sierra Leona", "Santo Domingo"), or a name of the gazetteer?"""
    text = m.string
    if _SENTENCE_START.search(text[:m.start()]):
        return False  # the sentence's first word ("Quando foram ...")
    before = re.search(r"([^\W\d_][\w'\u2019-]*)\s+$", text[:m.start()])
    after = re.match(r"\s+([^\W\d_][\w'\u2019-]*)", text[m.end():])
    return bool(before and before.group(1)[:1].isupper() or after and after.group(1)[:1].isupper()) \
        or m.group(0).lower() in TOWNS


def glossary_word(word: str) -> str | None:
    """The English of one word (or hyphenated compound) of French, Spanish or Portuguese, the first of the
    glossaries that has it; None when none does."""
    low = word.lower()
    return next((words[low] for words in _glossary()[1].values() if low in words), None)


def read_as_english(text: str, language: str, english: frozenset[str] = frozenset()) -> tuple[str, float]:
    """(the question read into English, the share of its words the glossary read). `english`: words that
    are English as typed (a mixed question: "I need it for the relatório"), left alone and counted as read."""
    phrases, words = (table.get(language) or {} for table in _glossary())
    pattern = _phrases(language)
    read = total = 0

    def one(m: re.Match) -> str:
        nonlocal read, total
        word, before, after = m.group(0), m.string[:m.start()], m.string[m.end():]
        bare = _ELIDED.sub("", word)
        low = bare.lower()
        if before.endswith("/") or after.startswith("/") or re.match(r"\.\S", after) \
                or (len(word) == 1 and re.search(r"\d\s*\(?\s*$", before)):
            return word  # a symbol's part ("E/CN.4/...", "e/cn.4/..."), a sub-paragraph's letter ("8 (e)", "8 e)")
        if word[:1].isupper() and (low not in words or _in_name(m)):
            return word  # a name ("Islamabad", "Costa Rica", "El Salvador"; "Genebra" is in the glossary)
        total += 1
        if low in words:
            read += 1
            return words[low]
        if low in english:
            read += 1
        return bare

    out: list[str] = []
    position = 0
    for m in (pattern.finditer(text) if pattern else ()):
        out.append(_WORD.sub(one, text[position:m.start()]))
        key = re.sub(r"\s+", " ", m.group(0).lower())
        out.append(phrases.get(key, m.group(0)))  # (its English is not read again)
        n = len(_WORD.findall(m.group(0)))
        read, total = read + n, total + n
        position = m.end()
    out.append(_WORD.sub(one, text[position:]))
    return " ".join("".join(out).replace("\u00bf", "").replace("\u00a1", "").split()), (read / total if total else 0.0)
