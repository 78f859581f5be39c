"""Value text: dotted leaders, printed guidance, tick boxes and line wrapping cleaned off what a person typed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from pipeline.extractors.vocabulary import guidance_bracket_pattern, loose, phrases, placeholders
from pipeline.readers.symbols import SOFT_WRAP
from pipeline.thai import MARKS, to_arabic_digits

CHECKED_GLYPHS = "☑☒■✓✔⌧✗✘●◉▣√✅🗹⊠◼⬛"
UNCHECKED_GLYPHS = "☐□▢○◯❏❑⬜◻"
# A tick box as typed or as a symbol: ☑ ☐ [X] [ ] (/) ( ) …; group 1 is set when it is ticked.
BOX = re.compile(
    rf"([{CHECKED_GLYPHS}]|\[\s*[xX×✓✔/●■*]\s*\]|\(\s*[xX×✓✔/●■*]\s*\))"
    rf"|[{UNCHECKED_GLYPHS}]|\[\s{{0,4}}\]|\(\s{{0,4}}\)")
# Symbol-font private-use characters a reader may have left unmapped (Wingdings code points).
PUA_BOXES = {0xF0FE: "☑", 0xF0FD: "☒", 0xF078: "⌧", 0xF0FC: "✓", 0xF06E: "■", 0xF0A8: "☐", 0xF06F: "☐",
             0xF0A3: "☐", 0xF052: "☑", 0xF054: "☒"}
LEADER = re.compile(r"(?:[.…·_]\s*){2,}|…|-{3,}|[—―–]{2,}|_+|‥")
# The pieces labels and items are found with: an item number (1.  2.1  (3)  4)) and a bullet.
ITEM_NUMBER = r"\(?\d+(?:\.\d+)*[.)]?"
# An item's Thai number OCR misread as a letter, with or without a vowel (``ฒ.`` for ๗., ``ตา.`` for ๓.), a leading
# vowel or a tone mark (``โป๊.`` for ๒.), its dot read as a comma too (``ฒ,ประโยชน์…`` for ๙.), as a Latin one's is.
MISREAD_ITEM_NUMBER = r"(?<![\u0e01-\u0e2e])[\u0e40-\u0e44]?[\u0e01-\u0e2e][\u0e30-\u0e39]?[\u0e48-\u0e4b]?[.,)]"

# What may stand before a label at the start of a line: spaces, bullets, item numbers, tick boxes (a dot after
# one: ``☑.2``; its foot read as an underscore: ``☑_©.``), and the specks OCR makes of a scanned margin or of an
# item's Thai number (quotes, ``@``, ``©.`` for ๑., a dot a space away from its number: ``9 “๒. ``, ``@๘ .``),
# and a number misread as a letter or two (``ฒ.`` for ๗., ``ตา.`` or ``ดตา.`` for ๓.), as Thai lists also number
# items (ก. ข. ค.), or as one or two Latin
# letters (``lo,`` or ``lo)`` for ๒., glued to a Thai label too: ``lo.เครื่องมือ``), or with its dot read as a
# comma (``3,``) or set apart from its first part (``๑๐ .๒``). A number of four digits is no item's but a value's
# wrapped to the line start (a year, ``2568 กอง/สำนักงาน``), and the inline label after it no line's first.
# An angle bracket is a speck or a misread number as a bullet is (``<. ความเสี่ยงของโครงการ`` for ๘.).
LINE_PREFIX = re.compile(
    rf"(?:\s|[-–—•●▪◦·*<>:=_]|(?<=[-–—•<>])[.,{MARKS}]|(?<=[{CHECKED_GLYPHS}{UNCHECKED_GLYPHS}])[.,]"
    rf"|(?:ข้อ(?:ที่)?\s*)?(?!\d{{4}}){ITEM_NUMBER}|{BOX.pattern}|[xX/](?=\s)"
    rf"|[“”\"'‘’`@«»|©®][.,)]?|(?<!\S)[.,](?=\s)|{MISREAD_ITEM_NUMBER}|(?<!\S)\d{{1,2}},(?=\s)|(?<=\d\s)\.\d{{1,2}}[.)]?(?=\s)"
    r"|(?<![A-Za-z])[A-Za-z]{1,2}[.,)](?=\s|$)|(?<![\u0e01-\u0e2e])[\u0e01-\u0e2e]{2}[\u0e30-\u0e39]?\.(?=\s))*")
BULLET = "[-•●▪·*–]"
MISREAD_ONE = "@©"  # Thai ๑ as OCR misreads it: its loop and tail read as an at sign or a circled c
_EDGE_START = " \t:;,"
TWICE_READ_TAIL = 5  # letters of a guidance sentence's end read again on the next line: no speck is as long
# A value never starts with a Thai mark standing on no letter, nor with a dot or tick set apart from its first
# word: a speck of the scan or the end of the label's line (7. งบประมาณ.).
_LEADING_SPECK = re.compile(rf"^(?:[{MARKS}]+|[.'`©®«»|]+\s+)")  # (©, ®, «, |: specks OCR read as symbols)
# … nor with a run of three scraps or more, none a Thai word, one a bar or slash (``๐) ro | 9/ 9/ ๐ คณะ…``: a
# scanned cell's ruling and specks before the value's first line).
_LEADING_SCRAPS = re.compile(r"^(?=(?:\S{1,2}\s+)*?\S?[|/\\])(?:[^\s\u0e01-\u0e2e]{1,2}\s+){3,}(?=[\u0e01-\u0e2e\u0e40-\u0e44])")
# A first line of one Latin letter or digit with the value on the lines below (``ท้าทายที่เกิดขึ้น 7`` / the value,
# seed 3319): a speck at the label's or the guidance's line end; no value opens with a line of one character.
_LONE_SCRAP = re.compile(r"[A-Za-z0-9]")
# … nor ends with a comma, alone or with a speck or two after it (``…บน LINE,»``): the cell's border or a speck at its
# end, read as punctuation; a typed list's comma has its next item after it.
_TRAILING_COMMA = re.compile(r"\s*,[^\w\s]{0,2}$")
_NUMBERING = re.compile(r"^\s*(?:(?:ข้อ(?:ที่)?|ตัวชี้วัดที่|ขั้นตอนที่|ขั้นที่)\s*)?"
                        rf"(?:{ITEM_NUMBER}(?=\s|$|[^\d.])|{BULLET})\s*")
_SPACES = re.compile(rf"[ \t\u00a0\u2002\u2003\u2009{SOFT_WRAP}]+")
_SOFT_BREAK = re.compile(rf"{SOFT_WRAP}[ \t]*\n[ \t]*")  # a PDF line wrapped inside Thai text, and its break


def match_text(text: str) -> str:
    """The text labels are matched against: the same length, Thai digits read as Arabic."""
    return to_arabic_digits(text)


# Wingdings boxes that lost their font on the way (a style's font, a copy and paste) show as Latin-1 letters.
_LATIN_BOXES = re.compile(r"(?<!\S)[þý¨](?!\S)")


def map_pua_boxes(text: str) -> str:
    if any(0xF000 <= ord(c) <= 0xF0FF for c in text):
        text = text.translate(PUA_BOXES)
    if "þ" in text or "ý" in text or "¨" in text:
        text = _LATIN_BOXES.sub(lambda m: {"þ": "☑", "ý": "☒", "¨": "☐"}[m.group(0)], text)
    return text


def strip_leaders(text: str) -> str:
    """Dotted leaders (…., ___, ‥) become a space; single dots (ก.ก., 2.5) stay."""
    return LEADER.sub(" ", text)


def cut(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each (start, end) span replaced by a space."""
    if not spans:
        return text
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:  # overlapping spans are cut as one
            last = max(last, end)
            continue
        out.append(text[last:start])
        out.append(" ")
        last = end
    out.append(text[last:])
    return "".join(out)


def remove_guidance(text: str, guidance: Iterable[str] = ()) -> str:
    """Printed guidance removed wherever it stands and however it wraps: bracketed hints and known sentences,
    and a long guidance sentence OCR misread a few letters of (``near_spans``)."""
    probe = match_text(text)
    text = cut(text, [m.span() for m in guidance_bracket_pattern().finditer(probe)])
    guidance = tuple(guidance) + placeholders()
    found = phrases(guidance)
    # Both on the same text: a sentence found word for word must not hide the piece of a nearly found one
    # it overlaps (two guidance sentences share a clause).
    spans = found.spans(text) + found.near_spans(text)
    return cut(text, spans + _tails_read_twice(text, spans))


def _tails_read_twice(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The line after a guidance sentence cut at its line's end when it holds only that sentence's last words:
    OCR's label repair completed the wrapped sentence's first line (``…การสนับสนุน`` to ``…การสนับสนุนจากที่ใด)``),
    and its second line (``จากที่ใด)``) was left in front of the value."""
    tails = []
    for start, end in spans:
        line_end = text.find("\n", end)
        if line_end < 0 or text[end:line_end].strip():
            continue
        next_end = text.find("\n", line_end + 1)
        next_end = len(text) if next_end < 0 else next_end
        tail = compact(text[line_end + 1:next_end])
        if len(tail) >= TWICE_READ_TAIL and compact(text[start:end]).endswith(tail):
            tails.append((line_end + 1, next_end))
    return tails


def drop_bullets(text: str, phrases: Iterable[str]) -> str:
    """Printed bullet items (``- การสร้างนวัตกรรม``) removed where they stand as bullets: a line of their own,
    or one bullet after another in a run, not the same words inside a sentence."""
    for phrase in phrases:
        text = _bullet_pattern(phrase).sub(" ", text)
    return text


@cache
def _bullet_pattern(phrase: str) -> re.Pattern[str]:
    bullet = BULLET
    # A bullet left hanging at the line's end is the next item's, wrapped apart from it: it goes too.
    return re.compile(rf"(?:^[ \t]*{bullet}?|(?<=\s){bullet})[ \t]*(?:\d+[.)][ \t]*)?{loose(phrase)}"
                      rf"(?:[ \t]*{bullet}[ \t]*$|(?=[ \t]*(?:{bullet}|$)))", re.MULTILINE)


def collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def remove_boxes(text: str) -> str:
    """Tick-box glyphs left in a value (the form's own boxes next to a typed value) are dropped."""
    text = re.sub(rf"[{CHECKED_GLYPHS}{UNCHECKED_GLYPHS}]", " ", text)
    return re.sub(r"(?m)^\s*(?:\[\s*[xX×✓✔/]?\s*\]|\(\s*[xX×✓✔/]?\s*\))", " ", text)


def clean_value(text: str | None, guidance: Iterable[str] = (), guidance_lines: Iterable[str] = (),
                words: Iterable[str] = (), after_label: bool = False) -> str | None:
    """What a person typed in a blank: guidance, leaders and boxes gone, lines joined by single spaces (a PDF
    line that the page width wrapped inside Thai text joined to the next without one).

    ``words`` are printed words that may be left in front of the value (``ร้อยละ`` before a percentage).
    ``after_label``: the text runs on from a label's line (not a table cell, where ``1`` / ``นวัตกรรม`` is a count
    wrapped in a narrow column), so a first line of one letter or digit is a speck.
    Blank, dots only or a lone ``-`` give None.
    """
    if text is None:
        return None
    text = remove_guidance(map_pua_boxes(text), guidance)
    if guidance_lines:
        text = drop_bullets(text, guidance_lines)
    text = _SOFT_BREAK.sub("", text)
    # Each line's leading speck too: a wrapped line never starts with a dot set apart (``. และกอง…`` on a scan).
    lines = [_LEADING_SPECK.sub("", collapse(strip_leaders(remove_boxes(line)))) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if after_label and len(lines) > 1 and _LONE_SCRAP.fullmatch(lines[0]):
        lines = lines[1:]  # a speck read as one letter or digit, left alone at the end of the label's line
    value = _LEADING_SPECK.sub("", collapse(" ".join(lines)).lstrip(_EDGE_START))
    value = _LEADING_SCRAPS.sub("", value)
    for word in words:
        m = re.match(rf"\s*{re.escape(word)}\s*[:]?\s*", value)
        if m:
            value = value[m.end():]
    value = _TRAILING_COMMA.sub("", value.strip())
    if not value or set(value) <= set(".-–—_…:;,/ "):
        return None
    return value


def strip_numbering(text: str) -> str:
    """``1.``, ``1.1``, ``๑)``, ``ข้อ 2``, a bullet: the leading enumeration of an item removed."""
    return _NUMBERING.sub("", text, count=1).strip()


def leading_number(text: str) -> tuple[int, ...] | None:
    """The item number an item starts with: ``1.`` → (1,), ``2.1`` → (2, 1), ``๓)`` → (3,); None if none."""
    text = match_text(text)
    # A sub-step number run into its words ("2.2ใช้ระบบ": the space lost) still counts; a bare "5ส" does not.
    m = (re.match(r"^\s*\(?(\d+(?:\.\d+)+)(?=[^\W\d_])", text)
         or re.match(r"^\s*(?:ข้อ(?:ที่)?\s*)?\(?(\d+(?:\.\d+)*)(?:[.)]|\s|$)", text))
    if not m:
        return None
    return tuple(int(x) for x in m.group(1).split(".") if x)


def compact(text: str) -> str:
    """No whitespace at all, Arabic digits: for finding printed words however they were laid out."""
    return re.sub(r"\s+", "", match_text(text))
