"""PDF ingest speed (pages/s) and fidelity, for the PDF libraries qabot could use, with the machine.

    python benchmarks/pdf.py [--runs 5] [--ingest-runs 3]

The PDFs are the five seeds as tests/make_documents.py lays them out (A4, running headers, footnotes
at the page feet, paragraphs over page breaks). Each library reads them into the same page geometry
(qabot/parse/pages.py) and the same paragraph rules; fidelity is how many documents give exactly the
paragraphs (labels, texts, footnotes) and metadata of their text version, and how many paragraphs do.

- pypdfium2 (PDFium, BSD/Apache): what qabot uses (qabot/parse/pdf.py);
- pdfplumber (pdfminer.six, MIT): characters with the same geometry, in pure Python;
- pypdf (BSD): text operations with their size but one position per text object (no per-character
  geometry), and its plain extract_text() as the no-geometry baseline;
- PyMuPDF is AGPL (qabot is MIT): not measured, not used.

Then `qabot ingest` of the PDF folder end to end, in a new process, into an index that already exists
(so that the one-time ONNX export of the model is not counted): pages/s of the whole command, model
load and embedding included.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
from machine import describe, median  # noqa: E402

from qabot.parse.pages import Run, text_of  # noqa: E402
from qabot.parse.pdf import pdf_text  # noqa: E402
from qabot.parse.resolution import parse_resolution  # noqa: E402
from tests import make_documents as make  # noqa: E402

FIELDS = ["symbol", "body", "title", "date", "meeting", "session", "status", "number", "agenda_item",
          "distributed", "distribution", "vote", "report", "draft", "report_chapter", "sponsors", "language"]


def via_pdfplumber(path: Path) -> str:
    import pdfplumber

    pages = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            runs: list[Run] = []
            height = page.height
            for char in page.chars:  # one run per character: pages.py groups them into lines
                y = height - char["bottom"]
                runs.append(Run(char["text"], char["x0"], char["x1"], round(y, 1), round(char["size"], 1)))
            pages.append(_merge(runs))
    return text_of(pages)


def _merge(runs: list[Run]) -> list[Run]:
    """Consecutive characters on one baseline, in one size, as one run (as qabot's reader makes them)."""
    out: list[Run] = []
    for run in runs:
        last = out[-1] if out else None
        if last and abs(last.y - run.y) < 0.05 and last.size == run.size and -0.5 < run.x0 - last.x1 < 0.3 * run.size:
            last.text += run.text
            last.x1 = run.x1
        elif last and abs(last.y - run.y) < 0.05 and last.size == run.size and run.x0 - last.x1 >= 0.3 * run.size:
            last.text += " " + run.text
            last.x1 = run.x1
        else:
            out.append(Run(run.text, run.x0, run.x1, run.y, run.size))
    return out


def via_pypdf(path: Path) -> str:
    import pypdf

    pages = []
    for page in pypdf.PdfReader(str(path)).pages:
        runs: list[Run] = []

        def visit(text, cm, tm, font, size):
            if text and text.strip("\n"):
                x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
                scale = abs(tm[3] * cm[3]) or 1.0
                runs.append(Run(text.replace("\n", " "), x, x + 0.5 * size * scale * len(text), round(y, 1),
                                round(size * scale, 1)))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return text_of(pages)


def via_pypdf_plain(path: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


LIBRARIES = {
    "pypdfium2 (qabot)": lambda path: pdf_text(path.read_bytes()),
    "pdfplumber": via_pdfplumber,
    "pypdf, text operations": via_pypdf,
    "pypdf, extract_text() only": via_pypdf_plain,
}


def fidelity(read, files, models) -> tuple[int, int, int]:
    documents = paragraphs = total = 0
    for path, model in zip(files, models):
        try:
            parsed = parse_resolution(read(path), path.stem, str(path))
        except Exception:  # a library that loses the structure altogether
            total += len(model.reference)
            continue
        want = [(p.kind, p.label, p.text, p.footnotes) for p in model.reference]
        got = {(p.kind, p.label, p.text, tuple(p.footnotes)) for p in parsed.paragraphs}
        same = sum((k, label, text, tuple(notes)) in got for k, label, text, notes in want)
        paragraphs += same
        total += len(want)
        meta = all(getattr(parsed.document, f) == getattr(model.document, f) for f in FIELDS)
        documents += same == len(want) and len(parsed.paragraphs) == len(want) and meta
    return documents, paragraphs, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ingest-runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp()) / "pdfs"
    folder.mkdir()
    models = [make.model_of(seed) for seed in make.seeds(ROOT / "corpus")]
    files, pages = [], 0
    for model in models:
        path = folder / f"{model.name}.pdf"
        pages += make.write_pdf(model, path).pages
        files.append(path)
    print(f"machine: {describe()}")
    print(f"{len(files)} PDFs, {pages} pages; medians of {args.runs} runs\n")
    print(f"{'library':28} {'pages/s':>8}  {'documents exact':>15}  {'paragraphs exact':>16}")
    for name, read in LIBRARIES.items():
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            for path in files:
                parse_resolution(read(path), path.stem, str(path)) if name != "pypdf, extract_text() only" \
                    else read(path)
            times.append(time.perf_counter() - start)
        documents, same, total = fidelity(read, files, models)
        print(f"{name:28} {pages / median(times):8.1f}  {documents:>8}/{len(files):<6}  {same:>9}/{total:<6}")

    # the whole command, into an index that exists (model exported once), adding the PDFs as new documents
    base = Path(tempfile.mkdtemp())
    (base / "seed").mkdir()
    (base / "seed" / "one.txt").write_text("The General Assembly,\n\n1. Decides to remain seized of the matter.\n",
                                           encoding="utf-8")
    subprocess.run(qabot("ingest", str(base / "seed"), "--index", str(base / "index")), cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    times = []
    for run in range(args.ingest_runs):
        index = base / f"index-{run}"
        shutil.copytree(base / "index", index)
        start = time.perf_counter()
        subprocess.run(qabot("ingest", str(folder), "--index", str(index)), cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    print(f"\nqabot ingest of the folder into an existing index (a new process: model load, parse, store, "
          f"embed, index): {median(times):.1f} s, {pages / median(times):.1f} pages/s (median of {args.ingest_runs})")


def qabot(*args: str) -> list[str]:
    return [sys.executable, "-m", "qabot", *args, "--quiet"]


if __name__ == "__main__":
    main()
