"""Two of Tesseract's lines whose boxes overlap stay two lines when merging them would drop one as floating."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from pipeline.document import Paragraph
from pipeline.readers import read_document
from pipeline.readers.ocr.confidence import lost_piece
from pipeline.readers.ocr.pages import read_page_image

FIXTURES = Path(__file__).parent / "fixtures"


def _lines(blocks: list) -> list[Paragraph]:
    return [b for b in blocks if isinstance(b, Paragraph)]


def _at(lines: list[Paragraph], words: str) -> int:
    [n] = [n for n, line in enumerate(lines) if words in line.text]
    return n


@pytest.mark.slow
def test_a_skewed_photo_line_reaching_into_the_next_row_is_read_in_its_place():
    # tune1200-form4's problem: its second line's boxes reach down into the third's (the photo's skew); taken into
    # that row, every word of it stood above the row's letters and was dropped
    page = cv2.imread(str(FIXTURES / "photo_form4_problem_line_dropped.jpg"), cv2.IMREAD_GRAYSCALE)
    lines = _lines(read_page_image(page, 300.0, 1, 120.0))
    second = _at(lines, "กรุงเทพมหานครกว่า 40,000")
    assert "ฮาร์ดดิสก์แยกตามวัน" in lines[second].text
    assert _at(lines, "สำนักงานประชาสัมพันธ์บันทึกภาพ") < second < _at(lines, "คำสำคัญกำกับ")
    assert not [line.text for line in lines if lost_piece(line.words, line.text)]  # nothing Tesseract read is lost
    assert "ฮาร์ดดิสก์" not in lines[_at(lines, "คำสำคัญกำกับ")].text  # the next line is its own


@pytest.mark.slow
def test_a_scan_guidance_line_beside_the_next_lines_tall_letters_is_kept():
    # scan-tune3403-form4's project-nature guidance: its first line went into the second's row and was dropped,
    # and the value's opening (the same words) was taken for the rest of the guidance
    lines = _lines(read_document(FIXTURES / "scan_form4_guidance_line_dropped.png").blocks)
    first = _at(lines, "ความสอดคล้องกับ")
    assert "ผู้ว่าราชการกรุงเทพมหานคร" in lines[first].text
    assert first + 1 == _at(lines, "โครงการตามแผนปฏิบัติการของหน่วยงาน")
    assert not [line.text for line in lines if lost_piece(line.words, line.text)]


@pytest.mark.slow
def test_a_smudged_line_overlapping_the_one_above_is_merged_as_before():
    # form1_scan_smudged_idea_name: the smudge over the idea's name gives the letters under it the smudge's box,
    # which reaches up into the agency line; read alone, the name's line stood on the smudge's foot and its own
    # letters (12 of 30, its label ชื่อแนวคิด) were dropped as floating, and the record lost the idea's name
    lines = _lines(read_document(FIXTURES / "form1_scan_smudged_idea_name.pdf").blocks)
    name = _at(lines, "ชื่อแนวคิด")
    assert "ท่วม" in lines[name].text
    assert lines[name + 1].text.startswith("สอดคล้องกับนโยบาย")
