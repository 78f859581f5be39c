"""Page images of a record's source for review: PDF pages by pypdfium2, a Word file through its PDF, photos as they are."""

from __future__ import annotations

import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageOps

from pipeline.errors import PipelineError
from pipeline.readers.sniff import file_type
from pipeline.store import StoredRecord

PAGE_WIDTH_PX = 1000  # wide enough to read 16 pt Thai on a 1366-pixel screen beside the fields
_OFFICE_TYPES = ("docx", "odt", "doc", "rtf")
_convert_lock = threading.Lock()  # one LibreOffice conversion at a time: they share a profile and two cores


class PageImageError(PipelineError):
    """The source of a record cannot be shown as a page image (gone from disk, or a type with no pages)."""


@dataclass(frozen=True)
class Box:
    """A highlighted place on a page, in percent of its width and height (so it scales with the image)."""

    field: str
    left: float
    top: float
    width: float
    height: float


def _source(stored: StoredRecord) -> Path:
    path = Path(stored.stored_path or "")
    if not stored.stored_path or not path.is_file():
        raise PageImageError("the record's file is no longer on disk", "ไม่พบไฟล์ต้นฉบับของเอกสารนี้บนดิสก์แล้ว",
                             where=stored.source_name)
    return path


def source_pdf(stored: StoredRecord, cache: Path) -> Path | None:
    """The PDF to show: the file itself, or a Word file's PDF (made once with LibreOffice, kept in ``cache``)."""
    path = _source(stored)
    kind = file_type(path)
    if kind == "pdf":
        return path
    if kind not in _OFFICE_TYPES:
        return None
    made = cache / f"{stored.sha256}.pdf"
    if made.is_file():
        return made
    from pipeline.office import convert_to_pdf

    with _convert_lock:
        if made.is_file():
            return made
        cache.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="pipeline-page-", dir=cache))
        try:
            copy = work / f"source{path.suffix.lower() or '.docx'}"
            shutil.copyfile(path, copy)
            pdf = convert_to_pdf([copy], work)[0]
            pdf.replace(made)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return made


def page_count(stored: StoredRecord, cache: Path) -> int:
    pdf = source_pdf(stored, cache)
    if pdf is None:
        return 1  # a photo or scan image: one page
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def page_png(stored: StoredRecord, page: int, cache: Path) -> Path:
    """Page ``page`` (1-based) as a PNG in ``cache``, rendered once."""
    out = cache / f"{stored.sha256}-{page}.png"
    if out.is_file():
        return out
    cache.mkdir(parents=True, exist_ok=True)
    pdf = source_pdf(stored, cache)
    if pdf is None:
        if page != 1:
            raise PageImageError(f"the image has no page {page}", f"รูปภาพนี้ไม่มีหน้าที่ {page}")
        with Image.open(_source(stored)) as picture:
            image = ImageOps.exif_transpose(picture).convert("RGB")
        image.thumbnail((PAGE_WIDTH_PX, PAGE_WIDTH_PX * 2))
    else:
        document = pdfium.PdfDocument(pdf)
        try:
            if not 1 <= page <= len(document):
                raise PageImageError(f"the document has no page {page}", f"เอกสารนี้ไม่มีหน้าที่ {page}")
            sheet = document[page - 1]
            image = sheet.render(scale=PAGE_WIDTH_PX / sheet.get_width()).to_pil()
        finally:
            document.close()
    partial = out.with_suffix(f".{threading.get_ident()}.tmp")
    _colourless(image).save(partial, format="PNG", optimize=False, compress_level=1)
    partial.replace(out)
    return out


def _colourless(image: Image.Image) -> Image.Image:
    """A page without colour (a typed form: black text, grey edges) as one grey channel: the PNG is made in about
    half the time and is 40 % smaller; a page with any colour (a stamp, blue ink) stays in colour."""
    if image.mode != "RGB":
        return image
    red, green, blue = image.split()
    if ImageChops.difference(red, green).getbbox() is None and ImageChops.difference(green, blue).getbbox() is None:
        return red
    return image


def find_boxes(stored: StoredRecord, cache: Path, page: int, values: dict[str, str]) -> list[Box]:
    """Where each field's value is written on the page, found in the PDF's text (glyph boxes); a scan has none."""
    pdf = source_pdf(stored, cache)
    if pdf is None:
        return []
    boxes: list[Box] = []
    document = pdfium.PdfDocument(pdf)
    try:
        if not 1 <= page <= len(document):
            return []
        sheet = document[page - 1]
        width, height = sheet.get_size()
        text = sheet.get_textpage()
        for field, value in values.items():
            needle = " ".join(str(value).split())[:60]
            if len(needle) < 4:  # a short value (a digit, a tick) would light up half the page
                continue
            searcher = text.search(needle, match_case=False)
            found = searcher.get_next()
            searcher.close()
            if not found:
                continue
            start, count = found
            for left, bottom, right, top in _rects(text, start, count):
                boxes.append(Box(field, 100 * left / width, 100 * (height - top) / height,
                                 100 * (right - left) / width, 100 * (top - bottom) / height))
        text.close()
    finally:
        document.close()
    return boxes


def _rects(text: pdfium.PdfTextPage, start: int, count: int) -> list[tuple[float, float, float, float]]:
    n = text.count_rects(start, count)
    return [text.get_rect(i) for i in range(n)]


__all__ = ["Box", "PageImageError", "find_boxes", "page_count", "page_png", "source_pdf"]
