"""A browser's print with its own header and footer: the text column is the body text's, not the margins' lines."""

from __future__ import annotations

from pipeline.document import Paragraph, Table
from pipeline.readers.pdf.reader import read_pdf
from pipeline.readers.symbols import SOFT_WRAP
from tests.chromium_fixtures import FIXTURES

# Page 9 of a tuning bundle (seed 2626, Form 3's title page) printed with the print dialog's header and footer
# (``scripts.gen.bundle_print.bundle_style``): the date at the page's top left, the page's address and ``9/20``
# at its foot, in the margins, wider than the text column; the innovation's value justified.
NAME = "chromium_header_footer_justified_paragraph"


def test_a_justified_paragraph_under_a_browsers_header_is_no_borderless_table():
    blocks = read_pdf(FIXTURES / f"{NAME}.pdf").blocks
    assert not any(isinstance(b, Table) and "กลุ่มงานสื่อสังคม" in " ".join(c.text for r in b.rows for c in r)
                   for b in blocks)  # main: a one-row table of the two lines split where their word spaces met
    lines = [b.text for b in blocks if isinstance(b, Paragraph)]
    at = next(n for n, text in enumerate(lines) if text.startswith("อุปกรณ์ตรวจวัด"))
    assert lines[at].rstrip(SOFT_WRAP).endswith("กลุ่มงานสื่อสังคม")
    assert lines[at + 1].startswith("ออนไลน์นับจำนวน")


def test_a_line_of_a_justified_paragraph_under_a_browsers_header_wraps_softly():
    # the text column's right edge is the body's, so a line ending inside a Thai phrase runs on with no space
    lines = [b.text for b in read_pdf(FIXTURES / f"{NAME}.pdf").blocks if isinstance(b, Paragraph)]
    line = next(text for text in lines if text.startswith("เดียว เพื่อลดระยะเวลา"))
    assert line.endswith(SOFT_WRAP)  # ``สำหรับจัดหา|อุปกรณ์``: main read a space there
