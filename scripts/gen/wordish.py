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

from scripts.gen.wordish_layout import frame, label_cells, label_geometry, numbered_cells, text_boxes, value_boxes
from scripts.gen.wordxml import W14, el, make_run, properties, text_of, truth_values, value_runs, w

# Style options of each half: the testing half has ways the tuning half never shows.
OPTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "tune": {
        "boxes": ("keep", "gothic_sdt", "gothic_text", "bullet_gothic"),
        "text_box": ("none", "titles", "signature", "heading_value", "table", "values"),
        "layout": ("none", "frame_rows", "frame_nested", "label_cells", "numbered_cells"),
        "fields": ("none", "fld_simple", "formtext"),
        "tracked": ("none", "ins_del", "deleted_rows", "joined_lines"),
        "breaks": ("none", "tab_after_label", "soft_break", "break_after_label", "tabs_in_value"),
        "wrappers": ("none", "hyperlink_smarttag"),
        "styles": ("keep", "thai_names", "google_docs"),
        "merges": ("span", "hmerge"),
    },
    "test": {
        "boxes": ("keep", "gothic_sdt", "gothic_text", "legacy_checkbox", "bullet_wingdings"),
        "text_box": ("none", "titles", "signature", "heading_value", "table", "values", "vml_only"),
        "layout": ("none", "frame_rows", "frame_nested", "label_cells", "numbered_cells"),
        "fields": ("none", "fld_simple", "formtext", "docproperty"),
        "tracked": ("none", "ins_del", "deleted_rows", "joined_lines", "move"),
        "breaks": ("none", "tab_after_label", "soft_break", "break_after_label", "cr_ptab"),
        "wrappers": ("none", "hyperlink_smarttag", "customxml_perm"),
        "styles": ("keep", "thai_names", "google_docs"),
        "merges": ("span", "hmerge"),
    },
}

DELETED_WORDS = ("ยกเลิก", "โครงการเดิม", "ฉบับร่าง", "แก้ไขแล้ว", "ไม่ใช้", "เดิม")  # never in the truth: not shown
THAI_STYLE_NAMES = {"Title": "ชื่อเรื่อง", "Heading1": "หัวเรื่อง 1", "Heading2": "หัวเรื่อง 2",
                    "Normal": "ปกติ", "TableGrid": "เส้นตาราง"}


# --------------------------------------------------------------------------- tick boxes
def _boxes(body: etree._Element, way: str) -> None:
    for sdt in list(body.iter(w("sdt"))):
        box = sdt.find(f"{w('sdtPr')}/{{{W14}}}checkbox")
        if box is None:
            continue
        checked = box.find(f"{{{W14}}}checked").get(f"{{{W14}}}val") in ("1", "true")
        glyph = "☒" if checked else "☐"
        if way == "gothic_sdt":
            box.find(f"{{{W14}}}checkedState").set(f"{{{W14}}}val", "2612")
            for state in box:
                if state.get(f"{{{W14}}}font"):
                    state.set(f"{{{W14}}}font", "MS Gothic")
            content = sdt.find(w("sdtContent"))
            for child in list(content):
                content.remove(child)
            content.append(make_run(glyph, "MS Gothic"))
            for fonts in sdt.iter(w("rFonts")):
                for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
                    fonts.set(w(attr), "MS Gothic")
        elif way == "gothic_text":
            sdt.addprevious(make_run(glyph, "MS Gothic"))
            sdt.getparent().remove(sdt)
        elif way == "legacy_checkbox":
            run = el("w:r")
            char = el("w:fldChar", {"w:fldCharType": "begin"})
            ff = el("w:ffData", None, el("w:name", {"w:val": "Check1"}), el("w:enabled"))
            cb = el("w:checkBox", None, el("w:sizeAuto"), el("w:default", {"w:val": "1" if checked else "0"}))
            ff.append(cb)
            char.append(ff)
            run.append(char)
            sdt.addprevious(run)
            sdt.addprevious(make_run(" FORMCHECKBOX ", tag="w:instrText"))
            sdt.addprevious(el("w:r", None, el("w:fldChar", {"w:fldCharType": "end"})))
            sdt.getparent().remove(sdt)


def _bullet_boxes(body: etree._Element, numbering: etree._Element, way: str) -> None:
    """A box at a line's start becomes the line's list bullet (☐/☒ in MS Gothic, or Wingdings' F0A8/F0FE), as
    people make tick lists; a box inside a line stays a glyph in a run."""
    glyphs = {"bullet_gothic": ("MS Gothic", "☒", "☐"), "bullet_wingdings": ("Wingdings", "\uf0fe", "\uf0a8")}[way]
    ids = {}
    first_num = numbering.find(w("num"))
    for n, (checked, glyph) in enumerate(((True, glyphs[1]), (False, glyphs[2]))):
        abstract_id, num_id = str(90 + n), str(90 + n)
        lvl = el("w:lvl", {"w:ilvl": "0"}, el("w:start", {"w:val": "1"}), el("w:numFmt", {"w:val": "bullet"}),
                  el("w:lvlText", {"w:val": glyph}), el("w:lvlJc", {"w:val": "left"}),
                  el("w:pPr", None, el("w:ind", {"w:left": "720", "w:hanging": "360"})),
                  el("w:rPr", None, el("w:rFonts", {"w:ascii": glyphs[0], "w:hAnsi": glyphs[0],
                                                      "w:hint": "eastAsia"})))
        abstract = el("w:abstractNum", {"w:abstractNumId": abstract_id},
                       el("w:multiLevelType", {"w:val": "hybridMultilevel"}), lvl)
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(el("w:num", {"w:numId": num_id}, el("w:abstractNumId", {"w:val": abstract_id})))
        ids[checked] = num_id
    for sdt in list(body.iter(w("sdt"))):
        box = sdt.find(f"{w('sdtPr')}/{{{W14}}}checkbox")
        p = sdt.getparent()
        if box is None or p.tag != w("p"):
            continue
        before = []
        for child in p:
            if child is sdt:
                break
            before.append(child)
        if any(text_of(c).strip() for c in before):
            continue  # a box inside a line
        checked = box.find(f"{{{W14}}}checked").get(f"{{{W14}}}val") in ("1", "true")
        p.remove(sdt)
        for t in p.iter(w("t")):
            if t.text and t.text.strip():
                t.text = t.text.lstrip()
                break
        props = properties(p, "w:pPr")
        props.append(el("w:numPr", None, el("w:ilvl", {"w:val": "0"}), el("w:numId", {"w:val": ids[checked]})))


# --------------------------------------------------------------------------- fields
def _fields(runs: list[etree._Element], way: str, rng: random.Random) -> None:
    for n, run in enumerate(runs):
        if rng.random() < 0.5:
            continue
        if way == "fld_simple":
            fld = el("w:fldSimple", {"w:instr": f" MERGEFIELD field{n} \\* MERGEFORMAT "})
            run.addprevious(fld)
            fld.append(run)
            continue
        parent = run.getparent()
        at = parent.index(run)
        begin = el("w:fldChar", {"w:fldCharType": "begin"})
        if way == "formtext":
            ff = el("w:ffData", None, el("w:name", {"w:val": f"Text{n}"}), el("w:enabled"),
                     el("w:textInput"))
            begin.append(ff)
            instr = " FORMTEXT "
        else:
            instr = f' DOCPROPERTY "Field{n}" \\* MERGEFORMAT '
        parts = [el("w:r", None, begin), make_run(instr, tag="w:instrText"),
                 el("w:r", None, el("w:fldChar", {"w:fldCharType": "separate"}))]
        for k, part in enumerate(parts):
            parent.insert(at + k, part)
        run.addnext(el("w:r", None, el("w:fldChar", {"w:fldCharType": "end"})))


# --------------------------------------------------------------------------- tracked changes
def _tracked(runs: list[etree._Element], way: str, rng: random.Random) -> None:
    info = {"w:id": "0", "w:author": "ผู้ตรวจ", "w:date": "2025-01-10T09:00:00Z"}
    for n, run in enumerate(runs):
        if rng.random() < 0.5:
            continue
        info = {**info, "w:id": str(900 + 3 * n)}
        deleted = make_run(rng.choice(DELETED_WORDS) + " ", tag="w:delText")
        if way == "move" and n % 2:
            run.addprevious(el("w:moveFrom", info, deleted))
            continue
        run.addprevious(el("w:del", info, deleted))
        wrapper = el("w:ins", {**info, "w:id": str(901 + 3 * n)})
        run.addprevious(wrapper)
        wrapper.append(run)


def _joined_lines(body: etree._Element, runs: list[etree._Element], rng: random.Random) -> None:
    """A long value cut into two paragraphs whose first mark is a tracked deletion: Word shows one paragraph (the
    author joined two lines back), the value whole."""
    info = {"w:author": "ผู้ตรวจ", "w:date": "2025-01-10T09:00:00Z"}
    for n, run in enumerate(runs):
        t = run.find(w("t"))
        words = (t.text or "").split(" ")
        p = run.getparent()
        if len(words) < 4 or rng.random() < 0.5 or p.getparent().tag != w("body"):
            continue
        cut = rng.randrange(1, len(words) - 1)
        t.text = " ".join(words[:cut]) + " "
        rest = copy.deepcopy(p)
        for child in list(rest):
            if child.tag != w("pPr"):
                rest.remove(child)
        rest.append(make_run(" ".join(words[cut:])))
        for later in list(run.itersiblings()):
            rest.append(later)
        p.addnext(rest)
        ppr = properties(p, "w:pPr")
        ppr.append(el("w:rPr", None, el("w:del", {**info, "w:id": str(600 + n)})))


def _deleted_rows(root: etree._Element) -> None:
    """A copy of a middle data row of each table put before it as a tracked deleted row: Word shows it not."""
    info = {"w:author": "ผู้ตรวจ", "w:date": "2025-01-10T09:00:00Z"}
    for n, tbl in enumerate(root.iter(w("tbl"))):
        rows = [r for r in tbl.findall(w("tr"))[2:] if r.find(f".//{w('vMerge')}") is None]
        if not rows or tbl.find(f".//{w('tbl')}") is not None:
            continue
        row = copy.deepcopy(rows[len(rows) // 2])
        props = properties(row, "w:trPr")
        props.append(el("w:del", {**info, "w:id": str(700 + n)}))
        for run in list(row.iter(w("r"))):
            for t in run.findall(w("t")):
                t.tag = w("delText")
            wrapper = el("w:del", {**info, "w:id": str(750 + n)})
            run.addprevious(wrapper)
            wrapper.append(run)
        for p in row.iter(w("p")):
            ppr = properties(p, "w:pPr")
            ppr.append(el("w:rPr", None, el("w:del", {**info, "w:id": str(780 + n)})))
        rows[len(rows) // 2].addprevious(row)


# --------------------------------------------------------------------------- breaks and tabs
def _breaks(body: etree._Element, runs: list[etree._Element], way: str, rng: random.Random) -> None:
    if way == "break_after_label":  # the value on the next line of the same paragraph
        for run in runs:
            prev = run.getprevious()
            t = prev.find(w("t")) if prev is not None and prev.tag == w("r") else None
            if t is not None and t.text and len(t.text.strip()) > 2 and rng.random() < 0.6:
                t.text = t.text.rstrip()
                run.addprevious(el("w:r", None, el("w:br")))
    if way == "tabs_in_value":  # a tab typed for a space inside a value
        for run in runs:
            t = run.find(w("t"))
            if " " in (t.text or "").strip() and rng.random() < 0.5:
                head, _, tail = t.text.partition(" ")
                t.text = head
                run.addnext(make_run(tail))
                run.addnext(el("w:r", None, el("w:tab")))
    if way in ("tab_after_label", "cr_ptab"):
        for run in runs:
            prev = run.getprevious()
            t = prev.find(w("t")) if prev is not None and prev.tag == w("r") else None
            if t is not None and t.text and t.text.endswith(" ") and len(t.text.strip()) > 2:
                t.text = t.text.rstrip()
                run.addprevious(el("w:r", None, el("w:ptab" if way == "cr_ptab" else "w:tab",
                                                     {"w:relativeTo": "margin", "w:alignment": "left",
                                                      "w:leader": "none"} if way == "cr_ptab" else None)))
    if way in ("soft_break", "cr_ptab"):
        for run in runs:
            t = run.find(w("t"))
            words = (t.text or "").split(" ")
            if len(words) < 4 or rng.random() < 0.5:
                continue
            cut = rng.randrange(1, len(words) - 1)
            t.text = " ".join(words[:cut])
            tail = make_run(" ".join(words[cut:]))
            run.addnext(tail)
            run.addnext(el("w:r", None, el("w:cr" if way == "cr_ptab" else "w:br")))


# --------------------------------------------------------------------------- wrappers
def _wrappers(body: etree._Element, runs: list[etree._Element], way: str, rng: random.Random) -> None:
    for n, run in enumerate(runs):
        pick = rng.random()
        if pick < 0.3:
            continue
        if way == "hyperlink_smarttag":
            wrapper = (el("w:hyperlink", {"w:anchor": f"_Toc{n:05d}", "w:history": "1"}) if pick < 0.6
                       else el("w:smartTag", {"w:uri": "urn:schemas-microsoft-com:office:smarttags",
                                               "w:element": "PersonName"}))
        else:
            wrapper = el("w:customXml", {"w:uri": "urn:bma:forms", "w:element": f"value{n}"})
        run.addprevious(el("w:bookmarkStart", {"w:id": str(n), "w:name": f"_GoBack{n}"}))
        if way == "customxml_perm":
            run.addprevious(el("w:permStart", {"w:id": str(500 + n), "w:edGrp": "everyone"}))
        run.addprevious(wrapper)
        wrapper.append(run)
        wrapper.addnext(el("w:bookmarkEnd", {"w:id": str(n)}))
        if rng.random() < 0.5:
            wrapper.addprevious(el("w:proofErr", {"w:type": "spellStart"}))
            wrapper.addnext(el("w:proofErr", {"w:type": "spellEnd"}))


# --------------------------------------------------------------------------- styles
def _split_anywhere(body: etree._Element, rng: random.Random) -> None:
    """Google Docs' runs: every run with its own direct formatting, text cut at any character."""
    for run in list(body.iter(w("r"))):
        ts = run.findall(w("t"))
        if len(ts) != 1 or len(ts[0].text or "") < 6 or rng.random() < 0.5:
            continue
        text = ts[0].text
        cut = rng.randrange(1, len(text) - 1)
        ts[0].text = text[:cut]
        ts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        tail = copy.deepcopy(run)
        tail.find(w("t")).text = text[cut:]
        run.addnext(tail)
    for run in body.iter(w("r")):
        props = properties(run, "w:rPr")
        style = props.find(w("rStyle"))
        if style is not None:
            props.remove(style)
            props.insert(0, el("w:b"))
        if props.find(w("rFonts")) is None:
            props.insert(0, el("w:rFonts", {"w:ascii": "Sarabun", "w:hAnsi": "Sarabun", "w:cs": "Sarabun",
                                             "w:eastAsia": "Sarabun"}))
        for tag, val in (("w:color", "000000"), ("w:sz", "32"), ("w:szCs", "32")):
            props.append(el(tag, {"w:val": val}))
    for p in body.iter(w("p")):
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        if style is not None and style.get(w("val")).startswith("Form"):
            style.getparent().remove(style)
    for tc in body.iter(w("tc")):
        props = tc.find(w("tcPr"))
        if props is not None and props.find(w("tcW")) is None:
            props.insert(0, el("w:tcW", {"w:w": "2000", "w:type": "dxa"}))


def _hmerge(body: etree._Element) -> None:
    """Cells spanning columns written as Word 97 did (and converters still do): one cell per grid column, the
    first ``w:hMerge restart``, the others ``continue`` and empty, no ``w:gridSpan``."""
    for span in list(body.iter(w("gridSpan"))):
        count = int(span.get(w("val"), "1"))
        props = span.getparent()
        tc = props.getparent()
        if count < 2 or tc.tag != w("tc"):
            continue
        props.remove(span)
        props.append(el("w:hMerge", {"w:val": "restart"}))
        for _ in range(count - 1):
            rest = el("w:tc", None, el("w:tcPr", None, el("w:hMerge")), el("w:p"))
            shading = props.find(w("shd"))
            if shading is not None:
                rest.find(w("tcPr")).append(copy.deepcopy(shading))
            tc.addnext(rest)


def _thai_styles(styles: etree._Element, body: etree._Element) -> None:
    """Style ids and names as a Thai Word writes them (``หัวเรื่อง1`` / ``หัวเรื่อง 1``)."""
    renamed = {}
    for style in styles.iter(w("style")):
        sid = style.get(w("styleId"), "")
        name = style.find(w("name"))
        thai = THAI_STYLE_NAMES.get(sid) or (f"แบบฟอร์ม{sid[4:]}" if sid.startswith("Form") else None)
        if thai:
            renamed[sid] = thai.replace(" ", "")
            style.set(w("styleId"), renamed[sid])
            if name is not None:
                name.set(w("val"), thai)
    for tree in (styles, body):
        for tag in ("pStyle", "rStyle", "basedOn", "next", "link", "tblStyle"):
            for node in tree.iter(w(tag)):
                if node.get(w("val")) in renamed:
                    node.set(w("val"), renamed[node.get(w("val"))])


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
    body = doc.find(w("body"))
    values = truth_values(truth_fields)
    numbering = etree.fromstring(parts["word/numbering.xml"]) if "word/numbering.xml" in parts else None
    if style["boxes"].startswith("bullet_") and numbering is not None:
        _bullet_boxes(body, numbering, style["boxes"])
        _boxes(body, "gothic_text")
        parts["word/numbering.xml"] = etree.tostring(numbering, xml_declaration=True, encoding="UTF-8",
                                                     standalone=True)
    elif style["boxes"] != "keep":
        _boxes(body, style["boxes"])
    if style["layout"] == "label_cells":  # the testing half keeps one geometry: its files stay as measured
        label_cells(body, values, label_geometry(random.Random(f"wordish-table:{seed}")) if half == "tune" else None)
    if style["tracked"] == "deleted_rows":
        _deleted_rows(body)
    if style["tracked"] == "joined_lines":
        _joined_lines(body, value_runs(body, values), rng)
    if style["breaks"] != "none":
        _breaks(body, value_runs(body, values), style["breaks"], rng)
    if style["fields"] != "none":
        _fields(value_runs(body, values), style["fields"], rng)
    if style["tracked"] not in ("none", "joined_lines"):
        _tracked(value_runs(body, values), style["tracked"], rng)
    if style["wrappers"] != "none":
        _wrappers(body, value_runs(body, values), style["wrappers"], rng)
    if style["text_box"] == "values":
        value_boxes(body, values)
    elif style["text_box"] != "none":
        text_boxes(body, style["text_box"])
    if style["layout"] == "numbered_cells":
        numbered_cells(body)
    elif style["layout"] not in ("none", "label_cells"):
        frame(body, style["layout"])
    if style["merges"] == "hmerge":
        _hmerge(body)
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
