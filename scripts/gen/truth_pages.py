"""A damaged bundle's truth holds what the file holds: the values printed only on a page left out are not in it."""

from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from pipeline.extractors.vocabulary import vocabulary
from pipeline.forms import FieldSpec, form

_SPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_SHORT = 5  # letters: a shorter text found on the dropped page may be a word of another value there
# The head of the survey's tally table (scripts/build_templates.py), the only place its counts are printed.
_TALLY_HEAD = "จำนวนผู้ตอบแบบสอบถาม"
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def flat(text: str) -> str:
    """Text as the evaluator compares it, near enough to find a value in a page: no spaces, Arabic digits."""
    text = unicodedata.normalize("NFC", text).translate(_THAI_DIGITS).replace("\u0e4d\u0e32", "\u0e33")
    return _SPACE.sub("", text).lower()


def page_texts(pdf: Path, dropped: int) -> tuple[str, str]:
    """The flat text of ``pdf`` without its page ``dropped`` (from 0), and of that page alone, as the project's
    PDF reader reads them (it undoes what a producer's text layer repeats)."""
    import pypdfium2 as pdfium

    from pipeline.readers import read_document

    source = pdfium.PdfDocument(pdf)
    texts = []
    with tempfile.TemporaryDirectory(prefix="truth-pages-") as work:
        for name, pages in (("kept", [p for p in range(len(source)) if p != dropped]), ("dropped", [dropped])):
            part = pdfium.PdfDocument.new()
            part.import_pages(source, pages)
            path = Path(work) / f"{name}.pdf"
            part.save(path)
            texts.append(flat(read_document(path).text()))
    return texts[0], texts[1]


def without_page(kind: str, fields: dict[str, Any], kept: str, dropped: str) -> dict[str, Any]:
    """A form's truth fields without what only the dropped page prints: a text found on the dropped page and
    not in the rest is blank; a list item none of whose texts is in the rest is gone; a tick box, number or
    date whose printed label stands on the dropped page only is blank; a text broken over the page break keeps
    the words on the kept side."""
    out: dict[str, Any] = {}
    labels = _labels(kind)
    for key, spec in form(kind).fields.items():
        if key not in fields:
            continue
        value = fields[key]
        if spec.type == "plan" and isinstance(value, dict):
            out[key] = without_page("plan", value, kept, dropped)
        elif isinstance(value, list) and spec.item:
            out[key] = [_item(spec, item, kept, dropped) for item in value if _item_kept(item, kept, dropped)]
        elif spec.type == "text" and isinstance(value, str):
            out[key] = _text(value, kept, dropped)
        else:
            marks = labels.get(key, [])
            gone = marks and any(m in dropped for m in marks) and not any(m in kept for m in marks)
            out[key] = None if gone and value is not None else value
    return out


def _text(value: str | None, kept: str, dropped: str) -> str | None:
    """A text as the file holds it: blank when only the dropped page prints it, its head (or tail) when it
    runs from a kept page into the dropped one (or out of it)."""
    key = flat(value or "")
    if not key or key in kept:
        return value
    if key in dropped:
        return None if len(key) >= _SHORT else value  # (a word or two may stand anywhere: kept)
    text = value or ""
    for cut in range(len(text) - 1, 0, -1):  # (Thai wraps inside a phrase: cut anywhere)
        if flat(text[:cut]) in kept and flat(text[cut:]) in dropped:
            return text[:cut].strip()
        if flat(text[-cut:]) in kept and flat(text[:-cut]) in dropped:
            return text[-cut:].strip()
    return value


def _item_kept(item: Any, kept: str, dropped: str) -> bool:
    texts = [flat(v) for v in (item.values() if isinstance(item, dict) else [item]) if isinstance(v, str) and v]
    texts = [t for t in texts if t]
    return not texts or any(t in kept for t in texts) or not any(t in dropped for t in texts)


def _item(spec: FieldSpec, item: Any, kept: str, dropped: str) -> Any:
    if not isinstance(item, dict):
        return item
    return {k: _text(v, kept, dropped) if isinstance(v, str) and k in spec.item and spec.item[k].type == "text"
            else _counts(v, kept, dropped) if k in spec.item and spec.item[k].type == "counts" else v
            for k, v in item.items()}


def _counts(value: Any, kept: str, dropped: str) -> Any:
    """A survey question's counts as the file holds them: printed only in the tally (its own page, under its head),
    they are gone with that page. The record holds four counts, never a blank, and a questionnaire without its
    tally counts no answer: [0, 0, 0, 0] (what a reader gives, warned that the tally may be missing)."""
    gone = _TALLY_HEAD in dropped and _TALLY_HEAD not in kept
    return [0, 0, 0, 0] if gone and isinstance(value, list) else value


def _labels(kind: str) -> dict[str, list[str]]:
    """The printed label of each field (and of each tick-box group's options), flat."""
    out: dict[str, list[str]] = {}
    for anchor in vocabulary(kind).anchors:
        key = anchor.field or anchor.option
        if key:
            out.setdefault(key, []).append(flat(anchor.labels[0]))  # the longest: a short one stands anywhere
    return out
