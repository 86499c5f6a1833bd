"""What a question leaves out: "Apart from the advisory services draft, does any Assembly text ...?"
names a text (or a body's texts) not to answer from. Read here from the words alone; which documents
the words name is looked up by the search (retrieve.Searcher._leave_out)."""

from __future__ import annotations

import re

# "apart from the advisory services draft, does any Assembly text ...?": a text (or a body's texts) the
# question leaves out; what it names is looked up as a document description (Searcher.search)
_LEAVING_OUT = re.compile(r"(?:^|(?<=[\s,;(]))(?:apart from|aside from|except for|except|other than|excluding|"
                          r"besides|leaving aside|leaving out|not counting|outside of|setting aside)\s+", re.I)
# where the name of a text ends: its head noun ("the advisory services draft", "the 2004 one"), or a word that
# goes on with the question
_TEXT_HEAD = frozenset("""draft drafts resolution resolutions text texts one ones document documents version versions
decision decisions res""".split())
_GOES_ON = frozenset("""does do did is are was were has have had which what who whom where when how why ask asks
asked say says said call calls called mention mentions request requests deal deals speak speaks talk talks""".split())


def leaving_out(question: str) -> tuple[str, str] | None:
    """(what the question leaves out, the question without it), or None: "Apart from the advisory
    services draft, does any Assembly text ...?" -> ("the advisory services draft", "does any Assembly
    text ...?"). Opening the question, the words run to the first comma ("Apart from the draft adopted in
    2002, ..."); elsewhere they end at a punctuation mark, after the head noun of a text's name, after a
    symbol or number that begins them ("other than L.108", "aside from resolution 57/210"), or before a word
    that goes on with the question."""
    m = _LEAVING_OUT.search(question)
    if m is None:
        return None
    comma = question.find(",", m.end())
    if not question[:m.start()].strip(" (") and 0 < comma - m.end() <= _OPENING_WORDS:
        what, end = question[m.end():comma], comma
    else:
        what, end = _words_left_out(question, m.end())
    what = what.strip().rstrip(",;?)!")
    if not what:
        return None
    rest = re.sub(r"\s*([,;])\s*(?:[,;]\s*)+", r"\1 ", question[:m.start()] + " " + question[end:]).strip(" ,;")
    rest = re.sub(r"\s+([,;?!])", r"\1", " ".join(rest.split()))
    return what, re.sub(r"[,;]+([?!.])", r"\1", rest)


_OPENING_WORDS = 100  # characters: "Apart from ..., " opening a question runs to its comma within these


def _words_left_out(question: str, start: int) -> tuple[str, int]:
    words: list[str] = []
    end = start
    tokens = list(re.finditer(r"\S+", question[start:]))
    for n, w in enumerate(tokens):
        token = w.group(0)
        bare = token.rstrip(",;?)!").lower()
        if bare in _GOES_ON or len(words) >= 10:
            break
        words.append(token)
        end = start + w.end() - (len(token) - len(token.rstrip(",;?)!")))
        if token != token.rstrip(",;?)!"):
            break
        following = tokens[n + 1].group(0).rstrip(",;?)!") if n + 1 < len(tokens) else ""
        if bare in _TEXT_HEAD:
            if len(words) == 1 and re.search(r"\d", following):  # "aside from resolution 57/210"
                words.append(following)
                end = start + tokens[n + 1].start() + len(following)
            break
        if re.search(r"\d", bare) and len(words) == 1:  # "other than L.108", "besides 57/224 (resolution)"
            if following.lower() in _TEXT_HEAD:
                words.append(following)
                end = start + tokens[n + 1].start() + len(following)
            break
    return " ".join(words), end


def names_a_text(what: str) -> bool:
    """Do the words left out name a text, not a thing a text speaks of: a head noun ("the advisory services
    draft", "the 2004 one") or a symbol or number ("L.108", "57/224")? ("other than statins" does not.)"""
    words = re.findall(r"[\w./-]+", what.lower())
    if not words or set(words) & _PARTS:  # "except for operative paragraph 5": a part of a text, not a text
        return False
    return words[-1] in _TEXT_HEAD or any(re.search(r"\d", w) for w in words) or bool(set(words) & _TEXT_HEAD)


_PARTS = frozenset("paragraph paragraphs para paras op pp sub-paragraph subparagraph article section".split())
PLURAL_HEADS = frozenset("drafts resolutions texts ones documents versions decisions".split())
