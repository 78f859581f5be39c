"""Revision 0001, the first schema: agencies, received files, record versions, corrections."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agencies",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(300), nullable=False, unique=True),
        sa.Column("name", sa.String(300), nullable=False),
    )
    op.create_table(
        "files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("original_name", sa.String(1000), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("stored_path", sa.String(2000)),
        sa.Column("claim_token", sa.String(200)),
        sa.Column("reason_en", sa.Text),
        sa.Column("reason_th", sa.Text),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("agency_id", sa.Integer, sa.ForeignKey("agencies.id")),
        sa.Column("fiscal_year", sa.Integer),
    )
    # A file's content is processed (or rejected) once; further copies are logged as 'duplicate' rows.
    op.create_index("uq_files_sha256_once", "files", ["sha256"], unique=True,
                    sqlite_where=sa.text("status IN ('processed', 'rejected')"),
                    postgresql_where=sa.text("status IN ('processed', 'rejected')"))
    op.create_index("ix_files_sha256", "files", ["sha256"])
    op.create_table(
        "records",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("file_id", sa.Integer, sa.ForeignKey("files.id"), nullable=False),
        sa.Column("agency_id", sa.Integer, sa.ForeignKey("agencies.id")),
        sa.Column("fiscal_year", sa.Integer),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("idea_key", sa.String(1000)),
        sa.Column("slot", sa.String(2000), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("is_current", sa.Boolean, nullable=False),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("warnings", sa.JSON, nullable=False),
        sa.Column("provenance", sa.JSON, nullable=False),
        sa.Column("confidence", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("slot", "version", name="uq_records_slot_version"),
    )
    # At most one current version per slot (agency, fiscal year, kind, and Form 1's idea).
    op.create_index("uq_records_one_current", "records", ["slot"], unique=True,
                    sqlite_where=sa.text("is_current"), postgresql_where=sa.text("is_current"))
    op.create_index("ix_records_file_id", "records", ["file_id"])
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), nullable=False),
        sa.Column("file_id", sa.Integer, sa.ForeignKey("files.id"), nullable=False),
        sa.Column("field", sa.String(300), nullable=False),
        sa.Column("old_value", sa.JSON),
        sa.Column("new_value", sa.JSON),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_corrections_file_id", "corrections", ["file_id"])


def downgrade() -> None:
    op.drop_table("corrections")
    op.drop_table("records")
    op.drop_table("files")
    op.drop_table("agencies")
