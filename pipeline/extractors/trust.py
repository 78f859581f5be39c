"""Which fields of a record a person must check: weak OCR readings, impossible Thai, leaked labels, missed fields."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from rapidfuzz import fuzz

from pipeline import settings
from pipeline.agencies import all_agencies, resolve
from pipeline.extractors.near_names import name_doubt
from pipeline.extractors.plausible import is_person, label_key
from pipeline.extractors.ratings import RATED
from pipeline.extractors.slips import EXACT_CHARS, SLIP_SHARE, scrap_doubt, word_doubt
from pipeline.extractors.spelling import (
    MARK_RATIO,
    impossible_sequence,
    leftover_letters,
    mark_doubts,
    skeleton,
    stray_letters,
    unknown_words,
    vowel_doubts,
)
from pipeline.extractors.typed_doubts import blanks_read_into, required_by, typed_blank_doubt, typed_value_doubt
from pipeline.extractors.vocabulary import vocabulary
from pipeline.forms import FieldSpec, form
from pipeline.thai import MONTH_FULL, normalize
from pipeline.wording import printed_wording

_AGENCY_KEYS = frozenset({"agency", "extended_from"})
_FIXED_TABLES = frozenset({"kpis", "questions"})  # the form says how many rows it asks for (4 KPIs, ≥ 5 questions)
_THAI = re.compile("[\u0e01-\u0e4e]")
# Thai abbreviations read as Latin (ก.พ. → A.W.) and one- or two-letter Latin crumbs between Thai words.
_LATIN_SCRAP = re.compile(r"(?<![A-Za-z0-9])(?:[A-Za-z]\.){1,3}(?![A-Za-z])|(?<=[\u0e01-\u0e4e] )[A-Za-z]{1,2}(?= [\u0e01-\u0e4e])|"
                          r"^[A-Za-z]{1,2}(?= [\u0e01-\u0e4e])")
# Symbols no form's value holds, which OCR makes of a smudge, a table line or a stamp's edge (|๒ติดตั้ง, «๐),
# or of a Latin word it could not read (!!ผ6 for LINE, ซอฟต์แวร์@เซอร์วิส for &); an @ touching a Thai letter
# (an e-mail address or a LINE ID, @bkk, is Latin on its right and stands after a space).
_ODD_SYMBOL = re.compile(r"[|«»©®¢£¥§¶~^{}<>!]|(?<=[\u0e01-\u0e4e])@|@(?=[\u0e01-\u0e4e])")
# A Latin or digit scrap run into a colon (fa: 161:4G): OCR's reading of a word it could not read; Thai
# writing puts a colon after a space (ไตรมาสที่ 3 :), and a time (10:30) has digits on both sides.
_COLON_SCRAP = re.compile(r"(?<![0-9])[A-Za-z0-9]+:(?![0-9])")
# A month whose year OCR read as Latin letters ((มิ.ย. - กุย. de), ก.พ. va, เดือนกันยายน bade): a date misread.
_MONTH_NAMES = "|".join(MONTH_FULL.values())
_LETTERS_FOR_YEAR = re.compile(rf"(?:[\u0e01-\u0e4e]\.\s?[A-Za-z]{{2}}|(?:{_MONTH_NAMES})\s?[A-Za-z]{{2,4}})(?![A-Za-z])")
# A month's abbreviation read as digits before its year ((6.0. 67 - ก.พ. 68) for ธ.ค. 67): no number is written
# digit, dot, digit, dot and then a two-digit year.
_DIGITS_FOR_MONTH = re.compile(r"(?<![0-9๐-๙.])[0-9๐-๙]\.\s?[0-9๐-๙]\.\s*[0-9๐-๙]{2}(?![0-9๐-๙.])")
# A value ending in a comma (…คลังภาพกลาง,): cut short, or a speck read as a comma; no value ends in one.
_LAST_COMMA = re.compile(r",\s*$")
# A value opening with one or two Thai letters and a colon (ร: บริหาร…, น: กลุ่มงาน…): its label's tail.
_LABEL_TAIL = re.compile(r"^[\u0e01-\u0e4e]{1,2}\s?:\s")
# Digits and Thai letters run into one word (96พ6, 3บ alone): OCR's reading of a word or a number it could not
# read; typed Thai runs a number into the next word (ร้อยละ80ของ), never a lone letter between or after digits.
# So are Thai and Arabic digits in one number (๘6๐): one of them misread.
_MIXED_WORD = re.compile(r"[0-9๐-๙][\u0e01-\u0e2e][0-9๐-๙]|(?<![\u0e01-\u0e4e])[0-9๐-๙]+[\u0e01-\u0e2e](?![\u0e01-\u0e4e])"
                         r"|[๐-๙][0-9]|[0-9][๐-๙]")
# A Thai consonant standing alone at a value's end (…๓๐ แห่ง ล): a speck read as a letter; Thai writes no
# one-letter word but ณ (ณ จุดเดียว), and an abbreviation carries its dot (ก.). (One inside a value, บ ริหาร,
# is mostly a word's first letter set apart: the words are still right.)
_LONE_LETTER = re.compile(r"(?<=\s)[ก-ฒด-ฮ]\s*$")
# A Latin word opening with a small l before a capital (loT for IoT, lT for IT): OCR's l for a capital I; no
# word is written so (a small first letter before capitals is e or i: eGov, iPad).
_L_FOR_I = re.compile(r"(?<![A-Za-z])l[a-z]?[A-Z]")
_LATIN_ONLY_SCRAP = re.compile(r"[a-z]{1,3}")  # a whole value of one to three small Latin letters (an)
_CRUMBS = re.compile(r"(?:(?<=\s)|^)(?:\S{1,2}\s+){2,}\S{1,2}(?=\s|$)")  # three or more 1–2 character scraps
SAME_PROJECT_SCORE = 90  # a plan's project name read apart from the form's still matches it this well
MIN_PRINTED_CHARS = 10  # shorter printed phrases (ชื่อโครงการ aside) also occur inside real values
FUZZY_PRINTED_CHARS, FUZZY_PRINTED_SCORE = 14, 90  # long printed phrases are also found with a letter misread
_NUMBERING = re.compile(r"^[0-9๐-๙.)\s]+")
MIN_SLIP_CHARS = 2  # a leftover piece stands for a word misread: at least two letters of it are wrong
_RATING_NUMBER = re.compile(r"[1-5๑-๕]")
_AGENCY_PREFIXES = ("สำนักงานเขต", "สำนักการ", "สำนักงาน", "สำนัก", "กอง")


@cache
def printed_phrases(kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The form's printed labels, and its printed guidance cut in pieces (a line of it may leak), normalised,
    without the choices' wording (a plan's phase names are also a step's name)."""
    words = vocabulary(kind)
    labels = {label_key(_NUMBERING.sub("", label)) for anchor in words.anchors for label in anchor.labels}
    labels |= {label_key(_NUMBERING.sub("", spec.label)) for spec in form(kind).fields.values()}
    guidance = set()
    for sentence in words.guidance:
        key = label_key(sentence)
        step = MIN_PRINTED_CHARS
        guidance |= {key[i:i + 2 * step] for i in range(0, max(1, len(key) - step), step)}
    choices = {label_key(c) for spec in form(kind).fields.values() for c in spec.choices.values()}
    choices |= {label_key(c) for c in form("plan").fields["steps"].item["phase"].choices.values()}

    def keep(phrases: set[str]) -> tuple[str, ...]:
        return tuple(sorted(p for p in phrases if len(p) >= MIN_PRINTED_CHARS and not any(p in c for c in choices)))

    return keep(labels), keep(guidance)


@cache
def _sample_texts(key: str) -> tuple[str, ...]:
    """The embedded samples' values of a field, normalised: printed wording they also write in it
    (วิธีการคำนวณ in a KPI's method) is not a sign of a leaked label."""
    from pipeline.samples import sample_records

    return tuple(label_key(v) for r in sample_records()
                 for p, spec, v in leaves(r.kind, r.model_dump(mode="json")["fields"])
                 if spec.type == "text" and isinstance(v, str) and p.rsplit(".", 1)[-1].split("[")[0] == key)


def leaked_label(key: str, value: str, kind: str, *, typed: bool = False) -> str | None:
    """The form's printed wording found in a value (read by OCR: anywhere, allowing a misread letter or two;
    typed: only where the value starts or ends, where a reader takes in the next label), unless the samples
    write it in that field too."""
    norm = label_key(value)
    if len(norm) < MIN_PRINTED_CHARS:
        return None
    labels, guidance = printed_phrases(kind)
    for phrase in labels + guidance:
        if typed:
            found = norm.startswith(phrase) or norm.endswith(phrase)
        else:
            fuzzy = phrase in labels and len(phrase) >= FUZZY_PRINTED_CHARS
            found = phrase in norm or bool(fuzzy and fuzz.partial_ratio(phrase, norm, score_cutoff=FUZZY_PRINTED_SCORE))
        if found and not any(phrase in v for v in _sample_texts(key)):
            return phrase
    return None


@cache
def _agency_parts() -> tuple[tuple[str, str], ...]:
    """The distinctive part of each agency's name (ระบายน้ำ of สำนักการระบายน้ำ) and its skeleton."""
    parts = set()
    for agency in all_agencies():
        name = agency.th
        for prefix in _AGENCY_PREFIXES:
            if name.startswith(prefix):
                name = name[len(prefix):]
                break
        if len(skeleton(name)) >= 4 and skeleton(name) != name:
            parts.add(name)
    return tuple(sorted((p, skeleton(p)) for p in parts))


def lost_marks_in_name(value: str) -> str | None:
    """An agency's name in a value with a mark lost (ระบายนำ for ระบายน้ำ): the name as it should read."""
    text = normalize(value)
    bare = skeleton(text)
    for part, bones in _agency_parts():
        if bones in bare and part not in text:
            return part
    return None


def leaves(kind: str, fields: dict[str, Any]) -> Iterator[tuple[str, FieldSpec, Any]]:
    """Every field path of a record with its spec and value, lists and a plan walked into (``steps[2].name``);
    a list itself is given too (``steps``), before its items."""

    def walk(specs: dict[str, FieldSpec], values: dict[str, Any], prefix: str) -> Iterator[tuple[str, FieldSpec, Any]]:
        for key, spec in specs.items():
            value = values.get(key)
            path = f"{prefix}{key}"
            if spec.type == "plan":
                yield path, spec, value
                yield from walk(form("plan").fields, value if isinstance(value, dict) else {}, f"{path}.")
            elif spec.type == "list":
                yield path, spec, value
                for n, item in enumerate(value if isinstance(value, list) else []):
                    yield from walk(spec.item, item if isinstance(item, dict) else {}, f"{path}[{n}].")
            else:
                yield path, spec, value

    yield from walk(form(kind).fields, fields, "")


@cache
def always_filled(kind: str) -> frozenset[str]:
    """The field paths (lists' rows aside) that every embedded sample of a kind fills: what the form requires,
    so a blank one read by OCR was more likely missed than left empty."""
    from pipeline.samples import sample_records

    filled: list[set[str]] = []
    for record in sample_records(kind):
        values = record.model_dump(mode="json")["fields"]
        filled.append({path for path, spec, value in leaves(kind, values)
                       if "[" not in path and spec.type not in ("plan",) and value not in (None, "", [])})
    return frozenset(set.intersection(*filled)) if filled else frozenset()


@cache
def _phase_headings() -> tuple[str, ...]:
    """The plan's phase headings (its phase choices' labels) as label keys: a plan step that is one marks no month."""
    return tuple(label_key(c) for c in form("plan").fields["steps"].item["phase"].choices.values())


def _list_doubt(kind: str, path: str, key: str, value: list[Any] | None, *, typed: bool = False) -> str | None:
    """Why a table likely lost or garbled rows: none at all, fewer than every sample of the form has (Form 4's
    four KPIs, a survey's five questions), the same plan step twice in a row, a plan with no month marked (read
    by OCR: a step with none), or a plan missing a phase."""
    if not value:
        return "has no rows (ไม่พบแถวใดในตาราง)"
    fewest = fewest_rows(kind).get(key, 0)
    if len(value) < fewest:
        return f"has {len(value)} rows where the form asks for {fewest} (พบ {len(value)} แถว แบบฟอร์มกำหนด {fewest} แถว)"
    if key == "steps":
        names = [label_key(str(step.get("name") or "")) for step in value if isinstance(step, dict)]
        twice = [n + 2 for n, (a, b) in enumerate(zip(names, names[1:], strict=False)) if a and a == b]
        if twice:
            return (f"has the same step twice in a row (row {twice[0]}): a heading may have been read as a step and "
                    f"the rows shifted (มีขั้นตอนซ้ำติดกัน อาจอ่านหัวข้อเป็นขั้นตอนและแถวเลื่อน)")
        unmarked = [n + 1 for n, step in enumerate(value) if isinstance(step, dict) and not step.get("months")]
        if len(unmarked) == len(value):
            return ("has no month marked in any step: the plan's marks were not read "
                    "(ไม่พบการทำเครื่องหมายเดือนในขั้นตอนใดเลย)")
        # Every step of a plan runs in some month (none of the tuning halves' 1,111 steps has none), its phase's
        # heading aside (real plans mark none on it): read by OCR, a step with no mark means the grid's marks were
        # misread, and the other steps' months with them (typed: the step's own row, ``unmarked_steps``).
        unmarked = [n + 1 for n in unmarked_steps(value)]
        if unmarked and not typed:
            return (f"has a step with no month marked (row {unmarked[0]}): the plan's marks may be misread "
                    f"(มีขั้นตอนที่ไม่พบการทำเครื่องหมายเดือน อาจอ่านเครื่องหมายผิด)")
        phases = {step.get("phase") for step in value if isinstance(step, dict)}
        missing = [p for p in ("creation", "deployment", "follow_up") if p not in phases]
        if missing:
            return (f"has no step of the phase {', '.join(missing)}; rows may be missing or shifted "
                    f"(ไม่พบขั้นตอนของบางช่วง แถวอาจหายหรือเลื่อน)")
        # A phase lists its steps under its heading row; the last phase's heading with none under it is a table cut
        # where a page ends (no plan of dev's or the tuning sets' truths is so, but where a dropped page cut it too).
        last = [step for step in value if isinstance(step, dict) and step.get("phase") == value[-1].get("phase")]
        if isinstance(value[-1], dict) and all(_heading_step(step) for step in last):
            return ("ends with its last phase's heading and no step under it: its rows may be on a page that is "
                    "missing or was not read (ช่วงสุดท้ายของแผนมีแต่หัวข้อ ไม่มีขั้นตอน แถวอาจอยู่ในหน้าที่หายไป)")
    return None


def _heading_step(step: dict) -> bool:
    """Is a plan's step its phase's heading row (its name a phase heading's, as real plans and the form print it)?"""
    name = label_key(str(step.get("name") or ""))
    return any(fuzz.ratio(name, heading) >= SAME_PROJECT_SCORE for heading in _phase_headings())


def unmarked_steps(steps: list[Any]) -> list[int]:
    """The plan's steps (from 0) with no month marked, a phase's heading aside (real plans mark none on it): none of
    the 7,575 steps of dev's, dev2's and the tuning sets' truths is so."""
    return [n for n, step in enumerate(steps) if isinstance(step, dict) and not step.get("months")
            and not _heading_step(step)]


@cache
def fewest_rows(kind: str) -> dict[str, int]:
    """The fewest rows each table the form counts has in the embedded samples (Form 4: 4 KPIs; a survey: 5)."""
    from pipeline.samples import sample_records

    counts: dict[str, list[int]] = {}
    for record in sample_records(kind):
        for key, value in record.fields.items():
            if key in _FIXED_TABLES and isinstance(value, list):
                counts.setdefault(key, []).append(len(value))
    return {key: min(n) for key, n in counts.items()}


def _confidence_of(path: str, confidence: dict[str, float], fallback: float | None) -> float | None:
    if path in confidence:
        return confidence[path]
    top = path.split("[")[0].split(".")[0]
    return confidence.get(top, fallback)


def text_doubt(key: str, value: str, kind: str) -> str | None:
    """Why an OCR'd text value is likely misread (English, then Thai), or None."""
    if len(value.strip()) == 1:
        # No text field holds one character (a risk's rating, which may, is checked apart): a speck, a box or a
        # circle read as a letter or a digit (๐ in a blank).
        return f"is the one character {value.strip()!r} (a speck or a box read as text) (มีเพียงอักขระ {value.strip()!r} อาจเป็นรอยเปื้อน)"
    odd = impossible_sequence(value)
    if odd:
        return (f"holds the letters {odd!r}, which no Thai word has (a mark was lost or misread) "
                f"(มีลำดับอักษร {odd!r} ที่ไม่มีในคำภาษาไทย อาจอ่านวรรณยุกต์หรือสระผิด)")
    unknown = [] if is_person(key) else unknown_words(value)
    if unknown:
        shown = ", ".join(dict.fromkeys(unknown[:3]))
        return f"has words not in the Thai dictionary: {shown} (มีคำที่ไม่พบในพจนานุกรม: {shown})"
    pieces = [] if is_person(key) else leftover_letters(value)
    letters = len(re.sub(r"\s", "", value))
    if pieces and (letters <= EXACT_CHARS or sum(max(MIN_SLIP_CHARS, len(p)) for p in pieces) > SLIP_SHARE * letters):
        shown = ", ".join(dict.fromkeys(pieces[:3]))
        return (f"leaves {shown} over when its words are read together, no Thai word (a word misread) "
                f"(เมื่ออ่านคำติดกันแล้วเหลือ {shown} ซึ่งไม่ใช่คำภาษาไทย อาจอ่านคำผิด)")
    stray = stray_letters(value)
    if stray:
        return (f"has {stray[0]!r}, a letter standing apart from a word it does not begin (a word misread) "
                f"(มี {stray[0]!r} ซึ่งมีอักษรแยกออกจากคำ อาจอ่านคำผิด)")
    doubts = mark_doubts(value, MARK_RATIO)
    if doubts:
        read, likelier = doubts[0]
        return (f"has {read!r} where {likelier!r} is far more common (a tone mark or vowel may be lost) "
                f"(คำว่า {read!r} อาจเป็น {likelier!r} ที่วรรณยุกต์หรือสระหายไป)")
    swapped = vowel_doubts(value)
    if swapped:
        read, likelier = swapped[0]
        return (f"has {read!r} where {likelier!r} is far more common (an upper vowel may be misread) "
                f"(คำว่า {read!r} อาจเป็น {likelier!r} ที่อ่านสระบนผิด)")
    scrapped = scrap_doubt(value, _SCRAPS)
    if scrapped:
        return scrapped
    # (items numbered 1) 2) close more than they open; no value holds square brackets but a misread: โล๖[ลุท)
    if value.count("(") > value.count(")") or value.count("[") != value.count("]"):
        return ("has a bracket that is not closed (the value may be cut short, or a bracket misread) "
                "(วงเล็บเปิดปิดไม่ครบ ค่าอาจขาดหายหรืออ่านวงเล็บผิด)")
    if value.lstrip().startswith((")", "]")):  # nothing before it to close (``) ส่วนข่าว…``, scan-tune3511-form1)
        return ("opens with a closing bracket (a speck, or the end of another line, read into the value) "
                "(ขึ้นต้นด้วยวงเล็บปิด อาจเป็นรอยเปื้อนหรือข้อความจากบรรทัดอื่น)")
    amid_thai = _THAI.search(value) is not None
    odd_symbol = (amid_thai and (_ODD_SYMBOL.search(value) or _COLON_SCRAP.search(value))
                  or _LATIN_ONLY_SCRAP.fullmatch(value.strip()))
    if odd_symbol:
        return (f"holds {odd_symbol.group(0)!r}, which no value of this form has (a smudge or a word OCR could "
                f"not read) (มี {odd_symbol.group(0)!r} ซึ่งไม่ควรมีในค่านี้ อาจเป็นรอยเปื้อนหรือคำที่อ่านไม่ออก)")
    scrapped = scrap_doubt(value, _DATE_AND_LABEL_SCRAPS)
    if scrapped:
        return scrapped
    scrap = _LATIN_SCRAP.search(value)
    if scrap and _THAI.search(value):
        return (f"has the Latin letters {scrap.group(0).strip()!r} amid Thai (Thai letters read as Latin) "
                f"(มีอักษรโรมัน {scrap.group(0).strip()!r} ปนในข้อความภาษาไทย อาจอ่านอักษรไทยผิด)")
    if leaked_label(key, value, kind):
        return "holds printed text of the form (มีข้อความที่พิมพ์ไว้บนแบบฟอร์มปนอยู่)"
    name = lost_marks_in_name(value)
    if name:
        return (f"has a name like {name!r} with a mark lost (ชื่อคล้าย {name!r} แต่วรรณยุกต์หรือสระหายไป)")
    if key in _AGENCY_KEYS and _THAI.search(value) and resolve(value).how not in ("exact", "alias", "blank"):
        return "is not an agency's name as listed (ชื่อหน่วยงานไม่ตรงกับรายชื่อหน่วยงาน)"
    return None


def rating_doubt(value: str) -> str | None:
    """Why a risk's rating is misread: it is neither a number 1–5 nor one of the form's rating words."""
    rating = re.sub(r"\s", "", value)  # OCR puts spaces inside words (ปาน กลาง)
    if _RATING_NUMBER.fullmatch(rating) or rating in printed_wording()["tables"]["ratings"]:
        return None
    return ("is neither a rating number 1–5 nor a rating word (สูง, ปานกลาง, ต่ำ…) "
            "(ไม่ใช่ระดับ 1–5 หรือคำบอกระดับ เช่น สูง ปานกลาง ต่ำ)")


# What OCR leaves of what it could not read, each with why it is doubted (English, then Thai; {} is the scrap).
_SCRAPS = (
    (_CRUMBS, "ends in or holds stray marks {!r} (smudges or a signature read as text)",
     "มีเศษอักขระ {!r} ที่อาจมาจากรอยเปื้อนหรือลายเซ็น"),
    (_MIXED_WORD, "holds {!r}, digits and Thai letters run into one word (a word or a number misread)",
     "มี {!r} ซึ่งตัวเลขปนกับอักษรไทยในคำเดียว อาจอ่านผิด"),
    (_L_FOR_I, "holds {!r}, a Latin word whose capital I reads as a small l", "มี {!r} ซึ่งอาจอ่านตัว I เป็นตัว l"),
    (_LONE_LETTER, "ends in the letter {!r} standing alone (a speck read as a letter)",
     "ลงท้ายด้วยอักษร {!r} ที่อยู่เดี่ยว ๆ อาจเป็นรอยเปื้อน"),
)
_DATE_AND_LABEL_SCRAPS = (
    (_LETTERS_FOR_YEAR, "has a month whose year reads as letters {!r} (a date misread)",
     "มีเดือนที่ปีอ่านเป็นตัวอักษร {!r} อาจอ่านวันที่ผิด"),
    (_DIGITS_FOR_MONTH, "has {!r}, a month's abbreviation read as digits before its year (a date misread)",
     "มี {!r} ซึ่งอาจเป็นชื่อย่อเดือนที่อ่านเป็นตัวเลข อาจอ่านวันที่ผิด"),
    (_LABEL_TAIL, "starts with {!r}, the tail of its label", "ขึ้นต้นด้วย {!r} ซึ่งอาจเป็นท้ายของหัวข้อ"),
    (_LAST_COMMA, "ends in a comma {!r} (cut short, or a speck read as a comma)",
     "ลงท้ายด้วยจุลภาค {!r} ค่าอาจขาดหายหรือเป็นรอยเปื้อน"),
)


def review_warnings(kind: str, fields: dict[str, Any], confidence: dict[str, float] | None = None,
                    fallback: float | None = None, *, typed: bool = False, pages_missing: bool = False,
                    unlabelled: tuple[str, ...] = (),
                    weakest: Callable[[str], float | None] | None = None) -> list[str]:
    """A warning per field a person must check: a table short of the rows the form asks for, printed wording
    taken into a value, a plan that is not its form's; and, read by OCR (``typed`` False), a required field or
    table left blank, a value under the calibrated confidence (``PIPELINE_OCR_MIN_CONFIDENCE`` for text,
    ``…_VALUE`` for numbers, dates and choices, ``…_NAME`` for a person's name), spelled as no Thai is, or an
    agency not in the list. ``fallback`` is the confidence of a field with none of its own (the document's);
    ``pages_missing`` (the form's printed labels stop short) holds a typed file's blanks to the form too; the
    fields that name the record (``required`` in forms.yaml: agency, idea, project) are held to it always.
    ``weakest`` gives the lowest confidence of the words a value was read from (``ocr_min_word_confidence``).
    ``unlabelled`` names the fields whose printed label is nowhere in the form: a typed file's blank there is
    warned, and so is a typed table's cell left blank in a row that holds text (``typed_doubts``)."""
    current = settings.current()
    source = "" if typed else " from the photo or scan"
    warnings: dict[str, str] = {}
    slips: dict[str, str] = {}  # doubts of a word in a value, which do not put its table in doubt
    # What the form asks for: a typed file's blank is the agency's own (only a counted table is held to its
    # count) unless a page of the form seems missing; one read by OCR was more likely missed than left empty.
    required = set(fewest_rows(kind)) | {path for path, spec, _ in leaves(kind, fields) if spec.required}
    if not typed or pages_missing:
        required |= always_filled(kind) | required_by(fields)
    for path, spec, value in leaves(kind, fields):
        key = path.rsplit(".", 1)[-1].split("[")[0]
        if spec.type == "list":
            why = _list_doubt(kind, path, key, value, typed=typed) if value or path in required else None
            if why:
                warnings[path] = f"{path}: the table read{source} {why}: check it by eye — กรุณาตรวจสอบตารางกับต้นฉบับ"
            elif typed and key == "steps":  # a typed step with no month: its row cut at a page's foot, or marks lost
                for n in unmarked_steps(value or []):
                    warnings[f"{path}[{n}]"] = (f"{path}[{n}]: the step read has no month marked, where every step runs "
                                               f"in some month: its row may be cut short or its marks lost: check it "
                                               f"by eye — ขั้นตอนนี้ไม่มีการทำเครื่องหมายเดือน แถวอาจขาดหายหรือ"
                                               f"เครื่องหมายหายไป กรุณาตรวจสอบ")
            continue
        if spec.type == "plan":
            continue
        if value is None or value == "" or value == []:
            if not typed and path.startswith("risks[") and key in RATED:
                # every risk is rated (none of the tuning halves' 324 ratings is blank): a cell the reader missed
                slips[path] = (f"{path}: nothing was read for this rating{source}, which every risk has: check it by "
                               f"eye — ไม่พบค่าระดับของความเสี่ยงนี้ กรุณาตรวจสอบ")
            elif path in required:
                warnings[path] = (f"{path}: nothing was read for this field{source}, which the form asks for"
                                  f"{' (a page may be missing)' if pages_missing else ''}: check it by eye — "
                                  f"ไม่พบค่าของช่องนี้ซึ่งแบบฟอร์มกำหนดให้กรอก กรุณาตรวจสอบ")
            elif typed and (lost := typed_blank_doubt(path, fields, unlabelled)):
                warnings[path] = f"{path}: {lost}: check it by eye — กรุณาตรวจสอบ"
            continue
        text = spec.type == "text" and isinstance(value, str)
        if typed:
            why = ("holds printed text of the form (a label or an option) (มีข้อความที่พิมพ์ไว้บนแบบฟอร์มปนอยู่)"
                   if text and leaked_label(key, value, kind, typed=True) else None)
            why = why or (typed_value_doubt(path, key, value, kind) if text else None)
        else:
            level = _confidence_of(path, confidence or {}, fallback)
            limit = current.ocr_min_confidence if text else current.ocr_min_confidence_value
            if text and is_person(key):
                limit = current.ocr_min_confidence_name
            if level is not None and level < limit:
                why = f"was read with low OCR confidence {level:.2f} (ความมั่นใจในการอ่านภาพต่ำ {level:.2f})"
            elif text and path.startswith("risks[") and key in RATED:
                why = rating_doubt(value)
            else:
                why = text_doubt(key, value, kind) if text else None
            slip = word_doubt(value, person=is_person(key)) if text and not why else None
            slip = slip or (name_doubt(path, value, person=is_person(key)) if text and not why else None)
            weak = weakest(value) if weakest and text and not why and not slip else None
            if weak is not None and weak < current.ocr_min_word_confidence:
                slip = f"has a word read with low OCR confidence {weak:.2f} (มีคำที่อ่านได้ไม่ชัด {weak:.2f})"
            if slip:
                slips[path] = f"{path}: the value read{source} {slip}: check it by eye — กรุณาตรวจสอบค่าที่อ่านได้"
        if why:
            warnings[path] = f"{path}: the value read{source} {why}: check it by eye — กรุณาตรวจสอบค่าที่อ่านได้"
    for path, why in (blanks_read_into(kind, {p: v for p, _, v in leaves(kind, fields)}) if typed else {}).items():
        warnings.setdefault(path, f"{path}: {why}: check it by eye — กรุณาตรวจสอบ")
    for path, why in _disagreements(fields).items():
        warnings.setdefault(path, f"{path}: the value read{source} {why}: check it by eye — กรุณาตรวจสอบค่าที่อ่านได้")
    return list(warnings.values()) + list(slips.values()) + ([] if typed else _whole_lists(warnings))


def _disagreements(fields: dict[str, Any]) -> dict[str, str]:
    """A plan's agency, project and fiscal year that are not its form's (the form prints them twice, for one
    project)."""
    plan = fields.get("plan") if isinstance(fields.get("plan"), dict) else {}
    out = {}
    agency, plan_agency = fields.get("agency"), plan.get("agency")
    if agency and plan_agency and resolve(agency).agency != resolve(plan_agency).agency:
        out["plan.agency"] = (f"is not the form's agency {agency!r} (หน่วยงานในแผนไม่ตรงกับหน่วยงานของแบบฟอร์ม)")
    year, plan_year = fields.get("fiscal_year"), plan.get("fiscal_year")
    if isinstance(year, int) and isinstance(plan_year, int) and year != plan_year:
        out["plan.fiscal_year"] = (f"is not the form's fiscal year {year} "
                                   f"(ปีงบประมาณในแผนไม่ตรงกับปีงบประมาณของแบบฟอร์ม {year})")
    project, plan_project = fields.get("project_name"), plan.get("project_name")
    if project and plan_project and fuzz.ratio(label_key(project), label_key(plan_project)) < SAME_PROJECT_SCORE:
        out["plan.project_name"] = ("is not the form's project name (ชื่อโครงการในแผนไม่ตรงกับชื่อโครงการของแบบฟอร์ม)")
    return out


def _whole_lists(warnings: dict[str, str]) -> list[str]:
    """A table with a doubtful row is doubtful as a whole: its rows may be shifted or lost (one warning each)."""
    out = []
    for table in dict.fromkeys(path.rsplit("[", 1)[0] for path in warnings if "[" in path):
        if table not in warnings:
            out.append(f"{table}: a row of this table was read with doubt, so rows may also be missing or shifted: "
                       f"check the whole table by eye — ตารางนี้มีแถวที่อ่านไม่ชัด แถวอาจหายหรือเลื่อน "
                       f"กรุณาตรวจสอบทั้งตาราง")
    return out


__all__ = ["always_filled", "fewest_rows", "leaked_label", "leaves", "review_warnings", "text_doubt"]
