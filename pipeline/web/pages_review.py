"""Review: a record's source page beside its fields, flagged fields first, audited corrections, the raw text."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from pipeline import settings
from pipeline.errors import PipelineError
from pipeline.forms import FieldSpec, form
from pipeline.scoring.status import review, review_items
from pipeline.store import StoredRecord
from pipeline.store.users import User
from pipeline.web.board import REVIEW_THRESHOLD
from pipeline.web.images import PageImageError, find_boxes, page_count, page_png
from pipeline.web.pages_agency import agency_card
from pipeline.web.pages_office import chosen_year
from pipeline.web.render import render
from pipeline.web.security import SIGNED_IN, check_agency, current_user, office_user

router = APIRouter(dependencies=SIGNED_IN)
_SCALAR = ("text", "number", "integer", "date", "bool", "enum")


@dataclass
class FieldView:
    """One field as the review page shows it: label, value, input, and why it is flagged (if it is)."""

    key: str
    label: str
    type: str
    value: Any
    text: str
    choices: dict[str, str]
    warning: str | None
    confidence: float | None
    where: str | None

    @property
    def flagged(self) -> bool:
        return self.warning is not None or (self.confidence is not None and self.confidence < REVIEW_THRESHOLD)

    @property
    def multiline(self) -> bool:
        return self.type not in _SCALAR or len(self.text) > 70 or "\n" in self.text


def _text(spec: FieldSpec, value: Any) -> str:
    if value is None:
        return ""
    if spec.type in _SCALAR:
        return str(value)
    return json.dumps(value, ensure_ascii=False, indent=1, default=str)


def field_views(stored: StoredRecord) -> list[FieldView]:
    """The record's top-level fields, those with a warning or a low confidence first (the order of the form)."""
    flags: dict[str, tuple[str | None, float | None]] = {}
    for item in review_items([stored], REVIEW_THRESHOLD):
        top = item.field.split(".")[0]
        warning, confidence = flags.get(top, (None, None))
        flags[top] = (warning or item.warning, confidence if confidence is not None else item.confidence)
    views = []
    for key, spec in form(stored.kind).fields.items():
        value = stored.fields.get(key)
        warning, confidence = flags.get(key, (None, stored.confidence.get(key)))
        views.append(FieldView(key, spec.label, spec.type, value, _text(spec, value), spec.choices, warning,
                               confidence, stored.provenance.get(key)))
    return sorted(views, key=lambda v: not v.flagged)


def review_cache(request: Request) -> Path:
    """Where page images and Word files' PDFs are kept."""
    return Path(request.app.state.config.cache or settings.project_root() / "data" / "web-cache")


def _record(request: Request, record_id: int, user: User) -> StoredRecord:
    stored = request.app.state.config.store.record(record_id)
    check_agency(user, stored.agency)
    return stored


@router.get("/review")
def review_list(request: Request, fy: int | None = None, user: User = Depends(office_user)) -> Response:
    store = request.app.state.config.store
    year, years = chosen_year(store, fy)
    items = review(store, fiscal_year=year, threshold=REVIEW_THRESHOLD)
    return render(request, "review_list.html", nav="review", items=items, year=year, years=years)


@router.get("/records/{record_id}")
def record_page(request: Request, record_id: int, page: int = 1, user: User = Depends(current_user)) -> Response:
    stored = _record(request, record_id, user)
    views = field_views(stored)
    cache = review_cache(request)
    try:
        pages, image_error = page_count(stored, cache), None
    except PipelineError as exc:  # gone from disk, or LibreOffice failed: the fields still show
        pages, image_error = 0, exc
    page = min(max(page, 1), max(pages, 1))
    boxes = []
    if pages:
        wanted = {v.key: v.text for v in views if v.type in _SCALAR and v.type != "enum" and v.text}
        boxes = find_boxes(stored, cache, page, wanted)
    card = agency_card(request, stored.agency, stored.fiscal_year) if stored.agency else None
    return render(request, "review.html", nav="review" if user.office else "", stored=stored, views=views,
                  page=page, pages=pages, boxes=boxes, image_error=image_error, card=card,
                  record_warnings=[w for w in stored.warnings if not any(w == v.warning for v in views)],
                  agency_url=quote(stored.agency or "", safe=""))


@router.get("/records/{record_id}/pages/{page}.png")
def record_page_image(request: Request, record_id: int, page: int, user: User = Depends(current_user)) -> Response:
    stored = _record(request, record_id, user)
    path = page_png(stored, page, review_cache(request))
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


@router.get("/records/{record_id}/text")
def record_text(request: Request, record_id: int, user: User = Depends(current_user)) -> Response:
    """The text the reader saw in the file, as one block (read again from the stored file)."""
    from pipeline.readers import read_document

    stored = _record(request, record_id, user)
    path = Path(stored.stored_path or "")
    if not stored.stored_path or not path.is_file():
        raise PageImageError("the record's file is no longer on disk", "ไม่พบไฟล์ต้นฉบับของเอกสารนี้บนดิสก์แล้ว")
    text = read_document(path).text()
    partial = bool(request.headers.get("HX-Request"))
    return render(request, "raw_text_part.html" if partial else "raw_text.html", stored=stored, text=text)


@router.post("/records/{record_id}/correct")
def correct(request: Request, record_id: int, field: str = Form(...), value: str = Form(""),
            note: str = Form(""), user: User = Depends(office_user)) -> Response:
    store = request.app.state.config.store
    _record(request, record_id, user)
    store.correct(record_id, field, value, by=user.name, note=note.strip() or None)
    return RedirectResponse(f"/records/{record_id}#field-{quote(field)}", status_code=303)

