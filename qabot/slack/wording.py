"""Every sentence the bot says that is not a quote from the corpus, in one place."""

from __future__ import annotations

SEARCHING = ":mag: Searching the resolutions\u2026"
EXAMPLE = "which regional workshops were held in 2003?"
EMPTY = f"Ask me a question about the resolutions, for example: _{EXAMPLE}_"
EMPTY_COMMAND = f"Type your question after the command, for example: `/ask {EXAMPLE}`"
INTERNAL = "Sorry, something went wrong while answering; it has been logged. Please try again in a moment."
EXPIRED = "That answer is no longer available; please ask the question again."
CANNOT_POST = ("I can't post in this conversation; invite me first (`/invite @qabot`), "
               "or copy the answer from here.")
POSTED = "Posted to the conversation."
THANKS_HELPFUL = "Thanks, noted: helpful."
THANKS_NOT_HELPFUL = "Thanks, noted: not helpful. It helps us improve the answers."
EXPORT_TITLE = "Briefing note"
EXPORT_UNAVAILABLE = "Export is not available in this version of qabot."


def too_long(length: int, limit: int) -> str:
    return (f"That question is {length:,} characters long; I can take up to {limit:,}. "
            "Please ask a shorter one.")


def rate_limited(per_minute: int, wait_seconds: int) -> str:
    return (f"You have asked {per_minute} questions in the last minute, which is my limit per person; "
            f"please wait about {max(1, wait_seconds)} seconds and ask again.")


def cannot_answer(reason: str) -> str:
    """An error from below (index missing or refused, ...): its message is already one sentence."""
    return f"I can't answer right now: {reason}"


def asked_by(user: str, question_escaped: str) -> str:
    return f"<@{user}> asked: _{question_escaped}_"


def you_asked(question_escaped: str) -> str:
    return f"You asked: _{question_escaped}_"
