"""The PDF reader: a returned text PDF (any producer) → a Document of text lines and ruled tables, page by page."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.document import Cell, Document, Paragraph, Table, number_blocks
from pipeline.errors import UnreadableFileError
from pipeline.readers.files import require_file
from pipeline.readers.pdf.columns import COLUMN_GAP, NARROW_GAP, TextRow, find_columns, tab_aligned
from pipeline.readers.pdf.geometry import Grid, TickBox, find_grids, page_shapes
from pipeline.readers.pdf.glyphs import Glyph, needs_ocr, page_glyphs
from pipeline.readers.pdf.layout_rows import layout_table
from pipeline.readers.pdf.lines import Line, lines
from pipeline.readers.pdf.strike import unstruck
from pipeline.readers.pdf.wrap import TableEdges, ink_end, ink_start, join_wrapped, mark_cut_row, wraps
from pipeline.readers.symbols import SOFT_WRAP

SCAN_WARNING = "no text layer (scanned?)"
ARROW = "⟶"  # put in a table cell that a drawn line or bar crosses (a Gantt arrow), as the DOCX reader does

_DIGITS = re.compile("[0-9\u0e50-\u0e59]+")
CELL_PADDING = 6.0  # points: a cell's text stands at most this far in from its borders (Word: 5.4, LibreOffice: 2.8)
OVERHANG = 1.5  # ems: a nested table may draw a cell's first letters this far left of its border
JUSTIFY_SLACK = 0.25  # ems: a justified line's ink meets both edges of the text column within this
# A line this much smaller than the page's middle size is no body text: a browser prints its header and footer (the
# date, the page's address, ``9/20``) in the page's margins, in a small font, wider than the text column.
FURNITURE_SIZE = 0.75


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
    blank: set[int] = set()  # pages with nothing on them: said so by the OCR reader, not "scanned?" again
    if empty_pages:  # no text layer or a garbage one: read the page's pixels
        from pipeline.readers.ocr.pages import ocr_pdf_pages

        for number, blocks in ocr_pdf_pages(path, empty_pages, doc.warnings, blank).items():
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
        doc.warnings += [f"page {n}: {SCAN_WARNING}" for n in empty_pages if n not in blank]
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
        return page_glyphs(textpage, page)
    finally:
        textpage.close()

def pages_needing_ocr(pdf: pdfium.PdfDocument) -> int:
    """How many pages of an open PDF ``read_pdf`` will send to OCR."""
    count = 0
    for page in pdf:
        try:
            count += needs_ocr(_glyphs_of(page))
        finally:
            page.close()
    return count

def _box_glyphs(boxes: list[TickBox]) -> list[Glyph]:
    """Drawn tick boxes as ☑/☐ glyphs standing where they are drawn, a letter high, on the text's baseline."""
    glyphs = []
    for box in boxes:
        height = box.y1 - box.y0
        glyphs.append(Glyph(-1, "☑" if box.checked else "☐", box.x0, box.y0, box.x1, box.y1,
                            box.y0 + 0.2 * height, height / 1.1, False))
    return glyphs


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
    free = _overhanging(free, grids, in_cells)
    placed: list[_Placed] = []
    free_lines = lines(free)
    rows = [TextRow(line.baseline, line.size, _segments(line), _gaps(_segments(line, NARROW_GAP))) for line in free_lines]
    in_columns: set[int] = set()
    # The text column's right edge: where the longest line of body text ends, at least as far from the page's right
    # edge as the text starts from its left (a page of short lines reaches no edge).
    body = _body_lines(free_lines)
    right = max([ink_end(line) for line in body] + [width - min(ink_start(line) for line in body)] if body else [0.0])
    for block in find_columns(rows, cells=True):
        block_lines = free_lines[block.first:block.last + 1]
        split = [line for line, row in zip(block_lines, rows[block.first:block.last + 1], strict=True) if row.gaps()]
        if _justified(split, body, right):
            continue  # a justified paragraph's word spaces stretched into one gutter on lines after another
        table = layout_table(block_lines, block.bounds, right, number)
        if table is None and tab_aligned(rows[block.first:block.last + 1], block.bounds):
            continue  # "label<TAB>value" lines: they stay lines, as the DOCX reader gives them
        placed.append(_Placed(block_lines[0].top, table or _borderless_table(block_lines, block.bounds, number)))
        in_columns.update(range(block.first, block.last + 1))
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


def _overhanging(free: list[Glyph], grids: list[Grid], in_cells: list[dict[int, list[Glyph]]]) -> list[Glyph]:
    """The free glyphs, less those of an edge cell's line that stick out of the table's left or right edge: each
    goes to the cell its line goes on in, when that cell has a glyph on the same baseline just inside the edge (and
    a mark over such a letter, which went where its letter went, with it). A table nested in a frame's cell is
    drawn with a first-column line's first letter or two left of its border (``ก|ารสร้างนวัตกรรม``); one wider
    than its cell, with the last column's longest lines running past its right border (``ก.พ. 6|8``)."""
    kept = []
    for glyph in free:
        home = _overhang_home(glyph, grids, in_cells)
        if home is None:
            kept.append(glyph)
        else:
            in_cells[home[0]][home[1]].append(glyph)
    return kept


def _overhang_home(glyph: Glyph, grids: list[Grid], in_cells: list[dict[int, list[Glyph]]]) -> tuple[int, int] | None:
    x, y = _anchor(glyph)
    reach = OVERHANG * glyph.size
    for n, grid in enumerate(grids):
        if not grid.ys[-1] <= y <= grid.ys[0]:
            continue
        for edge, inside in ((grid.xs[0], lambda g, e=grid.xs[0]: g.x0 - e), (grid.xs[-1], lambda g, e=grid.xs[-1]: e - g.x1)):
            if abs(x - edge) > reach:
                continue
            cell = grid.locate(edge + (1.0 if edge == grid.xs[0] else -1.0), y)
            if cell is not None and any(abs(g.baseline - glyph.baseline) <= 0.3 * glyph.size and inside(g) <= reach
                                        for g in in_cells[n].get(cell, [])):
                return n, cell
    return None


def _body_lines(free_lines: list[Line]) -> list[Line]:
    """The lines of body text: all but those far smaller than the page's middle size (a browser's header and
    footer, set in the page's margins)."""
    sizes = sorted(line.size for line in free_lines)
    middle = sizes[len(sizes) // 2] if sizes else 0.0
    return [line for line in free_lines if line.size >= FURNITURE_SIZE * middle]


def _justified(block_lines: list[Line], free_lines: list[Line], right: float) -> bool:
    """Does every line split by a borderless block's gutter run from the text's left edge to its right edge, as
    the lines of a justified paragraph do (Chromium's ``text-align: justify`` with one or two spaces a Thai
    line; the paragraph's last line, not stretched, may join the block on one side of the gutter)?"""
    left = min(ink_start(line) for line in free_lines)
    return all(ink_start(line) <= left + JUSTIFY_SLACK * line.size and ink_end(line) >= right - JUSTIFY_SLACK * line.size
               for line in block_lines)


def _drop_running_lines(pages: list[list[_Placed]]) -> None:
    """Page furniture: the top line of several pages repeated word for word at the same place is a running
    header, marked ``running`` after where it first appears (the DOCX reader gives headers once; the extractors
    drop it unless it is a form's title, which a bundle repeats at the top of each copy); the bottom line of several pages
    repeated at the same place but for its digits, which change, is a footer (page numbers) and is dropped, as is
    one that stands unchanged at the foot of half the pages."""
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
            block = pages[p][0].block
            # A line that runs on into the next (wrapped inside Thai text) is a paragraph's, not a header: copies
            # of one form with the same value flowing down the pages put it at the same page top.
            if isinstance(block, Paragraph) and not block.text.endswith(SOFT_WRAP):
                block.running = True
    # A footer's page number changes from page to page; a line that does not must stand at the foot of half
    # the pages at least: a form's last line (``( name ) ผู้เสนอแนวคิด``) that copies of one form flowing down
    # the pages put at the same page foot twice is no footer.
    for found in bottoms.values():
        numbered = len({pages[p][-1].key[0] for p in found}) > 1  # type: ignore[index]
        if len(found) >= 2 and (numbered or 2 * len(found) >= len(pages)):
            for p in found:
                del pages[p][-1]


def _locate(grids: list[Grid], x: float, y: float) -> tuple[int, int] | None:
    for n, grid in enumerate(grids):
        cell = grid.locate(x, y)
        if cell is not None:
            return n, cell
    return None


def _segments(line: Line, gap: float = COLUMN_GAP) -> list[tuple[float, float]]:
    """The line's runs of ink, split where base glyphs stand ``gap`` ems or more apart."""
    segments: list[list[float]] = []
    for glyph in line.glyphs:
        if not glyph.is_base or glyph.generated:
            continue
        if not segments or glyph.x0 - segments[-1][1] >= gap * glyph.size:
            segments.append([glyph.x0, glyph.x1])
        segments[-1][1] = max(segments[-1][1], glyph.x1)
    return [(a, b) for a, b in segments]


def _gaps(segments: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(a[1], b[0]) for a, b in zip(segments, segments[1:], strict=False)]


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
    return Table(rows, page=page, open_below=grid.open_below, open_above=grid.open_above), TableEdges(edge(grid.slots[0], 0), edge(grid.slots[-1], -1))


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
