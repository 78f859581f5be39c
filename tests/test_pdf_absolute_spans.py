"""Forms written as absolutely positioned spans and border divs (as PDF-to-HTML converters and web form tools
emit) and printed by Chromium. Fixtures: tests/fixtures/make_absolute_span_fixtures.py (the tuning half of
``scripts.gen.corpus --producer absolute``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pipeline.document import Paragraph, Table
from pipeline.extractors.record import extract
from pipeline.readers.pdf.reader import read_pdf

FIXTURES = Path(__file__).parent / "fixtures"


def _truth(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.truth.json").read_text(encoding="utf-8"))


def test_a_tick_box_drawn_as_four_border_divs_is_a_tick_box():
    """Each side of a CSS box is its own thin div and the tick an SVG cross: four rules closing a small square
    that touch no other rule are a tick box, not a one-cell table (the choice was lost)."""
    name = "chromium_absolute_spans_form1"
    blocks = read_pdf(FIXTURES / f"{name}.pdf").blocks
    assert not any(isinstance(b, Table) for b in blocks), "a tick box read as a one-cell table"
    choices = [b.text for b in blocks if isinstance(b, Paragraph) and "Innovation)" in b.text]
    assert [text[0] for text in choices] == ["☐", "☑", "☐"]
    assert extract(FIXTURES / f"{name}.pdf", kind="form1").fields["innovation_type"] == \
        _truth(name)["fields"]["innovation_type"]


def test_one_span_a_word_reads_as_whole_lines():
    """Every word its own span with no space glyph between: the words of a line are one line again, Thai words
    joined without a space."""
    name = "chromium_absolute_spans_form1"
    got = extract(FIXTURES / f"{name}.pdf", kind="form1").fields
    truth = _truth(name)["fields"]
    for key in ("idea_name", "agency", "division"):
        assert got[key] == truth[key]


def test_a_row_cut_by_the_page_break_is_drawn_open_on_both_sides():
    """The page break cut the first risk's row after its other cells had ended: below the break only the rest
    of the risk (เร่งด่วน) with its other cells empty, and one body row above, so no content rule can tell a new
    row from a rest. Its borders run open past the page's foot and in from the next page's head: one row."""
    name = "chromium_absolute_spans_risks_cut_row"
    tables = [b for b in read_pdf(FIXTURES / f"{name}.pdf").blocks if isinstance(b, Table)]
    risks = next(n for n, t in enumerate(tables) if t.rows[0][0].text == "ความเสี่ยง")
    assert tables[risks].open_below and tables[risks + 1].open_above
    got = extract(FIXTURES / f"{name}.pdf", kind="form4").fields["risks"]
    assert [_key(r) for r in got] == [_key(r) for r in _truth(name)["fields"]["risks"]]


def _key(value):
    """Spaces taken out (Thai wrapping makes them unreliable), as the evaluator compares."""
    if isinstance(value, dict):
        return {k: _key(v) for k, v in value.items()}
    return re.sub(r"\s+", "", value) if isinstance(value, str) else value


def test_the_generator_breaks_pages_between_lines_only():
    """Lines whose boxes overlap (Garuda's and TH Sarabun's boxes are taller than their line pitch) still leave a
    gap between their middles: every page starts in one, a page's text height or less after the last."""
    from scripts.gen.absolute import MARGIN_MM, PAGE_MM, PX_PER_MM, page_breaks

    texts = [{"y": 23.3 * n, "h": 29.0} for n in range(200)]
    starts = page_breaks({"texts": texts, "boxes": [], "svgs": [], "height": 23.3 * 200})
    height = (PAGE_MM[1] - 2 * MARGIN_MM[1]) * PX_PER_MM
    assert len(starts) > 3
    assert all(0 < b - a <= height for a, b in zip(starts, starts[1:], strict=False))
    assert not any(t["y"] + t["h"] / 4 < cut < t["y"] + 3 * t["h"] / 4 for t in texts for cut in starts)
