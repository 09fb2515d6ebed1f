"""Sources staff can check: document cards, the original file (ACL-checked), 新旧 diff, and the
所管課/contact owners set on a document."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field

from api.deps import EditorDep, GovernanceDep, ServicesDep, UserDep
from api.governance import can_manage
from api.page_deps import PageDataDep, document_card
from api.routes.documents import readable_document
from core.errors import NotFoundError, PermissionDeniedError
from core.originals import find as find_original
from retrieval.compare import compare
from services.build import Services

router = APIRouter(prefix="/api", tags=["documents"])

MEDIA = {".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8",
         ".csv": "text/csv; charset=utf-8", ".html": "text/html; charset=utf-8",
         ".htm": "text/html; charset=utf-8", ".xml": "application/xml",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@router.get("/catalog", summary="Document cards: 種類 (法令/例規/マニュアル/FAQ), 例規番号, "
            "施行日, "
            "version, 所管課, last updated")
def catalog(services: ServicesDep, user: UserDep, pagedata: PageDataDep) -> dict[str, Any]:
    details = pagedata.details()
    cards = [document_card(services, d, details.get(d.id))
             for d in services.catalog.list_documents() if user.can_read(d.departments)]
    for card in cards:
        card["can_manage"] = can_manage(user, card["departments"]) and not user.is_anonymous
    return {"documents": cards}


@router.get("/documents/{document_id}/card", summary="One document card")
def card(document_id: str, services: ServicesDep, user: UserDep,
         pagedata: PageDataDep) -> dict[str, Any]:
    doc = readable_document(services, user, document_id)
    return document_card(services, doc, pagedata.details().get(document_id))


@router.get("/documents/{document_id}/file", response_class=FileResponse,
            summary="The original file as uploaded (readers of the document only)",
            responses={200: {"content": {"application/octet-stream": {
                "schema": {"type": "string", "format": "binary"}}},
                "description": "the file (PDF, DOCX, HTML …) as it was uploaded"}})
def original_file(document_id: str, services: ServicesDep, user: UserDep,
                  version: str | None = None,
                  download: Annotated[bool, Query(description="as an attachment")] = False,
                  ) -> FileResponse:
    """Inline by default, so a browser opens a PDF at `#page=N`; 404 for unreadable documents."""
    doc = readable_document(services, user, document_id)
    wanted = version or doc.current_version or ""
    path = find_original(services.settings.data_dir, document_id, wanted)
    if path is None:
        raise NotFoundError(f"document {document_id} has no original file for {wanted}")
    return FileResponse(path, media_type=MEDIA.get(path.suffix.lower(),
                                                   "application/octet-stream"),
                        filename=path.name,
                        content_disposition_type="attachment" if download else "inline",
                        headers={"cache-control": "private, no-store",
                                 "x-content-type-options": "nosniff"})


def _version_chunks(services: Services, document_id: str, version: str) -> list[dict[str, Any]]:
    return [dict(r.payload) for r in services.store.scroll(document_id=document_id,
                                                            limit=100_000)
            if r.payload.get("version") == version]


@router.get("/documents/{document_id}/diff",
            summary="新旧対照: what changed between two versions, article by article")
def diff(document_id: str, services: ServicesDep, user: UserDep,
         old: str | None = None, new: str | None = None,
         include_unchanged: bool = False) -> dict[str, Any]:
    doc = readable_document(services, user, document_id)
    versions = [v["version"] for v in services.catalog.versions_of(document_id)]
    new = new or doc.current_version
    if new not in versions:
        raise NotFoundError(f"document {document_id} has no version {new}")
    if old is None:
        earlier = versions[:versions.index(new)]
        if not earlier:
            raise NotFoundError(f"document {document_id} has no version before {new}")
        old = earlier[-1]
    if old not in versions:
        raise NotFoundError(f"document {document_id} has no version {old}")
    result = compare(_version_chunks(services, document_id, old),
                     _version_chunks(services, document_id, new),
                     include_unchanged=include_unchanged)
    return {"document_id": document_id, "title": doc.title, "old": old, "new": new, **result}


class Details(BaseModel):
    model_config = ConfigDict(extra="forbid")
    owner_department: str | None = Field(None, max_length=100)
    contact: str | None = Field(None, max_length=200)


@router.put("/documents/{document_id}/details", summary="Set a document's 所管課 and contact")
def set_details(document_id: str, body: Details, user: EditorDep, services: ServicesDep,
                gov: GovernanceDep, pagedata: PageDataDep) -> dict[str, Any]:
    doc = readable_document(services, user, document_id)
    if not can_manage(user, doc.departments):
        raise PermissionDeniedError(f"you cannot change {document_id}")
    row = pagedata.set_details(document_id, owner_department=body.owner_department,
                               contact=body.contact, user=user.name)
    gov.audit.record(user=user.name, role=user.role, action="document-details",
                     query=f"{doc.title} {row['owner_department'] or ''}",
                     citations=[{"document_id": document_id, "document_title": doc.title}])
    return row
