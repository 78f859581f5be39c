"""A mark a scan's reading lost over a letter it gave none (ข่าว read ขาว, ซ่อม ซอม, a word too): the glyph decides."""

from __future__ import annotations

import numpy as np

from pipeline.readers.ocr.sara_am import Place, is_ring, places, tone_over
from pipeline.readers.ocr.stacked_tone import word_at
from pipeline.readers.ocr.tesseract import Word
from pipeline.readers.ocr.upper_vowels import Glyph, LineInk, glyph_mask, is_arc, line_indexes, line_ink, with_fixes
from pipeline.thai import dictionary_words, normalize, word_frequencies

MAI_EK, MAI_THO, NIKHAHIT, SARA_AA = "\u0e48", "\u0e49", "\u0e4d", "\u0e32"
HAN_AKAT, DOMES = "\u0e31", "\u0e34\u0e35\u0e36\u0e37"  # ั a cup; ิ ี ึ ื arcs (upper_vowels.is_arc)
_THAI_LETTER = frozenset(chr(c) for c in range(0x0E01, 0x0E2F))
# What a letter carries over or under it, or ำ's ring over it: a letter followed by one is not bare.
_ON_LETTER = frozenset("\u0e31\u0e33" + "".join(chr(c) for c in range(0x0E34, 0x0E3B))
                       + "".join(chr(c) for c in range(0x0E47, 0x0E4F)))
_OVER = frozenset("\u0e31\u0e33\u0e34\u0e35\u0e36\u0e37\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d")
# The glyphs' shapes, in letters (the line's letter height), measured on the tuning scans over letters read with
# one mark (5th-95th percentile): ่ a solid upright stroke (0.15-0.47 wide, 0.34-0.49 high, its box 0.66-0.94
# ink); ้ 0.48-0.74 wide, 0.35-0.70 high, its box 0.59-0.71 ink; ั ิ ี ื 0.46-0.89 wide, 0.31-0.75 high.
EK_WIDTH = 0.3
EK_HEIGHT = (0.3, 0.55)
EK_FILL = 0.7
WIDE = (0.5, 0.95)
WIDE_HEIGHT = (0.3, 0.6)
# ้ is narrower and higher for its width than an upper vowel (height/width 0.71-0.76 for half the ้ read, 0.52-0.59
# for ั and ิ, 0.63-0.67 for ี; 0.68-0.71 wide, the vowels 0.78-0.82): at most VOWEL_WIDTH wide and at least
# THO_ROUND[1] as high as wide it is ้, at least as wide or at most THO_ROUND[0] as high a vowel, between either.
VOWEL_WIDTH = 0.76
THO_ROUND = (0.62, 0.69)
# A lone mark sits just over its letter (its foot 0.06-0.26 of a letter over the letters' top); higher, it is the
# line above's ink, lower a letter's stem.
FOOT = (0.05, 0.25)
CLAIM = 0.25  # how far past a letter's box a glyph may be the mark read on it (a box is a share of its word's)
SLACK = 0.1  # how far past a bare letter's box the glyph's middle may stand
RATIO = 10  # how much commoner the word a mark makes must be than the one another mark of the shape makes
MIN_LETTER = 30  # as upper_vowels: a smaller print's mark is a few pixels, its shape not measured
MOST_LOST = 0.4  # more glyphs of a mark's shape unread over a line's letters than this share of them are specks


def _options(ink: LineInk, glyph: Glyph, image: np.ndarray) -> str:
    """The marks a glyph's shape allows: ำ's ring (NIKHAHIT) for a small round hollow one, ่ for a narrow solid
    upright stroke, ้ for a wide one as high as ้ (its loop and raised tail), an upper vowel for a wider, flatter
    one (the vowel by the cup or arc), both where the two overlap; none for anything else (a speck, a letter's
    piece, a stack of two marks)."""
    mask = glyph_mask(ink, glyph)
    height, width = mask.shape
    w, h = width / ink.size, height / ink.size
    if is_ring(mask, image[glyph[1]:glyph[3], glyph[0]:glyph[2]].astype(np.float32), ink.size):
        return _tone_over(ink, glyph) + NIKHAHIT
    if w <= EK_WIDTH and EK_HEIGHT[0] <= h <= EK_HEIGHT[1] and mask.mean() >= EK_FILL:
        return MAI_EK
    if not (WIDE[0] <= w <= WIDE[1] and WIDE_HEIGHT[0] <= h <= WIDE_HEIGHT[1]):
        return ""
    vowels = DOMES if is_arc(mask) else HAN_AKAT
    if w < VOWEL_WIDTH and h / w >= THO_ROUND[1]:
        return MAI_THO
    if w >= VOWEL_WIDTH or h / w <= THO_ROUND[0]:
        return vowels
    return MAI_THO + vowels


def _tone_over(ink: LineInk, ring: Glyph) -> str:
    """The tone that stands just over ำ's ring (น้ำ, ซ้ำ, ค่ำ: lost with the ring), by its width, or ""."""
    glyph = tone_over(ink, ring, ink.glyphs)
    if glyph is None:
        return ""
    return MAI_EK if glyph[2] - glyph[0] <= EK_WIDTH * ink.size else MAI_THO


def _unread(ink: LineInk, text: str, where: list[Place]) -> dict[int, Glyph]:
    """For each bare letter of the line (nothing over or under it as read), the lowest glyph over it that no mark
    read on a neighbour accounts for, at a lone mark's height."""
    claimed = set()
    for i, ch in enumerate(text):
        if ch in _OVER:
            k = i - 1
            while k > 0 and text[k] in _ON_LETTER:
                k -= 1
            left, right = where[k].left - CLAIM * ink.size, where[k].right + CLAIM * ink.size
            claimed.update(g for g in ink.glyphs if left <= (g[0] + g[2]) / 2 <= right)
    out = {}
    for i, ch in enumerate(text):
        # A letter beside a dot is an abbreviation's (มิ.ย., พ.ศ.): no word to test a mark by.
        if ch not in _THAI_LETTER or text[i + 1:i + 2] in _ON_LETTER or "." in text[max(0, i - 1):i + 2]:
            continue
        left, right = where[i].left - SLACK * ink.size, where[i].right + SLACK * ink.size
        over = [g for g in ink.glyphs if left <= (g[0] + g[2]) / 2 <= right
                and FOOT[0] * ink.size <= ink.top - g[3] <= FOOT[1] * ink.size]
        if over:
            low = max(over, key=lambda g: g[3])
            if low not in claimed:
                out[i] = low
    return out


def _choice(text: list[str], i: int, marks: str) -> str | None:
    """Of ``marks``, the one that put on the letter ``text[i]`` (a piece of the line each: a letter with what was
    put on it) makes the word there a dictionary word, the run of Thai around it no worse (no more letters outside
    words, no more words); of several, fewest letters outside words, then fewest words, then the commonest word,
    which must be RATIO times as common as the next (the shape tells an arc from a cup, not ิ from ื: สืบ read
    สบ is no reason to read สิบ). ำ's ring is taken only before า (the two are ำ)."""
    known, freq = dictionary_words(), word_frequencies()
    before, after = "".join(text[:i]), "".join(text[i + 1:])
    at = len(normalize(before))
    read = word_at(normalize(before + text[i] + after), at)
    ranked = []
    for mark in (marks,) if marks.endswith(NIKHAHIT) else marks:
        if mark.endswith(NIKHAHIT) and not after.startswith(SARA_AA):
            continue
        option = word_at(normalize(before + text[i] + mark + after), at)
        if option is None or option[0] not in known or (read is not None and (option[1] > read[1] or option[2] > read[2])):
            continue
        ranked.append(((option[1], option[2]), freq.get(option[0], 0), mark))
    ranked.sort(key=lambda r: (r[0], -r[1]))
    if not ranked or (len(ranked) > 1 and ranked[1][0] == ranked[0][0] and ranked[0][1] < RATIO * ranked[1][1]):
        return None
    return ranked[0][2]


def respell_lone_marks(words: list[Word], image: np.ndarray) -> list[Word]:
    """The words with a mark put on each bare letter (none over or under it as read) that a glyph over it in the
    pixels shows lost, the mark of the glyph's shape that makes the word there a dictionary word: Tesseract drops a
    lone tone now and then (ขาว for ข่าว, ชา for ช้า, รวม for ร่วม), and the word it leaves is often a word too,
    which neither the word repair nor the word model doubts."""
    changes: dict[int, dict[int, str]] = {}
    for indexes in line_indexes(words):
        text = "".join(words[n].text for n in indexes)
        letters = sum(ch in _THAI_LETTER for ch in text)
        if letters < 3:
            continue
        ink = line_ink([words[n] for n in indexes], image)
        if ink is None or ink.size < MIN_LETTER:
            continue
        where = places(words, indexes)
        shapes = {i: marks for i, glyph in _unread(ink, text, where).items() if (marks := _options(ink, glyph, image))}
        if len(shapes) > MOST_LOST * letters:
            continue
        pieces = list(text)
        for i, marks in sorted(shapes.items()):  # left to right, each on the line as mended so far (ดาเนนการ: ดำ, then เนิน)
            mark = _choice(pieces, i, marks)
            if mark is not None:
                pieces[i] += mark
                changes.setdefault(where[i].word, {})[where[i].at] = text[i] + mark
    return with_fixes(words, changes)


__all__ = ["respell_lone_marks"]
