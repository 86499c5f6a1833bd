"""Reading a file's text safely: size limit, binary content, encoding; the format readers by file type.

Every refusal is an UnreadableFile whose message completes "skipped <file>: ...".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import UnreadableFile

# Characters that never occur in a text document; a few of them mean the file is binary.
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFile(f"cannot be read ({exc.strerror or exc})") from None
    if size == 0:
        raise UnreadableFile("the file is empty")
    if size > max_bytes:
        raise UnreadableFile(
            f"the file is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:g} MB limit (max_file_mb)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot be read ({exc.strerror or exc})") from None


def decode_text(data: bytes) -> str:
    """UTF-8 text (a BOM allowed), with newlines normalised; refuses binary and other encodings."""
    head = data[:8192]
    if b"\x00" in head or sum(b in _CONTROL for b in head) > max(8, len(head) // 100):
        raise UnreadableFile("it looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            f"it is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableFile("the file holds only white space")
    return text


@dataclass
class Reading:
    text: str  # in the layout the resolution parser reads
    layout: str  # "pdf", "docx", "html": the file's format, recorded on the document


PDF_SUFFIXES = {".pdf"}
WORD_SUFFIXES = {".docx"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp", ".heic"}
_REFUSED = {
    ".doc": "old binary Word files; save it as .docx",
    ".rtf": "RTF files; save it as .docx",
    ".odt": "OpenDocument files; save it as .docx",
    ".pages": "Pages files; export it as .docx or PDF",
}


def read_document(data: bytes, suffix: str) -> Reading:
    """A PDF, Word or HTML file's text (the readers import their libraries only when needed)."""
    if suffix in PDF_SUFFIXES or data.startswith(b"%PDF-"):
        if not data.lstrip()[:1024].count(b"%PDF-"):
            raise UnreadableFile("it is not a PDF (it does not start with %PDF)")
        from .pdf import pdf_text

        return Reading(pdf_text(data), "pdf")
    if suffix in WORD_SUFFIXES:
        from .word import docx_text

        return Reading(docx_text(data), "docx")
    if suffix in HTML_SUFFIXES:
        from .webpage import html_text

        return Reading(html_text(data), "html")
    if suffix in IMAGE_SUFFIXES:
        raise UnreadableFile(f"qabot cannot read {suffix} files (an image; qabot does no OCR)")
    if suffix in _REFUSED:
        raise UnreadableFile(f"qabot cannot read {_REFUSED[suffix]}")
    raise UnreadableFile(f"qabot cannot read {suffix or 'extension-less'} files")
