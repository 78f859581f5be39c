"""Records: one pydantic model per kind of document, built from the form definitions."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, ValidationError, create_model

from pipeline import thai
from pipeline.errors import RecordDataError
from pipeline.forms import FieldSpec, all_forms, form


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and (not value.strip() or set(value.strip()) <= set(".…_-")):
        return None
    return value


def _text(value: Any) -> Any:
    value = _blank_to_none(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _number(value: Any) -> Any:
    value = _blank_to_none(value)
    return thai.parse_number(value) if isinstance(value, str) else value


def _bool(value: Any) -> Any:
    value = _blank_to_none(value)
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("true", "yes", "1", "ใช่", "ใช้"):
            return True
        if lowered in ("false", "no", "0", "ไม่ใช่", "ไม่ใช้"):
            return False
    return value


def _months(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, list):
        out = []
        for m in value:
            n = thai.month_number(m) if isinstance(m, str) else m
            if n is None:
                raise ValueError(f"not a month: {m!r} (use 1–12 or ต.ค., พ.ย., …)")
            out.append(n)
        return sorted(set(out))
    return value


def _counts(value: Any) -> Any:
    if isinstance(value, list):
        return [0 if _blank_to_none(c) is None else thai.parse_number(c) if isinstance(c, str) else c for c in value]
    return value


def _date(value: Any) -> Any:
    value = _blank_to_none(value)
    return thai.parse_date(value) if isinstance(value, str) else value


def _whole(value: float | int) -> int | float:
    return int(value) if isinstance(value, float) and value.is_integer() else value


Text = Annotated[str | None, BeforeValidator(_text)]
Number = Annotated[float | None, BeforeValidator(_number), PlainSerializer(
    lambda v: None if v is None else _whole(v), return_type=int | float | None)]
Integer = Annotated[int | None, BeforeValidator(_number)]
Bool = Annotated[bool | None, BeforeValidator(_bool)]
Date = Annotated[dt.date | None, BeforeValidator(_date)]
Months = Annotated[list[Annotated[int, Field(ge=1, le=12)]], BeforeValidator(_months)]
Counts = Annotated[list[Annotated[int, Field(ge=0)]], BeforeValidator(_counts), Field(min_length=4, max_length=4)]

_CONFIG = ConfigDict(extra="forbid", populate_by_name=True)


_SCALAR_TYPES: dict[str, Any] = {
    "text": Text, "number": Number, "integer": Integer, "bool": Bool, "date": Date, "months": Months,
    "counts": Counts,
}


def _annotation(spec: FieldSpec, owner: str) -> Any:
    if spec.type in _SCALAR_TYPES:
        return _SCALAR_TYPES[spec.type]
    if spec.type == "enum":
        return Annotated[Literal[tuple(spec.choices)] | None, BeforeValidator(_blank_to_none)]  # type: ignore[misc]
    if spec.type == "list":
        item = _model(f"{owner}_{spec.key}_item", spec.item)
        return Annotated[list[item] | None, BeforeValidator(lambda v: None if v == [] else v)]  # type: ignore[valid-type]
    if spec.type == "plan":
        return model_for("plan") | None
    raise ValueError(f"field {spec.key}: unknown type {spec.type}")


def _model(name: str, fields: dict[str, FieldSpec], doc: str | None = None) -> type[BaseModel]:
    definitions: dict[str, Any] = {}
    for key, spec in fields.items():
        default: Any = [] if spec.type in ("months",) else None
        definitions[key] = (_annotation(spec, name), Field(default=default, description=spec.label))
    return create_model(name, __config__=_CONFIG, __doc__=doc, **definitions)


@cache
def model_for(kind: str) -> type[BaseModel]:
    """The pydantic model of a kind's fields (``form1`` … ``survey``)."""
    spec = form(kind)
    return _model(f"{kind}_fields", spec.fields, f"{spec.title} — fields of a `{kind}` record")


def parse_fields(kind: str, data: dict[str, Any], where: str | None = None) -> BaseModel:
    """Validate the fields of one record; a RecordDataError lists every bad field, in English and Thai."""
    try:
        return model_for(kind).model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(record)'}: {err['msg']}" for err in exc.errors()
        )
        raise RecordDataError(
            f"the data for a {kind} record does not fit its fields: {problems}",
            f"ข้อมูลของเอกสารประเภท {kind} ไม่ตรงกับช่องของแบบฟอร์ม: {problems}",
            where=where,
        ) from None


class Origin(BaseModel):
    """Where in its file a record came from: which form of how many, and its pages (PDF, scan) or its first
    and last block (DOCX paragraphs and tables, counted from 1)."""

    part: int = 1
    parts: int = 1
    pages: list[int] = Field(default_factory=list)
    blocks: list[int] = Field(default_factory=list)


class Record(BaseModel):
    """A document's record: its kind and fields, plus what extraction knows of where and how sure."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    kind: str
    fields: dict[str, Any]
    warnings: list[str] = Field(default_factory=list)
    provenance: dict[str, str] = Field(default_factory=dict)
    confidence: dict[str, float] = Field(default_factory=dict)
    source: str | None = None
    origin: Origin | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any], kind: str | None = None, where: str | None = None) -> Record:
        """A record from ``{"kind": ..., "fields": {...}}`` or bare fields (then ``kind`` must be given)."""
        if "fields" in data and isinstance(data.get("fields"), dict):
            kind = data.get("kind") or kind
            fields = data["fields"]
        else:
            fields = {k: v for k, v in data.items() if k != "kind"}
            kind = data.get("kind") or kind
        if not kind:
            raise RecordDataError("the data names no kind: add \"kind\": \"form1\" (or another kind)",
                                  "ข้อมูลไม่ได้ระบุประเภทเอกสาร (kind)", where=where)
        model = parse_fields(kind, fields, where)
        return cls(kind=kind, fields=model.model_dump(mode="json"))

    def typed(self) -> BaseModel:
        """The fields as the kind's pydantic model (dates as dates, months as ints)."""
        return parse_fields(self.kind, self.fields)

    def to_json(self) -> dict[str, Any]:
        """The JSON shape ``extract --json`` prints: every field key, blank ones as null."""
        out = self.model_dump(mode="json")
        for key in ("source", "origin"):
            if out.get(key) is None:
                out.pop(key, None)
        return out


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a kind's fields."""
    return model_for(kind).model_json_schema()


def empty_fields(kind: str) -> dict[str, Any]:
    """Every key of a kind, blank: what a blank form holds."""
    return model_for(kind)().model_dump(mode="json")


__all__ = ["Origin", "Record", "all_forms", "empty_fields", "json_schema", "model_for", "parse_fields"]
