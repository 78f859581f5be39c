"""Percentiles of 8- and 16-bit images from their histograms: np.percentile's values, without its partial sort."""

from __future__ import annotations

import math
from collections.abc import Sequence

import cv2
import numpy as np

EXACT_COUNTS = 1 << 24  # cv2.calcHist counts in float32: exact below this many pixels


def percentiles(image: np.ndarray, qs: Sequence[float]) -> list[float]:
    """``float(np.percentile(image, q))`` for each q (0-100) of an image of uint8 or uint16 values.

    A page's or a cell's pixels take few values, so the sorted pixels either side of a percentile's position are
    nearly always one value, and then that value is the percentile however numpy interpolates between them: read
    from the histogram, in a tenth of the time of np.percentile's partial sort (docs/OCR.md, twenty-first round).
    Where they differ, np.percentile itself is asked."""
    cumulative = _cumulative(image)
    return [float(np.percentile(image, q)) if (found := _one_value(cumulative, image.size, q)) is None else found
            for q in qs]


def one_value(image: np.ndarray, q: float) -> float | None:
    """``percentiles``' reading of one q from the histogram, or None where np.percentile must be asked."""
    return _one_value(_cumulative(image), image.size, q)


def median(image: np.ndarray) -> float:
    """``float(np.median(image))`` of an image of uint8 or uint16 values (``percentiles``: the mean of the two
    middle values of an even count is their value when they are one)."""
    found = _one_value(_cumulative(image), image.size, 50)
    return float(np.median(image)) if found is None else found


def _cumulative(image: np.ndarray) -> np.ndarray | None:
    """How many pixels are at most each value, or None where the histogram cannot stand in for a sort."""
    if image.size == 0 or image.size >= EXACT_COUNTS or image.dtype not in (np.uint8, np.uint16):
        return None
    top = 256 if image.dtype == np.uint8 else int(image.max()) + 1
    counts = cv2.calcHist([np.ascontiguousarray(image)], [0], None, [top], [0, top]).ravel()
    return np.cumsum(counts.astype(np.int64))


def _one_value(cumulative: np.ndarray | None, n: int, q: float) -> float | None:
    """The value of the sorted pixels round the q-th percentile's position when they are all one value, else None.
    The positions looked at reach one further each way than the two numpy interpolates between (and than the
    two middle ones np.median averages), so a position rounded differently is still covered."""
    if cumulative is None:
        return None
    k = math.floor((n - 1) * q / 100)
    first, last = np.searchsorted(cumulative, [max(0, k - 1), min(n - 1, k + 2)], side="right")
    return float(first) if first == last else None


__all__ = ["median", "one_value", "percentiles"]
