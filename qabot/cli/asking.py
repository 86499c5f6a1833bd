"""Asking: `qabot ask` (one question, or a batch) and `qabot chat` (follow-ups)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .. import config
from .base import index_option, open_searcher, print_answer

FORMATS = click.Choice(["text", "markdown", "json"])


@click.command()
@click.argument("question", nargs=-1)
@index_option
@click.option("-k", "k", type=click.IntRange(1, 100), default=None, help="Number of passages (default 5, env QABOT_K).")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@click.option("--year", type=click.IntRange(1900, 2100), default=None, help="Only paragraphs of or mentioning this year.")
@click.option("--doc", default=None, help="Only this document (symbol, number or id).")
@click.option("--max-tokens", type=click.IntRange(0), default=None,
              help="Bound the quoted passages to this many tokens (cl100k_base); 0 = no bound.")
@click.option("--batch", type=click.File("rb"), default=None,
              help="Read one question per line from FILE ('-' for stdin); write one JSON answer per line, in order "
                   "(a question that cannot be asked gets an \"error\").")
def ask(question, index, k, fmt, year, doc, max_tokens, batch):
    """Answer QUESTION with the paragraphs that say so, quoted and cited."""
    import json

    from ..errors import BadQuestion, QabotError
    from ..pipeline import ask as run_ask

    if doc is not None and not doc.strip():
        raise click.UsageError("--doc is empty: give a symbol, a number or an id (`qabot docs` lists them).")
    searcher = open_searcher(index, k=k, max_tokens=max_tokens)
    if doc is not None:
        searcher.store.resolve(doc)  # an unknown document: one line naming the documents there are
    cap = _byte_cap(searcher.settings.max_question_chars)
    if batch is not None:
        failed = False
        answered = refused = 0
        for number, (line, too_long) in enumerate(_batch_lines(batch, cap), 1):
            if not line.strip():
                continue  # a blank line asks nothing; "line" says which line each answer is of
            try:
                if too_long:
                    raise BadQuestion(f"The question is over {cap} bytes long; the limit is "
                                      f"{searcher.settings.max_question_chars} characters (max_question_chars).")
                answer = run_ask(searcher, line, doc=doc, year=year).to_json()
                answered += 1
            except Exception as exc:  # one bad line never ends the batch: it gets an error line, in order
                if not isinstance(exc, QabotError):
                    if os.environ.get("QABOT_DEBUG"):
                        raise
                    failed = True
                    exc = f"internal error ({type(exc).__name__}: {exc})"
                printable = line[:200].encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                answer = {"question": printable, "found": False, "lead": str(exc), "passages": [], "error": str(exc)}
                refused += 1
            click.echo(json.dumps({**answer, "line": number}, ensure_ascii=False))
        if failed:
            sys.exit(70)
        if refused and not answered:  # a batch of nothing but refusals is a failed run, not a success
            click.echo(f"qabot: none of the {refused} questions of the batch could be asked.", err=True)
            sys.exit(1)
        return
    text = " ".join(question)
    if not text.strip() and not sys.stdin.isatty():
        data = sys.stdin.buffer.read(cap + 1)
        if len(data) > cap:
            raise BadQuestion(f"The question is over {cap} bytes long; the limit is "
                              f"{searcher.settings.max_question_chars} characters (max_question_chars).")
        text = data.decode("utf-8", "surrogateescape")  # undecodable bytes: judged by clean_question
    answer = run_ask(searcher, text, doc=doc, year=year)
    print_answer(answer, fmt)


@click.command()
@index_option
@click.option("-k", "k", type=click.IntRange(1, 100), default=None, help="Number of passages (default 5).")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def chat(index, k, fmt):
    """Ask questions one after another; follow-ups ("and in 2004?", "the next paragraph?") use what came before."""
    from ..answer.conversation import Conversation, neighbour_reference
    from ..errors import BadQuestion
    from ..pipeline import Service, clean_question
    from ..pipeline import ask as run_ask

    service = Service(config.load(index=index, k=k))
    conversation = Conversation()
    interactive = sys.stdin.isatty()
    read = _prompt_reader() if interactive else _line_reader()
    if interactive:
        click.echo("Ask a question (Ctrl-D to leave). Follow-ups use what came before.")
    while True:
        question = read()
        if question is None:
            break
        if not question.strip():
            continue
        searcher = service.searcher()
        try:  # an over-long or binary line is refused as typed, before it is read as a follow-up of anything
            question = clean_question(question, searcher.settings.max_question_chars)
        except BadQuestion as exc:
            click.echo(f"qabot: {exc}", err=True)
            continue
        resolved = conversation.resolve(question, neighbour_reference(searcher.store, searcher.documents))
        if resolved.question != " ".join(question.split()):
            click.echo(f"(asking: {resolved.question})", err=not interactive)
        try:
            answer = run_ask(searcher, resolved.question, context_doc=resolved.context_doc, within=resolved.within)
        except BadQuestion as exc:
            click.echo(f"qabot: {exc}", err=True)
            continue
        if resolved.note:
            answer.notes.insert(0, resolved.note)
        conversation.record(question, resolved.question, answer)
        print_answer(answer, fmt, one_line=True)
        if not interactive and fmt != "json":
            click.echo("")


def _byte_cap(max_chars: int) -> int:
    """The most bytes read for one question: far above the limit (white space is folded before it is
    counted), yet bounded, so a runaway pipe cannot fill memory."""
    return max(1 << 20, 8 * max_chars)


def _batch_lines(stream, cap: int):
    """(text, over-long?) for each line of a batch, in order; a line over `cap` bytes is read through
    and flagged; undecodable bytes become surrogates (clean_question judges them)."""
    while True:
        raw = stream.readline(cap + 1)
        if not raw:
            return
        too_long = len(raw) > cap
        if too_long and not raw.endswith(b"\n"):
            while True:  # the rest of the over-long line
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
        yield raw.rstrip(b"\r\n").decode("utf-8", "surrogateescape"), too_long


def _prompt_reader():
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory

    history = Path(os.environ.get("QABOT_HISTORY", Path.home() / ".qabot_history"))
    try:
        session = PromptSession(history=FileHistory(str(history)))
    except OSError:
        session = PromptSession()

    def read():
        try:
            return session.prompt("qabot> ")
        except (EOFError, KeyboardInterrupt):
            return None

    return read


def _line_reader():
    """Questions from a pipe, one a line; bytes that are not UTF-8 reach clean_question, which refuses them."""
    stream = getattr(sys.stdin, "buffer", None)

    def read():
        line = stream.readline() if stream is not None else sys.stdin.readline()
        if not line:
            return None
        if isinstance(line, bytes):
            line = line.decode("utf-8", errors="replace")
        return line.rstrip("\r\n")

    return read
