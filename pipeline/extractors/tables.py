"""Tables: which data table a grid is (Gantt, risks, KPIs, survey) and tables split over pages joined again."""

from __future__ import annotations

import re
from functools import cache

from pipeline.document import Block, Cell, Paragraph, Table
from pipeline.extractors.phases import phase_of_heading
from pipeline.extractors.signed_rows import signed_again
from pipeline.extractors.text import MISREAD_ITEM_NUMBER, compact
from pipeline.extractors.twin_columns import same_width
from pipeline.extractors.vocabulary import loose, numbered_spans, table_head_words
from pipeline.forms import form
from pipeline.readers.symbols import SOFT_WRAP
from pipeline.thai import FISCAL_MONTHS, MONTH_ABBR, month_number, to_arabic_digits
from pipeline.wording import printed_wording

GANTT, RISKS, KPIS, SURVEY = "gantt", "risks", "kpis", "survey"
LEVELS_SEEN = 3  # of a survey's four levels, numbered in brackets in one head row: the tally's head (one lost)
PAGE_NUMBER = re.compile(r"^[\s\-–—(]*(?:หน้า|page)?\s*[\d๐-๙]+\s*(?:/\s*[\d๐-๙]+|จาก\s*[\d๐-๙]+)?[\s\-–—)]*$",
                          re.IGNORECASE)
# How an item row starts: "1.", "1.1", "2)", "(3)", "ข้อ 4", "ตัวชี้วัดที่ 3.2" (a bare "15 คะแนน)" does not).
_ITEM_NUMBER = re.compile(r"^\s*(?:(?:ข้อ(?:ที่)?|ตัวชี้วัดที่|ขั้นตอนที่)\s*[\d๐-๙]|\(?[\d๐-๙]+(?:\.[\d๐-๙]+)*[.)]|[\d๐-๙]+\.[\d๐-๙])")
_ROW_WORDS = ("ตัวชี้วัดที่", "ขั้นตอนที่")  # long enough to know when OCR misread a letter or a mark of them
_NUMBER = re.compile(r"^([\d๐-๙]+)[.)](?![\d๐-๙])")
_MISREAD_ROW_NUMBER = re.compile(rf"^{MISREAD_ITEM_NUMBER}\s*")  # ดา. for ๓.
_SUB_NUMBER = re.compile(r"^(?:ตัวชี้วัดที่|ข้อ(?:ที่)?)?([\d๐-๙]+)\.[1๑](?![\d๐-๙])")
_LEADING_NUMBER = re.compile(r"^\(?([\d๐-๙]+(?:\.[\d๐-๙]+)*)")
# A number at a cell's start, behind at most a few Latin scraps (a numbering word the English model claimed).
_SCRAP_NUMBER = re.compile(r"^[A-Za-z,.'\s]{0,10}?([\d๐-๙]{1,2}(?:\.[\d๐-๙]{1,2})?)\.?\s*(?=[\u0e01-\u0e2e])")
_NUMBER_CELL = re.compile(r"\(?[\d๐-๙]{1,2}[.)]?")
RUNNING_HEAD_LINES, RUNNING_HEAD_CHARS = 2, 24  # at most two lines of at most this many letters head a page
_CONTINUED = re.compile(r"^\s*\(?\s*(?:ต่อ|ตาราง\s*\(?ต่อ\)?)\s*\)?\s*$")


@cache
def _kpi_row_head() -> re.Pattern[str]:
    """The printed words that open a row of Form 4's indicators table, however OCR spaced them."""
    return re.compile("|".join(loose(words) for words in printed_wording()["tables"]["kpi_row_heads"]))


def numbered(text: str) -> bool:
    """Whether a row's first cell starts with an item number (``1.``, ``2.1``, ``ข้อ 3``, ``ตัวชี้วัดที่ 3.2``, the
    last even as OCR misread it: ``ตัวชวัดท 3.2``)."""
    if _ITEM_NUMBER.match(compact(text)):
        return True
    lead = len(text) - len(text.lstrip())
    return any(spans[0][0] == lead for word in _ROW_WORDS if (spans := numbered_spans(text, word)))


def distinct(row: list[Cell]) -> list[Cell]:
    """The cells of a row once each (a merged cell repeats in every grid position it covers)."""
    seen: set[int] = set()
    out = []
    for cell in row:
        if id(cell) not in seen:
            seen.add(id(cell))
            out.append(cell)
    return out


def row_text(row: list[Cell]) -> str:
    return " ".join(c.text for c in distinct(row))


_ENGLISH_MONTHS = {m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                                "oct", "nov", "dec"), 1)}


# A cell's own border read beside its text where each cell is ruled apart (``(ก.พ.``, ``เธ.ค.``, ``ม.ค.|``).
_CELL_EDGE = re.compile(r"^[(\[|'‘’\"]+|[)\]|'‘’\"]+$")
MONTHS_PLACED = 4  # months read where the fiscal order puts them, in a month row OCR garbled in part
MONTH_HEAD_CHARS = 8  # a month head's letters at most (``ต.ค. 67``), to tell a garbled head from a step


def cell_month(text: str) -> int | None:
    """The calendar month a Gantt header cell names (``ต.ค.``, ``ต.ค. 67``, ``ตุลาคม``, ``ม.ค.\\n68``, ``Oct``)."""
    key = re.sub(r"[\d๐-๙/\-–.\s']|พ\.?ศ\.?", "", text or "")
    if not key or len(key) > 12:
        return None
    found = month_number(key) or _ENGLISH_MONTHS.get(key.lower()[:3] if key.isascii() else "")
    if found is None:  # the border first; a line close before the text may also read as เ
        bare = _CELL_EDGE.sub("", key)
        found = month_number(bare) or (month_number(bare[1:]) if bare.startswith("เ") else None)
    return found


def month_columns(row: list[Cell]) -> dict[int, int]:
    """Grid column → calendar month for a header row that names months; empty when it is not one."""
    cols = {k: m for k, cell in enumerate(row) if (m := cell_month(cell.text)) is not None}
    return _cut_last(row, cols) if len(set(cols.values())) >= 6 else _fiscal_run(row, cols)


def _cut_last(row: list[Cell], cols: dict[int, int]) -> dict[int, int]:
    """The months, and the cell after the last one when its text begins the next fiscal month's head: a plan
    wider than the frame cell it is nested in is cut at the cell's edge, ``ก.ย.`` printed as ``ก``."""
    last, position = max(cols), FISCAL_MONTHS.index(cols[max(cols)]) + 1
    cut = re.sub(r"[.\s]", "", row[last + 1].text) if last + 1 < len(row) and row[last + 1] is not row[last] else ""
    if cut and position < len(FISCAL_MONTHS) and MONTH_ABBR[FISCAL_MONTHS[position]].replace(".", "").startswith(cut):
        return cols | {last + 1: FISCAL_MONTHS[position]}
    return cols


def _fiscal_run(row: list[Cell], cols: dict[int, int]) -> dict[int, int]:
    """The months of a month row OCR garbled in part (shaded or ruled heads read as Latin scraps): at least
    ``MONTHS_PLACED`` months read, all where one start column and the fiscal order (ต.ค. … ก.ย., as every
    plan prints them) put them, and twelve short single cells from that start; empty otherwise."""
    starts = {k - FISCAL_MONTHS.index(m) for k, m in cols.items()}
    if len(cols) < MONTHS_PLACED or len(starts) != 1:
        return {}
    start = starts.pop()
    run = row[start:start + len(FISCAL_MONTHS)] if start >= 0 else []
    if len(run) < len(FISCAL_MONTHS) or len({id(c) for c in run}) < len(run) \
            or any(len(compact(c.text)) > MONTH_HEAD_CHARS for c in run):
        return {}
    return {start + n: month for n, month in enumerate(FISCAL_MONTHS)}


_GANTT_HEADS = table_head_words()[GANTT]
_HEADER_WORDS = {kind: table_head_words()[kind] for kind in (RISKS, KPIS, SURVEY)}


def header_rows(table: Table, limit: int = 4) -> int:
    """How many rows at the top are headers (month names, column titles), however many the layout uses."""
    kind = table_kind(table)
    last = 0
    for r, row in enumerate(table.rows[:limit]):
        if kind == GANTT:
            if month_columns(row):
                last = r + 1
        elif kind == SURVEY and (_looks_header(row, _HEADER_WORDS[SURVEY], need=1) or _levels_row(row)):
            last = r + 1
        elif kind in _HEADER_WORDS and _looks_header(row, _HEADER_WORDS[kind]):
            last = r + 1
        elif last:
            break  # the heads are over: a data row quoting head words (วิธีการคำนวณ …) is not one
    return last


def _looks_header(row: list[Cell], words: tuple[str, ...], need: int = 2) -> bool:
    cells = [compact(c.text) for c in distinct(row)]
    hits = sum(1 for c in cells if any(w in c for w in words) and len(c) < 40)
    return hits >= need


def table_kind(table: Table) -> str | None:
    """The data table a grid holds, from its header rows; None for a table used only for layout."""
    top = table.rows[:6]
    if any(month_columns(row) for row in top):
        return GANTT
    text = compact(" ".join(row_text(row) for row in top))
    if "มากที่สุด" in text and "น้อยที่สุด" in text:
        return SURVEY
    if ("คำถาม" in text or "ความพึงพอใจ" in text) and any(_levels_row(row, LEVELS_SEEN) for row in top):
        return SURVEY
    if "ความเสี่ยง" in text and ("โอกาส" in text or "ผลกระทบ" in text):
        return RISKS
    if "ตัวชี้วัด" in text and ("ค่าเป้าหมาย" in text or "ประเภทตัวชี้วัด" in text or "วิธีการคำนวณ" in text):
        return KPIS
    if _indicator_rows(table):
        return KPIS
    return None


_INDICATOR = re.compile(r"(?:^|\n)\s*ตัวชี้วัดที่\s*[\d๐-๙]")  # an indicator's number opening a line of a cell
INDICATOR_FILLED = 3  # of an indicators row's four cells after its name: target, kind, method, period


def _indicator_rows(table: Table) -> bool:
    """Form 4's indicators table without its head (the head on a page left out of the file): rows whose first
    cell names an indicator (``ตัวชี้วัดที่ 3.1``), or opening with an indicators row's printed words, the cells
    after it mostly filled. No other table of the forms numbers its rows so; read as a layout table, such a part
    was joined to the risks table ending the page before, its indicators read as risks."""
    # (A row with its name cell alone filled is the rest of a row the page break cut: any table may open so.)
    rows = [row for row in table.rows if sum(1 for c in distinct(row[1:]) if c.text.strip()) >= INDICATOR_FILLED]
    return any(indicator_row(row) for row in rows) and all(
        indicator_row(row) or _kpi_row_head().search(row[0].text) for row in rows)


def indicator_row(row: list[Cell]) -> bool:
    """Whether a row's first cell names an indicator on a line of its own (``ตัวชี้วัดที่ 3.1 …``)."""
    return bool(row) and bool(_INDICATOR.search(row[0].text))


_LEVEL_DIGIT = re.compile(r"^\(?([1-4])\)?$|\(([1-4])\)?$")  # "4", "(4)", or a head ending "(4)" ("(4" as OCR cuts it)


def level_digit(text: str) -> int | None:
    """The satisfaction level (1–4) a header cell numbers: the cell is the digit, or ends with it in
    brackets (มากที่สุด (4)), so a head whose word OCR lost still says its level; a count never has brackets."""
    match = _LEVEL_DIGIT.search(compact(text))
    return int(match.group(1) or match.group(2)) if match else None


def _levels_row(row: list[Cell], need: int = 4) -> bool:
    """A header row numbering the four satisfaction levels: 4 3 2 1 (or (4) … (1), or heads ending so); with
    ``need`` below 4, that many of them in brackets (a head OCR lost whole: ``ที่สุด`` for มากที่สุด (4))."""
    if need >= 4:
        return {1, 2, 3, 4} <= {level_digit(c.text) for c in distinct(row)}
    bracketed = {level_digit(c.text) for c in distinct(row) if "(" in c.text}
    return len(bracketed - {None}) >= need


def first_header_row(table: Table, kind: str) -> int:
    """Where a data table's header starts: rows above it are something else drawn against the table (a
    label-and-value row of the form that a PDF shows as part of the same grid)."""
    for r, row in enumerate(table.rows[:6]):
        if kind == GANTT and (month_columns(row) or _looks_header(row, _GANTT_HEADS, need=1)):
            return r
        if kind == SURVEY and (_looks_header(row, _HEADER_WORDS[SURVEY], need=1) or _levels_row(row)):
            return r
        if kind in (RISKS, KPIS) and _looks_header(row, _HEADER_WORDS[kind]):
            return r
    return 0


def split_preamble(table: Table, kind: str) -> tuple[Table | None, Table]:
    """The rows above a data table's header (as a table of their own, or None) and the data table."""
    first = first_header_row(table, kind)
    if first == 0:
        return None, table
    return (Table(table.rows[:first], where=table.where, page=table.page),
            Table(table.rows[first:], where=table.where, page=table.page))


def width(table: Table) -> int:
    return max((len(row) for row in table.rows), default=0)


def ignorable(block: Block) -> bool:
    """What may stand between the two halves of a table split by a page break."""
    if not isinstance(block, Paragraph):
        return False
    text = block.text.strip()
    # A line without a letter or a digit is specks a photo or scan left below the table (". «").
    return not any(ch.isalnum() for ch in text) or bool(PAGE_NUMBER.match(text)) or bool(_CONTINUED.match(text))


def merge_continued(blocks: list[Block]) -> list[Block]:
    """Join a data table with the table that continues it after a page break (repeated header rows dropped,
    a row broken over the page joined back together)."""
    out: list[Block] = []
    last_table: int | None = None  # index in out of the last data table, while only ignorable blocks follow
    last_page: int | None = None  # the page the last data table ends on
    heads = 0  # short lines read at the top of the page after it: a running head OCR read (แบบฟอร์ม 4)
    lost: list[str] = []  # short lines read just below a head alone at a page's foot: a cell it lost
    for block in blocks:
        if isinstance(block, Table) and last_table is not None and not any(c.text.strip() for r in block.rows for c in r):
            out.append(block)  # a rule under the table drawn as a box of its own (a browser's border): no break
            continue
        if isinstance(block, Table):
            joined = _joined(out[last_table], block, lost) if last_table is not None else None  # type: ignore[arg-type]
            lost = []
            if joined is not None:
                out[last_table] = joined  # type: ignore[index]
                last_page, heads = block.page, 0
                continue
            out.append(block)
            last_table, last_page, heads = len(out) - 1, block.page, 0
        else:
            out.append(block)
            if ignorable(block):
                continue
            # Only between a data table's parts: a layout table runs on over any page turn (_continues).
            data = last_table is not None and table_kind(out[last_table]) is not None  # type: ignore[arg-type]
            # A head alone at a page's foot may have lost a cell to a line of its own just below it (ข้อ).
            lost_cell = data and _head_only(out[last_table]) and block.page == last_page  # type: ignore[arg-type]
            if data and heads < RUNNING_HEAD_LINES and (_page_head(block, last_page) or lost_cell and _short(block)):
                heads += 1
                if lost_cell and _short(block):
                    lost.append(block.text.strip())  # type: ignore[union-attr]
                continue
            last_table, lost = None, []
    return out


def _joined(first: Table, second: Table, lost: list[str] | None = None) -> Table | None:
    """The table ``second`` continues ``first`` into, or None: the next part of it, or the body of a head
    that lost its item-number cell (the head given an empty first cell) or its last cell (given the ``lost``
    lines read below it)."""
    if _continues(first, second):
        return _join(first, second)
    if (pair := same_width(first, second, header_rows)) is not None and _continues(*pair):
        return _join(*pair)
    if _head_lost_number_column(first, second):
        padded = Table([[Cell(""), *row] for row in first.rows], where=first.where, page=first.page)
        return _join(padded, second)
    if lost and _head_lost_last_column(first, second, lost):
        padded = Table([[*row, Cell("\n".join(lost))] for row in first.rows], where=first.where, page=first.page)
        return _join(padded, second)
    return None


def _head_lost_last_column(head: Table, body: Table, lost: list[str]) -> bool:
    """A data table's head alone at a page's foot, one column short of its body of the same kind on the next
    page, a cell's words read as short lines below it: a scan's ruling lost the head's last cell (Form 4's
    ระยะ / เวลา, seed 3297), and the indicators' table was a head with no rows, all four lost."""
    turned = head.page is not None and body.page is not None and body.page > head.page
    kind = table_kind(head)
    if not (turned and kind in _HEADER_WORDS and _head_only(head) and table_kind(body) in (None, kind)
            and width(body) == width(head) + 1):
        return False
    # The lines name a column of the kind's that the head lacks (ข้อ below a survey's ข้อคำถาม is no lost cell).
    words, text = compact(" ".join(lost)), compact(row_text(head.rows[-1]))
    return any(w in words and w not in text for w in _HEADER_WORDS[kind])


def _page_head(block: Block, last_page: int | None) -> bool:
    """A short line on a later page than the table: a running head (a PDF's reader drops those it can match
    word for word; OCR reads each page's a little differently)."""
    later = last_page is not None and block.page is not None and block.page > last_page
    return later and _short(block)


def _short(block: Block) -> bool:
    return isinstance(block, Paragraph) and len(compact(block.text)) <= RUNNING_HEAD_CHARS


def _head_only(table: Table) -> bool:
    return bool(table.rows) and header_rows(table) >= len(table.rows)


def _head_lost_number_column(head: Table, body: Table) -> bool:
    """A data table's head alone at a page's foot, one column short of its body on the next page, whose first
    column holds the item numbers: a scan's ruling lost the head's narrow first cell (ข้อ), read as a line."""
    turned = head.page is not None and body.page is not None and body.page > head.page
    if not (turned and _head_only(head) and table_kind(body) is None and width(body) == width(head) + 1):
        return False
    firsts = [row[0].text.strip() for row in body.rows if row and any(c.text.strip() for c in row)]
    numbers = [text for text in firsts if _NUMBER_CELL.fullmatch(text)]
    return len(numbers) >= 2 and len(numbers) * 2 > len(firsts)


def _continues(first: Table, second: Table) -> bool:
    if not second.rows or width(first) != width(second):
        return False
    kind, first_kind = table_kind(second), table_kind(first)
    if first_kind:
        return kind is None or kind == first_kind
    # A layout table (Form 3's two columns) runs on when its header row repeats or the page turns (not signatures again).
    repeated = compact(row_text(first.rows[0])) == compact(row_text(second.rows[0]))
    turned = first.page is not None and second.page is not None and second.page > first.page
    return kind is None and (repeated or turned) and not signed_again(first, second)


def _join(first: Table, second: Table) -> Table:
    headers = {compact(row_text(row)) for row in first.rows[: max(header_rows(first), 1)]} - {""}
    # The heads repeated on the new page: as the first part's (a PDF), or heads of the same kind of table
    # that OCR read a little differently.
    kind = table_kind(first)
    same_kind = kind is not None and table_kind(second) == kind
    rows = list(second.rows)[header_rows(second) if same_kind else 0:]
    while rows and compact(row_text(rows[0])) in headers:
        rows.pop(0)
    merged = [list(row) for row in first.rows]
    # Only a page break cuts a row in two (a PDF); Word keeps a row whole even when a table is split by hand.
    turned = first.page is not None and second.page is not None and second.page > first.page
    # Both parts drawn open at the break (a PDF's border lines run on past the page's foot and in from its head):
    # the first row below is the cut row's rest, whatever its cells hold.
    drawn_cut = first.open_below and second.open_above and bool(rows) and rows[0] is second.rows[0]
    if rows and turned and (drawn_cut or _cut_row(first, rows[0])):
        cut = rows.pop(0)
        merged[-1] = _join_rows(merged[-1], cut)
        # A cut cell spanning two rows of the grid below the break (a head's ``ความเสี่ยง``) is that one rest.
        while rows and not rows[0][0].text.strip() and [c.text for c in rows[0]] == [c.text for c in cut]:
            rows.pop(0)
    return Table(merged + [list(row) for row in rows], where=first.where, page=first.page,
                 open_below=second.open_below)


def _cut_row(first: Table, row: list[Cell]) -> bool:
    """Is this first row after a page break the rest of the row the break cut, rather than a new row?"""
    if len(first.rows) <= header_rows(first):  # only the header fits above the break: a new row names itself
        return bool(row) and not row[0].text.strip()
    if len(distinct(first.rows[-1])) == 1 < len(distinct(row)):
        return False  # one cell across the table (a phase's heading) is no row cut into cells below the break
    return _fragment(first, row)


def _fragment(first: Table, row: list[Cell]) -> bool:
    head = row[0].text.strip() if row else ""
    if table_kind(first) == GANTT and head:
        # A Gantt row with a name is a step of its own (a bar drawn across months fills no column in every row)
        # unless it is a step's name wrapped onto the next page: the rest of it, with no months of its own ...
        if numbered(head) or _phase_heading(head):
            return False
        # A row above the break named by a phase's whole name (the step each phase opens with) is a whole row:
        # the row below is a step of its own even when a scan lost its months (seed 3311, sc17's tuning scans).
        last = first.rows[-1]
        if last and compact(last[0].text).lower() in _phase_names():
            return False
        months = month_columns(next((r for r in first.rows if month_columns(r)), []))
        marked = {k for k in months if k < len(row) and _marked(row[k])}
        if not marked:
            return True
        # ... or the same months as the row above the break (Chromium paints a cut row's backgrounds on both pages).
        return marked == {k for k in months if k < len(last) and _marked(last[k])}
    firsts = [r[0].text.strip() for r in first.rows[header_rows(first):] if r]
    above = first.rows[-1][0].text.replace(SOFT_WRAP, "").strip() if first.rows[-1] else ""
    if head and above.endswith("/") and any(c.text.strip() for c in row[1:]):
        return True  # a head cut inside its slashed words (ประเด็น/ปัญหา/ความท้าทาย/ | ความต้องการ)
    if not head:  # a cut row: the first column, filled in every row above, is empty here
        return bool(firsts) and all(firsts) and any(c.text.strip() for c in row[1:])
    body = [t for t in firsts if t]
    count = sum(1 for t in body if numbered(t))
    if body and count * 2 >= len(body):
        if not numbered(head):
            # A KPI row whose number OCR lost still opens with its printed words (ประโยชน์ของนวัตกรรม), or a
            # row with the number that comes next (its dot lost, its numbering word read as Latin).
            return not (_next_number(above, head) or table_kind(first) == KPIS
                        and _kpi_row_head().match(_MISREAD_ROW_NUMBER.sub("", head)))
        # A numbered line inside a cut cell (``ตัวชี้วัดที่ 3.1`` under ``3. ประโยชน์ของนวัตกรรม``) carried to
        # the next page with the rest of another column's text, the columns every row fills left empty.
        # (Not a Gantt's: its month columns are filled row by row, none by every row.)
        return (table_kind(first) != GANTT and any(c.text.strip() for c in row[1:])
                and (_leaves_filled_columns_empty(first, row) or _first_sub_item(first, row)))
    return _leaves_filled_columns_empty(first, row)


def _item_numbers(text: str) -> set[tuple[int, ...]]:
    """The item numbers a numbered row's first cell shows: its leading one (``3.``) and those after a numbering
    word (``ตัวชี้วัดที่ 3.1``, as OCR misread it too)."""
    numbers = [m.group(1)] if (m := _LEADING_NUMBER.match(compact(text))) else []
    numbers += [number for word in _ROW_WORDS for _, _, number in numbered_spans(text, word)]
    return {tuple(int(part) for part in to_arabic_digits(n).split(".") if part) for n in numbers}


def _next_number(above: str, head: str) -> bool:
    """Whether a row whose first cell OCR left unnumbered starts with the number that comes next after the row
    above's: its dot lost (``3 ประโยชน์ของ…`` after ``2. ร้อยละ…``) or its numbering word read as Latin scraps
    (``AVIAN 3.2`` after ``ตัวชี้วัดที่ 3.1``). A number no count leads to (``15 คะแนน)``) is no item's."""
    m = _SCRAP_NUMBER.match(head)
    if m is None:
        return False
    number = tuple(int(part) for part in to_arabic_digits(m.group(1)).split("."))
    successors = set()
    for n in _item_numbers(above):
        successors |= {(n[0] + 1,), (*n[:-1], n[-1] + 1), (*n, 1)}
    return number in successors


def _first_sub_item(first: Table, row: list[Cell]) -> bool:
    """A row numbered N.1 (``ตัวชี้วัดที่ 3.1``) after the break under a row numbered N whose cell held it: the
    cell cut below N's heading, the columns every row fills left empty in one place at least."""
    above = _NUMBER.match(compact(first.rows[-1][0].text)) if first.rows[-1] else None
    below = _SUB_NUMBER.match(compact(row[0].text))
    if above is None or below is None or to_arabic_digits(above.group(1)) != to_arabic_digits(below.group(1)):
        return False
    body = first.rows[header_rows(first):]
    return any(all(k < len(r) and r[k].text.strip() for r in body) and not row[k].text.strip()
               for k in range(1, len(row)))


def _leaves_filled_columns_empty(first: Table, row: list[Cell]) -> bool:
    """Unnumbered rows (risks typed as plain sentences): the rest of a cut row leaves empty most of the columns
    that every row above fills (likelihood, impact, level); a new row leaves at most a blank count or two."""
    body = first.rows[header_rows(first):]
    if len(body) < 2:
        return False
    filled = [k for k in range(1, len(row)) if all(k < len(r) and r[k].text.strip() for r in body)]
    empty = [k for k in filled if not row[k].text.strip()]
    return len(empty) * 2 > len(filled)


@cache
def _phase_names() -> frozenset[str]:
    """The phases' names as a plan's steps repeat them (``การสร้างนวัตกรรม``), compact."""
    return frozenset(compact(label).lower() for key, label in form("plan").fields["steps"].item["phase"].choices.items()
                     if key)


def _marked(cell: Cell) -> bool:
    return cell.shaded or bool(cell.text.strip())


def _phase_heading(text: str) -> bool:
    return phase_of_heading(text) is not None


def _join_rows(upper: list[Cell], lower: list[Cell]) -> list[Cell]:
    joined: dict[int, Cell] = {}
    out = []
    for top, bottom in zip(upper, lower, strict=False):
        if id(top) not in joined:
            text = "\n".join(t for t in (top.text, bottom.text) if t.strip()).replace(f"{SOFT_WRAP}\n", "")
            joined[id(top)] = Cell(text, shaded=top.shaded or bottom.shaded, fill=top.fill or bottom.fill,
                                   where=top.where)
        out.append(joined[id(top)])
    return out
