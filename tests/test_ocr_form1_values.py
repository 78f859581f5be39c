"""Form 1 as OCR reads a scan: a label glued to the value before it, คือ read as Latin, a name split by a space,
a letter set apart from a misread word."""

from __future__ import annotations

from pipeline.document import Document
from pipeline.extractors.record import _names_spelled, records_of
from pipeline.extractors.spelling import stray_letters
from pipeline.extractors.trust import text_doubt
from pipeline.readers.ocr.layout import OcrParagraph

HEAD = ["แบบฟอร์ม 1", "แบบเสนอแนวคิดในการพัฒนานวัตกรรม", "เพื่อเพิ่มประสิทธิภาพการปฏิบัติงานของหน่วยงาน"]


def _fields(*lines: str) -> dict:
    blocks = [OcrParagraph(text, where=f"page 1, line {n}", page=1, confidence=0.95)
              for n, text in enumerate([*HEAD, *lines], 1)]
    records = records_of(Document(blocks, source="scan.pdf", format="scan", pages=1), "scan.pdf")
    assert [r.kind for r in records] == ["form1"]
    return records[0].model_dump(mode="json")["fields"]


def test_a_slashed_inline_label_glued_to_the_value_before_it_still_ends_that_value():
    # OCR lost the space before กอง/สำนักงาน, whose value was left blank: before, the label went into section_unit.
    fields = _fields("ฝ่าย/กลุ่มงาน ฝ่ายทะเบียนกอง/สำนักงาน", "สำนัก/สำนักงานเขต สำนักงานเขตบางกะปิ",
                     "ชื่อแนวคิด ทะเบียนประวัติการลอกท่อบนแผนที่ดิจิทัล")
    assert fields["section_unit"] == "ฝ่ายทะเบียน"
    assert fields["division"] is None
    glued = _fields("ฝ่าย/กลุ่มงาน ฝ่ายทะเบียนกอง/สำนักงาน กองรายได้", "สำนัก/สำนักงานเขต สำนักงานเขตบางกะปิ")
    assert (glued["section_unit"], glued["division"]) == ("ฝ่ายทะเบียน", "กองรายได้")


def test_the_word_before_the_innovation_read_as_latin_is_not_part_of_it():
    # The bold คือ ending the printed label, read ``AD``.
    fields = _fields("สำนัก/สำนักงานเขต สำนักงานเขตบางกะปิ", "ชื่อแนวคิด ทะเบียนประวัติการลอกท่อ",
                     "๔. นวัตกรรมที่จะพัฒนา AD แผนที่ท่อระบายน้ำอุดตันเขตบางกะปิ", "(Drain Map)")
    assert fields["innovation"] == "แผนที่ท่อระบายน้ำอุดตันเขตบางกะปิ (Drain Map)"


def test_an_agency_word_ocr_split_with_a_space_and_lost_marks_of_is_spelt_whole():
    read = {"division": "กองควบคุม ระบบระบาย นำ", "name": "กองสารสนเทศระบาย นำ สำนักการระบายน้ำ",
            "work": "การระบาย นำส่ง"}
    assert _names_spelled(read) == {"division": "กองควบคุม ระบบระบายน้ำ",
                                    "name": "กองสารสนเทศระบายน้ำ สำนักการระบายน้ำ",
                                    "work": "การระบาย นำส่ง"}  # นำส่ง runs on: two words, not the name


def test_a_letter_set_apart_from_a_word_it_does_not_begin_is_doubted():
    assert stray_letters("บ รีหารจัดการดี 12รัฐดิจิทัล") == ["บ รีหารจัดการดี"]
    assert text_doubt("policy", "บ รีหารจัดการดี 12รัฐดิจิทัล", "form1") is not None
    # A right word OCR set a letter apart from, at its start or its end, and ณ, a word of one letter.
    for right in ("บ ริหารจัดการดี 12 รัฐดิจิทัล", "เพจกรุงเทพมหานค ร รายสัปดาห์", "ณ จุดเดียว"):
        assert stray_letters(right) == []


def test_a_numbered_label_glued_to_its_number_after_a_page_numbers_scrap_still_ends_the_value_before():
    # The next page's first line: its page number read as a scrap (``อ๓อ``) before ``๕.`` and the label, glued.
    fields = _fields("สำนัก/สำนักงานเขต สำนักงานเขตบางกะปิ", "ชื่อแนวคิด ทะเบียนประวัติการลอกท่อ",
                     "๔. นวัตกรรมที่จะพัฒนา คือ ระบบติดตามสถานะเครื่องสูบน้ำแบบทันเวลา (DDS", "Pump Watch)",
                     "อ๓อ๕.ผู้มีส่วนร่วมดำเนินการในการพัฒนานวัตกรรม ได้แก่",
                     "๕.๑ หน่วยงานภายในกรุงเทพมหานคร ได้แก่", "๑) ฝ่ายปกครอง สำนักงานเขตบางกะปิ")
    assert fields["innovation"] == "ระบบติดตามสถานะเครื่องสูบน้ำแบบทันเวลา (DDS Pump Watch)"


def test_a_signature_line_whose_lngchue_ocr_misread_ends_the_partner_list_before_it():
    # ลงชื่อ read ``ลงซื้อ`` (ช as ซ): the last, empty partner item took the signature line as its contribution.
    fields = _fields("สำนัก/สำนักงานเขต สำนักงานเขตบางกะปิ", "ชื่อแนวคิด ทะเบียนประวัติการลอกท่อ",
                     "๕. ผู้มีส่วนร่วมดำเนินการในการพัฒนานวัตกรรม ได้แก่",
                     "กรณีดำเนินการร่วมกับหน่วยงานอื่นภายนอกสังกัดกรุงเทพมหานคร หรือองค์กรเอกชน หรือประชาชนทั่วไป",
                     "1) บริษัทซิตี้ลิงก์ซอฟต์แวร์ จำกัด สัดส่วนร้อยละ 30 โดยได้ดำเนินการ พัฒนาระบบนัดหมาย",
                     "2) | สัดส่วนร้อยละ . โดยได้ดำเนินการ", "ลงซื้อ ' เจ้าหน้าที่ผู้ปฏิบัติงาน",
                     "( นายวีรยุทธ ชัยมงคล ) ผู้เสนอแนวคิด")
    assert [p["contribution"] for p in fields["external_partners"]][1:] in ([], [None])
    assert fields["proposer_name"] == "นายวีรยุทธ ชัยมงคล"


def test_a_signature_line_read_with_a_speck_and_its_ch_as_so_ends_the_partners_and_gives_its_name():
    # ``| ลงซื่อ`` for ลงชื่อ (seed 3364, sc18's tuning scans): the blank external partners took the signature
    # line and the proposer's bracket as two partners, and the proposer's name was lost.
    fields = _fields("๕.ผู้มีส่วนร่วมดำเนินการในการพัฒนานวัตกรรม ได้แก่",
                     "กรณีดำเนินการร่วมกับหน่วยงานอื่นภายนอกสังกัดกรุงเทพมหานคร",
                     "หรือองค์กรเอกชน หรือประชาชนทั่วไป",
                     "(ระบุชื่อหน่วยงานที่ร่วมดำเนินการ ระบุสัดส่วนการดำเนินการ พร้อมทั้งอธิบายว่า",
                     "มีการร่วมดำเนินการอย่างไร)", "1) สัดส่วนร้อยละ โดยได้ดำเนินการ",
                     "2) สัดส่วนร้อยละ โดยได้ดำเนินการ", "| ลงซื่อ เจ้าหน้าที่ผู้ปฏิบัติงาน",
                     "0) ( นายธีรวัฒน์ จันทร์หอม ) ผู้เสน อแนวคิด")
    assert fields["external_partners"] is None
    assert fields["proposer_name"] == "นายธีรวัฒน์ จันทร์หอม"
