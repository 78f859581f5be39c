"""Names misread inside an OCR'd value: one of fixed spelling a letter or two off (an agency's, the policy's, a company's)."""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from pipeline.agencies import all_agencies
from pipeline.extractors.vocabulary import fixed_names
from pipeline.forms import keys_where
from pipeline.thai import normalize

# A name shorter than this is matched only exactly: a short name a letter off is often another word (กอง, เขต).
MIN_NAME = 8
# One letter misread in this many of a name's, at least one: more is another name or other words, not a misread.
LETTERS_PER_SLIP = 8
NEAR_SCORE = 85  # rapidfuzz's partial ratio a stretch must reach to be looked at (a quick first cut)
_SPACES = re.compile(r"\s+")
_THAI_ONLY = re.compile(r"[\u0e01-\u0e4e]+")
_NUMBER_AFTER = re.compile(r"\s*[0-9๐-๙]")
_MARK = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")  # above or below its letter, never a word's start


# What opens many agencies' names: only what follows tells them apart, and a district's is short (สำนักงานเขตวัฒนา,
# and the words สำนักงานเขต พัฒนา… a letter off it), so a name is looked for only when that part is long.
_PREFIXES = ("สำนักงานเขต", "สำนักการ", "สำนักงาน", "สำนัก", "กอง")


def _own_part(name: str) -> str:
    return next((name[len(p):] for p in _PREFIXES if name.startswith(p)), name)


@cache
def _agency_names() -> tuple[str, ...]:
    """Every agency's name and alias, spaces out, Thai letters only, whose own part (after สำนักงานเขต, สำนัก…) is
    long enough to be told from common words."""
    names = {_SPACES.sub("", normalize(n)) for agency in all_agencies() for n in (agency.th, *agency.aliases)}
    return tuple(sorted(n for n in names if len(_own_part(n)) >= MIN_NAME and _THAI_ONLY.fullmatch(n)))


def _near(name: str, text: str, exact: tuple[str, ...]) -> tuple[int, int] | None:
    """Where in ``text`` (spaces out) ``name`` stands a letter or two off, and no name of ``exact`` stands there
    as written (สำนักงานเขตบางนา is not สำนักงานเขตบางนาก misread): (start, end), or None."""
    found = fuzz.partial_ratio_alignment(name, text, score_cutoff=NEAR_SCORE)
    if found is None:
        return None
    start, end = found.dest_start, found.dest_end
    while end < len(text) and _MARK.match(text, end):  # a stretch ends with its last letter's marks
        end += 1
    slips = Levenshtein.distance(name, text[start:end])
    if slips == 0 or slips > max(1, len(name) // LETTERS_PER_SLIP):
        return None
    for other in exact:
        at = text.find(other)
        if at >= 0 and at < end and at + len(other) > start:
            return None
    return start, end


def misread_name(value: str) -> tuple[str, str] | None:
    """(the stretch read, the name it is a letter or two off) for an agency's name or a policy's dimension
    (before its item's number: บริหารจัดการดิ 12 for บริหารจัดการดี 12) that ``value`` holds misread, or None.
    Such names are spelt one way and OCR misreads them as it misreads any word (กองระบบคลอง สาน กการระบายน้ำ for
    สำนักการระบายน้ำ), into stretches no spelling rule doubts."""
    text = _SPACES.sub("", normalize(value))
    agencies = _agency_names()
    for name in agencies:
        if name not in text and (at := _near(name, text, agencies)):
            return text[at[0]:at[1]], name
    dimensions = tuple(normalize(n) for n in fixed_names()["policy_dimensions"])
    for name in dimensions:
        if name in text:
            continue
        at = _near(name, text, dimensions)
        if at and _NUMBER_AFTER.match(text, at[1]):
            return text[at[0]:at[1]], name
    return None


def company_form_slip(path: str, value: str) -> str | None:
    """A partner's name that opens with บริษัท (a company's, not บริษัทฯ "the company") and lacks its legal form
    จำกัด, or has มหาชน ("public") without จำกัด before it: every Thai company's name ends in จำกัด or จำกัด (มหาชน),
    so the form was misread (``…เซอร์วิสเจกัด (มหาชน)``). Only a partner's name: other fields name companies in
    passing (ให้บริษัทฯ ดูแล)."""
    if not (path == "partner" or "partners[" in path and path.endswith(".name")):
        return None
    names = fixed_names()
    text = normalize(value).strip()
    if not text.startswith(names["company"]) or text.startswith(names["company_shared"]):
        return None
    limited, public = names["limited"], names["public"]
    if limited not in text:
        return limited
    if public in text and not re.search(rf"{limited}\s*\(?\s*{public}", text):
        return f"{limited} ({public})"
    return None


# A number standing alone (no unit, no letters or digits joined to it): a tool's name is never one (``161 4G และ
# Grafana`` for IoT, 4G…; ``IoT, ๕๐ และ Grafana`` for 4G: a short Latin name read as digits).
_BARE_NUMBER = re.compile(r"(?<![\w.,/-])[0-9๐-๙]+(?![\w.,%/-])")


@cache
def _names_only() -> frozenset[str]:
    """The keys of fields that list names and nothing counted (``names_only`` in forms.yaml: Form 3's tools)."""
    return keys_where(lambda spec: spec.names_only)


def number_for_name(path: str, value: str) -> str | None:
    """The bare number in a field that lists names only (a tool's name read as digits), or None."""
    if path not in _names_only():
        return None
    found = _BARE_NUMBER.search(value)
    return found.group(0) if found else None


def name_doubt(path: str, value: str, *, person: bool = False) -> str | None:
    """Why an OCR'd value likely holds a name of fixed spelling misread (English, then Thai), or None. Not a
    person's name: an agency's or a company's is not part of one."""
    if person:
        return None
    misread = misread_name(value)
    if misread:
        read, name = misread
        return (f"has {read!r}, a letter or two off the name {name!r} (the name misread) "
                f"(มี {read!r} ซึ่งต่างจากชื่อ {name!r} เพียงอักษรหนึ่งหรือสองตัว อาจอ่านชื่อผิด)")
    number = number_for_name(path, value)
    if number:
        return (f"has {number!r}, a number alone where the field lists names (a name misread as digits) "
                f"(มี {number!r} ซึ่งเป็นตัวเลขในช่องที่ระบุชื่อ อาจอ่านชื่อเป็นตัวเลขผิด)")
    form = company_form_slip(path, value)
    if form:
        return (f"names a company without its legal form {form!r} where a company's name ends in it (a word misread) "
                f"(ชื่อบริษัทไม่มีคำว่า {form!r} ต่อท้าย อาจอ่านคำผิด)")
    return None


__all__ = ["company_form_slip", "misread_name", "name_doubt", "number_for_name"]
