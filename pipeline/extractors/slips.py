"""A word lost or misread inside an OCR'd value, which puts no table in doubt: its own field is warned alone."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from pipeline.extractors.spelling import joined_doubts, loop_doubts, repeated_word

# A text of up to EXACT_CHARS letters counts right only read exactly; a longer one when at most SLIP_SHARE of its
# letters are misread (issue 12's measure): a stray piece sinks a short value, a long one takes several.
EXACT_CHARS, SLIP_SHARE = 40, 0.05

# A consonant alone before a comma (ช่างภาพ ก, ประชาสัมพันธ์): no Thai word is one letter (ณ aside); a word misread.
_LETTER_COMMA = re.compile(r"(?<!\S)[ก-ฒด-ฮ][,;]")
# A number after a word of duration (ย้อนหลัง, ภายใน, ทุก…) is a length of time and carries its unit; one followed by
# none (ย้อนหลัง ๑ พร้อม… for ย้อนหลัง 1 ปีพร้อม…) lost its unit word to OCR, or the value was cut after it.
_DURATION_WORDS = "ย้อนหลัง|ภายใน|ทุก|ตลอด|เป็นเวลา|ใช้เวลา"
_TIME_UNITS = "วินาที|นาที|ชั่วโมง|ชม\\.|วัน|สัปดาห์|อาทิตย์|เดือน|ปี|ไตรมาส|ครั้ง"
_NO_UNIT = re.compile(rf"(?:{_DURATION_WORDS})\s*[0-9๐-๙][0-9๐-๙,.]*(?![0-9๐-๙,.])(?!\s*(?:{_TIME_UNITS}))")
# A number after ละ ("each": ปีละ 40,000 ภาพ, ภาพละ 35 นาที) is a rate and carries its unit word; one with nothing
# Thai after it (ค้นภาพละ 35 for ค้นภาพละ 35 นาที) lost its unit or the value's end. ร้อยละ 80 (or ร้อย ละ 80, as
# OCR spaces it) is a percent, และ a word.
_RATE_NO_UNIT = re.compile(r"(?<!ร้อย)(?<!ร้อย )(?<!แ)ละ\s*[0-9๐-๙][0-9๐-๙,.]*(?![0-9๐-๙,.])(?=\s*(?:$|[^\s\u0e01-\u0e4e]))")
# ร้อยละ ("percent") ending a value: a percent is written before its number (ไม่น้อยกว่าร้อยละ 90), so the number was
# lost (a photo's ๙๐ read as Latin ``oo`` and dropped) or the value cut after it. Of the 1,573 truth files only the
# bundle generator's values cut at a random word end so (``…สำรองอุปกรณ์ไว้ร้อยละ``).
_PERCENT_NO_NUMBER = re.compile(r"ร้อย\s?ละ\s*$")
# A dash with a Thai letter on one side and a space on the other (ผู้ใช้คลัง- ภาพ): a line-end hyphen, which Thai
# writing has not (it breaks a line between words), so a wrapped word was cut; a range has spaces both sides or none.
_WRAP_DASH = re.compile(r"[ก-\u0e4c]-\s+[ก-\u0e4c]|[ก-\u0e4c]\s+-[ก-\u0e4c]")
# A one-syllable abbreviation ending a value after a space or comma (…และหน่วย ติ., …ร่วมกันได้ , ม.): an
# abbreviation stands before the name it shortens (อ. เมือง), so a speck or a piece of another line was read.
_LAST_ABBREVIATION = re.compile(r"(?<=[\s,])[ก-ฮ][\u0e30-\u0e4c]*\.\s*$")

# Each slip with why it is doubted (English, then Thai; {} is the piece found): docs/OCR.md, Fourteenth round.
_WORD_SLIPS = (
    (_LETTER_COMMA, "holds {!r}, a letter alone before a comma (a word misread)",
     "มี {!r} ซึ่งเป็นอักษรตัวเดียวหน้าจุลภาค อาจอ่านคำผิด"),
    (_NO_UNIT, "has {!r}, a length of time with no unit after its number (a word lost, or the value cut short)",
     "มี {!r} ซึ่งเป็นระยะเวลาที่ไม่มีหน่วยหลังตัวเลข อาจมีคำหายหรือค่าขาดหาย"),
    (_RATE_NO_UNIT, "has {!r}, a rate with no unit after its number (a word lost, or the value cut short)",
     "มี {!r} ซึ่งเป็นอัตราที่ไม่มีหน่วยหลังตัวเลข อาจมีคำหายหรือค่าขาดหาย"),
    (_PERCENT_NO_NUMBER, "ends in {!r}, a percent with no number after it (the number lost, or the value cut short)",
     "ลงท้ายด้วย {!r} ซึ่งเป็นร้อยละที่ไม่มีตัวเลขตามหลัง อาจมีตัวเลขหายหรือค่าขาดหาย"),
    (_WRAP_DASH, "holds {!r}, a dash cutting a word (a wrapped word read in pieces)",
     "มี {!r} ซึ่งมีขีดตัดคำ อาจอ่านคำที่ขึ้นบรรทัดใหม่ผิด"),
    (_LAST_ABBREVIATION, "ends in {!r}, an abbreviation with nothing after it (a speck or another line read)",
     "ลงท้ายด้วย {!r} ซึ่งเป็นคำย่อที่ไม่มีคำตามหลัง อาจเป็นรอยเปื้อนหรือข้อความบรรทัดอื่น"),
)


def scrap_doubt(value: str, scraps: tuple[tuple[re.Pattern[str], str, str], ...]) -> str | None:
    """The first of ``scraps`` (a pattern, why in English, why in Thai) found in ``value``, as a doubt."""
    for pattern, english, thai in scraps:
        found = pattern.search(value)
        if found:
            scrap = found.group(0).strip()
            return f"{english.format(scrap)} ({thai.format(scrap)})"
    return None


def word_doubt(value: str, *, person: bool = False) -> str | None:
    """Why an OCR'd text value likely lost or misread a word without the table around it being in doubt: a
    length of time or a rate with no unit, a percent with no number, a letter alone before a comma, a dash cutting a word, an abbreviation
    ending the value, a word written twice in a row, ไ read for ใ, words that together spell a commoner word marks
    aside (these two not in a person's name: a name may be spelt so)."""
    slip = scrap_doubt(value, _WORD_SLIPS)
    if slip:
        return slip
    twice = repeated_word(value)
    if twice:
        return (f"has the word {twice!r} twice in a row (a piece read twice, or the words between misread) "
                f"(มีคำว่า {twice!r} ซ้ำติดกัน อาจอ่านซ้ำหรืออ่านคำระหว่างนั้นผิด)")
    looped = [] if person else loop_doubts(value)
    if looped:  # a word misread, which says nothing of a table's rows: the field alone
        read, likelier = looped[0]
        return (f"has {read!r} where {likelier!r} is far more common (ไ read for ใ, a mark lost) "
                f"(คำว่า {read!r} อาจเป็น {likelier!r} ที่อ่าน ใ เป็น ไ)")
    joined = [] if person else joined_doubts(value)
    letters = len(re.sub(r"\s", "", value))
    # a long value is right with a few letters misread (issue 12's measure): doubted when the words it would be
    # differ from the reading by more than that
    if joined and (letters <= EXACT_CHARS or sum(Levenshtein.distance(a, b) for a, b in joined) > SLIP_SHARE * letters):
        read, likelier = joined[0]
        return (f"has {read!r}, words that together spell {likelier!r} but for their marks (a word misread into "
                f"pieces) (คำว่า {read!r} อาจเป็น {likelier!r} ที่อ่านวรรณยุกต์หรือสระผิดจนแยกเป็นหลายคำ)")
    return None


__all__ = ["EXACT_CHARS", "SLIP_SHARE", "scrap_doubt", "word_doubt"]
