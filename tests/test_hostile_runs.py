"""Odd inboxes, half-written files, full disks and bad arguments: each one clear line, the rest goes on."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_guard import form_docx

from pipeline.ingest.inbox import REASON_SUFFIX, Inbox, InboxError
from pipeline.ingest.stage import ingest
from pipeline.samples import sample_records
from pipeline.store import open_store
from pipeline.store.models import StoreError

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict[str, str] | None = None, user: str | None = None) -> subprocess.CompletedProcess:
    prefix = ["setpriv", "--reuid", user, "--regid", user, "--clear-groups"] if user else []
    return subprocess.run([*prefix, sys.executable, "-m", "pipeline", *args], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, env={**os.environ, "PIPELINE_STABLE_S": "0", **(env or {})})


def assert_one_clear_line(done: subprocess.CompletedProcess, status: int) -> None:
    assert done.returncode == status, done.stderr
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    errors = [line for line in done.stderr.splitlines() if line.startswith("error") or "error:" in line]
    assert len(errors) == 1, done.stderr
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in done.stderr), done.stderr


@pytest.fixture
def forms(tmp_path: Path) -> list[Path]:
    return [form_docx(tmp_path / f"form{n}.docx", n) for n in (0, 3)]


# --------------------------------------------------------------------------- the inbox walk
def test_a_too_long_path_is_reported_once_and_the_rest_is_processed(forms, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    fd = os.open(inbox, os.O_RDONLY)
    try:  # 24 folders of 199 bytes, past Linux's 4,096-byte PATH_MAX: made one by one, relative to the last
        for _ in range(24):
            os.mkdir("ก" * 66 + "x", dir_fd=fd)
            fd, old = os.open("ก" * 66 + "x", os.O_RDONLY, dir_fd=fd), fd
            os.close(old)
        with open(os.open("lost.docx", os.O_CREAT | os.O_WRONLY, dir_fd=fd), "wb") as fh:
            fh.write(forms[1].read_bytes())
    finally:
        os.close(fd)
    shutil.copy(forms[0], inbox / "ok.docx")
    summary = ingest(inbox, store_url=f"sqlite:///{tmp_path / 'db.sqlite'}", workers=1)
    assert (summary.processed, summary.failed) == (1, 0)
    assert len(summary.problems) == 1 and "too long" in summary.problems[0].reason_en
    assert "ยาวเกิน" in summary.problems[0].reason_th


@pytest.mark.slow
def test_outcome_folders_that_are_links_are_refused(tmp_path: Path, forms) -> None:
    inbox, outside = tmp_path / "inbox", tmp_path / "elsewhere"
    inbox.mkdir()
    outside.mkdir()
    (inbox / "processed").symlink_to(outside)
    shutil.copy(forms[0], inbox / "a.docx")
    with pytest.raises(InboxError, match="processed/ is a symbolic link") as caught:
        ingest(inbox, store_url=f"sqlite:///{tmp_path / 'db.sqlite'}", workers=1)
    assert "ลิงก์" in caught.value.message_th
    assert (inbox / "a.docx").is_file() and not list(outside.iterdir())
    done = run("ingest", "--inbox", str(inbox), "--db", f"sqlite:///{tmp_path / 'db.sqlite'}", "--workers", "1")
    assert_one_clear_line(done, 2)
    (inbox / "processed").unlink()  # a month folder that is a link is refused at the move too
    (inbox / "processed").mkdir()
    (inbox / "processed" / time.strftime("%Y-%m")).symlink_to(outside)
    summary = ingest(inbox, store_url=f"sqlite:///{tmp_path / 'db.sqlite'}", workers=1)
    assert summary.failed == 1 and "symbolic link" in summary.outcomes[0].reason
    assert not list(outside.iterdir())


@pytest.fixture
def nobody_dir() -> Iterator[Path]:
    """A folder the unprivileged user ``nobody`` may write in (root reads everything: the tests need a user
    that permissions apply to)."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run the pipeline as an unprivileged user")
    folder = Path(tempfile.mkdtemp(prefix="pipeline-nobody-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
def test_unreadable_folder_and_file_are_reported_and_settled_and_the_rest_goes_on(forms, nobody_dir: Path) -> None:
    inbox = nobody_dir / "inbox"
    (inbox / "locked-folder").mkdir(parents=True)
    shutil.copy(forms[0], inbox / "ok.docx")
    shutil.copy(forms[1], inbox / "locked-folder" / "hidden.docx")
    shutil.copy(forms[1], inbox / "no-read.docx")
    for path in (nobody_dir, inbox, inbox / "ok.docx"):
        os.chown(path, 65534, 65534)
    (inbox / "locked-folder").chmod(0o700)  # root's: nobody cannot list it
    (inbox / "no-read.docx").chmod(0o200)  # root's, write-only: nobody cannot read it (but may move it)
    db = f"sqlite:///{nobody_dir / 'db.sqlite'}"
    for attempt in (1, 2):
        done = run("ingest", "--inbox", str(inbox), "--db", db, "--workers", "1", user="65534",
                   env={"HOME": str(nobody_dir), "XDG_CACHE_HOME": str(nobody_dir / "cache")})
        assert "Traceback" not in done.stderr
        assert done.returncode == 0, done.stderr
        skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped:")]
        assert len(skipped) == 1 and "locked-folder: no permission" in skipped[0]
        if attempt == 1:
            assert done.stdout.startswith("processed 1, duplicates 0, rejected 1"), done.stdout
            assert "rejected: no-read.docx: the pipeline has no permission to read" in done.stderr
        else:  # settled: nothing left to take but the folder it may not read
            assert done.stdout.startswith("processed 0, duplicates 0, rejected 0"), done.stdout
    reason = next((inbox / "rejected").rglob(f"*{REASON_SUFFIX}")).read_text(encoding="utf-8")
    assert "File: no-read.docx" in reason and "ไม่มีสิทธิ์อ่าน" in reason
    assert not list((inbox / ".work").iterdir())


# --------------------------------------------------------------------------- half-written files
def _write_slowly(data: bytes, target: Path, pause_s: float, parts: int = 3) -> threading.Thread:
    def write() -> None:
        step = len(data) // parts + 1
        with target.open("wb") as fh:
            for start in range(0, len(data), step):
                fh.write(data[start:start + step])
                fh.flush()
                time.sleep(pause_s)
    thread = threading.Thread(target=write)
    thread.start()
    return thread


@pytest.mark.slow
@pytest.mark.parametrize("watch", [False, True])
def test_a_writer_that_pauses_is_waited_for_and_its_whole_file_taken(forms, tmp_path: Path, watch: bool,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELINE_INCOMPLETE_S", "300")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    data = forms[0].read_bytes()
    writer = _write_slowly(data, inbox / "ช้า.docx", pause_s=2.0)
    outcomes: list = []
    if watch:
        stop = threading.Timer(12, lambda: os.kill(os.getpid(), 2))
        stop.start()
    summary = ingest(inbox, store_url=f"sqlite:///{tmp_path / 'db.sqlite'}", workers=1, watch=watch, stable_s=3,
                     poll_s=0.5, on_outcome=outcomes.append)
    writer.join()
    if not watch and summary.processed == 0:  # the one-shot run may leave it for the next: then the next takes it
        assert summary.waiting == 1 and (inbox / "ช้า.docx").is_file()
        summary = ingest(inbox, store_url=f"sqlite:///{tmp_path / 'db.sqlite'}", workers=1, stable_s=3)
    assert (summary.processed, summary.rejected) == (1, 0), [o.reason for o in outcomes]
    stored = next((inbox / "processed").rglob("*.docx"))
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == hashlib.sha256(data).hexdigest()


def test_a_docx_without_its_end_record_waits_then_is_refused_as_cut_short(forms, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    half = inbox / "half.docx"
    half.write_bytes(forms[0].read_bytes()[:5000])
    monkeypatch.setenv("PIPELINE_INCOMPLETE_S", "300")
    summary = ingest(inbox, store_url=f"sqlite:///{tmp_path / 'db.sqlite'}", workers=1, stable_s=0)
    assert (summary.processed, summary.rejected, summary.waiting) == (0, 0, 1) and half.is_file()
    monkeypatch.setenv("PIPELINE_INCOMPLETE_S", "0")  # long enough unchanged: taken, refused with its reason
    summary = ingest(inbox, store_url=f"sqlite:///{tmp_path / 'db.sqlite'}", workers=1, stable_s=0)
    assert summary.rejected == 1 and "cut short" in summary.outcomes[0].reason


# --------------------------------------------------------------------------- a full disk, a store gone
@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real tmpfs of 4 MB, where the machine lets us mount one."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True,
                          text=True)
    if done.returncode != 0:
        reason = f"cannot mount a tmpfs here ({done.stderr.strip() or done.returncode}): the full-disk test needs one"
        print(reason)
        pytest.skip(reason)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.slow
def test_a_full_disk_stops_the_run_with_one_line_and_a_rerun_settles_every_file_once(forms, small_disk: Path,
                                                                                    tmp_path: Path) -> None:
    inbox = small_disk / "inbox"
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert run("ingest", "--inbox", str(inbox), "--db", db, "--workers", "2").returncode == 0  # folders made
    for n in range(6):
        shutil.copy(forms[n % 2], inbox / f"form {n}.docx")
        with (inbox / f"form {n}.docx").open("ab") as fh:
            fh.write(b"\0" * n)  # six different files (zip readers ignore trailing bytes)
    filler = small_disk / "filler"
    with filler.open("wb") as fh:  # every block taken
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass
    done = run("ingest", "--inbox", str(inbox), "--db", db, "--workers", "2")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    full = [line for line in done.stderr.splitlines() if "disk is full" in line]
    assert len(full) == 2 and "ดิสก์เต็ม" in full[0], done.stderr  # the file's line, and why the run stopped
    assert "every worker process stopped" not in done.stderr
    filler.unlink()
    again = run("ingest", "--inbox", str(inbox), "--db", db, "--workers", "2")
    assert again.returncode == 0, again.stderr
    with open_store(db) as store:
        assert len(store.files(status="processed")) + len(store.files(status="duplicate")) == 6
    assert len(list((inbox / "processed").rglob("*.docx"))) + len(list((inbox / "duplicates").rglob("*.docx"))) == 6
    assert not list((inbox / ".work").iterdir()) and not list(inbox.glob("*.docx"))


@pytest.mark.parametrize("command", [["records"], ["status"], ["ingest", "--inbox", "{inbox}"]])
def test_a_store_that_is_not_there_is_one_clear_line(command: list[str], tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    args = [a.format(inbox=tmp_path / "inbox") for a in command]
    done = run(*args, "--db", "postgresql://pipeline@127.0.0.1:1/gone")
    assert_one_clear_line(done, 2)


def test_db_to_a_missing_sqlite_file_says_so_unless_asked_to_create_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "x.sqlite"
    done = run("records", "--db", f"sqlite:///{missing}")
    assert_one_clear_line(done, 2)
    assert "no record store at" in done.stderr and "--create-db" in done.stderr
    assert not missing.parent.exists()
    made = run("records", "--db", f"sqlite:///{missing}", "--create-db")
    assert made.returncode == 0 and missing.is_file()


# --------------------------------------------------------------------------- bad arguments
@pytest.mark.parametrize("args", [
    ["correct", "99999999999999999999", "project_name", "x", "--by", "a"],
    ["correct", "-1", "project_name", "x", "--by", "a"],
    ["generate", "form1", "--out", "{file}"],
    ["report", "summary", "--sample", "--out", "{file}"],
    ["committee", "template", "--sample", "--out", "{file}"],
    ["ingest", "--inbox", "{file}"],
    ["demo", "--out", "{file}"],
])
def test_a_bad_argument_is_a_clear_error_with_status_2(args: list[str], tmp_path: Path) -> None:
    existing = tmp_path / "a-file.txt"
    existing.write_text("x")
    done = run(*[a.format(file=existing) for a in args], "--db" if args[0] == "correct" else "",
               f"sqlite:///{tmp_path / 'db.sqlite'}" if args[0] == "correct" else "")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "not a record id" in done.stderr or "is a file, not a folder" in done.stderr
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in done.stderr)
    assert existing.read_text() == "x"


# --------------------------------------------------------------------------- values the store refuses
@pytest.fixture
def one_record(tmp_path: Path) -> tuple[str, dict[str, int]]:
    """A store holding a form1, a form3 and a form4; the form1's file name carries an escape code and a newline."""
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    ids = {}
    with open_store(url) as store:
        for n, kind in enumerate(("form1", "form3", "form4")):
            name = "ชื่อ\x1b[31mแดง\nบรรทัดใหม่.docx" if kind == "form1" else f"{kind}.docx"
            store.save_ingested(sha256=f"{n}" * 64, original_name=name, size=1, claim_token="t",
                                stored_path=f"/srv/{n}.docx", record=sample_records(kind)[0],
                                agency="สำนักงานเขตบางรัก", fiscal_year=2568)
        for found in store.records():
            ids[found.kind] = found.id
    return url, ids


@pytest.mark.parametrize(("kind", "field", "value"), [
    ("form4", "fiscal_year", "-5"), ("form4", "fiscal_year", "1e26"), ("form4", "fiscal_year", "99999"),
    ("form4", "fiscal_year", "NaN"), ("form3", "budget_amount_baht", "NaN"), ("form3", "budget_amount_baht", "inf"),
    ("form1", "external_partners", '[{"name": "x", "share_percent": NaN}]'),
    ("form1", "external_partners", '[{"name": "x", "share_percent": -Infinity}]'),
])
def test_the_store_refuses_nan_infinities_and_odd_fiscal_years(one_record, kind: str, field: str,
                                                               value: str) -> None:
    url, ids = one_record
    with open_store(url) as store:
        before = store.record(ids[kind]).fields
    assert field in before  # the field is real: the refusal is about the value
    done = run("correct", str(ids[kind]), field, value, "--by", "สมศรี", "--db", url)
    assert_one_clear_line(done, 2)
    assert "fiscal year" in done.stderr or "not a number" in done.stderr or "number" in done.stderr
    with open_store(url) as store:
        assert store.record(ids[kind]).fields == before
    json.loads(run("records", "--json", "--db", url).stdout)  # still valid JSON
    assert run("correct", str(ids["form4"]), "fiscal_year", "2569", "--by", "ส", "--db", url).returncode == 0


def test_the_store_refuses_unstorable_values_from_the_library_too(one_record) -> None:
    url, ids = one_record
    with open_store(url) as store, pytest.raises(StoreError, match="fiscal year"):
        store.correct(ids["form4"], "fiscal_year", "2800", by="a")


def test_terminal_output_escapes_control_characters(one_record) -> None:
    url, _ = one_record
    done = run("records", "--db", url)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\\x1b[31m" in done.stdout
    assert "\\nบรรทัดใหม่" in done.stdout


def test_reason_files_name_files_from_the_inbox_never_the_servers_folders(forms, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "เขต").mkdir(parents=True)
    shutil.copy(forms[0], inbox / "เขต" / "first.docx")
    ingest(inbox, store_url=f"sqlite:///{tmp_path / 'db.sqlite'}", workers=1)
    shutil.copy(forms[0], inbox / "again.docx")
    ingest(inbox, store_url=f"sqlite:///{tmp_path / 'db.sqlite'}", workers=1)
    reason = next((inbox / "duplicates").rglob(f"*{REASON_SUFFIX}")).read_text(encoding="utf-8")
    assert str(tmp_path) not in reason and "เขต/first.docx" in reason and "processed/" in reason
    assert Inbox(inbox).problems == {}
