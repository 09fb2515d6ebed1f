"""Search and ask: the staff-facing endpoints."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from api.deps import ServicesDep
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


class AskBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    query: str = Field(min_length=1, max_length=MAX_QUERY_CHARS,
                       examples=["年休は何日もらえる？"])
    mode: Literal["answer", "similar"] = "answer"
    top_k: int = Field(5, ge=1, le=MAX_TOP_K)


@router.post("/search", summary="Hybrid search over regulations, FAQs and manuals")
def search(body: SearchBody, services: ServicesDep) -> dict[str, Any]:
    result = services.searcher.search(SearchRequest(
        query=body.query, top_k=body.top_k, kinds=tuple(body.kind),
        document_ids=tuple(body.document_ids), include_history=body.include_history))
    return {"results": [h.to_dict() for h in result.hits], "expansions": result.expansions,
            "ms": round(result.ms, 1)}


@router.post("/ask", summary="Cited answer (extractive without an LLM) or similar QAs")
def ask(body: AskBody, services: ServicesDep) -> dict[str, Any]:
    result = services.answerer.ask(body.query, mode=body.mode, top_k=body.top_k)
    services.catalog.log_query(
        user="anonymous", department=None, mode=body.mode, query=body.query,
        answer=result.answer, abstained=result.abstained,
        citations=[c["chunk_id"] for c in result.citations], latency_ms=result.ms,
        model=services.embedder.model_id)
    return result.to_dict()
