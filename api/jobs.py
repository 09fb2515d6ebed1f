"""Upload jobs: files saved by POST /api/documents are ingested one at a time in the background.

One worker thread per app, so uploads never race each other on the store. Jobs live in the
metadata database (db/jobs.py): every step is saved, so a job survives a restart and one
whose process died (kill -9, power cut) shows as `error` with its reason instead of "running"
forever. Each file goes through `index.ingest.ingest_files` with the upload folder as the
allowed directory, `max_upload_bytes` as the limit and the job's table as the progress display.
A failure carries its reason in English (`error`) and Japanese (`error_ja`).
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.errors import InputError, NotFoundError, PermissionDeniedError, RagError
from core.types import ParsedDocument
from db.catalog import now_iso
from db.jobs import JobStore
from db.users import User
from index.indexer import IngestResult
from index.ingest import BatchProgress, IngestEvents, ingest_files
from ingest.convert import Converters
from services.build import Services

log = logging.getLogger(__name__)

PROGRESS_SAVE_S = 1.0  # chunk progress is written at most this often
HEARTBEAT_S = 10.0


@dataclass
class FileProgress:
    name: str
    status: str = "queued"  # queued | parsing | indexing | done | error
    chunks_done: int = 0
    chunks_total: int = 0
    result: dict[str, Any] | None = None
    error: str | None = None
    error_ja: str | None = None


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
    error: str | None = None
    error_ja: str | None = None
    finished_at: str | None = None
    save: Callable[[bool], None] = field(default=lambda force=True: None, repr=False,
                                         compare=False)

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if k != "save"}
        return out


def japanese_reason(err: BaseException) -> tuple[str, str]:
    """(English, Japanese) reason of a failed file or job, as the API's error bodies word it."""
    if isinstance(err, RagError):
        from api.errors import japanese_message

        return err.message, japanese_message(err)
    first = (str(err).strip().splitlines() or [""])[0][:200]
    english = f"unexpected error while registering ({type(err).__name__}: {first})"
    return english, ("登録中に予期しないエラーが発生しました。管理者に連絡してください"
                     f"（{type(err).__name__}: {first}）")


def instance_id() -> str:
    """This process, distinguishable from any other that ran or runs jobs on the database."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{secrets.token_hex(4)}"


class JobRunner:
    def __init__(self, store: JobStore, *, exclusive: bool = True) -> None:
        """`exclusive`: this process holds the data dir's lock, so every other open job is
        an orphan of a process that died."""
        self.store = store
        self.owner = instance_id()
        self.exclusive = exclusive
        self._running: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chonai-upload")
        closed = store.close_orphans(me=self.owner, all_others=exclusive)
        if closed:
            log.warning("closed upload jobs interrupted by a stop", extra={"jobs": closed})
        self._stop = threading.Event()
        threading.Thread(target=self._beat, name="chonai-job-heartbeat", daemon=True).start()

    def new_job(self, user: User, *, kind: str, departments: Sequence[str],
                granularity: str, replace_document_id: str | None = None) -> Job:
        job = Job(id=secrets.token_hex(8), user=user.name, kind=kind,
                  departments=list(departments), granularity=granularity,
                  created_at=datetime.now(UTC).isoformat(),
                  replace_document_id=replace_document_id)
        row = {k: v for k, v in job.to_dict().items() if k != "finished_at"}
        self.store.insert({**row, "files": [], "owner": self.owner, "heartbeat_at": now_iso()})
        return job

    def forget(self, job_id: str) -> None:
        self.store.delete(job_id)

    def submit(self, job: Job, run: Callable[[Job], None]) -> None:
        job.save = self._saver(job)
        job.save(True)
        with self._lock:
            self._running[job.id] = job
        self._pool.submit(self._run, job, run)

    def get(self, job_id: str, user: User) -> dict[str, Any]:
        self.store.close_orphans(me=self.owner, all_others=False)
        row = self.store.get(job_id)
        if row is None or (row["user"] != user.name and user.role != "admin"):
            raise NotFoundError(f"no upload job with id {job_id}")
        return _view(row)

    def list_for(self, user: User) -> list[dict[str, Any]]:
        self.store.close_orphans(me=self.owner, all_others=False)
        rows = self.store.list(user=None if user.role == "admin" else user.name)
        return [_view(r) for r in rows]

    def _saver(self, job: Job) -> Callable[[bool], None]:
        last = [0.0]

        def save(force: bool = True) -> None:
            now = time.monotonic()
            if not force and now - last[0] < PROGRESS_SAVE_S:
                return
            last[0] = now
            data = job.to_dict()
            self.store.save(job.id, **{k: data[k] for k in (
                "status", "files", "report", "error", "error_ja", "finished_at")})

        return save

    def _run(self, job: Job, run: Callable[[Job], None]) -> None:
        job.status = "running"
        try:
            job.save(True)
            run(job)
            job.status = "done"
        except Exception as err:  # a crash must not kill the worker; the job says what happened
            log.exception("upload job failed", extra={"job": job.id})
            job.status = "error"
            job.error, job.error_ja = japanese_reason(err)
            for fp in job.files:
                if fp.status not in ("done", "error"):
                    fp.status, fp.error, fp.error_ja = "error", job.error, job.error_ja
        finally:
            job.finished_at = now_iso()
            with self._lock:
                self._running.pop(job.id, None)
            try:
                job.save(True)
            except Exception:
                log.exception("could not save the upload job", extra={"job": job.id})

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_S):
            with self._lock:
                running = list(self._running.values())
            for job in running:
                try:
                    self.store.save(job.id)
                except Exception:  # the database is down: health reports it
                    log.warning("job heartbeat failed", extra={"job": job.id})

    def close(self) -> None:
        self._stop.set()
        self._pool.shutdown(wait=False, cancel_futures=True)


def _view(row: dict[str, Any]) -> dict[str, Any]:
    """A job as the API returns it (without the owner's process id), with its figures."""
    return {**{k: v for k, v in row.items() if k != "owner"}, "progress": job_progress(row)}


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
    """Fills in the job's per-file table; a refused file is not kept on disk. The pipeline may
    start a file before the previous one is done, so each hook finds its file by name."""

    def __init__(self, job: Job, folder: Path) -> None:
        self._job = job
        self._files = {fp.name: fp for fp in job.files}
        self._folder = folder

    def parsing(self, path: Path) -> None:
        self._files[path.name].status = "parsing"
        self._job.save(True)

    def indexing(self, path: Path, chunks_total: int) -> None:
        fp = self._files[path.name]
        fp.chunks_total = chunks_total
        fp.status = "indexing"
        self._job.save(True)

    def advance(self, path: Path, chunks: int) -> None:
        self._files[path.name].chunks_done += chunks
        self._job.save(False)  # at most once a second

    def done(self, path: Path, result: IngestResult) -> None:
        fp = self._files[path.name]
        fp.chunks_done = fp.chunks_total
        fp.result = result.to_dict()
        fp.status = "done"
        self._job.save(True)

    def refused(self, path: Path, error: RagError) -> None:
        fp = self._files[path.name]
        fp.status = "error"
        fp.error, fp.error_ja = japanese_reason(error)
        (self._folder / path.name).unlink(missing_ok=True)
        self._job.save(True)


def job_progress(row: dict[str, Any]) -> dict[str, Any]:
    """The batch's figures from a stored job, as the terminal bar shows them: files and chunks
    done of total, chunks/s and ETA (rate since the job was accepted)."""
    files = row.get("files") or []
    started = datetime.fromisoformat(row["created_at"])
    ended = datetime.fromisoformat(row["finished_at"]) if row.get("finished_at") else None
    elapsed = ((ended or datetime.now(UTC)) - started).total_seconds()
    parsed = [f for f in files if f.get("status") in ("indexing", "done")]
    figures = BatchProgress(
        files_total=len(files),
        files_done=sum(f.get("status") == "done" for f in files),
        files_failed=sum(f.get("status") == "error" for f in files),
        chunks_total=sum(int(f.get("chunks_total") or 0) for f in parsed),
        chunks_done=sum(int(f.get("chunks_done") or 0) for f in parsed),
        parsed_files=len(parsed), started_at=time.monotonic() - max(elapsed, 1e-6))
    return figures.to_dict()


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
        events=_JobEvents(job, folder), stop_on_full=False, names_only=True,
        converters=Converters.from_settings(settings),
        originals_dir=settings.data_dir)
    reasons = {fp.name: fp.error_ja for fp in job.files}
    for error in job.report["errors"]:  # the page shows the Japanese reason
        error["error_ja"] = reasons.get(error["path"])
    if on_done:
        on_done(job)
