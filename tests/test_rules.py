"""Rules as data: one file per fiscal year, checked when loaded, every formula stated."""

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from pipeline.scoring.rules import DEFAULT_FISCAL_YEAR, RulesError, available_years, load_rules, parse_rules

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "pipeline" / "data" / "rules"


def _raw(year: int) -> dict:
    return yaml.safe_load((RULES_DIR / f"fy{year}.yaml").read_text(encoding="utf-8"))


def test_fy2568_is_the_default_and_fy2564_is_there_too():
    assert DEFAULT_FISCAL_YEAR == 2568
    assert load_rules().fiscal_year == 2568
    assert {2564, 2568} <= set(available_years())


@pytest.mark.parametrize("year", [2564, 2568])
def test_parts_and_items_add_up_to_the_seeds_points(year):
    rules = load_rules(year)
    assert [p.points for p in rules.parts] == [20, 20, 60]
    assert rules.total_points == 100
    assert {i.id: i.points for i in rules.committee_items()} == {"plan": 3, "creativity": 10, "benefit": 7}
    part3 = {i.id: i.points for i in rules.parts[2].items}
    assert part3 == {"developed": 20, "satisfaction": 10, "outcome_1": 15, "outcome_2": 15}
    assert rules.weight_percent == 5
    assert rules.levels.bands == [20, 40, 60, 80, 100]
    assert (rules.satisfaction.full_at_percent, rules.satisfaction.zero_below_percent) == (80, 50)


@pytest.mark.parametrize("year", [2564, 2568])
def test_every_item_and_every_partial_credit_states_its_formula(year):
    rules = load_rules(year)
    for _, item in rules.items():
        assert len(item.formula) > 20, item.id
    for formula in (rules.satisfaction.formula, rules.outcomes.formula, rules.levels.formula):
        assert "truncated" in formula or "level" in formula
    assert "8 × min(1, ideas counted ÷ ideas required)" in rules.parts[0].items[0].formula
    assert "10 × percent ÷ 80" in rules.satisfaction.formula


def test_form1_counts_differ_by_year_and_agency_type():
    new, old = load_rules(2568), load_rules(2564)
    assert {t: new.form1_required(t) for t in new.agency_types} == {
        "district": 3, "permanent_secretary_unit": 3, "department": 3}
    assert {t: old.form1_required(t) for t in old.agency_types} == {
        "district": 15, "permanent_secretary_unit": 10, "department": 20}
    assert old.validation.plan.fiscal_year_severity == "warning"
    assert new.validation.plan.fiscal_year_severity == "error"
    assert "แบบฟอร์ม 5" in old.documents["survey"].th


@pytest.mark.parametrize(("name", "agency_type"), [
    ("สำนักงานเขตบางกะปิ", "district"),
    ("สำนักงานเขต สัมพันธวงศ์", "district"),
    ("สำนักการระบายน้ำ", "department"),
    ("สำนักงาน ก.ก.", "department"),
    ("สำนักงานประชาสัมพันธ์", "permanent_secretary_unit"),
    ("สำนักงานเลขานุการผู้ว่าราชการกรุงเทพมหานคร", "permanent_secretary_unit"),
    ("กองกลาง", "permanent_secretary_unit"),
    ("หน่วยงานที่ไม่รู้จัก", "permanent_secretary_unit"),
])
def test_agency_type_is_inferred_from_the_name(name, agency_type):
    assert load_rules(2568).agency_type_of(name) == agency_type


def test_a_year_without_rules_is_an_error_naming_the_years_that_have_them():
    with pytest.raises(RulesError) as err:
        load_rules(2550)
    assert "2564" in str(err.value) and "2568" in str(err.value) and "fy2550.yaml" in str(err.value)


def test_adding_a_year_is_adding_a_file_of_the_same_shape():
    raw = _raw(2568) | {"fiscal_year": 2569}
    assert parse_rules(raw, "fy2569.yaml").fiscal_year == 2569


def test_items_that_do_not_add_up_to_their_part_are_refused_with_the_place_named():
    raw = _raw(2568)
    raw["parts"][1]["items"][1]["points"] = 11
    with pytest.raises(RulesError) as err:
        parse_rules(raw, "fy2568-broken.yaml")
    assert "part 2" in str(err.value) and "fy2568-broken.yaml" in str(err.value)


def test_an_unknown_key_or_method_in_a_rules_file_is_refused():
    raw = _raw(2568)
    raw["parts"][0]["items"][0]["method"] = "guess"
    with pytest.raises(RulesError) as err:
        parse_rules(raw)
    assert "method" in str(err.value)
    raw = _raw(2568) | {"weight": 5}
    with pytest.raises(RulesError):
        parse_rules(raw)


def test_a_form1_count_missing_for_an_agency_type_is_refused():
    raw = _raw(2564)
    del raw["documents"]["form1"]["min_by_agency_type"]["district"]
    with pytest.raises(RulesError) as err:
        parse_rules(raw)
    assert "district" in str(err.value)


def test_scoring_doc_states_every_formula_of_the_rules():
    doc = (ROOT / "docs" / "SCORING.md").read_text(encoding="utf-8")
    assert "## Scoring rules" in doc
    for phrase in ("8 × min(1,", "10 × percent ÷ 80", "15 × result ÷ target", "15 × target ÷ result",
                   "truncated", "total × 5 ÷ 100", "(4 × n4 + 3 × n3)", "level"):
        assert phrase in doc, phrase
    assert Decimal(load_rules().weight_percent) == 5
