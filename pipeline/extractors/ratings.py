"""OCR'd risk ratings (likelihood, impact, level) spelt as the rating words when OCR only lost or added marks."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from rapidfuzz.distance import Levenshtein

from pipeline.agencies import skeleton
from pipeline.readers.ocr.respell import mark_edits
from pipeline.wording import printed_wording

RATED = ("likelihood", "impact", "level")  # a risk's ratings: a number 1–5 or a rating word
# Letters (marks aside) of a rating long enough that one letter misread still names it alone (บ้าน กลาง is
# ปานกลาง); the short ones (สูง, ต่ำ) are a letter from other words.
LONG_RATING = 5


@cache
def _ratings() -> dict[str, tuple[str, ...]]:
    """The rating words by their skeleton (marks dropped): สูง under สง, ต่ำ under ตา."""
    found: dict[str, list[str]] = {}
    for word in printed_wording()["tables"]["ratings"]:
        found.setdefault(skeleton(word), []).append(word)
    return {key: tuple(words) for key, words in found.items()}


# A rating number with a speck of the cell's ruling beside it (``3)``, ``๒)``): a rating is a number alone.
_BOXED_NUMBER = re.compile(r"[(\[|]?\s*([1-5๑-๕])\s*[)\]|.,]?")


def rating_spelled(read: str) -> str:
    """``read`` as the one rating word its letters spell (สง → สูง), or the one long rating a letter away (บ้าน
    กลาง → ปานกลาง); as read when it is a rating already, when no rating has its letters, or when two do and
    neither is fewer mark edits away. A number loses the specks beside it."""
    if (number := _BOXED_NUMBER.fullmatch(read.strip())) is not None:
        return number.group(1)
    letters = skeleton(read.replace(" ", ""))
    words = _ratings().get(letters, ())
    if not words:
        near = {word for key, found in _ratings().items() if len(key) >= LONG_RATING
                and Levenshtein.distance(key, letters) <= 1 for word in found}
        return near.pop() if len(near) == 1 else read
    if read in words:
        return read
    scored = sorted((mark_edits(read.replace(" ", ""), word), word) for word in words)
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return read
    return scored[0][1]


def ratings_spelled(fields: dict[str, Any]) -> dict[str, Any]:
    """A record's fields with each risk's ratings spelt (``rating_spelled``); other fields as they were."""
    risks = fields.get("risks")
    if not isinstance(risks, list):
        return fields
    spelled = [{key: rating_spelled(value) if key in RATED and isinstance(value, str) else value
                for key, value in risk.items()} if isinstance(risk, dict) else risk for risk in risks]
    return {**fields, "risks": spelled}


__all__ = ["RATED", "rating_spelled", "ratings_spelled"]
