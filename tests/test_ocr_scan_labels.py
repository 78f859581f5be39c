"""Scanned label-and-value pages read as lines: specks and far-apart word boxes make no borderless table."""

from __future__ import annotations

from pathlib import Path

from pipeline.document import Paragraph, Table
from pipeline.readers import read_document

FIXTURES = Path(__file__).parent / "fixtures"  # made by tests/fixtures/make_scan_label_fixtures.py


def test_a_dusty_margin_and_words_boxed_apart_make_no_borderless_table():
    """Form 1's labels above their values, on a 1-bit scan with dust on the glass: before, the specks to the right
    stood in a "column" of their own, and the policy line's words boxed apart (ผู้ว่ | าราชการ) made a gutter,
    so the labels and values were read as cells of borderless tables and the idea's name was lost."""
    document = read_document(FIXTURES / "scan_bw_form1_labels_dusty_margin.pdf")
    assert not any(isinstance(block, Table) for block in document.blocks)
    lines = [block.text for block in document.blocks if isinstance(block, Paragraph)]
    assert any(line.startswith("ชื่อแนวคิด") for line in lines)
    assert any("สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร" in line for line in lines)
