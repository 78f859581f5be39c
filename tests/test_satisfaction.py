"""Satisfaction: the seed's method and worked example, the 50 % / 80 % boundaries, and the command."""

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline import Record
from pipeline.errors import RecordDataError
from pipeline.scoring.rules import load_rules
from pipeline.scoring.satisfaction import evaluate_survey, question_score, satisfaction_points, survey_percent

ROOT = Path(__file__).resolve().parent.parent
# ตัวอย่าง of seed 004: 10 respondents, 5 questions → ค่าคะแนนเฉลี่ย 3.200 → ร้อยละ 80.000
SEED_COUNTS = [[5, 5, 0, 0], [4, 4, 2, 0], [5, 4, 1, 0], [4, 6, 0, 0], [4, 5, 0, 1]]
SEED_QUESTION_SCORES = ["3.500", "2.800", "3.200", "3.400", "3.100"]


def _survey(counts) -> Record:
    return Record.from_data({"agency": "สำนักงานเขตตัวอย่าง",
                             "questions": [{"text": f"ข้อ {n}", "counts": c} for n, c in enumerate(counts, 1)]},
                            kind="survey")


def test_seed_worked_example_gives_80_000_percent_and_10_points():
    result = evaluate_survey(_survey(SEED_COUNTS))
    assert [str(q.score) for q in result.questions] == SEED_QUESTION_SCORES
    assert str(result.mean) == "3.200"
    assert str(result.percent) == "80.000"
    assert result.points == Decimal(10)


def test_only_the_two_top_levels_count_towards_a_question():
    assert question_score([0, 0, 6, 4]) == 0
    assert question_score([1, 1, 1, 1]) == Decimal(7) / 4


def test_a_mean_that_does_not_end_is_kept_exact_and_shown_to_six_places():
    result = evaluate_survey(_survey([[24, 22, 3, 1], [22, 25, 2, 1], [25, 21, 3, 1]] * 2))
    assert result.mean_exact == "3.253333…" and str(result.mean) == "3.253"
    assert str(result.percent) == "81.333"  # from the exact mean, not from 3.253 (which gives 81.325)


def test_percent_is_rounded_half_up_to_three_decimals():
    # scores 3 and 3.25 → mean 3.125 → 78.125 exactly; 3 and 10/3 → 3.1666… → 79.1666… → 79.167
    assert str(survey_percent([[0, 4, 0, 0], [1, 3, 0, 0]])[1]) == "78.125"
    assert str(survey_percent([[0, 3, 0, 0], [1, 2, 0, 0]])[1]) == "79.167"


@pytest.mark.parametrize(("percent", "points"), [
    ("0", "0"), ("49.999", "0"), ("50", "6.25"), ("50.000", "6.25"), ("64", "8.00"),
    ("79.999", "9.99"), ("80", "10"), ("80.000", "10"), ("100", "10"),
])
def test_points_at_the_boundaries(percent, points):
    rules = load_rules(2568)
    earned, formula = satisfaction_points(Decimal(percent), rules.satisfaction, Decimal(10))
    assert earned == Decimal(points)
    assert percent in formula


def test_between_50_and_80_is_in_proportion_to_the_target_and_never_rounds_up_to_full_points():
    rules = load_rules(2568)
    earned, formula = satisfaction_points(Decimal("79.999"), rules.satisfaction, Decimal(10))
    assert earned < 10 and "10 × 79.999 ÷ 80" in formula


def test_a_question_nobody_answered_cannot_be_scored():
    with pytest.raises(RecordDataError) as err:
        evaluate_survey(_survey([*SEED_COUNTS, [0, 0, 0, 0]]))
    assert "nobody answered" in str(err.value)


def test_satisfaction_command_prints_percent_and_points_of_an_extract_record(tmp_path):
    path = tmp_path / "survey.json"
    path.write_text(json.dumps(_survey(SEED_COUNTS).to_json(), ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pipeline", "satisfaction", str(path)], capture_output=True,
                         text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().endswith("80.000 % → 10 points")
    assert "(4×5 + 3×5) ÷ 10 = 3.500" in run.stdout


def test_satisfaction_command_takes_bare_fields_in_yaml_with_thai_digits_and_prints_json(tmp_path):
    path = tmp_path / "survey.yaml"
    rows = "\n".join(f"  - {{text: ข้อ {n}, counts: [{', '.join(str(c) for c in counts)}]}}"
                     for n, counts in enumerate(SEED_COUNTS, 1)).replace("5", "๕")
    path.write_text(f"agency: สำนักงานเขตตัวอย่าง\nquestions:\n{rows}\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pipeline", "satisfaction", str(path), "--json"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["percent"] == 80.0 and data["points"] == 10


def test_satisfaction_command_refuses_a_record_that_is_not_a_survey(tmp_path):
    path = tmp_path / "form1.json"
    path.write_text('{"kind": "form1", "fields": {}}', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pipeline", "satisfaction", str(path)], capture_output=True,
                         text=True, cwd=ROOT)
    assert run.returncode == 2
    assert "not a survey" in run.stderr and "ไม่ใช่แบบสำรวจ" in run.stderr
