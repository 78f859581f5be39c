"""Revision 0004: the agency clerks' drafts, forms filled on the web page and kept until they are sent."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_drafts"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("agency", sa.String(300), nullable=False),
        sa.Column("agency_key", sa.String(300), nullable=False),
        sa.Column("fiscal_year", sa.Integer),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_drafts_agency_key", "drafts", ["agency_key"])


def downgrade() -> None:
    op.drop_table("drafts")
