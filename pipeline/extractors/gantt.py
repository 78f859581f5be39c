"""The operating plan's Gantt table: fiscal year, and each row's step name, phase and marked months."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from pipeline.document import Cell, Table
from pipeline.extractors.phases import is_closing, phase_of_heading
from pipeline.extractors.tables import distinct, header_rows, month_columns
from pipeline.extractors.text import (
    BULLET,
    collapse,
    compact,
    leading_number,
    match_text,
    strip_leaders,
    strip_numbering,
)
from pipeline.forms import phase_headings
from pipeline.identity import FIRST_YEAR, LAST_YEAR
from pipeline.thai import FISCAL_MONTHS, MONTH_ABBR, SPLIT_YEAR, be_year

_BULLET = re.compile(rf"^\s*{BULLET}")
SECTION: list[int] = []  # the months of a phase heading row: a marker, compared by identity
_LOOKALIKES = {"4": "58", "5": "48", "8": "45"}  # Thai ๔ ๕ ๘ OCR confuses in small print (docs/OCR.md)
_BLANK_MARK = re.compile(r"[-–—0๐.]")
_WRAPPED_NUMBER = re.compile(r"^(\s*\(?(?:\d+\.)+)[ \t]*\n\s*(?=\d)")
# A year as a header writes it: 2568 or 68, after พ.ศ. (with or without its dots), after ปีงบประมาณ, or alone.
# A colon typed after the label (ปีงบประมาณ พ.ศ. : 2568) is allowed wherever a space is.
_YEAR, _BE = rf"({SPLIT_YEAR}|\d{{4}}|\d{{2}})(?!\d)", r"พ\.?\s*ศ\.?[\s:]*"
_FISCAL, _BE_YEAR, _CELL_YEAR = (re.compile(p) for p in (rf"ปีงบ(?:ประมาณ)?[\s:]*(?:{_BE})?{_YEAR}", _BE + _YEAR,
                                                         r"(?<!\d)" + _YEAR))


@dataclass
class Plan:
    """What the Gantt table says: the fiscal year and the steps."""

    fiscal_year: int | None
    steps: list[dict] = field(default_factory=list)
    where: str = ""
    unread: dict[int, list[int]] = field(default_factory=dict)  # step → months marked under a head read as none


def is_marked(cell: Cell, typed_blanks: bool = False) -> bool:
    """Shaded or holding anything; with ``typed_blanks``, a lone ``-`` or ``0`` is an empty month, not a mark."""
    text = cell.text.strip()
    return cell.shaded or (bool(text) and not (typed_blanks and _BLANK_MARK.fullmatch(text)))


def _typed_blanks(cells: list[Cell]) -> bool:
    """Do people type ``-`` or ``0`` into the months they leave empty? Only when other cells carry real marks
    (shading, X, ✓): a table marked with dashes alone is read as marked."""
    blank = [c for c in cells if not c.shaded and _BLANK_MARK.fullmatch(c.text.strip())]
    return bool(blank) and any(c.shaded or (c.text.strip() and c not in blank) for c in cells)


def read_plan(table: Table) -> Plan:
    """The fiscal year and the steps of a Gantt table."""
    top = header_rows(table)
    months: dict[int, int] = {}
    for row in table.rows[:top]:
        months.update(month_columns(row))
    if not months:
        return Plan(None, [], table.where)
    first_month = min(months)
    typed_blanks = _typed_blanks([row[col] for row in table.rows[top:] for col in months if col < len(row)])
    headless = _headless_months(table, top, months)
    rows: list[tuple[str, tuple[int, ...] | None, bool, list[int]]] = []  # name, number, bullet, months
    unread: list[list[int]] = []  # per row of ``rows``: months marked in a column whose head reads no month
    for row in table.rows[top:]:
        name_cells = distinct(row[:first_month])
        names = [c for c in name_cells if c.text.strip()]
        raw = "\n".join(c.text for c in names)
        marked = sorted({m for col, m in months.items()
                         if col < len(row) and row[col] not in name_cells and is_marked(row[col], typed_blanks)})
        lost = sorted({m for col, m in headless.items()
                       if col < len(row) and row[col] not in name_cells and is_marked(row[col], typed_blanks)})
        if not raw.strip():
            if marked and rows:  # marks on a row without a name: the rest of the row above
                rows[-1] = (*rows[-1][:3], sorted(set(rows[-1][3]) | set(marked)))
            if lost and unread:
                unread[-1] = sorted(set(unread[-1]) | set(lost))
            continue
        numbered = _number_column(names)
        if numbered is not None:  # "1.1" in a column of its own, maybe wrapped in the narrow cell ("1.\n1")
            number, names = numbered, names[1:]
            raw = "\n".join(c.text for c in names)
        else:
            while m := _WRAPPED_NUMBER.match(raw):  # "1.1" broken by a narrow cell: "1.\n1\nออกแบบ"
                raw = m.group(1) + raw[m.end():]
            number = leading_number(raw)
        name = collapse(strip_leaders(" ".join(line.strip() for line in raw.split("\n") if line.strip())))
        name = strip_numbering(name) if number is not None and numbered is None else name
        if any(row[-1] is c for c in name_cells) or (not marked and compact(name) == _other_steps()):
            # one cell across the months: a phase's heading row, not a step; so is the printed heading of the steps
            # outside the phases (ขั้นตอนอื่น ๆ) in a table that lost its merges (a retyped or converted file)
            rows.append((name, None, False, SECTION))
            unread.append([])
            continue
        if not re.search(r"[^\W\d_]", name) and not marked:
            continue  # a blank row of the printed form: a number or dots, no marks
        rows.append((name, number, bool(_BULLET.match(raw)), marked))
        unread.append(lost)
    found = _headings_found(rows)
    step_rows = [n for n, (_, _, _, marked) in enumerate(found) if marked is not SECTION]
    return Plan(_fiscal_year(table, top, months), _phases(found), table.where,
                {step: unread[n] for step, n in enumerate(step_rows) if unread[n]})


def unread_warnings(plan: Plan, prefix: str) -> list[str]:
    """A warning per step marked under a month's column whose head reads no month (``_headless_months``): the
    step's months lack that one, and the clerk is told which (English, then Thai)."""
    out = []
    for step, months in plan.unread.items():
        names = ", ".join(MONTH_ABBR[m] for m in months)
        out.append(f"{prefix}steps[{step}].months: a cell is marked under the column where {names} stands, whose head "
                   f"does not read as a month, so the month was not counted: check it by eye — มีการทำเครื่องหมายในช่อง"
                   f"เดือน {names} ซึ่งอ่านหัวคอลัมน์ไม่ได้ จึงไม่ได้นับเดือนนั้น กรุณาตรวจสอบ")
    return out


def _headless_months(table: Table, top: int, months: dict[int, int]) -> dict[int, int]:
    """Column → month for the months the head row does not name where the fiscal order (ต.ค. … ก.ย., one start
    column for all the months it names) puts them: a head cut at the table's edge (``ก`` for ก.ย.) or left blank.
    Only where the table has that column and its head is a cell of its own."""
    starts = {col - FISCAL_MONTHS.index(month) for col, month in months.items()}
    if len(starts) != 1:
        return {}
    start = starts.pop()
    head = next((row for row in table.rows[:top] if month_columns(row)), [])
    out = {}
    for n, month in enumerate(FISCAL_MONTHS):
        col = start + n
        if month in months.values() or not 0 < col < len(head):
            continue
        if head[col] is not head[col - 1] and (col + 1 >= len(head) or head[col] is not head[col + 1]):
            out[col] = month
    return out


@cache
def _other_steps() -> str:
    """The printed heading of the plan's steps outside the three phases, compact."""
    return compact(phase_headings()[None])


def _headings_found(rows: list[tuple[str, tuple[int, ...] | None, bool, list[int]]]
                    ) -> list[tuple[str, tuple[int, ...] | None, bool, list[int]]]:
    """The rows with a phase's numbered heading whose one cell across the months a stray line cut (its rest read
    as marks) taken for the heading it is: the next row names the same phase without a number, as every
    phase's own row under its heading does."""
    found = list(rows)
    for n, (name, number, _, marked) in enumerate(rows[:-1]):
        after_name, after_number = rows[n + 1][0], rows[n + 1][1]
        if (marked is not SECTION and number is not None and len(number) == 1 and after_number is None
                and (phase := phase_of_heading(name)) is not None and phase_of_heading(after_name) == phase):
            found[n] = (name, None, False, SECTION)
    return found


def _phases(rows: list[tuple[str, tuple[int, ...] | None, bool, list[int]]]) -> list[dict]:
    """Each row's phase: a heading's own, its sub-steps' by number (1.1 → heading 1) or by position.

    When the phase headings carry numbers ("1. การสร้างนวัตกรรม"), another top-level number is a row of its
    own outside the phases ("4. สรุปผล"); when they do not, numbers under a heading count its sub-steps.
    """
    numbered_headings = any(number is not None and len(number) == 1 and phase_of_heading(name)
                            for name, number, _, _ in rows)
    steps: list[dict] = []
    current: str | None = None
    by_number: dict[int, str | None] = {}
    for name, number, bullet, marked in rows:
        heading = phase_of_heading(name)
        if marked is SECTION:
            current = heading
            continue
        if bullet:
            phase = current
        elif number is None or (len(number) == 1 and not numbered_headings and not heading):
            phase = heading or (None if is_closing(name) else current)
            current = phase if number is None or heading else current
        elif len(number) == 1:
            phase = heading
            by_number[number[0]] = phase
            current = phase
        else:
            phase = by_number.get(number[0], current)
        steps.append({"name": name or None, "phase": phase, "months": marked})
    return steps




def _number_column(cells: list[Cell]) -> tuple[int, ...] | None:
    """The item number when a row's first name cell holds nothing but one."""
    if len(cells) < 2:
        return None
    key = compact(cells[0].text)
    if not re.fullmatch(r"\(?[\d๐-๙]+(?:\.[\d๐-๙]+)*[.)]?", key):
        return None
    return leading_number(key.strip("()") + " ")


def _fiscal_year(table: Table, top: int, months: dict[int, int]) -> int | None:
    header = match_text(" ".join(c.text for row in table.rows[:top] for c in distinct(row)))
    m = _FISCAL.search(header)
    if m and (year := _year(m.group(1).replace(" ", ""))):  # a misread digit (8568) leaves the year to the months
        return year
    years = {year for y in _BE_YEAR.findall(header) if _plausible(year := be_year(y.replace(" ", "")))}
    if years:
        return max(years)
    votes: Counter[int] = Counter()
    header_row = next((row for row in table.rows[:top] if month_columns(row)), [])
    for col, month in months.items():
        if col < len(header_row):
            y = _CELL_YEAR.search(match_text(header_row[col].text))
            if y and _plausible(year := be_year(y.group(1).replace(" ", ""))):
                votes[year + 1 if month >= 10 else year] += 1
    return votes.most_common(1)[0][0] if votes else None


def _year(text: str) -> int | None:
    """The year a header prints, or the one year a record may hold that it reads as with one of the look-alike
    Thai digits ๔ ๕ ๘ swapped (๒๔๖๘ for ๒๕๖๘); None when it is no such year or several."""
    if _plausible(year := be_year(text)):
        return year
    if len(text) != 4:
        return None
    found = {int(text[:k] + other + text[k + 1:]) for k, digit in enumerate(text) for other in _LOOKALIKES.get(digit, "")}
    plausible = {y for y in found if _plausible(y)}
    return plausible.pop() if len(plausible) == 1 else None


def _plausible(year: int) -> bool:
    """A year a record may hold (``identity``'s bounds); OCR misreads a digit into one out of them."""
    return FIRST_YEAR <= year <= LAST_YEAR


