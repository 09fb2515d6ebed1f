"""Documents: article text for citations (ACL-checked), uploads as background jobs, deletion."""

from __future__ import annotations

import shutil
from pathlib import PurePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, UploadFile

from api.deps import EditorDep, GovernanceDep, ServicesDep, UserDep
from api.governance import can_manage
from api.jobs import ingest_job, safe_filename
from api.schemas import Deleted, DocumentText, JobInfo, JobList, UploadReply
from core.errors import (
    InputError,
    NotFoundError,
    PermissionDeniedError,
    SourceParseError,
    UnsafeInputError,
)
from core.originals import forget as forget_original
from db.catalog import DocumentRow
from db.users import PUBLIC, User
from ingest.pipeline import SUPPORTED_SUFFIXES
from services.build import Services

router = APIRouter(prefix="/api", tags=["documents"])

CHUNK_BYTES = 1 << 20


def readable_document(services: Services, user: User, document_id: str) -> DocumentRow:
    """The catalog row, or 404 for unknown and for unreadable documents alike (no leak)."""
    doc = services.catalog.get_document(document_id)
    if doc is None or not user.can_read(doc.departments):
        raise NotFoundError(f"no document with id {document_id}")
    return doc


@router.get("/documents/{document_id}/text", response_model=DocumentText,
            summary="The text of a document (or one article) with citation fields")
def document_text(document_id: str, services: ServicesDep, user: UserDep,
                  article: str | None = None, version: str | None = None) -> dict[str, Any]:
    doc = readable_document(services, user, document_id)
    wanted = version or doc.current_version
    chunks = []
    for rec in services.store.scroll(document_id=document_id):
        p = rec.payload
        if p.get("version") != wanted or not user.can_read(p.get("departments") or []):
            continue
        if p.get("quarantined"):  # held for review: shown in the owners' queue only
            continue
        guard = services.searcher.content_guard  # an old index: the same checks as search
        if guard is not None and not p.get("quarantine_approved") and guard.scan_fields(
                p.get("question"), p.get("answer"), p.get("text"), p.get("caption"),
                p.get("context")):
            continue
        if article is not None and p.get("article") != article:
            continue
        chunks.append({key: p.get(key) for key in (
            "position", "label", "article", "paragraph", "item", "page", "caption", "part",
            "text", "question", "answer", "faq_id", "deleted")} | {"chunk_id": rec.id})
    chunks.sort(key=lambda c: c["position"] or 0)
    if article is not None and not chunks:
        raise NotFoundError(f"document {document_id} has no article {article}")
    return {"document": doc.to_dict(), "chunks": chunks}


@router.post("/documents", response_model=UploadReply,
             status_code=202,
             summary="Upload files (multipart) and ingest them in a background job")
async def upload(
    user: EditorDep, services: ServicesDep, gov: GovernanceDep,
    files: Annotated[list[UploadFile], File(description="one or more files")],
    kind: Annotated[Literal["auto", "regulation", "faq", "manual"], Form()] = "auto",
    departments: Annotated[list[str] | None, Form(
        description="departments that may read it; empty or '*' = public")] = None,
    granularity: Annotated[Literal["article", "qa", "section", "file"], Form()] = "article",
    replace_document_id: Annotated[str | None, Form(
        description="make the file the new version of this document")] = None,
) -> dict[str, Any]:
    depts = sorted({d.strip() for d in departments or [] if d.strip()} - {PUBLIC})
    if not can_manage(user, depts or [PUBLIC]):
        raise PermissionDeniedError("editors may publish only to their own departments or "
                                    "to everyone")
    if replace_document_id:
        doc = readable_document(services, user, replace_document_id)
        if not can_manage(user, doc.departments):
            raise PermissionDeniedError(f"you cannot replace {replace_document_id}")
        if len(files) != 1:
            raise InputError("replacing a document takes exactly one file")
    if not files:
        raise InputError("no files")
    names = [safe_filename(f.filename or "") for f in files]
    if len(set(names)) != len(names):
        raise InputError("two files have the same name")
    for name in names:
        if PurePath(name).suffix.lower() not in SUPPORTED_SUFFIXES:
            raise SourceParseError(f"{name}: unknown format; supported: "
                                   + " ".join(SUPPORTED_SUFFIXES))
    if services.indexer.disk_guard is not None:  # refuse before writing anything (507)
        services.indexer.disk_guard.check(what="an upload")
    job = gov.jobs.new_job(user, kind=kind, departments=depts, granularity=granularity,
                           replace_document_id=replace_document_id or None)
    folder = services.settings.upload_path / job.id
    folder.mkdir(parents=True, exist_ok=True)
    limit = services.settings.max_upload_bytes
    from api.jobs import FileProgress

    for upload_file, name in zip(files, names, strict=True):
        size = 0
        with (folder / name).open("wb") as out:
            while chunk := await upload_file.read(CHUNK_BYTES):
                size += len(chunk)
                if size > limit:
                    out.close()
                    shutil.rmtree(folder, ignore_errors=True)
                    gov.jobs.forget(job.id)
                    raise UnsafeInputError(f"{name} is over the limit of {limit:,} bytes")
                out.write(chunk)
        if size == 0:
            shutil.rmtree(folder, ignore_errors=True)
            gov.jobs.forget(job.id)
            raise SourceParseError(f"{name}: empty file")
        job.files.append(FileProgress(name=name))

    def finished(done: Any) -> None:
        gov.audit.record(user=user.name, role=user.role, action="upload",
                         department=",".join(depts) or PUBLIC,
                         query=", ".join(names), answer=None,
                         citations=[{"document_id": r["document_id"],
                                     "document_title": r["title"], "citation": r["status"]}
                                    for r in (done.report or {}).get("results", [])])

    gov.jobs.submit(job, lambda j: ingest_job(j, services=services, folder=folder, user=user,
                                              can_manage=can_manage, on_done=finished))
    return {"job_id": job.id, "status_url": f"/api/jobs/{job.id}", "job": job.to_dict()}


@router.get("/jobs/{job_id}", response_model=JobInfo,
             summary="Upload job status, per-file progress and report")
def job_status(job_id: str, user: EditorDep, gov: GovernanceDep) -> dict[str, Any]:
    return gov.jobs.get(job_id, user)


@router.get("/jobs", response_model=JobList,
             summary="Your upload jobs (admins: all), newest first")
def jobs(user: EditorDep, gov: GovernanceDep) -> dict[str, Any]:
    return {"jobs": gov.jobs.list_for(user)}


@router.delete("/documents/{document_id}", response_model=Deleted,
             summary="Delete a document and every version")
def delete_document(document_id: str, user: EditorDep, services: ServicesDep,
                    gov: GovernanceDep) -> dict[str, Any]:
    doc = readable_document(services, user, document_id)
    if not can_manage(user, doc.departments):
        raise PermissionDeniedError(f"you cannot delete {document_id}")
    removed = services.indexer.delete(document_id)
    forget_original(services.settings.data_dir, document_id)
    gov.audit.record(user=user.name, role=user.role, action="delete", query=doc.title,
                     citations=[{"document_id": document_id, "document_title": doc.title}])
    return {"deleted": document_id, "chunks": removed}


@router.delete("/documents/{document_id}/versions/{version}", response_model=Deleted,
               summary="Delete one superseded version of a document")
def delete_document_version(document_id: str, version: str, user: EditorDep,
                            services: ServicesDep, gov: GovernanceDep) -> dict[str, Any]:
    doc = readable_document(services, user, document_id)
    if not can_manage(user, doc.departments):
        raise PermissionDeniedError(f"you cannot change {document_id}")
    removed = services.indexer.delete_version(document_id, version)
    forget_original(services.settings.data_dir, document_id, version)
    gov.audit.record(user=user.name, role=user.role, action="delete-version",
                     query=f"{doc.title} {version}",
                     citations=[{"document_id": document_id, "document_title": doc.title}])
    return {"deleted": version, "document_id": document_id, "chunks": removed}
