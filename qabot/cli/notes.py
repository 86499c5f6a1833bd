"""Briefing notes and versions: `qabot brief`, `qabot quote`, `qabot compare`, `qabot refs`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from .. import config
from ..errors import QabotError, UnknownLabel
from .base import index_option, open_searcher, open_store, resolve_document

NOTE_FORMATS = {".md": "markdown", ".markdown": "markdown", ".docx": "docx"}


class BadNote(QabotError):
    """A note file named on the command line cannot be written."""


def _note_format(path: Path) -> str:
    fmt = NOTE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise BadNote(f"{path} is neither .md nor .docx; name the note note.md or note.docx.")
    return fmt


def _check_folder(path: Path) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise BadNote(f"Cannot write {path}: the folder {folder} does not exist.")
    return folder


def write_atomic(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename."""
    _save_note(path, lambda tmp: tmp.write_bytes(data))


def _save_note(path: Path, render_to) -> None:
    """render_to(tmp_path) writes the note; it then replaces `path` atomically."""
    folder = _check_folder(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=folder)
    os.close(fd)
    try:
        render_to(Path(tmp))
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        raise BadNote(f"Cannot write {path}: {exc.strerror or exc}.") from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@click.command()
@click.argument("questions", nargs=-1)
@click.option("--from", "from_file", type=click.File("r", encoding="utf-8"), default=None,
              help="Read questions from FILE, one a line ('-' for stdin; # starts a comment).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the note to note.md (Markdown) or note.docx (Word); default: Markdown on stdout.")
@click.option("--title", default=None, help="The note's title (default: Briefing note).")
@index_option
@click.option("-k", "k", type=click.IntRange(1, 100), default=None, help="Passages per question (default 5).")
@click.option("--max-tokens", type=click.IntRange(0), default=None,
              help="Bound each answer's quoted passages to this many tokens (cl100k_base); 0 = no bound.")
def brief(questions, from_file, output, title, index, k, max_tokens):
    """Ask each QUESTION and write a briefing note: every passage quoted whole, cited, linked; a Sources table."""
    from ..notes.brief import note_from_answers, read_questions
    from ..pipeline import ask_all
    from ..errors import BadQuestion

    asked = [q for q in questions if q.strip()]
    if from_file is not None:
        asked += read_questions(from_file.read())
    if not asked:
        raise BadQuestion("No question to ask: give questions as arguments or with --from FILE.")
    fmt = _note_format(output) if output else "markdown"
    if output is not None:
        _check_folder(output)  # before asking: a wrong path fails at once
    from ..pipeline import clean_question

    limit = config.load(index=index).max_question_chars
    for question in asked:
        clean_question(question, limit)  # likewise a question that cannot be asked
    searcher = open_searcher(index, k=k, max_tokens=max_tokens)
    note = note_from_answers(ask_all(searcher, asked), title)
    if fmt == "docx":
        from ..render import note_docx

        _save_note(output, lambda tmp: note_docx.render(note, tmp))
    else:
        from ..render import note_markdown

        text = note_markdown.render(note)
        if output is None:
            click.echo(text, nl=False)
            return
        write_atomic(output, text.encode("utf-8"))
    found = sum(s.found for s in note.sections)
    counts = (len(note.sections), sum(len(s.quotes) for s in note.sections), len(note.sources()))
    asked_n, passages, sources = (f"{n} {word}{'s' if n != 1 else ''}"
                                  for n, word in zip(counts, ("question", "passage", "source")))
    click.echo(f"wrote {output}: {asked_n} ({found} answered), {passages}, {sources}", err=True)


@click.command()
@click.argument("doc")
@click.argument("labels", nargs=-1, required=True)
@index_option
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Add the paragraphs to this note (.md or .docx; created if missing) instead of printing them.")
def quote(doc, labels, index, fmt, output):
    """Quote paragraphs of DOC by LABEL (11, "op 8 (c)", pp3, fn1), whole and verbatim, with their citation."""
    from ..notes.brief import find_paragraph, quote_of, section_from_quotes

    settings = config.load(index=index)
    store = open_store(index)
    document = resolve_document(store, doc)
    # every label checked first: into a note, all or nothing; printed, the paragraphs that exist are quoted and
    # each label that names none is said after them (exit status 1)
    asked, unknown = [], []
    for label in labels:
        try:
            asked.append(find_paragraph(store, document, label))
        except UnknownLabel as exc:
            unknown.append(exc)
    if unknown and (output is not None or not asked):
        raise unknown[0]
    # a paragraph that opens a list comes with its items ("Requests the Secretary-General:" alone says
    # nothing); a paragraph asked for twice is quoted once
    items: dict[str, list] = {}
    for p in store.paragraphs(document.id):
        if p.parent:
            items.setdefault(p.parent, []).append(p)
    paragraphs, seen = [], set()
    labels_asked = {p.label for p in asked}
    for p in asked:
        if p.parent in labels_asked:
            continue  # "op 8 (c)" and "8": the item comes with its chapeau, in its place among the others
        for q in [p] + items.get(p.label, []):
            if q.id not in seen:
                seen.add(q.id)
                paragraphs.append(q)
    quotes = [quote_of(store, document, p, settings.citation_style) for p in paragraphs]
    quoted = {p.label for p in paragraphs}
    for q in quotes:  # an item right under its chapeau, quoted just above, does not repeat it
        if q.paragraph.parent in quoted:
            q.context = None
    section = section_from_quotes(document, quotes)
    if output is not None:
        _append(output, section)
        click.echo(f"added {len(quotes)} paragraph{'s' if len(quotes) > 1 else ''} of {document.name} to {output}",
                   err=True)
        return
    if fmt == "json":
        import json

        click.echo(json.dumps([q.to_json() for q in quotes], ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        from ..render.note_markdown import quote_lines

        click.echo("\n\n".join("\n".join(quote_lines(q)) for q in quotes))
    else:
        from ..render.quote_text import plain

        click.echo(plain(quotes), nl=False)
    if unknown:
        for exc in unknown:
            click.echo(f"qabot: {exc}", err=True)
        raise SystemExit(1)


def _append(path: Path, section) -> None:
    """Add a section to the note at `path` (a new note if there is none), atomically."""
    from ..notes.brief import new_note

    if _note_format(path) == "docx":
        import shutil

        from ..render import note_docx

        def edit(tmp: Path) -> None:
            if path.exists():
                shutil.copyfile(path, tmp)
                note_docx.append(tmp, section)
            else:
                note_docx.render(new_note([section]), tmp)

        _save_note(path, edit)
        return
    from ..render import note_markdown

    if path.exists():
        try:
            existing = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BadNote(f"Cannot read the note {path}: {exc}.") from None
        text = note_markdown.append(existing, section)
    else:
        text = note_markdown.render(new_note([section]))
    write_atomic(path, text.encode("utf-8"))


@click.command()
@click.argument("doc_a")
@click.argument("doc_b")
@index_option
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("--changes", "changes_only", is_flag=True, help="Leave out the paragraphs kept as they were.")
def compare(doc_a, doc_b, index, fmt, changes_only):
    """Align the paragraphs of two versions (by content, not number): kept, changed (word diff), added, dropped."""
    from ..answer.versions import compare as run_compare

    store = open_store(index)
    a, b = store.resolve(doc_a), store.resolve(doc_b)
    if a.id == b.id:
        raise BadNote(f"{doc_a!r} and {doc_b!r} name the same document ({a.name}); name two versions.")
    comparison = run_compare(store, a, b)
    if fmt == "json":
        from ..render.compare_json import to_json

        click.echo(to_json(comparison, changes_only))
    elif fmt == "markdown":
        from ..render.compare_markdown import markdown

        click.echo(markdown(comparison, changes_only), nl=False)
    else:
        from ..render.compare_text import plain

        click.echo(plain(comparison, changes_only), nl=False)


@click.command()
@click.argument("doc")
@index_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--verb", default=None, help='Only references cited under this verb ("recall", "take note", ...).')
def refs(doc, index, fmt, verb):
    """List what DOC cites (resolutions, decisions, documents) and which documents in the corpus cite it."""
    from ..errors import UnknownDocument
    from ..answer.links import linked
    from ..parse.references import VERB_NAMES, absent_document, normalize_verb

    if verb is not None and normalize_verb(verb) not in VERB_NAMES:
        raise click.UsageError(f"--verb {verb!r} is not a verb references are cited under; one of: "
                               + ", ".join(VERB_NAMES) + ".")
    store = open_store(index)
    absent = False
    try:
        document = store.resolve(doc)
    except UnknownDocument:
        absent = True
        # a resolution the corpus does not hold may still be cited by documents it holds
        document = absent_document(doc)
        if document is None or not linked(store, document, verb)[1]:
            raise
    cites, cited_by = linked(store, document, verb)
    if fmt == "json":
        from ..render.references_text import to_json

        click.echo(to_json(document, cites, cited_by, absent))
    else:
        from ..render.references_text import plain

        click.echo(plain(document, cites, cited_by, absent), nl=False)
