"""The bundle generator's browser header and footer and round choices: styles of both halves, printed by Chromium."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pypdfium2 as pdfium
import pytest

from scripts.gen.bundle_print import bundle_style, html_style
from scripts.gen.chromium import print_to_pdf
from scripts.gen.html import PAGE_TITLE, html_page


def test_both_halves_draw_the_header_and_footer_and_rings_and_keep_their_other_choices():
    for half in ("tune", "test"):
        styles = [(html_style(half, seed), bundle_style(half, seed)) for seed in range(200)]
        assert all(replace(drawn, header_footer=False, box=plain.box) == plain for plain, drawn in styles)
        assert 30 <= sum(drawn.header_footer for _, drawn in styles) <= 90, half
        assert 20 <= sum(drawn.box == "svg_ring" for _, drawn in styles) <= 60, half


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
def test_a_page_printed_with_the_header_and_footer_shows_its_title_and_page_number(tmp_path):
    style = replace(html_style("tune", 2600), header_footer=True)
    pdf = print_to_pdf(html_page("<p>แบบฟอร์ม 1</p>", style), tmp_path / "page.pdf", header_footer=True)
    page = pdfium.PdfDocument(pdf)[0]
    text = page.get_textpage().get_text_range()
    assert PAGE_TITLE in text and "1/1" in text
    plain = print_to_pdf(html_page("<p>แบบฟอร์ม 1</p>", html_style("tune", 2600)), tmp_path / "plain.pdf")
    assert PAGE_TITLE not in pdfium.PdfDocument(plain)[0].get_textpage().get_text_range()
