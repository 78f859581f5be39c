"""Samples: the embedded sample year (FY2568) of three agencies, every record validated, from ``data/samples/``."""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

from pipeline.errors import RecordDataError
from pipeline.forms import form
from pipeline.records import Record

AGENCY_TYPES: tuple[str, ...] = ("department", "district", "permanent_secretary_unit")
"""The three kinds of agency the KPI evaluates: สำนัก, สำนักงานเขต, ส่วนราชการในสังกัดสำนักปลัดกรุงเทพมหานคร."""

_HEADER_KEYS = ("agency", "agency_type", "fiscal_year", "records")


def _sample_files() -> list[Traversable]:
    folder = resources.files("pipeline").joinpath("data/samples")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


def _load_agency(file: Traversable) -> dict[str, Any]:
    where = f"pipeline/data/samples/{file.name}"
    raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    missing = [key for key in _HEADER_KEYS if not isinstance(raw, dict) or key not in raw]
    if missing:
        raise RecordDataError(f"the sample file lacks {', '.join(missing)}",
                              f"ไฟล์ข้อมูลตัวอย่างขาด {', '.join(missing)}", where=where)
    if raw["agency_type"] not in AGENCY_TYPES:
        raise RecordDataError(f"agency_type {raw['agency_type']!r} is not one of {', '.join(AGENCY_TYPES)}",
                              f"ประเภทหน่วยงาน {raw['agency_type']!r} ไม่ถูกต้อง", where=where)
    records = []
    for number, item in enumerate(raw["records"], start=1):
        records.append(Record.from_data(item, where=f"{where}, record {number}"))
    return {"agency": raw["agency"], "agency_type": raw["agency_type"],
            "fiscal_year": int(raw["fiscal_year"]), "records": records}


@cache
def _agencies() -> tuple[dict[str, Any], ...]:
    return tuple(_load_agency(file) for file in _sample_files())


def sample_agencies() -> list[dict[str, Any]]:
    """Each sample agency: ``agency``, ``agency_type``, ``fiscal_year`` and its ``records`` (Record objects)."""
    return [{**agency, "records": [record.model_copy(deep=True) for record in agency["records"]]}
            for agency in _agencies()]


def sample_records(kind: str | None = None) -> list[Record]:
    """Every sample record of every agency, or only those of one kind (``form1`` … ``survey``)."""
    if kind is not None:
        form(kind)
    return [record for agency in sample_agencies() for record in agency["records"]
            if kind is None or record.kind == kind]


__all__ = ["AGENCY_TYPES", "sample_agencies", "sample_records"]
