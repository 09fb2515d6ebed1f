"""The review queue: units the content guard held at ingest and the owners' decisions
(db/quarantine.py).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String(64), nullable=False, index=True),
        sa.Column("document_title", sa.Text, nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("point_id", sa.String(64), nullable=False),
        sa.Column("unit_sha256", sa.String(64), nullable=False),
        sa.Column("label", sa.Text),
        sa.Column("excerpt", sa.Text, nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
        sa.Column("departments", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("flagged_at", sa.String(32), nullable=False),
        sa.Column("decided_by", sa.Text),
        sa.Column("decided_at", sa.String(32)),
        sa.UniqueConstraint("document_id", "version", "position"),
    )


def downgrade() -> None:
    op.drop_table("quarantine")
