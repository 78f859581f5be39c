"""The caps a returned file must stay under, their errors, and the checks of size, type and structure."""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from xml.parsers import expat

from pipeline import settings
from pipeline.errors import UnreadableFileError
from pipeline.readers.sniff import EXTENSIONS, TYPE_NAMES, file_type

MB = 1024 * 1024


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
    file_budget_s: float = 90.0  # the whole file, checks, conversion and OCR together: no file can raise it
    max_ocr_pages: int = 20  # pages or frames read by OCR; a file with more is refused (see README)
    max_megapixels: float = 150.0  # an A4 page at 600 dpi is 35 Mpx; a 48 Mpx phone photo passes

    @classmethod
    def from_env(cls, **overrides: Any) -> Limits:
        """The settings (``PIPELINE_MAX_PAGES`` and the like), then the given overrides (None ones skipped)."""
        current = settings.current()
        values: dict[str, Any] = {spec.name: getattr(current, spec.name) for spec in fields(cls)}
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
    """A PDF longer than ``max_pages``, or more pages or frames to read by OCR than ``max_ocr_pages``."""


class ImageBombError(GuardError):
    """An image whose pixels, unpacked, would fill far more memory than any scan or photo of a form."""


class TimeLimitError(GuardError):
    """Reading the file took longer than ``time_limit_s``."""


class MemoryLimitError(GuardError):
    """Reading the file needed more than ``memory_limit_mb``."""


class ReaderCrashError(GuardError):
    """The reader failed in a way it does not explain (a bug, or a file damaged in an unforeseen way)."""


# --------------------------------------------------------------------------- cheap checks (in the parent)
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
    found = file_type(path)
    suffix = Path(name).suffix.lower()
    named = EXTENSIONS.get(suffix)
    if found == "encrypted-office":
        raise EncryptedFileError(
            "the Word file is protected by a password (encrypted): open it in Word, remove the password "
            "(File › Info › Protect Document) and send it again",
            "ไฟล์ Word ถูกตั้งรหัสผ่านไว้ กรุณาเปิดใน Word แล้วนำรหัสผ่านออก (ไฟล์ › ข้อมูล › ป้องกันเอกสาร) แล้วส่งใหม่",
            where=where)
    if found == "zip" and named in ("docx", None):
        found = "docx"  # a ZIP that claims to be Word: the DOCX checks say what is wrong with it
    if found and named and found != named:
        en, th = TYPE_NAMES[found]
        raise WrongFileTypeError(
            f"the file is named {suffix} but it is {en}: give it the right extension and send it again",
            f"ชื่อไฟล์ลงท้ายด้วย {suffix} แต่เนื้อไฟล์เป็น{th} กรุณาแก้นามสกุลไฟล์ให้ถูกต้องแล้วส่งใหม่", where=where)
    if found is None and named in ("pdf", "docx"):
        en, th = TYPE_NAMES[named]
        raise CorruptFileError(
            f"the file is named {suffix} but its bytes are not {en} (damaged, or another type renamed)",
            f"ชื่อไฟล์ลงท้ายด้วย {suffix} แต่เนื้อไฟล์ไม่ใช่{th} (ไฟล์เสียหาย หรือเป็นไฟล์ชนิดอื่นที่เปลี่ยนชื่อ)",
            where=where)
    return found


# --------------------------------------------------------------------------- structure checks (in the child)
def check_structure(path: Path, kind: str | None, limits: Limits, *, where: str) -> float:
    """The checks that open the file: a DOCX's ZIP directory and XML prologs, a PDF's password and pages.

    Returns the seconds the reading may take beyond ``time_limit_s``: scanned pages read by OCR, and a legacy
    Word file that LibreOffice converts first, take longer than any typed form (``file_budget_s`` caps the sum).
    A file with more pages or frames to read by OCR than ``max_ocr_pages`` is refused here, before any is read.
    """
    if kind == "docx":
        _check_docx(path, limits, where)
        return 0.0
    if kind == "pdf":
        return _check_ocr_pages(_check_pdf(path, limits, where), "scanned pages", limits, where, exact=True)
    if kind == "image":
        _check_pixels(path, limits, where)
        return _check_ocr_pages(_frames(path, limits.max_ocr_pages + 1), "pictures (frames)", limits, where)
    if kind == "zip":  # photos of a form's pages: each read by OCR like a scanned page
        from pipeline.readers.ocr.frames import zip_members

        try:
            members = len(zip_members(path))
        except (zipfile.BadZipFile, OSError, ValueError):
            return 0.0
        return _check_ocr_pages(members, "photos", limits, where, exact=True)
    if kind in ("doc", "odt", "rtf"):
        return limits.convert_s
    return 0.0


def _check_ocr_pages(count: int, what: str, limits: Limits, where: str, exact: bool = False) -> float:
    """The OCR time of ``count`` pages; TooManyPagesError over ``max_ocr_pages``."""
    if count > limits.max_ocr_pages:
        shown = f"{count:,}" if exact else f"more than {limits.max_ocr_pages}"
        raise TooManyPagesError(
            f"the file has {shown} {what} to read by OCR, over the limit of {limits.max_ocr_pages} (a returned form "
            "has at most about 10 pages): send each form as its own file, or a typed DOCX/PDF",
            f"ไฟล์มีหน้าที่ต้องอ่านด้วย OCR เกิน {limits.max_ocr_pages} หน้า (แบบฟอร์มหนึ่งชุดมีไม่เกินประมาณ 10 หน้า) "
            "กรุณาแยกส่งทีละแบบฟอร์ม หรือส่งเป็นไฟล์ DOCX/PDF ที่พิมพ์", where=where)
    return count * limits.ocr_page_s


def _check_pixels(path: Path, limits: Limits, where: str) -> None:
    """Refuse an image whose header promises more pixels than ``max_megapixels`` (a decompression bomb), read
    from the header alone: nothing is unpacked."""
    from PIL import Image

    guard, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # only the header is read: say the real size
    try:
        with Image.open(path) as image:
            width, height = image.size
    except Exception:  # noqa: BLE001 - the reader says what is wrong with the image
        return
    finally:
        Image.MAX_IMAGE_PIXELS = guard
    if width * height > limits.max_megapixels * 1e6:
        raise ImageBombError(
            f"the image is {width:,} × {height:,} pixels ({width * height / 1e6:,.0f} megapixels), over the limit of "
            f"{limits.max_megapixels:g}: a scan or photo of a form needs far fewer; send it at 300 dpi",
            f"รูปภาพมีขนาด {width:,} × {height:,} พิกเซล เกินกำหนด {limits.max_megapixels:g} ล้านพิกเซล "
            "กรุณาสแกนใหม่ที่ความละเอียด 300 dpi แล้วส่งใหม่", where=where)


def _frames(path: Path, most: int) -> int:
    """The pages of an image file (a TIFF may hold many), counted up to ``most``: seeking frame by frame, so a
    file of thousands of frames costs no more than ``most`` of them."""
    try:
        from PIL import Image

        from pipeline.readers.ocr.frames import register_heif

        register_heif()
        with Image.open(path) as image:
            if not getattr(image, "is_animated", False) and getattr(image, "n_frames", 1) == 1:
                return 1
            count = 1
            while count < most:
                try:
                    image.seek(count)
                except EOFError:
                    break
                count += 1
            return count
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
    except pdfium.PdfiumError as err:  # a page that cannot be loaded (a page tree that loops, a broken object)
        raise CorruptFileError(f"the PDF is damaged: a page cannot be read ({err})",
                               "ไฟล์ PDF เสียหาย มีหน้าที่อ่านไม่ได้ กรุณาส่งใหม่", where=where) from None
    finally:
        pdf.close()
    if pages == 0:
        raise CorruptFileError("the PDF has no pages", "ไฟล์ PDF ไม่มีหน้าเอกสาร", where=where)
    if pages > limits.max_pages:
        raise TooManyPagesError(f"the PDF has {pages:,} pages, over the limit of {limits.max_pages} (a form has at "
                                "most a few)", f"ไฟล์ PDF มี {pages:,} หน้า เกินกำหนด {limits.max_pages} หน้า",
                                where=where)
    return scanned


__all__ = [
    "CorruptFileError", "EmptyFileError", "EncryptedFileError", "FileTooLargeError", "GuardError", "ImageBombError",
    "Limits",
    "MemoryLimitError", "ReaderCrashError", "TimeLimitError", "TooManyPagesError", "WrongFileTypeError",
    "XmlEntityError", "ZipBombError", "check_file", "check_structure",
]
