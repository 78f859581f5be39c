"""The hand-written inputs of examples/: each loads as the README says, and data-file errors read well."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import RecordDataError
from pipeline.forms import KINDS
from pipeline.generate.stage import load_records
from pipeline.reports.inputs import load_notes
from pipeline.scoring.committee import read_csv
from pipeline.scoring.evidence import read_evaluations

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_has_an_example_data_file_that_loads(kind: str) -> None:
    [record] = load_records(EXAMPLES / f"{kind}.yaml")
    assert record.kind == kind and record.warnings == []
    assert record.fields.get("agency") in (None, "สำนักงานเขตบางกะปิ")


def test_the_plan_example_takes_thai_phase_labels() -> None:
    [plan] = load_records(EXAMPLES / "plan.yaml")
    assert "การสร้างนวัตกรรม" in (EXAMPLES / "plan.yaml").read_text(encoding="utf-8")
    assert {step["phase"] for step in plan.fields["steps"]} - {None} == {"creation", "deployment", "follow_up"}


def test_the_evaluators_decisions_committee_scores_and_notes_load() -> None:
    evaluations = read_evaluations(EXAMPLES / "evaluation.yaml")
    assert {e.agency for e in evaluations} >= {"สำนักงานเขตบางกะปิ"}
    scores = read_csv(EXAMPLES / "committee.csv")
    assert len(scores) == 3 and all(s.total > 0 for s in scores)
    [notes] = load_notes(EXAMPLES / "notes.yaml")
    assert notes.agency == "สำนักงานเขตบางกะปิ" and notes.quarter(1) is not None


def test_the_readme_points_to_every_example() -> None:
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    for path in EXAMPLES.iterdir():
        assert f"examples/{path.name}" in readme or f"{path.stem}.yaml" in readme, path.name


BAD = """\
- kind: plan
  fields:
    agency: สำนักงานเขตบางกะปิ
    fiscal_year: 68
    steps:
      - {name: สร้าง, phase: การสร้างนวัตกรรม, months: [ต.ค.]}
      - {name: ใช้, phase: การใช้, months: [พ.ย.]}
      - {name: ติดตาม, phse: follow_up, months: [13]}
- kind: form1
  fields:
    agency: บางกะปิ
    innovation_type: นวัตกรรมบริการ
    idea_nme: นัดเก็บขยะ
"""


def test_a_data_files_errors_come_all_at_once_with_places_from_1_did_you_mean_and_thai(tmp_path: Path) -> None:
    path = tmp_path / "records.yaml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(RecordDataError) as caught:
        load_records(path)
    en, th = caught.value.message_en, caught.value.message_th or ""
    assert "5 problems" in en
    assert "record 1 › fiscal_year: not a fiscal year" in en
    assert "record 1 › steps › 2 › phase" in en and "การใช้" in en
    assert "record 1 › steps › 3 › phse: there is no field 'phse'; did you mean 'phase'?" in en
    assert "record 1 › steps › 3 › months › 1: 13 must be at most 12" in en
    assert "record 2 › idea_nme: there is no field 'idea_nme'; did you mean 'idea_name'?" in en
    assert "record 2 › innovation_type" not in en  # the Thai label is the choice `service`
    assert "ไม่มีช่องชื่อ 'phse' หมายถึง 'phase' หรือไม่" in th and "ต้องไม่เกิน 12" in th
    assert "did you mean" not in th and "Extra inputs" not in en + th


def test_thai_and_english_enum_labels_are_the_choice(tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text("kind: form1\nfields: {agency: บางกะปิ, innovation_type: Service Innovation}\n", encoding="utf-8")
    [record] = load_records(path)
    assert record.fields["innovation_type"] == "service"
    assert any("สำนักงานเขตบางกะปิ" in w for w in record.warnings) is False  # a bare district name is an alias
