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
from docx.oxml.ns import nsdecls
from docx_builders import (
    FORM2_TYPES,
    MONTHS,
    content_control_box,
    content_control_text,
    dotted_underline,
    form2_lines,
    gantt,
    legacy_box,
    make_docx,
    shade,
    sym,
    symbol_char,
    text_box,
    xml,
)

from pipeline.errors import UnknownDocumentError, UnreadableFileError
from pipeline.extractors.record import extract, extract_all
from pipeline.readers import read_document

TYPES = FORM2_TYPES


# --------------------------------------------------------------------------- building real Word files

def form2(tmp_path: Path, boxes: list, origin: list | None = None, date: str = "15 ม.ค. 68", name: str = "f2") -> Path:
    """Form 2 with the given piece in front of each innovation-type option (and of each origin option)."""
    origin = origin or ["☑", "☐"]
    return make_docx(tmp_path / f"{name}.docx",
                     form2_lines(boxes, origin, date=date, policy_hint=" (ระบุรหัสและชื่อนโยบาย)"))


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


# --------------------------------------------------------------------------- layouts people make of the forms
def numbered_gantt(document):
    """A Gantt whose step numbers come from Word's list numbering, not typed text."""
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    table = document.add_table(rows=1, cols=13)
    for k, month in enumerate(MONTHS):
        table.cell(0, k + 1).text = month
    for name, level, months in (("การสร้างนวัตกรรม", 0, [0]), ("ออกแบบระบบ", 1, [1]), ("สรุปผลโครงการ", 0, [11])):
        cells = table.add_row().cells
        cells[0].text = name
        cells[0].paragraphs[0]._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
        for k in months:
            cells[k + 1].text = "X"


def test_word_list_numbering_counts_like_typed_numbers(tmp_path):
    record = extract(make_docx(tmp_path / "autonum.docx", ["แผนการดำเนินการ"], {0: numbered_gantt}))
    assert [(s["name"], s["phase"], s["months"]) for s in record.fields["steps"]] == [
        ("การสร้างนวัตกรรม", "creation", [10]), ("ออกแบบระบบ", "creation", [11]), ("สรุปผลโครงการ", None, [9])]


def test_form_inside_a_one_cell_frame_table_with_the_gantt_nested(tmp_path):
    document = docx.Document()
    frame = document.add_table(rows=1, cols=1).cell(0, 0)
    frame.paragraphs[0].text = "แผนการดำเนินการ"
    frame.add_paragraph("หน่วยงาน สำนักการโยธา")
    inner = frame.add_table(rows=2, cols=13)
    for k, month in enumerate(MONTHS):
        inner.cell(0, k + 1).text = month
    inner.cell(1, 0).text = "การนำนวัตกรรมไปใช้ประโยชน์"
    inner.cell(1, 5).text = "✓"
    frame.add_paragraph("")
    document.save(tmp_path / "frame.docx")
    record = extract(tmp_path / "frame.docx")
    assert record.kind == "plan" and record.fields["agency"] == "สำนักการโยธา"
    assert record.fields["steps"] == [{"name": "การนำนวัตกรรมไปใช้ประโยชน์", "phase": "deployment", "months": [2]}]


def test_sections_moved_out_of_the_printed_order_keep_their_values(tmp_path):
    record = extract(make_docx(tmp_path / "moved.docx", [
        "แบบนำเสนอโครงการพัฒนานวัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของหน่วยงาน", "หน่วยงาน สำนักการโยธา",
        "วัตถุประสงค์", "เพื่อซ่อมถนนให้เร็วขึ้น", "ประโยชน์ที่คาดว่าจะได้รับ", "ถนนปลอดภัย",
        "แผนการดำเนินการ", "1. การสร้างนวัตกรรม พัฒนาแอป"]))
    assert record.kind == "form3"
    assert record.fields["objectives"] == "เพื่อซ่อมถนนให้เร็วขึ้น"
    assert record.fields["expected_benefits"] == "ถนนปลอดภัย"
    assert record.fields["plan_creation"] == "พัฒนาแอป"


def test_signatures_side_by_side_on_one_line_and_names_without_brackets(tmp_path):
    record = extract(make_docx(tmp_path / "f4.docx", [
        "โครงการพัฒนานวัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของหน่วยงาน", "ชื่อโครงการ จองคิว",
        "ลงชื่อ............ ผู้เสนอโครงการ      ลงชื่อ............ ผู้อนุมัติโครงการ",
        "( นายหนึ่ง ใจดี )      ( นางสองสาว มีสุข )", "ตำแหน่ง นักวิชาการ      ตำแหน่ง ผู้อำนวยการเขต"]))
    assert record.fields["proposer_name"] == "นายหนึ่ง ใจดี"
    assert record.fields["approver_name"] == "นางสองสาว มีสุข"
    record = extract(make_docx(tmp_path / "f4b.docx", [
        "โครงการพัฒนานวัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของหน่วยงาน", "ลงชื่อ ............ ผู้เสนอโครงการ",
        "นายหนึ่ง ใจดี", "ตำแหน่ง นักวิชาการ", "ลงชื่อ นางสองสาว มีสุข ผู้อนุมัติโครงการ"]))
    assert record.fields["proposer_name"] == "นายหนึ่ง ใจดี"
    assert record.fields["approver_name"] == "นางสองสาว มีสุข"


@pytest.mark.parametrize("nature,boxes,expected", [
    ("สอดคล้องกับนโยบาย และเป็นโครงการใหม่", None, False),
    ("เป็นโครงการต่อเนื่องจากปีงบประมาณที่ผ่านมา", None, True),
    ("สอดคล้องกับนโยบาย", ("☐", "☑"), True),
    ("สอดคล้องกับนโยบาย", ("✓", ""), False),
    ("สอดคล้องกับนโยบาย", ("☐", "☐"), None),
])
def test_form4_new_or_continuing_from_boxes_or_from_the_words(tmp_path, nature, boxes, expected):
    lines = ["โครงการพัฒนานวัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของหน่วยงาน", "4. ลักษณะของโครงการ", nature]
    if boxes:
        lines += [f"{boxes[0]} โครงการใหม่", f"{boxes[1]} โครงการต่อเนื่อง"]
    record = extract(make_docx(tmp_path / "f4.docx", [*lines, "5. ระยะเวลาดำเนินการ", "12 เดือน"]))
    assert record.fields["is_continuing"] is expected
    assert record.fields["project_nature"] == nature and record.fields["duration"] == "12 เดือน"
    assert (expected is None) == any(w.startswith("is_continuing") for w in record.warnings)


def test_form3_budget_source_amount_and_the_attached_plan(tmp_path):
    lines = ["แบบฟอร์ม 3", "แบบนำเสนอโครงการพัฒนานวัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของหน่วยงาน",
             "หน่วยงาน สำนักการโยธา", "งบประมาณ", "☑ 1. กรณีใช้งบประมาณ ให้ระบุที่มา และจำนวนเงินงบประมาณที่ใช้",
             "ขอจัดสรรจาก งบประมาณรายจ่ายประจำปี จำนวน ๒๕,๐๐๐.- บาท",
             "☐ 2. กรณีไม่ใช้งบประมาณ ให้ระบุเหตุผลที่ไม่ใช้งบประมาณ", "..........", "กลุ่มเป้าหมาย",
             "1. กลุ่มเป้าหมายที่ใช้นวัตกรรม ได้แก่ ประชาชน", "แผนการดำเนินการ", "หน่วยงาน สำนักการโยธา (แผน)"]
    record = extract(make_docx(tmp_path / "f3.docx", lines, {-1: gantt(STEPS)}))
    fields = record.fields
    assert record.kind == "form3" and fields["agency"] == "สำนักการโยธา" and fields["target_users"] == "ประชาชน"
    assert fields["uses_budget"] is True and fields["budget_amount_baht"] == 25000
    assert fields["budget_source"] == "งบประมาณรายจ่ายประจำปี" and fields["no_budget_reason"] is None
    assert fields["plan"]["agency"] == "สำนักการโยธา (แผน)" and len(fields["plan"]["steps"]) == len(STEPS)
    assert fields["plan"]["fiscal_year"] == 2568


@pytest.mark.parametrize("ticks,filled,expected", [
    (("☑", "☑"), "reason", False),  # both read ticked (a photo's empty box): the filled blank tells the case
    (("☑", "☑"), "amount", True),
    (("☑", "☑"), "both", None),  # the blanks do not tell: nothing read
])
def test_form3_budget_with_both_boxes_ticked_is_read_from_the_filled_blanks(tmp_path, ticks, filled, expected):
    spent = "ขอจัดสรรจาก งบประมาณรายจ่ายประจำปี จำนวน 25,000 บาท" if filled in ("amount", "both") else ".........."
    reason = "ใช้บุคลากรของหน่วยงานเอง" if filled in ("reason", "both") else ".........."
    lines = ["แบบฟอร์ม 3", "แบบนำเสนอโครงการพัฒนานวัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของหน่วยงาน",
             "หน่วยงาน สำนักการโยธา", "งบประมาณ", f"{ticks[0]} 1. กรณีใช้งบประมาณ ให้ระบุที่มา และจำนวนเงินงบประมาณที่ใช้",
             spent, f"{ticks[1]} 2. กรณีไม่ใช้งบประมาณ ให้ระบุเหตุผลที่ไม่ใช้งบประมาณ", reason, "กลุ่มเป้าหมาย",
             "1. กลุ่มเป้าหมายที่ใช้นวัตกรรม ได้แก่ ประชาชน"]
    record = extract(make_docx(tmp_path / "f3.docx", lines))
    assert record.fields["uses_budget"] is expected
    assert any(w.startswith("uses_budget: several boxes are ticked") for w in record.warnings)  # it still warns


def test_form4_risk_and_indicator_tables(tmp_path):
    def tables(document):
        risks = document.add_table(rows=2, cols=6)
        for k, head in enumerate(["ลำดับ", "ความเสี่ยง", "โอกาสที่จะเกิด", "ผลกระทบ", "ระดับของความเสี่ยง",
                                  "แนวทางการบริหารความเสี่ยง"]):
            risks.cell(0, k).text = head
        for k, value in enumerate(["1", "ระบบล่ม", "ปานกลาง", "สูง", "สูง", "สำรองข้อมูล"]):
            risks.cell(1, k).text = value
        document.add_paragraph("10.1 ตัวชี้วัดความสำเร็จ")
        kpis = document.add_table(rows=1, cols=5)
        for k, head in enumerate(["ตัวชี้วัด", "ค่าเป้าหมาย", "ประเภทตัวชี้วัด", "วิธีการคำนวณ/ เครื่องมือในการวัด",
                                  "ระยะเวลา"]):
            kpis.cell(0, k).text = head
        for row in (["1. นวัตกรรมที่พัฒนา คือ แอปจองคิว (ซึ่งต้องเป็นรูปธรรม สามารถประเมินผลได้) (จำนวน 20 คะแนน)",
                     "1 ระบบ", "ผลผลิต", "ตรวจสอบ", "ม.ค. 68"],
                    ["2. ร้อยละความพึงพอใจของผู้ใช้นวัตกรรม (จำนวน 10 คะแนน)", "ร้อยละ 80", "ผลลัพธ์",
                     "วิธีการคำนวณ\nแบบสำรวจความพึงพอใจ โดยสำรวจจาก ผู้ใช้บริการ จำนวน ๕๐ ชุด", "ก.ย. 68"],
                    ["3. ประโยชน์ของนวัตกรรม (ให้เสนอตัวชี้วัดผลลัพธ์) ตัวชี้วัดที่ 3.1 เวลารอลดลง (จำนวน 15 คะแนน)",
                     "ร้อยละ 50", "ผลลัพธ์", "สถิติ", "ก.ย. 68"],
                    ["ตัวชี้วัดที่ 3.2 ..................... (จำนวน 15 คะแนน)", "", "ผลลัพธ์", "", ""]):
            cells = kpis.add_row().cells
            for k, value in enumerate(row):
                cells[k].text = value
    record = extract(make_docx(tmp_path / "f4.docx", [
        "โครงการพัฒนานวัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของหน่วยงาน",
        "8. ความเสี่ยงของโครงการ และแนวทางการบริหารความเสี่ยง"], {1: tables}))
    assert record.fields["risks"] == [{"risk": "ระบบล่ม", "likelihood": "ปานกลาง", "impact": "สูง", "level": "สูง",
                                       "mitigation": "สำรองข้อมูล"}]
    kpis = record.fields["kpis"]
    assert [k["name"] for k in kpis] == ["แอปจองคิว", "ร้อยละความพึงพอใจของผู้ใช้นวัตกรรม", "เวลารอลดลง", None]
    assert [k["kind"] for k in kpis] == ["output", "outcome", "outcome", "outcome"]
    assert kpis[1]["method"].startswith("วิธีการคำนวณ แบบสำรวจความพึงพอใจ")
    assert record.fields["survey_population"] == "ผู้ใช้บริการ" and record.fields["survey_count"] == 50


def test_form1_partner_lists(tmp_path):
    record = extract(make_docx(tmp_path / "f1.docx", [
        "แบบเสนอแนวคิดในการพัฒนานวัตกรรม",
        "กรณีดำเนินการร่วมกับส่วนราชการภายในหน่วยงาน หรือหน่วยงานอื่นในสังกัดกรุงเทพมหานคร",
        "(ระบุชื่อส่วนราชการภายในหน่วยงานที่ร่วมดำเนินการ พร้อมทั้งอธิบายว่ามีการร่วมดำเนินการอย่างไร)",
        "1) ฝ่ายรายได้ โดยได้ดำเนินการ ทดสอบระบบ", "2).............โดยได้ดำเนินการ.............",
        "กรณีดำเนินการร่วมกับหน่วยงานอื่นภายนอกสังกัดกรุงเทพมหานคร หรือองค์กรเอกชน หรือประชาชนทั่วไป",
        "1) มหาวิทยาลัย ก สัดส่วนร้อยละ ๒๐ โดยได้ดำเนินการ ออกแบบ", "ระบบ", "2)......สัดส่วนร้อยละ....โดยได้ดำเนินการ...",
        "ลงชื่อ.......... เจ้าหน้าที่ผู้ปฏิบัติงาน", "( นายหนึ่ง ใจดี ) ผู้เสนอแนวคิด"]))
    assert record.fields["internal_partners"] == [{"name": "ฝ่ายรายได้", "contribution": "ทดสอบระบบ"}]
    assert record.fields["external_partners"] == [{"name": "มหาวิทยาลัย ก", "share_percent": 20,
                                                   "contribution": "ออกแบบ ระบบ"}]
    assert record.fields["proposer_name"] == "นายหนึ่ง ใจดี"


def test_form3_with_the_plan_put_in_front_is_still_form3(tmp_path):
    def plan_table(document):
        table = document.add_table(rows=2, cols=13)
        for k, month in enumerate(MONTHS):
            table.cell(0, k + 1).text = month
        table.cell(1, 0).text, table.cell(1, 3).text = "การสร้างนวัตกรรม", "X"
    record = extract(make_docx(tmp_path / "planfirst.docx", [
        "แผนการดำเนินการ", "หน่วยงาน สำนักงานเขตบางรัก (แผน)",
        "แบบนำเสนอโครงการพัฒนานวัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของหน่วยงาน", "หน่วยงาน สำนักงานเขตบางรัก",
        "- สภาพปัญหา/ความท้าทาย/ความต้องการที่หน่วยงานวิเคราะห์ได้", "คิวยาว"], {1: plan_table}))
    assert record.kind == "form3"
    assert record.fields["agency"] == "สำนักงานเขตบางรัก" and record.fields["problem"] == "คิวยาว"
    assert record.fields["plan"]["agency"] == "สำนักงานเขตบางรัก (แผน)"
    assert record.fields["plan"]["steps"] == [{"name": "การสร้างนวัตกรรม", "phase": "creation", "months": [12]}]


def test_a_file_with_three_copies_of_form1_gives_three_records_and_extract_the_first_with_a_warning(tmp_path):
    lines = [line for idea in ("ก", "ข", "ค") for line in ("แบบเสนอแนวคิดในการพัฒนานวัตกรรม", f"ชื่อแนวคิด แนวคิด{idea}")]
    path = make_docx(tmp_path / "three.docx", lines)
    assert [r.fields["idea_name"] for r in extract_all(path)] == ["แนวคิดก", "แนวคิดข", "แนวคิดค"]
    record = extract(path)
    assert record.fields["idea_name"] == "แนวคิดก"
    assert any("3 forms" in w for w in record.warnings)


def test_empty_content_control_placeholder_is_blank(tmp_path):
    def placeholder(p):
        xml(p, f'<w:sdt {nsdecls("w")}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r>'
                '<w:t>Click or tap here to enter text.</w:t></w:r></w:sdtContent></w:sdt>')
    record = extract(make_docx(tmp_path / "ph.docx", ["แผนการดำเนินการ", ["หน่วยงาน ", placeholder],
                                                      "ชื่อโครงการ Click or tap here to enter text."]))
    assert record.fields["agency"] is None and record.fields["project_name"] is None


def test_struck_through_options_are_deleted_and_the_one_left_is_chosen(tmp_path):
    def struck(text):
        return lambda p: xml(p, f'<w:r {nsdecls("w")}><w:rPr><w:strike/></w:rPr><w:t>{text}</w:t></w:r>')
    path = make_docx(tmp_path / "struck.docx", [
        "แบบสรุปผลการคัดเลือกแนวคิดในการพัฒนานวัตกรรม", ["รูปแบบของนวัตกรรม ", struck(TYPES[0])], TYPES[1],
        [struck(TYPES[2])], "2. นวัตกรรมที่จะพัฒนา คือ ระบบจองคิว"])
    record = extract(path)
    assert record.fields["innovation_type"] == "service" and record.fields["innovation"] == "ระบบจองคิว"


def test_gantt_unnumbered_headings_with_numbered_sub_steps(tmp_path):
    rows = [("การสร้างนวัตกรรม", [], "X"), ("1) ประชุมคณะทำงาน", [0], "X"), ("2) พัฒนาระบบ", [1, 2], "X"),
            ("การนำนวัตกรรมไปใช้ประโยชน์", [], "X"), ("1) อบรมผู้ใช้", [3], "X"),
            ("การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์", [], "X"), ("- สำรวจความพึงพอใจ", [10], "X"),
            ("สรุปผลการดำเนินโครงการ", [11], "X")]
    record = extract(make_docx(tmp_path / "subs.docx", ["แผนการดำเนินการ"], {-1: gantt(rows)}))
    assert [s["phase"] for s in record.fields["steps"]] == [
        "creation", "creation", "creation", "deployment", "deployment", "follow_up", "follow_up", None]
    assert record.fields["steps"][1]["name"] == "ประชุมคณะทำงาน"
