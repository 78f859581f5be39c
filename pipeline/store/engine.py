"""Store connection: the database URL, the engine (SQLite WAL or PostgreSQL) and migrations to head."""

from __future__ import annotations

import json
import time
from pathlib import Path

import sqlalchemy as sa
from pydantic_core import to_jsonable_python
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from pipeline import settings
from pipeline.store.migrations import HEAD
from pipeline.store.models import StoreError

ENV_VAR = "PIPELINE_DB"
DEFAULT_FILE = Path("data") / "pipeline.sqlite"
BUSY_TIMEOUT_MS = 30_000
UPGRADE_ATTEMPTS = 8
_MIGRATIONS = Path(__file__).with_name("migrations")


def database_url(url: str | None = None) -> str:
    """``url``, else $PIPELINE_DB, else SQLite in ``<project root>/data/pipeline.sqlite``."""
    chosen = url or settings.current().db
    if chosen:
        return chosen
    return f"sqlite:///{settings.project_root() / DEFAULT_FILE}"


def _normalized(url: str) -> sa.URL:
    try:
        parsed = make_url(url.replace("postgres://", "postgresql://", 1) if url.startswith("postgres://") else url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url!r} (use sqlite:///path or postgresql://user@host/db)",
                         f"ที่อยู่ฐานข้อมูลไม่ถูกต้อง: {url!r}", where=ENV_VAR) from None
    if parsed.drivername == "postgresql":  # psycopg 3 is the driver we ship
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(f"the record store runs on SQLite or PostgreSQL, not {parsed.get_backend_name()}",
                         f"ฐานข้อมูลต้องเป็น SQLite หรือ PostgreSQL ไม่ใช่ {parsed.get_backend_name()}")
    return parsed


def _sqlite_engine(url: sa.URL) -> sa.Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, json_serializer=_dumps, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        # IMMEDIATE takes the write lock up front: a read-then-write transaction can then wait its turn
        # (busy_timeout) instead of failing with "database is locked" when another process wrote meanwhile.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _dumps(value: object) -> str:
    # Thai kept readable in the database; a date or Decimal left in a record's fields stored as its JSON form.
    # allow_nan=False: NaN and infinities are not JSON; written, no reader (nor PostgreSQL) could read them back
    return json.dumps(value, ensure_ascii=False, default=to_jsonable_python, allow_nan=False)


def create_engine(url: str | None = None) -> sa.Engine:
    """The engine of the store at ``url`` (see ``database_url``)."""
    parsed = _normalized(database_url(url))
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return sa.create_engine(parsed, json_serializer=_dumps, pool_pre_ping=True)


def _config(connection: sa.Connection):  # -> alembic.config.Config (alembic is imported only to migrate)
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision the package knows, as Alembic reads it from the migration scripts."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head() or ""


def current_revision(engine: sa.Engine) -> str | None:
    """The schema revision the database is at (None: not created yet)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _at_head(engine: sa.Engine) -> bool:
    """Whether the database is at HEAD already, asked without loading Alembic (opening stays quick)."""
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            return False
        return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all() == [HEAD]


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (head by default); runs nothing when it is there already."""
    for attempt in range(UPGRADE_ATTEMPTS):
        try:
            if revision == "head" and _at_head(engine):
                return
            from alembic import command

            with engine.begin() as connection:
                command.upgrade(_config(connection), revision)
            return
        except OperationalError as exc:
            # Processes opening a new SQLite file at once race to switch it to WAL; SQLite answers the loser
            # "locked" at once, without its busy timeout. The winner migrates; the others look again.
            if "locked" not in str(exc).lower() or attempt == UPGRADE_ATTEMPTS - 1:
                raise _not_prepared(engine, exc) from None
            engine.dispose()
            time.sleep(0.2 * (attempt + 1))
        except SQLAlchemyError as exc:
            raise _not_prepared(engine, exc) from None


def _not_prepared(engine: sa.Engine, exc: Exception) -> StoreError:
    return StoreError(f"cannot prepare the record store's tables: {exc}",
                      "สร้างหรือปรับปรุงตารางของฐานข้อมูลไม่ได้", where=_safe(engine))


def _safe(engine: sa.Engine) -> str:
    return engine.url.render_as_string(hide_password=True)
