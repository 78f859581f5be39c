"""Tick boxes of a generated DOCX rewritten as Wingdings ``w:sym`` runs, as Word writes them, before a re-save."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

SYMS = {"☑": "F0FE", "☐": "F0A8"}


def ticks_as_wingdings(src: Path, out: Path) -> Path:
    """Each run holding only ☑ or ☐ becomes ``<w:sym w:font="Wingdings" w:char="F0FE|F0A8"/>``."""
    document = docx.Document(str(src))
    for run_el in list(document.element.body.iter(qn("w:r"))):
        text = "".join(t.text or "" for t in run_el.findall(qn("w:t")))
        if text.strip() in SYMS:
            new = parse_xml(f'<w:r {nsdecls("w")}><w:sym w:font="Wingdings" w:char="{SYMS[text.strip()]}"/></w:r>')
            run_el.addprevious(new)
            if text != text.strip():
                tail = parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> </w:t></w:r>')
                run_el.addprevious(tail)
            run_el.getparent().remove(run_el)
    document.save(str(out))
    return out
