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
