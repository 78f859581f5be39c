"""Revision 0005: an index of records by fiscal year and current flag, for a year's view (the board's look)."""

from __future__ import annotations

from alembic import op

revision = "0005_records_by_year"
down_revision = "0004_drafts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # agency_id and file_id too: the board's stamp and marks read only the index (SQLite's rowid is the id).
    op.create_index("ix_records_year_current", "records", ["fiscal_year", "is_current", "agency_id", "file_id"])


def downgrade() -> None:
    op.drop_index("ix_records_year_current", table_name="records")
