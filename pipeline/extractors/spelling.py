"""Thai spelling of an OCR'd value: character sequences no Thai word has, and words outside the dictionary."""

from __future__ import annotations

import re
from functools import cache

from pipeline.thai import normalize

_CONSONANT = "\u0e01-\u0e2e"
_ABOVE_BELOW = "\u0e31\u0e34-\u0e3a"  # ั ิ ี ึ ื ุ ู ฺ
_TONE = "\u0e48-\u0e4b"  # ่ ้ ๊ ๋
_LEADING = "\u0e40-\u0e44"  # เ แ โ ใ ไ
# Each pattern is a sequence that typed Thai never holds but a misread one does (a lost or doubled mark).
_IMPOSSIBLE = (
    re.compile(f"(?<![{_CONSONANT}{_ABOVE_BELOW}])[{_TONE}]"),  # a tone mark with no letter or vowel under it
    re.compile(f"(?<![{_CONSONANT}])[{_ABOVE_BELOW}\u0e47]"),  # an upper or lower vowel with no letter under it
    re.compile(f"[{_TONE}\u0e47\u0e4c][{_TONE}\u0e47\u0e4c]"),  # two tone marks (or a tone and ็ ์)
    re.compile(f"[{_ABOVE_BELOW}][{_ABOVE_BELOW}]"),  # two vowels stacked on one letter
    re.compile(f"[{_LEADING}](?![{_CONSONANT}])"),  # เ แ โ ใ ไ with no consonant after it
    re.compile(f"\u0e33[{_TONE}]"),  # ำ before its tone mark (น้ำ is น ้ ำ)
)
_THAI_RUN = re.compile(f"[{_CONSONANT}\u0e2f-\u0e4e]+")
MIN_UNKNOWN_CHARS = 3  # shorter runs outside the dictionary are common in names and abbreviations


def impossible_sequence(text: str) -> str | None:
    """The first Thai character sequence in ``text`` that no correctly spelled word holds, or None."""
    text = normalize(text)
    for pattern in _IMPOSSIBLE:
        match = pattern.search(text)
        if match:
            return text[max(0, match.start() - 2):match.end() + 1]
    return None


@cache
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def unknown_words(text: str) -> list[str]:
    """The Thai stretches of ``text`` that pythainlp's word list cannot cut into known words (at least
    ``MIN_UNKNOWN_CHARS`` letters each), in order."""
    from pythainlp.tokenize import word_tokenize

    words = _dictionary()
    out: list[str] = []
    for run in _THAI_RUN.findall(normalize(text)):
        if run in words:
            continue
        for token in word_tokenize(run, engine="newmm", keep_whitespace=False):
            if len(token) >= MIN_UNKNOWN_CHARS and token not in words:
                out.append(token)
    return out


__all__ = ["impossible_sequence", "unknown_words"]
