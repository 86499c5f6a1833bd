"""Every paragraph of the texts a question names that mentions a subject ("which paragraphs of 2003/73
mention the eleventh Workshop?"), in the order the text prints them, all of them: a list a briefing note
can rely on, not the best few of a ranking (a ranking cut at k left three out, and padded past the last
match with paragraphs that do not mention it)."""

from __future__ import annotations

import re

from ..citations import cite, document_label
from ..labels import citation_label
from ..language import stemming
from ..language.citing import kind_asked
from ..records import Answer, Passage
from .answerability import holds_stem

MAX_TEXTS = 5  # the texts a question may name for every paragraph of them to be read
MAX_SHOWN = 60  # past this, the lead still counts them all


def answer_mentions(answer: Answer, retrieval, subject: str, style: str) -> bool:
    """The paragraphs of the named texts holding every word of `subject` (stemmed: "workshops" for
    "Workshop"; "African" for "Africa"); False (not answered so) when the question names no text, or too many."""
    store = retrieval.store
    docs = [d for d, _ in retrieval.resolved][:MAX_TEXTS + 1]
    # "money - financial resources, contributions or funding of projects": any of the things listed
    alternatives = [a.strip() for a in re.split(r"\s+-+\s+|\s*[,;]\s*|(?<=[^\W\d])\s*/\s*(?=[^\W\d])|\s+(?:and/)?or\s+",
                                                subject) if a.strip()]
    wanted = [w for w in ({s for s in stemming.stems(a) if s not in stemming.STOP} for a in alternatives) if w]
    if store is None or not docs or len(docs) > MAX_TEXTS or not wanted:
        return False
    # "every operative paragraph ...", "the preambular paragraphs that ...": of that kind only
    kind = kind_asked(retrieval.query.text)
    found = []
    for doc_id in docs:
        paragraphs = list(store.paragraphs(doc_id))
        text_of = {p.label: p.text for p in paragraphs}
        kind_of = {p.label: p.kind for p in paragraphs}
        found += [(retrieval.documents[doc_id], p, text_of.get(p.parent)) for p in paragraphs
                  if any(_holds(set(stemming.stems(p.text)), w) for w in wanted)
                  and (kind is None or p.kind == kind or kind_of.get(p.parent) == kind)]
    typed = subject.strip() if len(alternatives) < 2 else \
        "\u201d, \u201c".join(alternatives[:-1]) + "\u201d or \u201c" + alternatives[-1]
    names = " or ".join(document_label(retrieval.documents[d]) for d in docs)
    if not found:
        answer.found, answer.reason, answer.passages = False, "mentions listed", []
        answer.lead = f"No paragraph of {names} mentions \u201c{typed}\u201d."
        return True
    labels = ", ".join(citation_label(p.label) for _, p, _ in found)
    one = len(found) == 1
    answer.lead = (f"{len(found)} paragraph{'' if one else 's'} of {names} mention{'s' if one else ''} "
                   f"\u201c{typed}\u201d: {labels}.")
    answer.found, answer.reason = True, "mentions listed"
    answer.passages = [Passage(rank=i, score=1.0, paragraph=p, document=d, highlight=p.text, citation=cite(d, p, style),
                               role="match", context=chapeau)
                       for i, (d, p, chapeau) in enumerate(found[:MAX_SHOWN], 1)]
    return True


def _holds(stems: set[str], wanted: set[str]) -> bool:
    """Every word of the subject, or its adjective ("Africa": "African regional dialogues")."""
    return all(holds_stem(stems, w) for w in wanted)
