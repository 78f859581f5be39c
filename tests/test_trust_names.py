"""Names misread in an OCR'd value: of fixed spelling (an agency's, the policy's, a company's form), a tool's as digits."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extractors.near_names import company_form_slip, misread_name, name_doubt, number_for_name
from pipeline.extractors.record import first_form, records_of
from pipeline.extractors.trust import review_warnings
from pipeline.readers import read_document

FIXTURES = Path(__file__).parent / "fixtures"


def _warned(warnings: list[str]) -> set[str]:
    return {w.split(":", 1)[0] for w in warnings}


@pytest.mark.slow
def test_an_agency_name_misread_inside_a_partner_is_warned():
    # ``sc16tune``'s scan-tune3287-form1.tif: page 1's head and page 2's partners (JPEG in TIFF, as scanned). The
    # second partner's สำนักการระบายน้ำ reads ``สาน กการระบายน้ำ``, good Thai to every spelling rule.
    path = FIXTURES / "scan_form1_agency_name_misread_in_partner.tif"
    record = first_form(records_of(read_document(path), path)).to_json()
    partners = record["fields"]["internal_partners"]
    assert partners[1]["name"].replace(" ", "") != "กองระบบคลองสำนักการระบายน้ำ"  # the page's misread, not made up
    warned = [w for w in record["warnings"] if w.startswith("internal_partners[1].name:")]
    assert warned and "สำนักการระบายน้ำ" in warned[0]
    assert "internal_partners[0].name" not in _warned(record["warnings"])  # the first partner reads right


def test_a_policy_dimension_misread_before_its_number_is_doubted():
    # ``sc18tune``'s scan-tune3372-form2 policy as read (ดี read ดิ, a word of its own)
    assert misread_name("บ ริหารจัดการดิ 12รัฐดิจิทัล") == ("บริหารจัดการดิ", "บริหารจัดการดี")
    assert misread_name("บริหารจัดการดี 12 รัฐดิจิทัล") is None
    # a dimension's words with no item number after them are other words (สุขภาพดีขึ้น)
    assert misread_name("ผู้ป่วยมีสุขภาพดีขึ้นและลดการนอนโรงพยาบาล") is None


def test_a_district_office_before_other_words_is_not_taken_for_another_district():
    # สำนักงานเขต then พัฒนา… is one letter off สำนักงานเขตวัฒนา: a district's own name is too short to tell
    assert misread_name("ร่วมกับผู้ประสานงานประชาสัมพันธ์ของสำนักและสำนักงานเขต พัฒนาระบบนัดหมาย") is None
    assert misread_name("สำนักงานเขตบางกะปิ ร่วมกับ สำนักการระบายน้ำ") is None


def test_a_partner_company_without_its_legal_form_is_warned():
    # ``cf22ph``'s tune1313-certificate partner as read (จำกัด read เจกัด: เจ and กัด are words)
    read = "บริษัท ซิตี้ลิงค์ ซอฟต์แวร์&เซอร์วิสเจกัด (มหาชน)"
    assert company_form_slip("partner", read) == "จำกัด"
    warned = review_warnings("certificate", {"partner": read}, {}, 0.97)
    assert "partner" in _warned(warned)
    right = "บริษัท ซิตี้ลิงก์ ซอฟต์แวร์ & เซอร์วิส จำกัด (มหาชน)"
    assert "partner" not in _warned(review_warnings("certificate", {"partner": right}, {}, 0.97))
    assert company_form_slip("external_partners[0].name", "บริษัท ดิจิทัลออฟฟิศ ไทยแลนด์ จำกัด") is None
    # another field naming a company in passing, and บริษัทฯ ("the company"), are not a company's name
    assert company_form_slip("partner_work", "บริษัท ดูแลระบบ") is None
    assert company_form_slip("partner", "บริษัทฯ ดูแลระบบ") is None
    assert name_doubt("partner", read, person=True) is None


@pytest.mark.slow
def test_a_tool_name_read_as_a_number_is_warned():
    # ``cf24ph``'s tune1373-form3 page 1 (a photo in a PDF): the tools ``IoT, 4G และ Grafana`` read ``161 4G และ
    # Grafana`` (161 at 0.85: no confidence cut tells it). A tool's name is no bare number.
    path = FIXTURES / "photo_form3_tool_name_read_as_number.pdf"
    [record] = records_of(read_document(path), path, "form3")
    assert record.model_dump(mode="json")["fields"]["tools"].startswith("161")
    warned = [w for w in record.warnings if w.startswith("tools:")]
    assert warned and "'161'" in warned[0]
    assert number_for_name("tools", "IoT, 4G และ Grafana") is None
    assert number_for_name("targets", "ลดเวลาลง 50 นาที") is None  # other fields count things
