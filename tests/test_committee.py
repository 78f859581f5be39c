"""Committee sheets: generated DOCX filled in and read back, CSV import, range checks, the command."""

import csv
import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm
from docx_inspect import all_text, thai_runs_resolved

from pipeline.scoring.committee import (
    SHEET_TEMPLATE,
    CommitteeScore,
    CommitteeScoreError,
    csv_columns,
    import_files,
    read_csv,
    read_docx,
    render_sheet,
    write_csv,
)
from pipeline.scoring.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
AGENCY = "สำนักงานเขตบางกะปิ"
PROJECT = "โครงการพัฒนาระบบนัดหมายจัดเก็บขยะชิ้นใหญ่ออนไลน์ สำนักงานเขตบางกะปิ"


def _score(**points) -> CommitteeScore:
    return CommitteeScore(agency=AGENCY, fiscal_year=2568, project_name=PROJECT,
                          points={k: Decimal(str(v)) for k, v in points.items()}, committee_name="นายประเสริฐ วงศ์สวัสดิ์",
                          signed_date=dt.date(2025, 1, 28), note="ควรระบุวิธีติดตามผลให้ชัดเจน")


def _fill_by_hand(path: Path, points: dict[str, str], total: str | None = None) -> None:
    """Type into a blank sheet the way a committee secretary does in Word: replace the dots of a cell."""
    document = docx.Document(str(path))
    labels = {"แผนการดำเนินการ": points.get("plan"), "ความคิดริเริ่มสร้างสรรค์": points.get("creativity"),
              "ประโยชน์ของนวัตกรรม": points.get("benefit"), "รวม": total, "ลงชื่อ": "นางสาวกมลา ศรีสุข",
              "วันที่": "๒๘ ม.ค. ๖๘"}
    for table in document.tables:
        for row in table.rows:
            first = row.cells[0].text.replace(" ", "")
            for label, value in labels.items():
                if value is not None and label.replace(" ", "") in first:
                    cell = row.cells[-1]
                    cell.paragraphs[0].runs[0].text = value
                    for run in cell.paragraphs[0].runs[1:]:
                        run.text = ""
    document.save(str(path))


def _write_csv(path: Path, rows: list[dict], bom: bool = False) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=csv_columns(load_rules(2568)))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _row(**overrides) -> dict:
    row = {"agency": AGENCY, "fiscal_year": "2568", "project_name": PROJECT, "plan_points": "2.5",
           "creativity_points": "8.5", "benefit_points": "6", "committee_name": "นายประเสริฐ วงศ์สวัสดิ์",
           "signed_date": "2025-01-28", "note": ""}
    return row | overrides


# --------------------------------------------------------------------------- the DOCX sheet
def test_template_has_thai_typography_a4_and_the_official_margins():
    document = docx.Document(str(SHEET_TEMPLATE))
    normal = document.styles["Normal"].element.rPr
    fonts = normal.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs")} == {"TH SarabunPSK"}
    assert normal.find(qn("w:sz")).get(qn("w:val")) == "32" and normal.find(qn("w:szCs")).get(qn("w:val")) == "32"
    assert normal.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert abs(section.left_margin - Cm(3)) < Cm(0.01) and abs(section.right_margin - Cm(2)) < Cm(0.01)


def test_generated_sheet_lists_the_seeds_criteria_and_resolves_to_th_sarabun_16_pt(tmp_path):
    path = render_sheet(tmp_path / "sheet.docx", agency=AGENCY, project_name=PROJECT, fiscal_year=2568)
    text = all_text(path)
    for phrase in ("แผนการดำเนินการ", "ความคิดริเริ่มสร้างสรรค์", "ประโยชน์ของนวัตกรรม", "ครบถ้วนตามขั้นตอนที่กำหนด",
                   "ส่งผลกระทบต่อประชาชน/ผู้รับบริการในวงกว้าง", PROJECT, "(20 คะแนน)"):
        assert phrase in text, phrase
    assert "{{" not in text and "{%" not in text
    runs = thai_runs_resolved(path)
    assert runs and {font for _, font, _, _ in runs} == {"TH SarabunPSK"}
    assert all(size >= 28 for _, _, size, _ in runs)


def test_a_filled_sheet_reads_back_to_the_same_score(tmp_path):
    score = _score(plan=2.5, creativity=8.5, benefit=6)
    path = render_sheet(tmp_path / "filled.docx", agency=AGENCY, project_name=PROJECT, fiscal_year=2568, score=score)
    back = read_docx(path)
    assert back.points == {"plan": Decimal("2.5"), "creativity": Decimal("8.5"), "benefit": Decimal("6")}
    assert back.total == Decimal("17")
    assert (back.agency, back.fiscal_year, back.project_name) == (AGENCY, 2568, PROJECT)
    assert (back.committee_name, back.signed_date, back.note) == (score.committee_name, score.signed_date, score.note)


def test_a_blank_sheet_typed_in_by_hand_with_thai_digits_reads_back(tmp_path):
    path = render_sheet(tmp_path / "blank.docx", agency=AGENCY, project_name=PROJECT, fiscal_year=2568)
    _fill_by_hand(path, {"plan": "๓", "creativity": "๘.๕", "benefit": "5"}, total="16.5")
    back = read_docx(path)
    assert back.points == {"plan": 3, "creativity": Decimal("8.5"), "benefit": 5}
    assert back.committee_name == "นางสาวกมลา ศรีสุข" and back.signed_date == dt.date(2025, 1, 28)


def test_a_blank_sheet_is_an_error_naming_every_item(tmp_path):
    path = render_sheet(tmp_path / "blank.docx", agency=AGENCY, fiscal_year=2568)
    with pytest.raises(CommitteeScoreError) as err:
        read_docx(path)
    message = str(err.value)
    assert "plan_points is blank" in message and "benefit_points is blank" in message
    assert "ไม่ได้ให้คะแนนความคิดริเริ่มสร้างสรรค์" in message


def test_points_over_the_item_maximum_on_a_sheet_are_an_error(tmp_path):
    path = render_sheet(tmp_path / "over.docx", agency=AGENCY, fiscal_year=2568)
    _fill_by_hand(path, {"plan": "3", "creativity": "12", "benefit": "7"})
    with pytest.raises(CommitteeScoreError) as err:
        read_docx(path)
    assert "creativity_points 12 is outside 0–10" in str(err.value)
    assert "plan_points" not in str(err.value)


def test_a_written_total_that_is_not_the_sum_is_an_error(tmp_path):
    path = render_sheet(tmp_path / "sum.docx", agency=AGENCY, fiscal_year=2568)
    _fill_by_hand(path, {"plan": "3", "creativity": "8", "benefit": "6"}, total="18")
    with pytest.raises(CommitteeScoreError) as err:
        read_docx(path)
    assert "not the sum of the items (17)" in str(err.value)


def test_the_build_script_makes_a_template_that_renders(tmp_path):
    out = tmp_path / "committee.docx"
    run = subprocess.run([sys.executable, "scripts/build_committee_template.py", str(out)], capture_output=True,
                         text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    text = all_text(out)
    assert "{%tr for item in items %}" in text and "{{ item.points|fill(8) }}" in text


# --------------------------------------------------------------------------- CSV
def test_csv_rows_become_scores_even_from_excel_with_a_bom_and_thai_digits(tmp_path):
    path = _write_csv(tmp_path / "committee.csv", [_row(), _row(agency="สำนักการระบายน้ำ", plan_points="๓")], bom=True)
    scores = read_csv(path)
    assert [s.agency for s in scores] == [AGENCY, "สำนักการระบายน้ำ"]
    assert scores[0].total == Decimal("17") and scores[1].points["plan"] == 3
    assert scores[0].source == "committee.csv, line 2"


@pytest.mark.parametrize(("overrides", "message"), [
    ({"plan_points": "4"}, "plan_points 4 is outside 0–3"),
    ({"benefit_points": "-1"}, "benefit_points -1 is outside 0–7"),
    ({"creativity_points": "สิบ"}, "creativity_points 'สิบ' is not a number"),
    ({"creativity_points": ""}, "creativity_points is blank"),
    ({"plan_points": "2.125"}, "more than 2 decimals"),
    ({"signed_date": "เมื่อวาน"}, "is not a date"),
    ({"agency": ""}, "the agency is blank"),
])
def test_a_bad_csv_row_is_an_error_naming_its_line_and_cell(tmp_path, overrides, message):
    path = _write_csv(tmp_path / "committee.csv", [_row(), _row(**{"agency": "สำนักการระบายน้ำ", **overrides})])
    with pytest.raises(CommitteeScoreError) as err:
        read_csv(path)
    assert message in str(err.value) and "line 3" in str(err.value) and "line 2" not in str(err.value)


def test_points_at_the_edges_of_the_range_are_accepted(tmp_path):
    path = _write_csv(tmp_path / "edges.csv", [_row(plan_points="0", creativity_points="10", benefit_points="7")])
    assert read_csv(path)[0].total == 17


def test_writing_a_csv_replaces_the_same_agency_and_year_and_keeps_the_others(tmp_path):
    path = _write_csv(tmp_path / "committee.csv", [_row(), _row(agency="สำนักการระบายน้ำ")])
    write_csv([_score(plan=1, creativity=2, benefit=3)], path)
    scores = {s.agency: s.total for s in read_csv(path)}
    assert scores == {"สำนักการระบายน้ำ": Decimal("17"), AGENCY: Decimal("6")}


def test_import_of_sheets_merges_into_a_csv(tmp_path):
    sheet = render_sheet(tmp_path / "sheet.docx", agency=AGENCY, fiscal_year=2568,
                         score=_score(plan=3, creativity=9, benefit=7))
    out = tmp_path / "evidence" / "committee.csv"
    scores = import_files([sheet], out)
    assert [s.total for s in scores] == [19]
    assert read_csv(out)[0].points == {"plan": 3, "creativity": 9, "benefit": 7}


# --------------------------------------------------------------------------- the command
def test_committee_template_command_fills_the_project_from_the_sample(tmp_path):
    run = subprocess.run([sys.executable, "-m", "pipeline", "committee", "template", "--sample", "--agency", "บางกะปิ",
                          "--out", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    made = Path(run.stdout.strip())
    assert made.is_file() and made.parent == tmp_path
    assert PROJECT in all_text(made) and AGENCY in all_text(made)


def test_committee_import_command_reads_a_sheet_and_refuses_a_bad_csv(tmp_path):
    sheet = render_sheet(tmp_path / "sheet.docx", agency=AGENCY, fiscal_year=2568,
                         score=_score(plan=2, creativity=7, benefit=5))
    run = subprocess.run([sys.executable, "-m", "pipeline", "committee", "import", str(sheet), "--out",
                          str(tmp_path / "committee.csv")], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "plan 2, creativity 7, benefit 5 = 14" in run.stdout
    bad = _write_csv(tmp_path / "bad.csv", [_row(creativity_points="11")])
    run = subprocess.run([sys.executable, "-m", "pipeline", "committee", "import", str(bad)], capture_output=True,
                         text=True, cwd=ROOT)
    assert run.returncode == 2
    assert "bad.csv, line 2" in run.stderr and "outside 0–10" in run.stderr and "อยู่นอกช่วง" in run.stderr
