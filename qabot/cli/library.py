"""Building and reading the index: `qabot ingest`, `qabot docs`, `qabot paragraphs`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import config
from .base import console, index_option, open_store


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@index_option
@click.option("--prune", is_flag=True, help="Drop documents whose files are gone.")
@click.option("--quiet", "-q", is_flag=True, help="No progress: print only the files skipped (and why) and the summary line.")
@click.option("--ray", "ray_address", metavar="ADDRESS",
              help="Parse and embed on Ray: local (a runtime for this run), auto (this machine's cluster) or "
                   "ray://host:10001. Env: QABOT_RAY_ADDRESS.")
def ingest(paths, index, prune, quiet, ray_address):
    """Build or update the index from files and folders (default: corpus/)."""
    from ..pipeline import build

    settings = config.load(index=index, ray_address=ray_address)
    paths = list(paths) or [settings.corpus]
    with _Progress(quiet) as tick:
        report = build(paths, settings, prune=prune, progress=tick)
    for skipped in report.skipped:
        click.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)
    click.echo(
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.unchanged)} unchanged, "
        f"{len(report.skipped)} skipped" + (f", {len(report.removed)} removed" if report.removed else "")
        + f"; {report.documents} documents, {report.paragraphs} paragraphs in {settings.index}/"
        + (f" ({report.generation})" if report.generation else ""))


class _Progress:
    """A progress line on a terminal (stderr), nothing when piped."""

    def __init__(self, quiet: bool):
        self.enabled = not quiet and sys.stderr.isatty()
        self.progress = None

    def __enter__(self):
        if not self.enabled:
            return lambda name: None
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                 transient=True, console=console(stderr=True))
        self.progress.start()
        task = self.progress.add_task("reading")
        return lambda name: self.progress.update(task, description=f"reading {name}")

    def __exit__(self, *exc):
        if self.progress:
            self.progress.stop()
        return False


@click.command()
@index_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def docs(index, fmt):
    """List the documents in the index, one row each."""
    from ..render import listing

    store = open_store(index)
    documents = store.documents()
    if fmt == "json":
        click.echo(listing.documents_json(documents))
    elif sys.stdout.isatty():
        from rich.table import Table

        table = Table(*listing.DOCUMENT_COLUMNS, show_lines=False)
        for row in listing.documents_rows(documents):
            table.add_row(*row)
        console().print(table)
    else:
        click.echo(listing.documents_text(documents))


@click.command()
@click.argument("doc", required=False)
@index_option
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
def paragraphs(doc, index, fmt):
    """Print every paragraph in document order (of one document: its symbol, number or id)."""
    from ..render import listing

    store = open_store(index)
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
