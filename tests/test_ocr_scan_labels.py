"""Scanned label-and-value pages read as lines: specks and far-apart word boxes make no borderless table."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.document import Paragraph, Table
from pipeline.readers import read_document

FIXTURES = Path(__file__).parent / "fixtures"  # made by tests/fixtures/make_scan_label_fixtures.py


def test_a_dusty_margin_and_words_boxed_apart_make_no_borderless_table():
    """Form 1's labels above their values, on a 1-bit scan with dust on the glass: before, the specks to the right
    stood in a "column" of their own, and the policy line's words boxed apart (ผู้ว่ | าราชการ) made a gutter,
    so the labels and values were read as cells of borderless tables and the idea's name was lost."""
    document = read_document(FIXTURES / "scan_bw_form1_labels_dusty_margin.pdf")
    assert not any(isinstance(block, Table) for block in document.blocks)
    lines = [block.text for block in document.blocks if isinstance(block, Paragraph)]
    assert any(line.startswith("ชื่อแนวคิด") for line in lines)
    assert any("สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร" in line for line in lines)



def test_a_wrapped_values_last_word_on_a_line_of_specks_is_kept():
    """Form 3's innovation on a grey scan (seed 3128 of the tuning half, its words as Tesseract boxed them at
    300 dpi): the wrapped ``Watch)`` shares its line with a leader's specks, which are most of the line. Before,
    the whole line went as marks and the value lost its last word."""
    from pipeline.readers.ocr.layout import _without_mark_lines
    from pipeline.readers.ocr.tesseract import Word

    specks = [("Watch)", 354, 625, 538, 710, 96.6), ("๑", 600, 688, 616, 702, 96.7), ("7", 615, 676, 630, 710, 86.9),
              ("vi", 864, 685, 910, 701, 68.0), ("๑", 1690, 687, 1716, 701, 92.7), ("ฆ", 1749, 685, 1775, 702, 71.5),
              ("A", 1911, 671, 1937, 701, 82.7)]
    letters = [(ch, 354 + 34 * n, 540, 384 + 34 * n, 588) for n, ch in enumerate("นวัตกรรมที่พัฒนาระบบติดตาม")]
    words = [Word(t, *box, (1, 1, 8)) for t, *box in [(*w, 94.0) for w in letters]]
    words += [Word(t, x0, y0, x1, y1, conf, (1, 1, 9)) for t, x0, y0, x1, y1, conf in specks]
    kept = _without_mark_lines(words)
    assert [w.text for w in kept if w.line_key == (1, 1, 9)] == ["Watch)"]


def test_a_line_of_marks_above_a_value_is_no_line_of_its_own():
    """Form 4's evaluation on a grey scan (seed 3116 of the tuning half, its words as Tesseract boxed them at
    300 dpi): the tone marks and upper vowels over the value's first line read as a line of their own, one box
    (``2``) reaching down into the letters below. Before, it was kept, opened the value and made a borderless
    table of it; a whole-page reading is needed to make Tesseract box it so, hence words, not an image."""
    from pipeline.readers.ocr.layout import _without_mark_lines
    from pipeline.readers.ocr.tesseract import Word

    marks = [("*", 432, 1897, 436, 1901), ("๐", 661, 1893, 677, 1909), ("a", 820, 1894, 850, 1909),
             ("๐", 1028, 1893, 1045, 1909), ("๐", 1220, 1893, 1236, 1910), ("๑", 1578, 1893, 1610, 1910),
             ("2", 1602, 1882, 1621, 1923), ("๘", 1672, 1886, 1697, 1910), ("yw", 1858, 1893, 1973, 1910)]
    letters = [(ch, 470 + 34 * n, 1915, 500 + 34 * n, 1957) for n, ch in enumerate("คณะทำงานติดตาม")]
    words = [Word(t, *box, 85.0, (1, 1, 6)) for t, *box in marks] + [Word(t, *box, 95.0, (1, 1, 7)) for t, *box in letters]
    kept = _without_mark_lines(words)
    assert [w.text for w in kept if w.line_key == (1, 1, 6)] == ["*"]  # a dot is text; the marks are gone
    assert len([w for w in kept if w.line_key == (1, 1, 7)]) == len(letters)


def test_the_names_of_a_two_column_signature_block_are_read_column_by_column():
    """Form 1's page 2 on a grey scan (seed 3300 of the tuning half): the supervisor's and the head's names stand
    side by side. Read across the page, Tesseract took the two columns' lines for one and lost the small marks of
    ศรีวงศ์ (read ศรวงศ์); read again column by column, the name comes out whole."""
    document = read_document(FIXTURES / "scan_grey_form1_signature_page.pdf")
    tables = [block for block in document.blocks if isinstance(block, Table) and len(block.rows) == 1]
    cells = [cell.text for cell in tables[-1].rows[0]]
    assert "นางสาวกมลวรรณ ศรีวงศ์" in cells[0]
    assert "หัวหน้าหน่วยงาน" in cells[1]


@pytest.mark.slow
def test_a_photographed_table_whose_ruling_was_not_found_is_not_read_again_column_by_column():
    # A faint survey photographed (no ruling found): its table's columns were taken for side-by-side text and read
    # apart, the page's reading lost the lines that tie them, read as unsure, and the page was turned upside down.
    from pipeline.readers.ocr.pages import read_image

    document = read_image(Path(__file__).parent / "fixtures" / "photo_survey_faint_thai_ones.jpg")
    text = " ".join(cell.text for block in document.blocks if isinstance(block, Table) for row in block.rows
                    for cell in row)
    assert "ข้อคำถาม" in text and "ความพึงพอใจ" in text
