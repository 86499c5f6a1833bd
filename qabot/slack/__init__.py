"""The Slack bot: a thin layer over pipeline.Service and render/slack_blocks.py.

    settings.py   SLACK_* variables, checked before anything starts (tokens never shown)
    app.py        the bolt App factory: client, middleware, listeners
    listeners/    events (mentions, threads, DMs), commands (/ask), actions (buttons): thin, by concept
    answering.py  the work behind an ack: ask, render, post, on a worker pool; failures become one line
    text.py       Slack markup in a question -> plain text
    memory.py     thread conversations and recent answers (bounded, thread-safe)
    dedupe.py     an event Slack retries is answered once
    ratelimit.py  per-user question budget
    wording.py    every sentence the bot says that is not a quote
    serve.py      Socket Mode and HTTP (waitress) runners
    logs.py       logging that never shows a token

Slack's rule is kept throughout: every request is acknowledged at once, the work happens after.
"""
