"""The upload page: many files or a ZIP into the inbox, ingested in the background, each file's outcome shown live."""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from pipeline.ingest.limits import Limits
from pipeline.ingest.stage import default_inbox
from pipeline.store.users import User
from pipeline.web.images import page_png
from pipeline.web.pages_review import review_cache
from pipeline.web.render import render
from pipeline.web.security import SIGNED_IN, Forbidden, office_user
from pipeline.web.uploads import UploadJob, receive, run

router = APIRouter(dependencies=SIGNED_IN)
KEEP_JOBS = 100


def inbox_of(request: Request) -> Path:
    return Path(request.app.state.config.inbox or default_inbox())


def upload_jobs(request: Request) -> dict[str, UploadJob]:
    if not hasattr(request.app.state, "jobs"):
        request.app.state.jobs = {}
    return request.app.state.jobs


@router.get("/upload")
def upload_page(request: Request, user: User = Depends(office_user)) -> Response:
    recent = sorted(upload_jobs(request).values(), key=lambda j: j.started, reverse=True)[:10]
    limits = Limits.from_env()
    return render(request, "upload.html", nav="upload", recent=recent, limits=limits,
                  max_files=request.app.state.config.max_upload_files)


@router.post("/upload")
async def upload(request: Request, user: User = Depends(office_user)) -> Response:
    form = await request.form()
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    config = request.app.state.config
    job = receive([(f.filename or "file", f.file) for f in files], inbox_of(request), Limits.from_env(),
                  config.max_upload_files, by=user.name)
    jobs = upload_jobs(request)
    jobs[job.id] = job
    for old in sorted(jobs.values(), key=lambda j: j.started)[:-KEEP_JOBS]:
        jobs.pop(old.id, None)
    cache = review_cache(request)

    def ahead(record_id: int) -> None:  # a Word file's PDF and the first page's image made now, not when the
        page_png(config.store.record(record_id), 1, cache)  # reviewer first opens the record

    threading.Thread(target=run, args=(job, inbox_of(request), config.store, ahead), daemon=True,
                     name=f"upload-{job.id[:8]}").start()
    return RedirectResponse(f"/upload/{job.id}", status_code=303)


@router.get("/upload/{job_id}")
def upload_progress(request: Request, job_id: str, user: User = Depends(office_user)) -> Response:
    job = upload_jobs(request).get(job_id)
    if job is None:
        raise Forbidden()  # not one of this server's uploads: nothing to show, nothing to guess
    partial = bool(request.headers.get("HX-Request"))
    return render(request, "upload_progress.html" if partial else "upload_job.html", nav="upload", job=job)
