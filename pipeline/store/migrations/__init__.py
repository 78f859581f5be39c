"""Store migrations: the Alembic scripts of the store's schema, run by ``pipeline.store.engine.upgrade``."""

HEAD = "0005_records_by_year"
"""The newest revision in versions/: update it with each new script (a test checks it against Alembic)."""
