"""What ``extract`` prints for a person: a record's summary laid out as text, one form after another."""

from __future__ import annotations

from typing import Any

from pipeline.extractors.record import Summary


def summary_lines(summary: Summary) -> list[str]:
    """The summary's lines: title and kind, the file (and the form's place in it), each field, the warnings."""
    lines = [f"{summary.title}  [{summary.kind}]"]
    if summary.source:
        lines.append(f"file: {summary.source}")
    origin = summary.origin
    if origin is not None and origin.parts > 1:
        where = (f"pages {', '.join(map(str, origin.pages))}" if origin.pages else
                 f"blocks {origin.blocks[0]}–{origin.blocks[-1]}" if origin.blocks else "")
        lines.append(f"form {origin.part} of {origin.parts} in the file (แบบฟอร์มชุดที่ {origin.part} จาก "
                     f"{origin.parts})" + (f", {where}" if where else ""))
    for entry in summary.entries:
        lines += _value_lines(f"{entry.label} ({entry.key})", entry.value, "  ")
    if summary.warnings:
        lines.append("warnings / ข้อสังเกต:")
        lines += [f"  - {w}" for w in summary.warnings]
    return lines


def _value_lines(label: str, value: Any, indent: str) -> list[str]:
    if value is None or value == []:
        return [f"{indent}{label}: —"]
    if isinstance(value, dict):
        out = [f"{indent}{label}:"]
        for key, item in value.items():
            out += _value_lines(key, item, indent + "  ")
        return out
    if isinstance(value, list) and value and isinstance(value[0], dict):
        out = [f"{indent}{label}: {len(value)}"]
        for n, item in enumerate(value, 1):
            out.append(f"{indent}  {n}. " + "; ".join(f"{k}: {'—' if v in (None, []) else v}" for k, v in item.items()))
        return out
    return [f"{indent}{label}: {value}"]
