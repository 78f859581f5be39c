"""The office's board rows (agencies × documents for a year), kept per agency and computed again when it changed."""

from __future__ import annotations

import gc
import threading
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pipeline.identity import UNKNOWN_AGENCY, agency_key
from pipeline.scoring.status import agency_status, review_items
from pipeline.store import Store
from pipeline.store.models import AgencyStatus, StoredFile, StoredRecord, YearMarks

REVIEW_THRESHOLD = 0.8


@dataclass
class BoardRow:
    """One agency's line on the board: its status and how many fields wait for a person."""

    status: AgencyStatus
    to_review: int

    @property
    def state(self) -> str:
        if self.status.invalid:
            return "invalid"
        if self.status.missing:
            return "missing"
        return "review" if self.to_review else "complete"


Marks = tuple[tuple[tuple[int, int], ...], tuple[int, ...]]


@dataclass(frozen=True)
class _Kept:
    stamp: tuple[int, ...]
    marks: dict[str, Marks]
    rows: dict[str, BoardRow]


_kept: dict[tuple[str, int], _Kept] = {}
_lock = threading.Lock()


def board_rows(store: Store, fiscal_year: int | None, agency_type: str | None = None) -> list[BoardRow]:
    """Every agency of the year with its documents in, missing and invalid, and its fields to review. The rows
    are kept per agency; a look computes again only the agencies whose marks (``Store.year_marks``) changed, and
    reads the marks only when the year's stamp changed."""
    if fiscal_year is None:  # a store without any year: nothing worth keeping
        rows = _rows(store.records(current_only=True), store.files(status="rejected"), [], None)
    else:
        rows = sorted(_kept_rows(store, fiscal_year).values(), key=lambda r: r.status.agency)
    return [r for r in rows if not agency_type or r.status.agency_type == agency_type]


def warm_up(store: Store) -> None:
    """Every year's board computed ahead, the newest first (its data files read, its rows kept): a first look at
    a year after the server started is then a look at kept rows."""
    for year in store.fiscal_years():
        board_rows(store, year)


def _kept_rows(store: Store, fiscal_year: int) -> dict[str, BoardRow]:
    place = (store.engine.url.render_as_string(hide_password=True), fiscal_year)
    with _lock:
        kept = _kept.get(place)
    seen = store.year_marks(fiscal_year, unless=kept.stamp if kept is not None else None)
    if seen is None:  # the year's stamp is still the kept one's
        return kept.rows if kept is not None else {}
    marks = marks_by_agency(seen)
    if kept is None:
        rows = year_rows(store, fiscal_year)
    else:
        changed = {k for k in marks.keys() | kept.marks.keys() if marks.get(k) != kept.marks.get(k)}
        if not changed:
            rows = kept.rows
        elif len(changed) * 2 < len(marks):
            rows = {k: r for k, r in kept.rows.items() if k not in changed} | year_rows(
                store, fiscal_year, changed, seen, marks)
        else:  # most agencies changed: one pass over the year is cheaper
            rows = year_rows(store, fiscal_year)
    with _lock:
        _kept[place] = _Kept(seen.stamp, marks, rows)
    return rows


def marks_by_agency(seen: YearMarks) -> dict[str, Marks]:
    """Each agency's marks by its key (the key ``agency_status`` groups by): every agency the store knows, with
    its current records (id, newest correction of its file) and rejected files."""
    keys: dict[str | None, str] = {}

    def key(name: str | None) -> str:
        if name not in keys:
            keys[name] = agency_key(name or UNKNOWN_AGENCY)
        return keys[name]

    found: dict[str, tuple[list[tuple[int, int]], list[int]]] = {}
    for name, record_id, fixed in seen.records:
        found.setdefault(key(name), ([], []))[0].append((record_id, fixed))
    for name, file_id in seen.rejected:
        found.setdefault(key(name), ([], []))[1].append(file_id)
    for name in seen.agencies:
        found.setdefault(key(name), ([], []))
    return {k: (tuple(recs), tuple(files)) for k, (recs, files) in found.items()}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The garbage collector paused while rows are computed: tens of thousands of short-lived objects, no cyclic
    garbage worth a pass, and a full pass in the middle (walking everything the server holds) doubled a look."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def year_rows(store: Store, fiscal_year: int | None, only: Collection[str] | None = None,
              seen: YearMarks | None = None, marks: dict[str, Marks] | None = None) -> dict[str, BoardRow]:
    """The board's rows by agency key, computed from the store: every agency's, or ``only`` those keys' (whose
    current records ``marks`` lists, from ``seen``)."""
    with _collector_paused():
        return _year_rows(store, fiscal_year, only, seen, marks)


def _year_rows(store: Store, fiscal_year: int | None, only: Collection[str] | None,
               seen: YearMarks | None, marks: dict[str, Marks] | None) -> dict[str, BoardRow]:
    if only is None or seen is None or marks is None:
        current = store.records(fiscal_year=fiscal_year, current_only=True)
        rejected = [f for f in store.files(status="rejected") if fiscal_year is None or f.fiscal_year == fiscal_year]
        known = store.agency_names() if fiscal_year is not None else []
    else:
        ids = [record_id for k in only for record_id, _fixed in marks.get(k, ((), ()))[0]]
        current = store.records(fiscal_year=fiscal_year, current_only=True, ids=ids) if ids else []
        rejected = [f for f in store.files(status="rejected")  # asked only when one of them has some
                    if f.fiscal_year == fiscal_year and agency_key(f.agency or UNKNOWN_AGENCY) in only
                    ] if any(marks.get(k, ((), ()))[1] for k in only) else []
        known = [name for name in seen.agencies if agency_key(name) in only]
    return {agency_key(row.status.agency): row for row in _rows(current, rejected, known, fiscal_year)}


def _rows(current: list[StoredRecord], rejected: list[StoredFile], known: list[str],
          fiscal_year: int | None) -> list[BoardRow]:
    to_review: dict[str, int] = {}
    for item in review_items(current, REVIEW_THRESHOLD):
        key = agency_key(item.agency or UNKNOWN_AGENCY)
        to_review[key] = to_review.get(key, 0) + 1
    return [BoardRow(s, to_review.get(agency_key(s.agency), 0))
            for s in agency_status(current, rejected, known, fiscal_year)]
