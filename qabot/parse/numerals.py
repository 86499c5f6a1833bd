"""List numerals as word processors and browsers print them: roman (i, ii, ...) and letters (a..z, aa..)."""

from __future__ import annotations

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word's and the browsers' lower-alpha)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
