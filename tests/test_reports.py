"""Reports: the quarterly KPI report in seed 000's layout, the score card, and the summary with its charts."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pypdfium2
import pytest
from shared_paths import SEEDS

from pipeline import office
from pipeline.cli.commands import main
from pipeline.reports import charts
from pipeline.reports.inputs import ReportInputError, load_notes, parse_notes, sample_report_inputs
from pipeline.reports.quarterly import HEADINGS, NOT_YET, YEAR_END_HEADING, score_as_of, write_quarterly
from pipeline.reports.scorecard import HEADINGS as CARD_HEADINGS
from pipeline.reports.scorecard import write_scorecard
from pipeline.reports.summary import COLUMNS, write_summary
from pipeline.reports.summary import HEADINGS as SUMMARY_HEADINGS

SEED = SEEDS / "000_f50a3f551184124d.txt"
BANGKAPI = "สำนักงานเขตบางกะปิ"
# A seed heading: "1. ชื่อตัวชี้วัด :" or "(6.1) ไตรมาสที่ 1 :" at the start of a line, up to its colon.
SEED_HEADING = re.compile(r"^(\d\. [^:\n]+?\s:|\(6\.\d\) [^:\n]+?\s:)", re.MULTILINE)


@pytest.fixture(scope="module")
def inputs():
    return sample_report_inputs()


@pytest.fixture(scope="module")
def bangkapi(inputs):
    return next(i for i in inputs if i.agency == BANGKAPI)


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _in_order(texts: list[str], headings: list[str]) -> list[int]:
    """The paragraph index of each heading, searching on from the previous one (-1 when not found)."""
    found, start = [], 0
    for heading in headings:
        index = next((i for i in range(start, len(texts)) if texts[i].startswith(heading)), -1)
        found.append(index)
        start = index + 1 if index >= 0 else start
    return found


def _section(texts: list[str], heading: str, next_heading: str) -> list[str]:
    start = next(i for i, t in enumerate(texts) if t.startswith(heading))
    end = next(i for i, t in enumerate(texts) if t.startswith(next_heading) and i > start)
    return [t for t in texts[start + 1:end] if t.strip()]


# --------------------------------------------------------------------------- quarterly report
@pytest.mark.skipif(not SEED.is_file(), reason="the shared seed is not on this machine")
def test_the_template_headings_are_the_seed_reports_headings_in_its_order():
    seed = [m.group(1) for m in SEED_HEADING.finditer(SEED.read_text(encoding="utf-8"))]
    assert seed == list(HEADINGS[:14])
    assert "ลงชื่อ" in SEED.read_text(encoding="utf-8") and "ตำแหน่ง" in SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
def test_quarterly_report_has_every_seed_heading_in_the_seed_order(bangkapi, tmp_path, quarter):
    [path] = write_quarterly(bangkapi, quarter, tmp_path)
    texts = _paragraphs(path)
    expected = [h for h in HEADINGS if quarter == 4 or h != YEAR_END_HEADING]
    assert -1 not in _in_order(texts, expected), texts
    assert (YEAR_END_HEADING in "\n".join(texts)) == (quarter == 4)


def test_quarter_sections_say_what_was_known_by_each_quarters_end(bangkapi, tmp_path):
    [path] = write_quarterly(bangkapi, 2, tmp_path)
    texts = _paragraphs(path)
    q1 = "\n".join(_section(texts, HEADINGS[6], HEADINGS[7]))
    q2 = "\n".join(_section(texts, HEADINGS[7], HEADINGS[8]))
    assert "(แบบฟอร์ม 1) จำนวน 3 ฉบับ" in q1 and "15 พฤศจิกายน 2567" in q1  # a week before Form 2's date
    assert "22 พฤศจิกายน 2567" in q1  # Form 2's own signing date
    assert "คณะกรรมการพัฒนานวัตกรรมกรุงเทพมหานคร" in q2 and "28 มกราคม 2568" in q2 and "17.00 จาก 20.00" in q2
    assert _section(texts, HEADINGS[8], HEADINGS[9]) == [NOT_YET.format(quarter=3)]
    assert _section(texts, HEADINGS[9], HEADINGS[11]) == [NOT_YET.format(quarter=4)]
    assert "93.4" not in "\n".join(texts)  # measured results are for quarter 4


def test_quarter_4_reports_the_measured_results_and_the_year_end_summary(bangkapi, tmp_path):
    [path] = write_quarterly(bangkapi, 4, tmp_path)
    texts = _paragraphs(path)
    q4 = "\n".join(_section(texts, HEADINGS[9], HEADINGS[10]))
    assert "ผลการดำเนินงาน 93.4" in q4 and "ร้อยละ 81.083" in q4
    summary = "\n".join(_section(texts, HEADINGS[10], HEADINGS[11]))
    assert "คะแนนตัวชี้วัด 97.00 จาก 100.00" in summary
    repeated = set(_section(texts, HEADINGS[9], HEADINGS[10])) & set(_section(texts, HEADINGS[10], HEADINGS[11]))
    assert not repeated  # no paragraph said twice in 6.4 and 6.5
    assert any(t.startswith(": ผลงานที่ทำได้ = 97.00 (ร้อยละ)") for t in texts)


def test_the_result_so_far_is_the_score_of_what_was_received_by_the_quarters_end(bangkapi):
    totals = [score_as_of(bangkapi, q).total for q in (1, 2, 3, 4)]
    assert totals == sorted(totals)
    assert totals[0] == Decimal("20.00")  # part 1 only: the committee met in quarter 2
    assert totals[1] == Decimal("37.00")  # + the committee's 17
    assert totals[3] == bangkapi.card.total


def test_evidence_lists_the_documents_received_by_the_quarters_end(bangkapi, tmp_path):
    [q2] = write_quarterly(bangkapi, 2, tmp_path)
    [q4] = write_quarterly(bangkapi, 4, tmp_path)
    evidence_q2 = _section(_paragraphs(q2), HEADINGS[13], HEADINGS[14])
    evidence_q4 = _section(_paragraphs(q4), HEADINGS[13], HEADINGS[14])
    received_q2 = [d for d in bangkapi.received if d.received_at.date().isoformat() <= "2025-03-31"]
    assert len(evidence_q2) == len(received_q2) == 8
    assert len(evidence_q4) == len(bangkapi.received) == 9
    for line, doc in zip(evidence_q4, sorted(bangkapi.received, key=lambda d: d.received_at), strict=True):
        assert doc.title in line and "ได้รับเมื่อ" in line
    assert "แบบสำรวจความพึงพอใจ" in evidence_q4[-1] and not any("แบบสำรวจ" in t for t in evidence_q2)
    assert not any("/" in line or ".docx" in line or ".pdf" in line for line in evidence_q4)  # no file paths


def test_the_score_is_never_as_of_a_day_still_to_come(bangkapi):
    import datetime as dt

    from pipeline.reports.quarterly import quarterly_context

    running = quarterly_context(bangkapi, 2, today=dt.date(2025, 2, 10))  # quarter 2 ends 31 March 2025
    assert running["result_note"].endswith("10 กุมภาพันธ์ 2568")
    assert quarterly_context(bangkapi, 2, today=dt.date(2025, 6, 1))["result_note"].endswith("31 มีนาคม 2568")


NOTES = """\
agencies:
  - agency: สำนักงานเขตบางกะปิ
    fiscal_year: 2568
    quarters:
      1:
        progress: |
          จัดประชุมระดมความคิดร่วมกับประธานชุมชน 12 ชุมชน
          คัดเลือกแนวคิดนัดเก็บขยะชิ้นใหญ่ผ่าน LINE
        supporting_factors: [ผู้อำนวยการเขตให้ความสำคัญ]
        obstacles: ผู้สูงอายุบางส่วนไม่ใช้ LINE
        evidence: [ภาพถ่ายการประชุมระดมความคิด]
        signer: {name: นายธีรวัฒน์ จันทร์หอม, position: หัวหน้าฝ่ายรักษาความสะอาด, date: 5 มกราคม 2568}
"""


def test_the_agencys_notes_replace_the_drafts(tmp_path):
    notes_file = tmp_path / "notes.yaml"
    notes_file.write_text(NOTES, encoding="utf-8")
    [inp] = sample_report_inputs(agency="บางกะปิ", notes=load_notes(notes_file))
    [path] = write_quarterly(inp, 1, tmp_path)
    texts = _paragraphs(path)
    assert _section(texts, HEADINGS[6], HEADINGS[7]) == ["จัดประชุมระดมความคิดร่วมกับประธานชุมชน 12 ชุมชน",
                                                         "คัดเลือกแนวคิดนัดเก็บขยะชิ้นใหญ่ผ่าน LINE"]
    assert _section(texts, HEADINGS[11], HEADINGS[12]) == ["1. ผู้อำนวยการเขตให้ความสำคัญ"]
    assert _section(texts, HEADINGS[12], HEADINGS[13]) == ["1. ผู้สูงอายุบางส่วนไม่ใช้ LINE"]
    evidence = _section(texts, HEADINGS[13], HEADINGS[14])
    assert evidence[-1].endswith("ภาพถ่ายการประชุมระดมความคิด") and len(evidence) == 5  # 4 received + 1 own
    text = "\n".join(texts)
    assert "(นายธีรวัฒน์ จันทร์หอม)" in text and "หัวหน้าฝ่ายรักษาความสะอาด" in text and "5 มกราคม 2568" in text


def test_the_20_year_plan_block_comes_from_the_agencys_notes(tmp_path, bangkapi):
    strategy = ["ประเด็นยุทธศาสตร์ : ด้านที่ ๑ มหานครปลอดภัย", "เป้าประสงค์ที่ : ๑.๓.๑ ขยะได้รับการจัดการตามหลักวิชาการ"]
    [own] = parse_notes({"agency": BANGKAPI, "fiscal_year": 2568, "strategy": strategy})
    [inp] = sample_report_inputs(agency="บางกะปิ", notes=[own])
    [path] = write_quarterly(inp, 1, tmp_path / "own")
    assert _section(_paragraphs(path), HEADINGS[1], HEADINGS[2])[-2:] == strategy
    # Without the agency's block the year's own (FY2568: none) is shown, never another agency's.
    [path] = write_quarterly(bangkapi, 1, tmp_path / "default")
    assert not any("ประเด็นยุทธศาสตร์" in t for t in _section(_paragraphs(path), HEADINGS[1], HEADINGS[2]))


@pytest.mark.parametrize(("notes", "where", "thai_words"), [
    ({"agency": "x", "quarters": {5: {"progress": "a"}}}, "quarters", "ไตรมาสต้องเป็น 1–4"),
    ({"agency": "x", "quarters": {1: {"progres": "a"}}}, "quarters.1.progres", "ไม่รู้จักหัวข้อนี้"),
    ({"quarters": {1: {}}}, "agency", "ต้องระบุ"),
    ({"agency": "x", "quarters": {1: {"signer": {"date": "ไม่ทราบ"}}}}, "", "ไม่ถูกต้อง"),
])
def test_a_notes_file_that_does_not_fit_is_explained_in_thai(notes, where, thai_words):
    with pytest.raises(ReportInputError) as caught:
        parse_notes(notes, where="notes.yaml")
    assert thai_words in caught.value.message_th and where in caught.value.message_th
    assert caught.value.where == "notes.yaml"


# --------------------------------------------------------------------------- score card
def test_scorecard_lines_add_up_to_the_total(inputs, tmp_path):
    for inp in inputs:
        [path] = write_scorecard(inp.card, tmp_path)
        table = docx.Document(str(path)).tables[1]
        rows = [[c.text for c in row.cells] for row in table.rows[1:]]
        lines = [r for r in rows if not r[0].startswith("ส่วนที่") and r[0] != "คะแนนรวม"]
        parts = [r for r in rows if r[0].startswith("ส่วนที่")]
        [total] = [r for r in rows if r[0] == "คะแนนรวม"]
        assert len(lines) == len(inp.card.lines) and len(parts) == 3
        assert sum(Decimal(r[1]) for r in lines) == Decimal(total[1]) == inp.card.total
        assert sum(Decimal(r[1]) for r in parts) == inp.card.total


def test_scorecard_lists_every_validation_finding(inputs, tmp_path):
    card = next(i.card for i in inputs if i.card.findings)
    [path] = write_scorecard(card, tmp_path)
    table = docx.Document(str(path)).tables[2]
    rules = [row.cells[1].text for row in table.rows[1:]]
    assert rules == [f.rule for f in card.findings]


# --------------------------------------------------------------------------- summary
def test_summary_xlsx_has_one_row_per_agency_a_frozen_header_and_filters(inputs, tmp_path):
    xlsx, docx_path = write_summary(inputs, tmp_path)
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    assert [c.value for c in sheet[1]] == [name for name, _ in COLUMNS]
    assert sheet.max_row == 1 + len(inputs)
    assert {sheet.cell(row=r, column=2).value for r in range(2, sheet.max_row + 1)} == {i.agency for i in inputs}
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == f"A1:O{1 + len(inputs)}"
    totals = {sheet.cell(row=r, column=2).value: sheet.cell(row=r, column=11).value for r in range(2, 5)}
    assert totals == {i.agency: float(i.card.total) for i in inputs}
    assert docx_path.suffix == ".docx"


def test_summary_charts_are_drawn_in_th_sarabun_new_and_placed_in_the_docx(inputs, tmp_path):
    _, docx_path = write_summary(inputs, tmp_path)
    pngs = sorted((tmp_path / "charts").glob("*.png"))
    assert [p.name for p in pngs] == ["levels.png", "scores.png", "steps.png"]
    assert all(p.stat().st_size > 10_000 for p in pngs)
    assert charts.thai_font() == "TH Sarabun New"
    assert "th-sarabun-new" in str(charts.font_file()).lower()
    assert len(docx.Document(str(docx_path)).inline_shapes) == 3


def test_many_agencies_split_the_score_chart_so_each_fits_a_page(tmp_path):
    scores = [(f"หน่วยงานที่ {n}", float(n), n // 20) for n in range(85)]
    paths = charts.score_charts(scores, tmp_path / "scores.png")
    assert [p.name for p in paths] == ["scores_1.png", "scores_2.png", "scores_3.png"]


def test_summary_of_bare_score_cards_leaves_documents_and_steps_blank(inputs, tmp_path):
    xlsx, _ = write_summary([i.card for i in inputs], tmp_path)
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    assert sheet.cell(row=2, column=5).value is None and sheet.cell(row=2, column=15).value is None


# --------------------------------------------------------------------------- the command
def test_report_commands_write_their_files(tmp_path, capsys):
    assert main(["report", "quarterly", "--sample", "--agency", "บางกะปิ", "--quarter", "3", "--out", str(tmp_path)]) == 0
    assert main(["report", "scorecard", "--sample", "--agency", "บางกะปิ", "--out", str(tmp_path)]) == 0
    assert main(["report", "summary", "--sample", "--fiscal-year", "2568", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert names == [f"quarterly_{BANGKAPI}_2568_q3.docx", f"scorecard_{BANGKAPI}_2568.docx",
                     "summary_2568.docx", "summary_2568.xlsx"]
    assert main(["report", "quarterly", "--sample", "--fiscal-year", "2564", "--out", str(tmp_path)]) == 2
    assert "ไม่มีหลักฐานของปีงบประมาณ 2564" in capsys.readouterr().err


# --------------------------------------------------------------------------- PDF (LibreOffice)
def _pdf_text(path: Path) -> str:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return unicodedata.normalize("NFC", "\n".join(pdf[i].get_textpage().get_text_range()
                                                      for i in range(len(pdf))))
    finally:
        pdf.close()


@pytest.mark.slow
def test_pdf_text_of_each_report_carries_its_headings_exactly(inputs, bangkapi, tmp_path):
    quarterly = write_quarterly(bangkapi, 4, tmp_path)[0]
    scorecard = write_scorecard(bangkapi.card, tmp_path)[0]
    summary = write_summary(inputs, tmp_path)[1]
    pdfs = office.convert_to_pdf([quarterly, scorecard, summary])
    fill = {"kpi_code": "2.2", "fiscal_year": 2568}
    for pdf, headings in zip(pdfs, (HEADINGS, CARD_HEADINGS, SUMMARY_HEADINGS), strict=True):
        text = _pdf_text(pdf)
        missing = [h for h in (h.format(**fill) for h in headings) if unicodedata.normalize("NFC", h) not in text]
        assert not missing, (pdf.name, missing)
    # a page of the report as a picture: looked at once by eye (Thai marks in place, no boxes); here, not blank
    pdf = pypdfium2.PdfDocument(str(pdfs[0]))
    image = pdf[0].render(scale=2).to_pil().convert("L")
    pdf.close()
    image.save(tmp_path / "quarterly_page1.png")
    assert image.getextrema()[0] < 64  # dark text on the page


@pytest.mark.slow
def test_write_reports_leaves_every_report_of_the_year_with_its_pdf(inputs, tmp_path):
    from pipeline.reports.bundle import write_reports

    paths = write_reports(inputs, tmp_path, pdf=True)
    names = {p.name for p in paths}
    assert len([n for n in names if n.startswith("quarterly_") and n.endswith(".pdf")]) == 4 * len(inputs)
    assert len([n for n in names if n.startswith("scorecard_") and n.endswith(".pdf")]) == len(inputs)
    assert {"summary_2568.xlsx", "summary_2568.docx", "summary_2568.pdf"} <= names
    assert all(p.is_file() for p in paths)
