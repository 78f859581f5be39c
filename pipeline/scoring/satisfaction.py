"""Users' satisfaction exactly as the seed computes it: question scores, mean, percent and the points it earns."""

from __future__ import annotations

import json
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from pipeline.errors import RecordDataError
from pipeline.records import Record
from pipeline.scoring.rules import Points, Rules, SatisfactionRule, load_rules
from pipeline.tally import PERCENT_PLACES, WEIGHTS, question_score, survey_percent
from pipeline.tally import to_decimal as _decimal

POINT_PLACES = Decimal("0.01")


class QuestionScore(BaseModel):
    number: int
    text: str | None
    counts: list[int]
    respondents: int
    score: Points  # 3 decimals, as the seed's ค่าคะแนนเฉลี่ยรายข้อ


class SatisfactionResult(BaseModel):
    """A survey's questions, mean, percent (3 decimals) and points, with the formula that gave each."""

    questions: list[QuestionScore]
    mean: Points
    mean_exact: str  # the mean as the percent is computed from it: 3.2 or 3.243333…
    percent: Points
    points: Points
    possible: Points
    points_formula: str


def exact_text(value: Fraction) -> str:
    """A fraction as a person can check it: ``3.2`` when it ends, ``3.243333…`` (six places) when it does not."""
    shown = _decimal(value, Decimal("0.000001"), ROUND_DOWN)
    return f"{shown.normalize():f}" if Fraction(shown) == value else f"{shown}…"


def satisfaction_points(percent: Decimal, rule: SatisfactionRule, possible: Decimal) -> tuple[Decimal, str]:
    """Points of a satisfaction percent, and the formula applied: full at or above the target, none below the
    floor, in between in proportion to the target (truncated to 2 decimals)."""
    percent = Decimal(percent)
    if percent >= rule.full_at_percent:
        return possible, f"{percent} ≥ {rule.full_at_percent} → {possible}"
    if percent < rule.zero_below_percent or rule.partial == "none":
        return Decimal("0.00"), f"{percent} < {rule.zero_below_percent if rule.partial != 'none' else rule.full_at_percent} → 0"
    points = (possible * percent / rule.full_at_percent).quantize(POINT_PLACES, rounding=ROUND_DOWN)
    return points, (f"{rule.zero_below_percent} ≤ {percent} < {rule.full_at_percent} → "
                    f"{possible} × {percent} ÷ {rule.full_at_percent} = {points}")


def satisfaction_item_points(rules: Rules) -> Decimal:
    return next(i.points for _, i in rules.items("satisfaction"))


def evaluate_survey(record: Record, rules: Rules | None = None) -> SatisfactionResult:
    """Score a survey record: each question, the mean, the percent and the points under ``rules`` (FY2568)."""
    rules = rules or load_rules()
    questions = record.fields.get("questions") or []
    counts = [list(q.get("counts") or []) for q in questions]
    try:
        if any(len(c) != len(WEIGHTS) for c in counts):
            raise ValueError(f"every question needs {len(WEIGHTS)} counts (มากที่สุด, มาก, น้อย, น้อยที่สุด)")
        mean, percent = survey_percent(counts)
    except ValueError as exc:
        raise RecordDataError(f"the survey cannot be scored: {exc}",
                              "คำนวณร้อยละความพึงพอใจไม่ได้: แบบสำรวจไม่มีข้อคำถาม มีข้อที่ไม่มีผู้ตอบ หรือไม่ได้แบ่งเป็น 4 ระดับ",
                              where=record.source) from None
    possible = satisfaction_item_points(rules)
    points, formula = satisfaction_points(percent, rules.satisfaction, possible)
    scored = [QuestionScore(number=n, text=q.get("text"), counts=c, respondents=sum(c),
                            score=_decimal(question_score(c), PERCENT_PLACES))
              for n, (q, c) in enumerate(zip(questions, counts, strict=True), 1)]
    return SatisfactionResult(questions=scored, mean=_decimal(mean, PERCENT_PLACES), mean_exact=exact_text(mean),
                              percent=percent,
                              points=points, possible=possible, points_formula=formula)


def load_survey(path: Path) -> Record:
    """A survey record from JSON or YAML: ``{"kind": "survey", "fields": {...}}`` (as ``extract`` prints) or bare fields."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data: Any = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except OSError as exc:
        raise RecordDataError(f"cannot read the survey file: {exc.strerror}", "อ่านไฟล์แบบสำรวจไม่ได้",
                              where=str(path)) from None
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise RecordDataError(f"the survey file is not valid JSON/YAML: {exc}", "รูปแบบไฟล์แบบสำรวจไม่ถูกต้อง",
                              where=str(path)) from None
    if not isinstance(data, dict):
        raise RecordDataError("a survey must be a mapping: {\"kind\": \"survey\", \"fields\": {...}} or its fields",
                              "ข้อมูลแบบสำรวจต้องอยู่ในรูปชื่อช่องและค่า", where=str(path))
    if data.get("kind") not in (None, "survey"):
        raise RecordDataError(f"the file holds a {data['kind']} record, not a survey",
                              f"ไฟล์นี้เป็นเอกสารประเภท {data['kind']} ไม่ใช่แบบสำรวจ", where=str(path))
    record = Record.from_data(data, kind="survey", where=str(path))
    return record.model_copy(update={"source": record.source or str(path)})


def survey_result(path: Path, fiscal_year: int | None = None) -> SatisfactionResult:
    """A survey file (the ``satisfaction`` command's input) scored under a year's rules."""
    return evaluate_survey(load_survey(path), load_rules(fiscal_year))
