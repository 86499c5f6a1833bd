"""The quick matchers the ranking uses in place of regexes tried at every character give the very matches
of those regexes: a State named (gazetteer.first_state), a year standing alone, an ordinal as a word."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from qabot.language.gazetteer import STATE_RE, first_state
from qabot.search.candidates import _figure_in, _word_in

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
EDGES = ["Guinea-Bissau and Niger", "Nigeria's delegation", "Chad's role", "the Chadian side", "Côte d’Ivoire",
         "held in Doha, Qatar.", "Republic of Korea", "Democratic Republic of the Congo", "Congolese", "UNITED STATES",
         "in 2003", "12003 20031 2003", "x2003", "2003rd", "sixty-first", "first", "firstly", "(first)", "the_first",
         "eleventh and twelfth", "2003\u0663", "", "Iran (Islamic Republic of)", "Sudan South Sudan"]


def _texts() -> list[str]:
    texts = [t for path in sorted(CORPUS.glob("*.txt")) for t in path.read_text(encoding="utf-8").split("\n\n")]
    return texts + EDGES


def test_a_state_is_found_where_the_alternation_finds_it():
    for text in _texts():
        fast, slow = first_state(text), STATE_RE.search(text)
        assert (fast and fast.span()) == (slow and slow.span()), text


@pytest.mark.parametrize("figure", ["2003", "2002", "1993", "57"])
def test_a_figure_standing_alone(figure):
    for text in _texts():
        assert _figure_in(figure, text) == bool(re.search(rf"(?<!\d){figure}(?!\d)", text)), text


@pytest.mark.parametrize("word", ["first", "eleventh", "twelfth", "sixty-first", "tenth"])
def test_an_ordinal_as_a_word(word):
    for text in _texts():
        low = text.lower()
        assert _word_in(word, low) == bool(re.search(rf"(?<![\w-]){word}\b", low)), text


def test_a_run_of_clauses_gives_a_fact_where_one_of_its_clauses_does():
    """highlight.segments_giving reads each kind of fact once per paragraph: for every run of up to four
    clauses of every seed paragraph, it says what reading the run's own text says (or hands the pattern
    back to be read per run)."""
    from qabot.answer import highlight as hl

    read_whole = 0
    scifact = CORPUS.parent.parent / "shared" / "bench" / "scifact" / "corpus.jsonl"  # (long abstracts, when beside)
    abstracts = [json.loads(line)["text"] for line in scifact.open(encoding="utf-8")][:300] if scifact.is_file() else []
    for text in _texts() + abstracts:
        cuts = [0] + [m.end() for m in hl._SEPARATORS.finditer(text)] + [len(text)]
        segments = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1) if cuts[i + 1] > cuts[i]]
        for pattern in hl._HIGHLIGHT_TYPES.values():
            asked = {"workshop": 1.0, "decad": 1.0}
            giving = hl.segments_giving(pattern, text, segments, asked, {})
            if giving is None:
                continue
            read_whole += 1
            for i in range(len(segments)):
                for j in range(i, min(len(segments), i + 4)):
                    piece = text[segments[i][0]:segments[j][1]]
                    assert any(giving[i:j + 1]) == hl._gives(pattern, piece, asked), (pattern.pattern[:40], piece)
    assert read_whole > 100


def test_the_signatures_never_set_aside_two_versions_the_word_comparison_would_find():
    """fold_versions settles most pairs of passages from two signatures (a bit per distinct word); it may
    only set aside pairs that `_near` and `_within` both ways reject: never a version. Checked on the
    corpus's paragraphs against versions of them made by dropping, changing and adding words, and
    against each other (the pairs set aside must be nearly all of those)."""
    from collections import Counter
    import random

    from qabot.search.arrange import NEAR, _may_be_versions, _near, _signature, _within, _words

    rng = random.Random(5)
    paragraphs = [_words(t) for t in _texts() if len(_words(t)) >= 8]
    pairs = []
    for words in paragraphs:
        for _ in range(6):
            other = list(words)
            for _ in range(rng.choice([0, 1, 2, 3, 5, 8])):
                at = rng.randrange(len(other))
                change = rng.choice(["drop", "swap", "add"])
                if change == "drop" and len(other) > 1:
                    del other[at]
                elif change == "swap":
                    other[at] = rng.choice(["reaffirms", "notes", "twelfth", "workshop", "zz" + str(at)])
                else:
                    other.insert(at, rng.choice(["further", "also", "regional", "2004"]))
            pairs.append((words, other))
    pairs += [(a, b) for a, b in zip(paragraphs, paragraphs[1:])]
    versions = 0
    for a, b in pairs:
        ca, cb = Counter(a), Counter(b)
        found = _near(a, b, NEAR, ca, cb) or _within(a, b, ca, cb) or _within(b, a, cb, ca)
        kept = _may_be_versions(a, b, _signature(ca), _signature(cb), NEAR)
        assert kept or not found, (a, b)
        versions += found
    unrelated = [(a, b) for a, b in zip(paragraphs, paragraphs[1:]) if a != b]
    assert versions > 100 and sum(not _may_be_versions(a, b, _signature(Counter(a)), _signature(Counter(b)), NEAR)
                                  for a, b in unrelated) >= 0.9 * len(unrelated)


def test_texts_the_same_but_for_their_spacing_have_the_same_ends():
    """collapse_repeats compares word for word only texts of the same first and last words: two texts the
    same but for their spacing (line breaks, no-break and thin spaces, doubled spaces) always share them,
    and the seeds' distinct paragraphs are told apart by them as often as by their words."""
    from qabot.search.arrange import _ends

    texts = [t for t in _texts() if t.strip()]
    for text in texts:
        for space in ("\n", "\u00a0", "\u2009", "  ", " \t"):
            respaced = text.replace(" ", space, 3)[::-1].replace(" ", space, 2)[::-1]
            assert _ends(respaced) == _ends(text) and " ".join(respaced.split()) == " ".join(text.split())
    distinct = {" ".join(t.split()) for t in texts}
    assert len({_ends(t) for t in distinct}) >= 0.95 * len(distinct)


def test_a_near_spelling_is_found_among_words_of_its_length_as_in_the_whole_vocabulary(searcher):
    """The words a near-spelling is looked for among (first letter, a length the cutoff allows) give the
    answer the whole vocabulary gives: for slips made in the corpus's own words and for words it lacks."""
    import difflib
    import random

    from qabot.language.spelling import one_edit
    from qabot.search.evidence import _nearest_printed

    assert searcher.expander._load()
    vocabulary = list(searcher.expander._words)

    def whole(word: str) -> str | None:  # the search over every word, as it was
        low = word.lower()
        same_start = [w for w in vocabulary if w[:1] == low[:1]]
        close = difflib.get_close_matches(low, same_start, n=1, cutoff=0.85)
        if not close and len(low) >= 5:
            close = [w for w in same_start if one_edit(low, w)][:1]
        return close[0] if close else None

    rng = random.Random(7)
    asked = ["Commision", "rigths", "workshp", "Islamabd", "xylophone", "paracetamol", "Ulaanbaatar", "q"]
    for word in rng.sample(vocabulary, 300):
        i = rng.randrange(len(word))
        asked += [word[:i] + word[i + 1:], word[:i] + "e" + word[i:], word[:i] + "a" + word[i + 1:], word + "ness"]
    found = 0
    for word in asked:
        found += _nearest_printed(searcher, word) is not None
        assert _nearest_printed(searcher, word) == whole(word), word
    assert found > 600


def test_a_fact_is_given_where_the_case_blind_pattern_finds_one():
    """facts.gives reads the patterns that ignore case from a lower-cased text: it finds a fact in every
    paragraph of the seeds (and, when beside, 3,000 SciFact abstracts) where the pattern itself finds one."""
    from qabot.language.facts import _LOWERED, TYPE_PATTERNS, gives

    scifact = CORPUS.parent.parent / "shared" / "bench" / "scifact" / "corpus.jsonl"
    abstracts = [json.loads(line)["text"] for line in scifact.open(encoding="utf-8")][:3000] if scifact.is_file() else []
    edges = ["In 2003 the SESSION met", "FIVE YEARS", "US$ 5 million", "12 Weeks", "sixty-first Session", "the Decade",
             "RECOMMENDS that", "the recommendations", "\u212a", "in 1998.", "x2003"]
    assert {"time", "amount", "count", "findings"} <= set(_LOWERED)
    for kind, pattern in TYPE_PATTERNS.items():
        for text in _texts() + edges + abstracts:
            assert gives(kind, text) == bool(pattern.search(text)), (kind, text[:80])
