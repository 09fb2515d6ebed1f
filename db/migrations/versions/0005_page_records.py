"""The page's records (db/pagedata.py): 所管課 and contact per document, questions sent to a
担当課, FAQ entries written in the page.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_details",
        sa.Column("document_id", sa.String(64), primary_key=True),
        sa.Column("owner_department", sa.Text),
        sa.Column("contact", sa.Text),
        sa.Column("updated_by", sa.Text),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "handover_requests",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("ts", sa.String(32), nullable=False),
        sa.Column("user", sa.Text, nullable=False),
        sa.Column("asker_departments", sa.JSON, nullable=False),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("department", sa.Text),
        sa.Column("log_id", sa.Integer),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("faq_id", sa.Text),
    )
    op.create_table(
        "authored_faqs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("ts", sa.String(32), nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("owner_department", sa.Text),
        sa.Column("departments", sa.JSON, nullable=False),
        sa.Column("handover_id", sa.Integer),
    )


def downgrade() -> None:
    for table in ("authored_faqs", "handover_requests", "document_details"):
        op.drop_table(table)
