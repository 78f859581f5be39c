"""The photo and scan generators' printing choices (scripts/gen/printing.py): a document printed in Thai digits
shows only Thai digits while its truth keeps Arabic ones; a browser's page puts a header value under its label;
the choices of the two halves keep their styles apart (issue #12)."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.generate.render import render_docx  # noqa: E402
from pipeline.samples import sample_records  # noqa: E402
from scripts.gen.html import HtmlStyle, docx_body  # noqa: E402
from scripts.gen.printing import print_style, thai_digits_docx  # noqa: E402

THAI_DIGIT = re.compile("[๐-๙]")
ARABIC_DIGIT = re.compile("[0-9]")


def _form3(tmp_path: Path) -> tuple[Path, dict]:
    record = sample_records("form3")[0]
    path = tmp_path / "form3.docx"
    render_docx(record, path)
    return path, record.model_dump(mode="json")["fields"]


def _text(path: Path) -> str:
    return "".join(t.text or "" for t in docx.Document(str(path)).element.body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))


def test_a_thai_digits_docx_prints_thai_digits_and_its_truth_keeps_arabic_ones(tmp_path):
    path, truth = _form3(tmp_path)
    assert ARABIC_DIGIT.search(_text(path))
    thai_digits_docx(path)
    text = _text(path)
    assert THAI_DIGIT.search(text) and not ARABIC_DIGIT.search(text)
    # The truth is the record, which printing leaves as it was: its year and numbers in Arabic digits.
    assert truth == sample_records("form3")[0].model_dump(mode="json")["fields"]
    assert ARABIC_DIGIT.search(str(truth["plan"]["fiscal_year"])) and not THAI_DIGIT.search(str(truth))


def test_a_browser_page_in_thai_digits_with_values_under_their_labels(tmp_path):
    path, truth = _form3(tmp_path)
    style = replace(HtmlStyle.draw(0), thai_digits=True, label_above=3.0)
    body = docx_body(path, style)
    words = re.sub(r"<[^>]+>", "", body)
    assert THAI_DIGIT.search(words) and not ARABIC_DIGIT.search(words)
    # The agency under its label at the page's top, not on the label's line.
    assert re.search(r'หน่วยงาน:?</span> <span class="ind"><span class="v">' + re.escape(truth["agency"]), body)
    plain = docx_body(path, replace(style, thai_digits=False, label_above=0.0))
    assert ARABIC_DIGIT.search(re.sub(r"<[^>]+>", "", plain)) and 'class="ind"' not in plain


def test_the_halves_draw_every_printer_and_disjoint_browser_styles():
    tune = [print_style("tune", 1000 + n) for n in range(40)]
    test = [print_style("test", 5000 + n) for n in range(40)]
    for half in (tune, test):
        assert {c["printer"] for c in half} == {"libreoffice", "chromium"}
        assert {c["thai_digits"] for c in half} == {True, False}
    for key in ("label_above", "step_indent", "font_pt", "shade"):
        values = [{c["html"][key] for c in half if c["html"]} - {0.0} for half in (tune, test)]
        assert values[0] and values[1] and not values[0] & values[1], key
