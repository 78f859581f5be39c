"""A scan's line read again alone (``lost_marks``) that read its letters otherwise keeps where, and a value holding
those letters, the dictionary reading both alike, is warned."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from pipeline.document import Document, Paragraph
from pipeline.extractors.lost_words import lost_words_warnings
from pipeline.readers.ocr.confidence import second_doubts
from pipeline.readers.ocr.lost_marks import disagreements
from pipeline.readers.ocr.pages import read_page_image
from pipeline.readers.ocr.tesseract import Word

# Two rows of the step column of sk22sc's seed 3584 plan (page 1, 300 dpi): ประชาสัมพันธ์และเปิดให้ประชาชน… is read
# again for a lost stack; the second reading reads ให้ as ไห้, and both cut into words.
PLAN_STEP = Path(__file__).parent / "fixtures" / "scan_plan_step_read_again_otherwise.png"
STEP = "ประชาสัมพันธ์และเปิดให้ประชาชนนัดหมายผ่าน LINE"


@pytest.fixture(scope="module")
def blocks() -> list:
    return read_page_image(cv2.imread(str(PLAN_STEP), cv2.IMREAD_GRAYSCALE), 300.0, 1, 120.0, scan=True)


def _no_words_dropped(value: str, where: str | None = None) -> None:
    return None


@pytest.mark.slow
def test_a_line_read_again_otherwise_keeps_where_the_readings_disagree(blocks):
    lines = {b.text: b.seconds for b in blocks if isinstance(b, Paragraph)}
    held = [seconds for text, seconds in lines.items() if "เปิดให้ประชาชน" in text]
    assert held == [(("เปิดให้ปร", "เปิดไห้ปร"),)], lines


@pytest.mark.slow
def test_a_value_holding_letters_read_two_ways_is_warned(blocks):
    doubted = second_doubts(Document(blocks, format="scan"))
    fields = {"steps": [{"name": STEP}, {"name": "จัดระบบเปิดให้ประชาชนจองคิว"}]}
    warnings = lost_words_warnings("plan", fields, _no_words_dropped, [], doubted=doubted)
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith("steps[0].name: ") and "'เปิดไห้ปร'" in warnings[0], warnings
    # the other step shares the letters but not the line's around them (และ): another line's, not doubted


def test_the_dictionary_settles_a_second_reading_that_reads_worse():
    """สะอาด read again สะลาด: one word against two, the reading stands; สะลาด read again สะอาด is a doubt."""
    def words(*texts: str) -> list[Word]:
        return [Word(t, 0, 0, 0, 0, 90.0, (0, 0, 0)) for t in texts]

    assert disagreements(words("การ", "ทำ", "ความ", "สะอาด"), words("การทำความสะลาด")) == {}
    assert disagreements(words("การ", "ทำ", "ความ", "สะลาด"), words("การทำความสะอาด")) == {3: ("มสะลาด", "มสะอาด")}
