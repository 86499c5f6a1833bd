"""Fit the answerability model (qabot/answer/answerability.json) on labelled questions, and say how well
it holds on questions it was not fitted on.

    python benchmarks/answerability.py [--index DIR] [--write] [--cache DIR] [--features FILE ...]

The int8 encoder (chosen on CPUs with AVX-512 VNNI) and the fp32 one give a question slightly different
signals, and one model serves both, so it is fitted on both gathers (each question's two copies in one fold,
weighing half each):

    python benchmarks/answerability.py --features /tmp/int8.json --cache /tmp/ans-int8   # on an int8 index
    QABOT_ENCODER=fp32 qabot ingest corpus --index /tmp/seeds-fp32
    QABOT_ENCODER=fp32 python benchmarks/answerability.py --index /tmp/seeds-fp32 --features /tmp/fp32.json \
        --cache /tmp/ans-fp32
    python benchmarks/answerability.py --features /tmp/int8.json --features /tmp/fp32.json --write

Labelled questions: the dev set (../shared/eval/dev.jsonl, when beside the clone), our tune set
(tests/questions/tune.jsonl), our fit set (tests/questions/fit.jsonl: questions in users' words and
~45 unanswerable ones of four sorts, written from the corpus texts to fit on) and the development halves
of the blind sets (fresh, hard, blind5, blind7, blind8, blind9, blind10, blind11, blind12, blind13, blind14, blind15, blind16, blind17, blind18,
blind19 to blind66):
1550 answerable and 528 unanswerable questions in all, of them 107 and 57 from dev, tune and fit; never a held-back set (*_held.jsonl, held.jsonl).
Real unanswerable questions are still fewer than answerable ones, so more are made mechanically, by
methods that apply to any question, never by a list of answers:

- a year, an ordinal or a country of an answerable question swapped for one the corpus never mentions
  ("held in 2003" -> "held in 1987"): a year, place or meeting not covered;
- (tried and dropped: its rarest subject word swapped for a word of the model's vocabulary the corpus
  never uses. It teaches that an ordinary word the corpus lacks means a missing subject, the very
  failure users report; cross-validated false abstentions rose and real abstentions fell to none);
- the documents that hold its evidence left out of the index (an index of the other documents is built
  for each group of versions): the same question over a corpus where an on-topic paragraph may still
  match but the one that answers is gone (a detail absent, a subject half covered).

Tried and dropped (2026-12-07, evening): discounting the words of everyday English among the words the corpus
lacks ("know", "another", "side": a single cl100k_base token among the first 5,000, tiktoken) in the two
signals they feed, subject_missing and topic_missing, so that a question in a user's own words is not taken
for one about a missing subject. Same questions, same code otherwise, nested cross-validation on the int8
gather (1,416 answerable, 483 unanswerable real questions): 1,396 -> 1,397 answered, 442 -> 427 abstained.
Everyday words are the missing subject of real unanswerable questions too ("water", "food", "health",
"war", "tax", "election", "internet"): about a quarter of their missing words against a third of the
answerable questions', too little apart for the signal to pay.

A question whose asked-for kind of fact (a place, a date, an amount) stands in none of the passages shown
is a partial answer whatever its score (decide.py); the figures count it so. Made questions weigh half a
real one. Cross-validation keeps every question made from one question in
the fold of its source. The threshold is the highest score at which at most FALSE_ABSTENTIONS (1.5%) of the
answerable questions fall below it, on cross-validated scores; the figures are nested (each outer fold chooses its
threshold on its own training folds). The goal is at most 2% false abstentions on questions nobody fitted
on; 1% is asked of the cross-validated scores because a threshold so chosen misses its rate on new
questions (nested, 2026-12-07, 263 answerable and 99 unanswerable real questions, 4 fold assignments:
asking 2% gave 257.0 of 263 answered (2.3%) and 92.0 of 99 abstained, 1.5% gave 258.2 / 91.8, 1% 260.0
(1.1%) / 90.8, 0.5% 260.5 / 88.5), and the held-back sets' false abstentions have run at two to three times
the cross-validated rate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qabot import config, evaluate  # noqa: E402
from qabot.answer.answerability import FEATURES, MODEL_FILE, Model  # noqa: E402
from qabot.answer.compose import compose  # noqa: E402
from qabot.labels import ORDINALS  # noqa: E402
from qabot.language import stemming  # noqa: E402
from qabot.language.gazetteer import MEMBER_STATES, STATE_RE  # noqa: E402
from qabot.pipeline import open_searcher  # noqa: E402
from qabot.search.query import understand  # noqa: E402

SOURCES = [ROOT.parent / "shared" / "eval" / "dev.jsonl"] + [
    ROOT / "tests" / "questions" / f"{name}.jsonl"
    for name in ("tune", "fit", "fresh", "hard", "blind5", "blind7", "blind8", "blind9", "blind10", "blind11",
                 "blind12", "blind13", "blind14", "blind15", "blind16", "blind17", "blind18", "blind19", "blind20",
                 "blind21", "blind22", "blind23", "blind24", "blind25", "blind26", "blind27", "blind28", "blind29",
                 "blind30", "blind31", "blind32", "blind33", "blind34", "blind35", "blind36", "blind37", "blind38",
                 "blind39", "blind40", "blind41", "blind42", "blind43", "blind44", "blind45", "blind46", "blind47",
                 "blind48", "blind49", "blind50", "blind51", "blind52", "blind53", "blind54", "blind55", "blind56",
                 "blind57", "blind58", "blind59", "blind60", "blind61", "blind62", "blind63", "blind64",
                 "blind65", "blind66")]
MADE_WEIGHT = 0.5
# The share of answerable questions allowed below the threshold: the smallest of 1%, 1.5% and 2% that meets
# both goals on nested cross-validation (at most 2% of answerable questions not answered, at least 90% of
# unanswerable ones abstained). With blind13's development half (353 answerable, 130 unanswerable): 1% gave
# 350/353 and 110/130, 1.5% 346/353 and 121/130 (chosen then). With blind14's (376, 136): 1% 371/376 and
# 110/136 (threshold 0.10), 1.5% 371/376 and 121/136 (89%), 2% 370/376 (1.6%) and 125/136 (92%): 2%.
# With blind15's (398, 144), after the subject rules (decide.py, language/subjects.py) took over abstentions
# the model had made: 1% 393/398 and 130/144 (90.3%, threshold 0.10): 1%. With blind16's (421, 151), int8 /
# fp32: 1% 415/421 and 124 / 122 of 151 (82%), 1.5% 413/421 (1.9%) and 132/151 (87.4%, threshold 0.22),
# 2% 412-413/421 (2.1%) and 136/151 (90.1%). None meets both: then the share that keeps false abstentions
# within 2% (the first failure: "not in the corpus" said over the answer) and abstains most: 1.5%.
# With blind17's (443, 158): 1% 438/443 and 129/158 (81.6%); 1.5% 437/443 (1.4%) and 144 / 143 of 158
# (91.1% / 90.5%, threshold 0.28); 2% 434-435/443 (2.0%) and 147/158: 1.5%, the smallest meeting both.
# With blind18's (465, 165): 1% 460/465 and 133 / 132 of 165 (80%); 1.5% 459/465 (1.3%) and 151 / 150 of 165
# (91.5% / 90.9%, threshold 0.29); 2% 453-454/465 (2.4%) and 157/165: 1.5%.
# With blind19-22's (553, 197), after the glossary reading: 1% 546/553 and 174 / 172 of 197 (88.3% / 87.3%);
# 1.5% 545 / 546 of 553 (1.4%) and 185 / 184 of 197 (93.9% / 93.4%, threshold 0.305): 1.5%.
# With blind23's too (572, 202): 1% 564 / 565 of 572 and 160 / 158 of 202 (79%); 1.5% 561 / 563 of 572 (1.9% /
# 1.6%) and 187 / 186 of 202 (92.6% / 92.1%, threshold 0.286): 1.5%.
# With blind24-26's (641, 225), after the descriptive-names and kind-of-fact fixes: 1% 634/641 and 193 / 191 of
# 225 (85.8% / 84.9%); 1.5% 631/641 (1.6%) and 209 / 208 of 225 (92.9% / 92.4%, threshold 0.261); 2% 629 / 627
# of 641 and 215 / 214: 1.5%.
# With blind27-30's too (736, 254), at the pass's end: 1% 729/736 and 151 / 150 of 254 (59%); 1.5% 725 / 724 of
# 736 (1.5%) and 222 of 254 (87.4%, threshold 0.262); 2% 721/736 (2.04% int8, 1.9% fp32) and 241 / 240 of 254
# (94.9%). None meets both goals to the letter; 1.5% is kept: a question answered on the screen and called
# unanswered is the failure users meet most (issue 15), and 2% misses that goal too.
# With blind31-36's too (871, 297), after the next pass's readings: 1.5% 858/871 (1.5%, both encoders) and
# 278 / 280 of 297 (93.6% int8 / 94.3% fp32, threshold 0.307): both goals met; 1% and 2% not swept.
# With blind37-39's too (943, 319): 1.5% 927 / 926 of 943 (1.7% / 1.8%) and 297 / 298 of 319 (93.1% / 93.4%,
# threshold 0.301): both goals met.
FALSE_ABSTENTIONS = 0.015
# With blind9's development half (263 answerable, 99 unanswerable) L2 3 was kept without a new sweep.
# With the blind sets' development halves (241 answerable, 92 unanswerable questions in all), L2 3 against 1: 235.3 / 75.0
# against 236.0 / 72.5 answered / abstained (4 fold assignments, nested thresholds), kept.
# Chosen by cross-validation (12 fold assignments, nested thresholds; 107 answerable, 57 real unanswerable
# questions of dev, tune and fit): answered 103.9-104.3 of 107 at every strength; real unanswerable
# questions abstained L2 0.3 -> 20.9, 1 -> 25.2, 2 -> 26.8, 3 -> 27.1, 5 -> 26.8, 10 -> 25.8 (before the
# fit set and the meaning-based signals, 10 was chosen the same way on 15 unanswerable questions).
L2 = 3.0
FOLDS = 5
REPEATS = 11
SEED = 2026


@dataclass
class Example:
    question: str
    answerable: bool
    group: str  # the real question it is, or was made from
    sort: str  # "real", "year", "ordinal", "place", "left out"
    index: str = "full"
    values: dict[str, float] | None = None  # every signal of the answer, the model's and others

    def x(self, features=FEATURES) -> np.ndarray:
        return np.array([self.values.get(f, 0.0) for f in features], dtype=float)


# ---------------------------------------------------------------- questions
def real_questions() -> list[tuple[evaluate.Gold, str]]:
    out = []
    for path in SOURCES:
        if path.is_file():
            out += [(g, path.stem) for g in evaluate.read_gold(path)]
    return out


def made_questions(golds, searcher, rng: random.Random) -> list[Example]:
    """Unanswerable questions made from answerable ones, on the full index."""
    df = searcher.df
    years_absent = [y for y in range(1950, 2031) if not searcher.year_in_corpus(y)]
    ordinals_absent = [o for o in ORDINALS if df(stemming.stem(o)) == 0]
    states = [s.strip() for s in MEMBER_STATES.replace("\n", "").split("|") if s.strip()]
    states_absent = [s for s in states if all(df(t) == 0 for t in stemming.stems(s))]
    out = []
    for g in golds:
        if not g.answerable:
            continue
        q = understand(g.question)
        text = g.question
        if q.years:
            swapped = text
            for y in q.years:
                swapped = re.sub(rf"(?<!\d){y}(?!\d)", str(rng.choice(years_absent)), swapped)
            out.append(Example(swapped, False, g.id, "year"))
        for o, phrase in zip(q.ordinals, q.ordinal_phrases):
            if o in ORDINALS and ordinals_absent:
                out.append(Example(re.sub(rf"\b{o}\b", rng.choice(ordinals_absent), text, flags=re.I), False, g.id,
                                   "ordinal"))
                elsewhere = _ordinal_elsewhere(searcher, o, phrase.split()[-1])
                if elsewhere:  # an ordinal the corpus uses, never of the thing asked about
                    out.append(Example(re.sub(rf"\b{o}\b", rng.choice(elsewhere), text, flags=re.I), False, g.id,
                                       "ordinal"))
                break
        place = STATE_RE.search(text) or re.search(r"\b(?:in|at)\s+([A-Z][a-z]+)", text)
        if place and states_absent:
            name = place.group(1) if place.lastindex else place.group(0)
            if df(stemming.stem(name)) > 0:
                out.append(Example(text.replace(name, rng.choice(states_absent)), False, g.id, "place"))
    return out


def _ordinal_elsewhere(searcher, ordinal: str, noun: str) -> list[str]:
    """Ordinals the corpus uses, but never right before `noun` ("workshop") as the question uses it."""
    if noun == ordinal:
        return []
    return [o for o in ORDINALS if o != ordinal and searcher.df(stemming.stem(o)) > 0
            and not searcher.store.mentions(f"{o} {noun}")]


def left_out(golds, cache: Path, searcher) -> list[Example]:
    """Each answerable question over an index without the documents that hold its evidence, and their
    other versions (a paragraph reworded in a later version still answers)."""
    from qabot.answer.versions import are_versions

    corpus = ROOT / "corpus"
    files = sorted(p.name for p in corpus.glob("*.txt"))
    full = {name: (corpus / name).read_text(encoding="utf-8") for name in files}
    normed = {name: evaluate.norm(text) for name, text in full.items()}
    groups: dict[tuple[str, ...], list[evaluate.Gold]] = {}
    for g in golds:
        if not g.evidence:
            continue
        holders = {n for n in files for quote in g.evidence if evaluate.norm(quote) in normed[n]}
        holders = tuple(sorted(holders | {n for n in files for h in holders if n != h and are_versions(
            searcher.store, searcher.store.document(_doc_id(searcher, n)), searcher.store.document(_doc_id(searcher, h)))}))
        if holders and len(holders) < len(files):
            groups.setdefault(holders, []).append(g)
    out = []
    for holders, members in groups.items():
        name = "-".join(h.split("_")[0] for h in holders)
        folder, index = cache / f"corpus-{name}", cache / f"index-{name}"
        if not index.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            for f in files:
                if f not in holders:
                    shutil.copy(corpus / f, folder / f)
            shutil.copy(corpus / "catalog.toml", folder / "catalog.toml")
            subprocess.run([sys.executable, "-m", "qabot", "ingest", str(folder), "--index", str(index), "--quiet"],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        out += [Example(g.question, False, g.id, "left out", str(index)) for g in members]
    return out


def _doc_id(searcher, filename: str) -> str:
    return next(d.id for d in searcher.documents.values() if d.source and Path(d.source).name == filename)


# ---------------------------------------------------------------- features
def featurize(examples: list[Example], indexes: dict[str, object]) -> list[Example]:
    """The model's signals for each example that the model decides (not a metadata, link or named-
    paragraph answer, nor a question in another language)."""
    kept = []
    for e in examples:
        searcher = indexes[e.index]
        retrieval = searcher.search(understand(e.question), 10)
        answer = compose(retrieval, 10)
        if "answerable" not in answer.signals:
            continue
        e.values = {k: float(v) for k, v in answer.signals.items() if isinstance(v, (int, float))}
        kept.append(e)
    return kept


# ---------------------------------------------------------------- logistic regression
# What each signal may do: relevance and coverage never make an answer less likely, the missing and
# absent things never more. Labelled unanswerable questions are on-topic near misses by design, so an
# unconstrained fit learns "the more it matches, the less it answers", which holds for no other questions.
SIGNS = {"relevance": 1, "coverage": 1, "type_missing": -1, "absent": -1, "not_shown": -1, "unmatched_rare": -1,
         "unmatched_known": -1, "named": 1, "gap": 1, "subject_missing": -1, "topic_missing": -1}


def fit(X: np.ndarray, y: np.ndarray, w: np.ndarray, features=FEATURES, l2: float = L2
        ) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """L2-regularised logistic regression on standardised features, each coefficient of the sign SIGNS
    allows: a signal whose fitted sign is wrong is left out and the rest fitted again."""
    keep = np.ones(X.shape[1], dtype=bool)
    while True:
        mean, scale, coef, intercept = _fit(X[:, keep], y, w, l2)
        signs = np.array([SIGNS[f] for f, k in zip(features, keep) if k])
        wrong = coef * signs < 0
        if not wrong.any():
            break
        keep[np.flatnonzero(keep)[np.argmin(coef * signs)]] = False
    full_mean, full_scale, full_coef = X.mean(axis=0), np.ones(X.shape[1]), np.zeros(X.shape[1])
    full_mean[keep], full_scale[keep], full_coef[keep] = mean, scale, coef
    return full_mean, full_scale, full_coef, intercept


def _fit(X: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """L2-regularised logistic regression on standardised features, by Newton's method."""
    mean = np.average(X, axis=0, weights=w)
    scale = np.sqrt(np.average((X - mean) ** 2, axis=0, weights=w))
    scale[scale < 1e-6] = 1.0
    Z = np.hstack([np.ones((len(X), 1)), (X - mean) / scale])
    beta = np.zeros(Z.shape[1])
    penalty = np.eye(Z.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-Z @ beta))
        gradient = Z.T @ (w * (p - y)) + penalty @ beta
        hessian = (Z * (w * p * (1 - p))[:, None]).T @ Z + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return mean, scale, beta[1:], float(beta[0])


def predict(params, X: np.ndarray, features=FEATURES) -> np.ndarray:
    """The score of each example as decide.py uses it: 0 for a partial answer (the kind of fact asked for
    in no passage shown is not found, whatever the model says)."""
    mean, scale, coef, intercept = params
    p = 1 / (1 + np.exp(-(intercept + ((X - mean) / scale) @ coef)))
    return np.where(X[:, list(features).index("type_missing")] > 0, 0.0, p) if "type_missing" in features else p


def threshold_for(p_answerable: np.ndarray, rate: float = FALSE_ABSTENTIONS, origin=None) -> float:
    """The highest threshold below which at most `rate` of the answerable questions fall; with `origin` (the
    set of signals, i.e. the encoder, each score comes from), of each set's questions: the lowest of theirs."""
    if origin is not None and len(set(origin)) > 1:
        return min(threshold_for(p_answerable[origin == o], rate) for o in sorted(set(origin)))
    ordered = np.sort(p_answerable)
    allowed = int(np.floor(rate * len(ordered)))
    return float(ordered[allowed]) - 1e-6 if len(ordered) > allowed else 0.0


def folds_of(groups: list[str], k: int, rng: random.Random) -> np.ndarray:
    """A fold for each example: every example of one group in the same fold."""
    distinct = sorted(set(groups))
    rng.shuffle(distinct)
    fold = {g: i % k for i, g in enumerate(distinct)}
    return np.array([fold[g] for g in groups])


def out_of_fold(X, y, w, groups, folds, k, inner: bool, rng, features=FEATURES, l2: float = L2, real=None,
                origin=None) -> tuple[np.ndarray, np.ndarray]:
    """Cross-validated scores, and (inner) the threshold each fold would have chosen from its training folds
    on its real answerable questions (`real`: not made ones; by default those of the highest weight)."""
    real = w >= w.max() if real is None else real
    scores, thresholds = np.zeros(len(y)), np.zeros(len(y))
    for f in range(k):
        train, test = folds != f, folds == f
        params = fit(X[train], y[train], w[train], features, l2)
        scores[test] = predict(params, X[test], features)
        if inner:
            inner_groups = [g for g, t in zip(groups, train) if t]
            inner_scores, _ = out_of_fold(X[train], y[train], w[train], inner_groups,
                                          folds_of(inner_groups, 3, rng), 3, False, rng, features, l2, real[train])
            real_pos = (y[train] == 1) & real[train]
            thresholds[test] = threshold_for(inner_scores[real_pos],
                                             origin=None if origin is None else origin[train][real_pos])
    return scores, thresholds


def report(examples, scores, thresholds) -> dict:
    rows = {}
    for name, pick in [("answerable (real)", lambda e: e.answerable),
                       ("unanswerable (real)", lambda e: not e.answerable and e.sort == "real")] + [
            (f"unanswerable (made: {s})", lambda e, s=s: not e.answerable and e.sort == s)
            for s in ("year", "ordinal", "place", "left out")]:
        idx = [i for i, e in enumerate(examples) if pick(e)]
        if not idx:
            continue
        said_found = sum(scores[i] >= thresholds[i] for i in idx)
        rows[name] = {"questions": len(idx), "found": int(said_found), "not found": len(idx) - int(said_found)}
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--cache", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "qabot-answerability")
    parser.add_argument("--write", action="store_true", help=f"write the fitted model to {MODEL_FILE.name}")
    parser.add_argument("--features", type=Path, action="append", default=[],
                        help="read the examples' signals from this file if it exists, else write them there "
                             "(refits without asking again); given several times (one file an encoder: "
                             "QABOT_ENCODER=fp32 and int8 gathers), the model is fitted on them all")
    args = parser.parse_args()
    rng = random.Random(SEED)
    missing = [p for p in args.features if not p.is_file()]
    if len(missing) > 1 or len(set(map(str, args.features))) < len(args.features):
        parser.error("--features: at most one file to gather in a run (one encoder a process: QABOT_ENCODER), "
                     "and each file once")
    sets = {}
    for path in args.features or [None]:
        if path is not None and path.is_file():
            examples = [Example(d["question"], d["answerable"], d["group"], d["sort"], d["index"], d["values"])
                        for d in json.loads(path.read_text(encoding="utf-8"))]
        else:
            examples = gather(args, rng)
            if path is not None:
                path.write_text(json.dumps([{**{k: getattr(e, k) for k in ("question", "answerable", "group",
                                                                            "sort", "index", "values")}}
                                            for e in examples]), encoding="utf-8")
        sets[str(path) if path is not None else "gathered"] = examples
    fit_and_report(sets, args, rng)


def gather(args, rng) -> list[Example]:
    settings = config.load(index=args.index) if args.index else config.load()
    searcher = open_searcher(settings)
    real = real_questions()
    golds = [g for g, _ in real]
    examples = [Example(g.question, g.answerable, g.id, "real") for g in golds]
    examples += made_questions(golds, searcher, rng)
    examples += left_out(golds, args.cache, searcher)
    indexes = {"full": searcher}
    for e in examples:
        if e.index not in indexes:
            indexes[e.index] = open_searcher(config.load(index=Path(e.index)))
    return featurize(examples, indexes)


def fit_and_report(sets: dict[str, list[Example]], args, rng) -> None:
    """Fit on every set of signals (one per encoder: the int8 and fp32 encoders give a question slightly
    different signals, and one model serves both), each question weighing the same in all: a question's
    copies share its fold, and weigh 1 / the number of sets each."""
    examples = [e for es in sets.values() for e in es]
    origin = [name for name, es in sets.items() for _ in es]
    X = np.array([e.x() for e in examples])
    y = np.array([1.0 if e.answerable else 0.0 for e in examples])
    w = np.array([1.0 if e.sort == "real" else MADE_WEIGHT for e in examples]) / len(sets)
    real = np.array([e.sort == "real" for e in examples])
    groups = [e.group for e in examples]
    where = np.array(origin)
    nested_scores, nested_thresholds = out_of_fold(X, y, w, groups, folds_of(groups, FOLDS, rng), FOLDS, True, rng,
                                                   real=real, origin=where)
    real_pos = (y == 1) & real
    # the threshold of one fold assignment moves with it (the 1% quantile of a few hundred scores is the
    # third lowest): the median of REPEATS assignments' thresholds, each the lowest of the sets' (encoders')
    repeats = [threshold_for(out_of_fold(X, y, w, groups, folds_of(groups, FOLDS, rng), FOLDS, False, rng,
                                         real=real)[0][real_pos], origin=where[real_pos])
               for _ in range(REPEATS)]
    threshold = float(np.median(repeats))
    params = fit(X, y, w)
    fitted = predict(params, X)
    cv = {name: report([e for e, o in zip(examples, origin) if o == name], nested_scores[np.array(origin) == name],
                       nested_thresholds[np.array(origin) == name]) for name in sets}
    train = {name: report([e for e, o in zip(examples, origin) if o == name], fitted[np.array(origin) == name],
                          np.full(len(sets[name]), threshold)) for name in sets}
    if len(sets) == 1:
        cv, train = next(iter(cv.values())), next(iter(train.values()))
    mean, scale, coef, intercept = params
    model = Model(FEATURES, [round(float(v), 6) for v in mean], [round(float(v), 6) for v in scale],
                  [round(float(v), 6) for v in coef], round(intercept, 6), round(threshold, 6), {
                      "fitted": dt.date.today().isoformat(), "by": "benchmarks/answerability.py",
                      "questions": {s: sum(1 for e in examples if e.sort == s) // len(sets)
                                    for s in sorted({e.sort for e in examples})},
                      **({"signal_sets": [Path(n).name for n in sets]} if len(sets) > 1 else {}),
                      "sources": [p.name for p in SOURCES if p.is_file()],
                      "threshold_rule": f"at most {FALSE_ABSTENTIONS:.1%} of answerable questions below it, "
                                        "on cross-validated scores"
                                        + (", of each set of signals (encoder): the lowest" if len(sets) > 1 else ""),
                      "cross_validated": cv, "on_training_data": train})
    print(json.dumps(model.to_json(), indent=1))
    for (e, o), s in sorted(zip(zip(examples, origin), nested_scores), key=lambda t: t[1]):
        if e.sort == "real" and ((e.answerable and s < threshold) or (not e.answerable and s >= threshold)):
            print(f"CV wrong ({o}): {s:.3f} {'answerable' if e.answerable else 'unanswerable'} {e.group}: {e.question}")
    if args.write:
        MODEL_FILE.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_FILE}")


if __name__ == "__main__":
    main()
