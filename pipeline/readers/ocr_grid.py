"""Pixel geometry of a scanned page: ruling lines, table grids with merged cells, cell darkness, tick boxes.

A scan has no vector paths, so tables are found the way a person sees them: long horizontal and vertical
strokes (morphological opening with a long thin kernel) that cross each other make a grid; a grid slot
with no line between it and its neighbour is part of a merged cell. For each cell the share of dark
pixels inside it tells a shaded Gantt cell (a grey inside) from a marked one (a few strokes) from an empty
one. Small hollow squares outside the text are tick boxes; ink inside one means it is ticked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

SHADED_TONE = 232  # a cell whose inside is mostly darker than this (paper is 255) is shaded, light grey included
MARK_SHARE = 0.004  # a cell with less ink than this share holds nothing (OCR noise is dropped)
TICK_SHARE = 0.06  # a box with more ink inside than this share is ticked


@dataclass
class GridCell:
    """One cell of a pixel grid: its slots, box (x0, y0, x1, y1), tone (median grey inside) and ink share."""

    row: int
    col: int
    box: tuple[int, int, int, int]
    tone: float = 255.0
    ink: float = 0.0

    @property
    def shaded(self) -> bool:
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


def line_masks(flat: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling strokes (255) of at least a third of an inch.

    Strokes are what is darker than its surroundings (an adaptive threshold), so a shaded cell's inside
    is not one and the lines between shaded cells still are.
    """
    block = int(dpi / 10) | 1
    ink = cv2.adaptiveThreshold(flat, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 25)
    bridged = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))  # scan breaks in lines
    # Vertical strokes must outrun the tallest letters (ใ ไ ฟ with a mark: a fifth of an inch at 16 pt).
    h_len, v_len = max(10, int(dpi / 3)), max(10, int(dpi / 3.3))
    horizontal = cv2.morphologyEx(bridged, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    vertical = cv2.morphologyEx(bridged, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    return horizontal, vertical


def _positions(values: list[float], tolerance: float) -> list[int]:
    """Cluster 1-D line positions that stand within ``tolerance`` of each other."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tolerance:
            out[-1].append(v)
        else:
            out.append([v])
    return [int(round(sum(group) / len(group))) for group in out]


def _segments(mask: np.ndarray, axis: int) -> list[tuple[float, int, int]]:
    """Each stroke of a line mask as (position across, start along, end along)."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for i in range(1, count):
        x, y, w, h = stats[i, :4]
        if axis == 0:  # horizontal
            out.append((y + h / 2, int(x), int(x + w)))
        else:
            out.append((x + w / 2, int(y), int(y + h)))
    return out


def find_grids(horizontal: np.ndarray, vertical: np.ndarray, grey: np.ndarray, text_ink: np.ndarray,
               dpi: float) -> list[PixelGrid]:
    """The page's ruled tables (at least two slots), top to bottom, cells measured (``text_ink``: ink
    without the ruling lines, for the marks; ``grey`` for the shading)."""
    both = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((5, 5), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(both, connectivity=8)
    tol = max(4.0, dpi / 40)
    grids: list[PixelGrid] = []
    for i in range(1, count):
        x, y, w, h = stats[i, :4]
        if w < dpi * 0.8 or h < dpi * 0.25:
            continue
        region = labels[y:y + h, x:x + w] == i
        hmask = np.where(region, horizontal[y:y + h, x:x + w], 0).astype(np.uint8)
        vmask = np.where(region, vertical[y:y + h, x:x + w], 0).astype(np.uint8)
        ys = _positions([p + y for p, a, b in _segments(hmask, 0) if b - a >= dpi / 3], tol)
        xs = _positions([p + x for p, a, b in _segments(vmask, 1) if b - a >= dpi / 6], tol)
        if len(ys) < 2 or len(xs) < 2 or (len(ys) - 1) * (len(xs) - 1) < 2:
            continue
        grid = PixelGrid(ys, xs)
        _merge_cells(grid, horizontal, vertical, dpi)
        _measure(grid, text_ink, grey, dpi)
        grids.append(grid)
    grids.sort(key=lambda g: g.ys[0])
    return grids


def _covered(mask: np.ndarray, fixed: int, start: int, end: int, axis: int, band: int) -> bool:
    """Whether a line runs along most of [start, end) at ``fixed`` (a row for axis 0, a column for 1)."""
    if end - start <= 2:
        return True
    lo, hi = max(0, fixed - band), fixed + band + 1
    strip = mask[lo:hi, start:end] if axis == 0 else mask[start:end, lo:hi]
    hits = strip.max(axis=0 if axis == 0 else 1) > 0
    return float(hits.mean()) >= 0.5


def _merge_cells(grid: PixelGrid, horizontal: np.ndarray, vertical: np.ndarray, dpi: float) -> None:
    """Union grid slots that no ruling line separates; each union is one cell."""
    rows, cols = len(grid.ys) - 1, len(grid.xs) - 1
    parent = list(range(rows * cols))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    band = max(3, int(dpi / 60))
    inset = max(2, int(dpi / 50))
    for r in range(rows):
        y0, y1 = grid.ys[r] + inset, grid.ys[r + 1] - inset
        for c in range(cols):
            x0, x1 = grid.xs[c] + inset, grid.xs[c + 1] - inset
            if c + 1 < cols and not _covered(vertical, grid.xs[c + 1], y0, y1, 1, band):
                parent[find(r * cols + c + 1)] = find(r * cols + c)
            if r + 1 < rows and not _covered(horizontal, grid.ys[r + 1], x0, x1, 0, band):
                parent[find((r + 1) * cols + c)] = find(r * cols + c)
    index: dict[int, int] = {}
    grid.slots = [[0] * cols for _ in range(rows)]
    spans: dict[int, list[int]] = {}
    for r in range(rows):
        for c in range(cols):
            root = find(r * cols + c)
            if root not in index:
                index[root] = len(grid.cells)
                grid.cells.append(GridCell(r, c, (0, 0, 0, 0)))
                spans[index[root]] = [r, c, r, c]
            n = index[root]
            grid.slots[r][c] = n
            s = spans[n]
            spans[n] = [min(s[0], r), min(s[1], c), max(s[2], r), max(s[3], c)]
    for n, (r0, c0, r1, c1) in spans.items():
        grid.cells[n].box = (grid.xs[c0], grid.ys[r0], grid.xs[c1 + 1], grid.ys[r1 + 1])


def _measure(grid: PixelGrid, ink: np.ndarray, grey: np.ndarray, dpi: float) -> None:
    """Each cell's tone (the median grey of its inside: text is too sparse to move it, shading is not) and
    ink share, its borders left out."""
    inset = max(4, int(dpi / 40))
    for cell in grid.cells:
        x0, y0, x1, y1 = cell.box
        inner = grey[y0 + inset:y1 - inset, x0 + inset:x1 - inset]
        if inner.size == 0:
            continue
        cell.tone = float(np.median(inner))
        cell.ink = float((ink[y0 + inset:y1 - inset, x0 + inset:x1 - inset] > 0).mean())


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
        edges = [frame[:border].max(axis=0), frame[-border:].max(axis=0),
                 frame[:, :border].max(axis=1), frame[:, -border:].max(axis=1)]
        k = max(2, int(min(w, h) * 0.12))  # a box's corners are sharp: ink in the very corner pixels
        corners = [frame[:k, :k], frame[:k, -k:], frame[-k:, :k], frame[-k:, -k:]]
        if min(e.mean() for e in edges) < 0.92 or not all(c.mean() >= 0.3 for c in corners):
            continue  # not a closed square outline (a letter such as อ, o or D, or a bracket)
        inner = frame[border + 2:h - border - 2, border + 2:w - border - 2]
        if inner.size == 0:
            continue
        boxes.append(TickBox((x, y, x + w, y + h), float(inner.mean()) >= TICK_SHARE))
    return _distinct(boxes)


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


__all__ = ["GridCell", "PixelGrid", "TickBox", "find_grids", "find_tick_boxes", "line_masks"]
