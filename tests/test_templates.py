"""The Word templates: Thai typography in the styles, A4 pages, titles and tables of the seed, every value shown."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from pipeline.forms import FieldSpec, form
from pipeline.generate.render import blank_record, context_for, render_docx, template_path
from pipeline.records import Record
from pipeline.scoring.satisfaction import evaluate_survey
from pipeline.thai import FISCAL_MONTHS, MONTH_ABBR

KINDS = ("form1", "form2", "form3", "plan", "form4", "certificate", "survey")
SAMPLES_DIR = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "samples"
FONT = "TH SarabunPSK"
SHADE = "D9D9D9"
CHECKED, UNCHECKED = "☑", "☐"
EMU_PER_CM = 360000
LEVELS = ("มากที่สุด (4)", "มาก (3)", "น้อย (2)", "น้อยที่สุด (1)")


# --------------------------------------------------------------------------- reading a DOCX
def _blocks(container) -> Iterator[Paragraph | Table]:
    for block in container.iter_inner_content():
        yield block
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    yield from _blocks(cell)


def paragraphs(document) -> Iterator[Paragraph]:
    """Every paragraph: body, table cells (nested too), headers and footers."""
    parts = [document]
    for section in document.sections:
        parts += [section.header, section.footer, section.first_page_header, section.first_page_footer]
    for part in parts:
        for block in _blocks(part):
            if isinstance(block, Paragraph):
                yield block


def tables(document) -> list[Table]:
    return [b for b in _blocks(document) if isinstance(b, Table)]


def squeeze(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text or "")


def text_of(paragraph: Paragraph) -> str:
    """A paragraph's text as Word shows it, check boxes (content controls, which python-docx skips) included."""
    return "".join("\t" if el.tag == qn("w:tab") else el.text or ""
                   for el in paragraph._p.iter(qn("w:t"), qn("w:tab")))


def all_text(document) -> str:
    return "\n".join(text_of(p) for p in paragraphs(document))


def row_texts(table: Table, index: int) -> list[str]:
    return [squeeze("".join(text_of(p) for p in c.paragraphs)) for c in table.rows[index].cells]


def step_rows(table: Table) -> list:
    """The Gantt's step rows: not its two header rows nor the phases' heading rows (one cell across)."""
    return [row for row in table.rows[2:] if len(set(row.cells)) > 1]


def find_table(document, first_cell: str) -> Table:
    for table in tables(document):
        if squeeze(table.rows[0].cells[0].text) == squeeze(first_cell):
            return table
    raise AssertionError(f"no table starts with {first_cell!r}")


def cell_fill(cell) -> str | None:
    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return None if shd is None else shd.get(qn("w:fill"))


@pytest.fixture(scope="module")
def blank_docs(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("blank")
    return {kind: Document(str(render_docx(blank_record(kind), out / f"{kind}.docx"))) for kind in KINDS}


# --------------------------------------------------------------------------- the templates themselves
@pytest.mark.parametrize("kind", KINDS)
def test_template_opens_with_python_docx_and_each_tag_is_one_run(kind):
    document = Document(str(template_path(kind)))
    runs = [r for p in paragraphs(document) for r in p.runs]
    assert runs, "the template has no text"
    for run in runs:
        text = run.text
        if "{{" in text or "{%" in text:
            assert re.fullmatch(r"\{\{[^{}]*\}\}|\{%[^{}]*%\}", text), f"a run holds more than one tag: {text!r}"
        else:
            assert "}}" not in text and "%}" not in text, f"a tag is split over runs: {text!r}"


def _rpr(style_element):
    return style_element.find(qn("w:rPr"))


def _assert_thai_typography(rpr, where: str, size: int | None = 32) -> None:
    assert rpr is not None, f"{where}: no run properties"
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts is not None, f"{where}: no w:rFonts"
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(qn(f"w:{attr}")) == FONT, f"{where}: w:{attr} is not {FONT}"
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        assert fonts.get(qn(f"w:{attr}")) is None, f"{where}: a theme font overrides {FONT}"
    if size is not None:
        assert rpr.find(qn("w:sz")).get(qn("w:val")) == str(size), f"{where}: w:sz is not {size}"
        assert rpr.find(qn("w:szCs")).get(qn("w:val")) == str(size), f"{where}: w:szCs is not {size}"
    assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH", f"{where}: w:lang w:bidi is not th-TH"


@pytest.mark.parametrize("kind", KINDS)
def test_styles_carry_th_sarabunpsk_16pt_for_thai_and_latin(kind):
    document = Document(str(template_path(kind)))
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    _assert_thai_typography(_rpr(defaults), "docDefaults")
    _assert_thai_typography(_rpr(document.styles["Normal"].element), "Normal")
    _assert_thai_typography(_rpr(document.styles["Table Grid"].element), "Table Grid")
    for style in document.styles:
        if style.element.find(qn("w:rPr")) is not None and style.element.find(qn("w:rPr")).find(qn("w:rFonts")) \
                is not None:
            _assert_thai_typography(_rpr(style.element), style.name, size=None)
    for name in ("Form Title", "Form Heading", "Form Label"):
        rpr = _rpr(document.styles[name].element)
        assert rpr.find(qn("w:b")) is not None and rpr.find(qn("w:bCs")) is not None, f"{name} is not bold"


@pytest.mark.parametrize("kind", KINDS)
def test_no_run_names_another_font(kind):
    with zipfile.ZipFile(template_path(kind)) as docx:
        parts = [n for n in docx.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
        for name in parts:
            xml = docx.read(name).decode("utf-8")
            for fonts in re.findall(r"<w:rFonts [^>]*>", xml):
                assert set(re.findall(r'w:\w+="([^"]*)"', fonts)) <= {FONT}, f"{name}: {fonts}"


@pytest.mark.parametrize("kind", KINDS)
def test_page_is_a4_with_3cm_left_and_2cm_right_margins(kind):
    document = Document(str(template_path(kind)))
    for section in document.sections:
        size = sorted((round(section.page_width / EMU_PER_CM, 2), round(section.page_height / EMU_PER_CM, 2)))
        assert size == [21.0, 29.7]
        assert round(section.left_margin / EMU_PER_CM, 2) == 3.0
        assert round(section.right_margin / EMU_PER_CM, 2) == 2.0
        top, bottom = round(section.top_margin / EMU_PER_CM, 2), round(section.bottom_margin / EMU_PER_CM, 2)
        assert 1.5 <= top <= 2.5 and 1.5 <= bottom <= 2.0


def test_form3_attaches_its_plan_on_a_landscape_section():
    document = Document(str(template_path("form3")))
    first, plan = document.sections
    assert first.page_width < first.page_height and plan.page_width > plan.page_height
    body = list(document.element.body.iterchildren())
    break_at = next(i for i, el in enumerate(body) if el.find(qn("w:pPr")) is not None
                    and el.find(qn("w:pPr")).find(qn("w:sectPr")) is not None)
    gantt_at = next(i for i, el in enumerate(body) if el.tag == qn("w:tbl") and "ขั้นตอนการดำเนินการ" in
                    "".join(t.text or "" for t in el.iter(qn("w:t"))))
    assert gantt_at > break_at, "the plan's table must be on the landscape page after Form 3"


# --------------------------------------------------------------------------- the blank forms
@pytest.mark.parametrize("kind", KINDS)
def test_blank_form_leaves_no_template_tags(kind, blank_docs):
    for paragraph in paragraphs(blank_docs[kind]):
        for mark in ("{{", "}}", "{%", "%}"):
            assert mark not in paragraph.text, f"{kind}: {paragraph.text!r}"


@pytest.mark.parametrize("kind", KINDS)
def test_blank_form_shows_the_official_title(kind, blank_docs):
    assert squeeze(form(kind).title) in squeeze(all_text(blank_docs[kind]))


@pytest.mark.parametrize("kind", ("form1", "form2", "form4"))
def test_blank_form_has_dotted_leaders_and_unticked_boxes(kind, blank_docs):
    text = all_text(blank_docs[kind])
    assert "." * 20 in text
    assert UNCHECKED in text and CHECKED not in text


def _assert_gantt_header(table: Table, rows: int = 3, sections: int = 3) -> None:
    assert row_texts(table, 0)[0] == "ขั้นตอนการดำเนินการ"
    assert all(t.startswith(squeeze("ปีงบประมาณ พ.ศ.")) for t in row_texts(table, 0)[1:])
    assert len(set(table.rows[0].cells[1:])) == 1, "the year spans the 12 month columns"
    assert row_texts(table, 1)[1:] == [squeeze(MONTH_ABBR[m]) for m in FISCAL_MONTHS]
    assert len(step_rows(table)) == rows and len(table.rows) == 2 + rows + sections


@pytest.mark.parametrize("kind", ("form3", "plan", "form4"))
def test_blank_plan_table_has_its_header_and_three_blank_steps(kind, blank_docs):
    _assert_gantt_header(find_table(blank_docs[kind], "ขั้นตอนการดำเนินการ"))


def test_blank_form4_has_the_risk_and_indicator_tables_of_the_seed(blank_docs):
    document = blank_docs["form4"]
    risk = find_table(document, "ความเสี่ยง")
    assert row_texts(risk, 0) == ["ความเสี่ยง"] + ["การประเมินความเสี่ยง"] * 3 + ["แนวทางการบริหารความเสี่ยง"]
    assert row_texts(risk, 1) == ["ความเสี่ยง", "โอกาสที่จะเกิด", "ผลกระทบ", "ระดับของความเสี่ยง",
                                  "แนวทางการบริหารความเสี่ยง"]
    kpi = find_table(document, "ตัวชี้วัด")
    assert row_texts(kpi, 0) == ["ตัวชี้วัด", "ค่าเป้าหมาย", "ประเภทตัวชี้วัด", squeeze("วิธีการคำนวณ/ เครื่องมือในการวัด"),
                                 "ระยะเวลา"]
    first_cells = [squeeze(row.cells[0].text) for row in kpi.rows[1:]]
    assert len(first_cells) == 4
    assert first_cells[0].startswith("1.นวัตกรรมที่พัฒนาคือ") and first_cells[0].endswith("(จำนวน20คะแนน)")
    assert first_cells[1] == squeeze("2. ร้อยละความพึงพอใจของผู้ใช้นวัตกรรม (จำนวน 10 คะแนน)")
    assert "ตัวชี้วัดที่3.1" in first_cells[2] and first_cells[2].endswith("(จำนวน15คะแนน)")
    assert first_cells[3].startswith("ตัวชี้วัดที่3.2") and first_cells[3].endswith("(จำนวน15คะแนน)")
    satisfaction = row_texts(kpi, 2)
    assert satisfaction[1] == squeeze("ระดับมากขึ้นไป ไม่น้อยกว่า ร้อยละ 80")
    assert [row_texts(kpi, i)[2] for i in range(1, 5)] == ["ผลผลิต", "ผลลัพธ์", "ผลลัพธ์", "ผลลัพธ์"]
    assert "โดยสำรวจจาก" in satisfaction[3] and satisfaction[3].endswith("ชุด")


def test_blank_survey_has_the_questionnaire_and_the_tally(blank_docs):
    document = blank_docs["survey"]
    text = squeeze(all_text(document))
    for label in ("หน่วยงาน", "ชื่อโครงการ", "กลุ่มเป้าหมายที่ใช้ประเมิน"):
        assert label in text
    questionnaire, tally = [t for t in tables(document) if row_texts(t, 0)[0] == "ข้อ"]
    assert row_texts(questionnaire, 1)[2:] == [squeeze(level) for level in LEVELS]
    assert len(questionnaire.rows) == 2 + 5
    assert all(row_texts(questionnaire, i)[2:] == [UNCHECKED] * 4 for i in range(2, 7))
    assert row_texts(tally, 0) == ["ข้อ", "ข้อคำถาม", *(squeeze(level) for level in LEVELS), "ค่าคะแนนเฉลี่ยรายข้อ"]
    assert len(tally.rows) == 1 + 5 + 2  # the mean of มากขึ้นไป and the percent under the questions
    assert [row_texts(tally, i)[0] for i in range(1, 6)] == ["1", "2", "3", "4", "5"]


def test_blank_form1_keeps_two_numbered_lines_per_partner_list(blank_docs):
    texts = [squeeze(p.text) for p in paragraphs(blank_docs["form1"])]
    internal = [t for t in texts if "โดยได้ดำเนินการ" in t and "สัดส่วนร้อยละ" not in t]
    external = [t for t in texts if "สัดส่วนร้อยละ" in t]
    assert [t[:2] for t in internal] == ["1)", "2)"] and [t[:2] for t in external] == ["1)", "2)"]
    assert squeeze("( " + "." * 30 + " ) ผู้เสนอแนวคิด") in texts


# --------------------------------------------------------------------------- filled forms
def sample_records() -> list[Record]:
    records = []
    for path in sorted(SAMPLES_DIR.glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["records"]:
            records.append(Record.from_data(raw, where=str(path)))
    return records


SAMPLES = sample_records()


def test_samples_cover_every_kind():
    assert {r.kind for r in SAMPLES} >= set(KINDS)


# Form 4's satisfaction indicator (row 2) is printed as the seed fixes it, whatever the record says.
FIXED = {("form4", "kpis", 1, "name"), ("form4", "kpis", 1, "target"), ("form4", "kpis", 1, "method")}


def expected_texts(kind: str, specs: dict[str, FieldSpec], values: dict, path: tuple = ()) -> Iterator[tuple]:
    """(where, printed text) of every text, number and date value of a record's template context."""
    for key, spec in specs.items():
        value = values.get(key)
        if value in (None, "", []):
            continue
        if spec.type in ("text", "number", "integer", "date"):
            yield (*path, key), str(value)
        elif spec.type == "list":
            for i, item in enumerate(value):
                for where, text in expected_texts(kind, spec.item, item, (*path, key, i)):
                    if (kind, *where[-3:]) not in FIXED:
                        yield where, text
        elif spec.type == "plan":
            yield from expected_texts(kind, form("plan").fields, value, (*path, key))


def _id(record: Record) -> str:
    return f"{record.kind}-{SAMPLES.index(record)}"


@pytest.mark.parametrize("record", SAMPLES, ids=_id)
def test_filled_form_shows_every_value_and_no_tag(record, tmp_path):
    document = Document(str(render_docx(record, tmp_path / f"{record.kind}.docx")))
    text = squeeze(all_text(document))
    assert "{{" not in text and "{%" not in text
    context = context_for(record)
    for where, value in expected_texts(record.kind, form(record.kind).fields, context):
        assert squeeze(value.replace("\a", " ")) in text, f"{'.'.join(map(str, where))} = {value!r} is not printed"


def _ticked(document, label: str) -> bool | None:
    for paragraph in paragraphs(document):
        for line in re.split(r"\t", text_of(paragraph)):
            if label in line and line.strip()[:1] in (CHECKED, UNCHECKED):
                return line.strip().startswith(CHECKED)
    return None


@pytest.mark.parametrize("record", [r for r in SAMPLES if r.kind in ("form1", "form2", "form3", "form4")], ids=_id)
def test_filled_form_ticks_exactly_the_chosen_boxes(record, tmp_path):
    document = Document(str(render_docx(record, tmp_path / f"{record.kind}.docx")))
    fields = record.fields
    if "innovation_type" in fields:
        for key, label in form(record.kind).fields["innovation_type"].choices.items():
            assert _ticked(document, label) is (fields["innovation_type"] == key), label
    if record.kind == "form2":
        assert _ticked(document, "เป็นนวัตกรรมที่พัฒนาขึ้นใหม่") is (fields["innovation_origin"] == "new")
        assert _ticked(document, "ต่อยอดจากหน่วยงาน") is (fields["innovation_origin"] == "extended")
    if record.kind == "form3":
        assert _ticked(document, "กรณีใช้งบประมาณ") is (fields["uses_budget"] is True)
        assert _ticked(document, "กรณีไม่ใช้งบประมาณ") is (fields["uses_budget"] is False)
    if record.kind == "form4":
        assert _ticked(document, "โครงการต่อเนื่อง") is (fields["is_continuing"] is True)
        assert _ticked(document, "โครงการใหม่") is (fields["is_continuing"] is False)


@pytest.mark.parametrize("record", [r for r in SAMPLES if r.kind in ("form3", "plan", "form4")], ids=_id)
def test_filled_plan_shades_exactly_the_marked_months(record, tmp_path):
    document = Document(str(render_docx(record, tmp_path / f"{record.kind}.docx")))
    plan = record.fields if record.kind == "plan" else record.fields["plan"]
    table = find_table(document, "ขั้นตอนการดำเนินการ")
    changes = sum(1 for i, s in enumerate(plan["steps"]) if s["phase"] != (plan["steps"][i - 1]["phase"] if i else None))
    _assert_gantt_header(table, rows=len(plan["steps"]), sections=changes)
    for step, row in zip(plan["steps"], step_rows(table), strict=True):
        assert squeeze(row.cells[0].text) == squeeze(step["name"])
        shaded = [m for m, cell in zip(FISCAL_MONTHS, row.cells[1:], strict=True) if cell_fill(cell) == SHADE]
        assert sorted(shaded) == sorted(step["months"]), step["name"]


@pytest.mark.parametrize("record", [r for r in SAMPLES if r.kind == "survey"], ids=_id)
def test_filled_survey_tallies_the_counts_per_level(record, tmp_path):
    document = Document(str(render_docx(record, tmp_path / "survey.docx")))
    tally = [t for t in tables(document) if row_texts(t, 0)[0] == "ข้อ"][-1]
    questions = record.fields["questions"]
    assert len(tally.rows) == 1 + max(5, len(questions)) + 2
    for i, question in enumerate(questions, start=1):
        cells = row_texts(tally, i)
        assert cells[0] == str(i) and cells[1] == squeeze(question["text"])
        assert cells[2:6] == [str(n) for n in question["counts"]]
        assert cells[6] == f"{evaluate_survey(record).questions[i - 1].score}"
    result = evaluate_survey(record)
    assert row_texts(tally, len(questions) + 1)[-1] == f"{result.mean}"
    assert row_texts(tally, len(questions) + 2)[-1] == f"{result.percent}"


# --------------------------------------------------------------------------- LibreOffice
def _pdf_pages_and_fonts(pdf: Path) -> tuple[list[str], str]:
    """Each page's orientation (pdfinfo) and the font table (pdffonts) of a PDF."""
    info = subprocess.run(["pdfinfo", "-l", "-1", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    orientation = ["landscape" if float(w) > float(h) else "portrait" for w, h in sizes]
    assert len(orientation) == pages
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return orientation, fonts


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdfinfo"), reason="needs LibreOffice, poppler")
def test_filled_form3_is_one_page_plus_its_landscape_plan_in_th_sarabun(tmp_path):
    forms3 = [r for r in SAMPLES if r.kind == "form3"]
    forms4 = [r for r in SAMPLES if r.kind == "form4"]
    docs = [render_docx(r, tmp_path / f"{r.kind}_{i}.docx") for i, r in enumerate(forms3 + forms4)]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, docs)],
                   capture_output=True, check=True, timeout=300)
    for doc in docs:
        orientation, fonts = _pdf_pages_and_fonts(doc.with_suffix(".pdf"))
        assert "THSarabunNew" in fonts.replace(" ", ""), f"{doc.name}: TH Sarabun New is not used:\n{fonts}"
        if doc.name.startswith("form3"):
            assert orientation == ["portrait", "landscape"], f"{doc.name}: {orientation}"
        else:
            assert len(orientation) <= form("form4").page_limit, f"{doc.name}: {len(orientation)} pages"
