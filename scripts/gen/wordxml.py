"""WordprocessingML building blocks for the DOCX rewriters of the generators: namespaces, elements, runs, values."""

from __future__ import annotations

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


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def el(tag: str, attrs: dict[str, str] | None = None, *children: etree._Element) -> etree._Element:
    prefix, _, name = tag.partition(":")
    el = etree.Element(f"{{{NS[prefix]}}}{name}", nsmap={prefix: NS[prefix]})
    for key, value in (attrs or {}).items():
        p, _, n = key.partition(":")
        el.set(f"{{{NS[p]}}}{n}" if n else key, value)
    for child in children:
        el.append(child)
    return el


def make_run(text: str, font: str | None = None, tag: str = "w:t") -> etree._Element:
    run = el("w:r")
    if font:
        props = el("w:rPr")
        props.append(el("w:rFonts", {"w:ascii": font, "w:hAnsi": font, "w:eastAsia": font, "w:cs": font}))
        run.append(props)
    t = el(tag)
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    return run


def text_of(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(w("t")))


def truth_values(data: Any) -> set[str]:
    """The truth's strings (values printed into the form), to find the runs that hold them."""
    if isinstance(data, dict):
        return set().union(*(truth_values(v) for v in data.values())) if data else set()
    if isinstance(data, list):
        return set().union(*(truth_values(v) for v in data)) if data else set()
    return {data.strip()} if isinstance(data, str) and len(data.strip()) >= 4 else set()


def value_runs(body: etree._Element, values: set[str]) -> list[etree._Element]:
    return [r for r in body.iter(w("r")) if r.getparent().tag == w("p") and text_of(r).strip() in values
            and r.find(w("t")) is not None and len(r.findall(w("t"))) == 1]


def properties(parent: etree._Element, tag: str) -> etree._Element:
    """The element's properties child (``w:pPr``, ``w:rPr``, ``w:trPr``…), added first when it has none."""
    props = parent.find(w(tag.partition(":")[2]))
    if props is None:
        props = el(tag)
        parent.insert(0, props)
    return props
