"""A knowledge owner's decision on a unit the content guard held (db/quarantine.py): one code
path for the page's API (api/routes/quarantine.py) and `chonai quarantine approve|reject`.

Approving lifts the unit's `quarantined` flag in the store, so it may be quoted, cited and
listed again; rejecting keeps it hidden. Either way the queue row records who decided and the
audit log gets an entry (`quarantine-approve` / `quarantine-reject`) with the reasons.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from db.quarantine import APPROVED, Quarantine

PUBLIC_FIELDS = ("id", "document_id", "document_title", "version", "position", "label",
                 "excerpt", "reasons", "departments", "status", "flagged_at", "decided_by",
                 "decided_at")


def queue_of(services: Any) -> Quarantine:
    return services.indexer.quarantine  # type: ignore[no-any-return]


def public(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in PUBLIC_FIELDS}


def current_document(catalog: Any, row: dict[str, Any]) -> Any:
    """The row's document when the row is of its current version (only those are open to
    review), else None."""
    doc = catalog.get_document(row["document_id"])
    return doc if doc is not None and doc.current_version == row["version"] else None


def decide(services: Any, audit: Any, row: dict[str, Any], decision: str, *, user: str,
           role: str, departments: Sequence[str] = ()) -> dict[str, Any]:
    """Apply `decision` (approved | rejected) to a queue row the caller may decide on."""
    approved = decision == APPROVED
    services.store.set_payload({"quarantined": not approved, "quarantine_approved": approved},
                               document_id=row["document_id"], point_ids=[row["point_id"]])
    row = queue_of(services).decide(row["id"], decision, user=user)
    audit.record(
        user=user, role=role, department=",".join(departments) or None,
        action=f"quarantine-{'approve' if approved else 'reject'}",
        query=f"{row['document_id']}#{row['position']}",
        answer=", ".join(r["reason"] for r in row["reasons"]),
        citations=[{"document_id": row["document_id"], "document_title": row["document_title"],
                    "citation": row["label"], "chunk_id": row["point_id"]}])
    return row
