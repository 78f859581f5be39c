"""The DOCX reader: a returned Word file → a Document of paragraphs and tables in body order, boxes as glyphs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from pipeline.document import Cell, Document, Paragraph, Table
from pipeline.errors import UnreadableFileError
from pipeline.readers.docx.numbering import Numbering
from pipeline.readers.files import require_file
from pipeline.readers.symbols import SYMBOL_FONTS, font_key, symbol_glyph
from pipeline.thai import normalize

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


CHECKED, UNCHECKED = "☑", "☐"
ARROW = "⟶"
TWIP_EMU = 635  # EMUs per twentieth of a point
_BLANK_FILLS = {"", "auto", "ffffff", "none"}

_SKIP = {_w("del"), _w("moveFrom"), _w("instrText"), _w("delText"), _w("pPr"), _w("rPr"), _w("sdtPr"),
         _w("sdtEndPr"), _w("fldData"), f"{{{MC}}}Fallback"}


# --------------------------------------------------------------------------- public
def read_docx(path: str | Path) -> Document:
    """Read a DOCX into a Document; UnreadableFileError for a missing, empty, corrupt or non-Word file."""
    path = Path(path)
    where = str(path)
    require_file(path)
    try:
        with zipfile.ZipFile(path) as package:
            body = _xml(package, "word/document.xml")
            headers = [_xml(package, name) for name in _header_parts(package)]
            numbering = Numbering(package) if _uses_numbering(package) else None
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as err:
        raise UnreadableFileError(
            f"not a readable Word (.docx) file: {err}",
            "ไฟล์ Word (.docx) เสียหาย หรือไม่ใช่ไฟล์ Word (หากเป็น .doc ให้บันทึกเป็น .docx ก่อน)",
            where=where) from err
    root = body.find(_w("body"))
    if root is None:
        raise UnreadableFileError("the Word file has no body", "ไฟล์ Word ไม่มีเนื้อหา", where=where)
    blocks: list[Paragraph | Table] = []
    seen: set[str] = set()
    for n, header in enumerate(headers, 1):
        reader = _Reader()
        reader.walk(header, f"header {n}, ")
        for block in reader.blocks:  # the same header repeats in every section: keep its lines once
            key = block.text.strip() if isinstance(block, Paragraph) else repr(block.rows)
            if key and key not in seen:
                seen.add(key)
                blocks.append(block)
    reader = _Reader(numbering)
    reader.walk(root, "")
    return Document(blocks=blocks + reader.blocks, source=where, format="docx")


def _uses_numbering(package: zipfile.ZipFile) -> bool:
    """Does any paragraph carry Word list numbering (its own or its style's)? Most returned forms do not."""
    names = package.namelist()
    return "word/numbering.xml" in names and (b"numPr" in package.read("word/document.xml") or (
        "word/styles.xml" in names and b"numPr" in package.read("word/styles.xml")))


def _xml(package: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(package.read(name), etree.XMLParser(huge_tree=True, resolve_entities=False))


def _header_parts(package: zipfile.ZipFile) -> list[str]:
    """The header parts the document's sections use, in the order they are referenced."""
    try:
        rels = _xml(package, "word/_rels/document.xml.rels")
        body = package.read("word/document.xml").decode("utf-8", "replace")
    except KeyError:
        return []
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    names = []
    for rid in re.findall(r'<w:headerReference[^>]*r:id="([^"]+)"', body):
        target = targets.get(rid, "").lstrip("/")
        name = target if target.startswith("word/") else f"word/{target}"
        if name not in names and name in package.namelist():
            names.append(name)
    return names


# --------------------------------------------------------------------------- walking
class _Reader:
    """Collects blocks in reading order while walking the XML."""

    def __init__(self, numbering: Numbering | None = None) -> None:
        self.blocks: list[Paragraph | Table] = []
        self.paragraphs = 0
        self.tables = 0
        self.numbering = numbering

    def text(self, p: etree._Element, boxes: list[etree._Element], joined: list[etree._Element] | None = None) -> str:
        """A paragraph's text with the list number Word shows in front of it; ``joined``: the paragraphs before it
        whose marks are tracked deletions, which Word shows as the start of this one (under its number)."""
        label = self.numbering.label(p) if self.numbering is not None else ""
        return normalize(label + "".join(_runs_text(q, boxes) for q in joined or ()) + _runs_text(p, boxes))

    def walk(self, parent: etree._Element, prefix: str) -> None:
        joined: list[etree._Element] = []
        for child in parent:
            tag = child.tag
            if tag == _w("p"):
                if _joins_next(child):
                    joined.append(child)
                    continue
                self.paragraph(child, prefix, joined)
                joined = []
            elif tag == _w("tbl"):
                self.table(child, prefix)
            elif tag in (_w("sdt"), _w("customXml"), _w("sdtContent"), _w("ins"), _w("moveTo")):
                content = child.find(_w("sdtContent")) if tag == _w("sdt") else child
                if content is not None and not _placeholder(child):
                    self.walk(content, prefix)

    def paragraph(self, p: etree._Element, prefix: str, joined: list[etree._Element] | None = None) -> None:
        self.paragraphs += 1
        where = f"{prefix}paragraph {self.paragraphs}"
        boxes: list[etree._Element] = []
        self.blocks.append(Paragraph(self.text(p, boxes, joined), where=where))
        for n, box in enumerate(boxes, 1):  # a text box's paragraphs and tables, read in its anchor's place
            inner = _Reader(self.numbering)
            inner.walk(box, f"{where}, text box {n}, ")
            self.blocks += inner.blocks

    def table(self, tbl: etree._Element, prefix: str) -> None:
        rows = _rows(tbl)
        if rows and all(len(_cells(tr)) == 1 for tr in rows):
            # A one-column frame round the form, a row per section (a layout table), or a single box: its
            # content is the document's own. No form has a one-column table of its own.
            for tr in rows:
                for tc in _cells(tr):
                    self.walk(tc, prefix)
            return
        self.tables += 1
        where = f"{prefix}table {self.tables}"
        nested: list[etree._Element] = []
        widths = [int(c.get(_w("w"), "0") or 0) for c in tbl.iterfind(f"{_w('tblGrid')}/{_w('gridCol')}")]
        grid: list[list[Cell]] = []
        above: dict[int, Cell] = {}
        arrows: list[tuple[int, int, float, float]] = []  # (row, first column, x from, x to) in EMU
        for r, tr in enumerate(rows):
            row: list[Cell] = []
            col = _grid_skip(tr, "gridBefore")
            row += [Cell("", where=f"{where}, row {r + 1}, cell {col}") for _ in range(col)]
            for tc in _cells(tr):
                props = tc.find(_w("tcPr"))
                span = _int_val(props, "gridSpan", 1)
                merge = props.find(_w("vMerge")) if props is not None else None
                if merge is not None and merge.get(_w("val"), "continue") == "continue" and col in above:
                    cell = above[col]
                else:
                    cell = self._cell(tc, f"{where}, row {r + 1}, cell {len(row) + 1}", nested)
                    arrows += [(r, col, x0, x1) for x0, x1 in _drawings(tc)]
                for k in range(span):
                    above[col + k] = cell
                row += [cell] * span
                col += span
            grid.append(row)
        for r, col, x0, x1 in arrows:
            _mark_span(grid[r], col, x0, x1, widths)
        self.blocks.append(Table(grid, where=where))
        for inner in nested:  # a table inside a cell (a Gantt inside a layout table) stands on its own
            self.table(inner, prefix)

    def _cell(self, tc: etree._Element, where: str, nested: list[etree._Element]) -> Cell:
        lines: list[str] = []
        joined: list[etree._Element] = []
        for child in tc:
            if child.tag in (_w("p"), _w("sdt"), _w("customXml")):
                for p in ([child] if child.tag == _w("p") else child.iter(_w("p"))):
                    if _joins_next(p):
                        joined.append(p)
                        continue
                    boxes: list[etree._Element] = []
                    lines.append(self.text(p, boxes, joined))
                    joined = []
                    for box in boxes:  # a text box in a cell: its lines are the cell's, its tables stand apart
                        lines += [self.text(q, []) for q in box.iter(_w("p")) if _outside_tables(q, box)]
                        nested += [t for t in box.iter(_w("tbl")) if _outside_tables(t, box)]
            elif child.tag == _w("tbl"):
                nested.append(child)
        fill = _cell_fill(tc)
        return Cell("\n".join(lines).strip("\n"), shaded=fill is not None, fill=fill, where=where)


def _joins_next(p: etree._Element) -> bool:
    """A paragraph whose mark is a tracked deletion, followed by another: Word shows the two as one paragraph."""
    following = p.getnext()
    return p.find(f"{_w('pPr')}/{_w('rPr')}/{_w('del')}") is not None and following is not None and (
        following.tag == _w("p"))


def _outside_tables(p: etree._Element, box: etree._Element) -> bool:
    """Is the paragraph (or table) the box's own, not inside a table in it?"""
    parent = p.getparent()
    while parent is not None and parent is not box:
        if parent.tag == _w("tbl"):
            return False
        parent = parent.getparent()
    return True


def _placeholder(sdt: etree._Element) -> bool:
    """A content control still showing its placeholder ("Click or tap here to enter text.")."""
    props = sdt.find(_w("sdtPr")) if sdt.tag == _w("sdt") else None
    return props is not None and props.find(_w("showingPlcHdr")) is not None and props.find(
        f"{{{W14}}}checkbox") is None


def _rows(tbl: etree._Element) -> list[etree._Element]:
    return _wrapped(tbl, _w("tr"))


def _cells(tr: etree._Element) -> list[etree._Element]:
    return _wrapped(tr, _w("tc"))


def _wrapped(parent: etree._Element, tag: str) -> list[etree._Element]:
    """A table's rows or a row's cells: the children with ``tag``, also those inside content controls and
    custom XML wrapped round them."""
    found = []
    for child in parent:
        if child.tag == tag:
            if tag != _w("tr") or child.find(f"{_w('trPr')}/{_w('del')}") is None:  # a tracked deleted row is gone
                found.append(child)
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            found += [] if content is None else _wrapped(content, tag)
    return found


def _grid_skip(tr: etree._Element, name: str) -> int:
    props = tr.find(_w("trPr"))
    return _int_val(props, name, 0)


def _int_val(props: etree._Element | None, name: str, default: int) -> int:
    el = props.find(_w(name)) if props is not None else None
    try:
        return int(el.get(_w("val"))) if el is not None else default
    except (TypeError, ValueError):
        return default


# --------------------------------------------------------------------------- runs → text
def _runs_text(p: etree._Element, boxes: list[etree._Element]) -> str:
    """A paragraph's text in order: runs, tabs, breaks, symbols and tick boxes; text boxes go to ``boxes``."""
    out: list[str] = []
    _collect(p, out, boxes, [None])
    return "".join(out)


def _collect(el: etree._Element, out: list[str], boxes: list[etree._Element], font: list[str | None]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _w("r"):
            if _struck_or_hidden(child):
                continue
            font[0] = _run_font(child)
            _collect(child, out, boxes, font)
        elif tag == _w("t"):
            out.append(_symbol_text(child.text or "", font[0]))
        elif tag in (_w("tab"), _w("ptab")):
            out.append("\t")
        elif tag in (_w("br"), _w("cr")):
            out.append("\n")
        elif tag == _w("noBreakHyphen"):
            out.append("-")
        elif tag == _w("sym"):
            out.append(_sym(child))
        elif tag == _w("fldChar"):
            box = child.find(f"{_w('ffData')}/{_w('checkBox')}")
            if box is not None:
                out.append(CHECKED if _legacy_checked(box) else UNCHECKED)
        elif tag == _w("sdt"):
            _inline_sdt(child, out, boxes, font)
        elif tag == f"{{{W}}}txbxContent":
            if "".join(out).strip() and child.find(f".//{_w('tbl')}") is None:
                # Anchored inside a line's text: a value typed into a box laid over the line's blank (as
                # ``หน่วยงาน …… [box] ชื่อโครงการ …… [box]``) reads in its anchor's place, between the labels.
                out.append(" " + " ".join(_runs_text(q, boxes) for q in child.iter(_w("p"))) + " ")
            else:
                boxes.append(child)
        else:  # hyperlinks, smart tags, ins, fldSimple, drawings, AlternateContent/Choice …
            _collect(child, out, boxes, font)


def _inline_sdt(sdt: etree._Element, out: list[str], boxes: list[etree._Element], font: list[str | None]) -> None:
    props = sdt.find(_w("sdtPr"))
    box = props.find(f"{{{W14}}}checkbox") if props is not None else None
    if box is not None:
        checked = box.find(f"{{{W14}}}checked")
        value = checked.get(f"{{{W14}}}val", "0") if checked is not None else "0"
        out.append(CHECKED if value.lower() in ("1", "true", "on") else UNCHECKED)
        return
    content = sdt.find(_w("sdtContent"))
    if content is not None and not _placeholder(sdt):
        _collect(content, out, boxes, font)
    elif content is not None:
        out.append(" ")  # an unfilled blank: its prompt goes, the gap it stands for between two labels stays


def _legacy_checked(box: etree._Element) -> bool:
    """A legacy check-box form field: ``w:checked`` when present (no val = checked), else ``w:default``."""
    for name in ("checked", "default"):
        el = box.find(_w(name))
        if el is not None:
            return el.get(_w("val"), "1").lower() in ("1", "true", "on")
    return False


def _struck_or_hidden(run: etree._Element) -> bool:
    """Hidden text, or text struck through: on a form, crossing words out is deleting them (ขีดฆ่า), as people
    do with the options they did not choose."""
    props = run.find(_w("rPr"))
    if props is None:
        return False
    for name in ("vanish", "strike", "dstrike"):
        el = props.find(_w(name))
        if el is not None and el.get(_w("val"), "true").lower() not in ("0", "false", "off"):
            return True
    return False


def _run_font(run: etree._Element) -> str | None:
    fonts = run.find(f"{_w('rPr')}/{_w('rFonts')}")
    if fonts is None:
        return None
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        name = fonts.get(_w(attr))
        if name:
            key = font_key(name)
            if key in SYMBOL_FONTS:
                return key
    return None


def _sym(sym: etree._Element) -> str:
    try:
        code = int(sym.get(_w("char")) or "", 16)
    except ValueError:
        return ""
    return symbol_glyph(code, sym.get(_w("font")), chr(code) if code >= 0x20 else "")


def _symbol_text(text: str, font: str | None) -> str:
    """Private-use symbol characters (U+F0xx) in a symbol-font run, or anywhere: the tick-box glyphs."""
    if not any(0xF000 <= ord(ch) <= 0xF0FF for ch in text) and font is None:
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if 0xF000 <= code <= 0xF0FF or (font is not None and code < 0x100):
            out.append(symbol_glyph(code, font, ch))
        else:
            out.append(ch)
    return "".join(out)


# --------------------------------------------------------------------------- shading and drawings
def _cell_fill(tc: etree._Element) -> str | None:
    """The cell's shading colour (RRGGBB) if it is shaded: its own ``w:shd``, or shading on all its text."""
    fill = _shd_colour(tc.find(f"{_w('tcPr')}/{_w('shd')}"))
    if fill:
        return fill
    colours = []
    for p in tc.iter(_w("p")):
        if not "".join(t.text or "" for t in p.iter(_w("t"))).strip() and p.find(_w("pPr")) is None:
            continue
        colour = _shd_colour(p.find(f"{_w('pPr')}/{_w('shd')}"))
        if colour is None:
            return None
        colours.append(colour)
    return colours[0] if colours else None


def _shd_colour(shd: etree._Element | None) -> str | None:
    if shd is None:
        return None
    val = (shd.get(_w("val")) or "clear").lower()
    fill = (shd.get(_w("fill")) or "").lower()
    colour = (shd.get(_w("color")) or "").lower()
    if val == "nil":
        return None
    if val == "solid" and colour not in _BLANK_FILLS:
        return colour.upper()
    if fill not in _BLANK_FILLS:
        return fill.upper()
    if val.startswith("pct") or val in ("horzstripe", "vertstripe", "diagstripe", "horzcross", "diagcross"):
        return colour.upper() if colour not in _BLANK_FILLS else None
    return None


def _drawings(tc: etree._Element) -> list[tuple[float, float]]:
    """Horizontal extents (EMU, from the cell's left edge) of the shapes drawn in a cell: lines, arrows, bars."""
    spans = []
    for drawing in tc.iter(_w("drawing")):
        for frame in drawing:
            if frame.find(f".//{_w('txbxContent')}") is not None:
                continue  # a text box holds text (read as paragraphs), it marks no months
            extent = frame.find(f"{{{WP}}}extent")
            if extent is None:
                continue
            width = float(extent.get("cx", "0") or 0)
            offset = 0.0
            pos = frame.find(f"{{{WP}}}positionH/{{{WP}}}posOffset")
            if frame.tag == f"{{{WP}}}anchor" and pos is not None and pos.text:
                offset = float(pos.text)
            spans.append((offset, offset + width))
    for pict in tc.iter(_w("pict")):
        for shape in pict:
            if shape.find(f".//{_w('txbxContent')}") is not None:
                continue
            style = shape.get("style", "")
            width = _pt(style, "width")
            left = _pt(style, "margin-left")
            if shape.get("from") and shape.get("to"):
                x_from, x_to = (_pt_value(v.split(",")[0]) for v in (shape.get("from"), shape.get("to")))
                left, width = min(x_from, x_to), abs(x_to - x_from)
            spans.append((left * 12700, (left + width) * 12700))
    return spans


def _pt(style: str, name: str) -> float:
    m = re.search(rf"(?:^|;)\s*{name}\s*:\s*([-\d.]+\s*[a-z]*)", style)
    return _pt_value(m.group(1)) if m else 0.0


def _pt_value(text: str) -> float:
    m = re.match(r"\s*(-?[\d.]+)\s*([a-z]*)", text or "")
    if not m:
        return 0.0
    value = float(m.group(1) or 0)
    return value * {"in": 72, "cm": 28.35, "mm": 2.835, "px": 0.75, "emu": 1 / 12700}.get(m.group(2), 1.0)


def _mark_span(row: list[Cell], col: int, x0: float, x1: float, widths: list[int]) -> None:
    """Put an arrow glyph in every grid column a drawing covers (at least a third of the column)."""
    if not widths or len(widths) < len(row):
        widths = [1440] * len(row)
    start = sum(widths[:col]) * TWIP_EMU
    left, right = start + min(x0, x1), start + max(x0, x1)
    if right - left < 1:
        right = left + widths[col] * TWIP_EMU
    edge = 0.0
    marked: set[int] = set()
    for k, width in enumerate(widths[: len(row)]):
        lo, hi = edge, edge + width * TWIP_EMU
        edge = hi
        if k >= col and min(hi, right) - max(lo, left) >= (hi - lo) / 3 and id(row[k]) not in marked:
            marked.add(id(row[k]))
            cell = row[k]
            cell.text = f"{cell.text} {ARROW}".strip()
