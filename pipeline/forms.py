"""The form definitions: each kind's title, fields, Thai labels and types, read from ``data/forms.yaml``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from pipeline.errors import UnknownKindError


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form: its key, Thai label, type, and for enums/lists their choices/item fields."""

    key: str
    label: str
    type: str
    choices: dict[str, str] = field(default_factory=dict)
    item: dict[str, FieldSpec] = field(default_factory=dict)
    required: bool = False  # what names the record (its agency, idea, project): never left blank, typed or not
    # The field's rules for telling a misread value (pipeline/extractors/plausible.py, near_names.py):
    in_words: bool = False  # it names something in words: a value with no letter is none of it
    names_only: bool = False  # it lists names and nothing counted: a number standing alone is a name misread
    least_baht: int | None = None  # an amount under this is less than any project asks: digits were lost


@dataclass(frozen=True)
class FormSpec:
    """One kind of document: its name, official Thai title, fields in order, and page limit if any."""

    kind: str
    title: str
    fields: dict[str, FieldSpec]
    form_number: int | None = None
    page_limit: int | None = None


def _field(key: str, raw: dict[str, Any]) -> FieldSpec:
    item = {k: _field(k, v) for k, v in (raw.get("item") or {}).items()}
    return FieldSpec(key, raw["label"], raw["type"], dict(raw.get("choices") or {}), item, bool(raw.get("required")),
                     bool(raw.get("in_words")), bool(raw.get("names_only")), raw.get("least_baht"))


@cache
def _raw() -> dict[str, Any]:
    text = resources.files("pipeline").joinpath("data/forms.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: ~8× faster


@cache
def all_forms() -> dict[str, FormSpec]:
    """Every kind of FORMS.md, in the order of the five steps."""
    raw = _raw()
    return {
        kind: FormSpec(kind, spec["title"], {k: _field(k, v) for k, v in spec["fields"].items()},
                       spec.get("form_number"), spec.get("page_limit"))
        for kind, spec in raw["kinds"].items()
    }


KINDS: tuple[str, ...] = tuple(all_forms())


def phase_headings() -> dict[str | None, str]:
    """The heading row a plan draws above each phase's steps (``1. การสร้างนวัตกรรม``); ``None``: other steps."""
    choices = form("plan").fields["steps"].item["phase"].choices
    headings: dict[str | None, str] = {key: f"{i}. {label}" for i, (key, label) in enumerate(choices.items(), 1)}
    headings[None] = _raw()["plan_other_steps"]
    return headings


def field_specs(kind: str) -> Iterator[FieldSpec]:
    """Every field of a kind's form, a list's item fields and an attached plan's fields included."""

    def walk(specs: dict[str, FieldSpec]) -> Iterator[FieldSpec]:
        for spec in specs.values():
            yield spec
            yield from walk(spec.item)
            if spec.type == "plan":
                yield from walk(form("plan").fields)

    return walk(form(kind).fields)


def keys_where(rule: Callable[[FieldSpec], bool]) -> frozenset[str]:
    """The keys of the fields of every kind (list items' included) that ``rule`` holds for: for checks that know
    a field by its key alone."""
    return frozenset(spec.key for kind in KINDS for spec in field_specs(kind) if rule(spec))


def form(kind: str) -> FormSpec:
    """The spec of one kind; a clear error naming the known kinds otherwise."""
    try:
        return all_forms()[kind]
    except KeyError:
        raise UnknownKindError(
            f"unknown kind {kind!r}; the kinds are: {', '.join(KINDS)}",
            f"ไม่รู้จักประเภทเอกสาร {kind!r} ประเภทที่มี: {', '.join(KINDS)}",
        ) from None
