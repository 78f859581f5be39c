"""Outside text written out safely: a spreadsheet cell never a formula (OWASP), a terminal line no control code."""

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


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """Text safe for a terminal: control characters (escape codes, a newline in a file name) shown escaped."""
    return "".join(ch if ch.isprintable() or (keep_newlines and ch == "\n") else repr(ch)[1:-1] for ch in text)


__all__ = ["TRIGGERS", "as_text", "csv_text", "from_csv", "printable"]
