"""Validation: the rule findings of an agency's records under a fiscal year's rules (pure functions, no I/O)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel

from pipeline import thai
from pipeline.forms import all_forms
from pipeline.records import Record
from pipeline.scoring.rules import Rules, Severity

_PHASE_TH = {"creation": "การสร้างนวัตกรรม", "deployment": "การนำนวัตกรรมไปใช้ประโยชน์",
             "follow_up": "การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์"}
_OTHER_DOCUMENTS_TH = {"committee": "แบบให้คะแนนของคณะกรรมการ", "evaluation": "ผลการพิจารณาของผู้ประเมิน",
                       "rules": "เกณฑ์การให้คะแนน", "evidence": "หลักฐาน"}
# An "at most" target: ไม่เกิน / ไม่มากกว่า / น้อยกว่า (but not ไม่น้อยกว่า) / ภายใน <number>.
_AT_MOST = re.compile(r"ไม่เกิน|ไม่มากกว่า|(?<!ไม่)น้อยกว่า|ภายใน\s*\d|ลดลงเหลือ")


class DocumentRef(BaseModel):
    """The document a finding or a score line is about: its kind, agency, number among its kind, and file."""

    kind: str
    agency: str | None = None
    number: int | None = None
    file: str | None = None

    def label_en(self) -> str:
        number = f" #{self.number}" if self.number else ""
        file = f" ({self.file})" if self.file else ""
        return f"{self.kind}{number}{file}"

    def label_th(self) -> str:
        spec = all_forms().get(self.kind)
        name = (f"แบบฟอร์ม {spec.form_number}" if spec and spec.form_number
                else spec.title if spec else _OTHER_DOCUMENTS_TH.get(self.kind, self.kind))
        number = f" ฉบับที่ {self.number}" if self.number else ""
        return f"{name}{number}"


class Finding(BaseModel):
    """One rule not met (error) or worth a look (warning), naming the rule and the document, in Thai and English."""

    severity: Severity
    rule: str
    document: DocumentRef
    message_th: str
    message_en: str

    def text(self) -> str:
        return f"{self.severity:<7} {self.rule:<28} {self.document.label_en()}: {self.message_en} / {self.message_th}"


@dataclass(frozen=True)
class Target:
    """A KPI target read from Form 4's text: its number, whether it is a ceiling, and the text."""

    value: Decimal | None
    at_most: bool
    text: str


def parse_target(text: str | None) -> Target:
    """``ไม่น้อยกว่าร้อยละ 90`` → 90, at least; ``ไม่เกิน 2 วันทำการ`` → 2, at most; no number → value None."""
    text = thai.normalize(text or "")
    try:
        number = thai.parse_number(text)
    except ValueError:
        number = None
    value = None if number is None else Decimal(str(number))
    return Target(value, bool(_AT_MOST.search(text)), text)


# --------------------------------------------------------------------------- helpers over records
def numbered(records: list[Record], agency: str | None) -> list[tuple[Record, DocumentRef]]:
    """Each record with its DocumentRef: ``form1`` #1, #2 … in the order given."""
    seen: Counter[str] = Counter()
    out = []
    for record in records:
        seen[record.kind] += 1
        file = PurePath(record.source).name if record.source else None
        out.append((record, DocumentRef(kind=record.kind, agency=agency, number=seen[record.kind], file=file)))
    return out


def of_kind(records: list[Record], kind: str) -> list[Record]:
    return [r for r in records if r.kind == kind]


def satisfaction_kpis(kpis: list[dict[str, Any]] | None, rules: Rules) -> list[dict[str, Any]]:
    words = rules.validation.form4.satisfaction_kpi_words
    return [k for k in kpis or [] if any(w in thai.normalize(k.get("name") or "") for w in words)]


def outcome_kpis(kpis: list[dict[str, Any]] | None, rules: Rules) -> list[dict[str, Any]]:
    """Form 4's outcome KPIs other than satisfaction, in order: the KPIs 3.1 and 3.2 of part 3."""
    satisfaction = satisfaction_kpis(kpis, rules)
    return [k for k in kpis or [] if k.get("kind") == "outcome" and k not in satisfaction]


def has_external_partners(records: list[Record]) -> bool:
    """Whether the project works with partners outside the BMA: Form 3's share below 100, or the selected
    idea's Form 1 (or any Form 1 when no Form 2 names one) lists outside partners."""
    for form3 in of_kind(records, "form3"):
        share = form3.fields.get("agency_share_percent")
        if share is not None and share < 100:
            return True
    selected = {r.fields.get("idea_name") for r in of_kind(records, "form2")} - {None}
    return any(r.fields.get("external_partners") for r in of_kind(records, "form1")
               if not selected or r.fields.get("idea_name") in selected)


def _finding(severity: Severity, rule: str, ref: DocumentRef, th: str, en: str) -> Finding:
    return Finding(severity=severity, rule=rule, document=ref, message_th=th, message_en=en)


# --------------------------------------------------------------------------- one record
def check_required_fields(record: Record, ref: DocumentRef, rules: Rules) -> list[Finding]:
    labels = all_forms()[record.kind].fields
    return [_finding("error", f"{record.kind}.required", ref, f"ไม่ได้กรอก \"{labels[key].label}\"",
                     f"{key} is blank")
            for key in rules.validation.required_fields.get(record.kind, []) if record.fields.get(key) is None]


def check_policy(record: Record, ref: DocumentRef, rules: Rules) -> list[Finding]:
    if record.kind not in rules.validation.policy_named or record.fields.get("policy"):
        return []
    return [_finding("error", "policy.named", ref, "ไม่ได้ระบุนโยบายผู้ว่าราชการกรุงเทพมหานครที่สอดคล้อง",
                     "no policy of the Governor is named")]


def check_innovation_type(record: Record, ref: DocumentRef, rules: Rules) -> list[Finding]:
    if record.kind not in rules.validation.innovation_type_one or record.fields.get("innovation_type"):
        return []
    return [_finding("error", "innovation_type.one", ref,
                     "ต้องเลือกรูปแบบของนวัตกรรมเพียง 1 ข้อ (ไม่ได้เลือก หรือเลือกมากกว่า 1 ข้อ)",
                     "exactly one innovation type must be ticked (none or several are)")]


def check_plan(plan: dict[str, Any] | None, ref: DocumentRef, rules: Rules, fiscal_year: int | None) -> list[Finding]:
    """The plan has every phase with at least one month, and is for the fiscal year evaluated."""
    rule = rules.validation.plan
    if plan is None:
        return [_finding("error", "plan.attached", ref, "ไม่มีแผนการดำเนินการแนบ",
                         "no operating plan is attached")]
    out = []
    steps = plan.get("steps") or []
    for phase in rule.phases:
        if not any(s.get("phase") == phase and s.get("months") for s in steps):
            out.append(_finding("error", "plan.phases", ref,
                                f"แผนการดำเนินการไม่มีขั้นตอน \"{_PHASE_TH[phase]}\" ที่ระบุเดือนดำเนินการ",
                                f"the plan has no {phase} phase with a month marked"))
    out += _check_phase_order(steps, ref)
    year = plan.get("fiscal_year")
    if year is None:
        out.append(_finding("warning", "plan.fiscal_year", ref, "แผนการดำเนินการไม่ได้ระบุปีงบประมาณ",
                            "the plan names no fiscal year"))
    elif fiscal_year is not None and year != fiscal_year:
        out.append(_finding(rule.fiscal_year_severity, "plan.fiscal_year", ref,
                            f"แผนการดำเนินการเป็นของปีงบประมาณ {year} ไม่อยู่ในปีงบประมาณ {fiscal_year}",
                            f"the plan is for fiscal year {year}, not inside fiscal year {fiscal_year}"))
    return out


def _check_phase_order(steps: list[dict[str, Any]], ref: DocumentRef) -> list[Finding]:
    """A phase that starts before the phase it follows, in the fiscal year's order of months (ต.ค. first):
    a follow-up in ธ.ค. before a creation in ม.ค. is a follow-up 11 months ahead of what it follows."""
    order = list(_PHASE_TH)
    starts = {}
    for step in steps:
        months = [thai.FISCAL_MONTHS.index(m) for m in step.get("months") or [] if m in thai.FISCAL_MONTHS]
        if step.get("phase") in _PHASE_TH and months:
            starts[step["phase"]] = min(starts.get(step["phase"], 12), min(months))
    out = []
    for earlier, later in combinations(order, 2):
        if earlier in starts and later in starts and starts[later] < starts[earlier]:
            first, then = (thai.MONTH_ABBR[thai.FISCAL_MONTHS[starts[p]]] for p in (later, earlier))
            out.append(_finding("warning", "plan.order", ref,
                                f"ขั้นตอน \"{_PHASE_TH[later]}\" เริ่ม{first} ก่อนขั้นตอน \"{_PHASE_TH[earlier]}\" "
                                f"ซึ่งเริ่ม{then} (เรียงตามปีงบประมาณ ต.ค.–ก.ย.)",
                                f"the {later} phase starts in {first}, before the {earlier} phase ({then}), "
                                "in the fiscal year's order of months (Oct–Sep)"))
    return out


def check_kpis(kpis: list[dict[str, Any]] | None, ref: DocumentRef, rules: Rules) -> list[Finding]:
    """Form 4's KPI table: how many, one output, the satisfaction KPI with its target, two outcomes."""
    rule = rules.validation.form4
    kpis = kpis or []
    out = []
    if len(kpis) != rule.kpi_count:
        out.append(_finding("error", "form4.kpis.count", ref, f"ตัวชี้วัดความสำเร็จมี {len(kpis)} ตัว ต้องมี {rule.kpi_count} ตัว",
                            f"{len(kpis)} KPIs, {rule.kpi_count} required"))
    outputs = sum(1 for k in kpis if k.get("kind") == "output")
    if outputs != rule.output_kpis:
        out.append(_finding("error", "form4.kpis.output", ref,
                            f"ตัวชี้วัดผลผลิตมี {outputs} ตัว ต้องมี {rule.output_kpis} ตัว",
                            f"{outputs} output KPIs, {rule.output_kpis} required"))
    satisfaction = satisfaction_kpis(kpis, rules)
    if not satisfaction:
        out.append(_finding("error", "form4.kpis.satisfaction", ref, "ไม่มีตัวชี้วัดร้อยละความพึงพอใจของผู้ใช้นวัตกรรม",
                            "no satisfaction KPI"))
    else:
        target = parse_target(satisfaction[0].get("target"))
        if target.value is None or target.at_most or target.value < rule.satisfaction_target_min_percent:
            out.append(_finding("error", "form4.kpis.satisfaction", ref,
                                f"ค่าเป้าหมายความพึงพอใจ \"{target.text}\" ต้องไม่น้อยกว่าร้อยละ "
                                f"{rule.satisfaction_target_min_percent}",
                                f"the satisfaction target {target.text!r} must be at least "
                                f"{rule.satisfaction_target_min_percent} %"))
    outcomes = len(outcome_kpis(kpis, rules))
    if outcomes != rule.outcome_kpis:
        out.append(_finding("error", "form4.kpis.outcome", ref,
                            f"ตัวชี้วัดผลลัพธ์ (นอกจากความพึงพอใจ) มี {outcomes} ตัว ต้องมี {rule.outcome_kpis} ตัว",
                            f"{outcomes} outcome KPIs besides satisfaction, {rule.outcome_kpis} required"))
    return out


def check_risks(risks: list[dict[str, Any]] | None, ref: DocumentRef, rules: Rules) -> list[Finding]:
    rows = [r for r in risks or [] if r.get("risk")]
    if len(rows) >= rules.validation.form4.risk_rows_min:
        return []
    return [_finding("error", "form4.risks", ref, "ไม่มีตารางความเสี่ยงของโครงการและแนวทางการบริหารความเสี่ยง",
                     "no risk table (risks and how they are managed)")]


def check_certificate(record: Record, ref: DocumentRef, rules: Rules) -> list[Finding]:
    rule = rules.validation.certificate
    agency = record.fields.get("agency_share_percent")
    partner = record.fields.get("partner_share_percent")
    out = []
    if agency is None or Decimal(str(agency)) < rule.agency_share_min_percent:
        shown = "ไม่ระบุ" if agency is None else f"ร้อยละ {thai.format_number(agency)}"
        out.append(_finding("error", "certificate.agency_share", ref,
                            f"สัดส่วนที่หน่วยงานดำเนินการ {shown} ต้องไม่น้อยกว่าร้อยละ {rule.agency_share_min_percent}",
                            f"the agency's share is {agency if agency is not None else 'not given'}, "
                            f"at least {rule.agency_share_min_percent} % required"))
    if agency is None or partner is None or Decimal(str(agency)) + Decimal(str(partner)) != rule.shares_total_percent:
        out.append(_finding("error", "certificate.shares_total", ref,
                            f"สัดส่วนของหน่วยงาน ({agency}) และหน่วยงานภายนอก ({partner}) รวมกันต้องเท่ากับร้อยละ "
                            f"{rule.shares_total_percent}",
                            f"the shares {agency} + {partner} must add up to {rule.shares_total_percent}"))
    return out


def check_survey(record: Record, ref: DocumentRef, rules: Rules) -> list[Finding]:
    rule = rules.validation.survey
    questions = record.fields.get("questions") or []
    out = []
    if len(questions) < rule.min_questions:
        out.append(_finding("error", "survey.questions", ref,
                            f"แบบสำรวจมีข้อคำถาม {len(questions)} ข้อ ต้องไม่น้อยกว่า {rule.min_questions} ข้อ",
                            f"{len(questions)} questions, at least {rule.min_questions} required"))
    for number, question in enumerate(questions, 1):
        counts = question.get("counts") or []
        if len(counts) != rule.levels:
            out.append(_finding("error", "survey.levels", ref,
                                f"ข้อ {number} แบ่งระดับความคิดเห็น {len(counts)} ระดับ ต้องเป็น {rule.levels} ระดับ",
                                f"question {number} has {len(counts)} levels, {rule.levels} required"))
        elif sum(counts) == 0:
            out.append(_finding("error", "survey.respondents", ref, f"ข้อ {number} ไม่มีผู้ตอบ",
                                f"nobody answered question {number}"))
    return out


def validate_record(record: Record, ref: DocumentRef, rules: Rules, fiscal_year: int | None) -> list[Finding]:
    """Every finding about one record alone."""
    out = check_required_fields(record, ref, rules) + check_policy(record, ref, rules)
    out += check_innovation_type(record, ref, rules)
    if record.kind == "form3" and rules.documents["form3"].plan_attached:
        out += check_plan(record.fields.get("plan"), ref, rules, fiscal_year)
    elif record.kind == "plan":
        out += check_plan(record.fields, ref, rules, fiscal_year)
    elif record.kind == "form4":
        if record.fields.get("plan") is not None:
            out += check_plan(record.fields["plan"], ref, rules, fiscal_year)
        out += check_kpis(record.fields.get("kpis"), ref, rules) + check_risks(record.fields.get("risks"), ref, rules)
    elif record.kind == "certificate":
        out += check_certificate(record, ref, rules)
    elif record.kind == "survey":
        out += check_survey(record, ref, rules)
    return out


# --------------------------------------------------------------------------- the agency
def check_counts(records: list[Record], agency: str, agency_type: str, rules: Rules) -> list[Finding]:
    """Each required document is there as many times as the rules ask."""
    out = []
    for kind, rule in rules.documents.items():
        have = len(of_kind(records, kind))
        ref = DocumentRef(kind=kind, agency=agency)
        if rule.min_by_agency_type is not None:
            need = rules.form1_required(agency_type)
            type_th = rules.agency_types[agency_type].th
            if have < need:
                out.append(_finding("error", f"documents.{kind}.count", ref,
                                    f"ส่ง{rule.th} {have} ชุด {type_th}ต้องส่งไม่น้อยกว่า {need} ชุด",
                                    f"{have} {kind} sent, a {rules.agency_types[agency_type].en} must send at least {need}"))
        elif rule.exactly is not None and have != rule.exactly:
            if rule.only_with_external_partners and have == 0 and not has_external_partners(records):
                continue
            out.append(_finding("error", f"documents.{kind}.count", ref,
                                f"ส่ง{rule.th} {have} ฉบับ ต้องส่ง {rule.exactly} ฉบับ"
                                + (" (ดำเนินการร่วมกับหน่วยงานภายนอก)" if rule.only_with_external_partners else ""),
                                f"{have} {kind} sent, {rule.exactly} required"
                                + (" (the project has outside partners)" if rule.only_with_external_partners else "")))
    return out


def check_pages(records: list[Record], agency: str, pages: dict[str, int | None], rules: Rules) -> list[Finding]:
    """Form 3 and Form 4 within their page limits; a page count not known is a warning, not a pass."""
    out = []
    for kind, rule in rules.documents.items():
        if rule.max_pages is None or not of_kind(records, kind):
            continue
        ref = DocumentRef(kind=kind, agency=agency)
        count = pages.get(kind)
        if count is None:
            out.append(_finding("warning", f"{kind}.pages", ref,
                                f"ไม่ได้ตรวจจำนวนหน้า (ไม่ทราบจำนวนหน้า) กำหนดไม่เกิน {rule.max_pages} หน้า",
                                f"page count not known, not checked (at most {rule.max_pages})"))
        elif count > rule.max_pages:
            out.append(_finding("error", f"{kind}.pages", ref, f"ยาว {count} หน้า เกินกว่าที่กำหนด {rule.max_pages} หน้า",
                                f"{count} pages, at most {rule.max_pages} allowed"))
    return out


def check_repeated_ideas(numbered_records: list[tuple[Record, DocumentRef]]) -> list[Finding]:
    seen: dict[str, DocumentRef] = {}
    out = []
    for record, ref in numbered_records:
        name = record.fields.get("idea_name")
        if record.kind != "form1" or not name:
            continue
        key = "".join(thai.normalize(name).split())
        if key in seen:
            out.append(_finding("warning", "form1.repeat", ref,
                                f"แนวคิดซ้ำกับ{seen[key].label_th()} จึงนับเป็นแนวคิดเดียว",
                                f"the same idea as {seen[key].label_en()}, counted once"))
        else:
            seen[key] = ref
    return out


def validate_agency(records: list[Record], rules: Rules, *, agency: str, agency_type: str,
                    fiscal_year: int | None, pages: dict[str, int | None] | None = None) -> list[Finding]:
    """Every finding of an agency's records: per document, then per agency (counts, certificate, pages)."""
    refs = numbered(records, agency)
    out: list[Finding] = []
    for record, ref in refs:
        out += validate_record(record, ref, rules, fiscal_year)
    out += check_repeated_ideas(refs)
    out += check_counts(records, agency, agency_type, rules)
    out += check_pages(records, agency, pages or {}, rules)
    return out


def records_with_errors(findings: list[Finding]) -> set[tuple[str, int | None]]:
    """(kind, number) of every document that has an error finding of its own."""
    return {(f.document.kind, f.document.number) for f in findings if f.severity == "error" and f.document.number}
