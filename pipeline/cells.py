"""Spreadsheet cells from values the project did not compute: text, never a formula (OWASP CSV injection)."""

from __future__ import annotations

from typing import Any

# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP "CSV Injection").
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: Any) -> Any:
    """A CSV cell: a text starting with a trigger gets a leading ``'`` (shown as text, never evaluated)."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def from_csv(value: Any) -> Any:
    """The value ``csv_text`` wrote, read back: the added ``'`` taken off again."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(TRIGGERS):
        return value[1:]
    return value


def as_text(cell: Any) -> None:
    """An openpyxl cell holding outside text: stored as a string (openpyxl would store ``=…`` as a formula),
    with Excel's quote prefix, so that editing it keeps it text."""
    if isinstance(cell.value, str) and (cell.data_type == "f" or cell.value.startswith(TRIGGERS)):
        cell.data_type = "s"
        cell.quotePrefix = True


__all__ = ["TRIGGERS", "as_text", "csv_text", "from_csv"]
