"""OCR layout → Document blocks: words into lines, ruled tables and side-by-side columns, with confidences."""

from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np

from pipeline.document import Cell, Paragraph, Table
from pipeline.readers.ocr.digits import mend_arabic_numbers, reread_thai_numbers
from pipeline.readers.ocr.grid import MARK_INK, MARK_SHARE, PixelGrid, TickBox
from pipeline.readers.ocr.labels import repair_labels
from pipeline.readers.ocr.tesseract import Word
from pipeline.readers.ocr.thai_repair import repair_thai
from pipeline.readers.pdf.columns import COLUMN_GAP, TextRow, find_columns
from pipeline.thai import FISCAL_MONTHS, MONTH_ABBR, month_number

# A gap wider than this share of the line's letter height is a space. Tesseract's boxes for Thai letters
# stand up to ~0.45 apart inside a word and 0.5–1.0 apart between words; English words come whole and
# stand ~0.4 apart.
SPACE_GAP = 0.5
LATIN_SPACE_GAP = 0.25
TICK_READINGS = frozenset({"/", "v", "V", "✓", "✔", "J", "y", "Y", "√", "\\/", "W", "7"})
MARK = "✓"
BOX_GLYPHS = "☐☑"  # a tick box found in the pixels: its ink is the box, not a mark
# "3, การติดตามผล", "7,. งบ", "☑2,กรณี": an item number, after its tick box too
_ITEM_COMMA = re.compile(r"^(\s*[☐☑]?\s*\d+(?:\.\d+)*),\.?(?=\s|[\u0e01-\u0e2e])")
_THAI = re.compile("[\u0e01-\u0e2e]")
# Suspect Latin "words" in a Thai line: one letter, or up to four with a lower-case one (not QR, BKK).
_LATIN_SCRAP = re.compile(r"[A-Za-z]\.?|(?=[A-Z]*[a-z])[A-Za-z]{2,4}\.?")
SCRAP_CONF = 88.0  # real English words on the forms read at 93 or more; misread Thai ones mostly lower
# Separate bits of punctuation at the end of a line: leftovers of a dotted leader or a ruling line.
_STRAY_TAIL = re.compile(r"(?:\s+[|,;:'\"`~_]+)+\s*$")
EDGE_BAND = 0.045  # of the page's width: a side band no form text reaches (A4: 9.5 mm of its 20–30 mm margins)
EDGE_JUNK_CONF = 60.0  # a word there with more than two letters and this confidence is kept: it is text
_LETTERS = re.compile(r"[\u0e01-\u0e2eA-Za-z0-9\u0e50-\u0e59]")
_NO_WORD_START = re.compile("[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]")  # following vowels, tone marks: never a word's first
# A cell's own border read as a bar or a bracket at its text's edge (cells drawn apart: the border stands inside
# the grid line; a short month head's left border read "[ต.ค.", and no month row was found).
_BORDER_BARS = re.compile(r"^[|\[\]]+\s*|\s*[|\[\]]+$")
MARK_LINE = 0.55  # of the page's median letter height: a line whose letters are mostly smaller holds only marks
WORD_AMONG_MARKS, SURE_WORD_CONF = 3, 90.0  # letters and confidence of a word kept from such a line
APART_LETTERS = 8  # Thai letters of a line merging would drop: a line of text, not marks (as confidence.LOST_CONSONANTS)
SPECK = 0.4  # of a line's median box height: a box this small after the line's last letter is a speck
# Of the page's median box height: the boxes whose feet set a line's foot. Tesseract at times puts the next line's
# marks into a short line as scraps and stretches letters' boxes down over them; their feet are not the line's.
FOOT_BAND = (0.5, 1.5)
MARK_AS_TEXT = 0.5  # a cell's one or two characters read below this confidence, over a mark's ink, are the mark
SHORT_CELL = 24  # a table cell with no more letters than this, over several lines, is read as one phrase
_DASH = re.compile(r"[-–—]+")  # stands at mid-height, above the letters' feet, and is text
_ITEM_NUMBER = re.compile(r"[\d\u0e50-\u0e59]{1,2}")
MONTH_RUN = 3  # a table row with this many month names in fiscal order is the Gantt's month header (a photo may show only three readable)
_YEAR_AFTER = re.compile(r"[\s/]+([\d\u0e50-\u0e59]{2}|[\d\u0e50-\u0e59]{4})\s*$")


@dataclass
class OcrParagraph(Paragraph):
    """A text line read by OCR, with how sure the reading is (0–1) and its words' own confidences."""

    confidence: float = 1.0
    words: tuple[tuple[str, float], ...] = ()  # (word, confidence 0–1): the weakest word of a value shows


@dataclass
class OcrCell(Cell):
    """A table cell read by OCR, with how sure the reading is (0–1) and its words' own confidences."""

    confidence: float = 1.0
    words: tuple[tuple[str, float], ...] = ()


@dataclass
class _Line:
    words: list[Word]

    @property
    def top(self) -> int:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> int:
        return max(w.bottom for w in self.words)

    @property
    def left(self) -> int:
        return min(w.left for w in self.words)


def page_blocks(words: list[Word], grids: list[PixelGrid], boxes: list[TickBox], page: int,
                dpi: float, image: np.ndarray | None = None) -> list[Paragraph | Table]:
    """One page's blocks top to bottom: text lines, ruled tables and borderless two-column tables. With the
    page ``image``, columns of Thai numbers are read again glyph by glyph (``ocr_digits``)."""
    words = _with_tick_boxes(_without_mark_lines(words), boxes)
    if image is not None:
        words = _without_edge_junk(words, image.shape[1])
    free, in_cells = _outside_grids(words, grids)
    placed: list[tuple[int, Paragraph | Table]] = []
    rows = _rows(free)
    em = statistics.median([w.height for w in words]) if words else None
    in_columns: set[int] = set()
    for first, last, bounds in _column_blocks(rows, free, dpi):
        block_rows = rows[first:last + 1]
        placed.append((block_rows[0].top, _borderless(block_rows, bounds, page, em)))
        in_columns.update(range(first, last + 1))
    for n, line in enumerate(rows):
        if n not in in_columns:
            text, conf = _line_text(line.words, em)
            if text:
                placed.append((line.top, OcrParagraph(text, page=page, confidence=conf, words=word_scores(line.words))))
    for grid, cell_words in zip(grids, in_cells, strict=True):
        table = _table(grid, cell_words, page, em)
        if image is not None:
            cells = list({id(c): c for row in table.rows for c in row}.values())
            boxes = {id(cell): spec.box for cell, spec in zip(cells, grid.cells, strict=True)}
            reread_thai_numbers(table, boxes, image, max(3, int(dpi / 50)), mark=MARK)
        mend_arabic_numbers(table)
        placed.append((grid.ys[0], table))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _outside_grids(words: list[Word], grids: list[PixelGrid]) -> tuple[list[Word], list[dict[int, list[Word]]]]:
    """The words outside every ruled table, and each table's words by cell."""
    free: list[Word] = []
    in_cells: list[dict[int, list[Word]]] = [{} for _ in grids]
    for word in words:
        for n, grid in enumerate(grids):
            cell = grid.locate(word.cx, word.cy)
            if cell is not None:
                in_cells[n].setdefault(cell, []).append(word)
                break
        else:
            free.append(word)
    return free, in_cells


def _column_blocks(rows: list[_Line], free: list[Word], dpi: float) -> list[tuple[int, int, list[float]]]:
    """Borderless tables among the rows: (first row, last row, gutters in pixels) of each."""
    em = statistics.median([w.height for w in free]) if free else dpi / 6
    text_rows = [TextRow(-line.bottom * 72 / dpi, em / 0.7 * 72 / dpi, _segments(line, em, dpi)) for line in rows]
    out = []
    for block in find_columns(text_rows):
        bounds = [b * dpi / 72 for b in block.bounds]
        if not _splits_words(rows[block.first:block.last + 1], bounds):
            out.append((block.first, block.last, bounds))
    return out


def column_boxes(words: list[Word], grids: list[PixelGrid], dpi: float) -> list[tuple[int, int, int, int]]:
    """The box (left, top, right, bottom) of the words of each column of each borderless table on the page."""
    free, _ = _outside_grids(words, grids)
    rows = _rows(free)
    boxes = []
    for first, last, bounds in _column_blocks(rows, free, dpi):
        columns: list[list[Word]] = [[] for _ in range(len(bounds) + 1)]
        for row in rows[first:last + 1]:
            for word in row.words:
                if _LETTERS.search(word.text):  # a speck's box would widen the column
                    columns[bisect_right(bounds, word.cx)].append(word)
        boxes += [(min(w.left for w in ws), min(w.top for w in ws), max(w.right for w in ws), max(w.bottom for w in ws))
                  for ws in columns if ws]
    return boxes


def _without_edge_junk(words: list[Word], width: int) -> list[Word]:
    """Without the specks read at the page's sides (a photo's table or a scanner's edge left in the page):
    short or doubtful words in the outer band, where no form prints (its side margins are 2–3 cm)."""
    band = EDGE_BAND * width
    return [w for w in words if band <= w.cx <= width - band
            or (len(_LETTERS.findall(w.text)) > 2 and w.conf >= EDGE_JUNK_CONF)]


def _without_mark_lines(words: list[Word]) -> list[Word]:
    """Drop "lines" made of small glyphs: a row of Thai marks the engine read as a line of its own (as letters:
    a dash or a dot on a line of its own is kept), even when one of its boxes reaches down into the line below."""
    if not words:
        return words
    em = statistics.median([w.height for w in words])
    heights: dict[tuple[int, int, int], list[int]] = {}
    for word in words:
        if any(ch.isalnum() for ch in word.text):
            heights.setdefault(word.line_key, []).append(word.height)
    small = {key for key, found in heights.items() if statistics.median(found) < MARK_LINE * em}
    return [w for w in words if w.line_key not in small or not any(ch.isalnum() for ch in w.text) or _a_word(w, em)]


def _a_word(word: Word, em: float) -> bool:
    """A word among specks the engine put on one line with it (a wrapped value's last word, ``Watch)``, beside
    a leader's remnants): letters, full height and read sure, so no mark."""
    return (sum(ch.isalnum() for ch in word.text) >= WORD_AMONG_MARKS and word.height >= em
            and word.conf >= SURE_WORD_CONF)


def _with_tick_boxes(words: list[Word], boxes: list[TickBox]) -> list[Word]:
    """OCR's reading of each tick box replaced by ☑/☐; a lone tick-like letter before text made ✓."""
    out = [w for w in words if not any(b.box[0] <= w.cx <= b.box[2] and b.box[1] <= w.cy <= b.box[3] for b in boxes)]
    for box in boxes:
        x0, y0, x1, y1 = box.box
        near = [w for w in out if w.top < y1 and y0 < w.bottom and abs(w.left - x1) < 8 * (x1 - x0)]
        # The box's own line: a word of the next, tight line whose box OCR drew tall reaches up beside the box,
        # and the box given to that line joined the two lines into one jumble (☑ 2. กรณีไม่ใช้งบประมาณ).
        half = (y1 - y0) / 2
        near = [w for w in near if y0 - half <= w.cy <= y1 + half] or near
        key = min(near, key=lambda w: abs(w.left - x1)).line_key if near else (-1, -1, -1)
        out.append(Word(box.glyph, x0, y0, x1, y1, 95.0, key))
    out.sort(key=lambda w: (w.line_key, w.left))
    return out


def _rows(words: list[Word]) -> list[_Line]:
    """Words in visual lines: Tesseract's lines, and lines from different blocks that stand level, merged."""
    by_key: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        by_key.setdefault(word.line_key, []).append(word)
    lines = sorted((_Line(ws) for ws in by_key.values()), key=lambda ln: (ln.top + ln.bottom) / 2)
    rows: list[_Line] = []
    for line in lines:
        if rows:
            last = rows[-1]
            overlap = min(last.bottom, line.bottom) - max(last.top, line.top)
            if overlap > 0.5 * min(last.bottom - last.top, line.bottom - line.top) and not _apart(last, line):
                merged = sorted([last, line], key=lambda ln: ln.left)
                rows[-1] = _Line(merged[0].words + merged[1].words)
                continue
        rows.append(line)
    return rows


def _apart(row: _Line, line: _Line) -> bool:
    """Whether two of Tesseract's lines whose boxes overlap are two lines of text all the same: merged, the
    letters of one would float above or below the row's (``_on_the_line``) and be dropped, a whole line of them
    (a skewed photo's line reaching down into the next; a scan's guidance line beside a tall letter of the next).
    Marks read as a line of their own leave few letters: they are merged and dropped as before. So are two lines
    one of which, alone, would drop its own letters (``_reads_alone``)."""
    kept = {id(w) for w in _on_the_line(row.words + line.words)}
    for part in (row, line):
        letters = [len(_THAI.findall(w.text)) for w in part.words]
        lost = sum(n for n, w in zip(letters, part.words, strict=True) if id(w) not in kept)
        if lost >= APART_LETTERS and 2 * lost > sum(letters):  # most of a line: a line, not a few floating words
            return _reads_alone(row) and _reads_alone(line)
    return False


def _reads_alone(line: _Line) -> bool:
    """Whether a line read on its own keeps its letters: not ink read as letters. A smudge over a line gives the
    letters under it the smudge's box, whose foot is the line's median foot then; the line's own letters stand
    above it and would be dropped as floating (a Form 1 scan's idea name lost its label ชื่อแนวคิด and 12 of its
    30 letters). Merged with the line it overlaps, that line's letters set the foot, as before ``_apart``."""
    kept = {id(w) for w in _on_the_line(line.words)}
    return sum(len(_THAI.findall(w.text)) for w in line.words if id(w) not in kept) < APART_LETTERS


def _segments(line: _Line, em: float, dpi: float) -> list[tuple[float, float]]:
    """Runs of ink of a line in points, split at gaps of COLUMN_GAP ems (em from the letter height). Specks read
    as dots or quotes are not ink here: a dusty margin's specks would stand in a column of their own and make
    a borderless table of a page of labels and values. (Between a line's letters they are: a dotted leader.)"""
    segments: list[list[float]] = []
    lettered = [w for w in line.words if _LETTERS.search(w.text)]
    left, right = min((w.left for w in lettered), default=0), max((w.right for w in lettered), default=0)
    inked = [w for w in line.words if left < w.cx < right or _LETTERS.search(w.text)]
    for word in sorted(inked, key=lambda w: w.left):
        if not segments or word.left - segments[-1][1] >= COLUMN_GAP * em / 0.7:
            segments.append([word.left, word.right])
        segments[-1][1] = max(segments[-1][1], word.right)
    return [(a * 72 / dpi, b * 72 / dpi) for a, b in segments]


def _line_text(words: list[Word], em: float | None = None) -> tuple[str, float]:
    """Words of one line joined (spaces by gap), repaired; and the line's confidence. ``em``: the page's median box
    height, for the line's foot (``_on_the_line``)."""
    read = words
    words = _on_the_line(words, em)
    if not words:
        return "", 1.0
    height = statistics.median([w.height for w in words]) or 1
    thai_line = any(_THAI.search(w.text) for w in words)
    parts: list[str] = []
    right: int | None = None
    for n, word in enumerate(words):
        text = word.text
        if text in TICK_READINGS and _stands_alone(words, n, right, height):
            text = MARK  # a bare tick in front of an option, read as a letter
        elif thai_line and _LATIN_SCRAP.fullmatch(text) and (word.conf < SCRAP_CONF or len(text) == 1):
            continue  # a Thai word or mark the English model claimed ("Aa" for คือ, "a" for ่ ์)
        if n == 0 and _ITEM_NUMBER.fullmatch(text) and len(words) > 1 and words[1].left - word.right > 1.5 * height:
            text += ")"  # "2) ......" of a blank list item: the bracket went with the erased leader dots
        if right is not None:
            gap = word.left - right
            latin = parts[-1][-1:].isascii() and parts[-1][-1:].isalnum() and text[:1].isascii() and text[:1].isalnum()
            if gap > (LATIN_SPACE_GAP if latin else SPACE_GAP) * height or parts[-1] == MARK:
                parts.append(" ")
        parts.append(text)
        right = word.right if right is None else max(right, word.right)
    text = _STRAY_TAIL.sub("", _ITEM_COMMA.sub("\\1.", repair_thai("".join(parts))))
    text, label_score = repair_labels(text)
    confidence = _confidence(read)
    # A misread label lowers the confidence less than misread words do: the value itself may be sound.
    return text, round(confidence * (0.5 + 0.5 * label_score), 3)


def _confidence(words: list[Word]) -> float:
    """A line's confidence 0–1: half the mean word confidence, half the mean of its three weakest words
    (a smudged word or two in a long line must show), punctuation left out (leader crumbs)."""
    scores = sorted(max(w.conf, 0.0) for w in words if any(ch.isalnum() for ch in w.text)) or [100.0]
    return (statistics.fmean(scores) + statistics.fmean(scores[:3])) / 200.0


def word_scores(words: list[Word]) -> tuple[tuple[str, float], ...]:
    """Each word that holds a letter or digit with its confidence 0–1, for the extractor to find a value's weakest."""
    return tuple((w.text, round(max(w.conf, 0.0) / 100.0, 3)) for w in words if any(ch.isalnum() for ch in w.text))


def _stands_alone(words: list[Word], n: int, right: int | None, height: float) -> bool:
    """Whether word n stands apart from both neighbours (a tick mark), with text after it on the line."""
    if n + 1 >= len(words):
        return False
    before = right is None or words[n].left - right > SPACE_GAP * height
    return before and words[n + 1].left - words[n].right > 0.25 * height  # people tick close to the text


def _on_the_line(words: list[Word], em: float | None = None) -> list[Word]:
    """Drop "words" that float wholly above or below the line's letters: Thai marks the engine split off
    and read as Latin letters or punctuation (ที่ → "a", ้ → "'"), which belong to no word. With the page's ``em``,
    the line's foot is that of its letter-sized boxes (``_foot``)."""
    if len(words) < 3:
        return words
    bottom = _foot(words, em)
    height = statistics.median([w.height for w in words])
    kept = [w for w in words
            if not (w.bottom < bottom - 0.45 * height and not _DASH.fullmatch(w.text)
                    or w.top > bottom - 0.1 * height and any(ch.isalnum() for ch in w.text))]
    # Tiny boxes trailing the line's letters by more than a letter's height: specks of a cell's border or a
    # bar's edge read as text (``การสร้างนวัตกรรม.ย.`` in a Gantt's step cell).
    letters = [w.right for w in kept if w.height >= SPECK * height]
    end = max(letters, default=0) + height
    return [w for w in kept if w.height >= SPECK * height or w.left < end or _DASH.fullmatch(w.text)]


def _foot(words: list[Word], em: float | None) -> float:
    """The line's foot: the median foot of its boxes of a letter's size on this page (``FOOT_BAND`` of ``em``), or of
    all its boxes when fewer than two letters are of that size. Tesseract may put the next line's marks into a short
    line as scraps (a wrapped value's last line, ``Photo Finder)``) and stretch letters' boxes down over them
    (blurred print); their feet, the median before, put the line's own letters above it, and they were dropped."""
    if em:
        sized = [w for w in words if FOOT_BAND[0] * em <= w.height <= FOOT_BAND[1] * em]
        if sum(ch.isalnum() for w in sized for ch in w.text) >= 2:
            return statistics.median([w.bottom for w in sized])
    return statistics.median([w.bottom for w in words])


def _lines_of(words: list[Word], em: float | None = None) -> list[tuple[str, float]]:
    return [_line_text(row.words, em) for row in _rows(words)]


def _splits_words(rows: list[_Line], bounds: list[float]) -> bool:
    """Whether a gutter cuts Thai words: text right of it opens with a vowel or mark that never starts a word
    (``ผู้ว่ | าราชการ``): Tesseract's boxes of one word stood far apart, there is no column there."""
    for row in rows:
        for bound in bounds:
            right = [w for w in row.words if w.cx > bound]
            if right and _NO_WORD_START.match(min(right, key=lambda w: w.left).text):
                return True
    return False


def _borderless(rows: list[_Line], bounds: list[float], page: int, em: float | None = None) -> Table:
    columns: list[list[Word]] = [[] for _ in range(len(bounds) + 1)]
    for row in rows:
        for word in row.words:
            columns[bisect_right(bounds, word.cx)].append(word)
    cells = []
    for n, words in enumerate(columns):
        lines = [(t, c) for t, c in _lines_of(words, em) if t]
        conf = min((c for _, c in lines), default=1.0)
        cells.append(OcrCell("\n".join(t for t, _ in lines), where=f"row 1, column {n + 1}", confidence=conf,
                             words=word_scores(words)))
    return Table([cells], page=page)


def _table(grid: PixelGrid, cell_words: dict[int, list[Word]], page: int, em: float | None = None) -> Table:
    cells: list[Cell] = []
    for n, spec in enumerate(grid.cells):
        lines = [(_BORDER_BARS.sub("", t), c) for t, c in _lines_of(cell_words.get(n, []), em)]
        lines = [(t, c) for t, c in lines if t]
        text = _short_cell("\n".join(t for t, _ in lines))
        conf = min((c for _, c in lines), default=1.0)
        if spec.ink < MARK_SHARE and not spec.shaded and not spec.stroke:
            text = ""  # specks the OCR read as letters in an empty cell
        elif ((not any(ch.isalnum() or ch in BOX_GLYPHS for ch in text) or len(text.strip()) <= 2 and conf < MARK_AS_TEXT)
              and (spec.ink >= MARK_INK or spec.stroke) and not spec.shaded):
            text = MARK  # a drawn mark, or one the engine guessed a letter for ("0" at 0.2 for a Gantt's bar)
        cells.append(OcrCell(text, shaded=spec.shaded, fill="808080" if spec.shaded else None,
                             where=f"row {spec.row + 1}, column {spec.col + 1}", confidence=conf,
                             words=word_scores(cell_words.get(n, [])) if text != MARK else ()))
    rows = [[cells[index] for index in slot_row] for slot_row in grid.slots]
    for row in rows:
        _repair_month_row(row)
    return Table(rows, page=page)


def _short_cell(text: str) -> str:
    """A column head wrapped over lines (มาก / ที่สุด / (4)) matched as one: each line alone is too short
    for the label repair to trust."""
    if "\n" not in text or len(re.sub(r"\s", "", text)) > SHORT_CELL:
        return text
    joined = re.sub(r"\s*\n\s*", "", text)
    repaired, score = repair_labels(joined)
    return repaired if score < 1.0 else text


def _repair_month_row(row: list[Cell]) -> None:
    """A Gantt header row: month names OCR misread (small print: "AA." for ต.ค.) are put back from their
    neighbours, the columns running through the fiscal year (ต.ค. → ก.ย.) as most of the readable ones say.
    A year under or after the month (ต.ค. / ๖๗) is kept when it reads as digits, dropped when it does not."""
    cells = list({id(c): c for c in row}.values())
    votes: dict[int, int] = {}
    for col, cell in enumerate(cells):
        name, _ = _month_and_year(cell.text)
        month = month_number(name) if len(name) <= 12 else None
        if month is not None and not name.isdigit():
            offset = FISCAL_MONTHS.index(month) - col
            votes[offset] = votes.get(offset, 0) + 1
    if not votes:
        return
    offset, count = max(votes.items(), key=lambda item: item[1])
    if count < MONTH_RUN:
        return
    for col, cell in enumerate(cells):
        position = col + offset
        name, year = _month_and_year(cell.text)
        if 0 <= position < len(FISCAL_MONTHS) and len(name) <= 12 and not re.search("[\u0e01-\u0e2e]{4}", name):
            cell.text = MONTH_ABBR[FISCAL_MONTHS[position]] + (f"\n{year}" if year else "")


def _month_and_year(text: str) -> tuple[str, str]:
    """A month header cell's month part and its year when that reads as two or four digits ("ต.ค.\n๖๗")."""
    match = _YEAR_AFTER.search(text)
    year = match.group(1) if match else ""
    name = text[:match.start()] if match else text.split("\n")[0]
    return name.strip().lstrip("[(|{").strip(), year  # a short head's own left border read "[" or "("


__all__ = ["OcrCell", "OcrParagraph", "column_boxes", "page_blocks"]
