"""Where scoring and reports take their evidence: the record store, an evidence folder, or the embedded sample."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pipeline import settings
from pipeline.identity import UNKNOWN_AGENCY, agency_key
from pipeline.records import Record
from pipeline.scoring.evidence import (
    Evidence,
    EvidenceError,
    load_folder,
    make_committee_sheets,
    sample_evidence,
)

DEFAULT_EVALUATIONS = Path("data") / "evaluations"


@dataclass(frozen=True)
class Received:
    """A stored document as the office received it: its record, when it came, and the file it came in."""

    record: Record
    received_at: dt.datetime
    source_name: str


@dataclass(frozen=True)
class Source:
    """Which evidence to use: ``evidence_dir`` (a folder), ``sample`` (the embedded year), else the record store.

    With the store, the committee's scores and the evaluator's decisions come from ``evaluations_dir`` (else
    $PIPELINE_EVALUATIONS, else ``data/evaluations/`` of the project when it exists).
    """

    db: str | None = None
    evidence_dir: Path | None = None
    sample: bool = False
    evaluations_dir: Path | None = None

    @property
    def uses_store(self) -> bool:
        return self.evidence_dir is None and not self.sample

    def evaluations(self) -> Path | None:
        """The committee + evaluation folder that goes with the store, when there is one."""
        if self.evaluations_dir is not None:
            return Path(self.evaluations_dir)
        if settings.current().evaluations:
            return settings.current().evaluations
        default = settings.project_root() / DEFAULT_EVALUATIONS
        return default if default.is_dir() else None


SAMPLE = Source(sample=True)


def load_evidence(source: Source, fiscal_year: int | None = None) -> list[Evidence]:
    """The evidence of every agency the source knows (of ``fiscal_year``, for the store)."""
    return evidence_and_received(source, fiscal_year)[0]


def evidence_and_received(source: Source, fiscal_year: int | None = None
                          ) -> tuple[list[Evidence], dict[tuple[str, int | None], list[Received]]]:
    """The evidence of every agency, and the store's current documents per (agency key, fiscal year) with the time
    each was received, from one reading of the store. No receipts for a folder or the sample year."""
    if source.sample:
        return sample_evidence(), {}
    if source.evidence_dir is not None:
        return load_folder(source.evidence_dir), {}
    from pipeline.scoring.store_evidence import store_evidence
    from pipeline.store import open_store

    with open_store(source.db) as store:
        current = store.records(fiscal_year=fiscal_year, current_only=True)
        evidence = store_evidence(store, fiscal_year, source.evaluations(), current)
        url = store.engine.url.render_as_string(hide_password=True)
    if not any(item.records for item in evidence):
        year = f" of fiscal year {fiscal_year}" if fiscal_year else ""
        year_th = f" ของปีงบประมาณ {fiscal_year}" if fiscal_year else ""
        raise EvidenceError(
            f"the record store holds no records{year} ({url}): ingest the returned files first "
            "(python -m pipeline ingest), or use --evidence DIR or --sample",
            f"ฐานข้อมูลยังไม่มีข้อมูลเอกสาร{year_th} ให้นำเข้าไฟล์ก่อนด้วยคำสั่ง python -m pipeline ingest "
            "หรือระบุ --evidence หรือ --sample", where=url)
    received: dict[tuple[str, int | None], list[Received]] = {}
    for stored in current:
        key = (agency_key(stored.agency or UNKNOWN_AGENCY), stored.fiscal_year)
        received.setdefault(key, []).append(Received(stored.record(), stored.received_at, stored.source_name))
    return evidence, received


def committee_sheets(out_dir: Path, source: Source, *, agency: str | None = None, project: str | None = None,
                     fiscal_year: int | None = None) -> list[Path]:
    """The ``committee template`` command: a sheet per agency of the source, or for one agency even if unknown."""
    try:
        evidence = load_evidence(source, fiscal_year)
    except EvidenceError:
        if agency is None:
            raise
        evidence = []  # an agency the store has not heard of yet still gets its sheet
    return make_committee_sheets(out_dir, evidence, agency=agency, project=project, fiscal_year=fiscal_year)


__all__ = ["SAMPLE", "committee_sheets", "Received", "Source", "evidence_and_received", "load_evidence"]
