"""Merged cells from a ruled grid (shared by the PDF and OCR table finders; fast)."""

from __future__ import annotations

from pipeline.readers.layout import cluster, merge_slots


def test_slots_no_line_separates_become_one_cell_spanning_them():
    # A heading row across three columns over a row of three cells; the last column merged down.
    def joined_right(r: int, c: int) -> bool:
        return r == 0

    def joined_below(r: int, c: int) -> bool:
        return c == 2 and r == 1

    slots, spans = merge_slots(3, 3, joined_right, joined_below)
    assert slots == [[0, 0, 0], [1, 2, 3], [4, 5, 3]]
    assert spans == [(0, 0, 0, 2), (1, 0, 1, 0), (1, 1, 1, 1), (1, 2, 2, 2), (2, 0, 2, 0), (2, 1, 2, 1)]


def test_line_positions_close_together_are_one_line():
    assert cluster([10.0, 101.0, 11.0, 99.0, 200.0], 3) == [10.5, 100.0, 200.0]
