"""Admins' page additions: usage and abstention rate per department (for the small chart)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from fastapi import APIRouter

from api.deps import AdminDep, GovernanceDep

router = APIRouter(prefix="/api/admin", tags=["admin"])


@router.get("/departments", summary="Questions, abstentions and users per department")
def departments(_admin: AdminDep, gov: GovernanceDep,
                since: date | None = None) -> dict[str, Any]:
    """A person in several departments counts for each of them; guests are （未設定）."""
    rows: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"questions": 0, "abstained": 0, "users": set()})
    for r in gov.audit.entries(since=since.isoformat() if since else None, action="ask"):
        for dept in (r["department"] or "（未設定）").split(","):
            row = rows[dept]
            row["questions"] += 1
            row["abstained"] += 1 if r["abstained"] else 0
            row["users"].add(r["user"])
    out = [{"department": d, "questions": v["questions"], "abstained": v["abstained"],
            "abstention_rate": round(v["abstained"] / v["questions"], 3),
            "users": len(v["users"])}
           for d, v in rows.items()]
    out.sort(key=lambda r: (-r["questions"], r["department"]))
    return {"departments": out}
