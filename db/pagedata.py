"""What the page adds to the metadata database: each document's 所管課 and contact, questions
sent to a 担当課 (「この質問を担当課へ送る」), and FAQ entries owners write in the page.

Tables in db/schema.py, on the catalog's engine (SQLite or PostgreSQL).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update

from core.errors import InputError, NotFoundError
from db.schema import authored_faqs, create_schema, document_details, handover_requests


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class PageData:
    engine: Engine

    def __post_init__(self) -> None:
        create_schema(self.engine)

    # 所管課 and contact ---------------------------------------------------------------
    def details(self) -> dict[str, dict[str, Any]]:
        with self.engine.connect() as conn:
            return {r.document_id: dict(r._mapping)
                    for r in conn.execute(select(document_details))}

    def set_details(self, document_id: str, *, owner_department: str | None,
                    contact: str | None, user: str) -> dict[str, Any]:
        row = {"owner_department": (owner_department or "").strip() or None,
               "contact": (contact or "").strip() or None, "updated_by": user,
               "updated_at": _now()}
        with self.engine.begin() as conn:
            done = conn.execute(update(document_details)
                                .where(document_details.c.document_id == document_id)
                                .values(**row))
            if not done.rowcount:
                conn.execute(insert(document_details).values(document_id=document_id, **row))
        return {"document_id": document_id, **row}

    def forget_document(self, document_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(document_details)
                         .where(document_details.c.document_id == document_id))

    # questions sent to a 担当課 ------------------------------------------------------
    def add_handover(self, *, user: str, asker_departments: list[str], query: str,
                     department: str | None, log_id: int | None) -> int:
        with self.engine.begin() as conn:
            done = conn.execute(insert(handover_requests).values(
                ts=_now(), user=user, asker_departments=asker_departments, query=query,
                department=department, log_id=log_id, status="open"))
        key = done.inserted_primary_key
        return int(key[0]) if key else 0

    def handovers(self, *, status: str | None = "open") -> list[dict[str, Any]]:
        stmt = select(handover_requests).order_by(handover_requests.c.id.desc())
        if status:
            stmt = stmt.where(handover_requests.c.status == status)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def get_handover(self, handover_id: int) -> dict[str, Any]:
        with self.engine.connect() as conn:
            row = conn.execute(select(handover_requests)
                               .where(handover_requests.c.id == handover_id)).first()
        if row is None:
            raise NotFoundError(f"no unanswered question with id {handover_id}")
        return dict(row._mapping)

    def close_handover(self, handover_id: int, faq_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(handover_requests)
                         .where(handover_requests.c.id == handover_id)
                         .values(status="answered", faq_id=faq_id))

    # FAQ entries written in the page ----------------------------------------------
    def add_faq(self, *, author: str, question: str, answer: str,
                owner_department: str | None, departments: list[str],
                handover_id: int | None) -> int:
        if not question.strip() or not answer.strip():
            raise InputError("the FAQ entry needs a question and an answer")
        with self.engine.begin() as conn:
            done = conn.execute(insert(authored_faqs).values(
                ts=_now(), author=author, question=question.strip(), answer=answer.strip(),
                owner_department=owner_department, departments=departments,
                handover_id=handover_id))
        key = done.inserted_primary_key
        return int(key[0]) if key else 0

    def faqs(self, *, departments: list[str]) -> list[dict[str, Any]]:
        """Authored entries published with exactly this audience, oldest first."""
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(
                select(authored_faqs).order_by(authored_faqs.c.id))]
        return [r for r in rows if sorted(r["departments"] or []) == sorted(departments)]

    def remove_faq(self, faq_row_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(authored_faqs).where(authored_faqs.c.id == faq_row_id))
