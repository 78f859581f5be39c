"""The plan, one contract: written as `schema plan` asks (a phase per step), it generates with its phases as
rows, reads back with the same phases and months, and validates without findings."""

from __future__ import annotations

import docx

from pipeline.extractors.record import extract
from pipeline.generate.render import render_docx
from pipeline.records import Record, json_schema
from pipeline.scoring.rules import load_rules
from pipeline.scoring.validate import DocumentRef, validate_record

PLAN = {"agency": "สำนักงานเขตบางกะปิ", "project_name": "นัดเก็บขยะชิ้นใหญ่ออนไลน์",
        "innovation": "ระบบนัดเก็บขยะชิ้นใหญ่", "policy": "สิ่งแวดล้อมดี 9", "fiscal_year": 2568,
        "steps": [{"name": "ออกแบบระบบนัดหมาย", "phase": "creation", "months": [10, 11]},
                  {"name": "ทดสอบระบบกับชุมชน", "phase": "creation", "months": [12]},
                  {"name": "เปิดให้ประชาชนนัดหมาย", "phase": "deployment", "months": [1, 2, 3, 4]},
                  {"name": "ติดตามจำนวนจุดทิ้งขยะ", "phase": "follow_up", "months": [5, 6, 7, 8]},
                  {"name": "สรุปผลและรายงานผู้บริหาร", "phase": None, "months": [9]}]}


def _findings(record: Record):
    return validate_record(record, DocumentRef(kind="plan"), load_rules(2568), 2568)


def test_the_schema_asks_a_phase_per_step():
    schema = json_schema("plan")
    item = schema["$defs"][next(k for k in schema["$defs"] if k.endswith("steps_item"))]
    assert "phase" in item["properties"]


def test_a_plan_written_per_the_schema_generates_reads_back_and_validates(tmp_path):
    record = Record.from_data({"kind": "plan", "fields": PLAN})
    path = render_docx(record, tmp_path / "plan.docx")
    rows = [row.cells[0].text for row in docx.Document(path).tables[0].rows]
    assert "1. การสร้างนวัตกรรม" in rows and "2. การนำนวัตกรรมไปใช้ประโยชน์" in rows  # phases drawn as rows
    got = extract(path)
    assert got.fields["steps"] == record.fields["steps"]
    assert not _findings(got)


def test_a_follow_up_before_creation_in_the_fiscal_year_is_a_warning():
    steps = [{"name": "ติดตามผล", "phase": "follow_up", "months": [12]},
             {"name": "สร้าง", "phase": "creation", "months": [1]},
             {"name": "ใช้", "phase": "deployment", "months": [2]}]
    findings = _findings(Record.from_data({"kind": "plan", "fields": {**PLAN, "steps": steps}}))
    assert [(f.severity, f.rule) for f in findings] == [("warning", "plan.order"), ("warning", "plan.order")]
    # December before January is in order inside a fiscal year (ต.ค. → ก.ย.).
    steps = [{"name": "สร้าง", "phase": "creation", "months": [12]},
             {"name": "ใช้", "phase": "deployment", "months": [1]},
             {"name": "ติดตามผล", "phase": "follow_up", "months": [2]}]
    assert not _findings(Record.from_data({"kind": "plan", "fields": {**PLAN, "steps": steps}}))
