"""One agency's score card as a Word document (and PDF): every line with its reason, the totals, the findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.reports.inputs import load_report_inputs
from pipeline.reports.output import points, render_report, safe_name, with_pdf
from pipeline.scoring.rules import rules_for
from pipeline.scoring.score import ScoreCard
from pipeline.scoring.sources import Source
from pipeline.scoring.validate import Finding

SEVERITY_TH = {"error": "ข้อผิดพลาด", "warning": "ข้อสังเกต"}
# The card's headings, printed word for word by the template (the KPI code is filled in).
HEADINGS: tuple[str, ...] = ("ผลการประเมินตัวชี้วัดที่ {kpi_code} รายหน่วยงาน", "คะแนนรายข้อ", "คะแนนรวม", "ระดับ",
                             "คะแนนถ่วงน้ำหนัก", "ข้อสังเกตจากการตรวจสอบเอกสาร")


def _finding_row(finding: Finding) -> dict[str, str]:
    return {"severity": SEVERITY_TH.get(finding.severity, finding.severity), "rule": finding.rule,
            "document": finding.document.label_th(), "message": finding.message_th}


def scorecard_context(card: ScoreCard, findings: list[Finding] | None = None) -> dict[str, Any]:
    """The template context: parts with their lines, totals, level and the validation findings."""
    rules = rules_for(card.rules_year)
    findings = card.findings if findings is None else findings
    parts = []
    for part in card.parts:
        lines = [{"title": ln.title_th, "earned": points(ln.earned), "possible": points(ln.possible),
                  "reason": ln.reason_th, "documents": ", ".join(d.label_th() for d in ln.documents)}
                 for ln in card.lines if ln.part == part.number]
        parts.append({"number": part.number, "th": part.th, "earned": points(part.earned),
                      "possible": points(part.possible), "lines": lines})
    errors = sum(1 for f in findings if f.severity == "error")
    return {
        "agency": card.agency, "agency_type": card.agency_type_th,
        "fiscal_year": card.evidence_year or card.rules_year, "rules_year": card.rules_year,
        "kpi_code": rules.kpi_code, "kpi_title": rules.report.kpi_name if rules.report else rules.title_th,
        "parts": parts, "total": points(card.total), "possible": points(card.possible),
        "sum": " + ".join(points(p.earned) for p in card.parts), "level": card.level,
        "level_interpolated": points(card.level_interpolated), "weighted": points(card.weighted),
        "weight": f"{card.weight_percent.normalize():f}",
        "findings": [_finding_row(f) for f in findings],
        "errors": errors, "warnings": len(findings) - errors,
    }


def scorecard_path(card: ScoreCard, out_dir: Path) -> Path:
    year = card.evidence_year or card.rules_year
    return Path(out_dir) / f"scorecard_{safe_name(card.agency)}_{year}.docx"


def write_scorecard(card: ScoreCard, out_dir: Path, *, findings: list[Finding] | None = None,
                    pdf: bool = False) -> list[Path]:
    """One agency's score card as DOCX (and PDF); ``findings`` default to the card's own."""
    docx = render_report("scorecard", scorecard_context(card, findings), scorecard_path(card, out_dir))
    return with_pdf([docx], pdf)


def scorecard_reports(out_dir: Path, *, agency: str | None = None, fiscal_year: int | None = None,
                      source: Source | None = None, pdf: bool = False) -> list[Path]:
    """The ``report scorecard`` command: the card of one agency (or of every agency of the evidence)."""
    cards = [inp.card for inp in load_report_inputs(source, agency=agency, fiscal_year=fiscal_year)]
    docs = [render_report("scorecard", scorecard_context(card), scorecard_path(card, out_dir)) for card in cards]
    return with_pdf(docs, pdf)
