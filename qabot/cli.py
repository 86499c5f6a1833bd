"""The command line: `qabot ingest | docs | paragraphs | ...`.

The only place (with the Slack app) that talks to people: errors raised below become one sentence on
stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import config
from .errors import QabotError


class QabotGroup(click.Group):
    """Turns every error into one clear line."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except QabotError as exc:
            click.echo(f"qabot: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("qabot: interrupted.", err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)
        except Exception as exc:  # the last line of defence: still one sentence
            if os.environ.get("QABOT_DEBUG"):
                raise
            click.echo(f"qabot: internal error ({type(exc).__name__}: {exc}); set QABOT_DEBUG=1 for details.",
                       err=True)
            ctx.exit(70)


def index_option(fn):
    return click.option("--index", "index", type=click.Path(path_type=Path), default=None,
                        help="Index folder (default: embeddings/, env QABOT_INDEX).")(fn)


@click.group(cls=QabotGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="qabot")
def main():
    """qabot: ask questions of UN resolutions; get the paragraphs that answer, quoted and cited."""


# ---------------------------------------------------------------- ingest
@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@index_option
@click.option("--prune", is_flag=True, help="Drop documents whose files are gone.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line.")
def ingest(paths, index, prune, quiet):
    """Build or update the index from files and folders (default: corpus/)."""
    from .ingest import ingest as run_ingest

    settings = config.load(index=index)
    paths = list(paths) or [settings.corpus]
    with _progress(quiet) as tick:
        report = run_ingest(paths, settings, prune=prune, progress=tick)
    for skipped in report.skipped:
        click.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)
    click.echo(
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.unchanged)} unchanged, "
        f"{len(report.skipped)} skipped" + (f", {len(report.removed)} removed" if report.removed else "")
        + f"; {report.documents} documents, {report.paragraphs} paragraphs in {settings.index}/"
        + (f" ({report.generation})" if report.generation else ""))


class _progress:
    """A progress line on a terminal (stderr), nothing when piped."""

    def __init__(self, quiet: bool):
        self.enabled = not quiet and sys.stderr.isatty()
        self.progress = None

    def __enter__(self):
        if not self.enabled:
            return lambda name: None
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                 transient=True, console=_console(stderr=True))
        self.progress.start()
        task = self.progress.add_task("reading")
        return lambda name: self.progress.update(task, description=f"reading {name}")

    def __exit__(self, *exc):
        if self.progress:
            self.progress.stop()
        return False


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _open_store(index):
    from .generations import IndexFolder
    from .store import STORE_FILE, Store

    settings = config.load(index=index)
    return Store(IndexFolder(settings.index).require_current() / STORE_FILE)


# ---------------------------------------------------------------- docs
@main.command()
@index_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def docs(index, fmt):
    """List the documents in the index, one row each."""
    from .render import listing

    store = _open_store(index)
    documents = store.documents()
    if fmt == "json":
        click.echo(listing.documents_json(documents))
    elif sys.stdout.isatty():
        from rich.table import Table

        table = Table(*listing.DOCUMENT_COLUMNS, show_lines=False)
        for row in listing.documents_rows(documents):
            table.add_row(*row)
        _console().print(table)
    else:
        click.echo(listing.documents_text(documents))


# ---------------------------------------------------------------- paragraphs
@main.command()
@click.argument("doc", required=False)
@index_option
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
def paragraphs(doc, index, fmt):
    """Print every paragraph in document order (of one document: its symbol, number or id)."""
    from .render import listing

    store = _open_store(index)
    documents = {d.id: d for d in store.documents()}
    doc_id = store.resolve(doc).id if doc else None
    notes_cache: dict[str, dict[str, str]] = {}
    for paragraph in store.paragraphs(doc_id):
        document = documents[paragraph.doc_id]
        if fmt == "jsonl":
            if paragraph.doc_id not in notes_cache:
                notes_cache[paragraph.doc_id] = store.footnote_texts(paragraph.doc_id)
            click.echo(listing.paragraph_jsonl(paragraph, document, notes_cache[paragraph.doc_id]))
        else:
            click.echo(listing.paragraph_text(paragraph, document))


# ---------------------------------------------------------------- ask
def _searcher(index, **settings):
    from .pipeline import open_searcher

    return open_searcher(config.load(index=index, **settings))


@main.command()
@click.argument("question", nargs=-1)
@index_option
@click.option("-k", "k", type=click.IntRange(1, 100), default=None, help="Number of passages (default 5, env QABOT_K).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("--year", type=click.IntRange(1900, 2100), default=None, help="Only paragraphs of or mentioning this year.")
@click.option("--doc", default=None, help="Only this document (symbol, number or id).")
@click.option("--max-tokens", type=click.IntRange(0), default=None,
              help="Bound the quoted passages to this many tokens (cl100k_base); 0 = no bound.")
@click.option("--batch", type=click.File("r", encoding="utf-8"), default=None,
              help="Read one question per line from FILE ('-' for stdin); write one JSON answer per line.")
def ask(question, index, k, fmt, year, doc, max_tokens, batch):
    """Answer QUESTION with the paragraphs that say so, quoted and cited."""
    import json

    from .errors import BadQuestion
    from .pipeline import ask as run_ask

    searcher = _searcher(index, k=k, max_tokens=max_tokens)
    if batch is not None:
        for line in batch:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            try:
                answer = run_ask(searcher, line, doc=doc, year=year).to_json()
            except BadQuestion as exc:
                answer = {"question": line, "found": False, "lead": str(exc), "passages": [], "error": str(exc)}
            click.echo(json.dumps(answer, ensure_ascii=False))
        return
    text = " ".join(question)
    if not text.strip() and not sys.stdin.isatty():
        text = sys.stdin.read()
    answer = run_ask(searcher, text, doc=doc, year=year)
    _print_answer(answer, fmt)


def _print_answer(answer, fmt: str) -> None:
    import json

    if fmt == "json":
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        from .render.answer_markdown import markdown

        click.echo(markdown(answer), nl=False)
    elif sys.stdout.isatty():
        from .render.answer_text import rich_renderables

        console = _console()
        for item in rich_renderables(answer):
            console.print(item)
    else:
        from .render.answer_text import plain

        click.echo(plain(answer), nl=False)


# ---------------------------------------------------------------- chat
@main.command()
@index_option
@click.option("-k", "k", type=click.IntRange(1, 100), default=None, help="Number of passages (default 5).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
def chat(index, k, fmt):
    """Ask questions one after another; follow-ups ("and in 2004?", "the next paragraph?") use what came before."""
    from .conversation import Conversation, neighbour_reference
    from .errors import BadQuestion
    from .pipeline import Service

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
        resolved = conversation.resolve(question, neighbour_reference(searcher.store, searcher.documents))
        if resolved.question != " ".join(question.split()):
            click.echo(f"(asking: {resolved.question})", err=not interactive)
        try:
            from .pipeline import ask as run_ask

            answer = run_ask(searcher, resolved.question, context_doc=resolved.context_doc)
        except BadQuestion as exc:
            click.echo(f"qabot: {exc}", err=True)
            continue
        conversation.record(question, resolved.question, answer)
        _print_answer(answer, fmt)
        if not interactive and fmt != "json":
            click.echo("")


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
    def read():
        line = sys.stdin.readline()
        return None if line == "" else line.rstrip("\n")

    return read


# ---------------------------------------------------------------- eval
@main.command(name="eval")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@index_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--details", is_flag=True, help="Also print each question with its score.")
def eval_command(path, index, fmt, details):
    """Score answers to gold questions (a JSONL file in the format of ../shared/eval)."""
    import json

    from . import evaluate
    from .pipeline import ask as run_ask

    golds = evaluate.read_gold(path)
    searcher = _searcher(index)
    scores = []
    rows = []
    for gold in golds:
        answer = run_ask(searcher, gold.question, k=max(evaluate.KS)).to_json()
        score = evaluate.score(gold, answer)
        scores.append(score)
        rows.append({"id": gold.id, "kind": gold.kind, "found": answer["found"], "first_rank": score.first_rank,
                     "recall@5": score.recall.get(5), "facts": score.facts, "abstained_right": score.abstained_right,
                     "lead": answer["lead"], "signals": answer.get("signals")})
    table = evaluate.summarize(golds, scores)
    if fmt == "json":
        click.echo(json.dumps({"summary": table, **({"questions": rows} if details else {})}, indent=2,
                              ensure_ascii=False))
        return
    if details:
        for row in rows:
            click.echo(f"{row['id']:6} {row['kind']:14} found={row['found']!s:5} rank={row['first_rank']!s:4} "
                       f"r@5={row['recall@5']!s:5} facts={row['facts']!s:5} ok={row['abstained_right']!s:5} "
                       f"{row['signals']} | {row['lead'][:90]}")
    click.echo(evaluate.format_table(table))


if __name__ == "__main__":  # pragma: no cover
    main()
