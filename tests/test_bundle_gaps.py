"""Bundles with a page missing (seventeenth round): a form whose title page is gone is still found, and the fields a
missing page cut short are warned. Fixtures: tests/fixtures/make_fresh_producer_fixtures.py."""

from __future__ import annotations

from pipeline.extractors.record import extract_all
from tests.chromium_fixtures import FIXTURES
from tests.chromium_fixtures import spaceless as _key
from tests.chromium_fixtures import truth as _truth


def _warned(record, key: str) -> bool:
    return any(w.startswith(f"{key}:") for w in record.warnings)


def test_a_form_whose_title_page_is_missing_is_found_and_reported():
    """Form 3's title page, then Form 4's second and third pages (its title page left out). Form 4's pages had
    been read into Form 3, and Form 4 lost with no word said: a page with two or more of another form's labels,
    none of the form in progress's, starts that form, and its record says its first labels are not found."""
    name = "libreoffice_form4_title_page_missing"
    records = extract_all(FIXTURES / f"{name}.pdf")
    assert [r.kind for r in records] == ["form3", "form4"]
    assert records[1].origin.pages == [2, 3]
    assert any("a page may be missing" in w for w in records[1].warnings)
    want = _truth(name)["records"][1]["fields"]
    assert _key(records[1].fields["duration"]) == _key(want["duration"])


def test_a_value_running_to_the_page_before_a_missing_page_is_warned():
    """Form 4's targets run to the foot of its title page; the next page (its nature, duration and approach with
    the Gantt) is missing. The value read is cut short and the plan not read at all: both are warned now (the
    record said only that labels were not found)."""
    name = "chromium_form4_value_at_foot_of_page_before_gap"
    (record,) = extract_all(FIXTURES / f"{name}.pdf")
    assert record.kind == "form4"
    assert record.fields["targets"]
    assert _warned(record, "targets")
    assert _warned(record, "plan")
    assert not _warned(record, "objectives")


def test_a_copy_of_a_form_whose_title_page_is_missing_is_found_and_reported():
    """Form 1's first copy (three pages), then the second copy's last page alone. That page's labels all stand on
    the first copy's pages too: it is another copy's, not the first's, and had been read into the first copy (its
    values over the first copy's, the second copy lost with no warning)."""
    name = "libreoffice_form1_copy_title_page_missing"
    records = extract_all(FIXTURES / f"{name}.pdf")
    assert [r.kind for r in records] == ["form1", "form1"]
    assert records[0].origin.pages == [1, 2, 3] and records[1].origin.pages == [4]
    assert any("a page may be missing" in w for w in records[1].warnings)
    want = _truth(name)["records"][0]["fields"]
    assert _key(records[0].fields["head_name"]) == _key(want["head_name"])


def test_a_survey_whose_first_page_is_missing_starts_at_its_tally_s_title():
    """The certificate, then a survey whose first page (its title, head and questions) is missing: its tally page
    prints a title of its own (``สรุปผลการสำรวจความพึงพอใจของผู้ใช้นวัตกรรม``), which now starts the survey; the
    survey had been read into the certificate and lost with no warning."""
    name = "mixed_survey_first_page_missing"
    records = extract_all(FIXTURES / f"{name}.pdf")
    assert [r.kind for r in records] == ["certificate", "survey"]
    assert any("a page may be missing" in w for w in records[1].warnings)
    want = _truth(name)["records"][0]["fields"]
    assert _key(records[0].fields["partner_rep_name"]) == _key(want["partner_rep_name"])
