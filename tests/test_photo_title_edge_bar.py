"""A form's title a photo read behind a bar (the page's edge or a table's outer rule) still starts its form."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extractors import build_stream
from pipeline.extractors.bundle import form_starts
from pipeline.readers import read_document

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.slow
def test_plan_title_read_behind_an_edge_bar_starts_the_plan():
    """The attached plan's title page of a photographed package (pb24p2's 2522, page 13) reads its title
    ``| แผนการดำเนินการ``. In that file the plan's two pages were swapped, and with the title unseen its
    Gantt continuation page was read first: the plan lost its first nine steps and Form 3 its tools, partner and
    budget (17 of 60 fields right). Seen, the title page is put back ahead of its Gantt."""
    path = FIXTURES / "photo_plan_title_page_after_its_gantt_bar_at_edge.pdf"
    stream = build_stream(read_document(path))
    assert stream.lines[0].text.lstrip().startswith("|")  # the reading this case is about
    assert form_starts(stream) == [(0, "plan")]
