"""Geometry of a PDF page: ruled grids, shading and drawn tick boxes from path objects."""

from __future__ import annotations

import ctypes
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.readers.layout import cluster, merge_slots
from pipeline.readers.pdf.textobjects import EDGE, clipped_away

THIN = 3.5  # a path at most this thick (points) is a ruling line, not an area
SNAP = 3.0  # rules closer than this are one grid line (double borders, stroke caps)
# A round choice's points lie no nearer its centre than RING_SLACK of the farthest (a Bézier circle's end points
# stand 0.88 of its control points' distance; a square's edge middles 0.71 of its corners'); a filled ring's inner
# circle lies no nearer than RING_INNER.
RING_SLACK, RING_INNER = 0.8, 0.45
MIN_CELL = 4.0  # rows or columns narrower than this are drawing noise, not cells
SHADED_SHARE = 0.5  # a cell is shaded when filled rectangles cover at least this share of it
WHITE = 0xF4  # every channel at or above this is paper white, not shading
BAR_HEIGHT = 12.0  # a fill at most this tall and twice as wide is a drawn bar, not cell shading
TICK_BOX = (5.0, 36.0)  # a square outline this many points wide, about a line high, is a drawn tick box
# (LibreOffice draws an auto-sized legacy check box as high as the line: 30 pt at 16 pt text)


@dataclass(frozen=True)
class Rule:
    """A horizontal (``pos`` = y, from ``lo`` to ``hi`` in x) or vertical (``pos`` = x, ``lo``..``hi`` in y) line."""

    pos: float
    lo: float
    hi: float


@dataclass(frozen=True)
class Fill:
    """A filled, non-white rectangle (its bounds) and its colour as RRGGBB."""

    x0: float
    y0: float
    x1: float
    y1: float
    rgb: str

    def covers(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


@dataclass(frozen=True)
class Shapes:
    """What a page draws besides text: horizontal and vertical rules and shading rectangles."""

    horizontal: list[Rule]
    vertical: list[Rule]
    fills: list[Fill]
    boxes: list[TickBox] = field(default_factory=list)


@dataclass(frozen=True)
class TickBox:
    """A tick box drawn as a small square outline (a legacy check-box form field leaves no glyph, only this),
    ticked when lines are drawn inside it (LibreOffice draws a cross)."""

    x0: float
    y0: float
    x1: float
    y1: float
    checked: bool


@dataclass
class GridCell:
    """One (possibly merged) cell: its first grid row/column, spans, box and shading."""

    row: int
    col: int
    row_span: int
    col_span: int
    box: tuple[float, float, float, float]  # x0, y0 (bottom), x1, y1 (top)
    shaded: bool = False
    fill: str | None = None


@dataclass
class Grid:
    """A ruled table: column boundaries left→right, row boundaries top→bottom, and the merged cells."""

    xs: list[float]
    ys: list[float]  # descending PDF y: ys[0] is the table's top
    cells: list[GridCell] = field(default_factory=list)
    slots: list[list[int]] = field(default_factory=list)  # grid position → index into cells
    drawn: set[int] = field(default_factory=set)  # cells a drawn line or bar crosses
    open_below: bool = False  # column lines run on below the last row border (a row the page break cut)
    open_above: bool = False  # column lines start above the first row border (the rest of a cut row)

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    def locate(self, x: float, y: float) -> int | None:
        """Index (into ``cells``) of the cell containing a point, or None when it is outside the table."""
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[-1] <= y <= self.ys[0]):
            return None
        col = min(bisect_right(self.xs, x) - 1, len(self.xs) - 2)
        neg = [-v for v in self.ys]
        row = min(bisect_right(neg, -y) - 1, len(self.ys) - 2)
        return self.slots[row][col]


# --------------------------------------------------------------------------- reading the page's paths
def page_shapes(page: pdfium.PdfPage) -> Shapes:
    """Rules, shading rectangles and drawn tick boxes of one page, from its top-level path objects."""
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    fills: list[Fill] = []
    squares: list[tuple[float, float, float, float]] = []
    small: list[tuple[float, float, float, float]] = []  # other drawings a tick box may hold (its cross)
    rings: list[tuple[float, float, float, float]] = []  # round choices (a web form's radio buttons)
    fill_mode, stroked = ctypes.c_int(), ctypes.c_int()
    channels = [ctypes.c_uint() for _ in range(4)]
    page_height = page.get_height()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=0):
        if not pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill_mode, stroked):
            continue
        x0, y0, x1, y1 = obj.get_bounds()
        width, height = x1 - x0, y1 - y0
        if max(width, height) < 2:
            continue
        if (y0 < EDGE or y1 > page_height - EDGE) and clipped_away(obj.raw, (x0, y0, x1, y1)):
            continue  # drawn where the page clips it: nothing a reader sees
        if max(width, height) <= TICK_BOX[1]:
            if (stroked.value and min(width, height) >= TICK_BOX[0] and 0.75 <= width / height <= 1.33
                    and _is_rectangle(obj.raw, (x0, y0, x1, y1))):
                squares.append((x0, y0, x1, y1))
                continue
            if min(width, height) >= TICK_BOX[0] and 0.75 <= width / height <= 1.33 and _is_ring(
                    obj.raw, (x0, y0, x1, y1), filled=bool(fill_mode.value and not stroked.value)):
                rings.append((x0, y0, x1, y1))
                continue
            small.append((x0, y0, x1, y1))
        if min(width, height) <= THIN:
            if fill_mode.value or stroked.value:
                if width >= height:
                    horizontal.append(Rule((y0 + y1) / 2, x0, x1))
                else:
                    vertical.append(Rule((x0 + x1) / 2, y0, y1))
            continue
        if fill_mode.value and pdfium_c.FPDFPageObj_GetFillColor(obj.raw, *channels):
            r, g, b, a = (c.value for c in channels)
            if a and min(r, g, b) < WHITE:
                fills.append(Fill(x0, y0, x1, y1, f"{r:02X}{g:02X}{b:02X}"))
        if stroked.value and _is_rectangle(obj.raw, (x0, y0, x1, y1)):
            horizontal += [Rule(y0, x0, x1), Rule(y1, x0, x1)]
            vertical += [Rule(x0, y0, y1), Rule(x1, y0, y1)]
    ruled = _ruled_squares(horizontal, vertical)
    if ruled:
        sides = {id(rule) for _, four in ruled for rule in four}
        horizontal = [h for h in horizontal if id(h) not in sides]
        vertical = [v for v in vertical if id(v) not in sides]
        squares += [square for square, _ in ruled]
        small = [mark for mark in small if not any(_along_side(mark, square) for square, _ in ruled)]
    cells = [sq for sq in squares if _in_a_table(sq, squares, horizontal, vertical)]
    for x0, y0, x1, y1 in cells:  # a small square cell of a table whose cells are drawn one by one
        horizontal += [Rule(y0, x0, x1), Rule(y1, x0, x1)]
        vertical += [Rule(x0, y0, y1), Rule(x1, y0, y1)]
    boxes = [TickBox(*square, checked=any(_inside(mark, square) for mark in small))
             for square in squares + rings if square not in cells]
    return Shapes(horizontal, vertical, fills, boxes)


def _ruled_squares(horizontal: list[Rule], vertical: list[Rule]
                   ) -> list[tuple[tuple[float, float, float, float], tuple[Rule, ...]]]:
    """Tick boxes drawn as four separate rules (a converter's or web form's border divs, one per side): two
    horizontal and two vertical rules that close a square of a tick box's size and touch no other rule (a small
    table cell's sides touch its neighbours'). Each with its four rules."""
    by_x = sorted(vertical, key=lambda v: v.pos)
    xs = [v.pos for v in by_x]
    by_y = sorted(horizontal, key=lambda h: h.pos)
    ys = [h.pos for h in by_y]

    def near(rules: list[Rule], keys: list[float], lo: float, hi: float) -> list[Rule]:
        return rules[bisect_left(keys, lo - SNAP):bisect_right(keys, hi + SNAP)]

    found = []
    for top in horizontal:
        width = top.hi - top.lo
        if not TICK_BOX[0] <= width <= TICK_BOX[1]:
            continue
        sides = [v for v in near(by_x, xs, top.lo, top.lo) + near(by_x, xs, top.hi, top.hi)
                 if abs(v.hi - top.pos) <= SNAP and TICK_BOX[0] <= v.hi - v.lo <= TICK_BOX[1]]
        left = [v for v in sides if abs(v.pos - top.lo) <= SNAP]
        right = [v for v in sides if abs(v.pos - top.hi) <= SNAP]
        if len(left) != 1 or len(right) != 1:
            continue
        low = min(left[0].lo, right[0].lo)
        bottom = [h for h in near(by_y, ys, low, low)
                  if h is not top and abs(h.lo - top.lo) <= SNAP and abs(h.hi - top.hi) <= SNAP]
        if len(bottom) != 1 or not 0.75 <= width / (top.pos - bottom[0].pos) <= 1.33:
            continue
        four = (top, bottom[0], left[0], right[0])
        touching = [v for v in near(by_x, xs, top.lo, top.hi) if _touch(top, v) or _touch(bottom[0], v)]
        touching += [h for h in near(by_y, ys, low, top.pos) if _touch(h, left[0]) or _touch(h, right[0])]
        if all(any(rule is own for own in four) for rule in touching):
            found.append(((top.lo, bottom[0].pos, top.hi, top.pos), four))
    return found


def _along_side(mark: tuple[float, float, float, float], square: tuple[float, float, float, float]) -> bool:
    """A thin drawing lying along one side of the square: the square's own border, no tick inside it."""
    x0, y0, x1, y1 = mark
    if y1 - y0 <= THIN:
        return min(abs(y0 - square[1]), abs(y1 - square[3])) <= SNAP and x1 - x0 >= (square[2] - square[0]) / 2
    if x1 - x0 <= THIN:
        return min(abs(x0 - square[0]), abs(x1 - square[2])) <= SNAP and y1 - y0 >= (square[3] - square[1]) / 2
    return False


def _in_a_table(square: tuple[float, float, float, float], squares: list, horizontal: list[Rule],
                vertical: list[Rule]) -> bool:
    """A square outline whose side lies along another drawn border (the next cell's, a table rule) is a table
    cell (Chromium strokes each cell of a ``border-collapse: separate`` table), not a tick box standing in text."""
    x0, y0, x1, y1 = square
    for other in squares:
        if other is not square and (
                (min(abs(other[0] - x1), abs(other[2] - x0)) <= SNAP and other[1] < y1 and other[3] > y0)
                or (min(abs(other[1] - y1), abs(other[3] - y0)) <= SNAP and other[0] < x1 and other[2] > x0)):
            return True
    # A cell's side is as long as its neighbour's, or ends with it where the neighbour spans more rows or
    # columns; a border running on past both ends of the square is the cell the box stands in, a padding away
    # (a web form's tick box 3 pt inside its cell's left border: ``☐ 1. กรณีใช้งบประมาณ``).
    return any(min(abs(v.pos - x0), abs(v.pos - x1)) <= SNAP and v.lo <= y0 + SNAP and v.hi >= y1 - SNAP
               and not (v.lo < y0 - SNAP and v.hi > y1 + SNAP) for v in vertical) or any(
        min(abs(h.pos - y0), abs(h.pos - y1)) <= SNAP and h.lo <= x0 + SNAP and h.hi >= x1 - SNAP
        and not (h.lo < x0 - SNAP and h.hi > x1 + SNAP) for h in horizontal)


def _inside(inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> bool:
    return (inner[0] >= outer[0] - SNAP and inner[1] >= outer[1] - SNAP and inner[2] <= outer[2] + SNAP
            and inner[3] <= outer[3] + SNAP)


def _is_rectangle(path, bounds: tuple[float, float, float, float]) -> bool:
    """A stroked path that is an axis-aligned box (its points all on the corners of its bounds)."""
    count = pdfium_c.FPDFPath_CountSegments(path)
    if not 4 <= count <= 6:
        return False
    x, y = ctypes.c_float(), ctypes.c_float()
    x0, y0, x1, y1 = bounds
    tol = THIN
    m = pdfium_c.FS_MATRIX()  # points are in the path's own space: Chromium draws under a scaled, flipped matrix
    if not pdfium_c.FPDFPageObj_GetMatrix(path, m):
        m.a, m.b, m.c, m.d, m.e, m.f = 1.0, 0.0, 0.0, 1.0, 0.0, 0.0
    for i in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, i)
        if pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            return False
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        px, py = m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f
        if min(abs(px - x0), abs(px - x1)) > tol or min(abs(py - y0), abs(py - y1)) > tol:
            return False
    return True


def _is_ring(path, bounds: tuple[float, float, float, float], *, filled: bool) -> bool:
    """A round choice: a path of many segments (a browser flattens a circle into a polygon; Béziers' control points
    stand a little outside it) whose points all lie about one distance from its centre, drawn as a stroke; or,
    filled, a ring between two such circles (a CSS border with a 50 % radius). A filled disc (a bullet, a chosen
    radio's dot) has no inner circle and is a mark, not a box; a square's corners stand too far out."""
    count = pdfium_c.FPDFPath_CountSegments(path)
    if count < 8:
        return False
    x, y = ctypes.c_float(), ctypes.c_float()
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(path, m):
        m.a, m.b, m.c, m.d, m.e, m.f = 1.0, 0.0, 0.0, 1.0, 0.0, 0.0
    cx, cy = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
    distances = []
    for i in range(count):
        pdfium_c.FPDFPathSegment_GetPoint(pdfium_c.FPDFPath_GetPathSegment(path, i), x, y)
        px, py = m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f
        distances.append(((px - cx) ** 2 + (py - cy) ** 2) ** 0.5)
    outer = max(distances)
    inner = [d for d in distances if d < RING_SLACK * outer]
    if not filled:
        return not inner
    return len(inner) >= 4 and all(d >= RING_INNER * outer for d in inner)


# --------------------------------------------------------------------------- rules → grids
def find_grids(shapes: Shapes) -> list[Grid]:
    """The ruled tables on a page, top to bottom: groups of crossing rules with at least one closed cell.

    A horizontal line that does not run from one column line to another is no border but a drawing
    (a Gantt arrow); it and bar-shaped fills mark the cells they cross (``Grid.drawn``), like the DOCX
    reader's arrow glyph.
    """
    grids = [_grid(h, v) for h, v in _connected(shapes.horizontal, shapes.vertical)]
    grids = [g for g in grids if g is not None]
    bars = [Rule((f.y0 + f.y1) / 2, f.x0, f.x1) for f in shapes.fills
            if f.y1 - f.y0 <= BAR_HEIGHT and f.x1 - f.x0 >= 2 * (f.y1 - f.y0)]
    for grid in grids:
        _shade(grid, shapes.fills)
        _mark_drawings(grid, [h for h in shapes.horizontal if not _is_border(h, grid.xs)] + bars)
    return sorted(grids, key=lambda g: -g.top)


def _is_border(rule: Rule, xs: list[float]) -> bool:
    """A horizontal rule that starts and ends at column lines (a cell border), not a line drawn in cells."""
    return min(abs(rule.lo - x) for x in xs) <= 2 * SNAP and min(abs(rule.hi - x) for x in xs) <= 2 * SNAP


def _mark_drawings(grid: Grid, drawings: list[Rule]) -> None:
    """Note the cells a drawn line or bar crosses: the row it sits in (on a row's top border: that row, the one
    whose text it is anchored to, as Word and LibreOffice put a shape at its paragraph's top), columns it covers
    a third of."""
    for line in drawings:
        if not grid.bottom + SNAP < line.pos < grid.top - SNAP:
            continue
        on_border = [r for r, y in enumerate(grid.ys[:-1]) if abs(line.pos - y) <= SNAP]
        row = on_border[0] if on_border else next(r for r in range(len(grid.ys) - 1) if grid.ys[r + 1] <= line.pos)
        for col in range(len(grid.xs) - 1):
            lo, hi = grid.xs[col], grid.xs[col + 1]
            if min(hi, line.hi) - max(lo, line.lo) >= (hi - lo) / 3:
                grid.drawn.add(grid.slots[row][col])


def _touch(h: Rule, v: Rule) -> bool:
    return h.lo - SNAP <= v.pos <= h.hi + SNAP and v.lo - SNAP <= h.pos <= v.hi + SNAP


def _connected(horizontal: list[Rule], vertical: list[Rule]) -> list[tuple[list[Rule], list[Rule]]]:
    """Split the rules into groups that touch each other (one group per table); lone rules are dropped."""
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if _touch(h, v):
                parent[find(i)] = find(len(horizontal) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(find(len(horizontal) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _snap(values: list[float]) -> list[float]:
    """Positions closer than SNAP merged into their mean, ascending; none closer than MIN_CELL to the last kept."""
    merged = cluster(values, SNAP)
    kept = merged[:1]
    for value in merged[1:]:
        if value - kept[-1] >= MIN_CELL:
            kept.append(value)
    return kept


def _grid(horizontal: list[Rule], vertical: list[Rule]) -> Grid | None:
    xs = _snap([v.pos for v in vertical])
    if len(xs) < 2:
        return None
    horizontal = [h for h in horizontal if _is_border(h, xs)]
    closing = _open_ends(horizontal, vertical, xs)
    horizontal += closing
    ys = _snap([h.pos for h in horizontal])[::-1]
    if len(xs) < 2 or len(ys) < 2:
        return None
    rows, cols = len(ys) - 1, len(xs) - 1

    def has_vertical(x: float, y_mid: float) -> bool:
        return any(abs(v.pos - x) <= SNAP and v.lo - SNAP <= y_mid <= v.hi + SNAP for v in vertical)

    def has_horizontal(y: float, x_mid: float) -> bool:
        return any(abs(h.pos - y) <= SNAP and h.lo - SNAP <= x_mid <= h.hi + SNAP for h in horizontal)

    def joined_right(r: int, c: int) -> bool:
        return not has_vertical(xs[c + 1], (ys[r] + ys[r + 1]) / 2)

    def joined_below(r: int, c: int) -> bool:
        return not has_horizontal(ys[r + 1], (xs[c] + xs[c + 1]) / 2)

    slots, spans = merge_slots(rows, cols, joined_right, joined_below)
    grid = Grid(xs, ys, slots=slots, open_below=any(rule.pos == ys[-1] for rule in closing),
                open_above=any(rule.pos == ys[0] for rule in closing))
    for r0, c0, r1, c1 in spans:
        grid.cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r1 + 1], xs[c1 + 1], ys[r0])))
    return grid


def _open_ends(horizontal: list[Rule], vertical: list[Rule], xs: list[float]) -> list[Rule]:
    """Closing rules where column lines run on past the last (or first) row border: a row that a page break
    cut, which Chromium draws without the border on the cut side."""
    if not horizontal:
        return []
    low, high = min(h.pos for h in horizontal), max(h.pos for h in horizontal)
    bottom, top = min(v.lo for v in vertical), max(v.hi for v in vertical)
    added = []
    if low - bottom >= MIN_CELL:
        added.append(Rule(bottom, xs[0], xs[-1]))
    if top - high >= MIN_CELL:
        added.append(Rule(top, xs[0], xs[-1]))
    return added


def _shade(grid: Grid, fills: list[Fill], samples: int = 5) -> None:
    """Mark the cells mostly covered by filled rectangles as shaded, with the colour covering most of them."""
    for cell in grid.cells:
        x0, y0, x1, y1 = cell.box
        near = [f for f in fills if f.x0 < x1 and f.x1 > x0 and f.y0 < y1 and f.y1 > y0]
        if not near:
            continue
        colours: Counter[str] = Counter()
        for i in range(samples):
            x = x0 + (x1 - x0) * (i + 0.5) / samples
            for j in range(samples):
                y = y0 + (y1 - y0) * (j + 0.5) / samples
                hit = next((f for f in reversed(near) if f.covers(x, y)), None)
                if hit is not None:
                    colours[hit.rgb] += 1
        if sum(colours.values()) >= SHADED_SHARE * samples * samples:
            cell.shaded = True
            cell.fill = colours.most_common(1)[0][0]

