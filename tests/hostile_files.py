"""Builders of hostile returned files, made at test time: linked content, crafted packages, locked Office files."""

from __future__ import annotations

import io
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
