"""The pieces the forms share: official titles, headings and guidance, signatures, tick boxes, the plan's Gantt."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from templates_lib import (
    SHADE,
    TEXT_W_LANDSCAPE_CM,
    add_table,
    cell_text,
    lines,
    page_header,
    para,
    repeat_as_header,
    tag,
    vertical_center,
)

from pipeline.forms import form
from pipeline.thai import FISCAL_MONTHS, MONTH_ABBR

SIGN_DOTS = 35
INNOVATION_TYPES = ("policy", "service", "administrative")


def title(document: DocxDocument, kind: str, breaks: tuple[str, ...] = (), number: bool = True,
          style: str = "Form Title") -> None:
    """The form's number (แบบฟอร์ม N) and its official title from forms.yaml, broken where the seed breaks it."""
    spec = form(kind)
    if number and spec.form_number:
        page_header(document, f"แบบฟอร์ม {spec.form_number}")
    text = spec.title
    parts: list[str] = []
    for marker in breaks:
        head, sep, tail = text.partition(marker)
        if not sep:
            raise ValueError(f"{kind}: the title has no {marker!r} to break before")
        parts.append(head.strip())
        text = marker + tail
    parts.append(text.strip())
    lines(document, parts, style)


def heading(container, text: str, style: str = "Form Heading") -> None:
    para(container, text, style)


def guide(container, text: str, style: str = "Form Small") -> None:
    """The seed's guidance under a heading, in smaller type."""
    para(container, text, style)


def value(container, expression: str, dots: int = 212, style: str = "Form Value") -> None:
    """A long text value in its own paragraph: two dotted lines when blank."""
    para(container, "{{ " + f"{expression}|fill({dots})" + " }}", style)


def signature(container, name_var: str, role: str = "", name_suffix: str = "", after: tuple[str, ...] = (),
              dots: int = 30, indent_cm: float | None = None, sign_dots: int = SIGN_DOTS) -> None:
    """``ลงชื่อ ..... role`` then ``( {{ name|fill }} ) suffix``, centred: the name in brackets."""
    para(container, f"ลงชื่อ {'.' * sign_dots} {role}".rstrip(), "Form Sign", indent_cm=indent_cm)
    para(container, "( {{ " + f"{name_var}|fill({dots})" + " }} )" + (f" {name_suffix}" if name_suffix else ""),
         "Form Sign", indent_cm=indent_cm)
    for text in after:
        para(container, text, "Form Sign", indent_cm=indent_cm)


def hint(variable: str, text: str) -> str:
    """The seed's guidance after a blank, e.g. ``(ระบุรหัสและชื่อนโยบาย)``: printed only while the blank is empty."""
    return "{% if not " + variable + " %}" + f" ({text})" + "{% endif %}"


def note(container, texts: list[str], blank_while: str, style: str = "Form Small", indent_cm: float = 1.0) -> None:
    """The seed's หมายเหตุ: instructions to whoever fills the form, printed while ``blank_while`` is empty.

    A returned form drops them (as agencies do), which keeps Form 3 on one page and Form 4 within six.
    """
    tag(container, f"if not {blank_while}")
    for i, text in enumerate(texts):
        para(container, ("**หมายเหตุ** " if i == 0 else "") + text, style, indent_cm=indent_cm if i else None)
    tag(container, "endif")


def blank_line(container) -> None:
    para(container, "")


def innovation_type_boxes(document: DocxDocument, kind: str, indent_cm: float) -> None:
    """One ☐/☑ line per innovation type, labelled as in forms.yaml (the seed's wording)."""
    choices = form(kind).fields["innovation_type"].choices
    for key in INNOVATION_TYPES:
        para(document, "{{r checkbox(innovation_type == '" + key + "') }}" + f" {choices[key]}", indent_cm=indent_cm)


def gantt(container, plan: str, width_cm: float, month_cm: float, month_style: str, step_dots: int,
          step_style: str = "Form Table") -> None:
    """The operating-plan table: ขั้นตอนการดำเนินการ × the 12 months ต.ค.–ก.ย., a marked month shaded.

    ``plan`` is the expression holding the plan's fields: ``plan.`` inside Form 3/4, empty in the plan itself.
    """
    step_cm = round(width_cm - 12 * month_cm, 2)
    table = add_table(container, [step_cm] + [month_cm] * 12, rows=8, cell_margin_cm=0.04)
    head, months_row, loop_start, section_if, section, section_end, body, loop_end = table.rows
    step_head = head.cells[0].merge(months_row.cells[0])
    cell_text(step_head, "ขั้นตอนการดำเนินการ", "Form Table Head")
    vertical_center(step_head)
    year = head.cells[1].merge(head.cells[12])
    cell_text(year, "ปีงบประมาณ พ.ศ. {{ " + f"{plan}fiscal_year|fill(4)" + " }}", "Form Table Head")
    for cell, month in zip(months_row.cells[1:], FISCAL_MONTHS, strict=True):
        cell_text(cell, MONTH_ABBR[month], month_style, align="center")
    repeat_as_header(head)
    repeat_as_header(months_row)
    cell_text(loop_start.cells[0], "{%tr for s in " + f"{plan}steps|phase_rows" + " %}")
    # A phase's heading row, across the whole table, where the steps' phase changes: the seed's three phases
    # as rows. The reader takes a full-width phase row as the heading of the steps under it, not as a step.
    cell_text(section_if.cells[0], "{%tr if s.section %}")
    heading_cell = section.cells[0].merge(section.cells[12])
    cell_text(heading_cell, "{{ s.section }}", "Form Table Head", align="left")
    cell_text(section_end.cells[0], "{%tr endif %}")
    cell_text(body.cells[0], "{{ " + f"s.name|fill({step_dots})" + " }}", step_style)
    for cell, month in zip(body.cells[1:], FISCAL_MONTHS, strict=True):
        cell_text(cell, "{% cellbg '" + SHADE + f"' if {month} in (s.months or []) else 'FFFFFF'" + " %}")
    cell_text(loop_end.cells[0], "{%tr endfor %}")


# The plan is one landscape page: a little more room top and bottom than a letter.
PLAN_MARGINS_CM = (2.0, 1.5)


def plan_page(document: DocxDocument, plan: str) -> None:
    """แผนการดำเนินการ on a landscape page: its header line (หน่วยงาน … นโยบาย), the Gantt and the note."""
    title(document, "plan", number=False)
    s = "Form Cell"  # the header line is body text: 16 pt
    para(document, "หน่วยงาน {{ " + f"{plan}agency|fill(55)" + " }} ชื่อโครงการ {{ "
         + f"{plan}project_name|fill(95)" + " }}", s)
    para(document, "นวัตกรรมที่พัฒนา {{ " + f"{plan}innovation|fill(115)" + " }}"
         + hint(f"{plan}innovation", "ระบุชื่อนวัตกรรมที่พัฒนา"), s)
    para(document, "สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร {{ " + f"{plan}policy|fill(65)" + " }}"
         + hint(f"{plan}policy", "ระบุรหัสและชื่อนโยบาย"), s)
    para(document, "", "Form Compact")
    gantt(document, plan, TEXT_W_LANDSCAPE_CM, 1.15, "Form Table", 80)
    note(document, ["ระบุรายละเอียดของวิธีการ หรือกิจกรรมที่ดำเนินการในแต่ละขั้นตอน ตั้งแต่ได้รับอนุมัติโครงการ "
                    "จนเสร็จสิ้นโครงการ โดยต้องมีขั้นตอนครบถ้วน พร้อมช่วงเวลาดำเนินการในแต่ละขั้นตอน ได้แก่",
                    "1. การสร้างนวัตกรรม", "2. การนำนวัตกรรมไปใช้ประโยชน์", "3. การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์"],
         f"{plan}steps", "Form Compact")
