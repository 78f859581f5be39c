"""The line stream: a Document as one run of text lines, data tables standing in it as boundaries."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from pipeline.document import Block, Document, Paragraph, Table
from pipeline.extractors.tables import GANTT, distinct, ignorable, merge_continued, split_preamble, table_kind, width
from pipeline.extractors.tables import PAGE_NUMBER as _PAGE_NUMBER
from pipeline.extractors.text import map_pua_boxes, match_text
from pipeline.extractors.vocabulary import Compact, bundle_rules, label_keys, placeholders, printed_heads
from pipeline.thai import normalize, to_arabic_digits

SENTINEL = "\x00"


@dataclass
class DataTable:
    """A data table of the document: its kind, the grid, and where it stands in the stream."""

    kind: str
    table: Table
    line: int


@dataclass
class Line:
    text: str
    where: str
    table: int | None = None  # index into Stream.tables for a sentinel line
    page: int | None = None  # the PDF or scan page it stands on
    block: int | None = None  # the index of the document block it came from
    cell: bool = False  # from a table's cell (a layout table), not a paragraph
    row_start: bool = False  # the first line of a layout table row's first cell (not the first row; two cells or more)


@dataclass
class Stream:
    """Lines in reading order with their joined text, for finding labels across line breaks."""

    lines: list[Line]
    tables: list[DataTable] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.offsets: list[int] = []
        pos = 0
        for line in self.lines:
            self.offsets.append(pos)
            pos += len(line.text) + 1
        self.text = "\n".join(line.text for line in self.lines)
        self.probe = match_text(self.text)
        self.compact = Compact.of(self.text)

    def line_at(self, pos: int) -> int:
        """Index of the line holding a character position."""
        return max(bisect_right(self.offsets, pos) - 1, 0)

    def line_start(self, pos: int) -> int:
        return self.offsets[self.line_at(pos)] if self.lines else 0

    def line_end(self, pos: int) -> int:
        n = self.line_at(pos)
        return self.offsets[n] + len(self.lines[n].text) if self.lines else 0

    def where(self, pos: int) -> str:
        return self.lines[self.line_at(pos)].where if self.lines else ""

    def slice(self, first: int, last: int) -> Stream:
        """The lines first..last-1 as a stream of their own (tables keep their indices into the stream)."""
        lines = self.lines[first:last]
        tables = [t for t in self.tables if first <= t.line < last]
        renumber = {id(t): n for n, t in enumerate(tables)}
        out = []
        for line in lines:
            if line.table is not None:
                table = self.tables[line.table]
                line = replace(line, table=renumber.get(id(table)))
            out.append(line)
        return Stream(out, [DataTable(t.kind, t.table, t.line - first) for t in tables])

    def pick(self, indices: list[int]) -> Stream:
        """The given lines in the given order as a stream of their own (a form's pages put back in order)."""
        lines: list[Line] = []
        tables: list[DataTable] = []
        for n in indices:
            line = self.lines[n]
            if line.table is not None:
                table = self.tables[line.table]
                # A table's two pages, put back in order, are one table again (a plan's Gantt shuffled).
                before = next((k for k in range(len(lines) - 1, -1, -1) if lines[k].text.strip()), None)
                if before is not None and lines[before].table is not None and lines[before].page != line.page:
                    kept = tables[lines[before].table]
                    joined = merge_continued([kept.table, table.table]) if kept.kind == table.kind else []
                    if len(joined) == 1:
                        tables[lines[before].table] = DataTable(kept.kind, joined[0], kept.line)  # type: ignore[arg-type]
                        continue
                tables.append(DataTable(table.kind, table.table, len(lines)))
                line = replace(line, table=len(tables) - 1)
            lines.append(line)
        return Stream(lines, tables)

    def tables_of(self, kind: str) -> list[DataTable]:
        return [t for t in self.tables if t.kind == kind]


SIGNATURE_LINE = re.compile(r"^\s*(?:ลงชื่อ|ลงนาม)")  # a signature line: ลงชื่อ … or ลงนาม …
# The name line under a signature, ``( นางสาวกนกวรรณ บุญมา ) ผู้เสนอแนวคิด``: a name of two words or more in brackets
# and its role after them; copies of one form signed by one person put it at the same page top as the ลงชื่อ line.
NAME_LINE = re.compile(r"^\s*\(\s*[^()\s]+\s+[^()]*\)\s*\S")
_SPACES = str.maketrans({"\t": "  ", "\r": None, "\u00a0": " ", "\u2007": " ", "\u202f": " "})


def _clean(text: str) -> str:
    # No-break spaces (Ctrl+Shift+Space between a label and its value) separate words like a space does.
    text = map_pua_boxes(normalize(text or "")).translate(_SPACES)
    # An empty content control's prompt, printed into a PDF, is a blank: a gap between the labels around it.
    for prompt in placeholders():
        if prompt in text:
            text = text.replace(prompt, " ")
    return text


def build_stream(document: Document) -> Stream:
    """The document's lines in reading order; data tables become sentinels, layout tables become lines."""
    lines: list[Line] = []
    tables: list[DataTable] = []
    index = {id(block): n for n, block in enumerate(document.blocks)}
    number: int | None = None
    for block in merge_continued(gantt_rest_put_back(drop_page_furniture(document.blocks))):
        number = index.get(id(block), number)  # a table joined across pages counts as its first part
        if isinstance(block, Paragraph):
            for part in _clean(block.text).split("\n"):
                lines.append(Line(part, block.where, page=block.page, block=number))
            continue
        kind = table_kind(block)
        if kind:
            _drop_cut_heads(lines, block.page)
            preamble, block = split_preamble(block, kind)
            if preamble is not None:
                lines += _layout_lines(preamble, number)
            tables.append(DataTable(kind, block, len(lines)))
            lines.append(Line(SENTINEL, block.where, len(tables) - 1, block.page, number, cell=True))
            continue
        lines += _layout_lines(block, number)
    return Stream(lines, tables)


def gantt_rest_put_back(blocks: list[Block]) -> list[Block]:
    """A Gantt's rest on a page shuffled away from it (read before the Gantt's start): a table with no head of
    its own opening a page whose page before does not end on a table, as wide as a Gantt that ends another
    page with nothing of it on the page after, goes right after that Gantt (merge_continued joins them)."""
    pages: dict[int, list[int]] = {}
    for n, block in enumerate(blocks):
        if block.page is not None and not (isinstance(block, Paragraph) and ignorable(block)):
            pages.setdefault(block.page, []).append(n)
    if len(pages) < 2:
        return blocks

    def table_at(page: int, at: int) -> Table | None:
        block = blocks[pages[page][at]] if page in pages else None
        return block if isinstance(block, Table) else None

    ends = {page: table_at(page, -1) for page in pages}
    moves: dict[int, int] = {}  # the rest's block index -> the Gantt's
    for page in pages:
        rest = table_at(page, 0)
        if rest is None or table_kind(rest) is not None or ends.get(page - 1) is not None:
            continue
        gantts = [other for other, end in ends.items() if other != page and end is not None
                  and table_kind(end) == GANTT and width(end) == width(rest) and table_at(other + 1, 0) is None]
        if len(gantts) == 1:
            moves[pages[page][0]] = pages[gantts[0]][-1]
    if not moves:
        return blocks
    after = {gantt: rest for rest, gantt in moves.items()}
    out: list[Block] = []
    for n, block in enumerate(blocks):
        if n in moves:
            continue
        out.append(block)
        if n in after:
            out.append(blocks[after[n]])
    return out


def _drop_cut_heads(lines: list[Line], page: int | None) -> None:
    """A data table's head left alone at the foot of the page before the table (Chromium prints the first head
    row of a table it breaks there: ``ขั้นตอนการดำเนินการ``) is no text of the value above it."""
    k = len(lines) - 1
    while page is not None and k >= max(0, len(lines) - 3):
        line = lines[k]
        if line.page is None or line.page >= page or line.table is not None:
            return
        if Compact.of(_clean(line.text)).lower in printed_heads():
            del lines[k]
        k -= 1


def drop_page_furniture(blocks: list[Block]) -> list[Block]:
    """Page headers, footers and page numbers of a PDF: the same first (or last) line on at least half the
    pages (kept where it first stands), a running header the reader marked (not a form's title, signature line or
    printed label) and page numbers, which would otherwise break values that run on."""
    pages: dict[int, list[int]] = {}  # a page's blocks: a line is furniture only where no table stands beyond it
    for n, block in enumerate(blocks):
        if block.page is not None and (isinstance(block, Table) or block.text.strip()):
            pages.setdefault(block.page, []).append(n)
    if len(pages) < 2:
        return blocks
    need = max(2, (len(pages) + 1) // 2)
    drop: set[int] = set()
    for edge in (0, -1):
        lines = [found[edge] for found in pages.values() if isinstance(blocks[found[edge]], Paragraph)]
        counts: dict[str, int] = {}
        for n in lines:
            key = _furniture_key(blocks[n].text)  # type: ignore[union-attr]
            counts[key] = counts.get(key, 0) + 1
        seen: set[str] = set()
        for n in lines:
            key = _furniture_key(blocks[n].text)  # type: ignore[union-attr]
            text = blocks[n].text  # type: ignore[union-attr]
            if (counts[key] >= need and key in seen and not _is_title(text) and not _opens_with_label(text)
                    and not NAME_LINE.match(text)):
                drop.add(n)
            seen.add(key)
    # A signature line, its name line or a printed label is the form's own, however often copies of one form put it at the same
    # page top (two Form 1 whose second pages both open with the external partners' label).
    drop.update(n for n, block in enumerate(blocks)
                if isinstance(block, Paragraph) and block.running and not _is_title(block.text)
                and not SIGNATURE_LINE.match(block.text) and not NAME_LINE.match(block.text)
                and not _opens_with_label(block.text))
    for found in pages.values():
        for n in found[:2] + found[-2:]:
            if isinstance(blocks[n], Paragraph) and _is_page_number(blocks[n].text, blocks[n].page):
                drop.add(n)
    return [b for n, b in enumerate(blocks) if n not in drop]


def _is_title(text: str) -> bool:
    """A form's title: where each form of a bundle starts, never page furniture however often it repeats."""
    key = Compact.of(normalize(text)).lower
    return len(key) >= 8 and any(key.startswith(title[: len(key)]) or key.startswith(title)
                             for title, _ in bundle_rules().titles)


_ITEM_NUMBER = re.compile(r"^[\s\d.)(☐☑☒■□]*")


def _opens_with_label(text: str) -> bool:
    """Does the line open with one of the forms' printed labels (after an item number or a tick box)?"""
    key = Compact.of(_ITEM_NUMBER.sub("", match_text(_clean(text)))).lower
    return key.startswith(label_keys())


def _is_page_number(text: str, page: int | None) -> bool:
    """``- 2 -``, ``หน้า 2``, ``2/6``, or a bare number that is the page's own (not a value on a line alone)."""
    text = text.strip()
    if not _PAGE_NUMBER.match(text):
        return False
    digits = re.findall(r"[\d๐-๙]+", match_text(text))
    # Four digits are a year (``2568)``, a dated value's end run onto the page's last line), never a page.
    if len(digits[0]) >= 4:
        return False
    return not re.fullmatch(r"[\d๐-๙]+", text) or (page is not None and int(digits[0]) == page)


def _furniture_key(text: str) -> str:
    return re.sub(r"[\d๐-๙]+", "#", re.sub(r"\s+", "", text))


_NUMBER_CELL = re.compile(r"^\s*\(?([\d๐-๙]{1,2})[.)]\s*$")  # a layout row's number cell: 1.  2)  (3)


def _layout_lines(table: Table, block: int | None = None) -> list[Line]:
    """A table used for layout: each cell's lines, row by row, each merged cell once. A cell holding only an item
    number (a layout table's number column) opens the next cell's first line, as the row shows them; a row whose
    number follows the row above's is the next item of one list (two partners typed a row each), not a new value."""
    out: list[Line] = []
    seen: set[int] = set()
    previous: int | None = None
    for r, row in enumerate(table.rows, 1):
        cells = distinct(row)
        number, item = "", None
        for c, cell in enumerate(cells, 1):
            if id(cell) in seen:
                continue
            seen.add(id(cell))
            text = _clean(cell.text)
            numbered = _NUMBER_CELL.match(text)
            if numbered and c < len(cells) and id(cells[c]) not in seen:
                number, item = f"{text.strip()} ", int(to_arabic_digits(numbered.group(1)))
                continue
            where = cell.where or f"{table.where}, row {r}, cell {c}"
            listed = item is not None and previous is not None and item == previous + 1
            for n, part in enumerate(text.split("\n")):
                out.append(Line(number + part if n == 0 else part, where, page=table.page, block=block, cell=True,
                                row_start=r > 1 and c - bool(number) == 1 and n == 0 and len(cells) > 1
                                and not listed))
            number = ""
        previous = item
    return out
