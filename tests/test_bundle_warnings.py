"""A bundle's wrong fields that carried no warning (twentieth round): words opening a value taken for its label, a
plan's last phase cut where a page ends. The values are read as before; each now says why a person must check it.
Fixtures: tests/fixtures/make_fresh_producer_fixtures.py (tuning seeds 2433, 2441, 2254)."""

from __future__ import annotations

from pipeline.extractors.record import extract_all
from tests.chromium_fixtures import FIXTURES
from tests.chromium_fixtures import spaceless as _key
from tests.chromium_fixtures import truth as _truth


def _warned(record, key: str) -> list[str]:
    return [w for w in record.warnings if w.startswith(f"{key}: ")]


def test_a_value_opening_with_its_own_label_s_words_is_warned():
    """``การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์: การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์ Map) 40,000 …``: the value
    opens with its label's words, which are taken off as the label read twice. They may be the value's own."""
    name = "libreoffice_form3_value_opening_with_its_label_words"
    [record] = extract_all(FIXTURES / f"{name}.pdf")
    want = _truth(name)["records"][0]["fields"]["plan_follow_up"]
    got = record.fields["plan_follow_up"]
    assert _key(want) == _key("การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์ " + got)  # read as before, its first words off
    assert [w for w in _warned(record, "plan_follow_up") if "taken for its printed label" in w]
    # a value that opens with nothing of its label is not warned
    assert not [w for w in _warned(record, "plan_creation") if "taken for its printed label" in w]


def test_a_value_opening_with_a_linking_word_not_its_label_s_is_warned():
    """``2. เครื่องมือที่ใช้พัฒนานวัตกรรม คือ: ได้แก่ บริษัท …``: ได้แก่ after a label that ends in คือ is taken off as
    the label's linking word; it is another word than the label's own, so the value may have opened with it."""
    name = "chromium_form3_value_opening_with_another_linking_word"
    form3 = next(r for r in extract_all(FIXTURES / f"{name}.pdf") if r.kind == "form3")
    want = _truth(name)["records"][0]["fields"]["tools"]
    assert _key(want) == _key("ได้แก่ " + form3.fields["tools"])
    assert [w for w in _warned(form3, "tools") if "'ได้แก่'" in w]


def test_a_plan_ending_with_its_last_phase_s_heading_alone_is_warned():
    """Form 3's plan, the page after its Gantt dropped: the Gantt ends on the last phase's heading row, its step on
    the missing page. Each phase lists its steps under its heading, so the table is warned (its rows may be missing),
    and with it the steps it lost."""
    name = "libreoffice_plan_last_phase_heading_alone_page_dropped"
    [record] = extract_all(FIXTURES / f"{name}.pdf")
    steps = record.fields["plan"]["steps"]
    assert len(steps) == len(_truth(name)["records"][0]["fields"]["plan"]["steps"]) - 1
    assert [w for w in _warned(record, "plan.steps") if "last phase's heading" in w]
