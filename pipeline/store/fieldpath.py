"""Field paths: reading and setting a record's field by a dotted key (``plan.policy``, ``kpis.0.target``)."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from pipeline.errors import RecordDataError
from pipeline.forms import FieldSpec, form
from pipeline.records import parse_fields
from pipeline.store.models import StoreError

_BLANK = {"", "null", "none", "-", "—"}
_WARNING_FIELD = re.compile(r"^\s*([A-Za-z_][\w]*(?:\.\w+)*)\s*:")


def _bad_path(kind: str, path: str, why: str) -> StoreError:
    return StoreError(f"{kind} has no field {path!r}: {why}", f"เอกสารประเภท {kind} ไม่มีช่อง {path!r}: {why}")


def field_spec(kind: str, path: str) -> FieldSpec:
    """The spec of the field at ``path``; a StoreError naming the kind's fields when there is none."""
    fields: dict[str, FieldSpec] | None = form(kind).fields
    spec: FieldSpec | None = None
    need_row = False
    for part in path.split("."):
        if need_row:
            if not part.isdigit():
                raise _bad_path(kind, path, f"{spec.key if spec else ''} is a list: give a row number from 0, not {part!r}")
            need_row, fields = False, spec.item if spec else None
            continue
        if not fields or part not in fields:
            known = ", ".join(fields or {}) or "(none: it is a single value)"
            raise _bad_path(kind, path, f"{part!r} is not one of {known}")
        spec = fields[part]
        if spec.type == "list":
            need_row, fields = True, None
        elif spec.type == "plan":
            fields = form("plan").fields
        else:
            fields = None
    if spec is None:
        raise _bad_path(kind, path, "the field name is empty")
    return spec


def get_path(fields: dict[str, Any], path: str) -> Any:
    """The value at ``path``, or None when any step of it is missing."""
    value: Any = fields
    for part in path.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def set_path(fields: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``fields`` with ``path`` set to ``value``; a missing plan is made, a missing list row is an error."""
    out = copy.deepcopy(fields)
    parts = path.split(".")
    target: Any = out
    for number, part in enumerate(parts[:-1]):
        nxt = parts[number + 1]
        if isinstance(target, list):
            if not part.isdigit() or int(part) >= len(target):
                raise StoreError(f"there is no row {part} in {'.'.join(parts[:number])} (it has {len(target)})",
                                 f"ไม่มีแถวที่ {part} ใน {'.'.join(parts[:number])} (มี {len(target)} แถว)")
            target = target[int(part)]
            continue
        if target.get(part) is None:
            if nxt.isdigit():
                raise StoreError(f"{'.'.join(parts[:number + 1])} is empty: there is no row {nxt} to set",
                                 f"{'.'.join(parts[:number + 1])} ว่างอยู่ ไม่มีแถวที่ {nxt}")
            target[part] = {}
        target = target[part]
    last = parts[-1]
    if isinstance(target, list):
        if not last.isdigit() or int(last) >= len(target):
            raise StoreError(f"there is no row {last} in {'.'.join(parts[:-1])}",
                             f"ไม่มีแถวที่ {last} ใน {'.'.join(parts[:-1])}")
        target[int(last)] = value
    else:
        target[last] = value
    return out


def parse_value(spec: FieldSpec, value: Any) -> Any:
    """A value typed at the command line made ready for the field: blanks, JSON lists, ``ต.ค., พ.ย.`` months."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.lower() in _BLANK:
        return None
    if text[:1] in "[{":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise StoreError(f"the value looks like JSON but is not: {exc}",
                             f"ค่าที่ให้มาดูเหมือน JSON แต่ไม่ถูกต้อง: {exc}") from None
    if spec.type in ("months", "counts"):
        return [part for part in re.split(r"[,\s]+", text) if part]
    return text


def validated_fields(kind: str, fields: dict[str, Any], where: str | None = None) -> dict[str, Any]:
    """The fields checked against the kind, in their JSON form; a StoreError saying what does not fit."""
    try:
        return parse_fields(kind, fields).model_dump(mode="json")
    except RecordDataError as exc:
        raise StoreError(exc.message_en, exc.message_th, where=where) from None


def warning_field(kind: str, warning: str) -> str | None:
    """The field a warning names (``"plan: no plan attached"`` → ``plan``), None for a warning on the whole record."""
    match = _WARNING_FIELD.match(warning)
    if not match:
        return None
    try:
        field_spec(kind, match.group(1))
    except StoreError:
        return None
    return match.group(1)
