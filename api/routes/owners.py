"""Not found → a person, and the owners' loop: a question sent to its 担当課 lands in the owners'
unanswered list; an owner writes the missing QA in the page and publishes it as a FAQ entry,
indexed at once; owners see likely duplicates."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from api.deps import EditorDep, GovernanceDep, ServicesDep, UserDep
from api.governance import can_manage, masked
from api.page_deps import PageDataDep
from core.errors import NotFoundError, PermissionDeniedError
from db.users import PUBLIC, User

router = APIRouter(prefix="/api", tags=["owners"])

PAGE_FAQ_TITLE = "ページで作成したFAQ"


class Handover(BaseModel):
    model_config = ConfigDict(extra="forbid")
    log_id: int | None = Field(None, ge=1, le=2**63 - 1,
                               description="the `log_id` of the abstained reply")
    query: str | None = Field(None, max_length=1000, description="used when no log_id")
    department: str | None = Field(None, max_length=100, description="the 担当課 to send to")


@router.post("/handover", status_code=201,
             summary="「この質問を担当課へ送る」: lands in the owners' unanswered list")
def handover(body: Handover, user: UserDep, gov: GovernanceDep,
             pagedata: PageDataDep) -> dict[str, Any]:
    """The question is stored masked: the audit entry's text when `log_id` is the caller's."""
    if body.log_id is not None:
        entry = gov.audit.get(body.log_id)
        if entry["user"] != user.name or entry["action"] != "ask":
            raise NotFoundError(f"no logged answer with id {body.log_id}")
        query = entry["query"] or ""
    else:
        query = masked(gov, (body.query or "").strip()) or ""
    if not query.strip():
        from core.errors import InputError

        raise InputError("query is empty")
    hid = pagedata.add_handover(user=user.name, asker_departments=list(user.departments),
                                query=query, department=body.department, log_id=body.log_id)
    gov.audit.record(user=user.name, role=user.role, action="handover",
                     department=",".join(user.departments) or None, query=query,
                     answer=body.department)
    return {"id": hid, "department": body.department, "query": query}


def _mine(user: User, department: str | None) -> bool:
    return user.role == "admin" or department is None or department in user.departments


@router.get("/owners/unanswered", summary="Questions sent to your departments, and abstentions")
def unanswered(user: EditorDep, gov: GovernanceDep, pagedata: PageDataDep) -> dict[str, Any]:
    sent = [h for h in pagedata.handovers() if _mine(user, h["department"])]
    asked = [q for q in gov.audit.unanswered()
             if user.role == "admin" or not q["departments"]
             or {d for g in q["departments"] for d in g.split(",")} & set(user.departments)]
    return {"sent": sent, "abstained": asked[:100]}


class NewFaq(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(min_length=1, max_length=1000)
    answer: str = Field(min_length=1, max_length=5000)
    owner_department: str | None = Field(None, max_length=100)
    departments: list[str] = Field(default_factory=list, description="who may read; [] = all")
    handover_id: int | None = Field(None, ge=1, le=2**63 - 1)


def _page_faq_document(rows: list[dict[str, Any]], title: str) -> Any:
    from core.types import Chunk, Kind, ParsedDocument

    chunks = []
    for r in rows:
        meta = {"faq_id": f"P-{r['id']}", "row": str(r["id"]), "updated": r["ts"][:10]}
        if r["owner_department"]:
            meta["owner_department"] = r["owner_department"]
        chunks.append(Chunk(text=r["answer"], label=f"Q. {r['question'][:40]}",
                            context=r["question"], question=r["question"],
                            answer=r["answer"], source_ref=f"page:{r['id']}", metadata=meta))
    return ParsedDocument(title=title, kind=Kind.FAQ, chunks=tuple(chunks),
                          source_format="page")


@router.post("/owners/faq", status_code=201,
             summary="Publish a QA written in the page as a FAQ entry (indexed at once)")
def publish_faq(body: NewFaq, user: EditorDep, services: ServicesDep, gov: GovernanceDep,
                pagedata: PageDataDep) -> dict[str, Any]:
    depts = sorted({d.strip() for d in body.departments if d.strip()} - {PUBLIC})
    if not can_manage(user, depts or [PUBLIC]):
        raise PermissionDeniedError("editors may publish only to their own departments or "
                                    "to everyone")
    if body.handover_id is not None:
        pagedata.get_handover(body.handover_id)
    owner = body.owner_department or (user.departments[0] if user.departments else None)
    row_id = pagedata.add_faq(author=user.name, question=body.question, answer=body.answer,
                              owner_department=owner, departments=depts,
                              handover_id=body.handover_id)
    title = PAGE_FAQ_TITLE + (f"（{'・'.join(depts)}）" if depts else "")
    rows = pagedata.faqs(departments=depts)
    doc = _page_faq_document(rows, title)
    sha = hashlib.sha256(json.dumps([(r["question"], r["answer"]) for r in rows],
                                    ensure_ascii=False).encode()).hexdigest()
    try:
        result = services.indexer.ingest(doc, content_sha256=sha, source_name="page",
                                         departments=depts)
    except Exception:
        pagedata.remove_faq(row_id)  # a failed publish leaves nothing behind
        raise
    if body.handover_id is not None:
        pagedata.close_handover(body.handover_id, f"P-{row_id}")
    gov.audit.record(user=user.name, role=user.role, action="faq-publish",
                     department=",".join(depts) or PUBLIC, query=body.question,
                     citations=[{"document_id": result.document_id, "document_title": title}])
    return {"faq_id": f"P-{row_id}", "document_id": result.document_id, "title": title,
            "version": result.version, "entries": len(rows)}


@router.get("/owners/duplicates", summary="Likely duplicate FAQ entries between documents")
def duplicates(user: EditorDep, services: ServicesDep) -> dict[str, Any]:
    docs = {d.id: d for d in services.catalog.list_documents() if user.can_read(d.departments)}
    rows = []
    for r in services.catalog.list_duplicates():
        a, b = docs.get(r["document_id"]), docs.get(r["other_document_id"])
        if a is None or b is None:
            continue
        rows.append({**r, "title": a.title, "other_title": b.title})
    return {"duplicates": rows}
