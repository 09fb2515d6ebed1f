"""Response models of the JSON API, so the OpenAPI document says what each endpoint returns.

Models allow extra keys (`extra="allow"`): the routes return plain dicts, and a field added to
a reply must not turn into a 500 before it is declared here. Declared fields are checked.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Reply(BaseModel):
    model_config = ConfigDict(extra="allow")


# --------------------------------------------------------------------------- errors

class ErrorDetail(BaseModel):
    code: str = Field(description="error class, e.g. NotFoundError, ValidationError, HTTP404")
    message_ja: str = Field(description="reason in Japanese, for people")
    message: str = Field(description="reason in English")
    details: list[dict[str, Any]] | None = Field(
        None, description="PersonalInfoError: the findings (kind and offsets, never values)")
    request_id: str | None = Field(
        None, description="the X-Request-ID of the request: also in the access log and the "
        "audit entry; quote it to the administrator")


class ErrorBody(BaseModel):
    """Every 4xx/5xx reply of the API (api/errors.py)."""

    error: ErrorDetail


# --------------------------------------------------------------------------- health

class HealthReply(Reply):
    status: Literal["ok", "degraded", "down"]
    store: dict[str, Any]
    embedding: dict[str, Any]
    llm: dict[str, Any]
    documents: int | None
    synonyms: int
    parts: dict[str, dict[str, Any]] = Field(
        description="store, database, embedding, llm, disk, store_writes, jobs: ok + reason")
    down: list[str]


class ReadyReply(Reply):
    ready: bool
    status: Literal["ok", "degraded", "down"]
    uploads: bool = Field(description="uploads would be accepted (index writable, disk free)")
    reasons: dict[str, str | None]


class DigestReply(Reply):
    points: int
    per_document: dict[str, int]
    points_sha256: str
    catalog_rows: dict[str, int]
    catalog_sha256: str


# --------------------------------------------------------------------------- documents

class DocumentInfo(Reply):
    document_id: str
    title: str
    kind: str
    number: str | None = None
    source: str | None = None
    departments: list[str]
    version: str | None = None
    chunks: int
    effective_date: str | None = None
    updated_at: str


class DocumentList(Reply):
    documents: list[DocumentInfo]


class DocumentDetail(DocumentInfo):
    versions: list[dict[str, Any]]


class DocumentText(Reply):
    document: DocumentInfo
    chunks: list[dict[str, Any]]


class Deleted(Reply):
    deleted: str
    chunks: int
    document_id: str | None = None


class FileInfo(Reply):
    name: str
    status: Literal["queued", "parsing", "indexing", "done", "error"]
    chunks_done: int
    chunks_total: int
    result: dict[str, Any] | None = None
    error: str | None = None
    error_ja: str | None = None


class JobInfo(Reply):
    id: str
    user: str
    kind: str
    departments: list[str]
    granularity: str
    created_at: str
    status: Literal["queued", "running", "done", "error"]
    files: list[FileInfo]
    report: dict[str, Any] | None = None
    replace_document_id: str | None = None
    error: str | None = Field(None, description="why the job failed (English)")
    error_ja: str | None = Field(None, description="why the job failed (Japanese)")
    finished_at: str | None = None
    progress: dict[str, Any] | None = Field(
        None, description="files_total/done/failed, chunks_total/done, chunks_per_s, eta_s")


class UploadReply(Reply):
    job_id: str
    status_url: str
    job: JobInfo


class JobList(Reply):
    jobs: list[JobInfo]


# --------------------------------------------------------------------------- search and ask

class HitInfo(Reply):
    chunk_id: str
    score: float
    kind: str
    document_id: str
    document_title: str
    citation: str
    text: str


class SearchReply(Reply):
    results: list[HitInfo]
    expansions: list[Any]
    ms: float


class AskReply(Reply):
    answer: str | None
    abstained: bool
    citations: list[dict[str, Any]]
    similar_qas: list[dict[str, Any]]
    mode: str
    notice: str | None = None
    generated: bool
    log_id: int | None = Field(None, description="pass to POST /api/feedback")


# --------------------------------------------------------------------------- users, audit

class UserInfo(Reply):
    name: str
    role: str
    departments: list[str]


class MeReply(Reply):
    user: UserInfo
    csrf_token: str | None
    auth_required: bool
    pii_guard: bool


class LoginReply(Reply):
    user: UserInfo
    csrf_token: str | None


class LogoutReply(Reply):
    ok: bool
    user: str


class UserReply(Reply):
    user: dict[str, Any]


class UserList(Reply):
    users: list[dict[str, Any]]


class KeyReply(Reply):
    id: str
    key: str = Field(description="shown only in this reply")
    user: str


class Revoked(Reply):
    revoked: str


class StatsReply(Reply):
    questions: int
    searches: int
    users: int
    abstention_rate: float | None
    by_day: dict[str, Any]
    by_department: dict[str, Any]


class AuditEntries(Reply):
    entries: list[dict[str, Any]]


class VerifyReply(Reply):
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    reason: str | None = None


class Unanswered(Reply):
    questions: list[dict[str, Any]]


class FeedbackId(Reply):
    id: int


class FeedbackList(Reply):
    feedback: list[dict[str, Any]]
