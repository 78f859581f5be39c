"""Readers: turn a returned file into the reader-neutral Document, choosing the reader by the file's type."""

from __future__ import annotations

from pathlib import Path

from pipeline.document import Document
from pipeline.errors import UnreadableFileError

_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .doc (and .xls) container


def read_document(path: str | Path) -> Document:
    """Read a DOCX or PDF into a Document; UnreadableFileError for anything else, in English and Thai."""
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise UnreadableFileError("file not found", "ไม่พบไฟล์", where=where)
    with path.open("rb") as fh:
        head = fh.read(8)
    suffix = path.suffix.lower()
    if head.startswith(_PDF_MAGIC) or (suffix == ".pdf" and not head.startswith(_ZIP_MAGIC)):
        try:
            from pipeline.readers.pdf_reader import read_pdf  # heavy (pdfium): only when a PDF comes
        except ModuleNotFoundError as err:
            raise UnreadableFileError(f"PDF files cannot be read here yet ({err.name} is missing)",
                                      "ยังอ่านไฟล์ PDF ไม่ได้ กรุณาส่งเป็นไฟล์ Word (.docx)", where=where) from err
        return read_pdf(path)
    if head.startswith(_ZIP_MAGIC) and suffix in (".docx", ".docm", ".dotx", ".dotm", ""):
        from pipeline.readers.docx_reader import read_docx

        return read_docx(path)
    if head.startswith(_OLE_MAGIC) and suffix in (".docx", ".docm"):
        raise UnreadableFileError(  # Word keeps a password-protected .docx in the old container
            "the Word file is protected by a password (encrypted); send it without one",
            "ไฟล์ Word ถูกตั้งรหัสผ่านไว้ กรุณาส่งไฟล์ที่ไม่มีรหัสผ่าน", where=where)
    if head.startswith(_OLE_MAGIC):
        raise UnreadableFileError(
            "an old Word 97–2003 (.doc) file: open it in Word or LibreOffice and save it as .docx or PDF",
            "เป็นไฟล์ Word รุ่นเก่า (.doc) กรุณาเปิดแล้วบันทึกเป็น .docx หรือ PDF ก่อนส่ง", where=where)
    if head.startswith(_ZIP_MAGIC):
        from pipeline.readers.docx_reader import read_docx

        return read_docx(path)  # a Word file with another extension: the reader says if it is not one
    kind = suffix or "no extension"
    raise UnreadableFileError(
        f"cannot read this type of file ({kind}): send the form as a Word .docx or a PDF",
        f"อ่านไฟล์ประเภทนี้ไม่ได้ ({kind}) กรุณาส่งแบบฟอร์มเป็นไฟล์ Word (.docx) หรือ PDF", where=where)


__all__ = ["read_document"]
