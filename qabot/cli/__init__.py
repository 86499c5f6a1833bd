"""The command line. Each module holds the commands of one concern; this one gathers them.

    library.py   ingest, docs, paragraphs
    asking.py    ask, chat
    scoring.py   eval
    notes.py     brief, quote, compare, refs (briefing notes, versions, references)
    slack.py     slack (the bot), feedback
    doctor.py    doctor (settings, model, index integrity, Slack settings)

The command line and the Slack app are the only places that talk to people: errors raised below
become one sentence on stderr and a non-zero exit code, never a traceback (base.QabotGroup).
"""

from __future__ import annotations

import click

from . import asking, doctor, library, notes, scoring, slack
from .base import QabotGroup


@click.group(cls=QabotGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="qabot")
def main():
    """qabot: ask questions of UN resolutions; get the paragraphs that answer, quoted and cited."""


for command in (library.ingest, library.docs, library.paragraphs, asking.ask, asking.chat, scoring.eval_command,
                notes.brief, notes.quote, notes.compare, notes.refs, slack.slack, slack.feedback, doctor.doctor):
    main.add_command(command)
