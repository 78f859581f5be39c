"""Sign-in and sign-out: the one page open without a session; failed attempts are counted and slowed down."""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from pipeline.store.users import User, recent_failures, sign_in
from pipeline.web.render import render
from pipeline.web.security import SIGNED_IN, Session, csrf_checked, current_user, write_session

router = APIRouter()
signed_in = APIRouter(dependencies=SIGNED_IN)
FAILURE_WINDOW = dt.timedelta(minutes=15)
LOCK_AFTER = 10  # failures of one name in the window after which even the right password waits it out
ADDRESS_SLOWS_AFTER = 20  # an office's clerks may share one address: it only slows, from more failures on
MAX_DELAY_S = 4.0


def home_of(user: User) -> str:
    """Where a user lands: the board for the office, its own agency's page for a clerk."""
    from urllib.parse import quote

    return "/board" if user.office else f"/agencies/{quote(user.agency or '', safe='')}"


@router.get("/login")
def login_page(request: Request) -> Response:
    return render(request, "login.html", error=None, name="")


@router.post("/login", dependencies=[Depends(csrf_checked)])
async def login(request: Request, name: str = Form(""), password: str = Form("")) -> Response:
    store = request.app.state.config.store
    address = request.client.host if request.client else None
    failures = await asyncio.to_thread(recent_failures, store, FAILURE_WINDOW, name=name)
    from_address = await asyncio.to_thread(recent_failures, store, FAILURE_WINDOW, address=address) if address else 0
    # Each failure in the window slows the next attempt (doubling, capped) — guessing takes hours, a typo a second.
    slow = max(failures, from_address - ADDRESS_SLOWS_AFTER)
    await asyncio.sleep(min(MAX_DELAY_S, 0.25 * (2 ** min(slow, 8)) - 0.25) if slow > 0 else 0)
    user = None if failures >= LOCK_AFTER else await asyncio.to_thread(sign_in, store, name, password,
                                                                      address=address)
    if user is None:
        error = ("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง (wrong name or password)" if failures < LOCK_AFTER else
                 "ลองผิดหลายครั้งเกินไป โปรดรอ 15 นาที (too many failed attempts: wait 15 minutes)")
        return render(request, "login.html", status_code=401, error=error, name=name)
    response = RedirectResponse(home_of(user), status_code=303)
    write_session(request, response, Session(user.id, secrets.token_urlsafe(32)))  # a new token at sign-in
    return response


@signed_in.post("/logout")
def logout(request: Request) -> Response:
    response = RedirectResponse("/login", status_code=303)
    write_session(request, response, Session(None, secrets.token_urlsafe(32)))
    return response


@signed_in.get("/")
def home(user: User = Depends(current_user)) -> Response:
    return RedirectResponse(home_of(user), status_code=303)


router.include_router(signed_in)
