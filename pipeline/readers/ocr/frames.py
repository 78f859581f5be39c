"""Page images out of files: PDF pages, image frames (EXIF orientation honoured, HEIC), photos in a ZIP; photos flattened."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import NamedTuple

import cv2
import numpy as np

from pipeline.readers.ocr.image import descreen
from pipeline.readers.ocr.orientation import level_page
from pipeline.readers.ocr.photo import looks_like_photo, prepare_photo, work_copy

DPI = 300.0
A4_WIDTH_IN = 8.27
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".heic", ".heif", ".webp", ".bmp", ".gif")


def register_heif() -> None:
    """Let Pillow open HEIC/HEIF (what iPhones save)."""
    try:
        import pillow_heif
    except ModuleNotFoundError:  # without it a HEIC is refused by Pillow as an unknown image
        return
    pillow_heif.register_heif_opener()


def zip_members(path: str | Path) -> list[str]:
    """The images in a ZIP of photos, in name order (directories, hidden and other files left out)."""
    with zipfile.ZipFile(path) as package:
        names = [info.filename for info in package.infolist() if not info.is_dir()]
    return sorted((n for n in names if Path(n).suffix.lower() in IMAGE_SUFFIXES
                   and not Path(n).name.startswith(".") and "__MACOSX" not in n), key=str.lower)


def open_grey(source: str | Path | io.BytesIO, index: int) -> tuple[np.ndarray, float]:
    """A frame in grey, turned as its EXIF orientation says (before the grey conversion, which drops it); a
    black-and-white (1-bit) frame descreened."""
    from PIL import Image, ImageOps

    register_heif()
    with Image.open(source) as img:
        img.seek(index)
        dpi = float((img.info.get("dpi") or (0, 0))[0] or 0)
        frame = ImageOps.exif_transpose(img)
        bilevel = frame.mode == "1"
        grey = np.asarray(frame.convert("L"))
    return (descreen(grey, dpi if 50 <= dpi <= 1200 else DPI) if bilevel else grey), dpi


def _at_300_dpi(array: np.ndarray, dpi: float) -> np.ndarray:
    """A scan brought to 300 dpi (its own dpi, else from an A4 width)."""
    if dpi < 50 or dpi > 1200:
        dpi = array.shape[1] / A4_WIDTH_IN if array.shape[1] < array.shape[0] else array.shape[1] / 11.69
    if abs(dpi - DPI) > 20:
        factor = DPI / dpi
        array = cv2.resize(array, None, fx=factor, fy=factor,
                           interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)
    return array


def _render_pdf_page(path: str, index: int) -> np.ndarray:
    """The page at 300 dpi in grey; a page that is one black-and-white (1-bit) scan descreened."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(path)
    try:
        page = pdf[index]
        try:
            grey = page.render(scale=DPI / 72, grayscale=True).to_numpy()
            images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1))
            bilevel = len(images) == 1 and images[0].get_metadata().bits_per_pixel == 1
        finally:
            page.close()
    finally:
        pdf.close()
    return descreen(grey, DPI) if bilevel else grey


class LoadedPage(NamedTuple):
    """A page as loaded: grey at 300 dpi with its text lines level, whether it was a photo, whether it was turned
    a quarter, and its text ink when levelling made it (``orientation.level_page``: the up/down probe's)."""

    page: np.ndarray
    photo: bool
    turned: bool
    ink: np.ndarray | None


def load_page(kind: str, path: str, index: int) -> LoadedPage:
    """Page ``index`` of a ``pdf``, ``image`` or ``zip`` (of photos) as a grey page at 300 dpi with its text
    lines level (whether it stands upside down is told by reading it: ``orientation.read_upright``), whether
    it was a photo, and whether it was turned a quarter (PhotoUnreadableError when a photo is too small or
    blurred to read)."""
    where = f"{path} page {index + 1}"
    if kind == "pdf":
        grey, dpi = _render_pdf_page(path, index), DPI
    elif kind == "zip":
        with zipfile.ZipFile(path) as package:
            data = package.read(zip_members(path)[index])
        grey, dpi = open_grey(io.BytesIO(data), 0)
    else:
        grey, dpi = open_grey(path, index)
    small = work_copy(grey)  # told a photo and, if one, its page found in the same small copy
    photo = looks_like_photo(grey, small)
    if photo:
        page = prepare_photo(grey, where, small).grey
    else:
        page = grey if kind == "pdf" else _at_300_dpi(grey, dpi)
    page, turned, ink = level_page(page)
    return LoadedPage(page, photo, turned, ink)


__all__ = ["IMAGE_SUFFIXES", "LoadedPage", "load_page", "open_grey", "register_heif", "zip_members"]
