"""Thai text: digits, Buddhist-Era dates, fiscal years and months, numbers, baht words and normalization."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache

from pythainlp.util import arabic_digit_to_thai_digit, bahttext, thai_digit_to_arabic_digit, thai_strftime
from pythainlp.util.date import thai_abbr_months, thai_full_months

BE_OFFSET = 543
# The fiscal year runs ต.ค. → ก.ย.: calendar months in fiscal order.
FISCAL_MONTHS: tuple[int, ...] = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)
MONTH_FULL: dict[int, str] = {i + 1: name for i, name in enumerate(thai_full_months)}
MONTH_ABBR: dict[int, str] = {i + 1: name for i, name in enumerate(thai_abbr_months)}

_MONTH_KEYS: dict[str, int] = {}
for _n in range(1, 13):
    _MONTH_KEYS[MONTH_FULL[_n]] = _n
    _MONTH_KEYS[re.sub(r"[.\s]", "", MONTH_ABBR[_n])] = _n

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)

# Private-Use-Area glyph codepoints that PDFs made from TH SarabunPSK by Word (Windows, U+F700–U+F71A)
# and by Mac (U+F884–U+F89E) carry instead of Thai marks: the shifted-mark table of HarfBuzz's Thai
# shaper (hb-ot-shaper-thai.cc), read in reverse. Each maps back to its one Unicode character.
PUA_THAI: dict[int, str] = {}
for _u, _win, _mac in (
    (0x0E48, 0xF70A, 0xF88B), (0x0E49, 0xF70B, 0xF88E), (0x0E4A, 0xF70C, 0xF891), (0x0E4B, 0xF70D, 0xF894),
    (0x0E4C, 0xF70E, 0xF897), (0x0E38, 0xF718, 0xF89B), (0x0E39, 0xF719, 0xF89C), (0x0E3A, 0xF71A, 0xF89D),
    (0x0E48, 0xF705, 0xF88C), (0x0E49, 0xF706, 0xF88F), (0x0E4A, 0xF707, 0xF892), (0x0E4B, 0xF708, 0xF895),
    (0x0E4C, 0xF709, 0xF898),
    (0x0E48, 0xF713, 0xF88A), (0x0E49, 0xF714, 0xF88D), (0x0E4A, 0xF715, 0xF890), (0x0E4B, 0xF716, 0xF893),
    (0x0E4C, 0xF717, 0xF896), (0x0E31, 0xF710, 0xF884), (0x0E34, 0xF701, 0xF885), (0x0E35, 0xF702, 0xF886),
    (0x0E36, 0xF703, 0xF887), (0x0E37, 0xF704, 0xF888), (0x0E47, 0xF712, 0xF889), (0x0E4D, 0xF711, 0xF899),
    (0x0E0D, 0xF70F, 0xF89A), (0x0E10, 0xF700, 0xF89E),
):
    PUA_THAI[_win] = chr(_u)
    PUA_THAI[_mac] = chr(_u)

# The marks that stand above or below a Thai letter (vowels, tone marks, thanthakhat …), as a regex class body:
# the ones OCR loses or misreads, and that never stand alone.
MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_SPACE_BEFORE_MARK = re.compile(f"[ \u00a0]+(?=[{MARKS}])")
_SARA_AM_SPLIT = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
_TONE_BEFORE_NIKHAHIT = re.compile("([\u0e48-\u0e4b])\u0e4d\u0e32")
_TONE_BEFORE_VOWEL = re.compile("([\u0e48-\u0e4c])([\u0e31\u0e34-\u0e3a])")


_THAI_DIGIT = re.compile("[\u0e50-\u0e59]")


def to_arabic_digits(text: str) -> str:
    """๑๒๓ → 123; everything else unchanged."""
    # Most texts hold no Thai digit: a search in C is some thirty times cheaper than the translation
    # (a 20-page bundle asks 6,700 times: 90 ms of its 1 s budget).
    return thai_digit_to_arabic_digit(text) if text and _THAI_DIGIT.search(text) else text


def to_thai_digits(text: str) -> str:
    """123 → ๑๒๓; everything else unchanged."""
    return arabic_digit_to_thai_digit(text) if text else text


def normalize(text: str) -> str:
    """Canonical Thai text: PUA glyphs mapped back, SARA AM recomposed, zero-width and stray spaces gone, NFC."""
    if not text:
        return text
    text = text.translate(PUA_THAI).translate(ZERO_WIDTH)
    # Tesseract and some PDF text layers write ำ as NIKHAHIT + SARA AA, with the tone mark before or between.
    text = _TONE_BEFORE_NIKHAHIT.sub("\\1\u0e33", text)
    text = _SARA_AM_SPLIT.sub("\\1\u0e33", text)
    # A tone mark or thanthakhat stored before the vowel it is stacked on (ช่ือ): Thai spelling puts the vowel first.
    text = _TONE_BEFORE_VOWEL.sub("\\2\\1", text)
    text = _SPACE_BEFORE_MARK.sub("", text)
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------- years and the fiscal year
def be_to_ce(year: int) -> int:
    """Buddhist-Era year → Gregorian (2568 → 2025); a two-digit BE year (68) is read as 25xx."""
    if year < 100:
        year += 2500
    return year - BE_OFFSET if year > 2400 else year


def ce_to_be(year: int) -> int:
    """Gregorian year → Buddhist Era (2025 → 2568)."""
    return year + BE_OFFSET if year < 2400 else year


def be_year(text: str) -> int:
    """A Buddhist-Era year from what a form prints: ``2568``, ``68`` (→ 2568) or a Gregorian ``2025``."""
    year = int(text)
    if year < 100:
        return year + 2500
    return ce_to_be(year)


BANGKOK = dt.timezone(dt.timedelta(hours=7), "ICT")  # Bangkok keeps no daylight saving


def bangkok_date(moment: dt.datetime) -> dt.date:
    """The day a moment falls on in Bangkok (a naive moment is taken as UTC)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(BANGKOK).date()


def fiscal_year_of(day: dt.date) -> int:
    """The BE fiscal year a date falls in: 1 Oct 2024 – 30 Sep 2025 is ปีงบประมาณ พ.ศ. 2568."""
    return ce_to_be(day.year + 1 if day.month >= 10 else day.year)


def fiscal_year_bounds(fiscal_year: int) -> tuple[dt.date, dt.date]:
    """First and last day of a BE fiscal year."""
    ce = be_to_ce(fiscal_year)
    return dt.date(ce - 1, 10, 1), dt.date(ce, 9, 30)


def fiscal_month_year(fiscal_year: int, month: int) -> int:
    """The Gregorian year of a calendar month inside a BE fiscal year (ต.ค. 2568 FY → 2024)."""
    ce = be_to_ce(fiscal_year)
    return ce - 1 if month >= 10 else ce


def fiscal_quarter(month: int) -> int:
    """Quarter 1–4 of the fiscal year a calendar month belongs to (ต.ค.–ธ.ค. is quarter 1)."""
    return FISCAL_MONTHS.index(month) // 3 + 1


def month_number(name: str) -> int | None:
    """Calendar month of a Thai month name or abbreviation (มกราคม, ม.ค., มค) or a number; None if not one."""
    key = re.sub(r"[.\s]", "", to_arabic_digits(normalize(name or "")))
    if key.isdigit():
        n = int(key)
        return n if 1 <= n <= 12 else None
    return _MONTH_KEYS.get(key)


# --------------------------------------------------------------------------- dates
_DATE_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})")
# A four-digit year OCR split with a space (``๒๕๖ ๗``, ``๒ ๕๖๘``): 25xx or 20xx only, so a day after a
# two-digit year is not taken in. Its digits are joined with ``.replace(" ", "")``.
SPLIT_YEAR = r"2 ?[05] ?\d ?\d(?!\d)"
_DATE_WORDS = re.compile(r"(\d{1,2})\s*([\u0e01-\u0e2e\u0e30-\u0e4e.\s]+?)\s*(?:พ\.?\s*ศ\.?\s*)?"
                         rf"({SPLIT_YEAR}|\d{{2,4}})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(text: str | dt.date | None) -> dt.date | None:
    """A date as people write it on the forms → a Gregorian date; None when blank.

    Accepts ISO (BE or CE year), ``15 มกราคม 2568``, ``15 ม.ค. 68``, ``๑๕ ม.ค. ๒๕๖๘``, ``15/01/2568``.
    Raises ValueError when there is text but no date in it.
    """
    if text is None or isinstance(text, dt.date):
        return text
    s = to_arabic_digits(normalize(str(text))).strip()
    if not s or set(s) <= set(".-…_ "):
        return None
    m = _DATE_ISO.fullmatch(s)
    if m:
        y, mo, d = map(int, m.groups())
        return dt.date(be_to_ce(y), mo, d)
    m = _DATE_NUMERIC.search(s)
    if m:
        d, mo, y = map(int, m.groups())
        return dt.date(be_to_ce(y), mo, d)
    for m in _DATE_WORDS.finditer(s):
        mo = month_number(m.group(2))
        if mo:
            return dt.date(be_to_ce(int(m.group(3).replace(" ", ""))), mo, int(m.group(1)))
    raise ValueError(f"not a date: {text!r} (write it like 15 มกราคม 2568 or 2025-01-15)")


def format_date(day: dt.date, style: str = "full", thai_digits: bool = False) -> str:
    """A date the way Thai government letters write it: ``15 มกราคม 2568`` (full) or ``15 ม.ค. 68`` (abbr)."""
    fmt = {"full": "%-d %B %Y", "abbr": "%-d %b %y", "abbr4": "%-d %b %Y"}[style]
    return thai_strftime(dt.datetime(day.year, day.month, day.day), fmt, thaidigit=thai_digits)


# --------------------------------------------------------------------------- numbers and money
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_SPACED_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?: \d{3})+(?![\d.,]\d|\d)")


def parse_number(text: str | int | float | None) -> int | float | None:
    """The first number in a text, from Arabic or Thai digits with thousands separators; None when blank.

    ``๔๕,๐๐๐ บาท`` → 45000, ``ร้อยละ 70`` → 70, ``12.5`` → 12.5. Raises ValueError for text with no number.
    """
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return text
    s = to_arabic_digits(normalize(text)).strip()
    if not s or set(s) <= set(".-…_ "):
        return None
    s = re.sub(r"(?<=\d),(?=\d{3})", "", s)
    # Thousands set apart by spaces (a typist's ``150 000``, or OCR reading a thin comma as a gap).
    s = _SPACED_THOUSANDS.sub(lambda m: m.group().replace(" ", ""), s)
    m = _NUMBER.search(s.replace(" ", "") if re.fullmatch(r"[\d\s.,-]+", s) else s)
    if not m:
        raise ValueError(f"not a number: {text!r}")
    value = float(m.group())
    return int(value) if value.is_integer() and "." not in m.group() else value


def format_number(value: int | float, thai_digits: bool = False) -> str:
    """45000 → ``45,000``; 12.5 → ``12.5``; whole floats lose their ``.0``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")
    return to_thai_digits(text) if thai_digits else text


def baht_text(amount: int | float) -> str:
    """An amount in baht in Thai words, as on cheques: 45000 → ``สี่หมื่นห้าพันบาทถ้วน``."""
    return bahttext(amount)


@cache
def dictionary_words() -> frozenset[str]:
    """pythainlp's Thai word list, loaded once for every reader and check that asks whether a spelling is a word."""
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


@cache
def word_frequencies() -> dict[str, int]:
    """Each Thai word's frequency in the Thai National Corpus (pythainlp), loaded once for every reader that
    weighs a spelling against another."""
    from pythainlp.corpus import tnc

    return dict(tnc.word_freqs())

