"""Form 4 as OCR reads a scan of it: headings behind specks, guidance that lost a line or a digit, values kept whole."""

from __future__ import annotations

from pipeline.document import Document, Paragraph
from pipeline.extractors.record import records_of
from pipeline.extractors.text import clean_value
from pipeline.extractors.vocabulary import vocabulary

HEAD = ["แบบฟอร์ม4", "โครงการพัฒนานวัตกรรมเพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของ", "หน่วยงาน",
        "ชื่อโครงการ โครงการพัฒนาระบบนัดหมายจัดเก็บขยะชิ้นใหญ่ออนไลน์", "หน่วยงานที่รับผิดชอบ สำนักงานเขตบางกะปิ",
        "ปีงบประมาณ พ.ศ. ๒๕๖๘"]
APPROACH = ("สำนักงานเขตบางกะปิดำเนินโครงการร่วมกับบริษัท ซิตีลิงก์ แบ่งการดำเนินงานเป็น ๓ ขั้นตอน ได้แก่ "
            "การสร้างนวัตกรรม การนำนวัตกรรมไปใช้ประโยชน์ และการติดตามผล ตามแผนการดำเนินการ ดังนี้")
GUIDANCE_LINES = [  # as Tesseract read them from the tuning half's scans
    "ระบุวิธีการ/แนวทาง/กิจกรรม/ขั้นตอนในการดำเนินโครงการ ตั้งแต่ได้รับอนุมัติโครง การจาก",
    "คณะกรรมการพัฒนานวัตกรรมกรุงเทพมหานครแล้วซึ่งจะต้องแสดงให้เห็นถึงการมีส่วนร่วม",
    "ในการดำเนินการไว้ในขั้นตอนใดขั้นตอนหนึ่งหรือหลายขั้นตอนและต้องระบุระยะเวลากำกับ",
    "ในแต่ละขั้นตอนการทำงาน โดยอย่างน้อยต้องมีขั้นตอนครบถ้วน ดังนี้ - การสร้างนวัตกรรม -",
    "การนำนวัตกรรมไปใช้- การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์ โดยต้องสอดคล้องกับ",
    "แผนการดำเนินการที่เสนอคณะกรรมการพัฒนานวัตกรรมกรุงเทพมหานคร พิจารณา ตาม",
]


def _fields(lines: list[str]) -> dict:
    blocks = [Paragraph(text, where=f"page 1, line {n}", page=1) for n, text in enumerate([*HEAD, *lines], 1)]
    [record] = records_of(Document(blocks, source="scan.pdf", format="scan", pages=1), "scan.pdf")
    assert record.kind == "form4"
    return record.fields


def test_headings_behind_ocr_specks_and_a_number_read_as_a_letter_still_open_their_values():
    # ``9 “๒.`` for ๖. (a speck, a quote, a misread digit) and ``ฒ.`` for ๗.: before, neither heading was
    # found, and the approach and the budget were lost.
    fields = _fields(["9 “๒. แนวทางการดำเนินงาน,", *GUIDANCE_LINES, "แบบฟอร์มที่ 3 โดยนำข้อมูลไปใส่ไว้ในตาราง",
                      APPROACH[:APPROACH.index(" แบ่ง")], ". " + APPROACH[APPROACH.index(" แบ่ง") + 1:],
                      "ฒ.งบประมาณ ©", "ไม่ใช้งบประมาณ เนื่องจากบริษัทฯ ร่วมพัฒนาระบบโดยไม่คิดค่าใช้จ่าย",
                      "@๘ . ความเสี่ยงของโครงการ และแนวทางการบริหารความเสี่ยง"])
    assert fields["approach"] == APPROACH  # the wrapped line's leading speck (``. ``) is gone too
    assert fields["budget"] == "ไม่ใช้งบประมาณ เนื่องจากบริษัทฯ ร่วมพัฒนาระบบโดยไม่คิดค่าใช้จ่าย"


def test_a_heading_whose_number_was_read_as_a_letter_glued_to_it_alone_on_its_line_opens_its_value():
    # ``งงบประมาณ`` for ๗. งบประมาณ (seed 3300, sc16's tuning scans): ๗ read as ง, its dot lost; the budget was lost.
    budget = "ใช้งบประมาณ ๑๕๐,๐๐๐ บาท ขอจัดสรรจากงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    fields = _fields(["๖. แนวทางการดำเนินงาน", APPROACH, "งงบประมาณ",
                      "ควรเสนอโครงการที่ไม่ใช้งบประมาณในการดำเนินการ หากใช้งบประมาณ ให้ระบุ",
                      "ที่มาและจำนวนเงินงบประมาณที่ใช้ (ขอจัดสรรหรือขอรับการสนับสนุนจากที่ใด)", budget,
                      "๘. ความเสี่ยงของโครงการ และแนวทางการบริหารความเสี่ยง"])
    assert fields["budget"] == budget and fields["approach"] == APPROACH


def test_a_form_number_misread_inside_the_guidance_does_not_end_the_value():
    # The hint ends "ตามแบบฟอร์มที่ ๓ โดยนำข้อมูล…"; OCR read ๓ as 1, so the line started like Form 1's header.
    fields = _fields(["๖. แนวทางการดำเนินงาน", *GUIDANCE_LINES, "แบบฟอร์มที่ 1โดยนำข้อมูลไปใส่ไว้ในตาราง", APPROACH,
                      "๗. งบประมาณ", "ไม่ใช้งบประมาณ"])
    assert fields["approach"] == APPROACH


def test_guidance_that_lost_its_first_line_and_took_in_stray_letters_is_cut_whole():
    # Its first line lost (small grey print) and a neighbour's scraps read into the third: no whole sentence
    # is near enough, but its pieces are, in front of the value.
    ocr = ("แล้ว ซึ่งจะต้องแสดงให้เห็นถึงการมีส่วนร่วมในการดำเนินการไว้ในขั้นตอน ดขั้นตอนหนึ่งหรือหลายขั้นตอน และต้อง"
           "ระบุระยะเวลากำกับในตับนุมิตรรัตพ\nแต่ละขั้นตอนการทำงาน โดยอย่างน้อยต้องมีขั้นตอนครบถ้วนดังนี้- การสร้างนวัตกรรม"
           " - การนำนวัตกรรมไปใช้ - การติดตามผลการนำ\nนวัตกรรมไปใช้ประโยชน์โดยต้องสอดคล้องกับแผนการดำเนินการที่เสนอคณะ"
           "กรรมการพัฒนานวัตกรรมกรุงเทพมหานคร พิจารณา ตามแบบ\nฟอร์มที่3โดยนำข้อมูลไปใส่ไว้ในตาราง\n" + APPROACH)
    assert clean_value(ocr, vocabulary("form4").guidance) == APPROACH


def test_a_value_that_quotes_a_piece_of_the_guidance_keeps_it():
    typed = ("ทีมงานของสำนักงานเขตบางกะปิจะประชุมทุกเดือน เพื่อให้เห็นถึงการมีส่วนร่วมในการดำเนินการไว้ในขั้นตอน"
             "ใดขั้นตอนหนึ่งหรือหลายขั้นตอน ตามที่กำหนด")
    assert clean_value(typed, vocabulary("form4").guidance) == typed
    # A value that opens with a clause of the guidance (section 4's ``สอดคล้องกับนโยบาย…``) keeps it too.
    nature = "สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร สุขภาพดี 9 พัฒนาระบบดูแลผู้ป่วยโรคเรื้อรังในชุมชน และเป็นโครงการใหม่"
    assert clean_value(nature, vocabulary("form4").guidance) == nature


def test_headings_behind_a_speck_and_a_comma_or_a_lone_dot_open_their_values():
    # ``«, ประโยชน์ที่คาดว่าจะได้รับ`` for ๙. and ``. 10.2 การประเมินผลโครงการ`` (scans of the tuning half): before,
    # neither heading was found and both values were lost.
    benefits = "เจ้าหน้าที่สืบค้นภาพข่าวได้รวดเร็ว และลดพื้นที่จัดเก็บจากภาพซ้ำซ้อน"
    evaluation = "คณะทำงานติดตามเวลาสืบค้นภาพทุกเดือน และรายงานผลต่อผู้อำนวยการ"
    fields = _fields(["«, ประโยชน์ที่คาดว่าจะได้รับ", benefits, "10. การติดตามประเมินผล", "10.1 ตัวชี้วัดความสำเร็จ",
                      "ระบุตัวชี้วัด จำนวน 4 ตัวชี้วัด", ". 10.2 การประเมินผลโครงการ", evaluation])
    assert fields["benefits"] == benefits
    assert fields["evaluation"] == evaluation


def test_a_heading_whose_sub_number_ocr_set_apart_from_its_dot_opens_its_value():
    # ``๑๐ .๒ การประเมินผลโครงการ`` (a scan of the tuning half): before, the heading was not found and the
    # evaluation was lost.
    evaluation = "คณะทำงานดึงข้อมูลเวลาแจ้งเหตุและเวลาซ่อมจากระบบทุกเดือน"
    fields = _fields(["๑๐. การติดตามประเมินผล", "๑๐.๑ ตัวชี้วัดความสำเร็จ", "ระบุตัวชี้วัด จำนวน 4 ตัวชี้วัด",
                      "๑๐ .๒ การประเมินผลโครงการ", evaluation])
    assert fields["evaluation"] == evaluation


def test_a_risk_rating_that_lost_its_marks_is_put_back_to_the_rating_word():
    # OCR read สูง as สง and ต่ำ as ตา in a risk table's rating cells; a number rating and a rating read right
    # stay as they are, and so does a risk's own text.
    from pipeline.document import Cell, Table

    rows = [["ความเสี่ยง", "โอกาสที่จะเกิด", "ผลกระทบ", "ระดับความเสี่ยง", "แนวทางการบริหารความเสี่ยง"],
            ["๑. ผู้ใช้ไม่กรอกคำสำคัญ", "สง", "3", "ตา", "ตรวจทุกสัปดาห์"],
            ["๒. ระบบล่ม", "ปานกลาง", "นอย", "สูง", "สำรองข้อมูล"]]
    table = Table([[Cell(text) for text in row] for row in rows], page=1)
    blocks = [Paragraph(text, where=f"page 1, line {n}", page=1) for n, text in enumerate(
        [*HEAD, "๘. ความเสี่ยงของโครงการ และแนวทางการบริหารความเสี่ยง"], 1)]
    [record] = records_of(Document([*blocks, table], source="scan.pdf", format="scan", pages=1), "scan.pdf")
    risks = [{k: v for k, v in risk.items() if k != "mitigation"} for risk in record.fields["risks"]]
    assert risks == [{"risk": "ผู้ใช้ไม่กรอกคำสำคัญ", "likelihood": "สูง", "impact": "3", "level": "ต่ำ"},
                     {"risk": "ระบบล่ม", "likelihood": "ปานกลาง", "impact": "น้อย", "level": "สูง"}]


KPI_HEAD = ["ตัวชี้วัด", "ค่าเป้าหมาย", "ประเภทตัวชี้วัด", "วิธีการคำนวณ/เครื่องมือในการวัด", "ระยะเวลา"]


def test_a_kpi_table_continued_on_a_page_whose_ruling_split_a_column_keeps_its_rows():
    # A black-and-white scan of the tuning half: a stray line down the continued part's first column split it in
    # two, each row's cell covering both, so the part was one column wider and was read as a table of its own;
    # rows 3 and 4 were lost (10 fields).
    from pipeline.document import Cell, Table

    first = Table([[Cell(t) for t in KPI_HEAD],
                   [Cell(t) for t in ["๑. นวัตกรรมที่พัฒนา คือ ระบบนัดหมาย", "๑ นวัตกรรม", "ผลผลิต", "ระบบพัฒนาแล้วเสร็จ",
                                      "ธ.ค. ๖๗ - ก.พ. ๖๘"]],
                   [Cell(t) for t in ["๒. ร้อยละความพึงพอใจของผู้ใช้นวัตกรรม", "ร้อยละ ๘๐", "ผลลัพธ์", "แบบสำรวจ",
                                      "ส.ค. ๖๘"]]], page=4)
    rows = [KPI_HEAD, ["๓. ประโยชน์ของนวัตกรรม ตัวชวดท ๓.@ ร้อยละของคำขอที่จัดเก็บได้ตรงวัน", "ร้อยละ ๙๐", "ผลลัพธ์",
                       "จำนวนคำขอที่จัดเก็บตรงวันนัด", "มี.ค. - ก.ย. ๖๘"],
            ["ตัว%ิวัดที่๑๒จำนวนจุดทิ้งขยะริมทาง (จำนวน ๑๕ คะแนน)", "ลดลงร้อยละ ๔๐", "ผลลัพธ์", "เปรียบเทียบสถิติ",
             "มิ.ย. - ก.ย. ๖๘"]]
    split = []
    for row in rows:
        cells = [Cell(t) for t in row]
        split.append([cells[0], *cells])  # the first cell spans both halves of the split column
    second = Table(split, page=5)
    blocks = [Paragraph(text, where=f"page 4, line {n}", page=4) for n, text in enumerate(
        [*HEAD, "๑๐. ตัวชี้วัดความสำเร็จของโครงการ", "๑๐.๑ ตัวชี้วัดความสำเร็จ"], 1)]
    [record] = records_of(Document([*blocks, first, second], source="scan.pdf", format="scan", pages=5), "scan.pdf")
    names = [kpi["name"] for kpi in record.fields["kpis"]]
    # the third and fourth rows' names lose their misread numbers (๓.@ for ๓.๑, ตัว%ิวัดที่๑๒ for ตัวชี้วัดที่ ๓.๒)
    assert names[2:] == ["ร้อยละของคำขอที่จัดเก็บได้ตรงวัน", "จำนวนจุดทิ้งขยะริมทาง"]
    assert [kpi["period"] for kpi in record.fields["kpis"]][2:] == ["มี.ค. - ก.ย. ๖๘", "มิ.ย. - ก.ย. ๖๘"]


def test_a_long_risk_rating_with_one_letter_misread_is_the_rating_and_a_short_one_is_not_guessed():
    # Scans of the tuning half (sc13, sc14): ปานกลาง read บ้าน กลาง (ป as บ) and บปานกลาง (a speck before it). One
    # letter from a long rating and from no other; สูง and ต่ำ are a letter from other words, so a letter off
    # them is left as read.
    from pipeline.extractors.ratings import rating_spelled

    assert rating_spelled("บ้าน กลาง") == rating_spelled("บปานกลาง") == "ปานกลาง"
    assert rating_spelled("ตามาก") == "ต่ำมาก"
    assert rating_spelled("บ้าน") == "บ้าน" and rating_spelled("สาง") == "สาง"


def test_a_budget_line_wrapped_before_the_fiscal_year_words_runs_on_in_a_scan():
    # Seed 3319 (sc17's tuning scans): ``…ประจำ`` / ``ปีงบประมาณ พ.ศ. 2568 ของสำนัก…``; the fiscal-year line's stop
    # words at the wrapped line's start ended the budget there (a PDF shows the soft wrap, a scan does not).
    lines = [". ใช้งบประมาณ 150,000 บาท ขอจัดสรรจากงบประมาณรายจ่ายประจำ",
             "ปีงบประมาณ พ.ศ. 2568 ของสำนักการระบายน้ำ (ค่าวัสดุ) สำหรับจัดหาอุปกรณ์",
             "ตรวจวัดและซิมการ์ดรับส่งข้อมูลของบ่อสูบน้ำนำร่อง 30 แห่ง"]
    fields = _fields(["๖. แนวทางการดำเนินงาน", APPROACH, "๗. งบประมาณ", *lines,
                      "๘. ความเสี่ยงของโครงการ และแนวทางการบริหารความเสี่ยง"])
    assert fields["budget"] == " ".join(lines)[2:]


def test_a_speck_read_as_one_digit_at_the_end_of_a_headings_line_is_no_part_of_its_value():
    # Seed 3319 (sc17's tuning scans): ``4. ลักษณะของโครงการ 7`` and the guidance's last line ``…ที่เกิดขึ้น 7``; the
    # values opened with ``7``.
    nature = ["สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร บริหารจัดการดี 12 รัฐดิจิทัล",
              "และเป็นโครงการตามภารกิจประจำของกลุ่มงานคลังข้อมูลข่าวสาร เป็นโครงการใหม่"]
    fields = _fields(["3. เป้าหมาย", "ติดตั้งระบบติดตามสถานะที่เครื่องสูบน้ำในบ่อสูบน้ำนำร่อง 30 แห่ง",
                      "4. ลักษณะของโครงการ 7", *nature, "☑ โครงการใหม่☐โครงการต่อเนื่อง", "5. ระยะเวลาดำเนินการ",
                      "11 เดือน (ตั้งแต่เดือนพฤศจิกายน 2567 ถึงเดือนกันยายน 2568)"])
    assert fields["project_nature"] == " ".join(nature)


def test_a_long_heading_behind_its_number_misread_as_a_short_thai_scrap_still_opens_its_value():
    # ``เวิ้ง ประโยชน์ที่คาดว่าจะได้รับ`` for ๙. (seed 3312, sc17's tuning scans): the heading was not found and the
    # benefits were lost.
    benefits = ["เจ้าหน้าที่สืบค้นภาพข่าวได้รวดเร็ว ข่าวประชาสัมพันธ์เผยแพร่ได้",
                "ทันเหตุการณ์ และลดพื้นที่จัดเก็บจากภาพซ้ำซ้อน"]
    fields = _fields(["๖. แนวทางการดำเนินงาน", APPROACH, "เวิ้ง ประโยชน์ที่คาดว่าจะได้รับ",
                      "ระบุผลในเชิงบวกที่คาดว่าจะได้รับจากการดำเนินโครงการ/นวัตกรรมที่พัฒนาขึ้น ซึ่ง",
                      "ต้องสอดคล้องกับวัตถุประสงค์ที่กำหนด", *benefits, "๑๐ . การติดตามประเมินผล"])
    assert fields["benefits"] == " ".join(benefits)


def test_a_gantt_head_row_read_as_a_line_of_text_ends_the_approach_above_it():
    # ``ขั้นตอนการดำเนินการ [ปีงบ ประมาณ พ.ศ.: ๒๕๖๘`` (seed 3361, sc18's tuning scans): the plan's head row, its first
    # cell before the year, read as a paragraph line; the fiscal-year stop was not at the line's start, so the
    # approach ran on into it.
    fields = _fields(["๖. แนวทางการดำเนินงาน", APPROACH, "ขั้นตอนการดำเนินการ [ปีงบ ประมาณ พ.ศ.: ๒๕๖๘"])
    assert fields["approach"] == APPROACH
