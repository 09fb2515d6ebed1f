"""Upload jobs in the metadata database, so a restart neither forgets them nor leaves one
"running" forever.

A job row is written when the upload is accepted and updated at every step (file started,
progress at most once a second, file done, job done). The process running a job refreshes its
`heartbeat_at`; a job whose owner is gone is closed as `error` with its reason: at start-up by
the process that holds the data dir's lock (every other owner is dead), and otherwise (replicas
sharing a database) once its heartbeat is older than `STALE_S`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert, select, update

from db.catalog import now_iso
from db.schema import jobs, metadata

STALE_S = 120.0
OPEN_STATES = ("queued", "running")
INTERRUPTED_JA = ("サーバーが処理中に停止したため、登録は完了していません。"
                  "ファイルをもう一度アップロードしてください")
INTERRUPTED_EN = ("the server stopped while this job was running; upload the files again "
                  "(files marked done were registered)")

FIELDS = ("id", "user", "kind", "departments", "granularity", "replace_document_id", "status",
          "files", "report", "error", "error_ja", "owner", "created_at", "heartbeat_at",
          "finished_at")


class JobStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine, tables=[jobs])

    def insert(self, row: dict[str, Any]) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(jobs).values(**row))

    def save(self, job_id: str, **values: Any) -> None:
        values.setdefault("heartbeat_at", now_iso())
        with self.engine.begin() as conn:
            conn.execute(update(jobs).where(jobs.c.id == job_id).values(**values))

    def delete(self, job_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(jobs.delete().where(jobs.c.id == job_id))

    def get(self, job_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(jobs).where(jobs.c.id == job_id)).first()
        return dict(row._mapping) if row else None

    def list(self, *, user: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
        stmt = select(jobs).order_by(jobs.c.created_at.desc()).limit(limit)
        if user is not None:
            stmt = stmt.where(jobs.c.user == user)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def last_finished(self) -> dict[str, Any] | None:
        return last_finished_job(self.engine)

    def close_orphans(self, *, me: str, all_others: bool) -> list[str]:
        """Close open jobs of dead owners as `error`: every other owner's when `all_others`
        (we hold the data dir's lock), else those whose heartbeat is older than STALE_S."""
        stale_before = (datetime.now(UTC) - timedelta(seconds=STALE_S)).isoformat(
            timespec="microseconds")
        closed: list[str] = []
        with self.engine.begin() as conn:
            rows = conn.execute(select(jobs).where(jobs.c.status.in_(OPEN_STATES))
                                .where(jobs.c.owner != me)).all()
            for row in rows:
                if not all_others and row.heartbeat_at >= stale_before:
                    continue
                files = [dict(f, status="error", error=f.get("error") or INTERRUPTED_EN,
                              error_ja=f.get("error_ja") or INTERRUPTED_JA)
                         if f.get("status") != "done" else f for f in (row.files or [])]
                conn.execute(update(jobs).where(jobs.c.id == row.id).values(
                    status="error", error=INTERRUPTED_EN, error_ja=INTERRUPTED_JA,
                    files=files, finished_at=now_iso()))
                closed.append(row.id)
        return closed


def last_finished_job(engine: Engine) -> dict[str, Any] | None:
    """The job that finished last (done or error), or None; for /api/health."""
    stmt = (select(jobs).where(jobs.c.status.in_(("done", "error")))
            .order_by(jobs.c.finished_at.desc()).limit(1))
    with engine.connect() as conn:
        row = conn.execute(stmt).first()
    return dict(row._mapping) if row else None
