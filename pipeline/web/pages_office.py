"""The office's board (agencies × documents for a fiscal year) and the reports page with the all-agency summary."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from pipeline.errors import PipelineError
from pipeline.scoring.rules import rules_for
from pipeline.store import Store
from pipeline.store.users import User
from pipeline.web.board import board_rows
from pipeline.web.render import render
from pipeline.web.security import SIGNED_IN, office_user

router = APIRouter(dependencies=SIGNED_IN)


def chosen_year(store: Store, fy: int | None) -> tuple[int | None, list[int]]:
    """The year asked for, else the newest the store knows; and every year, for the selector."""
    years = store.fiscal_years()
    return (fy if fy is not None else (years[0] if years else None)), years


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
