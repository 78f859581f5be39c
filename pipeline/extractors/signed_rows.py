"""Layout tables of signatures: the same signatures again after a page turn are another form's, not the table's rest."""

from __future__ import annotations

import re

from pipeline.document import Cell, Table
from pipeline.extractors.text import compact

_SIGNED = re.compile(r"^\s*(?:ลงชื่อ|ลงนาม)")  # a signature line (``stream.SIGNATURE_LINE``, which imports tables)


def signed_again(first: Table, second: Table) -> bool:
    """Does ``second`` hold nothing but rows of signatures that ``first`` holds already (their lines the same, the
    names under them aside)? A form signs once, so they are another copy's, whose title page is gone (Form 1's
    table of two signatures alone on a page); a header row repeated on a new page has the table's rows after it."""
    if not second.rows or not _SIGNED.match(second.rows[0][0].text if second.rows[0] else ""):
        return False
    heads = [_heads(row) for row in first.rows]
    return all(_heads(row) in heads for row in second.rows)


def _heads(row: list[Cell]) -> list[str]:
    """A row's cells' first lines: a signature's line without the name in brackets under it."""
    return [compact(cell.text.split("\n")[0]) for cell in row]
