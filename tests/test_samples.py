"""The embedded sample year: three agencies, each with a complete, consistent and valid set of FY2568 forms."""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from pipeline.errors import UnknownKindError
from pipeline.samples import sample_agencies, sample_records

FISCAL_MONTHS = {10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9}
PHASES = {"creation", "deployment", "follow_up"}
SATISFACTION_KPI = "ร้อยละความพึงพอใจของผู้ใช้นวัตกรรม"


def _by_type() -> dict[str, dict]:
    return {agency["agency_type"]: agency for agency in sample_agencies()}


def _only(agency: dict, kind: str) -> dict:
    found = [record.fields for record in agency["records"] if record.kind == kind]
    assert len(found) == 1, f"{agency['agency']}: {len(found)} {kind} records"
    return found[0]


def _satisfaction_percent(survey: dict) -> float:
    """The seed's rule: per question (4·n4 + 3·n3) / N, mean over questions, × 100 / 4."""
    scores = [(4 * c[0] + 3 * c[1]) / sum(c) for c in (q["counts"] for q in survey["questions"])]
    return sum(scores) / len(scores) * 100 / 4


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def test_the_sample_year_has_one_agency_of_each_type():
    agencies = sample_agencies()
    assert sorted(a["agency_type"] for a in agencies) == ["department", "district", "permanent_secretary_unit"]
    assert all(a["fiscal_year"] == 2568 for a in agencies)
    by_type = _by_type()
    assert by_type["district"]["agency"].startswith("สำนักงานเขต")
    assert by_type["department"]["agency"].startswith("สำนัก")


@pytest.mark.parametrize("agency_type", ["department", "district", "permanent_secretary_unit"])
def test_each_agency_has_three_ideas_and_one_of_every_other_form(agency_type):
    agency = _by_type()[agency_type]
    kinds = Counter(record.kind for record in agency["records"])
    expected = {"form1": 3, "form2": 1, "form3": 1, "plan": 1, "form4": 1, "survey": 1}
    if agency_type == "district":
        expected["certificate"] = 1
    assert kinds == expected


@pytest.mark.parametrize("agency_type", ["department", "district", "permanent_secretary_unit"])
def test_the_selected_idea_is_one_of_three_different_ideas(agency_type):
    agency = _by_type()[agency_type]
    ideas = [r.fields for r in agency["records"] if r.kind == "form1"]
    names = [idea["idea_name"] for idea in ideas]
    assert len(set(names)) == 3
    form2 = _only(agency, "form2")
    selected = [idea for idea in ideas if idea["idea_name"] == form2["idea_name"]]
    assert len(selected) == 1
    assert selected[0]["innovation"] == form2["innovation"]
    assert selected[0]["policy"] == form2["policy"]


@pytest.mark.parametrize("agency_type", ["department", "district", "permanent_secretary_unit"])
def test_forms_of_one_agency_agree_on_agency_project_innovation_and_policy(agency_type):
    agency = _by_type()[agency_type]
    name = agency["agency"]
    assert all(r.fields["agency"] == name for r in agency["records"])
    form2, form3, form4 = (_only(agency, k) for k in ("form2", "form3", "form4"))
    project = form2["project_name"]
    assert all(r.fields["project_name"] == project for r in agency["records"] if r.kind != "form1")
    for fields in (form3, form3["plan"], _only(agency, "plan")):
        assert fields["innovation"] == form2["innovation"]
        assert fields["policy"] == form2["policy"]
    assert form4["kpis"][0]["name"] == form2["innovation"]


@pytest.mark.parametrize("agency_type", ["department", "district", "permanent_secretary_unit"])
def test_form3_plan_has_all_three_phases_with_months_in_the_fiscal_year(agency_type):
    agency = _by_type()[agency_type]
    plan = _only(agency, "form3")["plan"]
    assert plan["fiscal_year"] == 2568
    months_of = {phase: set() for phase in PHASES}
    for step in plan["steps"]:
        assert set(step["months"]) <= FISCAL_MONTHS
        assert not step["name"][0].isdigit(), step["name"]
        if step["phase"]:
            months_of[step["phase"]] |= set(step["months"])
    assert all(months_of[phase] for phase in PHASES), months_of
    assert any(step["name"].startswith("ประชุมคณะทำงาน") for step in plan["steps"])
    assert _only(agency, "plan") == plan


@pytest.mark.parametrize("agency_type", ["department", "district", "permanent_secretary_unit"])
def test_form4_plan_is_the_form3_plan_under_the_form4_header(agency_type):
    agency = _by_type()[agency_type]
    form3, form4 = _only(agency, "form3"), _only(agency, "form4")
    plan = form4["plan"]
    assert plan["innovation"] is None and plan["policy"] is None
    assert (plan["agency"], plan["project_name"]) == (form4["agency"], form4["project_name"])
    assert plan["steps"] == form3["plan"]["steps"]


@pytest.mark.parametrize("agency_type", ["department", "district", "permanent_secretary_unit"])
def test_form4_has_output_kpi_then_satisfaction_then_two_outcome_kpis(agency_type):
    form4 = _only(_by_type()[agency_type], "form4")
    kpis = form4["kpis"]
    assert [k["kind"] for k in kpis] == ["output", "outcome", "outcome", "outcome"]
    assert kpis[1]["name"] == SATISFACTION_KPI
    assert kpis[1]["target"] == "ระดับมากขึ้นไป ไม่น้อยกว่าร้อยละ 80"
    assert all(any(ch.isdigit() for ch in k["target"]) for k in kpis[2:])
    assert 2 <= len(form4["risks"]) <= 3
    assert form4["survey_population"] and form4["survey_count"] > 0


@pytest.mark.parametrize("agency_type", ["department", "district", "permanent_secretary_unit"])
def test_survey_has_five_or_more_questions_answered_by_everyone_surveyed(agency_type):
    agency = _by_type()[agency_type]
    survey, form4 = _only(agency, "survey"), _only(agency, "form4")
    assert len(survey["questions"]) >= 5
    assert all(len(q["counts"]) == 4 for q in survey["questions"])
    assert {sum(q["counts"]) for q in survey["questions"]} == {form4["survey_count"]}


def test_satisfaction_lands_high_for_the_department_just_above_80_for_the_district_and_below_for_the_unit():
    percent = {t: _satisfaction_percent(_only(a, "survey")) for t, a in _by_type().items()}
    assert percent["department"] >= 85
    assert 80 < percent["district"] <= 82.5
    assert 50 < percent["permanent_secretary_unit"] < 80


def test_only_the_district_office_works_with_an_external_partner_and_has_a_certificate():
    by_type = _by_type()
    district = by_type["district"]
    certificate = _only(district, "certificate")
    assert certificate["agency_share_percent"] + certificate["partner_share_percent"] == 100
    assert certificate["agency_share_percent"] >= 60
    form3 = _only(district, "form3")
    assert form3["partner"] == certificate["partner"]
    assert form3["agency_share_percent"] == certificate["agency_share_percent"]
    selected = _only(district, "form2")["idea_name"]
    idea = next(r.fields for r in district["records"] if r.kind == "form1" and r.fields["idea_name"] == selected)
    assert [(p["name"], p["share_percent"]) for p in idea["external_partners"]] == [
        (certificate["partner"], certificate["partner_share_percent"])]
    for agency_type in ("department", "permanent_secretary_unit"):
        agency = by_type[agency_type]
        assert not any(r.kind == "certificate" for r in agency["records"])
        assert not any(r.fields["external_partners"] for r in agency["records"] if r.kind == "form1")
        assert _only(agency, "form3")["agency_share_percent"] is None


def test_exactly_one_agency_uses_a_budget_and_the_others_say_why_not():
    form3s = {t: _only(a, "form3") for t, a in _by_type().items()}
    with_budget = [t for t, f in form3s.items() if f["uses_budget"]]
    assert len(with_budget) == 1
    spender = form3s[with_budget[0]]
    assert spender["budget_source"] and spender["budget_amount_baht"] > 0 and spender["no_budget_reason"] is None
    for agency_type, form3 in form3s.items():
        if agency_type not in with_budget:
            assert form3["uses_budget"] is False and form3["no_budget_reason"]
            assert form3["budget_amount_baht"] is None


def _form3_limit(key: str) -> int:
    """Form 3 at 14 pt fills one A4 page only if most answers take one line of the detail column."""
    if key in ("agency", "project_name", "innovation", "policy", "partner"):
        return 95  # shared with the agency's other records
    if key.startswith("plan_"):
        return 75
    if key == "expected_benefits":
        return 90  # its topic cell takes two lines anyway
    return 60


def test_form3_texts_are_short_enough_for_one_page():
    for form3 in (r.fields for r in sample_records("form3")):
        for key, value in form3.items():
            if isinstance(value, str):
                limit = _form3_limit(key)
                assert len(value) <= limit, f"{form3['agency']} {key}: {len(value)} characters, at most {limit}"


def test_samples_hold_a_multiline_value_and_an_ampersand_but_no_template_syntax():
    texts = [t for r in sample_records() for t in _texts(r.fields)]
    assert any("\n" in t for t in texts)
    assert any("&" in t and "(" in t and ")" in t for t in texts)
    assert not [t for t in texts if "<" in t or ">" in t or "{{" in t or "{%" in t]


def test_signatures_are_names_with_a_thai_title():
    keys = ("proposer_name", "supervisor_name", "head_name", "approver_name", "agency_rep_name", "partner_rep_name")
    names = [r.fields[k] for r in sample_records() for k in keys if k in r.fields]
    assert names and all(n.startswith(("นาย", "นาง", "นางสาว")) and " " in n for n in names)


def test_sample_records_filters_by_kind_and_rejects_an_unknown_kind():
    assert len(sample_records("form1")) == 9
    assert {r.kind for r in sample_records("survey")} == {"survey"}
    assert len(sample_records()) == sum(len(a["records"]) for a in sample_agencies())
    with pytest.raises(UnknownKindError):
        sample_records("form9")


def test_changing_a_returned_record_does_not_change_the_samples():
    sample_records("form2")[0].fields["agency"] = "แก้ไขแล้ว"
    assert "แก้ไขแล้ว" not in {r.fields["agency"] for r in sample_records("form2")}


def test_samples_load_from_the_package_whatever_the_working_directory(tmp_path):
    code = "from pipeline.samples import sample_agencies; print(len(sample_agencies()))"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "3"
