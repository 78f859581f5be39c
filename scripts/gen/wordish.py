"""A filled Word form rewritten in the XML ways of other word processors: text boxes, layout tables, fields, tracks.

Each way is a style option drawn by the seed from its half (even seeds tune, odd seeds test; some ways only in the
testing half). What the document shows stays the record: a tracked deletion holds words not in the truth, a
field shows the value as its result, a text box holds the form's own paragraphs in their place.
"""

from __future__ import annotations

import copy
import random
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
NS = {"w": W, "w14": W14, "mc": MC, "wp": WP, "wps": WPS, "a": A, "v": V}

# Style options of each half: the testing half has ways the tuning half never shows.
OPTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "tune": {
        "boxes": ("keep", "gothic_sdt", "gothic_text", "bullet_gothic"),
        "text_box": ("none", "titles", "signature"),
        "layout": ("none", "frame_rows", "frame_nested", "label_cells"),
        "fields": ("none", "fld_simple", "formtext"),
        "tracked": ("none", "ins_del", "deleted_rows"),
        "breaks": ("none", "tab_after_label", "soft_break"),
        "wrappers": ("none", "hyperlink_smarttag"),
        "styles": ("keep", "thai_names", "google_docs"),
    },
    "test": {
        "boxes": ("keep", "gothic_sdt", "gothic_text", "legacy_checkbox", "bullet_wingdings"),
        "text_box": ("none", "titles", "signature", "vml_only"),
        "layout": ("none", "frame_rows", "frame_nested", "label_cells"),
        "fields": ("none", "fld_simple", "formtext", "docproperty"),
        "tracked": ("none", "ins_del", "deleted_rows", "move"),
        "breaks": ("none", "tab_after_label", "soft_break", "cr_ptab"),
        "wrappers": ("none", "hyperlink_smarttag", "customxml_perm"),
        "styles": ("keep", "thai_names", "google_docs"),
    },
}

DELETED_WORDS = ("ยกเลิก", "โครงการเดิม", "ฉบับร่าง", "แก้ไขแล้ว", "ไม่ใช้", "เดิม")  # never in the truth: not shown
THAI_STYLE_NAMES = {"Title": "ชื่อเรื่อง", "Heading1": "หัวเรื่อง 1", "Heading2": "หัวเรื่อง 2",
                    "Normal": "ปกติ", "TableGrid": "เส้นตาราง"}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _el(tag: str, attrs: dict[str, str] | None = None, *children: etree._Element) -> etree._Element:
    prefix, _, name = tag.partition(":")
    el = etree.Element(f"{{{NS[prefix]}}}{name}", nsmap={prefix: NS[prefix]})
    for key, value in (attrs or {}).items():
        p, _, n = key.partition(":")
        el.set(f"{{{NS[p]}}}{n}" if n else key, value)
    for child in children:
        el.append(child)
    return el


def _run(text: str, font: str | None = None, tag: str = "w:t") -> etree._Element:
    run = _el("w:r")
    if font:
        props = _el("w:rPr")
        props.append(_el("w:rFonts", {"w:ascii": font, "w:hAnsi": font, "w:eastAsia": font, "w:cs": font}))
        run.append(props)
    t = _el(tag)
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    return run


def _text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(_w("t")))


def _values(data: Any) -> set[str]:
    """The truth's strings (values printed into the form), to find the runs that hold them."""
    if isinstance(data, dict):
        return set().union(*(_values(v) for v in data.values())) if data else set()
    if isinstance(data, list):
        return set().union(*(_values(v) for v in data)) if data else set()
    return {data.strip()} if isinstance(data, str) and len(data.strip()) >= 4 else set()


def _value_runs(body: etree._Element, values: set[str]) -> list[etree._Element]:
    return [r for r in body.iter(_w("r")) if r.getparent().tag == _w("p") and _text(r).strip() in values
            and r.find(_w("t")) is not None and len(r.findall(_w("t"))) == 1]


# --------------------------------------------------------------------------- tick boxes
def _boxes(body: etree._Element, way: str) -> None:
    for sdt in list(body.iter(_w("sdt"))):
        box = sdt.find(f"{_w('sdtPr')}/{{{W14}}}checkbox")
        if box is None:
            continue
        checked = box.find(f"{{{W14}}}checked").get(f"{{{W14}}}val") in ("1", "true")
        glyph = "☒" if checked else "☐"
        if way == "gothic_sdt":
            box.find(f"{{{W14}}}checkedState").set(f"{{{W14}}}val", "2612")
            for state in box:
                if state.get(f"{{{W14}}}font"):
                    state.set(f"{{{W14}}}font", "MS Gothic")
            content = sdt.find(_w("sdtContent"))
            for child in list(content):
                content.remove(child)
            content.append(_run(glyph, "MS Gothic"))
            for fonts in sdt.iter(_w("rFonts")):
                for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
                    fonts.set(_w(attr), "MS Gothic")
        elif way == "gothic_text":
            sdt.addprevious(_run(glyph, "MS Gothic"))
            sdt.getparent().remove(sdt)
        elif way == "legacy_checkbox":
            run = _el("w:r")
            char = _el("w:fldChar", {"w:fldCharType": "begin"})
            ff = _el("w:ffData", None, _el("w:name", {"w:val": "Check1"}), _el("w:enabled"))
            cb = _el("w:checkBox", None, _el("w:sizeAuto"), _el("w:default", {"w:val": "1" if checked else "0"}))
            ff.append(cb)
            char.append(ff)
            run.append(char)
            sdt.addprevious(run)
            sdt.addprevious(_run(" FORMCHECKBOX ", tag="w:instrText"))
            sdt.addprevious(_el("w:r", None, _el("w:fldChar", {"w:fldCharType": "end"})))
            sdt.getparent().remove(sdt)


def _bullet_boxes(body: etree._Element, numbering: etree._Element, way: str) -> None:
    """A box at a line's start becomes the line's list bullet (☐/☒ in MS Gothic, or Wingdings' F0A8/F0FE), as
    people make tick lists; a box inside a line stays a glyph in a run."""
    glyphs = {"bullet_gothic": ("MS Gothic", "☒", "☐"), "bullet_wingdings": ("Wingdings", "\uf0fe", "\uf0a8")}[way]
    ids = {}
    first_num = numbering.find(_w("num"))
    for n, (checked, glyph) in enumerate(((True, glyphs[1]), (False, glyphs[2]))):
        abstract_id, num_id = str(90 + n), str(90 + n)
        lvl = _el("w:lvl", {"w:ilvl": "0"}, _el("w:start", {"w:val": "1"}), _el("w:numFmt", {"w:val": "bullet"}),
                  _el("w:lvlText", {"w:val": glyph}), _el("w:lvlJc", {"w:val": "left"}),
                  _el("w:pPr", None, _el("w:ind", {"w:left": "720", "w:hanging": "360"})),
                  _el("w:rPr", None, _el("w:rFonts", {"w:ascii": glyphs[0], "w:hAnsi": glyphs[0],
                                                      "w:hint": "eastAsia"})))
        abstract = _el("w:abstractNum", {"w:abstractNumId": abstract_id},
                       _el("w:multiLevelType", {"w:val": "hybridMultilevel"}), lvl)
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(_el("w:num", {"w:numId": num_id}, _el("w:abstractNumId", {"w:val": abstract_id})))
        ids[checked] = num_id
    for sdt in list(body.iter(_w("sdt"))):
        box = sdt.find(f"{_w('sdtPr')}/{{{W14}}}checkbox")
        p = sdt.getparent()
        if box is None or p.tag != _w("p"):
            continue
        before = []
        for child in p:
            if child is sdt:
                break
            before.append(child)
        if any(_text(c).strip() for c in before):
            continue  # a box inside a line
        checked = box.find(f"{{{W14}}}checked").get(f"{{{W14}}}val") in ("1", "true")
        p.remove(sdt)
        for t in p.iter(_w("t")):
            if t.text and t.text.strip():
                t.text = t.text.lstrip()
                break
        props = p.find(_w("pPr"))
        if props is None:
            props = _el("w:pPr")
            p.insert(0, props)
        props.append(_el("w:numPr", None, _el("w:ilvl", {"w:val": "0"}), _el("w:numId", {"w:val": ids[checked]})))


# --------------------------------------------------------------------------- text boxes
def _text_box(paragraphs: list[etree._Element], vml_only: bool, n: int) -> etree._Element:
    """A paragraph anchoring a floating text box that holds ``paragraphs`` (DrawingML with a VML fallback)."""
    def content() -> etree._Element:
        box = _el("w:txbxContent")
        for p in paragraphs:
            box.append(copy.deepcopy(p))
        return box

    vml = _el("w:pict", None, _el("v:shape", {"id": f"Text Box {n}", "type": "#_x0000_t202",
                                              "style": "position:absolute;margin-left:0;margin-top:0;width:450pt;"
                                                       "height:60pt;z-index:1"},
                                  _el("v:textbox", None, content())))
    if vml_only:
        return _el("w:p", None, _el("w:r", None, vml))
    anchor = _el("wp:anchor", {"distT": "0", "distB": "0", "distL": "114300", "distR": "114300", "simplePos": "0",
                               "relativeHeight": "251659264", "behindDoc": "0", "locked": "0",
                               "layoutInCell": "1", "allowOverlap": "1"})
    anchor.append(_el("wp:simplePos", {"x": "0", "y": "0"}))
    h = _el("wp:positionH", {"relativeFrom": "column"})
    off = _el("wp:posOffset")
    off.text = "0"
    h.append(off)
    anchor.append(h)
    v = _el("wp:positionV", {"relativeFrom": "paragraph"})
    off = _el("wp:posOffset")
    off.text = "0"
    v.append(off)
    anchor.append(v)
    anchor.append(_el("wp:extent", {"cx": str(5715000), "cy": str(254000 * (len(paragraphs) + 1))}))
    anchor.append(_el("wp:effectExtent", {"l": "0", "t": "0", "r": "0", "b": "0"}))
    anchor.append(_el("wp:wrapTopAndBottom"))
    anchor.append(_el("wp:docPr", {"id": str(100 + n), "name": f"Text Box {n}"}))
    anchor.append(_el("wp:cNvGraphicFramePr"))
    wsp = _el("wps:wsp", None, _el("wps:cNvSpPr", {"txBox": "1"}))
    sp = _el("wps:spPr", None, _el("a:xfrm", None, _el("a:off", {"x": "0", "y": "0"}),
                                   _el("a:ext", {"cx": "5715000", "cy": str(254000 * (len(paragraphs) + 1))})),
             _el("a:prstGeom", {"prst": "rect"}, _el("a:avLst")), _el("a:noFill"))
    wsp.append(sp)
    wsp.append(_el("wps:txbx", None, content()))
    wsp.append(_el("wps:bodyPr", {"rot": "0", "vert": "horz", "wrap": "square", "anchor": "t"}))
    anchor.append(_el("a:graphic", None, _el("a:graphicData", {"uri": WPS}, wsp)))
    choice = _el("mc:Choice", {"Requires": "wps"}, _el("w:drawing", None, anchor))
    alternate = _el("mc:AlternateContent", None, choice, _el("mc:Fallback", None, vml))
    return _el("w:p", None, _el("w:r", None, alternate))


def _boxed_groups(body: etree._Element, way: str) -> list[list[etree._Element]]:
    """Runs of consecutive top-level paragraphs to put in a text box: the title lines, or the signature lines."""
    kids = [c for c in body if c.tag == _w("p")]
    if way == "titles":
        styled = [p for p in kids if (p.find(f"{_w('pPr')}/{_w('pStyle')}") is not None
                                      and p.find(f"{_w('pPr')}/{_w('pStyle')}").get(_w("val")) == "FormTitle")]
        return [styled] if styled and all(a.getnext() is b for a, b in zip(styled, styled[1:], strict=False)) else []
    signs = [p for p in kids if "ลงชื่อ" in _text(p) or _text(p).strip().startswith("(")]
    group = []
    for p in signs:
        if "ลงชื่อ" in _text(p):
            group = [p]
            nxt = p.getnext()
            while nxt is not None and nxt.tag == _w("p") and _text(nxt).strip() and "ลงชื่อ" not in _text(nxt):
                group.append(nxt)
                nxt = nxt.getnext()
            return [group]
    return []


def _text_boxes(body: etree._Element, way: str) -> None:
    for n, group in enumerate(_boxed_groups(body, "signature" if way == "vml_only" else way), 1):
        group[0].addprevious(_text_box(group, way == "vml_only", n))
        for p in group:
            body.remove(p)


# --------------------------------------------------------------------------- layout table
def _frame(body: etree._Element, way: str) -> None:
    """The whole form inside one borderless one-column layout table: a row per section (``frame_rows``) or
    one row holding it all, its tables nested (``frame_nested``)."""
    kids = [c for c in body if c.tag in (_w("p"), _w("tbl"))]
    if not kids:
        return
    tbl = _el("w:tbl")
    props = _el("w:tblPr", None, _el("w:tblW", {"w:w": "9071", "w:type": "dxa"}))
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{side}", {"w:val": "nil"}))
    props.append(borders)
    tbl.append(props)
    tbl.append(_el("w:tblGrid", None, _el("w:gridCol", {"w:w": "9071"})))
    rows: list[list[etree._Element]] = [[]]
    for el in kids:
        style = el.find(f"{_w('pPr')}/{_w('pStyle')}")
        if way == "frame_rows" and style is not None and style.get(_w("val")) == "FormHeading" and rows[-1]:
            rows.append([])
        rows[-1].append(el)
    kids[0].addprevious(tbl)
    for group in rows:
        tc = _el("w:tc", None, _el("w:tcPr", None, _el("w:tcW", {"w:w": "9071", "w:type": "dxa"})))
        for el in group:
            tc.append(el)
        if group[-1].tag == _w("tbl"):
            tc.append(_el("w:p"))  # a cell must end with a paragraph
        tbl.append(_el("w:tr", None, tc))


def _label_cells(body: etree._Element, values: set[str]) -> None:
    """Lines of ``label value`` laid out as a borderless two-column table, the label in the left cell: the
    layout-table way of many agencies' own forms. Consecutive lines make one table."""
    tables: list[etree._Element] = []
    for p in [c for c in body if c.tag == _w("p")]:
        kids = list(p)
        first = next((k for k, c in enumerate(kids) if c.tag == _w("r") and _text(c).strip() in values), None)
        label = "".join(_text(c) for c in kids[:first or 0]).strip()
        if first is None or not label or len(label) > 60:
            continue
        prev = p.getprevious()
        if not (tables and prev is tables[-1]):
            tbl = _el("w:tbl", None, _el("w:tblPr", None, _el("w:tblW", {"w:w": "9071", "w:type": "dxa"})),
                      _el("w:tblGrid", None, _el("w:gridCol", {"w:w": "2600"}), _el("w:gridCol", {"w:w": "6471"})))
            borders = _el("w:tblBorders")
            for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
                borders.append(_el(f"w:{side}", {"w:val": "nil"}))
            tbl.find(_w("tblPr")).append(borders)
            p.addprevious(tbl)
            tables.append(tbl)
        left = _el("w:p", None, _run(label))
        right = _el("w:p")
        for c in kids[first:]:
            right.append(c)
        row = _el("w:tr", None, _el("w:tc", None, _el("w:tcPr", None, _el("w:tcW", {"w:w": "2600", "w:type": "dxa"})),
                                    left),
                  _el("w:tc", None, _el("w:tcPr", None, _el("w:tcW", {"w:w": "6471", "w:type": "dxa"})), right))
        tables[-1].append(row)
        body.remove(p)


# --------------------------------------------------------------------------- fields
def _fields(runs: list[etree._Element], way: str, rng: random.Random) -> None:
    for n, run in enumerate(runs):
        if rng.random() < 0.5:
            continue
        if way == "fld_simple":
            fld = _el("w:fldSimple", {"w:instr": f" MERGEFIELD field{n} \\* MERGEFORMAT "})
            run.addprevious(fld)
            fld.append(run)
            continue
        parent = run.getparent()
        at = parent.index(run)
        begin = _el("w:fldChar", {"w:fldCharType": "begin"})
        if way == "formtext":
            ff = _el("w:ffData", None, _el("w:name", {"w:val": f"Text{n}"}), _el("w:enabled"),
                     _el("w:textInput"))
            begin.append(ff)
            instr = " FORMTEXT "
        else:
            instr = f' DOCPROPERTY "Field{n}" \\* MERGEFORMAT '
        parts = [_el("w:r", None, begin), _run(instr, tag="w:instrText"),
                 _el("w:r", None, _el("w:fldChar", {"w:fldCharType": "separate"}))]
        for k, part in enumerate(parts):
            parent.insert(at + k, part)
        run.addnext(_el("w:r", None, _el("w:fldChar", {"w:fldCharType": "end"})))


# --------------------------------------------------------------------------- tracked changes
def _tracked(runs: list[etree._Element], way: str, rng: random.Random) -> None:
    info = {"w:id": "0", "w:author": "ผู้ตรวจ", "w:date": "2025-01-10T09:00:00Z"}
    for n, run in enumerate(runs):
        if rng.random() < 0.5:
            continue
        info = {**info, "w:id": str(900 + 3 * n)}
        deleted = _run(rng.choice(DELETED_WORDS) + " ", tag="w:delText")
        if way == "move" and n % 2:
            run.addprevious(_el("w:moveFrom", info, deleted))
            continue
        run.addprevious(_el("w:del", info, deleted))
        wrapper = _el("w:ins", {**info, "w:id": str(901 + 3 * n)})
        run.addprevious(wrapper)
        wrapper.append(run)


def _deleted_rows(root: etree._Element) -> None:
    """A copy of a table's second data row put before it as a tracked deleted row: Word shows it not."""
    info = {"w:author": "ผู้ตรวจ", "w:date": "2025-01-10T09:00:00Z"}
    for n, tbl in enumerate(root.iter(_w("tbl"))):
        rows = [r for r in tbl.findall(_w("tr"))[2:] if r.find(f".//{_w('vMerge')}") is None]
        if not rows or tbl.find(f".//{_w('tbl')}") is not None:
            continue
        row = copy.deepcopy(rows[0])
        props = row.find(_w("trPr"))
        if props is None:
            props = _el("w:trPr")
            row.insert(0, props)
        props.append(_el("w:del", {**info, "w:id": str(700 + n)}))
        for run in list(row.iter(_w("r"))):
            for t in run.findall(_w("t")):
                t.tag = _w("delText")
            wrapper = _el("w:del", {**info, "w:id": str(750 + n)})
            run.addprevious(wrapper)
            wrapper.append(run)
        for p in row.iter(_w("p")):
            ppr = p.find(_w("pPr"))
            if ppr is None:
                ppr = _el("w:pPr")
                p.insert(0, ppr)
            ppr.append(_el("w:rPr", None, _el("w:del", {**info, "w:id": str(780 + n)})))
        rows[0].addprevious(row)


# --------------------------------------------------------------------------- breaks and tabs
def _breaks(body: etree._Element, runs: list[etree._Element], way: str, rng: random.Random) -> None:
    if way in ("tab_after_label", "cr_ptab"):
        for run in runs:
            prev = run.getprevious()
            t = prev.find(_w("t")) if prev is not None and prev.tag == _w("r") else None
            if t is not None and t.text and t.text.endswith(" ") and len(t.text.strip()) > 2:
                t.text = t.text.rstrip()
                run.addprevious(_el("w:r", None, _el("w:ptab" if way == "cr_ptab" else "w:tab",
                                                     {"w:relativeTo": "margin", "w:alignment": "left",
                                                      "w:leader": "none"} if way == "cr_ptab" else None)))
    if way in ("soft_break", "cr_ptab"):
        for run in runs:
            t = run.find(_w("t"))
            words = (t.text or "").split(" ")
            if len(words) < 4 or rng.random() < 0.5:
                continue
            cut = rng.randrange(1, len(words) - 1)
            t.text = " ".join(words[:cut])
            tail = _run(" ".join(words[cut:]))
            run.addnext(tail)
            run.addnext(_el("w:r", None, _el("w:cr" if way == "cr_ptab" else "w:br")))


# --------------------------------------------------------------------------- wrappers
def _wrappers(body: etree._Element, runs: list[etree._Element], way: str, rng: random.Random) -> None:
    for n, run in enumerate(runs):
        pick = rng.random()
        if pick < 0.3:
            continue
        if way == "hyperlink_smarttag":
            wrapper = (_el("w:hyperlink", {"w:anchor": f"_Toc{n:05d}", "w:history": "1"}) if pick < 0.6
                       else _el("w:smartTag", {"w:uri": "urn:schemas-microsoft-com:office:smarttags",
                                               "w:element": "PersonName"}))
        else:
            wrapper = _el("w:customXml", {"w:uri": "urn:bma:forms", "w:element": f"value{n}"})
        run.addprevious(_el("w:bookmarkStart", {"w:id": str(n), "w:name": f"_GoBack{n}"}))
        if way == "customxml_perm":
            run.addprevious(_el("w:permStart", {"w:id": str(500 + n), "w:edGrp": "everyone"}))
        run.addprevious(wrapper)
        wrapper.append(run)
        wrapper.addnext(_el("w:bookmarkEnd", {"w:id": str(n)}))
        if rng.random() < 0.5:
            wrapper.addprevious(_el("w:proofErr", {"w:type": "spellStart"}))
            wrapper.addnext(_el("w:proofErr", {"w:type": "spellEnd"}))


# --------------------------------------------------------------------------- styles
def _split_anywhere(body: etree._Element, rng: random.Random) -> None:
    """Google Docs' runs: every run with its own direct formatting, text cut at any character."""
    for run in list(body.iter(_w("r"))):
        ts = run.findall(_w("t"))
        if len(ts) != 1 or len(ts[0].text or "") < 6 or rng.random() < 0.5:
            continue
        text = ts[0].text
        cut = rng.randrange(1, len(text) - 1)
        ts[0].text = text[:cut]
        ts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        tail = copy.deepcopy(run)
        tail.find(_w("t")).text = text[cut:]
        run.addnext(tail)
    for run in body.iter(_w("r")):
        props = run.find(_w("rPr"))
        if props is None:
            props = _el("w:rPr")
            run.insert(0, props)
        style = props.find(_w("rStyle"))
        if style is not None:
            props.remove(style)
            props.insert(0, _el("w:b"))
        if props.find(_w("rFonts")) is None:
            props.insert(0, _el("w:rFonts", {"w:ascii": "Sarabun", "w:hAnsi": "Sarabun", "w:cs": "Sarabun",
                                             "w:eastAsia": "Sarabun"}))
        for tag, val in (("w:color", "000000"), ("w:sz", "32"), ("w:szCs", "32")):
            props.append(_el(tag, {"w:val": val}))
    for p in body.iter(_w("p")):
        style = p.find(f"{_w('pPr')}/{_w('pStyle')}")
        if style is not None and style.get(_w("val")).startswith("Form"):
            style.getparent().remove(style)
    for tc in body.iter(_w("tc")):
        props = tc.find(_w("tcPr"))
        if props is not None and props.find(_w("tcW")) is None:
            props.insert(0, _el("w:tcW", {"w:w": "2000", "w:type": "dxa"}))


def _thai_styles(styles: etree._Element, body: etree._Element) -> None:
    """Style ids and names as a Thai Word writes them (``หัวเรื่อง1`` / ``หัวเรื่อง 1``)."""
    renamed = {}
    for style in styles.iter(_w("style")):
        sid = style.get(_w("styleId"), "")
        name = style.find(_w("name"))
        thai = THAI_STYLE_NAMES.get(sid) or (f"แบบฟอร์ม{sid[4:]}" if sid.startswith("Form") else None)
        if thai:
            renamed[sid] = thai.replace(" ", "")
            style.set(_w("styleId"), renamed[sid])
            if name is not None:
                name.set(_w("val"), thai)
    for tree in (styles, body):
        for tag in ("pStyle", "rStyle", "basedOn", "next", "link", "tblStyle"):
            for el in tree.iter(_w(tag)):
                if el.get(_w("val")) in renamed:
                    el.set(_w("val"), renamed[el.get(_w("val"))])


# --------------------------------------------------------------------------- the whole file
def draw_style(seed: int, half: str) -> dict[str, str]:
    rng = random.Random(f"wordish:{seed}")
    style = {name: rng.choice(ways) for name, ways in OPTIONS[half].items()}
    if all(v in ("none", "keep") for v in style.values()):
        style["fields"] = OPTIONS[half]["fields"][1]
    return style


def rewrite_docx(src: Path, out: Path, seed: int, half: str, truth_fields: dict[str, Any]) -> dict[str, str]:
    """``src`` rewritten in the style the seed draws from its half, to ``out``; returns the style."""
    style = draw_style(seed, half)
    rng = random.Random(f"wordish-runs:{seed}")
    with zipfile.ZipFile(src) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    doc = etree.fromstring(parts["word/document.xml"])
    styles = etree.fromstring(parts["word/styles.xml"])
    body = doc.find(_w("body"))
    values = _values(truth_fields)
    numbering = etree.fromstring(parts["word/numbering.xml"]) if "word/numbering.xml" in parts else None
    if style["boxes"].startswith("bullet_") and numbering is not None:
        _bullet_boxes(body, numbering, style["boxes"])
        _boxes(body, "gothic_text")
        parts["word/numbering.xml"] = etree.tostring(numbering, xml_declaration=True, encoding="UTF-8",
                                                     standalone=True)
    elif style["boxes"] != "keep":
        _boxes(body, style["boxes"])
    if style["layout"] == "label_cells":
        _label_cells(body, values)
    if style["tracked"] == "deleted_rows":
        _deleted_rows(body)
    if style["breaks"] != "none":
        _breaks(body, _value_runs(body, values), style["breaks"], rng)
    if style["fields"] != "none":
        _fields(_value_runs(body, values), style["fields"], rng)
    if style["tracked"] != "none":
        _tracked(_value_runs(body, values), style["tracked"], rng)
    if style["wrappers"] != "none":
        _wrappers(body, _value_runs(body, values), style["wrappers"], rng)
    if style["text_box"] != "none":
        _text_boxes(body, style["text_box"])
    if style["layout"] not in ("none", "label_cells"):
        _frame(body, style["layout"])
    if style["styles"] == "thai_names":
        _thai_styles(styles, body)
    elif style["styles"] == "google_docs":
        _split_anywhere(body, rng)
    parts["word/document.xml"] = etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["word/styles.xml"] = etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)
    with tempfile.TemporaryDirectory(prefix="gen-wordish-") as tmp:
        staged = Path(tmp) / "form.docx"
        with zipfile.ZipFile(staged, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in parts.items():
                package.writestr(name, data)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(staged, out)
    return style
