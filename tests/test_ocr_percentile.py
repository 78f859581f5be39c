"""Percentiles from histograms (readers/ocr/percentile.py): np.percentile's and np.median's very values, on a
photographed page's cells and on pixels whose sorted values change right at a percentile's position."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from pipeline.readers.ocr.percentile import median, one_value, percentiles

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_page_s_cells_have_numpy_s_percentiles_and_medians() -> None:
    grey = cv2.imread(str(FIXTURES / "photo_form2_page_as_tesseract_reads_it.png"), cv2.IMREAD_GRAYSCALE)
    h, w = grey.shape
    read_from_histogram = 0
    for y in range(0, h - 40, 37):
        for x in range(0, w - 60, 53):
            for cell in (grey[y:y + 40, x:x + 60], grey[y:y + 39, x:x + 61], grey[y:y + 1, x:x + 1]):
                assert percentiles(cell, [25, 50, 1, 95]) == [float(v) for v in np.percentile(cell, [25, 50, 1, 95])]
                assert median(cell) == float(np.median(cell))
                read_from_histogram += one_value(cell, 50) is not None
    assert read_from_histogram > 100  # most cells are read from their histogram, not sorted
    assert percentiles(grey, [95, 1]) == [float(np.percentile(grey, 95)), float(np.percentile(grey, 1))]


def test_values_that_change_at_the_percentile_s_position_are_interpolated_as_numpy_does() -> None:
    for n in range(1, 41):
        for split in range(n + 1):
            pixels = np.array([10] * split + [200] * (n - split), np.uint8).reshape(1, n)
            for q in (0, 1, 25, 50, 95, 99.5, 100):
                assert percentiles(pixels, [q]) == [float(np.percentile(pixels, q))]
            assert median(pixels) == float(np.median(pixels))
            assert percentiles(pixels.astype(np.uint16) * 9, [99.5]) == [float(np.percentile(pixels.astype(np.uint16) * 9, 99.5))]
    assert one_value(np.array([[10, 200]], np.uint8), 50) is None  # told apart, so numpy interpolates
