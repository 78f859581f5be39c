"""The pixel grid of photographed browser Gantts: month heads under leaning lines, thin light bars, a cut row."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest
from grid_helpers import page_grids

from pipeline.readers.ocr.grid import PixelGrid

FIXTURES = Path(__file__).parent / "fixtures"  # made by tests/fixtures/make_gantt_grid_fixtures.py
DPI = 300.0


def _gantt(name: str) -> PixelGrid:
    page = cv2.imread(str(FIXTURES / name), cv2.IMREAD_GRAYSCALE)
    return max(page_grids(page), key=lambda g: len(g.xs))


def _months(grid: PixelGrid, row: int) -> list[int]:
    """The calendar months shaded in a row of a Gantt whose first column names the steps (October first)."""
    return sorted((c + 8) % 12 + 1 for c in range(1, len(grid.xs) - 1) if grid.cells[grid.slots[row][c]].shaded)


@pytest.fixture(scope="module")
def light_bars() -> PixelGrid:
    return _gantt("photo_gantt_light_bars_cut.jpg")


def test_month_heads_under_leaning_column_lines_are_a_cell_each():
    """A photo's column lines lean (a corner found a few pixels off): in the short month row, between two rows
    that span the months, a line stood off its grid position and months merged (``ก.พ.|มี.ค.``): no month row."""
    grid = _gantt("photo_gantt_leaning_month_heads.jpg")
    assert len(grid.xs) == 14
    assert len(set(grid.slots[1])) == 13  # the steps' column and the twelve months
    assert [_months(grid, r) for r in (3, 4, 5)] == [[1, 2, 12], [12], [1, 2]]


def test_thin_light_grey_bars_inside_the_cells_mark_their_months(light_bars):
    """Months drawn as thin #D9D9D9 bars inside the cells: too light for ink and too small a share of the cell
    for its tone; before, no month was marked. The phase rows and the step names stay unshaded."""
    assert [_months(light_bars, r) for r in (2, 3, 4)] == [[], [1, 2, 12], [12]]
    assert not any(light_bars.cells[light_bars.slots[r][0]].shaded for r in range(len(light_bars.slots)))


def test_a_row_cut_by_the_page_foot_is_a_row_of_the_grid(light_bars):
    """A browser draws no line across a row it cuts at a page break: the column lines run on to where the page
    ends. Before, the cut row was left out of the grid, its name read as a paragraph between two tables."""
    assert len(light_bars.ys) == 7  # two head rows, a phase, its first two steps, the cut third
    assert _months(light_bars, 5) == [1, 2]
