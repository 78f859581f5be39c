"""The forms' printed wording (``data/extraction.yaml``): titles, labels, table heads, read once for every stage."""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def printed_wording() -> dict[str, Any]:
    """The whole vocabulary as written in ``data/extraction.yaml`` (do not change the returned mapping)."""
    text = resources.files("pipeline").joinpath("data/extraction.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def strings_mapped(node: Any, change: Callable[[str], Any]) -> Any:
    """Nested lists and mappings (a record's values) with ``change`` made to every string; the rest as it was."""
    if isinstance(node, dict):
        return {k: strings_mapped(v, change) for k, v in node.items()}
    if isinstance(node, list):
        return [strings_mapped(v, change) for v in node]
    return change(node) if isinstance(node, str) else node


def nested_strings(node: Any, keys: Collection[str] | None = None) -> list[str]:
    """Every string in nested lists and mappings (a part of the wording, a record's values), in order; with ``keys``,
    only those under one of those keys."""
    if isinstance(node, str):
        return [node] if keys is None else []
    if isinstance(node, list):
        return [s for item in node for s in nested_strings(item, keys)]
    if isinstance(node, dict):
        return [s for key, value in node.items() for s in nested_strings(value, None if keys is None or key in keys
                                                                              else keys)]
    return []


__all__ = ["nested_strings", "printed_wording"]
