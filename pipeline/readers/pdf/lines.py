"""Glyphs grouped into visual lines and their text: reading order, Thai marks back on their base, spaces."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.readers.pdf.glyphs import ABOVE_BELOW_VOWELS, SPACES, Glyph
from pipeline.thai import normalize

_NO_SPACE_BEFORE = frozenset("\u0e30\u0e32\u0e33\u0e45")  # ะ า ำ ๅ follow a consonant, never start a word
_NO_SPACE_AFTER = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # เ แ โ ใ ไ always precede one
# Tabular digits are drawn narrower than their advance ("1" in Umpush, LibreOffice's Cordia New), and letter
# spacing stretches a justified line: a gap inside a number or before its dot is no space ("1." "10" "38,500").
_DIGIT_PUNCTUATION = frozenset(".,:;)%")
SPACE_GAP = 0.2  # a gap wider than this share of the font size between two glyphs is a space
_BEARINGS = 0.15  # the gap set text leaves between two letters' ink, as a share of the font size
LINE_TOLERANCE = 0.3  # baselines closer than this share of the font size are one visual line


@dataclass
class Line:
    """A visual line: its glyphs in reading order and its text."""

    glyphs: list[Glyph]
    text: str
    baseline: float
    size: float

    @property
    def top(self) -> float:
        return max(g.baseline + 0.7 * g.size for g in self.glyphs)


def lines(glyphs: list[Glyph]) -> list[Line]:
    """Group glyphs into visual lines by baseline, top to bottom; blank lines are left out."""
    groups: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (-g.baseline, g.index)):
        if groups and groups[-1][0].baseline - glyph.baseline <= LINE_TOLERANCE * (glyph.size if glyph.size > 6.0
                                                                                   else 6.0):
            groups[-1].append(glyph)
        else:
            groups.append([glyph])
    result = []
    for group in groups:
        ordered = _reattach_marks(_reading_order(sorted(group, key=lambda g: g.index)))
        text = normalize(_text(ordered)).strip()
        if text:
            result.append(Line(ordered, text, group[0].baseline, max(g.size for g in group)))
    return result


def _reading_order(glyphs: list[Glyph]) -> list[Glyph]:
    """The text layer's order while it advances rightwards. Where it steps back (a symbol from a fallback font,
    a space, a text box listed after the text it stands among), its pieces go left to right: runs of glyphs the
    layer lists together with no space or gap inside, each with the marks listed after its glyphs, so a word
    drawn over dotted leaders stays whole."""
    pieces: list[list[Glyph]] = []
    stepped_back = False
    last: Glyph | None = None  # the last base glyph or drawn space
    for glyph in glyphs:
        if glyph.generated or not (glyph.is_base or glyph.is_space):
            if not pieces:
                pieces.append([])
            pieces[-1].append(glyph)
            continue
        back = last is not None and glyph.x0 < last.x0 - 1.0
        stepped_back = stepped_back or back
        if (last is None or back or glyph.is_space or last.is_space
                or glyph.x0 - last.x1 > SPACE_GAP * glyph.size or not pieces):
            pieces.append([])
        pieces[-1].append(glyph)
        last = glyph
    if stepped_back:
        pieces.sort(key=lambda piece: next((g.x0 for g in piece if not g.generated), piece[0].x0))
    return [g for piece in pieces for g in piece]


def _reattach_marks(glyphs: list[Glyph]) -> list[Glyph]:
    """Move each Thai mark that the text layer lists away from its base back after the base it is drawn over."""
    kept: list[Glyph] = []
    moved: list[tuple[Glyph, Glyph]] = []
    bases = [g for g in glyphs if g.is_base and not g.generated]
    for glyph in glyphs:
        if glyph.is_mark and not glyph.generated:
            base = next((g for g in reversed(kept) if g.is_base and not g.generated), None)
            centre = (glyph.x0 + glyph.x1) / 2
            if base is None or centre < base.x0 - 1.0 or centre > base.x1 + 0.5 * glyph.size:
                target = _base_under(bases, glyph, centre)
                if target is not None and target is not base:
                    moved.append((glyph, target))
                    continue
        kept.append(glyph)
    for mark, target in moved:
        at = kept.index(target) + 1
        rank = _mark_rank(mark)
        while at < len(kept) and kept[at].is_mark and _mark_rank(kept[at]) <= rank:
            at += 1
        kept.insert(at, mark)
    return kept


def _mark_rank(glyph: Glyph) -> int:
    return 0 if glyph.text in ABOVE_BELOW_VOWELS else 1


def _base_under(bases: list[Glyph], mark: Glyph, centre: float) -> Glyph | None:
    """The base glyph a mark is drawn over: the one whose box holds the mark's centre, most overlapping."""
    candidates = [b for b in bases if b.x0 - 1.0 <= centre <= b.x1 + 2.0]
    if not candidates:
        return None
    return max(candidates, key=lambda b: min(b.x1, mark.x1) - max(b.x0, mark.x0))


def _letter_spacing(glyphs: list[Glyph]) -> float:
    """The gap a line puts between its letters beyond their own width: 0 for set text, several points where
    justification spread the letters of a Thai line apart (it has no spaces to widen)."""
    bases = [g for g in glyphs if g.is_base and not g.generated]
    gaps = sorted(b.x0 - a.x1 - _BEARINGS * b.size for a, b in zip(bases, bases[1:], strict=False) if b.x0 > a.x0)
    return max(0.0, gaps[len(gaps) // 2]) if len(gaps) >= 4 else 0.0


def _inside_number(out: list[str], following: str) -> bool:
    """Would a space between the text so far and ``following`` split a number ("1|0", "1|.", "38,|500")?"""
    last = out[-1]
    if last.isdigit():
        return following.isdigit() or following in _DIGIT_PUNCTUATION
    return last in ".," and following.isdigit() and len(out) > 1 and out[-2].isdigit()


def _text(glyphs: list[Glyph]) -> str:
    """The line's text: real spaces kept, a space wherever two glyphs stand apart by more than SPACE_GAP."""
    out: list[str] = []
    right: float | None = None  # right edge of the last base cluster
    stretch = _letter_spacing(glyphs)
    for glyph in glyphs:
        if glyph.is_space:
            if not glyph.generated:
                out.append(glyph.text)
            continue
        if glyph.is_base:
            if (right is not None and out and out[-1] not in SPACES and glyph.x0 - right > SPACE_GAP * glyph.size + stretch
                    and glyph.text not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER
                    and not _inside_number(out, glyph.text)):
                out.append(" ")
            right = glyph.x1
        elif right is not None:
            right = max(right, glyph.x1)
        out.append(glyph.text)
    return "".join(out)
