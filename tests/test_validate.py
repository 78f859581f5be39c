"""Validation: every rule fires on a record that breaks it and stays silent on the sample records that keep it."""

from collections.abc import Callable
from decimal import Decimal

import pytest

from pipeline import Record
from pipeline.samples import sample_agencies
from pipeline.scoring.rules import load_rules
from pipeline.scoring.validate import parse_target, validate_agency

PAGES_OK = {"form3": 1, "form4": 6}


def _agency(name_part: str) -> dict:
    return next(a for a in sample_agencies() if name_part in a["agency"])


def _validate(agency: dict, *, year: int = 2568, pages=None, fiscal_year: int = 2568):
    return validate_agency(agency["records"], load_rules(year), agency=agency["agency"],
                           agency_type=agency["agency_type"], fiscal_year=fiscal_year,
                           pages=PAGES_OK if pages is None else pages)


def _first(records, kind) -> Record:
    return next(r for r in records if r.kind == kind)


def _drop(records, kind, count=1):
    for _ in range(count):
        records.remove(_first(records, kind))


def _set(kind: str, **values) -> Callable[[list], None]:
    def change(records):
        _first(records, kind).fields.update(values)
    return change


def _kpis(change: Callable[[list], None]) -> Callable[[list], None]:
    def apply(records):
        change(_first(records, "form4").fields["kpis"])
    return apply


def _plan(change: Callable[[dict], None]) -> Callable[[list], None]:
    def apply(records):
        change(_first(records, "form3").fields["plan"])
    return apply


def _question_with_levels(records):
    survey = _first(records, "survey")
    survey.fields["questions"][0] = {"text": "สามระดับ", "counts": [5, 3, 2]}  # as a reader might hand it over


# (rule, the sample agency to start from, how to break it)
BREAKS = [
    ("documents.form1.count", "บางกะปิ", lambda r: _drop(r, "form1")),
    ("documents.form2.count", "บางกะปิ", lambda r: _drop(r, "form2")),
    ("documents.form2.count", "บางกะปิ", lambda r: r.append(_first(r, "form2").model_copy(deep=True))),
    ("documents.form3.count", "บางกะปิ", lambda r: _drop(r, "form3")),
    ("documents.form4.count", "บางกะปิ", lambda r: _drop(r, "form4")),
    ("documents.survey.count", "บางกะปิ", lambda r: _drop(r, "survey")),
    ("documents.certificate.count", "บางกะปิ", lambda r: _drop(r, "certificate")),
    ("documents.certificate.count", "ระบายน้ำ", _set("form3", agency_share_percent=70)),
    ("form1.required", "บางกะปิ", _set("form1", idea_name=None)),
    ("form2.required", "บางกะปิ", _set("form2", selection_process=None)),
    ("form3.required", "บางกะปิ", _set("form3", project_name=None)),
    ("policy.named", "บางกะปิ", _set("form1", policy=None)),
    ("policy.named", "ระบายน้ำ", _set("form3", policy=None)),
    ("innovation_type.one", "บางกะปิ", _set("form2", innovation_type=None)),
    ("innovation_type.one", "ประชาสัมพันธ์", _set("form1", innovation_type=None)),
    ("plan.attached", "บางกะปิ", _set("form3", plan=None)),
    ("plan.phases", "บางกะปิ", _plan(lambda p: p.update(steps=[s for s in p["steps"] if s["phase"] != "follow_up"]))),
    ("plan.phases", "ระบายน้ำ", _plan(lambda p: [s.update(months=[]) for s in p["steps"] if s["phase"] == "creation"])),
    ("plan.fiscal_year", "บางกะปิ", _plan(lambda p: p.update(fiscal_year=2567))),
    ("form4.kpis.count", "บางกะปิ", _kpis(lambda k: k.pop())),
    ("form4.kpis.output", "บางกะปิ", _kpis(lambda k: k[0].update(kind="outcome"))),
    ("form4.kpis.satisfaction", "บางกะปิ", _kpis(lambda k: k[1].update(target="ไม่น้อยกว่าร้อยละ 70"))),
    ("form4.kpis.satisfaction", "ระบายน้ำ", _kpis(lambda k: k[1].update(name="ร้อยละของผู้ใช้งานระบบ"))),
    ("form4.kpis.outcome", "บางกะปิ", _kpis(lambda k: k[3].update(kind="output"))),
    ("form4.risks", "บางกะปิ", _set("form4", risks=None)),
    ("certificate.agency_share", "บางกะปิ", _set("certificate", agency_share_percent=55, partner_share_percent=45)),
    ("certificate.shares_total", "บางกะปิ", _set("certificate", agency_share_percent=70, partner_share_percent=20)),
    ("survey.questions", "ประชาสัมพันธ์", lambda r: _first(r, "survey").fields["questions"].pop()),
    ("survey.levels", "บางกะปิ", _question_with_levels),
    ("survey.respondents", "บางกะปิ", lambda r: _first(r, "survey").fields["questions"][0].update(counts=[0, 0, 0, 0])),
]


@pytest.mark.parametrize(("rule", "agency", "change"), BREAKS, ids=[f"{r}-{i}" for i, (r, _, _) in enumerate(BREAKS)])
def test_rule_fires_on_a_record_that_breaks_it_and_not_on_the_sample(rule, agency, change):
    sample = _agency(agency)
    assert rule not in {f.rule for f in _validate(sample)}
    broken = _agency(agency)
    change(broken["records"])
    fired = [f for f in _validate(broken) if f.rule == rule]
    assert fired, rule
    assert all(f.severity == "error" and f.message_th and f.message_en for f in fired)
    assert all(f.document.agency == sample["agency"] for f in fired)


def test_the_three_samples_are_valid_under_fy2568():
    for agency in sample_agencies():
        assert _validate(agency) == [], agency["agency"]


def test_a_finding_names_the_document_by_kind_number_and_file():
    agency = _agency("บางกะปิ")
    records = agency["records"]
    second = [r for r in records if r.kind == "form1"][1]
    records[records.index(second)] = second.model_copy(update={"source": "in/form1-b.pdf",
                                                               "fields": {**second.fields, "policy": None}})
    finding = next(f for f in _validate(agency) if f.rule == "policy.named")
    assert (finding.document.kind, finding.document.number, finding.document.file) == ("form1", 2, "form1-b.pdf")
    assert finding.document.label_th() == "แบบฟอร์ม 1 ฉบับที่ 2"
    assert "form1 #2 (form1-b.pdf)" in finding.text()


def test_page_limits_fire_over_the_limit_and_warn_when_the_count_is_unknown():
    agency = _agency("บางกะปิ")
    rules = {f.rule: f.severity for f in _validate(agency, pages={"form3": 2, "form4": 7})}
    assert rules == {"form3.pages": "error", "form4.pages": "error"}
    rules = {f.rule: f.severity for f in _validate(agency, pages={})}
    assert rules == {"form3.pages": "warning", "form4.pages": "warning"}


def test_form1_count_depends_on_the_year_and_the_agency_type():
    for name, need in (("บางกะปิ", "15"), ("ระบายน้ำ", "20"), ("ประชาสัมพันธ์", "10")):
        agency = _agency(name)
        assert "documents.form1.count" not in {f.rule for f in _validate(agency, year=2568)}
        fired = [f for f in _validate(agency, year=2564) if f.rule == "documents.form1.count"]
        assert len(fired) == 1 and f"at least {need}" in fired[0].message_en


def test_a_plan_of_another_year_is_an_error_in_fy2568_and_a_warning_in_fy2564():
    agency = _agency("บางกะปิ")
    agency["records"] = [r for r in agency["records"] if r.kind != "form1"] + [
        r.model_copy(deep=True) for r in agency["records"] if r.kind == "form1"] * 7  # enough ideas for FY2564
    for year, severity in ((2568, "error"), (2564, "warning")):
        plans = [f for f in _validate(agency, year=year, fiscal_year=2569) if f.rule == "plan.fiscal_year"]
        assert plans and {f.severity for f in plans} == {severity}


def test_the_same_idea_twice_is_a_warning_and_counts_once():
    agency = _agency("บางกะปิ")
    agency["records"].append(_first(agency["records"], "form1").model_copy(deep=True))
    repeats = [f for f in _validate(agency) if f.rule == "form1.repeat"]
    assert len(repeats) == 1 and repeats[0].severity == "warning" and repeats[0].document.number == 4


def test_no_certificate_is_needed_without_outside_partners():
    agency = _agency("ระบายน้ำ")
    assert not any(r.kind == "certificate" for r in agency["records"])
    assert "documents.certificate.count" not in {f.rule for f in _validate(agency)}


@pytest.mark.parametrize(("text", "value", "at_most"), [
    ("ไม่น้อยกว่าร้อยละ 90", "90", False),
    ("ระดับมากขึ้นไป ไม่น้อยกว่า ร้อยละ 80", "80", False),
    ("ไม่น้อยกว่าร้อยละ ๘๕", "85", False),
    ("ลดลงไม่น้อยกว่าร้อยละ 40 จากค่าเฉลี่ยเดือนละ 85 จุด", "40", False),
    ("ไม่น้อยกว่า 1,500 ราย", "1500", False),
    ("ไม่เกิน 15 นาที (เดิมเฉลี่ย 3 ชั่วโมง)", "15", True),
    ("ไม่มากกว่า 2 วันทำการ", "2", True),
    ("ภายใน 3 วัน", "3", True),
    ("เพิ่มขึ้น", None, False),
])
def test_kpi_targets_are_read_with_their_sense(text, value, at_most):
    target = parse_target(text)
    assert target.value == (None if value is None else Decimal(value))
    assert target.at_most is at_most
