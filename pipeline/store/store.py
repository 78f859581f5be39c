"""The record store: received files, record versions per agency / fiscal year / kind, corrections with audit."""

from __future__ import annotations

import datetime as dt
import functools
import math
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, OperationalError

from pipeline import agencies as agency_list
from pipeline.forms import KINDS, form
from pipeline.identity import agency_key, records_fiscal_year
from pipeline.records import Record
from pipeline.store.engine import create_engine, upgrade
from pipeline.store.fieldpath import field_spec, get_path, parse_value, set_path, validated_fields
from pipeline.store.models import (
    FILE_STATUSES,
    UNIQUE_STATUSES,
    Correction,
    Placed,
    SaveOutcome,
    StoredFile,
    StoredRecord,
    StoreError,
    YearMarks,
)
from pipeline.store.placement import PLACEMENT_FIELDS, Placing, slot_of
from pipeline.store.schema import agencies, corrections, files, records

SAVE_ATTEMPTS = 8
_KIND_ORDER = sa.case({kind: n for n, kind in enumerate(KINDS)}, value=records.c.kind, else_=len(KINDS))


def _utc(value: dt.datetime | None) -> dt.datetime:
    if value is None:
        return dt.datetime.now(dt.UTC)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def idea_key(record: Record, sha256: str, part: int = 1) -> str | None:
    """Form 1's idea, compared like agency names; a nameless idea is its own (keyed by its file and its place
    there: the three nameless ideas of one bundle are three)."""
    if record.kind != "form1":
        return None
    name = agency_key(record.fields.get("idea_name"))
    return name or (f"file:{sha256}" if part == 1 else f"file:{sha256}:{part}")


def _no_record(record_id: int) -> StoreError:
    return StoreError(f"there is no record {record_id} in the store (see `python -m pipeline records`)",
                      f"ไม่พบเอกสารหมายเลข {record_id} ในฐานข้อมูล (ดูรายการด้วยคำสั่ง records)")


class Store(Placing):
    """A record store on one database (SQLite or PostgreSQL); open it with ``open_store``."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine

    # ----------------------------------------------------------------------------------------- life cycle
    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------------------------------- files
    def _file_query(self) -> sa.Select:
        latest = (sa.select(sa.func.max(records.c.id)).where(records.c.file_id == files.c.id)
                  .scalar_subquery())
        return (sa.select(files, agencies.c.name.label("agency_name"), latest.label("record_id"))
                .select_from(files.outerjoin(agencies, files.c.agency_id == agencies.c.id)))

    @staticmethod
    def _file(row: Any) -> StoredFile:
        m = row._mapping
        return StoredFile(id=m["id"], sha256=m["sha256"], original_name=m["original_name"], size=m["size"],
                          status=m["status"], stored_path=m["stored_path"], claim_token=m["claim_token"],
                          reason_en=m["reason_en"], reason_th=m["reason_th"], received_at=_utc(m["received_at"]),
                          record_id=m["record_id"], agency=m["agency_name"], fiscal_year=m["fiscal_year"])

    def _find(self, conn: sa.Connection, sha256: str) -> StoredFile | None:
        row = conn.execute(self._file_query().where(files.c.sha256 == sha256, files.c.status.in_(UNIQUE_STATUSES))
                           ).first()
        return self._file(row) if row else None

    def find_file(self, sha256: str) -> StoredFile | None:
        """The first stored copy of a file (processed or rejected) with this hash, or None."""
        with self.engine.connect() as conn:
            return self._find(conn, sha256)

    def find_claim(self, claim_token: str) -> StoredFile | None:
        """The file row a claim saved (processed, rejected or a logged duplicate), or None: finishing a crashed run."""
        with self.engine.connect() as conn:
            row = conn.execute(self._file_query().where(files.c.claim_token == claim_token)
                               .order_by(files.c.id)).first()
        return self._file(row) if row else None

    def files(self, *, status: str | None = None) -> list[StoredFile]:
        """Every received file, oldest first, or those of one status."""
        query = self._file_query().order_by(files.c.id)
        if status is not None:
            query = query.where(files.c.status == status)
        with self.engine.connect() as conn:
            return [self._file(row) for row in conn.execute(query)]

    def set_stored_path(self, file_id: int, stored_path: str) -> None:
        """Where the file was put (after it was moved out of the inbox)."""
        with self.engine.begin() as conn:
            done = conn.execute(sa.update(files).where(files.c.id == file_id).values(stored_path=stored_path))
        if done.rowcount == 0:
            raise StoreError(f"there is no file {file_id} in the store", f"ไม่พบไฟล์หมายเลข {file_id} ในฐานข้อมูล")

    # ----------------------------------------------------------------------------------------- saving
    def _agency_id(self, conn: sa.Connection, name: str | None) -> int | None:
        key = agency_key(name)
        if not key:
            return None
        name = agency_list.canonical(name) or " ".join((name or "").split())
        insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(agencies)
        conn.execute(insert.values(key=key, name=name).on_conflict_do_nothing(
            index_elements=["key"]))
        return conn.execute(sa.select(agencies.c.id).where(agencies.c.key == key)).scalar_one()

    def save_ingested(self, *, sha256: str, original_name: str, size: int, claim_token: str, stored_path: str,
                      record: Record | None = None, agency: str | None = None, fiscal_year: int | None = None,
                      status: str = "processed", reason_en: str | None = None, reason_th: str | None = None,
                      received_at: dt.datetime | None = None, reprocess: bool = False,
                      records: list[Placed] | None = None) -> SaveOutcome:
        """Save a received file and its records (each a new current version) in one transaction.

        ``record`` is a file's one record; ``records`` the forms of a file that holds several (a bundle), each
        with its own agency and fiscal year. ``agency`` / ``fiscal_year`` given win; left out, they come from
        the records' fields. The same hash saved again under the same ``claim_token`` is ``already`` (nothing
        written), under another token a ``duplicate`` row. With ``reprocess`` the records become new versions
        of the file already stored (corrections made by hand are applied again)."""
        if status not in FILE_STATUSES:
            raise StoreError(f"file status {status!r} is not one of {', '.join(FILE_STATUSES)}",
                             f"สถานะไฟล์ {status!r} ไม่ถูกต้อง")
        placed = list(records or []) + ([Placed(record, agency, fiscal_year)] if record is not None else [])
        if placed and status != "processed":
            raise StoreError(f"a {status} file carries no record", f"ไฟล์ที่มีสถานะ {status} ต้องไม่มีข้อมูลเอกสาร")
        for n, item in enumerate(placed):
            form(item.record.kind)
            placed[n] = Placed(item.record, agency or item.agency or item.record.fields.get("agency"),
                               fiscal_year or item.fiscal_year or records_fiscal_year([item.record])
                               or records_fiscal_year([p.record for p in placed]))
        if placed:
            agency = agency or placed[0].agency
            fiscal_year = fiscal_year or placed[0].fiscal_year
        values = {"sha256": sha256, "original_name": original_name, "size": size, "status": status,
                  "stored_path": stored_path, "claim_token": claim_token, "reason_en": reason_en,
                  "reason_th": reason_th, "received_at": _utc(received_at), "fiscal_year": fiscal_year}
        for _attempt in range(SAVE_ATTEMPTS):
            try:
                with self.engine.begin() as conn:
                    return self._save(conn, values, placed, agency, reprocess)
            except IntegrityError:
                continue  # another process saved the same hash or slot first: look again
            except OperationalError as exc:
                if "locked" not in str(exc).lower() and "deadlock" not in str(exc).lower():
                    raise
        raise StoreError(f"could not save {original_name} after {SAVE_ATTEMPTS} attempts (the store is busy)",
                         f"บันทึกไฟล์ {original_name} ไม่สำเร็จ ฐานข้อมูลไม่ว่าง", where=original_name)

    def _save(self, conn: sa.Connection, values: dict[str, Any], placed: list[Placed], agency: str | None,
              reprocess: bool) -> SaveOutcome:
        values = {**values, "agency_id": self._agency_id(conn, agency)}
        existing = self._find(conn, values["sha256"])
        if existing is not None and reprocess:
            conn.execute(sa.update(files).where(files.c.id == existing.id).values(
                status=values["status"], reason_en=values["reason_en"], reason_th=values["reason_th"],
                stored_path=values["stored_path"] or existing.stored_path, agency_id=values["agency_id"],
                fiscal_year=values["fiscal_year"], claim_token=values["claim_token"],
                received_at=values["received_at"]))  # the token: a run killed now is finished, not duplicated
            return self._with_records(conn, existing.id, values, placed)
        if existing is not None and existing.claim_token == values["claim_token"]:
            ids = self._file_record_ids(conn, existing.id)
            return SaveOutcome("already", existing.id, ids[0] if ids else None,
                               self._version(conn, ids[0] if ids else None), existing, ids)
        if existing is not None or values["status"] == "duplicate":
            logged = conn.execute(sa.select(files.c.id).where(
                files.c.sha256 == values["sha256"], files.c.status == "duplicate",
                files.c.claim_token == values["claim_token"])).scalar()
            if logged is not None:  # this claim logged the copy before (a crashed run being finished)
                return SaveOutcome("duplicate", logged, None, None, existing)
            dup = conn.execute(sa.insert(files).values(**{**values, "status": "duplicate"})
                               .returning(files.c.id)).scalar_one()
            return SaveOutcome("duplicate", dup, None, None, existing)
        file_id = conn.execute(sa.insert(files).values(**values).returning(files.c.id)).scalar_one()
        return self._with_records(conn, file_id, values, placed)

    @staticmethod
    def _file_record_ids(conn: sa.Connection, file_id: int) -> tuple[int, ...]:
        """The newest record of each form of a file, in file order."""
        newest = (sa.select(records.c.part, sa.func.max(records.c.id).label("id"))
                  .where(records.c.file_id == file_id).group_by(records.c.part).order_by(records.c.part))
        return tuple(row.id for row in conn.execute(newest))

    @staticmethod
    def _version(conn: sa.Connection, record_id: int | None) -> int | None:
        if record_id is None:
            return None
        return conn.execute(sa.select(records.c.version).where(records.c.id == record_id)).scalar_one_or_none()

    def _with_records(self, conn: sa.Connection, file_id: int, values: dict[str, Any],
                      placed: list[Placed]) -> SaveOutcome:
        ids, versions = [], []
        for part, item in enumerate(placed, 1):
            record_id, version = self._with_record(conn, file_id, values, item, part)
            ids.append(record_id)
            versions.append(version)
        self._retire_parts(conn, file_id, len(placed))
        return SaveOutcome("stored", file_id, ids[0] if ids else None, versions[0] if versions else None,
                           record_ids=tuple(ids))

    def _with_record(self, conn: sa.Connection, file_id: int, values: dict[str, Any], item: Placed,
                     part: int) -> tuple[int, int]:
        record = item.record
        values = {**values, "fiscal_year": item.fiscal_year,
                  "agency_id": values["agency_id"] if part == 1 or item.agency is None
                  else self._agency_id(conn, item.agency)}
        agency, year = self._placed_by_hand(conn, file_id, item.agency, values)
        agency_id = values["agency_id"]
        idea = idea_key(record, values["sha256"], part)
        slot = slot_of(agency, year, record.kind, idea)
        fields, warnings = self._corrected(conn, file_id, part, record)
        self._retire_elsewhere(conn, file_id, part, slot)
        version = (conn.execute(sa.select(sa.func.max(records.c.version)).where(records.c.slot == slot))
                   .scalar_one() or 0) + 1
        conn.execute(sa.update(records).where(records.c.slot == slot, records.c.is_current.is_(True))
                     .values(is_current=False))
        record_id = conn.execute(sa.insert(records).values(
            file_id=file_id, agency_id=agency_id, fiscal_year=year, kind=record.kind,
            idea_key=idea, slot=slot, version=version, is_current=True,
            fields=fields, warnings=warnings, provenance=dict(record.provenance),
            confidence={k: float(v) for k, v in record.confidence.items()}, created_at=_utc(None),
            part=part, origin=record.origin.model_dump(mode="json") if record.origin else None,
        ).returning(records.c.id)).scalar_one()
        return record_id, version

    def _retire_parts(self, conn: sa.Connection, file_id: int, parts: int) -> None:
        """A file read again that now holds fewer forms: the forms it no longer gives stop being current."""
        stale = conn.execute(sa.select(records.c.part).where(
            records.c.file_id == file_id, records.c.part > parts, records.c.is_current.is_(True))).scalars()
        for part in set(stale):
            self._retire_elsewhere(conn, file_id, part, None)

    @staticmethod
    def _retire_elsewhere(conn: sa.Connection, file_id: int, part: int, slot: str | None) -> None:
        """A file read again may now say another agency, year, kind or idea for one of its forms: what that form
        said before stops being current, and the newest version of another file in that old place is current
        again. (``slot`` None: the form is gone.)"""
        stale = conn.execute(sa.select(records.c.id, records.c.slot).where(
            records.c.file_id == file_id, records.c.part == part, records.c.is_current.is_(True),
            records.c.slot != slot if slot is not None else sa.true())).all()
        for row in stale:
            conn.execute(sa.update(records).where(records.c.id == row.id).values(is_current=False))
            newest = conn.execute(sa.select(records.c.id).where(records.c.slot == row.slot,
                                                                records.c.file_id != file_id)
                                  .order_by(records.c.version.desc()).limit(1)).scalar()
            if newest is not None:
                conn.execute(sa.update(records).where(records.c.id == newest).values(is_current=True))

    def _corrected(self, conn: sa.Connection, file_id: int, part: int, record: Record
                   ) -> tuple[dict[str, Any], list[str]]:
        """The record's fields with the corrections made by hand to earlier versions of the same form of the
        same file."""
        fields, warnings = dict(record.fields), list(record.warnings)
        rows = conn.execute(sa.select(corrections).select_from(
            corrections.join(records, corrections.c.record_id == records.c.id)).where(
            corrections.c.file_id == file_id, records.c.part == part).order_by(corrections.c.id)).all()
        for row in rows:
            if row.field in PLACEMENT_FIELDS and row.field not in form(record.kind).fields:
                continue  # where the record goes, applied by _placed_by_hand
            try:
                fields = validated_fields(record.kind, set_path(fields, row.field, row.new_value))
            except StoreError as exc:
                warnings.append(f"{row.field}: the correction by {row.by} could not be applied again "
                                f"({exc.message_en}) — ใช้ค่าที่แก้ไขด้วยมือไม่ได้")
        return fields, warnings

    # ----------------------------------------------------------------------------------------- reading records
    def records(self, *, fiscal_year: int | None = None, agency: str | None = None, kind: str | None = None,
                current_only: bool = False, ids: list[int] | None = None) -> list[StoredRecord]:
        """The stored record versions, by agency, year, kind and version; filters narrow them."""
        query = (sa.select(records, files.c.sha256, files.c.original_name, files.c.received_at,
                           files.c.stored_path, agencies.c.name.label("agency_name"))
                 .select_from(records.join(files, records.c.file_id == files.c.id)
                              .outerjoin(agencies, records.c.agency_id == agencies.c.id))
                 .order_by(agencies.c.name, records.c.fiscal_year, _KIND_ORDER, records.c.id))
        if fiscal_year is not None:
            query = query.where(records.c.fiscal_year == int(fiscal_year))
        if kind is not None:
            query = query.where(records.c.kind == kind)
        if current_only:
            query = query.where(records.c.is_current.is_(True))
        if ids is not None:
            query = query.where(records.c.id.in_(ids))
        if agency is not None:
            key = agency_key(agency)
            query = query.where(agencies.c.key.contains(key, autoescape=True))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            fixes = self._corrections(conn, sorted({row.file_id for row in rows}))
            parts = self._parts(conn, sorted({row.file_id for row in rows})) if fixes else {}
        return [StoredRecord(
            id=r.id, kind=r.kind, agency=r.agency_name, fiscal_year=r.fiscal_year, version=r.version,
            current=bool(r.is_current), sha256=r.sha256, source_name=r.original_name,
            received_at=_utc(r.received_at), fields=r.fields, warnings=list(r.warnings or []),
            provenance=dict(r.provenance or {}), confidence=dict(r.confidence or {}),
            corrections=[c for c in fixes.get(r.file_id, []) if c.record_id in parts.get((r.file_id, r.part), ())],
            stored_path=r.stored_path, file_id=r.file_id, part=r.part, origin=r.origin) for r in rows]

    def record(self, record_id: int) -> StoredRecord:
        """One stored record version by its id."""
        found = self.records(ids=[record_id])
        if not found:
            raise _no_record(record_id)
        return found[0]

    @staticmethod
    def _parts(conn: sa.Connection, file_ids: list[int]) -> dict[tuple[int, int], set[int]]:
        """Record ids by (file, form of the file): a correction belongs to the versions of its own form."""
        out: dict[tuple[int, int], set[int]] = {}
        for row in conn.execute(sa.select(records.c.id, records.c.file_id, records.c.part)
                                .where(records.c.file_id.in_(file_ids))):
            out.setdefault((row.file_id, row.part), set()).add(row.id)
        return out

    @staticmethod
    def _corrections(conn: sa.Connection, file_ids: list[int]) -> dict[int, list[Correction]]:
        out: dict[int, list[Correction]] = {}
        if not file_ids:
            return out
        for row in conn.execute(sa.select(corrections).where(corrections.c.file_id.in_(file_ids))
                                .order_by(corrections.c.id)):
            out.setdefault(row.file_id, []).append(Correction(
                row.id, row.record_id, row.field, row.old_value, row.new_value, row.by, row.note, _utc(row.at)))
        return out

    # ----------------------------------------------------------------------------------------- correct
    def correct(self, record_id: int, field: str, value: Any, *, by: str, note: str | None = None) -> Correction:
        """Set a field by hand, checked against the kind, keeping who, when, the old and the new value."""
        if not (by or "").strip():
            raise StoreError("say who corrects the field (--by NAME)", "ต้องระบุชื่อผู้แก้ไข (--by ชื่อ)")
        if field in PLACEMENT_FIELDS:
            return self.correct_placement(record_id, field, value, by=by.strip(), note=note, at=_utc(None))
        with self.engine.begin() as conn:  # read and write in one transaction: two clerks at once both count
            row = conn.execute(sa.select(records.c.kind, records.c.fields, records.c.file_id)
                               .where(records.c.id == record_id).with_for_update()).first()
            if row is None:
                raise _no_record(record_id)
            spec = field_spec(row.kind, field)
            parsed = parse_value(spec, value)
            fields = validated_fields(row.kind, set_path(row.fields, field, parsed), f"record {record_id}, {field}")
            refuse_unstorable(get_path(fields, field), field)  # as the kind reads it: "1e26" is a number now
            old, new, at = get_path(row.fields, field), get_path(fields, field), _utc(None)
            conn.execute(sa.update(records).where(records.c.id == record_id).values(fields=fields))
            correction_id = conn.execute(sa.insert(corrections).values(
                record_id=record_id, file_id=row.file_id, field=field, old_value=old, new_value=new,
                by=by.strip(), note=note, at=at).returning(corrections.c.id)).scalar_one()
        return Correction(correction_id, record_id, field, old, new, by.strip(), note, at)

    # ----------------------------------------------------------------------------------------- status
    def year_marks(self, fiscal_year: int, unless: tuple[int, ...] | None = None) -> YearMarks | None:
        """What each agency's view of a year rests on, without the records' fields: its current record ids, each
        with its file's newest correction id, and its rejected files' ids. Equal marks for an agency mean nothing
        of its year was received, moved or corrected between two looks (what a page may cache its view on).
        None when the year's stamp (one row of sums, read first) is still ``unless``: nothing changed."""
        year = int(fiscal_year)
        fixed = (sa.select(corrections.c.file_id, sa.func.max(corrections.c.id).label("newest"))
                 .group_by(corrections.c.file_id).subquery())
        current = (sa.select(agencies.c.name, records.c.id, sa.func.coalesce(fixed.c.newest, 0))
                   .select_from(records.outerjoin(agencies, records.c.agency_id == agencies.c.id)
                                .outerjoin(fixed, fixed.c.file_id == records.c.file_id))
                   .where(records.c.fiscal_year == year, records.c.is_current.is_(True)).order_by(records.c.id))
        rejected = (sa.select(agencies.c.name, files.c.id)
                    .select_from(files.outerjoin(agencies, files.c.agency_id == agencies.c.id))
                    .where(files.c.status == "rejected", files.c.fiscal_year == year).order_by(files.c.id))
        with self.engine.connect() as conn:  # one connection: a look at an unchanged year is one round trip
            stamp = self._year_stamp(conn, year)
            if stamp == unless:
                return None
            return YearMarks(stamp=stamp, records=[tuple(row) for row in conn.execute(current)],
                             rejected=[tuple(row) for row in conn.execute(rejected)],
                             agencies=list(conn.execute(sa.select(agencies.c.name).order_by(agencies.c.name))
                                           .scalars()))

    @staticmethod
    def _year_stamp(conn: sa.Connection, year: int) -> tuple[int, ...]:
        """The year's marks summed up in one row: the newest file, record, correction and agency ids; count and
        sums of the ids (and their squares, and times their agency) of its current records and rejected files."""
        return tuple(int(value) for value in conn.execute(_year_stamp_query(), {"year": year}).one())

    def fiscal_years(self) -> list[int]:
        """The fiscal years the store holds records or files of, newest first."""
        with self.engine.connect() as conn:
            found = set(conn.execute(sa.select(records.c.fiscal_year).distinct()).scalars())
            found |= set(conn.execute(sa.select(files.c.fiscal_year).distinct()).scalars())
        return sorted((y for y in found if y is not None), reverse=True)

    def agency_names(self) -> list[str]:
        """Every agency the store has heard of, by name."""
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(agencies.c.name).order_by(agencies.c.name)).scalars())


@functools.cache
def _year_stamp_query() -> sa.Select:
    """Built once (a look at an unchanged year runs only this): ``Store._year_stamp``'s row, for ``:year``."""
    year = sa.bindparam("year", type_=sa.Integer)

    def sums(table: sa.Table, *where: Any) -> sa.Subquery:
        ident = sa.cast(table.c.id, sa.BigInteger)
        agency = sa.cast(sa.func.coalesce(table.c.agency_id, 0), sa.BigInteger)
        return sa.select(*(sa.func.coalesce(value, 0) for value in (
            sa.func.count(), sa.func.sum(ident), sa.func.sum(ident * ident), sa.func.sum(ident * agency)))
        ).where(*where).subquery()

    newest = [sa.select(sa.func.coalesce(sa.func.max(t.c.id), 0)).scalar_subquery()
              for t in (files, records, corrections, agencies)]
    current = sums(records, records.c.fiscal_year == year, records.c.is_current.is_(True))
    rejected = sums(files, files.c.fiscal_year == year, files.c.status == "rejected")
    return sa.select(*newest, *current.c, *rejected.c).select_from(current.join(rejected, sa.true()))


FISCAL_YEARS = range(2500, 2701)  # Buddhist Era: 1957–2158, every year the offices can mean


def refuse_unstorable(value: Any, field: str) -> None:
    """StoreError for a value the store must not hold: NaN or an infinity anywhere inside it (JSON has neither),
    or a fiscal year outside 2500–2700."""
    if isinstance(value, float) and not math.isfinite(value):
        raise StoreError(f"{field}: {value} is not a number the store can hold; give a real number",
                         f"{field}: {value} ไม่ใช่ตัวเลขที่บันทึกได้ กรุณาระบุตัวเลขจริง", where=field)
    if isinstance(value, dict):
        for key, item in value.items():
            refuse_unstorable(item, f"{field}.{key}")
    elif isinstance(value, list | tuple):
        for n, item in enumerate(value):
            refuse_unstorable(item, f"{field}.{n}")
    elif field.rsplit(".", 1)[-1] == "fiscal_year" and value not in (None, "") and (
            isinstance(value, bool) or not isinstance(value, int) or value not in FISCAL_YEARS):
        raise StoreError(f"{field}: {value!r} is not a fiscal year: give a Buddhist Era year from 2500 to 2700 "
                         "(e.g. 2568)", f"{field}: {value!r} ไม่ใช่ปีงบประมาณ กรุณาระบุปี พ.ศ. 2500–2700 "
                         "(เช่น 2568)", where=field)


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """The store at ``url`` (else $PIPELINE_DB, else ``data/pipeline.sqlite`` under the project), migrated to head.

    ``migrate=False`` skips the schema check, for worker processes whose parent opened (and migrated) it already.
    """
    engine = create_engine(url)
    if migrate:
        upgrade(engine)
    return Store(engine)
