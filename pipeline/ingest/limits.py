"""Input guards: caps on size, pages, unpacked size, XML entities, time and memory around reading a returned file."""

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
import zipfile
import zlib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from xml.parsers import expat

from pipeline.errors import PipelineError, UnreadableFileError
from pipeline.extractors.record import extract
from pipeline.records import Record

MB = 1024 * 1024
_ENV_PREFIX = "PIPELINE_"


@dataclass(frozen=True)
class Limits:
    """The caps every returned file must stay under; each can be set by an env var ``PIPELINE_<NAME>``."""

    max_file_mb: float = 50.0
    max_pages: int = 200
    max_unpacked_mb: float = 200.0  # a DOCX's parts, unpacked, all together
    max_compression_ratio: float = 500.0  # unpacked : packed, any part over 1 MB unpacked (deflate tops at ~1,030)
    max_zip_parts: int = 2000
    time_limit_s: float = 10.0  # wall clock, checks and extraction together
    ocr_page_s: float = 8.0  # more time for each page read by OCR (a scanned page takes 2–3 s here)
    convert_s: float = 30.0  # more time for a .doc/.odt/.rtf that LibreOffice converts first
    memory_limit_mb: float = 500.0  # address space the reading may add

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Limits:
        """Defaults, then ``PIPELINE_MAX_PAGES``-style env vars, then the given overrides (None ones skipped)."""
        environ = dict(os.environ if environ is None else environ)
        values: dict[str, Any] = {}
        for spec in fields(cls):
            raw = environ.get(_ENV_PREFIX + spec.name.upper())
            if raw:
                try:
                    values[spec.name] = int(raw) if spec.type == "int" else float(raw)
                except ValueError:
                    raise GuardError(f"{_ENV_PREFIX}{spec.name.upper()}={raw!r} is not a number",
                                     f"ค่า {_ENV_PREFIX}{spec.name.upper()}={raw!r} ไม่ใช่ตัวเลข") from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


# --------------------------------------------------------------------------- errors
class GuardError(UnreadableFileError):
    """A returned file refused by a guard before or while it is read."""


class EmptyFileError(GuardError):
    """The file has no bytes."""


class FileTooLargeError(GuardError):
    """The file is larger than ``max_file_mb``."""


class WrongFileTypeError(GuardError):
    """The file's name says one type, its bytes another (or a type the pipeline does not read)."""


class CorruptFileError(GuardError):
    """The file is cut short or damaged: its structure cannot be read."""


class ZipBombError(GuardError):
    """A DOCX that would unpack to far more than it holds."""


class XmlEntityError(GuardError):
    """A DOCX whose XML declares a DTD or entities (the way to external-entity and entity-expansion attacks)."""


class EncryptedFileError(GuardError):
    """A file that opens only with a password."""


class TooManyPagesError(GuardError):
    """A PDF longer than ``max_pages``."""


class TimeLimitError(GuardError):
    """Reading the file took longer than ``time_limit_s``."""


class MemoryLimitError(GuardError):
    """Reading the file needed more than ``memory_limit_mb``."""


class ReaderCrashError(GuardError):
    """The reader failed in a way it does not explain (a bug, or a file damaged in an unforeseen way)."""


# --------------------------------------------------------------------------- file types
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "pdf"), (b"PK\x03\x04", "docx"), (b"PK\x05\x06", "docx"), (b"\xd0\xcf\x11\xe0", "doc"),
    (b"\x89PNG", "image"), (b"\xff\xd8\xff", "image"), (b"GIF8", "image"), (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
)
_EXTENSIONS: dict[str, str] = {
    ".pdf": "pdf", ".docx": "docx", ".docm": "docx", ".dotx": "docx", ".dotm": "docx", ".doc": "doc",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".tif": "image", ".tiff": "image",
}
_TYPE_NAMES: dict[str, tuple[str, str]] = {
    "pdf": ("a PDF", "ไฟล์ PDF"), "docx": ("a Word (.docx) file", "ไฟล์ Word (.docx)"),
    "doc": ("an old Word (.doc) file", "ไฟล์ Word รุ่นเก่า (.doc)"), "image": ("an image", "ไฟล์รูปภาพ"),
}


def sniff(path: Path) -> str | None:
    """The file's type from its first bytes: pdf, docx (any ZIP), doc, image; None when unknown."""
    with path.open("rb") as fh:
        head = fh.read(8)
    return next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)


def check_file(path: Path, limits: Limits, *, name: str | None = None, where: str | None = None) -> str | None:
    """The cheap checks: not empty, not too large, the name's extension fits the bytes. Returns the sniffed type.

    ``name`` is the name the file came with (its extension is judged); ``where`` names it in messages.
    """
    where = where or str(path)
    name = name or path.name
    size = path.stat().st_size
    if size == 0:
        raise EmptyFileError("the file is empty (0 bytes)", "ไฟล์ว่างเปล่า (0 ไบต์)", where=where)
    if size > limits.max_file_mb * MB:
        raise FileTooLargeError(
            f"the file is {size / MB:.1f} MB, over the limit of {limits.max_file_mb:g} MB",
            f"ไฟล์มีขนาด {size / MB:.1f} MB เกินกำหนด {limits.max_file_mb:g} MB", where=where)
    found = sniff(path)
    suffix = Path(name).suffix.lower()
    named = _EXTENSIONS.get(suffix)
    if found and named and found != named:
        en, th = _TYPE_NAMES[found]
        raise WrongFileTypeError(
            f"the file is named {suffix} but it is {en}: give it the right extension and send it again",
            f"ชื่อไฟล์ลงท้ายด้วย {suffix} แต่เนื้อไฟล์เป็น{th} กรุณาแก้นามสกุลไฟล์ให้ถูกต้องแล้วส่งใหม่", where=where)
    if found is None and named in ("pdf", "docx"):
        en, th = _TYPE_NAMES[named]
        raise CorruptFileError(
            f"the file is named {suffix} but its bytes are not {en} (damaged, or another type renamed)",
            f"ชื่อไฟล์ลงท้ายด้วย {suffix} แต่เนื้อไฟล์ไม่ใช่{th} (ไฟล์เสียหาย หรือเป็นไฟล์ชนิดอื่นที่เปลี่ยนชื่อ)",
            where=where)
    return found


# --------------------------------------------------------------------------- structure checks (in the child)
def check_structure(path: Path, kind: str | None, limits: Limits, *, where: str) -> float:
    """The checks that open the file: a DOCX's ZIP directory and XML prologs, a PDF's password and pages.

    Returns the seconds the reading may take beyond ``time_limit_s``: scanned pages read by OCR, and a legacy
    Word file that LibreOffice converts first, take longer than any typed form, and must not be cut short.
    """
    if kind == "docx":
        if _is_opendocument(path):
            return limits.convert_s
        _check_docx(path, limits, where)
        return 0.0
    if kind == "pdf":
        return _check_pdf(path, limits, where) * limits.ocr_page_s
    if kind == "image":
        return _frames(path) * limits.ocr_page_s
    if kind == "doc" or _is_rtf(path):
        return limits.convert_s
    return 0.0


def _is_opendocument(path: Path) -> bool:
    with path.open("rb") as fh:
        return b"application/vnd.oasis.opendocument" in fh.read(100)


def _is_rtf(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(5) == b"{\\rtf"


def _frames(path: Path) -> int:
    """The pages of an image file (a TIFF may hold several), at most a handful counted."""
    try:
        from PIL import Image

        with Image.open(path) as image:
            return max(1, min(int(getattr(image, "n_frames", 1)), 50))
    except Exception:  # noqa: BLE001 - the reader will say what is wrong with the image
        return 1


def _check_docx(path: Path, limits: Limits, where: str) -> None:
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise CorruptFileError(f"the Word file is damaged or cut short ({err})",
                               "ไฟล์ Word เสียหายหรือไม่ครบ (อาจส่งมาไม่สมบูรณ์) กรุณาส่งใหม่", where=where) from None
    with package:
        parts = package.infolist()
        if len(parts) > limits.max_zip_parts:
            raise ZipBombError(f"the Word file holds {len(parts)} parts, over the limit of {limits.max_zip_parts}",
                               f"ไฟล์ Word มีส่วนประกอบ {len(parts)} ส่วน เกินกำหนด {limits.max_zip_parts}",
                               where=where)
        unpacked = sum(part.file_size for part in parts)
        if unpacked > limits.max_unpacked_mb * MB:
            raise ZipBombError(
                f"the Word file would unpack to {unpacked / MB:,.0f} MB, over the limit of "
                f"{limits.max_unpacked_mb:g} MB (a 'zip bomb' or a damaged file)",
                f"ไฟล์ Word เมื่อแตกไฟล์จะมีขนาด {unpacked / MB:,.0f} MB เกินกำหนด {limits.max_unpacked_mb:g} MB "
                "(ไฟล์อันตรายหรือเสียหาย)", where=where)
        for part in parts:
            ratio = part.file_size / max(part.compress_size, 1)
            if part.file_size > MB and ratio > limits.max_compression_ratio:
                raise ZipBombError(
                    f"part {part.filename} of the Word file unpacks {ratio:,.0f} times its size "
                    f"(limit {limits.max_compression_ratio:g}): a 'zip bomb' or a damaged file",
                    f"ส่วน {part.filename} ของไฟล์ Word ขยายได้ {ratio:,.0f} เท่า เกินกำหนด "
                    f"{limits.max_compression_ratio:g} เท่า (ไฟล์อันตรายหรือเสียหาย)", where=where)
            if part.flag_bits & 0x1:
                raise EncryptedFileError("the Word file is protected by a password (encrypted); send it without one",
                                         "ไฟล์ Word ถูกตั้งรหัสผ่านไว้ กรุณาส่งไฟล์ที่ไม่มีรหัสผ่าน", where=where)
        names = {part.filename for part in parts}
        if "word/document.xml" not in names:
            raise WrongFileTypeError(
                "a ZIP package that is not a Word document (it has no word/document.xml)",
                "เป็นไฟล์ ZIP ที่ไม่ใช่เอกสาร Word (ไม่มี word/document.xml)", where=where)
        for name in sorted(names):
            if name.lower().endswith((".xml", ".rels")):
                _check_prolog(package, name, where)


class _RootReached(Exception):
    """The XML prolog is over: no DTD can follow."""


class _DoctypeFound(Exception):
    """The XML declares a DTD."""


def _check_prolog(package: zipfile.ZipFile, name: str, where: str) -> None:
    """Refuse an XML part whose prolog declares a DTD; expat stops at the root element, nothing is resolved."""
    parser = expat.ParserCreate()

    def root(*_: object) -> None:
        raise _RootReached

    def doctype(*_: object) -> None:
        raise _DoctypeFound

    parser.StartElementHandler = root
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    try:
        with package.open(name) as stream:
            while chunk := stream.read(64 * 1024):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _RootReached:
        return
    except _DoctypeFound:
        raise XmlEntityError(
            f"part {name} of the Word file declares a DTD or entities (<!DOCTYPE>/<!ENTITY>), which Word never "
            "writes: refused, nothing in it was read",
            f"ส่วน {name} ของไฟล์ Word มีการประกาศ DTD/ENTITY ซึ่ง Word ไม่สร้างขึ้นเอง จึงไม่รับไฟล์นี้ "
            "(ไม่ได้อ่านเนื้อหาใด ๆ)", where=where) from None
    except (expat.ExpatError, zipfile.BadZipFile, zlib.error, OSError, EOFError) as err:
        raise CorruptFileError(f"part {name} of the Word file is damaged ({err})",
                               f"ส่วน {name} ของไฟล์ Word เสียหาย", where=where) from None


def _check_pdf(path: Path, limits: Limits, where: str) -> int:
    """Checks a PDF; returns how many of its pages the reader will read by OCR (no text layer, or garbage)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from pipeline.readers.pdf.reader import pages_needing_ocr

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as err:
        if err.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedFileError("the PDF is protected by a password (encrypted); send it without one",
                                     "ไฟล์ PDF ถูกตั้งรหัสผ่านไว้ กรุณาส่งไฟล์ที่ไม่มีรหัสผ่าน", where=where) from None
        raise CorruptFileError(f"the PDF is damaged or cut short ({err})",
                               "ไฟล์ PDF เสียหายหรือไม่ครบ กรุณาส่งใหม่", where=where) from None
    try:
        pages = len(pdf)
        scanned = pages_needing_ocr(pdf) if 0 < pages <= limits.max_pages else 0
    finally:
        pdf.close()
    if pages == 0:
        raise CorruptFileError("the PDF has no pages", "ไฟล์ PDF ไม่มีหน้าเอกสาร", where=where)
    if pages > limits.max_pages:
        raise TooManyPagesError(f"the PDF has {pages:,} pages, over the limit of {limits.max_pages} (a form has at "
                                "most a few)", f"ไฟล์ PDF มี {pages:,} หน้า เกินกำหนด {limits.max_pages} หน้า",
                                where=where)
    return scanned


# --------------------------------------------------------------------------- guarded extraction
def guarded_extract(path: Path, limits: Limits, *, name: str | None = None, where: str | None = None,
                    close_fds: tuple[int, ...] = ()) -> Record:
    """Check a file and extract its record in a child process held to the time and memory caps.

    Raises a PipelineError (a GuardError for a broken cap, or what ``extract`` raised) whose ``where`` is
    ``where`` (the name the sender knows) instead of ``path``. ``close_fds`` are closed in the child (locks
    that must die with this process, not with the child).
    """
    where = where or str(path)
    kind = check_file(path, limits, name=name, where=where)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    _preload_readers()
    child = context.Process(target=_child, args=(send, path, kind, limits, close_fds, os.getpid()), daemon=True)
    child.start()
    send.close()
    started = time.monotonic()
    try:
        allowed = limits.time_limit_s
        outcome = _receive(receive, allowed, where)
        if outcome[0] == "budget":  # scanned pages or a conversion: the child asks for the time they take
            allowed += outcome[1]
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


def _answer(outcome: tuple[Any, ...], path: Path, where: str, limits: Limits) -> Record:
    status = outcome[0]
    if status == "ok":
        return outcome[1]
    if status == "error":
        _, module, qualname, en, th, err_where = outcome
        cls = _error_class(module, qualname)
        place = where if not err_where or err_where == str(path) else err_where.replace(str(path), where)
        raise cls(en, th, where=place)
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
    from pipeline.extractors import extract_fields  # noqa: F401


@functools.cache
def warm_up() -> None:
    """Read the project's own blank templates here, in the parent: every cache a reading fills (the forms,
    their models, compiled patterns) is then inherited by each forked child instead of rebuilt per file; and
    freeze what exists, so the children's garbage collector does not copy every page it would touch."""
    from pipeline.forms import KINDS
    from pipeline.generate.render import template_path

    _preload_readers()
    try:  # the PDF reader's Thai word breaking loads pythainlp's dictionary on first use: 0.35 s in every child
        from pythainlp.tokenize import word_tokenize

        word_tokenize("ตัวชี้วัดนวัตกรรม", engine="newmm")
    except Exception:  # noqa: BLE001 - only a cache: without it each child is slower, not wrong
        pass
    for kind in KINDS:
        try:
            extract(template_path(kind))  # trusted files of the project itself, not returned ones
        except Exception:  # noqa: BLE001, S112 - a blank form may well be "no form": only the caches matter
            continue
    gc.freeze()


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
        _cap_cpu(limits.time_limit_s + extra)
        record = extract(path)
        send.send(("ok", record))
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


__all__ = [
    "CorruptFileError", "EmptyFileError", "EncryptedFileError", "FileTooLargeError", "GuardError", "Limits",
    "MemoryLimitError", "ReaderCrashError", "TimeLimitError", "TooManyPagesError", "WrongFileTypeError",
    "XmlEntityError", "ZipBombError", "check_file", "check_structure", "die_with_parent", "guarded_extract", "sniff",
    "warm_up",
]
