"""A table's two parts whose rulings differ by one column (one split in two) are joined, whichever part is wider."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extractors import build_stream
from pipeline.extractors.tables import GANTT
from pipeline.readers import read_document

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.slow
def test_gantt_rest_read_before_its_start_joins_it_once_the_pages_are_put_back():
    """pb24p2's 2522 (a photographed package, the plan's two pages swapped): page 12 holds the Gantt's last two
    steps, page 13 the plan's title and the Gantt's start, read with its step column split in two by a stray rule
    (14 columns against 13, one row's words cut between the twins). Put back in order (13, then 12), the two parts
    are one Gantt: main kept them apart and the plan lost its last two steps."""
    stream = build_stream(read_document(FIXTURES / "photo_gantt_rest_read_before_its_start_split_step_column.pdf"))
    gantts = stream.tables_of(GANTT)
    assert [stream.lines[t.line].page for t in gantts] == [1, 2]  # the rest first, in file order: two tables
    rest, start = (t.table for t in gantts)
    assert max(map(len, start.rows)) == max(map(len, rest.rows)) + 1  # the reading this case is about
    pages = {}
    for n, line in enumerate(stream.lines):
        pages.setdefault(line.page, []).append(n)
    arranged = stream.pick(pages[2] + pages[1])
    joined = arranged.tables_of(GANTT)
    assert len(joined) == 1
    steps = " ".join(row[0].text for row in joined[0].table.rows)
    assert "สรุปผล" in steps and "ประชุมคณะทำงาน" in steps
