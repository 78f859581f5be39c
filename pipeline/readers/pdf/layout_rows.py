"""Rows of a borderless layout table in a PDF: label|value cells whose text wraps inside its own column."""

from __future__ import annotations

import re
from bisect import bisect_right

from pipeline.document import Cell, Table
from pipeline.readers.ocr.labels import known_phrases
from pipeline.readers.pdf.columns import GUTTER_MIN, VALUE_ALIGN
from pipeline.readers.pdf.glyphs import Glyph
from pipeline.readers.pdf.lines import Line, lines
from pipeline.readers.pdf.wrap import ink_end, ink_start, wraps

ALIGNED = 2 / 3  # of a column's lines start at its left edge; the others at a tab stop or indent inside the cell
THAI = frozenset(map(chr, range(0x0E01, 0x0E5C)))
EDGE_SLACK = 0.5  # ems: a cell's edge stands this far beyond its longest lines' ink at most
_ITEM = re.compile(r"^\s*[\d๐-๙]+(\.[\d๐-๙]+)*[.)]?\s*")  # ``1.``, ``2)``, ``1.1`` before a label
_SPACE = re.compile(r"\s+")
CELL_GAP = 0.6  # ems: a cell's text ends at least this far before the next column's text starts (two paddings)


def layout_table(block_lines: list[Line], bounds: list[float], right: float, page: int) -> Table | None:
    """The block as a table of rows when it is a layout table of left-aligned cells whose text wraps inside its
    column (a value's second line under the value, a label's under the label), as other word processors' users
    lay out ``label | value`` forms; ``None`` for other blocks (signatures side by side, text at tab stops).

    Only a block where some cell goes on under itself is one (text at tab stops has a label and its value on
    every line). A row starts at a line where the first column has text that does not go on with the label
    above: the printed wording says so where it knows the label (``_printed``), else the label and every value
    beside it must have been wrapped by their cells' width (``_runs_on``). Cells are top-aligned, so every new
    row begins in the first column, while a long label or value goes on under itself."""
    columns = _column_lines(block_lines, bounds)
    size = max(line.size for line in block_lines)
    for found in columns:
        starts = [ink_start(line) for line in found.values()]
        if not starts or sum(x - min(starts) <= VALUE_ALIGN * size for x in starts) < ALIGNED * len(starts):
            return None  # centred or ragged: blocks set side by side, not cells (a line may start at a tab stop)
    rights = [min(ink_start(line) for line in columns[c + 1].values()) - CELL_GAP * size
              for c in range(len(columns) - 1)] + [_last_edge(list(columns[-1].values()), right, size)]
    to_page = rights[:-1] + [right - CELL_GAP / 2 * size]  # two short values ending together prove no edge
    if not any(_wraps_alone(columns, n) or _runs_on(columns, n, to_page) or _label_goes_on(columns, n)
               for n in range(1, len(block_lines))):
        return None  # no cell goes on under itself: a label and its value at a tab stop read as lines (tab_aligned)
    rows: list[list[int]] = []
    label = ""  # the label cell's text so far in the current row
    for n in range(len(block_lines)):
        if n == 0:
            new = True
        elif n not in columns[0]:
            new = False  # cells are top-aligned: a row begins with its label
        else:
            said = _printed(label, columns[0][n].text)
            new = not said if said is not None else not _runs_on(columns, n, rights)
        if new:
            rows.append([])
            label = ""
        rows[-1].append(n)
        label += columns[0][n].text if n in columns[0] else ""
    table_rows = []
    for r, members in enumerate(rows, 1):
        cells = []
        for c, found in enumerate(columns):
            cell_lines = [found[n] for n in members if n in found]
            text = _join_label(cell_lines, rights[c]) if c == 0 else _join(cell_lines, rights[c])
            cells.append(Cell(text, where=f"row {r}, column {c + 1}"))
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


def _join_label(cell_lines: list[Line], right: float) -> str:
    """A label cell's lines: joined with nothing where they make one printed label (``ชื่อ`` over ``โครงการ``)."""
    if not cell_lines:
        return ""
    text = cell_lines[0].text
    for line, following in zip(cell_lines, cell_lines[1:], strict=False):
        if _printed(text, following.text):
            text += ("" if _compact(text) else " ") + following.text  # after an item number alone, its space
        else:
            text += ("" if wraps(line, following, right) else "\n") + following.text
    return text


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
        placed: dict[int, int] = {}
        column, end = 0, None
        for k in sorted(range(len(line.glyphs)), key=lambda k: line.glyphs[k].x0):
            glyph = line.glyphs[k]
            at = bisect_right(bounds, (glyph.x0 + glyph.x1) / 2)
            if glyph.is_base:
                # ink with no gap a gutter could be stays in the column it started in (a label's long last line)
                column = at if end is None or glyph.x0 - end >= GUTTER_MIN * line.size else min(at, column)
                end = glyph.x1
            placed[k] = min(at, column)
        base = None
        for k, glyph in enumerate(line.glyphs):  # a mark goes where its letter went (``ิ`` of ``วิ`` starts left of it)
            if glyph.is_base:
                base = k
            elif glyph.is_mark and base is not None:
                placed[k] = placed[base]
        for k, glyph in enumerate(line.glyphs):  # in the text layer's order, which ``lines`` keeps
            parts[placed[k]].append(glyph)
        for c, glyphs in enumerate(parts):
            found = lines(glyphs) if any(g.is_base for g in glyphs) else []
            if found:
                columns[c][n] = max(found, key=lambda part: len(part.glyphs))
    return columns


def _at(columns: list[dict[int, Line]], n: int) -> set[int]:
    return {c for c, found in enumerate(columns) if n in found}


def _printed(label: str, line: str) -> bool | None:
    """What the forms' printed wording says of a label cell's next line: ``True`` when the label so far and
    the line are the start of a printed label (``ชื่อ`` over ``โครงการ``), ``False`` when they are not and the line
    begins one itself (``ชื่อแนวคิด`` over ``สอดคล้องกับ``: a new row), ``None`` when it does not know. Where a label
    or a value ends short of its cell's edge by about a word, the wrap test cannot tell."""
    before, after = _compact(label), _compact(line)
    if not after:
        return None
    if not before:
        return True if label.strip() else None  # an item number alone (``2.``) is no label: it goes on below
    if any(phrase.startswith(before + after) for phrase, _ in known_phrases()):
        return True
    if any(phrase.startswith(after) for phrase, _ in known_phrases()):
        return False
    return None


def _compact(text: str) -> str:
    """A label's text as the printed wording is compared: no item number in front, no spaces."""
    return _SPACE.sub("", _ITEM.sub("", text))


def _wraps_alone(columns: list[dict[int, Line]], n: int) -> bool:
    """Does line ``n`` show a cell going on under itself: some column empty on it, every column with text on it
    having had text on the line above (a value's second line with no label beside it, a label's with no value)?
    Text at tab stops has a label and its value on every line; only a table's cell wraps inside its column."""
    at, above = _at(columns, n), _at(columns, n - 1)
    return bool(at) and len(at) < len(columns) and at <= above


def _label_goes_on(columns: list[dict[int, Line]], n: int) -> bool:
    """Do the label lines ``n - 1`` and ``n`` make one printed label between them (``ชื่อ`` over ``โครงการ``: a narrow
    label cell broken at its space, a value beside each line)? Text at tab stops puts a whole label on each line."""
    above, line = columns[0].get(n - 1), columns[0].get(n)
    return (above is not None and line is not None and bool(_compact(above.text))
            and _printed(above.text, line.text) is True)


def _runs_on(columns: list[dict[int, Line]], n: int, rights: list[float]) -> bool:
    """Does the row of line ``n - 1`` go on into line ``n``, which has a label? Only when the label was wrapped
    by its cell's width and every value column with text on line ``n`` was too: a label with a value starting a
    new paragraph beside it is a new row, even if it looks wrapped (``1. ชื่อแนวคิด`` above ``ชื่อโครงการ``),
    and so is one under a label that ended short of its cell's edge, beside a value that looks wrapped."""
    if n - 1 not in columns[0] or not wraps(columns[0][n - 1], columns[0][n], rights[0]):
        return False
    return all(n - 1 in found and _full(found[n - 1], found[n], rights[c])
               for c, found in enumerate(columns[1:], 1) if n in found)


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
