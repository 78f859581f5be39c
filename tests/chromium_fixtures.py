"""The Chromium print fixtures' truth, and values compared as the evaluator does (spaces taken out)."""

from __future__ import annotations

import json
import re
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def truth(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.truth.json").read_text(encoding="utf-8"))


def spaceless(value):
    """Spaces taken out (Thai wrapping makes them unreliable), as the evaluator compares."""
    if isinstance(value, str):
        return re.sub(r"\s+", "", value)
    if isinstance(value, list):
        return [spaceless(v) for v in value]
    if isinstance(value, dict):
        return {k: spaceless(v) for k, v in value.items()}
    return value
