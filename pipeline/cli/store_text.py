"""Store reports: what the ``records``, ``review``, ``correct`` and ``status`` commands print for a clerk."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from pipeline.cells import printable
from pipeline.scoring import status as store_status
from pipeline.scoring.rules import rules_for
from pipeline.store.models import AgencyStatus
from pipeline.store.store import open_store

MARK_IN, MARK_MISSING, MARK_INVALID, MARK_NOT_NEEDED = "✓", "✗", "!", "·"
_HEAD_TH = {"form1": "แบบ 1", "form2": "แบบ 2", "form3": "แบบ 3", "form4": "แบบ 4", "certificate": "รับรอง",
            "survey": "สำรวจ", "plan": "แผน"}


def _width(text: str) -> int:
    """Columns a text takes on a terminal: Thai vowel and tone marks above or below take none."""
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf") else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def table(rows: list[list[str]]) -> list[str]:
    """Rows as aligned columns (the first rows are the header)."""
    rows = [[printable(cell) for cell in row] for row in rows]  # names from returned files: no escape codes
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]


def _short(value: Any, limit: int = 60) -> str:
    text = "—" if value in (None, [], {}) else value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


# ------------------------------------------------------------------------------------------------ records
def records_report(url: str | None = None, *, fiscal_year: int | None = None, agency: str | None = None,
                   kind: str | None = None, current_only: bool = False, as_json: bool = False) -> str:
    """The stored records: a JSON list, or one line each (``*`` marks the current version)."""
    with open_store(url) as store:
        found = store.records(fiscal_year=fiscal_year, agency=agency, kind=kind, current_only=current_only)
    if as_json:
        return _dumps([r.to_json() for r in found])
    if not found:
        return "ยังไม่มีเอกสารในฐานข้อมูล (no records stored yet)"
    rows = [["รหัส id", "ประเภท kind", "หน่วยงาน agency", "ปี FY", "ฉบับ ver", "ไฟล์ file"]]
    rows += [[str(r.id), r.kind, r.agency or "—", str(r.fiscal_year or "—"), f"{r.version}{'*' if r.current else ''}",
              r.source_name + (f"  (แก้ไข {len(r.corrections)} corrected)" if r.corrections else "")] for r in found]
    return "\n".join([*table(rows), f"{len(found)} ฉบับ records; * = ฉบับปัจจุบัน (current version)"])


# ------------------------------------------------------------------------------------------------ review
def review_report(url: str | None = None, *, fiscal_year: int | None = None, threshold: float = 0.8,
                  as_json: bool = False) -> str:
    """The fields to look at: each with its record, value, warning or confidence, file and place."""
    with open_store(url) as store:
        items = store_status.review(store, fiscal_year=fiscal_year, threshold=threshold)
    if as_json:
        return _dumps([i.to_json() for i in items])
    if not items:
        return "ไม่มีช่องที่ต้องตรวจทาน (nothing to review)"
    lines = [f"ช่องที่ต้องตรวจทาน (fields to review): {len(items)}"]
    for item in items:
        field = item.field or "(ทั้งฉบับ whole record)"
        lines.append(f"record {item.record_id}  {item.kind}  {item.agency or '—'}  {field} = {_short(item.value)}")
        why = [f"⚠ {item.warning}" if item.warning else "",
               f"ความมั่นใจ confidence {item.confidence:.2f}" if item.confidence is not None else ""]
        place = item.source_name + (f", {item.where}" if item.where else "")
        lines.append(f"    {'; '.join(w for w in why if w)}  [{place}]")
    lines.append("แก้ไขด้วย (correct with): python -m pipeline correct RECORD FIELD VALUE --by NAME")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------ correct
def correct_report(url: str | None, record_id: int, field: str, value: str, *, by: str,
                   note: str | None = None) -> str:
    """Set one field by hand and say what changed."""
    with open_store(url) as store:
        done = store.correct(record_id, field, value, by=by, note=note)
    return (f"แก้ไขแล้ว (corrected) record {done.record_id} {done.field}: {_short(done.old)} → {_short(done.new)}"
            f"  โดย (by) {done.by}, {done.at:%Y-%m-%d %H:%M} UTC" + (f"  ({done.note})" if done.note else ""))


# ------------------------------------------------------------------------------------------------ status
def _cell(status: AgencyStatus, kind: str, required: bool) -> str:
    have = status.have.get(kind, 0)
    mark = (MARK_INVALID if kind in status.invalid else MARK_MISSING if kind in status.missing
            else MARK_IN if have else MARK_NOT_NEEDED)
    if kind == "form1" or have > 1:
        need = have + status.missing.get(kind, 0)
        return f"{have}/{need} {mark}" if required else f"{have} {mark}"
    return mark


def status_table(statuses: list[AgencyStatus]) -> list[str]:
    """One line per agency and year, one column per required document."""
    kinds = list(rules_for(statuses[0].fiscal_year if statuses else None).documents)
    rows = [["หน่วยงาน", "ปี", *[_HEAD_TH.get(k, k) for k in kinds], "ไม่รับ", "สถานะ"],
            ["agency", "FY", *kinds, "rejected", "status"]]
    for s in statuses:
        state = "ครบ complete" if s.complete else "ไม่ครบ incomplete"
        rows.append([s.agency, str(s.fiscal_year or "—"), *[_cell(s, k, True) for k in kinds],
                     str(len(s.rejected)) if s.rejected else "", state])
    return table(rows)


def _details(statuses: list[AgencyStatus]) -> list[str]:
    lines = []
    for s in statuses:
        notes = [f"  {MARK_MISSING} ขาด {kind} missing: {count}" for kind, count in s.missing.items()]
        notes += [f"  {MARK_INVALID} {kind}: {message}" for kind, messages in s.invalid.items() for message in messages]
        notes += [f"  ไฟล์ที่ไม่รับ (rejected): {name}" for name in s.rejected]
        if notes:
            lines += [f"{s.agency} (FY {s.fiscal_year or '—'})", *notes]
    return lines


def status_report(url: str | None = None, *, fiscal_year: int | None = None, as_json: bool = False) -> str:
    """Per agency: documents in, missing and invalid, at a glance, then what is wrong in detail."""
    with open_store(url) as store:
        statuses = store_status.status(store, fiscal_year)
    if as_json:
        return _dumps([s.to_json() for s in statuses])
    if not statuses:
        return "ยังไม่มีหน่วยงานในฐานข้อมูล (no agency has sent anything yet)"
    legend = (f"{MARK_IN} มีแล้ว in   {MARK_MISSING} ยังไม่มี missing   {MARK_INVALID} ไม่ถูกต้อง invalid   "
              f"{MARK_NOT_NEEDED} ไม่ต้องส่ง not required")
    details = _details(statuses)
    return "\n".join([*status_table(statuses), legend, *([""] + details if details else [])])
