"""OCR routing: which pages must be read from their pixels (no text layer, or a text layer that is garbage)."""

from __future__ import annotations

import re

from pipeline.thai import PUA_THAI

GARBAGE_SHARE = 0.05  # over this share of suspicious characters, the text layer is not used
_CID = re.compile(r"\(cid:\d+\)")
_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
_SPACED_LETTERS = re.compile("(?<![\u0e01-\u0e4e])[\u0e01-\u0e2e](?: [\u0e01-\u0e2e](?![\u0e01-\u0e4e])){2,}")
_CUT_VOWEL = re.compile("[\u0e01-\u0e2e] [\u0e32\u0e30\u0e33]")


def garbage_share(text: str) -> float:
    """The share of the text that shows a broken text layer (0 = clean)."""
    stripped = text.strip()
    if not stripped:
        return 0.0
    pua = sum(1 for ch in stripped if 0xE000 <= ord(ch) <= 0xF8FF and ord(ch) not in PUA_THAI
              and not 0xF000 <= ord(ch) <= 0xF0FF)  # U+F0xx: symbol fonts (tick boxes), handled by the reader
    cid = sum(len(m.group()) for m in _CID.finditer(stripped))
    spaced = sum(len(m.group()) for m in _SPACED_LETTERS.finditer(stripped))
    cut = 3 * len(_CUT_VOWEL.findall(stripped))
    letters = max(1, len(_THAI_LETTER.findall(stripped)) + sum(ch.isascii() and ch.isalpha() for ch in stripped))
    return (pua + cid + spaced + cut) / max(letters, pua + cid)


def is_garbage(text: str) -> bool:
    """Whether a page's text layer is too broken to use (see ``garbage_share``)."""
    return garbage_share(text) > GARBAGE_SHARE


__all__ = ["garbage_share", "is_garbage"]
