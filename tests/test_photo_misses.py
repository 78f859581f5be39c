"""Fields the photo tuning sets lost after the page was read: a tally head, a tick box, a guidance tail, headings."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extractors.record import first_form, records_of
from pipeline.readers import read_document

FIXTURES = Path(__file__).parent / "fixtures"


def _fields(name: str) -> dict:
    path = FIXTURES / name
    return first_form(records_of(read_document(path), path)).to_json()["fields"]


@pytest.mark.slow
def test_a_tally_head_read_without_its_utmost_word_keeps_its_bracketed_level():
    """The survey's tally photographed (cf21ph's tune1272, page 2): the head มากที่สุด (๔) was read ``มาก nga (๔``,
    its ที่สุด lost, so it took level 3 (มาก) and the real มาก (๓) column was dropped: every question's counts came
    out ``0, 10, 6, 1`` for ``10, 13, 6, 1``. The bracketed digit says the level the lost word named."""
    counts = [q["counts"] for q in _fields("photo_survey_tally_head_lost_its_utmost.jpg")["questions"]]
    assert counts == [[10, 13, 6, 1], [8, 15, 6, 1], [11, 12, 5, 2], [9, 13, 7, 1], [10, 14, 5, 1]]


@pytest.mark.slow
def test_a_ticked_option_whose_box_reads_with_an_underscore_is_found():
    """Form 3's budget cell photographed (ph22ph's tune1338, page 1): the ticked option read ``☑_©. กรณีไม่ใช้
    งบประมาณ…``, the box's foot an underscore, and a label behind it was no line's first: uses_budget and the
    reason were lost."""
    fields = _fields("photo_form3_budget_box_underscored.jpg")
    assert fields["uses_budget"] is False
    assert fields["no_budget_reason"].startswith("ใช้คลาวด์ที่ กทม.")


@pytest.mark.slow
def test_a_budget_keeps_neither_the_guidance_tail_read_twice_nor_the_next_heading():
    """Form 4's second page photographed (ph22ph2's tune1361): the budget guidance wraps before ``จากที่ใด)``; the label
    repair completed its first line, so the second was left in front of the value; and the next heading's number
    ๘. was read ``<.``, so the budget ran on through the risks' heading and guidance."""
    budget = _fields("photo_form4_budget_guidance_tail_and_misread_heading.pdf")["budget"]
    assert budget.startswith("ไม่ใช้งบประมาณ เนื่องจากบริษัทฯ")
    assert budget.endswith("ที่มือยู่เดิม")


@pytest.mark.slow
def test_a_heading_number_read_with_a_comma_and_kpi_points_misread_as_letters_are_print():
    """Form 4's fourth page photographed (ph24ph's tune1396): the benefits heading ๙. was read ``ฒ,ประโยชน์ที่คาดว่า
    จะได้รับ``, a misread number whose dot is a comma, so the label was no line's first and the benefits were lost;
    and the first indicator's printed ``(จำนวน ๒๐ คะแนน)`` was read ``(จำนวน wo คะแนน)`` and kept in its name."""
    fields = _fields("photo_form4_benefits_heading_comma_kpi_points_misread.jpg")
    assert fields["benefits"].startswith("ศูนย์ควบคุมระบบป้องกันน้ำท่วมเห็นสถานะเครื่องสูบน้ำ")
    assert "คะแนน" not in fields["kpis"][0]["name"]
    assert fields["kpis"][0]["name"].endswith("(DDS Pump Watch)")
