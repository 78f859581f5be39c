"""No Thai word broken inside: every line of every generated PDF (forms blank and filled, reports) ends at a
word boundary, as PyThaiNLP's word tokenizer reads it (tests/thai_breaks.py)."""

from __future__ import annotations

import pytest

from pipeline import office
from pipeline.forms import KINDS
from pipeline.generate.stage import generate, generate_blank
from pipeline.reports.inputs import sample_report_inputs
from pipeline.reports.quarterly import write_quarterly
from pipeline.reports.scorecard import write_scorecard
from pipeline.samples import sample_records
from tests.thai_breaks import at_word_boundary, breaks_inside_words, line_breaks


def test_the_check_tells_a_cut_word_from_two_words():
    for before, after in [("เอกส", "าร"), ("ระดั", "บ"), ("ผลกระ", "ทบ"), ("จำน", "วน")]:
        assert not at_word_boundary(before, after), f"{before}|{after}"
    for before, after in [("เอกสาร", "แนบ"), ("น้อย", "ที่สุด"), ("ขั้น", "แรก"), ("ค่าคะแนน", "เฉลี่ย")]:
        assert at_word_boundary(before, after), f"{before}|{after}"


@pytest.mark.slow
def test_no_generated_pdf_breaks_a_thai_word(tmp_path):
    forms = generate(sample_records(), tmp_path / "filled", per_agency=True).documents
    blanks = generate_blank(list(KINDS), tmp_path / "blank").documents
    inputs = sample_report_inputs()
    reports = [write_quarterly(i, 4, tmp_path / "reports")[0] for i in inputs[:1]]
    reports += [write_scorecard(inputs[0].card, tmp_path / "reports")[0]]
    pdfs = office.convert_to_pdf([d.docx for d in forms + blanks] + reports, workers=2)
    assert sum(len(line_breaks(p)) for p in pdfs) > 500  # the check sees the breaks it is to judge
    bad = [f"{p.parent.name}/{p.name}: {b}" for p in pdfs for b in breaks_inside_words(p)]
    assert not bad, "\n".join(bad)
