"""The knowledge owners' review queue: units the content guard held at ingest.

Editors see and decide the units of documents they manage (their departments, and public
documents); admins all. Approving lifts the unit's `quarantined` flag in the store, rejecting
keeps it hidden; both are recorded in the audit log with who decided.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path

from api.deps import EditorDep, GovernanceDep, ServicesDep
from api.governance import can_manage
from core.errors import NotFoundError
from db.quarantine import APPROVED, REJECTED
from db.users import User
from services.review import current_document, decide, public, queue_of

router = APIRouter(prefix="/api/quarantine", tags=["quarantine"])

Status = Literal["pending", "approved", "rejected"]


def _visible(services: Any, user: User, row: dict[str, Any]) -> bool:
    """Rows of documents the caller manages, and only of the current version."""
    doc = current_document(services.catalog, row)
    return doc is not None and can_manage(user, doc.departments)


@router.get("", summary="Units held for review (default: pending), for the caller's documents")
def list_quarantine(services: ServicesDep, user: EditorDep,
                    status: Status | None = "pending") -> dict[str, Any]:
    rows = [r for r in queue_of(services).list(status=status) if _visible(services, user, r)]
    return {"units": [public(r) for r in rows], "count": len(rows)}


def _decide(entry_id: int, decision: str, services: Any, user: User,
            gov: Any) -> dict[str, Any]:
    row = queue_of(services).get(entry_id)
    if not _visible(services, user, row):  # unknown and not-yours look alike
        raise NotFoundError(f"no quarantined unit with id {entry_id}")
    row = decide(services, gov.audit, row, decision, user=user.name, role=user.role,
                 departments=user.departments)
    return {"unit": public(row)}


EntryId = Annotated[int, Path(ge=1, le=2**63 - 1)]


@router.post("/{entry_id}/approve", summary="Release a held unit: it may be quoted again")
def approve(entry_id: EntryId, services: ServicesDep, user: EditorDep,
            gov: GovernanceDep) -> dict[str, Any]:
    return _decide(entry_id, APPROVED, services, user, gov)


@router.post("/{entry_id}/reject", summary="Keep a held unit hidden (fix the source and re-upload)")
def reject(entry_id: EntryId, services: ServicesDep, user: EditorDep,
           gov: GovernanceDep) -> dict[str, Any]:
    return _decide(entry_id, REJECTED, services, user, gov)



