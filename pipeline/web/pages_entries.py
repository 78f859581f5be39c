"""Committee and evaluator entry: part-2 scores and the evaluator's decisions typed on the page, kept in the store."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from pipeline.errors import PipelineError
from pipeline.identity import agency_key
from pipeline.scoring.committee import csv_columns, read_csv, score_from_values
from pipeline.scoring.evidence import Evaluation
from pipeline.scoring.rules import rules_for
from pipeline.store.entries import entries, save_entry
from pipeline.store.users import User
from pipeline.web.pages_office import chosen_year
from pipeline.web.render import render
from pipeline.web.security import SIGNED_IN, office_user

router = APIRouter(dependencies=SIGNED_IN)
_TEXT = ("project_name", "committee_name", "signed_date", "note")


def _agencies(request: Request, year: int | None) -> list[str]:
    store = request.app.state.config.store
    names = {agency_key(r.agency): r.agency for r in store.records(fiscal_year=year, current_only=True) if r.agency}
    for entry in entries(store, "committee", fiscal_year=year) + entries(store, "evaluation", fiscal_year=year):
        names.setdefault(agency_key(entry.agency), entry.agency)
    return sorted(names.values())


@router.get("/committee")
def committee_page(request: Request, fy: int | None = None, user: User = Depends(office_user)) -> Response:
    store = request.app.state.config.store
    year, years = chosen_year(store, fy)
    scores = {agency_key(e.agency): e for e in entries(store, "committee", fiscal_year=year)}
    decisions = {agency_key(e.agency): e for e in entries(store, "evaluation", fiscal_year=year)}
    return render(request, "committee.html", nav="committee", year=year, years=years,
                  agencies=_agencies(request, year), items=rules_for(year).committee_items(), scores=scores,
                  decisions=decisions, key=agency_key, in_effect=_in_effect(request, year))


def _in_effect(request: Request, year: int | None) -> dict[str, dict[str, object]]:
    """What scoring uses now per agency (entered here, or read from the evaluations folder's files): the
    forms start from it."""
    from pipeline.scoring.store_evidence import store_evidence

    config = request.app.state.config
    out: dict[str, dict[str, object]] = {}
    for item in store_evidence(config.store, year, config.evaluations):
        values: dict[str, object] = {}
        if item.committee is not None:
            values.update({f"{k}_points": f"{v.normalize():f}" for k, v in item.committee.points.items()})
            values.update({"committee_name": item.committee.committee_name or "", "note": item.committee.note or "",
                           "committee_source": item.committee.source or ""})
        if item.evaluation is not None:
            values.update(json.loads(item.evaluation.model_dump_json(exclude_none=True)))
        out[agency_key(item.agency)] = values
    return out


@router.post("/committee")
async def committee_save(request: Request, user: User = Depends(office_user)) -> Response:
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf"}
    year = int(values["fiscal_year"]) if values.get("fiscal_year", "").isdigit() else None
    score = score_from_values(values, "the committee form")  # every problem of the row in one error
    data = {f"{k}_points": f"{v.normalize():f}" for k, v in score.points.items()}
    data.update({k: values[k].strip() for k in _TEXT if values.get(k, "").strip()})
    save_entry(request.app.state.config.store, "committee", score.agency, year, data, by=user.name)
    return RedirectResponse(f"/committee?fy={year or ''}", status_code=303)


def _mark(values: dict[str, str], name: str) -> dict[str, Any] | None:
    state = values.get(f"{name}_present", "")
    return {"present": state == "yes"} if state in ("yes", "no") else None


@router.post("/evaluation")
async def evaluation_save(request: Request, user: User = Depends(office_user)) -> Response:
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    agency = values.get("agency", "").strip()
    year = int(values["fiscal_year"]) if values.get("fiscal_year", "").isdigit() else None
    # Start from what is in effect (the file's notes, page counts, agency type stay) and set what was entered.
    now = _in_effect(request, year).get(agency_key(agency), {})
    data: dict[str, Any] = {k: now[k] for k in ("agency_type", "participation", "selection", "developed",
                                                 "outcomes", "pages") if k in now}
    for name in ("participation", "selection"):
        if (mark := _mark(values, name)) is not None:
            data[name] = {**data.get(name, {}), **mark}
    if values.get("developed") in ("yes", "no"):
        data["developed"] = {**data.get("developed", {}), "value": values["developed"] == "yes"}
    for name in ("participation", "selection", "developed"):
        if name in data and values.get(f"{name}_note", "").strip():
            data[name]["note"] = values[f"{name}_note"].strip()
    outcomes = list(data.get("outcomes", []))
    for i in (0, 1):
        entered = values.get(f"outcome{i + 1}", "").strip()
        if entered and i < len(outcomes):
            outcomes[i] = {**outcomes[i], "result": entered}
        elif entered:
            outcomes.append({"result": entered})
    if outcomes:
        data["outcomes"] = outcomes
    try:
        Evaluation(agency=agency, fiscal_year=year, **data)
    except ValueError as exc:
        raise PipelineError(f"the evaluator's decision cannot be used: {exc}",
                            "ผลการพิจารณาของผู้ประเมินไม่ถูกต้อง (ผลลัพธ์ต้องเป็นตัวเลข หรือ บรรลุ / ไม่บรรลุ)") from None
    save_entry(request.app.state.config.store, "evaluation", agency, year, data, by=user.name)
    return RedirectResponse(f"/committee?fy={year or ''}", status_code=303)


@router.get("/committee.csv")
def committee_export(request: Request, fy: int | None = None, user: User = Depends(office_user)) -> Response:
    """The entered scores as the committee CSV the CLI reads (``committee import``), Excel-ready (BOM)."""
    store = request.app.state.config.store
    year, _years = chosen_year(store, fy)
    columns = csv_columns(rules_for(year))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for entry in reversed(entries(store, "committee", fiscal_year=year)):
        writer.writerow({**entry.data, "agency": entry.agency, "fiscal_year": entry.fiscal_year or ""})
    return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="committee_{year or "all"}.csv"'})


@router.post("/committee/import")
async def committee_import(request: Request, user: User = Depends(office_user)) -> Response:
    form = await request.form()
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise PipelineError("choose a committee CSV file", "โปรดเลือกไฟล์ CSV คะแนนคณะกรรมการ")
    content = await upload.read(2_000_001)
    if len(content) > 2_000_000:
        raise PipelineError("the CSV is larger than 2 MB", "ไฟล์ CSV ใหญ่เกิน 2 MB")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "committee.csv"
        path.write_bytes(content)
        scores = read_csv(path)  # any bad row: an error naming every bad row, nothing saved
    store = request.app.state.config.store
    for score in scores:
        data = {f"{k}_points": f"{v.normalize():f}" for k, v in score.points.items()}
        data.update({k: str(getattr(score, k)) for k in _TEXT if getattr(score, k)})
        save_entry(store, "committee", score.agency, score.fiscal_year, data, by=user.name)
    year = scores[0].fiscal_year if scores else None
    return RedirectResponse(f"/committee?fy={year or ''}", status_code=303)
