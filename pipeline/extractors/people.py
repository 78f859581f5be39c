"""OCR'd values respelt whole, and person names (นางสาวชนี้ดา อินทรสุวรรณ) spelt as the name lists have them."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pipeline.extractors.vocabulary import name_title_pattern
from pipeline.readers.ocr.respell import is_listed_name, is_word, respell, respell_name
from pipeline.thai import word_frequencies
from pipeline.wording import strings_mapped

_TONE_PAIR = {"\u0e48": "\u0e49", "\u0e49": "\u0e48"}
_THAI_TONE = re.compile("[\u0e48\u0e49]")
FAR_COMMONER_TONE = 300
# ปี (year) after a number, its vowel lost to OCR (``1ป พร้อม``): a lone ป is no word; after a count it is ปี.
_YEAR_CUT = re.compile(r"(?<=[0-9\u0e50-\u0e59])(\s?)\u0e1b(?![\u0e01-\u0e4e])")

# A capital I read as l opening a word whose inner capital shows it is a short name in mixed case (``loT`` for
# IoT): no word opens with l, a small letter, then a capital.
_CAPITAL_I = re.compile(r"(?<![A-Za-z])l(?=[a-z][A-Z])")
# The same IoT read by the Thai model as a bar, a Thai zero and a one (``|๐1``, in 8 of 48 tuning scans, sc14 and
# sc15): no number mixes a bar, a Thai digit and an Arabic one, and its o is the Thai zero's round shape.
_IOT_AS_DIGITS = re.compile(r"(?<![0-9\u0e50-\u0e59A-Za-z|])\|\u0e50[1l](?![0-9\u0e50-\u0e59A-Za-z])")


@cache
def _person() -> re.Pattern[str]:
    """A title, a given name and a family name, and nothing else: what a name field or a signature holds."""
    return re.compile(f"^(\\(?\\s*(?:{name_title_pattern()})\\s*)([\u0e01-\u0e4e]+)(\\s+)([\u0e01-\u0e4e]+)(\\s*\\)?)$")


def _tone_swapped(text: str) -> str:
    """Each word read with one tone mark where its twin with the other (่ for ้, a tail apart in small print) is
    a word ``FAR_COMMONER_TONE`` times commoner in the corpus (TNC): ครั่ง (lac) read for ครั้ง, in 6 of 48 tuning
    scans (sc14, sc15); ไม้ (wood) stays beside ไม่, only 43 times rarer."""
    from pythainlp.tokenize import word_tokenize

    freq = word_frequencies()
    out = []
    for word in word_tokenize(text, keep_whitespace=True):
        marks = [m for m in _TONE_PAIR if m in word]
        if len(marks) == 1 and is_word(word):
            twin = word.replace(marks[0], _TONE_PAIR[marks[0]])
            if freq.get(twin, 0) >= FAR_COMMONER_TONE * max(freq.get(word, 0), 1) and is_word(twin):
                word = twin
        out.append(word)
    return "".join(out)


def words_respelled(value: Any) -> Any:
    """Every text of a record's values respelt once more as a whole (``respell``): OCR read it line by line, and a
    word a line break cut (จุด / เสยังนาท่วมขง) is put right only where its pieces meet."""
    return strings_mapped(value, _text_respelled)


def _text_respelled(value: str) -> str:
    respelt = _IOT_AS_DIGITS.sub("IoT", _CAPITAL_I.sub("I", _YEAR_CUT.sub(r"\1ปี", respell(value))))
    return _tone_swapped(respelt) if _THAI_TONE.search(respelt) else respelt


def people_spelled(value: Any) -> Any:
    """Every person's name in a record's values respelt (``respell_name``); any other value as it was."""
    return strings_mapped(value, _person_spelled)


def _person_spelled(value: str) -> str:
    found = _person().match(value.strip()) or _person().match(_spaced(value.strip()))
    if found is None:
        return value
    title, given, space, family, tail = found.groups()
    return f"{title}{respell_name(given, family=False)}{space}{respell_name(family, family=True)}{tail}"


@cache
def _run_together() -> re.Pattern[str]:
    """A title and one run of Thai: a given and a family name whose space OCR lost."""
    return re.compile(f"^(\\(?\\s*(?:{name_title_pattern()})\\s*)([\u0e01-\u0e4e]+)(\\s*\\)?)$")


def _spaced(value: str) -> str:
    """A name whose space OCR lost (นายกิตติพงษ์ลิ่มเจริญ) with the space put back after the longest listed
    given name that leaves a listed family name (or, failing one, any two letters or more); as read when no
    given name is listed there."""
    found = _run_together().match(value)
    if found is None:
        return value
    title, run, tail = found.groups()
    cuts = [n for n in range(len(run) - 2, 1, -1) if is_listed_name(run[:n], family=False)]
    cut = next((n for n in cuts if is_listed_name(run[n:], family=True)), cuts[0] if cuts else None)
    return value if cut is None else f"{title}{run[:cut]} {run[cut:]}{tail}"


__all__ = ["people_spelled", "words_respelled"]
