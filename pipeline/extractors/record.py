"""The extraction stage: a returned file → a validated Record with warnings and per-field provenance."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.document import Block, Document, Paragraph
from pipeline.errors import RecordDataError, UnreadableFileError
from pipeline.extractors.crumbs import crumbs_taken_off
from pipeline.extractors.lost_rows import lost_steps_warnings
from pipeline.extractors.lost_words import lost_words_warnings
from pipeline.extractors.own_words import own_words_spelled
from pipeline.extractors.page_heads import cut_at_page_head
from pipeline.extractors.people import people_spelled, words_respelled
from pipeline.extractors.periods import periods_dated, phase_periods_mended
from pipeline.extractors.plausible import plausibility_warnings
from pipeline.extractors.ratings import ratings_spelled
from pipeline.extractors.shares import shares_mended
from pipeline.extractors.trust import review_warnings
from pipeline.extractors.twice import twice_read
from pipeline.records import Origin, Record, empty_fields
from pipeline.wording import strings_mapped

_THAI = re.compile("[\u0e01-\u0e2e]")
_MARK = re.compile("[\u0e31\u0e33-\u0e3a\u0e47-\u0e4e]")  # ำ too: its nikhahit is what OCR loses


def extract_all(path: str | Path, kind: str | None = None) -> list[Record]:
    """Read a returned DOCX, PDF or scan into one validated Record per form it holds, in file order.

    Each record's ``origin`` names its place in the file (which form of how many, its pages or blocks).
    Raises UnreadableFileError for a file that cannot be opened or holds no text and UnknownDocumentError
    (naming the title it saw) for a document that is none of the forms. A value that does not fit its field is
    dropped with a warning rather than failing the whole record. ``kind`` reads the whole file as one form of it.
    """
    from pipeline.readers import read_document

    return records_of(read_document(path), path, kind)


def records_of(document: Document, path: str | Path, kind: str | None = None) -> list[Record]:
    """The records of a Document read from ``path`` (``extract_all`` after the reader), with their warnings."""
    from pipeline.extractors import extract_forms
    from pipeline.readers.ocr.confidence import (  # typed: none
        added_words,
        document_confidence,
        dropped_words,
        field_confidence,
        weakest_words,
    )

    if not any(_has_text(block) for block in document.blocks):
        scanned = document.format == "scan"
        raise UnreadableFileError(
            "the file holds no text" + (" (a scan in which OCR found no text)" if scanned else ""),
            "ไม่พบข้อความในไฟล์" + (" (เป็นไฟล์สแกนที่อ่านภาพ OCR แล้วไม่พบข้อความ)" if scanned else ""),
            where=str(path))
    forms = extract_forms(document, kind)
    overall = document_confidence(document)
    weakest = weakest_words(document) if overall is not None else None  # one index for every form of a bundle
    dropped = dropped_words(document) if overall is not None else None
    added = added_words(document) if overall is not None else None
    records = []
    for number, found in enumerate(forms, 1):
        fields, crumbs, dated = {**empty_fields(found.kind), **found.fields}, {}, []
        if document.format == "scan":
            fields, crumbs = crumbs_taken_off(people_spelled(_names_spelled(_agencies_spelled(ratings_spelled(
                own_words_spelled(words_respelled(fields), document.text()))))))
            fields, dated = periods_dated(fields)
            fields, phased = phase_periods_mended(found.kind, fields)
            fields, twice = twice_read(fields)
            fields, shared = shares_mended(fields) if found.kind == "certificate" else (fields, [])
            dated += phased + twice + shared
        warnings = list(document.warnings) + found.warnings + dated + [
            f"{path}: stray marks {dropped!r} after the value (a smudge, stamp or signature read as text) were "
            f"taken off: check it by eye — ตัดเศษอักขระ {dropped!r} ท้ายค่าที่อ่านได้ออกแล้ว กรุณาตรวจสอบกับต้นฉบับ"
            for path, dropped in crumbs.items()]
        record = _validated(found.kind, fields, warnings, str(path))
        record.warnings = warnings
        record.provenance = {k: v for k, v in found.provenance.items() if v}
        record.confidence = field_confidence(document, record.provenance)
        values = record.model_dump(mode="json")["fields"]
        # read by OCR (the document has a confidence), every field is also checked for a likely misreading
        record.warnings += review_warnings(record.kind, values, record.confidence, overall, typed=overall is None,
                                           pages_missing=found.pages_missing, unlabelled=found.unlabelled,
                                           weakest=weakest)
        if overall is not None:  # a typed grid is read whole; OCR may leave a page's rest of it as another table
            record.warnings += lost_steps_warnings(document, found.pages, values)
        if dropped is not None:  # read by OCR: a line's words that its text dropped
            record.warnings += lost_words_warnings(record.kind, values, dropped, record.warnings, record.provenance,
                                                   added)
            record.warnings += cut_at_page_head(document, record.kind, values, record.provenance, found.pages)
        record.warnings += plausibility_warnings(record.kind, values, record.confidence)
        record.source = str(path)
        record.origin = Origin(part=number, parts=len(forms), pages=found.pages, blocks=found.blocks)
        records.append(record)
    return records


def extract(path: str | Path, kind: str | None = None) -> Record:
    """The first form of a returned file as a Record (see ``extract_all`` and ``first_form``)."""
    return first_form(extract_all(path, kind))


def first_form(records: list[Record]) -> Record:
    """The first of a file's records; for a file that holds several, with a warning saying how many others
    there are and that ``extract --jsonl`` (and ingest) reads them all."""
    first = records[0]
    if len(records) > 1:
        kinds = ", ".join(r.kind for r in records[1:])
        first = first.model_copy(deep=True)
        first.warnings.append(
            f"the file holds {len(records)} forms; this is the first, the other {len(records) - 1} ({kinds}) "
            f"are read by `extract --jsonl` (and ingest stores them all) — ไฟล์นี้มีแบบฟอร์ม {len(records)} ชุด "
            f"นี่คือชุดแรก อ่านทุกชุดได้ด้วย extract --jsonl")
    return first


def _agencies_spelled(fields: dict[str, Any]) -> dict[str, Any]:
    """OCR'd agency names (``agency``, a plan's too) put back to the agency list's spelling where the name
    resolves to one agency without doubt (สำนักการระบายนำ → สำนักการระบายน้ำ): a lost tone mark in a known
    name is not worth a person's time, nor a speck after a name read right (สำนักงานประชาสัมพันธ์'). A name that
    resolves to none or to several is left for review, and an alias (สนป.) as written."""
    from pipeline.agencies import resolve

    out = dict(fields)
    for key, value in fields.items():
        if key == "agency" and isinstance(value, str):
            found = resolve(value)
            if found.how in ("fuzzy", "exact") and found.agency is not None:
                out[key] = found.agency.th
        elif isinstance(value, dict):
            out[key] = _agencies_spelled(value)
    return out


@cache
def _agency_words() -> tuple[tuple[str, str], ...]:
    """(skeleton, spelling) of the words of the agency list's names, and of word pairs, that carry marks OCR
    loses (น้ำ of ระบายน้ำ, ปิ of บางกะปิ), six letters or more: a division or a partner is named with them."""
    from pythainlp.tokenize import word_tokenize

    from pipeline.agencies import all_agencies, skeleton

    found: dict[str, str] = {}
    for agency in all_agencies():
        words = word_tokenize(agency.th, engine="newmm", keep_whitespace=False)
        for n in range(len(words)):
            for phrase in (words[n], "".join(words[n:n + 2])):
                if len(phrase) >= 6 and skeleton(phrase) != phrase:
                    found.setdefault(skeleton(phrase), phrase)
    return tuple(sorted(found.items(), key=lambda item: -len(item[0])))


def _names_spelled(value: Any) -> Any:
    """OCR'd text with the words of agency names spelt as the agency list spells them where OCR only lost
    their marks (กองควบคุมระบบระบายนำ → กองควบคุมระบบระบายน้ำ); other words are left as read."""
    return strings_mapped(value, _text_names_spelled)


def _text_names_spelled(value: str) -> str:
    if not _THAI.search(value):
        return value
    from pipeline.agencies import skeleton

    for bare, spelled in _agency_words():
        if bare not in skeleton(value.replace(" ", "")):
            continue
        at = value.find(bare[0])
        while at >= 0:
            for stop in range(min(at + len(spelled) + 2, len(value)), at, -1):
                read = value[at:stop]
                if stop < len(value) and _MARK.match(value[stop]):
                    continue  # a letter is not cut from its marks
                # One space OCR put inside the name (ระบาย นำ: the word's marks lost, its letters set apart), the
                # name's end a word's end (การระบาย นำส่ง is two words).
                spaced = read.count(" ") == 1 and not read.endswith(" ")
                if spaced and stop < len(value) and _THAI.match(value[stop]):
                    continue
                joined = read.replace(" ", "", 1) if spaced else read
                if skeleton(joined) == bare and joined != spelled and _only_marks_lost(joined, spelled):
                    value = value[:at] + spelled + value[stop:]
                    break
            at = value.find(bare[0], at + 1)
    return value


def _only_marks_lost(read: str, spelled: str) -> bool:
    """Whether ``read`` is ``spelled`` with some of its marks left out (ำ read as า too)."""
    it = iter(spelled)
    for ch in read:
        for want in it:
            if want == ch or (want == "\u0e33" and ch == "\u0e32"):
                break
            if not _MARK.match(want):
                return False
        else:
            return False
    return all(_MARK.match(rest) for rest in it)


def _has_text(block: Block) -> bool:
    if isinstance(block, Paragraph):
        return bool(block.text.strip())
    return any(cell.text.strip() for row in block.rows for cell in row)


def _validated(kind: str, fields: dict[str, Any], warnings: list[str], where: str) -> Record:
    """Record.from_data; a field that will not validate is blanked (with a warning) and the rest kept."""
    try:
        return Record.from_data({"kind": kind, "fields": fields}, where=where)
    except RecordDataError:
        pass
    kept = dict(fields)
    for key, value in fields.items():
        why = _misfit(kind, {key: value}, where)
        if why is None:
            continue
        # a plan with one part that will not fit (a year misread 8568) keeps its other parts and its steps
        parts = dict(value) if isinstance(value, dict) else {}
        for part in parts:
            part_why = _misfit(kind, {key: {part: value[part]}}, where)
            if part_why is not None:
                parts[part] = None
                warnings.append(f"{key}.{part}: dropped, it does not fit the field ({part_why})")
        kept[key] = parts if parts and _misfit(kind, {key: parts}, where) is None else None
        if kept[key] is None:
            warnings.append(f"{key}: dropped, it does not fit the field ({why})")
    return Record.from_data({"kind": kind, "fields": kept}, where=where)


def _misfit(kind: str, fields: dict[str, Any], where: str) -> str | None:
    """Why these fields will not validate as the form's, or None when they do."""
    try:
        Record.from_data({"kind": kind, "fields": fields}, where=where)
    except RecordDataError as err:
        return err.message_en
    return None


@dataclass(frozen=True)
class SummaryEntry:
    """One field of a summary: its Thai label, its key and its value as the record holds it."""

    label: str
    key: str
    value: Any


@dataclass(frozen=True)
class Summary:
    """What ``extract`` shows of a record: the form's title, where it came from, each field, the warnings."""

    title: str
    kind: str
    source: str | None
    origin: Origin | None
    entries: list[SummaryEntry]
    warnings: list[str] = field(default_factory=list)


def summary(record: Record) -> Summary:
    """A record's summary, Thai labels with the English keys, in the form's order (the CLI lays it out)."""
    from pipeline.forms import form

    spec = form(record.kind)
    entries = [SummaryEntry(f.label, key, record.fields.get(key)) for key, f in spec.fields.items()]
    return Summary(spec.title, record.kind, record.source, record.origin, entries, list(record.warnings))


__all__ = ["Summary", "SummaryEntry", "extract", "extract_all", "first_form", "records_of", "summary"]
