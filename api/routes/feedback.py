"""👍/👎 on answers; editors read them with the question and citations, and export an eval set."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from api.deps import EditorDep, GovernanceDep, ServicesDep, UserDep
from api.governance import Governance, masked
from api.schemas import FeedbackId, FeedbackList
from db.audit import feedback_eval_rows
from db.users import User
from services.build import Services

router = APIRouter(prefix="/api", tags=["feedback"])


class FeedbackBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    log_id: int = Field(ge=1, le=2**63 - 1, description="the `log_id` of the /api/ask reply")
    rating: int = Field(ge=-1, le=1, description="1 = 👍, -1 = 👎")
    comment: str | None = Field(None, max_length=2000)


@router.post("/feedback", response_model=FeedbackId,
             summary="Rate an answer (👍 = 1, 👎 = -1) with an optional comment")
def add_feedback(body: FeedbackBody, user: UserDep, gov: GovernanceDep) -> dict[str, Any]:
    comment = masked(gov, body.comment)  # never keep personal information in comments
    fid = gov.audit.add_feedback(audit_seq=body.log_id, user=user.name, rating=body.rating,
                                 comment=comment)
    return {"id": fid}


def visible_feedback(gov: Governance, services: Services, user: User) -> list[dict[str, Any]]:
    """Feedback whose cited documents the editor may read (admins: all)."""
    readable = {d.id for d in services.catalog.list_documents() if user.can_read(d.departments)}
    return [e for e in gov.audit.feedback_entries()
            if all(c.get("document_id") in readable for c in e["citations"] or [])]


@router.get("/feedback", response_model=FeedbackList,
             summary="Feedback with its question, answer and citations (editors)")
def list_feedback(user: EditorDep, gov: GovernanceDep,
                  services: ServicesDep) -> dict[str, Any]:
    return {"feedback": visible_feedback(gov, services, user)}


@router.get("/feedback/export", summary="Feedback as a labeled eval set (JSONL, eval.jsonl "
            "format)", response_class=Response,
            responses={200: {"content": {"application/x-ndjson": {}}}})
def export_feedback(user: EditorDep, gov: GovernanceDep, services: ServicesDep) -> Response:
    rows = feedback_eval_rows(visible_feedback(gov, services, user))
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    return Response(body.encode("utf-8"), media_type="application/x-ndjson",
                    headers={"content-disposition": 'attachment; filename="feedback-eval.jsonl"'})
