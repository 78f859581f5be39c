"""Drawn choices of a web form: a tick box a padding inside its cell's border is no table cell; a ring is a box."""

from __future__ import annotations

import pypdfium2 as pdfium

from pipeline.extractors.record import extract_all
from pipeline.readers.pdf.geometry import find_grids, page_shapes
from tests.chromium_fixtures import FIXTURES
from tests.chromium_fixtures import spaceless as _key
from tests.chromium_fixtures import truth as _truth


def _form3(name: str):
    return next(r for r in extract_all(FIXTURES / f"{name}.pdf") if r.kind == "form3")


def test_a_tick_box_a_padding_inside_a_cell_border_is_no_table_cell():
    # tb26c 2613 (``border-collapse: separate``, CSS boxes): the budget row cut by the page break, its first
    # choice's box 3 pt right of the cell's left border, which runs on above and below it
    name = "chromium_form3_tick_box_beside_cell_border_page_cut"
    pdf = pdfium.PdfDocument(FIXTURES / f"{name}.pdf")
    shapes = page_shapes(pdf[0])
    assert len(shapes.boxes) == 1  # the box is a tick box (on main it was a cell: no box at all)
    assert all(len(grid.xs) == 3 for grid in find_grids(shapes))  # label | value: no column made of the box
    got, truth = _form3(name).fields, _truth(name)["records"][0]["fields"]
    assert got["uses_budget"] is True and truth["uses_budget"] is True  # main: False, the ✓ in a cell of its own


def test_a_tick_box_at_the_page_top_keeps_the_cut_row_above_it_whole():
    # tb26c 2601: the tools value runs over the page break; on the next page the budget's box, taken for a cell,
    # made a grid of its own that took in the tools' last line
    name = "chromium_form3_tick_box_at_page_top_cut_row"
    got, truth = _form3(name).fields, _truth(name)["records"][0]["fields"]
    assert _key(got["tools"]) == _key(truth["tools"])
    assert got["uses_budget"] is truth["uses_budget"] is True


def test_round_choices_drawn_as_rings_are_tick_boxes_and_the_dotted_one_is_chosen():
    # tb26r 2680 (the bundle generator's round choices, page 1): Form 1's three innovation types with a ring each
    # (a circle flattened into a polygon of 48 sides), the chosen one with a filled dot inside; main found no box
    name = "chromium_form1_round_choices"
    pdf = pdfium.PdfDocument(FIXTURES / f"{name}.pdf")
    boxes = page_shapes(pdf[0]).boxes
    assert len(boxes) == 3 and sum(box.checked for box in boxes) == 1
    record = extract_all(FIXTURES / f"{name}.pdf")[0]
    assert record.fields["innovation_type"] == _truth(name)["records"][0]["fields"]["innovation_type"] == "policy"
