"""A scan's ำ read as a tone and า (คำ read ค้า, a word too) is read as ำ where its ring stands over the letter."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import cv2
import pytest

from pipeline.readers.ocr.sara_am import _reads_better, respell_sara_am
from pipeline.readers.ocr.tesseract import run_tesseract
from pipeline.thai import normalize

FIXTURES = Path(__file__).parent / "fixtures"
# A Form 4 table cell of a grey tuning-half scan (sc24sc seed 3641, page 1, 300 dpi, as Tesseract is given it):
# `พร้อมคำสำคัญ`. Read with its whole page, the ring of คำ came out ้ (ค้า|สำคัญ: both words, so neither the word
# repair nor the word model doubts it); read alone as here, คำ.
SARA_AM = FIXTURES / "scan_form4_cell_sara_am_read_as_mai_tho.png"
# A line of the same page: `ข่าวจึงเผยแพร่ช้าและ...`, a real ้ before า where ชำ is a word too.
MAI_THO = FIXTURES / "scan_form4_line_mai_tho_before_sara_aa_kept.png"


def _as_read(words, letter: str):
    """The words with the ring of ำ after ``letter`` read as ้, as the page's reading gave it."""
    n = next(k for k in range(1, len(words)) if words[k].text == "\u0e4d" and words[k - 1].text.endswith(letter))
    return [*words[:n], dataclasses.replace(words[n], text="\u0e49"), *words[n + 1:]]


def test_sara_am_is_taken_only_where_the_dictionary_reads_a_word():
    text = "พร้อมค\u0e49าสำคัญ"
    at = text.rindex("\u0e49")
    assert _reads_better(text, text[:at] + "\u0e4d" + text[at + 1:], at - 1)  # คำ|สำคัญ
    text = "ความท\u0e49าทาย"
    at = text.index("\u0e49")
    assert not _reads_better(text, text[:at] + "\u0e4d" + text[at + 1:], at - 1)  # ท้าทาย is one word, ทำ|ทาย two


@pytest.mark.slow
def test_a_scans_ring_of_sara_am_read_as_mai_tho_is_read_as_sara_am():
    image = cv2.imread(str(SARA_AM), cv2.IMREAD_GRAYSCALE)
    words = run_tesseract(image, 300.0, 120.0)
    assert normalize("".join(w.text for w in words)) == "พร้อมคำสำคัญ"
    as_page = _as_read(words, "ค")
    assert normalize("".join(w.text for w in as_page)) == "พร้อมค้าสำคัญ"
    mended = normalize("".join(w.text for w in respell_sara_am(as_page, image)))
    assert mended == "พร้อมคำสำคัญ", mended  # the ้ of พร้อม is no ring: kept


@pytest.mark.slow
def test_a_scans_mai_tho_before_sara_aa_is_kept():
    image = cv2.imread(str(MAI_THO), cv2.IMREAD_GRAYSCALE)
    words = run_tesseract(image, 300.0, 120.0)
    read = normalize("".join(w.text for w in words))
    assert "เผยแพร่ช้าและ" in read
    assert normalize("".join(w.text for w in respell_sara_am(words, image))) == read  # ้'s hooked stroke: no ring
