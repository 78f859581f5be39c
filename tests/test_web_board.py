"""The board's rows kept per agency, on SQLite and PostgreSQL: after each change they equal the whole year computed
again, and the agency changed shows it."""

from __future__ import annotations

import uuid

from pipeline.records import Record
from pipeline.scoring.evidence import sample_evidence
from pipeline.store import open_store
from pipeline.web.board import board_rows, year_rows
from tests.web_helpers import CLERK_AGENCY, OTHER_AGENCY, save_record


def _rows_of(store, year=2568):
    """The kept rows, after checking them against the year computed from scratch."""
    kept = board_rows(store, year)
    assert kept == sorted(year_rows(store, year).values(), key=lambda r: r.status.agency)
    return {row.status.agency: row for row in kept}


def test_the_board_follows_corrections_moves_new_versions_and_rejected_files(store_url):
    with open_store(store_url) as store:
        evidence = {e.agency: e for e in sample_evidence()}
        for agency in (CLERK_AGENCY, OTHER_AGENCY):
            for record in evidence[agency].records:
                save_record(store, record, agency)
        doubtful = evidence[CLERK_AGENCY].records[0]
        flagged = save_record(store, Record(kind="form1", fields={**doubtful.fields, "idea_name": "ความคิดที่สี่"},
                                            confidence={"idea_name": 0.4}), CLERK_AGENCY)
        before = _rows_of(store)
        assert before[CLERK_AGENCY].to_review == 1 and before[OTHER_AGENCY].to_review == 0

        store.correct(flagged, "idea_name", "ความคิดที่สี่ (แก้แล้ว)", by="somchai")  # settled by a person
        after = _rows_of(store)
        assert after[CLERK_AGENCY].to_review == 0 and after[OTHER_AGENCY] == before[OTHER_AGENCY]

        store.save_ingested(sha256=uuid.uuid4().hex * 2, original_name="สแกนอ่านไม่ได้.pdf", size=1,
                            claim_token=uuid.uuid4().hex, stored_path="", status="rejected", agency=OTHER_AGENCY,
                            fiscal_year=2568, reason_en="unreadable", reason_th="อ่านไม่ได้")
        assert _rows_of(store)[OTHER_AGENCY].status.rejected == ["สแกนอ่านไม่ได้.pdf"]

        have = after[OTHER_AGENCY].status.have["form1"]
        store.correct(flagged, "agency", OTHER_AGENCY, by="somchai")  # the idea was the other agency's
        moved = _rows_of(store)
        assert moved[OTHER_AGENCY].status.have["form1"] == have + 1
        assert moved[CLERK_AGENCY].status.have["form1"] == after[CLERK_AGENCY].status.have["form1"] - 1

        store.correct(flagged, "fiscal_year", 2567, by="somchai")  # and of the year before
        assert _rows_of(store)[OTHER_AGENCY].status.have["form1"] == have
        assert _rows_of(store, 2567)[OTHER_AGENCY].status.have == {"form1": 1}

        plan = next(r for r in evidence[OTHER_AGENCY].records if r.kind == "plan")
        emptied = {**plan.fields, "steps": []}
        save_record(store, Record(kind="plan", fields=emptied), OTHER_AGENCY)  # a new version, now invalid
        assert "plan" in _rows_of(store)[OTHER_AGENCY].status.invalid
