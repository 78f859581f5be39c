"""OCR'd KPI periods with the year after each month put right from the record's fiscal year."""

from __future__ import annotations

import re
from typing import Any

from pipeline.extractors.phases import phase_of_heading
from pipeline.extractors.text import strip_numbering
from pipeline.forms import form
from pipeline.identity import FIRST_YEAR, LAST_YEAR
from pipeline.thai import (
    FISCAL_MONTHS,
    MONTH_ABBR,
    ce_to_be,
    fiscal_month_year,
    month_number,
    to_arabic_digits,
    to_thai_digits,
)

_MONTH = "|".join(re.escape(abbr) for abbr in sorted(MONTH_ABBR.values(), key=len, reverse=True))
# A month as ``period`` prints it, then what stands where its year goes: up to the next dash or month, or the end.
_MONTH_AND_YEAR = re.compile(rf"({_MONTH})(\s*)([^\s\-–—]*)(?=\s*(?:[\-–—]|$))")


def year_of(month: int, fiscal_year: int) -> int:
    """The two-digit Buddhist-era year a month of this fiscal year falls in (ธ.ค. of FY 2568 is 67)."""
    return ce_to_be(fiscal_month_year(fiscal_year, month)) % 100


def period_dated(period: str, fiscal_year: int) -> tuple[str, list[str]]:
    """The period with each month's year that is not a two-digit year of the fiscal year (๒๘, ``bel``) put as
    the year the month falls in, and a year the form prints put back where OCR lost it (after the last month,
    and after an earlier month of the calendar year before); with what was put."""
    thai = bool(re.search("[๐-๙]", period))
    matches = list(_MONTH_AND_YEAR.finditer(period))
    mended: list[str] = []
    out, end = [], 0
    for k, m in enumerate(matches):
        month, space, year = m.groups()
        want = f"{year_of(month_number(month), fiscal_year):02d}"
        last = k == len(matches) - 1 and period[m.end():].strip() == ""
        # A year is printed after the last month, and after an earlier one in another year (ธ.ค. 67 – ก.พ. 68).
        printed = last or want != f"{year_of(month_number(matches[-1].group(1)), fiscal_year):02d}"
        read = to_arabic_digits(year)
        if year and read not in _years(fiscal_year) or not year and printed:
            put = to_thai_digits(want) if thai else want
            mended.append(f"{year or '—'} → {put}")
            out.append(period[end:m.start()] + month + (space or " ") + put + ("" if year else space))
            end = m.end()
    return "".join(out) + period[end:], mended


def _years(fiscal_year: int) -> set[str]:
    """The years a period of this fiscal year may name, in two digits or four (๖๗, 2568)."""
    return {form for year in (fiscal_year - 1, fiscal_year) for form in (f"{year % 100:02d}", str(year))}


def periods_dated(fields: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The OCR'd KPI periods of a record dated from its fiscal year (``period_dated``), with a warning for each
    period put right; unchanged without a fiscal year."""
    plan = fields.get("plan") if isinstance(fields.get("plan"), dict) else {}
    # Form 4 prints it twice, in its text and over its plan: OCR may misread either (25668)
    fiscal_year = next((y for y in (fields.get("fiscal_year"), plan.get("fiscal_year"))
                        if isinstance(y, int) and FIRST_YEAR <= y <= LAST_YEAR), None)
    kpis = fields.get("kpis")
    # Borne out by a period's year, or by the form and its plan reading the same year (Thai digits misread
    # every period's year: ``ส.ค. ba``).
    twice = fields.get("fiscal_year") == plan.get("fiscal_year") == fiscal_year
    if fiscal_year is None or not isinstance(kpis, list) or not (twice or _confirmed(fiscal_year, kpis)):
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
    read = [to_arabic_digits(m.group(3)) for kpi in kpis if isinstance(kpi, dict)
            for m in _MONTH_AND_YEAR.finditer(kpi.get("period") or "") if re.fullmatch(r"[0-9๐-๙]{2}", m.group(3))]
    return any(year in _years(fiscal_year) for year in read)


# A phase's period at the head of its text, as Form 3 writes it: (first month [year] – last month year).
_PHASE_PERIOD = re.compile(r"^\(([^()]*)\)")
_DASH = re.compile(r"\s*[-–—]+[.,]*\s*")
_LETTER = re.compile("[A-Za-z\u0e01-\u0e2e]")


def phase_periods_mended(kind: str, fields: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The OCR'd periods at the head of a form's phase texts (Form 3's ``(ธ.ค. 67 – ก.พ. 68) สร้างคลังภาพ``)
    whose first or last month OCR misread into no month at all (``A.W.``, ``Qe.``): that month put as the
    attached plan marks the phase (its first or last shaded month), the years then dated from the plan's fiscal
    year (``period_dated``); and a period whose months read but a year was lost or misread, dated so; with a
    warning for each. Any other period is left as it is."""
    plan = fields.get("plan") if isinstance(fields.get("plan"), dict) else {}
    steps = plan.get("steps") if isinstance(plan.get("steps"), list) else []
    fiscal_year = plan.get("fiscal_year") if isinstance(plan.get("fiscal_year"), int) else None
    out, warnings = dict(fields), []
    for key, spec in form(kind).fields.items():
        phase = phase_of_heading(strip_numbering(spec.label)) if spec.type == "text" else None
        value = fields.get(key)
        m = _PHASE_PERIOD.match(value) if phase and isinstance(value, str) else None
        sides = _DASH.split(m.group(1).strip(), maxsplit=1) if m else []
        marked = sorted({month for step in steps if isinstance(step, dict) and step.get("phase") == phase
                         for month in step.get("months") or [] if month in FISCAL_MONTHS}, key=FISCAL_MONTHS.index)
        if len(sides) != 2 or not all(sides):
            continue
        tokens = [side.split(maxsplit=1) for side in sides]
        misread = [n for n, side in enumerate(tokens)
                   if month_number(side[0].strip(",;:")) is None and _LETTER.search(side[0])]
        dated = fiscal_year is not None and FIRST_YEAR <= fiscal_year <= LAST_YEAR
        if not misread and dated:
            # Months read, a year lost or misread (``(ธ.ค. - ก.พ. ๖๘)``: ๖๗ lost): dated as a KPI period is.
            period, put = period_dated(m.group(1).strip(), fiscal_year)  # type: ignore[arg-type, union-attr]
            if put:
                out[key] = f"({period})" + value[m.end():]  # type: ignore[union-attr]
                warnings.append(f"{key}: a year of its period was lost or misread and is put from the fiscal year "
                                f"({', '.join(put)}): check it by eye — ปีในช่วงเวลาอ่านไม่ชัด จึงใส่ตามปีงบประมาณ "
                                f"กรุณาตรวจสอบกับต้นฉบับ")
        if not misread or not marked:
            continue
        for n in misread:
            tokens[n][0] = MONTH_ABBR[marked[0] if n == 0 else marked[-1]]
        period = " – ".join(" ".join(side) for side in tokens)
        if dated:
            period = period_dated(period, fiscal_year)[0]  # type: ignore[arg-type]
        out[key] = f"({period})" + value[m.end():]  # type: ignore[union-attr]
        warnings.append(f"{key}: a month of its period was misread ({', '.join(sides[n].split()[0] for n in misread)}) "
                        f"and is put as the plan marks the phase: check it by eye — เดือนในช่วงเวลาอ่านไม่ชัด "
                        f"จึงใส่ตามแผนการดำเนินการ กรุณาตรวจสอบกับต้นฉบับ")
    return out, warnings
