"""A person's own past questions (from the audit log, masked as stored), follow-up rewriting,
and the start page: suggested questions and the filter choices."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from api.deps import GovernanceDep, ServicesDep, UserDep
from api.page_deps import KIND_JA, PageDataDep, document_card
from retrieval.followup import rewrite_followup
from retrieval.search import MAX_QUERY_CHARS

router = APIRouter(prefix="/api", tags=["qa"])

MASK = re.compile(r"【[^】]+】")  # what core.pii.mask puts where personal information was


@router.get("/history", summary="Your own past questions and answers, newest first (masked)")
def history(user: UserDep, gov: GovernanceDep,
            limit: Annotated[int, Query(ge=1, le=200)] = 30) -> dict[str, Any]:
    """Guests share one name, so they get no history."""
    if user.is_anonymous:
        return {"entries": [], "guest": True}
    rows = [r for r in gov.audit.entries(action="ask", newest_first=True, limit=limit * 20)
            if r["user"] == user.name][:limit]
    return {"guest": False, "entries": [
        {"log_id": r["seq"], "ts": r["ts"], "query": r["query"], "answer": r["answer"],
         "abstained": bool(r["abstained"]), "mode": r["mode"],
         "citations": [c.get("citation") for c in r["citations"] or [] if c.get("citation")]}
        for r in rows]}


class RewriteBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    query: str = Field(min_length=1, max_length=MAX_QUERY_CHARS)
    previous: str | None = Field(None, max_length=MAX_QUERY_CHARS)


@router.post("/ask/rewrite", summary="A follow-up question rewritten from the previous one")
def rewrite(body: RewriteBody) -> dict[str, Any]:
    result = rewrite_followup(body.query, body.previous)
    return {"query": result.query, "rewritten": result.rewritten, "topic": result.topic}


def _faq_updated(payload: dict[str, Any]) -> str:
    try:
        return str(json.loads(payload.get("meta") or "{}").get("updated") or "")
    except ValueError:
        return ""


@router.get("/suggestions", summary="Start page: most asked questions and newest FAQs per "
            "department")
def suggestions(services: ServicesDep, user: UserDep, gov: GovernanceDep,
                per_department: Annotated[int, Query(ge=1, le=10)] = 3) -> dict[str, Any]:
    """Most asked: answered questions asked by two or more people, never one with a masked
    part (it held personal information); FAQs only from documents the caller may read."""
    askers: dict[str, set[str]] = defaultdict(set)
    for r in gov.audit.entries(action="ask", abstained=False, newest_first=True, limit=5000):
        text = " ".join((r["query"] or "").split())
        if text and not r["pii"] and not MASK.search(text):
            askers[text].add(r["user"])
    most = sorted(((q, len(u)) for q, u in askers.items() if len(u) >= 2),
                  key=lambda kv: (-kv[1], kv[0]))[:8]
    newest: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in services.catalog.list_documents():
        if doc.kind != "faq" or not user.can_read(doc.departments):
            continue
        for rec in services.store.scroll(document_id=doc.id, limit=5000):
            p = rec.payload
            if not p.get("current") or not p.get("question") or p.get("deleted"):
                continue
            if not user.can_read(p.get("departments") or []):
                continue
            dept = p.get("owner_department") or "（担当課なし）"
            newest[dept].append({"question": p["question"], "updated": _faq_updated(p),
                                 "document_id": doc.id, "position": p.get("position") or 0})
    by_department = {}
    for dept, rows in sorted(newest.items()):
        rows.sort(key=lambda r: (r["updated"], -r["position"]), reverse=True)
        by_department[dept] = [{"question": r["question"], "updated": r["updated"] or None}
                               for r in rows[:per_department]]
    return {"most_asked": [{"question": q, "askers": n} for q, n in most],
            "newest_faqs": by_department}


@router.get("/filters", summary="Filter choices: 種類 and 所管課 of the documents you can read")
def filters(services: ServicesDep, user: UserDep, pagedata: PageDataDep) -> dict[str, Any]:
    details = pagedata.details()
    cards = [document_card(services, d, details.get(d.id))
             for d in services.catalog.list_documents() if user.can_read(d.departments)]
    kinds = Counter(c["kind"] for c in cards)
    owners = Counter(c["owner_department"] for c in cards if c["owner_department"])
    return {"kinds": [{"kind": k, "label": KIND_JA.get(k, k), "documents": n}
                      for k, n in sorted(kinds.items(), key=lambda kv: list(KIND_JA).index(
                          kv[0]) if kv[0] in KIND_JA else 9)],
            "departments": [{"department": d, "documents": n} for d, n in sorted(owners.items())]}

