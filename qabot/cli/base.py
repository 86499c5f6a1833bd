"""What every command shares: the group that turns errors into one line, the --index option, the
console, and opening the index. Heavy modules are imported inside functions, so `qabot --help` and a
cold `qabot ask` stay fast."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click

from .. import config
from ..errors import QabotError


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


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def open_store(index):
    """The served generation's store, read-only."""
    from ..index.generations import IndexFolder
    from ..store.database import STORE_FILE, Store

    settings = config.load(index=index)
    return Store(IndexFolder(settings.index).require_current() / STORE_FILE)


def resolve_document(store, name: str):
    """A document as people name it: its id, symbol or number ("57/210"), or, when none is so named, as they
    describe it ("2004", "the 2004 GA resolution") if that describes one text only."""
    from ..errors import UnknownDocument
    from ..language import stemming
    from ..search.described import Described
    from ..search.query import understand

    try:
        return store.resolve(name)
    except UnknownDocument:
        query = understand(name if re.search(r"[^\W\d_]", name) else f"the {name} resolution")
        scored = Described(store).scored(query, set(stemming.stems(" ".join(query.terms))))
        if len(scored) == 1 or (len(scored) > 1 and scored[0][1] > scored[1][1]):
            return store.document(scored[0][0])
        if len(scored) > 1:
            fits = ", ".join(store.document(d).name for d, score in scored if score == scored[0][1])
            raise UnknownDocument(f"{name!r} describes several texts ({fits}); name one by its symbol or id.") from None
        raise


def open_searcher(index, **settings):
    from ..pipeline import open_searcher as _open

    return _open(config.load(index=index, **settings))


def print_answer(answer, fmt: str, one_line: bool = False) -> None:
    """`one_line`: JSON on one line (a conversation's answers, one JSON object a line)."""
    import json

    if fmt == "json":
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=None if one_line else 2))
    elif fmt == "markdown":
        from ..render.answer_markdown import markdown

        click.echo(markdown(answer), nl=False)
    elif sys.stdout.isatty():
        from ..render.answer_text import rich_renderables

        out = console()
        for item in rich_renderables(answer):
            out.print(item)
    else:
        from ..render.answer_text import plain

        click.echo(plain(answer), nl=False)
