"""Store schema: the SQLAlchemy tables the queries use (the migrations create them; keep the two in step)."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

agencies = sa.Table(
    "agencies", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(300), nullable=False, unique=True),
    sa.Column("name", sa.String(300), nullable=False),
)

files = sa.Table(
    "files", metadata,
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

records = sa.Table(
    "records", metadata,
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
    sa.Column("part", sa.Integer, nullable=False, server_default="1"),  # which form of its file (a bundle)
    sa.Column("origin", sa.JSON),  # its pages or blocks in the file
    sa.UniqueConstraint("slot", "version", name="uq_records_slot_version"),
)

corrections = sa.Table(
    "corrections", metadata,
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

users = sa.Table(
    "users", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("agency", sa.String(300)),
    sa.Column("password_hash", sa.String(300), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("failed_count", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_sign_in_at", sa.DateTime(timezone=True)),
)

sign_in_attempts = sa.Table(
    "sign_in_attempts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("address", sa.String(100)),
    sa.Column("ok", sa.Boolean, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

office_entries = sa.Table(
    "office_entries", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("agency", sa.String(300), nullable=False),
    sa.Column("agency_key", sa.String(300), nullable=False),
    sa.Column("fiscal_year", sa.Integer),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("is_current", sa.Boolean, nullable=False),
    sa.Column("by", sa.String(200), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

uploads = sa.Table(
    "uploads", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("name", sa.String(1000), nullable=False),
    sa.Column("by", sa.String(200), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)
