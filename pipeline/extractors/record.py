"""The extraction stage: a returned file → a validated Record with warnings and per-field provenance."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.document import Block, Paragraph
from pipeline.errors import RecordDataError, UnreadableFileError
from pipeline.extractors.plausible import plausibility_warnings
from pipeline.records import Record, empty_fields


def extract(path: str | Path, kind: str | None = None) -> Record:
    """Read a returned DOCX or PDF, tell its kind, read its fields and validate them into a Record.

    Raises UnreadableFileError for a file that cannot be opened and UnknownDocumentError (naming the title
    it saw) for a document that is none of the forms. A value that does not fit its field is dropped with a
    warning rather than failing the whole record.
    """
    from pipeline.extractors import extract_fields
    from pipeline.readers import read_document

    document = read_document(path)
    if not any(_has_text(block) for block in document.blocks):
        scanned = document.format == "scan"
        raise UnreadableFileError(
            "the file holds no text" + (" (a scan in which OCR found no text)" if scanned else ""),
            "ไม่พบข้อความในไฟล์" + (" (เป็นไฟล์สแกนที่อ่านภาพ OCR แล้วไม่พบข้อความ)" if scanned else ""),
            where=str(path))
    found = extract_fields(document, kind)
    fields = {**empty_fields(found.kind), **found.fields}
    warnings = list(document.warnings) + found.warnings
    record = _validated(found.kind, fields, warnings, str(path))
    record.warnings = warnings
    record.provenance = {k: v for k, v in found.provenance.items() if v}
    from pipeline.readers.ocr.confidence import field_confidence  # OCR'd blocks carry a confidence; typed ones none

    record.confidence, unsure = field_confidence(document, record.provenance)
    record.warnings += unsure
    record.warnings += plausibility_warnings(record.kind, record.model_dump(mode="json")["fields"], record.confidence)
    record.source = str(path)
    return record


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
    for key in fields:
        try:
            Record.from_data({"kind": kind, "fields": {key: fields[key]}}, where=where)
        except RecordDataError as err:
            kept[key] = None
            warnings.append(f"{key}: dropped, it does not fit the field ({err.message_en})")
    return Record.from_data({"kind": kind, "fields": kept}, where=where)


__all__ = ["describe", "extract"]


def describe(record: Record) -> list[str]:
    """A readable summary of a record, Thai labels with the English keys: what ``extract`` prints."""
    from pipeline.forms import form

    spec = form(record.kind)
    lines = [f"{spec.title}  [{record.kind}]", f"file: {record.source}" if record.source else ""]
    for key, field_spec in spec.fields.items():
        lines += _describe_value(f"{field_spec.label} ({key})", record.fields.get(key), "  ")
    if record.warnings:
        lines.append("warnings / ข้อสังเกต:")
        lines += [f"  - {w}" for w in record.warnings]
    return [line for line in lines if line]


def _describe_value(label: str, value: Any, indent: str) -> list[str]:
    if value is None or value == []:
        return [f"{indent}{label}: —"]
    if isinstance(value, dict):
        out = [f"{indent}{label}:"]
        for key, item in value.items():
            out += _describe_value(key, item, indent + "  ")
        return out
    if isinstance(value, list) and value and isinstance(value[0], dict):
        out = [f"{indent}{label}: {len(value)}"]
        for n, item in enumerate(value, 1):
            out.append(f"{indent}  {n}. " + "; ".join(f"{k}: {'—' if v in (None, []) else v}" for k, v in item.items()))
        return out
    return [f"{indent}{label}: {value}"]
