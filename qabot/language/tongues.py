"""Which language a question is written in: the corpus is in English, and a question in French or Spanish
is told so rather than matched word by word against English paragraphs."""

from __future__ import annotations

import re


# The commonest function words of the languages a user of UN texts may write in, without those that
# are also English words ("a", "die", "come", "son", "same"): a question is taken for one of these
# languages when it has at least two of its function words and fewer English ones.
_FUNCTION_WORDS = {
    "fr": "le la les des du une est sont quels quelles quel quelle ont été sur dans pour avec qui que où quand "
          "comment pourquoi cette ces aux par leur leurs ils elles sont était avaient il y a-t-il lieu",
    "es": "el los las del una es son cuáles cuál qué dónde cuándo cómo por para con sobre fue fueron han se "
          "al lo sus este esta estos estas",
    "de": "der das den dem des ein eine ist sind wurde wurden welche welcher welches wo wann wie warum und mit "
          "für auf über zu im vom zum",
    "pt": "os um uma são quais onde quando como foi foram pelo pela sobre em do da dos das não",
    "it": "il lo gli della delle dei sono quali dove quando come è stato stati sulla nel nella degli",
}
_ENGLISH = set("""the of and to in is are was were what which who whom whose when where why how does do did for on with
by from that this these those an it its their they has have had be been will would should can could about into
whether any there than other not or at as""".split())
ENGLISH_WORDS = frozenset(_ENGLISH | {"i", "we", "you", "me", "my", "our", "need", "please", "thanks", "want", "know",
                                     "tell", "us", "just", "also", "so", "only", "note", "brief", "report"})
_HOMOGRAPHS = {"a", "die", "come", "son", "same", "con", "pour", "dove", "also", "once", "in", "so", "as", "is", "an",
               "do", "the", "on", "of", "to", "was", "at", "or", "he", "we", "me", "no", "pie", "fine", "more"}


def language(text: str) -> str:
    """"en", or the code of the language most of the question's function words belong to."""
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text.lower())
    english = sum(1 for w in words if w in _ENGLISH)
    best, count = "en", 0
    for code, listed in _FUNCTION_WORDS.items():
        found = sum(1 for w in words if w in set(listed.split()) - _HOMOGRAPHS)
        if found > count:
            best, count = code, found
    return best if count >= 2 and count > english else "en"
