"""Soft wraps in a PDF: which text lines were broken by the width of their column or cell inside Thai text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline.document import Cell
from pipeline.readers.symbols import SOFT_WRAP
from pipeline.thai import normalize

if TYPE_CHECKING:
    from pipeline.readers.pdf.glyphs import Glyph
    from pipeline.readers.pdf.lines import Line

PITCH = 3.0  # lines of one paragraph stand at most this many font sizes apart (TH Sarabun at 1.5 lines: 2.9)
SHORT_WORD = 3  # letters: a word this short may be the head of a longer dictionary entry where the PDF's maker
# broke the line (LibreOffice's ICU dictionary keeps ไม่ทัน whole, PyThaiNLP splits it)
SLACK = 0.2  # ems: a word's advance is a little wider than its ink, the right edge a little past the ink
# A soft wrap inside Thai text: the line ends with a Thai letter, vowel or tone mark (not ๆ or ฯ, which a space
# follows, nor ฿) and the next begins with a consonant or a leading vowel.
_THAI_START = frozenset(map(chr, range(0x0E01, 0x0E2F))) | frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
_THAI = frozenset(map(chr, range(0x0E01, 0x0E4F))) - set("\u0e2f\u0e3f\u0e46")
_FOLLOWING_VOWELS = frozenset("\u0e30\u0e32\u0e33\u0e45")  # ะ า ำ ๅ: never the first letter of a word
_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")


def ink_end(line: Line) -> float:
    """Where a line's last base glyph ends (the right edge of its ink)."""
    return max((g.x1 for g in line.glyphs if g.is_base and not g.generated), default=line.glyphs[-1].x1)


def ink_start(line: Line) -> float:
    return min((g.x0 for g in line.glyphs if g.is_base and not g.generated), default=line.glyphs[0].x0)


def wraps(line: Line, following: Line, right: float, across_pages: bool = False) -> bool:
    """Does ``line`` run on into ``following`` as one paragraph, broken inside Thai text by the right edge?
    ``across_pages``: ``following`` heads the next page (a table row cut by the page break)."""
    if not line.text or not following.text or line.text[-1] not in _THAI:
        return False
    if next((g for g in reversed(line.glyphs) if not g.generated), line.glyphs[-1]).is_space:
        return False  # the text layer kept the space typed at the break
    size = max(line.size, following.size)
    pitch = line.baseline - following.baseline
    if not (across_pages or 0 < pitch <= PITCH * size) or abs(line.size - following.size) > 0.15 * size:
        return False
    if following.text[0] in _FOLLOWING_VOWELS:
        return True  # a word broken where no break may fall (a cell narrower than the word): การติดต|าม
    if following.text[0] not in _THAI_START:
        return False
    run = _leading_run(following)
    bases = [g for g in run if g.is_base]
    if not bases:
        return False
    room = right - ink_end(line) - SLACK * size
    if bases[0].x1 - bases[0].x0 > room:
        return True
    if bases[-1].x1 - bases[0].x0 <= room:
        return False
    return _first_word_width(run, bases) > room


def join_wrapped(lines: list[Line], right: float) -> str:
    """A cell's lines as its paragraphs: lines joined by newlines, soft wraps inside Thai text joined up."""
    if not lines:
        return ""
    out = [lines[0].text]
    for line, following in zip(lines, lines[1:], strict=False):
        out.append(("" if wraps(line, following, right) else "\n") + following.text)
    return "".join(out)


@dataclass
class TableEdges:
    """A table's first and last rows on its page: each cell with its first (last) visual line and right edge."""

    first: list[tuple[Cell, Line | None, float]]
    last: list[tuple[Cell, Line | None, float]]


def mark_cut_row(upper: TableEdges, lower: TableEdges) -> None:
    """A row that a page break cut inside Thai text: the cells of its upper part that run on into the lower
    part end with SOFT_WRAP, so the extractor that joins the two parts joins them without a space."""
    if len(upper.last) != len(lower.first):
        return
    for (cell, line, right), (_, following, _) in zip(upper.last, lower.first, strict=True):
        if (line is not None and following is not None and cell.text.endswith(line.text)
                and wraps(line, following, right, across_pages=True)):
            cell.text += SOFT_WRAP


def _leading_run(line: Line) -> list[Glyph]:
    """The glyphs of the line's first run of Thai text: up to a space, a gap or a character of another script."""
    run: list[Glyph] = []
    last: Glyph | None = None
    for glyph in line.glyphs:
        if glyph.generated:
            # pdfium invents a space inside a word whose ำ a producer drew as objects of their own (ตำ|แหน่ง,
            # Chromium): the gap to the next letter tells a space, as the line's text does
            continue
        if glyph.is_space:
            break
        if glyph.is_base:
            if glyph.text not in _THAI or (last is not None and glyph.x0 - last.x1 > 0.25 * glyph.size):
                break
            last = glyph
        run.append(glyph)
    return run


def _first_word_width(run: list[Glyph], bases: list[Glyph]) -> float:
    """The width of the first dictionary word of a run of Thai text."""
    words = _segment(normalize("".join(g.text for g in run)))  # the same labels start lines on many pages
    if not words:
        return bases[-1].x1 - bases[0].x0
    base_count = sum(1 for ch in words[0] if ch not in _MARKS) or 1
    if base_count <= SHORT_WORD and len(words) > 1:  # ไม่|ทัน: a one-syllable word often starts a compound
        base_count += sum(1 for ch in words[1] if ch not in _MARKS)
    last = bases[min(base_count, len(bases)) - 1]
    return last.x1 - bases[0].x0


@lru_cache(maxsize=4096)
def _segment(text: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize  # loads its dictionary on first use: only when a break needs it

    return tuple(w for w in word_tokenize(text, engine="newmm", keep_whitespace=False) if w.strip())
