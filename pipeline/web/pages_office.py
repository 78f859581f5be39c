"""The office's board (agencies × documents for a fiscal year) and the reports page with the all-agency summary."""

from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from pipeline.errors import PipelineError
from pipeline.identity import agency_key
from pipeline.scoring.rules import rules_for
from pipeline.scoring.status import agency_status, review_items
from pipeline.store import Store
from pipeline.store.models import AgencyStatus
from pipeline.store.users import User
from pipeline.web.render import render
from pipeline.web.security import SIGNED_IN, office_user

router = APIRouter(dependencies=SIGNED_IN)
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


def chosen_year(store: Store, fy: int | None) -> tuple[int | None, list[int]]:
    """The year asked for, else the newest the store knows; and every year, for the selector."""
    years = store.fiscal_years()
    return (fy if fy is not None else (years[0] if years else None)), years


_board_cache: dict[tuple[str, int | None], tuple[tuple[int, int, int], list[BoardRow]]] = {}
_board_lock = threading.Lock()


def board_rows(store: Store, fiscal_year: int | None, agency_type: str | None = None) -> list[BoardRow]:
    """Every agency of the year with its documents in, missing and invalid, and its fields to review; kept until
    the store receives or corrects something (the whole-year status takes most of a second for 80 agencies)."""
    key = (store.engine.url.render_as_string(hide_password=True), fiscal_year)
    mark = store.change_mark()
    with _board_lock:
        cached = _board_cache.get(key)
    if cached is None or cached[0] != mark:
        cached = (mark, _board_rows(store, fiscal_year))
        with _board_lock:
            _board_cache[key] = cached
    return [r for r in cached[1] if not agency_type or r.status.agency_type == agency_type]


def _board_rows(store: Store, fiscal_year: int | None) -> list[BoardRow]:
    current = store.records(fiscal_year=fiscal_year, current_only=True)
    rejected = [f for f in store.files(status="rejected") if fiscal_year is None or f.fiscal_year == fiscal_year]
    known = store.agency_names() if fiscal_year is not None else []
    to_review: dict[str, int] = {}
    for item in review_items(current, REVIEW_THRESHOLD):
        to_review[agency_key(item.agency)] = to_review.get(agency_key(item.agency), 0) + 1
    return [BoardRow(s, to_review.get(agency_key(s.agency), 0))
            for s in agency_status(current, rejected, known, fiscal_year)]


@router.get("/board")
def board(request: Request, fy: int | None = None, type: str | None = None, state: str | None = None,
          user: User = Depends(office_user)) -> Response:
    store = request.app.state.config.store
    year, years = chosen_year(store, fy)
    rows = board_rows(store, year, type or None)
    counts = {name: sum(1 for r in rows if r.state == name) for name in ("complete", "missing", "invalid", "review")}
    if state:
        rows = [r for r in rows if r.state == state]
    types = rules_for(year).agency_types
    return render(request, "board.html", nav="board", rows=rows, year=year, years=years, types=types,
                  chosen_type=type or "", chosen_state=state or "", counts=counts)


# ------------------------------------------------------------------------------------------------ reports
@router.get("/reports")
def reports_page(request: Request, fy: int | None = None, user: User = Depends(office_user)) -> Response:
    year, years = chosen_year(request.app.state.config.store, fy)
    return render(request, "reports.html", nav="reports", year=year, years=years)


def source_of(request: Request):
    """The scoring Source over the page's store and evaluations folder (the same the CLI builds)."""
    from pipeline.scoring.sources import Source

    config = request.app.state.config
    return Source(db=config.store.engine.url.render_as_string(hide_password=False),
                  evaluations_dir=config.evaluations)


def send_file(path: Path, folder: Path) -> FileResponse:
    """A made file as a download; its temporary folder is removed once sent."""
    import shutil

    return FileResponse(path, filename=path.name,
                        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))


_SUFFIX = {"xlsx": ".xlsx", "docx": ".docx", "pdf": ".pdf"}


@router.get("/reports/summary.{fmt}")
def summary_download(request: Request, fmt: str, fy: int | None = None,
                     user: User = Depends(office_user)) -> Response:
    from pipeline.reports.summary import summary_report

    if fmt not in _SUFFIX:
        raise PipelineError(f"no summary as {fmt!r}: choose xlsx, docx or pdf", "เลือกได้เฉพาะ xlsx, docx หรือ pdf")
    year, _years = chosen_year(request.app.state.config.store, fy)
    folder = Path(tempfile.mkdtemp(prefix="pipeline-web-"))
    paths = summary_report(folder, fiscal_year=year, source=source_of(request), pdf=fmt == "pdf")
    wanted = [p for p in paths if p.suffix == _SUFFIX[fmt]]
    if not wanted:
        raise PipelineError("the summary could not be made in that format", "สร้างรายงานสรุปในรูปแบบนี้ไม่ได้")
    return send_file(wanted[0], folder)
