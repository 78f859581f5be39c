"""Photographed bundles: a page nothing was read from (OCR stopped at its limit) and the form whose title it held."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extractors.record import extract_all

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.slow
def test_plan_after_a_page_nothing_was_read_from_is_read_as_form3_and_says_so():
    """bb22p's 2470 and 2473 (photographed bundles read under load) lost Form 3's pages to the OCR time limit: the
    attached plan after them came out as a record of kind plan, Form 3 as a form of the wrong kind with every field
    wrong and none warned. Here: a page no block is read from (bb22p's case; a blank sheet, pb24p's 2503 page 6)
    and then the plan's title page (pb24p2's 2522 page 13). Main reads a plan; the branch Form 3 with its plan,
    warned that the page before it was not read, and its blank fields warned as a page may be missing."""
    records = extract_all(FIXTURES / "photo_plan_after_a_page_nothing_was_read_from.pdf")
    assert [r.kind for r in records] == ["form3"]
    warnings = records[0].warnings
    assert any("nothing was read from page 1" in w for w in warnings)
    assert any(w.startswith("problem:") for w in warnings)  # a field Form 3 asks for, blank: warned
    assert records[0].fields["plan"]["steps"]


@pytest.mark.slow
def test_a_form_whose_title_page_was_not_read_starts_after_that_page():
    """A photographed bundle whose Form 4 title page was not read (OCR stopped at its limit under load; here a page
    no block is read from, pb24p's 2503 page 6): Form 3's title page (pb24p's 2501 page 1), that page, then Form
    4's second page (2501 page 5, two of Form 4's labels and none of Form 3's). OCR'd pages never split on such a
    doubt alone; after a page nothing was read from the doubt starts the form. Main gave one Form 3 holding Form 4's
    page (a form lost, the kinds wrong); the branch gives both."""
    records = extract_all(FIXTURES / "photo_form4_page_after_a_page_nothing_was_read_from.pdf")
    assert [r.kind for r in records] == ["form3", "form4"]
    assert records[1].origin.pages == [3]
