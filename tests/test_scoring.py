"""Scoring: every line explained, levels and bands, FY2568 against FY2564, missing evidence, the command."""

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from pipeline.scoring.committee import CommitteeScore, render_sheet
from pipeline.scoring.evidence import Evaluation, Evidence, KpiResult, load_folder, sample_evidence
from pipeline.scoring.rules import load_rules
from pipeline.scoring.score import ScoreCard, interpolated_level, level_of, score_agency, score_all

ROOT = Path(__file__).resolve().parent.parent
BANDS = [Decimal(b) for b in (20, 40, 60, 80, 100)]


def _sample(name_part: str) -> Evidence:
    return next(e for e in sample_evidence() if name_part in e.agency)


def _line(card: ScoreCard, item: str):
    return next(line for line in card.lines if line.item == item)


def _rules(card: ScoreCard) -> set[str]:
    return {f.rule for f in card.findings}


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=ROOT)


# --------------------------------------------------------------------------- the sample year
def test_sample_district_scores_every_line_with_rule_documents_and_reasons():
    card = score_agency(_sample("บางกะปิ"))
    assert [(ln.item, ln.earned) for ln in card.lines] == [
        ("ideas", 8), ("participation", 4), ("selection_form", 4), ("selection_evidence", 4),
        ("plan", Decimal("2.5")), ("creativity", Decimal("8.5")), ("benefit", 6),
        ("developed", 20), ("satisfaction", 10), ("outcome_1", 15), ("outcome_2", 15)]
    assert card.total == 97 and card.level == 4 and card.weighted == Decimal("4.85")
    assert sum(ln.possible for ln in card.lines) == card.possible == 100
    for line in card.lines:
        assert line.rule.startswith("fy2568:part") and line.documents and line.reason_th and line.reason_en
    assert "8 × min(1, 3 ÷ 3) = 8.00" in _line(card, "ideas").reason_en
    assert "81.083" in _line(card, "satisfaction").reason_en
    assert "93.4 ≥ 90 → 15.00" in _line(card, "outcome_1").reason_en
    assert card.findings == []


def test_below_target_outcomes_and_missing_evidence_earn_in_proportion_or_nothing():
    drainage = score_agency(_sample("ระบายน้ำ"))
    assert _line(drainage, "participation").earned == 0
    assert "no such evidence" in _line(drainage, "participation").reason_en
    assert _line(drainage, "outcome_1").earned == 15  # 12 minutes against "ไม่เกิน 15 นาที"
    assert _line(drainage, "outcome_2").earned == Decimal("14.40")  # 15 × 91.2 ÷ 95
    assert "15 × 91.2 ÷ 95 = 14.40" in _line(drainage, "outcome_2").reason_en
    unit = score_agency(_sample("ประชาสัมพันธ์"))
    assert _line(unit, "satisfaction").earned == Decimal("8.18")  # 65.500 % → 10 × 65.5 ÷ 80
    assert _line(unit, "outcome_1").earned == Decimal("11.53")  # at most 5 minutes, measured 6.5: 15 × 5 ÷ 6.5
    assert unit.total == Decimal("87.71")


@pytest.mark.parametrize(("total", "level", "interpolated"), [
    ("0", 0, "0"), ("19.99", 0, "0.99"), ("20", 1, "1"), ("39.99", 1, "1.99"), ("40", 2, "2"),
    ("59.99", 2, "2.99"), ("60", 3, "3"), ("70", 3, "3.5"), ("79.99", 3, "3.99"), ("80", 4, "4"),
    ("97", 4, "4.85"), ("99.99", 4, "4.99"), ("100", 5, "5"),
])
def test_every_level_band(total, level, interpolated):
    assert level_of(Decimal(total), BANDS) == level
    assert interpolated_level(Decimal(total), BANDS) == Decimal(interpolated)


# --------------------------------------------------------------------------- the rules of two years
def test_same_records_score_differently_under_fy2568_and_fy2564_where_the_rules_differ():
    new = {c.agency: c for c in score_all(sample_evidence(), 2568)}
    old = {c.agency: c for c in score_all(sample_evidence(), 2564)}
    expected_ideas = {"สำนักงานเขตบางกะปิ": "1.60", "สำนักการระบายน้ำ": "1.20", "สำนักงานประชาสัมพันธ์": "2.40"}
    for agency, ideas in expected_ideas.items():
        assert _line(new[agency], "ideas").earned == 8
        assert _line(old[agency], "ideas").earned == Decimal(ideas)
        assert new[agency].total - old[agency].total == 8 - Decimal(ideas)
        assert "documents.form1.count" in _rules(old[agency]) and "documents.form1.count" not in _rules(new[agency])
        assert "rules.year" in _rules(old[agency])
        assert {ln.item: ln.earned for ln in new[agency].lines if ln.item != "ideas"} == {
            ln.item: ln.earned for ln in old[agency].lines if ln.item != "ideas"}
    district = old["สำนักงานเขตบางกะปิ"]
    assert "8 × min(1, 3 ÷ 15) = 1.60" in _line(district, "ideas").reason_en
    assert district.rules_year == 2564 and _line(district, "ideas").rule == "fy2564:part1.ideas"


# --------------------------------------------------------------------------- missing or wrong evidence
def test_an_agency_with_nothing_yet_scores_zero_with_findings_not_a_crash():
    card = score_agency(Evidence("สำนักงานเขตดุสิต", 2568))
    assert card.total == 0 and card.level == 0 and card.agency_type == "district" and card.agency_type_from == "list"
    assert {"committee.missing", "evaluation.developed", "documents.form1.count", "documents.form4.count",
            "documents.survey.count"} <= _rules(card)
    assert all(ln.earned == 0 and ln.reason_en for ln in card.lines)


def test_a_form1_with_an_error_does_not_count_and_the_line_says_which():
    evidence = _sample("บางกะปิ")
    form1 = [r for r in evidence.records if r.kind == "form1"][1]
    form1.fields["policy"] = None
    card = score_agency(evidence)
    line = _line(card, "ideas")
    assert line.earned == Decimal("5.33")  # 8 × 2 ÷ 3 = 5.333… truncated
    assert "form1 #2 (policy.named)" in line.reason_en


def test_a_form2_with_an_error_earns_nothing():
    evidence = _sample("บางกะปิ")
    next(r for r in evidence.records if r.kind == "form2").fields["selection_criteria"] = None
    line = _line(score_agency(evidence), "selection_form")
    assert line.earned == 0 and "form2.required" in line.reason_en


def test_a_survey_that_breaks_the_method_earns_no_satisfaction_points():
    evidence = _sample("บางกะปิ")
    survey = next(r for r in evidence.records if r.kind == "survey")
    survey.fields["questions"] = survey.fields["questions"][:4]
    line = _line(score_agency(evidence), "satisfaction")
    assert line.earned == 0 and "survey.questions" in line.reason_en


@pytest.mark.parametrize(("result", "target", "earned"), [
    ("achieved", None, "15"), ("not achieved", None, "0"), (80, None, "13.33"), (90, None, "15"),
    (10, "ไม่เกิน 5 วัน", "7.50"), (5, "ไม่เกิน 5 วัน", "15"),
])
def test_outcome_kpi_points(result, target, earned):
    evidence = _sample("บางกะปิ")
    outcomes = [KpiResult(result=result, target=target), *evidence.evaluation.outcomes[1:]]
    evidence.evaluation = evidence.evaluation.model_copy(update={"outcomes": outcomes})
    assert _line(score_agency(evidence), "outcome_1").earned == Decimal(earned)


def test_a_target_without_a_number_needs_the_evaluators_word():
    evidence = _sample("บางกะปิ")
    form4 = next(r for r in evidence.records if r.kind == "form4")
    form4.fields["kpis"][2]["target"] = "ประชาชนได้รับบริการตรงวันนัด"
    card = score_agency(evidence)
    assert _line(card, "outcome_1").earned == 0 and "outcome.target_1" in _rules(card)


def test_outcomes_without_partial_credit_when_the_rules_say_none():
    rules = load_rules(2568)
    strict = rules.model_copy(update={"outcomes": rules.outcomes.model_copy(update={"partial": "none"})})
    assert _line(score_agency(_sample("ระบายน้ำ"), strict), "outcome_2").earned == 0


# --------------------------------------------------------------------------- an evidence folder
def _folder(tmp_path: Path, committee_rows: list[str]) -> Path:
    folder = tmp_path / "evidence"
    folder.mkdir()
    for n, record in enumerate(_sample("บางกะปิ").records, 1):
        data = record.to_json() | {"source": f"doc{n:02}.docx"}
        (folder / f"doc{n:02}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    header = "agency,fiscal_year,project_name,plan_points,creativity_points,benefit_points,committee_name,signed_date,note"
    (folder / "committee.csv").write_text("\n".join([header, *committee_rows]) + "\n", encoding="utf-8")
    evaluation = {"evaluations": [{"agency": "สำนักงานเขตบางกะปิ", "fiscal_year": 2568,
                                   "participation": {"present": True}, "selection": {"present": True},
                                   "developed": {"value": True, "note": "เปิดใช้งานแล้ว"},
                                   "outcomes": [{"result": "๙๕"}, {"result": "achieved", "note": "รายงานผล"}],
                                   "pages": {"form3": 2, "form4": 6}}]}
    (folder / "evaluation.yaml").write_text(yaml.safe_dump(evaluation, allow_unicode=True), encoding="utf-8")
    return folder


def test_a_folder_of_extracted_records_with_committee_csv_and_evaluation_is_scored(tmp_path):
    folder = _folder(tmp_path, ["สำนักงานเขตบางกะปิ,2568,,3,9,7,นาย ก,2025-01-28,"])
    [evidence] = load_folder(folder)
    assert evidence.agency_type is None and evidence.fiscal_year == 2568
    card = score_agency(evidence)
    assert card.agency_type == "district" and card.agency_type_from == "list"
    assert card.parts[1].earned == 19 and card.total == 99
    assert "form3.pages" in _rules(card)  # 2 pages: an error, but no points are lost for it
    form1 = _line(card, "ideas").documents[0]
    assert (form1.kind, form1.number, form1.file) == ("form1", 1, "doc01.docx")


def test_a_bad_committee_row_is_a_finding_and_part_2_earns_nothing(tmp_path):
    folder = _folder(tmp_path, ["สำนักงานเขตบางกะปิ,2568,,3,12,7,นาย ก,2025-01-28,"])
    card = score_agency(load_folder(folder)[0])
    assert card.parts[1].earned == 0
    bad = [f for f in card.findings if f.rule == "evidence.unusable"]
    assert bad and "creativity_points 12 is outside 0–10" in bad[0].message_en
    assert "committee.missing" in _rules(card)


def test_a_committee_sheet_in_the_folder_is_read(tmp_path):
    folder = _folder(tmp_path, [])
    score = CommitteeScore(agency="สำนักงานเขตบางกะปิ", fiscal_year=2568,
                           points={"plan": Decimal(2), "creativity": Decimal(6), "benefit": Decimal(4)})
    render_sheet(folder / "committee-bangkapi.docx", agency=score.agency, fiscal_year=2568, score=score)
    card = score_agency(load_folder(folder)[0])
    assert card.parts[1].earned == 12
    assert "committee-bangkapi.docx" in _line(card, "plan").reason_en


def test_an_evaluation_file_that_does_not_fit_is_an_error_naming_the_entry(tmp_path):
    folder = _folder(tmp_path, [])
    (folder / "evaluation.yaml").write_text("evaluations:\n  - agency: ก\n    developd: {value: true}\n",
                                           encoding="utf-8")
    with pytest.raises(Exception) as err:
        load_folder(folder)
    assert "evaluation 1" in str(err.value) and "developd" in str(err.value)


def test_evaluation_is_typed():
    entry = Evaluation(agency="ก", outcomes=[{"result": "ไม่บรรลุ"}, {"result": "๑๒.๕"}])
    assert [o.result for o in entry.outcomes] == ["not achieved", Decimal("12.5")]


# --------------------------------------------------------------------------- the command
def test_score_command_prints_every_agency_of_the_sample_year():
    run = _run("score", "--sample")
    assert run.returncode == 0, run.stderr
    for phrase in ("สำนักงานเขตบางกะปิ", "สำนักการระบายน้ำ", "สำนักงานประชาสัมพันธ์", "[fy2568:part1.ideas]",
                   "คะแนนรวม / total: 97.00 / 100", "level: 4 (80 ≤ 97.00 < 100)", "97.00 × 5 ÷ 100 = 4.85"):
        assert phrase in run.stdout, phrase


def test_score_command_json_for_one_agency_under_another_year():
    run = _run("score", "--sample", "--agency", "บางกะปิ", "--fiscal-year", "2564", "--json")
    assert run.returncode == 0, run.stderr
    [card] = json.loads(run.stdout)
    assert card["agency"] == "สำนักงานเขตบางกะปิ" and card["rules_year"] == 2564
    assert card["total"] == 90.6 and card["level"] == 4 and card["weighted"] == 4.53
    assert card["lines"][0]["earned"] == 1.6 and card["lines"][0]["possible"] == 8


def test_score_command_with_an_evidence_folder_and_an_unknown_agency(tmp_path):
    folder = _folder(tmp_path, ["สำนักงานเขตบางกะปิ,2568,,3,9,7,นาย ก,2025-01-28,"])
    run = _run("score", "--evidence", str(folder))
    assert run.returncode == 0, run.stderr
    assert "คะแนนรวม / total: 99.00 / 100" in run.stdout
    run = _run("score", "--sample", "--agency", "บางรัก")
    assert run.returncode == 2 and "no evidence for agency 'บางรัก'" in run.stderr


def test_a_record_file_that_cannot_be_read_is_a_finding_and_the_others_are_still_scored(tmp_path):
    folder = _folder(tmp_path, ["สำนักงานเขตบางกะปิ,2568,,3,9,7,นาย ก,2025-01-28,"])
    (folder / "broken.json").write_text('{"kind": "form1", "fields": {"agnecy": "x"}}', encoding="utf-8")
    card = score_agency(load_folder(folder)[0])
    bad = [f for f in card.findings if f.rule == "evidence.unusable"]
    assert bad and bad[0].document.kind == "evidence" and bad[0].document.file == "broken.json"
    assert "agnecy" in bad[0].message_en
    assert card.total == 99


def test_evaluator_findings_give_all_or_nothing_and_say_so_pending_included():
    evidence = _sample("บางกะปิ")
    found = score_agency(evidence)
    assert _line(found, "participation").earned == 4 and "found the evidence" in _line(found, "participation").reason_en
    assert _line(found, "developed").earned == 20
    assert "พัฒนานวัตกรรมสำเร็จ" in _line(found, "developed").reason_th
    evaluation = Evaluation.model_validate(
        {**evidence.evaluation.model_dump(), "developed": {"value": False, "note": "ยังไม่เปิดใช้"}})
    refused = score_agency(Evidence(**{**vars(evidence), "evaluation": evaluation}))
    assert _line(refused, "developed").earned == 0
    assert _line(refused, "developed").reason_en.startswith("the evaluator decided the innovation was not developed")
    assert "ยังไม่เปิดใช้" in _line(refused, "developed").reason_th
    pending = score_agency(Evidence(**{**vars(evidence), "evaluation": None}))
    assert _line(pending, "developed").earned == 0 and _line(pending, "participation").earned == 0
    assert _line(pending, "participation").reason_en == "no evaluator's decision yet → 0"
    assert {"evaluation.developed", "evaluation.participation"} <= _rules(pending)
