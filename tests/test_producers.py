"""Returned forms from other producers: Chromium's print to PDF, pandoc's DOCX, a LibreOffice re-save."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from pipeline.extractors.fields import repeated_label
from pipeline.extractors.record import extract
from pipeline.extractors.vocabulary import vocabulary
from pipeline.readers.pdf.reader import read_pdf
from pipeline.thai import to_arabic_digits

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent


def _truth(name: str) -> dict:
    return json.loads((FIXTURES / name).with_suffix(".truth.json").read_text(encoding="utf-8"))["fields"]


def _fold(value):
    """Whitespace folded, as FORMS.md reads a value typed on several lines."""
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    if isinstance(value, list):
        return [_fold(v) for v in value]
    if isinstance(value, dict):
        return {k: _fold(v) for k, v in value.items()}
    return value


def _text(document) -> str:
    parts = []
    for block in document.blocks:
        if hasattr(block, "rows"):
            parts += [cell.text for row in block.rows for cell in row]
        else:
            parts.append(block.text)
    return "\n".join(parts)


def test_chromium_thai_clusters_are_read_once():
    """Chromium writes each Thai cluster with /ActualText and, in Garuda, a cluster's tone mark as a second text
    object inside the same span: pdfium gave the cluster again after the next letter (ยิ่งขึ้นขึ้)."""
    text = _text(read_pdf(FIXTURES / "chromium_form1_css_boxes.pdf"))
    assert "มีประสิทธิภาพยิ่งขึ้น" in text
    assert not re.search(r"([\u0e01-\u0e2e][\u0e31-\u0e3a\u0e47-\u0e4e]+)[\u0e01-\u0e2e]?\1", text), "a cluster twice"
    plan = _text(read_pdf(FIXTURES / "chromium_plan_actualtext.pdf"))
    assert "ขั้นตอนการดำเนินการ" in plan
    assert "ดำ เนิน" not in plan, "a span's width split among its letters left a gap read as a space"


def test_chromium_plan_gantt_with_a_row_cut_by_the_page_break():
    truth, got = _truth("chromium_plan_actualtext.pdf"), extract(FIXTURES / "chromium_plan_actualtext.pdf")
    assert got.kind == "plan"
    for key in ("agency", "project_name", "innovation", "fiscal_year"):
        assert _fold(got.fields[key]) == _fold(truth[key]), key
    assert len(got.fields["steps"]) == len(truth["steps"])
    assert [s["months"] for s in got.fields["steps"]] == [s["months"] for s in truth["steps"]]
    assert [s["phase"] for s in got.fields["steps"]] == [s["phase"] for s in truth["steps"]]


def test_chromium_plan_continued_on_a_page_without_its_header():
    """A browser does not repeat the Gantt's header on the next page, and draws the table's bottom rule as a box
    of its own: the rows on the next page are still the plan's (the follow-up phase was lost)."""
    name = "chromium_plan_continued_without_header.pdf"
    truth, got = _truth(name), extract(FIXTURES / name)
    assert [s["name"] for s in got.fields["steps"]] == [s["name"] for s in truth["steps"]]
    assert [s["phase"] for s in got.fields["steps"]][-3:] == ["follow_up"] * 3
    assert [s["months"] for s in got.fields["steps"]] == [s["months"] for s in truth["steps"]]


def test_a_value_wrapped_onto_a_line_starting_with_a_stop_phrase_runs_on():
    """Form 4's budget wraps so that its next line starts ``ปีงบประมาณ พ.ศ. ๒๕๖๘ ของ…``: the words that head the
    attached plan's Gantt (a stop), here mid-sentence (a browser's print in Thai digits, labels above values)."""
    name = "chromium_form4_budget_wrapped_before_year_words.pdf"
    truth, got = _truth(name), extract(FIXTURES / name)
    assert _fold(to_arabic_digits(got.fields["budget"])) == _fold(truth["budget"])


def test_chromium_form1_tick_boxes_drawn_by_css():
    """Boxes drawn as bordered squares with an X of two lines inside (no glyph in the text layer)."""
    truth, got = _truth("chromium_form1_css_boxes.pdf"), extract(FIXTURES / "chromium_form1_css_boxes.pdf")
    assert got.kind == "form1"
    assert got.fields["innovation_type"] == truth["innovation_type"]
    for key in ("idea_name", "agency", "policy"):
        assert _fold(got.fields[key]) == _fold(truth[key]), key


def test_pandoc_form4_pipe_tables_and_marks():
    """Pipe tables without borders, a flattened two-row head, ✓/X marks for months, the fiscal-year line above
    the Gantt (which must not end up in the value above it)."""
    truth, got = _truth("pandoc_form4_pipe_tables.docx"), extract(FIXTURES / "pandoc_form4_pipe_tables.docx")
    assert got.kind == "form4"
    assert _fold(got.fields["approach"]) == _fold(truth["approach"])
    assert [s["months"] for s in got.fields["plan"]["steps"]] == [s["months"] for s in truth["plan"]["steps"]]
    assert _fold(got.fields["risks"]) == _fold(truth["risks"])
    assert _fold(got.fields["objectives"]) == _fold(truth["objectives"])


def test_libreoffice_resave_wingdings_ticks():
    """Word's Wingdings w:sym ticks that LibreOffice re-saved as U+F0FE/U+F0A8 text in a Wingdings run."""
    truth, got = _truth("resave_form2_wingdings.docx"), extract(FIXTURES / "resave_form2_wingdings.docx")
    assert got.kind == "form2"
    assert _fold(got.fields) == _fold(truth)


def test_a_value_repeating_a_printed_label_is_flagged():
    vocab = vocabulary("form4")
    assert repeated_label("ชื่อโครงการ: โครงการพัฒนาระบบ", vocab) == "ชื่อโครงการ"
    assert repeated_label("วัตถุประสงค์", vocab) == "วัตถุประสงค์"
    assert repeated_label("โครงการพัฒนาระบบติดตามสถานะ", vocab) is None
    assert repeated_label("งบประมาณรายจ่ายประจำปี พ.ศ. 2568", vocab) is None  # a word, not a label


@pytest.mark.slow
def test_chromium_print_of_a_generated_form_reads_back(tmp_path):
    """End to end with real Chromium: a random survey printed by the generator reads back to its record."""
    sys.path.insert(0, str(ROOT))
    from scripts.gen.corpus import build_one

    pdf = build_one("chromium", 6, tmp_path)  # seed 6: a survey, tuning half
    truth = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    got = extract(pdf)
    assert got.kind == truth["kind"]
    assert _fold(got.fields) == _fold(truth["fields"])
