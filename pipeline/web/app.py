"""The web application: its configuration, its error handlers, and the routers of each page put together."""

from __future__ import annotations

import gc
import logging
import secrets
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from pipeline import settings
from pipeline.errors import PipelineError
from pipeline.store import Store, open_store
from pipeline.web.render import compile_templates, error_page
from pipeline.web.security import BadCsrf, Forbidden, NotSignedIn

HERE = Path(__file__).parent
log = logging.getLogger("pipeline.web")


@dataclass
class WebConfig:
    """Where the page takes everything from: the store, the inbox, the evaluations folder, its cache and secret."""

    store_url: str | None = None
    inbox: Path | None = None
    evaluations: Path | None = None
    cache: Path | None = None
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    proxy_user_header: str | None = None
    trusted_proxies: list[str] = field(default_factory=list)
    max_upload_files: int = 200
    store: Store = field(init=False)

    @classmethod
    def from_settings(cls, **overrides: Any) -> WebConfig:
        s = settings.current()
        values: dict[str, Any] = {
            "store_url": s.db, "inbox": s.inbox, "evaluations": s.evaluations, "cache": s.web_cache,
            "proxy_user_header": s.web_proxy_user_header, "max_upload_files": s.web_max_upload_files,
            "trusted_proxies": [p.strip() for p in s.web_trusted_proxies.split(",") if p.strip()]}
        if s.web_secret:
            values["secret"] = s.web_secret
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotSignedIn)
    async def _not_signed_in(request: Request, _exc: NotSignedIn) -> Response:
        if request.method == "GET" and not request.headers.get("HX-Request"):
            return RedirectResponse("/login", status_code=303)
        return Response("sign in first (กรุณาเข้าสู่ระบบ)", status_code=401, headers={"HX-Redirect": "/login"})

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, _exc: Forbidden) -> Response:
        return error_page(request, 403, "ไม่มีสิทธิ์เข้าถึงหน้านี้", "Forbidden: this belongs to another agency "
                           "or to the evaluating office")

    @app.exception_handler(BadCsrf)
    async def _bad_csrf(request: Request, _exc: BadCsrf) -> Response:
        return error_page(request, 403, "แบบฟอร์มหมดอายุหรือไม่ถูกต้อง โปรดโหลดหน้าใหม่แล้วส่งอีกครั้ง",
                           "The form's security token is missing or stale: reload the page and send it again")

    @app.exception_handler(PipelineError)
    async def _pipeline_error(request: Request, exc: PipelineError) -> Response:
        return error_page(request, 400, exc.message_th or exc.message_en, exc.message_en, exc.where or "")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return error_page(request, 404, "ไม่พบหน้าที่ต้องการ", "Not found")
        return error_page(request, exc.status_code, "คำขอไม่ถูกต้อง", str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path, exc_info=exc)
        return error_page(request, 500, "ระบบขัดข้อง โปรดลองอีกครั้งหรือแจ้งผู้ดูแลระบบ",
                           "Something went wrong on the server; the log has the details")


def _warm_up(config: WebConfig) -> None:
    from pipeline.web.board import warm_up

    try:
        compile_templates()
        warm_up(config.store)
    except Exception:  # noqa: BLE001 — only a head start: the first look computes what is missing
        log.exception("warming up the pages failed")


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """At start, in the background: the templates compiled and every year's board computed."""
    threading.Thread(target=_warm_up, args=(app.state.config,), daemon=True, name="pipeline-warm-up").start()
    yield


def create_app(config: WebConfig | None = None) -> FastAPI:
    """The application over ``config``'s store (opened, and migrated, here)."""
    from pipeline.web import (
        pages_agency,
        pages_clerk,
        pages_entries,
        pages_office,
        pages_review,
        pages_send,
        pages_signin,
        pages_upload,
    )

    config = config or WebConfig.from_settings()
    config.store = open_store(config.store_url)
    app = FastAPI(title="BMA innovation KPI", docs_url=None, redoc_url=None, openapi_url=None, lifespan=_lifespan)
    app.state.config = config
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    # The clerk's pages before the agency page: its ``/agencies/{agency:path}`` would take their paths too.
    for module in (pages_signin, pages_office, pages_clerk, pages_send, pages_agency, pages_review, pages_upload,
                   pages_entries):
        app.include_router(module.router)
    _install_handlers(app)
    return app


def settle() -> None:
    """The started server's long-lived objects (modules, models, data read so far) put out of the garbage
    collector's way, as ``serve`` does: a full collection would otherwise walk them all in the middle of a look."""
    gc.collect()
    gc.freeze()


__all__ = ["WebConfig", "create_app", "route_table", "settle"]


def route_table(app: FastAPI) -> list[tuple[str, str]]:
    """Every (method, path) the application answers, through included routers (for the security tests)."""
    out: list[tuple[str, str]] = []

    def walk(routes: list[Any]) -> None:
        for route in routes:
            if hasattr(route, "effective_route_contexts"):
                out.extend((m, c.path) for c in route.effective_route_contexts() for m in sorted(c.methods or ()))
            elif hasattr(route, "methods") and hasattr(route, "path"):
                out.extend((m, route.path) for m in sorted(route.methods or ()))
            elif hasattr(route, "path"):
                out.append(("GET", route.path))  # a mount: static files
    walk(app.routes)
    return out
