"""Shared fixtures. The record store's: a private PostgreSQL server for the session, and ``store_url`` that
runs each store test on SQLite and on PostgreSQL."""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_USER = "postgres"
_SETUP_HINT = "install it with `bash scripts/setup.sh install` (Debian package postgresql)"
_db_numbers = itertools.count(1)


_SHARED_SCOPES = frozenset({"module", "class", "package"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under ``--dist loadgroup``, the tests of a module that share a module- or class-wide fixture (a corpus
    run, a rendered set of forms) go to one worker, so the fixture is made once; the rest spread one by one.

    The modules with slow tests go first: the workers take work in this order, and a two-minute test taken last
    leaves the other core idle at the end (the stable sort keeps each module whole and in its own order)."""
    slow = {item.module for item in items if item.get_closest_marker("slow") is not None}
    items.sort(key=lambda item: item.module not in slow)
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        definitions = info.name2fixturedefs.values() if info else ()
        if any(d.scope in _SHARED_SCOPES for defs in definitions for d in defs):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__ if item.module else item.nodeid))


def _pg_bin() -> Path | None:
    """The newest PostgreSQL server's bin folder of Debian's packages."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """A throw-away PostgreSQL cluster in a temp folder, listening on 127.0.0.1 only, trusting local users."""

    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="pipeline-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:  # postgres refuses to run as root: the cluster belongs to the postgres user
            try:
                account = pwd.getpwnam(PG_USER)
            except KeyError:
                pytest.fail(f"there is no `{PG_USER}` user to run PostgreSQL as: {_SETUP_HINT}")
            os.chown(self.root, account.pw_uid, account.pw_gid)

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [*(["runuser", "-u", PG_USER, "--"] if self.as_root else []), *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=self.root)

    def start(self) -> None:
        done = self._run(str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", PG_USER, "--auth=trust",
                         "-E", "UTF8", "--no-locale")
        if done.returncode:
            pytest.fail(f"initdb failed: {done.stderr or done.stdout}")
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        done = self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-o", options,
                         "-l", str(self.root / "server.log"), "-w", "-t", "60", "start")
        if done.returncode:
            log = (self.root / "server.log").read_text(errors="replace") if (self.root / "server.log").exists() else ""
            pytest.fail(f"PostgreSQL did not start: {done.stderr or done.stdout}\n{log}")

    def stop(self) -> None:
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=PG_USER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A private PostgreSQL server for the test session; FAILS (not skips) when PostgreSQL is not installed."""
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.fail(f"PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): {_SETUP_HINT}")
    server = PostgresServer(bin_dir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL for one test: a SQLite file, or a new database on the session's PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'pipeline.sqlite'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"store_test_{os.getpid()}_{next(_db_numbers)}"
    server.admin(f'CREATE DATABASE "{name}"')
    yield server.url(name)
    server.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
