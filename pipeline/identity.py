"""Which agency and which fiscal year a record belongs to: the one place that decides it."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pipeline import agencies, thai
from pipeline.errors import PipelineError
from pipeline.records import Record
from pipeline.thai import bangkok_date, ce_to_be, fiscal_year_of, normalize, parse_date, to_arabic_digits

UNKNOWN_AGENCY = "(ไม่ระบุหน่วยงาน)"
FIRST_YEAR, LAST_YEAR = 2500, 2700
CYCLE_KINDS = ("plan", "form3", "form4")
"""The documents that state their cycle's fiscal year; an undated form of the same agency joins their year."""
PLACEMENT = "placement.fiscal_year"
"""The provenance key saying where a record's fiscal year came from: content, folder, cycle, received, correction."""


class FiscalYearError(PipelineError):
    """A fiscal year that is no Buddhist-Era year the pipeline knows (2500–2700)."""


def fiscal_year(value: object, where: str | None = None) -> int:
    """A fiscal year as a Buddhist-Era year from 2500 to 2700 (Thai digits welcome); a clear error otherwise."""
    text = to_arabic_digits(str(value if value is not None else "")).strip()
    if not re.fullmatch(r"\d{1,4}", text) or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise FiscalYearError(
            f"{text or '(blank)'} is not a fiscal year: give the Buddhist-Era year in full, {FIRST_YEAR}–{LAST_YEAR} "
            f"(e.g. 2568, not 68 or 2025)",
            f"{text or '(ว่าง)'} ไม่ใช่ปีงบประมาณ โปรดระบุปี พ.ศ. เต็ม 4 หลัก ระหว่าง {FIRST_YEAR}–{LAST_YEAR} "
            f"เช่น 2568 (ไม่ใช่ 68 หรือ 2025)", where=where)
    return int(text)


def agency_key(name: str | None) -> str:
    """An agency compared as the agency it resolves to (its Thai name's key), else by its own name's key."""
    canonical = agencies.canonical(name)
    return "".join(thai.normalize(canonical or name or "").split())


def same_agency(one: str | None, other: str | None) -> bool:
    return bool(one) and bool(other) and agency_key(one) == agency_key(other)


def stated_year(record: Record) -> int | None:
    """The fiscal year a record states itself: Form 4's, the plan's (alone or in Form 3/4), or a dated field's."""
    fields = record.fields
    plan = fields.get("plan") if isinstance(fields.get("plan"), dict) else fields if record.kind == "plan" else {}
    year = fields.get("fiscal_year") or plan.get("fiscal_year") or _year_of_dates(fields)
    return int(year) if year else None


def records_fiscal_year(records: list[Record]) -> int | None:
    """The fiscal year most of the records state (Form 4's own, the plan's), or None when none states one."""
    years: Counter[int] = Counter()
    for r in records:
        plan = r.fields.get("plan") if r.kind in ("form3", "form4") else r.fields if r.kind == "plan" else None
        for year in (r.fields.get("fiscal_year") if r.kind == "form4" else None, (plan or {}).get("fiscal_year")):
            if year:
                years[int(year)] += 1
    return years.most_common(1)[0][0] if years else None


def cycle_year(stated: Iterable[int], received_year: int | None) -> int | None:
    """The cycle an undated form joins: the latest year the agency's plan / Form 3 / Form 4 state that has begun
    when the form came (a Form 1 received in FY2570 for the FY2568 project joins 2568), else the earliest."""
    years = sorted(set(stated))
    if not years:
        return None
    begun = [y for y in years if received_year is None or y <= received_year]
    return begun[-1] if begun else years[0]


def folder_hints(folders: list[str]) -> tuple[str | None, int | None]:
    """Agency and BE fiscal year from ``inbox/<agency>/<year>/``: a 4-digit part is the year, the first other the agency."""
    agency: str | None = None
    year: int | None = None
    for part in folders:
        text = to_arabic_digits(normalize(part)).strip()
        match = re.fullmatch(r"(?:fy|ปีงบประมาณ|ปีงบ|พ\.?ศ\.?)?\s*(\d{4})", text, re.IGNORECASE)
        if match and (1900 <= int(match.group(1)) <= 2100 or 2400 <= int(match.group(1)) <= 2700):
            year = ce_to_be(int(match.group(1)))
        elif agency is None and text:
            agency = text
    return agency, year


@dataclass
class Placement:
    """Where a record goes: its agency (an agency of the list, or None), fiscal year, why, and what to review."""

    agency: str | None
    fiscal_year: int | None
    year_from: str | None
    warnings: list[str] = field(default_factory=list)


def _agency_of(record: Record, folder_agency: str | None, warnings: list[str]) -> str | None:
    fields = record.fields
    plan = fields.get("plan") if isinstance(fields.get("plan"), dict) else {}
    read = fields.get("agency") or plan.get("agency")
    found = agencies.resolve(read) if read else None
    folder = agencies.resolve(folder_agency) if folder_agency else None
    for resolution in (found, folder):
        if resolution is not None and (note := resolution.warning()):
            warnings.append(note if resolution is found else f"(folder {folder_agency}) {note}")
    if found is not None and found.ok and folder is not None and folder.ok and found.agency != folder.agency:
        warnings.append(f"the form names the agency {read!r} but came in the folder {folder_agency!r}: the form's "
                        f"name is kept (แบบฟอร์มระบุหน่วยงาน {read} แต่ส่งมาในโฟลเดอร์ {folder_agency})")
    for resolution in (found, folder):
        if resolution is not None and resolution.agency is not None:
            return resolution.agency.th
    if not read and not folder_agency:
        warnings.append("no agency: the form leaves it blank and the file was not in an agency folder "
                        "(inbox/<agency>/) (ไม่ทราบหน่วยงาน: แบบฟอร์มไม่ได้ระบุ และไม่ได้ส่งในโฟลเดอร์ของหน่วยงาน)")
    return None


def place(record: Record, folders: list[str], received_at: dt.datetime | None = None,
          cycle_years: Callable[[str], list[int]] | None = None) -> Placement:
    """A record's agency and BE fiscal year. The agency: the form's name, else its inbox folder's, resolved
    against the agency list. The year: the form's own; else its year folder; else the year of the agency's
    plan / Form 3 / Form 4 of the cycle (``cycle_years(agency)``: the years they state); only then the day
    received, with a warning."""
    folder_agency, folder_year = folder_hints(folders)
    warnings: list[str] = []
    agency = _agency_of(record, folder_agency, warnings)
    received = fiscal_year_of(bangkok_date(received_at)) if received_at is not None else None
    year, source = stated_year(record), "content"
    if not year and folder_year:
        year, source = folder_year, "folder"
    if not year and agency and cycle_years is not None:
        year, source = cycle_year(cycle_years(agency), received), "cycle"
    if not year and received is not None:
        year, source = received, "received"
        warnings.append(f"fiscal year {year} taken from the day the file was received: the form gives none, the "
                        f"agency has no plan / Form 3 / Form 4 stored yet and the file was not in a year folder "
                        f"(inbox/<agency>/<year>/) — ใช้ปีงบประมาณ {year} ตามวันที่ได้รับไฟล์ เพราะแบบฟอร์มไม่ได้ระบุปี "
                        f"และยังไม่มีแผน แบบฟอร์ม 3 หรือ 4 ของหน่วยงาน (แก้ได้ด้วย correct RECORD fiscal_year ปี)")
    if not year:
        source = None
        warnings.append("no fiscal year: the form gives none and the file was not in a year folder "
                        "(inbox/<agency>/<year>/) (ไม่ทราบปีงบประมาณ)")
    return Placement(agency, int(year) if year else None, source, warnings)


def agency_and_year(record: Record, folders: list[str], received_at: dt.datetime | None = None,
                    cycle_years: Callable[[str], list[int]] | None = None
                    ) -> tuple[str | None, int | None, list[str]]:
    """``place`` as a tuple: agency, fiscal year, warnings."""
    found = place(record, folders, received_at, cycle_years)
    return found.agency, found.fiscal_year, found.warnings


def _year_of_dates(fields: dict[str, Any]) -> int | None:
    for key, value in fields.items():
        if key.endswith("_date") and value:
            try:
                day = parse_date(value)
            except ValueError:
                continue
            if day:
                return fiscal_year_of(day)
    return None
