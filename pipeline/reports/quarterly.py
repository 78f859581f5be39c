"""The quarterly KPI report of one agency, in the layout of seed 000: sections 1–9, drafted from the records."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipeline import thai
from pipeline.errors import PipelineError
from pipeline.forms import all_forms
from pipeline.records import Record
from pipeline.reports.inputs import (
    QUARTERS,
    QuarterNote,
    ReceivedDocument,
    ReportInput,
    load_report_inputs,
    quarter_bounds,
    quarter_of,
)
from pipeline.reports.output import points, render_report, safe_name, with_pdf
from pipeline.scoring.evidence import Evidence, project_name
from pipeline.scoring.satisfaction import evaluate_survey
from pipeline.scoring.score import ScoreCard, score_agency
from pipeline.scoring.sources import Source
from pipeline.scoring.validate import outcome_kpis, parse_target

# The section headings of seed 000, in its order: the template prints them word for word.
HEADINGS: tuple[str, ...] = (
    "1. ชื่อตัวชี้วัด :", "2. ระดับความสำเร็จ :", "3. คำนิยาม :", "4. วิธีการคำนวณ :", "5. เป้าหมาย :",
    "6. รายงานผลการดำเนินงาน (รายไตรมาส) :", "(6.1) ไตรมาสที่ 1 :", "(6.2) ไตรมาสที่ 2 :", "(6.3) ไตรมาสที่ 3 :",
    "(6.4) ไตรมาสที่ 4 :", "(6.5) สรุปผลการดำเนินงาน (ปลายปีงบประมาณ) :", "7. ปัจจัยสนับสนุนการดำเนินงาน :",
    "8. อุปสรรคต่อการดำเนินงาน :", "9. หลักฐานอ้างอิง :", "ลงชื่อ", "ตำแหน่ง",
)
YEAR_END_HEADING = "(6.5) สรุปผลการดำเนินงาน (ปลายปีงบประมาณ) :"
NOT_YET = "ยังไม่ถึงกำหนดรายงาน (รายงานเมื่อสิ้นไตรมาสที่ {quarter})"
NOTHING_YET = "ไม่มีเอกสารหรือผลการดำเนินงานที่สำนักงาน ก.ก. ได้รับในไตรมาสนี้"
NOT_GIVEN = "(หน่วยงานยังไม่ได้ระบุ)"


# --------------------------------------------------------------------------- the score as of a quarter's end
def evidence_as_of(inp: ReportInput, quarter: int) -> Evidence:
    """The evidence the evaluating office held at the quarter's end: documents received by then, the committee's
    score once signed, the evaluator's part 1 marks once Form 2 is in, its part 3 decisions in quarter 4."""
    if quarter == 4:
        return inp.evidence
    _, end = quarter_bounds(inp.fiscal_year, quarter)
    received = inp.received_by(end)
    has_records = any(d.record is not None for d in inp.received)
    records = [d.record for d in received if d.record is not None] if has_records else inp.evidence.records
    committee = inp.evidence.committee
    if committee is not None and (committee.signed_date is None or committee.signed_date > end):
        committee = None
    evaluation = inp.evidence.evaluation
    if evaluation is not None:
        form2_in = any(d.kind == "form2" for d in received)
        evaluation = evaluation.model_copy(update={
            "developed": None, "outcomes": [],
            "participation": evaluation.participation if form2_in else None,
            "selection": evaluation.selection if form2_in else None})
    return dataclasses.replace(inp.evidence, records=records, committee=committee, evaluation=evaluation)


def score_as_of(inp: ReportInput, quarter: int) -> ScoreCard:
    """The score the agency had earned by the quarter's end (the year's card in quarter 4)."""
    return inp.card if quarter == 4 else score_agency(evidence_as_of(inp, quarter), inp.rules)


# --------------------------------------------------------------------------- drafts of 6.1–6.5
def short_title(kind: str) -> str:
    """A form's name as the seed shortens it: ``แบบเสนอแนวคิดในการพัฒนานวัตกรรมฯ (แบบฟอร์ม 1)``."""
    spec = all_forms()[kind]
    title = re.split(r"เพื่อเพิ่มประสิทธิภาพ|ร่วมกับ", spec.title)[0].strip()
    title += "ฯ" if title != spec.title else ""
    return f"{title} (แบบฟอร์ม {spec.form_number})" if spec.form_number else title


def _when(days: list[dt.date]) -> str:
    first, last = min(days), max(days)
    if first == last:
        return f"เมื่อวันที่ {thai.format_date(first)}"
    return f"ระหว่างวันที่ {thai.format_date(first)} – {thai.format_date(last)}"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else " ".join(names[:-1]) + " และ" + names[-1]


def _documents_lines(docs: list[ReceivedDocument]) -> list[str]:
    """One line per day: what was sent that day (Form 1 with its ideas, Form 2 with the idea selected)."""
    by_day: dict[dt.date, dict[str, list[ReceivedDocument]]] = defaultdict(lambda: defaultdict(list))
    for doc in sorted(docs, key=lambda d: d.received_at):
        by_day[doc.received_at.date()][doc.kind].append(doc)
    lines = []
    for day, kinds in by_day.items():
        names, details = [], []
        for kind, same in kinds.items():
            names.append(short_title(kind) + (f" จำนวน {len(same)} ฉบับ" if len(same) > 1 else ""))
            records = [d.record for d in same if d.record is not None]
            ideas = [r.fields["idea_name"] for r in records if r.fields.get("idea_name")]
            if kind == "form1" and ideas:
                details.append("แนวคิดที่เสนอ ได้แก่ " + " ".join(f"({n}) {i}" for n, i in enumerate(ideas, 1)))
            if kind == "form2" and ideas:
                details.append(f"โดยคัดเลือกแนวคิด “{ideas[0]}” เพื่อพัฒนาเป็นนวัตกรรมของหน่วยงาน")
        lines.append(" ".join([f"ส่ง{_and(names)} ให้สำนักงาน ก.ก. {_when([day])}", *details]))
    return lines


def _plan_steps(records: list[Record]) -> list[dict[str, Any]]:
    for kind in ("form4", "form3", "plan"):
        for record in records:
            if record.kind == kind:
                plan = record.fields if kind == "plan" else record.fields.get("plan") or {}
                if plan.get("steps"):
                    return list(plan["steps"])
    return []


def _planned_in(records: list[Record], quarter: int) -> str | None:
    """The plan's activities with a month in the quarter (the phases' own heading rows left out)."""
    phases = set(all_forms()["plan"].fields["steps"].item["phase"].choices.values())
    names = [s["name"] for s in _plan_steps(records) if s.get("name") and s["name"] not in phases
             and any(thai.fiscal_quarter(m) == quarter for m in s.get("months") or [])]
    return "กิจกรรมตามแผนการดำเนินการในไตรมาสนี้: " + " / ".join(names) if names else None


def _committee_line(inp: ReportInput) -> str:
    score = inp.evidence.committee
    if score is None:
        return ""
    possible = sum((i.points for i in inp.rules.committee_items()), Decimal(0))
    project = score.project_name or project_name(inp.evidence) or "ของหน่วยงาน"
    line = (f"คณะกรรมการพัฒนานวัตกรรมกรุงเทพมหานครพิจารณาโครงการ “{project}” "
            f"{_when([score.signed_date]) if score.signed_date else ''} ให้คะแนน {points(score.total)} "
            f"จาก {points(possible)} คะแนน")
    return line + (f" ข้อเสนอแนะ: {score.note}" if score.note else "")


def measured_results(inp: ReportInput) -> list[str]:
    """What the year-end evaluation measured: the innovation developed, satisfaction, outcome KPIs 3.1 and 3.2."""
    out = []
    evaluation = inp.evidence.evaluation
    if evaluation and evaluation.developed:
        verdict = "พัฒนานวัตกรรมสำเร็จ" if evaluation.developed.value else "ยังพัฒนานวัตกรรมไม่สำเร็จ"
        out.append(f"ผลการพัฒนานวัตกรรม: {verdict}" + (f" — {evaluation.developed.note}"
                                                       if evaluation.developed.note else ""))
    for record in inp.evidence.records:
        if record.kind == "survey":
            try:
                result = evaluate_survey(record, inp.rules)
            except PipelineError:
                continue
            out.append(f"ผลการประเมินความพึงพอใจของผู้ใช้นวัตกรรม ระดับมากขึ้นไป ร้อยละ {result.percent}")
            break
    form4 = next((r for r in inp.evidence.records if r.kind == "form4"), None)
    kpis = outcome_kpis(form4.fields.get("kpis"), inp.rules) if form4 else []
    for k, (kpi, measured) in enumerate(zip(kpis, evaluation.outcomes if evaluation else [], strict=False), 1):
        result = measured.result if isinstance(measured.result, str) else thai.format_number(float(measured.result))
        result = {"achieved": "บรรลุเป้าหมาย", "not achieved": "ไม่บรรลุเป้าหมาย"}.get(result, result)
        target = parse_target(measured.target or kpi.get("target")).text
        note = f" ({measured.note})" if measured.note else ""
        out.append(f"ตัวชี้วัดที่ 3.{k} {kpi.get('name')} เป้าหมาย {target}: ผลการดำเนินงาน {result}{note}")
    return out


def draft_progress(inp: ReportInput, quarter: int) -> list[str]:
    """What happened in one quarter, from the records: documents received, committee, plan, results (Q4)."""
    begin, end = quarter_bounds(inp.fiscal_year, quarter)
    lines = _documents_lines([d for d in inp.received if begin <= d.received_at.date() <= end])
    committee = inp.evidence.committee
    if committee and committee.signed_date and begin <= committee.signed_date <= end:
        lines.append(_committee_line(inp))
    planned = _planned_in(inp.evidence.records, quarter)
    if planned and committee and committee.signed_date and committee.signed_date <= end:
        lines.append(planned)
    if quarter == 4:
        lines += measured_results(inp)
    return lines or [NOTHING_YET]


def draft_year_end(inp: ReportInput) -> list[str]:
    """6.5: the plan's steps as done and the year's score, as seed 000 lists them (the measured results are
    6.4's, said once)."""
    phases = set(all_forms()["plan"].fields["steps"].item["phase"].choices.values())
    steps = [s["name"] for s in _plan_steps(inp.evidence.records) if s.get("name") and s["name"] not in phases]
    card = inp.card
    lines = [f"{n}. {name}" for n, name in enumerate(steps, 1)]
    lines.append(f"คะแนนตัวชี้วัด {points(card.total)} จาก {points(card.possible)} คะแนน "
                 f"({' + '.join(points(p.earned) for p in card.parts)}) ระดับ {card.level}")
    return lines


def draft_factors(inp: ReportInput) -> list[str]:
    """7: the agency's people, its partners on Form 3, and the committee when it has met."""
    factors = [f"ผู้บริหารและบุคลากร{inp.agency}"]
    for record in inp.evidence.records:
        if record.kind == "form3" and record.fields.get("partner"):
            factors.append(str(record.fields["partner"]))
    if inp.evidence.committee:
        factors.append("คณะกรรมการพัฒนานวัตกรรมกรุงเทพมหานคร และสำนักงาน ก.ก.")
    return factors


def _numbered(items: list[str]) -> list[str]:
    return [f"{n}. {item}" for n, item in enumerate(items, 1)]


def evidence_list(inp: ReportInput, quarter: int, note: QuarterNote | None) -> list[str]:
    """9: every document received by the quarter's end with its date, then the agency's own evidence items."""
    _, end = quarter_bounds(inp.fiscal_year, quarter)
    # Named by document and date, as the evaluating office filed them: never the file's path in our inbox.
    items = [f"{d.title} (ได้รับเมื่อ {thai.format_date(d.received_at.date())})" for d in inp.received_by(end)]
    items += note.evidence if note and note.evidence else []
    return _numbered(items) or [NOT_GIVEN]


# --------------------------------------------------------------------------- the report
def _kpi(inp: ReportInput) -> dict[str, Any]:
    rules = inp.rules
    texts = rules.report
    if texts is None:
        raise PipelineError(f"the FY{rules.fiscal_year} rules file has no `report:` texts ({rules.file})",
                            f"ไฟล์เกณฑ์ปี {rules.fiscal_year} ไม่มีข้อความของรายงาน (report:)", where=rules.file)
    return {"name": texts.kpi_name, "output": texts.result_type == "output",
            "outcome": texts.result_type == "outcome",
            # The agency's own block of the 20-year plan when its notes give one; the year's default otherwise.
            "strategy": inp.notes.strategy if inp.notes and inp.notes.strategy else texts.strategy,
            "definitions": texts.definitions, "method": texts.method,
            "target": f"{texts.target.normalize():f}", "unit": texts.unit}


def quarterly_context(inp: ReportInput, quarter: int, today: dt.date | None = None) -> dict[str, Any]:
    """The template context of the quarter's report: every section, drafts replaced by the agency's notes.
    The score is "as of" the quarter's end, or ``today`` while the quarter is running."""
    quarter_bounds(inp.fiscal_year, quarter)  # a clear error for a quarter outside 1–4
    notes = inp.notes
    note = notes.quarter(quarter) if notes else None
    sections = {}
    for k in QUARTERS:
        own = notes.quarter(k) if notes else None
        if k > quarter:
            sections[f"q{k}"] = [NOT_YET.format(quarter=k)]
        else:
            sections[f"q{k}"] = own.progress if own and own.progress else draft_progress(inp, k)
    _, end = quarter_bounds(inp.fiscal_year, quarter)
    signer = note.signer if note and note.signer else None
    form4 = next((r for r in inp.evidence.records if r.kind == "form4"), None)
    so_far = score_as_of(inp, quarter)
    return {
        "agency": inp.agency, "fiscal_year": inp.fiscal_year, "quarter": quarter,
        "project": project_name(inp.evidence) or "",
        "kpi": _kpi(inp), "result": points(so_far.total),
        "result_note": f"คะแนนตามหลักฐานที่ได้รับถึงวันที่ {thai.format_date(min(end, today or dt.date.today()))}",
        **sections,
        "summary": (note.summary if note and note.summary else draft_year_end(inp)) if quarter == 4 else [],
        "factors": _numbered(note.supporting_factors if note and note.supporting_factors
                             else draft_factors(inp)),
        "obstacles": _numbered(note.obstacles) if note and note.obstacles else [NOT_GIVEN],
        "evidence": evidence_list(inp, quarter, note),
        "signer": {"name": (signer.name if signer else None) or (form4.fields.get("proposer_name") if form4 else None),
                   "position": signer.position if signer else None,
                   "date": thai.format_date(signer.date) if signer and signer.date else None},
    }


def quarterly_path(inp: ReportInput, quarter: int, out_dir: Path) -> Path:
    return Path(out_dir) / f"quarterly_{safe_name(inp.agency)}_{inp.fiscal_year}_q{quarter}.docx"


def write_quarterly(inp: ReportInput, quarter: int, out_dir: Path, pdf: bool = False) -> list[Path]:
    """The quarter's report of one agency as DOCX (and PDF): ``[docx]`` or ``[docx, pdf]``."""
    docx = render_report("quarterly", quarterly_context(inp, quarter), quarterly_path(inp, quarter, out_dir))
    return with_pdf([docx], pdf)


def quarterly_reports(out_dir: Path, *, agency: str | None = None, quarters: list[int] | None = None,
                      fiscal_year: int | None = None, notes_file: Path | None = None,
                      source: Source | None = None, pdf: bool = False) -> list[Path]:
    """The ``report quarterly`` command: each agency's report of each quarter asked for (all four by default)."""
    inputs = load_report_inputs(source, agency=agency, fiscal_year=fiscal_year, notes_file=notes_file)
    docs = [render_report("quarterly", quarterly_context(inp, q), quarterly_path(inp, q, out_dir))
            for inp in inputs for q in (quarters or list(QUARTERS))]
    return with_pdf(docs, pdf)


__all__ = ["HEADINGS", "YEAR_END_HEADING", "draft_progress", "quarter_of", "quarterly_context",
           "quarterly_reports", "score_as_of", "write_quarterly"]
