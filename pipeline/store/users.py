"""The web page's local users: argon2 password hashes, roles, and sign-in attempts counted for slowing down."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from pipeline.identity import agency_key
from pipeline.store.models import StoreError
from pipeline.store.schema import sign_in_attempts, users
from pipeline.store.store import Store

ROLES: tuple[str, ...] = ("admin", "evaluator", "agency")
MIN_PASSWORD = 8
_HASHER = PasswordHasher()
# A name that does not exist is checked against this hash, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("no such user: the time is the same")


@dataclass(frozen=True)
class User:
    """A signed-in person: name, role (admin, evaluator, agency) and, for role agency, the one agency it sees."""

    id: int
    name: str
    role: str
    agency: str | None
    active: bool = True
    failed_count: int = 0
    last_sign_in_at: dt.datetime | None = None

    @property
    def office(self) -> bool:
        """Staff of the evaluating office (admin or evaluator): every agency."""
        return self.role in ("admin", "evaluator")

    def sees_agency(self, agency: str | None) -> bool:
        """Whether this user may see what belongs to ``agency``: the office every agency, a clerk its own."""
        if self.office:
            return True
        return bool(self.agency) and bool(agency) and agency_key(agency) == agency_key(self.agency)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _user(row: sa.Row) -> User:
    m = row._mapping
    return User(m["id"], m["name"], m["role"], m["agency"], bool(m["active"]), m["failed_count"],
                m["last_sign_in_at"])


def _check(name: str, role: str, agency: str | None, password: str | None) -> None:
    if not name.strip() or len(name) > 200:
        raise StoreError("a user name must have 1 to 200 characters", "ชื่อผู้ใช้ต้องมี 1 ถึง 200 ตัวอักษร")
    if role not in ROLES:
        raise StoreError(f"role {role!r} is not one of {', '.join(ROLES)}",
                         f"บทบาท {role!r} ไม่ถูกต้อง ใช้ได้: {', '.join(ROLES)}")
    if role == "agency" and not (agency or "").strip():
        raise StoreError("a user of role agency needs its agency (--agency CODE)",
                         "ผู้ใช้ของหน่วยงานต้องระบุหน่วยงาน (--agency รหัส)")
    if password is not None and len(password) < MIN_PASSWORD:
        raise StoreError(f"a password needs at least {MIN_PASSWORD} characters",
                         f"รหัสผ่านต้องยาวอย่างน้อย {MIN_PASSWORD} ตัวอักษร")


def add_user(store: Store, name: str, password: str, *, role: str, agency: str | None = None) -> User:
    """A new user with an argon2 hash of ``password``."""
    name = name.strip()
    _check(name, role, agency, password)
    with store.engine.begin() as conn:
        if conn.execute(sa.select(users.c.id).where(users.c.name == name)).first():
            raise StoreError(f"there is a user {name!r} already (change the password with `users passwd`)",
                             f"มีผู้ใช้ชื่อ {name!r} อยู่แล้ว (เปลี่ยนรหัสผ่านด้วยคำสั่ง users passwd)")
        conn.execute(sa.insert(users).values(
            name=name, role=role, agency=(agency or "").strip() or None, password_hash=_HASHER.hash(password),
            active=True, failed_count=0, created_at=_now()))
    return user_named(store, name)


def set_password(store: Store, name: str, password: str) -> User:
    """A new password for ``name``; its failed-attempt count starts again."""
    _check("x", "admin", None, password)
    with store.engine.begin() as conn:
        done = conn.execute(sa.update(users).where(users.c.name == name.strip()).values(
            password_hash=_HASHER.hash(password), failed_count=0))
    if done.rowcount == 0:
        raise _no_user(name)
    return user_named(store, name)


def _no_user(name: str) -> StoreError:
    return StoreError(f"there is no user {name!r} (see `users list`)", f"ไม่พบผู้ใช้ชื่อ {name!r} (ดูด้วยคำสั่ง users list)")


def list_users(store: Store) -> list[User]:
    with store.engine.connect() as conn:
        return [_user(row) for row in conn.execute(sa.select(users).order_by(users.c.name))]


def user_named(store: Store, name: str) -> User:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.name == name.strip())).first()
    if row is None:
        raise _no_user(name)
    return _user(row)


def user_by_id(store: Store, user_id: int) -> User | None:
    """The active user with this id, or None (deleted or disabled since the session began)."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.id == user_id, users.c.active.is_(True))).first()
    return _user(row) if row else None


def recent_failures(store: Store, within: dt.timedelta, *, name: str | None = None,
                    address: str | None = None) -> int:
    """Failed sign-ins for this name (or from this address) in the last ``within``."""
    since = _now() - within
    who = sign_in_attempts.c.name == name.strip()[:200] if name is not None else sign_in_attempts.c.address == address
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(sign_in_attempts).where(
            who, sign_in_attempts.c.ok.is_(False), sign_in_attempts.c.at >= since)).scalar_one()


def sign_in(store: Store, name: str, password: str, *, address: str | None = None) -> User | None:
    """The user when name and password match (the attempt is logged either way), else None."""
    name = name.strip()[:200]
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.name == name, users.c.active.is_(True))).first()
    ok = False
    try:
        ok = _HASHER.verify(row.password_hash if row else _DUMMY_HASH, password) and row is not None
    except (VerificationError, InvalidHashError):
        ok = False
    with store.engine.begin() as conn:
        conn.execute(sa.insert(sign_in_attempts).values(name=name, address=address, ok=ok, at=_now()))
        if row is not None:
            values = {"failed_count": 0, "last_sign_in_at": _now()} if ok else \
                {"failed_count": users.c.failed_count + 1}
            if ok and _HASHER.check_needs_rehash(row.password_hash):
                values["password_hash"] = _HASHER.hash(password)
            conn.execute(sa.update(users).where(users.c.id == row.id).values(**values))
    return _user(row) if ok and row is not None else None


__all__ = ["ROLES", "User", "add_user", "list_users", "recent_failures", "set_password", "sign_in", "user_by_id",
           "user_named"]
