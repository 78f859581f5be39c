"""Tone marks stacked over an upper vowel, high above their line, are read with it (ลงชื่อ, พึ่งบุญ), not lost."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from pipeline.readers.ocr.stray_marks import reread_stray_marks
from pipeline.readers.ocr.tesseract import ROW_OVERLAP, Word, run_tesseract
from pipeline.thai import normalize

# The top of the signature page of a tuning-half scan (seed 3368's Form 4, 300 dpi) as Tesseract is given it: two
# signature blocks, ลงชื่อ twice and the approver ( นางวรรณา พึ่งบุญ ), whose ่ over ึ stands nearer the line above.
FIXTURE = Path(__file__).parent / "fixtures" / "scan_signature_tone_marks_over_upper_vowels.png"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def page() -> tuple[np.ndarray, list[Word]]:
    image = cv2.imread(str(FIXTURE), cv2.IMREAD_GRAYSCALE)
    return image, run_tesseract(image, 300.0, 120.0, row_overlap=ROW_OVERLAP)


def _lines(words: list[Word]) -> list[str]:
    # normalize: the mark put back goes after its letter, the tone before the vowel, as the layout's repair orders it
    return [normalize("".join(w.text for w in sorted(line, key=lambda w: w.left))) for line in _by_line(words)]


def test_a_tone_mark_over_an_upper_vowel_stays_in_its_row(page):
    """At Tesseract's default row overlap the ่ over ื of the second ลงชื่อ fell out of its row: ลงชือ."""
    _, words = page
    lines = _lines(words)
    assert sum("ลงชื่อ" in line for line in lines) == 2, lines
    assert not any("ลงชือ" in line for line in lines), lines


def test_a_tone_mark_read_as_a_dot_of_the_line_above_is_read_back_with_its_own_line(page):
    """The ่ of พึ่งบุญ was read as a dot under ลงชื่อ … ผู้อนุมัติโครงการ, and the name as พึงบุญ."""
    image, words = page
    assert any("พึงบุญ" in line for line in _lines(words))  # the page's reading, as Tesseract gives it
    lines = _lines(reread_stray_marks(words, image, 300.0, 120.0))
    assert any("(นางวรรณาพึ่งบุญ)" in line for line in lines), lines
    assert not any("พึงบุญ" in line for line in lines), lines
    assert not any("." in line for line in lines if "ผู้อนุมัติ" in line), lines  # the dot was the mark


def test_a_line_read_right_is_not_read_again(page):
    """A page with no dot under a line's foot costs no second reading: the words come back as they were."""
    image, words = page
    kept = [w for w in words if w.text not in ".,"]
    assert reread_stray_marks(kept, image, 300.0, 120.0) is kept


def test_only_marks_over_the_letters_are_taken_from_the_second_reading(page):
    """A second reading that also finds a mark under a letter (a speck under the line read as ุ, ขอจัดูสรุรจาก in a
    black-and-white Form 3) gives the line its lost tone mark and no more."""
    from pipeline.readers.ocr.stray_marks import _better, _with_marks

    _, words = page
    line = next(ws for ws in _by_line(words) if "พึงบุญ" in normalize("".join(w.text for w in ws)))
    again = [Word(w.text.replace("ึ", "ึ่").replace("ง", "งุ"), w.left, w.top, w.right, w.bottom, w.conf, w.line_key)
             for w in line]
    assert _better(line, again)
    assert normalize("".join(w.text for w in _with_marks(line, again))) == "(นางวรรณาพึ่งบุญ)"


def _by_line(words: list[Word]) -> list[list[Word]]:
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line_key, []).append(word)
    return list(lines.values())




def test_the_reader_gives_a_scans_signed_name_its_high_mark_and_reads_a_photo_once():
    """Through the reader: a scan's rows take the high mark and its line that lost one to the line above is read
    again; a photo is read once as Tesseract finds its rows (neither gained a field on the photo tuning set, and the
    second reading cost a photo page 0.2-0.6 s of its 3 s)."""
    from pipeline.readers.ocr.pages import read_page_image

    image = cv2.imread(str(FIXTURE), cv2.IMREAD_GRAYSCALE)
    scan = [b.text for b in read_page_image(image, 300.0, 1, 120.0)]
    photo = [b.text for b in read_page_image(image, 300.0, 1, 120.0, photo=True)]
    assert "( นางวรรณา พึ่งบุญ )" in scan, scan
    assert "( นางวรรณา พึงบุญ )" in photo, photo
