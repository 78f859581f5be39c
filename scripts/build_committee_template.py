"""Build templates_docx/committee.docx: the committee's score sheet for part 2 (แบบให้คะแนนของคณะกรรมการ).

The rows of the score table come from the fiscal year's rules when the sheet is filled (``{%tr for item in
items %}``), so a year with other criteria needs no new template. Run: ``.venv/bin/python
scripts/build_committee_template.py [OUT.docx]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from templates_lib import TEXT_W_CM, add_table, cell_text, new_document, para, repeat_as_header, shade  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "templates_docx" / "committee.docx"
LABEL_W_CM = 5.0
# The labels ingestion reads back (pipeline/committee.py matches on them): keep them in step.
HEADER_ROWS = (("หน่วยงาน", "{{ agency|fill(50) }}"),
               ("ชื่อโครงการ", "{{ project_name|fill(50) }}"),
               ("ปีงบประมาณ พ.ศ.", "{{ fiscal_year|fill(10) }}"))
FOOTER_ROWS = (("ข้อเสนอแนะของคณะกรรมการ", "{{ note|fill(50) }}"),
               ("ลงชื่อ (ผู้ให้คะแนนในนามคณะกรรมการ)", "{{ committee_name|fill(40) }}"),
               ("วันที่", "{{ signed_date|fill(20) }}"))
SCORE_WIDTHS_CM = (3.8, 9.0, 1.6, 1.6)
# Only the core styles of templates_lib (Normal, Form Title, Form Cell, Form Cell Head): the sheet is 16 pt.
CELL = "Form Cell"


def _label_table(document, rows) -> None:
    table = add_table(document, (LABEL_W_CM, TEXT_W_CM - LABEL_W_CM), len(rows))
    for row, (label, value) in zip(table.rows, rows, strict=True):
        cell_text(row.cells[0], label, "Form Cell Head", align="left")
        shade(row.cells[0])
        cell_text(row.cells[1], value, CELL)


def _score_table(document) -> None:
    table = add_table(document, SCORE_WIDTHS_CM, 5)
    head, loop_start, item, loop_end, total = table.rows
    for cell, text in zip(head.cells, ("ประเด็นการพิจารณา", "คำอธิบายและหลักเกณฑ์การพิจารณา", "คะแนนเต็ม",
                                       "คะแนนที่ได้"), strict=True):
        cell_text(cell, text, "Form Cell Head")
        shade(cell)
    repeat_as_header(head)
    cell_text(loop_start.cells[0], "{%tr for item in items %}", CELL)
    cell_text(item.cells[0], "{{ item.no }}. {{ item.th }}", "Form Cell Head", align="left")
    cell_text(item.cells[1], "{{ item.criteria }}", CELL)
    cell_text(item.cells[2], "{{ item.max }}", CELL, align="center")
    cell_text(item.cells[3], "{{ item.points|fill(8) }}", CELL, align="center")
    cell_text(loop_end.cells[0], "{%tr endfor %}", CELL)
    cell_text(total.cells[0], "รวม", "Form Cell Head")
    cell_text(total.cells[2], "{{ possible }}", "Form Cell Head")
    cell_text(total.cells[3], "{{ total|fill(8) }}", "Form Cell Head")


def build(out: Path = OUT) -> Path:
    """Write the committee sheet template and return its path."""
    document = new_document()
    para(document, "แบบให้คะแนนของคณะกรรมการพัฒนานวัตกรรมกรุงเทพมหานคร", "Form Title")
    para(document, "ส่วนที่ 2 : การกลั่นกรองนวัตกรรม ({{ possible }} คะแนน)", "Form Title")
    para(document, "ตัวชี้วัดที่ {{ kpi_code }} {{ kpi_title }}", align="center")
    para(document)
    _label_table(document, HEADER_ROWS)
    para(document)
    _score_table(document)
    para(document)
    _label_table(document, FOOTER_ROWS)
    para(document)
    para(document, "หมายเหตุ ให้คะแนนแต่ละประเด็นไม่เกินคะแนนเต็ม (ทศนิยมไม่เกิน 2 ตำแหน่ง) แล้วส่งคืนสำนักงาน ก.ก. "
                   "เป็นไฟล์ Word เพื่อนำเข้าระบบ")
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
