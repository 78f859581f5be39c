"""Pixel geometry of a scanned page: ruling lines, table grids with merged cells, cell darkness, tick boxes."""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from pipeline.readers.layout import cluster, merge_slots
from pipeline.readers.ocr.image import blank_edges, components
from pipeline.readers.ocr.percentile import median, percentiles

SHADED_TONE = 232  # a cell whose inside is mostly darker than this (paper is 255) is shaded, light grey included
MARK_SHARE = 0.004  # a cell with less ink than this share holds nothing (OCR noise is dropped)
MARK_INK = 0.01  # a cell with this much ink and no readable text holds a hand-drawn or glyph mark
MARK_AREA_IN2 = 0.0008  # one stroke this big (a 14 pt "/" is ~0.002 in²) is a mark wherever it stands
TICK_SHARE = 0.06  # a box with more ink inside than this share is ticked
COLUMN_LINE_SHARE = 3.3  # dpi divided by this: the least length of a column line (outruns the tallest letters)
SHORT_ROW_LINES = 6  # column lines in one short row that make it a row of its own columns (12 months: 11)
SHORT_ROW_NEW = 3  # ... of which at least this many not yet the table's: one or two are a letter's upright strokes
HEAD_RISE = 10  # dpi divided by this: the least height of a head row's separators above a table's top line
SEPARATOR_COVER = 0.9  # a short row's separator: ink along this share of the row's height, line to line
APART_SHARE = 75  # dpi divided by this: row lines closer are one stroke; further apart, the borders of cells drawn apart
BAR_IN = (1 / 8, 1 / 50)  # inches (width, height): a solid run of shading at least this big inside a cell is a bar
BAR_FILL = 0.85  # of its bounding box: a drawn bar is a rectangle
BAR_SMOOTH = 45  # dpi divided by this: the side of the box a bar's shading is averaged over
BAR_HEIGHT = 0.75  # of the cell's inside: a bar taller than this fills the cell (its tone tells it shaded)
PALE_STEP = 12  # a cell this much darker than its table's paper, inside and against the wide background, is shaded
PALE_PAPER = 250  # ... when the table's paper is this clean (a stain or a shadow is not a shade)
BESIDE_IN = (0.1, 0.2)  # inches: the gap and the width of the page's strip looked at beside a table (_page_beside)
PALE_DOTS_STEP = 8  # an empty cell whose darker quarter is this much darker than empty paper's holds sparse dots
DOTS_SPREAD = 4  # ... and this much darker than its own median: dots are specks on paper, a shadow is even


@dataclass
class GridCell:
    """One cell of a pixel grid: its slots, box (x0, y0, x1, y1), tone (median grey inside) and ink share."""

    row: int
    col: int
    box: tuple[int, int, int, int]
    tone: float = 255.0
    ink: float = 0.0
    wide_tone: float = 255.0  # the median grey against the wider background kernel (CleanPage.shade)
    low_tone: float = 255.0  # the grey its darker quarter stays under: sparse dots that leave the median paper
    stroke: bool = False  # too little ink for a mark by share, but one stroke of a mark's size
    bar: bool = False  # a light bar drawn inside the cell, clear of its borders (a Gantt's month)
    pale: bool = False  # evenly a little darker than its table's paper: a pale shade (see _mark_pale)

    @property
    def shaded(self) -> bool:
        """Shaded (a Gantt bar, a grey header), however tall the shaded run."""
        return self.bar or self.pale or min(self.tone, self.wide_tone) < SHADED_TONE

    @property
    def dark(self) -> bool:
        """Darker than paper after the page's flattening: its text must be read through the shading."""
        return self.tone < SHADED_TONE


@dataclass
class PixelGrid:
    """A ruled table: row and column boundaries, its cells and which cell covers each grid slot."""

    ys: list[int]
    xs: list[int]
    cells: list[GridCell] = field(default_factory=list)
    slots: list[list[int]] = field(default_factory=list)

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def locate(self, x: float, y: float) -> int | None:
        """The index of the cell holding a point, or None outside the grid."""
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        r = min(int(np.searchsorted(self.ys, y)) - 1, len(self.ys) - 2)
        c = min(int(np.searchsorted(self.xs, x)) - 1, len(self.xs) - 2)
        return self.slots[max(r, 0)][max(c, 0)]


@dataclass
class TickBox:
    """A tick box found in the pixels: its box and whether it holds a tick."""

    box: tuple[int, int, int, int]
    ticked: bool

    @property
    def glyph(self) -> str:
        return "☑" if self.ticked else "☐"


def line_masks(flat: np.ndarray, dpi: float, strokes: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling strokes (255) of at least a third of an inch, from ``strokes``
    (``ruling_strokes`` of the page, made here when not given)."""
    bridged = ruling_strokes(flat, dpi) if strokes is None else strokes
    # Vertical strokes must outrun the tallest letters (ใ ไ ฟ with a mark: a fifth of an inch at 16 pt).
    h_len, v_len = max(10, int(dpi / 3)), max(10, int(dpi / COLUMN_LINE_SHARE))
    horizontal = cv2.morphologyEx(bridged, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    vertical = cv2.morphologyEx(bridged, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    # A table whose cells are drawn apart (a browser's default border-spacing, ~2 px) breaks every column line
    # at every row into pieces as tall as a row: upright pieces taller than a letter's stroke, stacked over
    # gaps of less than a line's spacing, make one line. (Closing the whole page instead joins letters of
    # tight Thai lines into false column lines.)
    pieces = cv2.morphologyEx(bridged, cv2.MORPH_OPEN,
                              cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(10, int(dpi / 8)))))
    stacked = cv2.morphologyEx(pieces, cv2.MORPH_CLOSE,
                               cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(3, int(dpi / 30)))))
    vertical = cv2.bitwise_or(vertical, cv2.morphologyEx(
        stacked, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len))))
    return horizontal, vertical


def ruling_strokes(flat: np.ndarray, dpi: float) -> np.ndarray:
    """What is darker than its surroundings (255), small breaks in lines closed: an adaptive threshold, so a
    shaded cell's inside is not a stroke and the lines between shaded cells still are."""
    block = int(dpi / 10) | 1
    ink = cv2.adaptiveThreshold(flat, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 25)
    strokes = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))  # scan breaks in lines
    # The page's own edge is no ruling: a strip of the desk a photo's warp left along a side, or a scanner's
    # edge, made lines round the whole page, and that "table" swallowed every word on it (as the ink mask).
    blank_edges(strokes)
    return strokes


def _positions(values: list[float], tolerance: float) -> list[int]:
    """Cluster 1-D line positions that stand within ``tolerance`` of each other."""
    return [int(round(v)) for v in cluster(values, tolerance)]


def _segments(mask: np.ndarray, axis: int) -> list[tuple[float, int, int]]:
    """Each stroke of a line mask as (position across, start along, end along)."""
    count, _, stats, _ = components(mask)
    out = []
    for i in range(1, count):
        x, y, w, h = stats[i, :4]
        if axis == 0:  # horizontal
            out.append((y + h / 2, int(x), int(x + w)))
        else:
            out.append((x + w / 2, int(y), int(y + h)))
    return out


def find_grids(horizontal: np.ndarray, vertical: np.ndarray, grey: np.ndarray, text_ink: np.ndarray,
               dpi: float, wide_grey: np.ndarray | None = None, strokes: np.ndarray | None = None) -> list[PixelGrid]:
    """The page's ruled tables (at least two slots), top to bottom, cells measured (``text_ink``: ink
    without the ruling lines, for the marks; ``grey`` and ``wide_grey`` (CleanPage.flat, .shade) for the
    shading; ``strokes``: the page's ``ruling_strokes``, for the short separators, made here when not given)."""
    strokes = ruling_strokes(grey, dpi) if strokes is None else strokes
    both = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((5, 5), np.uint8))
    count, labels, stats, _ = components(both)
    tol = max(4.0, dpi / 25)  # a millimetre: the two borders of cells drawn apart are one line of the grid
    reach = max(4, int(dpi / 40))
    grids: list[PixelGrid] = []
    # Parts big enough for a table each (a smudge's strokes are not); parts of one table joined.
    big = [i for i in range(1, count) if stats[i, 2] >= dpi * 0.8 and stats[i, 3] >= dpi * 0.25]
    for parts in _table_parts(stats, big, tol):
        x, y = stats[parts, 0].min(), stats[parts, 1].min()
        w = (stats[parts, 0] + stats[parts, 2]).max() - x
        h = (stats[parts, 1] + stats[parts, 3]).max() - y
        region = np.isin(labels[y:y + h, x:x + w], parts)
        hmask = np.where(region, horizontal[y:y + h, x:x + w], 0).astype(np.uint8)
        vmask = np.where(region, vertical[y:y + h, x:x + w], 0).astype(np.uint8)
        rules = [p + y for p, a, b in _segments(hmask, 0) if b - a >= dpi / 3 and _meets_column_line(vmask, int(p), a, b, reach)]
        ys = _positions(rules, tol)
        # Cells drawn apart: most row lines are two borders a little apart (clustered into one above).
        apart = len(_positions(rules, dpi / APART_SHARE)) >= 1.5 * len(ys)
        columns = [(p + x, a + y, b + y) for p, a, b in _segments(vmask, 1) if b - a >= dpi / 6]
        xs = _positions([p for p, _, _ in columns], tol)
        ys = _open_ends(ys, columns, len(xs), dpi)
        ys = _open_head(ys, strokes, x, x + w, dpi)
        xs = _with_short_row_lines(xs, ys, strokes, x, x + w, dpi, tol)
        if len(ys) < 2 or len(xs) < 2 or (len(ys) - 1) * (len(xs) - 1) < 2:
            continue
        grid = PixelGrid(ys, xs)
        _merge_cells(grid, horizontal, vertical, strokes, dpi)
        # A cell's own border stands inside the grid line when cells are drawn apart: measured further in.
        _measure(grid, text_ink, grey, dpi, wide_grey, max(4, int(dpi / (25 if apart else 40))))
        _mark_pale(grid)
        grids.append(grid)
    grids.sort(key=lambda g: g.ys[0])
    return grids


def _with_short_row_lines(xs: list[int], ys: list[int], strokes: np.ndarray, left: int, right: int, dpi: float,
                          tol: float) -> list[int]:
    """The column lines of a row too short for the vertical mask (a Gantt's month heads, ต.ค. … ก.ย.), added when
    the row holds several: a Gantt's head cut from its body by a page break has no longer column line at all."""
    found: list[float] = []
    for top, bottom in zip(ys, ys[1:], strict=False):
        if bottom - top >= dpi / COLUMN_LINE_SHARE or bottom - top < dpi / 15:
            continue
        band = strokes[top + 2:bottom - 1, left:right] > 0
        cover = band.mean(axis=0) >= SEPARATOR_COVER
        starts = np.flatnonzero(cover & ~np.concatenate(([False], cover[:-1])))
        ends = np.flatnonzero(cover & ~np.concatenate((cover[1:], [False])))
        runs = [left + (a + b) / 2 for a, b in zip(starts, ends, strict=True) if b - a < dpi / 30]  # lines, not blots
        # A Gantt's body rows are short too, and their month lines are the table's already: a stroke running
        # the row's height beside them is a letter's (ส at a step cell's left edge, which cut the step's name).
        new = [p for p in runs if all(abs(p - q) > tol for q in xs)]
        if len(runs) >= SHORT_ROW_LINES and len(new) >= SHORT_ROW_NEW:
            found += runs
    inner = [p for p in found if xs[0] + tol < p < xs[-1] - tol and all(abs(p - q) > tol for q in xs)]
    return _positions([*xs, *inner], tol) if inner else xs


def _open_head(ys: list[int], strokes: np.ndarray, left: int, right: int, dpi: float) -> list[int]:
    """The top of a head row drawn without a line over it: a browser cut a Gantt's head between pages, the
    step column's head on the page before and the month heads, with their separators and no line above
    them, on this one. The separators are shorter than the vertical mask; several thin strokes rising from
    the table's top line to one height make the row (its top where they end)."""
    if not ys:
        return ys
    top = max(0, ys[0] - int(dpi / COLUMN_LINE_SHARE))
    band = strokes[top:max(top, ys[0] - 1), left:right] > 0
    if band.shape[0] < dpi / 15:
        return ys
    # A photo's lines lean a little: a stroke is sought a couple of pixels either side.
    band = cv2.dilate(band.astype(np.uint8), np.ones((1, 5), np.uint8)) > 0
    # Each pixel column's run of ink going up from the line (from the band's bottom row).
    run = np.cumprod(band[::-1], axis=0).sum(axis=0)
    tall = run >= dpi / HEAD_RISE
    starts = np.flatnonzero(tall & ~np.concatenate(([False], tall[:-1])))
    ends = np.flatnonzero(tall & ~np.concatenate((tall[1:], [False])))
    heights = [int(run[a:b + 1].max()) for a, b in zip(starts, ends, strict=True) if b - a < dpi / 30]  # lines
    if len(heights) < SHORT_ROW_LINES:
        return ys
    rise = float(np.median(heights))
    # One height, as a row's separators are (letters touching the line would rise to any height).
    if sum(abs(h - rise) <= dpi / 50 for h in heights) < SHORT_ROW_LINES or rise >= band.shape[0] - 1:
        return ys
    return [ys[0] - 1 - int(rise), *ys]


def _table_parts(stats: np.ndarray, candidates: list[int], gap: float) -> list[list[int]]:
    """The ruling's connected parts grouped into tables: parts side by side with the same top and bottom (or
    one above the other with the same left and right), at most ``gap`` apart, are one table. A black-and-white
    scan fills a dark cell solid, and its borders, no longer lines, no longer join the cells on either side."""
    group = {i: i for i in candidates}

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    boxes = {i: tuple(int(v) for v in stats[i, :4]) for i in candidates}
    for n, i in enumerate(candidates):
        for j in candidates[n + 1:]:
            (xi, yi, wi, hi), (xj, yj, wj, hj) = boxes[i], boxes[j]
            beside = abs(yi - yj) <= gap and abs(yi + hi - yj - hj) <= gap and (
                max(xi, xj) - min(xi + wi, xj + wj) <= gap)
            stacked = abs(xi - xj) <= gap and abs(xi + wi - xj - wj) <= gap and (
                max(yi, yj) - min(yi + hi, yj + hj) <= gap)
            if beside or stacked:
                group[root(j)] = root(i)
    tables: dict[int, list[int]] = {}
    for i in candidates:
        tables.setdefault(root(i), []).append(i)
    return list(tables.values())


def _open_ends(ys: list[int], columns: list[tuple[float, int, int]], count: int, dpi: float) -> list[int]:
    """Row lines with the open ends of a table cut by a page break: a browser draws no line across where it
    cuts a row, but most column lines run on past the last row line (or start before the first) to where
    the page cut them; that end closes the cut row."""
    if not ys or count < 3:
        return ys
    out = list(ys)
    above = [a for _, a, _ in columns if a < ys[0] - dpi / 8]
    below = [b for _, _, b in columns if b > ys[-1] + dpi / 8]
    if len(above) * 2 >= count:
        out.insert(0, int(np.median(above)))
    if len(below) * 2 >= count:
        out.append(int(np.median(below)))
    return out


def _meets_column_line(vertical: np.ndarray, y: int, start: int, end: int, reach: int) -> bool:
    """Whether a horizontal stroke meets a column line at either end: a row's ruling does; a Gantt's bar drawn
    inside its cells, whose edges are long strokes too, stands clear of the cell's sides."""
    top, bottom = max(0, y - reach), y + reach + 1
    return any(vertical[top:bottom, max(0, x - reach):x + reach + 1].any() for x in (start, end - 1))


def _covered(mask: np.ndarray, fixed: int, start: int, end: int, axis: int, band: int) -> bool:
    """Whether a line runs along most of [start, end) at ``fixed`` (a row for axis 0, a column for 1)."""
    if end - start <= 2:
        return True
    lo, hi = max(0, fixed - band), fixed + band + 1
    strip = mask[lo:hi, start:end] if axis == 0 else mask[start:end, lo:hi]
    hits = strip.max(axis=0 if axis == 0 else 1) > 0
    return float(hits.mean()) >= 0.5


def _separated(strokes: np.ndarray, x: int, top: int, bottom: int, dpi: float) -> bool:
    """Whether a stroke runs the whole height of a row from its top line to its bottom line near ``x``.

    A row shorter than the long-stroke mask's third of an inch (a Gantt's month header between two
    spanning rows) keeps its separators only here; a letter near the line never touches both lines.
    The stroke is sought in one narrow column anywhere within a line's reach of ``x``: a photo's lines
    lean a little, so a column line stands a few pixels off its grid position in some rows.
    """
    reach, band = max(4, int(dpi / 25)), max(3, int(dpi / 60))
    strip = strokes[top:bottom + 1, max(0, x - reach):x + reach + 1]
    if strip.size == 0:
        return False
    narrow = cv2.dilate((strip > 0).astype(np.uint8), np.ones((1, 2 * band + 1), np.uint8))
    return float(narrow.mean(axis=0).max()) >= SEPARATOR_COVER


def _merge_cells(grid: PixelGrid, horizontal: np.ndarray, vertical: np.ndarray, strokes: np.ndarray,
                 dpi: float) -> None:
    """Union grid slots that no ruling line separates; each union is one cell."""
    # A photo's ruling is not quite straight after the warp (the paper bows, a corner found a pixel off): a
    # line may stand a few pixels off its position in one row. Only long strokes are in the masks, so a
    # wider band finds no letter.
    band = max(3, int(dpi / 25))
    inset = max(2, int(dpi / 50))

    def joined_right(r: int, c: int) -> bool:
        return not (_covered(vertical, grid.xs[c + 1], grid.ys[r] + inset, grid.ys[r + 1] - inset, 1, band)
                    or _separated(strokes, grid.xs[c + 1], grid.ys[r], grid.ys[r + 1], dpi))

    def joined_below(r: int, c: int) -> bool:
        return not _covered(horizontal, grid.ys[r + 1], grid.xs[c] + inset, grid.xs[c + 1] - inset, 0, band)

    grid.slots, spans = merge_slots(len(grid.ys) - 1, len(grid.xs) - 1, joined_right, joined_below)
    grid.cells = [GridCell(r0, c0, (grid.xs[c0], grid.ys[r0], grid.xs[c1 + 1], grid.ys[r1 + 1]))
                  for r0, c0, r1, c1 in spans]


def _measure(grid: PixelGrid, ink: np.ndarray, grey: np.ndarray, dpi: float, wide_grey: np.ndarray | None,
             inset: int) -> None:
    """Each cell's tone (the median grey of its inside: text is too sparse to move it, shading is not) and
    ink share, its borders (``inset`` pixels in from the grid lines) left out."""
    for cell in grid.cells:
        x0, y0, x1, y1 = cell.box
        inner = grey[y0 + inset:y1 - inset, x0 + inset:x1 - inset]
        if inner.size == 0:
            continue
        low, middle = percentiles(inner, [25, 50])  # np.percentile's values (the 50th is np.median's value)
        cell.tone, cell.low_tone = middle, low
        if wide_grey is not None:
            cell.wide_tone = median(wide_grey[y0 + inset:y1 - inset, x0 + inset:x1 - inset])
            if cell.wide_tone < cell.tone and cell.wide_tone >= _page_beside(grid, wide_grey, y0, y1, dpi) - PALE_STEP:
                cell.wide_tone = cell.tone  # a photo's shadow the wide kernel left, not the print's shade
        inside = ink[y0 + inset:y1 - inset, x0 + inset:x1 - inset]
        cell.ink = float((inside > 0).mean())
        # A thin mark ("/") in a tall cell: a small share of it, but one stroke, not specks.
        cell.stroke = 0 < cell.ink < MARK_INK and _largest_blot(inside) >= MARK_AREA_IN2 * dpi * dpi
        cell.bar = _holds_bar(inner, inside, dpi, cell.tone)


def _page_beside(grid: PixelGrid, wide_grey: np.ndarray, y0: int, y1: int, dpi: float) -> float:
    """The darker of the page's two strips beside the table at a row (against the wide background): paper,
    unless a shadow the wide kernel could not flatten lies over the page there too (a cell no darker than it
    is not shaded; a real shade is printed inside the table only)."""
    gap, width = int(dpi * BESIDE_IN[0]), int(dpi * BESIDE_IN[1])
    x0, x1 = grid.xs[0] - gap - width, grid.xs[-1] + gap
    strips = [wide_grey[y0:y1, max(0, x):x + width] for x in (x0, x1) if x + width > 0 and x < wide_grey.shape[1]]
    return min((median(strip) for strip in strips if strip.size), default=255.0)


def _mark_pale(grid: PixelGrid) -> None:
    """Mark the cells shaded too lightly for SHADED_TONE: a black-and-white scanner sets its white point on the
    paper and dithers a pale shade into sparse dots, which blur back to a grey of 235-240 (docs/OCR.md)."""
    paper = float(np.percentile([cell.tone for cell in grid.cells], 75))  # most of a table is paper
    if paper < PALE_PAPER:
        return
    # Weak toner leaves so few dots that the median stays paper; the darker quarter of an empty cell still
    # tells them from empty paper's (measured on this table's own empty cells, whose noise is the same).
    empty = [cell for cell in grid.cells if cell.ink < MARK_SHARE]
    paper_low = float(np.percentile([cell.low_tone for cell in empty], 75)) if empty else 0.0
    for cell in grid.cells:
        # Dots leave the median near paper and only the darker quarter low (250 and 241-243 measured); a photo's
        # shadow edge lowers a cell evenly (246 and 244), and is no shade.
        dots = (paper_low >= PALE_PAPER and cell.ink < MARK_SHARE and cell.low_tone <= paper_low - PALE_DOTS_STEP
                and cell.low_tone <= cell.tone - DOTS_SPREAD)
        cell.pale = dots or max(cell.tone, cell.wide_tone) <= paper - PALE_STEP


def _holds_bar(grey: np.ndarray, ink: np.ndarray, dpi: float, tone: float) -> bool:
    """Whether a cell's inside holds a light bar: a solid rectangle of shading, no ink in it (a Gantt's thin
    grey bar, too light for ink and too small a share of its cell to move the cell's tone). ``tone``: the
    median grey of ``grey``."""
    # Smoothed first: a black-and-white scan dithers a bar into dots, which only as an area are its grey.
    side = max(3, int(dpi / BAR_SMOOTH))
    # Darker than the cell's own paper (a photo's is not white after flattening), not than white.
    limit = tone - PALE_STEP
    shade = ((cv2.blur(grey, (side, side)) <= limit) & (ink == 0)).astype(np.uint8)
    w, h = max(3, int(dpi * BAR_IN[0])), max(3, int(dpi * BAR_IN[1]))
    solid = cv2.morphologyEx(shade, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (w, h)))
    if not solid.any():
        return False
    _, _, stats, _ = cv2.connectedComponentsWithStats(solid)
    for _, y, width, height, area in stats[1:]:
        # Clear of the cell's top and bottom: a border of a cell drawn apart, inside the grid line, runs along them.
        clear = 0 < y and y + height < grey.shape[0]
        if clear and area >= BAR_FILL * width * height and height <= BAR_HEIGHT * grey.shape[0]:
            return True
    return False


def _largest_blot(inside: np.ndarray) -> int:
    count, _, stats, _ = cv2.connectedComponentsWithStats((inside > 0).astype(np.uint8))
    return int(stats[1:, cv2.CC_STAT_AREA].max()) if count > 1 else 0


def find_tick_boxes(ink: np.ndarray, dpi: float) -> list[TickBox]:
    """Small closed squares (between a fourteenth and a quarter of an inch): tick boxes, in or out of tables."""
    lo, hi = dpi * 0.07, dpi * 0.25
    contours, _ = cv2.findContours(ink, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)  # not letters' holes
    boxes: list[TickBox] = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if not (lo <= w <= hi and lo <= h <= hi and 0.75 <= w / h <= 1.33):
            continue
        border = max(2, int(min(w, h) * 0.12))
        frame = ink[y:y + h, x:x + w] > 0
        k = max(2, int(min(w, h) * 0.12))  # a box's corners are sharp: ink in the very corner pixels
        if not _closed_square(frame, border, k):
            continue  # not a closed square outline (a letter such as อ, o or D, or a bracket)
        # Inside the box's own stroke: a blurred photo's box drawn thick (a browser's ☐) is 5 px a side at
        # 300 dpi, and its inner edge alone made an empty box count as ticked.
        rows, cols = frame.mean(axis=1), frame.mean(axis=0)
        top, bottom, left, right = (max(border, _stroke(edge, min(w, h))) for edge in
                                    (rows, rows[::-1], cols, cols[::-1]))
        inner = frame[top + 2:h - bottom - 2, left + 2:w - right - 2]
        if inner.size == 0:
            continue
        boxes.append(TickBox((x, y, x + w, y + h), float(inner.mean()) >= TICK_SHARE))
    return _distinct(boxes)


def _closed_square(frame: np.ndarray, border: int, k: int) -> bool:
    """Ink along all four edges (each inked over ≥ 92 % of its length) and in all four corners (≥ 30 %).
    Tested one edge at a time and given up at the first that fails: most letters of box size (อ, บ) fail
    the first or second, and a page has thousands of them."""
    edges = (lambda: frame[:border].max(axis=0), lambda: frame[-border:].max(axis=0),
             lambda: frame[:, :border].max(axis=1), lambda: frame[:, -border:].max(axis=1))
    if any(edge().mean() < 0.92 for edge in edges):
        return False
    return all(c.mean() >= 0.3 for c in (frame[:k, :k], frame[:k, -k:], frame[-k:, :k], frame[-k:, -k:]))


def _stroke(profile: np.ndarray, side: int) -> int:
    """How many rows (or columns) from a box's edge are its stroke: nearly all ink, at most a quarter of it."""
    solid = profile[: max(1, side // 4)] >= 0.8
    return int(np.argmin(solid)) if not solid.all() else len(solid)


def _distinct(boxes: list[TickBox]) -> list[TickBox]:
    """A box's outer and inner contour are both found: keep the outer one."""
    boxes.sort(key=lambda b: -(b.box[2] - b.box[0]) * (b.box[3] - b.box[1]))
    kept: list[TickBox] = []
    for box in boxes:
        x0, y0, x1, y1 = box.box
        if any(k.box[0] <= x0 and k.box[1] <= y0 and x1 <= k.box[2] and y1 <= k.box[3] for k in kept):
            continue
        kept.append(box)
    return kept


__all__ = ["GridCell", "PixelGrid", "TickBox", "find_grids", "find_tick_boxes", "line_masks", "ruling_strokes"]
