"""Records: one model per kind, keys exactly as FORMS.md, values parsed from the way people write them."""

import json
import subprocess
import sys

import pytest

from pipeline import KINDS, Record, json_schema
from pipeline.errors import RecordDataError

FORMS_MD_KEYS = {
    "form1": "section_unit division agency idea_name policy innovation_type problem_discovery problem approach "
             "innovation internal_partners external_partners proposer_name supervisor_name head_name",
    "form2": "agency idea_name project_name policy innovation_type innovation innovation_origin extended_from "
             "extended_current extended_what selection_criteria selection_process head_name signed_date",
    "form3": "agency project_name innovation policy problem impact new_approach expected_benefits objectives "
             "plan_creation plan_deployment plan_follow_up tools partner partner_work agency_share_percent "
             "uses_budget budget_source budget_amount_baht no_budget_reason target_users affected_groups plan",
    "plan": "agency project_name innovation policy fiscal_year steps",
    "form4": "project_name agency fiscal_year problem objectives targets project_nature is_continuing duration "
             "approach plan budget risks benefits kpis survey_population survey_count evaluation proposer_name "
             "approver_name",
    "certificate": "agency project_name innovation partner agency_share_percent agency_scope partner_share_percent "
                   "partner_scope agency_rep_name partner_rep_name",
    "survey": "agency project_name respondents_group questions",
}


@pytest.mark.parametrize("kind", list(FORMS_MD_KEYS))
def test_record_keys_are_exactly_those_of_forms_md(kind):
    assert list(json_schema(kind)["properties"]) == FORMS_MD_KEYS[kind].split()


def test_every_kind_has_a_model():
    assert set(KINDS) == set(FORMS_MD_KEYS)


def test_values_written_in_thai_digits_become_numbers_and_dates_become_iso():
    rec = Record.from_data({"kind": "form2", "fields": {"signed_date": "๑๕ ม.ค. ๒๕๖๘", "head_name": "  "}})
    assert rec.fields["signed_date"] == "2025-01-15"
    assert rec.fields["head_name"] is None
    rec = Record.from_data({"agency_share_percent": "ร้อยละ ๗๐", "uses_budget": "false",
                            "plan": {"fiscal_year": "๒๕๖๘", "steps": [{"name": "ออกแบบ", "phase": "creation",
                                                                        "months": ["พ.ย.", 10, "10"]}]}},
                           kind="form3")
    assert rec.fields["agency_share_percent"] == 70
    assert rec.fields["uses_budget"] is False
    assert rec.fields["plan"]["fiscal_year"] == 2568
    assert rec.fields["plan"]["steps"][0]["months"] == [10, 11]


def test_survey_blank_or_dash_counts_are_zero():
    rec = Record.from_data({"questions": [{"text": "สะดวก", "counts": ["๕", 3, "", "-"]}]}, kind="survey")
    assert rec.fields["questions"][0]["counts"] == [5, 3, 0, 0]


def test_unknown_field_is_an_error_that_names_it_in_english_and_thai():
    with pytest.raises(RecordDataError) as err:
        Record.from_data({"agnecy": "สำนักงานเขตบางรัก"}, kind="form1")
    assert "agnecy" in str(err.value) and "ไม่มีช่องชื่อ" in str(err.value) and "did you mean 'agency'" in str(err.value)


def test_innovation_type_outside_the_three_choices_is_an_error():
    with pytest.raises(RecordDataError):
        Record.from_data({"innovation_type": "digital"}, kind="form1")


def test_schema_command_prints_json_schema():
    out = subprocess.run([sys.executable, "-m", "pipeline", "schema", "form4"], capture_output=True, text=True,
                         check=True).stdout
    schema = json.loads(out)
    assert "kpis" in schema["properties"] and "risks" in schema["properties"]
