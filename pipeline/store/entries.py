"""The office's own entries in the store: committee part-2 scores, evaluator decisions, who uploaded which file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from pipeline.identity import agency_key
from pipeline.store.models import StoreError
from pipeline.store.schema import office_entries, uploads
from pipeline.store.store import Store

ENTRY_KINDS: tuple[str, ...] = ("committee", "evaluation")


@dataclass(frozen=True)
class OfficeEntry:
    """One saved entry: its kind, agency, fiscal year, the values as entered, who saved it and when."""

    id: int
    kind: str
    agency: str
    fiscal_year: int | None
    data: dict[str, Any]
    current: bool
    by: str
    at: dt.datetime


def _entry(row: sa.Row) -> OfficeEntry:
    return OfficeEntry(row.id, row.kind, row.agency, row.fiscal_year, dict(row.data), bool(row.is_current), row.by,
                       row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC))


def save_entry(store: Store, kind: str, agency: str, fiscal_year: int | None, data: dict[str, Any], *,
               by: str) -> OfficeEntry:
    """Save ``data`` as the current entry of its kind for the agency and year; the earlier ones stay as history."""
    if kind not in ENTRY_KINDS:
        raise StoreError(f"entry kind {kind!r} is not one of {', '.join(ENTRY_KINDS)}", f"ชนิดรายการ {kind!r} ไม่ถูกต้อง")
    if not (by or "").strip():
        raise StoreError("say who saves the entry", "ต้องระบุชื่อผู้บันทึก")
    key = agency_key(agency)
    if not key:
        raise StoreError("the entry names no agency", "ไม่ได้ระบุหน่วยงาน")
    where = [office_entries.c.kind == kind, office_entries.c.agency_key == key,
             office_entries.c.fiscal_year.is_(None) if fiscal_year is None else office_entries.c.fiscal_year == fiscal_year]
    with store.engine.begin() as conn:
        conn.execute(sa.update(office_entries).where(*where).values(is_current=False))
        new_id = conn.execute(sa.insert(office_entries).values(
            kind=kind, agency=" ".join(agency.split()), agency_key=key, fiscal_year=fiscal_year, data=data,
            is_current=True, by=by.strip(), at=dt.datetime.now(dt.UTC)).returning(office_entries.c.id)).scalar_one()
        row = conn.execute(sa.select(office_entries).where(office_entries.c.id == new_id)).one()
    return _entry(row)


def entries(store: Store, kind: str, *, fiscal_year: int | None = None, agency: str | None = None,
            history: bool = False) -> list[OfficeEntry]:
    """The current entries of ``kind`` (every version with ``history``, newest first), narrowed by year/agency."""
    query = sa.select(office_entries).where(office_entries.c.kind == kind)
    if fiscal_year is not None:
        query = query.where(office_entries.c.fiscal_year == fiscal_year)
    if agency is not None:
        query = query.where(office_entries.c.agency_key == agency_key(agency))
    if not history:
        query = query.where(office_entries.c.is_current.is_(True))
    with store.engine.connect() as conn:
        return [_entry(row) for row in conn.execute(query.order_by(office_entries.c.id.desc()))]


def record_upload(store: Store, sha256: str, name: str, *, by: str) -> None:
    """Who sent a file through the web page (the ingest records what became of it)."""
    with store.engine.begin() as conn:
        conn.execute(sa.insert(uploads).values(sha256=sha256, name=name[:1000], by=by, at=dt.datetime.now(dt.UTC)))


def uploaded_by(store: Store, sha256: str) -> list[tuple[str, dt.datetime]]:
    """Who uploaded these bytes, and when (oldest first)."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(uploads.c.by, uploads.c.at).where(uploads.c.sha256 == sha256)
                            .order_by(uploads.c.id)).all()
    return [(row.by, row.at) for row in rows]


__all__ = ["ENTRY_KINDS", "OfficeEntry", "entries", "record_upload", "save_entry", "uploaded_by"]
