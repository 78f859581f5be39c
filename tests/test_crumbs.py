"""Crumbs after an OCR'd value: a smudge, stamp or signature read as text is taken off, and the clerk told."""

from __future__ import annotations

import pytest

from pipeline.extractors.crumbs import crumbs_taken_off, without_trailing_crumbs


@pytest.mark.parametrize("read,kept", [
    ("ระบบเตือนภัย (Flood Alert) ey Vi ae a", "ระบบเตือนภัย (Flood Alert)"),  # Latin scraps
    ("ใช้ข้อมูลร่วมกันได้ , ม บ", "ใช้ข้อมูลร่วมกันได้"),  # Thai letters that are no word
    ("(Smart Queue) ๑7 vi a ๔7 a ๑/ AR Y", "(Smart Queue)"),  # Thai and Arabic digits run together
    ("ติดตั้งครบทุกจุด , .", "ติดตั้งครบทุกจุด"),  # punctuation alone
    ("บ่อสูบน้ำนำร่อง ๓๐ แห่ง ๐) ล", "บ่อสูบน้ำนำร่อง ๓๐ แห่ง"),  # an item number with nothing after it
])
def test_trailing_crumbs_are_taken_off(read, kept):
    assert without_trailing_crumbs(read)[0] == kept


@pytest.mark.parametrize("text", [
    "ระยะเวลาดำเนินการ 1 ปี",  # ปี is a word
    "ไม่น้อยกว่าร้อยละ 80",
    "จัดเก็บได้ครบ 100 %",
    "ใช้ LINE OA เดิม",
    "ประสานงานกับฝ่าย IT",  # one short token may be the value's own last word
    "บริษัท ตัวอย่าง จำกัด (มหาชน)",
    "ตามแนวทางที่กำหนด (ดูข้อ 1) ก",  # the number closes the value's own bracket
])
def test_a_value_ending_in_its_own_words_stays(text):
    assert without_trailing_crumbs(text) == (text, "")


def test_what_was_taken_off_is_reported_by_field_path():
    fields = {"innovation": "ระบบจองคิว ฆม ข เ", "steps": [{"name": "ประชุมคณะทำงาน , ."}], "budget": 5000}
    kept, taken = crumbs_taken_off(fields)
    assert kept == {"innovation": "ระบบจองคิว", "steps": [{"name": "ประชุมคณะทำงาน"}], "budget": 5000}
    assert taken == {"innovation": "ฆม ข เ"}  # punctuation alone is not worth a warning


def test_a_value_of_punctuation_alone_is_blanked_and_reported_but_a_dash_stays():
    kept, taken = crumbs_taken_off({"extended_from": "|", "extended_what": "-", "partner": "บริษัท ก"})
    assert kept == {"extended_from": None, "extended_what": "-", "partner": "บริษัท ก"}
    assert taken == {"extended_from": "|"}
