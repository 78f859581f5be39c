"""Builders of hostile returned files, made at test time: linked content, crafted packages, locked Office files."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from docx import Document as WordDocument

_PIC = ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
        'wordprocessingDrawing"><wp:extent cx="914400" cy="914400"/><wp:docPr id="1" name="p"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.'
        'openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="1" name="p"/><pic:cNvPicPr/>'
        '</pic:nvPicPr><pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships" r:link="rIdLinked"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>'
        '<a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>'
        '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')


def linked_image_docx(path: Path, url: str) -> Path:
    """A DOCX showing an image that is not in it but at ``url`` (an external relationship, as Word writes one)."""
    buffer = io.BytesIO()
    document = WordDocument()
    document.add_paragraph("แบบฟอร์มที่มีรูปภาพเชื่อมโยงจากภายนอก")
    document.save(buffer)
    rel = (f'<Relationship Id="rIdLinked" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           f'image" Target="{url}" TargetMode="External"/></Relationships>')
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", rel.encode())
            elif info.filename == "word/document.xml":
                data = data.replace(b"<w:sectPr", _PIC.encode() + b"<w:sectPr", 1)
            out.writestr(info, data)
    return path


def linked_rtf(path: Path, url: str) -> Path:
    """An RTF whose picture field names a URL (INCLUDEPICTURE, linked not stored)."""
    path.write_text("{\\rtf1\\ansi{\\field{\\*\\fldinst INCLUDEPICTURE \"" + url + "\" \\\\d}{\\fldrslt }}"
                    "\\par {\\field{\\*\\fldinst INCLUDETEXT \"" + url + "/text\"}{\\fldrslt x}}\\par}",
                    encoding="ascii")
    return path


def docx_posing_as_odt(source: Path, path: Path, document_xml: bytes | None = None) -> Path:
    """A real DOCX with an ODT ``mimetype`` entry put first: a sniffer that trusts the first entry takes it for
    an ODT and skips the DOCX checks."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.text")
        for info in src.infolist():
            data = src.read(info)
            if document_xml is not None and info.filename == "word/document.xml":
                data = document_xml
            out.writestr(info, data)
    return path


def password_docx(source: Path, path: Path, password: str = "1234") -> Path:
    """``source`` saved with a password, as Word does: the package encrypted inside an OLE container."""
    import msoffcrypto.format.ooxml

    with source.open("rb") as plain, path.open("wb") as locked:
        msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt(password, locked)
    return path


# --------------------------------------------------------------------------- more bad inputs for the batch
def _zip(path: Path, parts: dict[str, bytes], encrypted: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    if encrypted:  # set the "encrypted" bit, as a ZIP made with a password has it, in both headers
        raw = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as package:
            for info in package.infolist():
                if info.filename in encrypted:
                    raw[info.header_offset + 6] |= 0x1
        start = raw.rfind(b"PK\x05\x06")
        central = int.from_bytes(raw[start + 16:start + 20], "little")
        while raw[central:central + 4] == b"PK\x01\x02":
            name_len, extra_len, comment_len = (int.from_bytes(raw[central + o:central + o + 2], "little")
                                                for o in (28, 30, 32))
            if raw[central + 46:central + 46 + name_len].decode() in encrypted:
                raw[central + 8] |= 0x1
            central += 46 + name_len + extra_len + comment_len
        path.write_bytes(bytes(raw))
    return path


def _parts(source: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(source) as package:
        return {name: package.read(name) for name in package.namelist()}


def pdf_bytes(objects: list[str], trailer_extra: str = "") -> bytes:
    """A PDF built by hand: the objects, a correct cross-reference table and a trailer."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra}>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def more_bad_inputs(tmp: Path, good: Path) -> dict[str, tuple[Path, str]]:
    """Twenty more kinds of hostile or broken file, each with the name of the error it must raise."""
    from PIL import Image

    parts = _parts(good)
    xml = parts["word/document.xml"].decode()
    head, _, body = xml.partition("?>")
    dtd = f'{head}?><!DOCTYPE w:document [<!ENTITY x "x">]>{body}'.encode()
    out: dict[str, tuple[Path, str]] = {
        "docx posing as odt with a dtd": (docx_posing_as_odt(good, tmp / "posing.docx", dtd), "XmlEntityError"),
        "password-protected docx": (password_docx(good, tmp / "locked.docx"), "EncryptedFileError"),
        "password-protected named doc": (password_docx(good, tmp / "locked-old.doc"), "EncryptedFileError"),
        "zip entry encrypted": (_zip(tmp / "zipcrypto.docx", parts, ("word/document.xml",)), "EncryptedFileError"),
        "too many parts": (_zip(tmp / "parts.docx", {**parts, **{f"word/media/p{i}.bin": b"x" for i in range(2100)}}),
                           "ZipBombError"),
        "zip that is no word file": (_zip(tmp / "archive.docx", {"readme.txt": b"hello"}), "WrongFileTypeError"),
        "empty document part": (_zip(tmp / "hollow.docx", {**parts, "word/document.xml": b""}), "CorruptFileError"),
        "binary document part": (_zip(tmp / "noise.docx", {**parts, "word/document.xml": bytes(range(256)) * 8}),
                                 "CorruptFileError"),
        "odt named docx": (_zip(tmp / "odt.docx", {"mimetype": b"application/vnd.oasis.opendocument.text",
                                                   "content.xml": b"<x/>"}), "WrongFileTypeError"),
        "rtf named docx": (tmp / "rtf.docx", "WrongFileTypeError"),
        "program named pdf": (tmp / "program.pdf", "CorruptFileError"),
        "png named pdf": (tmp / "picture.pdf", "WrongFileTypeError"),
        "60 MB pdf": (tmp / "huge.pdf", "FileTooLargeError"),
        "25 pages to ocr": (tmp / "scans.pdf", "TooManyPagesError"),
        "2000-frame tiff": (tmp / "frames.tiff", "TooManyPagesError"),
        "decompression bomb png": (tmp / "bomb.png", "ImageBombError"),
        "pdf with javascript": (tmp / "script.pdf", "UnreadableFileError"),
        "pdf with a page tree loop": (tmp / "loop.pdf", "CorruptFileError"),
        "pdf nested a million deep": (tmp / "deep.pdf", "CorruptFileError"),
        "gif with no form": (tmp / "still.gif", "UnreadableFileError"),
    }
    (tmp / "rtf.docx").write_bytes(b"{\\rtf1\\ansi hello\\par}")
    (tmp / "program.pdf").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(4000))
    Image.new("L", (40, 40), 200).save(tmp / "picture.pdf", format="PNG")
    with (tmp / "huge.pdf").open("wb") as fh:  # sparse: 60 MB on paper, a few KB on disk
        fh.write(b"%PDF-1.4\n")
        fh.truncate(60 * 1024 * 1024)
    pages = ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>" for _ in range(25)]
    kids = " ".join(f"{n} 0 R" for n in range(3, 28))
    (tmp / "scans.pdf").write_bytes(pdf_bytes(["<< /Type /Catalog /Pages 2 0 R >>",
                                          f"<< /Type /Pages /Kids [{kids}] /Count 25 >>", *pages]))
    many_frames_tiff(tmp / "frames.tiff", 2000)
    _bomb_png(tmp / "bomb.png")
    (tmp / "script.pdf").write_bytes(pdf_bytes([
        "<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        "<< /S /JavaScript /JS (app.launchURL\\('http://127.0.0.1:9/'\\);) >>"]))
    (tmp / "loop.pdf").write_bytes(pdf_bytes(["<< /Type /Catalog /Pages 2 0 R >>",
                                         "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]))
    (tmp / "deep.pdf").write_bytes(pdf_bytes(["<< /Type /Catalog /Pages 2 0 R /X " + "[" * 1_000_000 + " >>",
                                         "<< /Type /Pages /Kids [] /Count 0 >>"]))
    Image.new("L", (64, 64), 180).save(tmp / "still.gif")
    return out


def many_frames_tiff(path: Path, frames: int) -> Path:
    """A TIFF of ``frames`` white 8 x 8 one-bit frames, written by hand: Pillow's appending writer takes ~10 s for
    2,000 frames, and every frame here can share one strip."""
    tags = [(256, 3, 8), (257, 3, 8), (258, 3, 1), (259, 3, 1), (262, 3, 1),  # 8 x 8, 1 bit, uncompressed,
            (273, 4, 8), (277, 3, 1), (278, 3, 8), (279, 4, 8)]  # black is zero; the strip at byte 8, 8 bytes
    ifd_size = 2 + 12 * len(tags) + 4
    out = bytearray(b"II*\x00" + struct.pack("<I", 16) + b"\xff" * 8)
    for number in range(frames):
        following = 16 + (number + 1) * ifd_size if number + 1 < frames else 0
        out += struct.pack("<H", len(tags))
        for tag, kind, value in tags:
            out += struct.pack("<HHII", tag, kind, 1, value)
        out += struct.pack("<I", following)
    path.write_bytes(bytes(out))
    return path


def _bomb_png(path: Path) -> None:
    """A PNG that says it is 60,000 × 60,000 pixels (3.6 gigapixels) in 60 KB of one colour."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    side = 60_000
    squeeze = zlib.compressobj(9)
    row = b"\0" + b"\0" * side
    data = b"".join(squeeze.compress(row) for _ in range(200)) + squeeze.flush()
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", data) + chunk(b"IEND", b""))
