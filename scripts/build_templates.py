"""Build the docxtpl Word templates of the FY2568 innovation forms (templates_docx/*.docx) from the seed's wording.

Run from the project root: ``.venv/bin/python scripts/build_templates.py [--out templates_docx]``.

Conventions every template follows (the extractor relies on them):
- a label and its value share a paragraph, value after label: ``ชื่อแนวคิด {{ idea_name|fill(60) }}``;
- a long text value has its own paragraph(s) under its numbered heading (or the right-hand cell of its row);
- ``{{r checkbox(...) }}`` is a Word check box (☑/☐), a run of its own; ``|fill(n)`` prints n dots where the value is blank;
- list loops are docxtpl paragraph/row tags (``{%p for %}``, ``{%tr for %}``) padded with ``|pad(n)``;
  a plan's month cell is shaded by ``{% cellbg 'D9D9D9' if 10 in (s.months or []) else 'FFFFFF' %}``;
- the seed's guidance after a blank (``(ระบุรหัสและชื่อนโยบาย)``) and its หมายเหตุ notes print while the blank
  is empty: the blank form is the seed's, a returned form drops them (Form 3 must fit one A4 page);
- each jinja tag is one run; fonts and sizes come from the styles only (see templates_lib).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from docx.document import Document as DocxDocument

from pipeline.forms import form

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_templates_parts import (  # noqa: E402 - the helper modules sit beside this script
    INNOVATION_TYPES,
    PLAN_MARGINS_CM,
    SIGN_DOTS,
    blank_line,
    gantt,
    guide,
    heading,
    hint,
    innovation_type_boxes,
    note,
    plan_page,
    signature,
    title,
    value,
)
from templates_lib import (  # noqa: E402
    TEXT_W_CM,
    add_table,
    cell_text,
    keep_row_together,
    keep_rows_whole,
    new_document,
    new_landscape_page,
    para,
    prune_unused_styles,
    repeat_as_header,
    tag,
    vertical_center,
)

ROOT = Path(__file__).resolve().parent.parent
# --------------------------------------------------------------------------- Form 1
def build_form1() -> DocxDocument:
    """แบบเสนอแนวคิดในการพัฒนานวัตกรรม… (แบบฟอร์ม 1)."""
    d = new_document()
    title(d, "form1", ("เพื่อเพิ่ม",))
    blank_line(d)
    para(d, "ฝ่าย/กลุ่มงาน {{ section_unit|fill(30) }} กอง/สำนักงาน {{ division|fill(29) }}")
    para(d, "สำนัก/สำนักงานเขต {{ agency|fill(75) }}")
    para(d, "ชื่อแนวคิด {{ idea_name|fill(90) }}")
    para(d, "สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร {{ policy|fill(27) }}" + hint("policy", "ระบุรหัสและชื่อนโยบาย"))
    para(d, "**เลือกรูปแบบของนวัตกรรมที่ท่านคิดว่าควรนำมาใช้เพื่อเพิ่มประสิทธิภาพในการปฏิบัติงาน** (เลือกเพียง 1 ข้อ)")
    innovation_type_boxes(d, "form1", indent_cm=0.5)
    heading(d, "1. การค้นหาปัญหา/ความท้าทาย/ความต้องการพัฒนางานเพื่อให้การปฏิบัติงานมีประสิทธิภาพยิ่งขึ้น")
    guide(d, "(อธิบายกระบวนการในการระดมความคิด จนพบปัญหา/ความท้าทาย/ความต้องการพัฒนางาน)")
    value(d, "problem_discovery")
    heading(d, "2. ปัญหา/ความท้าทาย/ความต้องการพัฒนางานเพื่อให้การปฏิบัติงานมีประสิทธิภาพยิ่งขึ้น")
    guide(d, "(ระบุความสำคัญของปัญหา/ความท้าทาย/ความต้องการพัฒนางานให้สอดคล้องกับรูปแบบนวัตกรรม)")
    value(d, "problem")
    heading(d, "3. แนวทาง/วิธีการที่ใช้ในการแก้ไขปัญหา/ความท้าทาย/ความต้องการพัฒนางานเพื่อให้การปฏิบัติงานมีประสิทธิภาพยิ่งขึ้น")
    value(d, "approach")
    para(d, "**4. นวัตกรรมที่จะพัฒนา คือ** {{ innovation|fill(60) }}")
    heading(d, "5. ผู้มีส่วนร่วมดำเนินการในการพัฒนานวัตกรรม ได้แก่")
    para(d, "กรณีดำเนินการร่วมกับส่วนราชการภายในหน่วยงาน หรือหน่วยงานอื่นในสังกัดกรุงเทพมหานคร", indent_cm=0.75)
    guide(d, "(ระบุชื่อส่วนราชการภายในหน่วยงานที่ร่วมดำเนินการ พร้อมทั้งอธิบายว่ามีการร่วมดำเนินการอย่างไร)")
    tag(d, "for p in internal_partners|pad(2)")
    para(d, "{{ loop.index }}) {{ p.name|fill(28) }} โดยได้ดำเนินการ {{ p.contribution|fill(39) }}", indent_cm=0.75)
    tag(d, "endfor")
    para(d, "กรณีดำเนินการร่วมกับหน่วยงานอื่นภายนอกสังกัดกรุงเทพมหานคร หรือองค์กรเอกชน หรือประชาชนทั่วไป",
         indent_cm=0.75)
    guide(d, "(ระบุชื่อหน่วยงานที่ร่วมดำเนินการ ระบุสัดส่วนการดำเนินการ พร้อมทั้งอธิบายว่ามีการร่วมดำเนินการอย่างไร)")
    tag(d, "for p in external_partners|pad(2)")
    para(d, "{{ loop.index }}) {{ p.name|fill(25) }} สัดส่วนร้อยละ {{ p.share_percent|fill(8) }} "
            "โดยได้ดำเนินการ {{ p.contribution|fill(100) }}", indent_cm=0.75)
    tag(d, "endfor")
    blank_line(d)
    signature(d, "proposer_name", "เจ้าหน้าที่ผู้ปฏิบัติงาน", "ผู้เสนอแนวคิด")
    blank_line(d)
    table = add_table(d, [8.0, 8.0], rows=1, borders=False)
    left, right = table.rows[0].cells
    keep_row_together(table.rows[0])
    cell_text(left, [f"ลงชื่อ {'.' * 18} ผู้บังคับบัญชา", "( {{ supervisor_name|fill(25) }} )",
                     "(เหนือขึ้นไป 1 ระดับ)"], align="center")
    cell_text(right, [f"ลงชื่อ {'.' * 18} หัวหน้าหน่วยงาน/", "( {{ head_name|fill(25) }} )",
                      "ส่วนราชการในสังกัดสำนักปลัดกรุงเทพมหานคร"], align="center")
    note(d, ["กรณีดำเนินการร่วมกับหน่วยงานอื่นภายนอกสังกัดกรุงเทพมหานคร หรือองค์กรเอกชน หรือประชาชนทั่วไป"
             "ให้แนบเอกสารหนังสือรับรองสัดส่วนการดำเนิน ที่แสดงรายละเอียด เนื้อหา และขอบเขตของงานที่จะดำเนินการ"
             "ตามสัดส่วนที่ได้รับมอบหมาย และหรือมีข้อตกลงร่วมกันไว้ให้ชัดเจนเพื่อใช้ประกอบการพิจารณาของคณะกรรมการฯ"],
         "idea_name")
    return d


# --------------------------------------------------------------------------- Form 2
def build_form2() -> DocxDocument:
    """แบบสรุปผลการคัดเลือกแนวคิดในการพัฒนานวัตกรรม… (แบบฟอร์ม 2)."""
    d = new_document()
    title(d, "form2", ("เพื่อเพิ่ม",))
    blank_line(d)
    para(d, "หน่วยงาน {{ agency|fill(90) }}")
    para(d, "**1. ชื่อแนวคิด** {{ idea_name|fill(80) }}")
    para(d, "ชื่อโครงการ {{ project_name|fill(85) }}", indent_cm=0.6)
    para(d, "สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร {{ policy|fill(23) }}" + hint("policy", "ระบุรหัสและชื่อนโยบาย"),
         indent_cm=0.6)
    choices = form("form2").fields["innovation_type"].choices
    hang = 4.6
    for i, key in enumerate(INNOVATION_TYPES):
        box = "{{r checkbox(innovation_type == '" + key + "') }}" + f" {choices[key]}"
        if i == 0:
            para(d, f"รูปแบบของนวัตกรรม\t{box}", indent_cm=hang, first_cm=-(hang - 0.6), tabs_cm=(hang,))
        else:
            para(d, box, indent_cm=hang)
    para(d, "**2. นวัตกรรมที่จะพัฒนา คือ** {{ innovation|fill(60) }}")
    para(d, "ลักษณะของนวัตกรรม\t{{r checkbox(innovation_origin == 'new') }} เป็นนวัตกรรมที่พัฒนาขึ้นใหม่",
         indent_cm=hang, first_cm=-(hang - 0.6), tabs_cm=(hang,))
    para(d, "{{r checkbox(innovation_origin == 'extended') }} เป็นนวัตกรรมที่พัฒนา/ต่อยอดจากหน่วยงาน "
            "{{ extended_from|fill(30) }}" + hint("extended_from", "ระบุชื่อหน่วยงาน"), indent_cm=hang)
    para(d, "ในปัจจุบันประมาณ {{ extended_current|fill(40) }}", indent_cm=hang + 0.6)
    para(d, "โดยสิ่งที่พัฒนา/ต่อยอด คือ {{ extended_what|fill(29) }}", indent_cm=hang + 0.6)
    heading(d, "3. หลักเกณฑ์/เหตุผลในการคัดเลือกแนวคิด")
    value(d, "selection_criteria")
    heading(d, "4. วิธีการ/กระบวนการในการพิจารณาคัดเลือกแนวคิด")
    value(d, "selection_process")
    blank_line(d)
    signature(d, "head_name", after=("หัวหน้าหน่วยงาน/ส่วนราชการในสังกัดสำนักปลัดกรุงเทพมหานคร",
                                     "ลงวันที่ {{ signed_date|fill(30) }}"), indent_cm=0)
    return d


# --------------------------------------------------------------------------- Form 3 (+ its plan)
FORM3_LEFT_CM = 3.6
FORM3_MARGINS_CM = (2.0, 1.5)  # top, bottom: a dense one-page form (left/right stay 3 cm / 2 cm)


def _form3_row(table, topic: str, values: list[str], guidance: str = "", shown_while: str = "") -> None:
    """One row of Form 3: the bold topic on the left; on the right its sub-labels and values, in reading order.

    The seed's guidance for the topic is printed above the values while they are still blank (``shown_while``
    is the jinja test, e.g. ``not objectives``): a filled Form 3 must fit one A4 page.
    """
    left, right = table.add_row().cells
    cell_text(left, topic, "Form Compact Heading")
    if guidance:
        cell_text(right, "{%p if " + shown_while + " %}", "Form Compact")
        para(right, guidance, "Form Compact Guide")
        para(right, "{%p endif %}", "Form Compact")
        for text in values:
            para(right, text, "Form Compact")
    else:
        cell_text(right, values, "Form Compact")


def build_form3() -> DocxDocument:
    """แบบนำเสนอโครงการพัฒนานวัตกรรม… (แบบฟอร์ม 3): one compact A4 page, then the plan on a landscape page."""
    d = new_document(top_bottom_cm=FORM3_MARGINS_CM)
    title(d, "form3")
    c = "Form Compact"
    para(d, "หน่วยงาน {{ agency|fill(102) }}", c)
    para(d, "ชื่อโครงการ {{ project_name|fill(100) }}", c)
    para(d, "นวัตกรรมที่พัฒนา {{ innovation|fill(40) }}" + hint("innovation", "ระบุชื่อนวัตกรรมที่พัฒนา"), c)
    para(d, "สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร {{ policy|fill(4) }}" + hint("policy", "ระบุรหัสและชื่อนโยบาย"), c)
    table = add_table(d, [FORM3_LEFT_CM, TEXT_W_CM - FORM3_LEFT_CM], rows=1, cell_margin_cm=0.1)
    cell_text(table.rows[0].cells[0], "ประเด็น", "Form Compact Heading", align="center")
    cell_text(table.rows[0].cells[1], "รายละเอียด", "Form Compact Heading", align="center")
    repeat_as_header(table.rows[0])
    _form3_row(table, "ประเด็น/ปัญหา/ความท้าทาย/ความต้องการ",
               ["- สภาพปัญหา/ความท้าทาย/ความต้องการที่หน่วยงานวิเคราะห์ได้", "{{ problem|fill(90) }}",
                "- ผลกระทบต่อการดำเนินงาน/การให้บริการ", "{{ impact|fill(90) }}",
                "- แนวทางการแก้ไขปัญหา/การดำเนินการที่แตกต่างจากที่ดำเนินการอยู่ในปัจจุบัน",
                "{{ new_approach|fill(90) }}"])
    _form3_row(table, "ประโยชน์ที่คาดว่าจะได้รับ", ["{{ expected_benefits|fill(90) }}"],
               "ผลในเชิงบวกที่คาดว่าจะได้รับจากการพัฒนานวัตกรรม ซึ่งต้องสอดคล้องกับวัตถุประสงค์ที่กำหนด",
               "not expected_benefits")
    _form3_row(table, "วัตถุประสงค์", ["{{ objectives|fill(90) }}"],
               "นวัตกรรมที่พัฒนาขึ้น ตอบสนองประเด็นปัญหา/ความท้าทาย อย่างไร", "not objectives")
    _form3_row(table, "แผนการดำเนินการ",
               ["1. การสร้างนวัตกรรม {{ plan_creation|fill(45) }}",
                "2. การนำนวัตกรรมไปใช้ประโยชน์ {{ plan_deployment|fill(32) }}",
                "3. การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์ {{ plan_follow_up|fill(18) }}"],
               "ระบุช่วงเวลา และวิธีดำเนินการในแต่ละขั้นตอนโดยสรุป ได้แก่ 1. การสร้างนวัตกรรม "
               "2. การนำนวัตกรรมไปใช้ประโยชน์ 3. การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์ "
               "และแนบแผนการดำเนินการที่แสดงให้เห็นถึงความสำเร็จของการพัฒนานวัตกรรม "
               "จนถึงติดตามผลการนำนวัตกรรมไปใช้ประโยชน์",
               "not (plan_creation or plan_deployment or plan_follow_up)")
    _form3_row(table, "นวัตกรรมที่พัฒนา และเครื่องมือที่ใช้",
               ["1. นวัตกรรมที่พัฒนา คือ {{ innovation|fill(40) }}",
                "2. เครื่องมือที่ใช้พัฒนานวัตกรรม คือ {{ tools|fill(28) }}",
                "3. ดำเนินการร่วมกับ {{ partner|fill(45) }}",
                "โดยดำเนินการ {{ partner_work|fill(50) }}",
                "4. สัดส่วนการดำเนินการ (เฉพาะกรณีที่เป็นนวัตกรรมที่เกิดขึ้นจากการดำเนินงานร่วมกับหน่วยงานภายนอก"
                "สังกัดกรุงเทพมหานคร) ร้อยละ {{ agency_share_percent|fill(6) }}"])
    _form3_row(table, "งบประมาณ",
               ["{{r checkbox(uses_budget == true) }} 1. กรณีใช้งบประมาณ ให้ระบุที่มา และจำนวนเงินงบประมาณที่ใช้",
                "ขอจัดสรรจาก/ขอรับการสนับสนุนจาก {{ budget_source|fill(6) }} "
                "จำนวนเงิน {{ budget_amount_baht|fill(4) }} บาท",
                "{{r checkbox(uses_budget == false) }} 2. กรณีไม่ใช้งบประมาณ ให้ระบุเหตุผลที่ไม่ใช้งบประมาณ",
                "{{ no_budget_reason|fill(70) }}"])
    _form3_row(table, "กลุ่มเป้าหมาย",
               ["1. กลุ่มเป้าหมายที่ใช้นวัตกรรม ได้แก่ {{ target_users|fill(30) }}",
                "2. กลุ่มเป้าหมายที่จะได้รับผลกระทบจากการนำนวัตกรรมไปใช้ ได้แก่ {{ affected_groups|fill(20) }}"])
    note(d, ["1. ให้สรุปข้อมูล รายละเอียดในแต่ละประเด็นให้ครบถ้วน และชัดเจนในทุกประเด็น",
             "2. จัดทำข้อมูลตามแบบฟอร์ม 3 ไม่เกิน 1 หน้ากระดาษ A4 พร้อมแนบแผนการดำเนินการ"],
         "project_name", "Form Compact Guide", indent_cm=0.95)
    new_landscape_page(d, PLAN_MARGINS_CM)
    plan_page(d, "plan.")
    return d


def build_plan() -> DocxDocument:
    """แผนการดำเนินการ on its own: a landscape page."""
    d = new_document(landscape=True, top_bottom_cm=PLAN_MARGINS_CM)
    plan_page(d, "")
    return d


# --------------------------------------------------------------------------- Form 4
def _kpi_row(table, name: list[str], target: str, kind: str, method: list[str], period: str) -> None:
    row = table.add_row()
    cell_text(row.cells[0], name)
    cell_text(row.cells[1], target)
    cell_text(row.cells[2], kind, align="center")
    cell_text(row.cells[3], method)
    cell_text(row.cells[4], period)


def build_form4() -> DocxDocument:
    """โครงการพัฒนานวัตกรรม… (แบบฟอร์ม 4): at most six A4 pages."""
    d = new_document()
    title(d, "form4")
    blank_line(d)
    para(d, "ชื่อโครงการ {{ project_name|fill(90) }}")
    para(d, "หน่วยงานที่รับผิดชอบ {{ agency|fill(70) }}")
    para(d, "ปีงบประมาณ พ.ศ. {{ fiscal_year|fill(10) }}")
    heading(d, "1. ปัญหา/ความท้าทาย/ความต้องการพัฒนางาน")
    guide(d, "ระบุสถานการณ์ และความสำคัญของปัญหา/ความท้าทาย/ความต้องการพัฒนางาน ผลที่เกิดต่อการดำเนินงาน/"
             "การให้บริการปัจจุบัน และวิธีดำเนินการเพื่อแก้ไขหรือลดปัญหา/ความท้าทายที่เกิดขึ้น")
    value(d, "problem")
    heading(d, "2. วัตถุประสงค์")
    guide(d, "ระบุว่าต้องการได้อะไรจากนวัตกรรมที่พัฒนาขึ้น ซึ่งจะต้องตอบสนองต่อปัญหา/ความท้าทาย/ความต้องการพัฒนางาน"
             "ตามที่ระบุไว้")
    value(d, "objectives")
    heading(d, "3. เป้าหมาย")
    guide(d, "ระบุสิ่งที่ จะดำเนินการ หรือผลที่จะทำให้เกิดขึ้นในระยะเวลาอย่างเฉพาะเจาะจงเป็นรูปธรรม ซึ่งต้องสอดคล้องกับ"
             "วัตถุประสงค์ของโครงการ พร้อมทั้งระบุกลุ่มเป้าหมายที่ใช้ในนวัตกรรม กลุ่มเป้าหมายที่จะได้รับผลกระทบจากการนำ"
             "นวัตกรรมไปใช้")
    value(d, "targets")
    heading(d, "4. ลักษณะของโครงการ")
    guide(d, "ระบุความสอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร/ยุทธศาสตร์/โครงการตามภารกิจประจำของหน่วยงาน/"
             "โครงการตามแผนปฏิบัติการของหน่วยงาน รวมทั้งระบุว่าเป็นโครงการใหม่หรือเป็นโครงการต่อเนื่อง")
    value(d, "project_nature")
    para(d, "{{r checkbox(is_continuing == false) }} โครงการใหม่\t{{r checkbox(is_continuing == true) }} โครงการต่อเนื่อง",
         indent_cm=1.25, tabs_cm=(5.0,))
    heading(d, "5. ระยะเวลาดำเนินการ")
    guide(d, "ระบุช่วงระยะเวลาดำเนินโครงการ ซึ่งสอดคล้องกับที่ระบุไว้ในแนวทางดำเนินงาน")
    value(d, "duration", 100)
    heading(d, "6. แนวทางการดำเนินงาน")
    guide(d, "ระบุวิธีการ/แนวทาง/กิจกรรม/ขั้นตอนในการดำเนินโครงการ ตั้งแต่ได้รับอนุมัติโครงการจากคณะกรรมการพัฒนา"
             "นวัตกรรมกรุงเทพมหานครแล้ว ซึ่งจะต้องแสดงให้เห็นถึงการมีส่วนร่วมในการดำเนินการไว้ในขั้นตอนใดขั้นตอนหนึ่ง"
             "หรือหลายขั้นตอน และต้องระบุระยะเวลากำกับในแต่ละขั้นตอนการทำงาน โดยอย่างน้อยต้องมีขั้นตอนครบถ้วน ดังนี้ "
             "- การสร้างนวัตกรรม - การนำนวัตกรรมไปใช้ - การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์ "
             "โดยต้องสอดคล้องกับแผนการดำเนินการที่เสนอคณะกรรมการพัฒนานวัตกรรมกรุงเทพมหานคร พิจารณา ตามแบบฟอร์มที่ 3 "
             "โดยนำข้อมูลไปใส่ไว้ในตาราง")
    value(d, "approach")
    gantt(d, "plan.", TEXT_W_CM, 0.8, "Form Month", 50, "Form Compact")
    heading(d, "7. งบประมาณ")
    guide(d, "ควรเสนอโครงการที่ไม่ใช้งบประมาณในการดำเนินการ หากใช้งบประมาณ ให้ระบุที่มาและจำนวนเงินงบประมาณที่ใช้ "
             "(ขอจัดสรรหรือขอรับการสนับสนุนจากที่ใด)")
    value(d, "budget")
    heading(d, "8. ความเสี่ยงของโครงการ และแนวทางการบริหารความเสี่ยง")
    guide(d, "ความเสี่ยง: ระบุถึงข้อจำกัดหรือปัจจัยความล้มเหลวที่คาดการณ์ล่วงหน้าแล้วว่า มีโอกาสส่งผลกระทบต่อให้โครงการ"
             "ไม่บรรลุวัตถุประสงค์ตามที่ตั้งไว้ แนวทางการบริหารความเสี่ยง: ระบุถึงวิธีการที่จะจัดการแก้ไขข้อจำกัดหรือป้องกัน"
             "ปัจจัยความล้มเหลว เพื่อให้ปัญหาของโครงการลดน้อยลง และสามารถดำเนินการให้ประสบความสำเร็จตามเป้าหมายที่ตั้งไว้"
             "อย่างมีประสิทธิภาพและประสิทธิผล")
    risk = add_table(d, [4.2, 2.0, 2.3, 2.2, 5.3], rows=5)  # ผลกระทบ whole on one line
    head, sub, loop_start, body, loop_end = risk.rows
    for col, text in ((0, "ความเสี่ยง"), (4, "แนวทางการบริหารความเสี่ยง")):
        merged = head.cells[col].merge(sub.cells[col])
        cell_text(merged, text, "Form Table Head")
        vertical_center(merged)
    cell_text(head.cells[1].merge(head.cells[3]), "การประเมินความเสี่ยง", "Form Table Head")
    for col, text in ((1, "โอกาสที่จะเกิด"), (2, "ผลกระทบ"), (3, "ระดับของความเสี่ยง")):
        cell_text(sub.cells[col], text, "Form Table Head")
    repeat_as_header(head)
    repeat_as_header(sub)
    cell_text(loop_start.cells[0], "{%tr for r in risks|pad(2) %}")
    cell_text(body.cells[0], "{{ r.risk|fill(25) }}")
    cell_text(body.cells[1], "{{ r.likelihood|fill(8) }}", align="center")
    cell_text(body.cells[2], "{{ r.impact|fill(8) }}", align="center")
    cell_text(body.cells[3], "{{ r.level|fill(8) }}", align="center")
    cell_text(body.cells[4], "{{ r.mitigation|fill(30) }}")
    cell_text(loop_end.cells[0], "{%tr endfor %}")
    heading(d, "9. ประโยชน์ที่คาดว่าจะได้รับ")
    guide(d, "ระบุผลในเชิงบวกที่คาดว่าจะได้รับจากการดำเนินโครงการ/นวัตกรรมที่พัฒนา ซึ่งต้องสอดคล้องกับวัตถุประสงค์"
             "ที่กำหนด")
    value(d, "benefits")
    heading(d, "10. การติดตามประเมินผล")
    heading(d, "10.1 ตัวชี้วัดความสำเร็จ")
    guide(d, "ระบุตัวชี้วัด จำนวน 4 ตัวชี้วัด ได้แก่")
    tag(d, "set k = kpis|pad(4)")
    kpi = add_table(d, [5.0, 2.4, 1.9, 4.8, 1.9], rows=1)
    for cell, text in zip(kpi.rows[0].cells, ("ตัวชี้วัด", "ค่าเป้าหมาย", "ประเภทตัวชี้วัด",
                                              "วิธีการคำนวณ/ เครื่องมือในการวัด", "ระยะเวลา"), strict=True):
        cell_text(cell, text, "Form Table Head")
    repeat_as_header(kpi.rows[0])
    _kpi_row(kpi, ["1. นวัตกรรมที่พัฒนา คือ {{ k[0].name|fill(25) }}"
                   + hint("k[0].name", "ซึ่งต้องเป็นรูปธรรม สามารถประเมินผลได้ และต้องมีการนำไปใช้ภายในปีงบประมาณปัจจุบัน")
                   + " (\u200bจำนวน 20 คะแนน)"],
             "{{ k[0].target|fill(12) }}", "ผลผลิต", ["{{ k[0].method|fill(25) }}"], "{{ k[0].period|fill(10) }}")
    _kpi_row(kpi, ["2. ร้อยละความพึงพอใจของผู้ใช้นวัตกรรม (\u200bจำนวน 10 คะแนน)"],
             "{{ k[1].target or 'ระดับมากขึ้นไป ไม่น้อยกว่า ร้อยละ 80' }}", "ผลลัพธ์",
             ["**วิธีการคำนวณ**",
              "ร้อยละความพึงพอใจ = (ค่าคะแนนเฉลี่ยความพึงพอใจระดับมากขึ้นไปของผู้ใช้นวัตกรรม × 100) "
              "÷ ค่าคะแนนระดับมากที่สุด (4)",
              "**เครื่องมือในการวัด**",
              "แบบสำรวจความพึงพอใจ โดยสำรวจจาก {{ survey_population|fill(20) }} จำนวน {{ survey_count|fill(6) }} ชุด"],
             "{{ k[1].period|fill(10) }}")
    _kpi_row(kpi, ["3. ประโยชน์ของนวัตกรรม"
                   + hint("k[2].name", "ให้เสนอตัวชี้วัดผลลัพธ์ ที่สอดคล้องกับปัญหา วัตถุประสงค์ของโครงการ "
                                       "และประโยชน์ที่ได้จากการนำนวัตกรรมไปใช้ จำนวน 2 ตัวชี้วัด "
                                       "พร้อมกำหนดค่าเป้าหมายให้ชัดเจน"),
                   "ตัวชี้วัดที่ 3.1 {{ k[2].name|fill(25) }} (\u200bจำนวน 15 คะแนน)"],
             "{{ k[2].target|fill(12) }}", "ผลลัพธ์", ["{{ k[2].method|fill(25) }}"], "{{ k[2].period|fill(10) }}")
    _kpi_row(kpi, ["ตัวชี้วัดที่ 3.2 {{ k[3].name|fill(25) }} (\u200bจำนวน 15 คะแนน)"],
             "{{ k[3].target|fill(12) }}", "ผลลัพธ์", ["{{ k[3].method|fill(25) }}"], "{{ k[3].period|fill(10) }}")
    heading(d, "10.2 การประเมินผลโครงการ")
    guide(d, "ระบุวิธีนำนวัตกรรมไปใช้ประโยชน์ การติดตามผลการนำนวัตกรรมไปใช้ การประเมินผลความพึงพอใจ ผลลัพธ์จากการใช้"
             "นวัตกรรม และรายงานผลการดำเนินงาน")
    value(d, "evaluation")
    blank_line(d)
    signature(d, "proposer_name", "ผู้เสนอโครงการ")
    blank_line(d)
    signature(d, "approver_name", "ผู้อนุมัติโครงการ")
    note(d, ["จัดทำโครงการไม่เกิน 6 หน้ากระดาษ A4"], "project_name")
    return d


# --------------------------------------------------------------------------- certificate
def build_certificate() -> DocxDocument:
    """หนังสือรับรองสัดส่วนการดำเนินการร่วมกับหน่วยงานภายนอกสังกัดกรุงเทพมหานคร…"""
    d = new_document()
    title(d, "certificate", ("สังกัดกรุงเทพมหานคร",))
    blank_line(d)
    para(d, "หน่วยงาน {{ agency|fill(90) }}")
    para(d, "ชื่อโครงการ {{ project_name|fill(88) }}")
    para(d, "นวัตกรรมที่พัฒนา {{ innovation|fill(24) }} ดำเนินการร่วมกับ {{ partner|fill(23) }}")
    para(d, "**1. รายละเอียด เนื้อหา ขอบเขตของงานที่หน่วยงานเป็นผู้ดำเนินการ คิดเป็นสัดส่วนร้อยละ** "
            "{{ agency_share_percent|fill(10) }}")
    guide(d, "(ให้ระบุรายละเอียดให้ชัดเจน)")
    value(d, "agency_scope", 325)
    para(d, "**2. รายละเอียด เนื้อหา ขอบเขตของงานที่หน่วยงานภายนอกสังกัดกรุงเทพมหานคร หรือองค์กรเอกชน "
            "หรือประชาชนทั่วไปเป็นผู้ดำเนินการ คิดเป็นสัดส่วนร้อยละ** {{ partner_share_percent|fill(10) }}")
    guide(d, "(ให้ระบุรายละเอียดให้ชัดเจน)")
    value(d, "partner_scope", 325)
    blank_line(d)
    signature(d, "agency_rep_name", "ผู้แทนจากหน่วยงานผู้เสนอโครงการ", indent_cm=0)
    blank_line(d)
    signature(d, "partner_rep_name", "ผู้แทนจากหน่วยงานภายนอกสังกัดกรุงเทพมหานคร",
              "หรือองค์กรเอกชน หรือประชาชนทั่วไป", indent_cm=0, sign_dots=15)
    note(d, ["หนังสือรับรองสัดส่วนการดำเนินการ ใช้สำหรับกรณีที่หน่วยงานเสนอโครงการที่ร่วมดำเนินการกับ"
             "หน่วยงานภายนอกสังกัดกรุงเทพมหานคร หรือองค์กรเอกชน หรือประชาชนทั่วไปตามหลักเกณฑ์ข้อ 2.3 เท่านั้น "
             "โดยให้จัดส่งให้สำนักงาน ก.ก. พร้อมกับร่างโครงการฯ เพื่อใช้ประกอบการนำเสนอคณะกรรมการพัฒนานวัตกรรม"
             "กรุงเทพมหานคร"], "project_name")
    return d


# --------------------------------------------------------------------------- survey
LEVELS = ("มากที่สุด (4)", "มาก (3)", "น้อย (2)", "น้อยที่สุด (1)")
SURVEY_WIDTHS = [1.2, 6.8, 2.0, 2.0, 2.0, 2.0]
TALLY_WIDTHS = [1.1, 5.5, 1.7, 1.7, 1.7, 1.7, 2.6]


def build_survey() -> DocxDocument:
    """แบบสำรวจความพึงพอใจของผู้ใช้นวัตกรรม: the respondent's questionnaire, then the tally of the answers."""
    d = new_document()
    title(d, "survey", number=False)
    blank_line(d)
    para(d, "หน่วยงาน {{ agency|fill(90) }}")
    para(d, "ชื่อโครงการ {{ project_name|fill(88) }}")
    para(d, "กลุ่มเป้าหมายที่ใช้ประเมิน {{ respondents_group|fill(65) }}")
    para(d, "ตัวชี้วัด ร้อยละความพึงพอใจของผู้ใช้นวัตกรรม ค่าเป้าหมาย ระดับมากขึ้นไป ไม่น้อยกว่าร้อยละ 80")
    para(d, "**คำชี้แจง** โปรดทำเครื่องหมาย ✓ ลงในช่องที่ตรงกับความคิดเห็นของท่านมากที่สุด เพียงช่องเดียว")
    ask = add_table(d, SURVEY_WIDTHS, rows=5)
    head, sub, loop_start, body, loop_end = ask.rows
    for col, text in ((0, "ข้อ"), (1, "ข้อคำถาม")):
        merged = head.cells[col].merge(sub.cells[col])
        cell_text(merged, text, "Form Cell Head")
        vertical_center(merged)
    cell_text(head.cells[2].merge(head.cells[5]), "ระดับความพึงพอใจ", "Form Cell Head")
    for cell, text in zip(sub.cells[2:], LEVELS, strict=True):
        cell_text(cell, text, "Form Table Head")
    repeat_as_header(head)
    repeat_as_header(sub)
    cell_text(loop_start.cells[0], "{%tr for q in questions|pad(5) %}")
    cell_text(body.cells[0], "{{ loop.index }}", "Form Cell", align="center")
    cell_text(body.cells[1], "{{ q.text|fill(45) }}", "Form Cell")
    for cell in body.cells[2:]:
        cell_text(cell, "{{r checkbox(false) }}", "Form Cell", align="center")
    cell_text(loop_end.cells[0], "{%tr endfor %}")
    para(d, "ข้อเสนอแนะเพิ่มเติม " + "." * 77)
    para(d, "." * 110)
    para(d, "สรุปผลการสำรวจความพึงพอใจของผู้ใช้นวัตกรรม", "Form Title", new_page=True)
    para(d, "จำนวนผู้ตอบแบบสอบถามในแต่ละระดับความพึงพอใจ (คน)", "Form Small", align="center")
    # The seed's example table: the counts, each question's score, the mean of "มากขึ้นไป" and the percent.
    tally = add_table(d, TALLY_WIDTHS, rows=6)
    head, loop_start, body, loop_end, mean_row, percent_row = tally.rows
    for cell, text in zip(head.cells, ("ข้อ", "ข้อคำถาม", *LEVELS, "ค่าคะแนนเฉลี่ยรายข้อ"), strict=True):
        cell_text(cell, text, "Form Table Head" if text != "ข้อคำถาม" else "Form Cell Head")
    repeat_as_header(head)
    cell_text(loop_start.cells[0], "{%tr for q in questions|pad(5) %}")
    cell_text(body.cells[0], "{{ loop.index }}", "Form Cell", align="center")
    cell_text(body.cells[1], "{{ q.text|fill(45) }}", "Form Cell")
    for i, cell in enumerate(body.cells[2:6]):
        cell_text(cell, "{{ " + f"q.counts[{i}] if q.counts else ''" + " }}", "Form Cell", align="center")
    cell_text(body.cells[6], "{{ q.score or '' }}", "Form Cell", align="center")
    cell_text(loop_end.cells[0], "{%tr endfor %}")
    for row, text, variable in ((mean_row, "ค่าคะแนนเฉลี่ยความพึงพอใจระดับมากขึ้นไป", "tally_mean"),
                                (percent_row, "ร้อยละความพึงพอใจของผู้ใช้นวัตกรรม", "tally_percent")):
        cell_text(row.cells[0].merge(row.cells[5]), f"**{text}**", "Form Cell", align="right")
        cell_text(row.cells[6], "**{{ " + f"{variable}|fill(6)" + " }}**", "Form Cell", align="center")
    para(d, "")
    para(d, "**วิธีการคำนวณ** ค่าคะแนนเฉลี่ยรายข้อ = ([จำนวนคน × ค่าคะแนนระดับมากที่สุด (4)] + [จำนวนคน × "
            "ค่าคะแนนระดับมาก (3)]) ÷ จำนวนคนตอบแบบสอบถามทั้งหมด", "Form Small")
    para(d, "ร้อยละความพึงพอใจของผู้ใช้นวัตกรรม = ค่าคะแนนเฉลี่ยความพึงพอใจระดับมากขึ้นไป × 100 ÷ "
            "ค่าคะแนนระดับมากที่สุด (4)", "Form Small")
    blank_line(d)
    para(d, f"ลงชื่อ {'.' * SIGN_DOTS} ผู้รายงาน", "Form Sign")
    para(d, f"( {'.' * 30} )", "Form Sign")
    return d


BUILDERS: dict[str, Callable[[], DocxDocument]] = {
    "form1": build_form1,
    "form2": build_form2,
    "form3": build_form3,
    "plan": build_plan,
    "form4": build_form4,
    "certificate": build_certificate,
    "survey": build_survey,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "templates_docx", help="folder for the .docx templates")
    parser.add_argument("kinds", nargs="*", help=f"kinds to build (default: all of {', '.join(BUILDERS)})")
    args = parser.parse_args(argv)
    unknown = [k for k in args.kinds if k not in BUILDERS]
    if unknown:
        parser.error(f"unknown kind(s) {', '.join(unknown)}; the kinds are {', '.join(BUILDERS)}")
    args.out.mkdir(parents=True, exist_ok=True)
    for kind in args.kinds or BUILDERS:
        path = args.out / f"{kind}.docx"
        document = BUILDERS[kind]()
        prune_unused_styles(document)
        keep_rows_whole(document)
        document.save(str(path))
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
