"""A photo's line whose foot Tesseract's scraps and stretched boxes moved: its own letters are kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.readers import read_document

FIXTURES = Path(__file__).parent / "fixtures"


def _lines(name: str) -> list[str]:
    return [block.text for block in read_document(FIXTURES / name).blocks if hasattr(block, "text")]


@pytest.mark.slow
def test_a_short_lines_own_words_are_kept_when_the_next_lines_marks_are_read_into_it():
    """Form 3's first page photographed (ph26ph's tune1450): the project name's and the innovation's wrapped last
    lines, ``ประชาสัมพันธ์`` and ``Photo Finder)``, took the next line's upper marks as scraps (``eg 1 a ฆ / ๐``,
    ``7 . ' nee``); their feet set the line's foot, and the line's own letters, above it, were dropped:
    ``ร ส พันธ์ 1 ฆ/ ฆ ๐ ๐`` and ``Finder) ✓ . . ' nee``, two fields lost."""
    lines = _lines("photo_form3_short_lines_next_marks_read_in.pdf")
    assert any(line.startswith("ประชาสัมพันธ์") for line in lines)
    assert any(line.startswith("Photo Finder)") for line in lines)
    assert not any("ฆ ๐ ๐" in line or "nee" in line for line in lines)


@pytest.mark.slow
def test_a_lines_letters_are_kept_when_half_its_boxes_are_stretched_down():
    """Form 1's second page photographed, blurred (ph26ph's tune1448): Tesseract drew half the approach's first
    line's letters 126 px tall, down past the line; the median of the feet fell among theirs, and the letters of
    normal size, above it, were dropped (``ตดังอุป ณ์ต วัด ไฟฟ้าะดับนทเครื่องสูบนใน``)."""
    lines = _lines("photo_form1_line_letters_boxes_stretched_down.pdf")
    assert any("ติดตั้งอุปกรณ์ตรวจวัดกระแสไฟฟ้าและระดับน้ำ" in line for line in lines)
