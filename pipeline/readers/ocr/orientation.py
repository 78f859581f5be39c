"""Page orientation: turn a page whose text stands at 90°, 180° or 270° upright before it is read."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import cv2
import numpy as np

from pipeline.document import Block, Paragraph
from pipeline.readers.ocr.image import components, flatten_background
from pipeline.readers.ocr.tesseract import OcrTimeout, run_tesseract

AXIS_MARGIN = 1.15  # the line blobs one way must outweigh those the other way by this factor
SMEAR_PX = 9  # at the 1000 px working size: more than a letter gap, less than a line gap
LINE_ASPECT = 4  # a line blob is at least this many times longer than high
_LETTERS = re.compile(r"[\u0e01-\u0e2eA-Za-z]")
FLIP_MARGIN = 1.15  # an upside-down reading must beat the upright one by this factor
# A reading whose letters average this confidence is of a page the right way up: upright pages of both
# photo halves and the dev scans read at 0.73-0.94, the same pages upside down at 0.33-0.50 (docs/OCR.md).
CLEAR_CONFIDENCE = 0.65
CLEAR_LETTERS = 40  # fewer letters than this say nothing either way: the page is read both ways
# The up/down probe (photos): a few of the page's longest lines read by `tha` alone before the page, so that a
# page found upside down is read once, the right way up, and not first in full the wrong way: 11 of the 32
# pages of the photo tuning set lay upside down once levelled, and each threw away a whole reading (3.7-7.2 s
# of Tesseract). Four sampled lines (2.5 in) read as they stand at a mean confidence of 0.77-0.94 on upright tuning pages
# and 0.60-0.71 on upside-down ones; read both ways, the upside-down reading scored 1.07-2.8 times the
# upright one on every upside-down page and 0.39-0.86 times on every upright one; the 2 in sample below
# told 38 of 38 pages right (docs/OCR.md).
PROBE_LINES = 4
PROBE_IN = 2.0  # inches of each line
PROBE_DPI = 150.0  # half size: the sample's letters are still 15-20 px high
PROBE_TIMEOUT_S = 20.0
PROBE_LETTERS = 20  # fewer letters read than this say nothing: the page is read as it stands first
PROBE_CLEAR = 0.75  # a sample read at this mean confidence is upright: the sample is not read upside down


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
    count, _, stats, _ = components(smeared)
    return [(int(stats[i, 0]), int(stats[i, 1]), int(stats[i, 2]), int(stats[i, 3])) for i in range(1, count)
            if stats[i, 2] >= LINE_ASPECT * stats[i, 3] and 4 <= stats[i, 3] <= 40]


def _line_score(ink: np.ndarray) -> float:
    """How much of the ink stands in long, low blobs once smeared sideways: text lines run this way."""
    total = max(1, int(np.count_nonzero(ink)))
    return sum(w * h for _, _, w, h in _line_blobs(ink)) / total


def lines_are_level(grey: np.ndarray, ink: np.ndarray | None = None) -> bool | None:
    """True when the text lines run across the page, False when up and down (a page turned 90°/270°),
    None when the ink does not say (too little text). ``ink``: the page's ``_text_ink`` when already made."""
    ink = _text_ink(grey) if ink is None else ink
    if np.count_nonzero(ink) < 2000:
        return None
    across, down = _line_score(ink), _line_score(np.ascontiguousarray(ink.T))
    if across >= AXIS_MARGIN * down:
        return True
    if down >= AXIS_MARGIN * across:
        return False
    return None


def level_page(grey: np.ndarray) -> tuple[np.ndarray, bool, np.ndarray | None]:
    """The page turned a quarter (counter-clockwise) when its text lines run up and down, whether it was, and the
    text ink of the page returned when it was not turned (the up/down probe finds its lines in it: made once);
    None when it was (the ink of the page as it lay is not the turned page's)."""
    ink = _text_ink(grey)
    if lines_are_level(grey, ink) is False:
        return np.ascontiguousarray(np.rot90(grey)), True, None
    return grey, False, ink


def _probe_sample(page: np.ndarray, ink: np.ndarray | None = None, flat: np.ndarray | None = None
                  ) -> np.ndarray | None:
    """The page's longest text lines (up to ``PROBE_LINES``, ``PROBE_IN`` wide), stacked, at ``PROBE_DPI``;
    None when the page has no line long enough. ``ink`` and ``flat``: the page's ``_text_ink`` and
    ``flatten_background`` when already made."""
    ink = _text_ink(page) if ink is None else ink
    scale = page.shape[0] / ink.shape[0]
    blobs = sorted(_line_blobs(ink), key=lambda b: -b[2])[:PROBE_LINES]
    if not blobs:
        return None
    if flat is None:
        flat = flatten_background(page)  # a shadow across a line would otherwise be read as ink
    crops = []
    for x, y, w, h in blobs:
        x0, y0 = max(0, int(x * scale)), max(0, int((y - 0.5 * h) * scale))  # as much room above as below
        x1 = min(page.shape[1], int((x + w) * scale), x0 + int(PROBE_IN * 300))
        crop = flat[y0:int((y + 1.5 * h) * scale), x0:x1]
        if crop.size:
            crops.append(crop)
    if not crops:
        return None
    gap = 30
    sample = np.full((sum(c.shape[0] + gap for c in crops) + gap, max(c.shape[1] for c in crops) + 2 * gap), 255,
                     np.uint8)
    y = gap
    for crop in crops:
        sample[y:y + crop.shape[0], gap:gap + crop.shape[1]] = crop
        y += crop.shape[0] + gap
    factor = PROBE_DPI / 300.0
    return cv2.resize(sample, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)


def _sample_quality(sample: np.ndarray) -> tuple[float, int]:
    """Confidence-weighted letters and letters of a sample read by `tha` alone; zeros when the run is stopped."""
    try:
        words = run_tesseract(sample, PROBE_DPI, PROBE_TIMEOUT_S, languages="tha")
    except OcrTimeout:
        return 0.0, 0
    return _weighted_letters((word.text, max(0.0, word.conf) / 100.0) for word in words)


def probed_upside_down(page: np.ndarray, ink: np.ndarray | None = None, flat: np.ndarray | None = None) -> bool:
    """Whether a few of the page's lines read clearly better upside down than as they stand. The sample is read
    upside down only when it does not read clearly as it stands, so an upright page pays one small reading.
    ``ink`` and ``flat``: the page's ``_text_ink`` and ``flatten_background`` when already made."""
    sample = _probe_sample(page, ink, flat)
    if sample is None:
        return False
    weighted, letters = _sample_quality(sample)
    if letters >= PROBE_LETTERS and weighted >= PROBE_CLEAR * letters:
        return False
    flipped, flipped_letters = _sample_quality(np.ascontiguousarray(np.rot90(sample, 2)))
    return flipped_letters >= PROBE_LETTERS and flipped > weighted


def reading_quality(blocks: list[Block]) -> tuple[float, int]:
    """Confidence-weighted letters of a reading, and its letters: upside down, far fewer read with confidence.
    Letters only: a dotted leader reads as confident dots whichever way up it stands."""
    items = (item for block in blocks
             for item in ([block] if isinstance(block, Paragraph) else [c for row in block.rows for c in row]))
    return _weighted_letters((item.text, getattr(item, "confidence", 0.0)) for item in items)


def _weighted_letters(read: Iterable[tuple[str | None, float]]) -> tuple[float, int]:
    """Confidence-weighted letters and letters of (text, confidence 0–1) pieces of a reading."""
    weighted, letters = 0.0, 0
    for text, confidence in read:
        count = len(_LETTERS.findall(text or ""))
        weighted += confidence * count
        letters += count
    return weighted, letters


def read_upright(page: np.ndarray, read: Callable[..., list[Block]], turned: bool, probe: bool = False,
                 ink: np.ndarray | None = None) -> tuple[list[Block], int]:
    """The page's blocks read the right way up, and the half turn applied (0 or 180).

    The page is read as it stands, or upside down first when ``probe`` is asked for and a sample of its lines
    reads clearly better upside down (``probed_upside_down``); only a reading that is not clearly of upright
    text (geometry alone cannot tell Thai upside down reliably: docs/OCR.md) is read again the other way,
    and the better kept. A level page (``turned`` False) is taken as upside down only when that reading is
    clearly better than the one as it stands; a page that lay on its side has no such prior.

    ``read`` is called as ``read(page)``, or ``read(page, flat=...)`` with the page's ``flatten_background``
    when the probe made it for the page as it stands (the clean-up's first step: made once). ``ink``: the
    page's text ink when levelling made it (``level_page``).
    """
    # Flattened once for the probe and the clean-up. Never made for nothing: the probe samples lines out of it,
    # and a page with no line to sample is read as it stands first.
    flat = flatten_background(page) if probe else None

    def reading(turn: int) -> list[Block]:
        return read(page, flat=flat) if turn == 0 and flat is not None else read(_turned(page, turn))

    first = 180 if probe and probed_upside_down(page, ink, flat) else 0
    readings = {first: reading(first)}
    weighted, letters = reading_quality(readings[first])
    if letters >= CLEAR_LETTERS and weighted >= CLEAR_CONFIDENCE * letters:
        return readings[first], first
    readings[180 - first] = reading(180 - first)
    standing, _ = reading_quality(readings[0])
    flipped, _ = reading_quality(readings[180])
    margin = 1.0 if turned else FLIP_MARGIN
    return (readings[180], 180) if flipped > margin * standing else (readings[0], 0)


def _turned(page: np.ndarray, turn: int) -> np.ndarray:
    return np.ascontiguousarray(np.rot90(page, 2)) if turn else page


__all__ = ["level_page", "lines_are_level", "probed_upside_down", "read_upright", "reading_quality"]
