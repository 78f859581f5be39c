"""Bundles whose form lost its title page (nineteenth round): the form is found where the evidence is strong (a page
read as printed, after a whole form, with the new form's labels in order or its whole signature block), doubted
with a warning where it is not, and a whole form is never split. Fixtures: tests/fixtures/make_fresh_producer_fixtures.py
(tuning seeds 2244, 2271, 2277, 2280; 2422, twentieth round)."""

from __future__ import annotations

import pytest

from pipeline.extractors.record import extract_all
from tests.chromium_fixtures import FIXTURES
from tests.chromium_fixtures import spaceless as _key
from tests.chromium_fixtures import truth as _truth

_DOUBT = "whose first page is missing"


def _missing(record) -> bool:
    return any("a page may be missing" in w for w in record.warnings)


def _doubted(records) -> bool:
    return any(_DOUBT in w for r in records for w in r.warnings)


def test_a_form_whose_title_page_is_missing_after_a_whole_form_is_found():
    """Form 3 and its plan whole, then Form 4's second and third pages (its title page left out): they had been read
    into Form 3 (Form 4 lost, with no word said). Their labels (ลักษณะของโครงการ, ระยะเวลาดำเนินงาน, แนวทางการ
    ดำเนินการ) open lines in Form 4's order, on pages read from the text layer after Form 3's Gantt."""
    name = "libreoffice_form4_title_page_missing_after_whole_form3"
    records = extract_all(FIXTURES / f"{name}.pdf")
    assert [r.kind for r in records] == ["form3", "form4"]
    assert records[1].origin.pages == [5, 6]
    assert _missing(records[1]) and not _doubted(records)
    want = _truth(name)["records"]
    assert _key(records[1].fields["duration"]) == _key(want[1]["fields"]["duration"])
    assert _key(records[0].fields["project_name"]) == _key(want[0]["fields"]["project_name"])


def test_pages_of_another_form_after_a_form_cut_short_are_only_doubted():
    """Form 3's title page alone (its last labels not found), then the same two pages of Form 4: the form before is
    not whole, so the pages may be its own; they stay with it, and it says a page of another form may be there."""
    records = extract_all(FIXTURES / "libreoffice_form4_title_page_missing_after_form3_cut_short.pdf")
    assert [r.kind for r in records] == ["form3"]
    assert [w for w in records[0].warnings if _DOUBT in w and "(form4)" in w and "page 2, 3" in w]


def test_a_copy_whose_title_page_is_missing_after_a_whole_copy_is_found():
    """Form 1's second copy whole, then the third copy's last page: its labels all stand on the second copy's pages
    too, so it is another copy's (it had been read into the second copy, sorted among its pages)."""
    name = "libreoffice_form1_copy_title_page_missing_after_whole_copy"
    records = extract_all(FIXTURES / f"{name}.pdf")
    assert [r.kind for r in records] == ["form1", "form1"]
    assert records[0].origin.pages == [1, 2, 3] and records[1].origin.pages == [4]
    assert _missing(records[1])
    want = _truth(name)["records"]
    assert _key(records[0].fields["head_name"]) == _key(want[0]["fields"]["head_name"])
    assert _key(records[1].fields["head_name"]) == _key(want[1]["fields"]["head_name"])


@pytest.mark.parametrize(("name", "kinds", "keys"), [
    # A Chromium print: Form 1's first copy whole, then the second copy's signature page alone
    ("chromium_form1_copy_signature_page_after_whole_copy", ["form1", "form1"], ("head_name", "proposer_name")),
    # Form 2 whole, then the certificate's signature page alone: both its signatures, after Form 2's head's
    ("libreoffice_certificate_signature_page_after_whole_form2", ["form2", "certificate"],
     ("head_name", "partner_rep_name")),
])
def test_a_form_whose_signature_page_is_all_that_is_left_is_found(name, kinds, keys):
    """A form prints its signature block once: the whole block again (two signatures or more, in order) on a page
    after a whole form is another form's, whose title page is gone. It had been read into the form before."""
    records = extract_all(FIXTURES / f"{name}.pdf")
    assert [r.kind for r in records] == kinds
    assert records[1].origin.pages == [3]
    want = _truth(name)["records"]
    assert _key(records[0].fields[keys[0]]) == _key(want[0]["fields"][keys[0]])
    assert _key(records[1].fields[keys[1]]) == _key(want[1]["fields"][keys[1]])


def test_a_copy_whose_only_page_left_is_its_signature_table_is_found():
    """Form 1's first copy whole, its signature table (ผู้บังคับบัญชา, หัวหน้าหน่วยงาน) last; then the second copy's
    last page, the same table alone (its proposer signed on the title page, which is gone). The table had been joined
    to the copy before's as its rest over the page turn, so the page held no line of its own and the copy was lost
    with no word said. The same signatures again are another copy's: it is found, and says a page may be missing."""
    name = "chromium_form1_copy_lone_signature_table_after_whole_copy"
    records = extract_all(FIXTURES / f"{name}.pdf")
    assert [r.kind for r in records] == ["form1", "form1"]
    assert records[0].origin.pages == [1, 2] and records[1].origin.pages == [3]
    assert _missing(records[1]) and not _doubted(records)
    want = _truth(name)["records"]
    for n in (0, 1):
        assert _key(records[n].fields["head_name"]) == _key(want[n]["fields"]["head_name"])
        assert _key(records[n].fields["supervisor_name"]) == _key(want[n]["fields"]["supervisor_name"])


def test_a_page_shuffled_ahead_of_its_form_s_title_page_is_no_doubt():
    """Form 2, then Form 3's second page ahead of its title page: its partners' labels (ดำเนินการร่วมกับ …) are the
    certificate's too, so the page looks like a certificate's; but it is Form 3's, and ``arrange`` moves it there. A
    page moved to its form is no doubt on the form it left."""
    records = extract_all(FIXTURES / "libreoffice_form3_page_ahead_of_title_after_form2.pdf")
    assert [r.kind for r in records] == ["form2", "form3"]
    assert records[1].origin.pages == [4, 3, 5]
    assert not _doubted(records)


@pytest.mark.parametrize(("name", "kinds"), [
    ("chromium_bundle_f1x3", ["form1", "form1", "form1"]),
    ("chromium_f2_cert_survey", ["form2", "certificate", "survey"]),
    ("chromium_f2_cert_survey_flow", ["form2", "certificate", "survey"]),
    ("chromium_f1x3_copy_page_shuffled", ["form1", "form1"]),  # copy 2's second page ahead of its title page
    ("chromium_form3_page_ahead_of_title", ["form2", "form3"]),  # Form 3's second page ahead of its title page
])
def test_a_chromium_bundle_s_whole_forms_are_not_split(name, kinds):
    """Whole forms printed by a browser (one after another, flowing down the pages, a page shuffled ahead of its
    title page): one record a form, and no page doubted."""
    records = extract_all(FIXTURES / f"{name}.pdf")
    assert [r.kind for r in records] == kinds
    assert not _doubted(records)
