"""A scan's mark lost over a letter the reading gave none (ข่าว read ขาว, a word too) is put back from its glyph."""

from __future__ import annotations

import json
from pathlib import Path

import cv2

from pipeline.readers.ocr.lone_marks import _choice, respell_lone_marks
from pipeline.readers.ocr.tesseract import Word
from pipeline.thai import normalize

FIXTURES = Path(__file__).parent / "fixtures"
# A Form 4 line of a grey tuning-half scan (sc26sc seed 3690, page 3, 300 dpi, as Tesseract is given it) with the
# words the page's reading gave it, mended as far as the stages before this one go: `และเจาหนาที่ของหนวยงาน
# พฒนาหนาสบคน` for และเจ้าหน้าที่ของหน่วยงานพัฒนาหน้าสืบค้น: ้ lost three times (เจา, หนา: words too), ่ once
# (หนวย), ั once; each glyph stands over its letter in the pixels.
LONE = FIXTURES / "scan_form4_line_lone_marks_lost"
# A Form 3 line of seed 3688: `เครื่องสูบนาขดข้อง` for เครื่องสูบน้ำขัดข้อง: ำ's ring and the tone over it lost
# (นา, a word too), and ั of ขัด.
RING = FIXTURES / "scan_form3_line_ring_and_tone_lost"


def _line(stem: Path) -> tuple[list[Word], object]:
    image = cv2.imread(str(stem.with_suffix(".png")), cv2.IMREAD_GRAYSCALE)
    data = json.loads(stem.with_suffix(".words.json").read_text(encoding="utf-8"))
    return [Word(text, left, top, right, bottom, conf, (1, 1, 1)) for text, left, top, right, bottom, conf in data["line"]], image


def _text(words: list[Word]) -> str:
    return normalize("".join(w.text for w in words))


def test_lone_tones_and_a_vowel_lost_over_bare_letters_are_put_back_from_their_glyphs():
    words, image = _line(LONE)
    assert "และเจาหนาที่ของหนวยงานพฒนาหนาสบคน" in _text(words)
    mended = _text(respell_lone_marks(words, image))
    # ่ (a narrow upright stroke) on หน่วย, ้ (wide, as high as ้) on เจ้า and หน้า, ั (a flat cup) on พัฒนา.
    assert "และเจ้าหน้าที่ของหน่วยงานพัฒนาหน้า" in mended, mended


def test_a_ring_of_sara_am_lost_with_its_tone_is_put_back_with_it():
    words, image = _line(RING)
    assert "เครื่องสูบนาขดข้อง" in _text(words)
    mended = _text(respell_lone_marks(words, image))
    assert "เครื่องสูบน้ำขัดข้อง" in mended, mended


def test_a_mark_is_taken_only_where_it_makes_a_word():
    assert _choice(list("ภาพขาวกรุงเทพ"), 3, "\u0e48") == "\u0e48"  # ข่าว, though ขาว is a word too
    assert _choice(list("สัมพันธ์"), 5, "\u0e31") is None  # พันั: no word (ั of พั boxed over น)
    assert _choice(list("ท่วม"), 2, "\u0e48") is None  # a mark's glyph boxed over the next letter: ท่ว่ม no word
    assert _choice(list("แบบนาเสนอ"), 3, "\u0e4d") == "\u0e4d"  # ำ's ring before า: นำเสนอ
    assert _choice(list("ขนตอน"), 1, "\u0e4d") is None  # a ring only before า
    arcs = "\u0e34\u0e35\u0e36\u0e37"  # ิ ี ึ ื: an arc's shape tells no one of them
    assert _choice(list("หนาสบคน"), 3, arcs) is None  # สิบ (10,800) and สืบ (3,018): too close to choose
    assert _choice(list("หน้าสบค้น"), 4, arcs) == "\u0e37"  # สืบค้น, one word: fewer words decide
    assert _choice(list("บริเวณรมทาง"), 6, arcs) == "\u0e34"  # ริม (3,733), รีม (15)
