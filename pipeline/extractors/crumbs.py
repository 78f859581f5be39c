"""OCR'd values with the crumbs a smudge, stamp, signature or photo edge left after them taken off."""

from __future__ import annotations

import re
from typing import Any

from pipeline.readers.ocr.respell import is_word

_PUNCTUATION = re.compile(r"[^\w\u0e01-\u0e4e%]+")  # % is a value's own (80 %), not a crumb
_LATIN_CRUMB = re.compile(r"[A-Za-z]{1,2}\.?")
_THAI_CRUMB = re.compile("[\u0e01-\u0e4e]{1,3}")
_MIXED_DIGITS = re.compile(r"(?=.*[0-9])(?=.*[\u0e50-\u0e59])[0-9\u0e50-\u0e59/]+|[\u0e50-\u0e59]/|[0-9]/")
# An item number with nothing after it (๐), 1)): what a smudge under a value reads as, never a value's end
# unless it closes a bracket the value opened ((ดูข้อ 1)).
_ITEM_NUMBER = re.compile(r"[0-9\u0e50-\u0e59]{1,2}\)")
_BRACKETS = "()[]"
_BLANKS = ("-", "–", "—")  # a dash is how a form's blank is left empty on purpose: kept


def is_crumb(token: str) -> bool:
    """Whether a whitespace-separated token is a scrap no value ends with: punctuation alone (brackets and
    % aside), one or two Latin letters, a Thai scrap of up to three letters that is no word, Thai and Arabic
    digits run together."""
    if _PUNCTUATION.fullmatch(token):
        return not any(ch in _BRACKETS for ch in token)
    if _LATIN_CRUMB.fullmatch(token) or _MIXED_DIGITS.fullmatch(token):
        return True
    return bool(_THAI_CRUMB.fullmatch(token)) and not is_word(token)


def _stray_item_number(tokens: list[str]) -> bool:
    """Whether the last token is an item number (๐)) that closes no bracket opened before it."""
    before = " ".join(tokens[:-1])
    return bool(_ITEM_NUMBER.fullmatch(tokens[-1])) and before.count("(") <= before.count(")")


def without_trailing_crumbs(text: str) -> tuple[str, str]:
    """A text without the run of crumbs (``is_crumb``) it ends with, and the crumbs; the run is taken off only
    when it is two tokens or more, or punctuation alone: one short token may be the value's own last word
    (ปี, IT)."""
    tokens = text.split()
    keep = len(tokens)
    while keep > 1 and (is_crumb(tokens[keep - 1]) or _stray_item_number(tokens[:keep])):
        keep -= 1
    dropped = tokens[keep:]
    if not dropped or len(dropped) == 1 and not _PUNCTUATION.fullmatch(dropped[0]):
        return text, ""
    end = len(text.rstrip())
    for token in reversed(dropped):
        end = text.rindex(token, 0, end)
    return text[:end].rstrip(), " ".join(dropped)


def crumbs_taken_off(fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """A record's fields with every text value's trailing crumbs taken off (a value of punctuation alone
    blanked), and what was taken off by field path (``steps[2].name``), so that a person can be told."""
    taken: dict[str, str] = {}

    def walk(value: Any, path: str) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, f"{path}.{k}" if path else k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, f"{path}[{n}]") for n, v in enumerate(value)]
        if not isinstance(value, str):
            return value
        whole = value.strip()
        if whole and _PUNCTUATION.fullmatch(whole) and whole not in _BLANKS:
            taken[path] = whole  # a table line or a smudge read as the whole value (|)
            return None
        kept, dropped = without_trailing_crumbs(value)
        if dropped and not _PUNCTUATION.fullmatch(dropped.replace(" ", "")):
            taken[path] = dropped  # punctuation alone is a leader's or a line's crumb: nothing to tell
        return kept

    return walk(fields, ""), taken


__all__ = ["crumbs_taken_off", "is_crumb", "without_trailing_crumbs"]
