"""Files that trip a reader never stop an ingest, and layout debris never reaches a quote."""

from __future__ import annotations

import json
import shutil

from .conftest import CORPUS, run_qabot


def test_a_file_no_reader_can_handle_is_skipped_and_debris_is_not_quoted(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(CORPUS / "002_5d85320994a82449.txt", folder / "good.txt")
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 5000 + "<p>1. Decides to act;</p>"
                                      + "</div>" * 5000 + "</body></html>", encoding="utf-8")
    # a vertical tab and a bell inside a paragraph, and a date no calendar has, in a citation
    text = (CORPUS / "000_e943feafb609eb45.txt").read_text(encoding="utf-8")
    text = text.replace("Recalling", "Recalling\x0b", 1).replace("December", "Decem\x07ber", 1)
    (folder / "odd.txt").write_text(text.replace("of 16 December 1977", "of 31 June 1977"), encoding="utf-8")
    index = tmp_path / "index"
    result = run_qabot("ingest", str(folder), "--index", str(index))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "deep.html: it is nested too deeply to read" in result.stderr
    assert "2 added" in result.stdout
    rows = [json.loads(x) for x in run_qabot("paragraphs", "--index", str(index), "--format", "jsonl").stdout.splitlines()]
    assert rows and not any(c in r["text"] for r in rows for c in "\x0b\x07")
