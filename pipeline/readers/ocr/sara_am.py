"""A scan's ำ read as a tone and า (คำ read ค้า, a word too): the ring of ำ over the letter in the pixels decides."""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

from pipeline.readers.ocr.stacked_tone import word_at
from pipeline.readers.ocr.tesseract import Word
from pipeline.readers.ocr.upper_vowels import Glyph, LineInk, glyph_mask, line_indexes, line_ink, with_fixes
from pipeline.thai import dictionary_words, normalize

MAI_THO, NIKHAHIT, SARA_AA = "\u0e49", "\u0e4d", "\u0e32"  # ้ ํ า: Tesseract writes ำ as ํ + า
_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d")
# ำ's ring is round and small (measured on the tuning scans' ำ read ้า: 0.39-0.50 of a letter wide, as high as
# wide); ้ is a hooked stroke wider than high (0.6-0.75 of a letter wide, 0.7-0.85 as high as wide), its loop
# open or closed by the blur.
RING_WIDTH = 0.56
RING_ROUND = (0.8, 1.3)
HOLLOW = 45  # grey levels a hollow mark's middle is lighter than its stroke
# A tone over the ring stands just above it (น้ำ) and is no taller than a tone; higher, it is the line above's ink.
TONE_GAP = 0.25
TONE_HEIGHT = 0.6
# ำ's ring sits low, its foot at times below the letters' top as the band measures it (กำหนด: 0.15 of a letter).
RING_FOOT = 0.35
MIN_LETTER = 30  # as upper_vowels: a smaller print's mark is a few pixels, its hole a pixel or none


class Place(NamedTuple):
    """Where a character of a line's reading is: its word, its index in the word's text, its box across."""

    word: int
    at: int
    left: float
    right: float


def places(words: list[Word], indexes: list[int]) -> list[Place]:
    """Every character of a line with the share of its word's box its letter stands in (a mark takes the box of the
    letter it is written after): Tesseract gives a Thai line letter by letter, a mark often a word of its own."""
    out: list[Place] = []
    box = (0.0, 0.0)
    for n in indexes:
        word = words[n]
        letters = sum(1 for ch in word.text if ch not in _MARKS)
        step = (word.right - word.left) / max(1, letters)
        k = 0
        for at, ch in enumerate(word.text):
            if ch not in _MARKS:
                box = (word.left + k * step, word.left + (k + 1) * step)
                k += 1
            out.append(Place(n, at, *box))
    return out


def is_ring(ink: np.ndarray, patch: np.ndarray, size: int) -> bool:
    """Whether a mark (its blurred ink and the page's pixels in its box) is ำ's ring: small and round, with a hole,
    or hollow where the blur closed the hole (its middle lighter than its stroke: a ring's by 50-130 grey levels
    in the tuning scans, ้'s stroke through the middle of its box by 20-35)."""
    height, width = ink.shape
    if width > RING_WIDTH * size or not RING_ROUND[0] <= height / max(1, width) <= RING_ROUND[1]:
        return False
    contours, hierarchy = cv2.findContours(np.pad(ink.astype(np.uint8), 1), cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE)
    if hierarchy is not None and any(h[3] >= 0 for h in hierarchy[0]):
        return True
    middle = patch[int(0.35 * height):max(int(0.35 * height) + 1, int(0.65 * height)),
                   int(0.35 * width):max(int(0.35 * width) + 1, int(0.65 * width))]
    return bool(ink.any() and middle.mean() - patch[ink].mean() >= HOLLOW)


def _ring_over(ink: LineInk, image: np.ndarray, left: float, right: float) -> tuple[bool, bool]:
    """Whether the lowest glyph above the letters between ``left`` and ``right`` is a ring, and whether another glyph
    stands over it (น้ำ: the tone over the ring)."""
    near = [g for g in ink.glyphs if left <= (g[0] + g[2]) / 2 <= right]
    if not near:
        return False, False
    low = max(near, key=lambda g: g[3])
    patch = image[low[1]:low[3], low[0]:low[2]].astype(np.float32)
    if ink.top - low[3] > 0.5 * ink.size or not is_ring(glyph_mask(ink, low), patch, ink.size):
        return False, False
    return True, tone_over(ink, low, near) is not None


def tone_over(ink: LineInk, ring: Glyph, glyphs: list[Glyph]) -> Glyph | None:
    """The first of ``glyphs`` that stands just over ``ring`` (ำ's) as a tone does (น้ำ), or None."""
    return next((g for g in glyphs if g is not ring and ring[1] - TONE_GAP * ink.size <= g[3] <= ring[1] + 1
                 and g[3] - g[1] <= TONE_HEIGHT * ink.size and g[0] < ring[2] and ring[0] < g[2]), None)


def _reads_better(text: str, option: str, at: int) -> bool:
    """Whether ``option`` makes the word at ``at`` a dictionary word, the run of Thai around it no worse (no more
    letters outside words, no more words)."""
    read, new = word_at(normalize(text), at), word_at(normalize(option), at)
    return new is not None and new[0] in dictionary_words() and (read is None or (new[1] <= read[1] and new[2] <= read[2]))


def respell_sara_am(words: list[Word], image: np.ndarray) -> list[Word]:
    """The words with each ้ read before า over a ring (ำ's) put back as ำ, where the dictionary reads the word so:
    คำ read ค้า, a word too, so neither the word repair nor the word model doubts it (คำสำคัญ, คำขอ); the pixels
    say a ring stands there, not ้'s hooked stroke."""
    changes: dict[int, dict[int, str]] = {}
    for indexes in line_indexes(words):
        text = "".join(words[n].text for n in indexes)
        if MAI_THO + SARA_AA not in text:
            continue
        ink = line_ink([words[n] for n in indexes], image, RING_FOOT)
        if ink is None or ink.size < MIN_LETTER:
            continue
        where = places(words, indexes)
        for i in range(1, len(text) - 1):
            if text[i:i + 2] != MAI_THO + SARA_AA or text[i - 1] in _MARKS:
                continue
            ring, toned = _ring_over(ink, image, where[i - 1].left, where[i + 1].left + 0.3 * ink.size)
            mark = (MAI_THO + NIKHAHIT) if toned else NIKHAHIT
            at = len(normalize(text[:i]))
            if ring and _reads_better(text, text[:i] + mark + text[i + 1:], max(0, at - 1)):
                changes.setdefault(where[i].word, {})[where[i].at] = mark
    return with_fixes(words, changes, spell=str)  # kept as Tesseract writes ำ (ํ + า), as the other words


__all__ = ["Place", "is_ring", "places", "respell_sara_am", "tone_over"]
