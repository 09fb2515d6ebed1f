"""Units the content guard held at ingest, and the knowledge owners' decisions on them.

A flagged unit is indexed with `quarantined: true` in its payload, which every store query
excludes (retrieval.store_filters), and gets a row here. An editor of the document's department
(or an admin) approves it (the payload flag is lifted, the audit log records who) or rejects it
(it stays hidden). Decisions are remembered by the unit's text hash, so re-ingesting the same
document keeps them; a changed unit is scanned and reviewed again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update

from core.errors import InputError, NotFoundError
from db.schema import quarantine

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
STATUSES = (PENDING, APPROVED, REJECTED)

def unit_sha256(*texts: str | None) -> str:
    return hashlib.sha256("\0".join(t or "" for t in texts).encode()).hexdigest()


class Quarantine:
    """The review queue on the catalog's database (table `quarantine`, db/schema.py; created
    by the catalog's migrations, db/migrations/versions/0004_quarantine.py)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def decisions(self, document_id: str) -> dict[str, str]:
        """unit hash -> the latest decision (approved/rejected) for this document's units."""
        stmt = (select(quarantine.c.unit_sha256, quarantine.c.status)
                .where(quarantine.c.document_id == document_id,
                       quarantine.c.status != PENDING)
                .order_by(quarantine.c.id))
        with self.engine.connect() as conn:
            return {r.unit_sha256: r.status for r in conn.execute(stmt)}

    def record(self, conn: Connection, document_id: str, version: str,
               rows: Sequence[dict[str, Any]]) -> None:
        """The flagged units of a new current version, in the ingest's catalog transaction:
        pending rows of older versions go (those points are history now), decisions stay."""
        conn.execute(delete(quarantine).where(
            quarantine.c.document_id == document_id,
            (quarantine.c.version == version) | (quarantine.c.status == PENDING)))
        if not rows:
            return
        now = datetime.now(UTC).isoformat(timespec="seconds")
        conn.execute(insert(quarantine), [
            {"status": PENDING, "flagged_at": now, **r} for r in rows])

    def list(self, *, status: str | None = PENDING, document_id: str | None = None
             ) -> list[dict[str, Any]]:
        stmt = select(quarantine).order_by(quarantine.c.id)
        if status:
            if status not in STATUSES:
                raise InputError(f"status must be one of {', '.join(STATUSES)}")
            stmt = stmt.where(quarantine.c.status == status)
        if document_id:
            stmt = stmt.where(quarantine.c.document_id == document_id)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def get(self, entry_id: int) -> dict[str, Any]:
        with self.engine.connect() as conn:
            row = conn.execute(select(quarantine).where(quarantine.c.id == entry_id)).first()
        if row is None:
            raise NotFoundError(f"no quarantined unit with id {entry_id}")
        return dict(row._mapping)

    def decide(self, entry_id: int, status: str, *, user: str) -> dict[str, Any]:
        if status not in (APPROVED, REJECTED):
            raise InputError("decision must be approved or rejected")
        with self.engine.begin() as conn:
            done = conn.execute(update(quarantine).where(quarantine.c.id == entry_id).values(
                status=status, decided_by=user,
                decided_at=datetime.now(UTC).isoformat(timespec="seconds")))
        if not done.rowcount:
            raise NotFoundError(f"no quarantined unit with id {entry_id}")
        return self.get(entry_id)

    def forget_document(self, conn: Connection, document_id: str) -> None:
        conn.execute(delete(quarantine).where(quarantine.c.document_id == document_id))
