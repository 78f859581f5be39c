"""Thai text: dates, digits, fiscal years, numbers, baht words, normalization."""

import datetime as dt

import pytest

from pipeline import thai


@pytest.mark.parametrize("text", ["15 มกราคม 2568", "15 ม.ค. 68", "๑๕ ม.ค. ๒๕๖๘", "15 ม.ค. 2568", "15/01/2568",
                                  "2025-01-15", "๑๕ มกราคม พ.ศ. ๒๕๖๘"])
def test_every_date_form_of_forms_md_is_parsed(text):
    assert thai.parse_date(text) == dt.date(2025, 1, 15)


@pytest.mark.parametrize("text", ["๑๕ มกราคม ๒๕๖ ๘", "15 ม.ค. 25 68", "15 ม.ค. 68 10"])
def test_a_year_ocr_split_with_a_space_is_one_year_and_a_day_after_a_short_year_stays_out(text):
    assert thai.parse_date(text) == dt.date(2025, 1, 15)


def test_blank_date_is_none_and_garbage_is_an_error():
    assert thai.parse_date("..........") is None
    with pytest.raises(ValueError):
        thai.parse_date("เร็ว ๆ นี้")


def test_date_is_written_the_thai_government_way():
    assert thai.format_date(dt.date(2025, 1, 15)) == "15 มกราคม 2568"
    assert thai.format_date(dt.date(2025, 1, 15), "abbr") == "15 ม.ค. 68"
    assert thai.format_date(dt.date(2025, 1, 15), thai_digits=True) == "๑๕ มกราคม ๒๕๖๘"


def test_fiscal_year_runs_october_to_september():
    assert thai.fiscal_year_of(dt.date(2024, 9, 30)) == 2567
    assert thai.fiscal_year_of(dt.date(2024, 10, 1)) == 2568
    assert thai.fiscal_year_bounds(2568) == (dt.date(2024, 10, 1), dt.date(2025, 9, 30))
    assert thai.FISCAL_MONTHS[0] == 10 and thai.FISCAL_MONTHS[-1] == 9
    assert thai.fiscal_month_year(2568, 11) == 2024 and thai.fiscal_month_year(2568, 3) == 2025
    assert [thai.fiscal_quarter(m) for m in (10, 12, 1, 4, 9)] == [1, 1, 2, 3, 4]


def test_buddhist_era_years_convert_both_ways():
    assert thai.be_to_ce(2568) == 2025 and thai.be_to_ce(68) == 2025 and thai.ce_to_be(2025) == 2568


@pytest.mark.parametrize("name,month", [("ต.ค.", 10), ("ตค", 10), ("มีนาคม", 3), ("มี.ค.", 3), ("๙", 9), ("ก.ย.", 9)])
def test_thai_month_names_and_abbreviations_are_numbered(name, month):
    assert thai.month_number(name) == month


@pytest.mark.parametrize("text,value", [("๔๕,๐๐๐ บาท", 45000), ("ร้อยละ 70", 70), ("12.5", 12.5),
                                        ("1,234,567.25", 1234567.25), ("๖๐", 60), ("150 000 บาท", 150000),
                                        ("งบประมาณ 1 250 000 บาท", 1250000), ("3 ชั่วโมง 15 นาที", 3),
                                        ("ลดลง 30 1500 ครั้ง", 30)])
def test_numbers_in_thai_or_arabic_digits_are_parsed(text, value):
    assert thai.parse_number(text) == value


def test_digits_convert_both_ways():
    assert thai.to_arabic_digits("ปี ๒๕๖๘") == "ปี 2568"
    assert thai.to_thai_digits("2568") == "๒๕๖๘"


def test_baht_amount_in_words():
    assert thai.baht_text(45000) == "สี่หมื่นห้าพันบาทถ้วน"
    assert thai.format_number(45000) == "45,000"


def test_pdf_text_artifacts_are_normalized():
    # SARA AM split as NIKHAHIT + SARA AA, tone mark before or between; Word's PUA tone glyphs; zero-width
    assert thai.normalize("น\u0e4d\u0e49\u0e32") == "น้ำ"
    assert thai.normalize("น\u0e49\u0e4d\u0e32") == "น้ำ"
    assert thai.normalize("ท\u0e4d\u0e32งาน") == "ทำงาน"
    assert thai.normalize("ก\uf70bา") == "ก้า"  # U+F70B: MAI THO shifted down (Windows PUA)
    assert thai.normalize("ก\uf88eา") == "ก้า"  # U+F88E: the same on a Mac
    assert thai.normalize("สำ\u200bนัก") == "สำนัก"
    assert thai.normalize("ชื ่อ") == "ชื่อ"
    assert thai.normalize("ช\u0e48\u0e37อ") == "ชื่อ"  # tone stored before the vowel it sits on
    assert thai.normalize("ศักดิ\u0e4c") == thai.normalize("ศักด\u0e4cิ") == "ศักดิ์"
