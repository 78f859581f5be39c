"""The satisfaction-survey tally: one item per question with its counts at the four levels (4, 3, 2, 1)."""

from __future__ import annotations

import re
from collections import Counter

from pipeline.document import Cell, Table
from pipeline.extractors.tables import header_rows, level_digit
from pipeline.extractors.text import clean_value, compact, strip_numbering
from pipeline.thai import parse_number

# Level of a count column from its header; "ที่สุด" first, as "มากที่สุด" also holds "มาก".
_LEVELS = (("มากที่สุด", 4), ("น้อยที่สุด", 1), ("มาก", 3), ("น้อย", 2))
_QUESTION_HEADS = ("ประเด็นคำถาม", "ข้อคำถาม", "คำถาม", "ประเด็น", "รายการ", "หัวข้อ")
_NUMBER_HEADS = ("ข้อ", "ลำดับ", "ที่")
_SUMMARY = ("ค่าคะแนนเฉลี่ย", "คะแนนเฉลี่ย", "รวม", "เฉลี่ย", "ร้อยละ")
_AVERAGE_HEAD = "เฉลี่ย"  # the column of each question's average score (ค่าคะแนนเฉลี่ยรายข้อ)
_DASH_BEFORE = re.compile(r"^[-–—−]+\s*(?=[\d๐-๙])")
AVERAGE_SLACK = 0.006  # an average printed to two decimals is this near the one worked out


def _heads(table: Table, top: int) -> list[str]:
    width = max(len(r) for r in table.rows)
    return [compact(" ".join(dict.fromkeys(row[k].text for row in table.rows[:top] if k < len(row))))
            for k in range(width)]


def _level_columns(heads: list[str], table: Table, top: int) -> dict[int, int]:
    """Level (4 … 1) → grid column: from the level words, else from header cells numbering the levels."""
    found: dict[int, int] = {}
    for k, head in enumerate(heads):
        for word, level in _LEVELS:
            if word in head:
                found.setdefault(_lost_utmost(level, table, top, k), k)
                break
    if len(found) < 4:
        for row in table.rows[:top]:
            for k, cell in enumerate(row):
                digit = level_digit(cell.text)
                if digit is not None and k not in found.values():
                    found.setdefault(digit, k)
    return _last_level(found, len(heads))


def _lost_utmost(level: int, table: Table, top: int, column: int) -> int:
    """A head read ``มาก`` (3) or ``น้อย`` (2) whose cells number the level beside it, 4 or 1: OCR lost the
    ``ที่สุด`` of มากที่สุด (4) or น้อยที่สุด (1) (a narrow column's second line), and the bracketed digit kept it."""
    utmost = {3: 4, 2: 1}.get(level)
    if utmost is None:
        return level
    digits = {level_digit(row[column].text) for row in table.rows[:top] if column < len(row)}
    return utmost if utmost in digits and level not in digits else level


def _last_level(found: dict[int, int], width: int) -> dict[int, int]:
    """The one level whose head OCR lost (``ที่สุด`` for มากที่สุด (4)) in the column that continues the other
    three's run, when they stand side by side in order (4 3 2 1 or 1 2 3 4)."""
    if len(found) != 3:
        return found
    (low, a), (high, b) = min(found.items()), max(found.items())
    step = (b - a) // (high - low) if (b - a) % (high - low) == 0 else 0
    if abs(step) != 1 or any(found[level] != a + step * (level - low) for level in found):
        return found
    missing = ({1, 2, 3, 4} - set(found)).pop()
    column = a + step * (missing - low)
    return {**found, missing: column} if 0 <= column < width and column not in found.values() else found


def _question_column(heads: list[str], levels: dict[int, int], table: Table, top: int) -> int:
    first_count = min(levels.values()) if levels else len(heads)
    for k, head in enumerate(heads[:first_count]):
        if any(w in head for w in _QUESTION_HEADS):
            return k
    # Otherwise the column left of the counts with the longest texts.
    lengths = [sum(len(row[k].text) for row in table.rows[top:] if k < len(row)) for k in range(first_count)]
    return max(range(len(lengths)), key=lambda k: lengths[k]) if lengths else 0


def count(cell: Cell | None) -> int:
    """A count cell: its number (Thai or Arabic digits); blank or ``-`` is 0."""
    if cell is None:
        return 0
    text = clean_value(cell.text)
    if text is None:
        return 0
    # No count is below zero: a dash before the digits is a speck or a rule's end (``- 2``), not a sign.
    text = _DASH_BEFORE.sub("", text)
    try:
        value = parse_number(text)
    except ValueError:
        return 0
    return int(value) if value is not None else 0


def read_questions(table: Table, averages: list[float | None] | None = None,
                   unread: list[set[int]] | None = None) -> list[dict]:
    """Questions in order, without ``ข้อ 1`` / ``1.``; the average row and empty rows are left out. Each question's
    average score as the table prints it is added to ``averages`` when given (None where there is none), and to
    ``unread`` the levels whose cell holds ink but no digit (a count misread as a tick: ``✓`` for 7)."""
    top = max(header_rows(table), 1)
    heads = _heads(table, top)
    levels = _level_columns(heads, table, top)
    qcol = _question_column(heads, levels, table, top)
    average = None
    if averages is not None:
        average = next((k for k, head in enumerate(heads) if _AVERAGE_HEAD in head and k not in levels.values()), None)
        if average is None:
            averages.clear()
    items = []
    for row in table.rows[top:]:
        if qcol >= len(row):
            continue
        cell = row[qcol]
        counts = [row[levels[lv]] if lv in levels and levels[lv] < len(row) else None for lv in (4, 3, 2, 1)]
        own = [c for c in counts if c is not None and c is not cell]
        text = clean_value(cell.text)
        if text is None and not any(re.search(r"[\d๐-๙]", c.text) for c in own):
            continue  # a blank row of the printed form (its empty tick boxes are not answers)
        if text and any(w in compact(text) for w in _SUMMARY) and not any(c.text.strip() for c in own[:-1]):
            continue  # the average row: its text spans the count columns, or only the last holds a number
        items.append({"text": strip_numbering(text) if text else None,
                      "counts": [0 if c is None or c is cell else count(c) for c in counts]})
        if unread is not None:
            unread.append({k for k, c in enumerate(counts) if c is not None and c is not cell
                           and re.search(r"[^\s\-–—.]", c.text) and not re.search(r"[\d๐-๙]", c.text)})
        if average is not None:
            averages.append(_average(row[average]) if average < len(row) else None)
    return items


def _average(cell: Cell) -> float | None:
    """A question's printed average score (0 to 4); OCR may lose its point (๓๒๔๐ for ๓.๒๔๐)."""
    text = clean_value(cell.text)
    try:
        value = parse_number(text) if text else None
    except ValueError:
        return None
    if value is None:
        return None
    if value > 4 and float(value).is_integer():
        digits = str(int(value))
        value = float(f"{digits[0]}.{digits[1:]}")
    return float(value) if 0 <= value <= 4 else None


def mend_counts(items: list[dict], averages: list[float | None], unread: list[set[int]] | None = None) -> list[int]:
    """Questions whose counts add up to another number of respondents than every other question's, put right
    where one count alone explains it: the one count that makes the row add up and gives the average the table
    prints (by the form's formula, levels 4 and 3 over everyone, or the plain mean). A digit OCR misread (22 as
    2, 10 as 0) is mended; a row two counts could explain is left, for its warning, unless one of them alone was
    read as no number at all (levels 2 and 1 are outside the formula, so either fits). Returns the rows mended."""
    totals = [sum(item["counts"]) for item in items]
    common = Counter(totals).most_common(2)
    usual, seen = common[0] if common else (0, 0)
    # The respondents' number: what at least half the questions add up to, and no other as often.
    if seen < 2 or seen * 2 < len(totals) or (len(common) > 1 and common[1][1] == seen) or usual <= 0 \
            or len(averages) != len(items):
        return []
    mended = []
    for n, item in enumerate(items):
        if totals[n] == usual or averages[n] is None:
            continue
        fits = []
        for k in range(4):
            counts = list(item["counts"])
            counts[k] = usual - (totals[n] - counts[k])
            if counts[k] >= 0 and _gives(counts, usual, averages[n]):
                fits.append((k, counts))
        if len(fits) > 1 and unread is not None and len(unread) == len(items):
            fits = [(k, counts) for k, counts in fits if k in unread[n]]
        if len(fits) == 1:
            item["counts"] = fits[0][1]
            mended.append(n)
    return mended


def _gives(counts: list[int], total: int, average: float) -> bool:
    """Whether the counts give the printed average: the form's formula (levels 4 and 3 over all) or the mean."""
    top, mean = (4 * counts[0] + 3 * counts[1]) / total, (4 * counts[0] + 3 * counts[1] + 2 * counts[2] + counts[3]) / total
    return abs(top - average) < AVERAGE_SLACK or abs(mean - average) < AVERAGE_SLACK
