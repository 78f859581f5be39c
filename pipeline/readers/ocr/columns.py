"""Side-by-side columns (a signature block) read again, each column on its own."""

from __future__ import annotations

import statistics

import numpy as np

from pipeline.readers.ocr.grid import PixelGrid
from pipeline.readers.ocr.layout import column_boxes
from pipeline.readers.ocr.stack import moved, read_apart
from pipeline.readers.ocr.tesseract import Word

COLUMN_KEY = 20_000  # line keys of the words read again start here, apart from the page's and the cells'
MOST_COLUMNS = 3  # columns side by side on a page that are read again
KEPT_LETTERS = 0.9  # share of a column's letters its reading alone must keep to replace the page's reading


def reread_columns(words: list[Word], grids: list[PixelGrid], image: np.ndarray, dpi: float,
                   timeout: float) -> list[Word]:
    """The words with each borderless column's words replaced by a reading of that column alone, when it reads
    surer. Read across the page, Tesseract takes the two columns' lines for one; where their baselines differ
    a little it loses the small marks of one of them (ศรีวงศ์ as ศรวงศ์, พึ่งบุญ as พงบุญ in a signature block)."""
    boxes = column_boxes(words, grids, dpi)
    # A signature block is two or three columns; more is a table whose ruling was not found (a faint photo),
    # whose cells read apart lose the lines that tie them and the page's reading with them.
    if not boxes or len(boxes) > MOST_COLUMNS:
        return words
    pad, gap = int(dpi / 25), int(dpi / 4)
    crops = []
    for x0, y0, x1, y1 in boxes:
        x0, y0 = max(0, x0 - pad), max(0, y0 - pad)
        crops.append((image[y0:min(image.shape[0], y1 + pad), x0:min(image.shape[1], x1 + pad)], x0, y0))
    read = read_apart(crops, dpi, timeout, gap=gap)
    if read is None:
        return words
    found, spans = read
    again = [[moved(w, spans[n], (COLUMN_KEY + n, w.line_key[0] * 100 + w.line_key[1], w.line_key[2])) for w in ws]
             for n, ws in enumerate(found)]
    out = list(words)
    for n, (x0, y0, x1, y1) in enumerate(boxes):
        inside = [w for w in out if x0 <= w.cx <= x1 and y0 <= w.cy <= y1]
        # Surer, and not by reading less: a reading that drops words it was unsure of is no better one.
        if (again[n] and inside and _sureness(again[n]) >= _sureness(inside)
                and _letters(again[n]) >= KEPT_LETTERS * _letters(inside)):
            taken = {id(w) for w in inside}
            out = [w for w in out if id(w) not in taken] + again[n]
    return out


def _letters(words: list[Word]) -> int:
    return sum(ch.isalnum() for w in words for ch in w.text)


def _sureness(words: list[Word]) -> float:
    """The mean confidence of the words that hold a letter or digit."""
    return statistics.fmean([w.conf for w in words if any(ch.isalnum() for ch in w.text)] or [0.0])


__all__ = ["reread_columns"]
