"""A scan's word under a stack of glyphs that both readings gave one mark (ซำ for ซ้ำ) gets the tone the dictionary reads."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from pipeline.readers.ocr.lost_marks import reread_lost_marks
from pipeline.readers.ocr.stacked_tone import TONES_OVER, stacked_tone
from pipeline.readers.ocr.tesseract import run_tesseract
from pipeline.thai import normalize

FIXTURES = Path(__file__).parent / "fixtures"
# A survey's answer line of a tuning-half scan (rd20sc seed 3440, page 2, 300 dpi, as Tesseract is given it):
# `ภาพซ้ำระหว่างหน่วย`, whose ้ over the ํ of ำ both the page's reading and the one-line reading lose (the line
# read again gives ภาพขั้า...: another letter, so its mark is not taken).
SARA_AM = FIXTURES / "scan_survey_line_tone_lost_over_sara_am.png"


def _options(text: str, letter: int) -> list[str]:
    return [normalize(text[:letter + 1] + tone + text[letter + 1:]) for tone in TONES_OVER]


def _chosen(text: str, letter: int) -> str | None:
    options = _options(text, letter)
    choice = stacked_tone(normalize(text), options)
    return None if choice is None else options[choice]


def test_the_tone_that_makes_the_word_a_common_dictionary_word_is_chosen():
    assert _chosen("ภาพซำระหว่างหน่วย", 3) == "ภาพซ้ำระหว่างหน่วย"  # ซำ is a word too, 33 times rarer
    assert _chosen("ขยะชินใหญ่", 3) == "ขยะชิ้นใหญ่"
    assert _chosen("ลงชือผู้รายงาน", 2) == "ลงชื่อผู้รายงาน"  # one word then, not ลง + ชื้อ


def test_no_tone_is_put_where_the_word_would_be_rarer_or_no_word():
    assert _chosen("ปีงบประมาณ", 0) is None  # ปี่ (a pipe) is far rarer than ปี: a speck, not a lost tone
    assert _chosen("ดีมาก", 0) is None  # ดี่, ดี้: no word
    assert _chosen("ทีมงาน", 0) is None


@pytest.mark.slow
def test_a_scans_line_gets_the_tone_over_sara_am_both_readings_lost():
    image = cv2.imread(str(SARA_AM), cv2.IMREAD_GRAYSCALE)
    words = run_tesseract(image, 300.0, 120.0)
    assert "ซำ" in normalize("".join(w.text for w in words))  # the page's reading, as Tesseract gives it
    text = normalize("".join(w.text for w in reread_lost_marks(words, image, 300.0, 120.0)))
    assert text == "ภาพซ้ำระหว่างหน่วย", text
