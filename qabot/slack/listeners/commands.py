"""/ask QUESTION: acknowledged at once ("Searching..." only the asker sees), answered through the
command's response_url, privately, with a button to post the answer to the channel."""

from __future__ import annotations

from ...render import slack_blocks as blocks
from .. import wording
from ..answering import Question, ResponseUrlReply
from ..text import plain


def register(app, bot) -> None:
    @app.command("/ask")
    def on_ask(ack, command, respond, context):
        question = Question(command.get("user_id") or "", plain(command.get("text") or "", context.bot_user_id),
                            command.get("channel_id") or "", "command", "command")
        refused = bot.refusal(question)
        if refused:
            ack(response_type="ephemeral", **blocks.notice(refused))
            return
        ack(response_type="ephemeral", **blocks.notice(wording.SEARCHING))
        bot.answer_later(ResponseUrlReply(respond, replace=True), question, placeholder=False)
