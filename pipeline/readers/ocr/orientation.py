"""Page orientation: turn a page whose text stands at 90°, 180° or 270° upright before it is read."""

from __future__ import annotations

import cv2
import numpy as np

AXIS_MARGIN = 1.15  # the line blobs one way must outweigh those the other way by this factor
SMEAR_PX = 9  # at the 1000 px working size: more than a letter gap, less than a line gap
LINE_ASPECT = 4  # a line blob is at least this many times longer than high


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


def marks_above(grey: np.ndarray) -> float:
    """Of the ink outside the lines' letter bodies, the share above them (upright text: over one half).

    Thai writes vowels and tone marks above the letters far more often than below (ิ ี ึ ื ั ่ ้ ๊ ๋ ์ against
    ุ ู), and ป ฝ ฟ rise above the line while few letters descend; Latin has more ascenders than
    descenders. A page upside down has its marks under the lines.
    """
    ink = _text_ink(grey)
    above = below = 0.0
    for x, y, w, h in _line_blobs(ink):
        y0, y1 = max(0, y - h // 2), min(ink.shape[0], y + h + h // 2)
        profile = ink[y0:y1, x:x + w].sum(axis=1, dtype=np.float64)
        if profile.max() <= 0:
            continue
        body = np.flatnonzero(profile >= 0.5 * profile.max())
        above += float(profile[:body[0]].sum())
        below += float(profile[body[-1] + 1:].sum())
    return above / (above + below) if above + below else 0.5


def upright_turn(grey: np.ndarray) -> int:
    """The counter-clockwise turn (0, 90, 180, 270) that makes the page upright."""
    level = lines_are_level(grey)
    if level is None:
        level = True
    base = grey if level else np.ascontiguousarray(np.rot90(grey))
    turn = 0 if marks_above(base) >= 0.5 else 180
    return turn if level else (turn + 90) % 360


def make_upright(grey: np.ndarray) -> tuple[np.ndarray, int]:
    """The page turned upright, and the turn applied (degrees counter-clockwise)."""
    turn = upright_turn(grey)
    return (np.ascontiguousarray(np.rot90(grey, turn // 90)) if turn else grey), turn


__all__ = ["lines_are_level", "make_upright", "marks_above", "upright_turn"]
