"""A form's fields on the page: posted names (``steps.2.months``) into record data and back, rows added and removed."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from pipeline.forms import FieldSpec, form
from pipeline.records import model_for, problem

COUNTS = 4  # a survey question's answers: มากที่สุด, มาก, น้อย, น้อยที่สุด


def _specs(kind: str) -> dict[str, FieldSpec]:
    return form(kind).fields


def _value(spec: FieldSpec, posted: dict[str, list[str]], name: str) -> Any:
    if spec.type == "months":
        return [int(m) for m in posted.get(name, []) if m.isdigit()]
    if spec.type == "counts":
        return [(posted.get(f"{name}.{i}") or [""])[0] for i in range(COUNTS)]
    if spec.type == "list":
        rows = sorted({int(k[len(name) + 1:].split(".")[0]) for k in posted
                       if k.startswith(name + ".") and k[len(name) + 1:].split(".")[0].isdigit()})
        return [{key: _value(sub, posted, f"{name}.{i}.{key}") for key, sub in spec.item.items()} for i in rows]
    if spec.type == "plan":
        return fields_from(_specs("plan"), posted, name + ".")
    value = (posted.get(name) or [""])[0].strip()
    return value or None


def fields_from(specs: dict[str, FieldSpec], posted: dict[str, list[str]], prefix: str = "") -> dict[str, Any]:
    """The record data a posted form holds (every field of the kind, blank ones None; lists in their row order)."""
    return {key: _value(spec, posted, prefix + key) for key, spec in specs.items()}


def posted_fields(kind: str, items: list[tuple[str, Any]]) -> dict[str, Any]:
    posted: dict[str, list[str]] = {}
    for name, value in items:
        if isinstance(value, str):
            posted.setdefault(name, []).append(value)
    data = fields_from(_specs(kind), posted)
    plan = data.get("plan")
    if isinstance(plan, dict) and not any(v not in (None, [], "") for v in plan.values()) and "plan.present" not in posted:
        data["plan"] = None
    return data


def _blank(spec: FieldSpec) -> Any:
    if spec.type == "list":
        return {k: _blank(s) for k, s in spec.item.items()}
    if spec.type == "months":
        return []
    if spec.type == "counts":
        return [None] * COUNTS
    return None


def change_rows(kind: str, data: dict[str, Any], op: str) -> dict[str, Any]:
    """``add:steps``, ``add:plan.steps``, ``remove:risks.2``: a row added at the end or taken out, in place."""
    action, _, where = op.partition(":")
    parts = where.split(".")
    specs, target = _specs(kind), data
    if parts[0] == "plan":
        specs, parts = _specs("plan"), parts[1:]
        if not isinstance(data.get("plan"), dict):
            data["plan"] = {k: None for k in specs}
        target = data["plan"]
    if not parts or parts[0] not in specs or specs[parts[0]].type != "list":
        return data
    rows = list(target.get(parts[0]) or [])
    if action == "add":
        rows.append(_blank(specs[parts[0]]))
    elif action == "remove" and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(rows):
        rows.pop(int(parts[1]))
    target[parts[0]] = rows
    return data


def checked(kind: str, data: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, list[str]]]:
    """The record model's fields (None when it refuses them) and its problems in Thai, by posted field name."""
    try:
        return model_for(kind).model_validate(data).model_dump(mode="json"), {}
    except ValidationError as exc:
        problems: dict[str, list[str]] = {}
        for err in exc.errors():
            name = ".".join(str(p) for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            name = re.sub(r"(\.\d+)+$", "", name)  # a month's or a count's place: shown at its field
            problems.setdefault(name, []).append(problem(kind, err)[1].split(": ", 1)[-1])
        return None, problems
