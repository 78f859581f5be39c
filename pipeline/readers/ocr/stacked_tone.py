"""The tone mark a word lost under a stack of glyphs the pixels show: the one the dictionary reads as a word."""

from __future__ import annotations

import re

from pipeline.thai import dictionary_words, word_frequencies

TONES_OVER = ("\u0e48", "\u0e49")  # ่ ้: the tones Thai stacks over an upper vowel or ำ (๊ ๋ are rare)
_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")


def word_at(text: str, at: int) -> tuple[str, int, int] | None:
    """The word (pythainlp's newmm cut of the Thai run) that holds ``text[at]``, with the run's letters outside
    dictionary words and its number of words."""
    from pythainlp.tokenize import word_tokenize

    words = dictionary_words()
    for run in _THAI_RUN.finditer(text):
        if run.start() <= at < run.end():
            tokens = word_tokenize(run.group(), engine="newmm", keep_whitespace=False)
            start, holder = run.start(), None
            for token in tokens:
                if start <= at < start + len(token):
                    holder = token
                start += len(token)
            unknown = sum(len(t) for t in tokens if t not in words)
            return (holder, unknown, len(tokens)) if holder else None
    return None


def stacked_tone(text: str, options: list[str]) -> int | None:
    """Which of ``options`` (``text`` with one tone mark put in, one option a tone) to take, or None. An option
    is taken when the word that holds its tone is a dictionary word and the run of Thai around it reads no worse
    (no more letters outside words); when it is cut into as many words as read, that word must be at least as
    common in the corpus as the word as read (a speck over ี is no reason to read ปี as ปี่), when into fewer
    it reads better (ลงชือ → ลงชื่อ, one word). Of two, the one in fewer words, then the commoner."""
    words, freq = dictionary_words(), word_frequencies()
    best, best_key = None, None
    for n, option in enumerate(options):
        at = next((i for i, (a, b) in enumerate(zip(text, option, strict=False)) if a != b), len(text))
        if len(option) != len(text) + 1 or option[:at] + option[at + 1:] != text:
            continue
        marked, read = word_at(option, at), word_at(text, at if at < len(text) else at - 1)
        if marked is None or read is None or marked[0] not in words or marked[1] > read[1] or marked[2] > read[2]:
            continue
        seen = freq.get(marked[0], 0)
        if marked[2] == read[2] and (marked[1] == read[1] and seen < max(1, freq.get(read[0], 0))):
            continue
        key = (marked[1], marked[2], -seen)
        if best_key is None or key < best_key:
            best, best_key = n, key
    return best


__all__ = ["TONES_OVER", "stacked_tone", "word_at"]
