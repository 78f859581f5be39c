"""Forms printed by Chromium (print to PDF, Google Docs, web forms), one after another down the pages: what a
page break does to a table row, a line, a signature block. Fixtures: tests/fixtures/make_chromium_print_fixtures.py
(bundles of the generators' tuning half, printed by headless Chromium, some cut down to the pages of one case)."""

from __future__ import annotations

from rapidfuzz import fuzz

from pipeline.document import Paragraph, Table
from pipeline.extractors.gantt import read_plan
from pipeline.extractors.record import extract, extract_all
from pipeline.extractors.tables import GANTT, merge_continued, table_kind
from pipeline.readers.pdf.reader import read_pdf
from tests.chromium_fixtures import FIXTURES
from tests.chromium_fixtures import spaceless as _key
from tests.chromium_fixtures import truth as _truth


def _gantt_steps(name: str) -> list[dict]:
    blocks = merge_continued(read_pdf(FIXTURES / f"{name}.pdf").blocks)
    gantt = [b for b in blocks if isinstance(b, Table) and table_kind(b) == GANTT]
    assert len(gantt) == 1, "the Gantt cut by the page break is one table again"
    return read_plan(gantt[0]).steps


def test_a_gantt_row_cut_at_the_page_foot_is_read_once():
    """Chromium draws the cut row's rules and fills below page 1's foot, where the page clips them away, and
    draws the row again at page 2's top: the clipped copy is no table row (it gave the row twice)."""
    name = "chromium_gantt_row_cut_clipped"
    page_one = [b for b in read_pdf(FIXTURES / f"{name}.pdf").blocks if isinstance(b, Table) and b.page == 1]
    assert all(any(cell.text.strip() for row in t.rows for cell in row) for t in page_one), "an empty clipped row"
    assert _key(_gantt_steps(name)) == _key(_truth(name)["fields"]["plan"]["steps"])


def test_a_phase_heading_at_the_page_foot_keeps_the_step_below_the_break():
    """Page 1 ends on the heading row ``1. การสร้างนวัตกรรม`` (one cell across the table): the row at page 2's
    top is the next step, not the rest of the heading."""
    name = "chromium_gantt_heading_at_page_foot"
    assert _key(_gantt_steps(name)) == _key(_truth(name)["fields"]["plan"]["steps"])


def test_the_marks_of_a_line_moved_to_the_next_page_are_not_read():
    """The tone marks of ``สื่อ`` stick up above page 1's foot, drawn with no clip, their letters gone on to
    page 2: they made a line ``สื่`` that became a partner named สื่."""
    name = "chromium_marks_of_a_moved_line"
    lines = [b.text.strip() for b in read_pdf(FIXTURES / f"{name}.pdf").blocks if isinstance(b, Paragraph)]
    assert "สื่" not in lines
    got = extract(FIXTURES / f"{name}.pdf", kind="form1")
    assert _key(got.fields["internal_partners"]) == _key(_truth(name)["fields"]["internal_partners"])


def test_an_indicator_line_carried_over_the_page_break_stays_in_its_row():
    """``ตัวชี้วัดที่ 3.1 …`` under ``3. ประโยชน์ของนวัตกรรม`` and the end of its method went on to page 2, the
    other columns left empty there: the rest of the cut row, though it starts with a number."""
    name = "chromium_kpi_row_cut"
    got, truth = extract(FIXTURES / f"{name}.pdf", kind="form4").fields["kpis"], _truth(name)["fields"]["kpis"]
    assert len(got) == len(truth)
    for key in ("name", "target", "kind", "period"):
        assert _key([k[key] for k in got]) == _key([k[key] for k in truth]), key
    # the method as the evaluator reads a long text: 95 % alike (a colon the form prints after จาก may stay)
    assert all(fuzz.ratio(_key(k["method"]), _key(t["method"])) >= 95 for k, t in zip(got, truth, strict=True))


def test_a_justified_paragraph_is_no_borderless_table():
    """Two justified lines, each with one stretched space at about the same place, looked like two columns."""
    name = "chromium_justified_certificate"
    document = read_pdf(FIXTURES / f"{name}.pdf")
    assert not [b for b in document.blocks if isinstance(b, Table)]
    got = extract(FIXTURES / f"{name}.pdf", kind="certificate")
    assert _key(got.fields["partner_scope"]) == _key(_truth(name)["fields"]["partner_scope"])


def test_form4_guidance_that_wraps_a_form_number_to_a_line_start_ends_no_value():
    """Form 4's hint under แนวทางการดำเนินงาน ends ``… ตาม / แบบฟอร์มที่ 3 โดยนำข้อมูลไปใส่ไว้ในตาราง``: the
    wrapped ``แบบฟอร์มที่ 3`` is no form-number header, and the hint's bullets wrapped between lines go too."""
    name = "chromium_form4_approach_guidance"
    got = extract(FIXTURES / f"{name}.pdf", kind="form4")
    assert _key(got.fields["approach"]) == _key(_truth(name)["fields"]["approach"])


def test_the_signatures_above_the_next_title_stay_with_their_form():
    """The certificate's last signature block stands at the top of the page the survey's title is on."""
    name = "chromium_f2_cert_survey_flow"
    records, truth = extract_all(FIXTURES / f"{name}.pdf"), _truth(name)["records"]
    assert [r.kind for r in records] == [t["kind"] for t in truth]
    for key in ("agency_rep_name", "partner_rep_name"):
        assert records[1].fields[key] == truth[1]["fields"][key], key


def test_form2_date_above_the_next_title_stays_with_form2():
    """Form 2's head signature and ``ลงวันที่`` went to the page where Form 3's title stands."""
    name = "chromium_form2_date_above_next_title"
    form2 = next(r for r in extract_all(FIXTURES / f"{name}.pdf") if r.kind == "form2")
    truth = _truth(name)["fields"]
    assert str(form2.fields["signed_date"]) == truth["signed_date"]


def test_a_label_wrapped_into_from_the_line_above_is_not_the_label():
    """``…แยกตาม / วันที่`` ends a value on a line of its own; Form 2's date is the ``ลงวันที่`` line below."""
    name = "chromium_f2_cert_survey"
    records, truth = extract_all(FIXTURES / f"{name}.pdf"), _truth(name)["records"]
    assert str(records[0].fields["signed_date"]) == truth[0]["fields"]["signed_date"]
    assert _key(records[0].fields["selection_process"]) == _key(truth[0]["fields"]["selection_process"])


def test_a_signature_line_at_several_page_tops_is_no_running_header():
    """Three copies of Form 1 flowing down the pages put ``ลงชื่อ … เจ้าหน้าที่ผู้ปฏิบัติงาน`` at the same place at
    the top of two pages: it is the form's, not page furniture."""
    name = "chromium_signature_line_at_page_tops"
    records, truth = extract_all(FIXTURES / f"{name}.pdf"), _truth(name)["records"]
    assert [r.fields["proposer_name"] for r in records] == [t["fields"]["proposer_name"] for t in truth]
    assert [r.fields["external_partners"] for r in records] == [t["fields"]["external_partners"] for t in truth]


def test_a_form_s_last_line_at_the_foot_of_two_pages_is_no_footer():
    """Copies of Form 1 flowing down the pages end ``( name ) ผู้เสนอแนวคิด`` at the same page foot: a line that
    does not change (no page number) and stands at the foot of a few pages only is the form's."""
    name = "chromium_form1_last_line_at_page_feet"
    records, truth = extract_all(FIXTURES / f"{name}.pdf"), _truth(name)["records"]
    assert [r.fields["proposer_name"] for r in records[:3]] == [t["fields"]["proposer_name"] for t in truth[:3]]


def test_a_copy_s_page_shuffled_in_among_the_copy_before_goes_back_to_its_copy():
    """Copy 2's second page stands before its first, after copy 1's pages: its labels repeat copy 1's and
    copy 2 lacks them, so it is copy 2's page (read after its title page, with a warning)."""
    name = "chromium_f1x3_copy_page_shuffled"
    records, truth = extract_all(FIXTURES / f"{name}.pdf"), _truth(name)["records"]
    assert [r.origin.pages for r in records] == [[1, 2], [4, 3]]
    assert any("page 3" in w for w in records[1].warnings)
    for key in ("approach", "innovation", "internal_partners", "proposer_name", "head_name"):
        assert _key(records[1].fields[key]) == _key(truth[1]["fields"][key]), key


def test_gantt_rows_drawn_with_bars_over_three_pages_stay_apart():
    """A bar (read as ``⟶``) across months is no column every row fills: the step at a page's top is its own."""
    name = "chromium_gantt_bar_rows_cut"
    assert _key(_gantt_steps(name)) == _key(_truth(name)["fields"]["plan"]["steps"])


def test_form4_pages_swapped_are_put_back_by_a_page_s_one_label():
    """Form 4's last page (evaluation, signatures) swapped with its budget page; the page between holds one label
    (``10.2 การประเมินผลโครงการ``) under the indicators: it is ordered by that label."""
    name = "chromium_form4_pages_swapped"
    record = extract_all(FIXTURES / f"{name}.pdf")[0]
    assert record.origin.pages == [1, 2, 6, 5, 4]
    assert _key(record.fields["evaluation"]) == _key(_truth(name)["fields"]["evaluation"])


def test_a_justified_hint_above_a_justified_value_is_no_borderless_table():
    """Form 4's targets: three lines of small justified guidance and the value's first line made a two-column
    block (the hint's short last line joined it on one side of the gutter)."""
    name = "chromium_justified_guidance_and_value"
    tables = [b for b in read_pdf(FIXTURES / f"{name}.pdf").blocks if isinstance(b, Table)]
    value = _key(_truth(name)["fields"]["targets"])
    assert not any(value[:12] in _key(cell.text) for t in tables for row in t.rows for cell in row)


def test_one_wrapped_value_line_at_two_page_tops_is_no_running_header():
    """Three copies with the same idea put the same wrapped line of it at the top of pages 2 and 4: a line that
    runs on into the next is a paragraph's, not a header."""
    name = "chromium_same_value_line_at_page_tops"
    records, truth = extract_all(FIXTURES / f"{name}.pdf"), _truth(name)["records"]
    assert [_key(r.fields["innovation"]) for r in records] == [_key(t["fields"]["innovation"]) for t in truth]


# ---------------------------------------------------------------- round 3 (BUNDLES.md): tuning seeds 200-263
def test_a_plan_s_gantt_above_the_next_title_stays_with_form3():
    """Form 3's attached plan flows down to the page Form 4's title stands on: its Gantt, above that title,
    is Form 3's (it was read as Form 4's plan, and Form 3's plan was empty)."""
    name = "chromium_plan_gantt_above_next_title"
    records, truth = extract_all(FIXTURES / f"{name}.pdf"), _truth(name)["records"]
    form3 = next(r for r in records if r.kind == "form3")
    steps = truth[4]["fields"]["plan"]["steps"]
    assert _key(form3.fields["plan"]["steps"]) == _key(steps)
    assert all(_key((r.fields.get("plan") or {}).get("steps")) != _key(steps) for r in records if r.kind == "form4")


def test_a_step_named_by_its_phase_at_the_page_foot_is_a_whole_row():
    """Page 2 ends on ``การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์`` (the step each phase opens with, its name the
    phase's); page 3 starts with the next step, marked in the same months: no row cut in two."""
    name = "chromium_gantt_phase_step_at_page_foot"
    assert _key(_gantt_steps(name)) == _key(_truth(name)["fields"]["plan"]["steps"])


def test_a_first_sub_indicator_carried_over_with_half_its_columns_stays_in_its_row():
    """``ตัวชี้วัดที่ 3.1`` went on to page 2 with its method's tail and its period's year, the target and type
    left empty there (two of the four columns every row fills)."""
    name = "chromium_kpi_sub_item_cut"
    got, truth = extract(FIXTURES / f"{name}.pdf", kind="form4").fields["kpis"], _truth(name)["fields"]["kpis"]
    assert len(got) == len(truth)
    for key in ("name", "target", "kind", "period"):
        assert _key([k[key] for k in got]) == _key([k[key] for k in truth]), key


def test_a_row_head_cut_inside_its_slashed_words_runs_on_after_the_break():
    """Form 3's ``ประเด็น/ปัญหา/ความท้าทาย/`` | ``ความต้องการ``: the head's last word went on to the next page
    with the problem; it is no text of the problem."""
    name = "chromium_layout_head_cut_at_slash"
    got = extract(FIXTURES / f"{name}.pdf", kind="form3")
    assert _key(got.fields["problem"]) == _key(_truth(name)["fields"]["problem"])


def test_a_risks_head_cut_by_the_break_makes_no_risk():
    """The risks table's head ``ระดับของ | ความเสี่ยง`` was cut by the page break; the rest, spanning two grid
    rows, made a risk of heads and pushed every risk down one."""
    name = "chromium_risks_head_cut"
    got, truth = extract(FIXTURES / f"{name}.pdf", kind="form4").fields["risks"], _truth(name)["fields"]["risks"]
    assert [_key(r["risk"]) for r in got] == [_key(r["risk"]) for r in truth]
    assert [str(r["level"]) for r in got] == [str(r["level"]) for r in truth]


def test_a_gantt_s_head_alone_at_the_page_foot_is_no_text_of_the_value_above():
    """Form 4's Gantt starts on the next page; its first head row ``ขั้นตอนการดำเนินการ`` stayed at page 4's
    foot, under the approach's value."""
    name = "chromium_gantt_head_at_page_foot"
    got = extract(FIXTURES / f"{name}.pdf", kind="form4")
    assert _key(got.fields["approach"]) == _key(_truth(name)["fields"]["approach"])
