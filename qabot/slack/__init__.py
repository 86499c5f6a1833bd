"""The Slack bot: a thin layer over pipeline.Service and render/slack_blocks.py.

    settings.py   SLACK_* variables, checked before anything starts (tokens never shown)
    app.py        the bolt App factory: client, middleware, listeners
    listeners/    events (mentions, threads, DMs, Home), commands (/ask, /ask brief), actions (buttons)
    answering.py  the work behind an ack: ask, render, post, on a worker pool; failures become one line;
                  drain (finish what was acknowledged before a stop)
    replies.py    where a reply goes: a thread, a click's thread, a response URL
    scopes.py     channels -> collections (a corpus folder, bodies, years), applied in retrieval
    threads.py    thread memory in <index>/threads.sqlite, with the questions asked (they outlive a
                  restart; the file and its SQL: store/threads.py)
    memory.py     thread conversations (through threads.py) and recent answers (bounded, thread-safe)
    notes.py      briefing notes as Word files, uploaded with files.getUploadURLExternal + complete
    home.py       the App Home tab: how to ask, examples from the corpus, last questions, feedback
    (store/feedback.py: what people said of answers, <index>/feedback.sqlite)
    text.py       Slack markup in a question -> plain text
    dedupe.py     an event Slack retries is answered once
    ratelimit.py  per-user question budget
    wording.py    every sentence the bot says that is not a quote
    serve.py      Socket Mode and HTTP (waitress) runners, GET /healthz
    logs.py       logging that never shows a token

Slack's rule is kept throughout: every request is acknowledged at once, the work happens after.
"""
