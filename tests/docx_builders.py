"""Building small real Word files for the extraction tests: tick boxes in each storage Word uses, content
controls, text boxes, dotted underlines, drawn arrows, shaded cells."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

MONTHS = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'


# --------------------------------------------------------------------------- building real Word files
def xml(paragraph, markup: str) -> None:
    """Append raw WordprocessingML (a run, a content control) to a paragraph."""
    paragraph._p.append(parse_xml(markup))


def sym(font: str, char: str):
    return lambda p: xml(p, f'<w:r {nsdecls("w")}><w:sym w:font="{font}" w:char="{char}"/></w:r>')


def symbol_char(char: str, font: str = "Wingdings"):
    return lambda p: xml(p, f'<w:r {nsdecls("w")}><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>'
                             f'<w:t>{char}</w:t></w:r>')


def content_control_box(checked: bool, shown: str = "☐"):
    return lambda p: xml(p, f'<w:sdt {nsdecls("w")} {W14}><w:sdtPr><w14:checkbox><w14:checked w14:val='
                             f'"{int(checked)}"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>{shown}</w:t>'
                             f'</w:r></w:sdtContent></w:sdt>')


def legacy_box(inner: str):
    def add(p):
        xml(p, f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:sizeAuto/>'
                f'{inner}</w:checkBox></w:ffData></w:fldChar></w:r>')
        xml(p, f'<w:r {nsdecls("w")}><w:instrText> FORMCHECKBOX </w:instrText></w:r>')
        xml(p, f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>')
    return add


def content_control_text(text: str):
    return lambda p: xml(p, f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent><w:r><w:t xml:space="preserve">'
                             f'{text}</w:t></w:r></w:sdtContent></w:sdt>')


def dotted_underline(text: str):
    return lambda p: xml(p, f'<w:r {nsdecls("w")}><w:rPr><w:u w:val="dotted"/></w:rPr><w:t xml:space="preserve">'
                             f'{text}</w:t></w:r>')


def _floating(inner: str, offset: int, cx: int, cy: int) -> str:
    """A floating shape anchored in a paragraph (a text box, an arrow) as Word writes it."""
    return (f'<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
            f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH '
            f'relativeFrom="column"><wp:posOffset>{offset}</wp:posOffset></wp:positionH><wp:positionV relativeFrom='
            f'"paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="{cx}" cy="{cy}"/><wp:wrapNone/>'
            f'<wp:docPr id="5" name="Shape 5"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/'
            f'word/2010/wordprocessingShape"><wps:wsp>{inner}<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>'
            f'</wp:anchor></w:drawing>')


def text_box(text: str):
    box = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    return lambda p: xml(p, f'<w:r {nsdecls("w", "wp", "a")} {MC} {WPS}><mc:AlternateContent><mc:Choice '
                             f'Requires="wps">{_floating(f"<wps:txbx>{box}</wps:txbx>", 900000, 3000000, 300000)}'
                             f'</mc:Choice><mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def arrow_line(width_emu: int):
    line = ('<wps:spPr><a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom><a:ln w="19050"><a:solidFill>'
            '<a:srgbClr val="000000"/></a:solidFill><a:tailEnd type="triangle"/></a:ln></wps:spPr>')
    return lambda p: xml(p, f'<w:r {nsdecls("w", "wp", "a")} {WPS}>{_floating(line, 30000, width_emu, 0)}</w:r>')


def shade(cell, fill: str = "FFC000") -> None:
    cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def make_docx(path: Path, lines: list, tables: dict | None = None) -> Path:
    """A Word file: each line a paragraph of text pieces and builders; ``tables`` puts a table builder after a
    line number (or ``-1`` for the end)."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(16)
    tables = tables or {}
    for n, line in enumerate(lines):
        p = document.add_paragraph()
        for piece in (line if isinstance(line, list) else [line]):
            piece(p) if callable(piece) else p.add_run(piece)
        if n in tables:
            tables[n](document)
    if -1 in tables:
        tables[-1](document)
    document.save(path)
    return path


# --------------------------------------------------------------------------- the Gantt table
def gantt(rows: list[tuple[str, list[int], str]], split_after: int | None = None):
    """rows: (step name, fiscal-month indexes 0–11, how marked: "shade", a text mark, or "arrow")."""
    def add(document):
        parts = [rows[:split_after], rows[split_after:]] if split_after else [rows]
        for part in parts:
            table = document.add_table(rows=2, cols=13)
            table.style = "Table Grid"
            table.cell(0, 0).text = "ขั้นตอนการดำเนินการ"
            table.cell(0, 1).merge(table.cell(0, 12)).text = "ปีงบประมาณ พ.ศ. 2568"
            for k, month in enumerate(MONTHS):
                table.cell(1, k + 1).text = month
            for name, months, mark in part:
                cells = table.add_row().cells
                cells[0].text = name
                if mark == "arrow" and months:  # a line drawn across the months, as wide as they are
                    column = int(table._tbl.tblGrid.findall(qn("w:gridCol"))[1].get(qn("w:w"))) * 635
                    arrow_line(len(months) * column - 60000)(cells[months[0] + 1].paragraphs[0])
                    continue
                for k in months:
                    shade(cells[k + 1]) if mark == "shade" else setattr(cells[k + 1], "text", mark)
            if split_after:
                document.add_paragraph("")
    return add


FORM2_TYPES = ["นวัตกรรมเชิงนโยบาย (Policy Innovation)", "นวัตกรรมบริการ (Service Innovation)",
               "นวัตกรรมการบริหาร/องค์กร (Administrative or Organizational Innovation)"]


def form2_lines(boxes: list, origin: list, *, date: str = "15 ม.ค. 68", policy_hint: str = "") -> list:
    """The paragraphs of a filled Form 2, with the given piece in front of each innovation-type and origin option."""
    return [
        "แบบสรุปผลการคัดเลือกแนวคิดในการพัฒนานวัตกรรม", "เพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของหน่วยงาน",
        "หน่วยงาน สำนักงานเขตบางรัก", "1. ชื่อแนวคิด จองคิวออนไลน์", "ชื่อโครงการ โครงการจองคิว",
        "สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร บริหารจัดการดี 3" + policy_hint,
        ["รูปแบบของนวัตกรรม ", boxes[0], " " + FORM2_TYPES[0]], [boxes[1], " " + FORM2_TYPES[1]],
        [boxes[2], " " + FORM2_TYPES[2]],
        "2. นวัตกรรมที่จะพัฒนา คือ ระบบจองคิว BR-Q",
        ["ลักษณะของนวัตกรรม ", origin[0], " เป็นนวัตกรรมที่พัฒนาขึ้นใหม่"],
        [origin[1], " เป็นนวัตกรรมที่พัฒนา/ต่อยอดจากหน่วยงาน.....(ระบุชื่อหน่วยงาน)....."],
        "ในปัจจุบันประมาณ..........", "โดยสิ่งที่พัฒนา/ต่อยอด คือ..........",
        "3. หลักเกณฑ์/เหตุผลในการคัดเลือกแนวคิด", "ได้คะแนนสูงสุด", "4. วิธีการ/กระบวนการในการพิจารณาคัดเลือกแนวคิด",
        "ประชุมคณะทำงาน", "ลงชื่อ ....................", "( นายสมชาย ใจดี )",
        "หัวหน้าหน่วยงาน/ส่วนราชการในสังกัดสำนักปลัดกรุงเทพมหานคร", f"ลงวันที่ {date}"]
