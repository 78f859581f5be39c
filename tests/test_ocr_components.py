"""The clean-up's connected parts (readers/ocr/image.py): 16-bit labels and clearing parts box by box give what
OpenCV's 32-bit labels and a page-sized lookup gave, on a photographed page as the reader cleans it."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from pipeline.readers.ocr.image import ERASE_BY_BOX, components, erase

FIXTURES = Path(__file__).parent / "fixtures"


def _ink() -> np.ndarray:
    """Form 2's first photographed page as Tesseract is handed it, thresholded as the clean-up thresholds it."""
    grey = cv2.imread(str(FIXTURES / "photo_form2_page_as_tesseract_reads_it.png"), cv2.IMREAD_GRAYSCALE)
    return cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]


def _same(found: tuple, wanted: tuple) -> None:
    count, labels, stats, centroids = found
    assert count == wanted[0]
    assert np.array_equal(labels, wanted[1])
    assert stats.dtype == wanted[2].dtype and np.array_equal(stats, wanted[2])
    assert np.array_equal(centroids, wanted[3])


def test_sixteen_bit_labels_number_a_page_s_parts_as_thirty_two_bit_ones() -> None:
    ink = _ink()
    found = components(ink)
    assert found[1].dtype == np.uint16 and found[0] > 100  # the letters of a page, each a part
    _same(found, cv2.connectedComponentsWithStats(ink, connectivity=8))


def test_a_mask_of_more_parts_than_sixteen_bits_number_gets_thirty_two_bit_labels() -> None:
    dots = np.zeros((600, 600), np.uint8)
    dots[::2, ::2] = 255  # 90,000 single pixels apart from each other
    found = components(dots)
    assert found[0] == 90_001 and found[1].dtype == np.int32
    _same(found, cv2.connectedComponentsWithStats(dots, connectivity=8))


def test_clearing_parts_box_by_box_clears_what_the_page_lookup_clears() -> None:
    dots = np.zeros((600, 600), np.uint8)
    dots[::2, ::2] = 255
    dots[100:140, 100:300] = 255  # one large part among the dots
    for ink in (_ink(), dots):  # a page's few dozen small parts (box by box) and 90,000 (the lookup)
        _, labels, stats, _ = components(ink)
        chosen = stats[:, cv2.CC_STAT_AREA] < 60  # specks and marks, not letters or the block
        chosen[0] = False
        assert (np.count_nonzero(chosen) > ERASE_BY_BOX) == (ink is dots)
        cleared, wanted = ink.copy(), ink.copy()
        erase(cleared, labels, stats, chosen)
        wanted[chosen[labels]] = 0
        assert np.array_equal(cleared, wanted) and 0 < np.count_nonzero(cleared) < np.count_nonzero(ink)
