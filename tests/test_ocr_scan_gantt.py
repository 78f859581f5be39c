"""The pixel grid of black-and-white scanned Gantts: pale and dotted shading, dithered bars, a table cut by dark cells."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from pipeline.readers.ocr.frames import load_page
from pipeline.readers.ocr.grid import PixelGrid, find_grids, line_masks, ruling_strokes
from pipeline.readers.ocr.image import clean

FIXTURES = Path(__file__).parent / "fixtures"  # made by tests/fixtures/make_scan_gantt_fixtures.py
DPI = 300.0


def _grids(name: str) -> list[PixelGrid]:
    page = load_page("image", str(FIXTURES / name), 0).page  # a 1-bit image: descreened, brought to 300 dpi
    cleaned = clean(page, DPI)
    strokes = ruling_strokes(cleaned.flat, DPI)
    horizontal, vertical = line_masks(cleaned.flat, DPI, strokes)
    rules = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((5, 5), np.uint8))
    text_ink = cv2.bitwise_and(cleaned.ink, cv2.bitwise_not(rules))
    return find_grids(horizontal, vertical, cleaned.flat, text_ink, DPI, cleaned.shade, strokes)


def _months(grid: PixelGrid) -> list[list[int]]:
    """The calendar months shaded in each row with twelve month cells (October first)."""
    rows = []
    for slots in grid.slots:
        cells = [grid.cells[i] for i in dict.fromkeys(slots)]
        if len(cells) == 13:
            rows.append(sorted((c + 8) % 12 + 1 for c in range(1, 13) if cells[c].shaded))
    return rows


def test_a_pale_shade_the_scanner_dithered_lighter_marks_its_months():
    """LibreOffice's pale shading, dithered by a 200 dpi scanner that set its white point on the paper, blurs back
    to a grey of 236: before, lighter than any shade (232), no month of the plan was marked."""
    grid = max(_grids("scan_bw_gantt_pale_shade.png"), key=lambda g: len(g.xs))
    assert _months(grid)[1:4] == [[1, 2, 12], [12], [1, 2]]  # under the month heads: the phase's three steps


def test_months_of_weak_toner_dots_are_marked_and_empty_ones_are_not():
    """Weak toner leaves so few dots in a shaded month that the cell's median grey stays paper (250 against 255)."""
    grid = max(_grids("scan_bw_gantt_weak_toner_dots.png"), key=lambda g: len(g.xs))
    assert _months(grid)[1:5] == [[1, 2, 11, 12], [11], [1, 12], [2]]


def test_thin_bars_dithered_into_dots_mark_their_months():
    """Chromium's thin grey bars, dithered at 200 dpi: a bar is dots, and only as an area is it grey."""
    grid = max(_grids("scan_bw_gantt_dithered_bars.png"), key=lambda g: len(g.xs))
    assert _months(grid)[1:5] == [[1, 2, 12], [12], [1, 2], [2]]


def test_a_table_whose_dark_cells_break_its_ruling_is_one_grid():
    """Cells filled solid black are no lines, so the ruling of the last two months no longer touched the rest:
    before, the two rows were read as two tables, 11 and 2 columns wide, and the rows were lost."""
    grids = _grids("scan_bw_gantt_dark_cells_split.png")
    assert len(grids) == 1
    assert len(grids[0].xs) == 14
    assert _months(grids[0]) == [[6, 7, 8], [8, 9]]


def test_a_gantt_head_cut_from_its_body_keeps_its_month_columns():
    """A Gantt's head alone at a page's foot: its only column lines are the month row's, too short for the
    vertical mask; before, the head was a table of two columns that the body on the next page (13) could not
    join, and the whole plan was lost."""
    [grid] = _grids("scan_grey_gantt_head_cut_off.jpg")
    assert len(grid.xs) == 14  # the steps' column and the twelve months
    assert len(set(grid.slots[1])) == 13 and len(set(grid.slots[0])) == 2  # the months; the spanning head above
