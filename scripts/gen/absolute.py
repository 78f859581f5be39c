"""A form as a PDF-to-HTML converter or a web form tool writes it: every line, word or run of words an absolutely
positioned span, every border and fill an absolutely positioned div, page by page, printed by headless Chromium.

The flowed page (``html.py``) is laid out once by Chromium (``absolute_layout.js`` measures each line, each word's
place and each drawn box); the measures are cut into A4 pages at line gaps and written again as positioned
elements (``absolute_page``), which Chromium prints as ``chromium.py`` does.
"""

from __future__ import annotations

import html
import json
import random
import re
import subprocess
import tempfile
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from scripts.gen.chromium import FLAGS, print_to_pdf
from scripts.gen.html import HtmlStyle, docx_to_html

PX_PER_MM = 96 / 25.4
PAGE_MM = (210.0, 297.0)
MARGIN_MM = (16.0, 18.0)  # the flowed generator's page margins (left and right, top and bottom)
# Chromium lays a printed page out in whole CSS px: margins and the page's width rounded (793.7 px → 794 px).
PAGE_PX = round(PAGE_MM[0] * 96 / 25.4)
MARGIN_PX = (round(MARGIN_MM[0] * 96 / 25.4), round(MARGIN_MM[1] * 96 / 25.4))
PT_PER_PX = 0.75
SMALL_BOX_PX = 40.0  # a drawn box this low (a tick box, a mark) moves with its line: no page break through it
LAYOUT_JS = Path(__file__).with_name("absolute_layout.js")

# Each list split in two as html.py's are: the tuning half draws from the first, the testing half from the second.
GRAINS = (("line", "line", "word", "runs"), ("line", "line", "word", "runs"))  # what one span holds
UNITS = (("px", "pt"), ("pt", "px"))
RULES = (("cells", "rules"), ("rules", "cells"))  # a box a div with its borders, or each border a thin div
ORDERS = (("flow", "shuffled"), ("flow", "columns", "shuffled"))  # the order the spans are written in


@dataclass
class AbsoluteStyle:
    grain: str
    unit: str
    rules: str
    order: str
    run_words: int  # words in one span when grain is "runs" (at most)

    @classmethod
    def draw(cls, seed: int) -> AbsoluteStyle:
        rng = random.Random(f"absolute:{seed}")
        half = seed % 2
        return cls(grain=rng.choice(GRAINS[half]), unit=rng.choice(UNITS[half]), rules=rng.choice(RULES[half]),
                   order=rng.choice(ORDERS[half]), run_words=rng.choice((2, 3, 4)))


def measure(flow_html: str, timeout: float = 120) -> dict:
    """The flowed page laid out by Chromium at the printed text width: its lines, words and boxes (CSS px)."""
    script = f"<script>window.addEventListener('load', () => {{ {LAYOUT_JS.read_text(encoding='utf-8')} }});</script>"
    # The page's text width; the body keeps its 8 px margin inside it, as in the flowed page's print.
    page = flow_html.replace("</style>", f"html {{ width: {PAGE_PX - 2 * MARGIN_PX[0]}px; }}</style>", 1)
    page = page.replace("</body>", f"{script}</body>", 1)
    with tempfile.TemporaryDirectory(prefix="gen-absolute-") as tmp:
        path = Path(tmp) / "flow.html"
        path.write_text(page, encoding="utf-8")
        from pipeline.processes import run_killable

        proc = run_killable(["chromium", *FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}", "--window-size=800,1200",
                             "--virtual-time-budget=4000", "--dump-dom", path.as_uri()], timeout)
    found = re.search(r'<pre id="layout">(.*?)</pre>', proc.stdout.decode("utf-8"), re.S)
    if proc.returncode != 0 or not found:
        raise subprocess.CalledProcessError(proc.returncode, proc.args, proc.stdout, proc.stderr)
    return json.loads(html.unescape(found.group(1)))


def page_breaks(layout: dict) -> list[float]:
    """Where each page starts (px down the flowed page): at most a page's text height on, never inside a line."""
    height = (PAGE_MM[1] - 2 * MARGIN_MM[1]) * PX_PER_MM
    # A line's middle half: the content areas of fonts such as Garuda are taller than the line spacing.
    spans = [(t["y"] + t["h"] / 4, t["y"] + 3 * t["h"] / 4) for t in layout["texts"]]
    spans += [(b["y"], b["y"] + b["h"]) for b in layout["boxes"] + layout["svgs"] if b["h"] < SMALL_BOX_PX]
    starts = [0.0]
    bottom = max([layout["height"], *(b for _, b in spans)])
    while starts[-1] + height < bottom:
        cut = starts[-1] + height
        while True:
            inside = [top for top, low in spans if top < cut < low]
            if not inside or min(inside) <= starts[-1]:
                break
            cut = min(inside)
        starts.append(cut)
    return starts


class _Writer:
    """Positioned elements of one page in the style's unit."""

    def __init__(self, style: AbsoluteStyle, top: float):
        self.style, self.top = style, top
        self.dx, self.dy = MARGIN_PX

    def length(self, px: float) -> str:
        return f"{px * PT_PER_PX:.2f}pt" if self.style.unit == "pt" else f"{px:.2f}px"

    def place(self, x: float, y: float, w: float | None = None, h: float | None = None) -> str:
        css = f"left:{self.length(x + self.dx)};top:{self.length(y - self.top + self.dy)}"
        if w is not None:
            css += f";width:{self.length(max(w, 0.0))}"
        if h is not None:
            css += f";height:{self.length(max(h, 0.0))}"
        return css

    def text(self, line: dict, x: float, text: str) -> str:
        font = line["font"]
        css = (f"{self.place(x, line['y'])};line-height:{self.length(line['h'])};font-family:{font['family']};"
               f"font-size:{self.length(font['size'])};font-weight:{font['weight']};color:{font['color']}")
        return f'<span class="t" style="{html.escape(css)}">{html.escape(text)}</span>'

    def box(self, box: dict, y0: float, y1: float, cut_top: bool, cut_bottom: bool) -> list[str]:
        sides = {k: v for k, v in box["border"].items() if not (k == "top" and cut_top or k == "bottom" and cut_bottom)}
        fill = f";background:{box['background']}" if box.get("background") else ""
        radius = box.get("radius") or "0px"
        if self.style.rules == "cells" or radius not in ("0px", ""):
            borders = "".join(f";border-{k}:{self.length(v['width'])} {v['kind']} {v['color']}" for k, v in sides.items())
            css = f"{self.place(box['x'], y0, box['w'], y1 - y0)}{borders}{fill};border-radius:{radius}"
            return [f'<div class="b" style="{html.escape(css)}"></div>']
        out = []
        if fill:
            out.append(f'<div class="b" style="{html.escape(self.place(box["x"], y0, box["w"], y1 - y0) + fill)}"></div>')
        x, w = box["x"], box["w"]
        for side, v in sides.items():
            width, rule = v["width"], f"{self.length(v['width'])} {v['kind']} {v['color']}"
            if side in ("top", "bottom"):
                y = y0 if side == "top" else y1 - width
                css = f"{self.place(x, y, w, 0)};border-top:{rule}"
            else:
                at = x if side == "left" else x + w - width
                css = f"{self.place(at, y0, 0, y1 - y0)};border-left:{rule}"
            out.append(f'<div class="b" style="{html.escape(css)}"></div>')
        return out

    def svg(self, svg: dict) -> str:
        return f'<div class="b" style="{html.escape(self.place(svg["x"], svg["y"], svg["w"], svg["h"]))}">{svg["html"]}</div>'


def _spans(line: dict, style: AbsoluteStyle) -> list[tuple[float, str]]:
    """The (x, text) spans one line is written as."""
    if style.grain == "line":
        return [(line["x"], line["text"])]
    groups: list[list[dict]] = [[]]
    for word in line["words"]:
        if word.get("space"):
            if style.grain == "word" and groups[-1]:
                groups.append([])
            elif groups[-1]:
                groups[-1].append(word)
            continue
        limit = 1 if style.grain == "word" else style.run_words
        if sum(1 for w in groups[-1] if not w.get("space")) >= limit:
            groups.append([])
        groups[-1].append(word)
    out = []
    for group in groups:
        while group and group[-1].get("space"):
            group.pop()
        if group:
            out.append((group[0]["x"], "".join(" " if w.get("space") else w["text"] for w in group)))
    return out


_PAGE_CSS = """
@page { size: A4; margin: 0; }
body { margin: 0; }
.pg { position: relative; width: 210mm; height: 296.5mm; overflow: hidden; break-after: page; }
.pg:last-child { break-after: auto; }
.t { position: absolute; white-space: pre; }
.b { position: absolute; box-sizing: border-box; }
.b svg { position: absolute; left: 0; top: 0; width: 100%; height: 100%; }
"""


def absolute_page(layout: dict, style: AbsoluteStyle, seed: int) -> str:
    """The measured page written again as positioned spans and divs, one A4 block per page."""
    rng = random.Random(f"absolute-order:{seed}")
    starts = page_breaks(layout)
    ends = [*starts[1:], float("inf")]
    writers = [_Writer(style, top) for top in starts]
    boxes: list[list[str]] = [[] for _ in starts]
    texts: list[list[tuple[float, float, str]]] = [[] for _ in starts]
    for box in layout["boxes"]:
        for k, (top, end) in enumerate(zip(starts, ends, strict=True)):
            y0, y1 = max(box["y"], top), min(box["y"] + box["h"], end)
            if y1 > y0 or (box["h"] == 0 and top <= box["y"] < end):
                boxes[k] += writers[k].box(box, y0, y1 if y1 > y0 else y0, box["y"] < top, box["y"] + box["h"] > end)
    for svg in layout["svgs"]:
        k = bisect_right(starts, svg["y"]) - 1
        boxes[k].append(writers[k].svg(svg))
    for line in layout["texts"]:
        k = bisect_right(starts, line["y"] + line["h"] / 2) - 1
        for x, text in _spans(line, style):
            texts[k].append((x, line["y"], writers[k].text(line, x, text)))
    pages = []
    for k in range(len(starts)):
        spans = texts[k]
        if style.order == "shuffled":
            rng.shuffle(spans)
        elif style.order == "columns":  # left to right in bands, as some converters group text by column
            spans = sorted(spans, key=lambda s: (round(s[0] / 120), s[1], s[0]))
        pages.append(f'<div class="pg">{"".join(boxes[k])}{"".join(s[2] for s in spans)}</div>')
    return (f'<!doctype html><html lang="th"><head><meta charset="utf-8"><style>{_PAGE_CSS}</style></head>'
            f'<body>{"".join(pages)}</body></html>')


def print_absolute(docx_path: Path, seed: int, out_pdf: Path) -> dict:
    """The filled Word form printed as absolutely positioned spans; returns the styles drawn."""
    flow_style = HtmlStyle.draw(seed)
    style = AbsoluteStyle.draw(seed)
    layout = measure(docx_to_html(docx_path, flow_style))
    print_to_pdf(absolute_page(layout, style, seed), out_pdf)
    return {**flow_style.as_dict(), **{f"absolute_{k}": v for k, v in style.__dict__.items()}}
