"""The OCR reader: scanned and photographed pages (PDF pages, image files, ZIPs of photos) → Document blocks."""

from __future__ import annotations

import multiprocessing
import os
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

import cv2
import numpy as np

from pipeline import settings
from pipeline.document import Block, Document, number_blocks
from pipeline.errors import UnreadableFileError
from pipeline.readers.ocr.columns import reread_columns
from pipeline.readers.ocr.digits import reread_digit_words
from pipeline.readers.ocr.frames import load_page, register_heif, zip_members
from pipeline.readers.ocr.grid import MARK_SHARE, PixelGrid, find_grids, find_tick_boxes, line_masks, ruling_strokes
from pipeline.readers.ocr.image import clean, is_blank
from pipeline.readers.ocr.layout import page_blocks
from pipeline.readers.ocr.lone_marks import respell_lone_marks
from pipeline.readers.ocr.lost_marks import reread_lost_marks
from pipeline.readers.ocr.orientation import read_upright
from pipeline.readers.ocr.photo import PhotoUnreadableError
from pipeline.readers.ocr.reread import reread_suspects
from pipeline.readers.ocr.sara_am import respell_sara_am
from pipeline.readers.ocr.stack import Placement, moved, placement_of, stack_crops
from pipeline.readers.ocr.tesseract import OcrTimeout, OcrUnavailable, Word, run_tesseract
from pipeline.readers.ocr.upper_vowels import respell_upper_vowels

DPI = 300.0
DEFAULT_PAGE_TIMEOUT_S = 60.0
REREAD_SHARE = 0.5  # a page whose Tesseract hangs still stops within twice its time limit
BLANK_PAGE_EN = "page {number} is blank: nothing is written or printed on it"
BLANK_PAGE_TH = "หน้า {number} เป็นหน้าว่าง ไม่มีข้อความใด ๆ"


def page_timeout() -> float:
    """The per-page OCR time limit in seconds (setting ``PIPELINE_OCR_PAGE_TIMEOUT_S``)."""
    return settings.current().ocr_page_timeout_s


def workers() -> int:
    """Worker processes for a document's pages: one per core, at most two; none inside a daemon process
    (a multiprocessing pool's worker may not start children)."""
    if multiprocessing.current_process().daemon:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


# --------------------------------------------------------------------------- one page
def _reread_timeout(timeout: float, started: float) -> float:
    """What a second reading of part of a page may take: what is left of the page's time, but never under
    ``REREAD_SHARE`` of it. A reread takes a second or two; with only what is left, a main run slowed by a busy
    machine left it too little, the reread was skipped, and the same file read differently under load."""
    return max(timeout * REREAD_SHARE, timeout - (time.monotonic() - started))


def read_page_image(image: np.ndarray, dpi: float, page: int, timeout: float, *, scan: bool = False,
                    flat: np.ndarray | None = None) -> list[Block]:
    """One page image → its blocks (may raise OcrTimeout). A scan's lines that lost a mark stacked over an upper
    vowel are read again (``lost_marks``), a ั whose glyph is an arc is respelled (``upper_vowels``), and a mark
    lost over a letter read bare is put back from its glyph (``sara_am``, ``lone_marks``); a photo's are not: its
    page has 3 s, and its rows were found better left as Tesseract reads them (OCR.md, seventeenth to twentieth
    rounds). ``flat``: the page's flattened grey when already made (``image.clean``)."""
    cleaned = clean(image, dpi, flat)
    strokes = ruling_strokes(cleaned.flat, dpi)  # one threshold for the ruling lines and the short separators
    horizontal, vertical = line_masks(cleaned.flat, dpi, strokes)
    rules = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((5, 5), np.uint8))
    text_ink = cv2.bitwise_and(cleaned.ink, cv2.bitwise_not(rules))
    grids = find_grids(horizontal, vertical, cleaned.flat, text_ink, dpi, cleaned.shade, strokes)
    boxes = find_tick_boxes(text_ink, dpi)
    # What Tesseract reads: no ruling lines or underlines, no shaded cells, no tick boxes (read from pixels).
    ocr_image = cleaned.grey.copy()
    ocr_image[rules > 0] = 255
    for grid in grids:
        for cell in grid.cells:
            if cell.dark:  # keep only what is clearly darker than the shading: text on a grey header
                x0, y0, x1, y1 = cell.box
                inside = cleaned.flat[y0:y1, x0:x1]
                ocr_image[y0:y1, x0:x1] = np.where(inside < cell.tone - 60, inside, 255)
    for box in boxes:
        x0, y0, x1, y1 = box.box
        ocr_image[max(0, y0 - 2):y1 + 2, max(0, x0 - 2):x1 + 2] = 255
    composite, placements = _stack_cells(ocr_image, grids, dpi)
    started = time.monotonic()
    words = _unstack(run_tesseract(composite, dpi, timeout), placements, ocr_image.shape[0])
    words = reread_columns(words, grids, ocr_image, dpi, _reread_timeout(timeout, started))
    words = reread_suspects(words, ocr_image, dpi, _reread_timeout(timeout, started))
    if scan:
        words = reread_lost_marks(words, ocr_image, dpi, _reread_timeout(timeout, started))
        words = respell_upper_vowels(words, ocr_image)
        words = respell_sara_am(words, ocr_image)
        words = respell_lone_marks(words, ocr_image)
    words = reread_digit_words(words, ocr_image)
    return page_blocks(words, grids, boxes, page, dpi, ocr_image)


def _stack_cells(image: np.ndarray, grids: list[PixelGrid], dpi: float) -> tuple[np.ndarray, list[Placement]]:
    """The page with its tables blanked, and below it every table cell that holds ink, one under another.

    Read in place, a table row is one long line to Tesseract and the short words of narrow cells (ที่สุด,
    น้อย) come out as English; each cell on its own reads as well as body text, and one Tesseract run
    for the whole page costs far less than one per cell. Each placement is (top, bottom, dx, dy): a word
    found between top and bottom of the composite is moved by (dx, dy) back to its cell.
    """
    page = image.copy()
    crops: list[tuple[np.ndarray, int, int]] = []
    inset = max(3, int(dpi / 50))  # off the ruling line and its blur
    for grid in grids:
        x0, y0, x1, y1 = grid.box
        page[y0:y1 + 1, x0:x1 + 1] = 255
        for cell in grid.cells:
            cx0, cy0, cx1, cy1 = cell.box
            crop = image[cy0 + inset:cy1 - inset, cx0 + inset:cx1 - inset]
            if crop.size and cell.ink >= MARK_SHARE and not cell.dark:
                crops.append((crop, cx0 + inset, cy0 + inset))
    if not crops:
        return image, []
    return stack_crops(crops, gap=int(dpi * 0.25), margin=int(dpi * 0.3), base=page)


def _unstack(words: list[Word], placements: list[Placement], page_height: int) -> list[Word]:
    """Words of the composite back at their places on the page; line keys made distinct per cell."""
    out = []
    for word in words:
        if (word.top + word.bottom) / 2 < page_height:
            out.append(word)
            continue
        n = placement_of(word, placements, slack=4)
        if n is not None:
            block, par, line = word.line_key
            out.append(moved(word, placements[n], (10_000 + n, block * 100 + par, line)))
    return out


class PageResult(NamedTuple):
    """One page as a worker read it: its blocks and warnings, whether it was blank, and (sent back as text: an
    exception's Thai message does not survive pickling) why a person could not read it either."""

    number: int
    blocks: list[Block]
    warnings: list[str]
    blank: bool = False
    refusal: tuple[str, str] | None = None


def _job(args: tuple[str, str, int, float]) -> PageResult:
    """Worker: one page of a PDF, image file or ZIP of photos."""
    kind, path, index, timeout = args
    number = index + 1
    try:
        image, photo, turned, ink = load_page(kind, path, index)
        if is_blank(image):
            return PageResult(number, [], [f"{BLANK_PAGE_EN.format(number=number)} — "
                                           f"{BLANK_PAGE_TH.format(number=number)}"], blank=True)
        blocks, _turn = read_upright(image, lambda page, flat=None: read_page_image(page, DPI, number, timeout,
                                                                                    scan=not photo, flat=flat),
                                     turned, probe=photo, ink=ink)
        return PageResult(number, blocks, [])
    except OcrTimeout as err:
        return PageResult(number, [], [f"page {number}: {err.message_en}; the page was not read — {err.message_th}"])
    except PhotoUnreadableError as err:
        return PageResult(number, [], [], refusal=(err.message_en, err.message_th or ""))


def _run(jobs: list[tuple[str, str, int, float]], where: str) -> list[PageResult]:
    """The jobs' pages, in parallel; PhotoUnreadableError naming the first page a person could not read."""
    if len(jobs) <= 1 or workers() == 1:
        results = [_job(job) for job in jobs]
    else:
        with ProcessPoolExecutor(max_workers=min(workers(), len(jobs))) as pool:
            results = list(pool.map(_job, jobs))
    for result in results:
        if result.refusal is not None:
            raise PhotoUnreadableError(f"page {result.number}: {result.refusal[0]}",
                                       f"หน้า {result.number}: {result.refusal[1]}", where=where)
    return results


# --------------------------------------------------------------------------- public
def ocr_pdf_pages(path: str | Path, numbers: list[int], warnings: list[str],
                  blank: set[int] | None = None) -> dict[int, list[Block]]:
    """OCR the given pages (1-based) of a PDF; a page stopped by the time limit gives no blocks and a warning,
    a blank one no blocks, its warning, and its number added to ``blank``."""
    timeout = page_timeout()
    try:
        results = _run([("pdf", str(path), n - 1, timeout) for n in numbers], str(path))
    except OcrUnavailable as err:
        raise UnreadableFileError(err.message_en, err.message_th, where=str(path)) from err
    out: dict[int, list[Block]] = {}
    for result in results:
        out[result.number] = result.blocks
        warnings.extend(result.warnings)
        if blank is not None and result.blank:
            blank.add(result.number)
    return out


def image_frames(path: Path) -> int:
    from PIL import Image

    register_heif()
    with Image.open(path) as img:
        return getattr(img, "n_frames", 1)


def read_image(path: str | Path, *, zipped: bool = False) -> Document:
    """A JPG, PNG, TIFF or HEIC (every frame a page), or a ZIP of such photos (one page each, in name order),
    read by OCR into a Document of format "scan"."""
    path = Path(path)
    try:
        frames = len(zip_members(path)) if zipped else image_frames(path)
    except (OSError, SyntaxError, zipfile.BadZipFile) as err:
        raise UnreadableFileError(f"not a readable image: {err}", "ไฟล์ภาพเสียหายหรืออ่านไม่ได้",
                                  where=str(path)) from err
    if not frames:
        raise UnreadableFileError("the ZIP holds no form and no photo of one: send the form as a Word .docx, "
                                  "a PDF, or photos (JPG, PNG, HEIC)",
                                  "ไฟล์ ZIP ไม่มีแบบฟอร์มหรือภาพถ่ายแบบฟอร์ม กรุณาส่งเป็นไฟล์ Word (.docx) PDF "
                                  "หรือภาพถ่าย (JPG, PNG, HEIC)", where=str(path))
    doc = Document(blocks=[], source=str(path), format="scan", pages=frames)
    timeout = page_timeout()
    kind = "zip" if zipped else "image"
    try:
        results = _run([(kind, str(path), n, timeout) for n in range(frames)], str(path))
    except OcrUnavailable as err:
        raise UnreadableFileError(err.message_en, err.message_th, where=str(path)) from err
    if all(result.blank for result in results):
        raise UnreadableFileError("the image is blank: nothing is written or printed on it; send a photo or "
                                  "scan of the filled-in form",
                                  "ภาพว่างเปล่า ไม่มีข้อความหรือแบบฟอร์มในภาพ กรุณาส่งภาพถ่ายหรือภาพสแกนของแบบฟอร์มที่กรอกแล้ว",
                                  where=str(path))
    for result in sorted(results, key=lambda r: r.number):
        number_blocks(result.number, result.blocks)
        doc.blocks += result.blocks
        doc.warnings += result.warnings
    return doc


__all__ = ["number_blocks", "ocr_pdf_pages",
           "page_timeout", "read_image", "read_page_image"]
