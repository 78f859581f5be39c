"""Form 3 as OCR reads a phone photo of it: misread labels still bound and open values; a misread month row."""

from __future__ import annotations

import pytest

from pipeline.document import Cell, Document, Paragraph, Table
from pipeline.extractors.record import records_of

HEAD = ["แบบฟอร์ม 3", "แบบนำเสนอโครงการพัฒนานวัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของหน่วยงาน",
        "หน่วยงาน สำนักงานประชาสัมพันธ์", "ชื่อโครงการ โครงการพัฒนาคลังภาพข่าว",
        "นวัตกรรมที่พัฒนา คลังภาพข่าวแบบสืบค้นด้วยคำสำคัญ",
        "สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร บริหารจัดการดี 12 รัฐดิจิทัล"]
# Cell texts as Tesseract read a photographed page of the tuning half (labels misread, wrapped, specks).
ISSUES = ("- สภาพปัญหา/ความท้าทาย/ความต้องการที่หน่วยงาน\nเควหได้ะ-\n"
          "ขยะชิ้นใหญ่ถูกทิ้งริมทางเดือนละ 85 จุด\n"
          "-ูผลกระทบต่อการดำเนินงาน/การให้บริการ\nทางเท้าถูกกีดขวาง\n"
          "-.แนวทางการแก้ไขปัญหา/การดำเนินการที่แตกต่างจากที่\nดํเป็นการอยู่ในปัจจุบัน ¥\n"
          "ติดตั้งเซนเซอร์ที่เครื่องสูบน้ำ")
TOOLS = ("1. นวัตกรรมที่พัฒนา คือ คลังภาพข่าวแบบสืบค้นด้วยคำสำคัญ\n"
         "Kap!2.เครื่องมือที่ใช้พัฒนานวัตกรรม คือ Google Workspace\n"
         "3.ดำในนการรวมกับ กองยุทธศาสตร์เทคโนโลยีสารสนเทศ\nโดยดำเนินการ ดูแลระบบคลาวด์")


def _document(objectives_heading: str) -> Document:
    rows = [["ประเด็น", "รายละเอียด"], ["ประเด็น/ปัญหา/ความท้าทาย/ความต้องการ", ISSUES],
            ["วัตถุประสงค์", "เพื่อลดเวลาสืบค้นภาพข่าว"], [objectives_heading, "1. การสร้างนวัตกรรม (ธ.ค. 67) สร้างคลัง"],
            ["นวัตกรรมที่\nเครองมอท เช", TOOLS]]
    table = Table([[Cell(text) for text in row] for row in rows], page=1)
    lines = [Paragraph(text, where=f"page 1, line {n}", page=1) for n, text in enumerate(HEAD, 1)]
    return Document([*lines, table], source="photo.jpg", format="scan", pages=1)


@pytest.fixture(scope="module")
def fields() -> dict:
    records = records_of(_document("แผนการด้ำในน\nการ"), "photo.jpg")
    assert [r.kind for r in records] == ["form3"]
    return records[0].model_dump(mode="json")["fields"]


def test_a_misread_row_heading_still_ends_the_value_above(fields):
    assert fields["objectives"] == "เพื่อลดเวลาสืบค้นภาพข่าว"


def test_the_misread_rest_of_a_wrapped_label_is_not_taken_for_its_value(fields):
    assert fields["problem"] == "ขยะชิ้นใหญ่ถูกทิ้งริมทางเดือนละ 85 จุด"
    assert fields["new_approach"] == "ติดตั้งเซนเซอร์ที่เครื่องสูบน้ำ"


def test_a_label_behind_a_bullet_ocr_misread_is_found(fields):
    assert fields["impact"] == "ทางเท้าถูกกีดขวาง"


def test_numbered_labels_misread_or_behind_specks_are_found(fields):
    assert fields["tools"] == "Google Workspace"
    assert fields["partner"] == "กองยุทธศาสตร์เทคโนโลยีสารสนเทศ"
    assert fields["partner_work"] == "ดูแลระบบคลาวด์"


def test_a_month_row_with_three_months_read_names_the_other_nine():
    from pipeline.readers.ocr.layout import _repair_month_row

    read = ["ขั้นตอนการดำเนินการ", "A.A.", "W.8.|", "ธ.ค.", "UA", "A.W.|", "iA.|", "เม.ย.", "W.A.|", "Ue.",
            "A.A.|", "aA.", "ก.ย."]  # as Tesseract read a photographed Gantt's month row
    row = [Cell(text) for text in read]
    _repair_month_row(row)
    assert [c.text for c in row] == ["ขั้นตอนการดำเนินการ", "ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.",
                                     "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]


def test_words_of_agency_names_get_back_the_marks_ocr_lost_and_other_words_stay():
    from pipeline.extractors.record import _names_spelled

    read = {"division": "กองควบคุม ระบบระบายนำ", "plan": {"steps": [{"name": "เสนอผู้อำนวยการสำนักการ ระบายนำ"}]},
            "problem": "ชาวบ้านนำน้ำมาใช้", "agency": "สำนักงานเขตบางกะปี"}
    assert _names_spelled(read) == {"division": "กองควบคุม ระบบระบายน้ำ",
                                    "plan": {"steps": [{"name": "เสนอผู้อำนวยการสำนักการ ระบายน้ำ"}]},
                                    "problem": "ชาวบ้านนำน้ำมาใช้", "agency": "สำนักงานเขตบางกะปี"}


def test_a_form_number_header_behind_an_ocr_speck_ends_the_value_above():
    rows = [["ประเด็น", "รายละเอียด"], ["วัตถุประสงค์", "เพื่อลดเวลาสืบค้นภาพข่าว"],
            ["กลุ่มเป้าหมาย", "1. กลุ่มเป้าหมายที่ใช้นวัตกรรม ได้แก่ ช่างภาพและนักข่าว"]]
    table = Table([[Cell(text) for text in row] for row in rows], page=1)
    lines = [Paragraph(text, where=f"page 1, line {n}", page=1) for n, text in enumerate(HEAD, 1)]
    after = [Paragraph(". แบบฟอร์ม3", where="page 2, line 1", page=2)]
    records = records_of(Document([*lines, table, *after], source="scan.pdf", format="scan", pages=2), "scan.pdf")
    assert records[0].fields["target_users"] == "ช่างภาพและนักข่าว"


def test_a_comma_and_a_speck_after_a_cells_last_value_are_no_part_of_it():
    """ph24ph's tune1394, photographed: the tools cell as read, whose last line ends ``…บน LINE,»`` (the cell's border
    and a speck read as punctuation). No typed value ends with a comma."""
    cell = ("1. นวัตกรรมที่พัฒนา Ad ระบบนัดเก็บขยะชินใหญ่ออนไลน์\n2. เครื่องมือที่ใช้พัฒนานวัตกรรม คือ loT, 4G และ(6แลโลทูล\n"
            "3. ดำเนินการร่วมกับ กลุ่มงานผูลิตส่อ และกองยุทธศาสตร์\nเทคโนโลยีสารสนเทศและการสื่อสาร สำนักยุทธศาสตร์และ\n"
            "ประไม่ ผล. .\nโดยดำเนินการ พัฒนาและดูแลระบบนัดหมายบน LINE,»\n"
            "4. สัดส่วนการดำเนินการ (เฉพาะกรณ์ทเป็นนวัตกรรมทเกิดขึ้น\nจากการดำเนินงานร่วมกับหน่วยงานภายนอกสังกัด\n"
            "กรุงเทพมหานคร) ร้อยละ")
    rows = [["ประเด็น", "รายละเอียด"], ["วัตถุประสงค์", "เพื่อลดเวลาสืบค้นภาพข่าว"], ["นวัตกรรมท\nเครื่องมอท ไช", cell]]
    table = Table([[Cell(text) for text in row] for row in rows], page=1)
    lines = [Paragraph(text, where=f"page 1, line {n}", page=1) for n, text in enumerate(HEAD, 1)]
    [record] = records_of(Document([*lines, table], source="photo.zip", format="scan", pages=1), "photo.zip")
    assert record.fields["partner_work"] == "พัฒนาและดูแลระบบนัดหมายบน LINE"
    assert record.fields["tools"].startswith("IoT, 4G และ")  # a list's commas stay


def test_a_form_number_header_behind_an_underscore_speck_ends_the_value_above():
    """ph24ph2's tune1422, photographed: page 2's head was read ``_. แบบฟอร์ม3`` (the lines and the cell as read), and
    the target groups' last value ran on into it (``…ผู้ติดตามข่าวสาร แบบฟอร์ม3``)."""
    rows = [["ประเด็น", "รายละเอียด"], ["วัตถุประสงค์", "เพื่อให้ทราบสถานะเครื่องสูบน้ำทันที"],
            ["กลุ่มเป้าหมาย", "©.กลุ่มเป้าหมายที่ใช้นวัตกรรม ได้แก่ เจ้าหน้าที่ศูนย์ควบคุม\nระบุบ้อ:กันน้ำท่วม และช่างซ่อมบำรุง\n"
                              "กลุ่มเป้าหมายที่จะได้รับผลกระทบจากการนำนวัตกรรมไป\nใช้ได้แก่ สื่อมวลชนและประชาชนผู้ติดตามข่าวสาร"]]
    table = Table([[Cell(text) for text in row] for row in rows], page=1)
    lines = [Paragraph(text, where=f"page 1, line {n}", page=1) for n, text in enumerate(HEAD, 1)]
    after = [Paragraph("_. แบบฟอร์ม3", where="page 2, line 1", page=2),
             Paragraph("แผนการดำเนินการ", where="page 2, line 2", page=2)]
    records = records_of(Document([*lines, table, *after], source="scan.pdf", format="scan", pages=2), "scan.pdf")
    assert records[0].fields["affected_groups"] == "สื่อมวลชนและประชาชนผู้ติดตามข่าวสาร"



MONTHS = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]


def _gantt(page: int) -> Table:
    head = [Cell("ขั้นตอนการดำเนินการ")] + [Cell("ปีงบประมาณ พ.ศ. 2568") for _ in MONTHS]
    months = [Cell("ขั้นตอนการดำเนินการ")] + [Cell(m) for m in MONTHS]
    phase = [Cell("1. การสร้างนวัตกรรม") for _ in range(13)]
    step = [Cell("ประชุมคณะทำงาน")] + [Cell("", shaded=k in (2, 3)) for k in range(12)]
    return Table([head, months, phase, step], page=page)


def test_a_plan_whose_title_ocr_misread_is_still_attached_after_the_whole_form3():
    # A scan whose page 1 has no form-number header, its title's last word (หน่วยงาน) on a line of its own above
    # the label หน่วยงาน:, and whose plan's title on page 2 was misread (แผนการดาในหนการ). Before, the pages were
    # "put back in order" (2, 1) and every field below Form 3's row แผนการดำเนินการ was lost.
    head = ["แบบนาเสนอ ครั้งการพัฒนาน วัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของ", "หน่วยงาน", "หน่วยงาน:",
            "สำนักงานประชาสัมพันธ์", "ชื่อโครงการ:", "โครงการพัฒนาคลังภาพข่าว", "นวัตกรรมที่พัฒนา:",
            "คลังภาพข่าวแบบสืบค้นด้วยคำสำคัญ"]
    rows = [["ประเด็น", "รายละเอียด"], ["ประเด็น/ปัญหา/ความท้าทาย/ความต้องการ", ISSUES],
            ["วัตถุประสงค์", "เพื่อลดเวลาสืบค้นภาพข่าว"],
            ["แผนการดำเนินการ", "1. การสร้างนวัตกรรม (ธ.ค. 67) สร้างคลัง"], ["นวัตกรรมที่พัฒนา และเครื่องมือที่ใช้", TOOLS],
            ["กลุ่มเป้าหมาย", "1. กลุ่มเป้าหมายที่ใช้นวัตกรรม ได้แก่ ช่างภาพและนักข่าว"]]
    table = Table([[Cell(text) for text in row] for row in rows], page=1)
    plan = ["แผนการดาในหนการ", "หน่วยงาน : .", "สำนักงานประชาสัมพันธ์", "ชื่อโครงการ:", "โครงการพัฒนาคลังภาพข่าว"]
    blocks = [*(Paragraph(t, where=f"page 1, line {n}", page=1) for n, t in enumerate(head, 1)), table,
              *(Paragraph(t, where=f"page 2, line {n}", page=2) for n, t in enumerate(plan, 1)), _gantt(2)]
    [record] = records_of(Document(blocks, source="scan.pdf", format="scan", pages=2), "scan.pdf")
    fields = record.model_dump(mode="json")["fields"]
    assert not any("out of order" in w for w in record.warnings)
    assert fields["agency"] == "สำนักงานประชาสัมพันธ์"  # not "หน่วยงาน: สำนักงาน…"
    assert fields["plan_creation"] == "(ธ.ค. 67) สร้างคลัง"
    assert fields["target_users"] == "ช่างภาพและนักข่าว"
    assert fields["plan"]["project_name"] == "โครงการพัฒนาคลังภาพข่าว"
    assert fields["plan"]["steps"][-1] == {"name": "ประชุมคณะทำงาน", "phase": "creation", "months": [1, 12]}


def _with_plan(plan: str):
    """The record of a scanned Form 3 whose plan cell OCR read as ``plan``."""
    rows = [["ประเด็น", "รายละเอียด"], ["ประเด็น/ปัญหา/ความท้าทาย/ความต้องการ", ISSUES],
            ["วัตถุประสงค์", "เพื่อลดเวลาสืบค้นภาพข่าว"], ["แผนการดำเนินการ", plan],
            ["นวัตกรรมที่พัฒนา และเครื่องมือที่ใช้", TOOLS]]
    table = Table([[Cell(text) for text in row] for row in rows], page=1)
    lines = [Paragraph(text, where=f"page 1, line {n}", page=1) for n, text in enumerate(HEAD, 1)]
    [record] = records_of(Document([*lines, table], source="scan.pdf", format="scan", pages=1), "scan.pdf")
    return record


@pytest.mark.parametrize("second", ["๒.", "lo,", "lo)", "2,", ". 2,"])
def test_plan_items_whose_thai_numbers_ocr_read_as_a_symbol_or_letters_are_found(second):
    # ๑. read as ©. and ๓. as ตา., ๒. as lo, or 2, behind a speck (scans of the tuning half): before, the next
    # value was lost, the text before it run on into it.
    plan = (f"©. การสร้างนวัตกรรม (ธ.ค. 67 - ก.พ. 68) สร้างคลังภาพ\n{second} การนำนวัตกรรมไปใช้ประโยชน์ (มี.ค. - ก.ค. 68) อบรม"
            "\nตา. การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์ (มิ.ย. - ก.ย. 68) สรุปผล")
    record = _with_plan(plan)
    assert record.fields["plan_creation"] == "(ธ.ค. 67 - ก.พ. 68) สร้างคลังภาพ"
    assert record.fields["plan_deployment"] == "(มี.ค. - ก.ค. 68) อบรม"
    assert record.fields["plan_follow_up"] == "(มิ.ย. - ก.ย. 68) สรุปผล"


def test_a_plan_whose_title_ocr_misread_behind_specks_is_still_a_plan():
    # ``๐) เ`` and ``แผนการดาเห็นการ`` for แผนการดำเนินการ (a scan of the tuning half): before, the file was refused
    # as "not one of the forms", with its Gantt and every field.
    lines = ["๐) เ", "แผนการดาเห็นการ", "หน่วยงาน: สำนักการระบายน้ำ", "ชื่อโครงการ: โครงการพัฒนาระบบติดตามสถานะ"]
    blocks = [*(Paragraph(t, where=f"page 1, line {n}", page=1) for n, t in enumerate(lines, 1)), _gantt(1)]
    [record] = records_of(Document(blocks, source="scan.pdf", format="scan", pages=1), "scan.pdf")
    assert record.kind == "plan"
    assert record.fields["steps"][-1]["months"] == [1, 12]


def test_the_word_before_the_tools_ocr_misread_with_its_colon_is_not_the_tools():
    # ``คือ`` after เครื่องมือที่ใช้พัฒนานวัตกรรม read as ``Ala:``, or as ``คิด`` glued to the tools (scans of the
    # tuning half), or as ``Aa`` before a Latin tool; AI, IoT and a Thai tool stay.
    for typed, expected in (("Ala: LINE OA, Maps API", "LINE OA, Maps API"), ("AI Chatbot", "AI Chatbot"),
                            ("คิดGoogle Workspace", "Google Workspace"), ("คอมพิวเตอร์และ LINE", "คอมพิวเตอร์และ LINE"),
                            ("IoT, 4G และ Grafana", "IoT, 4G และ Grafana"),
                            ("Aa Google Workspace", "Google Workspace")):  # seed 3317 (sc17's): no colon, Latin after
        tools = f"1. นวัตกรรมที่พัฒนา คือ คลังภาพข่าว\n2.เครื่องมือที่ใช้พัฒนานวัตกรรม {typed}\n3.ดำเนินการร่วมกับ กองยุทธศาสตร์"
        rows = [["ประเด็น", "รายละเอียด"], ["ประเด็น/ปัญหา/ความท้าทาย/ความต้องการ", ISSUES],
                ["วัตถุประสงค์", "เพื่อลดเวลาสืบค้นภาพข่าว"], ["นวัตกรรมที่พัฒนา และเครื่องมือที่ใช้", tools]]
        table = Table([[Cell(text) for text in row] for row in rows], page=1)
        lines = [Paragraph(text, where=f"page 1, line {n}", page=1) for n, text in enumerate(HEAD, 1)]
        [record] = records_of(Document([*lines, table], source="scan.pdf", format="scan", pages=1), "scan.pdf")
        assert record.fields["tools"] == expected


def test_the_word_ได้แก่_ocr_misread_with_its_colon_is_not_the_target_users():
    # ``ได้แก่:`` read as ``aun:`` (a scanned Form 3 of the tuning half): before, it opened the value.
    rows = [["ประเด็น", "รายละเอียด"], ["ประเด็น/ปัญหา/ความท้าทาย/ความต้องการ", ISSUES],
            ["วัตถุประสงค์", "เพื่อลดเวลาสืบค้นภาพข่าว"], ["นวัตกรรมที่พัฒนา และเครื่องมือที่ใช้", TOOLS],
            ["กลุ่มเป้าหมาย", "1. กลุ่มเป้าหมายที่ใช้นวัตกรรม aun: ประชาชนในพื้นที่เขต\n"
                              "2. กลุ่มเป้าหมายที่จะได้รับผลกระทบจากการนำนวัตกรรมไปใช้ ได้แก่ ผู้ใช้ทางเท้า"]]
    table = Table([[Cell(text) for text in row] for row in rows], page=1)
    lines = [Paragraph(text, where=f"page 1, line {n}", page=1) for n, text in enumerate(HEAD, 1)]
    [record] = records_of(Document([*lines, table], source="scan.pdf", format="scan", pages=1), "scan.pdf")
    assert record.fields["target_users"] == "ประชาชนในพื้นที่เขต"
    assert record.fields["affected_groups"] == "ผู้ใช้ทางเท้า"


def test_a_label_ocr_misread_alone_on_its_line_before_its_colon_is_found():
    # ``ซื้อโครงวร:`` for ชื่อโครงการ: over a plan, ``นวัตกรรมที่พัฒน:`` on a certificate (scans of the tuning
    # half): before, the project's name ran into the agency and the innovation was lost.
    lines = ["แผนการดำเนินการ", "หน่วยงาน", "สำนักงานประชาสัมพันธ์", "ซื้อโครงวร:", "โครงการพัฒนาคลังภาพข่าว",
             "นวัตกรรมที่พัฒนา:", "คลังภาพข่าวแบบสืบค้น"]
    blocks = [*(Paragraph(t, where=f"page 1, line {n}", page=1) for n, t in enumerate(lines, 1)), _gantt(1)]
    [record] = records_of(Document(blocks, source="scan.pdf", format="scan", pages=1), "scan.pdf")
    assert (record.fields["agency"], record.fields["project_name"]) == ("สำนักงานประชาสัมพันธ์", "โครงการพัฒนาคลังภาพข่าว")
    lines = ["หนังสือรับรองสัดส่วนการดำเนินการร่วมกับหน่วยงานภายนอก", "หน่วยงาน", "สำนักงานเขตบางกะปิ", "ชื่อโครงการ:",
             "โครงการพัฒนาระบบนัดหมาย", "นวัตกรรมที่พัฒน:", "ระบบนัดเก็บขยะชิ้นใหญ่ออนไลน์", "ดำเนินการร่วมกับ:",
             "บริษัท ซิตี้ลิงก์ จำกัด"]
    blocks = [Paragraph(t, where=f"page 1, line {n}", page=1) for n, t in enumerate(lines, 1)]
    [record] = records_of(Document(blocks, source="scan.pdf", format="scan", pages=1), "scan.pdf")
    assert record.fields["innovation"] == "ระบบนัดเก็บขยะชิ้นใหญ่ออนไลน์"
    assert record.fields["project_name"] == "โครงการพัฒนาระบบนัดหมาย"


@pytest.mark.parametrize(("written", "amount"), [("150.000", 150000), ("1.250.000", 1250000), ("150,000", 150000),
                                                 ("12,500.50", 12500.5), ("๑๕๐.๐๐๐", 150000)])
def test_an_amount_of_baht_whose_comma_ocr_read_as_a_dot_keeps_its_thousands(written, amount):
    # ``150.000 บาท`` (scanned Form 3s of the tuning half): before, 150 baht. Baht never take three decimals.
    budget = ("☑ 1. กรณีใช้งบประมาณ ให้ระบุที่มา และจำนวนเงินงบประมาณที่ใช้\nขอจัดสรรจาก/ขอรับการสนับสนุนจาก: "
              f"งบประมาณรายจ่ายประจำปี พ.ศ. 2568\nจำนวนเงิน: {written} บาท\n☐ 2. กรณีไม่ใช้งบประมาณให้ระบุเหตุผล")
    rows = [["ประเด็น", "รายละเอียด"], ["ประเด็น/ปัญหา/ความท้าทาย/ความต้องการ", ISSUES],
            ["วัตถุประสงค์", "เพื่อลดเวลาสืบค้นภาพข่าว"], ["นวัตกรรมที่พัฒนา และเครื่องมือที่ใช้", TOOLS],
            ["งบประมาณ", budget]]
    table = Table([[Cell(text) for text in row] for row in rows], page=1)
    lines = [Paragraph(text, where=f"page 1, line {n}", page=1) for n, text in enumerate(HEAD, 1)]
    [record] = records_of(Document([*lines, table], source="scan.pdf", format="scan", pages=1), "scan.pdf")
    assert record.fields["budget_amount_baht"] == amount


def test_a_phase_labels_misread_last_word_before_its_value_is_no_part_of_the_value():
    # ``การนำนวัตกรรมไปใช้ประโยชุนี่ (มี.ค. …`` (a grey scan of the tuning half): the label found by its shorter
    # form, its last word misread; before, that word opened the value.
    plan = ("๑. การสร้างนวัตกรรม (ธ.ค. 67 - ก.พ. 68) สร้างคลังภาพ\n๒. การนำนวัตกรรมไปใช้ประโยชุนี่ (มี.ค. - ก.ค. 68) อบรม"
            "\n๓. การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์ (มิ.ย. - ก.ย. 68) สรุปผล")
    record = _with_plan(plan)
    assert record.fields["plan_deployment"] == "(มี.ค. - ก.ค. 68) อบรม"


def test_the_rest_of_a_label_after_its_abbreviation_mark_misread_is_no_part_of_the_value():
    # ``สอดคล้องกับนโยบายผู้ว่าฯาชการกรุมทพมหานุครู …`` (a black-and-white scan of the tuning half): OCR read
    # the ร of ราชการ as ฯ, so the abbreviated label matched and the misread rest of the label opened the value.
    lines = [*HEAD[:5], "สอดคล้องกับนโยบายผู้ว่าฯาชการกรุมทพมหานุครู สิ่งแวดล้อมดี ๙ บริการจัดเก็บ",
             "ขยะชิ้นใหญ่ตามนัดหมาย"]
    blocks = [Paragraph(t, where=f"page 1, line {n}", page=1) for n, t in enumerate(lines, 1)]
    [record] = records_of(Document(blocks, source="scan.pdf", format="scan", pages=1), "scan.pdf")
    assert record.fields["policy"] == "สิ่งแวดล้อมดี ๙ บริการจัดเก็บ ขยะชิ้นใหญ่ตามนัดหมาย"


def test_a_value_after_the_abbreviated_label_is_kept_whole():
    lines = [*HEAD[:5], "สอดคล้องกับนโยบายผู้ว่าฯ สิ่งแวดล้อมดี ๙ บริการจัดเก็บขยะชิ้นใหญ่ตามนัดหมาย"]
    blocks = [Paragraph(t, where=f"page 1, line {n}", page=1) for n, t in enumerate(lines, 1)]
    [record] = records_of(Document(blocks, source="scan.pdf", format="scan", pages=1), "scan.pdf")
    assert record.fields["policy"] == "สิ่งแวดล้อมดี ๙ บริการจัดเก็บขยะชิ้นใหญ่ตามนัดหมาย"


def test_a_value_is_respelt_whole_after_extraction():
    # ``…แก้ไขจุดเสี่ยงนาท่วมขัง`` (photos of the tuning half): the value's words respelt once more as a whole after
    # extraction put น้ำ back, which the reading of each line had left (a line's pieces read before they met).
    lines = [*HEAD[:5], "สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร ปลอดภัยดี ๑๐ แก้ไขจุดเสี่ยงนาท่วมขัง"]
    blocks = [Paragraph(t, where=f"page 1, line {n}", page=1) for n, t in enumerate(lines, 1)]
    [record] = records_of(Document(blocks, source="scan.pdf", format="scan", pages=1), "scan.pdf")
    assert record.fields["policy"] == "ปลอดภัยดี ๑๐ แก้ไขจุดเสี่ยงน้ำท่วมขัง"


def test_a_phase_heading_whose_number_ocr_misread_as_two_letters_still_opens_its_phase():
    # ``ดตา. การติดตามผล…`` for ๓. (a black-and-white scan of the tuning half): before, the follow-up phase ran
    # into the deployment phase and was lost.
    plan = ("๑. การสร้างนวัตกรรม (ธ.ค. 67 - ก.พ. 68) สร้างคลังภาพ\n๒. การนำนวัตกรรมไปใช้ประโยชน์ (มี.ค. - ก.ค. 68) อบรม"
            "\nดตา. การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์ (มิ.ย. - ก.ย. 68) สรุปผล")
    record = _with_plan(plan)
    assert record.fields["plan_deployment"] == "(มี.ค. - ก.ค. 68) อบรม"
    assert record.fields["plan_follow_up"] == "(มิ.ย. - ก.ย. 68) สรุปผล"


def _with_row(head: str, cell: str):
    """The one record of a scanned Form 3 whose table has the issues, the objectives and this row."""
    rows = [["ประเด็น", "รายละเอียด"], ["ประเด็น/ปัญหา/ความท้าทาย/ความต้องการ", ISSUES],
            ["วัตถุประสงค์", "เพื่อลดเวลาสืบค้นภาพข่าว"], [head, cell]]
    table = Table([[Cell(text) for text in row] for row in rows], page=1)
    lines = [Paragraph(text, where=f"page 1, line {n}", page=1) for n, text in enumerate(HEAD, 1)]
    [record] = records_of(Document([*lines, table], source="scan.pdf", format="scan", pages=1), "scan.pdf")
    return record


def test_a_budget_case_whose_tick_ocr_read_as_a_letter_is_read_from_the_filled_blank():
    # ``ๆ ๒. กรณีไม่ใช้งบประมาณ…`` (a scan of the tuning half): the ticked box read as ๆ, the other box empty, so
    # no box read ticked and uses_budget was lost; the reason filled in tells the case.
    budget = ("☐ ๑. กรณีใช้งบประมาณ ให้ระบุที่มา และจำนวนเงินงบประมาณที่ใช้\nขอจัดสรรจาก/ขอรับการสนับสนุนจาก จำนวนเงิน.. . บาท"
              "\nๆ ๒. กรณีไม่ใช้งบประมาณ ให้ระบุเหตุผลที่ไม่ใช้งบประมาณ\nบริษัทฯ ร่วมพัฒนาโดยไม่คิดค่าใช้จ่าย")
    record = _with_row("งบประมาณ", budget)
    assert record.fields["uses_budget"] is False
    assert record.fields["no_budget_reason"] == "บริษัทฯ ร่วมพัฒนาโดยไม่คิดค่าใช้จ่าย"
    assert any(w.startswith("uses_budget: no box is ticked; read from which blanks are filled") for w in record.warnings)


@pytest.mark.parametrize(("scrap", "value"), [("“ALLA", "ช่างภาพและนักข่าว"), ("LALA", "เจ้าหน้าที่ศูนย์ควบคุม"),
                                              ("", "ADSL ของสำนักงาน")])
def test_the_word_ได้แก่_read_as_latin_capitals_is_not_part_of_the_target_users(scrap, value):
    # ``กลุ่มเป้าหมายที่ใช้นวัตกรรม “ALLA ช่างภาพ…`` (scans of the tuning half): the label's last word read as
    # capitals opened the value. An acronym that is the value's own first word stays.
    cell = (f"๑. กลุ่มเป้าหมายที่ใช้นวัตกรรม {scrap} {value}\n"
            "๒. กลุ่มเป้าหมายที่จะได้รับผลกระทบจากการนำนวัตกรรมไปใช้ ได้แก่ ประชาชน")
    record = _with_row("กลุ่มเป้าหมาย", cell)
    assert record.fields["target_users"] == value


@pytest.mark.parametrize(("read_twice", "value"), [
    # ``…จากการนำนวัตกรรมไปใช้ ใช้ ได้แก่ สื่อมวลชน…`` (a scan of the tuning half, sc14): the line wrap read the
    # label's last word twice, a shorter form of the label was found, and ``ใช้ ได้แก่`` opened the value.
    (" ใช้ ได้แก่ ", "สื่อมวลชนและประชาชนผู้ติดตามข่าวสาร"),
    # ``…ไปใช้\nใช้ได้แก่ ประชาชน…`` (a scan of the tuning half, sc15): the same, with OCR's space lost.
    ("\nใช้ได้แก่ ", "ประชาชนในพื้นที่ของบ่อสูบน้ำนำร่อง 30 แห่ง"),
])
def test_a_labels_last_word_read_twice_before_its_linking_word_is_not_part_of_the_value(read_twice, value):
    cell = ("๑. กลุ่มเป้าหมายที่ใช้นวัตกรรม ได้แก่ ประชาชนในพื้นที่เขต\n"
            f"๒. กลุ่มเป้าหมายที่จะได้รับผลกระทบจากการนำนวัตกรรมไปใช้{read_twice}{value}")
    record = _with_row("กลุ่มเป้าหมาย", cell)
    assert record.fields["affected_groups"] == value


def test_a_phase_heading_whose_cell_across_the_months_a_stray_line_cut_is_no_step():
    # A scan of the tuning half (sc14): a stray line cut phase 3's heading cell in two; its rest, read in every
    # month, marked all twelve, and the heading stood as a step: every step below it moved one row down.
    from pipeline.extractors.gantt import read_plan

    head = [Cell("ขั้นตอนการดำเนินการ")] + [Cell("ปีงบประมาณ พ.ศ. 2568") for _ in MONTHS]
    months = [Cell("ขั้นตอนการดำเนินการ")] + [Cell(m) for m in MONTHS]
    rest = Cell("เป้ใช้ประโยชน์")
    cut = [Cell("3. การติดตามผลการ นำนวัตกรรม"), *([rest] * 12)]
    phase = [Cell("การติดตามผลการนำนวัตกรรม\nไปใช้ประโยชน์")] + [Cell("", shaded=k in (8, 9, 10, 11)) for k in range(12)]
    step = [Cell("สำรวจความพึงพอใจของผู้ใช้ระบบ")] + [Cell("", shaded=k == 10) for k in range(12)]
    steps = read_plan(Table([head, months, cut, phase, step], page=2)).steps
    assert [(s["name"], s["phase"], s["months"]) for s in steps] == [
        ("การติดตามผลการนำนวัตกรรม ไปใช้ประโยชน์", "follow_up", [6, 7, 8, 9]),
        ("สำรวจความพึงพอใจของผู้ใช้ระบบ", "follow_up", [8])]


def test_a_numbered_label_glued_to_its_number_misread_as_latin_letters_is_found():
    # ``lo.เครื่องมือที่ใช้พัฒนานวัตกรรม คือLINE OA…`` (scans of the tuning half, sc14 and sc15): ๒. read as
    # ``lo.`` with no space after it; the label was not taken for one, and tools was lost (the row's own head,
    # ``เครื่องมือที่ใช้``, stood for it).
    cell = ("๑. นวัตกรรมที่พัฒนา คือ ระบบนัดเก็บขยะชิ้นใหญ่ออนไลน์\nlo.เครื่องมือที่ใช้พัฒนานวัตกรรม คือLINE OA, Maps API\n"
            "๓. ดำเนินการร่วมกับ กลุ่มงานผลิตสื่อ\nโดยดำเนินการ ติดตั้งอุปกรณ์")
    record = _with_row("นวัตกรรมท\nพัฒนา และ\nเครื่องมือที่ใช้", cell)
    assert record.fields["tools"] == "LINE OA, Maps API"


def test_a_few_baht_beside_the_ticked_no_budget_case_are_a_speck_not_an_amount():
    # ``จำนวนเงิน....\nฆ เ7 ม`` (two scans of the tuning half, sc15): the empty blank's dots read as a digit.
    budget = ("☐ ๑. กรณีใช้งบประมาณให้ระบุที่มาและจำนวนเงินงบประมาณที่ใช้\nขอจัดสรรจาก/ขอรับการสนับสนุนจาก จำนวนเงิน....\n"
              "ฆ เ7 บาท\n☑๒. กรณีไม่ใช้งบประมาณ ให้ระบุเหตุผลที่ไม่ใช้งบประมาณ\nบริษัทฯ ร่วมพัฒนาโดยไม่คิดค่าใช้จ่าย")
    record = _with_row("งบประมาณ", budget)
    assert record.fields["uses_budget"] is False
    assert record.fields["budget_amount_baht"] is None
    spent = budget.replace("☐ ๑.", "☑ ๑.").replace("ฆ เ7", "50,000").replace("☑๒.", "☐๒.")
    assert _with_row("งบประมาณ", spent).fields["budget_amount_baht"] == 50000


@pytest.mark.parametrize(("budget", "reason"), [
    # ``☑.2กรณีไม่ใช้งบประมาณ…`` (seed 3310, sc17's tuning scans): the dot went before the number; the ticked case was
    # not found, its item number was read as an amount of 2 baht beside the other case and the reason was lost.
    ("☐ 1. กรณ์,ชูงบประมาณ เหระบุทมา และจำนวนเงินงบ\nประมาณทซี ' -\nขอจัดสรรจาก/ขอรับการสนับสนุนจาก จำนวนเงิน\n"
     "☑.2กรณีไม่ใช้งบประมาณให้ระบุเหตุผลที่ไม่ใช้งบประมาณ\n", "บริษัทฯ ร่วมพัฒนาโดยไม่คิดค่าใช้จ่ายใช้LINE OA เดิม"),
    # ``☑โป๊.กรณีไม่ใช้งบประมาณ…`` for ☑๒. (seed 3366, sc18's tuning scans): a vowel, a letter and a tone mark were no
    # misread item number, so the ticked case was not found and both the case and its reason were lost.
    ("☐ ๑. กรณี่เช็งบประมาณ ไหระบุทมา และจำนวนเงินงบ\nะ ที่ใช้\nขอจัดสรรจาก/ขอรับการสนับสนุนจาก จำนวนเงิน....\n"
     "จฆ จ/\n☑โป๊.กรณีไม่ใช้งบประมาณให้ระบุเหตุผลที่ไม่ใช้งบประมาณ\n", "ใช้คลาวด์ที่ กทม. และ เจ้าหน้าที่พัฒนาระบบเอง"),
])
def test_a_ticked_case_whose_number_ocr_misread_next_to_the_box_is_still_found(budget, reason):
    fields = _with_row("งบประมาณ", budget + reason).fields
    assert (fields["uses_budget"], fields["budget_amount_baht"], fields["no_budget_reason"]) == (False, None, reason)

def test_a_value_opening_with_its_own_label_after_the_titles_wrapped_last_word_loses_the_label():
    # Seed 3317 (sc17's tuning scans): the title's last word หน่วยงาน wrapped onto a line of its own, found as the
    # label; the label's own line below, its colon lost, was read into the agency (``หน่วยงาน สำนักงาน…``).
    head = ["แบบฟอร์ม 3", "แบบนำเสนอโครงการพัฒนานวัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของโ", "'", "หน่วยงาน",
            "หน่วยงาน สำนักงานประชาสัมพันธ์", *HEAD[3:]]
    rows = [["ประเด็น", "รายละเอียด"], ["ประเด็น/ปัญหา/ความท้าทาย/ความต้องการ", ISSUES],
            ["วัตถุประสงค์", "เพื่อลดเวลาสืบค้นภาพข่าว"]]
    table = Table([[Cell(text) for text in row] for row in rows], page=1)
    lines = [Paragraph(text, where=f"page 1, line {n}", page=1) for n, text in enumerate(head, 1)]
    [record] = records_of(Document([*lines, table], source="scan.pdf", format="scan", pages=1), "scan.pdf")
    assert record.fields["agency"] == "สำนักงานประชาสัมพันธ์"


def test_the_whole_tools_label_whose_number_ocr_lost_wins_over_the_row_heads_shorter_form():
    # Seed 3324 (sc17's tuning scans): ``๒.`` lost before ``เครื่องมือที่ใช้พัฒนานวัตกรรม คือLINE…``; the row head's
    # ``เครื่องมือที่ใช้`` scored the same and, coming first, took the innovation's line into the tools.
    cell = ("๑๗. นวัตกรรมที่พัฒนา AD คลังภาพข่าวกรุงเทพมหานครแบบ\nสับค้นด้วยคำสำคัญ(BKK Photo Finder)\n"
            "เครื่องมือที่ใช้พัฒนานวัตกรรม คือLINE OA,Maps API\n๓. ดำเนินการร่วมกับ กองยุทธศาสตร์เทคโนโลยีสารสนเทศ\n"
            "โดยดำเนินการติดตั้งอุปกรณ์")
    record = _with_row("นวัตกรรม ท\nพัฒนา และ\nเครื่องมือที่ใช้", cell)
    assert record.fields["tools"] == "LINE OA,Maps API"


def test_the_word_ได้แก่_read_without_its_leading_vowel_and_glued_to_the_value_is_no_part_of_it():
    # ``…ที่ใช้นวัตกรรมด้แก่ประชาชน…`` (seed 3366, sc18's tuning scans): the label was found without its ได้แก่,
    # whose ไ OCR lost, and the rest opened the target users.
    cell = ("©. กลุ่มเป้าหมายที่ใช้นวัตกรรมด้แก่ประชาชนในพื้นที่เขต\nกลุ่มเป้าหมายที่จะได้รับผลกระทบจากการนำนวัตกรรมไป\n"
            "ใช้ ได้แก่ ประชาชนในพื้นที่ของบ่อสูบน้ำนำร่อง ๓๐ แห่ง")
    assert _with_row("กลุ่มเป้าหมาย", cell).fields["target_users"] == "ประชาชนในพื้นที่เขต"
