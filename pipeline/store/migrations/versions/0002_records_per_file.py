"""Revision 0002, several records per file: a bundle's forms are stored each as its own record of the one file."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # part: which form of its file a record is (1 for a file of one form); origin: its pages or blocks there.
    op.add_column("records", sa.Column("part", sa.Integer, nullable=False, server_default="1"))
    op.add_column("records", sa.Column("origin", sa.JSON))


def downgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.drop_column("origin")
        batch.drop_column("part")
