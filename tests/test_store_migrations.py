"""The store's schema: migrated to head on opening, from any earlier revision; SQLite in WAL by default."""

from __future__ import annotations

import multiprocessing

import sqlalchemy as sa

from pipeline.store import StoreError, open_store
from pipeline.store.engine import create_engine, current_revision, database_url, head_revision, upgrade
from pipeline.store.migrations import HEAD

FIRST_REVISION = "0001"


def test_opening_a_new_database_creates_the_schema_at_head(store_url):
    engine = create_engine(store_url)
    assert current_revision(engine) is None
    open_store(store_url).close()
    assert current_revision(engine) == head_revision()
    assert {"agencies", "files", "records", "corrections"} <= set(sa.inspect(engine).get_table_names())
    open_store(store_url).close()  # a second opening has nothing to do
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_the_head_constant_names_the_newest_migration_script():
    assert HEAD == head_revision()


def test_a_database_at_the_first_revision_upgrades_to_head_and_keeps_its_rows(store_url):
    engine = create_engine(store_url)
    upgrade(engine, FIRST_REVISION)
    assert current_revision(engine) == FIRST_REVISION
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO agencies (key, name) VALUES ('เขตบางกะปิ', 'เขตบางกะปิ')"))
    engine.dispose()
    with open_store(store_url) as store:
        assert current_revision(store.engine) == head_revision()
        assert store.agency_names() == ["เขตบางกะปิ"]


def test_sqlite_by_default_lives_under_the_project_data_folder_in_wal_mode(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    monkeypatch.delenv("PIPELINE_DB", raising=False)
    assert database_url() == f"sqlite:///{tmp_path / 'data' / 'pipeline.sqlite'}"
    with open_store() as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    assert (tmp_path / "data" / "pipeline.sqlite").is_file()


def test_the_environment_names_the_database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'elsewhere' / 'db.sqlite'}"
    monkeypatch.setenv("PIPELINE_DB", url)
    assert database_url() == url
    open_store().close()
    assert (tmp_path / "elsewhere" / "db.sqlite").is_file()


def test_a_database_url_of_another_kind_is_refused_in_english_and_thai():
    for url in ("mysql://u@h/db", "not a url"):
        try:
            open_store(url)
        except StoreError as exc:
            assert exc.message_th
        else:
            raise AssertionError(f"{url} was accepted")


def _open_and_close(url: str, barrier, results) -> None:
    barrier.wait()
    try:
        open_store(url).close()
        results.put("ok")
    except Exception as exc:  # the parent reports what went wrong
        results.put(repr(exc))


def test_processes_opening_a_new_database_at_once_migrate_it_once(store_url):
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(3), context.Queue()
    processes = [context.Process(target=_open_and_close, args=(store_url, barrier, results)) for _ in range(3)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    assert outcomes == ["ok", "ok", "ok"]
    engine = create_engine(store_url)
    assert current_revision(engine) == head_revision()
    engine.dispose()
