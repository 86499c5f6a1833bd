#!/usr/bin/env bash
# Sets qabot up on a fresh machine and runs the main job:
# a virtual environment in .venv, the CPU build of torch, qabot with every extra (`all`: Slack, and Ray
# and Milvus, whose tests in tests/test_distributed.py CI runs), then the index built from corpus/ and
# the sample question answered.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
# torch first, pinned: 2.13.0 is the CPU build (any other version pulls gigabytes of CUDA).
.venv/bin/python -m pip install --quiet --disable-pip-version-check "torch==2.13.0"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[all,dev]"

export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/qabot ingest
.venv/bin/qabot ask "which regional workshops were held in 2003?"
