"""What to review and each agency's documents in / missing / invalid, over the record store."""

from __future__ import annotations

from pipeline.forms import KINDS
from pipeline.identity import UNKNOWN_AGENCY, agency_key
from pipeline.scoring.rules import rules_for
from pipeline.scoring.validate import has_external_partners, validate_agency
from pipeline.store import Store
from pipeline.store.fieldpath import get_path, warning_field
from pipeline.store.models import AgencyStatus, ReviewItem, StoredFile, StoredRecord


def review_items(current: list[StoredRecord], threshold: float) -> list[ReviewItem]:
    """Each warning (on a field or the whole record) and each confidence below ``threshold``; a field
    corrected by hand is settled and not listed."""
    out: list[ReviewItem] = []
    for stored in current:
        corrected = {c.field for c in stored.corrections}
        listed: set[str] = set()
        for warning in stored.warnings:
            field = warning_field(stored.kind, warning)
            if field in corrected:
                continue
            out.append(_item(stored, field, warning))
            listed.add(field or "")
        for field, confidence in sorted(stored.confidence.items()):
            if confidence < threshold and field not in corrected and field not in listed:
                out.append(_item(stored, field, None))
    return out


def _item(stored: StoredRecord, field: str | None, warning: str | None) -> ReviewItem:
    return ReviewItem(record_id=stored.id, kind=stored.kind, agency=stored.agency, field=field or "",
                      value=get_path(stored.fields, field) if field else None, warning=warning,
                      confidence=stored.confidence.get(field) if field else None, source_name=stored.source_name,
                      where=stored.provenance.get(field) if field else None)


def _kind_order(stored: StoredRecord) -> tuple[int, int]:
    return (KINDS.index(stored.kind) if stored.kind in KINDS else len(KINDS), stored.id)


def one_agency(agency: str, fiscal_year: int | None, current: list[StoredRecord],
               rejected: list[StoredFile]) -> AgencyStatus:
    """The status of one agency's year from its current records."""
    current = sorted(current, key=_kind_order)
    rules = rules_for(fiscal_year)
    agency_type = rules.agency_type_of(agency)
    records = [s.record() for s in current]
    have: dict[str, int] = {}
    for stored in current:
        have[stored.kind] = have.get(stored.kind, 0) + 1
    missing: dict[str, int] = {}
    for kind, rule in rules.documents.items():
        need = rules.form1_required(agency_type) if rule.min_by_agency_type is not None else rule.exactly or 0
        if rule.only_with_external_partners and not has_external_partners(records):
            need = 0
        if have.get(kind, 0) < need:
            missing[kind] = need - have.get(kind, 0)
    invalid: dict[str, list[str]] = {}
    for finding in validate_agency(records, rules, agency=agency, agency_type=agency_type, fiscal_year=fiscal_year):
        kind = finding.document.kind
        if finding.severity != "error" or (finding.rule == f"documents.{kind}.count" and kind in missing):
            continue
        label = f"#{finding.document.number} " if finding.document.number and have.get(kind, 0) > 1 else ""
        invalid.setdefault(kind, []).append(f"{label}{finding.message_th} ({finding.message_en})")
    return AgencyStatus(agency, fiscal_year, agency_type, have, missing, invalid,
                        [f.original_name for f in rejected])


def agency_status(current: list[StoredRecord], rejected: list[StoredFile], known_agencies: list[str],
                  fiscal_year: int | None) -> list[AgencyStatus]:
    """Every agency's status per fiscal year: those with records or rejected files, and ``known_agencies``
    (for the year asked) even with nothing in."""
    groups: dict[tuple[str, int | None], tuple[str, list[StoredRecord], list[StoredFile]]] = {}

    def group(name: str | None, year: int | None) -> tuple[str, list[StoredRecord], list[StoredFile]]:
        name = name or UNKNOWN_AGENCY
        return groups.setdefault((agency_key(name), year), (name, [], []))

    for stored in current:
        group(stored.agency, stored.fiscal_year)[1].append(stored)
    for file in rejected:
        group(file.agency, file.fiscal_year)[2].append(file)
    for name in known_agencies:
        group(name, fiscal_year)
    ordered = sorted(groups.items(), key=lambda item: (item[0][1] or 0, item[1][0]))
    return [one_agency(name, year, recs, rejects) for (_key, year), (name, recs, rejects) in ordered]


def review(store: Store, *, fiscal_year: int | None = None, threshold: float = 0.8) -> list[ReviewItem]:
    """The fields of current records that carry a warning or a confidence below ``threshold``."""
    return review_items(store.records(fiscal_year=fiscal_year, current_only=True), threshold)


def status(store: Store, fiscal_year: int | None = None) -> list[AgencyStatus]:
    """Per agency and year: the documents in (current versions), missing, invalid, and rejected files."""
    current = store.records(fiscal_year=fiscal_year, current_only=True)
    rejected = [f for f in store.files(status="rejected") if fiscal_year is None or f.fiscal_year == fiscal_year]
    known = store.agency_names() if fiscal_year is not None else []
    return agency_status(current, rejected, known, fiscal_year)
