"""Merged cells from a ruled grid (shared by the PDF and OCR table finders; fast)."""

from __future__ import annotations

import numpy as np

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


def test_specks_at_the_pages_side_make_no_column_that_swallows_the_title():
    # What Tesseract returns for a photo whose warp kept a strip of the table at the left: a speck beside each
    # line of the title block. They must not make a two-column layout holding the title.
    from pipeline.document import Table
    from pipeline.readers.ocr.layout import page_blocks
    from pipeline.readers.ocr.tesseract import Word

    width, height = 2480, 3508
    lines = ["แบบนำเสนอโครงการพัฒนานวัตกรรม", "หน่วยงาน สำนักงานเขตบางกะปิ", "ชื่อโครงการ โครงการพัฒนาระบบ"]
    words = []
    for n, text in enumerate(lines):
        top = 400 + n * 90
        x = 300
        for part in text.split():
            words.append(Word(part, x, top, x + 40 * len(part), top + 60, 92.0, (1, 1, n)))
            x += 40 * len(part) + 60
        words.append(Word(["ฮี", "-", "7"][n], 40, top + 5, 80, top + 55, [47.0, 14.6, 71.0][n], (0, 0, n)))
    blocks = page_blocks(words, [], [], 1, 300.0, image=np.full((height, width), 255, np.uint8))
    assert not any(isinstance(b, Table) for b in blocks)
    assert [b.text for b in blocks] == lines


def test_a_section_number_read_with_a_comma_and_its_dot_is_a_number():
    from pipeline.document import Paragraph
    from pipeline.readers.ocr.layout import page_blocks
    from pipeline.readers.ocr.tesseract import Word

    words = [Word("7,.", 300, 500, 340, 540, 90.0, (1, 1, 1)), Word("งบประมาณ", 370, 500, 570, 540, 93.0, (1, 1, 1))]
    assert [b.text for b in page_blocks(words, [], [], 1, 300.0) if isinstance(b, Paragraph)] == ["7. งบประมาณ"]
