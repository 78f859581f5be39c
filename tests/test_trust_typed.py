"""Typed files' (DOCX, text PDF) fields a person must check: a label's cell read into a value, a section, a month's
head or a cell's text lost. The files are wordish PDFs of the tuning half (LibreOffice's print of a Word form laid
out in another word processor's way): seed 410 whole, and pages cut from seeds 730 and 1082."""

from __future__ import annotations

from pathlib import Path

from pipeline.document import Table
from pipeline.extractors.record import records_of
from pipeline.extractors.typed_doubts import label_in_pieces, typed_blank_doubt, typed_value_doubt
from pipeline.readers import read_document
from tests.shared_paths import CORPUS

FIXTURES = Path(__file__).parent / "fixtures"
SEED_410 = FIXTURES / "wordish_pdf_form4_kpi_period_year_cut_at_cell_edge.pdf"


def _record(path: Path, kind: str | None = None):
    return records_of(read_document(path), path, kind)[0]


def _warning(record, path: str) -> str | None:
    return next((w for w in record.warnings if w.startswith(f"{path}:")), None)


def test_a_typed_blank_whose_printed_label_is_lost_too_is_warned():
    """Seed 410 printed its duration and budget sections (heading and value in a text box) nowhere: the labels
    ``5. ระยะเวลาดำเนินการ`` and ``7. งบประมาณ`` are not in the PDF while those around them are, and both fields read
    blank with no warning (a typed file's blank is otherwise the agency's own)."""
    record = _record(SEED_410)
    for key in ("duration", "budget"):
        assert record.fields[key] is None, "the file no longer shows the case"
        assert "printed label is not found" in (_warning(record, key) or ""), key
    assert _warning(record, "project_nature") is None and _warning(record, "approach") is None


def test_a_typed_blank_under_its_printed_label_or_a_budget_line_left_out_is_the_agencys_own():
    """dev's doc009 leaves its supervisor's name blank under a printed signature line; doc032 uses no budget and
    leaves out the amount's line, its label with it: neither blank is warned."""
    supervisor = _record(CORPUS / "doc009.docx")
    assert supervisor.fields["supervisor_name"] is None and _warning(supervisor, "supervisor_name") is None
    budget = _record(CORPUS / "doc032.docx")
    assert budget.fields["uses_budget"] is False and budget.fields["budget_amount_baht"] is None
    assert not [w for w in budget.warnings if w.startswith(("budget_amount_baht:", "budget_source:"))]
    assert typed_blank_doubt("budget_amount_baht", {"uses_budget": None}, ("budget_amount_baht",))
    assert typed_blank_doubt("budget_amount_baht", {"uses_budget": False}, ("budget_amount_baht",)) is None


def test_a_label_read_in_pieces_between_a_values_words_is_warned():
    """Seed 730's Form 3 (tuning half, page 1) lays each label in a cell beside its value's; the policy's label cell
    wraps, and the PDF gives its lines between the innovation's: ``… (BKK Photo Finder) สอดคล้องกับ บริหารจัดการดี 12
    รัฐดิจิทัล นโยบายผู้ว่า ราชการ กรุงเทพมหา นคร``. (Seed 1058's Form 2, where tb21 found the case, reads right since
    wp21's label|value rows.) A value's own words that a label also prints, or a number between two of them, are no
    such pieces."""
    record = _record(FIXTURES / "wordish_pdf_form3_policy_label_cell_read_into_innovation.pdf", "form3")
    assert "สอดคล้องกับ" in record.fields["innovation"], "the file no longer shows the case"
    assert "in pieces" in (_warning(record, "innovation") or "")
    assert label_in_pieces("กองควบคุมระบบระบายน้ำ สำนัก/สำนักงาน สำนักการระบายน้ำ เขต", "form1") == "สำนัก/สำนักงานเขต"
    for right in ("โครงการพัฒนาคลังภาพข่าวดิจิทัลเพื่อการสืบค้นของสำนักงานประชาสัมพันธ์",
                  "สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร ปลอดภัยดี 10 เพิ่มประสิทธิภาพการระบายน้ำ",
                  "แบบสำรวจความพึงพอใจ โดยสำรวจจาก ประชาชนผู้ใช้บริการ จำนวน 50 ชุด"):
        assert label_in_pieces(right, "form4") is None, right


def test_a_gantt_mark_under_a_month_head_read_as_no_month_is_warned():
    """Seed 410's Gantt head is cut at the table's edge, ``ก`` for ก.ย.; the table reader takes that ``ก`` after the
    eleventh month for ก.ย. (wp21), and steps 7 and 9 are marked in September with no warning. A head cut further,
    to nothing (here that cell emptied in the file's own reading), is no month: the steps marked under it read
    without September, and each says so."""
    assert [n for n, step in enumerate(_record(SEED_410).fields["plan"]["steps"]) if 9 in step["months"]] == [7, 9]
    document = read_document(SEED_410)
    heads = [row for block in document.blocks if isinstance(block, Table) for row in block.rows
             if [c.text for c in row[1:3]] == ["ต.ค.", "พ.ย."]]
    assert heads and heads[0][-1].text == "ก", "the file no longer shows the case"
    heads[0][-1].text = ""
    record = records_of(document, SEED_410)[0]
    warned = [n for n, step in enumerate(record.fields["plan"]["steps"])
              if "ก.ย." in (_warning(record, f"plan.steps[{n}].months") or "")]
    assert warned == [7, 9]
    assert all(9 not in record.fields["plan"]["steps"][n]["months"] for n in warned)


def test_a_typed_risk_row_read_in_part_warns_its_blank_cells_and_its_rating():
    """Seed 1082's risk page (page 4 alone, read as Form 4): the budget's text box and the risks' heading ran into
    the table, its first rows read with the likelihood holding that text and every other cell blank. No row of the
    samples or of the generators' truths names no risk while holding text, and a rating is a number or a rating
    word. A named risk's blank rating stays the agency's own."""
    record = _record(FIXTURES / "wordish_pdf_form4_risk_rows_half_read.pdf", "form4")
    first = record.fields["risks"][0]
    assert first["risk"] is None and len(first["likelihood"]) > 20, "the file no longer shows the case"
    for key in ("risk", "impact", "level", "mitigation"):
        assert "a row with no risk" in (_warning(record, f"risks[0].{key}") or ""), key
    assert "rating" in (_warning(record, "risks[0].likelihood") or "")
    for rating in ("สูง", "3", "๑๕ (สูง)", "๘ (ปานกลาง)"):
        assert typed_value_doubt("risks[0].level", "level", rating, "form4") is None, rating
    named = {"risks": [{"risk": "อุปกรณ์ชำรุด", "likelihood": "3", "impact": None, "level": "สูง", "mitigation": "-"}]}
    assert typed_blank_doubt("risks[0].impact", named, ()) is None


def test_a_typed_value_ending_in_its_labels_last_word_is_warned():
    """wp20's tuning seed 624 (Form 2, two pages): the innovation's label ``2. นวัตกรรมที่จะพัฒนา คือ`` was matched in
    its shorter spelling and its ``คือ`` read after the value. คือ ("is") always has what it names after it."""
    record = _record(FIXTURES / "wordish_pdf_form2_label_last_word_after_value.pdf")
    assert record.fields["innovation"].endswith("คือ"), "the file no longer shows the case"
    assert "คือ" in (_warning(record, "innovation") or "")
    assert typed_value_doubt("innovation", "innovation", "ระบบนี้คือระบบแจ้งเตือน", "form2") is None


def test_a_typed_plan_step_with_no_month_is_warned_on_its_row():
    """wp20's tuning seed 430 (a plan whose Gantt sits in a text box that ran off the page's foot): its last row is
    cut, ``สรุปผลการดำเนินโครงการเสนอผู้อำนวยการ`` with no month. Every step of a plan runs in some month (none of
    the 7,575 steps of dev's, dev2's and the tuning sets' truths has none, a phase's heading aside), so the row is
    warned; the headings' rows, which mark none, are not."""
    record = _record(FIXTURES / "wordish_pdf_plan_last_row_cut_at_page_foot.pdf")
    steps = record.fields["steps"]
    assert steps[-1]["months"] == [], "the file no longer shows the case"
    assert "no month marked" in (_warning(record, f"steps[{len(steps) - 1}]") or "")
    assert not [w for w in record.warnings if w.startswith("steps[0]")]


def test_a_blank_whose_label_another_value_holds_in_pieces_is_warned():
    """tb26wp's seed 1234 (``label_cells``), pages 1-3: the plan's header prints each label in a narrow cell beside
    its value, and the PDF's lines run the cells together, so the project name takes in the innovation's and the
    policy's label cells and values (``… นวัตกรรมที่ คลังภาพ… พัฒนา (BKK Photo Finder) สอดคล้องกับ …``). The project
    name was warned; the innovation and the policy read blank with no warning."""
    record = _record(FIXTURES / "wordish_pdf_form3_plan_label_cells_read_into_project_name.pdf", "form3")
    plan = record.fields["plan"]
    assert plan["innovation"] is None and plan["policy"] is None, "the file no longer shows the case"
    assert "in pieces" in (_warning(record, "plan.project_name") or "")
    for key in ("plan.innovation", "plan.policy"):
        assert "was read in pieces into plan.project_name" in (_warning(record, key) or ""), key
    assert _warning(record, "plan.agency") is None and _warning(record, "plan.fiscal_year") is None
