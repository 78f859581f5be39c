"""A typed file's fields a person must check: a label's cell read into a value, a section or a cell's text lost."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pipeline.extractors.plausible import label_key, label_wording
from pipeline.extractors.ratings import RATED
from pipeline.extractors.vocabulary import vocabulary
from pipeline.forms import form
from pipeline.wording import printed_wording

MIN_LABEL_CHARS = 10  # shorter runs of label words (ใช้ ได้แก่, จำนวน … ชุด) also occur in a value by chance
MAX_SKIPPED = 3  # words of the value read between two pieces of the label (one line of each cell in turn)
_WORD = re.compile(r"[^\W\d_]")  # a word with letters: a number between two pieces is the form's own wording
_ROW_CELL = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")  # a cell of one of the form's own tables (risks[0].risk)
_OPEN_ROWS = frozenset({"steps", "questions"})  # a plan's step may run in no month; a question's counts are a list
_SCORE = re.compile(r"[\s0-9๐-๙().]")  # a typed level may carry its score: ๑๕ (สูง), ๘ (ปานกลาง)
# คือ ("is") always has what it names after it, so no value ends in it (none of the tuning sets' truths does): the
# value took in its label's last word (นวัตกรรมที่จะพัฒนา คือ, matched in its shorter spelling), or was cut short.
_LAST_COPULA = re.compile(r"(?:^|\s)คือ\s*$")
_NUMBERED = re.compile(r"^[0-9๐-๙.)\s]+")  # a label's item number (2. นวัตกรรมที่จะพัฒนา คือ)


def required_by(fields: dict[str, Any]) -> set[str]:
    """Fields another field's value makes required: a budget's amount when it uses one, the reason when not."""
    uses = fields.get("uses_budget")
    if uses is True:
        return {"budget_amount_baht", "budget_source"}
    if uses is False:
        return {"no_budget_reason"}
    return set()


# The fields one choice asks for and the other does not (a budget's amount and source, or the reason for none).
CONDITIONAL = frozenset(required_by({"uses_budget": True}) | required_by({"uses_budget": False}))


@cache
def _labels(kind: str) -> tuple[tuple[str, str], ...]:
    """The form's printed labels and options (normalised, as printed), long enough, a choice's wording aside."""
    labels, choices = label_wording(kind)
    return tuple((key, printed) for key, printed in labels.items() if len(key) >= MIN_LABEL_CHARS and key not in choices)


def label_in_pieces(value: str, kind: str) -> str | None:
    """The first printed label (as printed) a value holds in pieces (``labels_in_pieces``), or None."""
    return next(iter(labels_in_pieces(value, kind, first=True)), None)


def labels_in_pieces(value: str, kind: str, *, first: bool = False) -> list[str]:
    """The printed label (as printed) whose words a value holds in two or more pieces with words of the value
    between them (``กองควบคุมระบบระบายน้ำ สำนัก/สำนักงาน สำนักการระบายน้ำ เขต``), or None.

    A word processor's label cell that wraps stands beside its value's cell; a PDF of it gives the two cells' lines
    in turn, and the value takes in the label's lines between its own (the label itself is then not found, or found
    in a shorter spelling). A run of at least ``MIN_LABEL_CHARS`` letters of one label, its pieces in order with at
    most ``MAX_SKIPPED`` words of the value between, is no value's wording: none of the tuning sets' truths or the
    embedded samples holds one. Every such label (``first``: the first found only)."""
    words = [label_key(w) for w in value.split()]
    found: list[str] = []
    for key, printed in _labels(kind):
        if _in_pieces(words, key):
            found.append(printed)
            if first:
                break
    return found


def _in_pieces(words: list[str], key: str) -> bool:
    for start, word in enumerate(words):
        at = key.find(word) if word else -1
        while at >= 0:
            if _runs_on(words, key, start + 1, at + len(word), at, between=False):
                return True
            at = key.find(word, at + 1)
    return False


@cache
def _label_fields(kind: str) -> dict[str, frozenset[str]]:
    """Each printed label (normalised) → the fields it labels (the form's anchors and its fields' own labels)."""
    out: dict[str, set[str]] = {}
    for anchor in vocabulary(kind).anchors:
        for label in anchor.labels if anchor.field else ():
            out.setdefault(label_key(_NUMBERED.sub("", label)), set()).add(anchor.field)
    for key, spec in form(kind).fields.items():
        out.setdefault(label_key(_NUMBERED.sub("", spec.label)), set()).add(key)
    return {label: frozenset(keys) for label, keys in out.items()}


def blanks_read_into(kind: str, values: dict[str, Any]) -> dict[str, str]:
    """Why a blank field (by path; ``values`` holds every field path's value) is likely a value lost: another text
    value of the same part of the record holds its printed label in pieces (``plan.project_name`` holding
    ``นวัตกรรมที่ … พัฒนา`` while ``plan.innovation`` is blank). A label cell read line by line into the value
    beside it takes the lines of its own value's cell with it; ``typed_value_doubt`` warns that value, and the
    field left blank is warned here (English, then Thai)."""
    out: dict[str, str] = {}
    for path, value in values.items():
        found = labels_in_pieces(value, kind) if isinstance(value, str) else []
        prefix = path.rsplit(".", 1)[0] + "." if "." in path else ""
        for printed in found:
            for field in _label_fields(kind).get(label_key(printed), ()):
                if values.get(prefix + field, "") in (None, "") and prefix + field in values:
                    out.setdefault(prefix + field, (
                        f"nothing was read for this field, and its printed label {printed!r} was read in pieces into "
                        f"{path}: its value may have gone there too (ไม่พบค่าของช่องนี้ และหัวข้อของช่องนี้ถูกอ่านปนเข้าไป"
                        f"ในช่อง {path} ค่าของช่องนี้อาจอยู่ในนั้น)"))
    return out


def _runs_on(words: list[str], key: str, start: int, pos: int, began: int, *, between: bool) -> bool:
    """Whether the label ``key`` read from ``began`` up to ``pos`` goes on in the words from ``start`` on until a
    run of ``MIN_LABEL_CHARS`` letters, with words of the value between two of its pieces somewhere."""
    if pos - began >= MIN_LABEL_CHARS and between:
        return True
    for n in range(start, min(len(words), start + MAX_SKIPPED + 1)):
        word = words[n]
        if word and key.startswith(word, pos):
            skipped = between or any(_WORD.search(w) for w in words[start:n])
            if _runs_on(words, key, n + 1, pos + len(word), began, between=skipped):
                return True
    return False


def typed_value_doubt(path: str, key: str, value: str, kind: str) -> str | None:
    """Why a typed text value is likely not its field's alone (English, then Thai), or None: a printed label in
    pieces between its words, a last word คือ, or a risk's rating that is no rating (another cell's text in it)."""
    pieces = label_in_pieces(value, kind)
    if pieces:
        return (f"holds the printed label {pieces!r} in pieces between its own words (the label's cell read into the "
                f"value line by line) (มีหัวข้อ {pieces!r} ที่พิมพ์ไว้ปนอยู่เป็นท่อน ๆ ระหว่างคำของค่า "
                f"อาจอ่านช่องหัวข้อปนเข้ามาทีละบรรทัด)")
    if _LAST_COPULA.search(value):
        return ("ends in 'คือ', which always has what it names after it (its label's last word read into the value, or "
                "the value cut short) (ลงท้ายด้วย 'คือ' ซึ่งต้องมีข้อความตามหลัง อาจอ่านคำท้ายของหัวข้อปนเข้ามาหรือค่าขาดหาย)")
    words = _SCORE.sub("", value)
    if path.startswith("risks[") and key in RATED and words and words not in printed_wording()["tables"]["ratings"]:
        return ("is neither a rating number nor a rating word (สูง, ปานกลาง, ต่ำ…): another cell's text was read "
                "into it (ไม่ใช่ระดับที่เป็นตัวเลขหรือคำบอกระดับ อาจอ่านข้อความช่องอื่นปนเข้ามา)")
    return None


def typed_blank_doubt(path: str, fields: dict[str, Any], unlabelled: tuple[str, ...]) -> str | None:
    """Why a typed file's blank is likely a value lost (English, then Thai), or None (a blank the agency left):
    its printed label is nowhere in the form either (a budget's blanks only where the ticked choice, or none
    read, asks for them), or it is a cell of a table row that names nothing (its first cell, the risk, partner or
    KPI, blank) while other cells hold text (no row of the samples or of the generators' truths is so)."""
    if path in unlabelled and (path not in CONDITIONAL or path in required_by(fields)
                               or fields.get("uses_budget") is None):
        return ("nothing was read for this field, and its printed label is not found in the file either (the section "
                "may have been lost when the file was made or printed) (ไม่พบค่าของช่องนี้ และไม่พบหัวข้อของช่องนี้ในไฟล์ "
                "ส่วนนี้อาจหายไประหว่างการทำหรือพิมพ์ไฟล์)")
    cell = _ROW_CELL.match(path)
    if cell is None or cell.group(1) in _OPEN_ROWS:
        return None
    rows = fields.get(cell.group(1))
    row = rows[int(cell.group(2))] if isinstance(rows, list) and int(cell.group(2)) < len(rows) else None
    if not isinstance(row, dict) or not row or next(iter(row.values())) not in (None, "", []):
        return None  # a row that names its risk, partner or KPI: a cell left blank beside it is the agency's own
    filled = [k for k, v in row.items() if v not in (None, "", [])]
    if filled:
        return (f"nothing was read for this cell of a row with no {next(iter(row))} that holds {', '.join(filled)}: "
                f"the row's text may have been lost or read into another cell (ช่องนี้ว่างในแถวที่ไม่มีชื่อรายการ "
                f"แต่มีค่าในช่องอื่น ข้อความของแถวอาจหายไปหรืออ่านปนไปช่องอื่น)")
    return None


__all__ = ["CONDITIONAL", "blanks_read_into", "label_in_pieces", "labels_in_pieces", "required_by", "typed_blank_doubt", "typed_value_doubt"]
