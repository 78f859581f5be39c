"""Readers: turn a returned file into the reader-neutral Document, choosing the reader by the file's type."""

from __future__ import annotations

from pathlib import Path

from pipeline.document import Document
from pipeline.errors import UnreadableFileError

_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .doc (and .xls) container
_RTF_MAGIC = b"{\\rtf"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"II*\x00", b"MM\x00*")  # JPEG, PNG, TIFF (both byte orders)


def read_document(path: str | Path) -> Document:
    """Read a DOCX, PDF (scanned pages by OCR), JPG/PNG/TIFF scan, or .doc/.odt/.rtf (via LibreOffice) into a
    Document; UnreadableFileError for anything else, in English and Thai."""
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise UnreadableFileError("file not found", "ไม่พบไฟล์", where=where)
    with path.open("rb") as fh:
        head = fh.read(8)
    suffix = path.suffix.lower()
    if head.startswith(_PDF_MAGIC) or (suffix == ".pdf" and not head.startswith(_ZIP_MAGIC)):
        try:
            from pipeline.readers.pdf.reader import read_pdf  # heavy (pdfium): only when a PDF comes
        except ModuleNotFoundError as err:
            raise UnreadableFileError(f"PDF files cannot be read here yet ({err.name} is missing)",
                                      "ยังอ่านไฟล์ PDF ไม่ได้ กรุณาส่งเป็นไฟล์ Word (.docx)", where=where) from err
        return read_pdf(path)
    if head.startswith(_ZIP_MAGIC) and suffix in (".docx", ".docm", ".dotx", ".dotm", ""):
        from pipeline.readers.docx.reader import read_docx

        return read_docx(path)
    if head.startswith(_OLE_MAGIC) and suffix in (".docx", ".docm"):
        raise UnreadableFileError(  # Word keeps a password-protected .docx in the old container
            "the Word file is protected by a password (encrypted); send it without one",
            "ไฟล์ Word ถูกตั้งรหัสผ่านไว้ กรุณาส่งไฟล์ที่ไม่มีรหัสผ่าน", where=where)
    if head.startswith(_OLE_MAGIC) or head.startswith(_RTF_MAGIC) or _is_odt(path, head):
        return _read_legacy(path)  # .doc, .rtf, .odt: LibreOffice makes a DOCX of it first
    if head.startswith(_IMAGE_MAGIC):
        from pipeline.readers.ocr.pages import read_image  # heavy (OpenCV): only when an image comes

        return read_image(path)
    if head.startswith(_ZIP_MAGIC):
        from pipeline.readers.docx.reader import read_docx

        return read_docx(path)  # a Word file with another extension: the reader says if it is not one
    kind = suffix or "no extension"
    raise UnreadableFileError(
        f"cannot read this type of file ({kind}): send the form as a Word .docx or a PDF",
        f"อ่านไฟล์ประเภทนี้ไม่ได้ ({kind}) กรุณาส่งแบบฟอร์มเป็นไฟล์ Word (.docx) หรือ PDF", where=where)


def _is_odt(path: Path, head: bytes) -> bool:
    """An OpenDocument text: a zip whose first member is ``mimetype`` holding the ODT type."""
    if not head.startswith(_ZIP_MAGIC):
        return False
    with path.open("rb") as fh:
        return _ODT_MIMETYPE in fh.read(100)


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
