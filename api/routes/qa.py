"""Search and ask: the staff-facing endpoints."""

from __future__ import annotations

import time
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from api.deps import GovernanceDep, MetricsDep, ServicesDep, UserDep
from api.governance import check_pii, record
from api.page_deps import PageDataDep, filtered_document_ids
from api.schemas import AskReply, SearchReply
from retrieval.search import MAX_QUERY_CHARS, MAX_TOP_K, SearchRequest

router = APIRouter(prefix="/api", tags=["qa"])

KindName = Literal["regulation", "faq", "manual"]


class SearchBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    query: str = Field(min_length=1, max_length=MAX_QUERY_CHARS,
                       examples=["年休は何日もらえる？"])
    top_k: int = Field(5, ge=1, le=MAX_TOP_K)
    kind: list[KindName] = Field(default_factory=list)
    document_ids: list[str] = Field(default_factory=list)
    include_history: bool = False
    confirm_pii: bool = Field(False, description="send even if personal information is found")


class AskBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    query: str = Field(min_length=1, max_length=MAX_QUERY_CHARS,
                       examples=["年休は何日もらえる？"])
    mode: Literal["answer", "similar"] = "answer"
    top_k: int = Field(5, ge=1, le=MAX_TOP_K)
    confirm_pii: bool = Field(False, description="send even if personal information is found")
    kind: list[Literal["law", "regulation", "faq", "manual"]] = Field(
        default_factory=list, description="only these 種類 (law = e-Gov 法令)")
    owner_department: str | None = Field(None, max_length=100,
                                         description="only documents of this 所管課")


@router.post("/search", response_model=SearchReply,
             summary="Hybrid search over regulations, FAQs and manuals")
def search(body: SearchBody, services: ServicesDep, user: UserDep,
           gov: GovernanceDep) -> dict[str, Any]:
    question = check_pii(gov, services, body.query, confirmed=body.confirm_pii)
    result = services.searcher.search(SearchRequest(
        query=body.query, top_k=body.top_k, kinds=tuple(body.kind),
        document_ids=tuple(body.document_ids), include_history=body.include_history,
        departments=user.acl_departments))
    record(gov, services, user, action="search", question=question,
           citations=[h.to_dict() for h in result.hits], latency_ms=result.ms)
    return {"results": [h.to_dict() | _scores(h) for h in result.hits],
            "expansions": result.expansions, "ms": round(result.ms, 1)}


def _scores(hit: Any) -> dict[str, Any]:
    """The dense cosine (what abstention compares) and merged units, for `chonai eval` through
    the server."""
    return {key: hit.extra[key] for key in ("cosine", "covers") if hit.extra.get(key) is not None}


@router.post("/ask", response_model=AskReply,
             summary="Cited answer (extractive without an LLM) or similar QAs")
def ask(body: AskBody, services: ServicesDep, user: UserDep,
        gov: GovernanceDep, metrics: MetricsDep,
        pagedata: PageDataDep) -> dict[str, Any]:
    started = time.perf_counter()
    question = check_pii(gov, services, body.query, confirmed=body.confirm_pii)
    result = services.answerer.ask(body.query, mode=body.mode, top_k=body.top_k,
                                   departments=user.acl_departments,
                                   document_ids=filtered_document_ids(
                                       services, user, pagedata, body.kind,
                                       body.owner_department))
    out = result.to_dict()
    llm = services.answerer.llm
    elapsed_s = time.perf_counter() - started
    out["log_id"] = record(
        gov, services, user, action="ask", question=question, mode=body.mode,
        result={**out, "model": llm.model_id if llm and result.generated else None},
        citations=result.citations if body.mode == "answer" else result.similar_qas,
        latency_ms=elapsed_s * 1000)
    metrics.asked(mode=body.mode, abstained=bool(result.abstained), seconds=elapsed_s,
                  stream=False)
    return out
