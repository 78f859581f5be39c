"""Uploads into the inbox: files (or a ZIP's files) saved under safe names, ingested in the background, watched."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import queue
import shutil
import threading
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from pipeline.ingest.inbox import safe_name
from pipeline.ingest.limits import Limits
from pipeline.readers.sniff import file_type
from pipeline.store import Store
from pipeline.store.entries import record_upload

CHUNK = 1 << 20
STAGING = ".web-upload"  # hidden: the inbox does not take files from it, a half-written upload is never ingested
_ingest_lock = threading.Lock()  # one ingest run of the page's at a time (runs of the CLI are safe beside it)


@dataclass
class UploadLine:
    """One uploaded file and what became of it: waiting, processed, duplicate, rejected or failed."""

    name: str
    rel_path: str | None = None
    sha256: str | None = None
    status: str = "waiting"
    reason_th: str | None = None
    reason_en: str | None = None
    record_id: int | None = None
    agency: str | None = None


@dataclass
class UploadJob:
    """An upload: who sent it, its files, and whether the ingest is done."""

    id: str
    by: str
    agency: str | None
    lines: list[UploadLine] = field(default_factory=list)
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    done: bool = False
    error: str | None = None

    @property
    def finished(self) -> int:
        return sum(1 for line in self.lines if line.status != "waiting")


def _copy_capped(source: BinaryIO, target: Path, cap: int) -> tuple[str, int] | None:
    """Copy at most ``cap`` bytes; None when the source is larger (the partial copy is removed)."""
    digest, size = hashlib.sha256(), 0
    with target.open("wb") as out:
        while chunk := source.read(CHUNK):
            size += len(chunk)
            if size > cap:
                break
            digest.update(chunk)
            out.write(chunk)
    if size > cap:
        target.unlink(missing_ok=True)
        return None
    return digest.hexdigest(), size


def _too_large(name: str, limits: Limits) -> UploadLine:
    return UploadLine(name, status="rejected",
                      reason_th=f"ไฟล์ใหญ่เกิน {limits.max_file_mb:g} MB", reason_en=f"larger than {limits.max_file_mb:g} MB")


def _place(staged: Path, inbox: Path, name: str) -> str:
    """Move a staged file into the inbox root under its safe name (numbered when the name is taken)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    candidate, n = name, 1
    while (inbox / candidate).exists():
        n += 1
        candidate = f"{stem} ({n}){'.' + suffix if suffix else ''}"
    staged.replace(inbox / candidate)
    return candidate


def _unpack(zip_path: Path, staging: Path, limits: Limits, room: int) -> list[tuple[Path, str]] | UploadLine:
    """A ZIP's files (flattened, safe names), each under the file cap, all under the unpacked cap and ``room``."""
    out: list[tuple[Path, str]] = []
    try:
        with zipfile.ZipFile(zip_path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) > room:
                return UploadLine(zip_path.name, status="rejected", reason_th=f"ไฟล์ ZIP มีไฟล์เกิน {room} ไฟล์",
                                  reason_en=f"the ZIP holds more than {room} files")
            if sum(m.file_size for m in members) > limits.max_unpacked_mb * 1e6:
                return UploadLine(zip_path.name, status="rejected",
                                  reason_th=f"ไฟล์ ZIP เมื่อแตกออกใหญ่เกิน {limits.max_unpacked_mb:g} MB",
                                  reason_en=f"the ZIP unpacks to more than {limits.max_unpacked_mb:g} MB")
            for member in members:
                target = staging / uuid.uuid4().hex
                with archive.open(member) as source:  # sizes are checked as read, not trusted from the header
                    copied = _copy_capped(source, target, int(limits.max_file_mb * 1e6))
                if copied is None:
                    return _too_large(member.filename, limits)
                out.append((target, safe_name(member.filename)))
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        return UploadLine(zip_path.name, status="rejected", reason_th="เปิดไฟล์ ZIP ไม่ได้ (เสียหายหรือตั้งรหัสผ่าน)",
                          reason_en="the ZIP cannot be opened (damaged or password-protected)")
    return out


def receive(files: list[tuple[str, BinaryIO]], inbox: Path, limits: Limits, max_files: int, *, by: str,
            agency: str | None = None) -> UploadJob:
    """Save uploaded files into the inbox (a ZIP unpacked), each under the caps; the paths are ours, not theirs."""
    inbox.mkdir(parents=True, exist_ok=True)
    staging = inbox / STAGING
    staging.mkdir(exist_ok=True)
    job = UploadJob(uuid.uuid4().hex, by, agency)
    for upload_name, stream in files:
        name = safe_name(upload_name or "file")
        room = max_files - len(job.lines)
        if room <= 0:
            job.lines.append(UploadLine(name, status="rejected", reason_th=f"ส่งได้ครั้งละไม่เกิน {max_files} ไฟล์",
                                        reason_en=f"at most {max_files} files in one upload"))
            continue
        staged = staging / uuid.uuid4().hex
        copied = _copy_capped(stream, staged, int(limits.max_file_mb * 1e6))
        if copied is None:
            job.lines.append(_too_large(name, limits))
            continue
        parts: list[tuple[Path, str]] | UploadLine = [(staged, name)]
        if file_type(staged) == "zip":
            parts = _unpack(staged, staging, limits, room)
            staged.unlink(missing_ok=True)
        if isinstance(parts, UploadLine):
            job.lines.append(parts)
            continue
        for path, part_name in parts:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            job.lines.append(UploadLine(part_name, _place(path, inbox, part_name), sha))
    return job


def _child(inbox: str, store_url: str, outcomes: multiprocessing.Queue) -> None:
    """The ingest run, in a fresh process: the server's threads are not forked into the ingest's workers."""
    from pipeline.ingest.stage import ingest

    ingest(inbox, store_url=store_url, on_outcome=lambda o: outcomes.put((o.status, o.rel_path, o.reason)))


def run(job: UploadJob, inbox: Path, store: Store, after: Callable[[int], None] | None = None) -> None:
    """Ingest the inbox for ``job`` (in the background) and fill in each of its files' outcomes as they come;
    ``after`` is then called with each new record's id (the page makes its source's PDF for review ahead)."""
    url = store.engine.url.render_as_string(hide_password=False)
    for line in job.lines:
        if line.sha256:
            record_upload(store, line.sha256, line.name, by=job.by)
    by_path = {line.rel_path: line for line in job.lines if line.rel_path}
    try:
        with _ingest_lock:
            context = multiprocessing.get_context("spawn")
            outcomes = context.Queue()
            process = context.Process(target=_child, args=(str(inbox), url, outcomes))  # not daemonic: it has workers
            process.start()
            while process.is_alive() or not outcomes.empty():
                try:
                    status, rel_path, reason = outcomes.get(timeout=0.3)
                except queue.Empty:
                    continue
                line = by_path.get(rel_path)
                if line is not None:
                    _settle(line, status, reason, store)
            process.join()
            if process.exitcode:
                job.error = f"the ingest stopped (exit code {process.exitcode})"
    except Exception as exc:  # noqa: BLE001 — the page says so; the files stay in the inbox for the next run
        job.error = f"{type(exc).__name__}: {exc}"
    finally:
        for line in job.lines:
            if line.status == "waiting":
                line.status = "failed"
        job.done = True
    for line in job.lines:
        if after is not None and line.record_id is not None:
            try:
                after(line.record_id)
            except Exception:  # noqa: BLE001 — only a head start: the review page makes it (or says why) later
                continue


def _settle(line: UploadLine, status: str, reason: str | None, store: Store) -> None:
    found = store.find_file(line.sha256) if line.sha256 else None
    line.status = status
    if found is not None:
        line.record_id = found.record_id if status == "processed" else None
        line.agency = found.agency
        if status == "rejected":
            line.reason_th, line.reason_en = found.reason_th, found.reason_en
        elif status == "duplicate":
            line.reason_th = f"เนื้อไฟล์ซ้ำกับ {found.original_name} ที่ได้รับแล้ว"
            line.reason_en = f"same bytes as {found.original_name}, received before"
    if status == "failed":
        line.reason_en = reason
        line.reason_th = "ยังประมวลผลไม่เสร็จ จะทำต่อในรอบถัดไป"


def clean_staging(inbox: Path) -> None:
    shutil.rmtree(inbox / STAGING, ignore_errors=True)


__all__ = ["UploadJob", "UploadLine", "clean_staging", "receive", "run"]
