"""A scanned plan's Gantt row that no step of the record holds is warned: on the step it would be, or on the table."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extractors.lost_rows import lost_steps_warnings
from pipeline.readers import read_document

FIXTURES = Path(__file__).parent / "fixtures"
# The nine steps read from page 1 of scan-tune3353-plan (tuning half); its Gantt's last three rows stand on page 2
# (the fixture: that page's top), which the reader did not join to the plan's table.
READ = ["การสร้างนวัตกรรม", "ประชุมคณะทำงานเพื่อกำหนดข้อมูลที่ต้องตรวจวัดและคัด เลือกบ่อสูบน้ำนำร่อง",
        "จัดหาอุปกรณ์ตรวจวัดและพัฒนาแดชบอร์ด", "ติดตั้งอุปกรณ์ที่เครื่องสูบน้ำ30 บ่อสูบน้ำและทดสอบการ แจ้งเตือน",
        "การนำนวัตกรรมไปใช้ประโยชน์", "อบรมเจ้าหน้าที่ศูนย์ควบคุมฯ และทีมช่างซ่อมบำรุง",
        "เฝ้าระวังเครื่องสูบน้ำผ่านแดชบอร์ดตลอด 24ชั่วโมง", "การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์",
        "ติดตามเวลาแจ้งเหตุและเวลาซ่อมเครื่องสูบน้ำรายเดือน"]
SURVEY, REPORT = "สำรวจความพึงพอใจของผู้ใช้ระบบ", "สรุปผลการดำเนินโครงการเสนอผู้อำนวยการสำนักการระบายน้ำ"


def _warned(warnings: list[str]) -> set[str]:
    return {w.split(":", 1)[0] for w in warnings}


@pytest.mark.slow
def test_gantt_rows_on_the_next_page_that_no_step_holds_warn_the_steps_they_would_be():
    document = read_document(FIXTURES / "scan_plan_gantt_rest_on_next_page.jpg")

    def warned(names: list[str], fields: str = "plan") -> set[str]:
        steps = [{"name": n} for n in names]
        return _warned(lost_steps_warnings(document, [], {"steps": steps} if fields == "plan" else
                                           {"plan": {"steps": steps}}))

    assert warned(READ) == {"steps[9]", "steps[10]"}  # the steps read are right; two are missing after them
    assert warned(READ, "form3") == {"plan.steps[9]", "plan.steps[10]"}  # a Form 3's or Form 4's attached plan
    assert warned([*READ, SURVEY, REPORT]) == set()  # every row of the grid is a step
    assert warned([*READ, REPORT]) == {"steps"}  # a row lost amid the steps read: those after it are shifted
    assert _warned(lost_steps_warnings(document, [], {"agency": "สำนักการระบายน้ำ"})) == set()  # a form with no plan
