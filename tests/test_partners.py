"""Form 1's partner lists read from text: items, shares, and blank items OCR read as scraps (fast)."""

from __future__ import annotations

from pipeline.extractors.partners import read_partners


def test_a_filled_partner_item_is_read_with_its_share_and_work():
    items, warnings = read_partners("1) บริษัท ก จำกัด สัดส่วนร้อยละ 30 โดยได้ดำเนินการ พัฒนาระบบ", True)
    assert items == [{"name": "บริษัท ก จำกัด", "share_percent": 30, "contribution": "พัฒนาระบบ"}]
    assert warnings == []


def test_blank_items_whose_leaders_ocr_read_as_scraps_are_no_partner():
    # the form's printed words and a speck or two, the item number of the second line lost
    scanned = "1) ก สัดส่วนร้อยละ โดยได้ดำเนินการ\nสัดส่วนร้อยละ โดยได้ดำเนินการ ๐ 0"
    assert read_partners(scanned, True) == (None, [])
    assert read_partners("2) โดยได้ดำเนินการ", False) == (None, [])


def test_a_partner_named_by_a_short_name_is_kept():
    items, _ = read_partners("1) กฟน สัดส่วนร้อยละ 30 โดยได้ดำเนินการ ๐", True)
    assert items == [{"name": "กฟน", "share_percent": 30, "contribution": None}]


def test_a_scans_item_number_with_a_space_before_its_bracket_starts_an_item():
    # ``๒ )`` as OCR read a scanned Form 1: before, the second partner ran on inside the first one's work.
    text = ("๑)กลุ่มงานผลิตสื่อ สำนักงานประชาสัมพันธ์ โดยได้ดำเนินการ คัดเลือกภาพ\n"
            "๒ ) กองยุทธศาสตร์เทคโนโลยีสารสนเทศและการสื่อสาร โดยได้ดำเนินการ จัดสรรพื้นที่คลาวด์")
    items, _ = read_partners(text, with_share=False)
    assert [item["name"] for item in items] == ["กลุ่มงานผลิตสื่อ สำนักงานประชาสัมพันธ์",
                                                "กองยุทธศาสตร์เทคโนโลยีสารสนเทศและการสื่อสาร"]


def test_the_start_of_the_work_words_ocr_split_onto_the_names_line_is_not_the_names():
    text = "๑)ศูนย์บริการข้อมูลกรุงเทพมหานคร สำนักงานประชาสัมพันธ์โดย\nโดยดำเนินการ ร่วมกำหนดระดับความเร่งด่วนของข่าว"
    items, _ = read_partners(text, with_share=False)
    assert items == [{"name": "ศูนย์บริการข้อมูลกรุงเทพมหานคร สำนักงานประชาสัมพันธ์",
                      "contribution": "ร่วมกำหนดระดับความเร่งด่วนของข่าว"}]


def test_the_forms_hint_whose_closing_bracket_ocr_lost_is_no_partner():
    text = ("(ระบุชื่อส่วนราชการภายในหน่วยงานที่ร่วมดำเนินการ พร้อมทั้งอธิบายว่ามีการ\nร่วมดำเนินการอย่างไร\n"
            "๑)กลุ่มงานผลิตสื่อ โดยได้ดำเนินการ คัดเลือกภาพ")
    items, _ = read_partners(text, with_share=False)
    assert items == [{"name": "กลุ่มงานผลิตสื่อ", "contribution": "คัดเลือกภาพ"}]


def test_an_item_number_ocr_read_as_latin_letters_starts_an_item_and_latin_in_a_name_does_not():
    # ``lo)`` for ๒) (a scan of the tuning half): before, the second partner ran on inside the first one's work.
    text = ("๑) กลุ่มงานผลิตสื่อ สำนักงานประชาสัมพันธ์ โดยได้ดำเนินการ คัดเลือกภาพหลังกลับจากภารกิจ lo) "
            "กองยุทธศาสตร์เทคโนโลยีสารสนเทศ (IT) โดยได้ดำเนินการ จัดสรรพื้นที่คลาวด์")
    items, _ = read_partners(text, with_share=False)
    assert [item["name"] for item in items] == ["กลุ่มงานผลิตสื่อ สำนักงานประชาสัมพันธ์",
                                                "กองยุทธศาสตร์เทคโนโลยีสารสนเทศ (IT)"]


def test_a_blank_item_whose_number_ocr_lost_does_not_run_on_into_the_work_before_it():
    # ``2)`` of a blank item read ``2 . .`` (a scan of the tuning half, sc14): its printed work words had run on
    # into the first partner's work. An item prints them once; a second is the next item's.
    text = ("1)กลุ่มงานวิเคราะห์ข่าว สำนักงานประชาสัมพันธ์โดยได้ดำเนินการ\n"
            "ตรวจสอบความถูกต้องของชุดคำตอบและจัดทำสรุปเสนอผู้บริหาร\n2 . . โดยได้ดำเนินการ")
    items, _ = read_partners(text, with_share=False)
    assert items == [{"name": "กลุ่มงานวิเคราะห์ข่าว สำนักงานประชาสัมพันธ์",
                      "contribution": "ตรวจสอบความถูกต้องของชุดคำตอบและจัดทำสรุปเสนอผู้บริหาร"}]
