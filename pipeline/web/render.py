"""Pages from templates: the Jinja2 environment, its helpers, and the page with the user and the CSRF token."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from pipeline import thai
from pipeline.errors import PipelineError
from pipeline.forms import KINDS, form
from pipeline.web.security import session_of, write_session

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))


def kind_title(kind: str) -> str:
    """A kind's short Thai title for a column or a heading (its key when unknown)."""
    try:
        spec = form(kind)
    except PipelineError:
        return kind
    if spec.form_number:
        return f"แบบฟอร์ม {spec.form_number}"
    return _SHORT.get(kind, spec.title)


_SHORT = {"certificate": "หนังสือรับรอง", "survey": "แบบสำรวจ"}  # the two long titles, shortened for a column


def local(moment: dt.datetime | None) -> str:
    """A time as Bangkok's clock shows it (the store keeps UTC)."""
    return moment.astimezone(thai.BANGKOK).strftime("%Y-%m-%d %H:%M") if moment else ""


templates.env.filters["local"] = local
templates.env.globals.update(KINDS=KINDS, kind_title=kind_title, thai_digits=thai.to_thai_digits)


def compile_templates() -> None:
    """Every page's template compiled now, at start (a page's first look would pay for its own, ~40 ms)."""
    for name in templates.env.list_templates(extensions=["html"]):
        templates.env.get_template(name)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from its template, with the signed-in user and the session's CSRF token."""
    session = session_of(request)
    context.setdefault("user", getattr(request.state, "user", None))
    response = templates.TemplateResponse(request, template, {"csrf": session.csrf, **context}, status_code=status_code)
    write_session(request, response, session)
    return response


def error_page(request: Request, status: int, title_th: str, title_en: str, detail: str = "") -> Response:
    if request.headers.get("HX-Request"):
        return HTMLResponse(f'<p class="error" role="alert">{title_th} ({title_en})</p>', status_code=status)
    return render(request, "error.html", status_code=status, title_th=title_th, title_en=title_en, detail=detail)

__all__ = ["compile_templates", "error_page", "kind_title", "render", "templates"]
