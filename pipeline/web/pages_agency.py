"""An agency's page: its documents with their versions, findings, its score explained, downloads, source files."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, Response

from pipeline.errors import PipelineError
from pipeline.identity import agency_key
from pipeline.scoring.evidence import Evidence
from pipeline.scoring.score import ScoreCard, score_agency
from pipeline.scoring.status import one_agency
from pipeline.store import Store, StoredRecord
from pipeline.store.entries import uploaded_by
from pipeline.store.users import User
from pipeline.web.pages_office import chosen_year, send_file, source_of
from pipeline.web.render import render
from pipeline.web.security import SIGNED_IN, Forbidden, check_agency, current_user

router = APIRouter(dependencies=SIGNED_IN)


def agency_records(store: Store, agency: str, fiscal_year: int | None,
                   current_only: bool = False) -> list[StoredRecord]:
    """The agency's stored records of the year, every version (the store's filter matches parts of names)."""
    key = agency_key(agency)
    return [r for r in store.records(fiscal_year=fiscal_year, agency=agency, current_only=current_only)
            if agency_key(r.agency) == key]


def agency_evidence(request: Request, agency: str, fiscal_year: int | None) -> Evidence | None:
    from pipeline.scoring.store_evidence import store_evidence

    config = request.app.state.config
    key = agency_key(agency)
    found = [e for e in store_evidence(config.store, fiscal_year, config.evaluations, agency=agency)
             if agency_key(e.agency) == key]
    return found[0] if found else None


def agency_card(request: Request, agency: str, fiscal_year: int | None) -> ScoreCard | None:
    """The same score object the CLI prints, for one agency and year (None when it has nothing yet)."""
    evidence = agency_evidence(request, agency, fiscal_year)
    return score_agency(evidence) if evidence is not None else None


def _download(request: Request, agency: str, fy: int | None, what: str, fmt: str, quarter: int | None = None
              ) -> Response:
    from pipeline.reports.quarterly import quarterly_reports
    from pipeline.reports.scorecard import scorecard_reports

    if fmt not in ("docx", "pdf"):
        raise PipelineError(f"no {what} as {fmt!r}: choose docx or pdf", "เลือกได้เฉพาะ docx หรือ pdf")
    folder = Path(tempfile.mkdtemp(prefix="pipeline-web-"))
    if what == "scorecard":
        paths = scorecard_reports(folder, agency=agency, fiscal_year=fy, source=source_of(request), pdf=fmt == "pdf")
    else:
        paths = quarterly_reports(folder, agency=agency, quarters=[quarter or 1], fiscal_year=fy,
                                  source=source_of(request), pdf=fmt == "pdf")
    key = agency_key(agency)
    wanted = [p for p in paths if p.suffix == f".{fmt}" and key in agency_key(p.stem)] or \
        [p for p in paths if p.suffix == f".{fmt}"]
    if not wanted:
        raise PipelineError("the report could not be made", "สร้างรายงานไม่ได้")
    return send_file(wanted[0], folder)


@router.get("/agencies/{agency:path}/scorecard.{fmt}")
def scorecard_download(request: Request, agency: str, fmt: str, fy: int | None = None,
                       user: User = Depends(current_user)) -> Response:
    check_agency(user, agency)
    return _download(request, agency, fy, "scorecard", fmt)


@router.get("/agencies/{agency:path}/quarterly/{quarter}.{fmt}")
def quarterly_download(request: Request, agency: str, quarter: int, fmt: str, fy: int | None = None,
                       user: User = Depends(current_user)) -> Response:
    check_agency(user, agency)
    if quarter not in (1, 2, 3, 4):
        raise PipelineError("a quarter is 1 to 4", "ไตรมาสต้องเป็น 1 ถึง 4")
    return _download(request, agency, fy, "quarterly", fmt, quarter)


@router.get("/agencies/{agency:path}")
def agency_page(request: Request, agency: str, fy: int | None = None,
                user: User = Depends(current_user)) -> Response:
    check_agency(user, agency)
    store = request.app.state.config.store
    years = sorted({r.fiscal_year for r in agency_records(store, agency, None) if r.fiscal_year}, reverse=True)
    year = fy if fy is not None else (years[0] if years else chosen_year(store, None)[0])
    stored = agency_records(store, agency, year)
    current = [r for r in stored if r.current]
    rejected = [f for f in store.files(status="rejected")
                if agency_key(f.agency) == agency_key(agency) and (year is None or f.fiscal_year == year)]
    status = one_agency(agency, year, current, rejected)
    card = agency_card(request, agency, year) if current else None
    name = current[0].agency if current else agency
    senders = {r.sha256: ", ".join(sorted({by for by, _at in uploaded_by(store, r.sha256)})) for r in stored}
    return render(request, "agency.html", nav="board" if user.office else "", agency=name, year=year,
                  years=years, records=stored, status=status, card=card, rejected=rejected, senders=senders)


@router.get("/files/{file_id}")
def source_file(request: Request, file_id: int, user: User = Depends(current_user)) -> Response:
    """A received file as it came (for its agency and the office); the path is the store's, never the user's."""
    store = request.app.state.config.store
    found = [f for f in store.files() if f.id == file_id]
    if not found:
        raise PipelineError(f"there is no file {file_id}", f"ไม่พบไฟล์หมายเลข {file_id}")
    file = found[0]
    check_agency(user, file.agency)
    if not file.stored_path or not Path(file.stored_path).is_file():
        raise Forbidden() if not user.office else PipelineError(
            "the file is no longer on disk", "ไม่พบไฟล์ต้นฉบับบนดิสก์แล้ว")
    return FileResponse(file.stored_path, filename=file.original_name)
