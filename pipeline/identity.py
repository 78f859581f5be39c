"""Which agency and which fiscal year a record belongs to: the one place that decides it."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

from pipeline import thai
from pipeline.records import Record
from pipeline.thai import bangkok_date, ce_to_be, fiscal_year_of, normalize, parse_date, to_arabic_digits

UNKNOWN_AGENCY = "(ไม่ระบุหน่วยงาน)"


def agency_key(name: str | None) -> str:
    """An agency name compared without spaces and with Thai text normalized."""
    return "".join(thai.normalize(name or "").split())


def records_fiscal_year(records: list[Record]) -> int | None:
    """The fiscal year most of the records state (Form 4's own, the plan's), or None when none states one."""
    years: Counter[int] = Counter()
    for r in records:
        plan = r.fields.get("plan") if r.kind in ("form3", "form4") else r.fields if r.kind == "plan" else None
        for year in (r.fields.get("fiscal_year") if r.kind == "form4" else None, (plan or {}).get("fiscal_year")):
            if year:
                years[int(year)] += 1
    return years.most_common(1)[0][0] if years else None


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


def agency_and_year(record: Record, folders: list[str], received_at: dt.datetime | None = None,
                    siblings: list[Record] | None = None) -> tuple[str | None, int | None, list[str]]:
    """A record's agency and BE fiscal year: from its fields, else from the other forms of its file (a bundle's
    ``siblings``), else from its inbox sub-folders, else (the year) from the day it was received — Form 1 and
    the survey carry no date, and are sent within their year."""
    fields = record.fields
    others = [r for r in siblings or [] if r is not record]
    plan = fields.get("plan") if isinstance(fields.get("plan"), dict) else {}
    folder_agency, folder_year = folder_hints(folders)
    warnings: list[str] = []
    agency = fields.get("agency") or plan.get("agency")
    if agency and folder_agency and agency_key(agency) != agency_key(folder_agency):
        warnings.append(f"the form names the agency {agency!r} but came in the folder {folder_agency!r}: the form's "
                        f"name is kept (แบบฟอร์มระบุหน่วยงาน {agency} แต่ส่งมาในโฟลเดอร์ {folder_agency})")
    agency = agency or _bundle_agency(others) or folder_agency
    year = (fields.get("fiscal_year") or plan.get("fiscal_year") or _year_of_dates(fields)
            or records_fiscal_year(others) or folder_year)
    if not agency:
        warnings.append("no agency: the form leaves it blank and the file was not in an agency folder "
                        "(inbox/<agency>/) (ไม่ทราบหน่วยงาน: แบบฟอร์มไม่ได้ระบุ และไม่ได้ส่งในโฟลเดอร์ของหน่วยงาน)")
    if not year and received_at is not None:
        year = fiscal_year_of(bangkok_date(received_at))
        warnings.append(f"fiscal year {year} taken from the day the file was received: the form gives none and it "
                        f"was not in a year folder (inbox/<agency>/<year>/) "
                        f"(ใช้ปีงบประมาณ {year} ตามวันที่ได้รับไฟล์ เพราะแบบฟอร์มไม่ได้ระบุ)")
    if not year:
        warnings.append("no fiscal year: the form gives none and the file was not in a year folder "
                        "(inbox/<agency>/<year>/) (ไม่ทราบปีงบประมาณ)")
    return agency, int(year) if year else None, warnings


def _bundle_agency(records: list[Record]) -> str | None:
    """The agency most of a bundle's other forms name."""
    names = Counter(r.fields.get("agency") for r in records if r.fields.get("agency"))
    return names.most_common(1)[0][0] if names else None


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


# --------------------------------------------------------------------------- one file
