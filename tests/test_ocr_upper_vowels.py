"""A scan's ั whose glyph is an arc is read as the arc vowel (ิ ี ึ ื) the dictionary reads there (สับค้น → สืบค้น)."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from pipeline.readers.ocr.tesseract import run_tesseract
from pipeline.readers.ocr.upper_vowels import DOMES, respell_upper_vowels, respelled
from pipeline.thai import normalize

FIXTURES = Path(__file__).parent / "fixtures"
# A Form 3 table cell of a black-and-white tuning-half scan (sv22sc seed 3562, page 2, 300 dpi, as Tesseract is
# given it), `สืบค้นด้วยคำสำคัญ (BKK Photo Finder)` between scraps of the cells above and below: Tesseract reads
# the ื of สืบ as ั (สับ is a word too), but the glyph is an arc, its middle raised off its foot.
ARC_READ_AS_CUP = FIXTURES / "scan_form3_cell_arc_vowel_read_as_mai_han_akat.png"


def test_the_arc_vowel_that_makes_a_dictionary_word_is_chosen():
    assert respelled("แบบสับค้นด้วย", 4, DOMES) == "\u0e37"  # สืบค้น: one word, where สิบ|ค้น would be two
    assert respelled("การตัดตามผล", 4, DOMES) == "\u0e34"  # ติดตาม
    assert respelled("จุดทังขยะ", 4, DOMES) == "\u0e34"  # ทิ้ง once its lost tone is back; the repair puts it


def test_no_arc_vowel_is_put_where_it_makes_no_word():
    assert respelled("ปฏิบัติงาน", 5, DOMES) is None
    assert respelled("ปัจจุบัน", 1, DOMES) is None
    assert respelled("ลั้มเหลว", 1, DOMES) is None  # ล้มเหลว reads better with no vowel at all: ลิ้ม is a word too


@pytest.mark.slow
def test_a_scans_arc_vowel_read_as_mai_han_akat_is_read_by_its_shape():
    image = cv2.imread(str(ARC_READ_AS_CUP), cv2.IMREAD_GRAYSCALE)
    words = run_tesseract(image, 300.0, 120.0)
    read = normalize("".join(w.text for w in words))
    assert "สับค้นด้วยคำสำคัญ" in read  # the page's reading, as Tesseract gives it
    mended = normalize("".join(w.text for w in respell_upper_vowels(words, image)))
    assert mended == read.replace("สับค้น", "สืบค้น"), mended  # and nothing else changed
