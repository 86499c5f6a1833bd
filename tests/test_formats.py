"""PDF, Word and HTML versions of the seeds read into the same paragraphs, labels and metadata as the
seed texts; page furniture and footnotes never reach a paragraph; unreadable files are named with
their reason; one document in two formats is ingested once."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from qabot.errors import UnreadableFile
from qabot.parse import parse_bytes
from qabot.parse.identity import Twins, same_document, stored_documents
from qabot.parse.resolution import parse_resolution
from qabot.store.database import Store

from . import make_documents as make
from .conftest import CORPUS, run_qabot

PREFIXES = ["000", "001", "002", "003", "004"]
METADATA = ["symbol", "body", "title", "date", "meeting", "session", "status", "number", "agenda_item",
            "distributed", "distribution", "vote", "report", "draft", "report_chapter", "sponsors", "language"]


def seed(prefix: str) -> Path:
    return next(CORPUS.glob(prefix + "_*.txt"))


@pytest.fixture(scope="module")
def models():
    return {prefix: make.model_of(seed(prefix)) for prefix in PREFIXES}


def read(path: Path):
    [parsed] = parse_bytes(path.read_bytes(), path, path.stem, str(path))
    return parsed


def units(paragraphs):
    return [(p.kind, p.label, p.text, p.parent, p.footnotes) for p in paragraphs]


def assert_same_as_text(parsed, model):
    expected, got = units(model.reference), units(parsed.paragraphs)
    for want, have in zip(expected, got):
        assert have == want
    assert len(got) == len(expected)
    for name in METADATA:
        assert getattr(parsed.document, name) == getattr(model.document, name), name


def pdf_chars(path: Path) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


# ------------------------------------------------------------------------------------------ PDF

@pytest.mark.parametrize("prefix", PREFIXES)
def test_pdf_of_each_seed_reads_like_its_text(prefix, models, tmp_path):
    model = models[prefix]
    path = tmp_path / f"{model.name}.pdf"
    layout = make.write_pdf(model, path)
    # real furniture: several pages, a paragraph running over a page break, notes at page feet
    assert layout.pages >= 2
    assert any(len(pages) > 1 for pages in layout.pages_of.values())
    assert bool(layout.notes_on) == bool(model.notes)
    parsed = read(path)
    assert parsed.document.layout == "pdf"
    assert_same_as_text(parsed, model)


def test_a_paragraph_over_two_page_breaks_is_rejoined_without_headers_or_notes(models, tmp_path):
    model = models["000"]
    path = tmp_path / "short-pages.pdf"
    layout = make.write_pdf(model, path, page_size=(595.28, 230))
    long = [label for label, pages in layout.pages_of.items() if len(pages) >= 3]
    assert long, "no paragraph crosses two page breaks"
    raw = pdf_chars(path)
    assert raw.count("A/RES/57/210") >= layout.pages - 1  # the running header is printed on the pages
    parsed = read(path)
    assert_same_as_text(parsed, model)
    by_label = {p.label: p for p in parsed.paragraphs}
    expected = {p.label: p.text for p in model.reference}
    notes = [p.text for p in model.reference if p.kind == "footnote"]
    for label in long:
        assert by_label[label].text == expected[label]
    for p in parsed.paragraphs:
        if p.kind != "footnote":
            assert "A/RES/57/210" not in p.text
            assert not any(note[:30] in p.text for note in notes)
    # the pages the long paragraph spans carry a header each and notes at the foot of some
    pages = layout.pages_of[long[0]]
    assert pages[-1] - pages[0] >= 2


def test_running_header_symbol_becomes_metadata_not_text(models, tmp_path):
    model = models["003"]  # a Commission draft: "E/CN.4/2002/L.108" and the page number on each later page
    path = tmp_path / "draft.pdf"
    make.write_pdf(model, path)
    assert pdf_chars(path).count("E/CN.4/2002/L.108") >= 3
    parsed = read(path)
    assert parsed.document.symbol == "E/CN.4/2002/L.108"
    assert not any("E/CN.4/2002/L.108" in p.text for p in parsed.paragraphs)


def test_scanned_pdf_is_refused_by_name(tmp_path):
    path = tmp_path / "scan.pdf"
    make.write_scanned_pdf(path)
    with pytest.raises(UnreadableFile, match="scanned PDF with no text layer"):
        read(path)


def test_truncated_pdf_is_refused_with_its_reason(models, tmp_path):
    good = tmp_path / "good.pdf"
    make.write_pdf(models["002"], good)
    broken = tmp_path / "broken.pdf"
    make.write_corrupt_pdf(broken, good)
    with pytest.raises(UnreadableFile, match="not a readable PDF"):
        read(broken)
    fake = tmp_path / "page.pdf"
    fake.write_text("<html>404 Not Found</html>", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="not a PDF"):
        read(fake)


# ------------------------------------------------------------------------------------------ Word

@pytest.mark.parametrize("prefix", PREFIXES)
def test_docx_of_each_seed_reads_like_its_text(prefix, models, tmp_path):
    model = models[prefix]
    path = tmp_path / f"{model.name}.docx"
    make.write_docx(model, path, numbering="auto")
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        names = archive.namelist()
    # Word's own numbering (no number typed in the text) and real footnotes
    assert "<w:numPr>" in body and not any(f">{p.marker}\t" in body for p in model.paragraphs if p.marker)
    assert ("word/footnotes.xml" in names) == bool(model.notes)
    parsed = read(path)
    assert parsed.document.layout == "docx"
    assert_same_as_text(parsed, model)


@pytest.mark.parametrize("prefix", ["002", "004"])
def test_docx_with_typed_numbers_reads_like_its_text(prefix, models, tmp_path):
    path = tmp_path / "typed.docx"
    make.write_docx(models[prefix], path, numbering="typed")
    assert_same_as_text(read(path), models[prefix])


def test_docx_shows_what_word_shows_and_no_more(tmp_path):
    """Deleted revisions, hidden runs and field codes are not text; a line break is."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("The General Assembly,")
    p = document.add_paragraph("1. Decides to ")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    p._p.append(parse_xml(f'<w:del {w} w:id="1" w:author="x"><w:r><w:delText>never </w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {w} w:id="2" w:author="x"><w:r><w:t xml:space="preserve">remain </w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:r {w}><w:rPr><w:vanish/></w:rPr><w:t>hidden </w:t></w:r>'))
    p._p.append(parse_xml(f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {w}><w:instrText> DATE \\@ "yyyy" </w:instrText></w:r>'))
    p._p.append(parse_xml(f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {w}><w:t>seized</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>'))
    p.add_run(" of the matter;")
    path = tmp_path / "revised.docx"
    document.save(str(path))
    parsed = read(path)
    assert [(x.label, x.text) for x in parsed.paragraphs] == [("1", "Decides to remain seized of the matter;")]


def test_not_a_word_document_is_refused_with_its_reason(tmp_path):
    archive = tmp_path / "archive.docx"
    make.write_zip_as_docx(archive)
    with pytest.raises(UnreadableFile, match="zip archive but not a Word document"):
        read(archive)
    text = tmp_path / "renamed.docx"
    text.write_text("The General Assembly,\n\n1. Decides;\n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="not a Word document"):
        read(text)
    old = tmp_path / "old.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(UnreadableFile, match=r"binary Word file \(\.doc"):
        read(old)


# ------------------------------------------------------------------------------------------ HTML

@pytest.mark.parametrize("prefix", PREFIXES)
def test_html_page_of_each_seed_reads_like_its_text(prefix, models, tmp_path):
    model = models[prefix]
    path = tmp_path / f"{model.name}.html"
    make.write_html(model, path)
    page = path.read_text(encoding="utf-8")
    assert "<nav" in page and "cookies" in page and "<script>" in page  # furniture is there to be cut
    parsed = read(path)
    assert parsed.document.layout == "html"
    assert_same_as_text(parsed, model)
    text = " ".join(p.text for p in parsed.paragraphs)
    for furniture in ("cookies", "Search the documents", "Related documents", "Terms of use", "\u21a9", "gtag"):
        assert furniture not in text


def test_html_page_without_semantic_tags_reads_like_its_text(models, tmp_path):
    path = tmp_path / "old-site.html"
    make.write_html(models["001"], path, semantic=False)
    assert "<main" not in path.read_text(encoding="utf-8")
    assert_same_as_text(read(path), models["001"])


def test_html_in_a_legacy_encoding_keeps_its_words(tmp_path):
    path = tmp_path / "latin.html"
    path.write_bytes('<html><head><meta charset="windows-1252"></head><body><main><p>The General Assembly,</p>'
                     '<ol><li>D\u00e9cides to remain seized of the matter \u2013 as before.</li></ol></main></body></html>'
                     .encode("cp1252"))
    [p] = read(path).paragraphs
    assert (p.label, p.text) == ("1", "D\u00e9cides to remain seized of the matter \u2013 as before.")


# ------------------------------------------------------------------------------------------ one document, two formats

def test_same_document_rules(models, tmp_path):
    texts = {k: frozenset(p.text.casefold() for p in m.reference if p.kind != "footnote") for k, m in models.items()}
    # 2002 and 2004 texts on one subject share a third of their paragraphs: two documents
    assert not same_document("A/RES/57/210", texts["000"], None, texts["001"])
    assert same_document(None, texts["001"], None, texts["001"])
    # the same symbol with other words (a version in another language) is another document
    assert not same_document("A/RES/57/210", texts["000"], "A/RES/57/210", texts["004"])
    assert not same_document("A/RES/57/210", texts["000"], "A/RES/57/224", texts["000"])


def test_a_stored_document_is_found_again_in_another_format(models, tmp_path):
    store = Store(tmp_path / "store.sqlite", readonly=False)
    text = seed("000")
    stored = parse_resolution(text.read_text(encoding="utf-8"), "000", str(text))
    with store.transaction():
        store.put_document(stored.document, stored.paragraphs)
    pdf = tmp_path / "000.pdf"
    make.write_pdf(models["000"], pdf)
    assert Twins(stored_documents(store, prune=False)).twin_of([read(pdf)], str(pdf)) == str(text)
    other = tmp_path / "004.pdf"
    make.write_pdf(models["004"], other)
    assert Twins(stored_documents(store, prune=False)).twin_of([read(other)], str(other)) is None
    # when pruning, a stored document whose file is gone does not count: it is about to go
    gone = tmp_path / "gone.txt"
    stored.document.id, stored.document.source = "gone", str(gone)
    store2 = Store(tmp_path / "store2.sqlite", readonly=False)
    with store2.transaction():
        store2.put_document(stored.document, stored.paragraphs)
    assert Twins(stored_documents(store2, prune=True)).twin_of([read(pdf)], str(pdf)) is None
    assert Twins(stored_documents(store2, prune=False)).twin_of([read(pdf)], str(pdf)) == str(gone)


# ------------------------------------------------------------------------------------------ a mixed folder

@pytest.mark.slow
def test_mixed_folder_ingests_every_readable_file_and_names_the_others(models, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / seed("000").name).write_text(seed("000").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "001_regional_2004.md").write_text(seed("001").read_text(encoding="utf-8"), encoding="utf-8")
    make.write_pdf(models["000"], folder / "A_RES_57_210.pdf")  # the .txt's document again, as PDF
    make.write_docx(models["001"], folder / "regional-2004.docx")  # the .md's (no symbol: by its paragraphs)
    make.write_pdf(models["002"], folder / "2003_73.pdf")
    make.write_docx(models["003"], folder / "L108.docx")
    make.write_html(models["004"], folder / "A_RES_57_224.html")
    make.write_corrupt_pdf(folder / "broken.pdf", folder / "2003_73.pdf")
    make.write_scanned_pdf(folder / "scan.pdf")
    make.write_png(folder / "photo.png")
    make.write_zip_as_docx(folder / "archive.docx")
    index = tmp_path / "index"
    result = run_qabot("ingest", str(folder), "--index", str(index))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    reasons = {line.split(":")[0].rsplit("/", 1)[-1]: line for line in result.stderr.strip().splitlines()}
    assert set(reasons) == {"A_RES_57_210.pdf", "regional-2004.docx", "broken.pdf", "scan.pdf", "photo.png",
                            "archive.docx"}
    assert f"same document as {folder / seed('000').name}" in reasons["A_RES_57_210.pdf"]
    assert f"same document as {folder / '001_regional_2004.md'}" in reasons["regional-2004.docx"]
    assert "not a readable PDF" in reasons["broken.pdf"]
    assert "scanned PDF with no text layer" in reasons["scan.pdf"]
    assert "cannot read .png" in reasons["photo.png"]
    assert "not a Word document" in reasons["archive.docx"]
    assert "5 added" in result.stdout and "6 skipped" in result.stdout
    listing = run_qabot("docs", "--format", "json", "--index", str(index))
    assert listing.returncode == 0, listing.stderr
    documents = json.loads(listing.stdout)
    documents = documents["documents"] if isinstance(documents, dict) else documents
    layouts = {Path(d["source"]).name: d["layout"] for d in documents}
    assert layouts == {seed("000").name: "pdf-text", "001_regional_2004.md": "pdf-text", "2003_73.pdf": "pdf",
                       "L108.docx": "docx", "A_RES_57_224.html": "html"}
    by_symbol = {d["symbol"]: d for d in documents}
    assert by_symbol["E/CN.4/RES/2003/73"]["date"] == "2003-04-25"
    assert by_symbol["A/RES/57/224"]["distributed"] == "2003-02-26"
    # ingesting again: nothing changes, the copies are still recognized
    again = run_qabot("ingest", str(folder), "--index", str(index))
    assert again.returncode == 0 and "5 unchanged" in again.stdout, again.stdout + again.stderr


def test_a_folder_of_unreadable_files_fails_with_each_reason(models, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    make.write_scanned_pdf(folder / "scan.pdf")
    make.write_png(folder / "photo.png")
    make.write_zip_as_docx(folder / "archive.docx")
    result = run_qabot("ingest", str(folder), "--index", str(tmp_path / "index"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    for name, reason in (("scan.pdf", "no text layer"), ("photo.png", "cannot read .png"),
                         ("archive.docx", "not a Word document")):
        assert name in result.stderr and reason in result.stderr
    assert not (tmp_path / "index").exists() or not any((tmp_path / "index").glob("*/store.sqlite"))
