"""A signed return beside the page draft it came from: which draft, and the fields where the file says otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline import thai
from pipeline.errors import PipelineError
from pipeline.forms import form
from pipeline.records import Record
from pipeline.store.drafts import Draft

# A return is taken as coming from a draft when at least this share of the draft's filled fields read back equal.
SAME_SHARE = 0.5


@dataclass(frozen=True)
class Difference:
    """One field of a return that differs from its draft: its place, Thai label, what was filled and what was read."""

    path: str
    label: str
    drafted: Any
    returned: Any


def _leaves(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, sub in value.items():
            out.update(_leaves(sub, f"{path}.{key}" if path else key))
        return out
    if isinstance(value, list) and value and isinstance(value[0], dict):
        out = {}
        for i, sub in enumerate(value):
            out.update(_leaves(sub, f"{path}.{i}"))
        return out
    return {path: value}


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(thai.normalize(a).split()) == " ".join(thai.normalize(b).split())
    return a == b or (a in (None, [], "") and b in (None, [], ""))


def _label(kind: str, path: str) -> str:
    specs, labels = form(kind).fields, []
    for part in path.split("."):
        if part.isdigit():
            labels.append(f"แถวที่ {int(part) + 1}")
            continue
        spec = specs.get(part)
        if spec is None:
            break
        labels.append(spec.label)
        specs = spec.item if spec.type == "list" else form("plan").fields if spec.type == "plan" else {}
    return " › ".join(labels) or path


def _fields(draft: Draft) -> dict[str, Any] | None:
    try:
        return Record.from_data(draft.data, kind=draft.kind).fields
    except PipelineError:
        return None


def from_draft(record: Record, drafts: list[Draft]) -> tuple[Draft | None, list[Difference]]:
    """The draft of the record's kind most of whose filled fields the return repeats, and the fields that differ."""
    returned = _leaves(record.fields)
    best: tuple[float, Draft | None, dict[str, Any]] = (0.0, None, {})
    for draft in drafts:
        fields = _fields(draft) if draft.kind == record.kind else None
        if fields is None:
            continue
        leaves = _leaves(fields)
        filled = [p for p, v in leaves.items() if v not in (None, [], "")]
        share = sum(_same(leaves[p], returned.get(p)) for p in filled) / len(filled) if filled else 0.0
        if share > best[0]:
            best = (share, draft, leaves)
    share, draft, leaves = best
    if draft is None or share < SAME_SHARE:
        return None, []
    paths = list(dict.fromkeys([*leaves, *returned]))
    return draft, [Difference(p, _label(record.kind, p), leaves.get(p), returned.get(p))
                   for p in paths if not _same(leaves.get(p), returned.get(p))]
