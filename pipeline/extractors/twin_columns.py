"""Two parts of one table whose ruling differs by one column split in two: the wider part made as wide as the other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from pipeline.document import Cell, Table


def without_twin_column(table: Table, heads: int = 0) -> Table | None:
    """``table`` without the first column that twins the column before it: in every row the same cell (or text),
    but for body rows (below the ``heads`` header rows, which must be the same) whose two cells both hold text,
    a cell's words a stray rule split in two: those are joined. None when no column is such a twin."""
    for k in range(_width(table) - 1):
        if all(len(row) > k + 1 and (_same(row[k], row[k + 1]) or n >= max(heads, 1) and _both_text(row[k], row[k + 1]))
               for n, row in enumerate(table.rows)):
            rows = [row[:k] + [row[k] if _same(row[k], row[k + 1]) else _joined(row[k], row[k + 1])] + row[k + 2:]
                    for row in table.rows]
            return Table(rows, where=table.where, page=table.page)
    return None


def same_width(first: Table, second: Table, heads: Callable[[Table], int]) -> tuple[Table, Table] | None:
    """The two parts of a table, the one that is a column wider without its twin column (a scan's or photo's
    ruling may split one of a part's columns in two: each row's cell then covers both); None when neither is one
    column wider with such a column (``heads``: a part's header rows). Either part may be the wider: a Gantt's rest
    read on a page before its start (a page shuffled) is joined after it once the pages are put back."""
    if _width(second) == _width(first) + 1 and (narrowed := without_twin_column(second, heads(second))) is not None:
        return first, narrowed
    if _width(first) == _width(second) + 1 and (narrowed := without_twin_column(first, heads(first))) is not None:
        return replace(narrowed, open_below=first.open_below), second
    return None


def _same(a: Cell, b: Cell) -> bool:
    return a is b or a.text == b.text


def _both_text(a: Cell, b: Cell) -> bool:
    return bool(a.text.strip()) and bool(b.text.strip())


def _joined(a: Cell, b: Cell) -> Cell:
    return Cell(f"{a.text} {b.text}", a.shaded or b.shaded, a.fill or b.fill, a.where)


def _width(table: Table) -> int:
    return max((len(row) for row in table.rows), default=0)
