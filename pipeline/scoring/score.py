"""Scoring: an agency's evidence under a fiscal year's rules → a score card explaining every point."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Literal

from pydantic import BaseModel

from pipeline import thai
from pipeline.agencies import agency_type
from pipeline.errors import PipelineError
from pipeline.records import Record
from pipeline.scoring.evidence import Evidence, Mark, select
from pipeline.scoring.rules import ItemRule, PartRule, Points, Rules, available_years, rules_for
from pipeline.scoring.satisfaction import evaluate_survey
from pipeline.scoring.sources import Source, load_evidence
from pipeline.scoring.validate import DocumentRef, Finding, numbered, outcome_kpis, parse_target, validate_agency

CENTS = Decimal("0.01")
ZERO = Decimal("0.00")


class ScoreLine(BaseModel):
    """One scored item: points earned of points possible, the rule, the documents, and why (Thai and English)."""

    part: int
    item: str
    title_th: str
    title_en: str
    earned: Points
    possible: Points
    rule: str
    documents: list[DocumentRef]
    reason_th: str
    reason_en: str


class PartScore(BaseModel):
    number: int
    th: str
    en: str
    earned: Points
    possible: Points


class ScoreCard(BaseModel):
    """An agency's score for one fiscal year: every line, the parts, total, level, weighted score, findings."""

    agency: str
    agency_type: str
    agency_type_th: str
    agency_type_from: Literal["list", "data", "name"]
    evidence_year: int | None
    evidence_source: str
    rules_year: int
    rules_file: str
    lines: list[ScoreLine]
    parts: list[PartScore]
    total: Points
    possible: Points
    level: int
    level_interpolated: Points
    level_formula: str
    level_bands: list[Points]
    weight_percent: Points
    weighted: Points
    findings: list[Finding]


def truncate(value: Decimal) -> Decimal:
    """Points of a proportion: truncated, never rounded up, to 2 decimals."""
    return value.quantize(CENTS, rounding=ROUND_DOWN)


def show(value: Decimal) -> str:
    return f"{value:.2f}"


def whole(value: Decimal) -> str:
    return f"{value.normalize():f}"


@dataclass
class _Context:
    evidence: Evidence
    rules: Rules
    agency_type: str
    findings: list[Finding]
    extra: list[Finding] = field(default_factory=list)
    evaluation_ref: DocumentRef | None = None

    def refs(self, kind: str) -> list[tuple[Record, DocumentRef]]:
        return [(r, ref) for r, ref in numbered(self.evidence.records, self.evidence.agency) if r.kind == kind]

    def errors(self, ref: DocumentRef) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error" and f.document.kind == ref.kind
                and f.document.number == ref.number]

    def note(self, severity: Literal["error", "warning"], rule: str, ref: DocumentRef, th: str, en: str) -> None:
        self.extra.append(Finding(severity=severity, rule=rule, document=ref, message_th=th, message_en=en))

    def evaluation_doc(self) -> DocumentRef:
        return DocumentRef(kind="evaluation", agency=self.evidence.agency, file="evaluation.yaml")


@dataclass
class _Result:
    earned: Decimal
    documents: list[DocumentRef]
    th: str
    en: str


def _rules_of(findings: list[Finding]) -> str:
    return ", ".join(sorted({f.rule for f in findings}))


# --------------------------------------------------------------------------- the item methods
def _ideas(item: ItemRule, ctx: _Context) -> _Result:
    required = ctx.rules.form1_required(ctx.agency_type)
    type_th, type_en = ctx.rules.agency_types[ctx.agency_type].th, ctx.rules.agency_types[ctx.agency_type].en
    counted: list[DocumentRef] = []
    skipped_en, skipped_th, seen = [], [], set()
    for record, ref in ctx.refs("form1"):
        errors = ctx.errors(ref)
        key = "".join(thai.normalize(record.fields.get("idea_name") or "").split())
        if errors or key in seen:
            why = _rules_of(errors) if errors else "form1.repeat"
            skipped_en.append(f"{ref.label_en()} ({why})")
            skipped_th.append(f"{ref.label_th()} ({why})")
            continue
        seen.add(key)
        counted.append(ref)
    n = len(counted)
    earned = truncate(item.points * min(Decimal(1), Decimal(n) / Decimal(required)))
    formula = f"{whole(item.points)} × min(1, {n} ÷ {required}) = {show(earned)}"
    en = f"{n} idea(s) count of the {required} a {type_en} must send: {formula}"
    th = f"นับได้ {n} แนวคิด จากที่{type_th}ต้องส่ง {required} แนวคิด: {formula}"
    if skipped_en:
        en += "; not counted: " + "; ".join(skipped_en)
        th += " ไม่นับ: " + "; ".join(skipped_th)
    return _Result(earned, [ref for _, ref in ctx.refs("form1")], th, en)


@dataclass(frozen=True)
class _Wording:
    """What a score line says about one evaluator's finding, in Thai and English ({th}/{en}: the item, {note})."""

    pending_note: tuple[str, str]
    pending: tuple[str, str]
    yes: tuple[str, str]
    no: tuple[str, str]


_MARK_WORDING = _Wording(
    pending_note=("ผู้ประเมินยังไม่ได้พิจารณา{th}", "the evaluator has not decided on: {en}"),
    pending=("ยังไม่มีผลการพิจารณาของผู้ประเมิน → 0", "no evaluator's decision yet → 0"),
    yes=("ผู้ประเมินพบหลักฐาน{note} → {points}", "the evaluator found the evidence{note} → {points}"),
    no=("ผู้ประเมินไม่พบหลักฐาน{note} → 0", "the evaluator found no such evidence{note} → 0"),
)
_DECISION_WORDING = _Wording(
    pending_note=("ผู้ประเมินยังไม่ได้ตัดสิน: {th}", "the evaluator has not decided: {en}"),
    pending=("ยังไม่มีผลการตัดสินของผู้ประเมิน → 0", "no evaluator's decision yet → 0"),
    yes=("ผู้ประเมินตัดสินว่าพัฒนานวัตกรรมสำเร็จ{note} → {points}",
         "the evaluator decided the innovation was developed{note} → {points}"),
    no=("ผู้ประเมินตัดสินว่ายังพัฒนานวัตกรรมไม่สำเร็จ{note} → 0",
        "the evaluator decided the innovation was not developed{note} → 0"),
)


def _evaluator_finding(item: ItemRule, ctx: _Context, wording: _Wording) -> _Result:
    """An item the evaluator decides (evidence present, innovation developed): full points or none."""
    key = item.evaluation_key or item.id
    finding = getattr(ctx.evidence.evaluation, key, None) if ctx.evidence.evaluation else None
    doc = ctx.evaluation_doc()
    if finding is None:
        th, en = wording.pending_note
        ctx.note("warning", f"evaluation.{key}", doc, th.format(th=item.th), en.format(en=item.en))
        return _Result(ZERO, [doc], *wording.pending)
    note = f" — {finding.note}" if finding.note else ""
    yes = finding.present if isinstance(finding, Mark) else finding.value
    earned = item.points if yes else ZERO
    th, en = wording.yes if yes else wording.no
    points = whole(item.points)
    return _Result(earned, [doc], th.format(note=note, points=points), en.format(note=note, points=points))


def _mark(item: ItemRule, ctx: _Context) -> _Result:
    return _evaluator_finding(item, ctx, _MARK_WORDING)


def _form2(item: ItemRule, ctx: _Context) -> _Result:
    refs = ctx.refs("form2")
    docs = [ref for _, ref in refs] or [DocumentRef(kind="form2", agency=ctx.evidence.agency)]
    if len(refs) != 1:
        return _Result(ZERO, docs, f"ส่งแบบฟอร์ม 2 จำนวน {len(refs)} ฉบับ ต้องส่ง 1 ฉบับ → 0",
                       f"{len(refs)} Form 2 sent, exactly 1 required → 0")
    errors = ctx.errors(refs[0][1])
    if errors:
        return _Result(ZERO, docs, f"แบบฟอร์ม 2 ไม่ผ่านเกณฑ์ ({_rules_of(errors)}) → 0",
                       f"Form 2 has errors ({_rules_of(errors)}) → 0")
    return _Result(item.points, docs, f"ส่งแบบฟอร์ม 2 จำนวน 1 ฉบับ ครบถ้วน → {whole(item.points)}",
                   f"one complete Form 2 → {whole(item.points)}")


def _committee(item: ItemRule, ctx: _Context) -> _Result:
    score = ctx.evidence.committee
    if score is None:
        doc = DocumentRef(kind="committee", agency=ctx.evidence.agency)
        if not any(f.rule == "committee.missing" for f in ctx.extra):
            ctx.note("warning", "committee.missing", doc, "ยังไม่มีคะแนนจากคณะกรรมการ (ส่วนที่ 2)",
                     "no committee score yet (part 2)")
        return _Result(ZERO, [doc], "ยังไม่มีคะแนนจากคณะกรรมการ → 0", "no committee score yet → 0")
    doc = DocumentRef(kind="committee", agency=ctx.evidence.agency, file=score.source)
    earned = score.points.get(item.id)
    if earned is None:
        return _Result(ZERO, [doc], f"แบบให้คะแนนไม่มีประเด็น{item.th} → 0", f"the sheet has no {item.id} points → 0")
    signed = f", {score.committee_name}" if score.committee_name else ""
    signed += f", {score.signed_date.isoformat()}" if score.signed_date else ""
    return _Result(earned, [doc], f"คณะกรรมการให้ {whole(earned)} จาก {whole(item.points)} คะแนน ({score.source}{signed})",
                   f"the committee gave {whole(earned)} of {whole(item.points)} ({score.source}{signed})")


def _decision(item: ItemRule, ctx: _Context) -> _Result:
    return _evaluator_finding(item, ctx, _DECISION_WORDING)


def _satisfaction(item: ItemRule, ctx: _Context) -> _Result:
    refs = ctx.refs("survey")
    if not refs:
        doc = DocumentRef(kind="survey", agency=ctx.evidence.agency)
        return _Result(ZERO, [doc], "ไม่มีผลการประเมินความพึงพอใจ → 0", "no satisfaction survey → 0")
    record, ref = refs[0]
    used = "" if len(refs) == 1 else f" (ใช้ฉบับที่ 1 จาก {len(refs)} ฉบับ)"
    used_en = "" if len(refs) == 1 else f" (the first of {len(refs)} surveys)"
    errors = ctx.errors(ref)
    if errors and ctx.rules.satisfaction.survey_must_be_valid:
        return _Result(ZERO, [ref], f"แบบสำรวจไม่เป็นไปตามวิธีการประเมิน ({_rules_of(errors)}) → 0{used}",
                       f"the survey does not follow the method ({_rules_of(errors)}) → 0{used_en}")
    try:
        result = evaluate_survey(record, ctx.rules)
    except PipelineError as exc:
        return _Result(ZERO, [ref], f"คำนวณความพึงพอใจไม่ได้: {exc.message_th} → 0", f"cannot be scored: {exc.message_en} → 0")
    scale = item.points / result.possible  # the rules' satisfaction points are the item's points
    earned = truncate(result.points * scale)
    scores = ", ".join(str(q.score) for q in result.questions)
    return _Result(earned, [ref], f"คะแนนรายข้อ (4×n4 + 3×n3) ÷ ผู้ตอบ = {scores}; ค่าเฉลี่ย {result.mean_exact} × 100 ÷ 4 = "
                                  f"ร้อยละ {result.percent}; {result.points_formula}{used}",
                   f"question scores (4×n4 + 3×n3) ÷ respondents = {scores}; mean {result.mean_exact} × 100 ÷ 4 = "
                   f"{result.percent} %; {result.points_formula}{used_en}")


def _outcome(item: ItemRule, ctx: _Context) -> _Result:
    k = item.kpi or 1
    label = f"3.{k}"
    refs = ctx.refs("form4")
    if not refs:
        doc = DocumentRef(kind="form4", agency=ctx.evidence.agency)
        return _Result(ZERO, [doc], f"ไม่มีแบบฟอร์ม 4 จึงไม่มีตัวชี้วัด {label} → 0", f"no Form 4, so no KPI {label} → 0")
    record, ref = refs[0]
    kpis = outcome_kpis(record.fields.get("kpis"), ctx.rules)
    if len(kpis) < k:
        return _Result(ZERO, [ref], f"แบบฟอร์ม 4 ไม่มีตัวชี้วัดผลลัพธ์ {label} → 0", f"Form 4 has no outcome KPI {label} → 0")
    kpi = kpis[k - 1]
    outcomes = ctx.evidence.evaluation.outcomes if ctx.evidence.evaluation else []
    docs = [ref, ctx.evaluation_doc()]
    if len(outcomes) < k:
        ctx.note("warning", f"evaluation.outcome_{k}", ctx.evaluation_doc(),
                 f"ยังไม่มีผลการวัดตัวชี้วัด {label} \"{kpi.get('name')}\"", f"no measured result of KPI {label} yet")
        return _Result(ZERO, docs, f"ตัวชี้วัด {label}: ยังไม่มีผลการวัด → 0", f"KPI {label}: no measured result yet → 0")
    measured = outcomes[k - 1]
    target = parse_target(measured.target or kpi.get("target"))
    note = f" — {measured.note}" if measured.note else ""
    head_th = f"ตัวชี้วัด {label} \"{kpi.get('name')}\" เป้าหมาย \"{target.text}\""
    head_en = f"KPI {label} {kpi.get('name')!r}, target {target.text!r}"
    if measured.result in ("achieved", "not achieved"):
        earned = item.points if measured.result == "achieved" else ZERO
        th = "บรรลุเป้าหมาย" if earned else "ไม่บรรลุเป้าหมาย"
        return _Result(earned, docs, f"{head_th}: ผู้ประเมินเห็นว่า{th}{note} → {show(earned)}",
                        f"{head_en}: the evaluator found it {measured.result}{note} → {show(earned)}")
    result = Decimal(measured.result)
    if target.value is None:
        ctx.note("error", f"outcome.target_{k}", ref, f"ค่าเป้าหมายตัวชี้วัด {label} ไม่มีตัวเลข ให้ผู้ประเมินระบุบรรลุ/ไม่บรรลุ",
                 f"the target of KPI {label} has no number: record achieved / not achieved, or a target")
        return _Result(ZERO, docs, f"{head_th}: ค่าเป้าหมายไม่มีตัวเลข → 0", f"{head_en}: the target has no number → 0")
    earned, formula = _outcome_points(item.points, result, target.value, target.at_most, ctx.rules)
    sense_th, sense_en = ("ไม่เกิน", "at most") if target.at_most else ("ไม่น้อยกว่า", "at least")
    return _Result(earned, docs, f"{head_th} ({sense_th} {whole(target.value)}): ผลการวัด {whole(result)}; {formula}{note}",
                   f"{head_en} ({sense_en} {whole(target.value)}): measured {whole(result)}; {formula}{note}")


def _outcome_points(points: Decimal, result: Decimal, target: Decimal, at_most: bool, rules: Rules) -> tuple[Decimal, str]:
    """Points of a measured result against its target, and the arithmetic, under the rules' partial credit."""
    met = result <= target if at_most else result >= target
    sign = "≤" if at_most else "≥"
    if met:
        return points, f"{whole(result)} {sign} {whole(target)} → {show(points)}"
    if rules.outcomes.partial == "none" or target == 0 or (at_most and result == 0):
        return ZERO, f"{whole(result)} {sign} {whole(target)} not met → 0"
    if at_most:
        earned = truncate(points * target / result)
        return earned, f"{whole(points)} × {whole(target)} ÷ {whole(result)} = {show(earned)}"
    earned = truncate(points * result / target)
    return earned, f"{whole(points)} × {whole(result)} ÷ {whole(target)} = {show(earned)}"


METHODS: dict[str, Callable[[ItemRule, _Context], _Result]] = {
    "ideas_in_proportion": _ideas, "evaluator_mark": _mark, "form2_single": _form2, "committee": _committee,
    "evaluator_decision": _decision, "satisfaction": _satisfaction, "outcome_kpi": _outcome}


# --------------------------------------------------------------------------- levels and the card
def level_of(total: Decimal, bands: list[Decimal]) -> int:
    """The highest band whose points are ≤ the total (1–5); 0 below the first band."""
    return sum(1 for band in bands if band <= total)


def interpolated_level(total: Decimal, bands: list[Decimal]) -> Decimal:
    """The level plus the fraction of the way to the next band, truncated to 2 decimals (bands of 20: total ÷ 20)."""
    level = level_of(total, bands)
    if level >= len(bands):
        return Decimal(len(bands))
    low = bands[level - 1] if level else Decimal(0)
    return truncate(level + (total - low) / (bands[level] - low))


def _agency_type(evidence: Evidence, rules: Rules) -> tuple[str, Literal["list", "data", "name"]]:
    listed = agency_type(evidence.agency)
    if listed in rules.agency_types:
        return listed, "list"
    if evidence.agency_type in rules.agency_types:
        return evidence.agency_type, "data"
    return rules.agency_type_of(evidence.agency), "name"


def _problem_findings(evidence: Evidence) -> list[Finding]:
    return [Finding(severity="error", rule="evidence.unusable",
                    document=DocumentRef(kind=p.kind, agency=evidence.agency, file=p.where),
                    message_th=p.message_th, message_en=p.message_en) for p in evidence.problems]


def _line(part: PartRule, item: ItemRule, ctx: _Context) -> ScoreLine:
    result = METHODS[item.method](item, ctx)
    return ScoreLine(part=part.number, item=item.id, title_th=item.th, title_en=item.en, earned=result.earned,
                     possible=item.points, rule=f"fy{ctx.rules.fiscal_year}:part{part.number}.{item.id}",
                     documents=result.documents, reason_th=result.th, reason_en=result.en)


def score_agency(evidence: Evidence, rules: Rules | None = None, year: int | None = None) -> ScoreCard:
    """Score one agency's evidence: validation findings first, then every item of every part by its method.
    ``year``: the fiscal year asked for (default: the evidence's); its rules, or the latest earlier, noted."""
    rules = rules or rules_for(evidence.fiscal_year)
    agency_type, type_from = _agency_type(evidence, rules)
    findings = validate_agency(evidence.records, rules, agency=evidence.agency, agency_type=agency_type,
                               fiscal_year=evidence.fiscal_year or rules.fiscal_year, pages=evidence.pages)
    ctx = _Context(evidence, rules, agency_type, findings)
    year = next((y for y in (evidence.fiscal_year, year) if y is not None and y != rules.fiscal_year), None)
    if year is not None:
        file = f"pipeline/data/rules/fy{year}.yaml"
        none = year not in available_years()
        ctx.note("warning", "rules.year", DocumentRef(kind="rules", agency=evidence.agency, file=rules.file),
                 f"ใช้เกณฑ์ปีงบประมาณ {rules.fiscal_year} กับเอกสารของปีงบประมาณ {year}"
                 + (f" เพราะยังไม่มีไฟล์เกณฑ์ {file} (ใช้เกณฑ์ปีล่าสุดก่อนหน้าแทน)" if none else ""),
                 f"scored under the FY{rules.fiscal_year} rules; the documents are for FY{year}"
                 + (f", which has no rules file yet (add {file}); the latest earlier rules are used" if none else ""))
    lines = [_line(part, item, ctx) for part in rules.parts for item in part.items]
    parts = [PartScore(number=p.number, th=p.th, en=p.en, possible=p.points,
                       earned=sum((ln.earned for ln in lines if ln.part == p.number), ZERO)) for p in rules.parts]
    total = sum((p.earned for p in parts), ZERO)
    bands = rules.levels.bands
    all_findings = sorted(findings + ctx.extra + _problem_findings(evidence),
                          key=lambda f: (f.severity != "error", f.rule, f.document.kind, f.document.number or 0))
    return ScoreCard(agency=evidence.agency, agency_type=agency_type, agency_type_th=rules.agency_types[agency_type].th,
                     agency_type_from=type_from, evidence_year=evidence.fiscal_year, evidence_source=evidence.source,
                     rules_year=rules.fiscal_year, rules_file=rules.file, lines=lines, parts=parts, total=total,
                     possible=rules.total_points, level=level_of(total, bands),
                     level_interpolated=interpolated_level(total, bands), level_formula=rules.levels.formula, level_bands=list(bands),
                     weight_percent=rules.weight_percent, weighted=total * rules.weight_percent / 100,
                     findings=all_findings)


def score_all(evidence: list[Evidence], fiscal_year: int | None = None) -> list[ScoreCard]:
    """Score every agency: under ``fiscal_year``'s rules, or each under the rules of its own year."""
    rules = rules_for(fiscal_year) if fiscal_year is not None else None
    return [score_agency(e, rules, fiscal_year) for e in evidence]


def score_cards(source: Source | None = None, agency: str | None = None,
                fiscal_year: int | None = None) -> list[ScoreCard]:
    """The score cards of the agencies in the store (or a folder, or the sample year); an error when none."""
    cards = score_all(select(load_evidence(source or Source(), fiscal_year), agency), fiscal_year)
    if not cards:
        raise PipelineError("there is no evidence to score: run `ingest` first, or give --evidence DIR or --sample",
                            "ไม่มีหลักฐานให้คำนวณคะแนน กรุณานำเข้าไฟล์ (ingest) ก่อน หรือระบุ --evidence หรือ --sample")
    return cards
