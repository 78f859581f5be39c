"""Generating the forms: every kind blank and prefilled, as DOCX that opens and PDF that fits its page limit."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pypdfium2
import pytest
from docx_inspect import all_text, thai_runs_resolved

from pipeline import KINDS, Record, thai
from pipeline.errors import ConversionError, RecordDataError
from pipeline.forms import form
from pipeline.generate.stage import generate, generate_blank, load_records
from pipeline.office import convert_to_pdf
from pipeline.samples import sample_records

ROOT = Path(__file__).resolve().parent.parent
BODY_HALF_POINTS = 32  # 16 pt
ALLOWED_FONTS = {"TH SarabunPSK", "TH Sarabun New"}


def _leaves(spec_fields, values):
    """(key, printed text) of every text, number and date value a record holds, recursively."""
    for key, spec in spec_fields.items():
        value = values.get(key)
        if value is None:
            continue
        if spec.type == "plan":
            yield from _leaves(form("plan").fields, value)
        elif spec.type == "list":
            for item in value:
                yield from _leaves(spec.item, item)
        elif spec.type == "text":
            for line in str(value).splitlines():
                if line.strip():
                    yield key, line.strip()
        elif spec.type == "number":
            yield key, thai.format_number(value)
        elif spec.type == "integer":
            yield key, str(value)  # years and counts print without a thousands separator
        elif spec.type == "date":
            yield key, thai.format_date(dt.date.fromisoformat(value))


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("generated")
    records = sample_records()
    filled = generate(records, out / "filled", per_agency=True)
    blank = generate_blank(list(KINDS), out / "blank")
    return records, filled, blank


def test_every_kind_is_generated_blank_and_prefilled(generated):
    records, filled, blank = generated
    assert {d.kind for d in blank.documents} == set(KINDS)
    assert {d.kind for d in filled.documents} == set(KINDS)
    for d in filled.documents + blank.documents:
        document = docx.Document(str(d.docx))  # opens
        assert document.paragraphs or document.tables


def test_no_template_tag_is_left_in_any_document(generated):
    _, filled, blank = generated
    for d in filled.documents + blank.documents:
        text = all_text(d.docx)
        for tag in ("{{", "}}", "{%", "%}"):
            assert tag not in text, f"{d.docx.name} keeps {tag!r}"


def test_every_thai_run_resolves_to_th_sarabun_and_body_text_is_16_pt(generated):
    _, filled, blank = generated
    for d in filled.documents + blank.documents:
        runs = thai_runs_resolved(d.docx)
        assert runs, f"{d.docx.name} has no Thai"
        wrong_font = [(t, f) for t, f, _, _ in runs if f not in ALLOWED_FONTS]
        assert not wrong_font, f"{d.docx.name}: {wrong_font[:3]}"
        assert all(s is not None for _, _, s, _ in runs), f"{d.docx.name}: a Thai run has no complex-script size"
        body = [s for _, _, s, in_table in runs if not in_table]
        if d.kind == "form3":
            # Form 3 must fit one page: its body is 14 pt, as agencies set it when the form runs long.
            body = [s for _, _, s, _ in runs]
            assert max(set(body), key=body.count) == 28, f"{d.docx.name}: sizes {set(body)}"
            continue
        assert max(set(body), key=body.count) == BODY_HALF_POINTS, f"{d.docx.name}: body sizes {set(body)}"


def test_every_sample_value_appears_in_its_document(generated):
    records, filled, _ = generated
    for record, d in zip(records, filled.documents, strict=True):
        text = _squash(all_text(d.docx))
        missing = [(k, v) for k, v in _leaves(form(record.kind).fields, record.fields) if _squash(v) not in text]
        assert not missing, f"{d.docx}: {missing[:5]}"


def test_a_list_makes_one_folder_per_agency(generated):
    records, filled, _ = generated
    agencies = {r.fields["agency"] for r in records}
    folders = {d.docx.parent.name for d in filled.documents}
    assert len(folders) == len(agencies) == 3
    form1 = sorted(d.docx.name for d in filled.documents if d.kind == "form1" and d.docx.parent == filled.documents[0].docx.parent)
    assert form1 == ["form1-1.docx", "form1-2.docx", "form1-3.docx"]


def test_markup_and_jinja_in_a_value_come_out_literally(tmp_path):
    nasty = 'A&B <C> "D" {{ x }} {% if %}'
    record = Record.from_data({"idea_name": nasty, "agency": "สำนักงานเขตบางรัก", "problem": "บรรทัดแรก\nบรรทัดที่สอง"},
                              kind="form1")
    result = generate([record], tmp_path)
    path = result.documents[0].docx
    document = docx.Document(str(path))  # still opens
    texts = [p.text for p in document.paragraphs]
    assert any(nasty in t for t in texts)
    # a newline in a value becomes a new paragraph, not a line break inside one
    assert "บรรทัดแรก" in texts and "บรรทัดที่สอง" in texts


def test_data_file_in_extract_shape_or_bare_fields_both_load(tmp_path):
    shaped = tmp_path / "one.json"
    shaped.write_text(json.dumps({"kind": "certificate", "fields": {"agency": "สำนักอนามัย"}}, ensure_ascii=False),
                      encoding="utf-8")
    bare = tmp_path / "many.yaml"
    bare.write_text("- agency: สำนักอนามัย\n  agency_share_percent: ๗๐\n- agency: สำนักงานเขตดุสิต\n", encoding="utf-8")
    assert load_records(shaped)[0].kind == "certificate"
    loaded = load_records(bare, "certificate")
    assert [r.fields["agency_share_percent"] for r in loaded] == [70, None]


def test_bad_data_file_error_names_the_record_and_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- agency: ก\n- agnecy: ข\n", encoding="utf-8")
    with pytest.raises(RecordDataError) as err:
        load_records(bad, "form2")
    assert "record 2" in str(err.value) and "agnecy" in str(err.value)


def test_generate_command_writes_docx_and_reports_it(tmp_path):
    data = tmp_path / "form2.json"
    data.write_text(json.dumps({"agency": "สำนักงานเขตบางรัก", "signed_date": "15 ม.ค. 68"}, ensure_ascii=False),
                    encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pipeline", "generate", "form2", "--data", str(data), "--out",
                          str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    made = tmp_path / "out" / "form2.docx"
    assert made.is_file()
    assert "15 มกราคม 2568" in all_text(made)


def test_generate_command_with_bad_data_fails_with_a_clear_message(tmp_path):
    data = tmp_path / "bad.json"
    data.write_text('{"agency": ', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pipeline", "generate", "form2", "--data", str(data)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2
    assert "not valid JSON" in run.stderr and "รูปแบบไฟล์ข้อมูลไม่ถูกต้อง" in run.stderr


def test_missing_libreoffice_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no soffice on it
    with pytest.raises(ConversionError) as err:
        convert_to_pdf([tmp_path / "x.docx"])
    assert "LibreOffice is not installed" in str(err.value)


@pytest.mark.slow
def test_pdfs_convert_embed_th_sarabun_new_and_form3_fits_one_page(tmp_path):
    records = sample_records()
    result = generate(records, tmp_path, pdf=True, per_agency=True, workers=2)
    for d in result.documents:
        assert d.pdf and d.pdf.is_file()
        if d.kind == "form3":
            assert d.form_pages == 1, f"{d.docx}: form 3 takes {d.form_pages} pages"
            assert d.pages == 2 and d.pages_text() == "2 pages: the form 1, its plan 1"  # the plan attached
        if d.kind == "form4":
            assert d.pages <= 6
    assert not [w for w in result.warnings if "pages" in w]
    fonts = subprocess.run(["pdffonts", str(result.documents[0].pdf)], capture_output=True, text=True).stdout
    assert "THSarabunNew" in fonts.replace(" ", "")
    assert "Laksaman" not in fonts


@pytest.mark.slow
def test_form_over_its_page_limit_is_reported_and_strict_makes_it_an_error(tmp_path):
    from pipeline.errors import PageLimitError

    long_text = "ข้อความยาวมากเพื่อทดสอบจำนวนหน้า " * 120
    record = Record.from_data({"agency": "สำนักงานเขตบางรัก", "problem": long_text}, kind="form3")
    result = generate([record], tmp_path / "loose", pdf=True)
    assert result.documents[0].form_pages > 1
    assert any("allows at most 1" in w for w in result.warnings)
    with pytest.raises(PageLimitError) as err:
        generate([record], tmp_path / "strict", pdf=True, strict=True)
    assert "form3.docx" in str(err.value) and "เกินกว่าที่แบบฟอร์มกำหนด" in str(err.value)


@pytest.mark.slow
def test_a_hung_conversion_is_stopped_with_a_clear_error(tmp_path):
    # A real LibreOffice given far too little time: the limit must stop it, not hang the batch.
    src = tmp_path / "form1.docx"
    generate([Record.from_data({"agency": "ก"}, kind="form1")], tmp_path)
    with pytest.raises(ConversionError) as err:
        convert_to_pdf([src], timeout=0.01)
    assert "was stopped" in str(err.value)
    assert os.path.exists(src)


@pytest.mark.slow
def test_same_named_files_in_many_folders_each_get_their_own_pdf(tmp_path):
    # One soffice call converts files from many agency folders: no PDF may land in, or take, another's place.
    agencies = ["สำนักงานเขตบางรัก", "สำนักงานเขตปทุมวัน", "สำนักการโยธา"]
    paths = [tmp_path / name / "form1.docx" for name in agencies]
    records = [Record.from_data({"agency": name}, kind="form1") for name in agencies]
    generate(records, tmp_path, paths=paths)
    pdfs = convert_to_pdf(paths, workers=2)
    assert pdfs == [p.with_suffix(".pdf") for p in paths]
    for name, pdf in zip(agencies, pdfs, strict=True):
        document = pypdfium2.PdfDocument(pdf)
        text = "".join(page.get_textpage().get_text_range() for page in document)
        document.close()
        others = [a for a in agencies if a != name]
        assert name in text and not any(a in text for a in others), pdf
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(agencies)  # nothing staged is left behind


@pytest.mark.slow
def test_form3_pdf_holds_the_plan_only_when_the_plan_is_part_of_it(tmp_path):
    """Blank Form 3: one A4 page, its blank plan on the next. Filled with its plan: the plan follows;
    filled with the plan given as a record of its own: no plan page. ``generate`` reports every page."""
    from pipeline.generate.stage import generate_blank

    blank = generate_blank(["form3"], tmp_path / "blank", pdf=True).documents[0]
    assert (blank.pages, blank.form_pages) == (2, 1)
    assert blank.pages_text() == "2 pages: the form 1, its plan 1"
    form3 = next(r for r in sample_records() if r.kind == "form3" and r.fields["plan"])
    alone = Record(kind="form3", fields={**form3.fields, "plan": None})
    with_plan, without = generate([form3, alone], tmp_path / "filled", pdf=True, per_agency=False,
                                  paths=[tmp_path / "with.docx", tmp_path / "without.docx"]).documents
    assert (with_plan.pages, with_plan.form_pages) == (2, 1)
    assert (without.pages, without.form_pages) == (1, 1) and without.pages_text() == "1 page"
    text = "".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(without.pdf))
    assert "ขั้นตอนการดำเนินการ" not in text


def test_tick_boxes_are_word_check_boxes_read_back(tmp_path):
    """Every box of the forms is a Word check-box content control a clerk can click, drawn in a symbol font
    (TH Sarabun has no ☐), and the DOCX reader takes its state from ``w14:checked``."""
    import zipfile

    from pipeline.extractors.record import extract

    record = Record.from_data({"agency": "สำนักงานเขตบางรัก", "uses_budget": False,
                               "no_budget_reason": "ใช้บุคลากรของหน่วยงาน"}, kind="form3")
    path = generate([record], tmp_path).documents[0].docx
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    import re

    assert xml.count("<w14:checkbox>") == 2
    assert not re.search("[☐☑]", re.sub(r"<w:sdt>.*?</w:sdt>", "", xml))  # no box drawn as a plain character
    assert xml.count('<w14:checked w14:val="1"/>') == 1 and 'w14:font="Segoe UI Symbol"' in xml
    assert extract(path).fields["uses_budget"] is False
