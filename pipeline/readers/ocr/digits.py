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
TOUCHING = 1.7  # width/height over which an ink blot may be digits run together by blur (๓ is up to 1.6)
DARKER = (30, 60)  # grey levels under Otsu's threshold at which the ink is also cut
SURE_MATCH = 0.75  # the weakest glyph's correlation a run's reading with one digit fewer than its words needs
MIN_MATCH = 0.6  # the weakest glyph's correlation a reading needs to replace Tesseract's
SCRAP = 3  # letters: a cell this short in a number column may be a count misread as Thai letters (เคง)
COLUMN_SHARE = 0.6  # share of a column's filled body cells that must read as Thai numbers
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"),
             str(Path.home() / ".local/share/fonts"))
# Slanted, monospaced and hand-lettered faces: their digits are not what a form prints.
_SKIP_FACES = re.compile(r"oblique|italic|mono|typewriter|typist|purisa", re.IGNORECASE)
_THAI_LETTERS = re.compile("[\u0e01-\u0e2e]")
_THAI_DIGIT = re.compile("[๐-๙]")
_PLAIN_DIGITS = re.compile("[๐-๙]+")
_ARABIC_NUMBER = re.compile(r"[0-9][0-9,]*")
_BRACKETED_DIGITS = re.compile(r"([(\[]?)([๐-๙]+)([)\]]?)")  # "๒๕๖๘", "(๔)": a year, a level's number
# Symbols Tesseract reads for a Thai digit it lacks (๙๐ as «๐, ๑ as ©): a word of them with a Thai digit, or
# one alone, is read again glyph by glyph too.
_DIGIT_LOOKALIKES = re.compile("(?=.*[๐-๙])[๐-๙«»©®@]{2,}|[«»©®]")


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


def read_digits(crop: np.ndarray, core: tuple[int, int] | None = None) -> tuple[str, float] | None:
    """The Thai digits in a grey cell image, left to right, and the weakest glyph's match (0–1); None when it
    holds no glyph or no templates exist. Specks and dots (a decimal point) are left out. Blurred print runs
    digits together at the usual threshold (๒๕๖๘ as two blots): the ink is also cut darker, and the reading
    whose weakest glyph matches best is kept if it has no fewer digits. With ``core`` (a column range of the
    crop), only the glyphs a third or more within it: a word's box may cut its first or last glyph, so it is
    read from a wider crop."""
    _, _, digits = templates()
    if not digits or crop.size == 0 or int(crop.min()) > 160:
        return None
    level, _ = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    usual = _read_at(crop, level, core)
    if usual is None:
        return None
    # a darker cut may part digits blur ran together, never lose one (a faint ๐ fades first)
    readings = [usual] + [found for darker in DARKER if (found := _read_at(crop, level - darker, core)) is not None
                          and len(found[0]) >= len(usual[0])]
    return max(readings, key=lambda found: found[1])


def _read_at(crop: np.ndarray, level: float, core: tuple[int, int] | None) -> tuple[str, float] | None:
    """The digits of the ink darker than ``level`` (``read_digits``)."""
    ink = (crop < level).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink)
    parts = [i for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] > 15 and (
        core is None or _inside(stats[i, 0], stats[i, 0] + stats[i, 2], core))]
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
        x, y, w, h = stats[i, :4]
        for digit, match in _read_glyphs(labels[y:y + h, x:x + w] == i, tallest):
            text += digit
            weakest = min(weakest, match)
    return text, weakest


def _inside(left: int, right: int, core: tuple[int, int]) -> bool:
    """Whether a glyph lies in good part (a third) within the word box's columns: a digit the box cut is, a
    letter printed against the number that the box only touches (ครบ๓๐) is not."""
    return min(right, core[1]) - max(left, core[0]) >= 0.3 * (right - left)


def _read_glyphs(mask: np.ndarray, height: int) -> list[tuple[str, float]]:
    """One blot of ink read as one digit or, when wider than a digit, as the digits it splits into at its
    thinnest column (blurred print runs digits together) if each of them matches better than the whole."""
    whole = _match(mask)
    width = mask.shape[1]
    low, high = int(0.45 * height), width - int(0.45 * height)
    if width < TOUCHING * height or high <= low:
        return [whole]
    cut = low + int(np.argmin(mask[:, low:high].sum(axis=0)))
    pieces = [_ink(mask[:, :cut]), _ink(mask[:, cut:])]
    if any(piece is None for piece in pieces):
        return [whole]
    split = [glyph for piece in pieces for glyph in _read_glyphs(piece, height)]  # type: ignore[arg-type]
    return split if min(match for _, match in split) > whole[1] else [whole]


def _ink(mask: np.ndarray) -> np.ndarray | None:
    """A mask cropped to its ink; None when it holds too little to be a glyph."""
    if mask.sum() <= 15:
        return None
    ys, xs = np.nonzero(mask)
    return mask[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def _match(mask: np.ndarray) -> tuple[str, float]:
    """The digit whose templates best match one glyph's ink, and how well (correlation, 0–1)."""
    vectors, ratios, digits = templates()
    vector, ratio = _raster(mask)
    scores = vectors @ vector - 0.5 * np.abs(np.log(ratios / ratio))
    best = int(np.argmax(scores))
    return digits[best], float(vectors[best] @ vector)


def reread_digit_words(words: list[Word], image: np.ndarray) -> list[Word]:
    """Words Tesseract read as Thai digits, bracketed or not (a year, a count, a level's "(๔)"), read again
    glyph by glyph from their box; a word whose glyphs do not all match a digit well keeps its reading.
    Digit words side by side on a line are read again as one: Tesseract's Thai model lacks some digits and
    cuts a number such as ๒๕๖๘ into words whose boxes split its glyphs (``_digit_runs``)."""
    out: list[Word] = []
    for run in _digit_runs(words):
        if len(run) > 1:
            joined = _reread_run(run, image)
            if joined is not None:
                out.append(joined)
                continue
        out.extend(_reread_word(word, image) for word in run)
    return out


def _reread_word(word: Word, image: np.ndarray) -> Word:
    """One word of Thai digits (or of the symbols read for them) read again glyph by glyph from its box."""
    if _DIGIT_LOOKALIKES.fullmatch(word.text) and not _PLAIN_DIGITS.fullmatch(word.text):
        found = read_digits(*_crop(image, word.left, word.top, word.right, word.bottom))
        if found is not None and found[1] >= SURE_MATCH and len(found[0]) == len(word.text):
            return replace(word, text=found[0])
        return word
    bracketed = _BRACKETED_DIGITS.fullmatch(word.text)
    if bracketed:
        found = read_digits(*_crop(image, word.left, word.top, word.right, word.bottom))
        if found is not None and found[1] >= MIN_MATCH and len(found[0]) <= len(bracketed.group(2)) + 1:
            word = replace(word, text=bracketed.group(1) + found[0] + bracketed.group(3))
    return word


def _reread_run(run: list[Word], image: np.ndarray) -> Word | None:
    """Digit words side by side read as one number from their joint box; None when a glyph matches no digit
    well or the glyphs are fewer than the words (one fewer is allowed when every glyph matches surely)."""
    left, top = min(w.left for w in run), min(w.top for w in run)
    right, bottom = max(w.right for w in run), max(w.bottom for w in run)
    found = read_digits(*_crop(image, left, top, right, bottom))
    # Fewer glyphs than words is a blot that hides digits (๘๘ for ๒๕๖๘), unless one fewer and each glyph
    # matches well: Tesseract also cuts one digit into two words (๖ as ๒ and ๐).
    if found is None or found[1] < MIN_MATCH or len(found[0]) < len(run) - (found[1] >= SURE_MATCH):
        return None
    return replace(run[0], text=found[0], left=left, top=top, right=right, bottom=bottom,
                   conf=min(w.conf for w in run))


def _crop(image: np.ndarray, left: int, top: int, right: int, bottom: int) -> tuple[np.ndarray, tuple[int, int]]:
    """A word box's crop, half its height wider on each side, and the box's own columns in it."""
    pad, wide = max(2, (bottom - top) // 8), (bottom - top) // 2
    x0 = max(0, left - wide)
    return image[max(0, top - pad):bottom + pad, x0:right + wide], (left - x0, right - x0)


def _digit_runs(words: list[Word]) -> list[list[Word]]:
    """The words in order, digit words side by side on one line (a gap under half their height) grouped."""
    runs: list[list[Word]] = []
    for word in words:
        digits = _PLAIN_DIGITS.fullmatch(word.text) is not None
        if runs and digits and _PLAIN_DIGITS.fullmatch(runs[-1][-1].text):
            last = runs[-1][-1]
            if last.line_key == word.line_key and word.left - last.right < 0.5 * (word.bottom - word.top):
                runs[-1].append(word)
                continue
        runs.append([word])
    return runs


# A number whose last digits came out as Thai letters run on to the first (๒๓ as ๒ตดา): no word starts so.
_MISREAD_TAIL = re.compile("[๐-๙]+[\u0e01-\u0e2e\u0e30-\u0e4e]{1,4}")


def _compact(text: str) -> str:
    return re.sub(r"\s", "", text)


def _filled_cells(table: Table, k: int) -> list[Cell]:
    """The filled cells of grid column ``k`` that stand in that column alone (no cell merged across it)."""
    return [row[k] for row in table.rows if k < len(row) and row.count(row[k]) == 1 and row[k].text.strip()]


def _thai_number_columns(table: Table, mark: str) -> list[int]:
    """Grid columns of Thai numbers: most filled body cells hold no Thai letters (misread digits come out as
    Latin scraps: ``ol``, ``loon``) and a good share read as Thai digits already (a table's
    last row carried to the next page may be all there is). A cell taken for a drawn ``mark`` is counted only in a
    column that holds a Thai digit too."""
    width = max((len(row) for row in table.rows), default=0)
    columns, scraps = [], []
    for k in range(width):
        filled = [cell.text.strip() for cell in _filled_cells(table, k)]
        cells = [text for text in filled if text != mark]
        # A count misread as a scrap of Thai letters (๓ as เจล) counts as bare, as it is read again below.
        bare = [t for t in cells if "." not in t and (not _THAI_LETTERS.search(t) or len(_compact(t)) <= SCRAP)]
        digits = [t for t in bare if _THAI_DIGIT.search(t) and not _THAI_LETTERS.search(t)]
        if digits:  # marks among Thai numbers are faint ๑s taken for ticks (a Gantt's tick column holds no digit)
            marks = [text for text in filled if text == mark]
            cells, bare = cells + marks, bare + marks
        if len(bare) < COLUMN_SHARE * len(cells) or not bare:
            continue
        if digits and len(digits) >= 0.4 * len(cells):
            columns.append(k)
        elif not any(_ARABIC_NUMBER.fullmatch(t) for t in bare):
            scraps.append(k)
    # Beside columns of Thai numbers, a column whose counts all came out as scraps and marks (a faint ๑ read
    # "6)" or taken for a tick, the survey's last level) is one too; a column of clean Arabic numbers is not.
    return sorted(columns + scraps) if columns else []


def reread_thai_numbers(table: Table, boxes: dict[int, tuple[int, int, int, int]], image: np.ndarray,
                        inset: int, mark: str = "") -> None:
    """Cells of the table's Thai-number columns read again glyph by glyph (``boxes``: id(cell) → pixel box);
    a cell with more than a scrap of Thai letters (a header), a decimal point (an average) or a glyph that
    matches no digit well keeps Tesseract's reading. A lone ๑ read so faintly that it was taken for a drawn
    ``mark`` is read again too."""
    for k in _thai_number_columns(table, mark):
        for row in table.rows:
            if k >= len(row) or row.count(row[k]) != 1:
                continue
            cell: Cell = row[k]
            box = boxes.get(id(cell))
            text = _compact(cell.text)
            if box is None or not text or len(text) > SCRAP and _THAI_LETTERS.search(text) \
                    and not _MISREAD_TAIL.fullmatch(text) or "." in text:
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
