"""What a file is, from its content: the one file-type table of the readers and the ingest checks."""

from __future__ import annotations

import zipfile
from pathlib import Path

# The first bytes of each container. A ZIP is looked into below: its first entry does not decide.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "pdf"), (b"PK\x03\x04", "zip"), (b"PK\x05\x06", "zip"), (b"\xd0\xcf\x11\xe0", "ole"),
    (b"{\\rtf", "rtf"), (b"\x89PNG", "image"), (b"\xff\xd8\xff", "image"), (b"GIF8", "image"),
    (b"II*\x00", "image"), (b"MM\x00*", "image"),
)
_WORD_MAIN = ("wordprocessingml.document.main", "wordprocessingml.template.main", "ms-word.document.macroEnabled",
              "ms-word.template.macroEnabledTemplate")
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif")
_MAX_CONTENT_TYPES = 1024 * 1024  # a real [Content_Types].xml is a few KB

#: What each type is called in a message to the sender.
TYPE_NAMES: dict[str, tuple[str, str]] = {
    "pdf": ("a PDF", "ไฟล์ PDF"), "docx": ("a Word (.docx) file", "ไฟล์ Word (.docx)"),
    "doc": ("an old Word (.doc) file", "ไฟล์ Word รุ่นเก่า (.doc)"), "image": ("an image", "ไฟล์รูปภาพ"),
    "odt": ("an OpenDocument (.odt) file", "ไฟล์ OpenDocument (.odt)"), "rtf": ("an RTF file", "ไฟล์ RTF"),
    "encrypted-office": ("a password-protected Office file", "ไฟล์ Office ที่ตั้งรหัสผ่าน"),
    "zip": ("a ZIP archive", "ไฟล์ ZIP"),
}
#: The type a file's extension promises.
EXTENSIONS: dict[str, str] = {
    ".pdf": "pdf", ".docx": "docx", ".docm": "docx", ".dotx": "docx", ".dotm": "docx", ".doc": "doc",
    ".odt": "odt", ".rtf": "rtf", ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image",
    ".tif": "image", ".tiff": "image", ".heic": "image", ".heif": "image", ".zip": "zip",
}


def file_type(path: Path) -> str | None:
    """``pdf``, ``docx``, ``odt``, ``doc``, ``rtf``, ``image``, ``encrypted-office`` (an OOXML file saved with a
    password: Word wraps it in the old OLE container), ``zip`` (any other ZIP), or None when unknown."""
    with path.open("rb") as fh:
        head = fh.read(16)
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "image"  # HEIC/HEIF: what phones save
    found = next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)
    if found == "zip":
        return _zip_type(path)
    if found == "ole":
        return "encrypted-office" if _is_encrypted_ooxml(path) else "doc"
    return found


def _zip_type(path: Path) -> str:
    """A ZIP is what its package says: OOXML by ``[Content_Types].xml``, ODF by its ``mimetype`` entry."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            if "[Content_Types].xml" in names:
                info = package.getinfo("[Content_Types].xml")
                if info.file_size <= _MAX_CONTENT_TYPES:
                    types = package.read(info)
                    if any(main.encode() in types for main in _WORD_MAIN):
                        return "docx"
                return "zip"
            if "mimetype" in names and package.read("mimetype").strip() == _ODT_MIMETYPE:
                return "odt"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError):
        return "docx" if path.suffix.lower() in (".docx", ".docm") else "zip"  # damaged: the DOCX checks say so
    return "zip"


def _is_encrypted_ooxml(path: Path) -> bool:
    """An OLE file holding the streams ``EncryptionInfo`` and ``EncryptedPackage`` (names in UTF-16)."""
    with path.open("rb") as fh:
        data = fh.read(4 * 1024 * 1024)
    return "EncryptedPackage".encode("utf-16-le") in data


__all__ = ["EXTENSIONS", "TYPE_NAMES", "file_type"]
