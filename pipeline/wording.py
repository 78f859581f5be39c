"""The forms' printed wording (``data/extraction.yaml``): titles, labels, table heads, read once for every stage."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def printed_wording() -> dict[str, Any]:
    """The whole vocabulary as written in ``data/extraction.yaml`` (do not change the returned mapping)."""
    text = resources.files("pipeline").joinpath("data/extraction.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


__all__ = ["printed_wording"]
