"""The sandbox: a returned file checked and read in a forked child held to the time and memory caps."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import importlib
import math
import multiprocessing
import os
import resource
import signal
import time
from pathlib import Path
from typing import Any

from pipeline.errors import PipelineError, UnreadableFileError
from pipeline.extractors.record import extract, extract_all, first_form
from pipeline.ingest.limits import (
    MB,
    Limits,
    MemoryLimitError,
    ReaderCrashError,
    TimeLimitError,
    check_file,
    check_structure,
)
from pipeline.records import Record


def guarded_extract(path: Path, limits: Limits, *, name: str | None = None, where: str | None = None,
                    close_fds: tuple[int, ...] = ()) -> Record:
    """The first record of ``guarded_extract_all`` (with a warning naming the others of a bundle)."""
    return first_form(guarded_extract_all(path, limits, name=name, where=where, close_fds=close_fds))


def guarded_extract_all(path: Path, limits: Limits, *, name: str | None = None, where: str | None = None,
                        close_fds: tuple[int, ...] = ()) -> list[Record]:
    """Check a file and extract its records (one per form) in a child process held to the time and memory caps.

    Raises a PipelineError (a GuardError for a broken cap, or what ``extract`` raised) whose ``where`` is
    ``where`` (the name the sender knows) instead of ``path``. ``close_fds`` are closed in the child (locks
    that must die with this process, not with the child).
    """
    where = where or str(path)
    kind = check_file(path, limits, name=name, where=where)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    _preload_readers()
    if needs_thai_words(kind):
        warm_up_thai_words()
    child = context.Process(target=_child, args=(send, path, kind, limits, close_fds, os.getpid()), daemon=True)
    child.start()
    send.close()
    started = time.monotonic()
    try:
        allowed = min(limits.time_limit_s, limits.file_budget_s)
        outcome = _receive(receive, allowed, where)
        if outcome[0] == "budget":  # scanned pages or a conversion: the child asks for the time they take
            allowed = min(allowed + outcome[1], limits.file_budget_s)  # never more than the budget of a file
            outcome = _receive(receive, max(0.0, started + allowed - time.monotonic()), where, allowed)
    finally:
        receive.close()
        if child.is_alive():
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(child.pid, signal.SIGKILL)  # the reader and what it started (tesseract)
            child.kill()
        child.join()
    if outcome[0] == "gone":
        raise ReaderCrashError(
            f"the reader stopped without an answer (exit {child.exitcode}): the file may be damaged or too big",
            "โปรแกรมอ่านไฟล์หยุดทำงานกะทันหัน ไฟล์อาจเสียหายหรือใหญ่เกินไป", where=where)
    return _answer(outcome, path, where, limits)


def _receive(receive: Any, seconds: float, where: str, allowed: float | None = None) -> tuple[Any, ...]:
    """The child's next message, or TimeLimitError after ``seconds``; ``("gone",)`` when it died silently."""
    allowed = allowed if allowed is not None else seconds
    if not receive.poll(seconds):
        raise TimeLimitError(f"reading the file took longer than {allowed:g} s: stopped",
                             f"การอ่านไฟล์ใช้เวลาเกิน {allowed:g} วินาที จึงหยุดอ่าน", where=where)
    try:
        return receive.recv()
    except (EOFError, OSError):
        return ("gone",)


def _answer(outcome: tuple[Any, ...], path: Path, where: str, limits: Limits) -> list[Record]:
    status = outcome[0]
    if status == "ok":
        return outcome[1]
    if status == "error":
        _, module, qualname, en, th, err_where = outcome
        cls = _error_class(module, qualname)
        place = where if not err_where or err_where == str(path) else err_where.replace(str(path), where)
        name = Path(where).name  # the work file's name (<token>__…) is internal: the sender knows theirs
        raise cls(en.replace(str(path), where).replace(path.name, name), (th or "").replace(path.name, name) or None,
                  where=place)
    if status == "memory":
        raise MemoryLimitError(f"reading the file needed more than {limits.memory_limit_mb:g} MB of memory: stopped",
                               f"การอ่านไฟล์ต้องใช้หน่วยความจำเกิน {limits.memory_limit_mb:g} MB จึงหยุดอ่าน",
                               where=where)
    raise ReaderCrashError(f"the reader failed on this file ({outcome[1]})",
                           "โปรแกรมอ่านไฟล์ทำงานผิดพลาดกับไฟล์นี้ (ไฟล์อาจเสียหายหรือมีรูปแบบที่ไม่รองรับ)", where=where)


def _error_class(module: str, qualname: str) -> type[PipelineError]:
    try:
        cls = getattr(importlib.import_module(module), qualname)
    except (ImportError, AttributeError):
        return UnreadableFileError
    return cls if isinstance(cls, type) and issubclass(cls, PipelineError) else UnreadableFileError


@functools.cache
def _preload_readers() -> None:
    """Import the readers once in the parent, so that each forked child starts reading at once.

    The OCR reader too: NumPy and OpenCV reserve some 250 MB of address space as they load, which the memory
    cap would count against a scan read in a child that loads them itself."""
    import pipeline.readers.docx.reader  # noqa: F401
    import pipeline.readers.ocr.pages  # noqa: F401
    import pipeline.readers.pdf.reader  # noqa: F401
    from pipeline.extractors import extract_forms  # noqa: F401


@functools.cache
def warm_up() -> None:
    """Read the project's own blank templates here, in the parent: every cache a reading fills (the forms,
    their models, compiled patterns) is then inherited by each forked child instead of rebuilt per file; and
    freeze what exists, so the children's garbage collector does not copy every page it would touch."""
    from pipeline.forms import KINDS
    from pipeline.generate.render import template_path

    _preload_readers()
    for kind in KINDS:
        try:
            extract(template_path(kind))  # trusted files of the project itself, not returned ones
        except Exception:  # noqa: BLE001, S112 - a blank form may well be "no form": only the caches matter
            continue
    gc.freeze()


@functools.cache
def warm_up_thai_words() -> None:
    """Build pythainlp's Thai dictionary here, before a child that needs it is forked: about 0.9 s of CPU.

    PDF, scan and photo reading break Thai words (and then every forked child would build it again); a DOCX
    never does, so a batch of DOCX files, or a run that is stopped before its first PDF, does not pay for it.
    Frozen like ``warm_up``'s caches: built later in a worker (a PDF after a run of DOCX files), it would
    otherwise sit in the collected generations, and each child's collector would copy its pages."""
    try:
        from pythainlp.tokenize import word_tokenize

        word_tokenize("ตัวชี้วัดนวัตกรรม", engine="newmm")
    except Exception:  # noqa: BLE001 - only a cache: without it each child is slower, not wrong
        return
    gc.freeze()


def needs_thai_words(kind: str | None) -> bool:
    """Whether reading a file of this sniffed type breaks Thai words (all but a DOCX)."""
    return kind != "docx"


def _child(send: Any, path: Path, kind: str | None, limits: Limits, close_fds: tuple[int, ...], parent: int) -> None:
    for fd in close_fds:
        try:
            os.close(fd)
        except OSError:
            pass
    os.setpgid(0, 0)  # its own process group: a timeout kills the programs it starts too
    die_with_parent(parent)
    _cap_memory(limits)
    try:
        extra = check_structure(path, kind, limits, where=str(path))
        if extra:
            send.send(("budget", extra))
        _cap_cpu(min(limits.time_limit_s + extra, limits.file_budget_s))
        send.send(("ok", extract_all(path)))
    except PipelineError as err:
        send.send(("error", type(err).__module__, type(err).__qualname__, err.message_en, err.message_th,
                   err.where))
    except MemoryError:
        send.send(("memory",))
    except Exception as err:  # noqa: BLE001 - a reader bug must reject this file, not stop the batch
        send.send(("crash", f"{type(err).__name__}: {err}"[:500]))


def _cap_memory(limits: Limits) -> None:
    """The private writable memory held now plus the cap (RLIMIT_DATA, not RLIMIT_AS: threaded readers such as
    OpenCV reserve address space they never use)."""
    extra = int(limits.memory_limit_mb * MB)
    resource.setrlimit(resource.RLIMIT_DATA, (_data_size() + extra, _data_size() + extra))


def _cap_cpu(seconds: float) -> None:
    """CPU time: a backstop to the parent's wall clock, should the parent itself be stuck."""
    cpu = math.ceil(seconds) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _data_size() -> int:
    """The private writable memory this process holds now (what RLIMIT_DATA counts)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 * 2


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when ``parent`` dies (SIGKILL of an ingest run leaves no reader behind)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)



__all__ = ["die_with_parent", "guarded_extract", "guarded_extract_all", "needs_thai_words", "warm_up",
           "warm_up_thai_words"]
