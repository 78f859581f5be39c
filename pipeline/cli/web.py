"""The commands of the web page: ``serve`` (with ``--demo``) and ``users add|passwd|list``."""

from __future__ import annotations

import argparse
import getpass
import secrets
import sys
from pathlib import Path

from pipeline.errors import PipelineError

DEMO_USER = "demo"


def _password(prompt: str) -> str:
    """Asked twice at a terminal; otherwise the first line of standard input (for scripts)."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(prompt)
    if getpass.getpass("again (อีกครั้ง): ") != first:
        raise PipelineError("the two passwords differ", "รหัสผ่านสองครั้งไม่ตรงกัน")
    return first


def agency_name(given: str | None) -> str | None:
    """``--agency``: a code of the agency list or a name that resolves to one agency → its Thai name."""
    from pipeline.agencies import agency_list, resolve

    if not given:
        return None
    by_code = [a for a in agency_list().agencies if a.code == given.strip()]
    found = by_code[0] if by_code else resolve(given).agency
    if found is None:
        raise PipelineError(f"--agency {given!r} is no code or name of pipeline/data/agencies.yaml",
                            f"ไม่พบหน่วยงาน {given!r} ในรายชื่อหน่วยงาน (ใช้รหัสหรือชื่อหน่วยงาน)")
    return found.th


def add_users(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("users", help="the web page's users: add, passwd, list")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = actions.add_parser("add", help="a new user (the password is asked, or read from standard input)")
    a.add_argument("name")
    a.add_argument("--role", required=True, choices=["admin", "evaluator", "agency"])
    a.add_argument("--agency", help="for role agency: the one agency the user sees (its code or name)")
    w = actions.add_parser("passwd", help="set a user's password")
    w.add_argument("name")
    listing = actions.add_parser("list", help="every user with role and agency")
    for q in (a, w, listing):
        q.add_argument("--db", help="the store's URL (default $PIPELINE_DB, else data/pipeline.sqlite)")
    p.set_defaults(handler=_users)


def _users(args: argparse.Namespace) -> int:
    from pipeline.store import open_store
    from pipeline.store.users import add_user, list_users, set_password

    with open_store(args.db) as store:
        if args.action == "add":
            agency = agency_name(args.agency)
            user = add_user(store, args.name, _password("password (รหัสผ่าน): "), role=args.role, agency=agency)
            print(f"added {user.name} ({user.role}{': ' + user.agency if user.agency else ''})")
        elif args.action == "passwd":
            user = set_password(store, args.name, _password("new password (รหัสผ่านใหม่): "))
            print(f"password of {user.name} changed")
        else:
            for user in list_users(store):
                when = user.last_sign_in_at.strftime("%Y-%m-%d %H:%M") if user.last_sign_in_at else "never"
                state = "" if user.active else "\tdisabled"
                print(f"{user.name}\t{user.role}\t{user.agency or '-'}\tlast sign-in {when}\t"
                      f"failed {user.failed_count}{state}")
    return 0


def add_serve(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="the web page for the evaluating office (and agency clerks)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--db", help="the store's URL (default $PIPELINE_DB, else data/pipeline.sqlite)")
    p.add_argument("--inbox", type=Path, help="where uploads go (default $PIPELINE_INBOX, else inbox/)")
    p.add_argument("--evaluations", type=Path, help="committee / evaluation files read beside the store")
    p.add_argument("--demo", action="store_true", help="serve the demo's store (made if missing) with a demo user")
    p.add_argument("--no-pdf", action="store_true", help="with --demo: make the demo without LibreOffice PDFs")
    p.add_argument("--proxy-headers", action="store_true",
                   help="behind a reverse proxy: believe its X-Forwarded-Proto/For (from $FORWARDED_ALLOW_IPS)")
    p.set_defaults(handler=_serve)


def _demo_setup(pdf: bool) -> tuple[str, Path, Path]:
    """The demo's store (running the demo once when it is missing), its inbox, and the sample evaluations."""
    from pipeline.cli.demo import DEMO_FOLDER, run_demo
    from pipeline.scoring.evidence import sample_scoring_dir

    outbox = Path("outbox")
    store_file = outbox / DEMO_FOLDER / "store.sqlite"
    if not store_file.is_file():
        sys.stderr.write("making the demo's store first (python -m pipeline demo)…\n")
        run_demo(outbox, pdf=pdf)
    return f"sqlite:///{store_file.resolve()}", outbox / DEMO_FOLDER / "inbox", Path(str(sample_scoring_dir()))


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from pipeline.web.app import WebConfig, create_app, settle

    db, inbox, evaluations = args.db, args.inbox, args.evaluations
    if args.demo:
        db, inbox, evaluations = _demo_setup(pdf=not args.no_pdf)
        password = _demo_user(db)
        print(f"demo user: {DEMO_USER}  password: {password}  (ผู้ใช้ทดลองและรหัสผ่าน)")
    app = create_app(WebConfig.from_settings(store_url=db, inbox=inbox, evaluations=evaluations))
    settle()
    print(f"serving on http://{args.host}:{args.port}/  (Ctrl-C stops)")
    uvicorn.run(app, host=args.host, port=args.port, proxy_headers=args.proxy_headers, log_level="warning")
    return 0


def _demo_user(db: str) -> str:
    """A fresh password for the demo user (created as admin when missing): printed, never stored in clear."""
    from pipeline.store import open_store
    from pipeline.store.models import StoreError
    from pipeline.store.users import add_user, set_password

    password = secrets.token_urlsafe(9)
    with open_store(db) as store:
        try:
            set_password(store, DEMO_USER, password)
        except StoreError:
            add_user(store, DEMO_USER, password, role="admin")
    return password


COMMANDS = [add_serve, add_users]
