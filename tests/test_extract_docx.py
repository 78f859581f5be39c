"""Reading returned Word forms: every way Word stores a tick box, the ways people fill blanks, Thai digits and
Buddhist-Era dates, Gantt marks, and a clear error for a document that is none of the forms."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from pipeline.errors import UnknownDocumentError, UnreadableFileError
from pipeline.extract import extract
from pipeline.readers import read_document

W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
TYPES = ["นวัตกรรมเชิงนโยบาย (Policy Innovation)", "นวัตกรรมบริการ (Service Innovation)",
         "นวัตกรรมการบริหาร/องค์กร (Administrative or Organizational Innovation)"]
MONTHS = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]


# --------------------------------------------------------------------------- building real Word files
def _xml(paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def sym(font: str, char: str):
    return lambda p: _xml(p, f'<w:r {nsdecls("w")}><w:sym w:font="{font}" w:char="{char}"/></w:r>')


def symbol_char(char: str, font: str = "Wingdings"):
    return lambda p: _xml(p, f'<w:r {nsdecls("w")}><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>'
                             f'<w:t>{char}</w:t></w:r>')


def content_control_box(checked: bool, shown: str = "☐"):
    return lambda p: _xml(p, f'<w:sdt {nsdecls("w")} {W14}><w:sdtPr><w14:checkbox><w14:checked w14:val='
                             f'"{int(checked)}"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>{shown}</w:t>'
                             f'</w:r></w:sdtContent></w:sdt>')


def legacy_box(inner: str):
    def add(p):
        _xml(p, f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:sizeAuto/>'
                f'{inner}</w:checkBox></w:ffData></w:fldChar></w:r>')
        _xml(p, f'<w:r {nsdecls("w")}><w:instrText> FORMCHECKBOX </w:instrText></w:r>')
        _xml(p, f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>')
    return add


def content_control_text(text: str):
    return lambda p: _xml(p, f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent><w:r><w:t xml:space="preserve">'
                             f'{text}</w:t></w:r></w:sdtContent></w:sdt>')


def dotted_underline(text: str):
    return lambda p: _xml(p, f'<w:r {nsdecls("w")}><w:rPr><w:u w:val="dotted"/></w:rPr><w:t xml:space="preserve">'
                             f'{text}</w:t></w:r>')


def text_box(text: str):
    return lambda p: _xml(p, f'''<w:r {nsdecls("w", "wp", "a")} {MC} {WPS}><mc:AlternateContent>
<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0"
relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="column"><wp:posOffset>900000</wp:posOffset></wp:positionH><wp:positionV
relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="3000000" cy="300000"/>
<wp:wrapNone/><wp:docPr id="5" name="Text Box 5"/><a:graphic><a:graphicData
uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r>
<w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>
</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>
</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>''')


def arrow_line(width_emu: int):
    return lambda p: _xml(p, f'''<w:r {nsdecls("w", "wp", "a")} {WPS}><w:drawing><wp:anchor distT="0" distB="0"
distL="0" distR="0" simplePos="0" relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>30000</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>60000</wp:posOffset></wp:positionV><wp:extent
cx="{width_emu}" cy="0"/><wp:wrapNone/><wp:docPr id="8" name="Arrow 8"/><a:graphic><a:graphicData
uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:spPr><a:prstGeom
prst="straightConnector1"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>
</wp:anchor></w:drawing></w:r>''')


def shade(cell, fill: str = "FFC000") -> None:
    cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def make_docx(path: Path, lines: list, tables: dict | None = None) -> Path:
    """A Word file: each line a paragraph of text pieces and builders; ``tables`` puts a table builder after a
    line number (or ``-1`` for the end)."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(16)
    tables = tables or {}
    for n, line in enumerate(lines):
        p = document.add_paragraph()
        for piece in (line if isinstance(line, list) else [line]):
            piece(p) if callable(piece) else p.add_run(piece)
        if n in tables:
            tables[n](document)
    if -1 in tables:
        tables[-1](document)
    document.save(path)
    return path


def form2(tmp_path: Path, boxes: list, origin: list | None = None, date: str = "15 ม.ค. 68", name: str = "f2") -> Path:
    """Form 2 with the given piece in front of each innovation-type option (and of each origin option)."""
    origin = origin or ["☑", "☐"]
    return make_docx(tmp_path / f"{name}.docx", [
        "แบบสรุปผลการคัดเลือกแนวคิดในการพัฒนานวัตกรรม", "เพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของหน่วยงาน",
        "หน่วยงาน สำนักงานเขตบางรัก", "1. ชื่อแนวคิด จองคิวออนไลน์", "ชื่อโครงการ โครงการจองคิว",
        "สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร บริหารจัดการดี 3 (ระบุรหัสและชื่อนโยบาย)",
        ["รูปแบบของนวัตกรรม ", boxes[0], " " + TYPES[0]], [boxes[1], " " + TYPES[1]], [boxes[2], " " + TYPES[2]],
        "2. นวัตกรรมที่จะพัฒนา คือ ระบบจองคิว BR-Q",
        ["ลักษณะของนวัตกรรม ", origin[0], " เป็นนวัตกรรมที่พัฒนาขึ้นใหม่"],
        [origin[1], " เป็นนวัตกรรมที่พัฒนา/ต่อยอดจากหน่วยงาน.....(ระบุชื่อหน่วยงาน)....."],
        "ในปัจจุบันประมาณ..........", "โดยสิ่งที่พัฒนา/ต่อยอด คือ..........",
        "3. หลักเกณฑ์/เหตุผลในการคัดเลือกแนวคิด", "ได้คะแนนสูงสุด", "4. วิธีการ/กระบวนการในการพิจารณาคัดเลือกแนวคิด",
        "ประชุมคณะทำงาน", "ลงชื่อ ....................", "( นายสมชาย ใจดี )",
        "หัวหน้าหน่วยงาน/ส่วนราชการในสังกัดสำนักปลัดกรุงเทพมหานคร", f"ลงวันที่ {date}"])


# --------------------------------------------------------------------------- tick boxes, each way Word stores one
@pytest.mark.parametrize("case,on,off", [
    ("wingdings_sym", sym("Wingdings", "F0FE"), sym("Wingdings", "F0A8")),
    ("wingdings_sym_cross", sym("Wingdings", "F0FD"), sym("Wingdings", "F06F")),
    ("wingdings2_sym", sym("Wingdings 2", "F052"), sym("Wingdings 2", "F0A3")),
    ("symbol_font_private_use_char", symbol_char("\uf0fe"), symbol_char("\uf0a8")),
    ("content_control_checked_shows_empty_glyph", content_control_box(True, "☐"), content_control_box(False, "☐")),
    ("legacy_field_default", legacy_box('<w:default w:val="1"/>'), legacy_box('<w:default w:val="0"/>')),
    ("legacy_field_explicit_overrides_default", legacy_box('<w:default w:val="0"/><w:checked/>'),
     legacy_box('<w:default w:val="1"/><w:checked w:val="0"/>')),
    ("unicode_ballot", "☒", "☐"), ("square", "■", "□"), ("bracket_x", "[X]", "[  ]"), ("bracket_slash", "[/]", "[ ]"),
    ("paren_x", "(X)", "( )"), ("check_mark", "✔", "☐"), ("tick_with_nothing_on_others", "✓", ""),
])
def test_each_tick_box_storage_reads_the_ticked_option(tmp_path, case, on, off):
    record = extract(form2(tmp_path, [off, on, off], [on, off], name=case))
    assert record.fields["innovation_type"] == "service"
    assert record.fields["innovation_origin"] == "new"
    assert not [w for w in record.warnings if w.startswith("innovation_type")]


def test_no_box_ticked_gives_null_and_a_warning(tmp_path):
    record = extract(form2(tmp_path, ["☐", "☐", "☐"]))
    assert record.fields["innovation_type"] is None
    assert any(w.startswith("innovation_type") and "no box" in w for w in record.warnings)


def test_several_boxes_ticked_gives_null_and_a_warning_not_a_guess(tmp_path):
    record = extract(form2(tmp_path, ["☑", "☐", "☒"]))
    assert record.fields["innovation_type"] is None
    assert any(w.startswith("innovation_type") and "several" in w for w in record.warnings)


def test_box_in_its_own_table_cell_before_the_option(tmp_path):
    def options(document):
        table = document.add_table(rows=3, cols=2)
        for row, (box, text) in enumerate(zip(["☐", "☐", "☑"], TYPES, strict=True)):
            table.cell(row, 0).text, table.cell(row, 1).text = box, text
    path = make_docx(tmp_path / "cells.docx", ["แบบเสนอแนวคิดในการพัฒนานวัตกรรม", "ชื่อแนวคิด คิวออนไลน์",
                                               "เลือกรูปแบบของนวัตกรรม (เลือกเพียง 1 ข้อ)",
                                               "1. การค้นหาปัญหา/ความท้าทาย/ความต้องการพัฒนางาน", "ประชุมระดมสมอง"],
                     {2: options})
    record = extract(path)
    assert record.kind == "form1" and record.fields["innovation_type"] == "administrative"
    assert record.fields["problem_discovery"] == "ประชุมระดมสมอง"


# --------------------------------------------------------------------------- the ways people fill a blank
FILLS = {
    "A_over_the_dots": ["หน่วยงาน สำนักการโยธา", "ชื่อโครงการ ซ่อมถนนด่วน"],
    "B_before_leftover_dots": ["หน่วยงาน สำนักการโยธา.............", "ชื่อโครงการ ซ่อมถนนด่วน......", "........"],
    "B2_in_the_middle_of_dots": ["หน่วยงาน.....สำนักการโยธา..........", "ชื่อโครงการ....ซ่อมถนนด่วน....."],
    "G_dotted_underline": [["หน่วยงาน ", dotted_underline("สำนักการโยธา")], ["ชื่อโครงการ ", dotted_underline("ซ่อมถนนด่วน")]],
    "D_on_the_next_line": ["หน่วยงาน", "สำนักการโยธา", "ชื่อโครงการ......", "ซ่อมถนนด่วน"],
    "after_a_colon": ["หน่วยงาน: สำนักการโยธา", "ชื่อโครงการ : ซ่อมถนนด่วน"],
    "underscores_for_dots": ["หน่วยงาน____สำนักการโยธา____", "ชื่อโครงการ ___ซ่อมถนนด่วน___"],
    "content_control": [["หน่วยงาน ", content_control_text("สำนักการโยธา")], ["ชื่อโครงการ ", content_control_text("ซ่อมถนนด่วน")]],
    "text_box_over_the_dots": [["หน่วยงาน ........", text_box("สำนักการโยธา")], ["ชื่อโครงการ ......", text_box("ซ่อมถนนด่วน")]],
    "one_line_for_both": ["หน่วยงาน สำนักการโยธา ชื่อโครงการ ซ่อมถนนด่วน"],
}


@pytest.mark.parametrize("style", list(FILLS))
def test_fill_style_values_are_read_without_leaders(tmp_path, style):
    path = make_docx(tmp_path / f"{style}.docx", ["แผนการดำเนินการ", *FILLS[style],
                                                   "นวัตกรรมที่พัฒนา.....(ระบุชื่อนวัตกรรมที่พัฒนา)....."])
    record = extract(path)
    assert record.kind == "plan"
    assert record.fields["agency"] == "สำนักการโยธา"
    assert record.fields["project_name"] == "ซ่อมถนนด่วน"
    assert record.fields["innovation"] is None  # dots and printed guidance only


def test_value_in_a_table_cell_beside_its_label(tmp_path):
    def grid(document):
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "หน่วยงาน", "สำนักการโยธา"
        table.cell(1, 0).text, table.cell(1, 1).text = "ชื่อโครงการ", "ซ่อมถนน\nด่วนพิเศษ"
    record = extract(make_docx(tmp_path / "grid.docx", ["แผนการดำเนินการ"], {0: grid}))
    assert record.fields["agency"] == "สำนักการโยธา"
    assert record.fields["project_name"] == "ซ่อมถนน ด่วนพิเศษ"  # lines joined with one space


def test_multi_line_value_is_joined_and_guidance_dropped(tmp_path):
    path = make_docx(tmp_path / "f1.docx", [
        "แบบเสนอแนวคิดในการพัฒนานวัตกรรม", "ฝ่าย/กลุ่มงาน ฝ่ายโยธา กอง/สำนักงาน -",
        "1. การค้นหาปัญหา/ความท้าทาย/ความต้องการพัฒนางานเพื่อให้การปฏิบัติงานมีประสิทธิภาพยิ่งขึ้น",
        "(อธิบายกระบวนการในการระดมความคิด จนพบปัญหา/ความท้าทาย/ความต้องการพัฒนางาน)",
        "ประชุมระดมสมอง", "สรุปปัญหาได้ 3 ข้อ", "..........................",
        "2. ปัญหา/ความท้าทาย/ความต้องการพัฒนางานเพื่อให้การปฏิบัติงานมีประสิทธิภาพยิ่งขึ้น", "-"])
    record = extract(path)
    assert record.fields["section_unit"] == "ฝ่ายโยธา"
    assert record.fields["division"] is None  # a typed "-"
    assert record.fields["problem_discovery"] == "ประชุมระดมสมอง สรุปปัญหาได้ 3 ข้อ"
    assert record.fields["problem"] is None


# --------------------------------------------------------------------------- digits and dates
@pytest.mark.parametrize("written", ["15 ม.ค. 68", "๑๕ ม.ค. ๖๘", "15 มกราคม 2568", "15/01/2568",
                                     "วันที่ 15 เดือน มกราคม พ.ศ. 2568"])
def test_form2_signed_date_in_buddhist_era_is_iso_gregorian(tmp_path, written):
    record = extract(form2(tmp_path, ["☐", "☑", "☐"], date=written))
    assert record.fields["signed_date"] == "2025-01-15"
    assert record.fields["head_name"] == "นายสมชาย ใจดี"


def test_thai_digit_numbers_become_numbers_and_text_keeps_them(tmp_path):
    path = make_docx(tmp_path / "cert.docx", [
        "หนังสือรับรองสัดส่วนการดำเนินการร่วมกับหน่วยงานภายนอกสังกัดกรุงเทพมหานคร", "หน่วยงาน สำนักงานเขต ๑",
        "1. รายละเอียด เนื้อหา ขอบเขตของงานที่หน่วยงานเป็นผู้ดำเนินการ คิดเป็นสัดส่วนร้อยละ ๗๐.....",
        "(ให้ระบุรายละเอียดให้ชัดเจน)", "พัฒนาระบบ ๒ ระบบ",
        "2. รายละเอียด เนื้อหา ขอบเขตของงานที่หน่วยงานภายนอกสังกัดกรุงเทพมหานคร หรือองค์กรเอกชน "
        "หรือประชาชนทั่วไปเป็นผู้ดำเนินการ คิดเป็นสัดส่วนร้อยละ", "๓๐", "สนับสนุนอุปกรณ์",
        "ลงชื่อ ........ ผู้แทนจากหน่วยงานผู้เสนอโครงการ", "(นางสาวใจดี มีสุข)"])
    record = extract(path)
    assert record.kind == "certificate"
    assert record.fields["agency_share_percent"] == 70 and record.fields["partner_share_percent"] == 30
    assert record.fields["agency"] == "สำนักงานเขต ๑" and record.fields["agency_scope"] == "พัฒนาระบบ ๒ ระบบ"
    assert record.fields["partner_scope"] == "สนับสนุนอุปกรณ์"
    assert record.fields["agency_rep_name"] == "นางสาวใจดี มีสุข"


# --------------------------------------------------------------------------- the Gantt table
def gantt(rows: list[tuple[str, list[int], str]], split_after: int | None = None):
    """rows: (step name, fiscal-month indexes 0–11, how marked: "shade", a text mark, or "arrow")."""
    def add(document):
        parts = [rows[:split_after], rows[split_after:]] if split_after else [rows]
        for part in parts:
            table = document.add_table(rows=2, cols=13)
            table.style = "Table Grid"
            table.cell(0, 0).text = "ขั้นตอนการดำเนินการ"
            table.cell(0, 1).merge(table.cell(0, 12)).text = "ปีงบประมาณ พ.ศ. 2568"
            for k, month in enumerate(MONTHS):
                table.cell(1, k + 1).text = month
            for name, months, mark in part:
                cells = table.add_row().cells
                cells[0].text = name
                if mark == "arrow" and months:  # a line drawn across the months, as wide as they are
                    column = int(table._tbl.tblGrid.findall(qn("w:gridCol"))[1].get(qn("w:w"))) * 635
                    arrow_line(len(months) * column - 60000)(cells[months[0] + 1].paragraphs[0])
                    continue
                for k in months:
                    shade(cells[k + 1]) if mark == "shade" else setattr(cells[k + 1], "text", mark)
            if split_after:
                document.add_paragraph("")
    return add


STEPS = [("1. การสร้างนวัตกรรม", [], "X"), ("1.1 ออกแบบระบบ", [1, 2], "X"), ("2. การนำนวัตกรรมไปใช้ประโยชน์", [3, 4], "X"),
         ("3. การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์", [8, 9, 10], "X"), ("3.1 สำรวจความพึงพอใจ", [10], "X"),
         ("4. สรุปผลการดำเนินโครงการ", [11], "X")]
EXPECTED = [("การสร้างนวัตกรรม", "creation", []), ("ออกแบบระบบ", "creation", [11, 12]),
            ("การนำนวัตกรรมไปใช้ประโยชน์", "deployment", [1, 2]),
            ("การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์", "follow_up", [6, 7, 8]),
            ("สำรวจความพึงพอใจ", "follow_up", [8]), ("สรุปผลการดำเนินโครงการ", None, [9])]


@pytest.mark.parametrize("mark", ["shade", "X", "x", "✓", "/", "●", "arrow"])
def test_gantt_months_from_shading_or_marks_and_phases_from_headings(tmp_path, mark):
    rows = [(name, months, mark) for name, months, _ in STEPS]
    path = make_docx(tmp_path / "plan.docx", ["แผนการดำเนินการ", "หน่วยงาน สำนักการโยธา"], {-1: gantt(rows)})
    record = extract(path)
    assert record.fields["fiscal_year"] == 2568
    got = [(s["name"], s["phase"], s["months"]) for s in record.fields["steps"]]
    assert got == EXPECTED


def test_gantt_split_over_two_tables_with_repeated_header_is_one_plan(tmp_path):
    path = make_docx(tmp_path / "split.docx", ["แผนการดำเนินการ", "หน่วยงาน สำนักการโยธา"],
                     {-1: gantt(STEPS, split_after=3)})
    got = [(s["name"], s["phase"], s["months"]) for s in extract(path).fields["steps"]]
    assert got == EXPECTED


def test_gantt_two_digit_years_in_month_headers_give_the_fiscal_year(tmp_path):
    def add(document):
        table = document.add_table(rows=2, cols=13)
        table.cell(0, 0).text = "ขั้นตอนการดำเนินการ"
        for k, month in enumerate(MONTHS):
            table.cell(1, k + 1).text = f"{month}\n{'68' if k < 3 else '69'}"
        cells = table.add_row().cells
        cells[0].text = "การสร้างนวัตกรรม"
        shade(cells[1], "BFBFBF")
    record = extract(make_docx(tmp_path / "yy.docx", ["แผนการดำเนินการ"], {-1: add}))
    assert record.fields["fiscal_year"] == 2569
    assert record.fields["steps"] == [{"name": "การสร้างนวัตกรรม", "phase": "creation", "months": [10]}]


# --------------------------------------------------------------------------- survey and unknown documents
@pytest.mark.parametrize("zero", ["0", "", "-"])
def test_survey_blank_or_dash_counts_are_zero_and_numbering_is_dropped(tmp_path, zero):
    def tally(document):
        table = document.add_table(rows=1, cols=5)
        for k, head in enumerate(["คำถาม", "มากที่สุด (4)", "มาก (3)", "น้อย (2)", "น้อยที่สุด (1)"]):
            table.cell(0, k).text = head
        for text, counts in (("ข้อ 1 ระบบใช้งานง่าย", ["๕", "4", zero, zero]), ("2. ลดเวลารอ", ["3", zero, "1", "1"])):
            for k, value in enumerate([text, *counts]):
                table.add_row() if k == 0 else None
                table.rows[-1].cells[k].text = value
    path = make_docx(tmp_path / "survey.docx", ["แบบสำรวจความพึงพอใจของผู้ใช้นวัตกรรม", "หน่วยงาน สำนักอนามัย",
                                                "กลุ่มเป้าหมายที่ใช้ประเมิน ประชาชน"], {-1: tally})
    record = extract(path)
    assert record.kind == "survey" and record.fields["respondents_group"] == "ประชาชน"
    assert record.fields["questions"] == [{"text": "ระบบใช้งานง่าย", "counts": [5, 4, 0, 0]},
                                          {"text": "ลดเวลารอ", "counts": [3, 0, 1, 1]}]


def test_unknown_document_error_names_the_title_it_saw(tmp_path):
    path = make_docx(tmp_path / "memo.docx", ["บันทึกข้อความ เรื่อง ขออนุมัติเดินทางไปราชการ", "เรียน ผู้อำนวยการ"])
    with pytest.raises(UnknownDocumentError) as err:
        extract(path)
    assert "บันทึกข้อความ เรื่อง ขออนุมัติเดินทางไปราชการ" in str(err.value)


def test_cli_exits_2_for_an_unknown_document_and_prints_json_for_a_form(tmp_path):
    memo = make_docx(tmp_path / "memo.docx", ["บันทึกข้อความ"])
    run = subprocess.run([sys.executable, "-m", "pipeline", "extract", "--json", str(memo)], capture_output=True,
                         text=True)
    assert run.returncode == 2 and "บันทึกข้อความ" in run.stderr
    run = subprocess.run([sys.executable, "-m", "pipeline", "extract", "--json", str(form2(tmp_path, ["", "✓", ""]))],
                         capture_output=True, text=True, check=True)
    out = json.loads(run.stdout)
    assert out["kind"] == "form2" and out["fields"]["innovation_type"] == "service"
    assert set(out) >= {"kind", "fields", "warnings", "provenance"} and "extended_from" in out["fields"]
    assert out["provenance"]["agency"].startswith("paragraph")


def test_other_file_types_are_refused_in_english_and_thai(tmp_path):
    path = tmp_path / "form.txt"
    path.write_text("แบบฟอร์ม 1", encoding="utf-8")
    with pytest.raises(UnreadableFileError) as err:
        read_document(path)
    assert ".txt" in str(err.value) and "อ่านไฟล์ประเภทนี้ไม่ได้" in str(err.value)
