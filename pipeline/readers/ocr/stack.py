"""Crops of a page stacked into one image for a single Tesseract run, and the words found mapped back."""

from __future__ import annotations

import numpy as np

from pipeline.readers.ocr.tesseract import LANGUAGES, OcrTimeout, Word, run_tesseract

#: Where each crop sits on the sheet: (top, bottom, dx, dy); a word between top and bottom moves by (dx, dy).
Placement = tuple[int, int, int, int]


def stack_crops(crops: list[tuple[np.ndarray, int, int]], *, gap: int, margin: int,
                base: np.ndarray | None = None) -> tuple[np.ndarray, list[Placement]]:
    """``crops`` (image, x, y on the page) one under another, ``gap`` apart and ``margin`` from the left, below
    ``base`` when given. One run over many small crops costs far less than one Tesseract run per crop."""
    top = base.shape[0] if base is not None else 0
    height = top + sum(c.shape[0] + gap for c, _, _ in crops) + gap
    width = max([c.shape[1] + 2 * margin for c, _, _ in crops] + ([base.shape[1]] if base is not None else []))
    sheet = np.full((height, width), 255, np.uint8)
    if base is not None:
        sheet[:base.shape[0], :base.shape[1]] = base
    placements: list[Placement] = []
    y = top + gap
    for crop, x_orig, y_orig in crops:
        h, w = crop.shape
        sheet[y:y + h, margin:margin + w] = crop
        placements.append((y, y + h, x_orig - margin, y_orig - y))
        y += h + gap
    return sheet, placements


def placement_of(word: Word, placements: list[Placement], slack: int = 0) -> int | None:
    """The index of the crop a word of the sheet was read in, or None."""
    cy = (word.top + word.bottom) / 2
    return next((n for n, (top, bottom, _, _) in enumerate(placements) if top - slack <= cy <= bottom + slack), None)


def moved(word: Word, placement: Placement, line_key: tuple[int, int, int] | None = None) -> Word:
    """A word of the sheet back at its place on the page."""
    _, _, dx, dy = placement
    return Word(word.text, word.left + dx, word.top + dy, word.right + dx, word.bottom + dy, word.conf,
                line_key if line_key is not None else word.line_key)


def read_apart(crops: list[tuple[np.ndarray, int, int]], dpi: float, timeout: float, *, gap: int,
               languages: str = LANGUAGES) -> tuple[list[list[Word]], list[Placement]] | None:
    """Crops read again, stacked on one sheet: each crop's words (still at their place on the sheet) and the
    placements; None when Tesseract ran out of time. A second reading is a refinement: on a slow or loaded
    machine the page's first reading took its time, and it stands as read rather than the whole page being lost."""
    sheet, placements = stack_crops(crops, gap=gap, margin=gap)
    try:
        words = run_tesseract(sheet, dpi, timeout, languages=languages)
    except OcrTimeout:
        return None
    found: list[list[Word]] = [[] for _ in crops]
    for word in words:
        n = placement_of(word, placements)
        if n is not None:
            found[n].append(word)
    return found, placements


__all__ = ["Placement", "moved", "placement_of", "read_apart", "stack_crops"]
