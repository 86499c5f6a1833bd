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
    text ...?"). The words end at a punctuation mark, after the head noun of a text's name, after a
    symbol or number that begins them ("other than L.108"), or before a word that goes on with the question."""
    m = _LEAVING_OUT.search(question)
    if m is None:
        return None
    end = m.end()
    words = []
    for w in re.finditer(r"\S+", question[m.end():]):
        token = w.group(0)
        bare = token.rstrip(",;?)!").lower()
        if bare in _GOES_ON or len(words) >= 10:
            break
        words.append(token)
        end = m.end() + w.end() - (len(token) - len(token.rstrip(",;?)!")))
        if token != token.rstrip(",;?)!") or bare in _TEXT_HEAD:
            break
        if re.search(r"\d", bare) and len(words) == 1:  # "other than L.108", "besides 57/224 (resolution)"
            after = re.match(r"\s*(\S+)", question[end:])
            if after and after.group(1).rstrip(",;?)!").lower() in _TEXT_HEAD:
                end += after.end() - (len(after.group(1)) - len(after.group(1).rstrip(",;?)!")))
                words.append(after.group(1))
            break
    what = " ".join(words).rstrip(",;?)!")
    if not what:
        return None
    rest = re.sub(r"\s*([,;])\s*(?:[,;]\s*)+", r"\1 ", question[:m.start()] + " " + question[end:]).strip(" ,;")
    rest = re.sub(r"\s+([,;?!])", r"\1", " ".join(rest.split()))
    return what, re.sub(r"[,;]+([?!.])", r"\1", rest)


def names_a_text(what: str) -> bool:
    """Do the words left out name a text, not a thing a text speaks of: a head noun ("the advisory services
    draft", "the 2004 one") or a symbol or number ("L.108", "57/224")? ("other than statins" does not.)"""
    words = re.findall(r"[\w./-]+", what.lower())
    return bool(words) and (words[-1] in _TEXT_HEAD or any(re.search(r"\d", w) for w in words))
