"""The Slack bot under load: signed Events API requests, many at once, against `qabot slack --http` (a
real process) talking to the local Slack-compatible Web API (tests/slack_api.py).

    python benchmarks/load.py [--index DIR] [--requests 200] [--concurrency 20] [--rounds 3] [--code CHECKOUT]
                              [--workers N]

Each request is an app_mention from its own user (the per-person budget never bites) in its own
thread. Reported per round, then as medians over the rounds: acks (every one must be 200 within 3 s),
answers (every question answered exactly once: one "Searching..." line replaced by one answer),
p50/p99 of ack and answer latency (request sent -> answer posted), and the bot's peak memory (VmHWM).
Halfway through the last round a new generation is published (CURRENT switched to a copy of the
served one): the bot must pick it up without a restart, which its log lines show.

Answers/s: the requests over the time from the first request sent to the last answer posted (the 2 s
then waited for duplicates is not counted). Beside it, `qabot ask --batch` on the same questions and
index, one process answering them in turn: answers/s from its first answer line to its last (start-up
not counted), and the bot's share of that. --code: the checkout whose qabot runs (default: this one).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
from machine import describe, median  # noqa: E402
from tests.slack_api import SlackAPI, event_callback, mention, new_ts, post_signed  # noqa: E402

BOT_TOKEN = "xoxb-1111111111-2222222222-loadTESTtokenSECRET"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
ACK_LIMIT = 3.0


def questions() -> list[str]:
    if DEV.is_file():
        found = [json.loads(line)["question"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
        if found:
            return found
    return ["which regional workshops were held in 2003?", "what does operative paragraph 5 of 2003/73 say?"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def env_for(code: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QABOT_", "SLACK_"))}
    env.update(PYTHONPATH=str(code), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    return env


def batch_rate(code: Path, index: Path, asked: list[str]) -> float:
    """Answers/s of `qabot ask --batch` on these questions: from its first answer line to its last."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write("\n".join(asked) + "\n")
    process = subprocess.Popen([sys.executable, "-m", "qabot", "ask", "--batch", fh.name, "--index", str(index)],
                               cwd=code, env=env_for(code), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    times = [time.monotonic() for _ in process.stdout]
    process.wait()
    os.unlink(fh.name)
    if process.returncode or len(times) != len(asked):
        raise SystemExit(f"qabot ask --batch failed (exit {process.returncode}, {len(times)} lines)")
    return (len(times) - 1) / (times[-1] - times[0])


class Bot:
    """`qabot slack --http` in its own process; its log read as it runs."""

    def __init__(self, index: Path, api: SlackAPI, code: Path = ROOT, workers: int = 0):
        self.port = free_port()
        env = env_for(code)
        if workers:
            env["QABOT_SLACK_WORKERS"] = str(workers)
        env.update(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=api.api_url)
        self.process = subprocess.Popen([sys.executable, "-m", "qabot", "slack", "--http", "--host", "127.0.0.1",
                                         "--port", str(self.port), "--index", str(index)], cwd=code, env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self.ready.wait(180):
            self.stop()
            raise SystemExit("the bot did not start:\n" + "\n".join(self.lines[-20:]))
        self.url = f"http://127.0.0.1:{self.port}/slack/events"

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.append(line.rstrip())
            if "serving" in line and "http://" in line:
                self.ready.set()

    def peak_rss_mb(self) -> float:
        with open(f"/proc/{self.process.pid}/status", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def one_round(bot: Bot, api: SlackAPI, asked: list[str], concurrency: int, switch=None) -> dict:
    api.clear()
    sent: dict[str, float] = {}
    acks: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()

    def send(i: int) -> None:
        ts = new_ts()
        payload = event_callback(mention(asked[i], user=f"U0LOAD{i:05d}", ts=ts, channel=f"C0LOAD{i % 7}"))
        with lock:
            sent[ts] = time.monotonic()
        reply = post_signed(bot.url, SIGNING_SECRET, payload)
        with lock:
            acks.append(reply.seconds)
            statuses.append(reply.status)
        if switch is not None and i == len(asked) // 2:
            switch()

    started = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(send, range(len(asked))))
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if len(api.calls("chat.update")) >= len(asked):
            break
        time.sleep(0.2)
    api.quiet(2.0)  # anything late (a duplicate) is counted too
    placeholders = {c.params.get("thread_ts"): c for c in api.calls("chat.postMessage")}
    posts_per_thread: dict[str, int] = {}
    for c in api.calls("chat.postMessage"):
        posts_per_thread[c.params.get("thread_ts")] = posts_per_thread.get(c.params.get("thread_ts"), 0) + 1
    by_placeholder: dict[str, list] = {}
    for c in api.calls("chat.update"):
        by_placeholder.setdefault(c.params.get("ts"), []).append(c)
    latencies, once, last = [], 0, started
    for ts, at in sent.items():
        placeholder = placeholders.get(ts)
        updates = by_placeholder.get(placeholder.response["ts"], []) if placeholder else []
        if placeholder and len(updates) == 1 and posts_per_thread.get(ts) == 1:
            once += 1
            latencies.append(updates[0].at - at)
            last = max(last, updates[0].at)
    return {"requests": len(asked), "acked_200": statuses.count(200), "acked_within_3s": sum(a <= ACK_LIMIT for a in acks),
            "answered_once": once, "ack_p50": percentile(acks, 50), "ack_p99": percentile(acks, 99),
            "answer_p50": percentile(latencies, 50), "answer_p99": percentile(latencies, 99),
            "wall": last - started}


def publish_copy(index: Path) -> str:
    """A new generation as an ingest publishes it (a copy of the served one, then CURRENT replaced)."""
    current = (index / "CURRENT").read_text().strip()
    number = max(int(p.name[4:]) for p in index.glob("gen-*")) + 1
    name = f"gen-{number:06d}"
    shutil.copytree(index / current, index / f".{name}.tmp")
    os.rename(index / f".{name}.tmp", index / name)
    pointer = index / "CURRENT.tmp"
    pointer.write_text(name + "\n")
    os.replace(pointer, index / "CURRENT")
    return name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None, help="A built index (copied; default: build one).")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout of qabot to run (default: this one)")
    parser.add_argument("--workers", type=int, default=0, help="the bot's slack_workers (default: its own)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="qabot-load-"))
    index = work / "index"
    if args.index:
        shutil.copytree(args.index, index)
    else:
        subprocess.run([sys.executable, "-m", "qabot", "ingest", "--index", str(index)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    pool = questions()
    asked = [pool[i % len(pool)] for i in range(args.requests)]
    results = []
    published: list[str] = []
    with SlackAPI(bot_token=BOT_TOKEN, app_token=None, socket_mode=False) as api:
        bot = Bot(index, api, args.code, args.workers)
        try:
            for r in range(args.rounds):
                last = r == args.rounds - 1
                switch = (lambda: published.append(publish_copy(index))) if last else None
                result = one_round(bot, api, asked, args.concurrency, switch)
                results.append(result)
                print(f"round {r + 1}: " + ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}"
                                                    for k, v in result.items()), flush=True)
            peak = bot.peak_rss_mb()
        finally:
            bot.stop()
    generations = re.findall(r"\((?:found|not found), \d+ passages, (gen-\d+)\)", "\n".join(bot.lines))
    print(f"\nmachine: {describe()}")
    print(f"{args.requests} signed requests per round, {args.concurrency} concurrent, {args.rounds} rounds "
          f"(medians over rounds):")
    for key in ("ack_p50", "ack_p99", "answer_p50", "answer_p99", "wall"):
        print(f"  {key:<11} {median([r[key] for r in results]):7.3f} s")
    rate = args.requests / median([r['wall'] for r in results])
    batch = batch_rate(args.code, index, asked)
    print(f"  answers/s   {rate:7.1f}   (`qabot ask --batch` on the same questions: {batch:.1f}/s; "
          f"the bot {100 * rate / batch:.0f}% of it)")
    print(f"  acked 200 within {ACK_LIMIT:g} s: {min(r['acked_within_3s'] for r in results)}/{args.requests} "
          f"(worst round); answered exactly once: {min(r['answered_once'] for r in results)}/{args.requests}")
    print(f"  peak memory of the bot (VmHWM): {peak:.0f} MB")
    if published:
        served = sorted(set(generations))
        print(f"  generation published mid-round: {published[0]}; answers came from {', '.join(served)} "
              f"({generations.count(published[0])} from the new one, no restart)")
    ok = all(r["acked_within_3s"] == r["requests"] == r["acked_200"] == r["answered_once"] for r in results)
    shutil.rmtree(work, ignore_errors=True)
    print("all requests acked in time and answered exactly once" if ok else "FAILED: see the rounds above")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
