"""A long printed heading a photo read cut short (the page's edge outside the frame) still starts its section."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extractors.record import records_of
from pipeline.readers import read_document

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.slow
def test_partner_headings_cut_at_the_page_edge_still_start_their_lists():
    """Form 1's partner section photographed with the page's right edge out of the frame (pb24p's 2504, pages 4
    and 5, cropped): the headings read ``กรณีดำเนินการร่วมกับส่วนราชการภายในหน`` and ``…หน่วยงานอื่นภายนอก``,
    neither a printed form of its label, so both lists were lost with no warning and the external partner's row
    (on the next page) with them."""
    path = FIXTURES / "photo_form1_partner_headings_cut_at_page_edge.pdf"
    fields = records_of(read_document(path), path, kind="form1")[0].to_json()["fields"]
    external = fields["external_partners"]
    assert external and external[0]["share_percent"] == 30
    assert external[0]["name"].startswith("บริษัท")
    assert external[0]["contribution"].startswith("พัฒนาระบบนัดหมาย")
    internal = fields["internal_partners"]
    assert internal and internal[0]["name"].startswith("ฝ่ายสิ่งแวดล้อม")
    assert not any("กรณี" in (item["name"] or "") + (item["contribution"] or "") for item in internal)
