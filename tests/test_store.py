"""The record store on SQLite and PostgreSQL: versions, duplicates, corrections, review, status, migrations."""

from __future__ import annotations

import hashlib
import json
import multiprocessing

import pytest

from pipeline.records import Record
from pipeline.samples import sample_agencies
from pipeline.scoring import status as store_status
from pipeline.scoring.evidence import sample_evidence, sample_scoring_dir
from pipeline.scoring.score import score_all
from pipeline.scoring.store_evidence import store_evidence
from pipeline.store import StoreError, open_store

BANGKAPI, DRAINAGE, PR = "สำนักงานเขตบางกะปิ", "สำนักการระบายน้ำ", "สำนักงานประชาสัมพันธ์"


def agency_records(name: str) -> list[Record]:
    return next(a["records"] for a in sample_agencies() if a["agency"] == name)


def one(name: str, kind: str, number: int = 0) -> Record:
    return [r for r in agency_records(name) if r.kind == kind][number]


def changed(record: Record, **fields: object) -> Record:
    return record.model_copy(update={"fields": {**record.fields, **fields}}, deep=True)


def digest(record: Record, salt: str = "") -> str:
    return hashlib.sha256((json.dumps(record.to_json(), sort_keys=True) + salt).encode()).hexdigest()


def save(store, record: Record | None, *, agency: str | None = BANGKAPI, year: int | None = 2568,
         sha: str | None = None, token: str = "run-1", name: str = "returned.docx", **more):
    sha = sha or digest(record) if record is not None else sha
    return store.save_ingested(sha256=sha, original_name=name, size=1234, claim_token=token,
                               stored_path=f"/srv/store/{name}", record=record, agency=agency, fiscal_year=year,
                               **more)


@pytest.fixture
def store(store_url):
    with open_store(store_url) as opened:
        yield opened


def save_agency(store, name: str, *, skip: tuple[str, ...] = ()) -> None:
    for number, record in enumerate(agency_records(name)):
        if record.kind not in skip:
            save(store, record, agency=name, name=f"{record.kind}-{number}.docx")


# ------------------------------------------------------------------------------------------------ versions
def test_a_saved_record_is_version_1_and_current(store):
    outcome = save(store, one(BANGKAPI, "form2"), name="form2.docx")
    assert (outcome.status, outcome.version) == ("stored", 1)
    [stored] = store.records()
    assert (stored.id, stored.kind, stored.agency, stored.fiscal_year, stored.current) == (
        outcome.record_id, "form2", BANGKAPI, 2568, True)
    assert stored.fields == one(BANGKAPI, "form2").fields
    assert stored.sha256 == digest(one(BANGKAPI, "form2"))
    found = store.find_file(stored.sha256)
    assert (found.status, found.original_name, found.record_id, found.agency) == (
        "processed", "form2.docx", stored.id, BANGKAPI)
    assert found.received_at.tzinfo is not None


def test_a_later_file_of_the_same_agency_year_and_kind_is_a_new_current_version(store):
    first = save(store, one(BANGKAPI, "form4"), name="form4.docx")
    second = save(store, changed(one(BANGKAPI, "form4"), project_name="โครงการฉบับแก้ไข"), name="form4-v2.docx")
    assert (first.version, second.version) == (1, 2)
    history = store.records(kind="form4")
    assert [(r.version, r.current) for r in history] == [(1, False), (2, True)]
    [current] = store.records(kind="form4", current_only=True)
    assert current.fields["project_name"] == "โครงการฉบับแก้ไข" and current.source_name == "form4-v2.docx"


def test_another_agency_or_year_is_not_a_version(store):
    save(store, one(BANGKAPI, "form2"))
    save(store, one(BANGKAPI, "form2"), sha="b" * 64, agency=DRAINAGE)
    save(store, one(BANGKAPI, "form2"), sha="c" * 64, year=2569)
    assert [(r.agency, r.fiscal_year, r.version, r.current) for r in store.records()] == [
        (DRAINAGE, 2568, 1, True), (BANGKAPI, 2568, 1, True), (BANGKAPI, 2569, 1, True)]


def test_agency_names_differing_in_spaces_are_one_agency(store):
    save(store, one(BANGKAPI, "form2"), agency="สำนักงานเขต  บางกะปิ ")
    second = save(store, changed(one(BANGKAPI, "form2"), project_name="ใหม่"), agency=BANGKAPI)
    assert second.version == 2
    assert {r.agency for r in store.records()} == {"สำนักงานเขตบางกะปิ"}  # the name of the agency list


def test_agency_and_fiscal_year_come_from_the_fields_when_not_given(store):
    form4 = one(DRAINAGE, "form4")
    save(store, form4, agency=None, year=None)
    [stored] = store.records()
    assert (stored.agency, stored.fiscal_year) == (form4.fields["agency"], form4.fields["fiscal_year"])


def test_each_form1_idea_has_its_own_versions(store):
    ideas = [r for r in agency_records(BANGKAPI) if r.kind == "form1"]
    assert len(ideas) == 3
    for number, idea in enumerate(ideas):
        save(store, idea, name=f"idea{number}.docx")
    resent = changed(ideas[1], problem="ปัญหาที่เขียนใหม่",
                     idea_name=" " + ideas[1].fields["idea_name"].replace(" ", "  ") + " ")
    outcome = save(store, resent, name="idea1-v2.docx")
    assert outcome.version == 2
    current = store.records(kind="form1", current_only=True)
    assert len(current) == 3
    assert sorted(r.version for r in current) == [1, 1, 2]
    assert [r.fields["problem"] for r in current if r.version == 2] == ["ปัญหาที่เขียนใหม่"]
    assert len(store.records(kind="form1")) == 4


def test_form1_without_an_idea_name_is_not_a_version_of_another(store):
    save(store, changed(one(BANGKAPI, "form1"), idea_name=None), sha="1" * 64)
    save(store, changed(one(BANGKAPI, "form1", 1), idea_name=None), sha="2" * 64)
    assert [(r.version, r.current) for r in store.records()] == [(1, True), (1, True)]


# ------------------------------------------------------------------------------------------------ same file again
def test_the_same_file_under_the_same_claim_is_already_saved_and_nothing_is_written(store):
    first = save(store, one(BANGKAPI, "form3"), token="claim-A")
    again = save(store, one(BANGKAPI, "form3"), token="claim-A")
    assert again.status == "already"
    assert (again.file_id, again.record_id, again.version) == (first.file_id, first.record_id, 1)
    assert len(store.files()) == 1 and len(store.records()) == 1


def test_the_same_file_under_another_claim_is_logged_as_a_duplicate_without_a_record(store):
    first = save(store, one(BANGKAPI, "form3"), token="claim-A", name="form3.pdf")
    again = save(store, one(BANGKAPI, "form3"), token="claim-B", name="form3 (copy).pdf")
    assert again.status == "duplicate" and again.record_id is None
    assert again.existing.id == first.file_id and again.existing.original_name == "form3.pdf"
    assert [f.original_name for f in store.files(status="duplicate")] == ["form3 (copy).pdf"]
    assert len(store.records()) == 1
    assert store.find_file(digest(one(BANGKAPI, "form3"))).id == first.file_id
    third = save(store, one(BANGKAPI, "form3"), token="claim-C", name="form3 (2).pdf")
    assert third.status == "duplicate" and len(store.files(status="duplicate")) == 2
    rerun = save(store, one(BANGKAPI, "form3"), token="claim-C", name="form3 (2).pdf")
    assert (rerun.status, rerun.file_id) == ("duplicate", third.file_id)  # the same claim logs its copy once
    assert len(store.files(status="duplicate")) == 2


def test_reprocessing_a_rejected_file_gives_it_a_record(store):
    rejected = save(store, None, sha="9" * 64, status="rejected", name="form2.pdf", reason_en="unknown form")
    again = save(store, one(BANGKAPI, "form2"), sha="9" * 64, token="run-2", name="form2.pdf", reprocess=True)
    assert (again.status, again.file_id, again.version) == ("stored", rejected.file_id, 1)
    found = store.find_file("9" * 64)
    assert (found.status, found.reason_en, found.record_id) == ("processed", None, again.record_id)
    assert len(store.files()) == 1


def test_a_rejected_file_is_kept_with_its_reasons_and_no_record(store):
    outcome = save(store, None, sha="d" * 64, status="rejected", name="scan.pdf", reason_en="no text",
                   reason_th="ไม่พบข้อความ")
    assert outcome.status == "stored" and outcome.record_id is None
    [rejected] = store.files(status="rejected")
    assert (rejected.reason_en, rejected.reason_th, rejected.agency) == ("no text", "ไม่พบข้อความ", BANGKAPI)
    assert save(store, None, sha="d" * 64, status="rejected", token="run-2").status == "duplicate"
    store.set_stored_path(outcome.file_id, "/srv/rejected/scan.pdf")
    assert store.find_file("d" * 64).stored_path == "/srv/rejected/scan.pdf"


def test_a_record_with_a_rejected_status_is_refused(store):
    with pytest.raises(StoreError, match="carries no record"):
        save(store, one(BANGKAPI, "form2"), status="rejected")
    assert store.files() == []


# ------------------------------------------------------------------------------------------------ corrections
def test_a_correction_sets_the_field_and_keeps_who_when_old_and_new(store):
    outcome = save(store, one(BANGKAPI, "form2"))
    old = one(BANGKAPI, "form2").fields["project_name"]
    done = store.correct(outcome.record_id, "project_name", "ชื่อโครงการที่ถูกต้อง", by="สมศรี", note="สะกดผิด")
    assert (done.old, done.new, done.by, done.note) == (old, "ชื่อโครงการที่ถูกต้อง", "สมศรี", "สะกดผิด")
    store.correct(outcome.record_id, "project_name", "ชื่อที่สอง", by="สมชาย")
    [stored] = store.records()
    assert stored.fields["project_name"] == "ชื่อที่สอง"
    assert [(c.field, c.old, c.new, c.by) for c in stored.corrections] == [
        ("project_name", old, "ชื่อโครงการที่ถูกต้อง", "สมศรี"),
        ("project_name", "ชื่อโครงการที่ถูกต้อง", "ชื่อที่สอง", "สมชาย")]
    assert stored.corrections[0].at <= stored.corrections[1].at
    assert stored.to_json()["corrections"][0]["by"] == "สมศรี"


def test_a_corrected_value_wins_over_a_later_reextraction_of_the_same_file(store):
    form4 = one(BANGKAPI, "form4")
    first = save(store, form4, name="form4.pdf")
    store.correct(first.record_id, "project_name", "ชื่อที่แก้ด้วยมือ", by="สมศรี")
    store.correct(first.record_id, "kpis.0.target", "ไม่น้อยกว่าร้อยละ 95", by="สมศรี")
    again = save(store, form4, name="form4.pdf", token="reprocess-1", reprocess=True)
    assert (again.status, again.file_id, again.version) == ("stored", first.file_id, 2)
    [current] = store.records(current_only=True)
    assert current.id == again.record_id
    assert current.fields["project_name"] == "ชื่อที่แก้ด้วยมือ"
    assert current.fields["kpis"][0]["target"] == "ไม่น้อยกว่าร้อยละ 95"
    assert len(current.corrections) == 2
    other = save(store, changed(form4, project_name="ไฟล์อื่น"), name="form4-new.pdf")
    assert store.record(other.record_id).fields["project_name"] == "ไฟล์อื่น"  # another file: no correction


def test_a_file_read_again_into_another_year_leaves_its_old_place(store):
    older = save(store, one(BANGKAPI, "form2"), sha="5" * 64, name="old-form2.docx")
    misread = save(store, one(BANGKAPI, "form2"), sha="6" * 64, year=2567, name="form2.docx")
    assert misread.version == 1
    again = save(store, one(BANGKAPI, "form2"), sha="6" * 64, year=2568, name="form2.docx", token="re",
                 reprocess=True)
    assert again.version == 2
    assert store.records(fiscal_year=2567, current_only=True) == []
    assert [r.id for r in store.records(current_only=True)] == [again.record_id]
    assert older.record_id in {r.id for r in store.records(fiscal_year=2568)}


def test_reprocessing_into_another_place_makes_the_earlier_version_there_current_again(store):
    first = save(store, one(BANGKAPI, "form2"), sha="5" * 64, name="first.docx")
    second = save(store, changed(one(BANGKAPI, "form2"), project_name="ฉบับที่สอง"), sha="6" * 64)
    assert store.record(first.record_id).current is False
    save(store, one(BANGKAPI, "form2"), sha="6" * 64, year=2569, token="re", reprocess=True)
    assert store.record(first.record_id).current is True
    assert store.record(second.record_id).current is False


def test_a_correction_of_a_nested_field_is_typed_by_its_form(store):
    outcome = save(store, one(BANGKAPI, "form3"))
    store.correct(outcome.record_id, "plan.fiscal_year", "๒๕๖๘", by="a")
    store.correct(outcome.record_id, "plan.steps.0.months", "ต.ค., พ.ย.", by="a")
    stored = store.record(outcome.record_id)
    assert stored.fields["plan"]["fiscal_year"] == 2568
    assert stored.fields["plan"]["steps"][0]["months"] == [10, 11]


@pytest.mark.parametrize(("field", "value", "message"), [
    ("fiscal_year", "ปีหน้า", "not a fiscal year"), ("fiscal_year", "68", "not a fiscal year"),
    ("agency", "บริษัทเอกชน", "no agency"), ("no_such_field", "x", "has no field"),
    ("kpis.9.target", "x", "no row 9"), ("kpis.x", "x", "row number")])
def test_a_correction_that_does_not_fit_is_refused_and_changes_nothing(store, field, value, message):
    outcome = save(store, one(BANGKAPI, "form4"))
    with pytest.raises(StoreError, match=message):
        store.correct(outcome.record_id, field, value, by="a")
    assert store.record(outcome.record_id).fields == one(BANGKAPI, "form4").fields
    assert store.record(outcome.record_id).corrections == []


def test_a_correction_needs_a_name_and_an_existing_record(store):
    outcome = save(store, one(BANGKAPI, "form2"))
    with pytest.raises(StoreError, match="who corrects"):
        store.correct(outcome.record_id, "project_name", "x", by=" ")
    with pytest.raises(StoreError, match="no record 999"):
        store.correct(999, "project_name", "x", by="a")


# ------------------------------------------------------------------------------------------------ review
def test_review_lists_fields_with_a_warning_or_a_low_confidence_with_file_and_place(store):
    record = one(BANGKAPI, "form4").model_copy(update={
        "warnings": ["plan: no operating plan is attached — ไม่พบแผนการดำเนินการแนบท้าย",
                     "the file holds 2 copies of this form; only the first was read"],
        "confidence": {"project_name": 0.42, "agency": 0.99, "kpis.0.target": 0.5},
        "provenance": {"project_name": "page 1, line 4", "kpis.0.target": "table 2, row 1"}})
    outcome = save(store, record, name="form4.pdf")
    items = {(i.field, i.warning is not None): i for i in store_status.review(store)}
    assert set(items) == {("plan", True), ("", True), ("project_name", False), ("kpis.0.target", False)}
    low = items[("project_name", False)]
    assert (low.confidence, low.where, low.source_name, low.record_id) == (
        0.42, "page 1, line 4", "form4.pdf", outcome.record_id)
    assert low.value == record.fields["project_name"]
    assert items[("kpis.0.target", False)].value == record.fields["kpis"][0]["target"]
    assert [i.field for i in store_status.review(store, threshold=0.45) if i.warning is None] == ["project_name"]
    store.correct(outcome.record_id, "project_name", "ชื่อที่ตรวจแล้ว", by="สมศรี")
    assert "project_name" not in {i.field for i in store_status.review(store)}


def test_review_skips_versions_that_are_no_longer_current(store):
    save(store, one(BANGKAPI, "form2").model_copy(update={"confidence": {"idea_name": 0.1}}))
    save(store, changed(one(BANGKAPI, "form2"), project_name="ใหม่"))
    assert store_status.review(store) == []


# ------------------------------------------------------------------------------------------------ status
def test_status_shows_per_agency_what_is_in_missing_and_invalid(store):
    save_agency(store, BANGKAPI)
    save_agency(store, DRAINAGE, skip=("survey",))
    save(store, changed(one(PR, "form4"), kpis=None), agency=PR)
    save(store, None, sha="e" * 64, agency=PR, status="rejected", name="unreadable.pdf", reason_en="empty")
    by_name = {s.agency: s for s in store_status.status(store, 2568)}
    assert set(by_name) == {BANGKAPI, DRAINAGE, PR}
    assert by_name[BANGKAPI].complete and by_name[BANGKAPI].have["certificate"] == 1
    assert by_name[DRAINAGE].missing == {"survey": 1}
    assert "certificate" not in by_name[DRAINAGE].missing  # no outside partners: no certificate needed
    pr = by_name[PR]
    assert pr.missing == {"form1": 3, "form2": 1, "form3": 1, "survey": 1}
    assert list(pr.invalid) == ["form4"] and any("KPIs" in m for m in pr.invalid["form4"])
    assert pr.rejected == ["unreadable.pdf"]
    assert [s.agency for s in store_status.status(store, 2569)] == sorted([BANGKAPI, DRAINAGE, PR])  # known, nothing in
    assert all(s.have == {} for s in store_status.status(store, 2569))


def test_status_counts_only_current_versions(store):
    save_agency(store, DRAINAGE)
    save(store, changed(one(DRAINAGE, "form4"), kpis=None), agency=DRAINAGE, name="form4-bad.docx")
    [status] = store_status.status(store, 2568)
    assert status.have["form4"] == 1 and "form4" in status.invalid
    save(store, one(DRAINAGE, "form4"), agency=DRAINAGE, sha="f" * 64, name="form4-fixed.docx")
    [status] = store_status.status(store, 2568)
    assert status.complete


# ------------------------------------------------------------------------------------------------ evidence
def test_store_evidence_scores_like_the_sample_year(store):
    for agency in sample_agencies():
        save_agency(store, agency["agency"])
    evidence = store_evidence(store, 2568, evaluations_dir=sample_scoring_dir())
    expected = {e.agency: e for e in sample_evidence()}
    assert {e.agency for e in evidence} == set(expected)
    for item in evidence:
        assert [r.fields for r in item.records] == [r.fields for r in expected[item.agency].records]
        assert item.committee == expected[item.agency].committee
        assert item.evaluation == expected[item.agency].evaluation
    totals = {c.agency: c.total for c in score_all(evidence)}
    assert totals == {c.agency: c.total for c in score_all(sample_evidence())}


def test_store_evidence_keeps_each_fiscal_year_apart(store):
    save(store, one(BANGKAPI, "form2"), agency=BANGKAPI, year=2568)
    save(store, changed(one(BANGKAPI, "form2"), project_name="ปีถัดไป"), agency=BANGKAPI, year=2569)
    evidence = store_evidence(store)
    assert [(e.agency, e.fiscal_year, [r.fields["project_name"] for r in e.records]) for e in evidence] == [
        (BANGKAPI, 2568, [one(BANGKAPI, "form2").fields["project_name"]]), (BANGKAPI, 2569, ["ปีถัดไป"])]
    assert [e.fiscal_year for e in store_evidence(store, 2569)] == [2569]


def test_fields_holding_dates_are_stored_as_their_json_form(store):
    import datetime as dt

    record = Record(kind="form2", fields={**one(BANGKAPI, "form2").fields, "signed_date": dt.date(2025, 3, 1)})
    outcome = save(store, record, sha="7" * 64)
    assert store.record(outcome.record_id).fields["signed_date"] == "2025-03-01"


# ------------------------------------------------------------------------------------------------ concurrency
def _save_in_process(url: str, sha: str, token: str, kind: str, barrier, results) -> None:
    store = open_store(url)
    record = changed(one(BANGKAPI, kind), project_name=f"จาก {token}")
    barrier.wait()
    outcome = store.save_ingested(sha256=sha, original_name=f"{token}.docx", size=1, claim_token=token,
                                  stored_path=f"/srv/{token}.docx", record=record, agency=BANGKAPI,
                                  fiscal_year=2568)
    results.put((outcome.status, outcome.version))
    store.close()


def _race(url: str, jobs: list[tuple[str, str, str]]) -> list[tuple[str, int | None]]:
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(len(jobs)), context.Queue()
    processes = [context.Process(target=_save_in_process, args=(url, *job, barrier, results)) for job in jobs]
    for process in processes:
        process.start()
    out = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    return sorted(out, key=str)


def test_two_processes_saving_the_same_file_store_it_once(store_url):
    open_store(store_url).close()
    for round_number in range(3):
        sha = f"{round_number}" * 64
        outcomes = _race(store_url, [(sha, f"proc-a{round_number}", "form2"), (sha, f"proc-b{round_number}", "form2")])
        assert [status for status, _ in outcomes] == ["duplicate", "stored"]
    with open_store(store_url) as store:
        assert len(store.records()) == 3 and len(store.files(status="duplicate")) == 3
        assert [r.version for r in store.records()] == [1, 2, 3]


def test_two_processes_saving_versions_of_one_document_get_distinct_versions(store_url):
    open_store(store_url).close()
    outcomes = _race(store_url, [("a" * 64, "proc-a", "form4"), ("b" * 64, "proc-b", "form4")])
    assert outcomes == [("stored", 1), ("stored", 2)]
    with open_store(store_url) as store:
        assert [r.current for r in store.records()] == [False, True]


# ------------------------------------------------------------------------------------------------ moving a record
def test_correcting_agency_and_fiscal_year_moves_the_record(store):
    from pipeline.scoring.status import status

    save_agency(store, BANGKAPI)
    stray = save(store, one(DRAINAGE, "survey"), agency="สำนักการระบายนำ", year=2570, name="survey-ocr.pdf")
    assert {(s.agency, s.fiscal_year) for s in status(store)} >= {(DRAINAGE, 2570)}  # the OCR'd name is the agency
    store.correct(stray.record_id, "fiscal_year", "๒๕๖๘", by="สมชาย")  # form has no fiscal_year: it still moves
    moved = store.record(stray.record_id)
    assert (moved.agency, moved.fiscal_year, moved.current) == (DRAINAGE, 2568, True)
    store.correct(stray.record_id, "agency", "บางกะปิ", by="สมชาย")
    moved = store.record(stray.record_id)
    assert (moved.agency, moved.fiscal_year, moved.fields["agency"]) == (BANGKAPI, 2568, BANGKAPI)
    assert [c.field for c in moved.corrections] == ["fiscal_year", "agency"]
    assert {(s.agency, s.fiscal_year) for s in status(store)} == {(BANGKAPI, 2568)}
    bangkapi = next(s for s in status(store) if s.agency == BANGKAPI)
    assert bangkapi.have["survey"] == 1  # the moved survey is the newest version of Bang Kapi's survey
    # read again (reprocess): the hand-given place holds
    again = save(store, one(DRAINAGE, "survey"), agency=DRAINAGE, year=2570, sha=moved.sha256, name="survey-ocr.pdf",
                 token="run-2", reprocess=True)
    assert (store.record(again.record_id).agency, store.record(again.record_id).fiscal_year) == (BANGKAPI, 2568)


def test_records_placed_by_the_day_received_move_to_the_cycle_their_agency_states(store):
    from pipeline.identity import PLACEMENT

    form1 = one(BANGKAPI, "form1")
    form1.provenance[PLACEMENT] = "received"
    early = save(store, form1, year=2569, name="form1.docx")
    assert store.cycle_years(BANGKAPI) == [] and store.resettle() == []
    plan = one(BANGKAPI, "plan")
    plan.provenance[PLACEMENT] = "content"
    save(store, plan, year=2568, name="plan.docx")
    assert store.cycle_years("บางกะปิ") == [2568]
    assert store.resettle() == [(early.record_id, 2569, 2568)]
    assert store.record(early.record_id).fiscal_year == 2568
    assert store.record(early.record_id).provenance[PLACEMENT] == "cycle"
