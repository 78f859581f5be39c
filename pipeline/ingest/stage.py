"""The ingest stage: every file dropped in the inbox claimed, hashed, checked, extracted, stored and moved, once."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from multiprocessing import connection, get_context
from pathlib import Path
from typing import Any

from pipeline import settings
from pipeline.cells import printable
from pipeline.errors import PipelineError
from pipeline.identity import PLACEMENT, folder_hints, place, stated_year
from pipeline.ingest.inbox import Arrivals, Claim, Inbox, PathProblem
from pipeline.ingest.limits import Limits
from pipeline.ingest.sandbox import die_with_parent, guarded_extract_all, needs_thai_words, warm_up, warm_up_thai_words
from pipeline.ingest.trouble import trouble
from pipeline.readers.sniff import EXTENSIONS
from pipeline.store.models import Placed
from pipeline.thai import bangkok_date, fiscal_year_of

ORPHAN_RESCAN_S = 30.0  # in --watch, how often dead claims are looked for again
PROGRESS_EVERY_S = 5.0  # not on a terminal (a log, cron): one progress line this often instead of a bar
_OUTCOME_TH = {"processed": "ประมวลผลแล้ว", "duplicate": "ไฟล์ซ้ำ", "rejected": "ไม่รับ"}


@dataclass
class FileOutcome:
    """What became of one inbox file: processed, duplicate, rejected, failed (left for the next run) or skipped."""

    status: str
    rel_path: str
    stored_path: str | None = None
    reason: str | None = None
    fatal: bool = False  # the trouble (a full disk, the store gone) stops the run: every next file would fail too


@dataclass
class IngestSummary:
    """The counts of a run and each file's outcome."""

    processed: int = 0
    duplicates: int = 0
    rejected: int = 0
    failed: int = 0
    waiting: int = 0  # still being written (or cut short, not yet for long): left in the inbox for a later run
    stopped: str | None = None  # why the run stopped before the inbox was done
    outcomes: list[FileOutcome] = field(default_factory=list)
    problems: list[PathProblem] = field(default_factory=list)  # folders and files the walk could not read

    def add(self, outcome: FileOutcome) -> None:
        if outcome.status == "skipped":
            return  # another process claimed it first and counts it
        self.outcomes.append(outcome)
        attr = {"processed": "processed", "duplicate": "duplicates", "rejected": "rejected"}.get(outcome.status,
                                                                                                  "failed")
        setattr(self, attr, getattr(self, attr) + 1)

    def line(self) -> str:
        text = (f"processed {self.processed}, duplicates {self.duplicates}, rejected {self.rejected} "
                f"(ประมวลผลแล้ว {self.processed} ไฟล์ ซ้ำ {self.duplicates} ไฟล์ ไม่รับ {self.rejected} ไฟล์)")
        if self.failed:
            text += (f"; not finished {self.failed}, left in .work for the next run "
                     f"(ยังไม่เสร็จ {self.failed} ไฟล์ จะทำต่อในรอบถัดไป)")
        if self.waiting:
            text += (f"; still arriving {self.waiting}, left in the inbox for the next run "
                     f"(ยังส่งมาไม่ครบ {self.waiting} ไฟล์ รอรอบถัดไป)")
        if self.problems:
            text += f"; unreadable paths skipped {len(self.problems)} (ข้ามที่อ่านไม่ได้ {len(self.problems)} รายการ)"
        return text


def sha256_of(path: Path) -> tuple[str, int]:
    with path.open("rb") as fh:
        digest = hashlib.file_digest(fh, "sha256")
        return digest.hexdigest(), fh.tell()


def process_claim(claim: Claim, inbox: Inbox, store: Any, limits: Limits,
                  received_at: dt.datetime | None = None) -> FileOutcome:
    """Take one claimed file to its end: stored and moved, or a crashed run's work finished.

    ``received_at`` is when the office got the file (when it was claimed, unless given: files taken from an
    e-mail archive arrived long before they reach the inbox)."""
    try:
        sha256, size = sha256_of(claim.work_path)
    except (PermissionError, IsADirectoryError) as err:
        return _unreadable(claim, inbox, err)
    saved_row = _saved_before(store, sha256, claim)
    if saved_row is not None:  # a run that died after saving: only the move is left
        return _finish(saved_row, claim, inbox, store)
    base = {"sha256": sha256, "original_name": claim.rel_path, "size": size, "claim_token": claim.token,
            "received_at": received_at or dt.datetime.fromtimestamp(claim.claimed_at, dt.UTC)}
    agency, year = folder_hints(claim.folders)
    year = year or fiscal_year_of(bangkok_date(base["received_at"]))  # for a refused file's row
    earlier = store.find_file(sha256)
    # A file refused before is read again (the caps or the reader may have changed since): it replaces its refusal.
    again = earlier is not None and earlier.status == "rejected"
    if earlier is not None and not again:  # seen before: a duplicate, no need to read it again
        dest = inbox.destination("duplicate", claim, sha256)
        saved = store.save_ingested(**base, stored_path=str(dest), record=None, agency=agency, fiscal_year=year,
                                    status="duplicate")
        return _settle(saved, _Row(0, "duplicate", str(dest), sha256), claim, inbox, store)
    try:
        records = guarded_extract_all(claim.work_path, limits, name=claim.original_name, where=claim.rel_path,
                                      close_fds=(claim.lock_fd,))
    except PipelineError as err:
        dest = inbox.destination("rejected", claim, sha256)
        reason_en = err.message_en if err.where in (None, claim.rel_path) else f"{err.where}: {err.message_en}"
        saved = store.save_ingested(**base, stored_path=str(dest), record=None, agency=agency, fiscal_year=year,
                                    status="rejected", reason_en=reason_en, reason_th=err.message_th, reprocess=again)
        return _settle(saved, _Row(0, "rejected", str(dest), sha256, None, reason_en, err.message_th), claim, inbox,
                       store)
    stated = [year for r in records if (year := stated_year(r))]  # a bundle's Form 3/4 and plan give the cycle's year

    def cycle_years(agency: str) -> list[int]:
        return stated or store.cycle_years(agency)

    placed = []
    for record in records:  # each form of a bundle in its own place; the one file is every form's source
        where = place(record, claim.folders, base["received_at"], cycle_years)
        record.warnings += where.warnings
        if where.year_from:
            record.provenance[PLACEMENT] = where.year_from
        record.source = claim.rel_path
        placed.append(Placed(record, where.agency, where.fiscal_year))
    dest = inbox.destination("processed", claim, sha256)
    saved = store.save_ingested(**base, stored_path=str(dest), records=placed, reprocess=again)
    return _settle(saved, _Row(0, "processed", str(dest), sha256), claim, inbox, store)


def _unreadable(claim: Claim, inbox: Inbox, err: OSError) -> FileOutcome:
    """A file the pipeline may not read: settled in rejected/ with its reason (no store row: without its bytes
    there is no hash to know it by), so that neither the sender nor the next run waits for it."""
    en = ("the pipeline has no permission to read the file: send it again as an ordinary file (or give the "
          f"pipeline's user read access) ({err.strerror})")
    th = "ระบบไม่มีสิทธิ์อ่านไฟล์นี้ กรุณาส่งใหม่เป็นไฟล์ปกติ (หรือให้สิทธิ์อ่านแก่ผู้ใช้ที่รันระบบ)"
    marker = hashlib.sha256(f"unreadable {claim.token}".encode()).hexdigest()
    return _move(_Row(0, "rejected", str(inbox.destination("rejected", claim, marker)), marker, None, en, th), claim,
                 inbox, None)


def _saved_before(store: Any, sha256: str, claim: Claim) -> Any:
    """The file row this very claim saved before its process died (only a taken-over claim can have one)."""
    if not claim.recovered:
        return None
    found = store.find_claim(claim.token)
    return found if found is not None and found.sha256 == sha256 else None


def _settle(saved: Any, row: _Row, claim: Claim, inbox: Inbox, store: Any) -> FileOutcome:
    """After the save: move the file where the store's answer sends it."""
    if saved.status == "already":
        return _finish(saved.existing, claim, inbox, store)
    row.id = saved.file_id
    if saved.status == "duplicate":  # perhaps the same bytes were saved by another process meanwhile
        row.status, row.earlier = "duplicate", saved.existing
        if not inbox.in_folder(Path(row.stored_path), "duplicate"):
            row.stored_path = str(inbox.destination("duplicate", claim, row.sha256))
            store.set_stored_path(row.id, row.stored_path)
    return _move(row, claim, inbox, store)


@dataclass
class _Row:
    """What the move needs of a saved file row."""

    id: int
    status: str
    stored_path: str
    sha256: str
    earlier: Any = None  # for a duplicate: the stored file it repeats
    reason_en: str | None = None
    reason_th: str | None = None


def _finish(row: Any, claim: Claim, inbox: Inbox, store: Any) -> FileOutcome:
    earlier = store.find_file(row.sha256) if row.status == "duplicate" else None
    path = row.stored_path
    if not path or not inbox.in_folder(Path(path), row.status):
        path = str(inbox.destination(row.status, claim, row.sha256))
        store.set_stored_path(row.id, path)
    return _move(_Row(row.id, row.status, path, row.sha256, earlier, row.reason_en, row.reason_th), claim, inbox,
                 store)


def _move(row: _Row, claim: Claim, inbox: Inbox, store: Any) -> FileOutcome:
    """Move the claimed file where the store says it is; another name (recorded first) if that one was taken."""
    path = Path(row.stored_path)
    for _attempt in range(5):
        try:
            inbox.deliver(claim, path, _reason_text(row, claim, inbox.root))
            break
        except FileExistsError:
            path = inbox.destination(row.status, claim, row.sha256)
            if store is not None:
                store.set_stored_path(row.id, str(path))
    else:
        raise FileExistsError(f"no free name for {claim.rel_path} in {path.parent}")
    reason = None
    if row.status == "rejected":
        reason = f"{row.reason_en} ({row.reason_th})"
    elif row.status == "duplicate" and row.earlier is not None:
        reason = f"same content as {row.earlier.original_name}"
    return FileOutcome(row.status, claim.rel_path, str(path), reason)


def _inbox_relative(path: str | None, root: Path) -> str:
    """A stored path as the offices see it, from the inbox (a reason file never shows the server's folders)."""
    if not path:
        return "-"
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).name


def _reason_text(row: _Row, claim: Claim, inbox_root: Path) -> str | None:
    received = dt.datetime.fromtimestamp(claim.claimed_at).astimezone().strftime("%Y-%m-%d %H:%M %Z")
    head = [f"ไฟล์ / File: {claim.rel_path}", f"ได้รับเมื่อ / Received: {received}",
            f"ผล / Outcome: {_OUTCOME_TH[row.status]} ({row.status})", ""]
    if row.status == "rejected":
        return "\n".join(head + [f"เหตุผล: {row.reason_th or '-'}", f"Reason: {row.reason_en or '-'}", ""])
    if row.status == "duplicate":
        earlier = row.earlier
        if earlier is None:
            return "\n".join(head + ["เนื้อไฟล์ซ้ำกับไฟล์ที่ได้รับก่อนหน้า", "The same bytes were received before.", ""])
        when = earlier.received_at.astimezone().strftime("%Y-%m-%d %H:%M %Z")
        kept = _inbox_relative(earlier.stored_path, inbox_root)
        return "\n".join(head + [
            f"เนื้อไฟล์ซ้ำกับไฟล์ {earlier.original_name} ที่ได้รับเมื่อ {when} "
            f"({_OUTCOME_TH.get(earlier.status, earlier.status)}: {kept}) จึงไม่บันทึกซ้ำ",
            f"Same bytes as {earlier.original_name}, received {when} ({earlier.status}: {kept}); "
            "not stored twice.", ""])
    return None


# --------------------------------------------------------------------------- workers
def _handle(task: tuple[str, str], inbox: Inbox, store: Any, limits: Limits,
            received_at: dt.datetime | None) -> FileOutcome:
    kind, path = task
    rel = os.path.relpath(path, inbox.root)
    try:
        claim = inbox.claim(Path(path)) if kind == "new" else inbox.take_over(Path(path))
    except OSError as err:  # a full disk, a folder without permission: the file stays where it was
        reason, fatal = trouble(err)
        return FileOutcome("failed", rel, None, reason, fatal)
    if claim is None:
        return FileOutcome("skipped", path)
    try:
        outcome = process_claim(claim, inbox, store, limits, received_at)
    except Exception as err:  # noqa: BLE001 - store or disk trouble: keep the claim for the next run, go on
        inbox.release(claim, finished=False)
        reason, fatal = trouble(err)
        return FileOutcome("failed", claim.rel_path, None, reason, fatal)
    inbox.release(claim)
    return outcome


def _worker(conn: connection.Connection, root: Path, store_url: str | None, limits: Limits,
            received_at: dt.datetime | None, parent: int) -> None:
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    from pipeline.store import open_store

    store = open_store(store_url, migrate=False)  # the parent migrated it already: no check per worker
    inbox = Inbox(root)
    try:
        while True:
            try:
                task = conn.recv()
            except EOFError:
                break
            if task is None:
                break
            warm_up()  # inherited from the parent when it warmed up; else once, at this worker's first file
            conn.send(_handle(task, inbox, store, limits, received_at))
    finally:
        store.close()


def default_inbox() -> Path:
    """$PIPELINE_INBOX, else ``inbox/`` in the project's folder."""
    return Path(settings.current().inbox or settings.project_root() / "inbox")


def ingest(inbox: str | Path | None = None, *, store_url: str | None = None, workers: int | None = None,
           watch: bool = False, limits: Limits | Mapping[str, Any] | None = None, progress: bool = False,
           echo: bool = False, poll_s: float = 1.0, on_outcome: Callable[[FileOutcome], None] | None = None,
           received_at: dt.datetime | None = None, stable_s: float | None = None,
           incomplete_s: float | None = None) -> IngestSummary:
    """Ingest every file in the inbox with ``workers`` processes (default: one per core); ``watch`` keeps going.

    Dead claims left in ``.work`` by a killed run are finished first. ``limits`` (or overrides of
    ``Limits.from_env()``) cap every file. ``echo`` writes one line per rejected or failed file to stderr.
    Ctrl-C in ``watch`` stops taking files, lets the running ones finish, and returns. ``received_at`` records
    every file as received then (files back-filled from an e-mail archive); by default, when it is claimed.
    A file is taken once unchanged for ``stable_s`` (default the setting) with its end record (``Arrivals``), or,
    without it, once unchanged for ``incomplete_s`` (default the setting; 0 for files known to be written whole);
    a run without ``watch`` waits a little for files still being written, then leaves them for the next run.
    A full disk or a store gone stops the run (``summary.stopped``); files not done stay for the next run.
    """
    from tqdm import tqdm

    from pipeline.store import open_store

    if not isinstance(limits, Limits):
        limits = Limits.from_env(**dict(limits or {}))
    box = Inbox(Path(inbox) if inbox else default_inbox())
    box.prepare()
    open_store(store_url).close()  # create or migrate once, and fail here, clearly, if the store cannot open
    waiting = box.candidates()
    if any(needs_thai_words(EXTENSIONS.get(path.suffix.lower())) for path in waiting):
        warm_up_thai_words()  # when a file waiting needs it (later ones warm it in their worker); before
        # warm_up, whose gc.freeze then keeps the dictionary out of every child's collections too
    if waiting or watch or box.orphans():  # an empty inbox is answered at once
        warm_up()  # once, here: the workers inherit the warm caches
    dispatcher = _Dispatcher(box, store_url, limits, max(1, workers or os.cpu_count() or 1), received_at)
    summary = IngestSummary()
    bar = tqdm(total=0, disable=not progress, file=sys.stderr, unit="file", dynamic_ncols=True, mininterval=0.2)

    log = _ProgressLog(summary, bar, enabled=echo and not progress)
    moved: list[bool] = []

    def done(outcome: FileOutcome) -> None:
        summary.add(outcome)
        bar.update(1)
        log.tick()
        if outcome.status == "processed":
            moved.append(True)
        if echo and outcome.status in ("rejected", "failed") and not (outcome.fatal and summary.stopped):
            bar.write(printable(f"{outcome.status}: {outcome.rel_path}: {outcome.reason}"), file=sys.stderr)
        if on_outcome:
            on_outcome(outcome)

    current = settings.current()
    arrivals = Arrivals(current.stable_s if stable_s is None else stable_s,
                        current.incomplete_s if incomplete_s is None else incomplete_s)
    stopping: list[bool] = []
    previous = signal.signal(signal.SIGINT, lambda *_: stopping.append(True)) if watch else None
    changing: list[Path] = []
    give_up = time.monotonic() + 3 * arrivals.stable_s + 2 * poll_s  # a run without --watch waits this long at most
    try:
        bar.total += dispatcher.enqueue([("orphan", str(p)) for p in box.orphans()])
        next_poll, next_orphans = 0.0, time.monotonic() + ORPHAN_RESCAN_S
        while True:
            if not stopping and time.monotonic() >= next_poll and (watch or changing or next_poll == 0.0):
                next_poll = time.monotonic() + poll_s
                ready, changing, incomplete = arrivals.sort(box.candidates())
                summary.waiting = len(changing) + len(incomplete)
                bar.total += dispatcher.enqueue([("new", str(p)) for p in ready])
                for problem in box.problems.values():
                    if problem not in summary.problems:  # each reported once, not once per look
                        summary.problems.append(problem)
                        if echo:
                            bar.write(f"skipped: {printable(problem.line())}", file=sys.stderr)
                if watch and time.monotonic() >= next_orphans:
                    next_orphans = time.monotonic() + ORPHAN_RESCAN_S
                    bar.total += dispatcher.enqueue([("orphan", str(p)) for p in box.orphans()])
                bar.refresh()
            if stopping or summary.stopped:
                dispatcher.drop_queued()
            if moved and dispatcher.idle_and_empty():
                _resettle(store_url)  # undated forms join the year their agency's plan / Form 3 / Form 4 state
                moved.clear()
            if not watch and time.monotonic() > give_up:
                changing = []  # still being written after the wait: left for the next run
            if (not watch or stopping or summary.stopped) and not changing and dispatcher.idle_and_empty():
                break
            for outcome in dispatcher.step(timeout=min(poll_s, 0.5)):
                done(outcome)
                if outcome.fatal and not summary.stopped:
                    summary.stopped = outcome.reason
            log.tick()
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        dispatcher.close()
        bar.close()
    log.tick(final=True)
    return summary


def _resettle(store_url: str | None) -> None:
    from pipeline.store import open_store

    with open_store(store_url, migrate=False) as store:
        store.resettle()


class _ProgressLog:
    """A progress line on stderr every few seconds, for a run whose stderr is no terminal (no bar there)."""

    def __init__(self, summary: IngestSummary, bar: Any, enabled: bool):
        self.summary, self.bar, self.enabled = summary, bar, enabled
        self.next = time.monotonic() + PROGRESS_EVERY_S

    def tick(self, final: bool = False) -> None:
        if not self.enabled or (not final and time.monotonic() < self.next) or (final and not self.summary.outcomes):
            return
        self.next = time.monotonic() + PROGRESS_EVERY_S
        s = self.summary
        done = s.processed + s.duplicates + s.rejected + s.failed
        sys.stderr.write(f"ingest: {done}/{self.bar.total} files — processed {s.processed}, duplicates "
                         f"{s.duplicates}, rejected {s.rejected} (ไฟล์ที่ทำแล้ว {done}/{self.bar.total})\n")
        sys.stderr.flush()


class _Dispatcher:
    """Hands tasks to worker processes one at a time and collects their outcomes; replaces a worker that dies."""

    def __init__(self, box: Inbox, store_url: str | None, limits: Limits, count: int,
                 received_at: dt.datetime | None = None):
        self.context = get_context("fork")
        self.args = (box.root, store_url, limits, received_at, os.getpid())
        self.queue: deque[tuple[str, str]] = deque()
        self.known: set[str] = set()
        self.idle: list[connection.Connection] = []
        self.busy: dict[connection.Connection, tuple[str, str]] = {}
        self.processes: dict[connection.Connection, Any] = {}
        self.restarts = 3 * count
        for _ in range(count):
            self._start()

    def _start(self) -> None:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(theirs, *self.args), daemon=False)
        process.start()
        theirs.close()
        self.processes[ours] = process
        self.idle.append(ours)

    def enqueue(self, tasks: list[tuple[str, str]]) -> int:
        fresh = [task for task in tasks if task[1] not in self.known]
        self.known.update(task[1] for task in fresh)
        self.queue.extend(fresh)
        return len(fresh)

    def drop_queued(self) -> None:
        self.queue.clear()

    def idle_and_empty(self) -> bool:
        return not self.queue and not self.busy

    def step(self, timeout: float) -> list[FileOutcome]:
        while self.idle and self.queue:
            conn, task = self.idle.pop(), self.queue.popleft()
            conn.send(task)
            self.busy[conn] = task
        if not self.busy:
            time.sleep(timeout)
            return []
        outcomes = []
        for conn in connection.wait(list(self.busy), timeout=timeout):
            task = self.busy.pop(conn)  # type: ignore[call-overload]
            self.known.discard(task[1])
            try:
                outcomes.append(conn.recv())  # type: ignore[union-attr]
                self.idle.append(conn)  # type: ignore[arg-type]
            except (EOFError, OSError):
                outcomes.append(FileOutcome("failed", task[1], None, "the worker process stopped (killed?)"))
                self._bury(conn)  # type: ignore[arg-type]
        return outcomes

    def _bury(self, conn: connection.Connection) -> None:
        process = self.processes.pop(conn)
        process.join(5)
        conn.close()
        if self.restarts > 0:
            self.restarts -= 1
            self._start()
        elif not self.processes:
            raise PipelineError("every worker process stopped: see the errors above",
                                "กระบวนการทำงานหยุดทั้งหมด ดูข้อผิดพลาดด้านบน")

    def close(self) -> None:
        for conn in list(self.processes):
            try:
                conn.send(None)
            except OSError:
                pass
        for conn, process in self.processes.items():
            process.join(30)
            if process.is_alive():
                process.kill()
                process.join()
            conn.close()


__all__ = ["FileOutcome", "IngestSummary", "default_inbox", "ingest",
           "process_claim", "sha256_of"]
