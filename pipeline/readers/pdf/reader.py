"""The PDF reader: a returned text PDF (LibreOffice or Word export) → a Document of text lines and ruled tables."""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.document import Cell, Document, Paragraph, Table, number_blocks
from pipeline.errors import UnreadableFileError
from pipeline.readers.files import require_file
from pipeline.readers.ocr.route import is_garbage
from pipeline.readers.pdf.geometry import (
    COLUMN_GAP,
    Grid,
    TextRow,
    TickBox,
    find_columns,
    find_grids,
    page_shapes,
    tab_aligned,
)
from pipeline.readers.pdf.strike import unstruck
from pipeline.readers.pdf.wrap import TableEdges, ink_end, ink_start, join_wrapped, mark_cut_row, wraps
from pipeline.readers.symbols import SOFT_WRAP, symbol_glyph
from pipeline.thai import PUA_THAI, normalize

SCAN_WARNING = "no text layer (scanned?)"
ARROW = "⟶"  # put in a table cell that a drawn line or bar crosses (a Gantt arrow), as the DOCX reader does

_ABOVE_BELOW_VOWELS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e4d")
_MARKS = _ABOVE_BELOW_VOWELS | frozenset("\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4e")
_SPACES = frozenset(" \u00a0\u2002\u2003\u2009")
_NO_SPACE_BEFORE = frozenset("\u0e30\u0e32\u0e33\u0e45")  # ะ า ำ ๅ follow a consonant, never start a word
_NO_SPACE_AFTER = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # เ แ โ ใ ไ always precede one
# Tabular digits are drawn narrower than their advance ("1" in Umpush, LibreOffice's Cordia New), and letter
# spacing stretches a justified line: a gap inside a number or before its dot is no space ("1." "10" "38,500").
_DIGIT_PUNCTUATION = frozenset(".,:;)%")
_HYPHEN_CODES = (0x02, 0xFFFE)  # pdfium's marker for a hyphen it thinks ends a line
SPACE_GAP = 0.25  # a gap wider than this share of the font size between two glyphs is a space
_BEARINGS = 0.15  # the gap set text leaves between two letters' ink, as a share of the font size
LINE_TOLERANCE = 0.3  # baselines closer than this share of the font size are one visual line
_DIGITS = re.compile("[0-9\u0e50-\u0e59]+")
CELL_PADDING = 6.0  # points: a cell's text stands at most this far in from its borders (Word: 5.4, LibreOffice: 2.8)


@dataclass(slots=True)
class Glyph:
    """One character of the text layer: its text, tight box, baseline and font size."""

    index: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    baseline: float
    size: float
    generated: bool
    is_mark: bool = field(init=False)
    is_space: bool = field(init=False)
    is_base: bool = field(init=False)

    def __post_init__(self) -> None:
        self.is_mark = self.text in _MARKS
        self.is_space = self.text in _SPACES
        self.is_base = not (self.is_mark or self.is_space)


@dataclass
class Line:
    """A visual line: its glyphs in reading order and its text."""

    glyphs: list[Glyph]
    text: str
    baseline: float
    size: float

    @property
    def top(self) -> float:
        return max(g.baseline + 0.7 * g.size for g in self.glyphs)


# --------------------------------------------------------------------------- public
def read_pdf(path: str | Path) -> Document:
    """Read a text PDF into a Document; an image-only PDF gives no blocks, format "scan" and a warning.

    Raises UnreadableFileError for a missing, empty, corrupt or password-protected file.
    """
    path = Path(path)
    pdf = _open(path)
    try:
        return _read(pdf, path)
    finally:
        pdf.close()


# --------------------------------------------------------------------------- opening
def _open(path: Path) -> pdfium.PdfDocument:
    where = str(path)
    require_file(path)
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as err:
        if err.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise UnreadableFileError(
                "the PDF is protected by a password; send it without one",
                "ไฟล์ PDF ถูกตั้งรหัสผ่านไว้ กรุณาส่งไฟล์ที่ไม่มีรหัสผ่าน", where=where) from err
        if err.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise UnreadableFileError(
                "the PDF uses an unsupported security handler (encryption)",
                "ไฟล์ PDF ใช้การเข้ารหัสแบบที่อ่านไม่ได้", where=where) from err
        raise UnreadableFileError(
            f"not a readable PDF (corrupt or another file type): {err}",
            "ไฟล์ PDF เสียหายหรือไม่ใช่ไฟล์ PDF", where=where) from err
    if len(pdf) == 0:
        pdf.close()
        raise UnreadableFileError("the PDF has no pages", "ไฟล์ PDF ไม่มีหน้าเอกสาร", where=where)
    return pdf


def _read(pdf: pdfium.PdfDocument, path: Path) -> Document:
    doc = Document(blocks=[], source=str(path), format="pdf", pages=len(pdf))
    empty_pages: list[int] = []
    pages: list[list[_Placed]] = []
    for number in range(1, len(pdf) + 1):
        try:
            placed = _read_page(pdf, number, doc.warnings)
        except pdfium.PdfiumError as err:
            raise UnreadableFileError(f"page {number} cannot be read: {err}",
                                      f"อ่านหน้า {number} ของไฟล์ PDF ไม่ได้ (ไฟล์เสียหาย)", where=str(path)) from err
        if placed is None:
            empty_pages.append(number)
        pages.append(placed or [])
    if empty_pages:  # no text layer or a garbage one: read the page's pixels
        from pipeline.readers.ocr.pages import ocr_pdf_pages

        for number, blocks in ocr_pdf_pages(path, empty_pages, doc.warnings).items():
            pages[number - 1] = [_Placed(0.0, block) for block in blocks]
    _drop_running_lines(pages)
    _join_cut_rows(pages)
    for number, placed in enumerate(pages, start=1):
        blocks = [item.block for item in placed]
        number_blocks(number, blocks)
        doc.blocks += blocks
    if len(empty_pages) == len(pdf):
        doc.format = "scan"
        doc.warnings.append(SCAN_WARNING)
    else:
        doc.warnings += [f"page {n}: {SCAN_WARNING}" for n in empty_pages]
    return doc


def _read_page(pdf: pdfium.PdfDocument, number: int, warnings: list[str]) -> list[_Placed] | None:
    """The blocks of one page, or None when it has no text layer."""
    page = pdf[number - 1]
    try:
        glyphs = _glyphs_of(page)
        if needs_ocr(glyphs):
            return None  # read by OCR (``ocr.ocr_pdf_pages``)
        rotation = page.get_rotation()
        if rotation:
            warnings.append(f"page {number} is rotated by {rotation}°: reading order may be off")
        shapes = page_shapes(page)
        grids = find_grids(shapes)
        glyphs = unstruck(glyphs, shapes.horizontal, grids)
        return _page_blocks(number, glyphs + _box_glyphs(shapes.boxes), grids, page.get_width())
    finally:
        page.close()


def _glyphs_of(page: pdfium.PdfPage) -> list[Glyph]:
    textpage = page.get_textpage()
    try:
        return page_glyphs(textpage)
    finally:
        textpage.close()


def needs_ocr(glyphs: list[Glyph]) -> bool:
    """A page with no text layer, or a garbage one, is read from its pixels.

    pdfium's own guessed spaces (``generated``) are left out: a justified cell's stretched letters get them
    between every letter, which is no broken text layer."""
    return not any(g.is_base for g in glyphs) or is_garbage(
        "".join(g.text for g in glyphs if not (g.generated and g.is_space)))


def pages_needing_ocr(pdf: pdfium.PdfDocument) -> int:
    """How many pages of an open PDF ``read_pdf`` will send to OCR."""
    count = 0
    for page in pdf:
        try:
            count += needs_ocr(_glyphs_of(page))
        finally:
            page.close()
    return count


# --------------------------------------------------------------------------- glyphs
def page_glyphs(textpage: pdfium.PdfTextPage) -> list[Glyph]:
    """Every character pdfium finds on a page with its box and baseline; line breaks it invents are dropped."""
    raw = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    glyphs: list[Glyph] = []
    size = 12.0
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        generated = pdfium_c.FPDFText_IsGenerated(raw, i) == 1
        if code in _HYPHEN_CODES:
            text = "-"
        elif 0xF000 <= code <= 0xF0FF:
            text = _symbol(raw, i, code)
        elif code < 0x20 or 0xD800 <= code <= 0xDFFF:
            continue
        else:
            text = PUA_THAI.get(code) or chr(code)  # Word's shifted Thai marks are marks for the layout too
        pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top)
        pdfium_c.FPDFText_GetCharOrigin(raw, i, ox, oy)
        if not generated:
            size = pdfium_c.FPDFText_GetFontSize(raw, i) or size
        glyphs.append(Glyph(i, text, left.value, bottom.value, right.value, top.value, oy.value, size, generated))
    return glyphs


def _box_glyphs(boxes: list[TickBox]) -> list[Glyph]:
    """Drawn tick boxes as ☑/☐ glyphs standing where they are drawn, a letter high, on the text's baseline."""
    glyphs = []
    for box in boxes:
        height = box.y1 - box.y0
        glyphs.append(Glyph(-1, "☑" if box.checked else "☐", box.x0, box.y0, box.x1, box.y1,
                            box.y0 + 0.2 * height, height / 1.1, False))
    return glyphs


def _symbol(raw, index: int, code: int) -> str:
    """A symbol-font character: tick boxes become ☑/☐ (Wingdings or Wingdings 2 by the glyph's font)."""
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(raw, index, buffer, len(buffer), flags)
    return symbol_glyph(code, buffer.value.decode("latin-1"), chr(code))


# --------------------------------------------------------------------------- page layout
def _anchor(glyph: Glyph) -> tuple[float, float]:
    """The point that decides which table cell a glyph belongs to: mid-width, in the x-height band."""
    return (glyph.x0 + glyph.x1) / 2, glyph.baseline + 0.3 * glyph.size


@dataclass
class _Placed:
    """A block with its top edge, and for a text line the key that spots a running header or footer."""

    top: float
    block: Paragraph | Table
    key: tuple[str, int, int] | None = None
    edges: TableEdges | None = None


def _page_blocks(number: int, glyphs: list[Glyph], grids: list[Grid], width: float = 0.0) -> list[_Placed]:
    """A page's lines, ruled tables and borderless tables, top to bottom (``width``: the page's)."""
    free: list[Glyph] = []
    in_cells: list[dict[int, list[Glyph]]] = [{} for _ in grids]
    last: tuple[int, int] | None = None  # where the previous glyph went: (grid, cell) or None
    base: Glyph | None = None  # the previous base glyph
    for glyph in glyphs:
        if glyph.generated or (glyph.is_mark and base is not None and glyph.x0 < base.x1 + 0.3 * glyph.size
                               and glyph.index > base.index):
            spot = last  # a mark goes with its base: justified text can push it over the cell's border
        else:
            spot = _locate(grids, *_anchor(glyph))
        if glyph.is_base and not glyph.generated:
            base = glyph
        last = spot
        if spot is None:
            free.append(glyph)
        else:
            in_cells[spot[0]].setdefault(spot[1], []).append(glyph)
    placed: list[_Placed] = []
    free_lines = lines(free)
    rows = [TextRow(line.baseline, line.size, _segments(line)) for line in free_lines]
    in_columns: set[int] = set()
    for block in find_columns(rows):
        block_lines = free_lines[block.first:block.last + 1]
        if tab_aligned(rows[block.first:block.last + 1], block.bounds):
            continue  # "label<TAB>value" lines: they stay lines, as the DOCX reader gives them
        placed.append(_Placed(block_lines[0].top, _borderless_table(block_lines, block.bounds, number)))
        in_columns.update(range(block.first, block.last + 1))
    # The text column's right edge: where the longest line ends, at least as far from the page's right edge
    # as the text starts from its left (a page of short lines reaches no edge).
    right = max([ink_end(line) for line in free_lines] + [width - min(ink_start(line) for line in free_lines)]
                if free_lines else [0.0])
    for n, line in enumerate(free_lines):
        if n not in in_columns:
            key = (line.text, round(line.baseline / 2), round(line.glyphs[0].x0 / 4))
            soft = n + 1 < len(free_lines) and n + 1 not in in_columns and wraps(line, free_lines[n + 1], right)
            placed.append(_Placed(line.top, Paragraph(line.text + (SOFT_WRAP if soft else ""), page=number), key))
    for grid, cell_glyphs in zip(grids, in_cells, strict=True):
        table, edges = _table(grid, cell_glyphs, number)
        placed.append(_Placed(grid.top, table, edges=edges))
    placed.sort(key=lambda item: -item.top)
    return placed


def _drop_running_lines(pages: list[list[_Placed]]) -> None:
    """Page furniture: the top line of several pages repeated word for word at the same place is a running
    header, kept where it first appears (the DOCX reader gives headers once); the bottom line of several pages
    repeated at the same place but for its digits is a footer (page numbers) and is dropped."""
    tops: dict[tuple[str, int, int], list[int]] = {}
    bottoms: dict[tuple[str, int, int], list[int]] = {}
    for p, placed in enumerate(pages):
        if placed and placed[0].key:
            tops.setdefault(placed[0].key, []).append(p)
        if len(placed) > 1 and placed[-1].key:
            text, y, x = placed[-1].key
            bottoms.setdefault((_DIGITS.sub("#", text), y, x), []).append(p)
    for found in tops.values():
        for p in found[1:] if len(found) >= 2 else ():
            del pages[p][0]
    for found in bottoms.values():
        for p in found if len(found) >= 2 else ():
            del pages[p][-1]


def _locate(grids: list[Grid], x: float, y: float) -> tuple[int, int] | None:
    for n, grid in enumerate(grids):
        cell = grid.locate(x, y)
        if cell is not None:
            return n, cell
    return None


def _segments(line: Line) -> list[tuple[float, float]]:
    """The line's runs of ink, split where base glyphs stand COLUMN_GAP ems or more apart."""
    segments: list[list[float]] = []
    for glyph in line.glyphs:
        if not glyph.is_base or glyph.generated:
            continue
        if not segments or glyph.x0 - segments[-1][1] >= COLUMN_GAP * glyph.size:
            segments.append([glyph.x0, glyph.x1])
        segments[-1][1] = max(segments[-1][1], glyph.x1)
    return [(a, b) for a, b in segments]


def _borderless_table(block_lines: list[Line], bounds: list[float], page: int) -> Table:
    """One row of cells from lines split into columns by wide gutters (a table drawn without borders)."""
    columns: list[list[Glyph]] = [[] for _ in range(len(bounds) + 1)]
    for line in block_lines:
        for glyph in line.glyphs:
            columns[bisect_right(bounds, (glyph.x0 + glyph.x1) / 2)].append(glyph)
    cells = [Cell("\n".join(line.text for line in lines(glyphs)), where=f"row 1, column {n + 1}")
             for n, glyphs in enumerate(columns)]
    return Table([cells], page=page)


def _table(grid: Grid, cell_glyphs: dict[int, list[Glyph]], page: int) -> tuple[Table, TableEdges]:
    cells: list[Cell] = []
    found: list[tuple[list[Line], float]] = []
    for n, spec in enumerate(grid.cells):
        cell_lines = lines(cell_glyphs.get(n, []))
        right = _cell_right(cell_lines, spec.box)
        text = join_wrapped(cell_lines, right)
        if n in grid.drawn:
            text = f"{text} {ARROW}".strip()
        cells.append(Cell(text, shaded=spec.shaded, fill=spec.fill,
                          where=f"row {spec.row + 1}, column {spec.col + 1}"))
        found.append((cell_lines, right))

    def edge(slot_row: list[int], at: int) -> list[tuple[Cell, Line | None, float]]:
        indexes = list(dict.fromkeys(slot_row))
        return [(cells[i], found[i][0][at] if found[i][0] else None, found[i][1]) for i in indexes]

    rows = [[cells[index] for index in slot_row] for slot_row in grid.slots]
    return Table(rows, page=page), TableEdges(edge(grid.slots[0], 0), edge(grid.slots[-1], -1))


def _cell_right(cell_lines: list[Line], box: tuple[float, float, float, float]) -> float:
    """A cell's right edge for its text: the box less the padding seen on the left."""
    if not cell_lines:
        return box[2]
    return box[2] - min(max(min(ink_start(line) for line in cell_lines) - box[0], 1.0), CELL_PADDING)


def _join_cut_rows(pages: list[list[_Placed]]) -> None:
    """A table at the foot of a page and one at the head of the next: a row the break cut inside Thai text."""
    for above, below in zip(pages, pages[1:], strict=False):
        upper = next((item.edges for item in reversed(above) if item.edges), None)
        lower = next((item.edges for item in below if item.edges), None)
        if upper is not None and lower is not None:
            mark_cut_row(upper, lower)


# --------------------------------------------------------------------------- lines
def lines(glyphs: list[Glyph]) -> list[Line]:
    """Group glyphs into visual lines by baseline, top to bottom; blank lines are left out."""
    groups: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (-g.baseline, g.index)):
        if groups and groups[-1][0].baseline - glyph.baseline <= LINE_TOLERANCE * max(glyph.size, 6.0):
            groups[-1].append(glyph)
        else:
            groups.append([glyph])
    result = []
    for group in groups:
        ordered = _reattach_marks(_reading_order(sorted(group, key=lambda g: g.index)))
        text = normalize(_text(ordered)).strip()
        if text:
            result.append(Line(ordered, text, group[0].baseline, max(g.size for g in group)))
    return result


def _reading_order(glyphs: list[Glyph]) -> list[Glyph]:
    """The text layer's order while it advances rightwards. Where it steps back (a symbol from a fallback font,
    a space, a text box listed after the text it stands among), its pieces go left to right: runs of glyphs the
    layer lists together with no space or gap inside, each with the marks listed after its glyphs, so a word
    drawn over dotted leaders stays whole."""
    pieces: list[list[Glyph]] = []
    stepped_back = False
    last: Glyph | None = None  # the last base glyph or drawn space
    for glyph in glyphs:
        if glyph.generated or not (glyph.is_base or glyph.is_space):
            if not pieces:
                pieces.append([])
            pieces[-1].append(glyph)
            continue
        back = last is not None and glyph.x0 < last.x0 - 1.0
        stepped_back = stepped_back or back
        if (last is None or back or glyph.is_space or last.is_space
                or glyph.x0 - last.x1 > SPACE_GAP * glyph.size or not pieces):
            pieces.append([])
        pieces[-1].append(glyph)
        last = glyph
    if stepped_back:
        pieces.sort(key=lambda piece: next((g.x0 for g in piece if not g.generated), piece[0].x0))
    return [g for piece in pieces for g in piece]


def _reattach_marks(glyphs: list[Glyph]) -> list[Glyph]:
    """Move each Thai mark that the text layer lists away from its base back after the base it is drawn over."""
    kept: list[Glyph] = []
    moved: list[tuple[Glyph, Glyph]] = []
    bases = [g for g in glyphs if g.is_base and not g.generated]
    for glyph in glyphs:
        if glyph.is_mark and not glyph.generated:
            base = next((g for g in reversed(kept) if g.is_base and not g.generated), None)
            centre = (glyph.x0 + glyph.x1) / 2
            if base is None or centre < base.x0 - 1.0 or centre > base.x1 + 0.5 * glyph.size:
                target = _base_under(bases, glyph, centre)
                if target is not None and target is not base:
                    moved.append((glyph, target))
                    continue
        kept.append(glyph)
    for mark, target in moved:
        at = kept.index(target) + 1
        rank = _mark_rank(mark)
        while at < len(kept) and kept[at].is_mark and _mark_rank(kept[at]) <= rank:
            at += 1
        kept.insert(at, mark)
    return kept


def _mark_rank(glyph: Glyph) -> int:
    return 0 if glyph.text in _ABOVE_BELOW_VOWELS else 1


def _base_under(bases: list[Glyph], mark: Glyph, centre: float) -> Glyph | None:
    """The base glyph a mark is drawn over: the one whose box holds the mark's centre, most overlapping."""
    candidates = [b for b in bases if b.x0 - 1.0 <= centre <= b.x1 + 2.0]
    if not candidates:
        return None
    return max(candidates, key=lambda b: min(b.x1, mark.x1) - max(b.x0, mark.x0))


def _letter_spacing(glyphs: list[Glyph]) -> float:
    """The gap a line puts between its letters beyond their own width: 0 for set text, several points where
    justification spread the letters of a Thai line apart (it has no spaces to widen)."""
    bases = [g for g in glyphs if g.is_base and not g.generated]
    gaps = sorted(b.x0 - a.x1 - _BEARINGS * b.size for a, b in zip(bases, bases[1:], strict=False) if b.x0 > a.x0)
    return max(0.0, gaps[len(gaps) // 2]) if len(gaps) >= 4 else 0.0


def _inside_number(out: list[str], following: str) -> bool:
    """Would a space between the text so far and ``following`` split a number ("1|0", "1|.", "38,|500")?"""
    last = out[-1]
    if last.isdigit():
        return following.isdigit() or following in _DIGIT_PUNCTUATION
    return last in ".," and following.isdigit() and len(out) > 1 and out[-2].isdigit()


def _text(glyphs: list[Glyph]) -> str:
    """The line's text: real spaces kept, a space wherever two glyphs stand apart by more than SPACE_GAP."""
    out: list[str] = []
    right: float | None = None  # right edge of the last base cluster
    stretch = _letter_spacing(glyphs)
    for glyph in glyphs:
        if glyph.is_space:
            if not glyph.generated:
                out.append(glyph.text)
            continue
        if glyph.is_base:
            if (right is not None and out and out[-1] not in _SPACES and glyph.x0 - right > SPACE_GAP * glyph.size + stretch
                    and glyph.text not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER
                    and not _inside_number(out, glyph.text)):
                out.append(" ")
            right = glyph.x1
        elif right is not None:
            right = max(right, glyph.x1)
        out.append(glyph.text)
    return "".join(out)
