"""Records: one pydantic model per kind of document, built from the form definitions."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    create_model,
)

from pipeline import thai
from pipeline.errors import THAI_PROBLEMS, RecordDataError
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


def enum_value(spec: FieldSpec, value: Any) -> Any:
    """An enum's key from its key or its Thai (or English) label as forms.yaml writes it: ``นวัตกรรมบริการ``,
    ``Service Innovation`` and ``service`` are all ``service``; anything else is left for the model to refuse."""
    value = _blank_to_none(value)
    if not isinstance(value, str):
        return value
    wanted = _label_key(value)
    for key, label in spec.choices.items():
        english = re.search(r"\(([^)]*)\)", label)
        names = {key, label, label.split(" (")[0], english.group(1) if english else ""}
        if wanted in {_label_key(n) for n in names if n}:
            return key
    starts = [key for key, label in spec.choices.items() if len(wanted) >= 4 and _label_key(label).startswith(wanted)]
    return starts[0] if len(starts) == 1 else value


def _label_key(text: str) -> str:
    return "".join(thai.normalize(text).split()).lower().replace("_", "").replace("-", "")


def _be_year(value: int | None) -> int | None:
    if value is not None and not 2500 <= value <= 2700:
        raise ValueError(f"not a fiscal year: {value} (give the Buddhist-Era year in full, 2500–2700, e.g. 2568)")
    return value


FiscalYear = Annotated[int | None, BeforeValidator(_number), AfterValidator(_be_year)]


def _annotation(spec: FieldSpec, owner: str) -> Any:
    if spec.key == "fiscal_year" and spec.type == "integer":
        return FiscalYear
    if spec.type in _SCALAR_TYPES:
        return _SCALAR_TYPES[spec.type]
    if spec.type == "enum":
        return Annotated[Literal[tuple(spec.choices)] | None,  # type: ignore[misc]
                         BeforeValidator(lambda v, spec=spec: enum_value(spec, v))]
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


def parse_fields(kind: str, data: dict[str, Any], where: str | None = None, place: str = "") -> BaseModel:
    """Validate the fields of one record; a RecordDataError lists every bad field with its place (``record 2 ›
    steps › 3 › phase``, rows counted from 1), a "did you mean" for a misspelt key, in English and in Thai."""
    try:
        return model_for(kind).model_validate(data)
    except ValidationError as exc:
        problems = [problem(kind, err, place) for err in exc.errors()]
        raise data_error(problems, where) from None


def problem(kind: str, err: Any, place: str = "") -> tuple[str, str]:
    """One pydantic error as (English, Thai) lines, each starting with its place."""
    loc = [str(p + 1) if isinstance(p, int) else str(p) for p in err["loc"]]
    at = " › ".join(([place] if place else []) + loc) or "(record)"
    en, th = explain(err, allowed_keys(kind, list(err["loc"][:-1])))
    return f"{at}: {en}", f"{at}: {th}"


def data_error(problems: list[tuple[str, str]], where: str | None = None) -> RecordDataError:
    """Every problem of a data file in one error: a count, then one line each."""
    count = len(problems)
    if count == 1:
        return RecordDataError(problems[0][0], problems[0][1], where=where)
    head_en = f"{count} problem{'s' if count != 1 else ''} in the data (fix them all, then run again):"
    head_th = f"ข้อมูลไม่ถูกต้อง {count} แห่ง (แก้ไขทั้งหมดแล้วสั่งใหม่):"
    return RecordDataError("\n    ".join([head_en, *(en for en, _ in problems)]),
                           "\n    ".join([head_th, *(th for _, th in problems)]), where=where)


def allowed_keys(kind: str, loc: list[Any]) -> list[str]:
    """The field keys a mapping at ``loc`` (a place in a record of ``kind``) may hold."""
    fields: dict[str, FieldSpec] = form(kind).fields
    for part in loc:
        if isinstance(part, int):
            continue
        spec = fields.get(str(part))
        if spec is None:
            return []
        fields = spec.item if spec.type == "list" else form("plan").fields if spec.type == "plan" else {}
    return list(fields)


def explain(err: Any, keys: list[str]) -> tuple[str, str]:
    """What one pydantic error means, said for a clerk in English and in Thai (not a copy of the English)."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "extra_forbidden":
        name = str(err["loc"][-1])
        close = difflib.get_close_matches(name, keys, n=1, cutoff=0.6)
        hint_en = f"; did you mean {close[0]!r}?" if close else f"; the fields here are {', '.join(keys)}"
        hint_th = f" หมายถึง {close[0]!r} หรือไม่" if close else f" ช่องที่มีคือ {', '.join(keys)}"
        return f"there is no field {name!r}{hint_en}", f"ไม่มีช่องชื่อ {name!r}{hint_th}"
    if kind == "literal_error":
        return (f"{value!r} is not one of {ctx.get('expected')} (the Thai labels of forms.yaml are taken too)",
                f"{value!r} ไม่ใช่ค่าที่เลือกได้ ต้องเป็น {ctx.get('expected')} หรือข้อความภาษาไทยของตัวเลือกนั้น")
    if kind in ("too_short", "too_long"):
        size = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        word = "at least" if kind == "too_short" else "at most"
        return (f"needs {word} {size} item{'s' if size != 1 else ''}",
                f"ต้องมี{'อย่างน้อย' if kind == 'too_short' else 'ไม่เกิน'} {size} รายการ")
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        return (f"{value!r} must be {'at least' if kind == 'greater_than_equal' else 'at most'} {bound}",
                f"{value!r} ต้อง{'ไม่น้อยกว่า' if kind == 'greater_than_equal' else 'ไม่เกิน'} {bound}")
    if kind == "value_error":
        reason = str(ctx.get("error") or err["msg"])
        if reason.startswith("not a month"):
            return reason, f"{value!r} ไม่ใช่เดือน ใช้ 1–12 หรือชื่อย่อเดือน เช่น ต.ค. พ.ย."
        if reason.startswith("not a fiscal year"):
            return reason, f"{value!r} ไม่ใช่ปีงบประมาณ โปรดระบุปี พ.ศ. เต็ม 4 หลัก ระหว่าง 2500–2700 เช่น 2568"
        if reason.startswith("not a number"):
            return reason, f"{value!r} ไม่ใช่ตัวเลข"
        return reason, f"ค่า {value!r} ไม่ถูกต้อง ({reason})"
    return f"{value!r}: {err['msg']}", f"ค่า {value!r} ไม่ถูกต้อง: {THAI_PROBLEMS.get(kind, 'รูปแบบไม่ตรงกับช่องนี้')}"


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
    def from_data(cls, data: dict[str, Any], kind: str | None = None, where: str | None = None,
                  place: str = "") -> Record:
        """A record from ``{"kind": ..., "fields": {...}}`` or bare fields (then ``kind`` must be given)."""
        if "fields" in data and isinstance(data.get("fields"), dict):
            kind = data.get("kind") or kind
            fields = data["fields"]
        else:
            fields = {k: v for k, v in data.items() if k != "kind"}
            kind = data.get("kind") or kind
        if not kind:
            raise RecordDataError("the data names no kind: add \"kind\": \"form1\" (or another kind)",
                                  "ข้อมูลไม่ได้ระบุประเภทเอกสาร (kind) โปรดเพิ่ม kind: form1 หรือประเภทอื่น", where=where)
        model = parse_fields(kind, fields, where, place)
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
