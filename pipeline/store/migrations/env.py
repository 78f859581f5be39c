"""Alembic environment of the record store: runs on the connection ``pipeline.store.engine`` hands it."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

_LOCK = 222568  # one number for every pipeline store, so concurrent openers migrate one at a time


def _run(connection: sa.Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text(f"SELECT pg_advisory_xact_lock({_LOCK})"))
    context.configure(connection=connection, target_metadata=None, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("the store's migrations run through pipeline.store.open_store(), not the alembic command")
_run(connection)
