"""Page orientation: turn a page whose text stands at 90°, 180° or 270° upright before it is read."""

from __future__ import annotations

import re

import cv2
import numpy as np

from pipeline.readers.ocr.image import flatten_background
from pipeline.readers.ocr.tesseract import run_tesseract

AXIS_MARGIN = 1.15  # the line blobs one way must outweigh those the other way by this factor
SMEAR_PX = 9  # at the 1000 px working size: more than a letter gap, less than a line gap
LINE_ASPECT = 4  # a line blob is at least this many times longer than high
SAMPLE_LINES = 4  # lines read both ways up to tell 0° from 180°
SAMPLE_IN = 2.5  # inches of each line
SAMPLE_TIMEOUT_S = 20.0
_LETTERS = re.compile(r"[\u0e01-\u0e2eA-Za-z]")
FLIP_MARGIN = 1.15  # an upside-down reading must beat the upright one by this factor


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


def _sample_lines(grey: np.ndarray) -> np.ndarray:
    """The page's longest text lines (up to ``SAMPLE_LINES``, ``SAMPLE_IN`` wide), stacked, at 150 dpi."""
    ink = _text_ink(grey)
    scale = grey.shape[0] / ink.shape[0]
    blobs = sorted(_line_blobs(ink), key=lambda b: -b[2])[:SAMPLE_LINES]
    crops = []
    for x, y, w, h in blobs:
        x0, y0 = max(0, int(x * scale)), max(0, int((y - 0.5 * h) * scale))  # as much room above as below
        x1, y1 = min(grey.shape[1], int((x + w) * scale), x0 + int(SAMPLE_IN * 300)), int((y + 1.5 * h) * scale)
        crops.append(grey[y0:y1, x0:x1])
    crops = [c for c in crops if c.size]
    if not crops:
        return np.full((10, 10), 255, np.uint8)
    gap = 30
    sample = np.full((sum(c.shape[0] + gap for c in crops) + gap, max(c.shape[1] for c in crops) + 2 * gap), 255,
                     np.uint8)
    y = gap
    for crop in crops:
        sample[y:y + crop.shape[0], gap:gap + crop.shape[1]] = crop
        y += crop.shape[0] + gap
    return cv2.resize(sample, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)


def reading_scores(sample: np.ndarray) -> tuple[float, float]:
    """Confidence-weighted letters Tesseract reads in a sample of lines as it is and upside down (one run:
    the two stacked, so the Thai model loads once); upside down, far fewer are read with confidence."""
    gap = np.full((40, sample.shape[1]), 255, np.uint8)
    both = np.vstack([sample, gap, np.ascontiguousarray(np.rot90(sample, 2))])
    split = sample.shape[0] + gap.shape[0] / 2
    scores = [0.0, 0.0]
    for word in run_tesseract(both, 150, SAMPLE_TIMEOUT_S, psm=6, languages="tha"):
        # Letters only: a dotted leader reads as confident dots whichever way up it stands.
        scores[word.cy > split] += max(0.0, word.conf) * len(_LETTERS.findall(word.text)) / 100.0
    return scores[0], scores[1]


def upright_turn(grey: np.ndarray) -> int:
    """The counter-clockwise turn (0, 90, 180, 270) that makes the page upright.

    Which way the lines run is told by the ink's shape; which way up, by Tesseract reading a few lines
    both ways (geometry alone cannot tell Thai upside down reliably: docs/OCR.md). A level page is taken
    as upside down only when the reading says so clearly.
    """
    level = lines_are_level(grey)
    if level is None:
        level = True
    base = grey if level else np.ascontiguousarray(np.rot90(grey))
    upright, flipped = reading_scores(_sample_lines(flatten_background(base)))
    # A level page is upright unless clearly not (most pages come upright); a page on its side has no such prior.
    margin = FLIP_MARGIN if level else 1.0
    turn = 180 if flipped > margin * upright else 0
    return turn if level else (turn + 90) % 360


def make_upright(grey: np.ndarray) -> tuple[np.ndarray, int]:
    """The page turned upright, and the turn applied (degrees counter-clockwise)."""
    turn = upright_turn(grey)
    return (np.ascontiguousarray(np.rot90(grey, turn // 90)) if turn else grey), turn


__all__ = ["lines_are_level", "make_upright", "reading_scores", "upright_turn"]
