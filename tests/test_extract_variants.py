"""Returned forms filled in ways the dev corpus does not show: colons after labels, other leaders, no-break
spaces, a bare X after a group's label, dashes in empty Gantt months, other fonts in the PDF, a table row cut
by a page break. Each case is a real Word file (and its LibreOffice PDF for the PDF cases)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx_builders import FORM2_TYPES, form2_lines, gantt, legacy_box, make_docx, xml
from shared_paths import CORPUS

from pipeline.document import Cell, Table
from pipeline.extractors.gantt import _fiscal_year as gantt_fiscal_year
from pipeline.extractors.record import extract

TYPES = FORM2_TYPES
STEPS = [("1. การสร้างนวัตกรรม", [0, 1], "X"), ("1.1 ออกแบบระบบ", [0], "X"), ("1.2 พัฒนาระบบ", [1], "X"),
         ("2. การนำนวัตกรรมไปใช้ประโยชน์", [2, 3, 4], "X"), ("3. การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์", [11], "X")]


def set_font(path: Path, name: str, size: int = 16) -> Path:
    """Every run and the Normal style in another font, as an office whose template is not TH SarabunPSK."""
    document = docx.Document(path)
    for style_font in (document.styles["Normal"].font,):
        style_font.name, style_font.size = name, Pt(size)
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.font.name, run.font.size = name, Pt(size)
            fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
            fonts.set(qn("w:cs"), name)
            fonts.set(qn("w:eastAsia"), name)
    document.save(path)
    return path


def plan_docx(tmp_path: Path, header: str, blank_months: str = "") -> Path:
    """A plan whose Gantt header reads ``header`` and whose unmarked month cells hold ``blank_months``."""
    path = make_docx(tmp_path / "plan.docx", ["แผนการดำเนินการ", "หน่วยงาน สำนักการโยธา"], {-1: gantt(STEPS)})
    document = docx.Document(path)
    table = document.tables[0]
    table.cell(0, 1).text = header
    for row in table.rows[2:]:
        for cell in row.cells[1:]:
            if not cell.text.strip() and blank_months:
                cell.text = blank_months
    document.save(path)
    return path


PROMPT = ('<w:sdt {ns}><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:r><w:t>'
          'คลิกหรือแตะที่นี่เพื่อป้อนข้อความ</w:t></w:r></w:sdtContent></w:sdt>').format(ns=nsdecls("w"))
CERTIFICATE_WITH_PROMPT = [
    "หนังสือรับรองสัดส่วนการดำเนินการร่วมกับหน่วยงานภายนอกสังกัดกรุงเทพมหานคร", "หน่วยงาน สำนักงานเขตลาดพร้าว",
    ["นวัตกรรมที่พัฒนา", lambda p: xml(p, PROMPT), "ดำเนินการร่วมกับ ชมรมผู้สูงอายุ"]]


def justify(path: Path) -> Path:
    """Every paragraph justified (Word's ``both``), as many offices set their forms."""
    document = docx.Document(path)
    for paragraph in document.paragraphs + [p for t in document.tables for c in t._cells for p in c.paragraphs]:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.save(path)
    return path


# --------------------------------------------------------------------------- DOCX
def test_fiscal_year_after_a_colon_in_the_gantt_header_is_read(tmp_path):
    record = extract(plan_docx(tmp_path, "ปีงบประมาณ พ.ศ. : 2568"))
    assert record.fields["fiscal_year"] == 2568


def test_a_fiscal_year_no_record_can_hold_is_not_the_plans(tmp_path):
    # OCR misreads ๒ as ๘ (8568): the plan and its steps are kept, the year left for a person to fill
    record = extract(plan_docx(tmp_path, "ปีงบประมาณ พ.ศ. 8568"))
    assert record.fields["fiscal_year"] is None
    assert len(record.fields["steps"]) == len(STEPS)
    # … or taken from the months' own years when they print them
    heads = ["ต.ค. 67", "พ.ย. 67", "ธ.ค. 67"] + [f"{m} 68" for m in ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.",
                                                                  "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.")]
    table = Table(rows=[[Cell("ขั้นตอน")] + [Cell("ปีงบประมาณ พ.ศ. 8568")] * 12, [Cell("")] + [Cell(h) for h in heads]])
    months = {k + 1: m for k, m in enumerate([10, 11, 12] + list(range(1, 10)))}
    assert gantt_fiscal_year(table, 2, months) == 2568


@pytest.mark.parametrize("blank", ["-", "0", "–"])
def test_dash_or_zero_typed_in_an_empty_month_is_not_a_mark(tmp_path, blank):
    record = extract(plan_docx(tmp_path, "ปีงบประมาณ พ.ศ. 2568", blank_months=blank))
    fiscal = [10, 11, 12] + list(range(1, 10))
    expected = [sorted(fiscal[k] for k in months) for _, months, _ in STEPS]
    assert [s["months"] for s in record.fields["steps"]] == expected


def test_months_marked_with_dashes_alone_are_still_marks(tmp_path):
    rows = [(name, months, "-") for name, months, _ in STEPS]
    path = make_docx(tmp_path / "dashes.docx", ["แผนการดำเนินการ", "หน่วยงาน สำนักการโยธา"], {-1: gantt(rows)})
    assert extract(path).fields["steps"][0]["months"] == [10, 11]


@pytest.mark.parametrize("leader", ["———", "――――", "–––"])
def test_dash_leaders_between_two_labels_on_a_line_are_cut_away(tmp_path, leader):
    path = make_docx(tmp_path / "cert.docx", [
        "หนังสือรับรองสัดส่วนการดำเนินการร่วมกับหน่วยงานภายนอกสังกัดกรุงเทพมหานคร",
        f"หน่วยงาน{leader}สำนักงานเขตลาดพร้าว{leader}", f"ชื่อโครงการ{leader}โครงการลงทะเบียนออนไลน์{leader}",
        f"นวัตกรรมที่พัฒนา ระบบลงทะเบียนออนไลน์{leader}ดำเนินการร่วมกับ ชมรมผู้สูงอายุ{leader}"])
    fields = extract(path, kind="certificate").fields
    assert (fields["innovation"], fields["partner"]) == ("ระบบลงทะเบียนออนไลน์", "ชมรมผู้สูงอายุ")


def test_bare_x_typed_after_the_group_label_ticks_the_option_it_stands_before(tmp_path):
    path = make_docx(tmp_path / "f2.docx", form2_lines(["☐", "X", "☐"], ["X", "☐"]))
    fields = extract(path).fields
    assert (fields["innovation_type"], fields["innovation_origin"]) == ("service", "new")


def test_no_break_spaces_between_labels_and_values_separate_them(tmp_path):
    nbsp = "\u00a0"
    path = make_docx(tmp_path / "f1.docx", [
        "แบบเสนอแนวคิดในการพัฒนานวัตกรรม",
        f"ฝ่าย/กลุ่มงาน{nbsp}ฝ่ายพยาบาล{nbsp}กอง/สำนักงาน{nbsp}ศูนย์บริการสาธารณสุข{nbsp}13",
        f"สำนัก/สำนักงานเขต{nbsp}สำนักอนามัย", f"ชื่อแนวคิด{nbsp}{nbsp}นัดหมายออนไลน์"])
    fields = extract(path, kind="form1").fields
    assert (fields["section_unit"], fields["division"]) == ("ฝ่ายพยาบาล", "ศูนย์บริการสาธารณสุข 13")
    assert fields["idea_name"] == "นัดหมายออนไลน์"


# --------------------------------------------------------------------------- PDF (LibreOffice)
@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """One soffice run for every PDF case."""
    from pipeline.office import convert_to_pdf

    out = tmp_path_factory.mktemp("variants")
    made = {
        # LibreOffice draws an auto-sized legacy check box as high as a 16 pt TH SarabunPSK line (30 pt).
        "legacy": set_font(make_docx(out / "legacy.docx", form2_lines(
            [legacy_box('<w:default w:val="0"/>'), legacy_box('<w:default w:val="1"/>'),
             legacy_box('<w:default w:val="0"/>')],
            [legacy_box('<w:default w:val="1"/>'), legacy_box('<w:default w:val="0"/>')])), "TH SarabunPSK"),
        # Cordia New falls back to a font whose digits are drawn narrower than their advance: "1" then a gap.
        "cordia": set_font(make_docx(out / "cordia.docx", form2_lines(["☐", "☑", "☐"], ["☑", "☐"])),
                           "Cordia New", 15),
        # An empty content control prints its prompt into the PDF, between two labels.
        "prompt": make_docx(out / "prompt.docx", CERTIFICATE_WITH_PROMPT),
    }
    if CORPUS.is_dir():  # cases made from the dev corpus's files (../shared beside the project)
        # The corpus's Form 4 whose unnumbered risk rows LibreOffice here cuts across a page break.
        made["risks"] = Path(shutil.copy(CORPUS / "doc016.docx", out / "risks.docx"))
        # The corpus's survey justified: LibreOffice spreads the letters of its narrow Thai cells apart.
        made["justified"] = justify(Path(shutil.copy(CORPUS / "doc006.docx", out / "justified.docx")))
    convert_to_pdf(list(made.values()), out, workers=2)
    return {name: path.with_suffix(".pdf") for name, path in made.items()}


corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="dev corpus not present (../shared beside the project)")


@pytest.mark.slow
def test_legacy_check_boxes_as_high_as_the_line_are_read_in_the_pdf(pdfs):
    fields = extract(pdfs["legacy"]).fields
    assert (fields["innovation_type"], fields["innovation_origin"]) == ("service", "new")


@pytest.mark.slow
def test_item_number_drawn_apart_from_its_dot_still_numbers_the_label(pdfs):
    fields = extract(pdfs["cordia"]).fields
    assert (fields["agency"], fields["idea_name"]) == ("สำนักงานเขตบางรัก", "จองคิวออนไลน์")


@pytest.mark.slow
@corpus
def test_unnumbered_risk_row_cut_by_a_page_break_is_one_risk(pdfs):
    truth = json.loads((CORPUS / "doc016.truth.json").read_text(encoding="utf-8"))["fields"]["risks"]
    risks = extract(pdfs["risks"]).fields["risks"]
    assert [r["risk"] for r in risks] == [r["risk"] for r in truth]
    assert [(r["likelihood"], r["impact"], r["level"]) for r in risks] == [
        (t["likelihood"], t["impact"], t["level"]) for t in truth]


def test_unfilled_content_control_between_two_labels_keeps_them_apart(tmp_path):
    fields = extract(make_docx(tmp_path / "cert.docx", CERTIFICATE_WITH_PROMPT), kind="certificate").fields
    assert (fields["innovation"], fields["partner"]) == (None, "ชมรมผู้สูงอายุ")


@pytest.mark.slow
@corpus
def test_justified_table_cells_are_read_from_the_text_layer_not_ocr(pdfs):
    truth = json.loads((CORPUS / "doc006.truth.json").read_text(encoding="utf-8"))["fields"]["questions"]
    questions = extract(pdfs["justified"]).fields["questions"]
    assert [q["counts"] for q in questions] == [q["counts"] for q in truth]
    assert [q["text"].replace(" ", "") for q in questions] == [q["text"].replace(" ", "") for q in truth]


@pytest.mark.slow
def test_printed_prompt_of_an_empty_content_control_is_a_blank(pdfs):
    fields = extract(pdfs["prompt"], kind="certificate").fields
    assert (fields["innovation"], fields["partner"]) == (None, "ชมรมผู้สูงอายุ")


@pytest.mark.slow
def test_options_struck_through_in_a_pdf_are_left_out_as_in_the_docx(tmp_path):
    from pipeline.office import convert_to_pdf

    def struck(text):
        return lambda p: xml(p, f'<w:r {nsdecls("w")}><w:rPr><w:strike/></w:rPr><w:t>{text}</w:t></w:r>')

    lines = ["แบบสรุปผลการคัดเลือกแนวคิดในการพัฒนานวัตกรรม", ["รูปแบบของนวัตกรรม ", struck(TYPES[0])], TYPES[1],
             [struck(TYPES[2])], ["2. นวัตกรรมที่จะพัฒนา คือ ระบบจองคิว ", struck("(ระบุ)")],
             "ชื่อโครงการ โครงการจองคิวออนไลน์"]
    docx_path = make_docx(tmp_path / "struck.docx", lines)
    underlined = docx.Document(docx_path)
    underlined.paragraphs[-1].runs[-1].font.underline = True  # an underline is no strike
    underlined.save(docx_path)
    (pdf,) = convert_to_pdf([docx_path], tmp_path)
    for path in (docx_path, pdf):
        record = extract(path)
        assert record.fields["innovation_type"] == "service", path
        assert record.fields["innovation"] == "ระบบจองคิว", path
        assert record.fields["project_name"] == "โครงการจองคิวออนไลน์", path
