"""Upload jobs in the database (db/jobs.py), so a restart neither forgets nor strands one.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("user", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("departments", sa.JSON, nullable=False),
        sa.Column("granularity", sa.String(16), nullable=False),
        sa.Column("replace_document_id", sa.String(64)),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("files", sa.JSON, nullable=False),
        sa.Column("report", sa.JSON),
        sa.Column("error", sa.Text),
        sa.Column("error_ja", sa.Text),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("heartbeat_at", sa.String(32), nullable=False),
        sa.Column("finished_at", sa.String(32)),
    )


def downgrade() -> None:
    op.drop_table("jobs")
