"""Rows of a scanned plan's Gantt grid that no step of the record holds: steps the reader lost."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from pipeline.document import Document, Table
from pipeline.extractors.plausible import label_key
from pipeline.extractors.tables import month_columns
from pipeline.thai import FISCAL_MONTHS

_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
MIN_NAME_LETTERS = 8  # a step's name; a mark, a speck or a month's abbreviation has fewer
MARK_CHARS = 3  # a month cell holds a mark (v, ✓, vv), never words: a longer cell is a heading's or a label's
HELD_SCORE = 80  # a step read with a letter or two misread still holds its row's name this well


def _step_rows(table: Table) -> list[str]:
    """The names of a table's rows shaped as a Gantt's step: a name, then a month cell for each month holding
    a mark or nothing (a phase's heading or the printed ``ขั้นตอนอื่น ๆ`` spans the row: its words fill them)."""
    names = []
    for row in table.rows:
        if len(row) <= len(FISCAL_MONTHS) or month_columns(row):
            continue
        name = row[0].text.strip()
        if len(_THAI_LETTER.findall(name)) < MIN_NAME_LETTERS:
            continue
        if any(len(c.text.strip()) > MARK_CHARS for c in row[1:]):
            continue
        names.append(name)
    return names


def lost_steps(document: Document, pages: list[int], steps: list[dict] | None) -> list[tuple[int | None, str]]:
    """The Gantt rows on the form's pages whose name no step of the plan holds, each with the step it would be
    (its place among the grid's rows), None where rows held by steps follow it (the steps after it are shifted).
    A page break that splits the Gantt leaves its rest as a table of its own on the next page; when the reader
    does not join it, the steps there are lost with no blank to warn (``scan-tune3353-plan``: two of eleven)."""
    held = [label_key(str(step.get("name") or "")) for step in steps or [] if isinstance(step, dict)]
    rows = [(label_key(name), name) for block in document.blocks
            if isinstance(block, Table) and (not pages or block.page in pages) for name in _step_rows(block)]
    found = [any(h and fuzz.partial_ratio(key, h) >= HELD_SCORE for h in held) for key, _ in rows]
    lost: list[tuple[int | None, str]] = []
    for n, ((_, name), kept) in enumerate(zip(rows, found, strict=True)):
        if not kept:
            lost.append((len(held) + len(lost) if not any(found[n + 1:]) else None, name))
    return lost


def lost_steps_warnings(document: Document, pages: list[int], fields: dict) -> list[str]:
    """Warnings for a plan's steps (a plan's own, or a Form 3's or Form 4's attached plan) when a row of its
    Gantt grid was not read into any step, in English and Thai: on the step it would be when it comes after
    every step read (the steps read are right), on the whole table when steps read follow it (they are shifted)."""
    if "steps" not in fields and "plan" not in fields:
        return []  # a form with no plan: its grid, if any, is no Gantt
    plan = fields.get("plan") if isinstance(fields.get("plan"), dict) else None
    path, steps = ("steps", fields.get("steps")) if plan is None else ("plan.steps", plan.get("steps"))
    out = []
    for place, name in lost_steps(document, pages, steps if isinstance(steps, list) else None):
        where = path if place is None else f"{path}[{place}]"
        out.append(f"{where}: a row of the plan's grid ({name[:40]!r}) was not read as a step from the photo or "
                   f"scan: steps may be missing{' or shifted' if place is None else ''}: check it by eye — "
                   f"แถว ({name[:40]}) ในตารางแผนไม่ได้อ่านเป็นขั้นตอน ขั้นตอนอาจหายไป กรุณาตรวจสอบ")
        if place is None:
            break  # the whole table is warned once
    return out


__all__ = ["lost_steps", "lost_steps_warnings"]
