"""The PDF reader's label|value rows of borderless layout tables (wordish forms printed to PDF, wp19 and wp20).

Fixtures: single pages of ``scripts.gen.corpus --producer wordish-pdf`` tuning files (seed in each test)."""

from __future__ import annotations

from pipeline.readers.pdf import read_pdf
from tests.chromium_fixtures import FIXTURES


def _rows(name: str) -> list[list[str]]:
    document = read_pdf(FIXTURES / name)
    return [[cell.text for cell in row] for table in document.tables for row in table.rows]


def test_label_value_rows_of_a_borderless_layout_table_come_as_rows():
    """Lines laid out as a borderless two-column table (label | value), values wrapping in their cell: each
    row a label and its value, as the DOCX reader gives them (seed 344). They had come as one row holding every
    label in one cell and every value in the other, and the extractors found no field under its label."""
    rows = _rows("wordish_pdf_form2_label_value_rows.pdf")
    assert ["หน่วยงาน", "สำนักการระบายน้ำ"] in rows
    assert ["1. ชื่อแนวคิด", "รู้ทันเครื่องสูบน้ำขัดข้องก่อนน้ำท่วม"] in rows
    assert ["ชื่อโครงการ", "โครงการพัฒนาระบบติดตามสถานะเครื่องสูบน้ำแบบทันเวลา"] in rows


def test_a_label_and_a_value_wrapped_in_their_cells_stay_in_their_row():
    """A label wrapped over four lines of its narrow cell beside a two-line value is one row; a value broken
    before a Latin word by the cell's edge is joined by its space; a single row whose label and value both
    wrap (``2. นวัตกรรมที่จะ / พัฒนา คือ``) is a row, not two lines (seed 344)."""
    rows = _rows("wordish_pdf_form2_label_value_rows.pdf")
    assert ["สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร",
            "ปลอดภัยดี 10 เพิ่มประสิทธิภาพการระบายน้ำและแก้ไขจุดเสี่ยงน้ำท่วมขัง"] in rows
    assert ["2. นวัตกรรมที่จะพัฒนา คือ", "ระบบติดตามสถานะเครื่องสูบน้ำแบบทันเวลา (DDS Pump Watch)"] in rows


def test_a_label_that_begins_a_printed_label_begins_a_row():
    """``ชื่อแนวคิด`` (its value ending about a word short of the cell's edge) over ``สอดคล้องกับ`` (a word about as
    wide as the room left in the label's cell): the wrap test took both for wrapped and made one row of the two;
    the printed wording says ``สอดคล้องกับ`` begins a label of its own (seed 406, page 1)."""
    rows = _rows("wordish_pdf_form1_label_rows_by_printed_wording.pdf")
    assert ["ชื่อแนวคิด", "หาภาพข่าวได้ในไม่กี่นาทีด้วยคลังภาพกลาง"] in rows
    assert ["สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร",
            "ปลอดภัยดี 11 เตือนภัยน้ำท่วมให้ประชาชนรู้ล่วงหน้าและเตรียมรับมือได้ทัน"] in rows


def test_a_label_wrapped_in_a_narrow_padded_cell_goes_on_in_its_row():
    """A narrow label cell with wide padding (``ชื่อ`` over ``โครงการ``): the room the wrap test saw was the
    padding's too wide, and ``โครงการ`` became a row with the value's last line; the printed label ``ชื่อโครงการ``
    keeps them one (tuning seed 604 with a drawn table geometry, page 1)."""
    rows = _rows("wordish_pdf_form3_narrow_label_cell_wraps.pdf")
    assert ["ชื่อโครงการ", "โครงการพัฒนาระบบติดตามสถานะเครื่องสูบน้ำแบบทันเวลา"] in rows
    assert ["สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร",
            "ปลอดภัยดี 10 เพิ่มประสิทธิภาพการระบายน้ำและแก้ไขจุดเสี่ยงน้ำท่วมขัง"] in rows


def test_an_item_number_alone_over_its_label_is_one_label():
    """``2.`` on its own line over ``นวัตกรรมที่จะพัฒนา`` (the label did not fit beside its number): a number alone is
    no label, the row goes on (tuning seed 624, page 1)."""
    rows = _rows("wordish_pdf_form2_item_number_over_its_label.pdf")
    assert ["2. นวัตกรรมที่จะพัฒนา", "ระบบติดตามสถานะเครื่องสูบน้ำแบบทันเวลา (DDS Pump Watch)"] in rows


def test_a_value_line_at_a_tab_stop_and_a_label_line_past_the_gutter_stay_in_the_table():
    """A value's second line starting at a tab stop inside its cell (``(DDS Pump Watch)``) had made the block
    look ragged, and the label's last line ``กรุงเทพมหานคร``, wider than the gutter's middle, had ended the block
    before it: the whole table came as lines (seed 520, page 1)."""
    rows = _rows("wordish_pdf_form3_tab_in_value_long_label_line.pdf")
    assert ["นวัตกรรมที่พัฒนา", "ระบบติดตามสถานะเครื่องสูบน้ำแบบทันเวลา (DDS Pump Watch)"] in rows
    assert ["สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร",
            "ปลอดภัยดี 10 เพิ่มประสิทธิภาพการระบายน้ำและแก้ไขจุดเสี่ยงน้ำท่วมขัง"] in rows


def test_the_first_rows_value_wrapping_under_itself_keeps_the_block():
    """The first row's value wraps (``…ด้วยคำ`` over ``สำคัญ (BKK Photo Finder)``) before the second row: the column
    finder ended the block at the value's second line, and the rows came as lines with the labels in the values
    (seed 450, page 3, the landscape plan page)."""
    rows = _rows("wordish_pdf_plan_first_row_value_wraps.pdf")
    assert ["นวัตกรรมที่พัฒนา", "คลังภาพข่าวกรุงเทพมหานครแบบสืบค้นด้วยคำ\nสำคัญ (BKK Photo Finder)"] in rows
    assert ["สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร", "บริหารจัดการดี 12 รัฐดิจิทัล"] in rows


def test_a_nested_tables_letters_drawn_left_of_its_border_stay_in_their_cell():
    """A Gantt nested in a frame's cell, drawn with each first-column line's first letter or two (and their
    marks) left of the table's border: they were read as loose lines (``ก``) and the steps lost them
    (``ารสร้างนวัตกรรม``, ``ดหาอุปกรณ์…``); they go on in the cell their line goes on in (seed 444, page 2)."""
    firsts = [row[0] for row in _rows("wordish_pdf_plan_nested_table_overhangs_its_border.pdf")]
    assert "การสร้างนวัตกรรม" in firsts
    assert "จัดหาอุปกรณ์ตรวจวัดและพัฒนาแดชบอร์ด" in firsts
    assert "1. การสร้างนวัตกรรม" in firsts
