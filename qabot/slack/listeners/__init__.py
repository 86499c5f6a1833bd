"""Listeners, registered by concept; each acknowledges and hands the work to the Bot."""

from __future__ import annotations

from . import actions, commands, events


def register(app, bot) -> None:
    events.register(app, bot)
    commands.register(app, bot)
    actions.register(app, bot)
