"""Page orientation: turn a page whose text stands at 90°, 180° or 270° upright before it is read."""

from __future__ import annotations

import re
from collections.abc import Callable

import cv2
import numpy as np

from pipeline.document import Block, Paragraph

AXIS_MARGIN = 1.15  # the line blobs one way must outweigh those the other way by this factor
SMEAR_PX = 9  # at the 1000 px working size: more than a letter gap, less than a line gap
LINE_ASPECT = 4  # a line blob is at least this many times longer than high
_LETTERS = re.compile(r"[\u0e01-\u0e2eA-Za-z]")
FLIP_MARGIN = 1.15  # an upside-down reading must beat the upright one by this factor
# A reading whose letters average this confidence is of a page the right way up: upright pages of both
# photo halves and the dev scans read at 0.73-0.94, the same pages upside down at 0.33-0.50 (docs/OCR.md).
CLEAR_CONFIDENCE = 0.65
CLEAR_LETTERS = 40  # fewer letters than this say nothing either way: the page is read both ways


def _text_ink(grey: np.ndarray) -> np.ndarray:
    """Ink of a small copy (long side 1000 px) with ruling lines taken out: only letters count."""
    scale = 1000.0 / max(grey.shape)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    lines = cv2.bitwise_or(cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, 40), np.uint8)),
                           cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((40, 1), np.uint8)))
    ink = cv2.bitwise_and(ink, cv2.bitwise_not(cv2.dilate(lines, np.ones((3, 3), np.uint8))))
    h, w = ink.shape
    my, mx = h // 25, w // 25  # the page's edge and what lies beyond it
    ink[:my] = 0
    ink[-my:] = 0
    ink[:, :mx] = 0
    ink[:, -mx:] = 0
    return ink


def _line_blobs(ink: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Text lines as boxes (x, y, w, h): the letters smeared sideways until a line is one long blob."""
    smeared = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, SMEAR_PX), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(smeared, connectivity=8)
    return [(int(stats[i, 0]), int(stats[i, 1]), int(stats[i, 2]), int(stats[i, 3])) for i in range(1, count)
            if stats[i, 2] >= LINE_ASPECT * stats[i, 3] and 4 <= stats[i, 3] <= 40]


def _line_score(ink: np.ndarray) -> float:
    """How much of the ink stands in long, low blobs once smeared sideways: text lines run this way."""
    total = max(1, int(np.count_nonzero(ink)))
    return sum(w * h for _, _, w, h in _line_blobs(ink)) / total


def lines_are_level(grey: np.ndarray) -> bool | None:
    """True when the text lines run across the page, False when up and down (a page turned 90°/270°),
    None when the ink does not say (too little text)."""
    ink = _text_ink(grey)
    if np.count_nonzero(ink) < 2000:
        return None
    across, down = _line_score(ink), _line_score(np.ascontiguousarray(ink.T))
    if across >= AXIS_MARGIN * down:
        return True
    if down >= AXIS_MARGIN * across:
        return False
    return None


def level_page(grey: np.ndarray) -> tuple[np.ndarray, bool]:
    """The page turned a quarter (counter-clockwise) when its text lines run up and down, and whether it was."""
    if lines_are_level(grey) is False:
        return np.ascontiguousarray(np.rot90(grey)), True
    return grey, False


def reading_quality(blocks: list[Block]) -> tuple[float, int]:
    """Confidence-weighted letters of a reading, and its letters: upside down, far fewer read with confidence.
    Letters only: a dotted leader reads as confident dots whichever way up it stands."""
    weighted, letters = 0.0, 0
    for block in blocks:
        items = [block] if isinstance(block, Paragraph) else [c for row in block.rows for c in row]
        for item in items:
            count = len(_LETTERS.findall(item.text or ""))
            weighted += getattr(item, "confidence", 0.0) * count
            letters += count
    return weighted, letters


def read_upright(page: np.ndarray, read: Callable[[np.ndarray], list[Block]], turned: bool
                 ) -> tuple[list[Block], int]:
    """The page's blocks read the right way up, and the half turn applied (0 or 180).

    The page is read as it stands; only a reading that is not clearly of upright text (geometry alone
    cannot tell Thai upside down reliably: docs/OCR.md) is read again upside down, and the better kept.
    A level page (``turned`` False) is taken as upside down only when that reading is clearly better;
    a page that lay on its side has no such prior.
    """
    blocks = read(page)
    weighted, letters = reading_quality(blocks)
    if letters >= CLEAR_LETTERS and weighted >= CLEAR_CONFIDENCE * letters:
        return blocks, 0
    flipped_blocks = read(np.ascontiguousarray(np.rot90(page, 2)))
    flipped, _ = reading_quality(flipped_blocks)
    margin = 1.0 if turned else FLIP_MARGIN
    return (flipped_blocks, 180) if flipped > margin * weighted else (blocks, 0)


__all__ = ["level_page", "lines_are_level", "read_upright", "reading_quality"]
