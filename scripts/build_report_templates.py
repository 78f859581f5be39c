"""Build the report templates: templates_docx/quarterly.docx, scorecard.docx and summary.docx.

Plain Word documents with Jinja tags in their text, table rows repeated with ``{%tr for %}`` and pictures
placed with ``{{ picture }}``: a user can edit the wording in Word. The quarterly report follows seed 000's
layout and headings (``pipeline.reports.quarterly.HEADINGS``). Run: ``.venv/bin/python
scripts/build_report_templates.py [OUT_DIR]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.text import WD_LINE_SPACING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from templates_lib import (  # noqa: E402
    TEXT_W_CM,
    add_table,
    cell_text,
    keep_row_together,
    new_document,
    page_header,
    para,
    prune_unused_styles,
    repeat_as_header,
    shade,
    tag,
)

from pipeline.reports.quarterly import HEADINGS  # noqa: E402
from pipeline.reports.scorecard import HEADINGS as CARD  # noqa: E402
from pipeline.reports.summary import HEADINGS as SUMMARY  # noqa: E402

JINJA = {"kpi_code": "{{ kpi_code }}", "fiscal_year": "{{ fiscal_year }}"}

OUT_DIR = ROOT / "templates_docx"
LIST_INDENT_CM = 1.0
PART_HEADER = "ผลการดำเนินงานส่วนที่ 2 ผลสัมฤทธิ์การปฏิบัติงานตามแผนปฏิบัติการประจำปี แยกรายตัวชี้วัด"


def _loop(document, items: str, style: str = "Normal", indent_cm: float = LIST_INDENT_CM) -> None:
    """One paragraph per item of a list in the context."""
    tag(document, f"for line in {items}")
    para(document, "{{ line }}", style, indent_cm=indent_cm)
    tag(document, "endfor")


def _heading(document, heading: str, rest: str = "") -> None:
    para(document, f"**{heading}**" + (f" {rest}" if rest else ""), "Normal" if rest else "Form Heading")


# --------------------------------------------------------------------------- quarterly report
def build_quarterly(out: Path) -> Path:
    h = dict(enumerate(HEADINGS))
    document = new_document()
    page_header(document, PART_HEADER, "Form Small")
    para(document, "รายงานผลการดำเนินงานตามตัวชี้วัด (รายไตรมาส)", "Form Title")
    para(document, "{{ agency }} ไตรมาสที่ {{ quarter }} ปีงบประมาณ พ.ศ. {{ fiscal_year }}", "Form Title")
    para(document)
    _heading(document, h[0], "{{ kpi.name }}")
    _heading(document, h[1], "{{r checkbox(kpi.output) }} ผลผลิต (Output)    {{r checkbox(kpi.outcome) }} ผลลัพธ์ (Outcome)")
    _loop(document, "kpi.strategy")
    _heading(document, h[2])
    _loop(document, "kpi.definitions", "Form Value", 0)
    _heading(document, h[3])
    _loop(document, "kpi.method", "Form Value", 0)
    _heading(document, h[4], "{{ kpi.target }} ({{ kpi.unit }})")
    para(document, ": ผลงานที่ทำได้ = {{ result }} ({{ kpi.unit }}) — {{ result_note }}", indent_cm=LIST_INDENT_CM)
    _heading(document, h[5])
    for quarter, heading in zip((1, 2, 3, 4), HEADINGS[6:10], strict=True):
        _heading(document, heading)
        _loop(document, f"q{quarter}")
    tag(document, "if quarter == 4")
    _heading(document, h[10])
    _loop(document, "summary")
    tag(document, "endif")
    for heading, items in zip(HEADINGS[11:14], ("factors", "obstacles", "evidence"), strict=True):
        _heading(document, heading)
        _loop(document, items)
    para(document)
    para(document, f"{h[14]}" + "." * 40 + "(ผู้รับผิดชอบโครงการ)", "Form Sign")
    para(document, "({{ signer.name|fill(40) }})", "Form Sign")
    para(document, f"{h[15]} " + "{{ signer.position|fill(40) }}", "Form Sign")
    para(document, "วันที่ {{ signer.date|fill(30) }}", "Form Sign")
    return _save(document, out)


# --------------------------------------------------------------------------- score card
SCORE_WIDTHS_CM = (4.6, 2.0, 2.0, TEXT_W_CM - 8.6)
FINDING_WIDTHS_CM = (2.2, 3.6, 2.8, TEXT_W_CM - 8.6)


def _label_rows(document, rows: tuple[tuple[str, str], ...]) -> None:
    table = add_table(document, (5.0, TEXT_W_CM - 5.0), len(rows))
    for row, (label, value) in zip(table.rows, rows, strict=True):
        cell_text(row.cells[0], label, "Form Cell Head", align="left")
        shade(row.cells[0])
        cell_text(row.cells[1], value, "Form Cell")


def _head_row(row, titles: tuple[str, ...]) -> None:
    for cell, text in zip(row.cells, titles, strict=True):
        cell_text(cell, text, "Form Table Head")
        shade(cell)
    repeat_as_header(row)


def build_scorecard(out: Path) -> Path:
    document = new_document()
    para(document, CARD[0].format(**JINJA), "Form Title")
    para(document, "{{ kpi_title }}", align="center")
    para(document)
    _label_rows(document, (("หน่วยงาน", "{{ agency }}"), ("ประเภทหน่วยงาน", "{{ agency_type }}"),
                           ("ปีงบประมาณ พ.ศ.", "{{ fiscal_year }}"),
                           ("เกณฑ์การให้คะแนน", "ปีงบประมาณ พ.ศ. {{ rules_year }}")))
    para(document)
    para(document, CARD[1], "Form Heading")
    table = add_table(document, SCORE_WIDTHS_CM, 8)
    head, parts_for, part, lines_for, line, lines_end, parts_end, total = table.rows
    _head_row(head, ("ประเด็นการประเมิน", "คะแนนที่ได้", "คะแนนเต็ม", "เหตุผลและเอกสารที่ใช้"))
    cell_text(parts_for.cells[0], "{%tr for part in parts %}")
    cell_text(part.cells[0], "ส่วนที่ {{ part.number }} {{ part.th }}", "Form Table Head", align="left")
    cell_text(part.cells[1], "{{ part.earned }}", "Form Table Head")
    cell_text(part.cells[2], "{{ part.possible }}", "Form Table Head")
    for cell in part.cells:
        shade(cell)
    cell_text(lines_for.cells[0], "{%tr for line in part.lines %}")
    cell_text(line.cells[0], "{{ line.title }}")
    cell_text(line.cells[1], "{{ line.earned }}", align="center")
    cell_text(line.cells[2], "{{ line.possible }}", align="center")
    cell_text(line.cells[3], ["{{ line.reason }}", "เอกสาร: {{ line.documents }}"])
    keep_row_together(line)
    cell_text(lines_end.cells[0], "{%tr endfor %}")
    cell_text(parts_end.cells[0], "{%tr endfor %}")
    cell_text(total.cells[0], "คะแนนรวม", "Form Table Head", align="left")
    cell_text(total.cells[1], "{{ total }}", "Form Table Head")
    cell_text(total.cells[2], "{{ possible }}", "Form Table Head")
    cell_text(total.cells[3], "= {{ sum }}", "Form Table")
    para(document)
    para(document, f"**{CARD[2]}** " + "{{ total }} จาก {{ possible }} คะแนน ({{ sum }})")
    para(document, f"**{CARD[3]}** " + "{{ level }} (ระดับแบบเทียบสัดส่วน {{ level_interpolated }})")
    para(document, f"**{CARD[4]}** " + "{{ weighted }} จาก {{ weight }} (คะแนนรวม × {{ weight }} ÷ 100)")
    para(document)
    para(document, CARD[5], "Form Heading")
    para(document, "ข้อผิดพลาด {{ errors }} รายการ ข้อสังเกต {{ warnings }} รายการ")
    findings = add_table(document, FINDING_WIDTHS_CM, 4)
    head, loop, row, end = findings.rows
    _head_row(head, ("ระดับ", "กฎ", "เอกสาร", "ข้อความ"))
    cell_text(loop.cells[0], "{%tr for f in findings %}")
    for cell, key in zip(row.cells, ("severity", "rule", "document", "message"), strict=True):
        cell_text(cell, "{{ f." + key + " }}")
    keep_row_together(row)
    cell_text(end.cells[0], "{%tr endfor %}")
    return _save(document, out)


# --------------------------------------------------------------------------- summary
SUMMARY_WIDTHS_CM = (0.8, 4.0, 1.4, 1.5, 1.5, 1.5, 1.5, 1.4, 1.2, 1.2)


def _pictures(document, items: str) -> None:
    tag(document, f"for picture in {items}")
    picture = para(document, "{{ picture }}", align="center")
    # An exact line pitch (the styles' 22 pt) would crop the picture to one line: single spacing grows with it.
    picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    tag(document, "endfor")


def build_summary(out: Path) -> Path:
    document = new_document()
    para(document, SUMMARY[0].format(**JINJA), "Form Title")
    para(document, "{{ kpi_title }}", align="center")
    para(document)
    para(document, "หน่วยงานที่รับการประเมิน {{ agencies }} หน่วยงาน คะแนนเฉลี่ย {{ mean }} คะแนน", "Form Value")
    para(document, SUMMARY[1], "Form Heading")
    _pictures(document, "level_charts")
    para(document, SUMMARY[2], "Form Heading")
    _pictures(document, "score_charts")
    para(document, SUMMARY[3], "Form Heading")
    _pictures(document, "steps_charts")
    para(document, SUMMARY[4], "Form Heading", new_page=True)
    table = add_table(document, SUMMARY_WIDTHS_CM, 4)
    head, loop, row, end = table.rows
    _head_row(head, ("ที่", "หน่วยงาน", "เอกสาร", "ผิดพลาด/ สังเกต", "ส่วนที่ 1", "ส่วนที่ 2", "ส่วนที่ 3",
                     "รวม", "ระดับ", "ขั้นตอน"))
    cell_text(loop.cells[0], "{%tr for r in rows %}")
    values = ("{{ r.no }}", "{{ r.agency }}", "{{ r.documents }}", "{{ r.findings }}", "{{ r.parts[0] }}",
              "{{ r.parts[1] }}", "{{ r.parts[2] }}", "{{ r.total }}", "{{ r.level }}", "{{ r.step }}")
    for cell, text in zip(row.cells, values, strict=True):
        cell_text(cell, text, align=None if text == "{{ r.agency }}" else "center")
    keep_row_together(row)
    cell_text(end.cells[0], "{%tr endfor %}")
    para(document, "หมายเหตุ ผิดพลาด/สังเกต = จำนวนข้อผิดพลาด/ข้อสังเกตจากการตรวจสอบเอกสาร; ขั้นตอน = "
                   "ขั้นตอนสุดท้ายที่ดำเนินการแล้วต่อเนื่องจากขั้นตอนที่ 1", "Form Small")
    return _save(document, out)


def _save(document, out: Path) -> Path:
    prune_unused_styles(document)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


def build(out_dir: Path = OUT_DIR) -> list[Path]:
    """Write the three report templates and return their paths."""
    return [build_quarterly(out_dir / "quarterly.docx"), build_scorecard(out_dir / "scorecard.docx"),
            build_summary(out_dir / "summary.docx")]


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR):
        print(path)
