"""A scan's lines that lost a mark stacked over an upper vowel (พึงบุญ, เฉลีย) are found and read again with it."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from pipeline.readers.ocr.lost_marks import _lost, gained, reread_lost_marks, with_marks
from pipeline.readers.ocr.tesseract import Word, run_tesseract
from pipeline.thai import normalize

FIXTURES = Path(__file__).parent / "fixtures"
# The top of the signature page of a tuning-half scan (sc18tune seed 3368's Form 4, 300 dpi) as Tesseract is given
# it: two signature blocks and the approver ( นางวรรณา พึ่งบุญ ), whose ่ over ึ stands high over its line.
SIGNATURE = FIXTURES / "scan_signature_tone_marks_over_upper_vowels.png"
# Two lines of a noisy black-and-white Form 3 (rd19tune seed 3380): ...ช้าเฉลี่ย ๓ ชั่วโมง read เฉลีย, ชัวโมง.
NOISY = FIXTURES / "scan_form3_noisy_lines_lost_stacked_marks.png"

pytestmark = pytest.mark.slow


def _read(path: Path) -> tuple[np.ndarray, list[Word]]:
    image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    return image, run_tesseract(image, 300.0, 120.0)


@pytest.fixture(scope="module")
def signature() -> tuple[np.ndarray, list[Word]]:
    return _read(SIGNATURE)


def _by_line(words: list[Word]) -> list[list[Word]]:
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line_key, []).append(word)
    return list(lines.values())


def _lines(words: list[Word]) -> list[str]:
    return [normalize("".join(w.text for w in line)) for line in _by_line(words)]


def test_the_pixels_show_which_lines_lost_a_stacked_mark(signature):
    """The approver's line (ึ with no ่ in the reading, ึ with ่ over it in the pixels) is found; the names read
    with all their marks are not."""
    image, words = signature
    found = [normalize("".join(w.text for w in line)) for line, _ in _lost(words, image)]
    assert "(นางวรรณาพึงบุญ)" in found, found
    assert not any("อินทรสุวรรณ" in line or "แบบฟอร์ม" in line for line in found), found


def test_a_name_that_lost_the_tone_over_its_vowel_is_read_again_with_it(signature):
    image, words = signature
    assert "(นางวรรณาพึงบุญ)" in _lines(words)  # the page's reading, as Tesseract gives it
    lines = _lines(reread_lost_marks(words, image, 300.0, 120.0))
    assert "(นางวรรณาพึ่งบุญ)" in lines, lines
    assert not any("พึงบุญ" in line for line in lines), lines


def test_a_noisy_scans_lines_get_their_stacked_marks_back():
    """เฉลี่ย and ชั่วโมง lost their ่ in the page's reading; read again as one line they have it, and the rest of
    the line is the first reading's."""
    image, words = _read(NOISY)
    before = _lines(words)
    assert any("เฉลีย๓ชัวโมง" in line for line in before), before
    after = _lines(reread_lost_marks(words, image, 300.0, 120.0))
    assert any("เฉลี่ย๓ชั่วโมง" in line for line in after), after
    assert any("ผลกระทบต่อการดำเนินงาน" in line for line in after), after


def test_lines_read_with_their_marks_are_not_read_again(signature):
    """Without the lines that lost a mark, the page costs no second reading: the words come back as they were."""
    image, words = signature
    kept = [w for w in words if not any(w in line for line, _ in _lost(words, image))]
    assert kept and reread_lost_marks(kept, image, 300.0, 120.0) is kept


def test_only_a_mark_that_completes_a_stack_in_an_unchanged_run_is_taken(signature):
    """A second reading that adds a lone mark (ไข้ for ไข: no stack stands there) or reads other letters around
    the mark gives nothing; one that puts ่ over ึ among the same letters gives that mark."""
    _, words = signature
    line = next(ws for ws in _by_line(words) if "พึงบุญ" in normalize("".join(w.text for w in ws)))

    def again(old: str, new: str) -> list[Word]:
        return [Word(w.text.replace(old, new), w.left, w.top, w.right, w.bottom, w.conf, w.line_key) for w in line]

    assert normalize("".join(w.text for w in with_marks(line, gained(line, again("ึ", "ึ่"))))) == "(นางวรรณาพึ่งบุญ)"
    assert not any(gained(line, again("ง", "ง้")))  # a lone tone over ง: no stack
    assert not any(gained(line, again("ร", "ร่")))
    changed = [Word(w.text.replace("ึ", "ึ่").replace("ว", "ท").replace("ร", "ธ").replace("ง", "ม"), w.left, w.top,
                    w.right, w.bottom, w.conf, w.line_key) for w in line]
    assert not any(gained(line, changed))  # no run of four letters both readings share holds the mark


def test_the_reader_reads_a_scans_lines_again_and_a_photos_once():
    """Through the page reader: a scan's approver has the mark back; a page read as a photo is read as before
    (its 3 s budget; rows found better left alone on photos, OCR.md seventeenth round)."""
    from pipeline.readers.ocr.pages import read_page_image

    image = cv2.imread(str(SIGNATURE), cv2.IMREAD_GRAYSCALE)
    scan = [b.text for b in read_page_image(image, 300.0, 1, 120.0, scan=True)]
    photo = [b.text for b in read_page_image(image, 300.0, 1, 120.0)]
    assert "( นางวรรณา พึ่งบุญ )" in scan, scan
    assert "( นางวรรณา พึงบุญ )" in photo, photo
