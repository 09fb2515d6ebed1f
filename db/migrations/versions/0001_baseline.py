"""Baseline: the schema of chonai 0.1.0, before migrations (created then by create_all).

A database without an alembic_version table but with these tables is stamped with this
revision and upgraded from here.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _create(name: str, *columns: sa.Column) -> None:
    """Create the table unless a 0.1.0 database (create_all, no alembic_version) has it."""
    if not sa.inspect(op.get_bind()).has_table(name):
        op.create_table(name, *columns)


def upgrade() -> None:
    _create(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("number", sa.Text),
        sa.Column("source_name", sa.Text),
        sa.Column("departments", sa.JSON, nullable=False),
        sa.Column("current_version", sa.String(64)),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    _create(
        "versions",
        sa.Column("document_id", sa.String(64),
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("version", sa.String(64), primary_key=True),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("source_format", sa.String(32)),
        sa.Column("effective_date", sa.String(10)),
        sa.Column("promulgation_date", sa.String(10)),
        sa.Column("chunk_count", sa.Integer, nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
        sa.Column("granularity", sa.String(16), nullable=False),
    )
    _create(
        "duplicates",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String(64), nullable=False, index=True),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("other_document_id", sa.String(64), nullable=False),
        sa.Column("other_key", sa.Text, nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    _create(
        "ingest_intents",
        sa.Column("document_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.String(64), primary_key=True),
        sa.Column("started_at", sa.String(32), nullable=False),
    )
    _create(
        "query_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("ts", sa.String(32), nullable=False),
        sa.Column("user", sa.Text),
        sa.Column("department", sa.Text),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("answer", sa.Text),
        sa.Column("abstained", sa.Boolean, nullable=False),
        sa.Column("citations", sa.JSON, nullable=False),
        sa.Column("latency_ms", sa.Float, nullable=False),
        sa.Column("model", sa.Text),
    )
    _create(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(128), nullable=False, unique=True),
        sa.Column("display_name", sa.Text),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("departments", sa.JSON, nullable=False),
        sa.Column("password_hash", sa.Text),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    _create(
        "api_keys",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("key_sha256", sa.String(64), nullable=False),
        sa.Column("label", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("last_used_at", sa.String(32)),
        sa.Column("revoked", sa.Boolean, nullable=False),
    )
    _create(
        "sessions",
        sa.Column("token_sha256", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
    )
    _create(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("ts", sa.String(32), nullable=False, index=True),
        sa.Column("user", sa.Text, nullable=False),
        sa.Column("role", sa.String(16)),
        sa.Column("department", sa.Text),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("mode", sa.String(16)),
        sa.Column("query", sa.Text),
        sa.Column("answer", sa.Text),
        sa.Column("abstained", sa.Boolean),
        sa.Column("citations", sa.JSON, nullable=False),
        sa.Column("latency_ms", sa.Float),
        sa.Column("model", sa.Text),
        sa.Column("pii", sa.JSON, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    _create(
        "audit_anchor",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("first_seq", sa.Integer, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("purged_at", sa.String(32), nullable=False),
    )
    _create(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("audit_seq", sa.Integer, nullable=False, index=True),
        sa.Column("ts", sa.String(32), nullable=False),
        sa.Column("user", sa.Text, nullable=False),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("comment", sa.Text),
    )


def downgrade() -> None:
    for name in ("feedback", "audit_anchor", "audit_log", "sessions", "api_keys", "users",
                 "query_log", "ingest_intents", "duplicates", "versions", "documents"):
        op.drop_table(name)
