"""Where a stored record sits (agency, fiscal year): moved by a correction, or to its cycle's year once known."""

from __future__ import annotations

import hashlib
from typing import Any

import sqlalchemy as sa

from pipeline import agencies as agency_list
from pipeline.forms import form
from pipeline.identity import CYCLE_KINDS, PLACEMENT, FiscalYearError, agency_key, cycle_year, fiscal_year
from pipeline.store.fieldpath import validated_fields
from pipeline.store.models import Correction, StoreError
from pipeline.store.schema import agencies, corrections, files, records
from pipeline.thai import bangkok_date, fiscal_year_of

PLACEMENT_FIELDS = ("agency", "fiscal_year")
_GUESSED = ("cycle", "received")  # years not stated by the record or a person: they may still move
_RECEIVED_NOTE = "taken from the day the file was received"


def slot_of(agency: str | None, fiscal_year: int | None, kind: str, idea: str | None) -> str:
    """The versioning slot: the same agency, year, kind (and idea) make the versions of one document."""
    idea_part = hashlib.sha256(idea.encode()).hexdigest()[:24] if idea else ""
    return f"{agency_key(agency)}|{fiscal_year or ''}|{kind}|{idea_part}"


def _agency_named(value: Any) -> str:
    found = agency_list.resolve(str(value or ""))
    if found.agency is not None:
        return found.agency.th
    if found.candidates:
        names = ", ".join(a.th for a in found.candidates)
        raise StoreError(f"{value!r} could be any of {names}: give the agency's full name",
                         f"{value!r} ใกล้เคียงหลายหน่วยงาน ({names}) โปรดระบุชื่อเต็มของหน่วยงาน")
    raise StoreError(f"{value!r} is no agency in pipeline/data/agencies.yaml: give an agency's name as listed "
                     f"there (or add the agency to that file)",
                     f"ไม่พบหน่วยงาน {value!r} ในรายชื่อหน่วยงาน (pipeline/data/agencies.yaml) "
                     f"โปรดระบุชื่อหน่วยงานตามรายชื่อ หรือเพิ่มหน่วยงานในไฟล์ดังกล่าว")


class Placing:
    """The store's moves: mixed into ``Store`` (which gives ``engine`` and ``_agency_id``)."""

    engine: sa.Engine

    def _agency_id(self, conn: sa.Connection, name: str | None) -> int | None:  # pragma: no cover - Store's
        raise NotImplementedError

    def _placed_by_hand(self, conn: sa.Connection, file_id: int, agency: str | None,
                        values: dict[str, Any]) -> tuple[str | None, int | None]:
        """A file read again keeps the agency and year a person gave its record (``values`` updated too)."""
        year = values["fiscal_year"]
        for row in conn.execute(sa.select(corrections.c.field, corrections.c.new_value).where(
                corrections.c.file_id == file_id, corrections.c.field.in_(PLACEMENT_FIELDS))
                .order_by(corrections.c.id)):
            if row.field == "agency" and row.new_value:
                agency = row.new_value
                values["agency_id"] = self._agency_id(conn, agency)
            elif row.field == "fiscal_year" and row.new_value:
                year = values["fiscal_year"] = int(row.new_value)
        return agency, year

    def _move(self, conn: sa.Connection, row: Any, agency: str | None, year: int | None,
              fields: dict[str, Any], provenance: dict[str, Any], warnings: list[str]) -> None:
        """Put one record version in its new agency / year slot, current there; its old slot falls back."""
        agency_id = self._agency_id(conn, agency)
        slot = slot_of(agency, year, row.kind, row.idea_key)
        values: dict[str, Any] = {"fields": fields, "provenance": provenance, "warnings": warnings,
                                  "agency_id": agency_id, "fiscal_year": year}
        if slot != row.slot:
            version = (conn.execute(sa.select(sa.func.max(records.c.version)).where(records.c.slot == slot))
                       .scalar_one() or 0) + 1
            conn.execute(sa.update(records).where(records.c.slot == slot).values(is_current=False))
            values.update(slot=slot, version=version, is_current=True)
        conn.execute(sa.update(records).where(records.c.id == row.id).values(**values))
        if slot != row.slot and row.is_current:
            newest = conn.execute(sa.select(records.c.id).where(records.c.slot == row.slot)
                                  .order_by(records.c.version.desc()).limit(1)).scalar()
            if newest is not None:
                conn.execute(sa.update(records).where(records.c.id == newest).values(is_current=True))
        conn.execute(sa.update(files).where(files.c.id == row.file_id).values(agency_id=agency_id, fiscal_year=year))

    @staticmethod
    def _row(conn: sa.Connection, record_id: int) -> Any:
        return conn.execute(sa.select(records, agencies.c.name.label("agency_name"))
                            .select_from(records.outerjoin(agencies, records.c.agency_id == agencies.c.id))
                            .where(records.c.id == record_id).with_for_update(of=records)).first()

    def correct_placement(self, record_id: int, field: str, value: Any, *, by: str, note: str | None,
                          at: Any) -> Correction:
        """A record given another agency or fiscal year by hand: it moves there (its form's field follows)."""
        with self.engine.begin() as conn:
            row = self._row(conn, record_id)
            if row is None:
                raise StoreError(f"there is no record {record_id} in the store (see `python -m pipeline records`)",
                                 f"ไม่พบเอกสารหมายเลข {record_id} ในฐานข้อมูล (ดูรายการด้วยคำสั่ง records)")
            agency, year = row.agency_name, row.fiscal_year
            if field == "agency":
                old, new = agency, _agency_named(value)
                agency = new
            else:
                try:
                    old, new = year, fiscal_year(value, where=f"record {record_id}, fiscal_year")
                except FiscalYearError as exc:
                    raise StoreError(exc.message_en, exc.message_th, where=exc.where) from None
                year = new
            fields = dict(row.fields)
            if field in form(row.kind).fields:
                fields = validated_fields(row.kind, {**fields, field: new}, f"record {record_id}, {field}")
            warnings = [w for w in row.warnings or [] if field != "fiscal_year" or _RECEIVED_NOTE not in w]
            self._move(conn, row, agency, year, fields, {**(row.provenance or {}), PLACEMENT: "correction"}
                       if field == "fiscal_year" else dict(row.provenance or {}), warnings)
            correction_id = conn.execute(sa.insert(corrections).values(
                record_id=record_id, file_id=row.file_id, field=field, old_value=old, new_value=new,
                by=by, note=note, at=at).returning(corrections.c.id)).scalar_one()
        return Correction(correction_id, record_id, field, old, new, by, note, at)

    def _current(self, conn: sa.Connection) -> list[Any]:
        return conn.execute(sa.select(records, files.c.received_at, agencies.c.name.label("agency_name"))
                            .select_from(records.join(files, records.c.file_id == files.c.id)
                                         .outerjoin(agencies, records.c.agency_id == agencies.c.id))
                            .where(records.c.is_current.is_(True))).all()

    @staticmethod
    def _stated(rows: list[Any]) -> dict[str, set[int]]:
        years: dict[str, set[int]] = {}
        for row in rows:
            if (row.kind in CYCLE_KINDS and row.agency_name and row.fiscal_year
                    and (row.provenance or {}).get(PLACEMENT) not in _GUESSED):
                years.setdefault(agency_key(row.agency_name), set()).add(row.fiscal_year)
        return years

    def cycle_years(self, agency: str) -> list[int]:
        """The fiscal years the agency's current plan / Form 3 / Form 4 state (not guessed ones)."""
        with self.engine.connect() as conn:
            return sorted(self._stated(self._current(conn)).get(agency_key(agency), set()))

    def resettle(self) -> list[tuple[int, int | None, int]]:
        """Records whose year was guessed (from the day received, or an earlier cycle) moved to the year the
        agency's plan / Form 3 / Form 4 now state: (record id, old year, new year) for each move."""
        moved: list[tuple[int, int | None, int]] = []
        with self.engine.begin() as conn:
            rows = self._current(conn)
            stated = self._stated(rows)
            for row in rows:
                if (row.provenance or {}).get(PLACEMENT) not in _GUESSED or not row.agency_name:
                    continue
                received = fiscal_year_of(bangkok_date(row.received_at))
                year = cycle_year(stated.get(agency_key(row.agency_name), ()), received)
                if year is None or year == row.fiscal_year:
                    continue
                warnings = [w for w in row.warnings or [] if _RECEIVED_NOTE not in w]
                self._move(conn, row, row.agency_name, year, dict(row.fields),
                           {**(row.provenance or {}), PLACEMENT: "cycle"}, warnings)
                moved.append((row.id, row.fiscal_year, year))
        return moved
