"""The OCR reader's pixel grids of a page image, as ``read_page_image`` finds them (for the grid tests)."""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.readers.ocr.grid import PixelGrid, find_grids, line_masks, ruling_strokes
from pipeline.readers.ocr.image import clean

DPI = 300.0


def page_grids(page: np.ndarray, dpi: float = DPI) -> list[PixelGrid]:
    """The ruled tables of a grey page image, top to bottom, cells measured."""
    cleaned = clean(page, dpi)
    strokes = ruling_strokes(cleaned.flat, dpi)
    horizontal, vertical = line_masks(cleaned.flat, dpi, strokes)
    rules = cv2.dilate(cv2.bitwise_or(horizontal, vertical), None, iterations=2)
    text_ink = cv2.bitwise_and(cleaned.ink, cv2.bitwise_not(rules))
    return find_grids(horizontal, vertical, cleaned.flat, text_ink, dpi, cleaned.shade, strokes)
