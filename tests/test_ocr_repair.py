"""Thai OCR repair, garbage text-layer detection and OCR-tolerant label matching (fast: no Tesseract)."""

from __future__ import annotations

import pytest

from pipeline.readers.ocr.labels import repair_labels
from pipeline.readers.ocr.route import garbage_share, is_garbage
from pipeline.readers.ocr.tesseract import parse_tsv
from pipeline.readers.ocr.thai_repair import (
    drop_month_marks,
    fix_mark_order,
    join_abbreviations,
    join_month_dots,
    join_thai_spaces,
    marked_word,
    recompose_sara_am,
    repair_thai,
    restore_lost_marks,
    restore_lost_tones,
    restore_mai_muan,
    restore_sara_am,
)


# --------------------------------------------------------------------------- SARA AM
@pytest.mark.parametrize("ocr,expected", [
    ("ส\u0e4d\u0e32นัก", "สำนัก"),  # NIKHAHIT + SARA AA as Tesseract writes ำ
    ("น\u0e49\u0e4d\u0e32", "น้ำ"),  # tone mark before the NIKHAHIT
    ("น\u0e4d\u0e49\u0e32", "น้ำ"),  # tone mark between NIKHAHIT and SARA AA
    ("จ\u0e4d \u0e32นวน", "จำนวน"),  # a space inside the split vowel
    ("น\u0e31\u0e49\u0e32ท่วม", "น้ำท่วม"),  # NIKHAHIT misread as MAI HAN-AKAT: นั้า is no Thai spelling
    ("น\u0e49\u0e49\u0e32ตาล", "น้ำตาล"),  # NIKHAHIT misread as a second tone mark
])
def test_sara_am_is_recomposed_from_what_tesseract_writes(ocr, expected):
    assert recompose_sara_am(ocr) == expected


def test_a_real_sara_aa_after_one_tone_mark_is_left_alone():
    assert recompose_sara_am("น้า") == "น้า"  # น้า (aunt) is a word: only impossible spellings are changed


# --------------------------------------------------------------------------- spaces (tesseract#2702)
@pytest.mark.parametrize("ocr,expected", [
    ("ก า ร ประชุม", "การ ประชุม"),  # every letter of a word spaced out
    ("ส ะพาน", "สะพาน"),  # a space before a following vowel
    ("เ ป็น", "เป็น"),  # a space after a leading vowel
    ("ผู้ว ่าราชการ", "ผู้ว่าราชการ"),  # a space before a tone mark
])
def test_spaces_tesseract_puts_inside_thai_words_are_dropped(ocr, expected):
    assert join_thai_spaces(ocr) == expected


def test_spaces_between_thai_phrases_and_english_words_stay():
    assert join_thai_spaces("ระบบจองคิว ออนไลน์ BKK Flood Alert") == "ระบบจองคิว ออนไลน์ BKK Flood Alert"


# --------------------------------------------------------------------------- marks
@pytest.mark.parametrize("ocr,expected", [
    ("ช\u0e48\u0e37อ", "ชื่อ"),  # tone mark stored before the above vowel
    ("ระะดับ", "ระดับ"),  # a vowel the engine echoed
    ("ที\u0e48\u0e48", "ที่"),  # a doubled tone mark
    ("ก\u0e48\u0e49", "ก่"),  # two different tone marks on one consonant: the first stands
])
def test_tone_marks_are_put_in_thai_spelling_order_and_echoes_dropped(ocr, expected):
    assert fix_mark_order(ocr) == expected


@pytest.mark.parametrize("ocr,expected", [
    ("พ . ศ . 2568", "พ.ศ. 2568"),
    ("ม . ค . 68 - ก . ย . 68", "ม.ค. 68 - ก.ย. 68"),
    ("มี . ค .", "มี.ค."),
    ("เม . ย .", "เม.ย."),
])
def test_thai_abbreviations_spaced_out_by_ocr_are_joined(ocr, expected):
    assert join_abbreviations(ocr) == expected


@pytest.mark.parametrize("ocr,expected", [
    ("ระดับนำ", "ระดับน้ำ"),  # the tone over ำ lost
    ("นำท่วมขัง", "น้ำท่วมขัง"),
    ("ราคารับซือขยะ", "ราคารับซื้อขยะ"),  # the tone over an upper vowel lost
    ("นายกิตติพงษ์ มันคง", "นายกิตติพงษ์ มั่นคง"),
])
def test_a_tone_mark_ocr_lost_is_put_back_where_the_dictionary_agrees(ocr, expected):
    assert restore_lost_tones(ocr) == expected


@pytest.mark.parametrize("text", ["นำมาใช้", "การนำนวัตกรรมไปใช้ประโยชน์", "ความเสียง", "ทีมงาน"])
def test_words_that_are_right_without_a_tone_mark_are_left_alone(text):
    assert restore_lost_tones(text) == text


@pytest.mark.parametrize("ocr,expected", [
    ("ระดับมากขีนไป", "ระดับมากขึ้นไป"),  # an unknown word: its marks lost and ึ read as ี
    ("ผู้อินใช้", "ผู้อื่นใช้"),
    ("ตำ", "ต่ำ"),  # a rare short word where a far likelier one has one mark more
    ("เอกสารทีแนบ", "เอกสารที่แนบ"),  # ที่ is sixty times likelier than ที
    ("แอปหลิเคชัน", "แอปหลิเคชัน"),  # ชัน inside a misread loanword is not ชั้น (only 15 times rarer)
])
def test_marks_ocr_lost_are_put_back_from_the_one_likely_dictionary_word(ocr, expected):
    assert restore_lost_marks(ocr) == expected


@pytest.mark.parametrize("ocr,expected", [
    ("จ้านวนชุดภาพ", "จำนวนชุดภาพ"), ("ประชุมคณะท้างาน", "ประชุมคณะทำงาน"), ("ผู้อ้านวยการเขต", "ผู้อำนวยการเขต"),
    ("ส้ารวจความพึงพอใจ", "สำรวจความพึงพอใจ"), ("บริษัทจ้ากัด", "บริษัทจำกัด"),
    ("บ้านเลขที่", "บ้านเลขที่"), ("ช้าเฉลี่ย", "ช้าเฉลี่ย"), ("การค้า", "การค้า"), ("ความท้าทาย", "ความท้าทาย"),
])
def test_sara_am_read_as_a_tone_mark_and_sara_aa_is_put_back_where_the_dictionary_agrees(ocr, expected):
    assert restore_sara_am(ocr) == expected


@pytest.mark.parametrize("ocr,expected", [
    ("ส.ค. - ก.ุย. 68", "ส.ค. - ก.ย. 68"), ("ธ.ค. 67 - ก.ุพ. 68", "ธ.ค. 67 - ก.พ. 68"),
    ("มี.ค. - มิ.ย. 68", "มี.ค. - มิ.ย. 68"),  # มี.ค. is a month of its own, not ม.ค. with a stray mark
])
def test_a_stray_mark_ocr_put_into_a_month_abbreviation_is_taken_out(ocr, expected):
    assert drop_month_marks(ocr) == expected


@pytest.mark.parametrize("ocr,expected", [
    ("ความพึงพอไจของผู้เช้บริการ", "ความพึงพอใจของผู้ใช้บริการ"), ("เพื่อไห้", "เพื่อให้"),
    ("ร้องไห้", "ร้องไห้"), ("ไฟไหม้", "ไฟไหม้"), ("เวลาเช้า", "เวลาเช้า"), ("เข้าใจ", "เข้าใจ"),
])
def test_mai_muan_read_as_mai_malai_or_sara_e_is_put_back_where_the_dictionary_agrees(ocr, expected):
    assert restore_mai_muan(ocr) == expected


@pytest.mark.parametrize("word", ["สง", "นำ", "เสียง", "เด็ก", "ปานกลาง", "ค", "พ"])
def test_a_word_with_no_clearly_likelier_marked_spelling_is_left_alone(word):
    assert marked_word(word) is None  # สง: สูง and ส่ง alike; นำ, เสียง: common words; ค, พ: of ต.ค., พ.ศ.


@pytest.mark.parametrize("ocr,expected", [
    ("ธ.ค. 67 - กย. 68", "ธ.ค. 67 - ก.ย. 68"),
    ("ตค ๖๗", "ต.ค. ๖๗"),
    ("กยศ 68", "กยศ 68"),  # another word, not a month
    ("ก.ค. 69 - กย.", "ก.ค. 69 - ก.ย."),  # the year wrapped to the next line of the cell
    ("ภายในเดือน กย", "ภายในเดือน กย"),  # neither a year after it nor its own dot: left as written
])
def test_a_month_abbreviation_that_lost_its_inner_dot_before_a_year_gets_it_back(ocr, expected):
    assert join_month_dots(ocr) == expected


def test_repair_thai_does_every_repair_in_order():
    assert repair_thai(" ส \u0e4d\u0e32นักงานเขต  ") == "สำนักงานเขต"


# --------------------------------------------------------------------------- garbage text layers
@pytest.mark.parametrize("text", [
    "ช ื่ อ แ น ว ค ิ ด ก า ร พ ั ฒ น า",  # letters spaced out
    "(cid:12)(cid:33)(cid:4)(cid:5) โครงการ",  # unmapped glyph ids
    "\ue001\ue002\ue003\ue004 ก",  # Private-Use-Area glyphs no table maps
    "สำนัก ก ารบริห าร ก า",  # consonant + space + SARA AA
])
def test_a_broken_text_layer_is_garbage(text):
    assert is_garbage(text)


def test_a_good_text_layer_with_a_symbol_font_tick_box_is_not_garbage():
    text = "ชื่อแนวคิด ระบบจองคิวออนไลน์ สำนักงานเขตจตุจักร \uf0fe นวัตกรรมบริการ (Service Innovation)"
    assert garbage_share(text) == 0.0 and not is_garbage(text)


# --------------------------------------------------------------------------- labels
@pytest.mark.parametrize("ocr,expected", [
    ("ส่ำนัก/ส่ำนักงานเขต สำนักอนามัย", "สำนัก/สำนักงานเขต สำนักอนามัย"),
    ("ชื่อแนวคิค ติดตามระดับ", "ชื่อแนวคิด ติดตามระดับ"),
    ("นวัตกรรมทีพัฒนา แผนที่ดิจิทัล", "นวัตกรรมที่พัฒนา แผนที่ดิจิทัล"),  # the close label, not a longer one
    ("1. การค้นหาปัญหา/ความท้าทาย/ความต้องการพัฒนางานเพื่อให้การปฏิบัติงานมีประสิทธิภาพยิ่งขึ้X",
     "1. การค้นหาปัญหา/ความท้าทาย/ความต้องการพัฒนางานเพื่อให้การปฏิบัติงานมีประสิทธิภาพยิ่งขึ้น"),
])
def test_a_misread_printed_label_is_put_back_with_a_lower_score(ocr, expected):
    text, score = repair_labels(ocr)
    assert text == expected and 0.8 <= score < 1.0


def test_a_title_misread_beyond_the_label_cutoff_is_known_by_its_folded_letters():
    # ดำเนิน read ดาในน (sara am as aa, เ as ใ, a mark lost): three errors in fifteen letters.
    assert repair_labels("แผนการดาในนการ") == ("แผนการดำเนินการ", 0.8)
    # A value that shares a title's first words is no title.
    assert repair_labels("แผนการดาในนการของเขต")[0] == "แผนการดาในนการของเขต"


def test_a_number_typed_after_the_last_line_of_a_wrapped_label_is_kept():
    assert repair_labels("การ คิดเป็นสัดส่วนร้อยละ 50")[0].endswith("50")


def test_a_label_cut_at_the_end_of_a_line_is_not_completed():
    assert repair_labels("1) สัดส่วนร้อยละ โดยได้ดำเนิน") == ("1) สัดส่วนร้อยละ โดยได้ดำเนิน", 1.0)


def test_a_line_of_ordinary_words_is_left_as_it_is():
    line = "ผู้บริหารและเจ้าหน้าที่ร่วมกันทบทวนกระบวนการทำงานตั้งแต่ต้นจนจบ"
    assert repair_labels(line) == (line, 1.0)


def test_tesseract_tsv_words_come_with_boxes_and_confidences():
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t100\t200\t40\t50\t96.5\tก\n"
           "5\t1\t1\t1\t1\t2\t150\t200\t30\t50\t91\t\n")
    [word] = parse_tsv(tsv)
    assert (word.text, word.left, word.right, word.bottom, word.conf, word.line_key) == ("ก", 100, 140, 250, 96.5, (1, 1, 1))


@pytest.mark.parametrize(("ocr", "expected"), [
    ("หุนวัยงาน สำนักการระบายน้ำ", "หน่วยงาน สำนักการระบายน้ำ"),  # ุ ั for ่: small print's marks misread
    ("หนวยงานที่รับผิดชอบ สำนักงานเขต", "หน่วยงานที่รับผิดชอบ สำนักงานเขต"),
])
def test_a_label_whose_letters_stand_but_marks_were_misread_is_put_back(ocr, expected):
    assert repair_labels(ocr)[0] == expected


def test_a_value_sharing_a_labels_letters_is_not_taken_for_it():
    # Only a line that starts with every letter of a printed phrase is matched by letters alone.
    assert repair_labels("หนองจอก สำนักงานเขต")[0] == "หนองจอก สำนักงานเขต"


# --------------------------------------------------------------------------- months misread
@pytest.mark.parametrize("ocr,expected", [
    ("ส.ค. - กุย. 68", "ส.ค. - ก.ย. 68"),  # the inner dot lost and a speck read as a lower vowel
    ("มีค 68", "มี.ค. 68"),  # มี.ค. is not ม.ค. with a stray mark
    ("มิย 68", "มิ.ย. 68"),
    ("ธ.ค. 67 - A.W. 68", "ธ.ค. 67 - ก.พ. 68"),  # ก.พ. read by the English model
    ("(ธ.ค. 67 -A.W. 68) สร้างคลังภาพ", "(ธ.ค. 67 -ก.พ. 68) สร้างคลังภาพ"),
    ("(พ.ย. 67 - AW. 68)", "(พ.ย. 67 - ก.พ. 68)"),  # ... its inner dot lost too
    ("ธ.ค. 67 - A.W, 68", "ธ.ค. 67 - ก.พ. 68"),  # ... its last dot read as a comma
    ("W.U. 67 — ก.พ. 68", "พ.ย. 67 — ก.พ. 68"),  # ย read as U (a browser's serif font)
    ("5.A. 67 - ก.พ. 68", "ธ.ค. 67 - ก.พ. 68"),  # ธ read as 5, and A for ค (one month fits)
    ("A.A. 68", "A.A. 68"),  # ก.ค. or ต.ค.: more than one month fits
    ("ติดต่อ U.S. 68 แห่ง", "ติดต่อ U.S. 68 แห่ง"),  # Latin initials that are no month stay
    ("ใช้ OK. 68 ครั้ง", "ใช้ OK. 68 ครั้ง"),
    ("งบประมาณรายจ่ายประจำปี WA, 2568", "งบประมาณรายจ่ายประจำปี พ.ศ. 2568"),  # พ.ศ. read as Latin
    ("ใช้ Windows 2568 เครื่อง", "ใช้ Windows 2568 เครื่อง"),
])
def test_a_month_abbreviation_misread_is_put_back(ocr, expected):
    assert repair_thai(ocr) == expected


def test_a_lone_nikhahit_is_a_speck():
    assert recompose_sara_am("การนำนวัตกรรมไปใช้ประโยชน์\u0e4d") == "การนำนวัตกรรมไปใช้ประโยชน์"
    assert recompose_sara_am("น\u0e4d\u0e49\u0e32") == "น้ำ"


@pytest.mark.parametrize("ocr,expected", [
    ("เพื่อก่าหนดมาตรฐาน", "เพื่อกำหนดมาตรฐาน"),  # ำ read as ่า
    ("ตัดไม้ในป่าไม้", "ตัดไม้ในป่าไม้"),  # a real ่า stays
])
def test_sara_am_read_as_mai_ek_and_aa_is_put_back(ocr, expected):
    assert restore_sara_am(ocr) == expected


@pytest.mark.parametrize("tail", ["", " ระบบนัดหมายออนไลน์"])
def test_a_long_label_misread_only_in_its_marks_and_leading_vowel_beats_the_shorter_label_it_holds(tail):
    # ``ได้ยสิ่งที่พัฒนา/ต่อยอดคือ`` (a scan of the tuning half): the shorter label inside it matched exactly and
    # won, so ``ได้ย`` was left and the whole line ran into the value above it.
    line, score = repair_labels("ได้ยสิ่งที่พัฒนา/ต่อยอดคือ" + tail)
    assert line == "โดยสิ่งที่พัฒนา/ต่อยอด คือ" + tail and score < 1


@pytest.mark.parametrize("line", ["©. กลุ่มเป้าหมายทัไขซ็นวัตกรรม ได้แก่ เจ้าหน้าที่ศูนย์", "กลุ่มเป้าหมายทเซ็นวัตกรรม ได้แก่ ช่างภาพ"])
def test_a_long_label_with_a_letter_or_two_misread_beside_its_marks_is_put_back(line):
    # Scans of the tuning half: ที่ใช้ read as ทัไขซ็ or ทเซ็ (a consonant wrong, one more, marks lost), after ©.
    # for ๑.; only the shorter exact label (กลุ่มเป้าหมาย) matched, and the field's value was lost.
    repaired, score = repair_labels(line)
    assert "กลุ่มเป้าหมายที่ใช้นวัตกรรม ได้แก่" in repaired and score < 1
    assert repaired.endswith(line.rsplit(" ", 1)[-1])


@pytest.mark.parametrize("line", ["ประชาชนในพื้นที่เขตบางกะปิและผู้ใช้บริการ", "กลุ่มเป้าหมายที่จะได้รับผลกระทบ ได้แก่ ประชาชน"])
def test_values_and_other_labels_are_not_taken_for_a_near_long_label(line):
    assert repair_labels(line) == (line, 1.0)


def test_a_long_label_that_lost_its_first_letter_is_put_back_not_taken_for_a_wrapped_part():
    # ``. รณีดำเนินการร่วมกับ…`` (กรณี's ก lost on a scan of the tuning half): the line is a part of the long label
    # letter for letter, but a printed line breaks between words, never after a phrase's first letter.
    line = ". รณีดำเนินการร่วมกับส่วนราชการภายในหน่วยงาน หรือหน่วยงานอื่นในสังกัดกรุงเทพมหานคร"
    assert repair_labels(line)[0] == ". กรณีดำเนินการร่วมกับส่วนราชการภายในหน่วยงาน หรือหน่วยงานอื่นในสังกัดกรุงเทพมหานคร"
    # A wrapped label's second line stays a part: it starts at a word.
    assert repair_labels("หรือหน่วยงานอื่นในสังกัดกรุงเทพมหานคร")[0] == "หรือหน่วยงานอื่นในสังกัดกรุงเทพมหานคร"


def test_the_shared_letters_bound_never_drops_a_phrase_the_alignment_would_find():
    """labels._may_reach skips the fuzzy alignment of printed phrases that cannot reach their cutoff: on lines
    that are printed phrases misread (letters swapped, cut short, run on into a value), every phrase it skips
    scores under the cutoff when aligned in full, the way repair_labels and _whole_line align them."""
    from rapidfuzz import fuzz

    from pipeline.readers.ocr.labels import _cutoff, _may_reach, _shared_letters, known_phrases

    phrases = [printed for _, printed in known_phrases()][::6]
    lines = []
    for n, printed in enumerate(phrases):
        compact = printed.replace(" ", "")
        swapped = compact[:3] + "ข" + compact[4:-2] + "่" if len(compact) > 8 else compact
        lines += [swapped, compact[: len(compact) // 2 + 2], compact[len(compact) // 3:] + "โครงการ ๒๕๖๘",
                  phrases[n - 1].replace(" ", "")[:12] + swapped]
    skipped = 0
    for line in lines:
        for (key, _), common in zip(known_phrases(), _shared_letters(line), strict=True):
            needle, hay, cutoff = ((key, line, _cutoff(len(key), lenient=True)) if len(key) <= len(line) else
                                   (line, key, 100.0 * (1 - (1 + len(line) // 25) / len(line))))
            if not _may_reach(common, len(needle), cutoff):
                skipped += 1
                assert fuzz.partial_ratio_alignment(needle, hay, score_cutoff=cutoff) is None, (line, key)
    assert skipped > len(lines) * len(known_phrases()) // 2  # the bound does skip most of them
