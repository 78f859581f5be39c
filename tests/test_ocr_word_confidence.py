"""A value whose weakest word Tesseract read with low confidence is warned, though its line as a whole reads well."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from pipeline import settings
from pipeline.document import Document, Paragraph
from pipeline.extractors.trust import review_warnings
from pipeline.readers.ocr.confidence import weakest_words
from pipeline.readers.ocr.pages import read_page_image

FIXTURES = Path(__file__).parent / "fixtures"  # made by tests/fixtures/make_word_confidence_fixtures.py
MISREAD = "บริษัทฯร่วมพัฒนาโดยไม่คิดค่าใช้จ่ายใช้นพะOAเดิม"  # ``… ใช้ LINE OA เดิม``: real letters, no word doubt


@pytest.fixture(scope="module")
def budget_row() -> Document:
    page = cv2.imread(str(FIXTURES / "photo_form3_budget_line_misread.jpg"), cv2.IMREAD_GRAYSCALE)
    return Document(read_page_image(page, 300.0, 1, 120.0), format="scan")


def test_the_reader_keeps_each_words_confidence(budget_row):
    items = [b for b in budget_row.blocks if isinstance(b, Paragraph)]
    items += [c for b in budget_row.blocks if not isinstance(b, Paragraph) for row in b.rows for c in row]
    words = [w for item in items for w in getattr(item, "words", ())]
    assert words and all(0.0 <= c <= 1.0 for _, c in words)


def test_a_value_with_a_misread_word_is_warned_and_the_lines_read_right_are_not(budget_row):
    limit = settings.current().ocr_min_word_confidence
    weakest = weakest_words(budget_row)
    assert weakest(MISREAD) < limit
    for right in ("กรณีไม่ใช้งบประมาณให้ระบุเหตุผลที่ไม่ใช้งบประมาณ", "งบประมาณ"):  # a cell holds a label's words twice
        assert weakest(right) >= limit, right
    assert weakest("ไม่มีในภาพนี้เลยสักคำ") is None

    fields = {"no_budget_reason": MISREAD, "uses_budget": False}
    assert not any(w.startswith("no_budget_reason:") for w in review_warnings("form3", fields, {}, 0.95))
    warned = [w for w in review_warnings("form3", fields, {}, 0.95, weakest=weakest) if w.startswith("no_budget_reason:")]
    assert warned and "low OCR confidence" in warned[0]
