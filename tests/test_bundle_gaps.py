"""Bundles with a page missing (seventeenth round): the fields a
missing page cut short are warned. Fixtures: tests/fixtures/make_fresh_producer_fixtures.py."""

from __future__ import annotations

from pipeline.extractors.record import extract_all
from tests.chromium_fixtures import FIXTURES
from tests.chromium_fixtures import spaceless as _key
from tests.chromium_fixtures import truth as _truth


def _warned(record, key: str) -> bool:
    return any(w.startswith(f"{key}:") for w in record.warnings)


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
