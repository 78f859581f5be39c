"""OCR'd KPI periods with the year after each month put right from the record's fiscal year."""

from __future__ import annotations

import re
from typing import Any

from pipeline.thai import MONTH_ABBR, to_thai_digits

_MONTH = "|".join(re.escape(abbr) for abbr in sorted(MONTH_ABBR.values(), key=len, reverse=True))
# A month as ``period`` prints it, then what stands where its year goes: up to the next dash or month, or the end.
_MONTH_AND_YEAR = re.compile(rf"({_MONTH})(\s*)([^\s\-–—]*)(?=\s*(?:[\-–—]|$))")
_NUMBER = {abbr: n for n, abbr in MONTH_ABBR.items()}
_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_FISCAL_FIRST_MONTH = 10  # ต.ค.: October to December fall in the year before the fiscal year's own


def year_of(month: int, fiscal_year: int) -> int:
    """The two-digit Buddhist-era year a month of this fiscal year falls in (ธ.ค. of FY 2568 is 67)."""
    return (fiscal_year - (month >= _FISCAL_FIRST_MONTH)) % 100


def period_dated(period: str, fiscal_year: int) -> tuple[str, list[str]]:
    """The period with each month's year that is not a two-digit year of the fiscal year (๒๘, ``bel``) put as
    the year the month falls in, and the last month's year put back where OCR lost it; with what was put."""
    thai = bool(re.search("[๐-๙]", period))
    matches = list(_MONTH_AND_YEAR.finditer(period))
    mended: list[str] = []
    out, end = [], 0
    for k, m in enumerate(matches):
        month, space, year = m.groups()
        want = f"{year_of(_NUMBER[month], fiscal_year):02d}"
        last = k == len(matches) - 1 and period[m.end():].strip() == ""
        read = year.translate(_ARABIC)
        if year and read not in _years(fiscal_year) or not year and last:
            put = to_thai_digits(want) if thai else want
            mended.append(f"{year or '—'} → {put}")
            out.append(period[end:m.start()] + month + (space or " ") + put)
            end = m.end()
    return "".join(out) + period[end:], mended


def _years(fiscal_year: int) -> set[str]:
    """The years a period of this fiscal year may name, in two digits or four (๖๗, 2568)."""
    return {form for year in (fiscal_year - 1, fiscal_year) for form in (f"{year % 100:02d}", str(year))}


def periods_dated(fields: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The OCR'd KPI periods of a record dated from its fiscal year (``period_dated``), with a warning for each
    period put right; unchanged without a fiscal year."""
    fiscal_year = fields.get("fiscal_year")
    kpis = fields.get("kpis")
    if not isinstance(fiscal_year, int) or not isinstance(kpis, list) or not _confirmed(fiscal_year, kpis):
        return fields, []
    warnings, dated = [], []
    for n, kpi in enumerate(kpis):
        period = kpi.get("period") if isinstance(kpi, dict) else None
        if isinstance(period, str) and _MONTH_AND_YEAR.search(period):
            value, mended = period_dated(period, fiscal_year)
            if mended:
                warnings.append(
                    f"kpis[{n}].period: the year after a month was read as {', '.join(mended)} from fiscal year "
                    f"{fiscal_year}: check it by eye — ปีของเดือนในช่วงเวลาตัวชี้วัดอ่านไม่ชัด จึงใส่ตามปีงบประมาณ "
                    f"{fiscal_year} กรุณาตรวจสอบกับต้นฉบับ")
                kpi = {**kpi, "period": value}
        dated.append(kpi)
    return {**fields, "kpis": dated}, warnings


def _confirmed(fiscal_year: int, kpis: list) -> bool:
    """Whether a period bears the fiscal year out: some year after a month is one of its years (a fiscal year
    OCR misread must not re-date periods read right; Thai digits misread make most years disagree)."""
    read = [m.group(3).translate(_ARABIC) for kpi in kpis if isinstance(kpi, dict)
            for m in _MONTH_AND_YEAR.finditer(kpi.get("period") or "") if re.fullmatch(r"[0-9๐-๙]{2}", m.group(3))]
    return any(year in _years(fiscal_year) for year in read)
