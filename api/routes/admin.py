"""Health and the document catalog."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from api.deps import ServicesDep, UserDep
from api.schemas import DocumentDetail, DocumentList, HealthReply
from core.errors import NotFoundError

router = APIRouter(prefix="/api", tags=["admin"])


@router.get("/health", response_model=HealthReply,
             summary="Each part (store, database, embedding, LLM, disk): ok or down")
def health(services: ServicesDep, response: Response) -> dict[str, Any]:
    """HTTP 503 when a required part is down, so load balancers take the server out."""
    body = services.health()
    if body["status"] == "down":
        response.status_code = 503
    return body


@router.get("/documents", response_model=DocumentList,
             summary="Documents with chunk counts and current version")
def documents(services: ServicesDep, user: UserDep) -> dict[str, Any]:
    return {"documents": [d.to_dict() for d in services.catalog.list_documents()
                          if user.can_read(d.departments)]}


@router.get("/documents/{document_id}", response_model=DocumentDetail,
             summary="One document with its versions")
def document(document_id: str, services: ServicesDep, user: UserDep) -> dict[str, Any]:
    doc = services.catalog.get_document(document_id)
    if doc is None or not user.can_read(doc.departments):
        raise NotFoundError(f"no document with id {document_id}")
    return {**doc.to_dict(), "versions": services.catalog.versions_of(document_id)}
