"""The inbox ingestion loop: each file stored once, moved once, with its reason; safe under two processes and SIGKILL."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from test_guard import bad_inputs, rewrite_docx

from pipeline.extractors.record import extract
from pipeline.generate.render import render_docx
from pipeline.identity import agency_and_year, folder_hints
from pipeline.ingest.inbox import OUTCOME_FOLDERS, REASON_SUFFIX, Inbox, safe_name
from pipeline.ingest.limits import Limits
from pipeline.ingest.stage import ingest, sha256_of
from pipeline.records import Record
from pipeline.samples import sample_records
from pipeline.store import open_store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def quick_arrivals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files made by a test are complete when the run starts: a short wait, and no wait for an end record (the
    bad inputs include files cut short). test_hostile.py tests the waits themselves."""
    monkeypatch.setenv("PIPELINE_STABLE_S", "0.5")
    monkeypatch.setenv("PIPELINE_INCOMPLETE_S", "0")


# --------------------------------------------------------------------------- real forms, many of them
@pytest.fixture(scope="session")  # cheap, so each worker makes its own and the module's tests spread
def base_forms(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Record]]:
    """Every sample record rendered through its Word template once."""
    folder = tmp_path_factory.mktemp("forms")
    return [(render_docx(record, folder / f"sample{n:02d}.docx"), record) for n, record in enumerate(sample_records())]


def variants(base_forms: list[tuple[Path, Record]], folder: Path, count: int, prefix: str = "แบบฟอร์ม") -> list[Path]:
    """``count`` distinct real forms: the samples with the project (or idea) name numbered, as the text is typed."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for n in range(count):
        source, record = base_forms[n % len(base_forms)]
        key = next(k for k in ("project_name", "idea_name") if record.fields.get(k))
        xml = zipfile.ZipFile(source).read("word/document.xml").decode("utf-8")
        value = escape(record.fields[key])
        assert value in xml
        out.append(rewrite_docx(source, folder / f"{prefix} {n:03d}.docx",
                                xml.replace(value, f"{value} ชุดที่ {n}", 1).encode("utf-8")))
    return out


def hashes_under(folder: Path) -> Counter[str]:
    return Counter(sha256_of(p)[0] for p in folder.rglob("*") if p.is_file() and not p.name.endswith(REASON_SUFFIX))


def assert_each_file_once(inbox: Path, sent: Counter[str], url: str, duplicates: int) -> None:
    """Every sent file's bytes sit exactly once in processed/duplicates/rejected; the store counts each once."""
    landed = sum((hashes_under(inbox / name) for name in OUTCOME_FOLDERS.values()), Counter())
    assert landed == sent
    assert not Inbox(inbox).candidates()
    assert not [p for p in (inbox / ".work").iterdir()]
    store = open_store(url)
    try:
        rows = store.files()
        assert len(rows) == sum(sent.values())
        kept = [row for row in rows if row.status in ("processed", "rejected")]
        assert sorted(row.sha256 for row in kept) == sorted(sent)  # one processed-or-rejected row per content
        assert sum(row.status == "duplicate" for row in rows) == duplicates
        for row in rows:
            assert Path(row.stored_path).is_file() and sha256_of(Path(row.stored_path))[0] == row.sha256
        records = store.records()
        assert len({r.file_id for r in records}) == len(records) == sum(row.status == "processed" for row in rows)
    finally:
        store.close()


def sent_hashes(folder: Path) -> Counter[str]:
    return Counter(sha256_of(p)[0] for p in folder.rglob("*") if p.is_file())


# --------------------------------------------------------------------------- names and hints
@pytest.mark.parametrize(("name", "safe"), [
    ("แบบฟอร์ม 1 เขตบางรัก.docx", "แบบฟอร์ม 1 เขตบางรัก.docx"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\Windows\\แบบ 2.docx", "แบบ 2.docx"),
    ("/abs/path/form.pdf", "form.pdf"),
    ("..", "file"),
    ("a\x00b\nc.docx", "a_b_c.docx"),
    (".hidden.docx", "hidden.docx"),
])
def test_safe_name_keeps_thai_and_spaces_and_never_leaves_its_folder(name: str, safe: str) -> None:
    assert safe_name(name) == safe


def test_very_long_thai_name_is_cut_on_a_character_and_keeps_its_extension() -> None:
    name = safe_name("โครงการพัฒนานวัตกรรม" * 30 + ".docx")
    assert name.endswith(".docx") and len(name.encode("utf-8")) <= 180
    assert name.encode("utf-8").decode("utf-8") == name


def test_agency_and_year_come_from_fields_else_from_the_inbox_folders() -> None:
    assert folder_hints(["สำนักงานเขตบางรัก", "๒๕๖๘"]) == ("สำนักงานเขตบางรัก", 2568)
    assert folder_hints(["FY2025"]) == (None, 2568)
    form2 = next(r for r in sample_records("form2"))
    agency, year, warnings = agency_and_year(form2, [])
    assert (agency, year, warnings) == (form2.fields["agency"], 2568, [])  # year from signed_date
    blank = form2.model_copy(update={"fields": {**form2.fields, "agency": None, "signed_date": None}})
    assert agency_and_year(blank, ["สำนักงานเขตบางรัก", "2568"])[:2] == ("สำนักงานเขตบางรัก", 2568)
    _, _, warnings = agency_and_year(blank, [])
    assert any("no agency" in w for w in warnings) and any("no fiscal year" in w for w in warnings)
    _, _, warnings = agency_and_year(form2, ["สำนักงานเขตบางรัก"])
    assert any("came in the folder" in w for w in warnings)


def test_a_form_without_a_date_takes_the_fiscal_year_of_the_day_it_came() -> None:
    import datetime as dt

    form1 = sample_records("form1")[0]
    late_evening = dt.datetime(2024, 9, 30, 18, 0, tzinfo=dt.UTC)  # 1 Oct 2024, 01:00 in Bangkok: FY2568
    agency, year, warnings = agency_and_year(form1, [], late_evening)
    assert (agency, year) == (form1.fields["agency"], 2568)
    assert any("taken from the day the file was received" in w for w in warnings)
    assert agency_and_year(form1, ["2567"], late_evening)[1] == 2567  # a year folder says better


# --------------------------------------------------------------------------- a batch
def test_batch_stores_good_files_and_rejects_each_bad_one_with_its_reason(
        base_forms, store_url: str, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    good = variants(base_forms, inbox / "สำนักการระบายน้ำ", 5)
    shutil.copyfile(good[0], inbox / "ส่งซ้ำ copy.docx")  # the same bytes again
    shutil.copyfile(base_forms[5][0], inbox / "..\\..\\evil แผน.docx")  # a Windows path in a name
    blank = sample_records("form1")[0]
    blank.fields["agency"] = None
    render_docx(blank, inbox / "สำนักงานเขตบางรัก" / "2568" / "ไม่ระบุหน่วยงาน.docx")
    bad = bad_inputs(tmp_path / "bad")
    for case, (path, _) in bad.items():
        shutil.copyfile(path, inbox / f"{case} {path.name}")
    sent = sent_hashes(inbox)

    summary = ingest(inbox, store_url=store_url, workers=2)

    assert (summary.processed, summary.duplicates, summary.rejected, summary.failed) == (7, 1, len(bad), 0)
    assert_each_file_once(inbox, sent, store_url, duplicates=1)
    reasons = {p.name: p.read_text(encoding="utf-8") for p in (inbox / "rejected").rglob(f"*{REASON_SUFFIX}")}
    assert len(reasons) == len(bad)
    for case in bad:
        text = next(t for name, t in reasons.items() if f"__{case} " in name)
        assert f"File: {case} " in text and "Reason: " in text and "เหตุผล: " in text
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in text.split("เหตุผล: ")[1])
    store = open_store(store_url)
    try:
        rejected = {row.original_name.split(" ", 1)[0]: row for row in store.files(status="rejected")}
        assert all(row.reason_en and row.reason_th for row in rejected.values())
        assert "DTD" in rejected["external"].reason_en and "1,000 pages" in rejected["1000-page"].reason_en
        unnamed = next(r for r in store.records() if r.source_name.endswith("ไม่ระบุหน่วยงาน.docx"))
        assert (unnamed.agency, unnamed.fiscal_year) == ("สำนักงานเขตบางรัก", 2568)
        evil = next(row for row in store.files(status="processed") if "evil" in row.original_name)
        assert Path(evil.stored_path).parent.parent == inbox / "processed"
        assert Path(evil.stored_path).name.endswith("__evil แผน.docx")
        duplicate = store.files(status="duplicate")[0]
        assert Path(duplicate.stored_path).parent.parent == inbox / "duplicates"
    finally:
        store.close()
    assert "ส่งซ้ำ copy.docx" not in reasons
    dup_reason = next((inbox / "duplicates").rglob(f"*{REASON_SUFFIX}")).read_text(encoding="utf-8")
    assert "สำนักการระบายน้ำ/แบบฟอร์ม 000.docx" in dup_reason


# --------------------------------------------------------------------------- crashes, found and finished
def test_run_that_died_after_saving_is_finished_without_a_second_row(base_forms, store_url: str,
                                                                      tmp_path: Path) -> None:
    inbox_dir = tmp_path / "inbox"
    first, second = variants(base_forms, inbox_dir, 2)
    shutil.copyfile(first, inbox_dir / "again.docx")
    sent = sent_hashes(inbox_dir)
    box = Inbox(inbox_dir)
    box.prepare()
    store = open_store(store_url)
    try:
        # a run saved `first` then died before moving it
        claim = box.claim(first)
        sha, size = sha256_of(claim.work_path)
        dest = box.destination("processed", claim, sha)
        saved = store.save_ingested(sha256=sha, original_name=claim.rel_path, size=size, claim_token=claim.token,
                                    stored_path=str(dest), record=extract(claim.work_path), agency=None,
                                    fiscal_year=None)
        assert saved.status == "stored"
        box.release(claim, finished=False)
        # another run logged `again.docx` as a duplicate of it, then died too
        again = box.claim(inbox_dir / "again.docx")
        dup_dest = box.destination("duplicate", again, sha)
        assert store.save_ingested(sha256=sha, original_name=again.rel_path, size=size, claim_token=again.token,
                                   stored_path=str(dup_dest), record=None, agency=None, fiscal_year=None,
                                   status="duplicate").status == "duplicate"
        box.release(again, finished=False)
        # and one died half-way through claiming (its sidecar never got its file)
        stale = inbox_dir / ".work" / "0123abcd.json.tmp"
        stale.write_text("{", encoding="utf-8")
        os.utime(stale, (time.time() - 600, time.time() - 600))
        (inbox_dir / ".work" / "4567cdef.json").write_text('{"work_name": "4567cdef__gone.docx"}', encoding="utf-8")
    finally:
        store.close()

    summary = ingest(inbox_dir, store_url=store_url, workers=1)

    assert (summary.processed, summary.duplicates, summary.rejected) == (2, 1, 0)
    assert dest.is_file() and dup_dest.is_file() and not second.exists()
    assert_each_file_once(inbox_dir, sent, store_url, duplicates=1)


def test_claim_of_a_live_process_is_left_alone_until_it_dies(base_forms, store_url: str, tmp_path: Path) -> None:
    inbox_dir = tmp_path / "inbox"
    (form,) = variants(base_forms, inbox_dir, 1)
    box = Inbox(inbox_dir)
    box.prepare()
    claim = box.claim(form)  # this test process holds the claim's lock: it is alive
    try:
        summary = ingest(inbox_dir, store_url=store_url, workers=1)
        assert (summary.processed, summary.failed) == (0, 0)
        assert claim.work_path.is_file()
    finally:
        box.release(claim, finished=False)  # now it "dies"
    assert ingest(inbox_dir, store_url=store_url, workers=1).processed == 1
    assert not claim.work_path.exists()


def test_cli_ingest_prints_one_summary_line(base_forms, tmp_path: Path) -> None:
    inbox_dir = tmp_path / "inbox"
    variants(base_forms, inbox_dir, 2)
    (inbox_dir / "empty.pdf").write_bytes(b"")
    done = subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--inbox", str(inbox_dir), "--workers", "1",
                           "--max-pages", "50"], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "PIPELINE_DB": f"sqlite:///{tmp_path / 'db.sqlite'}"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "processed 2, duplicates 0, rejected 1 (ประมวลผลแล้ว 2 ไฟล์ ซ้ำ 0 ไฟล์ ไม่รับ 1 ไฟล์)"]
    assert "rejected: empty.pdf: the file is empty" in done.stderr


# --------------------------------------------------------------------------- two processes, SIGKILL, --watch
def _ingest_command(inbox_dir: Path, workers: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "ingest", "--inbox", str(inbox_dir), "--workers", str(workers), *extra]


@pytest.mark.slow
def test_two_processes_on_one_inbox_record_each_file_once(base_forms, store_url: str, tmp_path: Path) -> None:
    inbox_dir = tmp_path / "inbox"
    forms = variants(base_forms, inbox_dir, 200)
    for n in range(0, 200, 10):  # 20 exact duplicates
        shutil.copyfile(forms[n], inbox_dir / f"ส่งอีกครั้ง {n:03d}.docx")
    sent = sent_hashes(inbox_dir)
    open_store(store_url).close()  # migrated before the race: the race is about files, not schema
    env = {**os.environ, "PIPELINE_DB": store_url}
    runs = [subprocess.Popen(_ingest_command(inbox_dir, 1), cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]
    counts = [tuple(int(part.split()[1]) for part in out.split(" (")[0].split(", ")) for out, _ in outputs]
    assert all(sum(c) > 0 for c in counts)  # both took part
    assert tuple(map(sum, zip(*counts, strict=True))) == (200, 20, 0)
    assert_each_file_once(inbox_dir, sent, store_url, duplicates=20)


def _progress(inbox_dir: Path) -> set[str]:
    """The names of claims and of finished files: grows as a run works."""
    return {p.name for p in inbox_dir.rglob("*") if p.is_file() and ("__" in p.name)}


@pytest.mark.slow
def test_twenty_sigkills_then_a_rerun_lose_nothing_and_double_nothing(base_forms, store_url: str,
                                                                      tmp_path: Path) -> None:
    inbox_dir = tmp_path / "inbox"
    forms = variants(base_forms, inbox_dir / "สำนักงานเขตบางรัก", 80)  # a kill ends a run within a file or two
    for n in range(0, 50, 10):
        shutil.copyfile(forms[n], inbox_dir / f"copy {n}.docx")
    for n in range(5):
        (inbox_dir / f"broken {n}.docx").write_bytes(forms[n].read_bytes()[:3000])
    sent = sent_hashes(inbox_dir)
    open_store(store_url).close()
    env = {**os.environ, "PIPELINE_DB": store_url}
    rng = random.Random(20261121)
    kills = 0
    while kills < 20:
        assert Inbox(inbox_dir).candidates(), f"the inbox ran dry after {kills} kills: give the test more files"
        run = subprocess.Popen(_ingest_command(inbox_dir, 2), cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        before = _progress(inbox_dir)
        while _progress(inbox_dir) <= before and run.poll() is None:
            time.sleep(0.05)  # until it has taken or finished a file: the kill lands amid real work (a
            # shorter poll spends a core walking the inbox while the run warms up)
        time.sleep(rng.uniform(0, 0.15))
        if run.poll() is None:
            run.send_signal(signal.SIGKILL)
            kills += 1
        run.wait(30)
    final = subprocess.run(_ingest_command(inbox_dir, 2), cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=300)
    assert final.returncode == 0, final.stderr
    assert_each_file_once(inbox_dir, sent, store_url, duplicates=5)
    store = open_store(store_url)
    try:
        assert sum(row.status == "rejected" for row in store.files()) == 5
    finally:
        store.close()


@pytest.mark.slow
def test_watch_takes_a_file_only_once_it_is_complete_and_stops_on_ctrl_c(base_forms, tmp_path: Path) -> None:
    inbox_dir = tmp_path / "inbox"
    inbox_dir.mkdir()
    (source,) = variants(base_forms, tmp_path / "forms", 1)
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    run = subprocess.Popen(_ingest_command(inbox_dir, 1, "--watch"), cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env={**os.environ, "PIPELINE_DB": url})
    try:
        data = source.read_bytes()
        target = inbox_dir / "กำลังส่ง.docx"
        step = len(data) // 8 + 1
        for start in range(0, len(data), step):  # arrives slowly, as over a network share
            with target.open("ab") as fh:
                fh.write(data[start:start + step])
            time.sleep(0.4)
        deadline = time.monotonic() + 30
        while not list((inbox_dir / "processed").rglob("*.docx")) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        run.send_signal(signal.SIGINT)
        out, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    assert out.strip().startswith("processed 1, duplicates 0, rejected 0")
    assert not list((inbox_dir / "rejected").rglob("*"))


def test_limits_reach_the_workers(base_forms, tmp_path: Path) -> None:
    inbox_dir = tmp_path / "inbox"
    variants(base_forms, inbox_dir, 1)
    summary = ingest(inbox_dir, store_url=f"sqlite:///{tmp_path / 'db.sqlite'}", workers=1,
                     limits=Limits(max_file_mb=0.001))
    assert (summary.processed, summary.rejected) == (0, 1)
    assert "over the limit of 0.001 MB" in (summary.outcomes[0].reason or "")


def test_a_file_refused_under_tight_caps_is_read_again_when_sent_again(base_forms, tmp_path: Path) -> None:
    inbox_dir, url = tmp_path / "inbox", f"sqlite:///{tmp_path / 'db.sqlite'}"
    [form] = variants(base_forms, tmp_path / "sent", 1)
    (inbox_dir / "agency").mkdir(parents=True)
    shutil.copy(form, inbox_dir / "agency" / form.name)
    first = ingest(inbox_dir, store_url=url, workers=1, limits=Limits(max_file_mb=0.001))
    assert (first.processed, first.rejected) == (0, 1)
    shutil.copy(form, inbox_dir / "agency" / form.name)  # the same bytes, once the caps were raised
    again = ingest(inbox_dir, store_url=url, workers=1)
    assert (again.processed, again.duplicates, again.rejected) == (1, 0, 0)
    with open_store(url) as store:
        [row] = store.files()
        assert row.status == "processed" and len(store.records()) == 1


def test_files_from_an_archive_are_recorded_as_received_on_the_day_given(base_forms, tmp_path: Path) -> None:
    import datetime as dt

    inbox_dir, url = tmp_path / "inbox", f"sqlite:///{tmp_path / 'db.sqlite'}"
    variants(base_forms, inbox_dir, 2)
    day = dt.datetime(2025, 1, 15, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert ingest(inbox_dir, store_url=url, workers=1, received_at=day).processed == 2
    with open_store(url) as store:
        assert {r.received_at.astimezone(dt.UTC) for r in store.records()} == {day.astimezone(dt.UTC)}


# --------------------------------------------------------------------------- one cycle, one fiscal year
def test_an_undated_form_joins_its_agencys_cycle_before_the_day_received() -> None:
    import datetime as dt

    from pipeline.identity import PLACEMENT, cycle_year, place

    form1 = sample_records("form1")[0]
    next_year = dt.datetime(2025, 11, 14, tzinfo=dt.UTC)  # FY2569
    placed = place(form1, [], next_year, lambda agency: [2568])
    assert (placed.fiscal_year, placed.year_from, placed.warnings) == (2568, "cycle", [])
    placed = place(form1, [], next_year, lambda agency: [])
    assert (placed.fiscal_year, placed.year_from) == (2569, "received") and placed.warnings
    assert place(form1, ["2567"], next_year, lambda agency: [2568]).fiscal_year == 2567  # a year folder first
    assert cycle_year([2567, 2568, 2570], 2569) == 2568 and cycle_year([2570], 2569) == 2570
    assert PLACEMENT == "placement.fiscal_year"


def test_dot_files_in_the_inbox_are_not_returned_files(tmp_path: Path) -> None:
    from pipeline.ingest.inbox import Inbox

    (tmp_path / ".gitkeep").write_text("")
    (tmp_path / "เขต").mkdir()
    (tmp_path / "เขต" / ".DS_Store").write_text("x")
    (tmp_path / "เขต" / "form1.docx").write_text("x")
    assert [p.name for p in Inbox(tmp_path).candidates()] == ["form1.docx"]


def test_ingest_off_a_terminal_prints_progress_lines(tmp_path: Path, capfd) -> None:
    inbox = tmp_path / "inbox"
    for number, record in enumerate(sample_records("form1")[:2]):
        render_docx(record, inbox / f"form1-{number}.docx")
    (inbox / ".gitkeep").write_text("")
    summary = ingest(inbox, store_url=f"sqlite:///{tmp_path / 's.sqlite'}", workers=1, echo=True, progress=False)
    assert (summary.processed, summary.rejected) == (2, 0)  # .gitkeep is no returned file
    err = capfd.readouterr().err
    assert "ingest: 2/2 files — processed 2" in err and "(ไม่ระบุหน่วยงาน)" not in err


def test_the_thai_dictionary_built_in_a_worker_is_frozen_out_of_its_children_collections() -> None:
    # A worker builds the dictionary at its first PDF, after the warm-up's freeze: unfrozen, the 62,000-word
    # trie would sit in the collected generations and every forked child's collector would copy its pages.
    probe = ("import gc; from pipeline.ingest.sandbox import warm_up_thai_words; before = gc.get_freeze_count(); "
             "warm_up_thai_words(); print(before, gc.get_freeze_count())")
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    before, after = map(int, run.stdout.split())
    assert before == 0 and after > 100_000, run.stderr
