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
WRITING_NOTE = ":memo: Writing the briefing note\u2026"
BRIEF_EMPTY = "Type the questions after `/ask brief`, separated by semicolons, for example: " \
              f"`/ask brief {EXAMPLE}; and in 2004?`"
MAX_BRIEF = 10
BRIEF_TOO_MANY = f"A briefing note takes up to {MAX_BRIEF} questions; please ask for fewer."
NO_SCOPE = ("This channel is given no documents to answer from (its scope is \"none\"); ask the person who "
            "runs qabot, or ask me in a channel that has a collection.")


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


def empty_scope(label: str) -> str:
    return (f"This conversation is answered from {label}, which holds no document of the index yet; "
            "ask the person who runs qabot to check its scopes.")


def answered_from(label: str, documents: int) -> str:
    return f"Answered from: {label} ({documents:,} document{'s' if documents != 1 else ''})"


def outside_scope(names: list[str], label: str) -> str:
    return f"{', '.join(names)} {'is' if len(names) == 1 else 'are'} not in {label}, so not searched here."


def slack_refused(error: str) -> str:
    if error in ("missing_scope", "not_allowed_token_type", "no_permission"):
        return ("Slack did not let me do that: the app lacks a permission. Ask the person who runs qabot to "
                "update the app from config/slack-manifest.yaml and reinstall it.")
    return INTERNAL


def note_posted(questions: int) -> str:
    return f"Briefing note: {questions} question{'s' if questions != 1 else ''}, every passage quoted whole and cited."


def note_in_dm(questions: int, link: str | None) -> str:
    where = f"<{link}|in your direct messages with qabot>" if link else "in your direct messages with qabot"
    return f"Your briefing note ({questions} question{'s' if questions != 1 else ''}) is {where}."
