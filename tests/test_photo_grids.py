"""Photographed tables on fresh tuning photos: the page's edge is no table, a border no letter, a faint ๑ a count."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from grid_helpers import page_grids

from pipeline.document import Cell, Table
from pipeline.extractors.tables import month_columns
from pipeline.readers.ocr.digits import reread_thai_numbers
from pipeline.readers.ocr.grid import PixelGrid
from pipeline.readers.ocr.image import clean
from pipeline.readers.ocr.pages import read_page_image

FIXTURES = Path(__file__).parent / "fixtures"  # made by tests/fixtures/make_photo_grid_fixtures.py
DPI = 300.0


def _grids(name: str) -> tuple[list[PixelGrid], tuple[int, int]]:
    page = cv2.imread(str(FIXTURES / name), cv2.IMREAD_GRAYSCALE)
    return page_grids(page), page.shape


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


def test_a_gantt_head_without_a_line_over_it_is_the_tables_first_row():
    """A browser cut the Gantt's head between pages: the step column's head on page 1, the month heads on page 2
    with their separators rising from the table's top line and no line over them. The separators are shorter
    than a column line, so the heads fell outside the grid, were read as a line of text and the plan was lost."""
    grids, _ = _grids("photo_gantt_head_without_top_line.jpg")
    gantt = grids[0]
    assert len(gantt.xs) == 14
    assert gantt.ys[1] - gantt.ys[0] < DPI / 3  # the month heads' short row
    assert len(set(gantt.slots[0])) == 13  # the step column's head and twelve months
    assert len(set(gantt.slots[1])) == 1  # the phase heading across the table below them


def test_faint_thai_ones_read_as_scraps_and_ticks_beside_thai_counts_are_read_again():
    """A survey's last level (น้อยที่สุด) counted ๑ in four rows: on the whole page OCR read them ``6)`` and ✓, so
    the column held no Thai digit, was not taken for one of Thai numbers and kept ``6)`` (6) and ✓ (0)."""
    grids, _ = _grids("photo_survey_faint_thai_ones.jpg")
    grid = max(grids, key=lambda g: len(g.xs))
    as_read = [["ข้อ", "ข้อคำถาม", "มาก\nที่สุด\n(๔๔", "มาก\n(๓)", "น้อย\n(๒)", "น้อยที่สุด(๑)", "ค่าคะแนน\nเฉลี่ย"],
               ["๑", "คลังภาพช่วยให้", "๑๐", "๑๓", "๖", "6)", "๒.'ว๓ด๓"],
               ["๒", "คำสำคัญของภาพช่วย", "๘", "๑๕", "๖", "✓", "๒.๕๖๗"],
               ["๓", "หน้าสืบค้นภาพใช้งาน", "๑๑", "๑๒", "๕", "๒", "๒.๖๖๗"],
               ["๔", "คลังภาพช่วยลดการขอ", "๙", "๑๓", "๗", "6)", "๒.๕๐๐"],
               ["๕", "ท่านพึงพอใจต่อภาพ", "๑๐", "๑๔", "๕", "✓", "lo.evenen"]]
    table = Table([[Cell(text) for text in row] for row in as_read])
    boxes = {id(table.rows[r][c]): grid.cells[grid.slots[r][c]].box for r in range(6) for c in range(7)}
    image = clean(cv2.imread(str(FIXTURES / "photo_survey_faint_thai_ones.jpg"), cv2.IMREAD_GRAYSCALE), DPI).grey
    reread_thai_numbers(table, boxes, image, 6, mark="✓")
    assert [row[5].text for row in table.rows[1:]] == ["๑", "๑", "๒", "๑", "๑"]
    assert [row[4].text for row in table.rows[1:]] == ["๖", "๖", "๕", "๗", "๕"]


def test_a_column_of_clean_arabic_counts_beside_thai_ones_is_left_as_read():
    table = Table([[Cell(t) for t in row] for row in [["ข้อ", "มาก (๓)", "น้อย (๒)"], ["๑", "๑๓", "6"], ["๒", "๑๕", "12"]]])
    reread_thai_numbers(table, {}, np.zeros((10, 10), np.uint8), 6, mark="✓")
    assert [row[2].text for row in table.rows] == ["น้อย (๒)", "6", "12"]


def test_a_tick_box_joins_its_own_line_not_the_tight_line_below_whose_glyph_box_reaches_up_beside_it():
    """Form 3's budget cell (seed 1072): OCR drew the next line's first glyph box (ิ of บริษัทฯ) tall, up beside
    the ☑; the box went to that line, which then overlapped its own, and both came out one jumble."""
    from pipeline.readers.ocr.grid import TickBox
    from pipeline.readers.ocr.layout import page_blocks
    from pipeline.readers.ocr.tesseract import Word

    option = [("2.", 828, 2978, 908, 3049), ("กรณีไม่ใช้งบประมาณ", 933, 2985, 1426, 3048)]
    reason = [("บร", 793, 3053, 845, 3091), ("ิ", 844, 3021, 870, 3102), ("ษัทฯ", 860, 3053, 972, 3091),
              ("ร่วมพัฒนา", 996, 3052, 1230, 3091)]
    words = [Word(t, *box, 93.0, (1, 1, 59)) for t, *box in option]
    words += [Word(t, *box, 93.0, (1, 1, 60)) for t, *box in reason]
    blocks = page_blocks(words, [], [TickBox((797, 2978, 841, 3022), True)], 1, DPI)
    assert [b.text.replace(" ", "") for b in blocks] == ["☑2.กรณีไม่ใช้งบประมาณ", "บริษัทฯร่วมพัฒนา"]


def test_an_option_number_read_with_a_comma_after_its_tick_box_is_a_number():
    """Form 3's budget (seed 1058): ``☑2,กรณีไม่ใช้งบประมาณ`` matched no option, and uses_budget was lost."""
    from pipeline.readers.ocr.grid import TickBox
    from pipeline.readers.ocr.layout import page_blocks
    from pipeline.readers.ocr.tesseract import Word

    words = [Word("2,กรณีไม่ใช้งบประมาณ", 850, 2985, 1426, 3048, 90.0, (1, 1, 59))]
    blocks = page_blocks(words, [], [TickBox((797, 2978, 841, 3022), True)], 1, DPI)
    assert [b.text for b in blocks] == ["☑2.กรณีไม่ใช้งบประมาณ"]


def test_specks_trailing_a_line_by_more_than_a_letters_height_are_no_text():
    """A Gantt step cell (seed 1066): below its name's end, specks of the cell's border read ``. ย .`` (boxes a
    third of a letter tall) made the step ``การสร้างนวัตกรรม.ย.``."""
    from pipeline.readers.ocr.layout import page_blocks
    from pipeline.readers.ocr.tesseract import Word

    read = [("การ", 366, 1095, 452, 1133), ("ส", 456, 1093, 475, 1133), ("ร", 474, 1076, 503, 1151),
            ("้", 502, 1080, 517, 1133), ("าง", 526, 1095, 567, 1132), ("นวัตกรรม", 582, 1076, 794, 1151),
            (".", 852, 1132, 857, 1140), ("ย", 1399, 1129, 1420, 1140), (".", 1467, 1132, 1472, 1140)]
    words = [Word(t, *box, 90.0, (1, 1, 22)) for t, *box in read]
    assert [b.text for b in page_blocks(words, [], [], 1, DPI)] == ["การสร้างนวัตกรรม"]


def test_an_empty_box_drawn_thick_in_a_blurred_photo_is_not_ticked():
    """Form 3's budget options (seed 1051): the empty ☐ 2's stroke, 5 px a side after the blur, reached into the
    part of the box measured for a tick; both options read ticked and uses_budget was lost."""
    from pipeline.readers.ocr.grid import find_tick_boxes

    ink = cv2.imread(str(FIXTURES / "photo_form3_thick_box_ink.png"), cv2.IMREAD_GRAYSCALE)
    boxes = sorted(find_tick_boxes(ink, DPI), key=lambda b: b.box[1])
    assert [b.ticked for b in boxes] == [True, False]


def test_a_shadow_over_the_last_months_is_no_mark():
    """A shadow lay over the page's right side: the page's flattening took it off, but the wider kernel that finds
    tall shaded bars did not, and the last two months (ส.ค., ก.ย.) read marked in every step. The page beside the
    table is as dark there: the darkness is the photo's, not the print's; the printed marks stay."""
    grids, _ = _grids("photo_gantt_shadow_over_last_months.jpg")
    gantt = max(grids, key=lambda g: len(g.xs))
    shaded = {(c.row, c.col) for c in gantt.cells if c.shaded}
    assert not {(row, col) for row in (1, 3, 4, 5, 6, 8, 9, 10) for col in (11, 12)} & shaded
    assert {(3, 3), (3, 4), (3, 5), (8, 6), (8, 10), (10, 7), (12, 11), (12, 12)} <= shaded



def test_a_shadow_edge_across_an_empty_month_is_no_pale_shade():
    """A Chromium Form 4's plan page photographed with a band of shadow (ph24ph's tune1403, page 3): the shadow's
    edge lowered one empty month of the step cut by the page break evenly (median 246, darker quarter 244), and the
    weak-toner rule (a darker quarter 8 under empty paper's) took it for dots of a pale shade. The cut row then
    had a month of its own, was taken for a step, and every step below it took the name of the one above. Dots
    leave the median near paper (250 and 241-243 in the scans); a shadow does not."""
    grids, _ = _grids("photo_gantt_shadow_edge_no_pale_shade.jpg")
    gantt = max(grids, key=lambda g: len(g.xs))
    shaded: dict[int, list[int]] = {}
    for cell in gantt.cells:
        if cell.shaded and cell.col:
            shaded.setdefault(cell.row, []).append(cell.col)
    assert 0 not in shaded  # the cut step's rest: its months are on the page before
    assert [shaded.get(row) for row in (2, 3, 4, 6, 7, 8, 10)] == [
        [6, 7, 8, 9, 10], [6], [6, 7, 8, 9, 10], [9, 10, 11, 12], [9, 10, 11], [11], [12]]


def test_a_letters_upright_stroke_in_a_short_row_is_no_column_line():
    """A photographed plan (ph24ph2's tune1416, the photo as sent): in the short row of the step สำรวจความพึงพอใจ…, the
    ส at the cell's left edge ran the row's whole height, and the rows short enough for a month head's separators
    gave it a column line of its own beside the twelve months'. The step's name was cut after ส, which joined the
    row below (``ส ขั้นตอนอื่น ๆ``) and the rest read twice. A short row adds column lines only where several are
    new to the table, as a Gantt head cut from its body has them; one or two are letters."""
    from pipeline.readers.ocr.frames import load_page

    page = load_page("image", str(FIXTURES / "photo_plan_letter_stroke_no_column.jpg"), 0).page
    gantt = max(page_grids(page), key=lambda g: len(g.xs))
    assert len(gantt.xs) == 14  # the steps' column and the twelve months
    assert all(len({gantt.slots[r][c] for c in range(13)}) in (1, 13) for r in range(2, len(gantt.ys) - 1))
