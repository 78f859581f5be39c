"""Borderless tables from text: runs of lines split by the same wide gutter(s), and text set at tab stops."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

COLUMN_GAP = 1.0  # a gap of at least this many ems inside a line separates two columns
GUTTER_MIN = 0.5  # columns must stay apart by at least this many ems over the whole block
PITCH_SLACK = 1.15  # a one-column line joins a block when no farther below than this × the block's line pitch
FIRST_PITCH = 2.5  # the second line of a block is at most this many ems below the first
CELL_PITCH = 3.0  # ems: the same for a text PDF's layout-table rows (1.5 line spacing and 12 pt after a row)
VALUE_ALIGN = 0.3  # ems: a cell's lines all start this near one x (left-aligned; a leading vowel overhangs)
TAB_ALIGN = 1.5  # points: columns whose lines all start within this of one x are set at a tab stop
NARROW_GAP = 0.6  # ems: a gap this wide, narrower than COLUMN_GAP, is wider than a word space (0.2-0.5 em)


@dataclass(frozen=True)
class TextRow:
    """A visual line as the column finder sees it: baseline, font size and its runs of ink (x0, x1)."""

    baseline: float
    size: float
    segments: list[tuple[float, float]]
    narrow: list[tuple[float, float]] = field(default_factory=list)  # gaps NARROW_GAP to COLUMN_GAP ems wide

    def gaps(self) -> list[tuple[float, float]]:
        return [(a[1], b[0]) for a, b in zip(self.segments, self.segments[1:], strict=False)]


@dataclass(frozen=True)
class Columns:
    """A borderless table found in the text: lines ``first``..``last`` (inclusive) and the column boundaries."""

    first: int
    last: int
    bounds: list[float]  # x of each gutter's middle, left to right


def find_columns(rows: list[TextRow], cells: bool = False) -> list[Columns]:
    """Runs of consecutive lines (top to bottom) split by the same wide gutter(s): a table drawn without borders.

    A block needs at least two lines that have ink on both sides of every gutter; lines with ink on one side
    only join it while they follow at the block's line pitch (the last lines of a longer cell). ``cells`` (a
    text PDF's exact glyph boxes, not OCR's word boxes): the first row's value or label wrapping under itself
    joins it too, its next row may stand farther below (a layout table's rows spaced apart), and a label's line
    may end past the gutter's middle as long as it does not reach the next column.
    """
    blocks: list[Columns] = []
    i = 0
    while i < len(rows):
        gutters = rows[i].gaps()
        if not gutters:
            i += 1
            continue
        em = rows[i].size
        first_pitch = (CELL_PITCH if cells else FIRST_PITCH) * em
        split_lines, last, pitch, tight = 1, i, 0.0, first_pitch
        above = dict.fromkeys(_inked(rows[i], gutters), rows[i].baseline)  # each column's last line so far
        for j in range(i + 1, len(rows)):
            row, distance = rows[j], rows[last].baseline - rows[j].baseline
            narrowed = [(max(a, c), min(b, d)) for a, b in gutters for c, d in row.gaps()
                        if min(b, d) - max(a, c) >= GUTTER_MIN * em]
            if not narrowed and cells and _at_column_starts(row, gutters):
                narrowed = gutters  # split where the columns start, by less than a column gap: the gutter as it was
            if row.gaps() or narrowed:
                if not narrowed or distance > (PITCH_SLACK * 1.5 * pitch if pitch else first_pitch):
                    break
                if cells and max(pitch, distance) > FIRST_PITCH * em and not _at_value_columns(row, rows[i], gutters):
                    break  # rows this far apart join only where the table's columns start (a line after it may not)
                gutters, split_lines, last, pitch = narrowed, split_lines + 1, j, max(pitch, distance)
            elif split_lines >= 2 and distance <= PITCH_SLACK * pitch and not _crosses(row, gutters, cells) and not (
                    cells and above.get(0, row.baseline) - row.baseline > PITCH_SLACK * tight
                    and _under_label(row, rows[i], gutters)):
                last = j  # (a line at the left edge a row's pitch below, its cells' lines closer: a paragraph after)
            elif cells and split_lines == 1 and distance <= first_pitch and (
                    _under_value(row, rows[i], gutters) or _under_label(row, rows[i], gutters)):
                last = j  # the first row's value or label wrapping under itself: the block goes on to its next row
            else:
                break
            for column in _inked(row, gutters):
                tight = min(tight, above.get(column, first_pitch + row.baseline) - row.baseline)
                above[column] = row.baseline
        if split_lines >= 2:
            blocks.append(Columns(i, last, [(a + b) / 2 for a, b in gutters]))
            i = last + 1
        else:
            i += 1
    return blocks


def _under_value(row: TextRow, first: TextRow, gutters: list[tuple[float, float]]) -> bool:
    """Does ``row`` start where ``first``'s text after the gutter starts (left-aligned, a leading vowel's
    overhang allowed) and keep right of it? A line back at the left edge is a paragraph's next line."""
    start = next((x0 for x0, _ in first.segments if x0 >= gutters[0][1]), None)
    return (start is not None and abs(row.segments[0][0] - start) <= VALUE_ALIGN * first.size
            and not _crosses(row, gutters[1:], True))


def _inked(row: TextRow, gutters: list[tuple[float, float]]) -> set[int]:
    """The columns (0 left of the first gutter's middle) ``row`` has ink in; a run across a gutter (a label
    touching its value, split only by a narrow gap) is in each column it spans."""
    middles = [(a + b) / 2 for a, b in gutters]
    return {column for x0, x1 in row.segments
            for column in range(bisect_right(middles, x0), bisect_right(middles, x1) + 1)}


def _at_value_columns(row: TextRow, first: TextRow, gutters: list[tuple[float, float]]) -> bool:
    """Does ``row``'s text after each gutter start where ``first``'s does (a layout table's cells are left-aligned;
    a paragraph after the table whose gap happens to overlap the gutter starts its second part elsewhere:
    ``นวัตกรรมที่พัฒนา …`` 24 pt left of the value column)?"""
    for a, b in gutters:
        middle = (a + b) / 2
        # A line split by a narrow gap (a label touching its value) starts its value where that gap ends.
        mine = min([x0 for x0, _ in row.segments if x0 >= middle] + [d for _, d in row.narrow if d >= middle],
                   default=None)
        theirs = next((x0 for x0, _ in first.segments if x0 >= middle), None)
        if mine is None or theirs is None or abs(mine - theirs) > VALUE_ALIGN * first.size:
            return False
    return True


def _at_column_starts(row: TextRow, gutters: list[tuple[float, float]]) -> bool:
    """Is ``row`` split at each gutter by a gap narrower than a column gap but wider than a word space that ends
    where the column after it starts (a label filling its cell up to the padding: ``สอดคล้องกับนโยบาย`` touching
    its value ``ปลอดภัยดี 10 …``)? The gutter stays as the other lines make it."""
    gaps = row.gaps() + row.narrow
    return bool(gutters) and all(any(c < b and abs(d - b) <= VALUE_ALIGN * row.size for c, d in gaps)
                                 for _, b in gutters)


def _under_label(row: TextRow, first: TextRow, gutters: list[tuple[float, float]]) -> bool:
    """Does ``row`` start where ``first`` starts and end before the column after the gutter (a label wrapping
    under itself: ``สำนัก/สำนักงาน`` over ``เขต``, its value one line beside it)?"""
    return (abs(row.segments[0][0] - first.segments[0][0]) <= VALUE_ALIGN * first.size
            and not _crosses(row, gutters, True))


def _crosses(row: TextRow, gutters: list[tuple[float, float]], cells: bool) -> bool:
    """Does ink cross a gutter's middle (``cells``: run from left of it into the column after it: a label cell's
    last line may end past the middle, ``กรุงเทพมหานคร`` under a short label, and not reach the value's column)?"""
    if cells:
        return any(x0 < (a + b) / 2 and x1 >= b for x0, x1 in row.segments for a, b in gutters)
    return any(x0 < (a + b) / 2 < x1 for x0, x1 in row.segments for a, b in gutters)


def tab_aligned(rows: list[TextRow], bounds: list[float]) -> bool:
    """Does every column of a borderless block start at one x on every line (text set at tab stops, a label and
    its value), rather than being centred or ragged like blocks set side by side (signatures)?"""
    starts: list[list[float]] = [[] for _ in range(len(bounds) + 1)]
    for row in rows:
        seen: set[int] = set()
        for x0, x1 in row.segments:
            column = bisect_right(bounds, (x0 + x1) / 2)
            if column not in seen:
                seen.add(column)
                starts[column].append(x0)
    return all(len(xs) >= 2 and max(xs) - min(xs) <= TAB_ALIGN for xs in starts)
