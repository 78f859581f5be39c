"""The PDF text layer as glyphs: each character pdfium finds with its box, baseline and size, ActualText once."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.readers.ocr.route import is_garbage
from pipeline.readers.pdf.textobjects import LIFT, TextObjects
from pipeline.readers.symbols import symbol_glyph
from pipeline.thai import PUA_THAI

ABOVE_BELOW_VOWELS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e4d")
_MARKS = ABOVE_BELOW_VOWELS | frozenset("\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4e")
SPACES = frozenset(" \u00a0\u2002\u2003\u2009")
_HYPHEN_CODES = (0x02, 0xFFFE)  # pdfium's marker for a hyphen it thinks ends a line
_GENERATED = frozenset((0x20, 0x0D, 0x0A))  # the characters pdfium may invent (FPDFText_IsGenerated)


@dataclass(slots=True)
class Glyph:
    """One character of the text layer: its text, tight box, baseline and font size."""

    index: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    baseline: float
    size: float
    generated: bool
    is_mark: bool = field(init=False)
    is_space: bool = field(init=False)
    is_base: bool = field(init=False)

    def __post_init__(self) -> None:
        self.is_mark = self.text in _MARKS
        self.is_space = self.text in SPACES
        self.is_base = not (self.is_mark or self.is_space)


def needs_ocr(glyphs: list[Glyph]) -> bool:
    """A page with no text layer, or a garbage one, is read from its pixels.

    pdfium's own guessed spaces (``generated``) are left out: a justified cell's stretched letters get them
    between every letter, which is no broken text layer."""
    return not any(g.is_base for g in glyphs) or is_garbage(
        "".join(g.text for g in glyphs if not (g.generated and g.is_space)))


# --------------------------------------------------------------------------- glyphs
def page_glyphs(textpage: pdfium.PdfTextPage, page: pdfium.PdfPage | None = None) -> list[Glyph]:
    """Every character pdfium finds on a page with its box and baseline; line breaks it invents are dropped.

    With the ``page``, an ActualText span's box covers every object drawn inside it."""
    raw = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    # Looked up and wrapped once, not for each of a page's thousands of characters.
    box_refs = tuple(ctypes.byref(v) for v in (left, right, bottom, top))
    origin_refs = (ctypes.byref(ox), ctypes.byref(oy))
    char_box, char_origin = pdfium_c.FPDFText_GetCharBox, pdfium_c.FPDFText_GetCharOrigin
    font_size = pdfium_c.FPDFText_GetFontSize
    glyphs: list[Glyph] = []
    size = 12.0
    spans = TextObjects(raw, page.raw if page is not None else None)
    in_span: dict[int, list[Glyph]] = {}
    count = pdfium_c.FPDFText_CountChars(raw)
    codes = _codes(raw, count)
    for i in range(count):
        code = codes[i] if codes is not None else pdfium_c.FPDFText_GetUnicode(raw, i)
        # pdfium generates only spaces and line breaks: asking about any other character is a wasted call
        generated = code in _GENERATED and pdfium_c.FPDFText_IsGenerated(raw, i) == 1
        span = None
        key, obj = (0, None) if generated or not spans.active else spans.look(i)
        if obj is not None:
            repeated, span = spans.repeats(key, obj)
            if repeated or (span is not None and spans.hidden(span)):
                continue
        if code in _HYPHEN_CODES:
            text = "-"
        elif 0xF000 <= code <= 0xF0FF:
            text = _symbol(raw, i, code)
        elif code < 0x20 or 0xD800 <= code <= 0xDFFF:
            continue
        else:
            text = PUA_THAI.get(code) or chr(code)  # Word's shifted Thai marks are marks for the layout too
        char_box(raw, i, *box_refs)
        char_origin(raw, i, *origin_refs)
        if not generated:
            size = font_size(raw, i) or size
        if key in spans.clipped:
            continue  # the page clips it (the top of a line the page break moved on): nothing a reader sees
        glyphs.append(Glyph(i, text, left.value, bottom.value, right.value, top.value, oy.value, size, generated))
        if span is not None:
            in_span.setdefault(span, []).append(glyphs[-1])
    lifted = [m for m in in_span.values() if min(g.y0 for g in m) - m[0].baseline > LIFT * m[0].size]
    rows: dict[int, list[Glyph]] = {}
    for glyph in glyphs if lifted else ():
        if glyph.is_base:
            rows.setdefault(int(glyph.baseline), []).append(glyph)
    ghosts = {g.index for members in lifted if _floating(members, rows) for g in members}
    for span, members in in_span.items():
        if members[0].index not in ghosts:
            _spread(members, spans.extent.get(span))
    return [g for g in glyphs if g.index not in ghosts] if ghosts else glyphs


def _codes(raw, count: int) -> list[int] | None:
    """The page's characters in one call (UTF-16, one unit per character), or None where a character outside
    the BMP would shift them (then each is asked for on its own)."""
    if count <= 0:
        return []
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    codes = list(buffer[:count])
    return None if any(0xD800 <= code <= 0xDFFF for code in codes) else codes


def _floating(members: list[Glyph], rows: dict[int, list[Glyph]]) -> bool:
    """A span drawn only above its baseline (``rows``: the page's letters by whole-point baseline) with no
    letter under it: the marks of a line that the page break moved on, left at the page's foot. (LibreOffice
    writes a lone tone mark as its own span too, but over a letter of the same line.)"""
    first = members[0]
    left, right, reach = min(g.x0 for g in members), max(g.x1 for g in members), 0.3 * first.size
    own = {id(g) for g in members}
    near = (g for y in range(int(first.baseline - reach), int(first.baseline + reach) + 1) for g in rows.get(y, ()))
    return not any(abs(g.baseline - first.baseline) < reach and g.x0 < right + reach and g.x1 > left - reach
                   and id(g) not in own for g in near)


def _spread(members: list[Glyph], extent: list[float] | None) -> None:
    """The characters of one ActualText span over the ink of all its objects: pdfium splits the first object's
    box evenly between them, which leaves a base letter a fraction of its width and gaps that look like
    spaces. The span's width goes to its base letters in equal parts; each mark takes its base's box."""
    left = min([members[0].x0] + ([extent[0]] if extent else []))
    right = max([members[-1].x1] + ([extent[1]] if extent else []))
    bases = [g for g in members if not g.is_mark] or members
    step = (right - left) / len(bases)
    at = left
    for glyph in members:
        if glyph in bases:
            glyph.x0, glyph.x1 = at, at + step
            at += step
        else:
            glyph.x0, glyph.x1 = max(left, at - step), max(left + step, at)


def _symbol(raw, index: int, code: int) -> str:
    """A symbol-font character: tick boxes become ☑/☐ (Wingdings or Wingdings 2 by the glyph's font)."""
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(raw, index, buffer, len(buffer), flags)
    return symbol_glyph(code, buffer.value.decode("latin-1"), chr(code))
