"""Struck-out text in a PDF: the letters a drawn line strikes through, left out as the DOCX reader leaves struck runs."""

from __future__ import annotations

from typing import Protocol, TypeVar

from pipeline.readers.pdf.geometry import Grid, Rule


class Letter(Protocol):
    """What this module reads of a glyph (``pdf_reader.Glyph``)."""

    x0: float
    x1: float
    y1: float
    baseline: float
    generated: bool
    is_base: bool
    is_mark: bool


G = TypeVar("G", bound=Letter)


def unstruck(glyphs: list[G], rules: list[Rule], grids: list[Grid]) -> list[G]:
    """The glyphs no line strikes through: a Thai form's options that do not apply are struck out (ขีดฆ่า),
    and the DOCX reader leaves struck runs out too. A strike runs through a letter's body, between its baseline
    and its top; underlines run below the baseline and table borders between the lines."""
    strikes = [rule for rule in rules if not _is_grid_line(rule, grids)]
    if not strikes:
        return glyphs
    struck = {id(g) for g in glyphs if g.is_base and not g.generated and _struck(g, strikes)}
    if not struck:
        return glyphs
    kept, dropped_base = [], False
    for glyph in glyphs:
        if id(glyph) in struck:
            dropped_base = True
        elif glyph.is_mark and dropped_base:
            continue  # the marks of a struck letter go with it
        else:
            dropped_base = False
            kept.append(glyph)
    return kept


def _struck(glyph: Letter, strikes: list[Rule]) -> bool:
    body = glyph.y1 - glyph.baseline
    if body < 2.0:
        return False  # a dot, a dash, a comma: too flat to tell a strike from a rule beside it
    centre = (glyph.x0 + glyph.x1) / 2
    return any(rule.lo <= centre <= rule.hi and glyph.baseline + 0.2 * body < rule.pos < glyph.baseline + 0.8 * body
               for rule in strikes)


def _is_grid_line(rule: Rule, grids: list[Grid]) -> bool:
    return any(grid.xs[0] - 2 <= rule.lo and rule.hi <= grid.xs[-1] + 2
               and any(abs(rule.pos - y) <= 3 for y in grid.ys) for grid in grids)


__all__ = ["unstruck"]
