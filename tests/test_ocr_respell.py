"""OCR respelling: Thai words and person names whose marks OCR lost, added or swapped (fast: no Tesseract)."""

from __future__ import annotations

import pytest

from pipeline.extractors.people import people_spelled
from pipeline.readers.ocr.respell import fold, respell, respell_name


@pytest.mark.parametrize("ocr,expected", [
    ("ผู้ตอบไม่น่อยกว่ารอยละ 70", "ผู้ตอบไม่น้อยกว่าร้อยละ 70"),  # a tone swapped; รอย + ละ read as two words
    ("ค่าใฉลียรายเดือน", "ค่าเฉลี่ยรายเดือน"),  # ใ for เ and a lost tone in one word
    ("ประชุมชมชนริมคลอง", "ประชุมชุมชนริมคลอง"),  # a lost lower vowel: ชม + ชน read as words
    ("พัฒนานวัตุกรรมบริการ", "พัฒนานวัตกรรมบริการ"),  # a speck read as a lower vowel
    ("เจ้าหน้ำที่ 12 คน", "เจ้าหน้าที่ 12 คน"),  # า read as ำ
    ("ตัดตามผลรายเดือน", "ติดตามผลรายเดือน"),  # ตัด + ตาม are words, but far less likely in a row than ติดตาม
    ("จ้านวนคำขอ", "จำนวนคำขอ"),  # ำ's circle read as a tone
    ("เพื่อก่าหนืดมาตรฐาน", "เพื่อกำหนดมาตรฐาน"),  # a speck read as a vowel: กำหนด, not the rarer กำหนัด
    ("ติดตังอุปกรณ์", "ติดตั้งอุปกรณ์"),  # a misspelling the dictionary lists but the corpus never saw
    ("ไห้บริการประชาชน", "ให้บริการประชาชน"),  # a short word 400 times rarer than its marked twin
])
def test_a_misread_word_is_respelt_from_the_dictionary(ocr, expected):
    assert respell(ocr) == expected


@pytest.mark.parametrize("text", [
    "ภาพข่าวของกรุงเทพมหานคร",  # ข่าว + ของ are words: not ข้าวของ
    "ระบบรับส่งหนังสือราชการ",  # รับ + ส่ง: not รับสั่ง, which is rarer than either
    "ที่ไม่เป็นเทคโนโลยีพื้นฐาน",  # ไม่ is far commoner than ไม้
    "จำนวนชุมชนที่นำมาตรการไปปฏิบัติ",
    "แดชบอร์ดแสดงสถานะ",  # a loan word the dictionary lacks keeps its แ
    "เกิดแหล่งเพาะยุง",  # ยุง is rarer than ยัง, but not 400 times
    "ใช้กล่องกันน้ำมาตรฐาน",  # กันน้ำ, unseen in the corpus as one word, is as likely as กัน + น้ำ: not กินน้ำ
    "นางสาวอรุณี ทรัพย์มาก",  # a name is not cut to a word (อรุณ)
    "Bang Kapi 2568 (QR Code)",
])
def test_text_read_right_stays_as_read(text):
    assert respell(text) == text


def test_fold_keeps_the_letters_ocr_keeps():
    assert fold("ใฉลี่ย") == fold("เฉลี่ย") == "เฉลย"
    assert fold("น้ำ") == fold("นา") == "นา"


@pytest.mark.parametrize("read,family,expected", [
    ("ชนี้ดา", False, "ชนิดา"),  # a mark swapped and one added
    ("กุมลวรรณ", False, "กมลวรรณ"),  # a speck as a lower vowel
    ("สรุชัย", False, "สุรชัย"),  # a mark put on the next letter (two edits make it สิริชัย)
    ("ลิ่มเจริญ", True, "ลิ้มเจริญ"),
    ("ศรีวงศ์", True, "ศรีวงศ์"),  # not in the lists and reads as words: not given more marks (ศิริวงศ์)
    ("วิลเลียมส์", True, "วิลเลียมส์"),  # nothing listed with these letters
])
def test_a_person_name_is_spelt_as_the_name_lists_spell_it(read, family, expected):
    assert respell_name(read, family=family) == expected


def test_people_spelled_respells_only_values_that_are_a_persons_name():
    values = {
        "proposer_name": "นางสาวชนี้ดา อินทรสุวรรณ",
        "partner_rep_name": "( นายกิตติพงษ์ ลิ่มเจริญ )",
        "idea_name": "ระบบนัดหมายชนี้ดา ออนไลน์",  # not a title, a given and a family name
        "steps": [{"owner": "นางสาวกุมลวรรณ ศรีวงศ์"}],
        "budget": 150000,
    }
    assert people_spelled(values) == {
        "proposer_name": "นางสาวชนิดา อินทรสุวรรณ",
        "partner_rep_name": "( นายกิตติพงษ์ ลิ้มเจริญ )",
        "idea_name": "ระบบนัดหมายชนี้ดา ออนไลน์",
        "steps": [{"owner": "นางสาวกมลวรรณ ศรีวงศ์"}],
        "budget": 150000,
    }


def test_a_count_read_with_a_look_alike_is_the_number_it_shows():
    from pipeline.document import Cell, Table
    from pipeline.readers.ocr.digits import mend_arabic_numbers

    rows = [["ข้อ", "มาก (3)", "น้อย (2)"], ["1", "30", "1"], ["2", "2/", "l2"], ["3", "28", "11"], ["4", "29", "0"],
            ["5", "26", "2"]]
    table = Table([[Cell(text) for text in row] for row in rows])
    mend_arabic_numbers(table)
    assert [[c.text for c in row] for row in table.rows][2] == ["2", "27", "12"]
    assert table.rows[3][2].text == "11"
    assert table.rows[0][1].text == "มาก (3)"


def test_a_column_of_words_keeps_its_slashes():
    from pipeline.document import Cell, Table
    from pipeline.readers.ocr.digits import mend_arabic_numbers

    table = Table([[Cell("1/2568")], [Cell("ก.ค.")], [Cell("2/2568")]])
    mend_arabic_numbers(table)
    assert [row[0].text for row in table.rows] == ["1/2568", "ก.ค.", "2/2568"]


@pytest.mark.parametrize("read,expected", [
    ("นายกิตติพงษ์ลิ่มเจริญ", "นายกิตติพงษ์ ลิ้มเจริญ"),  # the space lost: put back after the listed given name
    ("(นายสมชายศรีสุข)", "(นายสมชาย ศรีสุข)"),
    ("นายกขคง", "นายกขคง"),  # no listed given name at its start: left as read
])
def test_a_name_whose_space_ocr_lost_is_parted_at_its_given_name(read, expected):
    assert people_spelled(read) == expected


def test_the_respelling_index_is_kept_on_disk_and_read_back(tmp_path, monkeypatch):
    """Every reader process built the index (~0.5 s CPU); now the first writes it to the cache folder, the others
    read it (~0.1 s). A broken file is built again, and the file's name changes with the code that builds it."""
    import marshal

    from pipeline.readers.ocr import respell as module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = module._build_index()
    module._index.cache_clear()
    try:
        assert module._index() == built
        files = list((tmp_path / "bma-pipeline").glob("respell-index-*.marshal"))
        assert files == [module._cache_path()]
        files[0].write_bytes(marshal.dumps({"กก": (("ก้ก", 7),)}))  # what is on disk is what is used
        module._index.cache_clear()
        assert module._index() == {"กก": (("ก้ก", 7),)}
        files[0].write_bytes(b"\x00broken")
        module._index.cache_clear()
        assert module._index() == built
        assert module._cache_path().name.startswith("respell-index-")
    finally:
        module._index.cache_clear()


def test_the_respelling_cache_goes_where_the_setting_says_and_leaves_no_stale_index(tmp_path, monkeypatch):
    """``PIPELINE_CACHE_DIR`` names the folder; an index an older code wrote there is removed when the new one is
    written (each is about 4 MB and would never be read again)."""
    from pipeline.readers.ocr import respell as module

    folder = tmp_path / "kept"
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(folder))
    folder.mkdir()
    stale = folder / "respell-index-0000000000000000.marshal"
    stale.write_bytes(b"older")
    module._index.cache_clear()
    try:
        module._index()
        assert list(folder.glob("respell-index-*.marshal")) == [module._cache_path()]
        assert module._cache_path().parent == folder and not stale.exists()
        assert not [p for p in folder.iterdir() if p.suffix != ".marshal"]  # no temporary file left behind
    finally:
        module._index.cache_clear()
