"""Readers: turn a returned file into the reader-neutral Document, choosing the reader by the file's type."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pipeline.document import Document
from pipeline.errors import UnreadableFileError
from pipeline.readers.sniff import file_type


def read_document(path: str | Path) -> Document:
    """Read a DOCX, PDF (scanned or photographed pages by OCR), JPG/PNG/TIFF/HEIC scan or photo, ZIP of page
    photos, or .doc/.odt/.rtf (via LibreOffice) into a Document; UnreadableFileError for anything else."""
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise UnreadableFileError("file not found", "ไม่พบไฟล์", where=where)
    found = file_type(path)
    suffix = path.suffix.lower()
    if found == "pdf" or (suffix == ".pdf" and found not in ("zip", "docx")):
        try:
            from pipeline.readers.pdf.reader import read_pdf  # heavy (pdfium): only when a PDF comes
        except ModuleNotFoundError as err:
            raise UnreadableFileError(f"PDF files cannot be read here yet ({err.name} is missing)",
                                      "ยังอ่านไฟล์ PDF ไม่ได้ กรุณาส่งเป็นไฟล์ Word (.docx)", where=where) from err
        return read_pdf(path)
    if found == "encrypted-office":  # Word keeps a password-protected .docx in the old OLE container
        raise UnreadableFileError(
            "the Word file is protected by a password (encrypted): remove the password in Word and send it again",
            "ไฟล์ Word ถูกตั้งรหัสผ่านไว้ กรุณานำรหัสผ่านออกใน Word แล้วส่งใหม่", where=where)
    if found in ("doc", "rtf", "odt"):
        return _read_legacy(path)  # LibreOffice makes a DOCX of it first
    if found == "image":
        from pipeline.readers.ocr.pages import read_image  # heavy (OpenCV): only when an image comes

        return read_image(path)
    if found == "zip" and _holds_photos(path):
        from pipeline.readers.ocr.pages import read_image

        return read_image(path, zipped=True)  # photos of one form's pages, in name order
    if found in ("docx", "zip"):
        from pipeline.readers.docx.reader import read_docx

        return read_docx(path)  # a ZIP that is no Word file: the reader says so
    kind = suffix or "no extension"
    raise UnreadableFileError(
        f"cannot read this type of file ({kind}): send the form as a Word .docx or a PDF",
        f"อ่านไฟล์ประเภทนี้ไม่ได้ ({kind}) กรุณาส่งแบบฟอร์มเป็นไฟล์ Word (.docx) หรือ PDF", where=where)


def _holds_photos(path: Path) -> bool:
    """A ZIP whose files are images (a phone's photos of one form's pages)."""
    from pipeline.readers.ocr.frames import zip_members

    try:
        return bool(zip_members(path))
    except (OSError, ValueError, zipfile.BadZipFile):
        return False


def _read_legacy(path: Path) -> Document:
    """A .doc, .odt or .rtf: converted to DOCX by LibreOffice, then read as DOCX (source kept as the original)."""
    import shutil
    import tempfile

    from pipeline.office import convert_to_docx
    from pipeline.readers.docx.reader import read_docx

    outdir = Path(tempfile.mkdtemp(prefix="bma-legacy-"))
    try:
        document = read_docx(convert_to_docx(path, outdir))
    finally:
        shutil.rmtree(outdir, ignore_errors=True)
    document.source = str(path)
    return document


__all__ = ["read_document"]
