"""Revision 0005: records and files indexed by fiscal year, for a year's view (the board's look)."""

from __future__ import annotations

from alembic import op

revision = "0005_records_by_year"
down_revision = "0004_drafts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every column the board's stamp and marks read, so both databases answer from the index alone.
    op.create_index("ix_records_year_current", "records", ["fiscal_year", "is_current", "agency_id", "file_id", "id"])
    op.create_index("ix_files_year_status", "files", ["fiscal_year", "status", "agency_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_files_year_status", table_name="files")
    op.drop_index("ix_records_year_current", table_name="records")
