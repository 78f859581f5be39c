"""A value cut at a scanned page's printed head (``แบบฟอร์ม 2`` atop its next page): the lines after it no field took."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pipeline.document import Document, Paragraph
from pipeline.extractors.lost_words import printed_text
from pipeline.extractors.plausible import MIN_LABEL_CHARS, label_key
from pipeline.extractors.vocabulary import vocabulary
from pipeline.forms import form
from pipeline.readers.ocr.confidence import letter_grams
from pipeline.wording import nested_strings, printed_wording

_WHERE = re.compile(r"^page (\d+), line (\d+)$")
HEAD_LINES = 2  # a page's printed head is among its first lines (a speck may be read as a line above it)
_NUMBER = re.compile(r"^[0-9๐-๙]{1,2}[.)]?")  # the item number before a label
SHORTEST = 8  # letters of the least rest counted: a speck, a page number or a stamp's scrap leaves fewer
# a rest this much of whose runs of letters (``confidence.letter_grams``) are in a value or printed was taken or is print
TAKEN_SHARE = 0.5


@cache
def _stops() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The form-number heads a form prints at a page's top (the stops that name a form: แบบฟอร์ม 2, …), and every
    stop (ลงชื่อ …), as label keys."""
    stops = printed_wording()["common"]["stops"]
    return tuple(label_key(s) for s in stops if s.startswith("แบบฟอร์ม")), tuple(label_key(s) for s in stops)


# Short pieces before a page's head: a page number or specks in the margin read as text (``6 0 แบบฟอร์ม2``).
_SCRAPS = re.compile(r"^(?:\S{1,2}\s+)+")


@cache
def _labels(kind: str) -> tuple[str, ...]:
    """The kind's printed labels as label keys, the shortest (หน่วยงาน, ชื่อโครงการ …) included: every spelling
    the reader's anchors (extraction.yaml) find on a page, the title, headings and tick-box options too, for
    whether a line after a page's head opens something the page prints. Not ``plausible._labels``, which asks
    whether a value repeats a label: that one is the fields' own labels (forms.yaml, a table's column labels
    included) less a choice's wording, which a value may rightly be (a phase's name is a step's)."""
    return tuple(label_key(label) for anchor in vocabulary(kind).anchors for label in anchor.labels
                 if len(label_key(label)) >= MIN_LABEL_CHARS)


def _key(text: str) -> str:
    return label_key(text).lstrip("|'`’‘·,")  # OCR's specks before a line (``. แบบฟอร์ม2``)


def _head_key(text: str) -> str:
    """A line's key with the scraps OCR read before it dropped, to tell a page's printed head by."""
    return _key(_SCRAPS.sub("", text.strip()))


def _place(where: str | None) -> tuple[int, int] | None:
    match = _WHERE.match(where or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def cut_at_page_head(document: Document, kind: str, fields: dict[str, Any], provenance: dict[str, str],
                     pages: list[int] | tuple[int, ...] | None = None) -> list[str]:
    """A warning, in English and Thai, for the text value read last before a page's printed form-number head when
    the lines after the head, up to the next field's line, a table or a stop, are held by no field: the head ended
    the value (a stop line) and its rest on the next page was read by nothing (``scan-tune3512-form2``: the
    selection process ``… กรรมการให้`` / ``แบบฟอร์ม 2`` / ``คะแนนด้านความคิดริเริ่ม …``)."""
    places = {key: p for key, where in provenance.items() if (p := _place(where)) is not None}
    used = set(places.values())
    # what the record's values and the form's printed wording hold: a page's printed lines are no value's rest
    values = "\n".join(label_key(s) for s in nested_strings(fields)) + "\n" + printed_text(kind)
    heads, stops = _stops()
    blocks = document.blocks
    out = []
    for n, block in enumerate(blocks):
        at = _place(getattr(block, "where", None))
        if (not isinstance(block, Paragraph) or at is None or at[0] < 2 or at[1] > HEAD_LINES
                or (pages and at[0] not in pages) or not _head_key(block.text).startswith(heads)):
            continue
        rest, shown = [], []
        for after in blocks[n + 1:]:
            where = _place(getattr(after, "where", None))
            if (not isinstance(after, Paragraph) or where is None or where[0] != at[0] or where in used
                    or (line := _key(after.text)).startswith(stops) or _NUMBER.sub("", line).startswith(_labels(kind))):
                break  # the next field's printed label ends the rest: its words are print, no value's rest
            rest.append(line)
            shown.append(after.text.strip())
        text = "".join(rest)
        grams = letter_grams(text)
        if len(text) < SHORTEST or sum(g in values for g in grams) >= TAKEN_SHARE * len(grams):
            continue
        before = [(p, key) for key, p in places.items() if p < at and _is_text(kind, key) and fields.get(key)]
        if before:
            key = max(before)[1]
            out.append(f"{key}: the value read from the photo or scan stops at the printed head of page {at[0]} "
                       f"(แบบฟอร์ม …), and the lines after it ({' '.join(shown)[:30]!r}…) were read into no field: its rest may "
                       f"be there: check it by eye — ค่านี้อาจขาดตอนที่หัวกระดาษของหน้า {at[0]} และข้อความต่อจากนั้น"
                       f"ไม่ได้ถูกอ่านเป็นค่าใด กรุณาตรวจสอบกับต้นฉบับ")
    return out


def _is_text(kind: str, key: str) -> bool:
    spec = form(kind).fields.get(key)
    return spec is not None and spec.type == "text"


__all__ = ["cut_at_page_head"]
