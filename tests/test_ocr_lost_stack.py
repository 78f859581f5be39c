"""A scan's word under a stack of glyphs that the reading lost whole (ทขอ for ที่ขอ) gets the stack the dictionary reads, and keeps it."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from pipeline.readers.ocr.layout import page_blocks
from pipeline.readers.ocr.lost_marks import Stacks, reread_lost_marks, stack_over_letter, with_marks
from pipeline.readers.ocr.stacked_tone import TONES_OVER, VOWELS_UNDER_TONE, lost_stack, stacked_tone
from pipeline.readers.ocr.tesseract import Word, run_tesseract
from pipeline.thai import normalize

FIXTURES = Path(__file__).parent / "fixtures"
_MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d"
# Three lines of a noisy Form 3 of the tuning half (sk22sc seed 3590, page 1, 300 dpi, as Tesseract is given it):
# `ข่าวเผยแพร่ช้า และหน่วยงานที่ขอภาพต้องรอนาน`, whose ที่ the page's reading gives as ท, both marks lost: no mark is
# left for a tone to go on, and the dictionary says which stack the pixels show.
LOST_WHOLE = FIXTURES / "scan_form3_line_stack_lost_whole.png"
# Three lines of a Form 2 of the tuning half (sk22sc seed 3582, its first page): `...แก้ไขจุดเสี่ยงน้ำท่วมขัง`, read เสียง; the
# one-line reading has เสี่ยง, but it drops a mark the page's reading had far off in the line (a speck read as one).
SPECK_AFAR = FIXTURES / "scan_form2_line_stack_read_again_beside_a_speck.png"


def _chosen(text: str, letter: int) -> str | None:
    """``text`` with the marks over its letter at ``letter`` replaced by the stack ``lost_stack`` takes."""
    bare = text[:letter + 1] + "".join(ch for ch in text[letter + 1:letter + 3] if ch not in "\u0e31\u0e34\u0e35\u0e36"
                                       "\u0e37\u0e48\u0e49\u0e4c") + text[letter + 3:]
    options = [(letter, normalize(bare[:letter + 1] + vowel + tone + bare[letter + 1:]))
               for vowel in VOWELS_UNDER_TONE for tone in TONES_OVER]
    choice = lost_stack(normalize(text), options)
    return None if choice is None else options[choice][1]


def test_the_stack_that_makes_a_word_is_put_on_a_letter_that_lost_it_whole():
    assert _chosen("หน่วยงานทขอภาพ", 8) == "หน่วยงานที่ขอภาพ"
    assert _chosen("นานขนและ", 3) == "นานขึ้นและ"  # ขน is a word too, far rarer than ขึ้น
    assert _chosen("ที่เกิดขน", 7) == "ที่เกิดขึ้น"  # เกิดขึ้น, one word: not ขั้น, commoner alone
    assert _chosen("ช้าเฉลย3ชั่วโมง", 5) == "ช้าเฉลี่ย3ชั่วโมง"


def test_a_vowel_misread_with_the_stack_gives_way_to_it():
    assert _chosen("เครื่องมือทิใช้", 10) == "เครื่องมือที่ใช้"
    assert _chosen("ประชาชนในพันที่", 9) == "ประชาชนในพื้นที่"  # one word then


def test_no_stack_is_put_where_the_word_as_read_is_commoner_or_none_is_made():
    assert _chosen("ให้นัดเก็บ", 3) is None
    assert _chosen("คนทำงาน", 0) is None  # คั้น, คั่น: rarer than คน
    assert _chosen("ทีมงาน", 0) is None
    assert _chosen("ภาพข่าวภารกจผู้", 11) is None  # ภา|รก|จี้: a stack that leaves its neighbours rare words
    assert _chosen("นอยกว่า", 0) is None  # นี้|อย|กว่า


def _readings(path: Path) -> tuple[str, str]:
    """The crop's text as Tesseract reads it and after its lines that lost a mark are read again."""
    image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    words = run_tesseract(image, 300.0, 120.0)
    after = reread_lost_marks(words, image, 300.0, 120.0)
    return normalize("".join(w.text for w in words)), normalize("".join(w.text for w in after))


@pytest.mark.slow
def test_a_scans_line_gets_the_stack_it_lost_whole():
    first, after = _readings(LOST_WHOLE)
    assert "หนวยงานทขอภาพ" in first  # as the page's reading gives it
    assert "หนวยงานที่ขอภาพ" in after, after


@pytest.mark.slow
def test_a_stack_read_again_is_taken_though_the_second_reading_drops_a_mark_far_off():
    first, after = _readings(SPECK_AFAR)
    assert "จุดเสียง" in first  # as the page's reading gives it
    assert "จุดเสี่ยง" in after, after


def _letters(text: str, size: int = 40) -> list[Word]:
    """A line read one character to a word, as Tesseract boxes a noisy scan's letters (marks in their letter's word)."""
    out: list[Word] = []
    for ch in text:
        if out and ch in _MARKS:
            last = out[-1]
            out[-1] = Word(last.text + ch, last.left, last.top, last.right, last.bottom, last.conf, last.line_key)
        else:
            left = len(out) * size
            out.append(Word(ch, left, 100, left + size - 4, 100 + size, 90.0, (1, 1, 1)))
    return out


def _stacked(text: str, letter: int) -> str:
    """``text`` read one character to a word, with a stack of glyphs over its ``letter``-th word, after the stack."""
    line = _letters(text)
    stacks = Stacks([(line[letter].left + 8.0, line[letter].right - 8.0)], 140, 40, 40)
    added, replaced = stack_over_letter(line, [[] for w in line for ch in w.text if ch not in _MARKS], stacks)
    return normalize("".join(w.text for w in with_marks(line, added, replaced)))


def test_a_stack_over_a_bare_letter_is_put_on_it_and_not_on_one_read_with_a_tone():
    assert _stacked("งานทขอภาพ", 3) == "งานที่ขอภาพ"
    assert _stacked("เมื่อใดไม่ส่งข้อมูล", 7) == "เมื่อใดไม่ส่งข้อมูล"  # ส่ง stands: no สิ่ง under a lone tone


def test_on_a_line_not_read_again_the_tone_must_make_a_word_among_words():
    text = "ติดตามเวลาสีบค้นสำรวจ"
    options = [normalize(text[:11] + tone + text[11:]) for tone in TONES_OVER]
    assert stacked_tone(text, options) is not None  # สี่|บ|ค้น: as tn21 had it on a line read again
    assert stacked_tone(text, options, among_words=True) is None  # the word repair reads it สืบค้น


# Three lines of a Form 2 of the tuning half (tn21sc seed 3533, page 1, 300 dpi, as Tesseract is given it):
# `...ผลกระทบ` / `มากที่สุด 2) ใช้ข้อมูล...` / `นำทั้งหมด...`. The page's reading gives มากทิสุด with ท's box below the line
# (a glyph's box one off: ิ's box stands over ท's ink); the stack put on ท takes ิ's place.
BOXED_BELOW = FIXTURES / "scan_form2_line_stack_put_on_a_letter_boxed_below.png"


def _laid_out(path: Path) -> tuple[str, list[str]]:
    """The crop's text as Tesseract reads it, and its lines as the layout writes them once the marks are mended."""
    image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    words = run_tesseract(image, 300.0, 120.0)
    after = reread_lost_marks(words, image, 300.0, 120.0)
    return normalize("".join(w.text for w in words)), [b.text for b in page_blocks(after, [], [], 1, 300.0, image)]


@pytest.mark.slow
def test_a_word_given_a_stack_is_not_dropped_by_the_layout_where_its_letter_was_boxed_below_the_line():
    first, lines = _laid_out(BOXED_BELOW)
    assert "มากทิสุด" in first  # as the page's reading gives it
    assert any(line.startswith("มากที่สุด") for line in lines), lines  # at main: `มาก สุด`


# Five lines of a Form 4 of the tuning half (tn21sc seed 3522, page 1): `2. เพื่อลดระยะเวลาตั้งแต่...`, read ตังแต่ with
# ต's box below the line and ั's over ต's ink; the tone put on ต keeps ั, a word of its own.
TONE_BOXED_BELOW = FIXTURES / "scan_form4_line_tone_put_on_a_letter_boxed_below.png"


@pytest.mark.slow
def test_a_word_given_a_tone_is_not_dropped_by_the_layout_where_its_letter_was_boxed_below_the_line():
    first, lines = _laid_out(TONE_BOXED_BELOW)
    assert "ระยะเวลาตังแต่" in first  # as the page's reading gives it
    assert any("ระยะเวลาตั้งแต่" in line for line in lines), lines  # at main: `ระยะเวลางแต่`


def test_a_mended_word_takes_the_box_of_the_marks_that_gave_way_to_its_stack():
    # The line's first words as the page's reading boxes them (tn21sc seed 3533): ท below the line, ิ over ท's ink.
    key = (1, 1, 23)
    line = [Word("ม", 214, 2369, 246, 2428, 93.0, key), Word("า", 254, 2368, 270, 2407, 93.0, key),
            Word("ก", 285, 2368, 306, 2408, 97.0, key), Word("ท", 306, 2411, 328, 2427, 93.0, key),
            Word("ิ", 330, 2345, 354, 2408, 93.0, key), Word("ส", 361, 2366, 378, 2429, 93.0, key)]
    added = [[], [], [], ["\u0e35", "\u0e48"], []]
    out = with_marks(line, added, frozenset({3}))
    assert [w.text for w in out] == ["ม", "า", "ก", "ที่", "", "ส"]
    assert (out[3].left, out[3].top, out[3].right, out[3].bottom) == (306, 2345, 354, 2427)
