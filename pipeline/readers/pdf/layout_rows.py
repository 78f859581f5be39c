"""Rows of a borderless layout table in a PDF: label|value cells whose text wraps inside its own column."""

from __future__ import annotations

from bisect import bisect_right

from pipeline.document import Cell, Table
from pipeline.readers.pdf.glyphs import Glyph
from pipeline.readers.pdf.lines import Line, lines
from pipeline.readers.pdf.wrap import ink_end, ink_start, wraps

ALIGN = 0.3  # ems: a column's lines all start within this of one x (left-aligned cells; a leading vowel overhangs)
THAI = frozenset(map(chr, range(0x0E01, 0x0E5C)))
EDGE_SLACK = 0.5  # ems: a cell's edge stands this far beyond its longest lines' ink at most
CELL_GAP = 0.6  # ems: a cell's text ends at least this far before the next column's text starts (two paddings)


def layout_table(block_lines: list[Line], bounds: list[float], right: float, page: int) -> Table | None:
    """The block as a table of rows when it is a layout table of left-aligned cells whose text wraps inside its
    column (a value's second line under the value, a label's under the label), as other word processors' users
    lay out ``label | value`` forms; ``None`` for other blocks (signatures side by side, text at tab stops).

    A row starts at a line where the first column has text and no column's text runs on from the line above
    (a soft wrap inside Thai text, ``wraps``): cells are top-aligned, so every new row begins in the first
    column, while a long label or value goes on under itself."""
    columns = _column_lines(block_lines, bounds)
    size = max(line.size for line in block_lines)
    for found in columns:
        starts = [ink_start(line) for line in found.values()]
        if not starts or max(starts) - min(starts) > ALIGN * size:
            return None  # centred or ragged: blocks set side by side, not cells
    rights = [min(ink_start(line) for line in columns[c + 1].values()) - CELL_GAP * size
              for c in range(len(columns) - 1)] + [_last_edge(list(columns[-1].values()), right, size)]
    starts_row = [n == 0 or (0 in _at(columns, n) and not _runs_on(columns, n, rights)) for n in
                  range(len(block_lines))]
    if all(starts_row):
        return None  # every line a label and its value: text at tab stops reads as lines (tab_aligned)
    rows: list[list[int]] = []
    for n, new in enumerate(starts_row):
        if new:
            rows.append([])
        rows[-1].append(n)
    table_rows = []
    for r, members in enumerate(rows, 1):
        cells = []
        for c, found in enumerate(columns):
            cell_lines = [found[n] for n in members if n in found]
            cells.append(Cell(_join(cell_lines, rights[c]), where=f"row {r}, column {c + 1}"))
        table_rows.append(cells)
    return Table(table_rows, page=page)


def _join(cell_lines: list[Line], right: float) -> str:
    """A cell's lines as its paragraphs: a soft wrap in Thai joined up, a line the width ended before a word
    after a space (``(DDS Pump Watch)``) joined by that space, other lines as paragraphs."""
    if not cell_lines:
        return ""
    out = [cell_lines[0].text]
    for line, following in zip(cell_lines, cell_lines[1:], strict=False):
        out.append(("" if wraps(line, following, right) else " " if _full(line, following, right) else "\n")
                   + following.text)
    return "".join(out)


def _last_edge(found: list[Line], right: float, size: float) -> float:
    """The last column's right edge: where two of its lines end together (wrapped by the cell's edge; a layout
    table may stop short of the page's text edge), else the text's right edge on the page less a padding."""
    ends = sorted((ink_end(line) for line in found), reverse=True)
    if len(ends) >= 2 and ends[0] - ends[1] <= size:
        return min(right, ends[0] + EDGE_SLACK * size)
    return right - CELL_GAP / 2 * size  # the table's edge less the cell's padding


def _column_lines(block_lines: list[Line], bounds: list[float]) -> list[dict[int, Line]]:
    """Each column's visual line on each block line that has ink in it (block line index → Line)."""
    columns: list[dict[int, Line]] = [{} for _ in range(len(bounds) + 1)]
    for n, line in enumerate(block_lines):
        parts: list[list[Glyph]] = [[] for _ in columns]
        for glyph in line.glyphs:
            parts[bisect_right(bounds, (glyph.x0 + glyph.x1) / 2)].append(glyph)
        for c, glyphs in enumerate(parts):
            found = lines(glyphs) if any(g.is_base for g in glyphs) else []
            if found:
                columns[c][n] = max(found, key=lambda part: len(part.glyphs))
    return columns


def _at(columns: list[dict[int, Line]], n: int) -> set[int]:
    return {c for c, found in enumerate(columns) if n in found}


def _runs_on(columns: list[dict[int, Line]], n: int, rights: list[float]) -> bool:
    """Does the text on line ``n - 1`` run on into line ``n`` inside its column? A value column that does makes
    line ``n`` part of the row; a label that does, too, unless a value column starts a new paragraph on line
    ``n`` (a label ending short of its cell's edge can look wrapped: ``1. ชื่อแนวคิด`` above ``ชื่อโครงการ``)."""
    fresh = False
    for c, found in enumerate(columns[1:], 1):
        if n in found:
            if n - 1 in found and _full(found[n - 1], found[n], rights[c]):
                return True
            fresh = True
    return not fresh and n - 1 in columns[0] and n in columns[0] and wraps(columns[0][n - 1], columns[0][n],
                                                                         rights[0])


def _full(line: Line, following: Line, right: float) -> bool:
    """Was ``line`` ended by its column's width: a soft wrap in Thai text, or a word after a space (Latin, a
    bracket, digits) too wide for the room left at the line's end?"""
    if wraps(line, following, right):
        return True
    if following.text[:1] in THAI:
        return False
    word = [g for g in following.glyphs[: next((k for k, g in enumerate(following.glyphs) if g.is_space),
                                                len(following.glyphs))] if g.is_base]
    return bool(word) and word[-1].x1 - word[0].x0 > right - ink_end(line)
