"""Bundles: the gaps in a form's printed labels (a page missing), and the fields a gap cut short or left out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.extractors.starts import label_checks, label_fields, label_matches
from pipeline.extractors.stream import Stream
from pipeline.extractors.vocabulary import vocabulary


@dataclass(frozen=True)
class Gap:
    """Printed labels of a form not found, in a row (``missing``: their ranks in ``label_checks``), after the label
    found last before them (``after``: its rank, -1 at the form's start)."""

    after: int
    missing: tuple[int, ...]


def label_gaps(stream: Stream, kind: str) -> tuple[list[Gap], dict[int, list[int]]]:
    """The form's gaps in its printed labels (and signatures), each label counted after the one before it (the
    signature words met in a title do not count), and where each label was found."""
    checks = label_checks(kind)
    places: dict[int, list[int]] = {}
    for n, start, _ in label_matches(stream, kind):
        places.setdefault(n, []).append(start)
    gaps: list[Gap] = []
    run: list[int] = []
    last, found = -1, -1
    for n in range(len(checks) + 1):
        later = [p for p in places.get(n, []) if p > last] if n < len(checks) else [last + 1]
        if not later:
            run.append(n)
            continue
        last = min(later)
        if run:
            gaps.append(Gap(found, tuple(run)))
        run, found = [], n
    return gaps, places


def gap_warnings(kind: str, fields: dict[str, Any], gaps: list[Gap]) -> list[str]:
    """Where the form's labels in a row are not found (``gaps``: those said to be a page missing): the text field
    whose label stands last before them, its value running on to the foot of the page before the gap (its rest
    may be on the missing page), and a plan not read at all (its Gantt may be on that page). Blank fields are
    left to ``trust``'s rule on the fields the form asks for. Warnings in English and Thai."""
    from pipeline.forms import form

    out: dict[str, str] = {}
    for gap in gaps:
        key = _running(kind, gap.after)
        if key and fields.get(key) not in (None, "", []):
            out.setdefault(key, f"{key}: the value read runs up to where a page may be missing (the labels after it "
                                f"are not found): its rest may be on that page: check it by eye — ค่านี้อาจขาดตอน "
                                f"เพราะหน้าถัดไปอาจหายไป กรุณาตรวจสอบ")
    if gaps:
        for key, spec in form(kind).fields.items():
            if spec.type == "plan" and not fields.get(key):
                out.setdefault(key, f"{key}: no plan was read and a page may be missing (its table may be on that "
                                    f"page): check it by eye — ไม่พบแผนการดำเนินการ และอาจขาดหน้า กรุณาตรวจสอบ")
    return list(out.values())


def unlabelled_fields(places: dict[int, list[int]], kind: str) -> tuple[str, ...]:
    """The fields whose printed label is nowhere in the form (``places``: where each of ``label_checks`` stands):
    a typed file's blank there says nothing of the agency, as its label went too (a text box or a page the
    producer lost); a blank under a label that is printed is the agency's own."""
    found: dict[str, bool] = {}
    for n, key in enumerate(label_fields(kind)):
        if key is not None:  # a field printed with either of two labels (ขอจัดสรรจาก, ขอรับการสนับสนุนจาก) needs one
            found[key] = found.get(key, False) or bool(places.get(n))
    return tuple(key for key, seen in found.items() if not seen)


def _running(kind: str, after: int) -> str | None:
    """The text field whose value runs on below the label of rank ``after`` (the certificate's share line: the
    scope after it); None for a heading, a number, a date, a choice or a signature (a name runs onto no page)."""
    from pipeline.forms import form

    keys = label_fields(kind)
    if after < 0 or after >= len(keys) - len(vocabulary(kind).signatures) or keys[after] is None:
        return None
    spec = form(kind).fields.get(keys[after])
    return keys[after] if spec is not None and spec.type == "text" else None
