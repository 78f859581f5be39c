"""Form 4's two grids: the risk table (section 8) and the four success indicators (section 10.1)."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from pipeline.agencies import skeleton
from pipeline.document import Cell, Table
from pipeline.extractors.tables import header_rows, indicator_row
from pipeline.extractors.text import BOX, MISREAD_ONE, clean_value, compact, strip_leaders, strip_numbering
from pipeline.extractors.vocabulary import loose, numbered_spans
from pipeline.forms import form
from pipeline.readers.ocr.thai_repair import thai_months_from_latin
from pipeline.thai import MARKS, MONTH_ABBR, month_number, to_arabic_digits, to_thai_digits
from pipeline.wording import printed_wording


class Columns(NamedTuple):
    """How a table's columns are told by their heads' words (``tables.columns`` in extraction.yaml)."""

    main: tuple[str, ...]  # the items' own column's
    not_main: tuple[str, ...]  # other heads' words that may stand in the same head cell
    fields: tuple[tuple[str, tuple[str, ...]], ...]  # each other column's item field and its head's words, in order


@cache
def _columns_of(table: str) -> Columns:
    raw = printed_wording()["tables"]["columns"][table]
    return Columns(tuple(raw["main"]), tuple(raw["not_main"]),
                   tuple((key, tuple(words)) for key, words in raw["fields"].items()))


@cache
def _risk_guidance() -> tuple[str, ...]:
    return tuple(printed_wording()["tables"]["risk_guidance"])


# The points OCR misread as Latin letters or lost (``(จำนวน wo คะแนน)``, ``(จำนวน คะแนน)``): the printed words around
# them are the guidance still; no indicator's name holds จำนวน and คะแนน with only a scrap between.
_POINTS = re.compile(rf"\(?\s*{loose('จำนวน')}\s*(?:[\d๐-๙]+|[A-Za-z\d๐-๙]{{1,3}})?\s*{loose('คะแนน')}\s*\)?")
# The points closing the cell with จำนวน misread ("MUI 10 คะแนน)"): a short word before the number will do there.
_POINTS_AT_END = re.compile(rf"\(?\s*\S{{0,6}}\s*[\d๐-๙]+\s*{loose('คะแนน')}\s*\)?\s*$")
KPI_WORD = "ตัวชี้วัดที่"  # how the indicator column numbers its rows (ตัวชี้วัดที่ 3.1)
# A cell's first word that is nearly ตัวชี้วัดที่, its marks, digits and specks aside: the row's printed number.
_KPI_WORD_MISREAD = re.compile(r"^\s*(\S{6,16})\s+")
_NOT_LETTER = re.compile("[^\u0e01-\u0e2e\u0e40-\u0e44]")
_KPI_KEY = _NOT_LETTER.sub("", KPI_WORD)
KPI_WORD_SIMILARITY = 0.8  # one letter of its seven misread (ซ for ช)
_KPI_NUMBER = re.compile(rf"{loose(KPI_WORD)}\s*[\d๐-๙]+(?:\.[\d๐-๙]+)?\s*[:.]?")
# The printed words, behind the row's number however OCR misread it (®. for ๑.)
_INNOVATION = re.compile(rf"^\s*(?:[^\s\u0e01-\u0e2e]{{1,3}}\s*)?{loose('นวัตกรรมที่พัฒนา')}")
_IS = re.compile(rf"\s*{loose('คือ')}\s*[:]?")
_TOKEN = re.compile(r"\s*(\S+)")
# A speck OCR leaves before คือ or in its place ("7 คือ", "Ad,", "ย ค่อ"): up to three marks that are no Thai
# letters and no capitalised abbreviation the name may begin with (AI, QR), or one Thai letter alone.
_SCRAP = re.compile(rf"(?![A-Z]+$)[^\s\u0e01-\u0e4e]{{1,3}}|[\u0e01-\u0e2e][{MARKS}]?")
_BENEFITS_HEAD = re.compile(rf"^\s*{loose('ประโยชน์ของนวัตกรรม')}\s*")
# (From สำรวจจาก on: OCR misreads the โดย before it, ได้ย.)
_SURVEY = re.compile(rf"{loose('สำรวจจาก')}\s*:?\s*(.*?)\s*(?:{loose('จำนวน')}\s*:?\s*([\d๐-๙,]*)\s*{loose('ชุด')}|$)",
                     re.DOTALL)  # a colon typed after a label (a web form's "จำนวน: 40") is allowed
# The count closing the cell with its unit misread (ชูด, YA), ำ read as า: the number is what counts.
_COUNT_AT_END = re.compile(rf"\s*{loose('จำนวน').replace('ำ', '[ำา]')}\s*:?\s*([\d๐-๙][\d๐-๙,]*)\s*[^\s\d๐-๙]{{0,4}}\s*$")


def _heads(table: Table, top: int) -> list[str]:
    """Each grid column's header: the text of every header cell above it."""
    return [compact(" ".join(row[k].text for row in table.rows[:top] if k < len(row)))
            for k in range(max(len(r) for r in table.rows))]


def _main_column(heads: list[str], words: tuple[str, ...], exclude: tuple[str, ...]) -> int:
    """The column holding the items' own text (after a ลำดับ column, if the table has one)."""
    for k, head in enumerate(heads):
        if any(w in head for w in words) and not any(x in head for x in exclude):
            return k
    return 0


def _columns(heads: list[str], main: int, spec: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, int]:
    """Grid column of each named column, found by its header's words; missing ones by position."""
    found: dict[str, int] = {}
    for key, words in spec:
        for k, head in enumerate(heads):
            if k <= main or k in found.values():
                continue
            if any(w in head for w in words):
                found[key] = k
                break
    for n, (key, _) in enumerate(spec, 1):
        found.setdefault(key, main + n)
    return found


def _cells(row: list[Cell], main: int, columns: dict[str, int]) -> dict[str, Cell | None]:
    """The row's cell for each named column (None where the column is missing or is the text cell itself)."""
    own = row[main] if main < len(row) else None
    return {key: row[k] if k < len(row) and row[k] is not own else None for key, k in columns.items()}


def _text(cell: Cell | None, guidance: tuple[str, ...] = ()) -> str | None:
    return clean_value(cell.text, guidance) if cell is not None else None


def _body_rows(table: Table, top: int) -> list[list[Cell]]:
    """The rows under a table's head; in a part whose head was on a page left out (``top`` 0), from its first
    indicator on: the rows above it are the rest of a row the missing page cut."""
    rows = table.rows[top:]
    if not top:
        rows = rows[next((n for n, row in enumerate(rows) if indicator_row(row)), 0):]
    return rows


def _row_cells(table: Table, name: str) -> list[tuple[Cell, dict[str, Cell | None]]]:
    """Each body row of Form 4's ``name`` table (``risks``, ``kpis``) that reaches the items' own column: that
    cell, and the row's cell of each other column by its item field."""
    top = header_rows(table)
    heads = _heads(table, top)
    spec = _columns_of(name)
    main = _main_column(heads, spec.main, spec.not_main)
    columns = _columns(heads, main, spec.fields)
    return [(row[main], _cells(row, main, columns)) for row in _body_rows(table, top) if main < len(row)]


def read_risks(table: Table) -> list[dict]:
    """One item per filled risk row: risk (without its number), likelihood, impact, level, mitigation."""
    guidance = _risk_guidance()
    items = []
    for own, others in _row_cells(table, "risks"):
        item = {"risk": _text(own, guidance)}
        item.update({key: _text(cell, guidance) for key, cell in others.items()})
        if item["risk"]:
            item["risk"] = strip_numbering(item["risk"]) or None
        if any(item.values()):
            items.append(item)
    return items


# A row's Thai number read by the English model (``lo.`` for ๒.): one or two Latin letters and a dot before Thai.
_LATIN_ITEM_NUMBER = re.compile(r"^\s*[A-Za-z]{1,2}[.,)]\s+(?=[\u0e01-\u0e4e])")


def kpi_name(text: str) -> str | None:
    """What fills an indicator row's blank: without its number, the printed guidance or ``(จำนวน N คะแนน)``."""
    text = _POINTS_AT_END.sub(" ", _POINTS.sub(" ", text))
    numbers = [m.end() for m in _KPI_NUMBER.finditer(text)] or [end for _, end, _ in numbered_spans(text, KPI_WORD)]
    if numbers:  # "3. ประโยชน์ของนวัตกรรม (…) ตัวชี้วัดที่ 3.1 NAME": the name follows the last number
        # … its sub-number's ๑ perhaps misread (``ตัวชี้วัดที่ ๓.@ ร้อยละ…``): a name never starts with @ or ©.
        text = re.sub(rf"^\s*(?:\.?[{MISREAD_ONE}](?=\s))?\s*[:.]?", "", text[numbers[-1]:])
    elif (word := _KPI_WORD_MISREAD.match(text)) and Levenshtein.normalized_similarity(
            _NOT_LETTER.sub("", word[1]), _KPI_KEY) >= KPI_WORD_SIMILARITY:
        text = text[word.end():]  # ``ตัวชุีวัดที่%๒``, ``ตัวซีวัดที่``: the row's number too misread to be found
    else:
        text = _LATIN_ITEM_NUMBER.sub("", strip_numbering(text))
        text = _innovation_name(text)
    value = clean_value(text)
    if value and _BENEFITS_HEAD.match(value) and not _BENEFITS_HEAD.sub("", value).strip():
        return None
    return value


def _innovation_name(text: str) -> str:
    """Row 1's text after its printed words ``นวัตกรรมที่พัฒนา คือ``, คือ found however OCR misread its marks."""
    m = _INNOVATION.match(text)
    if m is None:
        return text
    rest = text[m.end():]
    for _ in range(3):
        if exact := _IS.match(rest):
            return rest[exact.end():]
        token = _TOKEN.match(rest)
        if token is None:
            break
        word = token.group(1).rstrip(",.:;")
        if len(word) <= 4 and skeleton(word) == skeleton("คือ"):
            return rest[token.end():]
        if not _SCRAP.fullmatch(token.group(1)):
            break
        rest = rest[token.end():]
    return rest


@cache
def _kind_words() -> tuple[tuple[str, str], ...]:
    """An indicator's kinds and their printed words (forms.yaml: output ผลผลิต, outcome ผลลัพธ์)."""
    return tuple(form("form4").fields["kpis"].item["kind"].choices.items())


def _kind(cell: Cell | None) -> str | None:
    if cell is None:
        return None
    text = compact(cell.text)
    found = [kind for kind, word in _kind_words() if word in text]
    if len(found) > 1:  # both printed with boxes: the ticked one
        for kind, word in _kind_words():
            m = re.search(rf"({BOX.pattern})\s*{loose(word)}", cell.text)
            if m and m.group(2):
                return kind
        return None
    return found[0] if found else None


FISCAL_FIRST_MONTHS = (10, 11, 12)  # a Thai fiscal year opens in October of the calendar year before
_PERIOD_PARTS = re.compile(r"([\s\-–—=]+)")  # = : a dash OCR read doubled
_ABBR_KEYS = {n: skeleton(abbr).replace(".", "") for n, abbr in MONTH_ABBR.items()}


def _month(token: str) -> int | None:
    """The month an abbreviation in a period cell names: as printed (ก.ย., พ.ค), or with a dot read as a mark
    (กุย., กุพ.) when its letters name one month only (มค is ม.ค. or มี.ค.: left alone)."""
    key = skeleton(token).replace(".", "")
    if re.search(r"[\d๐-๙]", token) or not re.search("[\u0e01-\u0e2e]", token) or len(key) > 3:
        return None  # a number, Latin letters, or a month's whole name (ตุลาคม): left as written
    if (n := month_number(token)) is not None:
        return n
    found = [n for n, abbr in _ABBR_KEYS.items() if abbr == key]
    return found[0] if len(found) == 1 else None


# A month abbreviation read by the English model, letter for Latin lookalike (ธ.ค. as ``5.A.``): only the
# shape letter-dot-letter-dot, and only letters whose lookalike is known.
_THAI_OF_LATIN = str.maketrans({"5": "ธ", "A": "ค"})
_LATIN_MONTH = re.compile(r"^[5A]\.[5A]\.?$")


def _year_lost(parts: list[str], months: list[int]) -> bool:
    """The first month's year read as a scrap of letters (``Del``) while the second's stands after it."""
    lost, kept = parts[months[0] + 2], parts[months[1] + 2] if months[1] + 2 < len(parts) else ""
    return (not re.search(r"[\d๐-๙]", lost) and len(lost) <= 4
            and re.fullmatch(r"[\d๐-๙]{2}", kept) is not None and re.search("[-–—=]", parts[months[0] + 3]) is not None)


def period(text: str | None, fiscal_year: int | None = None) -> str | None:
    """A KPI's period (``ธ.ค. 67 – ก.พ. 68``): each month abbreviation as printed, however OCR read its dots,
    and the dash between two months put back where OCR lost it; a year read as a scrap, the form's fiscal
    year's (``_fiscal_years``)."""
    value = clean_value(text)
    if not value:
        return value
    # A month the English model read (``AW. 68`` for ก.พ. 68) after the page's repair ran: its words read again.
    parts = _PERIOD_PARTS.split(thai_months_from_latin(value))
    parts = [_LATIN_MONTH.sub(lambda m: m[0].translate(_THAI_OF_LATIN), part) for part in parts]
    months = [k for k in range(0, len(parts), 2) if _month(parts[k]) is not None]
    for k in months:
        parts[k] = MONTH_ABBR[_month(parts[k])]  # type: ignore[index]
    if len(months) == 2 and months[1] == months[0] + 4 and _year_lost(parts, months):
        first, second = (_month(parts[k]) for k in months)
        year = int(to_arabic_digits(parts[months[1] + 2]))
        parts[months[0] + 2] = str(year - 1 if first > second else year)  # type: ignore[operator]
        if re.search("[๐-๙]", parts[months[1] + 2]):
            parts[months[0] + 2] = to_thai_digits(parts[months[0] + 2])
        parts[months[0] + 3] = parts[months[0] + 3].replace("=", "–")
    if fiscal_year is not None:
        _fiscal_years(parts, months, fiscal_year)
    between = parts[months[0] + 1:months[1]] if len(months) == 2 else ["-"]
    if not any(re.search("[-–—]", part) for part in between) and all(
            re.fullmatch(r"[\d๐-๙]+", part) for part in between[1::2]):  # nothing but a year between the two
        parts[months[1] - 1] = " – "
    return "".join(parts)


# A year the English model read as letters (``De``, ``be``, ``do`` for ๖๘ and ๖๗) or the Thai model as a non-word.
_YEAR_SCRAP = re.compile(r"[A-Za-z]{1,3}|[\u0e01-\u0e4e]{1,3}")


def _fiscal_years(parts: list[str], months: list[int], fiscal_year: int) -> None:
    """Each month's year read as a scrap (the period's last word, or before its dash), put as the fiscal year
    has it: a KPI is measured inside the fiscal year (ต.ค.–ธ.ค. in the year before, BE, two digits). Neither
    year readable (``ธ.ค. do - ก.พ. be``, ``ส.ค. De``), the rule above had nothing to count from."""
    from pipeline.readers.ocr.respell import is_word

    for k in months:
        at = k + 2
        if at >= len(parts) or not _YEAR_SCRAP.fullmatch(parts[at]) or is_word(parts[at]):
            continue
        if at + 1 < len(parts) and not re.fullmatch(r"\s*[-–—=]\s*|\s*", parts[at + 1]):
            continue
        month = _month(parts[k])
        if month is not None:
            parts[at] = str((fiscal_year - 1 if month in FISCAL_FIRST_MONTHS else fiscal_year) % 100)


# "A × 100 ÷ B", the percentage every method cell states: Tesseract's Thai model has no × or ÷ and drops them or
# reads % and + or = instead. A 100 between words with such a sign after it is that formula; in Thai digits
# too (๑๐๐), its ๑ perhaps misread as @ or ©, or a ๐ read as the ๑ it differs from by a tail (๑๑๐).
_PERCENT_FORMULA = re.compile(rf"(?<=[\u0e01-\u0e4e)])\s*[%xX×*]?\s*(100|[๑{MISREAD_ONE}][๐๑]{{2}})\s*(\)?)\s*[+=÷]\s*"
                              r"(?=[\u0e01-\u0e4e(])")


def _method(cell: Cell | None) -> str | None:
    value = _text(cell)
    return _PERCENT_FORMULA.sub(lambda m: f" × {'100' if m[1] == '100' else '๑๐๐'}{m[2]} ÷ ", value) if value else value


# A target opens with its count ("1 นวัตกรรม"); a lone ๑ there, printed in Thai digits, is read as © or @, often
# with a bracket after it (the ๑'s tail); a 1 or ๑ read with that bracket is one too, unless a list's 2) follows.
_ONE_MISREAD = re.compile(rf"^(?:[{MISREAD_ONE}]\)?|([1๑])\)(?!.*[2๒]\)))(?=\s*[\u0e01-\u0e4e])")


def _target(cell: Cell | None) -> str | None:
    value = _text(cell)
    return _ONE_MISREAD.sub(lambda m: m[1] or "๑", value) if value else value


def read_kpis(table: Table, fiscal_year: int | None = None) -> list[dict]:
    """The indicator rows (1, 2, 3.1, 3.2) with name, target, kind (output/outcome), method and period (its
    misread years put as ``fiscal_year`` has them)."""
    items = []
    for own, others in _row_cells(table, "kpis"):
        item = {"name": kpi_name(own.text),
                "target": _target(others["target"]),
                "kind": _kind(others["kind"]),
                "method": _method(others["method"]),
                "period": period(others["period"].text, fiscal_year) if others["period"] is not None else None}
        if any(item.values()):
            items.append(item)
    return items


def survey_source(text: str) -> tuple[str | None, str | None]:
    """``โดยสำรวจจาก X จำนวน N ชุด`` → (X, N) from a KPI method cell (blanks give None)."""
    m = _SURVEY.search(strip_leaders(text))
    if not m:
        return None, None
    population, count = m.group(1), m.group(2)
    if count is None and (end := _COUNT_AT_END.search(population)):
        population, count = population[:end.start()], end.group(1)
    return clean_value(population), clean_value(count or "")
