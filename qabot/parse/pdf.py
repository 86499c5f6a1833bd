"""PDF -> text in the layout the resolution parser reads, through PDFium (pypdfium2).

PDFium (BSD/Apache, the engine of Chrome's PDF viewer) gives every character with its position and
size, fast: that geometry is what cuts running headers and footnote blocks (pages.py). Chosen over
pdfplumber (same geometry, pure Python, about 25 times slower) and pypdf (no per-character positions,
so no geometry); PyMuPDF is AGPL, not compatible with qabot's MIT licence. benchmarks/pdf.py measures
them side by side.

A PDF without a text layer (a scan) is refused by name; qabot does no OCR.
"""

from __future__ import annotations

import ctypes

from ..errors import UnreadableFile
from .pages import Run, text_of


def pdf_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableFile("the PDF is password-protected") from None
        raise UnreadableFile(f"it is not a readable PDF (damaged or truncated: {_reason(exc)})") from None
    try:
        pages = []
        images = 0
        for index in range(len(document)):
            try:
                page = document[index]
            except pdfium.PdfiumError as exc:
                raise UnreadableFile(f"page {index + 1} of the PDF cannot be read ({_reason(exc)})") from None
            try:
                runs = runs_of(page)
                if not runs:
                    images += any(True for _ in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=3))
                pages.append(runs)
            finally:
                page.close()
    finally:
        document.close()
    if not any(pages):
        if images:
            raise UnreadableFile("it is a scanned PDF with no text layer (qabot does no OCR)")
        raise UnreadableFile("the PDF holds no text")
    return text_of(pages)


def _reason(exc: Exception) -> str:
    text = str(exc)
    return text[text.find("PDFium: ") + 8:].rstrip(").") if "PDFium: " in text else text


def runs_of(page) -> list[Run]:
    """The page's characters as runs: a new run where the baseline or the size changes."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        if count <= 0:
            return []
        text = textpage.get_text_range()
        aligned = len(text) == count
        x, y = ctypes.c_double(), ctypes.c_double()
        left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        origin, font_size, char_box = pdfium_c.FPDFText_GetCharOrigin, pdfium_c.FPDFText_GetFontSize, \
            pdfium_c.FPDFText_GetCharBox
        px, py = ctypes.byref(x), ctypes.byref(y)
        runs: list[Run] = []
        chars: list[str] = []
        run_x0 = run_y = run_size = prev_x = 0.0
        last = -1

        def close(index: int) -> None:
            if chars and last >= 0:
                char_box(raw, last, ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
                runs.append(Run("".join(chars), run_x0, max(right.value, run_x0), run_y, run_size))

        for i in range(count):
            ch = text[i] if aligned else chr(pdfium_c.FPDFText_GetUnicode(raw, i))
            if ch in "\r\n":  # PDFium's own line break: a space when the line goes on (same baseline)
                if chars and chars[-1] != " ":
                    chars.append(" ")
                continue
            if ch == " " and chars:  # a space belongs to the run it follows
                chars.append(ch)
                continue
            origin(raw, i, px, py)
            if not chars or abs(y.value - run_y) > 0.05 or x.value < prev_x - 0.5:
                close(i)
                chars = []
                run_x0, run_y = x.value, y.value
                run_size = font_size(raw, i)
            chars.append(ch)
            last = i
            prev_x = x.value
        close(count)
        return runs
    finally:
        textpage.close()
