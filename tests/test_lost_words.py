"""A value read from a line whose words the reader dropped from its text is warned, though it reads as good Thai."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from pipeline.document import Document, Paragraph
from pipeline.extractors.lost_words import lost_words_warnings
from pipeline.readers import read_document
from pipeline.readers.ocr.confidence import added_piece, added_words, dropped_words, lost_piece
from pipeline.readers.ocr.layout import OcrParagraph
from pipeline.readers.ocr.pages import read_page_image

FIXTURES = Path(__file__).parent / "fixtures"  # made by tests/fixtures/make_word_confidence_fixtures.py
# ``tune1200-form4``'s problem as read: its second line (กรุงเทพมหานครกว่า 40,000 ภาพต่อปี …) is lost, every word right.
READ = ("สำนักงานประชาสัมพันธ์บันทึกภาพข่าวภารกิจผู้บริหาร ที่โดยไม่มีคำสำคัญกำกับ การค้นหาภาพเพื่อประกอบข่าวหรือส่งให้ "
        "หน่วยงานอื่นใช้เวลาเฉลี่ย35นาทีต่อครั้งข่าวจึงเผยแพร่ช้าและมีภาพ ซ้ำซ้อนสิ้นเปลืองพื้นที่จัดเก็บ")


# ``scan-tune3403-form4``'s project nature as read: its opening taken for the rest of the guidance above it.
NATURE = "บริหารจัดการดี 12 รัฐดิจิทัล และเป็นโครงการตาม ภารกิจประจำของกลุ่มงานคลังข้อมูลข่าวสาร เป็นโครงการใหม่"


def _as_merged(blocks: list, lost: str, into: str) -> Document:
    """The page as the reader gave it before the two lines were kept apart (``layout._apart``): the line holding
    ``lost`` taken into the row of the line holding ``into``, its words kept, its text dropped."""
    [gone] = [b for b in blocks if isinstance(b, Paragraph) and lost in b.text]
    [host] = [b for b in blocks if isinstance(b, Paragraph) and into in b.text]
    host.words = gone.words + host.words
    return Document([b for b in blocks if b is not gone], format="scan")


@pytest.fixture(scope="module")
def problem_lines() -> Document:
    page = cv2.imread(str(FIXTURES / "photo_form4_problem_line_dropped.jpg"), cv2.IMREAD_GRAYSCALE)
    return _as_merged(read_page_image(page, 300.0, 1, 120.0), "ฮาร์ดดิสก์", "กำกับ")


@pytest.mark.slow
def test_a_value_whose_line_lost_words_the_ocr_read_is_warned(problem_lines):
    lost = [b for b in problem_lines.blocks if isinstance(b, Paragraph) and lost_piece(b.words, b.text)]
    assert len(lost) == 1 and "กวา40,000ภาพ" in lost_piece(lost[0].words, lost[0].text)  # one line, its words kept
    dropped = dropped_words(problem_lines)
    warned = lost_words_warnings("form4", {"problem": READ}, dropped, [])
    assert len(warned) == 1 and warned[0].startswith("problem:") and "กรงเทพมหานคร" in warned[0]
    assert not lost_words_warnings("form4", {"problem": READ}, dropped, ["problem: warned already"])
    # a value of the lines read whole, or a short one that shares a word with the line, is not the line's
    assert dropped("สำนักงานประชาสัมพันธ์บันทึกภาพข่าวภารกิจผู้บริหาร") is None
    assert dropped("ซ้ำซ้อนสิ้นเปลืองพื้นที่จัดเก็บ") is None
    assert dropped("1 การค้นหาภาพ") is None


@pytest.mark.slow
def test_a_value_whose_label_line_lost_words_is_warned_through_its_provenance():
    read = read_document(FIXTURES / "scan_form4_guidance_line_dropped.png")
    document = _as_merged(read.blocks, "ความสอดคล้อง", "แผนปฏิบัติการ")
    [guidance] = [b for b in document.blocks if isinstance(b, Paragraph) and lost_piece(b.words, b.text)]
    assert "ความสอดค" in lost_piece(guidance.words, guidance.text)  # ระบุความสอดคล้องกับนโยบาย… dropped
    dropped = dropped_words(document)
    assert dropped(NATURE, None) is None  # the value's own lines lost nothing
    assert dropped(NATURE, guidance.where)  # the line it was found at did
    warned = lost_words_warnings("form4", {"project_nature": NATURE}, dropped, [], {"project_nature": guidance.where})
    assert [w.split(":", 1)[0] for w in warned] == ["project_nature"]


def test_a_line_whose_text_keeps_its_words_lost_nothing():
    words = (("ที", 0.93), ("โด", 0.7), ("ย", 0.97), ("ไม", 0.93), ("ม", 0.93), ("ค", 0.93), ("า", 0.91))
    assert lost_piece(words, "ที่โดยไม่มีคำ") is None
    assert lost_piece(words + (("ศ", 0.5), ("ม", 0.5), ("ส", 0.5)), "ที่โดยไม่มีคำ") is None  # a speck's few letters


@pytest.mark.slow
def test_a_value_holding_letters_the_ocr_did_not_read_is_warned():
    # ``scan-tune3461-survey``'s fifth question, its second line ``ปัจจุบัน`` mended to Form 2's label ``ในปัจจุบัน``
    document = read_document(FIXTURES / "scan_survey_question_label_mended_in.png")
    added = added_words(document)
    read = "ข้อมูลในระบบถูกต้องและเป็น ในปัจจุบัน"
    assert added(read) and "ในปัจ" in added(read)
    assert added("ระบบช่วยลดการโทรสอบถาม สถานะระหว่างฝนตกหนัก") is None  # a row read as Tesseract read it
    questions = {"questions": [{"text": "ระบบช่วยลดการโทรสอบถามสถานะระหว่างฝนตกหนัก"}, {"text": read}]}
    warned = lost_words_warnings("survey", questions, dropped_words(document), [], None, added)
    assert [w.split(":", 1)[0] for w in warned] == ["questions[1].text"]


def test_an_abbreviation_the_reader_mended_is_no_added_word():
    words = (("(", 0.9), ("ธ", 0.93), ("ค", 0.93), ("67", 0.9), ("A.W.", 0.6), ("68)", 0.9))
    assert added_piece(words, "(ธ.ค. 67 - ก.พ. 68)") is None  # a month read as Latin letters, put back
    assert added_piece((("ป", 0.9), ("จ", 0.9), ("จ", 0.9), ("บ", 0.9), ("น", 0.9)), "ในปัจจุบัน") == "ในปัจ"


def test_letters_that_make_the_forms_own_printed_wording_are_rightly_put_back():
    # ``tune1242-form4`` (cf20ph): a line of the form's printed plan wording, ``นำนวัตกรรมไปใช้ประโยชน์ …``, its first
    # word mended (the OCR read ``นวัตกรรม`` without นำ's น); the phase's name in the plan is the form's own wording.
    words = (("นำ", 0.9), ("วั", 0.9), ("ต", 0.9), ("ก", 0.9), ("ร", 0.9), ("ร", 0.9), ("ม", 0.9), ("ไป", 0.9),
             ("ใช", 0.9), ("ป", 0.9), ("ร", 0.9), ("ะ", 0.9), ("โย", 0.9), ("ช", 0.9), ("น", 0.9))
    line = OcrParagraph("นำนวัตกรรมไปใช้ประโยชน์", "page 2, line 3", 2, words=words)
    document = Document([line], format="scan")
    added = added_words(document)
    assert added("การนำนวัตกรรมไปใช้ประโยชน์")  # the letters are there …
    plan = {"plan": {"steps": [{"name": "การนำนวัตกรรมไปใช้ประโยชน์", "phase": "deployment", "months": [1]}]}}
    assert lost_words_warnings("form4", plan, dropped_words(document), [], None, added) == []  # … and printed


@pytest.mark.slow
def test_a_value_whose_word_the_ocr_read_as_latin_and_the_reader_dropped_is_warned():
    # ``scan-tune3606-form4`` (cf22sc), page 4: the first KPI's method; Tesseract read ``หลัง`` of ``ย้อนหลัง`` as
    # ``vas`` and the reader dropped it: ``…นำเขาภาพย้อน 1 และ…``, every word left reads as Thai.
    document = read_document(FIXTURES / "scan_form4_kpi_method_word_read_latin.pdf")
    read = "คลังภาพพัฒนาแล้ว เสร็จนำเขาภาพย้อน 1 และเปิดให้ตู้ ใช้สืบค้นได้จริง"
    dropped = dropped_words(document)
    assert dropped(read) == "vas"
    kpis = {"kpis": [{"name": "ร้อยละความพึงพอใจของผู้ใช้นวัตกรรม", "method": read}]}
    warned = lost_words_warnings("form4", kpis, dropped, [])
    assert [w.split(":", 1)[0] for w in warned] == ["kpis[0].method"] and "'vas'" in warned[0]


def _line(text: str, words: str, where: str) -> OcrParagraph:
    """A line as the reader gave it: its text, and Tesseract's words (``|`` between them) with a confidence."""
    return OcrParagraph(text, where, 1, words=tuple((w, 0.9) for w in words.split("|")))


def test_a_latin_word_dropped_among_a_values_letters_is_a_word_lost():
    # ``scan-tune3331-form3`` (sc17tune): ``มีอยู่`` read ``fag`` between the value's words, dropped from the text
    cell = _line("ใช้คลาวด์ที่ กทม. และเจ้าหน้าที่พัฒนาระบบเอง",
                 "ใช|ค|ล|า|ว|ด|ท|ก|ท|ม|fag|แล|ะ|เจ|า|ห|น|า|ท|พ|ฒ|น|า|ร|ะ|บ|บ|เอ|ง", "page 1, table 1, row 7, column 2")
    dropped = dropped_words(Document([cell], format="scan"))
    assert dropped("ใช้คลาวด์ที่ กทม. และเจ้าหน้าที่พัฒนาระบบเอง") == "fag"
    # ``scan-tune3295-form2`` (sc16tune): ``Waste`` opens the value's second line, whose text dropped it: the value runs
    # on from the line before, so the word stood inside it
    first = _line("2. นวัตกรรมที่จะพัฒนา คือ ระบบนัดเก็บขยะชิ้นใหญ่ออนไลน์ (Bang Kapi Big",
                  "2.|น|วั|ต|ก|ร|ร|ม|ท|จ|ะ|พ|ฒ|น|า|คือ|ร|ะ|บ|บ|น|ด|เก|บ|ข|ย|ะ|ชิ|น|ให|ญ|อ|อ|น|ไล|น|(Bang|Kapi|Big",
                  "page 1, line 13")
    second = _line("Booking) | .", "Waste|Booking)", "page 1, line 14")
    dropped = dropped_words(Document([first, second], format="scan"))
    assert dropped("ระบบนัดเก็บขยะชิ้นใหญ่ออนไลน์ (Bang Kapi Big Booking)") == "Waste"


def test_latin_scraps_the_reader_dropped_outside_a_value_or_short_are_no_word_lost():
    # a speck before the value's first letter (the value starts there), two letters inside (a mark read as Latin),
    # and a Latin word the text kept
    line = _line("สำนักงานประชาสัมพันธ์ (BKK Photo Finder)",
                 "one|ส|า|น|ก|ง|า|น|ป|ร|ะ|oo|ชา|ส|ม|พ|น|ธ์|(BKK|Photo|Finder)", "page 1, line 3")
    dropped = dropped_words(Document([line], format="scan"))
    assert dropped("สำนักงานประชาสัมพันธ์ (BKK Photo Finder)") is None


@pytest.mark.slow
def test_letters_the_ocr_did_not_read_are_found_beside_a_speck_read_as_a_letter():
    # ``scan-tune3601-survey`` (cf22sc), page 2: the fifth question's second line ``ปัจจุบัน`` mended to ``ในปัจจุบัน``, as
    # in ``scan-tune3461-survey``; a speck at the cell's edge read as ``ก`` (0.35) made as many consonants read as
    # the text holds, and the count alone said nothing was added.
    document = read_document(FIXTURES / "scan_survey_question_mended_beside_speck.jpg")
    [cell] = [c for block in document.blocks for row in getattr(block, "rows", []) for c in row
              if "ปัจจุบัน" in c.text]
    assert [w for w, c in cell.words if c < 0.5] == ["ก"]  # the speck, read as a letter
    read = "ข้อมูลในระบบถูกต้องและเป็น ในปัจจุบัน"
    added = added_words(document)
    assert added(read) and "ในปัจ" in added(read)
    warned = lost_words_warnings("survey", {"questions": [{"text": read}]}, dropped_words(document), [], None, added)
    assert [w.split(":", 1)[0] for w in warned] == ["questions[0].text"]
