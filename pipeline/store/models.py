"""Store values: what the record store hands back (files, records, outcomes, review items, corrections, status)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from pipeline.errors import PipelineError
from pipeline.records import Origin, Record

FileStatus = Literal["processed", "rejected", "duplicate"]
FILE_STATUSES: tuple[str, ...] = ("processed", "rejected", "duplicate")
UNIQUE_STATUSES: tuple[str, ...] = ("processed", "rejected")
"""A sha256 is stored once with one of these; duplicates are logged as extra rows."""


class StoreError(PipelineError):
    """The record store cannot be opened, or a request to it does not fit what it holds."""


@dataclass(frozen=True)
class StoredFile:
    """One received file: its hash, name, size, what became of it, and the record it gave (if any)."""

    id: int
    sha256: str
    original_name: str
    size: int
    status: str
    stored_path: str | None
    claim_token: str | None
    reason_en: str | None
    reason_th: str | None
    received_at: dt.datetime
    record_id: int | None = None
    agency: str | None = None
    fiscal_year: int | None = None


@dataclass(frozen=True)
class Placed:
    """One record of a file to save, with the agency and fiscal year it belongs to (None: from its fields)."""

    record: Record
    agency: str | None = None
    fiscal_year: int | None = None


@dataclass(frozen=True)
class SaveOutcome:
    """What ``save_ingested`` did: ``stored`` (new), ``already`` (this claim saved it before) or ``duplicate``.

    ``record_id`` and ``version`` are the file's first record's; ``record_ids`` every record's, in file order."""

    status: Literal["stored", "already", "duplicate"]
    file_id: int
    record_id: int | None = None
    version: int | None = None
    existing: StoredFile | None = None
    record_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Correction:
    """A field set by hand: who, when, the old and the new value, and why."""

    id: int
    record_id: int
    field: str
    old: Any
    new: Any
    by: str
    note: str | None
    at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "record_id": self.record_id, "field": self.field, "old": self.old, "new": self.new,
                "by": self.by, "note": self.note, "at": self.at.isoformat()}


@dataclass(frozen=True)
class StoredRecord:
    """One version of a record as stored: its agency, fiscal year, version, whether it is current, and its file."""

    id: int
    kind: str
    agency: str | None
    fiscal_year: int | None
    version: int
    current: bool
    sha256: str
    source_name: str
    received_at: dt.datetime
    fields: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    corrections: list[Correction] = field(default_factory=list)
    stored_path: str | None = None
    file_id: int | None = None
    part: int = 1
    origin: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """The dict ``records --json`` prints for this record."""
        return {"id": self.id, "kind": self.kind, "agency": self.agency, "fiscal_year": self.fiscal_year,
                "version": self.version, "current": self.current, "sha256": self.sha256,
                "source_name": self.source_name, "received_at": self.received_at.isoformat(),
                "fields": self.fields, "warnings": self.warnings, "provenance": self.provenance,
                "confidence": self.confidence, "corrections": [c.to_json() for c in self.corrections],
                "part": self.part, "origin": self.origin}

    def record(self) -> Record:
        """The pipeline Record; its source is the stored file when kept, else the name it came in with."""
        return Record(kind=self.kind, fields=self.fields, warnings=list(self.warnings),
                      provenance=dict(self.provenance), confidence=dict(self.confidence),
                      source=self.stored_path or self.source_name,
                      origin=Origin.model_validate(self.origin) if self.origin else None)


@dataclass(frozen=True)
class ReviewItem:
    """A field a person should look at: it carries a warning or a low confidence."""

    record_id: int
    kind: str
    agency: str | None
    field: str
    value: Any
    warning: str | None
    confidence: float | None
    source_name: str
    where: str | None

    def to_json(self) -> dict[str, Any]:
        return {"record_id": self.record_id, "kind": self.kind, "agency": self.agency, "field": self.field,
                "value": self.value, "warning": self.warning, "confidence": self.confidence,
                "source_name": self.source_name, "where": self.where}


@dataclass(frozen=True)
class AgencyStatus:
    """One agency's year at a glance: the documents in (current versions), missing, invalid, and rejected files."""

    agency: str
    fiscal_year: int | None
    agency_type: str
    have: dict[str, int]
    missing: dict[str, int]
    invalid: dict[str, list[str]]
    rejected: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.invalid

    def to_json(self) -> dict[str, Any]:
        return {"agency": self.agency, "fiscal_year": self.fiscal_year, "agency_type": self.agency_type,
                "have": self.have, "missing": self.missing, "invalid": self.invalid, "rejected": self.rejected,
                "complete": self.complete}


@dataclass(frozen=True)
class YearMarks:
    """What a year's view rests on: (agency name, record id, its file's newest correction id or 0) of each current
    record, (agency name, file id) of each rejected file, every agency's name the store knows, and the stamp that
    sums them up (``Store.year_marks``)."""

    stamp: tuple[int, ...]
    records: list[tuple[str | None, int, int]]
    rejected: list[tuple[str | None, int]]
    agencies: list[str]
