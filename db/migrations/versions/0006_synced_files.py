"""`chonai sync DIR`'s record of mirrored folders (index/sync.py): which file became which
document, and the bytes it had when last synced.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a data dir synced before this revision has the table already (sync created it on demand)
    if sa.inspect(op.get_bind()).has_table("synced_files"):
        return
    op.create_table(
        "synced_files",
        sa.Column("root", sa.String(1024), primary_key=True),
        sa.Column("rel_path", sa.String(1024), primary_key=True),
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("synced_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("synced_files")
