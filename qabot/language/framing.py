"""The asker's frame: what people say about themselves before or after the question ("I'm writing a note on
Myanmar; what did the GA say about training courses?", "As a journalist, ...", "For our Ukraine brief, ...",
"My boss in Nairobi asks: ...", "For indigenous peoples advocates: ...", "... (asking for UN Women)"), and
the request around it ("Find me the passage insisting that ...").
The places, groups and subjects of a frame are the asker's context, not what the question asks: a corpus
that never mentions Myanmar may well answer what the Assembly said about training courses. `frame` splits
it off, so that the question is judged without it (the question as typed is kept for display); the
frame's words that the corpus prints still guide the search a little ("for my note on the Voluntary
Fund: who manages it?", search/retrieve.py)."""

from __future__ import annotations

import re

_GENRE = (r"(?:note|notes|brief|briefing|briefings|report|article|paper|memo|presentation|class|lesson|lecture|"
          r"thesis|speech|submission|blog|story|newsletter|op-ed|slide|slides|deck|timeline|factsheet|handout|chart|"
          r"infographic|module|syllabus)")
# who the asker is, or is asking for: roles and audiences, never a body or group the texts speak of ("NGOs",
# "working groups", "migrant workers", "donors" are asked about as often as asked for)
_ROLE = (r"(?:journalist|reporter|researcher|student|lawyer|diplomat|advocate|activist|campaigner|officer|official|"
         r"analyst|teacher|consultant|academic|intern|staffer|parliamentarian|legislator|judge|citizen|volunteer|"
         r"desk officer|human rights defender)")
_AUDIENCE = r"(?:advocates|activists|campaigners|colleagues|readers|students|clients|audience|followers|subscribers)"
# a frame ends at the first colon, semicolon, dash or comma after it, before the question proper
_END = r"[^:;?!.]*?(?:[:;]|\s[-\u2013\u2014]\s|,)\s+"  # (within its sentence)
_LEADING = re.compile(
    r"^\s*(?:"
    rf"(?:i'?m|i am|we'?re|we are)\s+(?:\w+\s+){{0,3}}?(?:writing|preparing|drafting|working|researching|doing|"
    rf"building|making|compiling|assembling|updating|creating|designing|editing|planning|putting together)\b{_END}|"
    rf"(?:for|in)\s+(?:my|our|a|an)\s+(?:[\w'\u2019-]+\s+){{0,5}}?{_GENRE}\b{_END}|"
    rf"as\s+an?\s+(?:[\w'\u2019-]+\s+){{0,2}}?{_ROLE}s?\s*,\s+|"
    rf"(?:my|our)\s+(?:boss|manager|colleague|director|editor|supervisor|client|team|minister|ambassador)\b"
    rf"{_END}|"
    rf"we\s+(?:work|campaign|focus|report)\s+on\b{_END}|"
    rf"(?:for|regarding)\s+(?:[\w'\u2019-]+\s+){{0,5}}?{_AUDIENCE}\b{_END}"
    r")", re.I)
# a request for a passage around what it should say ("Find me the passage insisting that ...", "give me the line
# where ...", "show me the paragraph that says ..."): what is asked is what follows
_REQUEST = re.compile(
    r"^\s*(?:please\s+|can you\s+|could you\s+)?(?:find|show|give|get|pull|quote|point)\s+(?:me|us)\s+(?:to\s+)?"
    r"(?:the|a|an|any)\s+(?:exact\s+|precise\s+)?(?:passage|paragraph|line|bit|part|sentence|clause|quote|wording)s?"
    r"\s+(?:where|that|which|in which|saying|stating|insisting|arguing|claiming|declaring)\b(?:\s+that\b)?\s*", re.I)
# ... or said after the question, as a sentence of its own ("...? I'm making a training slide.")
_AFTER = re.compile(r"(?<=[?.!])\s+(?:i'?m|i am|we'?re|we are)\s+(?:\w+\s+){0,3}?(?:writing|preparing|drafting|working|"
                    r"researching|doing|building|making|compiling|assembling|updating|creating|designing|editing|"
                    r"planning|putting together)\b[^?!.]*[.!]?\s*$", re.I)
_TRAILING = re.compile(r"\s*\((?:asking|writing|working|here)?\s*(?:for|on behalf of)\s+[^()]{1,60}\)\s*(?=[?.!]?\s*$)",
                       re.I)
FRAME_CONTEXT = 0.5  # a word of the asker's frame the corpus prints: context, less than a formal word (0.8)
_FUNCTION = frozenset("""the and for our my their this that with from about into note notes brief briefing report
writing working preparing boss asks""".split())
# a frame that runs on to a text's number or a paragraph's ("I'm writing up notes and someone told me that op. 20 of
# resolution 2003/73 is the key one, so ...") holds what is asked about: no frame is split off
_NAMES_TEXT = re.compile(r"\d+/\d+|\bL\.\s?\d+|\b[A-Z]/(?:RES|CN)\b|\b(?:paragraph|para|op)\.?\s*\d", re.I)
_MIN_WORDS = 3  # a question proper needs this many words ("what about it?" after a frame is not split off)


def frame(question: str) -> tuple[str, str]:
    """(the asker's frame, the question without it); ("", question) when there is none, or when what
    would be left is too short to be a question of its own."""
    rest, said = question, []
    m = _REQUEST.match(rest)
    if m and len(rest[m.end():].split()) >= _MIN_WORDS:
        said.append(rest[:m.end()].strip())
        rest = rest[m.end():]
    m = _LEADING.match(rest)
    if m and len(rest[m.end():].split()) >= _MIN_WORDS and not _NAMES_TEXT.search(m.group(0)):
        said.append(rest[:m.end()].strip())
        rest = rest[m.end():]
    for trailing in (_TRAILING, _AFTER):
        m = trailing.search(rest)
        # (a frame after the question only after a question: "Thanks a lot. I am researching which resolution
        # asks ..." asks in that sentence)
        if m and len((rest[:m.start()] + rest[m.end():]).split()) >= _MIN_WORDS \
                and (trailing is _TRAILING or "?" in rest[:m.start()]):
            said.append(m.group(0).strip())
            rest = rest[:m.start()] + rest[m.end():]
    if not said:
        return "", question
    rest = rest.strip()
    return " ".join(said), rest[:1].upper() + rest[1:]


def frame_context(said: str, terms: list[str], df, paragraphs: int) -> dict[str, float]:
    """The words of the asker's frame (`said`) that the corpus prints (`df`: a word's paragraph count), not
    already in the question and not in a fifth of the paragraphs or more, each with FRAME_CONTEXT: context
    for the search ("for my note on the Voluntary Fund: who manages it?"). The words the corpus lacks
    ("Myanmar", "journalist") are the asker's, left out."""
    out: dict[str, float] = {}
    for word in re.findall(r"[^\W\d_]{3,}", said.lower()):
        if word not in _FUNCTION and word not in terms and 0 < df(word) < 0.2 * max(1, paragraphs):
            out[word] = FRAME_CONTEXT
    return out
