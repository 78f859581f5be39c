"""Test helpers that look inside generated DOCX files the way Word and LibreOffice resolve them."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml.ns import qn

THAI = re.compile("[\u0e00-\u0e7f]")


def paragraph_texts(path: Path) -> list[str]:
    """The text of every paragraph in the body, tables, text boxes, headers and footers."""
    document = docx.Document(str(path))
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.footer._element]
    texts = []
    for part in parts:
        for p in part.iter(qn("w:p")):
            texts.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return texts


def all_text(path: Path) -> str:
    return "\n".join(paragraph_texts(path))


def _style_chain(document, style_id: str | None):
    styles = document.styles.element
    while style_id:
        style = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
        if style is None:
            return
        yield style
        based = style.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None


def _rpr_value(rpr, tag: str, attr: str):
    if rpr is None:
        return None
    el = rpr.find(qn(tag))
    return None if el is None else el.get(qn(attr))


def thai_runs_resolved(path: Path):
    """(text, complex-script font, complex-script size in half-points, inside a table?) of every Thai run, resolved
    through run properties, the character style, the paragraph style chain, the table style and docDefaults."""
    document = docx.Document(str(path))
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    out = []
    for run in document.element.body.iter(qn("w:r")):
        text = "".join(t.text or "" for t in run.iter(qn("w:t")))
        if not THAI.search(text):
            continue
        chain = [run.find(qn("w:rPr"))]
        rstyle = _rpr_value(chain[0], "w:rStyle", "w:val")
        chain += [s.find(qn("w:rPr")) for s in _style_chain(document, rstyle)]
        p = run.getparent()
        while p is not None and p.tag != qn("w:p"):
            p = p.getparent()
        in_table = any(a.tag == qn("w:tc") for a in run.iterancestors())
        ppr = p.find(qn("w:pPr")) if p is not None else None
        pstyle = _rpr_value(ppr, "w:pStyle", "w:val") or "Normal"
        chain += [s.find(qn("w:rPr")) for s in _style_chain(document, pstyle)]
        if pstyle != "Normal":
            chain += [s.find(qn("w:rPr")) for s in _style_chain(document, "Normal")]
        chain.append(default_rpr)
        font = next((v for r in chain if (v := _rpr_value(r, "w:rFonts", "w:cs"))), None)
        size = next((v for r in chain if (v := _rpr_value(r, "w:szCs", "w:val"))), None)
        out.append((text, font, int(size) if size else None, in_table))
    return out
