"""Data tables as read: heads repeated after a page break, heads that OCR read a little wrong."""

from __future__ import annotations

import pytest

from pipeline.document import Cell, Paragraph, Table
from pipeline.extractors.form4_tables import kpi_name, period, read_kpis, survey_source
from pipeline.extractors.survey import read_questions
from pipeline.extractors.tables import SURVEY, header_rows, merge_continued, table_kind


def _table(rows: list[list[str]], page: int) -> Table:
    return Table([[Cell(text) for text in row] for row in rows], page=page)


KPI_HEAD = ["ตัวชี้วัด", "ค่าเป้าหมาย", "ประเภทตัวชี้วัด", "วิธีการคำนวณ", "ระยะเวลา"]


def test_kpi_heads_repeated_on_the_next_page_are_dropped_however_ocr_read_them():
    first = _table([KPI_HEAD, ["1. จำนวนผู้ใช้", "100 คน", "ผลผลิต", "นับจากระบบ", "ต.ค. 67"]], page=4)
    misread = ["ตัวชี้วัด", "ค่าเป้า หมาย", "เภตัวชีวัด", "วิธีการคำนวณ", "ระยะ เวลา"]
    second = _table([misread, ["2. ร้อยละความพึงพอใจ", "ร้อยละ 80", "ผลลัพธ์", "แบบสำรวจ", "ก.ย. 68"]], page=5)
    [joined] = [b for b in merge_continued([first, Paragraph("- 5 -", page=5), second]) if isinstance(b, Table)]
    assert [row[0].text for row in joined.rows] == ["ตัวชี้วัด", "1. จำนวนผู้ใช้", "2. ร้อยละความพึงพอใจ"]


def test_a_data_row_quoting_head_words_is_not_a_head():
    table = _table([KPI_HEAD,
                    ["1. จำนวนผู้ใช้", "100 คน", "ผลผลิต", "นับจากระบบ", "ต.ค. 67"],
                    ["2. ร้อยละความพึงพอใจ", "ร้อยละ 80", "ผลลัพธ์ ประเภทตัวชี้วัด", "วิธีการคำนวณ ร้อยละ", "ก.ย. 68"]],
                   page=1)
    assert header_rows(table) == 1


def test_survey_level_heads_ending_in_their_number_name_the_level_when_a_word_is_misread():
    # "น้อยที่สุด" read as "you ที่สุด": its "(1)" still says which level the column counts.
    table = _table([["ข้อ", "ข้อคำถาม", "มาก\nที่สุด\n(4)", "มาก\n(3)", "น้อย\n(2", "you\nที่สุด\n(1)", "ค่าคะแนนเฉลี่ย"],
                    ["1", "ระบบใช้งานง่าย", "30", "9", "0", "1", "3.675"]], page=2)
    assert read_questions(table) == [{"text": "ระบบใช้งานง่าย", "counts": [30, 9, 0, 1]}]


def test_a_survey_tally_whose_first_level_head_ocr_lost_is_still_the_tally():
    # A photographed survey (Thai digits): มากที่สุด (๔) read as ที่สุด and น้อยที่สุด (๑) as "oe / ทสุด ( / ๑)". The
    # table was no survey table, and the blank questionnaire printed above it was read instead (every count 0).
    table = _table([["ข้อ", "ข้อคำถาม", "ที่สุด", "มาก\n(๓)", "น้อย\n(๒)", "oe\nทสุด (\n๑)", "ค่าคะแนนเฉลี่ยรายขอ"],
                    ["๑", "ท่านนัดหมายการเก็บ\nขยะได้สะดวกขึ้น", "๒๔", "๒๒", "๓", "๑", "๓.๒๔๐"]], page=2)
    assert table_kind(table) == SURVEY
    assert read_questions(table) == [{"text": "ท่านนัดหมายการเก็บ ขยะได้สะดวกขึ้น", "counts": [24, 22, 3, 1]}]
    # Counts alone (no brackets) in a row make no tally's head.
    assert table_kind(_table([["ข้อ", "ข้อคำถาม"], ["1", "ระบบ", "3", "2", "1"]], page=1)) is None


def test_form4_approach_guidance_is_cut_whole_when_ocr_ran_its_bullets_together():
    # The lines as Tesseract read them from a photographed Form 4 (the generator's tuning half): the bullets
    # run into one line and the last one wraps. Each line is repaired against the printed wording, as the
    # OCR layout does, then the value is cleaned: no bullet's tail may be left in front of the value.
    from pipeline.extractors.text import clean_value
    from pipeline.extractors.vocabulary import vocabulary
    from pipeline.readers.ocr.labels import repair_labels

    vocab = vocabulary("form4")
    lines = ["ระบุวิธีการ/แนวทาง/กิจกรรม/ขั้นตอนในการดำเนินโครงการ ตั้งแต่ได้รับอนุมัติ",
             "เครงการจากคณะกรรมการพัฒนานวัตกรรมกรุงเทพมหานครแล้ว ซึ่งจะต้องแสดง",
             "ให้เห็นถึงการมีส่วนร่วมในการดำเนินการไว้ใูนขั้นตอนใดขั้นตอนหนึ่งหรือหลายขัน,",
             "ตูอน และต้องระบุระยะเวลากำกับในแต่ละขั้นตอนการทำงาน โดยอย่างน้อยต้องมี",
             "ขั้นตอนครบถ้วน ดังนี่- การสุร้างนวัตกรรม - การนำนวัตกรรมไปใช้ - การติดตาม",
             "ผลการนำนวัตกรรมไปใช้ประโยชน์ โดยต้องสอดคล้องกั บแผนการดำเนินการที่.",
             "เสนอคณะกรรมการพัฒนานวัตกรรมกรุงเทพมหานค ร พิจารณา ตามแบบฟอร์มที่",
             "3โดยนำข้อมูลไปใส่ไว้ในตาราง",
             "กองควบคุมระบบระบายน้ำดำเนินโครงการร่วมกับกองเครื่องจักรกล"]
    read = "\n".join(repair_labels(line)[0] for line in lines)
    value = clean_value(read, vocab.guidance, vocab.guidance_lines.get("approach", ()))
    assert value == "กองควบคุมระบบระบายน้ำดำเนินโครงการร่วมกับกองเครื่องจักรกล"


def test_a_kpi_row_after_a_page_break_numbered_by_a_misread_heading_is_a_row_of_its_own():
    # A photographed Form 4 (tuning half): the next page's row starts "ตัวชวัดท 3.2" (marks lost), every
    # column filled. Joined to the row above the break, kpis[3] was lost and kpis[2] took its target.
    first = _table([KPI_HEAD, ["1. นวัตกรรมที่พัฒนา คือ คลังภาพ", "1 นวัตกรรม", "ผลผลิต", "เปิดใช้จริง", "ธ.ค. 67"],
                    ["3. ประโยชน์ของนวัตกรรม\nตัวชี้วัดที่ 3.1 ระยะเวลาเฉลี่ย", "ไม่เกิน 5 นาที", "ผลลัพธ์",
                     "สุ่มจับเวลา", "มิ.ย. - ก.ย. 68"]], page=4)
    second = _table([KPI_HEAD, ["ตัวชวัดท 3.2 ร้อยละ\nของภาพข่าว (จำนวน 15\nคะแนน)", "ไม่น้อยกว่า\nร้อยละ 90",
                                "ผลลัพธ์", "จำนวนชุดภาพ", "เม.ย.- ก.ย. 68"]], page=5)
    [joined] = [b for b in merge_continued([first, second]) if isinstance(b, Table)]
    assert [row[1].text for row in joined.rows[1:]] == ["1 นวัตกรรม", "ไม่เกิน 5 นาที", "ไม่น้อยกว่า\nร้อยละ 90"]
    assert [item["name"] for item in read_kpis(joined)][1:] == ["ระยะเวลาเฉลี่ย", "ร้อยละ ของภาพข่าว"]


def test_a_kpi_name_loses_its_row_heading_however_ocr_misread_it():
    cell = "3. ประโยชน์ของ\nนวัตุกรรม\nตวชวดูท 3.1 ระยะเวลา\nเฉลี่ยตั้งแต่เครื่องสูบน้ำขัดข้อง (จำนวน 15\nคะแนน)"
    assert kpi_name(cell) == "ระยะเวลา เฉลี่ยตั้งแต่เครื่องสูบน้ำขัดข้อง"
    # A speck or a misread คือ between the printed words and the name (a scan, a photo).
    assert kpi_name("1. นวัตกรรมที่พัฒนา 7\nคือ ระบบนัดเก็บขยะ (จำนวน 20\nคะแนน)") == "ระบบนัดเก็บขยะ"
    assert kpi_name("1. นวัตกรรมที่พัฒนา\nAd, ระบบติดตามสถานะ (จำนวน 20 คะแนน)") == "ระบบติดตามสถานะ"
    assert kpi_name("1. นวัตกรรมที่พัฒนา คือ AI Chatbot") == "AI Chatbot"
    assert kpi_name("®. นวัตกรรมที่พัฒนา, คือ ระบบนัดเก็บขยะ") == "ระบบนัดเก็บขยะ"  # ๑. misread as a symbol
    assert kpi_name("2. ร้อยละ 80 ของผู้ใช้ (จำนวน 10 คะแนน)") == "ร้อยละ 80 ของผู้ใช้"


def test_a_survey_count_whose_unit_ocr_misread_is_still_read():
    method = "แบบสำรวจความพึงพอใจ โดยสำรวจจาก\nเจ้าหน้าที่ศูนย์ควบคุม\nระบบ จำนวน 30 ชูด"
    assert survey_source(method) == ("เจ้าหน้าที่ศูนย์ควบคุม ระบบ", "30")
    assert survey_source("โดยสำรวจจาก ประชาชนผู้ใช้บริการ จำนวน 40 ชุด") == ("ประชาชนผู้ใช้บริการ", "40")
    assert survey_source("โดยสำรวจจาก ประชาชน\nผ่าน LINE จานวน 30ชุด") == ("ประชาชน ผ่าน LINE", "30")
    # โดย misread (a scan of the tuning half): before, neither the population nor the count was read.
    assert survey_source("แบบสำรวจความพึงพอใจ ได้ยสำรวจจาก\nประชาชนผู้ใช้บริการ จำนวน ๕๐ ชุด") == ("ประชาชนผู้ใช้บริการ", "๕๐")


def test_a_value_does_not_start_with_a_speck_or_the_labels_last_dot():
    from pipeline.extractors.text import clean_value

    assert clean_value("✓่ไม่ใช้งบประมาณ เนื่องจาก") == "ไม่ใช้งบประมาณ เนื่องจาก"
    assert clean_value(". ไม่ใช้งบประมาณ") == "ไม่ใช้งบประมาณ"
    assert clean_value(".NET Core") == ".NET Core"


def test_a_kpi_name_loses_a_misread_kor_and_a_misread_points_hint():
    assert kpi_name("1. นวัตกรรมที่พัฒนา\nย ค่อ ระบบนัดเก็บขยะ (จำนวน 20 คะแนน)") == "ระบบนัดเก็บขยะ"
    assert kpi_name("2. ร้อยละความพึงพอใจ\nของผู้ใช้นวัตกรรม\nMUI 10 คะแนน)") == "ร้อยละความพึงพอใจ ของผู้ใช้นวัตกรรม"


def test_a_kpi_period_has_its_months_as_printed_however_ocr_read_their_dots():
    assert period("มิ.ย. -\nกุย. 68") == "มิ.ย. - ก.ย. 68"  # a dot read as a mark
    assert period("พ.ค ก.ย. 68") == "พ.ค. – ก.ย. 68"  # the last dot and the dash lost
    assert period("ม.ค. 68 ถึง มี.ค. 68") == "ม.ค. 68 ถึง มี.ค. 68"
    assert period("ตุลาคม 2567 - กันยายน 2568") == "ตุลาคม 2567 - กันยายน 2568"


def test_specks_below_a_table_do_not_keep_its_next_page_apart():
    first = _table([KPI_HEAD, ["1. จำนวนผู้ใช้", "100 คน", "ผลผลิต", "นับจากระบบ", "ต.ค. 67"],
                    ["2. ร้อยละความพึงพอใจ", "ร้อยละ 80", "ผลลัพธ์", "แบบสำรวจ", "ก.ย. 68"]], page=4)
    second = _table([KPI_HEAD, ["ตัวชี้วัดที่ 3.2 ร้อยละของคำขอ", "ร้อยละ 90", "ผลลัพธ์", "นับจากระบบ", "ก.ย. 68"]],
                    page=5)
    joined = [b for b in merge_continued([first, Paragraph(". «", page=4), second]) if isinstance(b, Table)]
    assert len(joined) == 1 and len(joined[0].rows) == 4


def test_a_kpi_methods_percentage_formula_gets_its_signs_back():
    # Tesseract's Thai model has no × or ÷: a photo's method cell reads "ทำการ 100 +", "นวัตกรรม % 100) +".
    table = _table([KPI_HEAD, ["3.2 ร้อยละของภาพ", "ร้อยละ 90", "ผลลัพธ์",
                               "จำนวนชุดภาพที่มีคำ\nสำคัญครบภายใน 1 วัน\nทำการ 100 +\nจำนวนชุดภาพทั้งหมด", "ก.ย. 68"],
                    ["2. ร้อยละความพึงพอใจ", "ร้อยละ 80", "ผลลัพธ์",
                     "(ค่าคะแนนเฉลี่ยของผู้ใช้ % 100) + ค่าคะแนน\nระดับมากที่สุด (4)", "ก.ย. 68"]], page=4)
    assert [item["method"] for item in read_kpis(table)] == [
        "จำนวนชุดภาพที่มีคำ สำคัญครบภายใน 1 วัน ทำการ × 100 ÷ จำนวนชุดภาพทั้งหมด",
        "(ค่าคะแนนเฉลี่ยของผู้ใช้ × 100) ÷ ค่าคะแนน ระดับมากที่สุด (4)"]


def test_a_running_head_ocr_misread_at_the_next_pages_top_does_not_cut_the_table():
    # A scanned Form 4: "แบบฟอร์ม 4" heads each page and OCR read it as Latin on the page the KPIs run onto.
    # Before, it stood between the halves as text, and the KPIs after the break were lost.
    first = _table([KPI_HEAD, ["1. จำนวนผู้ใช้", "100 คน", "ผลผลิต", "นับจากระบบ", "ต.ค. 67"]], page=4)
    second = _table([KPI_HEAD, ["2. ร้อยละความพึงพอใจ", "ร้อยละ 80", "ผลลัพธ์", "แบบสำรวจ", "ก.ย. 68"]], page=5)
    head = Paragraph("LUUNWaSN 4", page=5)
    [joined] = [b for b in merge_continued([first, head, second]) if isinstance(b, Table)]
    assert len(joined.rows) == 3
    # Text on the table's own page, or a line longer than a head, still ends the table.
    for between in (Paragraph("LUUNWaSN 4", page=4), Paragraph("๙. ประโยชน์ที่คาดว่าจะได้รับจากการดำเนินโครงการ", page=5)):
        assert len([b for b in merge_continued([first, between, second]) if isinstance(b, Table)]) == 2


@pytest.mark.parametrize("head", ["ประโยชน์ของ\nนวัตกรรม", "ดา. ประโยชน์ของ\nัต รรม"])
def test_a_kpi_row_whose_number_ocr_lost_after_the_page_break_is_a_row_of_its_own(head):
    # ``3.`` lost from ``3. ประโยชน์ของนวัตกรรม``, or read as ``ดา.`` with นวัตกรรม misread (a scan of the tuning
    # half): before, the row was taken for the rest of KPI 2, cut by the break.
    first = _table([KPI_HEAD, ["1. นวัตกรรมที่พัฒนา คือ ระบบติดตาม", "1 นวัตกรรม", "ผลผลิต", "ระบบเสร็จ", "ก.พ. 68"],
                    ["2. ร้อยละความพึงพอใจของผู้ใช้", "ร้อยละ 80", "ผลลัพธ์", "แบบสำรวจ", "ส.ค. 68"]], page=4)
    second = _table([KPI_HEAD, [f"{head}\nตัวชี้วัดที่๑ ระยะเวลาเฉลี่ย", "ไม่เกิน 15 นาที", "ผลลัพธ์",
                                "เวลาแจ้งเตือน", "มี.ค. - ก.ย. 68"]], page=5)
    [joined] = [b for b in merge_continued([first, second]) if isinstance(b, Table)]
    assert [row[1].text for row in joined.rows[1:]] == ["1 นวัตกรรม", "ร้อยละ 80", "ไม่เกิน 15 นาที"]


def _joined_across_a_break(above: list[list[str]], below: list[list[str]]) -> Table:
    [joined] = [b for b in merge_continued([_table([KPI_HEAD, *above], page=4), _table([KPI_HEAD, *below], page=5)])
                if isinstance(b, Table)]
    return joined


def test_a_kpi_row_after_a_page_break_whose_number_lost_its_dot_or_read_as_latin_is_a_row_of_its_own():
    # Fresh tuning photos (seeds 1060, 1074): the row after the break starts "3 ประไยชน์ของ" (the dot lost) after
    # row 2, or "AVIAN 3.2" (ตัวชี้วัดที่ read by the English model) after ตัวชี้วัดที่ 3.1. Joined to the row
    # above as its rest, KPI 2 took KPI 3's name and KPI 4 was lost.
    joined = _joined_across_a_break(
        [["1. นวัตกรรมที่พัฒนา\nAO, ระบบติดตาม", "1 นวัตกรรม", "ผลผลิต", "ระบบพัฒนาแล้วเสร็จ", "ธ.ค. 67"],
         ["2. ร้อยละความพึงพอใจ\nของผู้ใช้นวัตกรรม", "ระดับมาก\nขึ้นไป", "ผลลัพธ์", "วิธีการคำนวณ", "ส.ค. 68"]],
        [["3 ประไยชน์ของ\nนวัตกรรม\nตัวชวดูท 3.1 ระยะเวลา", "ไม่เกิน15\nนาที", "ผลลัพธ์", "เวลาแจ้งเตือน", "มี.ค. - ก.ย. 68"]])
    assert [row[1].text for row in joined.rows[1:]] == ["1 นวัตกรรม", "ระดับมาก\nขึ้นไป", "ไม่เกิน15\nนาที"]
    joined = _joined_across_a_break(
        [["1. นวัตกรรมที่พัฒนา คือ คลังภาพ", "1 นวัตกรรม", "ผลผลิต", "เปิดใช้จริง", "ธ.ค. 67"],
         ["3.ประโยชน์ของ\nัตัวชีวัดที่3.1 ระยะเวลา", "ไม่เกิน5\nนาที", "ผลลัพธ์", "สุ่มจับเวลา", "มิ.ย. - ก.ย. 68"]],
        [["AVIAN 3.2ร้อยละ,\nของภาพขาวภารกิจผู", "ไม่น้อยกว่า\nร้อยละ 90", "ผลลัพธ์", "จำนวนชุดภาพ", "เม.ย.- ก.ย. 68"]])
    assert len(joined.rows) == 4


def test_a_bare_number_no_count_leads_to_is_still_the_rest_of_a_cut_row():
    joined = _joined_across_a_break(
        [["1. นวัตกรรมที่พัฒนา คือ คลังภาพ", "1 นวัตกรรม", "ผลผลิต", "เปิดใช้จริง", "ธ.ค. 67"],
         ["2. ร้อยละความพึงพอใจของผู้ใช้นวัตกรรม (จำนวน", "ร้อยละ 80", "ผลลัพธ์", "แบบสำรวจ", "ส.ค. 68"]],
        [["15 คะแนน)", "", "", "", ""]])
    assert len(joined.rows) == 3 and joined.rows[-1][0].text.endswith("15 คะแนน)")


def test_a_survey_head_alone_at_a_page_foot_that_lost_its_number_cell_heads_its_body():
    # A scanned survey (tuning half): the tally's head at page 1's foot, its narrow first cell (ข้อ) read as a line
    # below it, the body on page 2 one column wider. Before, the body was no survey table and the blank
    # questionnaire's counts (all 0) were taken.
    from pipeline.extractors.survey import read_questions

    head = Table([[Cell(t) for t in ("ข้อคำถาม", "มาก\nที่สุด", "มาก\n(3)", "น้อย\n(2)", "น้อย\nที่สุด(1)",
                                      "ค่าคะแนน\nเฉลี่ยรายข้อ")]], page=1)
    body = Table([[Cell(t) for t in ("", "", "4", "", "", "", "")],
                  *([Cell(t) for t in (str(n), f"ท่านนัดหมายได้สะดวกขึ้น {n}", "24", "22", "3", "1", "3.24")] for n in (1, 2, 3))],
                 page=2)
    merged = merge_continued([head, Paragraph("ข้อ", page=1), body])
    tables = [b for b in merged if isinstance(b, Table)]
    assert len(tables) == 1
    assert [q["counts"] for q in read_questions(tables[0])] == [[24, 22, 3, 1]] * 3
    # A body whose first column is no item numbers is not taken for the head's.
    other = Table([[Cell(t) for t in ("ก", "ข", "ค", "ง", "จ", "ฉ", "ช")]] * 3, page=2)
    assert len([b for b in merge_continued([head, Paragraph("ข้อ", page=1), other]) if isinstance(b, Table)]) == 2


def test_a_kpi_head_alone_at_a_page_foot_that_lost_its_last_cell_heads_its_body():
    # A scanned Form 4 (seed 3297, sc16's tuning scans): the indicators' head at page 4's foot lost its last cell
    # (ระยะเวลา), read as two lines below it, and the body on page 5 was one column wider: the head stood as a
    # table with no rows, and all four indicators (20 fields) were lost.
    head = _table([["ตัวชี้วัด", "ค่าเป้าหมาย", "ประเภท\nตัวชี้วัด", "วิธีการคำนวณ/ เครื่อง\nมือในการวัด"]], page=4)
    body = _table([["๑. นวัตกรรมที่พัฒนา\nคือ ระบบนัดเก็บขยะ\nชินใหญ่ออนไลน์", "๑ นวัตกรรม", "ผลผลิต",
                    "ระบบพัฒนาแล้วเสร็จ", "ธ.ค. ๖๗ - ก.พ. ๖๘"],
                   ["๒. ร้อยละความพึง\nพอใจของผู้ใช้\nนวัตกรรม", "ระดับมากขึ้นไป\nไม่น้อยกว่าร้อย\nละ ๘๐", "ผลลัพธ์",
                    "แบบสำรวจความพึงพอใจ", "ส.ค. ๖๘"]], page=5)
    merged = merge_continued([head, Paragraph("ระยะ", page=4), Paragraph("เวลา", page=4), body])
    [table] = [b for b in merged if isinstance(b, Table)]
    kpis = read_kpis(table)
    assert [(k["target"], k["kind"], k["period"]) for k in kpis] == [
        ("๑ นวัตกรรม", "output", "ธ.ค. ๖๗ - ก.พ. ๖๘"), ("ระดับมากขึ้นไป ไม่น้อยกว่าร้อย ละ ๘๐", "outcome", "ส.ค. ๖๘")]
    # No lines below the head: no sign it lost a cell, the two stay apart.
    assert len([b for b in merge_continued([head, body]) if isinstance(b, Table)]) == 2


def _gantt(head: list[str]) -> Table:
    blank = [Cell("") for _ in range(12)]
    rows = [[Cell("ขั้นตอน")] + [Cell(text) for text in head],
            [Cell("ประชุมคณะทำงาน"), *blank[:2], Cell("✓"), *blank[3:]],
            [Cell("สำรวจความพึงพอใจ"), *blank[:10], Cell("✓"), Cell("✓")]]
    return Table(rows=rows)


def test_a_month_row_ocr_garbled_in_part_still_places_the_months_in_fiscal_order():
    from pipeline.extractors.gantt import read_plan
    # Each head ruled apart: borders read as brackets or เ, shaded heads as Latin scraps.
    garbled = ["เต. .", "✓", "เธ.ค.", "เม.ค.", "(ก.พ.", "iia.", "(เม.ย.", "wa.", "fu.", "nA.", "Lon", "‘nw."]
    steps = read_plan(_gantt(garbled)).steps
    assert [step["months"] for step in steps] == [[12], [8, 9]]
    assert table_kind(_gantt(garbled)) == "gantt"


def test_months_read_out_of_fiscal_order_or_too_few_place_none():
    from pipeline.extractors.gantt import read_plan
    few = ["เต. .", "✓", "ธ.ค.", "ม.ค.", "ก.พ.", "iia.", "wa.", "wa.", "fu.", "nA.", "Lon", "‘nw."]
    shuffled = ["ม.ค.", "✓", "ธ.ค.", "ต.ค.", "ก.พ.", "iia.", "wa.", "wa.", "fu.", "nA.", "Lon", "‘nw."]
    assert read_plan(_gantt(few)).steps == [] and read_plan(_gantt(shuffled)).steps == []


def test_a_dash_speck_before_a_count_is_not_a_minus_sign():
    table = Table(rows=[[Cell("ข้อคำถาม"), Cell("มากที่สุด (4)"), Cell("มาก (3)"), Cell("น้อย (2)"), Cell("น้อยที่สุด (1)")],
                        [Cell("ระบบใช้งานง่าย"), Cell("21"), Cell("26"), Cell("- 2"), Cell("1")]])
    assert read_questions(table) == [{"text": "ระบบใช้งานง่าย", "counts": [21, 26, 2, 1]}]


def test_a_kpi_methods_percentage_formula_in_thai_digits_gets_its_signs_back():
    # ``๑๐๐ +`` and ``% @๐๐ +`` (๑ read as @) on scans of the tuning half printed in Thai digits.
    table = _table([KPI_HEAD, ["3.1 ร้อยละของคำขอ", "ร้อยละ ๙๐", "ผลลัพธ์",
                               "จำนวนคำขอที่จัดเก็บตรงวันนัด ๑๐๐ + จำนวนคำขอทั้งหมด", "ก.ย. ๖๘"],
                    ["3.2 ร้อยละของคำขอ", "ร้อยละ ๙๐", "ผลลัพธ์",
                     "จำนวนคำขอที่จัดเก็บตรงวันนัด % @๐๐ + จำนวนคำขอทั้งหมด", "ก.ย. ๖๘"]], page=4)
    assert [item["method"] for item in read_kpis(table)] == [
        "จำนวนคำขอที่จัดเก็บตรงวันนัด × ๑๐๐ ÷ จำนวนคำขอทั้งหมด"] * 2


def test_a_kpi_methods_hundred_with_a_zero_read_as_one_and_a_target_opening_with_a_misread_one():
    # ``๑๑๐ +`` for × ๑๐๐ ÷ (a ๐ read as the ๑ it differs from by a tail) and ``©) นวัตกรรม`` for ๑ นวัตกรรม,
    # on a Thai-digit scan of the tuning half.
    table = _table([KPI_HEAD, ["1 จำนวนนวัตกรรม", "©) นวัตกรรม", "ผลผลิต",
                               "จำนวนชุดภาพที่มีคำสำคัญครบภายใน ๑ วันทำการ ๑๑๐ + จำนวนชุดภาพทั้งหมด", "ก.ย. ๖๘"]],
                   page=4)
    [item] = read_kpis(table)
    assert item["method"] == "จำนวนชุดภาพที่มีคำสำคัญครบภายใน ๑ วันทำการ × ๑๐๐ ÷ จำนวนชุดภาพทั้งหมด"
    assert item["target"] == "๑ นวัตกรรม"
    for read, target in (("1) นวัตกรรม", "1 นวัตกรรม"), ("1) ระบบ 2) แอป", "1) ระบบ 2) แอป")):
        table = _table([KPI_HEAD, ["1 จำนวนนวัตกรรม", read, "ผลผลิต", "นับจำนวน", "ก.ย. 68"]], page=4)
        assert read_kpis(table)[0]["target"] == target


def test_a_period_whose_first_month_was_read_in_latin_lookalikes_and_its_year_lost():
    # ธ.ค. read by the English model as ``5.A.``, its year as a scrap (two scans of the tuning half); the year
    # is the second month's, less one where the first month comes later in the calendar.
    assert period("5.A. Del — ก.พ. 68") == "ธ.ค. 67 — ก.พ. 68"
    assert period("5.A. เร่ง — ก.พ. ๖๘") == "ธ.ค. ๖๗ — ก.พ. ๖๘"
    assert period("ธ.ค. ๖๗ – ก.พ. ๖๘") == "ธ.ค. ๖๗ – ก.พ. ๖๘"
    assert period("ธ.ค. ว = ก.พ. ๖๘") == "ธ.ค. ๖๗ – ก.พ. ๖๘"  # the year a letter, the dash read as =


def test_a_kpi_name_loses_its_number_read_as_latin_letters():
    # ``lo.`` for ๒. before the second indicator's name on a Thai-digit scan of the tuning half.
    assert kpi_name("lo. ร้อยละความพึงพอใจ ของผู้ใช้นวัตกรรม") == "ร้อยละความพึงพอใจ ของผู้ใช้นวัตกรรม"
    assert kpi_name("AI Chatbot ช่วยตอบคำถาม") == "AI Chatbot ช่วยตอบคำถาม"


def test_a_risk_rating_number_loses_the_bracket_a_cells_ruling_left_beside_it():
    # ``3)`` and ``๒)`` for the likelihood and impact on scans of the tuning half.
    from pipeline.extractors.ratings import rating_spelled
    assert [rating_spelled(read) for read in ("3)", "๒)", "(4", "4", "สง")] == ["3", "๒", "4", "4", "สูง"]


def test_a_kpi_periods_month_read_by_the_english_model_without_its_inner_dot_is_put_back():
    # ``ธ.ค. 67 - AW. 68``, ``พ.ย. 67 - nw. 68`` (scans of the tuning half, sc14 and sc15); a name's initials stay.
    from pipeline.extractors.form4_tables import period

    assert period("ธ.ค. 67 - AW. 68") == "ธ.ค. 67 - ก.พ. 68"
    assert period("พ.ย. 67 - nw. 68") == "พ.ย. 67 - ก.พ. 68"
    assert period("ต.ค. 67 - J.K. 68") == "ต.ค. 67 - J.K. 68"


@pytest.mark.parametrize(("read", "put"), [
    ("ส.ค. De", "ส.ค. 68"),  # ๖๘ read by the English model (seed 3297, sc16's tuning scans)
    ("ธ.ค. do - ก.พ. be", "ธ.ค. 67 - ก.พ. 68"),  # both years (seed 3285, sc15's): ธ.ค. is in the year before
    ("ธ.ค. ไวฒ - ก.พ. De", "ธ.ค. 67 - ก.พ. 68"),  # the Thai model's non-word
    ("ต.ค. ถึง ธ.ค.", "ต.ค. ถึง ธ.ค."),  # a word after a month is no year
])
def test_a_kpi_periods_years_read_as_scraps_are_the_fiscal_years(read, put):
    assert period(read, 2568) == put
    assert period(read) == read  # no fiscal year known: as read


@pytest.mark.parametrize("cell", [
    "ตัวชุีวัดที่%๒ จำนวน\nจุดทิ้งขยะชิ้นใหญ่ริม\nทางในเขตบางกะปิ",  # seed 3300 (sc16's tuning scans): marks and number misread
    "ตัวซีวัดที่ จำนวน\nจุดทิ้งขยะชิ้นใหญ่ริม\nทางในเขตบางกะปิ (\nจำนวน ๑๕ คะแนน)",  # seed 3297: ซ for ช, the number lost
])
def test_an_indicators_printed_number_misread_past_finding_is_no_part_of_its_name(cell):
    assert kpi_name(cell) == "จำนวน จุดทิ้งขยะชิ้นใหญ่ริม ทางในเขตบางกะปิ"


def test_a_step_after_a_phases_own_row_at_a_page_foot_is_its_own_even_when_the_scan_lost_its_months():
    # A black-and-white plan (seed 3311, sc17's tuning scans): the deployment phase's own row ended page 1, and the
    # first step on page 2 had its one month's bar lost; it was joined to the phase's row as the rest of its name,
    # and every step below moved up one (27 fields).
    from pipeline.extractors.gantt import read_plan
    months = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]

    def row(name: str, marked: set[int]) -> list[Cell]:
        return [Cell(name)] + [Cell("", shaded=n in marked) for n in range(12)]

    def across(name: str) -> list[Cell]:
        cell = Cell(name)
        return [cell] * 13

    first = Table([[Cell("ขั้นตอนการดำเนินการ")] + [Cell("ปีงบประมาณ พ.ศ.: ๒๕๖๘")] * 12,
                   [Cell("ขั้นตอนการดำเนินการ")] + [Cell(m) for m in months],
                   across("๑. การสร้างนวัตกรรม"), row("การสร้างนวัตกรรม", {2, 3, 4}),
                   row("ประชุมคณะทำงานเพื่อกำหนดมาตรฐาน\nการตั้งชื่อและคำสำคัญของภาพข่าว", {2}),
                   across("lo, การนำนวัตกรรมไปใช้ประโยชน์"), row("การนำนวัตกรรมไปใช้ประโยชน์", {5, 6, 7, 8, 9})],
                  page=1)
    second = Table([row("อบรมช่างภาพ นักประชาสัมพันธ์ และผู้\nประสานงานของหน่วยงาน", set()),
                    row("ใช้คลังภาพในงานข่าวประจำวันและให้\nบริการภาพแก่หน่วยงาน", {6})], page=2)
    [plan] = [b for b in merge_continued([first, second]) if isinstance(b, Table)]
    assert [step["name"] for step in read_plan(plan).steps] == [
        "การสร้างนวัตกรรม", "ประชุมคณะทำงานเพื่อกำหนดมาตรฐาน การตั้งชื่อและคำสำคัญของภาพข่าว",
        "การนำนวัตกรรมไปใช้ประโยชน์", "อบรมช่างภาพ นักประชาสัมพันธ์ และผู้ ประสานงานของหน่วยงาน",
        "ใช้คลังภาพในงานข่าวประจำวันและให้ บริการภาพแก่หน่วยงาน"]
