"""Building blocks for the Word templates: Thai government page and styles, paragraphs with jinja tags, tables."""

from __future__ import annotations

import re
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.styles.style import BaseStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

FONT = "TH SarabunPSK"
BODY_PT = 16
# TH Sarabun's own line height is about twice its size: an exact line pitch keeps the forms compact and
# identical in Word and LibreOffice, and still leaves room for Thai marks above and below the line.
BODY_LINE_PT = 22
PAGE_W_CM, PAGE_H_CM = 21.0, 29.7
MARGINS_CM = {"left": 3.0, "right": 2.0, "top": 2.5, "bottom": 2.0}
TEXT_W_CM = PAGE_W_CM - MARGINS_CM["left"] - MARGINS_CM["right"]  # 16 cm portrait
TEXT_W_LANDSCAPE_CM = PAGE_H_CM - MARGINS_CM["left"] - MARGINS_CM["right"]  # 24.7 cm
SHADE = "D9D9D9"

# Paragraph styles of the forms: (name, size pt, line pitch pt, bold, alignment, left indent cm, first-line cm).
# Line pitch is about 1.2–1.4 times the size: it still clears TH Sarabun's marks above and below the line.
PARAGRAPH_STYLES: tuple[tuple[str, float, float, bool, str | None, float, float], ...] = (
    ("Form Title", BODY_PT, BODY_LINE_PT, True, "center", 0, 0),
    ("Form Number", BODY_PT, BODY_LINE_PT, False, "right", 0, 0),
    ("Form Heading", BODY_PT, BODY_LINE_PT, True, None, 0, 0),
    ("Form Value", BODY_PT, BODY_LINE_PT, False, "thai", 0, 1.25),
    ("Form Sign", BODY_PT, BODY_LINE_PT, False, "center", 4.0, 0),
    ("Form Cell", BODY_PT, BODY_LINE_PT, False, None, 0, 0),
    ("Form Cell Head", BODY_PT, BODY_LINE_PT, True, "center", 0, 0),
    # Guidance, notes and the wide tables (plan, risks, indicators) are set at 14 pt.
    ("Form Small", 14, 17, False, None, 0, 0),
    ("Form Table", 14, 17, False, None, 0, 0),
    ("Form Table Head", 14, 17, True, "center", 0, 0),
    ("Form Month", 10, 13, False, "center", 0, 0),
    # Form 3 must fit one A4 page: its body is set at 14 pt, as agencies set it when the form runs long.
    ("Form Compact", 14, 16, False, None, 0, 0),
    ("Form Compact Heading", 14, 16, True, None, 0, 0),
    ("Form Compact Guide", 12, 13.5, False, None, 0, 0),
)
# Styles that keep with the next paragraph (a heading never ends a page); not used inside table cells, where
# Word and LibreOffice would read it as "keep the table rows together".
KEEP_WITH_NEXT = ("Form Title", "Form Heading", "Form Sign")
LABEL_STYLE = "Form Label"
_ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
          "thai": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY, "left": WD_ALIGN_PARAGRAPH.LEFT}
# Word insists on the schema's order of child elements (CT_RPr, CT_TblPr in ECMA-376 part 1).
_RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
              "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
              "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_TBLPR_ORDER = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
# A jinja tag, or a **bold label**: each becomes one run of its own.
_PIECES = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\*\*.*?\*\*)")


# --------------------------------------------------------------------------- typography in the styles
def _set_fonts(rpr, size_pt: float | None = None, bold: bool | None = None) -> None:
    """TH SarabunPSK for every script (ascii, hAnsi, eastAsia, cs), its size for Latin and Thai, Thai language."""
    for tag in ("w:rFonts", "w:b", "w:bCs", "w:sz", "w:szCs", "w:lang"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)
    new = [fonts]
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            el = OxmlElement(tag)
            if not bold:
                el.set(qn("w:val"), "0")
            new.append(el)
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            el = OxmlElement(tag)
            el.set(qn("w:val"), str(round(size_pt * 2)))
            new.append(el)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:bidi"), "th-TH")
    new.append(lang)
    children = list(rpr) + new
    for c in list(rpr):
        rpr.remove(c)
    rank = {qn(t): i for i, t in enumerate(_RPR_ORDER)}
    for c in sorted(children, key=lambda c: rank.get(c.tag, len(_RPR_ORDER))):
        rpr.append(c)


def _style_rpr(style: BaseStyle):
    return style.element.get_or_add_rPr()


def _set_spacing(paragraph_format, line_pt: float) -> None:
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = Pt(line_pt)


def _doc_defaults(document: DocxDocument) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _set_fonts(rpr, BODY_PT)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = OxmlElement("w:pPrDefault")
        defaults.append(ppr_default)
    ppr = ppr_default.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        ppr_default.append(ppr)
    for old in ppr.findall(qn("w:spacing")):
        ppr.remove(old)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(BODY_LINE_PT * 20))
    spacing.set(qn("w:lineRule"), "exact")
    ppr.append(spacing)


def _theme_free_fonts(document: DocxDocument) -> None:
    """Every style that names a font names TH SarabunPSK: no theme fonts (Calibri, Cordia) anywhere."""
    for el in document.styles.element.iter(qn("w:rFonts")):
        for attr in list(el.attrib):
            del el.attrib[attr]
        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
            el.set(qn(f"w:{attr}"), FONT)


def setup_styles(document: DocxDocument) -> None:
    """Thai government typography in the styles: docDefaults, Normal, Table Grid and the forms' own styles."""
    _doc_defaults(document)
    styles = document.styles
    normal = styles["Normal"]
    _set_fonts(_style_rpr(normal), BODY_PT)
    _set_spacing(normal.paragraph_format, BODY_LINE_PT)
    grid = styles["Table Grid"]
    _set_fonts(_style_rpr(grid), BODY_PT)
    _set_spacing(grid.paragraph_format, BODY_LINE_PT)
    for name, size, line, bold, align, indent, first in PARAGRAPH_STYLES:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        _set_fonts(_style_rpr(style), size, bold)
        fmt = style.paragraph_format
        _set_spacing(fmt, line)
        if align:
            fmt.alignment = _ALIGN[align]
        if indent:
            fmt.left_indent = Cm(indent)
        if first:
            fmt.first_line_indent = Cm(first)
        if name in KEEP_WITH_NEXT:
            fmt.keep_with_next = True
    label = styles.add_style(LABEL_STYLE, WD_STYLE_TYPE.CHARACTER)
    label.quick_style = True
    _set_fonts(_style_rpr(label), None, True)
    _theme_free_fonts(document)


def prune_unused_styles(document: DocxDocument) -> None:
    """Drop the blank template's styles nothing uses (Heading 1 in blue Calibri …): only the forms' own remain.

    Word still offers its built-in styles (latent styles) to whoever edits the template.
    """
    styles = document.styles.element
    parts = [document.element] + [rel.target_part.element for rel in document.part.rels.values()
                                  if rel.reltype.endswith(("/header", "/footer"))]
    used: set[str] = {"TableGrid"}  # kept for whoever adds a table to the form
    for part in parts:
        for tag_name in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            used.update(el.get(qn("w:val")) for el in part.iter(qn(tag_name)))
    by_id = {el.get(qn("w:styleId")): el for el in styles.findall(qn("w:style"))}
    keep = {sid for sid, el in by_id.items() if el.get(qn("w:default")) == "1"} | used
    keep |= {sid for sid, el in by_id.items() if el.find(qn("w:name")).get(qn("w:val")).startswith("Form ")}
    pending = list(keep)
    while pending:  # styles a kept style is based on or linked to
        el = by_id.get(pending.pop())
        if el is None:
            continue
        for tag_name in ("w:basedOn", "w:next", "w:link"):
            ref = el.find(qn(tag_name))
            if ref is not None and ref.get(qn("w:val")) not in keep:
                keep.add(ref.get(qn("w:val")))
                pending.append(ref.get(qn("w:val")))
    for sid, el in by_id.items():
        if sid not in keep:
            styles.remove(el)


# --------------------------------------------------------------------------- pages and sections
def set_page(section, landscape: bool = False, top_bottom_cm: tuple[float, float] | None = None) -> None:
    """A4, margins left 3 cm, right 2 cm, top 2.5 cm, bottom 2 cm (or ``top_bottom_cm``); portrait or landscape."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (PAGE_H_CM, PAGE_W_CM) if landscape else (PAGE_W_CM, PAGE_H_CM)
    section.page_width, section.page_height = Cm(width), Cm(height)
    top, bottom = top_bottom_cm or (MARGINS_CM["top"], MARGINS_CM["bottom"])
    section.left_margin, section.right_margin = Cm(MARGINS_CM["left"]), Cm(MARGINS_CM["right"])
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
    section.header_distance, section.footer_distance = Cm(1.25), Cm(1.0)


def new_document(landscape: bool = False, top_bottom_cm: tuple[float, float] | None = None) -> DocxDocument:
    """An empty A4 document with the forms' styles and nothing in its body."""
    document = Document()
    setup_styles(document)
    set_page(document.sections[0], landscape, top_bottom_cm)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def page_header(document: DocxDocument, text: str, style: str = "Form Number") -> None:
    """A running header (e.g. ``แบบฟอร์ม 3`` at the top right) on every page of the document."""
    header = document.sections[0].header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = document.styles[style]
    add_runs(paragraph, text)


def new_landscape_page(document: DocxDocument, top_bottom_cm: tuple[float, float] | None = None) -> None:
    """Continue on a new landscape page (a new section)."""
    set_page(document.add_section(WD_SECTION.NEW_PAGE), landscape=True, top_bottom_cm=top_bottom_cm)


# --------------------------------------------------------------------------- paragraphs
def add_runs(paragraph: Paragraph, text: str) -> Paragraph:
    """Add ``text`` to a paragraph: each jinja tag is one run, ``**label**`` is a bold label run."""
    for piece in _PIECES.split(text):
        if not piece:
            continue
        if piece.startswith("**") and piece.endswith("**"):
            paragraph.add_run(piece[2:-2], style=LABEL_STYLE)
        else:
            paragraph.add_run(piece)
    return paragraph


def para(container, text: str = "", style: str = "Normal", *, indent_cm: float | None = None,
         first_cm: float | None = None, align: str | None = None, tabs_cm: Sequence[float] = (),
         new_page: bool = False) -> Paragraph:
    """One paragraph in a document or table cell; tags and bold labels get runs of their own."""
    paragraph = container.add_paragraph(style=style)
    add_runs(paragraph, text)
    fmt = paragraph.paragraph_format
    if indent_cm is not None:
        fmt.left_indent = Cm(indent_cm)
    if first_cm is not None:
        fmt.first_line_indent = Cm(first_cm)
    if align:
        fmt.alignment = _ALIGN[align]
    if new_page:
        fmt.page_break_before = True
    for stop in tabs_cm:
        fmt.tab_stops.add_tab_stop(Cm(stop))
    return paragraph


def tag(container, statement: str) -> Paragraph:
    """A docxtpl paragraph tag (``{%p for … %}``) alone in its paragraph, which the rendering removes."""
    return para(container, "{%p " + statement + " %}")


def lines(container, texts: Sequence[str], style: str = "Normal", **kwargs) -> list[Paragraph]:
    """Several paragraphs of one style."""
    return [para(container, t, style, **kwargs) for t in texts]


# --------------------------------------------------------------------------- tables
def _table_property(table: Table, tag_name: str):
    """A child of the table's properties, created in its schema place if missing."""
    tbl_pr = table._tbl.tblPr
    el = tbl_pr.find(qn(tag_name))
    if el is None:
        el = OxmlElement(tag_name)
        later = _TBLPR_ORDER[_TBLPR_ORDER.index(tag_name) + 1:]
        successor = next((c for c in tbl_pr if c.tag in {qn(t) for t in later}), None)
        if successor is None:
            tbl_pr.append(el)
        else:
            successor.addprevious(el)
    return el


def set_cell_margins(table: Table, left_right_cm: float, top_bottom_cm: float = 0.0) -> None:
    """The inner margins of every cell of a table."""
    mar = _table_property(table, "w:tblCellMar")
    for side, value in (("top", top_bottom_cm), ("left", left_right_cm), ("bottom", top_bottom_cm),
                        ("right", left_right_cm)):
        for old in mar.findall(qn(f"w:{side}")):
            mar.remove(old)
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(round(value / 2.54 * 1440)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)


def no_borders(table: Table) -> None:
    """A layout table: no lines drawn."""
    borders = _table_property(table, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)


def add_table(document_or_cell, widths_cm: Sequence[float], rows: int, *, borders: bool = True,
              cell_margin_cm: float = 0.1) -> Table:
    """A fixed-layout table of the given column widths: long values wrap inside their cell, rows grow."""
    table = document_or_cell.add_table(rows=rows, cols=len(widths_cm))
    table.style = document_or_cell.part.document.styles["Table Grid"] if borders else None
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(round(width / 2.54 * 1440)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    width = _table_property(table, "w:tblW")
    width.set(qn("w:w"), str(round(sum(widths_cm) / 2.54 * 1440)))
    width.set(qn("w:type"), "dxa")
    set_cell_margins(table, cell_margin_cm)
    if not borders:
        no_borders(table)
    return table


def cell_text(cell: _Cell, texts: str | Sequence[str], style: str = "Form Table", *, align: str | None = None,
              indent_cm: float | None = None) -> list[Paragraph]:
    """Fill a cell with one paragraph per text (its first, empty paragraph is reused)."""
    if isinstance(texts, str):
        texts = [texts]
    first = cell.paragraphs[0]
    out = []
    for i, text in enumerate(texts):
        if i == 0 and not first.text:
            paragraph = first
            paragraph.style = cell.part.document.styles[style]
            add_runs(paragraph, text)
            if align:
                paragraph.paragraph_format.alignment = _ALIGN[align]
            if indent_cm is not None:
                paragraph.paragraph_format.left_indent = Cm(indent_cm)
        else:
            paragraph = para(cell, text, style, align=align, indent_cm=indent_cm)
        out.append(paragraph)
    return out


def keep_row_together(row: _Row) -> None:
    """Never split this row across two pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def repeat_as_header(row: _Row) -> None:
    """Repeat this row at the top of every page the table runs onto; never split it."""
    keep_row_together(row)
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def shade(cell: _Cell, fill: str = SHADE) -> None:
    """A cell's background colour (a header cell, a marked month)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    el = OxmlElement("w:shd")
    el.set(qn("w:val"), "clear")
    el.set(qn("w:color"), "auto")
    el.set(qn("w:fill"), fill)
    # CT_TcPr order: shd comes before noWrap, tcMar, textDirection, tcFitText, vAlign and hideMark.
    successor = next((c for c in tc_pr if c.tag in {qn(t) for t in ("w:noWrap", "w:tcMar", "w:textDirection",
                                                                     "w:tcFitText", "w:vAlign", "w:hideMark")}),
                     None)
    if successor is None:
        tc_pr.append(el)
    else:
        successor.addprevious(el)


def vertical_center(cell: _Cell) -> None:
    """Centre a cell's text vertically (header cells spanning two rows)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    el = OxmlElement("w:vAlign")
    el.set(qn("w:val"), "center")
    tc_pr.append(el)


def keep_rows_whole(document) -> None:
    """No table row breaks across pages (w:cantSplit): a Gantt step or a risk is read and printed whole."""
    for tr in document.element.body.iter(qn("w:tr")):
        tr_pr = tr.get_or_add_trPr()
        if tr_pr.find(qn("w:cantSplit")) is None:
            tr_pr.insert(0, OxmlElement("w:cantSplit"))
