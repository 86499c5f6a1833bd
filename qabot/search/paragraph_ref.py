"""A paragraph a question asks for by its place in a text: "operative paragraph 8 (c)", "pp. 3", "footnote 4",
"the asterisk", "the last preambular paragraph", "(b) of paragraph 17", "the next one", read past a slip in the
word that says which part ("operative paragrpah 14")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..labels import ORDINAL, label_of, label_words, ordinal_number
from ..language.spelling import one_edit
from ..language.typed import TEENS, TENS, UNITS


@dataclass
class ParagraphRef:
    text: str
    kind: str | None = None  # "operative", "preambular", "footnote", or None (a "paragraph N": operative)
    number: int | None = None  # operative number, preambular position or footnote number
    subs: list[str] = field(default_factory=list)  # ["c"], ["c", "ii"]
    last: bool = False  # "the last operative paragraph"
    relative: str | None = None  # "next" / "previous" (follow-ups in a conversation)
    mark: str | None = None  # a footnote marked by a sign, not a number: "*" ("the asterisk")

    def label(self) -> str | None:
        if self.mark:
            return label_of(self.kind, self.mark)
        return None if self.number is None else label_of(self.kind, self.number, self.subs)

    def describe(self) -> str:
        return label_words(self.kind, self.label() or "", sub=bool(self.subs))




_ARTICLE_PARAGRAPH = re.compile(r"\b(?:articles?|art\.)\s*(?:\d+|[ivxlc]+)\b,?\s*(?:paragraph|para\.?)\s*\d+")


# the words that say which part of a text is asked for, read past a typing slip ("operative paragrpah 14")
_PART_WORDS = ("paragraph", "paragraphs", "operative", "preambular", "subparagraph", "sub-paragraph", "footnote")


def _part_word(m: re.Match) -> str:
    word = m.group(0)
    if len(word) < 7 or word in _PART_WORDS:
        return word
    return next((part for part in _PART_WORDS if one_edit(word, part)), word)


# a paragraph's number in words ("clause thirteen", "paragraph twenty-one"), as its figure
_WORD_NUMBERS = {w: i for i, w in enumerate(UNITS + TEENS, 1)}  # one .. nineteen
_NUMBER_IN_WORDS = re.compile(r"\b(paragraph|para|clause|item|point|op\.?|footnote)\s+(?:no\.?\s*|number\s+)?"
                              r"(?:(twenty|thirty)(?:[\s-]+("
                              + "|".join(UNITS) + r"))?|(" + "|".join(_WORD_NUMBERS) + r"))\b")


def _in_figures(m: re.Match) -> str:
    tens, unit, alone = m.group(2), m.group(3), m.group(4)
    number = _WORD_NUMBERS[alone] if alone else 10 * (TENS.index(tens) + 2) + (_WORD_NUMBERS[unit] if unit else 0)
    return f"{m.group(1)} {number}"


def paragraph_ref(text: str) -> ParagraphRef | None:
    """The part of a text the question asks for ("operative paragraph 8 (c)", "pp. 3", "footnote 4", "the last
    operative paragraph", "the next one"), or None."""
    # "Article 1, paragraph 3, of the Charter": a paragraph of an instrument's article, not of a text here
    low = _ARTICLE_PARAGRAPH.sub(lambda m: " " * len(m.group(0)), re.sub(r"[a-z-]+", _part_word, text.lower()))
    low = _NUMBER_IN_WORDS.sub(_in_figures, low)
    # "8 (e)", "8(e)(ii)"; typed or dictated without brackets, "8e", "paragraph 8 e": a letter alone after the
    # figure ("a" only where it cannot be the article: "paragraph 3 a?", "para 3 a of ...")
    subs_re = (r"((?:\s*\(\s*[a-z]{1,3}\s*\))+|\s?[b-h](?![\w'\u2019-])|"
               r"\s?a(?=\s*(?:[,.?;:)]|$|of\b|in\b|says?\b|reads?\b|about\b))|)")

    def subs_of(s: str) -> list[str]:
        s = (s or "").strip()
        return [s] if re.fullmatch(r"[a-h]", s) else re.findall(r"\(\s*([a-z]{1,3})\s*\)", s)

    m = re.search(r"\b(?:item|point|letter|sub-?paragraph|subparagraph|clause)?\s*\(\s*([a-z]{1,3})\s*\)\s*"
                  r"(?:of|in|under)\s+(?:operative\s+)?(?:paragraph|para\.?|op\.?)\s*(\d{1,3})(?!\d)", low)
    if m:
        return ParagraphRef(m.group(0).strip(), "operative", int(m.group(2)), [m.group(1)])
    m = re.search(r"\b(?:footnote|fn\.?|note)\s*(\d{1,3})\b", low)
    if m:
        return ParagraphRef(m.group(0), "footnote", int(m.group(1)))
    # documents mark a note on a title or a list of sponsors with asterisks, not a number
    # (said in plain words too: "the little star after some sponsors' names", "what does the * mean?")
    m = re.search(r"\b(?:footnote|fn\.?|note)\s*(\*{1,3})(?!\w)|\basterisks?\b|\basterisked\b|\bstarred\b|"
                  r"\b(?:little|small|tiny) stars?\b|\bstars? (?:after|next to|beside|against) (?:some|the|a|their|its)\b|"
                  r"\bthe \*(?![\w*])", low)
    if m:
        return ParagraphRef(m.group(0), "footnote", mark=m.group(1) or "*")
    m = re.search(r"\bpreambular\s+(?:paragraph|para\.?)\s*(\d{1,3})(?!\d)" + subs_re, low) \
        or re.search(r"\bpp\.?\s*(\d{1,3})\b" + subs_re, low)
    if m:
        return ParagraphRef(m.group(0).strip(), "preambular", int(m.group(1)), subs_of(m.group(2)))
    m = re.search(rf"\b({ORDINAL}|last|final|closing|concluding)\s+(preambular|operative|numbered|action)\s+"
                  r"(?:paragraph|para|clause|point|provision|item)", low)
    if m:
        # (operative paragraphs are the numbered ones, those that act)
        kind = "operative" if m.group(2) in ("numbered", "action") else m.group(2)
        if m.group(1) in ("last", "final", "closing", "concluding"):
            return ParagraphRef(m.group(0), kind, None, last=True)
        return ParagraphRef(m.group(0), kind, ordinal_number(m.group(1)))
    m = re.search(r"\b(?:operative\s+(?:paragraph|para\.?)|sub-?paragraph|subparagraph|paragraph|paras?\.|para|op\.?|"
                  r"operative)\s*(\d{1,3})(?!\d)" + subs_re, low)
    if m:
        return ParagraphRef(m.group(0).strip(), "operative", int(m.group(1)), subs_of(m.group(2)))
    # "item 2 of the 2002 text", "point 3 in 57/210", "in the 2002 draft, what's point 16 about?": a numbered
    # paragraph of a text, said loosely (not an agenda item: "agenda item 109")
    m = re.search(r"(?<!agenda )\b(?:item|point|clause)\s+(?:no\.?\s*|number\s+)?(\d{1,2})(?!\d)" + subs_re
                  + r"(?=\s*,?\s+(?:of|in)\b|\s*(?:about\b|says?\b|said\b|means?\b|reads?\b|states?\b|\?))"
                  r"(?!\s*,?\s+(?:of|in)\s+(?:the\s+|its\s+)?(?:provisional\s+)?agenda\b)", low)
    if m:
        return ParagraphRef(m.group(0).strip(), "operative", int(m.group(1)), subs_of(m.group(2)))
    # a bare "8 (e)", as people cite a sub-paragraph: a figure with a letter after it, not an article's
    m = re.search(r"(?<![\w/.(])(?<!article )(?<!art\. )(?<!chapter )(?<!chap\. )(?<!section )(?<!rule )"
                  r"(?<!resolution )(?<!decision )(?<!res\. )(?<!res )"
                  r"(\d{1,2})\s?(\(\s*[a-z]{1,3}\s*\)(?:\s*\(\s*[ivx]{1,4}\s*\))?)", low)
    if m:
        return ParagraphRef(m.group(0).strip(), "operative", int(m.group(1)), subs_of(m.group(2)))
    m = re.search(r"\b(next|following|previous|preceding)\s+(?:paragraph|one|sub-?paragraph)\b", low)
    if m:
        return ParagraphRef(m.group(0), None, None, relative="next" if m.group(1) in ("next", "following") else "previous")
    return None
