"""Agency clerks' drafts: forms filled on the web page, kept per agency and resumed until they are sent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from pipeline.identity import agency_key
from pipeline.store.models import StoreError
from pipeline.store.schema import drafts
from pipeline.store.store import Store


@dataclass(frozen=True)
class Draft:
    """One draft: its kind, agency, fiscal year, the fields as the clerk left them, who saved it and when."""

    id: int
    kind: str
    agency: str
    fiscal_year: int | None
    data: dict[str, Any]
    by: str
    created_at: dt.datetime
    updated_at: dt.datetime


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _draft(row: sa.Row) -> Draft:
    return Draft(row.id, row.kind, row.agency, row.fiscal_year, dict(row.data), row.by, _utc(row.created_at),
                 _utc(row.updated_at))


def new_draft(store: Store, kind: str, agency: str, fiscal_year: int | None, data: dict[str, Any], *,
              by: str) -> Draft:
    """A new draft of ``kind`` for ``agency``."""
    key = agency_key(agency)
    if not key:
        raise StoreError("the draft names no agency", "แบบร่างไม่ได้ระบุหน่วยงาน")
    now = dt.datetime.now(dt.UTC)
    with store.engine.begin() as conn:
        new_id = conn.execute(sa.insert(drafts).values(
            kind=kind, agency=agency, agency_key=key, fiscal_year=fiscal_year, data=data, by=by, created_at=now,
            updated_at=now)).inserted_primary_key[0]
    return draft_by_id(store, int(new_id))


def save_draft(store: Store, draft_id: int, data: dict[str, Any], *, by: str,
               fiscal_year: int | None = None) -> Draft:
    """Keep ``data`` as the draft's fields (its kind and agency never change)."""
    values: dict[str, Any] = {"data": data, "by": by, "updated_at": dt.datetime.now(dt.UTC)}
    if fiscal_year is not None:
        values["fiscal_year"] = fiscal_year
    with store.engine.begin() as conn:
        conn.execute(sa.update(drafts).where(drafts.c.id == draft_id).values(**values))
    return draft_by_id(store, draft_id)


def draft_by_id(store: Store, draft_id: int) -> Draft:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(drafts).where(drafts.c.id == draft_id)).first()
    if row is None:
        raise StoreError(f"there is no draft {draft_id}", f"ไม่พบแบบร่างหมายเลข {draft_id}")
    return _draft(row)


def drafts_of(store: Store, agency: str, kind: str | None = None) -> list[Draft]:
    """The agency's drafts, newest change first."""
    query = sa.select(drafts).where(drafts.c.agency_key == agency_key(agency))
    if kind:
        query = query.where(drafts.c.kind == kind)
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(drafts.c.updated_at.desc(), drafts.c.id.desc())).all()
    return [_draft(r) for r in rows]


def delete_draft(store: Store, draft_id: int) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.delete(drafts).where(drafts.c.id == draft_id))
