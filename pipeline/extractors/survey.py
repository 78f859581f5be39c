"""The satisfaction-survey tally: one item per question with its counts at the four levels (4, 3, 2, 1)."""

from __future__ import annotations

import re

from pipeline.document import Cell, Table
from pipeline.extractors.tables import header_rows, level_digit
from pipeline.extractors.text import clean_value, compact, strip_numbering
from pipeline.thai import parse_number

# Level of a count column from its header; "ที่สุด" first, as "มากที่สุด" also holds "มาก".
_LEVELS = (("มากที่สุด", 4), ("น้อยที่สุด", 1), ("มาก", 3), ("น้อย", 2))
_QUESTION_HEADS = ("ประเด็นคำถาม", "ข้อคำถาม", "คำถาม", "ประเด็น", "รายการ", "หัวข้อ")
_NUMBER_HEADS = ("ข้อ", "ลำดับ", "ที่")
_SUMMARY = ("ค่าคะแนนเฉลี่ย", "คะแนนเฉลี่ย", "รวม", "เฉลี่ย", "ร้อยละ")


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
                found.setdefault(level, k)
                break
    if len(found) < 4:
        for row in table.rows[:top]:
            for k, cell in enumerate(row):
                digit = level_digit(cell.text)
                if digit is not None and k not in found.values():
                    found.setdefault(digit, k)
    return _last_level(found, len(heads))


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
    try:
        value = parse_number(text)
    except ValueError:
        return 0
    return int(value) if value is not None else 0


def read_questions(table: Table) -> list[dict]:
    """Questions in order, without ``ข้อ 1`` / ``1.``; the average row and empty rows are left out."""
    top = max(header_rows(table), 1)
    heads = _heads(table, top)
    levels = _level_columns(heads, table, top)
    qcol = _question_column(heads, levels, table, top)
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
    return items
