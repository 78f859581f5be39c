"""Store evidence: scoring's Evidence built from the store's current records (instead of a folder of files)."""

from __future__ import annotations

from pathlib import Path

from pipeline.identity import UNKNOWN_AGENCY, agency_key
from pipeline.scoring.committee import CommitteeScore, RowProblem, score_from_values
from pipeline.scoring.evidence import (
    EVALUATION_FILE,
    Evaluation,
    Evidence,
    EvidenceError,
    _assemble,
    _committee_rows,
    _Group,
    read_evaluations,
)
from pipeline.store.entries import entries
from pipeline.store.models import StoredRecord
from pipeline.store.store import Store


def _for_year(year: int | None, items: list) -> list:
    return [i for i in items if year is None or getattr(i, "fiscal_year", None) in (None, year)]


def store_evidence(store: Store, fiscal_year: int | None = None, evaluations_dir: Path | None = None,
                   current: list[StoredRecord] | None = None, *, agency: str | None = None) -> list[Evidence]:
    """The Evidence of each agency and fiscal year from the current records in the store, with the committee's
    scores (``committee.csv`` / ``committee*.docx``) and the evaluator's decisions (``evaluation.yaml``) of
    ``evaluations_dir`` when given — the same objects ``evidence.load_folder`` builds. ``current`` are the
    store's current records of the year when the caller has them already; ``agency`` keeps one agency."""
    committee: list[CommitteeScore | RowProblem] = []
    evaluations: list[Evaluation] = []
    if evaluations_dir is not None:
        folder = Path(evaluations_dir)
        if not folder.is_dir():
            raise EvidenceError(f"the evaluations folder does not exist: {folder}",
                                f"ไม่พบโฟลเดอร์ผลการพิจารณา: {folder}")
        committee = _committee_rows(folder)
        if (folder / EVALUATION_FILE).is_file():
            evaluations = read_evaluations(folder / EVALUATION_FILE)
    committee, evaluations = _with_entries(store, fiscal_year, committee, evaluations)
    by_year: dict[int | None, dict[str, _Group]] = {}
    if current is None:
        current = store.records(fiscal_year=fiscal_year, current_only=True, agency=agency)
    for stored in current:
        if agency is not None and agency_key(stored.agency) != agency_key(agency):
            continue
        name = stored.agency or UNKNOWN_AGENCY
        groups = by_year.setdefault(stored.fiscal_year, {})
        groups.setdefault(agency_key(name), _Group(name, fiscal_year=stored.fiscal_year)).records.append(
            stored.record())
    if not by_year and fiscal_year is not None:
        by_year[fiscal_year] = {}
    out: list[Evidence] = []
    seen: set[tuple[str, int | None]] = set()
    for year, groups in sorted(by_year.items(), key=lambda item: item[0] or 0):
        for item in _assemble(groups, _for_year(year, committee), _for_year(year, evaluations), None,
                              f"record store ({store.engine.url.get_backend_name()})"):
            key = (agency_key(item.agency), item.fiscal_year)
            if agency is not None and key[0] != agency_key(agency):
                continue
            if key not in seen:
                seen.add(key)
                out.append(item)
    return out


def _with_entries(store: Store, fiscal_year: int | None, committee: list[CommitteeScore | RowProblem],
                  evaluations: list[Evaluation]) -> tuple[list[CommitteeScore | RowProblem], list[Evaluation]]:
    """The scores and decisions entered on the web page (kept in the store) replace the files' for the same
    agency and year."""
    scores = [score_from_values({**e.data, "agency": e.agency, "fiscal_year": e.fiscal_year},
                                f"entered by {e.by} ({e.at:%Y-%m-%d})")
              for e in entries(store, "committee", fiscal_year=fiscal_year)]
    decisions = [Evaluation(**{**e.data, "agency": e.agency, "fiscal_year": e.fiscal_year})
                 for e in entries(store, "evaluation", fiscal_year=fiscal_year)]
    entered_scores = {(agency_key(s.agency), s.fiscal_year) for s in scores}
    entered_decisions = {(agency_key(d.agency), d.fiscal_year) for d in decisions}
    committee = [r for r in committee if (agency_key(r.agency or ""), getattr(r, "fiscal_year", None))
                 not in entered_scores] + scores
    evaluations = [e for e in evaluations if (agency_key(e.agency), e.fiscal_year) not in entered_decisions]
    return committee, evaluations + decisions


__all__ = ["store_evidence"]
