"""Word forms laid out as other word processors' users do: floating text boxes, one-column and label|value layout
tables (for ``scripts.gen.wordish``)."""

from __future__ import annotations

import copy
import random
from typing import Any

from lxml import etree

from scripts.gen.wordxml import WPS, el, make_run, text_of, value_runs, w


# --------------------------------------------------------------------------- text boxes
def _text_box(paragraphs: list[etree._Element], vml_only: bool, n: int) -> etree._Element:
    """A paragraph anchoring a floating text box that holds ``paragraphs`` (and tables: DrawingML with a VML
    fallback)."""
    def content() -> etree._Element:
        box = el("w:txbxContent")
        for p in paragraphs:
            box.append(copy.deepcopy(p))
        return box

    vml = el("w:pict", None, el("v:shape", {"id": f"Text Box {n}", "type": "#_x0000_t202",
                                              "style": "position:absolute;margin-left:0;margin-top:0;width:450pt;"
                                                       "height:60pt;z-index:1"},
                                  el("v:textbox", None, content())))
    if vml_only:
        return el("w:p", None, el("w:r", None, vml))
    anchor = el("wp:anchor", {"distT": "0", "distB": "0", "distL": "114300", "distR": "114300", "simplePos": "0",
                               "relativeHeight": "251659264", "behindDoc": "0", "locked": "0",
                               "layoutInCell": "1", "allowOverlap": "1"})
    anchor.append(el("wp:simplePos", {"x": "0", "y": "0"}))
    h = el("wp:positionH", {"relativeFrom": "column"})
    off = el("wp:posOffset")
    off.text = "0"
    h.append(off)
    anchor.append(h)
    v = el("wp:positionV", {"relativeFrom": "paragraph"})
    off = el("wp:posOffset")
    off.text = "0"
    v.append(off)
    anchor.append(v)
    anchor.append(el("wp:extent", {"cx": str(5715000), "cy": str(254000 * (len(paragraphs) + 1))}))
    anchor.append(el("wp:effectExtent", {"l": "0", "t": "0", "r": "0", "b": "0"}))
    anchor.append(el("wp:wrapTopAndBottom"))
    anchor.append(el("wp:docPr", {"id": str(100 + n), "name": f"Text Box {n}"}))
    anchor.append(el("wp:cNvGraphicFramePr"))
    wsp = el("wps:wsp", None, el("wps:cNvSpPr", {"txBox": "1"}))
    sp = el("wps:spPr", None, el("a:xfrm", None, el("a:off", {"x": "0", "y": "0"}),
                                   el("a:ext", {"cx": "5715000", "cy": str(254000 * (len(paragraphs) + 1))})),
             el("a:prstGeom", {"prst": "rect"}, el("a:avLst")), el("a:noFill"))
    wsp.append(sp)
    wsp.append(el("wps:txbx", None, content()))
    wsp.append(el("wps:bodyPr", {"rot": "0", "vert": "horz", "wrap": "square", "anchor": "t"}))
    anchor.append(el("a:graphic", None, el("a:graphicData", {"uri": WPS}, wsp)))
    choice = el("mc:Choice", {"Requires": "wps"}, el("w:drawing", None, anchor))
    alternate = el("mc:AlternateContent", None, choice, el("mc:Fallback", None, vml))
    return el("w:p", None, el("w:r", None, alternate))


def _boxed_groups(body: etree._Element, way: str) -> list[list[etree._Element]]:
    """Runs of consecutive top-level paragraphs to put in a text box: the title lines, or the signature lines."""
    kids = [c for c in body if c.tag == w("p")]
    if way == "titles":
        styled = [p for p in kids if (p.find(f"{w('pPr')}/{w('pStyle')}") is not None
                                      and p.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) == "FormTitle")]
        return [styled] if styled and all(a.getnext() is b for a, b in zip(styled, styled[1:], strict=False)) else []
    if way == "table":  # the first of the form's tables with the line above it (its caption or label)
        tables = [t for t in body if t.tag == w("tbl")]
        if not tables:
            return []
        above = tables[0].getprevious()
        return [[above, tables[0]] if above is not None and above.tag == w("p") and text_of(above).strip()
                else [tables[0]]]
    if way == "heading_value":  # each printed section heading with the lines under it up to the next heading
        groups = []
        for p in kids:
            style = p.find(f"{w('pPr')}/{w('pStyle')}")
            if style is not None and style.get(w("val")) == "FormHeading":
                group = [p]
                nxt = p.getnext()
                while nxt is not None and nxt.tag == w("p") and text_of(nxt).strip() and nxt.find(
                        f"{w('pPr')}/{w('pStyle')}[@{w('val')}='FormHeading']") is None:
                    group.append(nxt)
                    nxt = nxt.getnext()
                groups.append(group)
        return groups[::2]
    signs = [p for p in kids if "ลงชื่อ" in text_of(p) or text_of(p).strip().startswith("(")]
    group = []
    for p in signs:
        if "ลงชื่อ" in text_of(p):
            group = [p]
            nxt = p.getnext()
            while nxt is not None and nxt.tag == w("p") and text_of(nxt).strip() and "ลงชื่อ" not in text_of(nxt):
                group.append(nxt)
                nxt = nxt.getnext()
            return [group]
    return []


def text_boxes(body: etree._Element, way: str) -> None:
    for n, group in enumerate(_boxed_groups(body, "signature" if way == "vml_only" else way), 1):
        group[0].addprevious(_text_box(group, way == "vml_only", n))
        for p in group:
            body.remove(p)


def value_boxes(body: etree._Element, values: set[str]) -> None:
    """Values typed into small text boxes laid over the form's dotted blanks, as people fill a printed-looking
    form: the line keeps its dots, the box (anchored where the value stood) holds the value."""
    for n, run in enumerate(value_runs(body, values), 1):
        p = run.getparent()
        before = "".join(text_of(c) for c in p[: p.index(run)] if c.tag == w("r"))
        if p.getparent() is not body or not before.strip():
            continue
        anchor = _text_box([el("w:p", None, copy.deepcopy(run))], False, 200 + n)[0]
        run.addprevious(make_run("." * max(12, min(60, len(text_of(run))))))
        run.addprevious(anchor)
        p.remove(run)


# --------------------------------------------------------------------------- layout table
def _width(sect: etree._Element | None) -> int:
    size = sect.find(w("pgSz")) if sect is not None else None
    margins = sect.find(w("pgMar")) if sect is not None else None
    if size is None or margins is None:
        return 9071
    return int(size.get(w("w"))) - int(margins.get(w("left"))) - int(margins.get(w("right")))


def section_end(node: etree._Element) -> etree._Element | None:
    """The section properties a paragraph ends its section with (Form 3's portrait pages, then its landscape
    Gantt): such a paragraph stays in the body, or the page sizes are lost and the Gantt cut at the edge."""
    return node.find(f"{w('pPr')}/{w('sectPr')}") if node.tag == w("p") else None


def text_width(body: etree._Element) -> int:
    """The narrowest section's text width in twips (page width less the margins)."""
    sects = [section_end(p) for p in body if section_end(p) is not None] + [body.find(w("sectPr"))]
    return min(_width(s) for s in sects)


def frame(body: etree._Element, way: str) -> None:
    """The whole form inside borderless one-column layout tables, one per page section and as wide as its text
    (a landscape Gantt keeps its width): a row per form section (``frame_rows``) or one row holding it all, its
    tables nested (``frame_nested``)."""
    section: list[etree._Element] = []
    for node in [c for c in body if c.tag in (w("p"), w("tbl"))]:
        if section_end(node) is not None:
            _frame_section(section, way, _width(section_end(node)))
            section = []
        elif section or node.getprevious() is None or section_end(node.getprevious()) is None:
            section.append(node)
        # else: a new section's first paragraph (its title) stays above the frame: LibreOffice keeps the portrait
        # page size for a section that starts with a table, and the landscape Gantt is cut at the page's edge
    _frame_section(section, way, _width(body.find(w("sectPr"))))


def _frame_section(kids: list[etree._Element], way: str, text_width: int) -> None:
    if not kids:
        return
    width = str(text_width)
    tbl = el("w:tbl")
    props = el("w:tblPr", None, el("w:tblW", {"w:w": width, "w:type": "dxa"}))
    borders = el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(el(f"w:{side}", {"w:val": "nil"}))
    props.append(borders)
    tbl.append(props)
    tbl.append(el("w:tblGrid", None, el("w:gridCol", {"w:w": width})))
    rows: list[list[etree._Element]] = [[]]
    for node in kids:
        style = node.find(f"{w('pPr')}/{w('pStyle')}")
        if way == "frame_rows" and style is not None and style.get(w("val")) == "FormHeading" and rows[-1]:
            rows.append([])
        rows[-1].append(node)
    kids[0].addprevious(tbl)
    for group in rows:
        tc = el("w:tc", None, el("w:tcPr", None, el("w:tcW", {"w:w": width, "w:type": "dxa"})))
        for node in group:
            tc.append(node)
        if group[-1].tag == w("tbl"):
            tc.append(el("w:p"))  # a cell must end with a paragraph
        tbl.append(el("w:tr", None, tc))


def numbered_cells(body: etree._Element) -> None:
    """The form's numbered sections as rows of a two-column layout table: the typed number (``1.``) in a narrow
    left cell, the heading and every line and table under it up to the next numbered heading in the right."""
    kids = [c for c in body if c.tag in (w("p"), w("tbl"))]
    rows: list[tuple[str, list[etree._Element]]] = []
    for node in kids:
        style = node.find(f"{w('pPr')}/{w('pStyle')}")
        head = text_of(node).strip()
        number, _, rest = head.partition(" ")
        if (style is not None and style.get(w("val")) == "FormHeading" and number.rstrip(".").isdigit()
                and number.endswith(".") and rest):
            for t in node.iter(w("t")):  # the number leaves the heading's text
                if t.text and number in t.text:
                    t.text = t.text.replace(number, "", 1).lstrip()
                    break
            rows.append((number, [node]))
        elif rows and not (node.tag == w("p") and "ลงชื่อ" in text_of(node)) and section_end(node) is None:
            rows[-1][1].append(node)
        elif rows:
            break
    if not rows:
        return
    width, rest = str(text_width(body)), str(text_width(body) - 600)  # a landscape plan's Gantt keeps its width
    tbl = el("w:tbl", None, el("w:tblPr", None, el("w:tblW", {"w:w": width, "w:type": "dxa"})),
             el("w:tblGrid", None, el("w:gridCol", {"w:w": "600"}), el("w:gridCol", {"w:w": rest})))
    rows[0][1][0].addprevious(tbl)
    for number, group in rows:
        right = el("w:tc", None, el("w:tcPr", None, el("w:tcW", {"w:w": rest, "w:type": "dxa"})))
        for node in group:
            right.append(node)
        if group[-1].tag == w("tbl"):
            right.append(el("w:p"))
        left = el("w:tc", None, el("w:tcPr", None, el("w:tcW", {"w:w": "600", "w:type": "dxa"})),
                  el("w:p", None, make_run(number)))
        tbl.append(el("w:tr", None, left, right))


def _more_labels(runs: list[etree._Element], values: set[str]) -> bool:
    """Whether a line's part from its first value on holds another label (``ชื่อ … กอง/สำนักงาน …``): such a line
    is no label|value row, or the second label would stand in the value cell."""
    rest = "".join(text_of(c) for c in runs if text_of(c).strip() not in values)
    return bool(rest.replace(".", "").replace("…", "").strip())


LABEL_CELLS = {"width": 9071, "label": 2600}  # twips: the table as wide as the text, the label cell 130 pt


def label_geometry(rng: random.Random) -> dict[str, Any]:
    """Another user's label|value table (tuning half): widths, cell padding, font, size and row spacing drawn, so
    that the PDF reader's rows are tried on the kind of table and not on one geometry."""
    width = rng.choice((9071, 9071, 8500, 7600))
    return {"width": width, "label": rng.randrange(1500, 3800, 100), "margin": rng.choice((None, 0, 60, 180, 300)),
            "size": rng.choice((None, 28, 30, 32)), "font": rng.choice((None, None, "Norasi", "Loma", "Garuda")),
            "after": rng.choice((None, 0, 120, 240)), "line": rng.choice((None, 240, 300, 360))}


def _cell(width: int, p: etree._Element, geometry: dict[str, Any]) -> etree._Element:
    """A layout cell holding ``p``, its runs in the table's font and size and its paragraph spaced as drawn."""
    props = el("w:pPr")
    spacing = {k: str(geometry[g]) for k, g in (("w:after", "after"), ("w:line", "line")) if geometry.get(g) is not None}
    if spacing:
        if "w:line" in spacing:
            spacing["w:lineRule"] = "auto"
        props.append(el("w:spacing", spacing))
        p.insert(0, props)
    for run in p.iter(w("r")):
        if not (geometry.get("font") or geometry.get("size")):
            break
        rpr = run.find(w("rPr"))
        if rpr is None:
            rpr = el("w:rPr")
            run.insert(0, rpr)
        if geometry.get("font") and rpr.find(w("rFonts")) is None:
            font = geometry["font"]
            rpr.insert(0, el("w:rFonts", {"w:ascii": font, "w:hAnsi": font, "w:cs": font}))
        if geometry.get("size"):
            for tag in ("sz", "szCs"):
                old = rpr.find(w(tag))
                if old is not None:
                    rpr.remove(old)
                rpr.append(el(f"w:{tag}", {"w:val": str(geometry["size"])}))
    return el("w:tc", None, el("w:tcPr", None, el("w:tcW", {"w:w": str(width), "w:type": "dxa"})), p)


def label_cells(body: etree._Element, values: set[str], geometry: dict[str, Any] | None = None) -> None:
    """Lines of ``label value`` laid out as a borderless two-column table, the label in the left cell: the
    layout-table way of many agencies' own forms. Consecutive lines make one table. ``geometry``
    (``label_geometry``) draws its widths, padding, font and spacing; by default ``LABEL_CELLS``."""
    geometry = geometry or LABEL_CELLS
    label_w = geometry["label"]
    value_w = geometry["width"] - label_w
    tables: list[etree._Element] = []
    for p in [c for c in body if c.tag == w("p") and section_end(c) is None]:
        kids = list(p)
        first = next((k for k, c in enumerate(kids) if c.tag == w("r") and text_of(c).strip() in values), None)
        label = "".join(text_of(c) for c in kids[:first or 0]).strip()
        if first is None or not label or len(label) > 60 or _more_labels(kids[first:], values):
            continue
        prev = p.getprevious()
        if not (tables and prev is tables[-1]):
            tbl = el("w:tbl", None, el("w:tblPr", None, el("w:tblW", {"w:w": str(geometry["width"]), "w:type": "dxa"})),
                      el("w:tblGrid", None, el("w:gridCol", {"w:w": str(label_w)}),
                         el("w:gridCol", {"w:w": str(value_w)})))
            borders = el("w:tblBorders")
            for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
                borders.append(el(f"w:{side}", {"w:val": "nil"}))
            tbl.find(w("tblPr")).append(borders)
            if geometry.get("margin") is not None:
                tbl.find(w("tblPr")).append(el("w:tblCellMar", None, *(
                    el(f"w:{side}", {"w:w": str(geometry["margin"]), "w:type": "dxa"}) for side in ("left", "right"))))
            p.addprevious(tbl)
            tables.append(tbl)
        left = el("w:p", None, make_run(label))
        right = el("w:p")
        for c in kids[first:]:
            right.append(c)
        row = el("w:tr", None, _cell(label_w, left, geometry), _cell(value_w, right, geometry))
        tables[-1].append(row)
        body.remove(p)
