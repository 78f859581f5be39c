"""Random records of every kind for the producer generators, split into a tuning and a testing half by seed."""

from __future__ import annotations

import random
from typing import Any

from pipeline.forms import form
from pipeline.records import Record
from pipeline.samples import sample_records

KINDS = ("form1", "form2", "form3", "plan", "form4", "certificate", "survey")


_SHARED_WITH_PLAN = frozenset({"agency", "project_name", "innovation", "policy", "survey_population"})


def half_of(seed: int) -> str:
    """Even seeds tune, odd seeds test: styles and contents are both drawn from that half only."""
    return "tune" if seed % 2 == 0 else "test"


def _pool(kind: str, half: str) -> list[Record]:
    records = sample_records(kind)
    if len(records) < 2:
        return records
    chosen = [r for i, r in enumerate(records) if (i % 2 == 0) == (half == "tune")]
    return chosen or records


def _swap_texts(fields: dict[str, Any], donors: list[dict[str, Any]], specs, rng: random.Random) -> None:
    """Top-level text fields taken from another record of the same half, so contents mix."""
    for key, spec in specs.items():
        if key in _SHARED_WITH_PLAN:
            continue  # Form 3/4 print these once for the form and its attached plan: they must agree
        if spec.type == "text" and rng.random() < 0.35:
            values = [d.get(key) for d in donors if d.get(key)]
            if values:
                fields[key] = rng.choice(values)


def _jiggle_numbers(value: Any, spec, rng: random.Random) -> Any:
    if spec.type == "number" and isinstance(value, int | float) and value and rng.random() < 0.5:
        return max(1, int(value * rng.uniform(0.5, 1.6)))
    if spec.type == "list" and isinstance(value, list):
        return [{k: _jiggle_numbers(v, spec.item[k], rng) if k in spec.item else v for k, v in item.items()}
                if isinstance(item, dict) else item for item in value]
    return value


def random_record(kind: str, seed: int) -> Record:
    """A valid record of ``kind`` built from the sample contents of the seed's half, perturbed by the seed."""
    rng = random.Random(f"{kind}:{seed}")
    pool = _pool(kind, half_of(seed))
    base = rng.choice(pool)
    fields = dict(base.model_copy(deep=True).fields)
    specs = form(kind).fields
    _swap_texts(fields, [r.fields for r in pool if r is not base], specs, rng)
    for key, spec in specs.items():
        fields[key] = _jiggle_numbers(fields.get(key), spec, rng)
    try:
        return Record.from_data({"kind": kind, "fields": fields})
    except Exception:  # a jiggled number broke a rule of the kind: keep the sample's own
        return base.model_copy(deep=True)


def truth(record: Record) -> dict[str, Any]:
    """The truth file's content, as in ../shared/corpus/dev."""
    return {"kind": record.kind, "fields": record.to_json()["fields"]}
