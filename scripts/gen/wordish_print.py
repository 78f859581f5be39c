"""The wordish DOCX made ready to print as its sender sends it, printed to PDF by LibreOffice (``--producer wordish-pdf``)."""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from lxml import etree

from pipeline.office import convert_to_pdf
from scripts.gen.wordish_layout import text_width
from scripts.gen.wordxml import NS, el, text_of, w

EMU_PER_PT = 12700
PT_PER_CHAR = 9  # a spacing Thai character at the forms' 16 pt (about 8), a little wide so that a box holds it
BOX_PT_PER_CHAR = 13  # a box wider than its text (it is transparent): a fallback font (DejaVu for Sarabun) is wider


def accept_tracked(body: etree._Element) -> None:
    """Every tracked change accepted, as a clerk does before printing the copy to send (a printout with struck
    words and a reviewer's balloons is a draft): deletions and moved-away text go, insertions stay, a deleted
    row goes, a paragraph whose mark is deleted runs on into the next."""
    for tag in ("del", "moveFrom"):
        for node in list(body.iter(w(tag))):
            parent = node.getparent()
            if parent.tag == w("rPr") and parent.getparent().tag == w("pPr"):
                continue  # a deleted paragraph mark: joined below
            if parent.tag == w("trPr"):
                row = parent.getparent()
                row.getparent().remove(row)
                continue
            parent.remove(node)
    for tag in ("ins", "moveTo"):
        for node in list(body.iter(w(tag))):
            parent = node.getparent()
            if parent is None or parent.tag in (w("rPr"), w("trPr")):
                continue
            at = parent.index(node)
            for k, child in enumerate(list(node)):
                parent.insert(at + k, child)
            parent.remove(node)
    for mark in list(body.iter(w("del"))):
        props = mark.getparent()
        p = props.getparent().getparent()
        props.remove(mark)
        nxt = p.getnext()
        if nxt is None or nxt.tag != w("p"):
            continue
        for child in list(nxt):
            if child.tag != w("pPr"):
                p.append(child)
        nxt.getparent().remove(nxt)


def _spacing(text: str) -> int:
    """Characters that take room on the line (Thai vowels above or below and tone marks take none)."""
    return sum(1 for c in text if not unicodedata.combining(c) and c not in "\u0e31\u0e34\u0e35\u0e36\u0e37"
               "\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d")


def place_value_boxes(body: etree._Element) -> None:
    """Value text boxes laid over the dots of their own line, as the person drags them there: anchored at the
    dots' first character, no wrapping (the line keeps its place), the box as wide as its text, no inner margin.
    As made for the DOCX route they sit at the column's left edge pushing the text apart, which no one sends."""
    line_pt = text_width(body) / 20
    for anchor in list(body.iter(f"{{{NS['wp']}}}anchor")):
        doc_pr = anchor.find(f"{{{NS['wp']}}}docPr")
        if doc_pr is None or int(doc_pr.get("id", "0")) < 300:  # value boxes are numbered from 200 + 100
            continue
        run = anchor.getparent().getparent().getparent().getparent()  # wp:anchor < w:drawing < Choice < AC < w:r
        dots = run.getprevious()
        text = text_of(anchor.find(f".//{{{NS['wps']}}}txbx"))
        p = run.getparent()
        label = "".join(text_of(c) for c in p[: p.index(run)] if c is not dots).strip()
        if not (dots is not None and dots.tag == w("r") and set(text_of(dots)) == {"."}):
            continue
        if (_spacing(label) + 1.2 * _spacing(text) + 2) * PT_PER_CHAR > line_pt:
            # A value longer than the room left on its line is typed on the line, not boxed: a box would run
            # off the page or over the next line, and nobody sends that.
            for child in anchor.find(f".//{{{NS['wps']}}}txbx").iter(w("r")):
                run.addprevious(child)
            p.remove(run)
            p.remove(dots)
            continue
        dots.addprevious(run)
        # Dots as long as the value (a dot is about half a Thai letter wide), or the box covers the next label.
        dots.find(w("t")).text = "." * int(2.2 * _spacing(text) + 4)
        width = int((BOX_PT_PER_CHAR * _spacing(text) + 12) * EMU_PER_PT)
        height = int(22 * EMU_PER_PT)
        anchor.find(f"{{{NS['wp']}}}positionH").set("relativeFrom", "character")
        anchor.find(f"{{{NS['wp']}}}positionV").set("relativeFrom", "line")
        anchor.find(f"{{{NS['wp']}}}positionV/{{{NS['wp']}}}posOffset").text = str(-4 * EMU_PER_PT)
        anchor.find(f"{{{NS['wp']}}}extent").set("cx", str(width))
        anchor.find(f"{{{NS['wp']}}}extent").set("cy", str(height))
        wrap = anchor.find(f"{{{NS['wp']}}}wrapTopAndBottom")
        wrap.addprevious(el("wp:wrapNone"))
        anchor.remove(wrap)
        ext = anchor.find(f".//{{{NS['a']}}}ext")
        ext.set("cx", str(width))
        ext.set("cy", str(height))
        body_pr = anchor.find(f".//{{{NS['wps']}}}bodyPr")
        for side in ("lIns", "tIns", "rIns", "bIns"):
            body_pr.set(side, "0")
        body_pr.set("wrap", "none")


def widen_table_boxes(body: etree._Element) -> None:
    """A text box holding a table as wide as the room its anchor has (the page's text, or the cell it stands in):
    a landscape plan's Gantt squeezed into a box of portrait width drew its step names outside the box."""
    for anchor in body.iter(f"{{{NS['wp']}}}anchor"):
        if anchor.find(f".//{w('tbl')}") is None:
            continue
        cell = next((a for a in anchor.iterancestors(w("tc"))), None)
        cell_width = cell.find(f"{w('tcPr')}/{w('tcW')}") if cell is not None else None
        twips = int(cell_width.get(w("w"))) - 220 if cell_width is not None else text_width(body)
        anchor.find(f"{{{NS['wp']}}}extent").set("cx", str(twips * 635))
        anchor.find(f".//{{{NS['a']}}}ext").set("cx", str(twips * 635))


def print_pdf(docx: Path, out: Path, value_boxes: bool) -> Path:
    """``docx`` with its changes accepted (and value boxes placed) printed by LibreOffice to ``out``."""
    with zipfile.ZipFile(docx) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    doc = etree.fromstring(parts["word/document.xml"])
    body = doc.find(w("body"))
    accept_tracked(body)
    if value_boxes:
        place_value_boxes(body)
    for box in body.iter(f"{{{NS['wps']}}}bodyPr"):
        if box.find(f"{{{NS['a']}}}spAutoFit") is None:
            box.append(el("a:spAutoFit"))  # a box grows to hold its lines and tables, as Word's "resize to fit"
    widen_table_boxes(body)
    parts["word/document.xml"] = etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)
    with tempfile.TemporaryDirectory(prefix="gen-wordish-pdf-") as tmp:
        staged = Path(tmp) / f"{out.stem}.docx"
        with zipfile.ZipFile(staged, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in parts.items():
                package.writestr(name, data)
        pdf = convert_to_pdf([staged], Path(tmp))[0]
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(pdf, out)
    return out
