"""Floors on the gold question sets, so that a change that loses answers fails CI.

The tune set (tests/questions/tune.jsonl) is the project's own and always runs; the dev set
(../shared/eval/dev.jsonl) runs where it stands beside the clone. The floors sit just under the figures
measured when they were set (README, "Figures"): a regression of one question fails, noise does not.
The held-back sets (tests/questions/held.jsonl, hard_held.jsonl, blind_held.jsonl, blind6_held.jsonl,
blind8_held.jsonl, blind9_held.jsonl, blind10_held.jsonl, blind11_held.jsonl,
blind12_held.jsonl, blind13_held.jsonl,
blind14_held.jsonl, blind15_held.jsonl, blind16_held.jsonl, blind17_held.jsonl, blind18_held.jsonl,
blind19_held.jsonl, blind20_held.jsonl, blind21_held.jsonl, blind22_held.jsonl, blind23_held.jsonl, and
blind24_held.jsonl to blind30_held.jsonl) are never scored here: they are for reports only."""

from __future__ import annotations

from pathlib import Path

import pytest

from qabot import evaluate
from qabot.pipeline import ask

HERE = Path(__file__).resolve().parent
TUNE = HERE / "questions" / "tune.jsonl"
FIT = HERE / "questions" / "fit.jsonl"
FRESH = HERE / "questions" / "fresh.jsonl"
HARD = HERE / "questions" / "hard.jsonl"
BLIND5 = HERE / "questions" / "blind5.jsonl"
BLIND7 = HERE / "questions" / "blind7.jsonl"
BLIND8 = HERE / "questions" / "blind8.jsonl"
BLIND9 = HERE / "questions" / "blind9.jsonl"
BLIND10 = HERE / "questions" / "blind10.jsonl"
BLIND11 = HERE / "questions" / "blind11.jsonl"
BLIND12 = HERE / "questions" / "blind12.jsonl"
BLIND13 = HERE / "questions" / "blind13.jsonl"
BLIND14 = HERE / "questions" / "blind14.jsonl"
BLIND15 = HERE / "questions" / "blind15.jsonl"
BLIND16 = HERE / "questions" / "blind16.jsonl"
BLIND17 = HERE / "questions" / "blind17.jsonl"
BLIND18 = HERE / "questions" / "blind18.jsonl"
BLIND19 = HERE / "questions" / "blind19.jsonl"
BLIND20 = HERE / "questions" / "blind20.jsonl"
BLIND21 = HERE / "questions" / "blind21.jsonl"
BLIND22 = HERE / "questions" / "blind22.jsonl"
BLIND23 = HERE / "questions" / "blind23.jsonl"
BLIND24_30 = {n: HERE / "questions" / f"blind{n}.jsonl" for n in range(24, 31)}
BLIND31_60 = {n: HERE / "questions" / f"blind{n}.jsonl" for n in range(31, 61)}
BLIND61_75 = {n: HERE / "questions" / f"blind{n}.jsonl" for n in range(61, 76)}
BLIND76_78 = {n: HERE / "questions" / f"blind{n}.jsonl" for n in range(76, 79)}
BLIND79_81 = {n: HERE / "questions" / f"blind{n}.jsonl" for n in range(79, 82)}
DEV = HERE.parent.parent / "shared" / "eval" / "dev.jsonl"
needs_dev = pytest.mark.skipif(not DEV.is_file(), reason="no ../shared/eval/dev.jsonl beside this clone")


def _overall(searcher, path: Path) -> dict:
    golds = evaluate.read_gold(path)
    answers = [ask(searcher, g.question, k=max(evaluate.KS)).to_json() for g in golds]
    table = evaluate.summarize(golds, [evaluate.score(g, a) for g, a in zip(golds, answers)])
    footnotes = sum(any(p["paragraph"]["kind"] == "footnote" and p["role"] != "named" for p in a["passages"][:5])
                    for a in answers)
    twice = sum(len({evaluate.norm(p["text"]) for p in a["passages"][:5]}) < len(a["passages"][:5]) for a in answers)
    return {**table["overall"], "footnote answers": footnotes, "text twice": twice}


def _count(cell: str) -> int:
    return int(cell.split("/")[0])


# (set, recall@5, MRR@10, answered, abstained, answers with a bare footnote among the first five). Since
# 2026-12-06's night pass the answerability model is fitted on these sets too (benchmarks/answerability.py):
# their answered and abstained counts are in-sample; the held-back sets and the cross-validated figures in
# answerability.json are the honest ones.
FLOORS = [
    # tune: 0.859 / 0.753, 35/36, 8/11 on 2026-12-06; 0.885 / 0.783 (fp32) and 0.885 / 0.800 (int8) since
    (TUNE, 0.86, 0.76, 35, 7, 1),  # a question that asks for a note gets notes
    # fresh: 50 questions a tester wrote blind on 2026-12-06 (tests/questions/README.md): 0.923 / 0.881 then,
    # 0.974 / 0.893 since, 0.974 / 0.914 (fp32) and 0.974 / 0.924 (int8) after 2026-12-06's second pass
    (FRESH, 0.94, 0.89, 43, 5, 0),
    # hard: the development half of a third blind set: 0.825 / 0.693, 6/7, 23/23 when first scored, 0.950 /
    # 0.832, 7/7, 23/23 since (0.850 fp32, 0.843 int8 later); its other half (hard_held.jsonl) is for reports only
    (HARD, 0.92, 0.82, 22, 6, 1),
    # blind5: a fourth blind set, 50 questions by a tester who never saw our other sets (2026-12-06, evening):
    # 0.892 / 0.735, 7/8, 42/42 when first scored, 0.892 / 0.788 since; its failures were read: for development
    # ... 0.919 / 0.842, 8/8, 42/42 (fp32) after the topic signal and the register of 2026-12-06's night pass
    (BLIND5, 0.88, 0.79, 41, 7, 0),
    # blind7: a sixth blind set (2026-12-06, late evening): 0.833 / 0.713, 9/10, 36/40 when first scored, 0.833 /
    # 0.740, 10/10, 37/40 since; its failures were read: for development
    # ... 0.972 / 0.855, 10/10, 39/40 (fp32) after 2026-12-06's night pass
    (BLIND7, 0.90, 0.78, 37, 9, 1),
    # blind8: the development half of a seventh blind set (2026-12-06, night): 0.875 / 0.842, 6/8, 32/32 when
    # first scored, 0.946 / 0.850, 7/8, 32/32 (fp32) since; its other half (blind8_held.jsonl) is for reports only
    (BLIND8, 0.90, 0.80, 31, 6, 1),
    # blind9: the development half of an eighth blind set (2026-12-07): 0.897 / 0.853, 6/7, 33/33 when first
    # scored; its failures were read: 0.966 / 0.931, 6/7, 33/33 (fp32) since; blind9_held.jsonl is for reports only
    (BLIND9, 0.93, 0.88, 32, 5, 1),
    # blind10: the development half of a ninth blind set (2026-12-07, later): 0.821 / 0.748, 5/8, 29/32 when first
    # scored (int8); its failures were read: 0.821 / 0.748 (int8) and 0.786 / 0.746 (fp32), 7/8, 31/32 since;
    # blind10_held.jsonl is for reports only
    (BLIND10, 0.78, 0.72, 30, 6, 1),
    # blind11: the development half of a tenth blind set (2026-12-07, a later pass): 0.821 / 0.762, 5/8, 30/32 when
    # first scored (int8); its failures were read: 0.964 / 0.859 (int8), 0.964 / 0.851 (fp32), 6/8, 31/32 since;
    # blind11_held.jsonl is for reports only
    (BLIND11, 0.95, 0.82, 30, 5, 2),  # two ask for symbols: the notes that print them are shown
    # blind12: the development half of an eleventh blind set (2026-12-07, same pass): 0.816 / 0.712, 7/8, 30/32
    # when first scored (int8); its failures were read: 0.923 / 0.802 (int8 and fp32), 7/8, 31/32 since;
    # blind12_held.jsonl is for reports only
    (BLIND12, 0.90, 0.77, 30, 6, 1),
    # blind13: the development half of a twelfth blind set (2026-12-07, same pass; five personas): 0.902 / 0.782,
    # 6/8, 25/32 when first scored (int8); its failures were read: 0.902 / 0.801 (int8), 0.902 / 0.778 (fp32),
    # 8/8, 31/32 since; blind13_held.jsonl is for reports only
    (BLIND13, 0.87, 0.75, 30, 7, 2),  # symbols and a resolution number asked: notes shown
    # blind14: the development half of a thirteenth blind set (2026-12-07, same pass; a French-speaking officer,
    # a lawyer, a donor, an academic, a Slack user): 0.652 / 0.607, 7/8, 29/32 when first scored (int8); its
    # failures were read: 0.830 / 0.722 (int8), 0.830 / 0.703 (fp32), 7/8, 31/32 since; blind14_held.jsonl is
    # for reports only
    (BLIND14, 0.80, 0.68, 30, 6, 2),
    # blind15: the development half of a fourteenth blind set (2026-12-07, next pass; a Spanish speaker, an
    # Arabic-speaking diplomat, a student, a parliamentary researcher, a Slack user): 0.857 / 0.705, 8/8, 28/32
    # when first scored (int8); its failures were read; blind15_held.jsonl is for reports only
    (BLIND15, 0.90, 0.75, 31, 7, 2),
    # blind16: the development half of a fifteenth blind set (same pass; an NGO campaigner, a journalist, a
    # translator, a retired diplomat, a data analyst): 0.821 / 0.724, 7/8, 28/32 when first scored (int8); its
    # failures were read; blind16_held.jsonl is for reports only
    (BLIND16, 0.78, 0.68, 30, 7, 2),
    # blind17: the development half of a sixteenth blind set (same pass; a teacher, a lawyer, an intern, a policy
    # analyst, an executive): 0.946 / 0.895, 7/8, 28/32 when first scored (int8); its failures were read;
    # blind17_held.jsonl is for reports only
    (BLIND17, 0.92, 0.85, 30, 7, 2),
    # blind18: the development half of a seventeenth blind set (same pass; a German-speaking official, a Chinese-
    # speaking student, a legislator's aide, a retired judge, a disability-rights advocate): 0.857 / 0.734, 6/8,
    # 30/32 when first scored (int8); its failures were read; blind18_held.jsonl is for reports only
    (BLIND18, 0.85, 0.69, 31, 7, 2),
    # blind19: the development half of an eighteenth blind set (2026-12-07, next pass; a treaty-body officer, a
    # Pacific island official, a civics teacher, an auditor, a person dictating to a phone): 0.893 / 0.885, 8/8,
    # 31/32 when first scored (int8); its failures were read: 1.000 / 0.944 (int8), 1.000 / 0.967 (fp32), 8/8,
    # 32/32 since; blind19_held.jsonl is for reports only
    (BLIND19, 0.95, 0.90, 31, 7, 2),
    # blind20: the development half of a nineteenth blind set (same pass; a librarian, a sceptical MP, an
    # Indigenous-rights activist, a Brazilian volunteer writing partly in Portuguese, a vague user): 0.777 /
    # 0.687, 8/8, 25/32 when first scored (int8); its failures were read (the glossary reading of Portuguese,
    # French and Spanish came of it): 0.884 / 0.835 (int8 and fp32), 8/8, 32/32 since; blind20_held.jsonl is
    # for reports only
    (BLIND20, 0.85, 0.78, 31, 7, 2),
    # blind21: the development half of a twentieth blind set (same pass; a francophone official writing in French,
    # a statistician, a speechwriter, a youth educator, a Latin American NGO worker writing in Spanish): 0.839 /
    # 0.843, 8/8, 26/32 when first scored (int8); its failures were read: 0.857 / 0.835 (int8 and fp32), 8/8,
    # 32/32 since; blind21_held.jsonl is for reports only
    (BLIND21, 0.82, 0.78, 31, 7, 2),
    # blind22: the development half of a twenty-first blind set (same pass; a desk officer tracking wording, a
    # grants officer, a typist of typos, a legal scholar, a newcomer with loose names for bodies): 0.893 / 0.804,
    # 8/8, 29/32 when first scored (int8); its failures were read: 0.964 / 0.879 (int8), 0.964 / 0.904 (fp32),
    # 8/8, 31/32 since; blind22_held.jsonl is for reports only
    (BLIND22, 0.92, 0.84, 30, 7, 2),
    # blind23: the development half of a twenty-second blind set (end of the same pass; a senior UN official in
    # acronyms, a retired teacher with background before the question, a fact-checker, a South Asia researcher,
    # a policy student): 0.863 / 0.857, 6/8, 28/32 when first scored (int8); its failures were read: 0.863 /
    # 0.857 (int8), 0.863 / 0.849 (fp32), 8/8, 31/32 since (its development half among the answerability
    # model's sources at the pass's end); blind23_held.jsonl is for reports only
    (BLIND23, 0.83, 0.82, 30, 6, 2),
    # blind24 to blind30: the development halves of seven more blind sets (pass of 2026-12-07 14:25 UTC, 35 new
    # personas; first-sight scores in tests/questions/README.md); their failures were read. Set at the pass's
    # end from the lower of int8 and fp32 (recall@5 / MRR@10, answered, abstained): blind24 0.952 / 0.896, 31/32,
    # 8/8; blind25 0.896 / 0.760, 31/32, 8/8; blind26 0.911 / 0.811, 32/32, 8/8; blind27 0.821 / 0.845, 31/32,
    # 8/8; blind28 0.816 / 0.759, 32/32, 7/8; blind29 0.866 / 0.818, 29/32, 7/8; blind30 0.714 / 0.604, 32/32,
    # 8/8. Their held halves are for reports only
    (BLIND24_30[24], 0.92, 0.86, 30, 7, 2),
    (BLIND24_30[25], 0.86, 0.73, 30, 7, 2),
    (BLIND24_30[26], 0.88, 0.78, 31, 7, 2),
    (BLIND24_30[27], 0.79, 0.81, 30, 7, 2),
    (BLIND24_30[28], 0.78, 0.73, 31, 6, 2),
    (BLIND24_30[29], 0.83, 0.79, 28, 6, 2),
    (BLIND24_30[30], 0.69, 0.58, 31, 7, 2),
    (BLIND31_60[31], 0.92, 0.82, 31, 7, 2),
    (BLIND31_60[32], 0.89, 0.81, 31, 6, 2),
    (BLIND31_60[33], 0.80, 0.71, 30, 5, 2),
    (BLIND31_60[34], 0.89, 0.84, 29, 7, 2),
    (BLIND31_60[35], 0.78, 0.71, 30, 6, 2),
    (BLIND31_60[36], 0.74, 0.63, 31, 6, 2),
    (BLIND31_60[37], 0.91, 0.67, 31, 6, 2),
    (BLIND31_60[38], 0.96, 0.73, 30, 6, 2),
    (BLIND31_60[39], 0.89, 0.74, 29, 6, 2),
    (BLIND31_60[40], 0.89, 0.79, 31, 7, 2),
    (BLIND31_60[41], 0.79, 0.78, 31, 6, 2),
    (BLIND31_60[42], 0.78, 0.69, 25, 6, 2),
    (BLIND31_60[43], 0.78, 0.67, 31, 7, 2),
    (BLIND31_60[44], 0.87, 0.81, 30, 7, 2),
    (BLIND31_60[45], 0.94, 0.79, 31, 7, 2),
    (BLIND31_60[46], 0.87, 0.78, 31, 6, 2),  # (fp32 MRR 0.805 already at 6ba623f; int8 0.846)
    (BLIND31_60[47], 0.81, 0.85, 30, 7, 2),
    (BLIND31_60[48], 0.77, 0.69, 28, 6, 2),
    (BLIND31_60[49], 0.86, 0.76, 31, 6, 2),
    (BLIND31_60[50], 0.85, 0.85, 31, 7, 2),
    (BLIND31_60[51], 0.85, 0.76, 31, 6, 2),
    (BLIND31_60[52], 0.85, 0.75, 29, 5, 3),  # (two ask for a symbol a footnote prints)
    (BLIND31_60[53], 0.83, 0.72, 31, 7, 2),  # (fp32 recall@5 0.851 already at 6ba623f; int8 0.887)
    (BLIND31_60[54], 0.87, 0.79, 28, 6, 2),
    (BLIND31_60[55], 0.88, 0.83, 31, 7, 2),
    (BLIND31_60[56], 0.85, 0.79, 29, 5, 2),
    (BLIND31_60[57], 0.87, 0.78, 31, 5, 2),
    (BLIND31_60[58], 0.86, 0.77, 30, 7, 2),
    (BLIND31_60[59], 0.92, 0.87, 31, 5, 2),
    (BLIND31_60[60], 0.78, 0.73, 29, 7, 2),
    # blind61 to blind66: the development halves of six more blind sets (2026-12-07 evening pass, 30 new personas;
    # first-sight scores in tests/questions/README.md); their failures were read. Set at the pass's end from the
    # lower of int8 and fp32 (recall@5 / MRR@10, answered, abstained): blind61 0.952 / 0.841, 32/32, 8/8; blind62
    # 0.911 / 0.740, 31/32, 8/8; blind63 0.789 / 0.802, 31/32, 8/8; blind64 0.774 / 0.703, 31/32, 6/8; blind65
    # 0.964 / 0.877, 32/32, 8/8; blind66 0.857 / 0.708, 32/32, 8/8. Their held halves are for reports only
    (BLIND61_75[61], 0.93, 0.81, 31, 7, 2),
    (BLIND61_75[62], 0.89, 0.71, 30, 7, 2),
    (BLIND61_75[63], 0.77, 0.77, 30, 7, 2),
    (BLIND61_75[64], 0.75, 0.67, 30, 5, 2),
    (BLIND61_75[65], 0.94, 0.85, 31, 7, 2),
    (BLIND61_75[66], 0.83, 0.68, 31, 7, 2),
    # blind67 to blind69 (same pass, 15 more personas; failures read after their first sight): blind67 0.946 /
    # 0.932, 32/32, 7/8; blind68 0.862 / 0.735, 32/32, 8/8; blind69 0.884 / 0.841, 32/32, 8/8
    (BLIND61_75[67], 0.92, 0.90, 31, 6, 2),
    (BLIND61_75[68], 0.84, 0.71, 31, 7, 2),
    (BLIND61_75[69], 0.86, 0.81, 31, 7, 2),
    # blind70 to blind72 (the same pass's last wave; failures read after their first sight): blind70 0.941 / 0.771,
    # 31/32, 7/8; blind71 0.966 / 0.901, 32/32, 7/8; blind72 0.830 / 0.668, 29/32, 8/8
    (BLIND61_75[70], 0.92, 0.74, 30, 6, 2),
    (BLIND61_75[71], 0.94, 0.87, 31, 6, 2),
    (BLIND61_75[72], 0.81, 0.64, 28, 7, 2),
    # blind73 to blind75 (the pass's last wave, read after its first sight): blind73 0.920 / 0.885, 31/32, 8/8;
    # blind74 0.920 / 0.914, 32/32, 7/8; blind75 0.887 / 0.802, 32/32, 8/8
    (BLIND61_75[73], 0.90, 0.86, 30, 7, 2),
    (BLIND61_75[74], 0.90, 0.89, 31, 6, 2),
    (BLIND61_75[75], 0.86, 0.77, 31, 7, 2),
    # blind76 to blind78 (the next pass's wave, read after its first sight; int8 / fp32): blind76 0.929 / 0.829,
    # 31/32, 7/8 (fp32 0.941 / 0.808); blind77 0.893 / 0.885, 30/32, 7/8; blind78 0.872 / 0.888, 32/32, 8/8
    (BLIND76_78[76], 0.91, 0.78, 30, 6, 2),
    (BLIND76_78[77], 0.87, 0.86, 29, 6, 2),
    (BLIND76_78[78], 0.85, 0.86, 31, 7, 2),
    # blind79 to blind81 (the next pass's wave, read after its first sight; int8 / fp32 at 24a0571): blind79
    # 0.851 / 0.783, 31/32, 7/8 (fp32 0.827 / 0.780); blind80 0.911 / 0.814, 30/32, 7/8 (fp32 0.911 / 0.802);
    # blind81 0.946 / 0.693, 32/32, 8/8 (fp32 0.946 / 0.688, 7/8)
    (BLIND79_81[79], 0.80, 0.75, 30, 6, 2),
    (BLIND79_81[80], 0.89, 0.77, 29, 6, 2),
    (BLIND79_81[81], 0.92, 0.66, 31, 6, 2),
]


@pytest.mark.parametrize("path, recall5, mrr, answered, abstained, footnotes", FLOORS,
                         ids=[f[0].stem for f in FLOORS])
def test_a_gold_set_holds_its_floors(searcher, path, recall5, mrr, answered, abstained, footnotes):
    overall = _overall(searcher, path)
    assert overall["recall@5"] >= recall5
    assert overall["mrr@10"] >= mrr
    assert _count(overall["answered"]) >= answered
    assert _count(overall["abstained"]) >= abstained
    assert overall["text twice"] == 0
    assert overall["footnote answers"] <= footnotes


@needs_dev
def test_the_dev_set_holds_its_floors(searcher):
    overall = _overall(searcher, DEV)
    assert overall["recall@5"] >= 0.92  # 0.949 with int8 (VNNI CPUs), 0.925 with fp32 (the choice elsewhere)
    assert overall["mrr@10"] >= 0.83
    assert overall["answered"] == "45/45" and overall["abstained"] == "4/4"
    assert overall["text twice"] == 0
    assert overall["footnote answers"] <= 1


def test_the_fit_set_quotes_the_corpus_and_holds_its_floors(searcher):
    # the questions the answerability model is fitted on (benchmarks/answerability.py): their evidence is
    # verbatim corpus text, and what the model learnt from them holds
    corpus = [evaluate.norm(p.read_text(encoding="utf-8")) for p in (HERE.parent / "corpus").glob("*.txt")]
    golds = evaluate.read_gold(FIT)
    assert all(any(evaluate.norm(q) in text for text in corpus) for g in golds for q in g.evidence)
    assert sum(not g.answerable for g in golds) >= 40 and sum(g.answerable for g in golds) >= 40
    overall = _overall(searcher, FIT)
    assert _count(overall["answered"]) >= 47  # of 49 answerable
    assert overall["mrr@10"] >= 0.90  # 0.887 on 2026-12-06's start, 0.918 (fp32) and 0.929 (int8) since
    assert _count(overall["abstained"]) >= 31  # of 44 unanswerable (17 before the fit set, 25 before the
    # kind of fact asked for was checked against what the question counts or names: 33 then)
