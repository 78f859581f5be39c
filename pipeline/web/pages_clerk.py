"""An agency clerk's forms: blank DOCX/PDF and a ZIP of them, drafts filled on the page, prefilled DOCX and PDF."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import threading
import zipfile
from dataclasses import replace as dc_replace
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from pipeline import agencies, thai
from pipeline.errors import PipelineError
from pipeline.forms import KINDS, form
from pipeline.generate import generate, generate_blank
from pipeline.records import Record
from pipeline.scoring.evidence import Evidence
from pipeline.scoring.rules import rules_for
from pipeline.scoring.score import ScoreLine, score_agency
from pipeline.scoring.validate import DocumentRef, Finding, validate_record
from pipeline.store.drafts import Draft, draft_by_id, drafts_of, new_draft, save_draft
from pipeline.store.users import User
from pipeline.web.formdata import change_rows, checked, posted_fields
from pipeline.web.pages_agency import agency_evidence
from pipeline.web.pages_office import chosen_year, send_file
from pipeline.web.render import render, templates
from pipeline.web.security import SIGNED_IN, Forbidden, check_agency, current_user
from pipeline.wording import printed_wording

router = APIRouter(dependencies=SIGNED_IN)
_blank_lock = threading.Lock()
# Text fields of one line (names, units); every other text field is a box of its own lines.
SHORT_FIELDS = {"agency", "section_unit", "division", "idea_name", "project_name", "partner", "budget_source",
                "duration", "survey_population", "extended_from", "extended_current", "name", "target", "period",
                "likelihood", "impact", "level", "share_percent", "respondents_group"}
templates.env.globals.update(FISCAL_MONTHS=thai.FISCAL_MONTHS, MONTH_ABBR=thai.MONTH_ABBR,
                             SHORT_FIELDS=SHORT_FIELDS | {k for f in KINDS for k in form(f).fields if k.endswith("_name")})


def _fmt(fmt: str) -> str:
    if fmt not in ("docx", "pdf"):
        raise PipelineError(f"no form as {fmt!r}: choose docx or pdf", "เลือกได้เฉพาะ docx หรือ pdf")
    return fmt


def _kind(kind: str) -> str:
    form(kind)  # an unknown kind is a clear error naming the known ones
    return kind


def blank_folder(request: Request) -> Path:
    """Every kind's blank form as DOCX and PDF, made once (LibreOffice takes seconds) and kept in the page's cache."""
    cache = request.app.state.config.cache
    folder = Path(cache or tempfile.gettempdir()) / "blank-forms"
    with _blank_lock:
        if not all((folder / f"{k}-blank.{ext}").is_file() for k in KINDS for ext in ("docx", "pdf")):
            folder.mkdir(parents=True, exist_ok=True)
            generate_blank(list(KINDS), folder, pdf=True)
    return folder


def guidance(kind: str) -> list[str]:
    """The seed's printed guidance lines of a kind: the page's help text above the form."""
    return [g for g in printed_wording().get("kinds", {}).get(kind, {}).get("guidance", []) if isinstance(g, str)]


def own_draft(request: Request, user: User, agency: str, draft_id: int) -> Draft:
    """The draft, when it is the URL's agency's and the user sees that agency; 403 otherwise (never a 404 that
    tells another agency's clerk that the number exists)."""
    check_agency(user, agency)
    try:
        draft = draft_by_id(request.app.state.config.store, draft_id)
    except PipelineError:
        raise Forbidden() from None
    if agencies.key(draft.agency) != agencies.key(agency) or not user.sees_agency(draft.agency):
        raise Forbidden()
    return draft


def draft_record(draft: Draft) -> Record:
    """The draft as the record it will be (the record model's checks applied; PipelineError when it refuses)."""
    return Record.from_data(draft.data, kind=draft.kind)


def findings_of(draft: Draft, record: Record | None) -> list[Finding]:
    """What the office will check on this document alone: the same ``validate`` the scores use."""
    if record is None:
        return []
    ref = DocumentRef(kind=draft.kind, agency=draft.agency)
    return validate_record(record, ref, rules_for(draft.fiscal_year), draft.fiscal_year)


def score_lines(request: Request, draft: Draft, record: Record | None) -> list[ScoreLine]:
    """The score lines this draft counts in, were it sent now beside what the agency has already sent: the same
    ``score_agency`` the office's page explains, so a finding's cost shows as points not earned."""
    if record is None:
        return []
    evidence = agency_evidence(request, draft.agency, draft.fiscal_year) or Evidence(draft.agency, draft.fiscal_year)
    # The draft first of its kind, as the document scored (#1); it takes the place of what was sent of its kind,
    # but for Form 1, of which an agency sends up to three ideas.
    others = [r for r in evidence.records if r.kind != draft.kind or draft.kind == "form1"]
    card = score_agency(dc_replace(evidence, records=[record, *others]))
    return [ln for ln in card.lines if any(d.kind == draft.kind and d.number == 1 for d in ln.documents)]


def _prefill(kind: str, agency: str, fiscal_year: int | None) -> dict[str, Any]:
    """A new draft's fields: every key blank, the agency's name from the list, the fiscal year where asked."""
    data: dict[str, Any] = posted_fields(kind, [])
    specs = form(kind).fields
    name = agencies.canonical(agency) or agency
    if "agency" in specs:
        data["agency"] = name
    if "fiscal_year" in specs and fiscal_year:
        data["fiscal_year"] = fiscal_year
    if "plan" in specs:
        data["plan"] = {**posted_fields("plan", []), "agency": name, "fiscal_year": fiscal_year}
    return data


# --------------------------------------------------------------------------------------------- blank forms
@router.get("/agencies/{agency:path}/forms.zip")
def blank_zip(request: Request, agency: str, user: User = Depends(current_user)) -> Response:
    check_agency(user, agency)
    source = blank_folder(request)
    folder = Path(tempfile.mkdtemp(prefix="pipeline-web-"))
    target = folder / "แบบฟอร์มเปล่า-blank-forms.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for kind in KINDS:
            for ext in ("docx", "pdf"):
                zf.write(source / f"{kind}-blank.{ext}", f"{kind}-blank.{ext}")
    return send_file(target, folder)


@router.get("/agencies/{agency:path}/forms/{kind}.{fmt}")
def blank_form(request: Request, agency: str, kind: str, fmt: str, user: User = Depends(current_user)) -> Response:
    check_agency(user, agency)
    path = blank_folder(request) / f"{_kind(kind)}-blank.{_fmt(fmt)}"
    return FileResponse(path, filename=path.name)


@router.get("/agencies/{agency:path}/forms")
def forms_page(request: Request, agency: str, user: User = Depends(current_user)) -> Response:
    check_agency(user, agency)
    store = request.app.state.config.store
    return render(request, "clerk_forms.html", nav="forms", agency=agency, specs=[form(k) for k in KINDS],
                  drafts=drafts_of(store, agency))


# --------------------------------------------------------------------------------------------- drafts
@router.post("/agencies/{agency:path}/drafts")
async def create_draft(request: Request, agency: str, user: User = Depends(current_user)) -> Response:
    check_agency(user, agency)
    kind = _kind(str((await request.form()).get("kind") or ""))
    store = request.app.state.config.store
    year = chosen_year(store, None)[0] or thai.fiscal_year_of(thai.bangkok_date(dt.datetime.now(dt.UTC)))
    name = agencies.canonical(agency) or agency
    draft = new_draft(store, kind, name, year, _prefill(kind, name, year), by=user.name)
    return RedirectResponse(f"/agencies/{agency}/drafts/{draft.id}", status_code=303)


@router.get("/agencies/{agency:path}/drafts/{draft_id}.{fmt}")
def draft_download(request: Request, agency: str, draft_id: int, fmt: str,
                   user: User = Depends(current_user)) -> Response:
    draft = own_draft(request, user, agency, draft_id)
    record = draft_record(draft)
    folder = Path(tempfile.mkdtemp(prefix="pipeline-web-"))
    result = generate([record], folder, pdf=_fmt(fmt) == "pdf", per_agency=False,
                      paths=[folder / f"{draft.kind}-draft-{draft.id}.docx"])
    doc = result.documents[0]
    return send_file(doc.pdf if fmt == "pdf" and doc.pdf else doc.docx, folder)


@router.get("/agencies/{agency:path}/drafts/{draft_id}/pages")
def draft_pages(request: Request, agency: str, draft_id: int, user: User = Depends(current_user)) -> Response:
    """The page-limit check before download: the same PDF ``generate`` makes, its pages counted."""
    draft = own_draft(request, user, agency, draft_id)
    folder = Path(tempfile.mkdtemp(prefix="pipeline-web-"))
    try:
        doc = generate([draft_record(draft)], folder, pdf=True, per_agency=False).documents[0]
    except PipelineError as exc:  # an HTMX fragment: an error status would leave the clerk with no answer at all
        return render(request, "clerk_pages.html", doc=None, problem=exc)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return render(request, "clerk_pages.html", doc=doc)


def _draft_context(request: Request, draft: Draft, problems: dict[str, list[str]] | None = None) -> dict[str, Any]:
    record, found = None, problems
    if found is None:
        fields, found = checked(draft.kind, draft.data)
        record = Record(kind=draft.kind, fields=fields) if fields is not None else None
    return {"draft": draft, "spec": form(draft.kind), "data": draft.data, "problems": found or {},
            "findings": findings_of(draft, record), "valid": record is not None,
            "lines": score_lines(request, draft, record), "plan_spec": form("plan"),
            "guidance": guidance(draft.kind), "agency": draft.agency, "url_agency": request.path_params["agency"]}


@router.get("/agencies/{agency:path}/drafts/{draft_id}")
def draft_page(request: Request, agency: str, draft_id: int, user: User = Depends(current_user)) -> Response:
    draft = own_draft(request, user, agency, draft_id)
    return render(request, "clerk_draft.html", nav="forms", **_draft_context(request, draft))


@router.post("/agencies/{agency:path}/drafts/{draft_id}")
async def draft_save(request: Request, agency: str, draft_id: int, user: User = Depends(current_user)) -> Response:
    """Keep what the clerk typed (every change, or a row added or removed) and show the checks beside the fields."""
    draft = own_draft(request, user, agency, draft_id)
    items = list((await request.form()).multi_items())
    data = posted_fields(draft.kind, items)
    op = next((v for k, v in items if k == "op" and isinstance(v, str)), "")
    if op:
        data = change_rows(draft.kind, data, op)
    year = thai.parse_number(data.get("fiscal_year")) if isinstance(data.get("fiscal_year"), str) else None
    draft = save_draft(request.app.state.config.store, draft.id, data, by=user.name,
                       fiscal_year=int(year) if isinstance(year, (int, float)) and 2500 <= year <= 2700 else None)
    if request.headers.get("HX-Request"):
        # A change swaps the checks and each field's problems (out of band); a row added or removed, the form.
        return render(request, "clerk_draft_form.html", oob=not op, **_draft_context(request, draft))
    return RedirectResponse(f"/agencies/{agency}/drafts/{draft.id}", status_code=303)
