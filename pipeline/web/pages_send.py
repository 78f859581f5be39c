"""A clerk sends its signed returns: files into the same ingest, each file's outcome, and how it differs from its draft."""

from __future__ import annotations

import threading

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from pipeline.identity import agency_key
from pipeline.ingest.limits import Limits
from pipeline.records import Record
from pipeline.store.drafts import drafts_of
from pipeline.store.users import User
from pipeline.web.pages_upload import KEEP_JOBS, inbox_of, upload_jobs
from pipeline.web.render import render
from pipeline.web.returns import from_draft
from pipeline.web.security import SIGNED_IN, Forbidden, check_agency, current_user
from pipeline.web.uploads import UploadJob, receive, run

router = APIRouter(dependencies=SIGNED_IN)


def _own_jobs(request: Request, user: User, agency: str) -> list[UploadJob]:
    key = agency_key(agency)
    return sorted((j for j in upload_jobs(request).values() if j.agency and agency_key(j.agency) == key and j.by == user.name),
                  key=lambda j: j.started, reverse=True)


@router.get("/agencies/{agency:path}/send/{job_id}")
def send_progress(request: Request, agency: str, job_id: str, user: User = Depends(current_user)) -> Response:
    check_agency(user, agency)
    job = upload_jobs(request).get(job_id)
    if job is None or not job.agency or agency_key(job.agency) != agency_key(agency):
        raise Forbidden()
    store = request.app.state.config.store
    compared = {}
    if job.done:
        drafts = drafts_of(store, agency)
        for line in job.lines:
            if line.record_id and user.sees_agency(line.agency):
                stored = store.record(line.record_id)
                compared[line.record_id] = from_draft(Record(kind=stored.kind, fields=stored.fields), drafts)
    partial = bool(request.headers.get("HX-Request"))
    return render(request, "send_progress.html" if partial else "send_job.html", nav="send", job=job,
                  agency=agency, compared=compared)


@router.get("/agencies/{agency:path}/send")
def send_page(request: Request, agency: str, user: User = Depends(current_user)) -> Response:
    check_agency(user, agency)
    return render(request, "send.html", nav="send", agency=agency, recent=_own_jobs(request, user, agency)[:10],
                  limits=Limits.from_env(), max_files=request.app.state.config.max_upload_files)


@router.post("/agencies/{agency:path}/send")
async def send(request: Request, agency: str, user: User = Depends(current_user)) -> Response:
    check_agency(user, agency)
    form = await request.form()
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    config = request.app.state.config
    job = receive([(f.filename or "file", f.file) for f in files], inbox_of(request), Limits.from_env(),
                  config.max_upload_files, by=user.name, agency=agency)
    jobs = upload_jobs(request)
    jobs[job.id] = job
    for old in sorted(jobs.values(), key=lambda j: j.started)[:-KEEP_JOBS]:
        jobs.pop(old.id, None)
    threading.Thread(target=run, args=(job, inbox_of(request), config.store), daemon=True,
                     name=f"send-{job.id[:8]}").start()
    return RedirectResponse(f"/agencies/{agency}/send/{job.id}", status_code=303)
