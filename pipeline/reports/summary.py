"""The evaluating office's summary of all agencies: an XLSX table and a Word report (and PDF) with charts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pipeline.cells import as_text
from pipeline.errors import PipelineError
from pipeline.reports import charts
from pipeline.reports.inputs import ReportInput, load_report_inputs
from pipeline.reports.output import points, render_report, with_pdf
from pipeline.reports.scorecard import SEVERITY_TH
from pipeline.scoring.rules import rules_for
from pipeline.scoring.score import ScoreCard
from pipeline.scoring.sources import Source

# The five steps of the KPI (seed 004, ขั้นตอนการดำเนินการ) and what shows a step is done.
STEPS: tuple[str, ...] = (
    "ขั้นตอนที่ 1 ค้นหาแนวคิด (แบบฟอร์ม 1)",
    "ขั้นตอนที่ 2 คัดเลือกแนวคิด (แบบฟอร์ม 2)",
    "ขั้นตอนที่ 3 นำเสนอโครงการต่อคณะกรรมการ",
    "ขั้นตอนที่ 4 พัฒนานวัตกรรม",
    "ขั้นตอนที่ 5 นำนวัตกรรมไปใช้และติดตามผล",
)
COLUMNS: tuple[tuple[str, int], ...] = (
    ("ลำดับ", 7), ("หน่วยงาน", 34), ("ประเภทหน่วยงาน", 22), ("ปีงบประมาณ", 11), ("เอกสารที่ได้รับ", 13),
    ("ข้อผิดพลาด", 11), ("ข้อสังเกต", 10), ("ส่วนที่ 1", 10), ("ส่วนที่ 2", 10), ("ส่วนที่ 3", 10),
    ("คะแนนรวม", 11), ("ระดับ", 8), ("ระดับเทียบสัดส่วน", 15), ("คะแนนถ่วงน้ำหนัก", 15), ("ขั้นตอนที่ผ่าน", 13),
)
# The Word summary's headings, printed word for word by the template (the code and year are filled in).
HEADINGS: tuple[str, ...] = (
    "สรุปผลการประเมินตัวชี้วัดที่ {kpi_code} ปีงบประมาณ พ.ศ. {fiscal_year}", "1. จำนวนหน่วยงานตามระดับคะแนน",
    "2. คะแนนรวมรายหน่วยงาน", "3. ความก้าวหน้าตามขั้นตอนการดำเนินการ 5 ขั้นตอน", "4. ตารางสรุปผลรายหน่วยงาน",
)
XLSX_FONT = "TH SarabunPSK"
HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
PICTURE_MM = 160


@dataclass
class SummaryRow:
    """One agency's line of the summary."""

    card: ScoreCard
    documents: int | None
    steps: list[bool] | None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.card.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.card.findings) - self.errors

    @property
    def step_reached(self) -> int | None:
        """The last of the five steps done with every step before it done too."""
        if self.steps is None:
            return None
        reached = 0
        for done in self.steps:
            if not done:
                break
            reached += 1
        return reached


def steps_done(inp: ReportInput) -> list[bool]:
    """Which of the five steps the agency has done, from the documents received and the decisions."""
    kinds = {d.kind for d in inp.received} or {r.kind for r in inp.evidence.records}
    evaluation = inp.evidence.evaluation
    return [
        "form1" in kinds,
        "form2" in kinds,
        {"form3", "form4"} <= kinds and inp.evidence.committee is not None,
        bool(evaluation and evaluation.developed and evaluation.developed.value),
        "survey" in kinds and bool(evaluation and evaluation.outcomes),
    ]


def summary_rows(items: Sequence[ReportInput | ScoreCard]) -> list[SummaryRow]:
    """A row per agency; a bare score card gives no document count or steps."""
    rows = []
    for item in items:
        if isinstance(item, ScoreCard):
            rows.append(SummaryRow(item, None, None))
        else:
            rows.append(SummaryRow(item.card, len(item.received) or len(item.evidence.records), steps_done(item)))
    return rows


def _values(number: int, row: SummaryRow) -> list[Any]:
    card = row.card
    parts = {p.number: float(p.earned) for p in card.parts}
    return [number, card.agency, card.agency_type_th, card.evidence_year or card.rules_year, row.documents,
            row.errors, row.warnings, parts.get(1), parts.get(2), parts.get(3), float(card.total), card.level,
            float(card.level_interpolated), float(card.weighted), row.step_reached]


def write_xlsx(rows: list[SummaryRow], path: Path) -> Path:
    """The summary table: one row per agency, header frozen, filters on every column; findings on sheet 2."""
    book = Workbook()
    sheet = book.active
    sheet.title = "สรุปรายหน่วยงาน"
    sheet.append([name for name, _ in COLUMNS])
    for number, row in enumerate(rows, 1):
        sheet.append(_values(number, row))
    font, bold = Font(name=XLSX_FONT, size=14), Font(name=XLSX_FONT, size=14, bold=True)
    for col, (_, width) in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.font = bold if cell.row == 1 else font
            if cell.row > 1 and isinstance(cell.value, float):
                cell.number_format = "0.00"
            as_text(cell)  # agency names and the like come from returned files: never a formula
    for cell in sheet[1]:
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    sheet.freeze_panes = "C2"  # the header row and the agency's name stay in view
    _findings_sheet(book, rows, font, bold)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(path))
    return path


def _findings_sheet(book: Workbook, rows: list[SummaryRow], font: Font, bold: Font) -> None:
    sheet = book.create_sheet("ข้อสังเกตจากการตรวจสอบ")
    head = [("หน่วยงาน", 34), ("ระดับ", 12), ("กฎ", 28), ("เอกสาร", 24), ("ข้อความ", 90)]
    sheet.append([name for name, _ in head])
    for row in rows:
        for f in row.card.findings:
            sheet.append([row.card.agency, SEVERITY_TH.get(f.severity, f.severity), f.rule, f.document.label_th(),
                          f.message_th])
    for col, (_, width) in enumerate(head, 1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.font = bold if cell.row == 1 else font
            as_text(cell)
    sheet.auto_filter.ref = f"A1:E{sheet.max_row}"
    sheet.freeze_panes = "A2"


def draw_charts(rows: list[SummaryRow], folder: Path) -> dict[str, list[Path]]:
    """The summary's pictures: level distribution, score by agency, progress through the five steps."""
    bands = len(rules_for(rows[0].card.rules_year).levels.bands) if rows else 5
    levels = Counter(r.card.level for r in rows)
    with_steps = [r for r in rows if r.steps is not None]
    done = [(label, sum(1 for r in with_steps if r.steps[i])) for i, label in enumerate(STEPS)]
    return {
        "level": [charts.level_chart({lv: levels.get(lv, 0) for lv in range(bands + 1)}, folder / "levels.png")],
        "score": charts.score_charts([(r.card.agency, float(r.card.total), r.card.level) for r in rows],
                                     folder / "scores.png"),
        "steps": [charts.steps_chart(done, len(with_steps), folder / "steps.png")],
    }


def summary_context(rows: list[SummaryRow], pictures: dict[str, list[Path]], fiscal_year: int):
    """The Word summary's context, as a function of its template (the pictures need it)."""
    rules = rules_for(rows[0].card.rules_year if rows else fiscal_year)

    def build(template: DocxTemplate) -> dict[str, Any]:
        def image(path: Path) -> InlineImage:
            return InlineImage(template, str(path), width=Mm(PICTURE_MM))

        mean = sum(float(r.card.total) for r in rows) / len(rows) if rows else 0.0
        return {
            "fiscal_year": fiscal_year, "kpi_code": rules.kpi_code,
            "kpi_title": rules.report.kpi_name if rules.report else rules.title_th,
            "agencies": len(rows), "mean": f"{mean:.2f}",
            "level_charts": [image(p) for p in pictures["level"]],
            "score_charts": [image(p) for p in pictures["score"]],
            "steps_charts": [image(p) for p in pictures["steps"]],
            "rows": [{"no": n, "agency": r.card.agency, "documents": r.documents if r.documents is not None else "–",
                      "findings": f"{r.errors}/{r.warnings}",
                      "parts": [points(p.earned) for p in r.card.parts], "total": points(r.card.total),
                      "level": r.card.level, "step": r.step_reached if r.step_reached is not None else "–"}
                     for n, r in enumerate(sorted(rows, key=lambda r: -r.card.total), 1)],
        }
    return build


def write_summary(items: Sequence[ReportInput | ScoreCard], out_dir: Path, *, fiscal_year: int | None = None,
                  pdf: bool = False) -> list[Path]:
    """The summary of all agencies: ``[xlsx, docx]`` (and the PDF), charts as PNG in ``out_dir/charts``."""
    rows = summary_rows(items)
    if not rows:
        raise PipelineError("there is no agency to summarize", "ไม่มีหน่วยงานให้สรุปผล")
    year = fiscal_year or rows[0].card.evidence_year or rows[0].card.rules_year
    out_dir = Path(out_dir)
    xlsx = write_xlsx(rows, out_dir / f"summary_{year}.xlsx")
    pictures = draw_charts(rows, out_dir / "charts")
    docx = render_report("summary", summary_context(rows, pictures, year), out_dir / f"summary_{year}.docx")
    return [xlsx, *with_pdf([docx], pdf)]


def summary_report(out_dir: Path, *, fiscal_year: int | None = None, source: Source | None = None,
                   pdf: bool = False) -> list[Path]:
    """The ``report summary`` command: every agency of the evidence (or the sample year) summarized."""
    inputs = load_report_inputs(source, fiscal_year=fiscal_year)
    return write_summary(inputs, out_dir, fiscal_year=fiscal_year, pdf=pdf)
