"""The inbox folder: finding dropped files, claiming one for exactly one process, and moving it out for good."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import glob
import json
import os
import re
import socket
import time
import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PipelineError

WORK = ".work"
OUTCOME_FOLDERS = {"processed": "processed", "duplicate": "duplicates", "rejected": "rejected"}
RESERVED = {WORK, *OUTCOME_FOLDERS.values()}
REASON_SUFFIX = ".reason.txt"
_MAX_NAME_BYTES = 180  # leaves room for "<sha8>__", " (99)" and ".reason.txt" under the usual 255
# office/OS litter, and dot files (inbox/.gitkeep): no office returns a file whose name starts with a dot
_JUNK = re.compile(r"(~\$|\.(?!\.)|Thumbs\.db$|desktop\.ini$)", re.IGNORECASE)
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_END_TAIL = 64 * 1024 + 22  # a ZIP's end record is in its last 22 bytes + a comment of at most 64 KB


class InboxError(PipelineError):
    """The inbox folder cannot be used as it is (not a folder, an outcome folder that is a link)."""


@dataclass(frozen=True)
class PathProblem:
    """A folder or file under the inbox the walk could not read: reported, skipped, the rest goes on."""

    rel_path: str
    reason_en: str
    reason_th: str

    def line(self) -> str:
        return f"{self.rel_path}: {self.reason_en} ({self.reason_th})"


def safe_name(name: str) -> str:
    """A file name that stays inside its folder: no path parts, no control characters, not hidden, not too long.

    Thai letters and spaces are kept; ``../x.docx`` and ``C:\\a\\x.docx`` become ``x.docx``.
    """
    name = unicodedata.normalize("NFC", name)
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE.sub("_", name).strip().lstrip(". ").rstrip(". ")
    if not name:
        return "file"
    if len(name.encode("utf-8")) <= _MAX_NAME_BYTES:
        return name
    stem, dot, suffix = name.rpartition(".")
    suffix = f".{suffix}" if dot and 0 < len(suffix.encode()) <= 16 else ""
    stem = stem if suffix else name
    room = _MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    return stem.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip() + suffix


@dataclass
class Claim:
    """One process's hold on one inbox file, from claim to release."""

    token: str
    work_path: Path  # .work/<token>__<safe name>
    sidecar: Path  # .work/<token>.json, flock held through lock_fd
    lock_fd: int
    rel_path: str  # where it was dropped, relative to the inbox root (posix)
    claimed_at: float
    recovered: bool = False

    @property
    def original_name(self) -> str:
        return self.rel_path.rsplit("/", 1)[-1]

    @property
    def folders(self) -> list[str]:
        """The sub-folders it was dropped in (``inbox/<agency>/<year>/``): hints for agency and year."""
        return self.rel_path.split("/")[:-1]


class Inbox:
    """An inbox root: lists candidates, claims them, takes over dead claims, delivers files to their end folder."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.work = self.root / WORK
        self.problems: dict[str, PathProblem] = {}  # what the walks could not read, by inbox-relative path

    def prepare(self) -> None:
        """Create the pipeline's folders; InboxError when the root is not a folder or one of them is a link."""
        if self.root.exists() and not self.root.is_dir():
            raise InboxError("the inbox is a file, not a folder: give the folder the offices drop their files in",
                             "ที่อยู่ inbox ที่ระบุเป็นไฟล์ ไม่ใช่โฟลเดอร์ กรุณาระบุโฟลเดอร์ที่หน่วยงานวางไฟล์",
                             where=str(self.root))
        for folder in (self.work, *(self.root / name for name in OUTCOME_FOLDERS.values())):
            _refuse_link(folder)
            folder.mkdir(parents=True, exist_ok=True)

    # ------------------------------------------------------------------ finding
    def candidates(self) -> list[Path]:
        """Regular files dropped anywhere under the root, outside the pipeline's own folders; oldest first."""
        found: list[tuple[float, str, Path]] = []
        for path in self._walk(self.root, top=True):
            try:
                found.append((path.lstat().st_mtime, str(path), path))
            except FileNotFoundError:
                continue
            except OSError as err:
                self._problem(path, err)
        return [path for _, _, path in sorted(found)]

    def _problem(self, path: Path, err: OSError) -> None:
        rel = os.path.relpath(path, self.root)
        if len(rel.encode("utf-8", "surrogateescape")) > 300:
            rel = rel[:120] + "…" + rel[-60:]
        if isinstance(err, PermissionError):
            en, th = "no permission to read it: skipped (give the pipeline's user read access)", \
                "ไม่มีสิทธิ์อ่าน จึงข้ามไป (กรุณาให้สิทธิ์อ่านแก่ผู้ใช้ที่รันระบบ)"
        elif err.errno == errno.ENAMETOOLONG:
            en, th = "the path is too long for the system: skipped (move the files to a shorter folder)", \
                "ที่อยู่ไฟล์ยาวเกินที่ระบบรองรับ จึงข้ามไป (กรุณาย้ายไฟล์ไปไว้ในโฟลเดอร์ที่ชื่อสั้นลง)"
        else:
            en, th = f"cannot be read ({err.strerror or err}): skipped", "อ่านไม่ได้ จึงข้ามไป"
        self.problems.setdefault(rel, PathProblem(rel, en, th))

    def _walk(self, folder: Path, top: bool = False) -> Iterator[Path]:
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError):
            return
        except OSError as err:  # no permission, a path over PATH_MAX, an I/O error: that folder only
            self._problem(folder, err)
            return
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError as err:
                self._problem(Path(entry.path), err)
                continue
            if is_dir:
                if not entry.name.startswith(".") and not (top and entry.name in RESERVED):
                    yield from self._walk(Path(entry.path))  # not our own folders, nor hidden ones (.git)
            elif entry.is_file(follow_symlinks=False) and not _JUNK.match(entry.name):
                yield Path(entry.path)

    def orphans(self) -> list[Path]:
        """Every claim's sidecar (live ones too: ``take_over`` tells them apart by their lock)."""
        if not self.work.is_dir():
            return []
        return sorted(self.work.glob("*.json")) + sorted(self.work.glob("*.json.tmp"))

    # ------------------------------------------------------------------ claiming
    def claim(self, path: Path) -> Claim | None:
        """Take ``path`` out of the inbox for this process alone; None when another process was faster."""
        path = Path(path)
        token = uuid.uuid4().hex
        rel_path = path.relative_to(self.root).as_posix()
        work_path = self.work / f"{token}__{safe_name(path.name)}"
        sidecar = self.work / f"{token}.json"
        temporary = self.work / f"{token}.json.tmp"
        claimed_at = time.time()
        fd = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # locked before anyone can see it under its real name
        os.write(fd, json.dumps({"token": token, "rel_path": rel_path, "work_name": work_path.name,
                                 "claimed_at": claimed_at, "pid": os.getpid(), "host": socket.gethostname()},
                                ensure_ascii=False).encode("utf-8"))
        try:
            os.rename(temporary, sidecar)
        except FileNotFoundError:  # taken for a dead claim's leftover in the instant before our lock
            os.close(fd)
            return None
        try:
            os.rename(path, work_path)
        except OSError as err:
            os.unlink(sidecar)
            os.close(fd)
            if isinstance(err, FileNotFoundError):  # another process renamed it first
                return None
            raise
        return Claim(token, work_path, sidecar, fd, rel_path, claimed_at)

    def take_over(self, sidecar: Path) -> Claim | None:
        """Adopt the claim of a process that died; None when its owner still lives or nothing is left to do."""
        try:
            fd = os.open(sidecar, os.O_RDWR)
        except FileNotFoundError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.fstat(fd).st_ino != os.stat(sidecar).st_ino:
                raise FileNotFoundError(sidecar)  # finished and removed while we waited
        except (BlockingIOError, FileNotFoundError):
            os.close(fd)
            return None
        if sidecar.name.endswith(".tmp"):  # died before the claim was complete: the file never left the inbox
            if time.time() - os.fstat(fd).st_mtime < 0.5:  # or is being made this instant, not locked yet
                os.close(fd)
                return None
            return self._drop(sidecar, fd)
        token = sidecar.name.removesuffix(".json")
        data = _read_sidecar(fd)
        work_path = self.work / str(data.get("work_name") or "")
        if not data.get("work_name"):
            work_path = next(iter(sorted(self.work.glob(f"{glob.escape(token)}__*"))), self.work / "-")
        if not work_path.is_file():  # died before the file came in, or after it went out: nothing to finish
            return self._drop(sidecar, fd)
        rel_path = str(data.get("rel_path") or work_path.name.split("__", 1)[-1])
        return Claim(token, work_path, sidecar, fd, rel_path, float(data.get("claimed_at") or time.time()),
                     recovered=True)

    def _drop(self, sidecar: Path, fd: int) -> None:
        for path in (self._reason_draft(sidecar.name.split(".")[0]), sidecar):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        os.close(fd)
        return None

    def _reason_draft(self, token: str) -> Path:
        return self.work / f"{token}.reason.tmp"

    def release(self, claim: Claim, finished: bool = True) -> None:
        """Let go of a claim; ``finished`` removes it, otherwise it stays for the next run to take over."""
        if finished:
            for path in (self._reason_draft(claim.token), claim.sidecar):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path)
        with contextlib.suppress(OSError):
            os.close(claim.lock_fd)

    # ------------------------------------------------------------------ delivering
    def destination(self, outcome: str, claim: Claim, sha256: str) -> Path:
        """A free path for the claimed file in its outcome folder: ``<folder>/<yyyy-mm>/<sha8>__<name>``."""
        month = time.strftime("%Y-%m", time.localtime(claim.claimed_at))
        folder = self.root / OUTCOME_FOLDERS[outcome] / month
        name = safe_name(claim.original_name)
        name = name if name.startswith(f"{sha256[:8]}__") else f"{sha256[:8]}__{name}"  # sent back in: prefix once
        stem, dot, suffix = name.rpartition(".")
        if not dot:
            stem, suffix = name, ""
        for n in range(1, 10_000):
            candidate = folder / (name if n == 1 else f"{stem} ({n}){'.' + suffix if suffix else ''}")
            if not candidate.exists() and not reason_path(candidate).exists():
                return candidate
        return folder / f"{sha256[:8]}__{claim.token}"

    def in_folder(self, path: Path, outcome: str) -> bool:
        """Is ``path`` inside the folder of ``outcome`` under this inbox?"""
        return Path(path).resolve().is_relative_to(self.root / OUTCOME_FOLDERS[outcome])

    def deliver(self, claim: Claim, destination: Path, reason: str | None = None) -> None:
        """Move the claimed file to ``destination`` (its reason written first), never over another file.

        Raises FileExistsError when another file took ``destination``. Safe to repeat after a crash.
        """
        _refuse_link(destination.parent.parent)
        _refuse_link(destination.parent)
        destination.parent.mkdir(parents=True, exist_ok=True)
        if reason is not None:  # written beside the claim first: a run killed mid-write leaves no stray file there
            temporary = self._reason_draft(claim.token)
            temporary.write_text(reason, encoding="utf-8")
            os.replace(temporary, reason_path(destination))
        try:
            os.link(claim.work_path, destination)
        except FileExistsError:
            if not _same_file(claim.work_path, destination):
                raise
        except FileNotFoundError:
            if destination.is_file():  # moved there before a crash; only the claim was left
                return
            raise
        except OSError:  # a file system without hard links: rename, having checked the name is free
            if destination.exists():
                raise FileExistsError(destination) from None
            os.rename(claim.work_path, destination)
            return
        os.unlink(claim.work_path)


class Arrivals:
    """Which dropped files are complete: unchanged for ``stable_s`` and, a ZIP or PDF, with its end record (one
    still without it after ``incomplete_s`` unchanged is taken anyway, and refused as cut short)."""

    def __init__(self, stable_s: float, incomplete_s: float):
        self.stable_s, self.incomplete_s = stable_s, incomplete_s
        self.first_seen: dict[Path, tuple[tuple[int, int], float]] = {}

    def sort(self, paths: list[Path]) -> tuple[list[Path], list[Path], list[Path]]:
        """``(ready, changing, incomplete)``: take the first; wait for the second; the third is stable but cut."""
        now = time.time()
        seen: dict[Path, tuple[tuple[int, int], float]] = {}
        ready, changing, incomplete = [], [], []
        for path in paths:
            try:
                st = path.lstat()
            except OSError:
                continue
            mark = (st.st_size, st.st_mtime_ns)
            earlier = self.first_seen.get(path)
            since = earlier[1] if earlier and earlier[0] == mark else now
            seen[path] = (mark, since)
            quiet = now - since
            if st.st_mtime <= now:  # a time in the future (a skewed clock) says nothing
                quiet = max(quiet, now - st.st_mtime)
            if quiet < self.stable_s:
                changing.append(path)
            elif quiet < self.incomplete_s and not end_record_present(path):
                incomplete.append(path)
            else:
                ready.append(path)
        self.first_seen = seen
        return ready, changing, incomplete


def _refuse_link(folder: Path) -> None:
    """An outcome folder that is a symbolic link would send files out of the inbox: refused."""
    if folder.is_symlink():
        raise InboxError(f"{folder.name}/ is a symbolic link: the pipeline moves files only into real folders "
                         "inside the inbox; replace the link by a folder",
                         f"{folder.name}/ เป็นลิงก์ (symbolic link) ระบบจะย้ายไฟล์ไปไว้ในโฟลเดอร์จริงภายใน inbox "
                         "เท่านั้น กรุณาเปลี่ยนลิงก์เป็นโฟลเดอร์", where=str(folder))


def end_record_present(path: Path) -> bool:
    """Whether a ZIP (DOCX) or PDF has its end record (the ZIP's central directory end, the PDF's ``%%EOF``):
    without it the file is still being written, or was cut short. True for every other type."""
    try:
        with path.open("rb") as fh:
            head = fh.read(5)
            size = fh.seek(0, os.SEEK_END)
            if head.startswith(b"PK\x03\x04"):
                fh.seek(max(0, size - _END_TAIL))
                return b"PK\x05\x06" in fh.read()
            if head.startswith(b"%PDF"):
                fh.seek(max(0, size - 1024))
                return b"%%EOF" in fh.read()
    except OSError:
        return True  # unreadable: taken, and refused with its reason
    return True


def reason_path(destination: Path) -> Path:
    return destination.with_name(destination.name + REASON_SUFFIX)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except FileNotFoundError:
        return False


def _read_sidecar(fd: int) -> dict[str, object]:
    """The sidecar's JSON; {} when it is unreadable (then the work file's name alone says what it was)."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        chunks = []
        while chunk := os.read(fd, 65536):
            chunks.append(chunk)
        data = json.loads(b"".join(chunks).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


__all__ = ["Arrivals", "Claim", "Inbox", "InboxError", "OUTCOME_FOLDERS", "PathProblem", "REASON_SUFFIX", "end_record_present",
           "reason_path", "safe_name"]
