"""Administration: users and API keys, usage statistics, the audit log, unanswered questions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from api.deps import AdminDep, GovernanceDep
from api.schemas import (
    AuditEntries,
    KeyReply,
    Revoked,
    StatsReply,
    Unanswered,
    UserList,
    UserReply,
    VerifyReply,
)

router = APIRouter(prefix="/api/admin", tags=["admin"])

Role = Literal["staff", "editor", "admin"]


class NewUser(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=128)
    role: Role = "staff"
    departments: list[str] = Field(default_factory=list)
    display_name: str | None = None
    password: str | None = Field(None, min_length=8, max_length=1024)


class UserChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Role | None = None
    departments: list[str] | None = None
    display_name: str | None = None
    password: str | None = Field(None, min_length=8, max_length=1024)
    active: bool | None = None


class NewKey(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str | None = Field(None, max_length=200)


def _until(until: date | None) -> str | None:
    """Date ranges are inclusive: until=2026-01-31 covers that whole day (UTC)."""
    return (until + timedelta(days=1)).isoformat() if until else None


@router.get("/users", response_model=UserList,
             summary="Users with roles, departments and active API keys")
def list_users(_admin: AdminDep, gov: GovernanceDep) -> dict[str, Any]:
    return {"users": gov.users.list()}


@router.post("/users", response_model=UserReply,
             status_code=201, summary="Add a user")
def add_user(body: NewUser, admin: AdminDep, gov: GovernanceDep) -> dict[str, Any]:
    user = gov.users.add(body.name, role=body.role, departments=body.departments,
                         display_name=body.display_name, password=body.password)
    gov.audit.record(user=admin.name, role=admin.role, action="user-add",
                     query=f"{user.name} {user.role} {','.join(user.departments)}")
    return {"user": user.to_dict()}


@router.patch("/users/{name}", response_model=UserReply,
             summary="Change role, departments, password or active flag")
def change_user(name: str, body: UserChange, admin: AdminDep,
                gov: GovernanceDep) -> dict[str, Any]:
    user = gov.users.update(name, **body.model_dump(exclude_unset=True))
    gov.audit.record(user=admin.name, role=admin.role, action="user-change",
                     query=f"{name} {sorted(body.model_dump(exclude_unset=True))}")
    return {"user": user.to_dict()}


@router.post("/users/{name}/keys", response_model=KeyReply,
             status_code=201,
             summary="Create an API key; the key is shown only in this reply")
def create_key(name: str, body: NewKey, admin: AdminDep, gov: GovernanceDep) -> dict[str, Any]:
    key_id, key = gov.users.create_key(name, label=body.label)
    gov.audit.record(user=admin.name, role=admin.role, action="key-create",
                     query=f"{name} {key_id}")
    return {"id": key_id, "key": key, "user": name}


@router.delete("/keys/{key_id}", response_model=Revoked,
             summary="Revoke an API key")
def revoke_key(key_id: str, admin: AdminDep, gov: GovernanceDep) -> dict[str, Any]:
    gov.users.revoke_key(key_id)
    gov.audit.record(user=admin.name, role=admin.role, action="key-revoke", query=key_id)
    return {"revoked": key_id}


@router.get("/stats", response_model=StatsReply,
             summary="Usage: questions per day and department, abstentions, latency")
def stats(_admin: AdminDep, gov: GovernanceDep,
          since: Annotated[date | None, Query(description="first day (UTC)")] = None,
          ) -> dict[str, Any]:
    return gov.audit.stats(since=since.isoformat() if since else None)


@router.get("/audit", response_model=AuditEntries,
             summary="Audit log entries, newest first")
def audit(_admin: AdminDep, gov: GovernanceDep, since: date | None = None,
          until: date | None = None, action: str | None = None,
          limit: Annotated[int, Query(ge=1, le=5000)] = 200) -> dict[str, Any]:
    return {"entries": gov.audit.entries(since=since.isoformat() if since else None,
                                         until=_until(until), action=action, limit=limit,
                                         newest_first=True)}


@router.get("/audit/verify", response_model=VerifyReply,
             summary="Check the audit log's hash chain")
def audit_verify(_admin: AdminDep, gov: GovernanceDep) -> dict[str, Any]:
    return gov.audit.verify().to_dict()


@router.get("/audit.csv", summary="Audit log as CSV (UTF-8 with BOM, for Excel)",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def audit_csv(_admin: AdminDep, gov: GovernanceDep, since: date | None = None,
              until: date | None = None) -> Response:
    body = gov.audit.export_csv(since=since.isoformat() if since else None,
                                until=_until(until))
    name = f"chonai-audit-{since or 'start'}-{until or 'now'}.csv"
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}"'})


@router.get("/unanswered", response_model=Unanswered,
             summary="Abstained questions grouped: the knowledge that is missing")
def unanswered(_admin: AdminDep, gov: GovernanceDep,
               since: date | None = None) -> dict[str, Any]:
    return {"questions": gov.audit.unanswered(since=since.isoformat() if since else None)}
