"""The metadata database: documents, their versions, duplicate reports and the query log.

SQLAlchemy Core, so SQLite (embedded default, in the data dir) and PostgreSQL (multi-server)
share one schema. The vector store holds chunks; this database says which version is current.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    create_engine,
    delete,
    event,
    insert,
    select,
    update,
)

from db.schema import create_schema, documents, duplicates, ingest_intents, query_log, versions


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    title: str
    kind: str
    number: str | None
    source_name: str | None
    departments: list[str]
    current_version: str | None
    updated_at: str
    chunk_count: int = 0
    effective_date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.id, "title": self.title, "kind": self.kind,
            "number": self.number, "source": self.source_name,
            "departments": self.departments, "version": self.current_version,
            "chunks": self.chunk_count, "effective_date": self.effective_date,
            "updated_at": self.updated_at,
        }


class Catalog:
    def __init__(self, url: str, *, read_only: bool = False,
                 audit_key: bytes | None = None) -> None:
        """`read_only`: open nothing for writing (SQLite mode=ro, no schema changes): the CLI
        reading a database that a running server owns. Otherwise the schema is upgraded
        (db.migrate); `audit_key` (core.audit_key) is needed once, to re-sign the audit entries
        of a database from before 0.2."""
        if read_only and url.startswith("sqlite:///"):
            url = f"sqlite:///file:{url.removeprefix('sqlite:///')}?mode=ro&uri=true"
        self.engine = create_engine(url, future=True)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect",
                         _sqlite_read_pragmas if read_only else _sqlite_pragmas)
        if not read_only:
            create_schema(self.engine, audit_key=audit_key)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def get_document(self, document_id: str) -> DocumentRow | None:
        rows = self._document_rows(documents.c.id == document_id)
        return rows[0] if rows else None

    def list_documents(self) -> list[DocumentRow]:
        return self._document_rows(None)

    def _document_rows(self, where: Any) -> list[DocumentRow]:
        stmt = select(documents, versions.c.chunk_count, versions.c.effective_date).outerjoin(
            versions,
            (versions.c.document_id == documents.c.id)
            & (versions.c.version == documents.c.current_version),
        ).order_by(documents.c.kind, documents.c.title)
        if where is not None:
            stmt = stmt.where(where)
        with self.engine.connect() as conn:
            return [
                DocumentRow(
                    id=r.id, title=r.title, kind=r.kind, number=r.number,
                    source_name=r.source_name, departments=list(r.departments or []),
                    current_version=r.current_version, updated_at=r.updated_at,
                    chunk_count=r.chunk_count or 0, effective_date=r.effective_date,
                )
                for r in conn.execute(stmt)
            ]

    def versions_of(self, document_id: str) -> list[dict[str, Any]]:
        stmt = select(versions).where(versions.c.document_id == document_id).order_by(
            versions.c.ingested_at)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def record_version(self, conn: Connection, *, document: dict[str, Any],
                       version: dict[str, Any]) -> None:
        """Insert or update the document and make `version` its current one."""
        stamp = now_iso()
        exists = conn.execute(select(documents.c.id).where(documents.c.id == document["id"]))
        if exists.first() is None:
            conn.execute(insert(documents).values(**document, created_at=stamp,
                                                  updated_at=stamp))
        else:
            conn.execute(update(documents).where(documents.c.id == document["id"])
                         .values(**document, updated_at=stamp))
        known = conn.execute(select(versions.c.version).where(
            (versions.c.document_id == document["id"])
            & (versions.c.version == version["version"]))).first()
        if known is None:
            conn.execute(insert(versions).values(document_id=document["id"], ingested_at=stamp,
                                                 **version))

    def delete_document(self, conn: Connection, document_id: str) -> None:
        conn.execute(delete(duplicates).where(duplicates.c.document_id == document_id))
        conn.execute(delete(duplicates).where(duplicates.c.other_document_id == document_id))
        conn.execute(delete(versions).where(versions.c.document_id == document_id))
        conn.execute(delete(documents).where(documents.c.id == document_id))

    def delete_version(self, conn: Connection, document_id: str, version: str) -> None:
        conn.execute(delete(versions).where(
            (versions.c.document_id == document_id) & (versions.c.version == version)))

    def replace_duplicates(self, conn: Connection, document_id: str,
                           rows: Sequence[dict[str, Any]]) -> None:
        conn.execute(delete(duplicates).where(duplicates.c.document_id == document_id))
        if rows:
            conn.execute(insert(duplicates), [dict(r, document_id=document_id) for r in rows])

    def list_duplicates(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(
                select(duplicates).order_by(duplicates.c.document_id, duplicates.c.key))]

    def begin_intent(self, document_id: str, version: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(ingest_intents).where(
                (ingest_intents.c.document_id == document_id)
                & (ingest_intents.c.version == version)))
            conn.execute(insert(ingest_intents).values(document_id=document_id, version=version,
                                                       started_at=now_iso()))

    def end_intent(self, document_id: str, version: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(ingest_intents).where(
                (ingest_intents.c.document_id == document_id)
                & (ingest_intents.c.version == version)))

    def intents(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(
                select(ingest_intents).order_by(ingest_intents.c.started_at))]

    def log_query(self, **fields: Any) -> None:
        fields.setdefault("ts", now_iso())
        fields["citations"] = json.loads(json.dumps(fields.get("citations", []),
                                                    ensure_ascii=False))
        with self.engine.begin() as conn:
            conn.execute(insert(query_log).values(**fields))

    def recent_queries(self, limit: int = 50) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            stmt = select(query_log).order_by(query_log.c.id.desc()).limit(limit)
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def _sqlite_read_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()
