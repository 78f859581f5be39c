"""The PDF reader's label|value rows of borderless layout tables (wordish forms printed to PDF, wp19 to wp23).

Fixtures: single pages of ``scripts.gen.corpus --producer wordish-pdf`` tuning files (seed in each test)."""

from __future__ import annotations

from pipeline.extractors.record import extract_all
from pipeline.extractors.tables import month_columns
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


def test_a_first_row_whose_label_wraps_under_itself_starts_the_table():
    """``สำนัก/สำนักงาน`` beside its value over ``เขต`` alone, then the next row: one split line and a label line
    were no block, and the row came as two lines with the label's end after the value (seed 406, page 1)."""
    rows = _rows("wordish_pdf_form1_label_rows_by_printed_wording.pdf")
    assert ["สำนัก/สำนักงานเขต", "สำนักการระบายน้ำ"] in rows


def test_rows_spaced_apart_stay_one_table():
    """Rows at one-and-a-half line spacing with 6 pt after each (40.6 pt apart at 16 pt): farther than the
    column finder let a block's second line stand, and the first row (``หน่วยงาน``) was left out as a line
    (tuning seed 848 with a drawn table geometry, page 1)."""
    rows = _rows("wordish_pdf_form2_rows_spaced_apart.pdf")
    assert ["หน่วยงาน", "สำนักงานประชาสัมพันธ์"] in rows
    assert ["1. ชื่อแนวคิด", "รู้ทันเครื่องสูบน้ำขัดข้องก่อนน้ำท่วม"] in rows


def test_a_printed_label_broken_at_its_space_makes_the_block_a_table():
    """A narrow label cell broke ``ชื่อโครงการ`` at its space (``ชื่อ`` over ``โครงการ``), each line beside a line
    of the value: label and value on every line looked like text at a tab stop and stayed lines, the label's
    second word before the value's second line. One printed label over two lines is a cell going on under
    itself (tuning seed 740 with a drawn table geometry, page 1)."""
    rows = _rows("wordish_pdf_certificate_label_broken_at_its_space.pdf")
    assert ["ชื่อโครงการ", "โครงการพัฒนาระบบนัดหมายจัดเก็บขยะชิ้นใหญ่ออนไลน์ สำนักงานเขตบางกะปิ"] in [
        [label, value.replace("\n", "")] for label, value in rows]


def test_a_label_touching_its_value_is_split_where_the_value_column_starts():
    """``สอดคล้องกับนโยบาย`` filled its cell up to the padding: 0.7 em from its value, less than a column gap, so
    the line was one run of ink and ended the table; the gap wider than a word space that ends where the value
    column starts splits it (tuning seed 708 with a drawn table geometry, page 1)."""
    rows = _rows("wordish_pdf_form2_label_touches_its_value.pdf")
    assert ["สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร",
            "ปลอดภัยดี 10 เพิ่มประสิทธิภาพการระบายน้ำและแก้ไขจุดเสี่ยงน้ำท่วมขัง"] in rows


def test_a_gantt_month_head_cut_at_the_frames_edge_is_the_next_fiscal_month():
    """A plan nested in a frame's cell, wider than the cell: LibreOffice cut it at the cell's edge, and the last
    month's head reads ``ก`` (of ``ก.ย.``); the months after ส.ค. were eleven and ก.ย.'s marks were lost (tuning
    seed 816, page 2)."""
    document = read_pdf(FIXTURES / "wordish_pdf_form4_gantt_month_head_cut_at_frame_edge.pdf")
    heads = [month_columns(row) for table in document.tables for row in table.rows[:3]]
    assert any(found and found[max(found)] == 9 and sorted(found.values()) == list(range(1, 13)) for found in heads)


def test_a_mark_drawn_left_of_its_letter_stays_in_its_letters_column():
    """Numbered sections as rows of a layout table (``3.`` | heading and text, ``4.`` | ``วิธีการ/…``): the ``ิ`` of
    ``วิ``, whose box starts left of its letter's, was put in the number's column before the letter was placed,
    ``4.ิ`` looked like a label going on and the two sections made one row (tuning seed 918, page 1)."""
    rows = _rows("wordish_pdf_form2_numbered_rows_mark_left_of_its_letter.pdf")
    assert ["4.", "วิธีการ/กระบวนการในการพิจารณาคัดเลือกแนวคิด"] in rows
    assert [row[0] for row in rows if row[0].startswith("3.")] == ["3."]


def test_a_line_after_the_table_whose_text_starts_off_the_value_column_is_no_row():
    """Rows 3 em apart (``หน่วยงาน``, ``ชื่อโครงการ``), then a line after the table (``นวัตกรรมที่พัฒนา …``) whose gap
    overlaps the gutter but whose second part starts 24 pt left of the value column: it joined the block, the
    column came out ragged and the block one row with every label in one cell (tuning seed 656 with a drawn table
    geometry, page 1)."""
    rows = _rows("wordish_pdf_certificate_line_after_table_not_a_row.pdf")
    assert ["หน่วยงาน", "สำนักงานเขตบางกะปิ"] in rows
    assert ["ชื่อโครงการ", "โครงการพัฒนาระบบนัดหมายจัดเก็บขยะชิ้นใหญ่ออนไลน์ สำนักงานเขตบางกะปิ"] in [
        [label, value.replace("\n", "")] for label, value in rows]
    assert not any("นวัตกรรม" in cell for row in rows for cell in row)


def test_a_paragraph_after_the_table_at_the_rows_pitch_is_not_the_last_label_going_on():
    """``ปีงบประมาณ พ.ศ. 2568`` at the page's left edge, a row's pitch (34 pt) below the last row, where the table's
    cells wrap at 22 pt: it was read as the last label's next line, and the agency read ``ปีงบประมาณ พ.ศ. 2568
    สำนักการระบายน้ำ`` (tuning seed 928, page 1)."""
    rows = _rows("wordish_pdf_form4_paragraph_after_table_not_the_last_label.pdf")
    assert ["หน่วยงานที่รับผิดชอบ", "สำนักการระบายน้ำ"] in rows
    assert not any("ปีงบประมาณ" in cell for row in rows for cell in row)


def test_a_label_wrapping_in_a_narrow_cell_beside_offset_value_lines_keeps_its_last_lines():
    """A narrow label cell (``หน่วยงาน/ที่รับ/ผิดชอบ``, 14 pt lines 29.8 pt apart) beside value lines on other
    baselines (10.7 pt off): the paragraph-after rule must measure a cell's pitch within one column, or the label's
    last lines look like paragraphs after the table and the agency is lost (tuning seed 746, page 1)."""
    rows = _rows("wordish_pdf_form4_narrow_label_wraps_beside_offset_value.pdf")
    assert ["หน่วยงานที่รับผิดชอบ", "สำนักงานประชาสัมพันธ์"] in rows


def test_a_label_touching_its_value_then_wrapping_keeps_its_last_line():
    """``หน่วยงานที่รับ`` touching its value (one run of ink, split only by a narrow gap) over ``ผิดชอบ``: the touching
    line is in the label's column too, or the label's next line looks a row's pitch below its column's last line,
    a paragraph after the table, and the agency is lost (tuning seed 676, page 1)."""
    rows = _rows("wordish_pdf_form4_label_touching_value_then_wraps.pdf")
    assert ["หน่วยงานที่รับผิดชอบ", "สำนักงานประชาสัมพันธ์"] in rows


def test_a_year_alone_on_a_page_s_last_line_ends_its_value():
    """Form 4's duration in a frame's row wraps its year and bracket, ``2568)``, onto the last line of a page:
    a number with a bracket at a page's foot looked like a page number (``(2)``, ``- 2 -``) and was dropped, and
    the duration ended ``ถึงเดือนกันยายน``. Four digits are a year, never a page (tuning seed 844, pages 2-3)."""
    records = extract_all(FIXTURES / "wordish_pdf_form4_duration_year_alone_at_page_foot.pdf")
    assert records[0].fields["duration"] == "11 เดือน (ตั้งแต่เดือนพฤศจิกายน 2567 ถึงเดือนกันยายน 2568)"
