"""A filled Word form (python-docx/docxtpl) written as an HTML page in one of many browser styles, for Chromium."""

from __future__ import annotations

import html
import random
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from pipeline.thai import to_thai_digits

# Each style list is split in two: the tuning half draws from the first, the testing half from the second.
FONTS = (("TH Sarabun New", "Garuda", "Norasi"), ("Laksaman", "Loma", "TH Sarabun New"))
BOXES = (("☑☐", "■□", "css_tick", "css_fill", "css_x"), ("☒☐", "◉○", "[X][ ]", "css_radio", "css_x"))
GANTT = (("bg", "bar", "✓"), ("bg", "bar", "●", "X"))
SHADES = (("#D9D9D9", "#8EAADB", "#F4B183"), ("#BFBFBF", "#A9D08E", "#9DC3E6"))
# A value under its label, indented by (em); a plan's steps indented under their phase (em); the size (pt) of a
# font other than TH Sarabun (which is small for its size). Chosen by the photo generator, not by ``draw``.
LABEL_INDENTS = ((2.0, 3.0), (2.5, 4.0))
STEP_INDENTS = ((1.0, 1.5), (1.25, 2.0))
FONT_SIZES = ((10.0, 11.5), (10.5, 12.0))
CHECKED, UNCHECKED = "☑", "☐"


@dataclass
class HtmlStyle:
    font: str
    box: str
    gantt: str
    shade: str
    label_colon: bool
    bold_labels: bool
    dotted_values: bool
    justify: bool
    borders: str  # "css" (border-collapse), "separate" (cell borders drawn apart), "none" on layout tables
    # Off unless a generator asks (``dataclasses.replace``), so that ``draw`` gives the styles it always gave.
    thai_digits: bool = False  # every Arabic digit of the text printed as a Thai digit
    label_above: float = 0.0  # > 0: a label's value on the next line, indented by this many em
    step_indent: float = 0.0  # a plan's step rows indented by this many em under the phase rows
    font_pt: float = 0.0  # the body's size; 0: 15 pt for TH Sarabun, 11.5 pt for the others
    landscape: bool = False  # a landscape section (Form 3's attached plan) printed on landscape pages, as Word does
    header_footer: bool = False  # the browser's header (date, the page's title) and footer (page n/N) printed too

    @classmethod
    def draw(cls, seed: int) -> HtmlStyle:
        rng = random.Random(f"html:{seed}")
        half = seed % 2
        return cls(font=rng.choice(FONTS[half]), box=rng.choice(BOXES[half]), gantt=rng.choice(GANTT[half]),
                   shade=rng.choice(SHADES[half]), label_colon=rng.random() < 0.6, bold_labels=rng.random() < 0.5,
                   dotted_values=rng.random() < 0.5, justify=rng.random() < 0.3,
                   borders=rng.choice(("css", "separate")))

    def as_dict(self) -> dict:
        return dict(self.__dict__)


_CSS = """
@page {{ size: A4; margin: 18mm 16mm; }}
@page land {{ size: A4 landscape; margin: 14mm 14mm; }}
.land {{ page: land; }}
.ind {{ display: block; padding-left: {indent}em; }}
body {{ font-family: '{font}'; font-size: {size}pt; line-height: 1.35; text-align: {align}; }}
p {{ margin: 0 0 2pt 0; }}
p.title {{ text-align: center; font-weight: bold; font-size: {title}pt; }}
p.heading {{ font-weight: bold; }}
p.small {{ font-size: {small}pt; }}
table {{ border-collapse: {collapse}; width: 100%; margin: 4pt 0; }}
td, th {{ border: 1px solid #000; padding: 1pt 3pt; vertical-align: top; font-size: {cell}pt; }}
table.sign td {{ border: none; text-align: center; }}
.v {{ {value_css} }}
.lb {{ {label_css} }}
.box {{ display: inline-block; width: 0.62em; height: 0.62em; border: 1.2px solid #000; margin-right: 0.25em;
        position: relative; vertical-align: -0.05em; }}
.box.radio {{ border-radius: 50%; }}
.box.on.fill::after {{ content: ''; position: absolute; left: 2px; top: 2px; right: 2px; bottom: 2px; background: #000; }}
.box.on.radio::after {{ content: ''; position: absolute; left: 2px; top: 2px; right: 2px; bottom: 2px;
                        background: #000; border-radius: 50%; }}
.bar {{ background: {shade}; height: 0.55em; margin-top: 0.35em; }}
"""


def _style_sheet(style: HtmlStyle) -> str:
    size = style.font_pt or (15 if style.font == "TH Sarabun New" else 11.5)
    return _CSS.format(font=style.font, indent=style.label_above, size=size, title=size + 2, small=size - 1.5, cell=size - 1,
                       align="justify" if style.justify else "left",
                       collapse="collapse" if style.borders == "css" else "separate",
                       value_css="border-bottom: 1px dotted #000;" if style.dotted_values else "",
                       label_css="font-weight: bold;" if style.bold_labels else "", shade=style.shade)


def _box_html(checked: bool, style: HtmlStyle) -> str:
    kind = style.box
    if kind == "css_tick":
        tick = '<span style="position:absolute;left:0;top:-0.35em">✓</span>' if checked else ""
        return f'<span class="box">{tick}</span>'
    if kind == "css_fill":
        return f'<span class="box fill{" on" if checked else ""}"></span>'
    if kind == "css_radio":
        return f'<span class="box radio{" on" if checked else ""}"></span>'
    if kind == "css_x":
        lines = ('<svg style="position:absolute;left:0;top:0" width="100%" height="100%" viewBox="0 0 10 10">'
                 '<line x1="1" y1="1" x2="9" y2="9" stroke="#000" stroke-width="1.4"/>'
                 '<line x1="9" y1="1" x2="1" y2="9" stroke="#000" stroke-width="1.4"/></svg>')
        return f'<span class="box">{lines if checked else ""}</span>'
    if kind == "svg_ring":  # a round choice drawn as an SVG ring, a dot in it when chosen (a web form's radio)
        dot = '<circle cx="5" cy="5" r="2.4" fill="#000"/>' if checked else ""
        return ('<svg style="display:inline-block;width:0.62em;height:0.62em;margin-right:0.25em;vertical-align:-0.05em"'
                f' viewBox="0 0 10 10"><circle cx="5" cy="5" r="4.3" fill="none" stroke="#000" stroke-width="1.1"/>{dot}</svg>')
    if kind == "[X][ ]":
        return "[X]" if checked else "[&nbsp;&nbsp;]"
    return html.escape(kind[0] if checked else kind[1])


def _text(text: str, style: HtmlStyle) -> str:
    if style.thai_digits:
        text = to_thai_digits(text)
    out = []
    for char in text:
        if char in (CHECKED, UNCHECKED):
            out.append(_box_html(char == CHECKED, style))
        else:
            out.append(html.escape(char))
    return "".join(out)


def _is_label(runs: list[str], at: int) -> bool:
    text = runs[at]
    following = "".join(runs[at + 1:]).strip()
    core = text.strip()
    return (text.endswith(" ") and len(core) >= 3 and following != "" and not core.startswith(("(", "ลงชื่อ"))
            and not any(c in core for c in (CHECKED, UNCHECKED)) and not core[-1].isdigit()
            and not following.startswith("(") and not following.startswith("."))


def _paragraph(p: Paragraph, style: HtmlStyle, top: bool = False) -> str:
    name = (p.style.name or "").lower() if p.style is not None else ""
    css = "title" if "title" in name else "heading" if "heading" in name else "small" if "small" in name else ""
    if p.alignment is not None and int(p.alignment) == 1:
        css += " center"
    # Every run, those inside content controls too (the forms' tick boxes are w14:checkbox controls).
    runs = [Run(r, p).text for r in p._p.iter(qn("w:r"))]
    parts: list[str] = []
    label_before = False
    for at, text in enumerate(runs):
        if not text:
            continue
        if not css and _is_label(runs, at):
            colon = ":" if style.label_colon else ""
            parts.append(f'<span class="lb">{_text(text.rstrip(), style)}{colon}</span> ')
            label_before = True
        elif label_before and text.strip():
            value = f'<span class="v">{_text(text, style)}</span>'
            # Under its label only outside tables, as a web form's header fields are laid out.
            parts.append(f'<span class="ind">{value}</span>' if style.label_above and top else value)
            label_before = False
        else:
            parts.append(_text(text, style))
    align = ' style="text-align:center"' if " center" in css else ""
    return f'<p class="{css.strip()}"{align}>{"".join(parts) or "&nbsp;"}</p>'


def _cell_fill(tc) -> str | None:
    shd = tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
    fill = shd.get(qn("w:fill")) if shd is not None else None
    return None if fill in (None, "auto", "FFFFFF") else fill


def _table(tbl, parent, style: HtmlStyle) -> str:
    rows = tbl.findall(qn("w:tr"))
    grid: list[list] = []
    for tr in rows:
        cells, col = [], 0
        for tc in tr.findall(qn("w:tc")):
            span_el = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            vm = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            merge = None if vm is None else (vm.get(qn("w:val")) or "continue")
            cells.append([tc, col, span, merge])
            col += span
        grid.append(cells)
    texts = " ".join("".join(t.text or "" for t in tc.iter(qn("w:t"))) for row in grid for tc, *_ in row)
    signature = "ลงชื่อ" in texts and len(rows) <= 3
    gantt = "ต.ค." in texts and "ก.ย." in texts
    out = [f'<table class="{"sign" if signature else "gantt" if gantt else ""}">']
    if gantt:  # the steps' column: a column, since the month row's first cell is a month (the header spans rows)
        out.append('<colgroup><col style="width:36%"></colgroup>')
    for r, cells in enumerate(grid):
        out.append("<tr>")
        for tc, col, span, merge in cells:
            if merge == "continue":
                continue
            rowspan = 1
            if merge == "restart":
                for below in grid[r + 1:]:
                    if any(c[1] == col and c[3] == "continue" for c in below):
                        rowspan += 1
                    else:
                        break
            fill = _cell_fill(tc)
            inner = "".join(_block(el, parent, style) for el in tc if el.tag in (qn("w:p"), qn("w:tbl")))
            attrs = (f' colspan="{span}"' if span > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
            if gantt and style.step_indent and r >= 2 and col == 0 and len(cells) > 1:  # a step, not a phase row
                attrs += f' style="padding-left:{style.step_indent}em"'
            if fill and gantt:
                if style.gantt == "bg":
                    attrs += f' style="background:{style.shade}"'
                elif style.gantt == "bar":
                    inner = '<div class="bar"></div>'
                else:
                    inner = f'<p style="text-align:center">{style.gantt}</p>'
            elif fill:
                attrs += f' style="background:#{fill}"'
            out.append(f"<td{attrs}>{inner}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def _block(el, parent, style: HtmlStyle, top: bool = False) -> str:
    if el.tag == qn("w:p"):
        return _paragraph(Paragraph(el, parent), style, top)
    if el.tag == qn("w:tbl"):
        return _table(el, parent, style)
    return ""


def docx_body(docx_path: Path, style: HtmlStyle) -> str:
    """The Word form's words and tables as HTML blocks (a page's body, without the page around it)."""
    document = docx.Document(str(docx_path))
    sections: list[list[str]] = [[]]
    landscape: list[bool] = []
    for el in document.element.body:
        if el.tag == qn("w:sectPr"):  # the last section's page
            landscape.append(_is_landscape(el))
            continue
        sections[-1].append(_block(el, document, style, top=True))
        ends = el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") if el.tag == qn("w:p") else None
        if ends is not None:  # a section ends with this paragraph
            landscape.append(_is_landscape(ends))
            sections.append([])
    landscape += [False] * (len(sections) - len(landscape))
    return "".join(f'<div class="land">{"".join(blocks)}</div>' if land and style.landscape else "".join(blocks)
                   for blocks, land in zip(sections, landscape, strict=True) if blocks)


def _is_landscape(sect_pr) -> bool:
    size = sect_pr.find(qn("w:pgSz"))
    if size is None:
        return False
    return size.get(qn("w:orient")) == "landscape" or int(size.get(qn("w:w"), 0)) > int(size.get(qn("w:h"), 1))


# A web form's page title, which the browser prints in its header (only with ``header_footer``).
PAGE_TITLE = "ระบบรายงานผลการพัฒนานวัตกรรม กรุงเทพมหานคร"


def html_page(body: str, style: HtmlStyle) -> str:
    """An HTML page of ``body`` with the style's sheet."""
    title = f"<title>{PAGE_TITLE}</title>" if style.header_footer else ""
    return (f'<!doctype html><html lang="th"><head><meta charset="utf-8">{title}<style>{_style_sheet(style)}</style>'
            f"</head><body>{body}</body></html>")


def docx_to_html(docx_path: Path, style: HtmlStyle) -> str:
    """The page a web form would print: same words and tables as the Word form, drawn in the given style."""
    return html_page(docx_body(docx_path, style), style)
