"""Thai digits read again from their pixels, glyph by glyph, against the fonts' digits: words and table columns."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import cv2
import numpy as np

from pipeline.document import Cell, Table
from pipeline.readers.ocr.tesseract import Word

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
RASTER = 24
NARROW = 0.45  # width/height under which an ink blot is a bracket or a stroke, not a Thai digit
MIN_MATCH = 0.6  # the weakest glyph's correlation a reading needs to replace Tesseract's
SCRAP = 3  # letters: a cell this short in a number column may be a count misread as Thai letters (เคง)
COLUMN_SHARE = 0.6  # share of a column's filled body cells that must read as Thai numbers
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"),
             str(Path.home() / ".local/share/fonts"))
# Slanted, monospaced and hand-lettered faces: their digits are not what a form prints.
_SKIP_FACES = re.compile(r"oblique|italic|mono|typewriter|typist|purisa", re.IGNORECASE)
_THAI_LETTERS = re.compile("[\u0e01-\u0e2e]")
_THAI_DIGIT = re.compile("[๐-๙]")
_BRACKETED_DIGITS = re.compile(r"([(\[]?)([๐-๙]+)([)\]]?)")  # "๒๕๖๘", "(๔)": a year, a level's number


def _raster(mask: np.ndarray) -> tuple[np.ndarray, float]:
    """A glyph's ink (cropped to its box) centred in a square, as a unit vector; and its width/height ratio."""
    ys, xs = np.nonzero(mask)
    glyph = mask[ys.min():ys.max() + 1, xs.min():xs.max() + 1].astype(np.float32)
    h, w = glyph.shape
    side = max(h, w)
    square = np.zeros((side, side), np.float32)
    square[(side - h) // 2:(side - h) // 2 + h, (side - w) // 2:(side - w) // 2 + w] = glyph
    vector = cv2.resize(square, (RASTER, RASTER), interpolation=cv2.INTER_AREA).ravel()
    vector -= vector.mean()
    return vector / (float(np.linalg.norm(vector)) or 1.0), w / h


def _font_files() -> list[Path]:
    found: list[Path] = []
    for root in FONT_DIRS:
        base = Path(root)
        if base.is_dir():
            found += [p for p in base.rglob("*") if p.suffix.lower() in (".ttf", ".otf") and not _SKIP_FACES.search(p.name)]
    return sorted(found)


@cache
def templates() -> tuple[np.ndarray, np.ndarray, str]:
    """(vectors, ratios, digits) of every Thai digit in every upright font that has them (empty without one)."""
    from PIL import Image, ImageDraw, ImageFont

    vectors, ratios, digits = [], [], []
    for path in _font_files():
        try:
            font = ImageFont.truetype(str(path), 64)
        except OSError:
            continue
        glyphs = []
        for digit in THAI_DIGITS:
            image = Image.new("L", (128, 128), 0)
            ImageDraw.Draw(image).text((24, 8), digit, font=font, fill=255)
            glyphs.append(np.asarray(image, np.float32) / 255.0)
        if any(g.sum() < 20 for g in glyphs) or all(np.array_equal(glyphs[0], g) for g in glyphs[1:]):
            continue  # no Thai digits: blank or the same "missing glyph" box for all ten
        for digit, glyph in zip(THAI_DIGITS, glyphs, strict=True):
            for blur in (0.0, 3.0):
                soft = (cv2.GaussianBlur(glyph, (0, 0), blur) if blur else glyph) > 0.5
                if soft.sum() < 20:
                    continue
                vector, ratio = _raster(soft)
                vectors.append(vector)
                ratios.append(ratio)
                digits.append(digit)
    if not vectors:
        return np.zeros((0, RASTER * RASTER), np.float32), np.zeros(0, np.float32), ""
    return np.stack(vectors), np.array(ratios, np.float32), "".join(digits)


def read_digits(crop: np.ndarray) -> tuple[str, float] | None:
    """The Thai digits in a grey cell image, left to right, and the weakest glyph's match (0–1); None when it
    holds no glyph or no templates exist. Specks and dots (a decimal point) are left out."""
    vectors, ratios, digits = templates()
    if not digits or crop.size == 0 or int(crop.min()) > 160:
        return None
    level, _ = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = (crop < level).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink)
    parts = [i for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] > 15]
    if not parts:
        return None
    tallest = max(stats[i, cv2.CC_STAT_HEIGHT] for i in parts)
    # Thai digits are about as wide as tall: brackets, strokes and line remnants are far narrower.
    parts = sorted((i for i in parts if stats[i, cv2.CC_STAT_HEIGHT] > 0.45 * tallest
                    and stats[i, cv2.CC_STAT_WIDTH] >= NARROW * stats[i, cv2.CC_STAT_HEIGHT]),
                   key=lambda i: stats[i, cv2.CC_STAT_LEFT])
    if not parts:
        return None
    text, weakest = "", 1.0
    for i in parts:
        vector, ratio = _raster(labels == i)
        scores = vectors @ vector - 0.5 * np.abs(np.log(ratios / ratio))
        best = int(np.argmax(scores))
        text += digits[best]
        weakest = min(weakest, float(vectors[best] @ vector))
    return text, weakest


def reread_digit_words(words: list[Word], image: np.ndarray) -> list[Word]:
    """Words Tesseract read as Thai digits, bracketed or not (a year, a count, a level's "(๔)"), read again
    glyph by glyph from their box; a word whose glyphs do not all match a digit well keeps its reading."""
    out = []
    for word in words:
        bracketed = _BRACKETED_DIGITS.fullmatch(word.text)
        if bracketed:
            pad = max(2, (word.bottom - word.top) // 8)
            crop = image[max(0, word.top - pad):word.bottom + pad, max(0, word.left - pad):word.right + pad]
            found = read_digits(crop)
            if found is not None and found[1] >= MIN_MATCH and len(found[0]) <= len(bracketed.group(2)) + 1:
                word = replace(word, text=bracketed.group(1) + found[0] + bracketed.group(3))
        out.append(word)
    return out


def _filled_cells(table: Table, k: int) -> list[Cell]:
    """The filled cells of grid column ``k`` that stand in that column alone (no cell merged across it)."""
    return [row[k] for row in table.rows if k < len(row) and row.count(row[k]) == 1 and row[k].text.strip()]


def _thai_number_columns(table: Table) -> list[int]:
    """Grid columns of Thai numbers: most filled body cells hold no Thai letters (misread digits come out as
    Latin scraps: ``ol``, ``loon``) and a good share read as Thai digits already (a table's
    last row carried to the next page may be all there is)."""
    width = max((len(row) for row in table.rows), default=0)
    columns = []
    for k in range(width):
        cells = [cell.text.strip() for cell in _filled_cells(table, k)]
        bare = [t for t in cells if not _THAI_LETTERS.search(t) and "." not in t]
        digits = [t for t in bare if _THAI_DIGIT.search(t)]
        if digits and len(bare) >= COLUMN_SHARE * len(cells) and len(digits) >= 0.4 * len(cells):
            columns.append(k)
    return columns


def reread_thai_numbers(table: Table, boxes: dict[int, tuple[int, int, int, int]], image: np.ndarray,
                        inset: int) -> None:
    """Cells of the table's Thai-number columns read again glyph by glyph (``boxes``: id(cell) → pixel box);
    a cell with more than a scrap of Thai letters (a header), a decimal point (an average) or a glyph that matches no digit well keeps Tesseract's reading."""
    for k in _thai_number_columns(table):
        for row in table.rows:
            if k >= len(row) or row.count(row[k]) != 1:
                continue
            cell: Cell = row[k]
            box = boxes.get(id(cell))
            text = re.sub(r"\s", "", cell.text)
            if box is None or not text or len(text) > SCRAP and _THAI_LETTERS.search(text) or "." in text:
                continue
            x0, y0, x1, y1 = box
            found = read_digits(image[y0 + inset:y1 - inset, x0 + inset:x1 - inset])
            if found is not None and found[1] >= MIN_MATCH:
                cell.text = found[0]


# What the engine reads for an Arabic digit in a number cell: 7 as a slash (27 → 2/), 1 as l, I or a bar, 0 as O.
_LOOKALIKES = str.maketrans({"/": "7", "l": "1", "I": "1", "|": "1", "O": "0", "o": "0"})
_LOOKALIKE_NUMBER = re.compile(r"(?=.*[/lI|Oo])(?=.*[0-9])[0-9/lI|Oo]{2,}")
_INTEGER = re.compile(r"[0-9]+")


def mend_arabic_numbers(table: Table) -> None:
    """In a column of whole Arabic numbers (most filled body cells), a cell of digits and look-alikes read
    as the number it shows: "2/" → "27", "l2" → "12" (a count never holds a slash or a letter)."""
    width = max((len(row) for row in table.rows), default=0)
    for k in range(width):
        cells = _filled_cells(table, k)
        whole = [c for c in cells if _INTEGER.fullmatch(c.text.strip())]
        if len(whole) < max(2, COLUMN_SHARE * len(cells)):
            continue
        for cell in cells:
            text = cell.text.strip()
            if _LOOKALIKE_NUMBER.fullmatch(text):
                cell.text = text.translate(_LOOKALIKES)


__all__ = ["mend_arabic_numbers", "read_digits", "reread_digit_words", "reread_thai_numbers", "templates"]
