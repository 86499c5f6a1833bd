"""Who a question asks for: "who does the SG work with?", "who is asked to ...": an actor the question does
not name, read in the clause that answers (compose.py's highlight) or in the chapeau a sub-paragraph
continues ("Requests the Secretary-General: ... (a) To continue ..." answers "who is asked to ...")."""

from __future__ import annotations

import re


# "who does the SG work with?", "with whom", "who is asked to ...": an actor the question does not name
ASKS_WHO = re.compile(r"^\s*(?:and\s+)?(?:who|whom|with whom)\b|\bwho (?:does|do|did|is|are|was|were|should|must)\b",
                      re.I)
_NAME = re.compile(r"(?<=\s)[A-Z][a-z]+(?:\s+(?:of the|of|for|on|and)\s+[A-Z][a-z]+|\s+[A-Z][a-z]+)*")


class Actors:
    """A name in a clause that is not one the question gives ("the Board of Trustees" for "who does the SG
    work with on the Voluntary Fund?"): what a "who" question asks for."""

    def __init__(self, question: str):
        self.known = {w.lower() for w in re.findall(r"[A-Za-z]+", question)}

    def search(self, piece: str):
        return next((m for m in _NAME.finditer(" " + piece)
                     if any(w.lower() not in self.known and w.lower() not in ("of", "the", "for", "on", "and")
                            for w in m.group(0).split())), None)


# a chapeau addressing someone: "Requests the Secretary-General:", "Calls upon all States:"
_ADDRESSEE = re.compile(r"^\s*(?:Also |Further )?(?:Requests|Invites|Calls upon|Urges|Encourages|Asks|Appeals to|"
                        r"Authorizes|Recommends)\s+(?:the |all )?((?:[A-Z][\w-]*)(?:\s+(?:of the |of |for |on |and )?"
                        r"[A-Z][\w-]*)*)")


def actor_in_chapeau(question: str, chapeau: str | None) -> str | None:
    """For a "who" question answered by a sub-paragraph ("(c) To submit a further analytical report ..."):
    the one its short chapeau addresses ("Requests the Secretary-General:"), if the question does not
    name them."""
    if not chapeau or len(chapeau.split()) > 12 or not ASKS_WHO.search(question):
        return None
    m = _ADDRESSEE.match(chapeau)
    known = Actors(question).known
    if m is None or all(w.lower() in known for w in re.findall(r"[A-Za-z]+", m.group(1))):
        return None
    return m.group(1)
