"""Reading a file's text safely: size limit, binary content, encoding.

Every refusal is an UnreadableFile whose message completes "skipped <file>: ...".
"""

from __future__ import annotations

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
