"""An upper vowel a scan's reading gave as another (ั for ิ, ทั้ง for ทิ้ง): the mark's shape in the pixels decides."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

import cv2
import numpy as np

from pipeline.readers.ocr.lost_marks import line_band
from pipeline.readers.ocr.stacked_tone import word_at
from pipeline.readers.ocr.tesseract import Word
from pipeline.thai import dictionary_words, normalize, word_frequencies

VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37"  # ั ิ ี ึ ื: the upper vowels Tesseract reads one for another
HAN_AKAT = "\u0e31"  # ั: a cup (its middle low, its right tip up); ิ ี ึ ื are domes (an arc, its middle high)
DOMES = "\u0e34\u0e35\u0e36\u0e37"
SARA_I, SARA_II = "\u0e34", "\u0e35"  # ิ an arc; ี the arc with a tail up at its right
TAILED = "\u0e35\u0e36"  # ี ึ: a tail (ึ's loop) stands up at the right, ื's two strokes barely rise
TONES = ("\u0e48", "\u0e49")  # ่ ้: the tones a word may have lost with its vowel
Glyph = tuple[int, int, int, int, int]  # a glyph's box in the page (left, top, right, bottom) and its label
_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d")
# A mark of a vowel's height, in letters: lower is a scrap of one (a speck, a broken stroke), higher holds a tone
# or a letter of the line above joined to it.
MARK_HEIGHT = (0.22, 0.55)
# Letters this many pixels high or more (at 300 dpi): a smaller print's mark is 8-11 pixels high, one pixel a tenth
# of it, and a ั's foot measured a pixel off reads as an arc's (สำนัก → สำนึก, นัด → นิด in a survey's small print).
MIN_LETTER = 30
MARK_WIDTH = 0.4  # an upper vowel spans most of its letter (0.7-0.8 of a letter's height wide): narrower is a tone
BLUR = 25  # the blur's sigma, in letters: the gaps between a dithered stroke's dots, not those between two marks
JOINED_INK = 200  # darker than this, once blurred, is a stroke
TAILED_HEIGHT = 0.65  # a tailed vowel is taller than ั and ิ (0.5-0.55 of a letter, and the blur adds)
TAIL = 0.05  # a tail: the right end at least this far above the middle, in letters
NO_TAIL = -0.03  # no tail: the right end at least this far below it
ARC_FOOT = 0.95  # an arc's middle third ends above this share of its height (0 its top, 1 its foot)
ARC_MIDDLE = 0.6  # and its ink lies on average above this


class Mark(NamedTuple):
    """An upper vowel of the reading with its glyph: which word, where in its text, the vowel read, the glyph's
    ink (cropped to it) and the line's letter height."""

    word: int
    at: int
    vowel: str
    ink: np.ndarray
    size: int


def is_arc(ink: np.ndarray) -> bool:
    """Whether a mark is an arc (ิ ี ึ ื: its lowest ink at its ends, the middle raised) rather than ั's cup (its
    middle at the foot). Measured on the tuning scans' marks, the middle third's lowest ink: at the foot for 95 %
    of the ั read, above it for 95 % of the ิ; and the middle's ink on average high (ั 0.55-0.7 of the mark's
    height from its top, ิ 0.4-0.5, ี ึ ื with their tails up to 0.6)."""
    height, width = ink.shape
    rows = np.nonzero(ink[:, int(0.35 * width):int(0.65 * width)])[0]
    if height < 3 or not rows.size:
        return False
    return bool(rows.max() / (height - 1) <= ARC_FOOT and rows.mean() / (height - 1) <= ARC_MIDDLE)


class LineInk(NamedTuple):
    """A line's glyphs above its letters (from the pixels): each glyph's box and label, the labels' image (from
    ``above`` down, from ``left`` across), the top of the letters and their height."""

    glyphs: list[Glyph]
    labels: np.ndarray
    above: int
    left: int
    top: int
    size: int


def line_ink(line: list[Word], image: np.ndarray, foot: float = 0.15) -> LineInk | None:
    """The glyphs above a line's letters (their foot less than ``foot`` of a letter below the letters' top), blurred
    a little first: a black-and-white scan's dithered strokes break into dots, and a mark into pieces. None when the
    line has no letter band to measure from."""
    band = line_band(image, line)
    if band is None:
        return None
    x0, x1, top, size, above = band
    grey = cv2.GaussianBlur(image[above:int(top + foot * size), x0:x1], (0, 0), size / BLUR)
    region = (grey < JOINED_INK).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(region, connectivity=8)
    glyphs = [(x0 + x, above + y, x0 + x + w, above + y + h, n) for n, (x, y, w, h, area) in enumerate(stats[1:count], 1)
              if above + y + h < top + foot * size - 1 and h <= 0.8 * size and w <= 1.3 * size
              and area >= 0.01 * size ** 2]
    return LineInk(glyphs, labels, above, x0, top, size)


def glyph_mask(ink: LineInk, glyph: Glyph) -> np.ndarray:
    """One glyph's ink, cropped to it."""
    return ink.labels[glyph[1] - ink.above:glyph[3] - ink.above, glyph[0] - ink.left:glyph[2] - ink.left] == glyph[4]


def _line_marks(words: list[Word], indexes: list[int], image: np.ndarray) -> list[Mark]:
    """The upper vowels of one line with their glyphs: the lowest glyph above the line's letters over the letter
    that carries the vowel. Tesseract gives a Thai line letter by letter, a mark often a word of its own whose box
    is not the mark's, so the letter's box (the word before, or its share of a word of several letters) places it."""
    line = [words[n] for n in indexes]
    ink = line_ink(line, image)
    if ink is None:
        return []
    top, size = ink.top, ink.size
    out: list[Mark] = []
    letter: tuple[float, float] | None = None
    for n, word in zip(indexes, line, strict=True):
        letters = [ch for ch in word.text if ch not in _MARKS]
        step = (word.right - word.left) / max(1, len(letters))
        for at, ch in enumerate(word.text):
            if ch not in VOWELS:
                continue
            k = sum(1 for c in word.text[:at] if c not in _MARKS) - 1
            box = letter if k < 0 else (word.left + k * step, word.left + (k + 1) * step)
            if box is None:
                continue
            slack = 0.25 * size
            near = [g for g in ink.glyphs if box[0] - slack <= (g[0] + g[2]) / 2 <= box[1] + slack]
            if not near:
                continue
            low = max(near, key=lambda g: g[3])
            if top - low[3] > 0.5 * size:
                continue
            out.append(Mark(n, at, ch, glyph_mask(ink, low), size))
        if letters:
            letter = (word.right - step, word.right)
    return out


def line_indexes(words: list[Word]) -> list[list[int]]:
    """The indexes of the words of each line Tesseract grouped, in reading order."""
    lines: dict[tuple[int, int, int], list[int]] = {}
    for n, word in enumerate(words):
        lines.setdefault(word.line_key, []).append(n)
    return list(lines.values())


def page_marks(words: list[Word], image: np.ndarray) -> list[Mark]:
    """Every upper vowel of the page's reading that has a glyph to measure."""
    return [mark for indexes in line_indexes(words) for mark in _line_marks(words, indexes, image)]


def respelled(text: str, at: int, vowels: str) -> str | None:
    """Of ``vowels``, the one that put at ``text[at]`` makes the word there a dictionary word, the run of Thai
    around it no worse (no more letters outside words, no more words); or does so with a tone after it, which
    the reading lost with the vowel (ทัง for ทิ้ง: the word repair puts the tone back). Of several, the one in
    fewest letters outside the dictionary, then fewest words, then needing no tone, then the commonest. None when
    the run reads as well with no vowel there (ลั้มเหลว: ล้มเหลว, one word): the mark may be no vowel at all."""
    known, freq = dictionary_words(), word_frequencies()
    read = word_at(text, at)
    if read is None:
        return None
    toned = text[at + 1:at + 2] in TONES
    best, best_key = None, None
    for vowel in ("", *vowels):
        for tone in ("",) if toned or not vowel else ("", *TONES):
            option_text = text[:at] + vowel + tone + text[at + 1:]
            option = word_at(option_text, at if vowel else max(0, at - 1))
            if option is None or option[0] not in known or option[1] > read[1] or option[2] > read[2]:
                continue
            key = (option[1], option[2], tone != "", -freq.get(option[0], 0))
            if best_key is None or key < best_key:
                best, best_key = vowel, key
    return best or None


def _tail(ink: np.ndarray, size: int) -> float | None:
    """How far the mark's right end rises above its middle, in letters: ี's and ึ's tail stands up at the right
    (0 to 0.12 in the tuning scans, 0.09 typically), ิ's arc comes down there (-0.16 to -0.05 for 95 % of them)."""
    height, width = ink.shape
    middle = np.nonzero(ink[:, int(0.35 * width):int(0.65 * width)])[0]
    right = np.nonzero(ink[:, int(0.8 * width):])[0]
    if height < 3 or not middle.size or not right.size:
        return None
    return float(middle.min() - right.min()) / size


def _shape_says(mark: Mark) -> str:
    """The upper vowels the mark's shape allows in place of the one read, or "" when it agrees with the reading or
    is no clean vowel (a scrap, a tone joined to it, too narrow)."""
    height, width = mark.ink.shape
    if mark.size < MIN_LETTER or width < MARK_WIDTH * mark.size:
        return ""
    if mark.vowel == HAN_AKAT:
        return DOMES if MARK_HEIGHT[0] <= height / mark.size <= MARK_HEIGHT[1] and is_arc(mark.ink) else ""
    if not MARK_HEIGHT[0] <= height / mark.size <= TAILED_HEIGHT:
        return ""
    tail = _tail(mark.ink, mark.size)
    if tail is None:
        return ""
    if mark.vowel == SARA_II and tail <= NO_TAIL:
        return SARA_I
    if mark.vowel == SARA_I and tail >= TAIL:
        return TAILED
    return ""


def respell_upper_vowels(words: list[Word], image: np.ndarray) -> list[Word]:
    """The words with each upper vowel whose glyph has another's shape put right as the vowel of that shape that
    makes a dictionary word: a ั that is an arc (ทิ้ง read ทั้ง, สืบค้น สับค้น), a ี with no tail (ริม read รีม),
    a ิ with one (กีดขวาง read กิดขวาง). Both spellings are often words, so the word model alone cannot choose;
    the pixels say which shape stands there, the dictionary only which vowel of that shape."""
    changes: dict[int, dict[int, str]] = {}
    for mark in page_marks(words, image):
        allowed = _shape_says(mark)
        if not allowed:
            continue
        text, at = _line_text(words, mark)
        vowel = respelled(text, at, allowed)
        if vowel is not None:
            changes.setdefault(mark.word, {})[mark.at] = vowel
    return with_fixes(words, changes)


def with_fixes(words: list[Word], changes: dict[int, dict[int, str]], spell: Callable[[str], str] = normalize
               ) -> list[Word]:
    """The words with each word's characters replaced as ``changes`` says (word → character index → its new
    text), respelled by ``spell``; the words keep their boxes and lines."""
    out = list(words)
    for n, fixes in changes.items():
        word = words[n]
        out[n] = replace(word, text=spell("".join(fixes.get(i, ch) for i, ch in enumerate(word.text))))
    return out


def _line_text(words: list[Word], mark: Mark) -> tuple[str, int]:
    """The text of the mark's line (its words joined as read, in the dictionary's spelling: ํา as ำ) and where
    the mark is in it."""
    key = words[mark.word].line_key
    before, after, seen = "", "", False
    for n, word in enumerate(words):
        if word.line_key != key:
            continue
        if n == mark.word:
            before += word.text[:mark.at]
            after += word.text[mark.at + 1:]
            seen = True
        elif seen:
            after += word.text
        else:
            before += word.text
    before, after = normalize(before), normalize(after)
    return before + mark.vowel + after, len(before)


__all__ = ["VOWELS", "Glyph", "LineInk", "glyph_mask", "is_arc", "line_indexes", "line_ink", "page_marks", "respelled", "respell_upper_vowels", "with_fixes"]
