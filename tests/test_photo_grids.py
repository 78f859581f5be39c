"""Photographed tables on fresh tuning photos: the page's own edge is no table, a month head's border is no letter."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from pipeline.document import Table
from pipeline.extractors.tables import month_columns
from pipeline.readers.ocr.grid import PixelGrid, find_grids, line_masks, ruling_strokes
from pipeline.readers.ocr.image import clean
from pipeline.readers.ocr.pages import read_page_image

FIXTURES = Path(__file__).parent / "fixtures"  # made by tests/fixtures/make_photo_grid_fixtures.py
DPI = 300.0


def _grids(name: str) -> tuple[list[PixelGrid], tuple[int, int]]:
    page = cv2.imread(str(FIXTURES / name), cv2.IMREAD_GRAYSCALE)
    cleaned = clean(page, DPI)
    strokes = ruling_strokes(cleaned.flat, DPI)
    horizontal, vertical = line_masks(cleaned.flat, DPI, strokes)
    rules = cv2.dilate(cv2.bitwise_or(horizontal, vertical), None, iterations=2)
    text_ink = cv2.bitwise_and(cleaned.ink, cv2.bitwise_not(rules))
    return find_grids(horizontal, vertical, cleaned.flat, text_ink, DPI, cleaned.shade, strokes), page.shape


def test_a_strip_of_the_desk_along_the_page_edge_makes_no_table_round_the_page():
    """The warp left a dark strip of the desk along the page's sides: its edges were ruling lines round the whole
    page, a two-cell "table" that swallowed every word (Form 4's risks, benefits and KPIs were read as ticks)."""
    grids, (height, width) = _grids("photo_form4_page_edge_strip.jpg")
    assert not any(g.box[2] - g.box[0] > 0.9 * width and g.box[3] - g.box[1] > 0.9 * height for g in grids)
    assert [len(g.xs) for g in grids][:1] == [6]  # the risk table: risk, likelihood, impact, level, mitigation


@pytest.mark.slow
def test_month_heads_whose_own_border_reads_as_a_bracket_name_their_months():
    """Cells drawn apart: each short month head's left border came out as ``[`` (``[ต.ค.``, ``[พ.ย.``), too few
    months were read for the month row, and the whole plan was lost."""
    page = cv2.imread(str(FIXTURES / "photo_gantt_month_heads_bracketed.jpg"), cv2.IMREAD_GRAYSCALE)
    tables = [b for b in read_page_image(page, DPI, 1, 120.0) if isinstance(b, Table)]
    months = month_columns(tables[0].rows[0])
    assert sorted(months.values()) == list(range(1, 13))
    assert [months[c] for c in sorted(months)][:3] == [10, 11, 12]
