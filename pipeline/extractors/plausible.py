"""Plausibility: a value that cannot be what its field holds gets a warning, whatever the reader's confidence."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache
from typing import Any

from pipeline.extractors.vocabulary import name_title_pattern, vocabulary
from pipeline.forms import FieldSpec, field_specs, form, keys_where
from pipeline.thai import FISCAL_MONTHS, MONTH_ABBR, MONTH_FULL, be_year, fiscal_year_bounds, fiscal_year_of, parse_date

_LETTER = re.compile(r"[\u0e01-\u0e2eA-Za-z]")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_DIGIT = re.compile(r"[0-9๐-๙]")
_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
# The marks of a Gantt bar (⟶, ►): no text value holds an arrow, so one did the plan's table run into the value.
_ARROW = re.compile("[\u2190-\u21ff\u25b6\u25ba\u27f0-\u27ff\u2900-\u297f]")
_NUMBERED = re.compile(r"^[0-9๐-๙.)\s]+")  # a label's item number (2. นวัตกรรมที่จะพัฒนา คือ)
_PERSON_ODD = re.compile(r"[0-9๐-๙@#$%^*_=+|\\<>{}\[\];:!?]")
_SPACE = re.compile(r"[\s.…_:\-–—()]+")
MIN_LABEL_CHARS = 6  # shorter printed labels (ฝ่าย, ชื่อ) also occur inside real values
CAPPED_CONFIDENCE = 0.3  # what an implausible field's confidence is lowered to
OLDEST_YEAR_BE = 2557  # the KPI's forms are newer than this
# A form's own fiscal year is one the KPI is scored for: the oldest with rules is FY2564 (data/rules/fy2564.yaml).
# An older one is a digit misread into a digit (๕ for ๖: 2558 for 2568, a plan's only year); a year written in a
# value's text may be history and keeps OLDEST_YEAR_BE.
OLDEST_FORM_YEAR_BE = 2564


def label_key(text: str) -> str:
    """Text compared with the form's printed labels: NFC, no spaces or leaders, ำ whole, lower case."""
    return _SPACE.sub("", unicodedata.normalize("NFC", text)).replace("\u0e4d\u0e32", "\u0e33").lower()


def is_person(key: str) -> bool:
    """A field holding a person's name (proposer_name, agency_rep_name …), not a project's or an idea's."""
    return key.endswith("_name") and key not in ("project_name", "idea_name", "innovation_name", "name")


@cache
def _in_words() -> frozenset[str]:
    """The keys of fields that name something in words (``in_words`` in forms.yaml): a level or a count may be
    digits only, a name may not."""
    return keys_where(lambda spec: spec.in_words)


@cache
def _labels(kind: str) -> tuple[str, ...]:
    """The form's printed labels, normalised, long enough not to occur inside a real value by chance: the fields'
    own labels (forms.yaml, a table's column labels and a plan's included), less a choice's wording (a phase's
    name is a step's rightful value), for whether a value repeats a label. Not ``page_heads._labels``, which asks
    whether a line opens something the page prints: that one is every spelling the reader's anchors know
    (extraction.yaml), headings and options that name no field among them, which a value may hold in part
    (สอดคล้องกับนโยบาย, ปีงบประมาณ)."""
    specs = list(field_specs(kind))
    labels = {label_key(re.sub(r"^[0-9๐-๙.]+", "", spec.label)) for spec in specs}
    # a choice's words (a plan's phase names) are also a step's legitimate name
    choices = {label_key(c) for spec in specs for c in spec.choices.values()}
    return tuple(sorted({label for label in labels if len(label) >= MIN_LABEL_CHARS} - choices, key=len, reverse=True))


@cache
def label_wording(kind: str) -> tuple[dict[str, str], frozenset[str]]:
    """The form's printed labels and tick-box options in full (every spelling the vocabulary knows, the title
    aside), normalised → as printed; and its choices' wording (a plan's phase name is a step's name and is inside
    a label)."""
    specs = list(field_specs(kind))
    printed = [label for anchor in vocabulary(kind).anchors[1:] for label in anchor.labels] + [s.label for s in specs]
    choices = frozenset(label_key(c) for spec in specs for c in spec.choices.values())
    labels = {label_key(_NUMBERED.sub("", label)): _NUMBERED.sub("", label) for label in printed}
    return {k: v for k, v in sorted(labels.items()) if k}, choices


def label_piece(value: str, kind: str) -> str | None:
    """The printed label or option a value is only a piece of (โดย, the first word of โดยสิ่งที่พัฒนา/ต่อยอด คือ: a
    reader matched the label's shorter spelling and left its head as the field above's value), or None. No value
    the samples or the generators' truths write is a piece of a label; a choice's wording (a phase's name, which a
    label may hold) is a value."""
    norm = label_key(value)
    if not _THAI_LETTER.search(norm):
        return None  # a rating or a count (4) is in many labels' numbers
    labels, choices = label_wording(kind)
    if norm in choices:
        return None
    return next((printed for label, printed in labels.items() if norm != label and norm in label), None)


def foreign_content(key: str, value: str) -> str | None:
    """Why a text value holds another part of the form, or None: a signature line (a person's name in brackets,
    outside a person's field) or a Gantt bar's mark (an arrow)."""
    if not is_person(key) and _signature().search(value):
        return ("holds a person's name in brackets, a signature line (the signature block read into this field) "
                "(มีชื่อบุคคลในวงเล็บ ซึ่งเป็นบรรทัดลงชื่อ อาจอ่านส่วนลงชื่อปนเข้ามาในช่องนี้)")
    arrow = _ARROW.search(value)
    if arrow:
        return (f"holds {arrow.group(0)!r}, a Gantt bar's mark (the plan's table read into this field) "
                f"(มี {arrow.group(0)!r} ซึ่งเป็นเครื่องหมายในตารางแผนการดำเนินการ อาจอ่านตารางปนเข้ามา)")
    return None


def text_problem(key: str, value: str, kind: str) -> str | None:
    """Why a text value cannot be its field's, or None."""
    stripped = value.strip()
    if not stripped:
        return None
    letters = len(_LETTER.findall(stripped))
    if letters == 0 and (is_person(key) or key in _in_words() or not _DIGIT.search(stripped)):
        return "has no Thai or Latin letters (มีแต่สัญลักษณ์หรือตัวเลข ไม่มีตัวอักษร)"
    if _LETTER.fullmatch(stripped):
        return "is a single letter, which no field of the form holds (เป็นอักษรตัวเดียว ไม่ใช่ค่าของช่องนี้)"
    if is_person(key):
        if letters < 3:
            return "is too short for a person's name (สั้นเกินกว่าจะเป็นชื่อบุคคล)"
        if _PERSON_ODD.search(stripped):
            return "holds digits or symbols no person's name has (มีตัวเลขหรือสัญลักษณ์ที่ชื่อบุคคลไม่มี)"
    norm = label_key(stripped)
    for label in _labels(kind):
        if label in norm and len(label) >= 0.5 * len(norm):
            return "repeats a printed label of the form (ซ้ำกับข้อความที่พิมพ์ไว้บนแบบฟอร์ม)"
    foreign = foreign_content(key, stripped)
    if foreign:
        return foreign
    piece = label_piece(stripped, kind)
    if piece:
        return (f"is only a piece of the printed label {piece!r}, no value (a label read in part) "
                f"(เป็นเพียงส่วนหนึ่งของข้อความที่พิมพ์ไว้ {piece!r} ไม่ใช่ค่าที่กรอก)")
    return None


# A year in words: after a month's whole name (เดือนธันวาคม ๒๕๖๗), after พ.ศ. or ปีงบประมาณ.
_YEAR_IN_TEXT = re.compile("(?:" + "|".join(MONTH_FULL.values()) + r"|พ\.\s*ศ\.|ปีงบประมาณ)\s*([0-9๐-๙]+)")


# A year after a month's abbreviation where a period's end is (ธ.ค. 67 – ก.พ. 68): the value's end, a dash or a
# closing bracket after it; elsewhere a number after an abbreviation may be a count (ม.ค. 2 ครั้ง).
_YEAR_AFTER_ABBR = re.compile("(?:" + "|".join(re.escape(m) for m in MONTH_ABBR.values())
                              + r")\s*([0-9๐-๙]+)(?=\s*(?:$|[–\-—)]))")


_NO_YEAR = "names the year {0}, which is no year of this form (ปี {0} ไม่ใช่ปีที่เป็นไปได้ของแบบฟอร์มนี้)"


def year_in_text_problem(value: str, fiscal_year: int | None, today: dt.date | None = None) -> str | None:
    """Why a year written in a text (after a month's name, พ.ศ. or ปีงบประมาณ, or a month's abbreviation at a
    period's end) cannot be the form's: not a Buddhist-era year from the KPI's first to the year after the fiscal
    year (or after this year), or one digit after an abbreviation (``ก.พ. 6``: the year cut short)."""
    latest = (fiscal_year or fiscal_year_of(today or dt.date.today())) + 1
    for m in _YEAR_AFTER_ABBR.finditer(value):
        digits = m.group(1).translate(_THAI_DIGITS)
        if len(digits) == 1:
            return (f"names the year {m.group(1)} after a month, one digit: the year was cut short "
                    f"(ปีหลังชื่อเดือน {m.group(1)} มีเพียงหลักเดียว ตัวเลขปีอาจขาดหาย)")
        if len(digits) not in (2, 4):
            continue  # no year is written so (พ.ย. 100: a number after the month)
        year = be_year(digits)  # 68 → 2568; a Christian-era year (ก.พ. 2025) → 2568
        if not OLDEST_YEAR_BE <= year <= latest:
            return _NO_YEAR.format(m.group(1))
    for m in _YEAR_IN_TEXT.finditer(value):
        digits = m.group(1).translate(_THAI_DIGITS)
        if len(digits) < 2:
            continue  # a count after a month's name (… มีนาคม 2 ครั้ง), not a year
        year = int(digits) + (2500 if len(digits) == 2 else 0)  # มกราคม 68: the year's last two digits
        if not OLDEST_YEAR_BE <= year <= latest:
            return _NO_YEAR.format(m.group(1))
    return None


# A month's abbreviation with a year of two or four digits after it (ส.ค. 68, ธ.ค. 2567), anywhere in a KPI's period.
_MONTH_YEAR = re.compile("(" + "|".join(re.escape(m) for m in MONTH_ABBR.values()) + r")\s*([0-9๐-๙]{2}|[0-9๐-๙]{4})(?![0-9๐-๙])")
_MONTH_OF = {name: number for number, name in MONTH_ABBR.items()}


def period_problem(value: str, fiscal_year: int | None) -> str | None:
    """Why a KPI's period (``ธ.ค. 67 – ก.พ. 68``) cannot be its form's: a month of it lies outside the fiscal year the
    form names (ต.ค.–ธ.ค. of the year before, ม.ค.–ก.ย. of the year itself). A KPI is measured within its fiscal year:
    of the 1,977 month-years in the truths' periods none lies outside it; a photo's ``ส.ค. ๖๗`` for ส.ค. 68 does."""
    if fiscal_year is None:
        return None
    for m in _MONTH_YEAR.finditer(value):
        year = be_year(m.group(2).translate(_THAI_DIGITS))  # ส.ค. 68, or a Christian-era ก.พ. 2025
        if year + (1 if _MONTH_OF[m.group(1)] >= 10 else 0) != fiscal_year:
            return (f"names {m.group(0)!r}, a month outside the fiscal year {fiscal_year} "
                    f"(เดือน {m.group(0)} อยู่นอกปีงบประมาณ {fiscal_year} ตัวเลขปีอาจอ่านผิด)")
    return None


STREAK_STEPS = 3  # steps with a mark apart from their span in one month: a streak down the Gantt, no plan's steps


def streaked_months(steps: list[Any]) -> dict[int, int]:
    """Step index → the month marked apart from the rest of its step's span (a month between unmarked ones), where
    ``STREAK_STEPS`` steps or more have such a mark in that month: a shadow, a fold or the sheet's edge down one
    column of the Gantt read as marks (``tune1317-form3``: ก.ย. marked in five steps that end in ก.พ.–ก.ค.). A
    step's months run on, or now and then every other month (doc016's ก.พ., เม.ย., มิ.ย., ส.ค.); of the 1,573 truth
    files' plans none has such a month in three steps."""
    apart: dict[int, list[int]] = {}
    for n, step in enumerate(steps):
        months = step.get("months") if isinstance(step, dict) else None
        at = sorted(FISCAL_MONTHS.index(m) for m in months or [] if m in FISCAL_MONTHS)
        for k, i in enumerate(at):
            if len(at) > 1 and (k == 0 or i - at[k - 1] > 1) and (k + 1 == len(at) or at[k + 1] - i > 1):
                apart.setdefault(FISCAL_MONTHS[i], []).append(n)
    return {n: month for month, found in apart.items() if len(found) >= STREAK_STEPS for n in found}


def number_problem(key: str, value: Any, least_baht: int | None = None) -> str | None:
    """Why a number cannot be its field's, or None (percent outside 0–100, a negative count, an amount under the
    field's ``least_baht``)."""
    try:
        number = float(str(value).translate(_THAI_DIGITS).replace(",", ""))
    except ValueError:
        return None
    if "percent" in key and not 0 <= number <= 100:
        return "is a percent outside 0–100 (ร้อยละต้องอยู่ระหว่าง 0 ถึง 100)"
    if key == "fiscal_year" and not OLDEST_FORM_YEAR_BE <= number <= fiscal_year_of(dt.date.today()) + 2:
        return "is not a fiscal year the KPI could have (ปีงบประมาณเป็นไปไม่ได้)"
    if number < 0:
        return "is negative (ค่าติดลบ)"
    if least_baht is not None and number < least_baht:
        return (f"is a budget under {least_baht:,} baht, less than any project asks: digits may be lost "
                f"(งบประมาณต่ำกว่า {least_baht:,} บาท ตัวเลขอาจหายไป)")
    return None


def date_problem(value: Any, fiscal_year: int | None, today: dt.date | None = None) -> str | None:
    """Why a date cannot be the form's: outside its fiscal year (or the year before, when forms are signed
    ahead), or, with no fiscal year known, older than the KPI or in the future."""
    try:
        day = parse_date(value)
    except ValueError:
        return None
    if day is None:
        return None
    if fiscal_year:
        first, last = fiscal_year_bounds(fiscal_year - 1)[0], fiscal_year_bounds(fiscal_year)[1]
        if not first <= day <= last:
            return (f"falls outside fiscal year {fiscal_year} (วันที่อยู่นอกปีงบประมาณ {fiscal_year})")
        return None
    today = today or dt.date.today()
    if fiscal_year_of(day) < OLDEST_YEAR_BE or day > today + dt.timedelta(days=366):
        return "is not a date the form could carry (วันที่เป็นไปไม่ได้สำหรับแบบฟอร์มนี้)"
    return None


def counts_problems(questions: Any) -> dict[str, str]:
    """A survey's answer counts that cannot be right: a question nobody answered, or one whose respondents do
    not add up to what most questions' do (every respondent answers every question), every question when no
    total is most questions'."""
    totals: dict[int, int] = {}
    for n, question in enumerate(questions if isinstance(questions, list) else []):
        counts = question.get("counts") if isinstance(question, dict) else None
        if isinstance(counts, list) and all(isinstance(c, int | float) for c in counts):
            totals[n] = int(sum(counts))
    if not totals:
        return {}
    usual = max(set(totals.values()), key=list(totals.values()).count)
    # No total held by most questions (three read 49, three 50): which is the respondents', nothing tells, so every
    # question is doubted (the majority's pick would pass the misread half unwarned).
    answered = [t for t in totals.values() if t]  # a question nobody answered is warned as such
    split = 2 * answered.count(usual) <= len(answered) and len(set(answered)) > 1
    out = {}
    if len(totals) > 1 and not any(totals.values()):  # the questions are there, their tally is not
        out["questions"] = ("counts no answer for any question: the tally, or the page holding it, may be missing "
                            "(ไม่พบจำนวนผู้ตอบในข้อใดเลย ตารางสรุปหรือหน้าที่มีตารางอาจขาดไป)")
    for n, total in totals.items():
        if total == 0:
            out[f"questions[{n}].counts"] = "counts no answer at all (ไม่มีผู้ตอบข้อนี้เลย)"
        elif split:
            others = ", ".join(str(t) for t in sorted(set(answered) - {total}))
            out[f"questions[{n}].counts"] = (f"adds up to {total} respondents where as many questions have {others} "
                                             f"(จำนวนผู้ตอบรวม {total} แต่ข้ออื่นจำนวนพอกันมี {others})")
        elif total != usual:
            out[f"questions[{n}].counts"] = (f"adds up to {total} respondents where the other questions have {usual} "
                                             f"(จำนวนผู้ตอบรวม {total} ไม่เท่ากับข้ออื่นที่มี {usual})")
    return out


def _fiscal_year(fields: dict[str, Any]) -> int | None:
    plan = fields.get("plan") if isinstance(fields.get("plan"), dict) else {}
    year = fields.get("fiscal_year") or plan.get("fiscal_year")
    try:
        return int(year) if year else None
    except (TypeError, ValueError):
        return None


def implausible(kind: str, fields: dict[str, Any]) -> dict[str, str]:
    """Field path (``partners[1].share_percent``) → why its value cannot be right, for every such field."""
    out: dict[str, str] = {}
    year = _fiscal_year(fields)

    def check(specs: dict[str, FieldSpec], values: dict[str, Any], prefix: str) -> None:
        for key, spec in specs.items():
            value = values.get(key)
            if value is None or value == "":
                continue
            path = f"{prefix}{key}"
            problem = None
            if spec.type == "text" and isinstance(value, str):
                problem = text_problem(key, value, kind) or year_in_text_problem(value, year)
                problem = problem or (period_problem(value, year) if key == "period" else None)
                table = prefix.split("[")[0] if "[" in prefix else None
                if table and foreign_content(key, value.strip()):  # a row of another part: the table is wrong
                    out.setdefault(table, f"has a row that is another part of the form: {path} {problem}")
            elif spec.type in ("number", "integer"):
                problem = number_problem(key, value, spec.least_baht)
            elif spec.type == "date":
                problem = date_problem(value, year)
            elif spec.type == "list" and isinstance(value, list):
                for n, item in enumerate(value):
                    if isinstance(item, dict):
                        check(spec.item, item, f"{path}[{n}].")
                for n, month in (streaked_months(value) if key == "steps" else {}).items():
                    out[f"{path}[{n}].months"] = (
                        f"marks {MONTH_ABBR[month]} apart from the step's other months, as in other steps: a streak "
                        f"down the chart (a shadow or fold) read as marks (เดือน {MONTH_ABBR[month]} ถูกทำเครื่องหมาย"
                        f"แยกจากเดือนอื่นของขั้นตอนเช่นเดียวกับหลายขั้นตอน อาจเป็นเงาหรือรอยพับในตาราง)")
            elif spec.type == "plan" and isinstance(value, dict):
                check(form("plan").fields, value, f"{path}.")
            if problem:
                out[path] = problem

    check(form(kind).fields, fields, "")
    out.update(counts_problems(fields.get("questions")))
    out.update(same_person_twice(fields))
    shares = [fields.get("agency_share_percent"), fields.get("partner_share_percent")]
    if all(isinstance(s, int | float) for s in shares) and abs(sum(shares) - 100) > 0.5:
        for key in ("agency_share_percent", "partner_share_percent"):
            out.setdefault(key, "does not add up to 100 with the other share (สัดส่วนสองฝ่ายรวมกันไม่เท่ากับ 100)")
    return out


@cache
def _person() -> re.Pattern[str]:
    """A value that starts with a name title (extraction.yaml): a person's name."""
    return re.compile(f"^\\(?\\s*(?:{name_title_pattern()})")


@cache
def _signature() -> re.Pattern[str]:
    """A person's name in brackets, ``( นางสาวกนกวรรณ บุญมา )``: how a signature line prints it, which no other
    value of the samples or the generators' truths writes."""
    return re.compile(f"\\(\\s*(?:{name_title_pattern()})")


def same_person_twice(fields: dict[str, Any]) -> dict[str, str]:
    """A person's name read for two of the form's roles (proposer and supervisor, proposer and approver):
    each role is someone else, so the later one was most likely taken from the wrong signature; and a role read
    blank beside them (its name taken for the next role)."""
    out: dict[str, str] = {}
    seen: dict[str, str] = {}
    for key, value in fields.items():
        if not (is_person(key) and isinstance(value, str) and _person().match(value.strip())):
            continue
        person = re.sub(r"[\s()]", "", value)
        if person in seen:
            out[key] = (f"is the same person as {seen[person]} (ชื่อซ้ำกับ {seen[person]} "
                        f"ซึ่งควรเป็นคนละคน อาจอ่านจากลายมือชื่อผิดช่อง)")
        else:
            seen[person] = key
    if out:  # a role read blank beside them most likely had its name moved on to the next role
        for key, value in fields.items():
            if is_person(key) and value in (None, ""):
                out[key] = ("is blank while one person's name was read for two roles: the names may be "
                            "shifted by a role (ไม่พบชื่อ ขณะที่ชื่อบุคคลเดียวกันอ่านได้ในสองตำแหน่ง ชื่ออาจเลื่อนช่อง)")
    return out


def plausibility_warnings(kind: str, fields: dict[str, Any], confidence: dict[str, float] | None = None) -> list[str]:
    """A warning per implausible field (naming it first, as every field warning does); its confidence, when it
    has one, is lowered to ``CAPPED_CONFIDENCE`` in ``confidence`` (changed in place)."""
    warnings = []
    for path, why in implausible(kind, fields).items():
        warnings.append(f"{path}: the value read {why}: check it by eye — กรุณาตรวจสอบค่าที่อ่านได้")
        if confidence is not None:
            top = path.split("[")[0].split(".")[0]
            for key in (path, top):
                if key in confidence:
                    confidence[key] = min(confidence[key], CAPPED_CONFIDENCE)
    return warnings


__all__ = ["counts_problems", "date_problem", "year_in_text_problem", "implausible", "is_person", "label_key", "number_problem", "period_problem", "plausibility_warnings", "streaked_months",
           "text_problem"]
