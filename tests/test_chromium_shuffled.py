"""Package prints by Chromium with two pages of a form swapped: a page shuffled ahead of its form's title page
stands among the pages of the form before. Fixtures: tests/fixtures/make_chromium_print_fixtures.py (cut from
fresh tuning-half bundles, seeds 400-478)."""

from __future__ import annotations

from pipeline.extractors.record import extract, extract_all
from tests.chromium_fixtures import FIXTURES
from tests.chromium_fixtures import spaceless as _key
from tests.chromium_fixtures import truth as _truth


def test_form3_s_second_page_shuffled_ahead_of_its_title_goes_back_to_form3():
    """Form 2's page, then Form 3's second page (its budget and target groups, printed in layout cells), then
    Form 3's title page and its attached plan: the page holds Form 3's labels and none of Form 2's, so it is
    Form 3's, read after the title page and before the plan."""
    name = "chromium_form3_page_ahead_of_title"
    records = extract_all(FIXTURES / f"{name}.pdf")
    assert [r.kind for r in records] == ["form2", "form3"]
    form3, truth = records[1], _truth(name)["fields"]
    assert records[1].origin.pages == [3, 2, 4] and records[0].origin.pages == [1]
    for key in ("budget_source", "budget_amount_baht", "target_users", "affected_groups", "uses_budget"):
        assert _key(form3.fields[key]) == _key(truth[key]), key
    assert len(form3.fields["plan"]["steps"]) == len(truth["plan"]["steps"])


def test_a_gantt_s_rest_shuffled_ahead_of_its_form_is_read_with_its_gantt():
    """The last rows of Form 3's attached plan (a page of Gantt rows with no head) were swapped ahead of Form 3's
    title page, behind Form 2: they are the rest of the Gantt that ends the form's last page."""
    name = "chromium_gantt_rest_ahead_of_title"
    records = extract_all(FIXTURES / f"{name}.pdf")
    assert [r.kind for r in records] == ["form2", "form3"]
    got, truth = records[1].fields["plan"]["steps"], _truth(name)["fields"]["plan"]["steps"]
    assert [_key(s["name"]) for s in got] == [_key(s["name"]) for s in truth]
    assert [s["months"] for s in got] == [s["months"] for s in truth]


def test_a_value_that_opens_with_a_tick_box_option_s_words_keeps_its_words():
    """Form 4's section 4 value begins ``เป็นโครงการใหม่ …`` and the ticked ``☑ โครงการใหม่`` stands below it:
    the words without a box are the value's, not the option (the value had been read empty)."""
    name = "chromium_form4_nature_opens_with_option"
    got, truth = extract(FIXTURES / f"{name}.pdf", kind="form4").fields, _truth(name)["fields"]
    assert _key(got["project_nature"]) == _key(truth["project_nature"])
    assert got["is_continuing"] is truth["is_continuing"] is False


def test_a_certificate_s_last_page_swapped_ahead_of_its_title_goes_back_to_it():
    """The certificate's second page (only its partner's signature, ``ลงชื่อ … ผู้แทนจากหน่วยงานภายนอก…``) was
    swapped ahead of its title page, behind Form 4's last page: one signature line of the certificate that the
    certificate's own pages lack, on a page with no Form 4 label, is the certificate's, read after its title."""
    name = "chromium_certificate_signature_page_ahead"
    records = extract_all(FIXTURES / f"{name}.pdf")
    assert [r.kind for r in records] == ["form4", "certificate"]
    cert, truth = records[1], _truth(name)["fields"]
    assert cert.origin.pages == [8, 7]
    assert cert.fields["partner_rep_name"] == truth["partner_rep_name"]
    assert cert.fields["agency_rep_name"] == truth["agency_rep_name"]


def test_a_signature_s_dotted_line_ends_the_value_above_even_after_a_soft_wrap():
    """The certificate's partner scope ends on a line the reader marks as wrapped on (its last word reached the
    right edge); ``ลงชื่อ ......`` below it is a signature, not words the sentence runs on into."""
    name = "chromium_certificate_value_wrapped_above_signature"
    got, truth = extract(FIXTURES / f"{name}.pdf", kind="certificate").fields, _truth(name)["fields"]
    assert _key(got["partner_scope"]) == _key(truth["partner_scope"])
