"""Word files in other word processors' XML ways (seventeenth round): text boxes, layout tables, tick lists, tracked
deleted rows. Fixtures: tests/fixtures/make_wordish_fixtures.py (``scripts.gen.corpus --producer wordish``)."""

from __future__ import annotations

from pipeline.document import Paragraph
from pipeline.extractors.record import extract
from pipeline.readers.docx import read_docx
from tests.chromium_fixtures import FIXTURES
from tests.chromium_fixtures import spaceless as _key
from tests.chromium_fixtures import truth as _truth


def test_a_tick_list_bullet_is_read_as_its_box():
    """Form 3's budget choice made a tick list: the boxes are the list's bullets (``w:lvlText`` ☐ or ☒ in MS
    Gothic), not runs. A box bullet had been read as ``•`` and the choice lost."""
    name = "wordish_form3_tick_list_and_deleted_gantt_row"
    document = read_docx(FIXTURES / f"{name}.docx")
    budget = next(c.text for t in document.tables for row in t.rows for c in row if "กรณีใช้งบประมาณ" in c.text)
    assert "•" not in budget and budget.lstrip().startswith(("☐", "☒"))
    assert extract(FIXTURES / f"{name}.docx").fields["uses_budget"] is _truth(name)["fields"]["uses_budget"]


def test_a_tracked_deleted_table_row_is_not_read():
    """A Gantt row deleted with track changes on (``w:trPr/w:del``) is not shown by Word: its shaded months had
    been read as a step, every step after it shifted one place."""
    name = "wordish_form3_tick_list_and_deleted_gantt_row"
    got = extract(FIXTURES / f"{name}.docx").fields["plan"]["steps"]
    assert _key(got) == _key(_truth(name)["fields"]["plan"]["steps"])


def test_a_table_in_a_text_box_is_read_as_a_table():
    """The plan's Gantt put in a floating text box: the box's content is walked as the body's is (paragraphs and
    tables, in the anchor's place); its cells had been flattened into paragraphs and every step lost."""
    name = "wordish_plan_gantt_in_text_box"
    document = read_docx(FIXTURES / f"{name}.docx")
    assert any(", text box 1, table 1" in t.where for t in document.tables)
    got = extract(FIXTURES / f"{name}.docx").fields["steps"]
    assert _key(got) == _key(_truth(name)["fields"]["steps"])


def test_a_text_box_in_a_cell_is_no_drawn_arrow():
    """Form 1's sections in the right cells of a number|section layout table, each heading and its value in a
    text box anchored there: a text box holds text, it is no Gantt arrow (an ``⟶`` had been put in the cell)."""
    document = read_docx(FIXTURES / "wordish_form1_text_boxes_in_number_cells.docx")
    assert not any("⟶" in c.text for t in document.tables for row in t.rows for c in row)


def test_an_item_number_cell_opens_the_line_of_the_cell_beside_it():
    """Form 4 laid out as a number column (``1.``) beside the section column, right under the fiscal-year line:
    the number cell had been read as the year's next line (``2568 1.`` → 25681, dropped). A cell holding only an
    item number reads with its row's next cell, as the row shows them."""
    name = "wordish_form4_number_column_layout"
    assert extract(FIXTURES / f"{name}.docx").fields["fiscal_year"] == _truth(name)["fields"]["fiscal_year"]


def test_a_one_column_layout_table_of_many_rows_is_the_document_itself():
    """Form 2 laid out in a one-column borderless table, a row per section: its paragraphs are the document's
    own paragraphs (the signature lines' text box with them), not one column of a data table."""
    document = read_docx(FIXTURES / "wordish_form2_layout_frame_rows.docx")
    assert not document.tables or all(len(row) > 1 for t in document.tables for row in t.rows)
    assert any(isinstance(b, Paragraph) and b.text.startswith("ลงชื่อ") and "text box" in b.where
               for b in document.blocks)


def test_a_paragraph_whose_mark_is_a_tracked_deletion_joins_the_next():
    """A value cut in two paragraphs, the first's mark then deleted with track changes on (``w:pPr/w:rPr/w:del``):
    Word shows one paragraph, so the reader gives one line (it had given two)."""
    document = read_docx(FIXTURES / "wordish_form4_number_column_layout.docx")
    lines = [line for t in document.tables for row in t.rows for c in row for line in c.text.split("\n")]
    assert any("35 นาทีต่อครั้ง" in line for line in lines)
    assert not any(line.rstrip().endswith("35") for line in lines)


def test_rows_of_consecutive_item_numbers_are_one_list():
    """Form 1's internal partners typed into a layout table a row each (``1)`` | partner, ``2)`` | partner): each
    new row of a layout table ends a value, which had cut the list after its first partner. A row whose number
    follows the row above's is the list's next item."""
    name = "wordish_form1_partners_in_number_rows"
    got = extract(FIXTURES / f"{name}.docx").fields["internal_partners"]
    assert _key(got) == _key(_truth(name)["fields"]["internal_partners"])


def test_values_in_text_boxes_over_a_lines_blanks_read_between_its_labels():
    """The plan's header line ``หน่วยงาน …… ชื่อโครงการ ……`` filled by laying a text box over each blank (anchored
    where the value stood): the boxes had been read after the line, both values under the last label (the agency
    lost, the project name with the agency run on). A box anchored inside a line's text reads in its place."""
    name = "wordish_form3_values_in_boxes_over_the_dots"
    got, want = extract(FIXTURES / f"{name}.docx").fields["plan"], _truth(name)["fields"]["plan"]
    assert (got["agency"], _key(got["project_name"])) == (want["agency"], _key(want["project_name"]))
