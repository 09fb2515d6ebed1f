"""Audit entries keyed with the server secret (HMAC) and carrying the request id; anchors
signed; rate-limit buckets shared by every worker process.

Existing entries are re-signed: the old SHA-256 chain is checked first and only the intact
prefix is re-signed, so an entry that was already tampered with still fails `audit verify`.
The key comes from db.migrate.upgrade (config attribute `audit_key`).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import sqlalchemy as sa
from alembic import context, op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

GENESIS = "0" * 64
OLD_FIELDS = ("seq", "ts", "user", "role", "department", "action", "mode", "query", "answer",
              "abstained", "citations", "latency_ms", "model", "pii", "prev_hash")
NEW_FIELDS = (*OLD_FIELDS[:-1], "request_id", "prev_hash")


def _canonical(entry: dict[str, Any], fields: tuple[str, ...]) -> bytes:
    return json.dumps({k: entry.get(k) for k in fields}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode()


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("request_id", sa.String(64)))
    op.add_column("audit_anchor", sa.Column("mac", sa.String(64)))
    op.create_table(
        "rate_limit_buckets",
        sa.Column("caller", sa.String(200), primary_key=True),
        sa.Column("tokens", sa.Float, nullable=False),
        sa.Column("updated_s", sa.Float, nullable=False),
    )
    _resign(op.get_bind())


def _resign(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    log = sa.Table("audit_log", meta, autoload_with=conn)
    anchors = sa.Table("audit_anchor", meta, autoload_with=conn)
    rows = [dict(r._mapping) for r in conn.execute(sa.select(log).order_by(log.c.seq))]
    anchor = conn.execute(sa.select(anchors).order_by(anchors.c.id.desc()).limit(1)).first()
    if not rows and anchor is None:
        return
    key = context.config.attributes.get("audit_key")
    if not key:
        raise RuntimeError("the audit log must be re-signed with the server key: upgrade "
                           "through chonai (chonai db upgrade), not the alembic command")
    if anchor is not None:
        message = (f"anchor|{anchor.first_seq}|{anchor.prev_hash}|{anchor.purged_at}").encode()
        conn.execute(sa.update(anchors).where(anchors.c.id == anchor.id).values(
            mac=hmac.new(key, message, hashlib.sha256).hexdigest()))
    old_prev = anchor.prev_hash if anchor is not None else GENESIS
    new_prev = old_prev
    expected = anchor.first_seq if anchor is not None else 1
    for row in rows:  # the old chain: stop at the first entry that does not verify
        if (row["seq"] != expected or row["prev_hash"] != old_prev
                or hashlib.sha256(_canonical(row, OLD_FIELDS)).hexdigest() != row["hash"]):
            break
        old_prev = row["hash"]
        signed = dict(row, request_id=None, prev_hash=new_prev)
        new_hash = hmac.new(key, _canonical(signed, NEW_FIELDS), hashlib.sha256).hexdigest()
        conn.execute(sa.update(log).where(log.c.seq == row["seq"])
                     .values(prev_hash=new_prev, hash=new_hash))
        new_prev = new_hash
        expected += 1


def downgrade() -> None:
    op.drop_table("rate_limit_buckets")
    with op.batch_alter_table("audit_anchor") as batch:
        batch.drop_column("mac")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("request_id")
