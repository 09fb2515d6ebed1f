"""Upload jobs: files saved by POST /api/documents are ingested one at a time in the background.

One worker thread per app, so uploads never race each other on the store; the job table lives
in memory (a restart forgets finished jobs, the documents themselves are in the catalog). Each
file goes through `index.ingest.ingest_files` with the upload folder as the allowed directory,
`max_upload_bytes` as the limit and the job's table as the progress display.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.errors import InputError, NotFoundError, PermissionDeniedError
from core.types import ParsedDocument
from db.users import User
from index.indexer import IngestResult
from index.ingest import IngestEvents, ingest_files
from services.build import Services

log = logging.getLogger(__name__)


@dataclass
class FileProgress:
    name: str
    status: str = "queued"  # queued | parsing | indexing | done | error
    chunks_done: int = 0
    chunks_total: int = 0
    result: dict[str, Any] | None = None
    error: str | None = None


@dataclass
class Job:
    id: str
    user: str
    kind: str
    departments: list[str]
    granularity: str
    created_at: str
    status: str = "queued"  # queued | running | done | error
    files: list[FileProgress] = field(default_factory=list)
    report: dict[str, Any] | None = None
    replace_document_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class JobRunner:
    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chonai-upload")

    def new_job(self, user: User, *, kind: str, departments: Sequence[str],
                granularity: str, replace_document_id: str | None = None) -> Job:
        job = Job(id=secrets.token_hex(8), user=user.name, kind=kind,
                  departments=list(departments), granularity=granularity,
                  created_at=datetime.now(UTC).isoformat(),
                  replace_document_id=replace_document_id)
        with self._lock:
            self._jobs[job.id] = job
        return job

    def forget(self, job_id: str) -> None:
        with self._lock:
            self._jobs.pop(job_id, None)

    def submit(self, job: Job, run: Callable[[Job], None]) -> None:
        self._pool.submit(self._run, job, run)

    def get(self, job_id: str, user: User) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None or (job.user != user.name and user.role != "admin"):
            raise NotFoundError(f"no upload job with id {job_id}")
        return job

    def list_for(self, user: User) -> list[Job]:
        with self._lock:
            jobs = list(self._jobs.values())
        return [j for j in jobs if j.user == user.name or user.role == "admin"][::-1]

    @staticmethod
    def _run(job: Job, run: Callable[[Job], None]) -> None:
        job.status = "running"
        try:
            run(job)
            job.status = "done"
        except Exception:  # a crash must not kill the worker; the job says what happened
            log.exception("upload job failed", extra={"job": job.id})
            job.status = "error"


MAX_FILENAME_CHARS = 200


def safe_filename(name: str) -> str:
    """The base name an upload is saved under; names that try to leave the folder are refused.

    Old browsers send a whole client path (C:\\Users\\…\\a.pdf), so plain folders are dropped,
    but `..`, control characters (NUL, newline, ESC) and hidden names are errors.
    """
    shown = ascii(name[:60])
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise InputError(f"file name {shown} contains control characters")
    parts = name.replace("\\", "/").split("/")
    if ".." in (p.strip() for p in parts):
        raise InputError(f"file name {shown} contains a path with '..'")
    base = parts[-1].strip()
    if not base or base.startswith("."):
        raise InputError(f"unsupported file name {shown}: empty or hidden")
    if len(base) > MAX_FILENAME_CHARS:
        raise InputError(f"file name is {len(base)} characters (limit {MAX_FILENAME_CHARS})")
    return base


class _JobEvents(IngestEvents):
    """Fills in the job's per-file table (files come in job order); a refused file is not kept
    on disk."""

    def __init__(self, job: Job, folder: Path) -> None:
        self._pending = iter(job.files)
        self._fp = FileProgress(name="")
        self._folder = folder

    def parsing(self, path: Path) -> None:
        self._fp = next(self._pending)
        self._fp.status = "parsing"

    def indexing(self, path: Path, chunks_total: int) -> None:
        self._fp.chunks_total = chunks_total
        self._fp.status = "indexing"

    def advance(self, path: Path, chunks: int) -> None:
        self._fp.chunks_done += chunks

    def done(self, path: Path, result: IngestResult) -> None:
        self._fp.chunks_done = self._fp.chunks_total
        self._fp.result = result.to_dict()
        self._fp.status = "done"

    def failed(self, path: Path, message: str) -> None:
        self._fp.status = "error"
        self._fp.error = message
        (self._folder / path.name).unlink(missing_ok=True)


def ingest_job(job: Job, *, services: Services, folder: Path, user: User,
               can_manage: Callable[[User, Sequence[str]], bool],
               on_done: Callable[[Job], None] | None = None) -> None:
    """Ingest every file of `job` (saved in `folder`), filling in progress and the report."""

    def authorize(document_id: str, doc: ParsedDocument) -> None:
        existing = services.catalog.get_document(document_id)
        if existing is not None and not can_manage(user, existing.departments):
            raise PermissionDeniedError(
                f"{doc.title} exists and belongs to departments you cannot manage")

    settings = services.settings
    job.report = ingest_files(
        services.indexer, [folder / fp.name for fp in job.files], kind=job.kind,
        allowed_dir=settings.upload_path, max_bytes=settings.max_upload_bytes,
        departments=job.departments, granularity=job.granularity,
        document_id=job.replace_document_id, authorize=authorize,
        events=_JobEvents(job, folder), stop_on_full=False, names_only=True)
    if on_done:
        on_done(job)
