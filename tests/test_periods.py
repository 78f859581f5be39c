"""OCR'd KPI periods dated from the fiscal year: a misread or lost year after a month (fast: no Tesseract)."""

from __future__ import annotations

import pytest

from pipeline.extractors.periods import period_dated, periods_dated, year_of


def test_a_month_falls_in_the_year_of_its_part_of_the_fiscal_year():
    assert year_of(12, 2568) == 67  # ธ.ค. of fiscal year 2568 is December 2567
    assert year_of(10, 2568) == 67
    assert year_of(9, 2568) == 68
    assert year_of(1, 2600) == 0


@pytest.mark.parametrize("read,expected", [
    ("ส.ค. ๒๘", "ส.ค. ๖๘"),  # ๖ read as ๒: the digits stay Thai
    ("มี.ค. - ก.ย. va", "มี.ค. - ก.ย. 68"),  # ๖๘ read as Latin letters
    ("พ.ย. - ก.พ. ๒๖๔", "พ.ย. ๖๗ - ก.พ. ๖๘"),
    ("มิ.ย. - ก.ย.", "มิ.ย. - ก.ย. 68"),  # the last month's year lost
    ("พ.ย. - ก.พ. ๖๘", "พ.ย. ๖๗ - ก.พ. ๖๘"),  # the first month's year lost: it is not the last one's
])
def test_a_misread_or_lost_year_is_put_as_the_fiscal_year_gives_it(read, expected):
    value, mended = period_dated(read, 2568)
    assert value == expected
    assert mended


@pytest.mark.parametrize("read", [
    "ธ.ค. 67 – ก.พ. 68",
    "มี.ค. – ก.ย. 68",  # the first month's year left out, as the forms print it
    "ก.ย. 2568",
    "ต.ค. 68",  # a year of the fiscal year, though not this month's: left to the reader
    "ภายในเดือนกันยายน 2568",
    "มี.ค.-ก.ย. ๒๘ (ไตรมาส 4)",  # words after the year: not a period's plain shape, left as read
])
def test_a_period_read_right_or_not_plainly_a_period_stays(read):
    assert period_dated(read, 2568) == (read, [])


def test_a_records_periods_are_dated_with_a_warning_naming_the_kpi():
    fields = {"fiscal_year": 2568, "kpis": [{"period": "ธ.ค. 67 – ก.พ. 68"}, {"period": "ส.ค. bal"}]}
    dated, warnings = periods_dated(fields)
    assert [kpi["period"] for kpi in dated["kpis"]] == ["ธ.ค. 67 – ก.พ. 68", "ส.ค. 68"]
    assert len(warnings) == 1 and warnings[0].startswith("kpis[1].period:")
    assert fields["kpis"][1]["period"] == "ส.ค. bal"  # the record given is not changed


def test_periods_are_left_as_read_when_none_bears_the_fiscal_year_out():
    # a fiscal year OCR misread (2558) must not re-date every period
    fields = {"fiscal_year": 2558, "kpis": [{"period": "ธ.ค. 67 – ก.พ. 68"}, {"period": "ส.ค. bal"}]}
    assert periods_dated(fields) == (fields, [])


def test_a_form_4_dates_its_periods_from_its_plans_fiscal_year():
    fields = {"fiscal_year": 25669, "plan": {"fiscal_year": 2569}, "kpis": [{"period": "ก.พ. 69 – ก.ย. 69"}, {"period": "ส.ค. ๒๙"}]}
    dated, _ = periods_dated(fields)
    assert dated["kpis"][1]["period"] == "ส.ค. ๖๙"


def test_periods_are_dated_when_the_form_and_its_plan_read_the_same_fiscal_year():
    # A photographed Form 4 in Thai digits (fresh tuning photo 1053): every period's ๖๘ read as "ba", so no
    # period bore the year out; the form's text and its plan both read 2568.
    fields = {"fiscal_year": 2568, "plan": {"fiscal_year": 2568},
              "kpis": [{"period": "ส.ค. ba"}, {"period": "มี.ค. - ก.ย. ba"}]}
    dated, warnings = periods_dated(fields)
    assert [kpi["period"] for kpi in dated["kpis"]] == ["ส.ค. 68", "มี.ค. - ก.ย. 68"] and len(warnings) == 2
    alone = {"fiscal_year": 2568, "plan": {"fiscal_year": 2558}, "kpis": fields["kpis"]}
    assert periods_dated(alone) == (alone, [])


def test_a_gantt_year_with_a_look_alike_thai_digit_is_the_one_year_a_record_may_hold():
    # A photographed plan in Thai digits (fresh tuning photo 1073): ปีงบประมาณ พ.ศ.: ๒๔๖๘, ๕ read as ๔; the plan
    # lost its fiscal year. ๘๕๖๘ (๘ for ๒) still reads as no year: no one swap of ๔ ๕ ๘ makes it one.
    from pipeline.document import Cell, Table
    from pipeline.extractors.gantt import read_plan

    months = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]

    def plan(year: str) -> Table:
        head = Cell("ขั้นตอนการดำเนินการ")
        fiscal = Cell(f"ปีงบประมาณ พ.ศ.: {year}")
        return Table([[head] + [fiscal] * 12, [head] + [Cell(m) for m in months],
                      [Cell("ประชุมคณะทำงาน")] + [Cell("", shaded=k == 1) for k in range(12)]])

    assert read_plan(plan("๒๔๖๘")).fiscal_year == 2568
    assert read_plan(plan("๘๕๖๘")).fiscal_year is None
    assert read_plan(plan("๒ ๕๖๘")).fiscal_year == 2568  # split by OCR with a space (a scan of the tuning half)


def test_a_phase_period_whose_month_ocr_misread_into_latin_takes_the_plans_month():
    # Form 3's ``(ธ.ค. -A.W. De)`` and ``(Qe. - ก.ย. 68)`` (scans of the tuning half): the month put as the attached
    # plan marks the phase, the year dated from the plan's fiscal year; a period whose months read is left.
    from pipeline.extractors.periods import phase_periods_mended

    steps = [{"name": "ประชุม", "phase": "creation", "months": [12, 1, 2]},
             {"name": "อบรม", "phase": "deployment", "months": [3, 4, 5, 6, 7]},
             {"name": "ติดตาม", "phase": "follow_up", "months": [6, 7, 8, 9]}]
    fields = {"plan_creation": "(ธ.ค. -A.W. De)สร้างคลังภาพ", "plan_deployment": "(มี.ค. - มิ.ย, ๖๘) อบรม",
              "plan_follow_up": "(Qe. - ก.ย. 68) ติดตามผล", "plan": {"fiscal_year": 2568, "steps": steps}}
    mended, warnings = phase_periods_mended("form3", fields)
    assert mended["plan_creation"] == "(ธ.ค. 67 – ก.พ. 68)สร้างคลังภาพ"
    assert mended["plan_deployment"] == "(มี.ค. - มิ.ย, ๖๘) อบรม"  # its months read (a comma for a dot)
    assert mended["plan_follow_up"] == "(มิ.ย. – ก.ย. 68) ติดตามผล"
    assert [w.split(":")[0] for w in warnings] == ["plan_creation", "plan_follow_up"]
    assert phase_periods_mended("form3", {**fields, "plan": {"steps": []}})[1] == []  # no plan, nothing put


def test_a_phase_period_whose_first_year_ocr_lost_or_misread_is_dated_from_the_plans_fiscal_year():
    # ``(ธ.ค. - ก.พ. ๖๘)`` and ``(พ.ย. - ก.พ. ๖๔)`` (scans of the tuning half): the ๖๗ after the months of the
    # calendar year before was lost, and ๖๘ read as ๖๔. A period of one calendar year keeps its one year.
    from pipeline.extractors.periods import phase_periods_mended

    fields = {"plan_creation": "(ธ.ค. - ก.พ. ๖๘) พัฒนาระบบ", "plan_deployment": "(มี.ค. - ก.ค. ๖๘) อบรม",
              "plan_follow_up": "(พ.ย. - ก.พ. ๖๔) ติดตั้งอุปกรณ์", "plan": {"fiscal_year": 2568, "steps": []}}
    mended, warnings = phase_periods_mended("form3", fields)
    assert mended["plan_creation"] == "(ธ.ค. ๖๗ - ก.พ. ๖๘) พัฒนาระบบ"
    assert mended["plan_deployment"] == "(มี.ค. - ก.ค. ๖๘) อบรม"
    assert mended["plan_follow_up"] == "(พ.ย. ๖๗ - ก.พ. ๖๘) ติดตั้งอุปกรณ์"
    assert [w.split(":")[0] for w in warnings] == ["plan_creation", "plan_follow_up"]
