"""/ask QUESTION: acknowledged at once ("Searching..." only the asker sees), answered through the
command's response_url, privately, with a button to post the answer to the channel.

/ask brief QUESTION; QUESTION: each question asked, the briefing note (Word) sent to the asker's DM."""

from __future__ import annotations

from ...render import slack_blocks as blocks
from .. import notes, wording
from ..answering import Question, ResponseUrlReply
from ..text import plain


def register(app, bot) -> None:
    @app.command("/ask")
    def on_ask(ack, command, respond, context, client):
        user, channel = command.get("user_id") or "", command.get("channel_id") or ""
        text = plain(command.get("text") or "", context.bot_user_id)
        questions = notes.brief_questions(text)
        if questions is not None:
            refused = bot.brief_refusal(user, questions)
            if refused:
                ack(response_type="ephemeral", **blocks.notice(refused))
                return
            ack(response_type="ephemeral", **blocks.notice(wording.WRITING_NOTE))
            reply = ResponseUrlReply(respond, replace=True, client=client)

            def brief(reply):
                notes.brief(bot, reply, client, user, channel, questions)

            bot.work(brief, reply)
            return
        question = Question(user, text, channel, "command", "command")
        refused = bot.refusal(question)
        if refused:
            ack(response_type="ephemeral", **blocks.notice(refused))
            return
        ack(response_type="ephemeral", **blocks.notice(wording.SEARCHING))
        bot.answer_later(ResponseUrlReply(respond, replace=True, client=client), question, placeholder=False)
