"""Sign-in state of the web page: the signed session cookie, the CSRF token, the signed-in user and role checks."""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from pipeline.store.users import User, user_by_id, user_named

COOKIE = "pipeline_session"
SESSION_HOURS = 12
CSRF_FIELD = "csrf"
CSRF_HEADER = "X-CSRF-Token"
_UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class NotSignedIn(Exception):
    """No valid session: a page asked for is redirected to sign-in, anything else answers 401."""


class Forbidden(Exception):
    """Signed in, but this user may not see or do this (another agency's record, an office-only page)."""


class BadCsrf(Exception):
    """A form posted without the token of its session."""


@dataclass
class Session:
    """What the cookie carries: the user's id (None before sign-in) and the CSRF token of the session."""

    user_id: int | None
    csrf: str


def _serializer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.config.secret, salt="pipeline-session")


def read_session(request: Request) -> Session | None:
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        data: dict[str, Any] = _serializer(request).loads(raw, max_age=SESSION_HOURS * 3600)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("c"), str):
        return None
    user_id = data.get("u")
    return Session(user_id if isinstance(user_id, int) else None, data["c"])


def session_of(request: Request) -> Session:
    """The request's session, or a fresh anonymous one (its cookie is set by ``write_session``)."""
    if not hasattr(request.state, "session"):
        request.state.session = read_session(request) or Session(None, secrets.token_urlsafe(32))
    return request.state.session


def write_session(request: Request, response: Any, session: Session) -> None:
    """Set the cookie: HttpOnly, SameSite=Lax, and Secure when the page is served over HTTPS."""
    value = _serializer(request).dumps({"u": session.user_id, "c": session.csrf})
    response.set_cookie(COOKIE, value, max_age=SESSION_HOURS * 3600, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", path="/")


def _proxy_user(request: Request) -> User | None:
    """The user a trusted reverse proxy names in its header, only from the configured proxy addresses."""
    config = request.app.state.config
    header = config.proxy_user_header
    if not header or not request.client or not config.trusted_proxies:
        return None
    try:
        address = ipaddress.ip_address(request.client.host)
    except ValueError:
        return None
    if not any(address in ipaddress.ip_network(net, strict=False) for net in config.trusted_proxies):
        return None
    name = request.headers.get(header)
    if not name:
        return None
    try:
        found = user_named(config.store, name)
    except Exception:  # noqa: BLE001 — an unknown name from the proxy is simply not signed in
        return None
    return found if found.active else None


def current_user(request: Request) -> User:
    """The signed-in user (its cookie, or a trusted proxy's header), else ``NotSignedIn``."""
    if hasattr(request.state, "user"):
        return request.state.user
    session = session_of(request)
    user = user_by_id(request.app.state.config.store, session.user_id) if session.user_id else None
    user = user or _proxy_user(request)
    if user is None:
        raise NotSignedIn()
    request.state.user = user
    return user


async def csrf_checked(request: Request) -> None:
    """A state-changing request must carry its session's token (form field or HTMX header)."""
    if request.method not in _UNSAFE_METHODS:
        return
    expected = session_of(request).csrf
    given = request.headers.get(CSRF_HEADER)
    if given is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            given = value if isinstance(value, str) else None
    if not given or not hmac.compare_digest(given, expected):
        raise BadCsrf()


def office_user(user: User = Depends(current_user)) -> User:
    """Pages of the evaluating office: admin and evaluator only."""
    if not user.office:
        raise Forbidden()
    return user


def admin_user(user: User = Depends(current_user)) -> User:
    if user.role != "admin":
        raise Forbidden()
    return user


def check_agency(user: User, agency: str | None) -> None:
    """403 unless the user may see this agency's records, files and downloads."""
    if not user.sees_agency(agency):
        raise Forbidden()


SIGNED_IN = [Depends(current_user), Depends(csrf_checked)]
"""Every router but sign-in's carries these: a session first, then the CSRF token of a form."""
