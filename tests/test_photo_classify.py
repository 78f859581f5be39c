"""Photographed forms told apart when OCR lost their title: a Gantt alone is the plan form."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from pipeline.document import Document
from pipeline.extractors.classify import classify
from pipeline.extractors.stream import build_stream
from pipeline.readers.ocr.pages import read_page_image

FIXTURES = Path(__file__).parent / "fixtures"  # made by tests/fixtures/make_photo_grid_fixtures.py
DPI = 300.0


@pytest.mark.slow
def test_a_plan_whose_title_ocr_lost_is_told_by_its_gantt():
    """OCR read a photographed plan's title as specks (``| _ _ กดนร``): the header lines (agency, project,
    innovation, policy) are every form's, the Gantt is Form 3's too, and the file was refused as no form at all.
    With nothing of Form 3's own, the Gantt makes it a plan."""
    page = cv2.imread(str(FIXTURES / "photo_plan_title_lost.jpg"), cv2.IMREAD_GRAYSCALE)
    stream = build_stream(Document(blocks=read_page_image(page, DPI, 1, 120.0), format="scan"))
    assert classify(stream) == "plan"
