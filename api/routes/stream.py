"""Streaming answers as server-sent events: tokens while the LLM writes, then the checked reply."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from api.deps import GovernanceDep, MetricsDep, ServicesDep, UserDep
from api.governance import check_pii, record
from api.page_deps import PageDataDep, filtered_document_ids
from api.routes.qa import AskBody
from retrieval.search import validate_query

router = APIRouter(prefix="/api", tags=["qa"])


def sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


@router.post("/ask/stream", summary="Answer as server-sent events (token…, then final)",
             response_class=StreamingResponse,
             responses={200: {"content": {"text/event-stream": {}}}})
def ask_stream(body: AskBody, services: ServicesDep, user: UserDep,
               gov: GovernanceDep, metrics: MetricsDep,
               pagedata: PageDataDep) -> StreamingResponse:
    started = time.perf_counter()
    query = validate_query(body.query)  # errors become 422 before the stream starts
    question = check_pii(gov, services, query, confirmed=body.confirm_pii)
    document_ids = filtered_document_ids(services, user, pagedata, body.kind,
                                         body.owner_department)

    def events() -> Iterator[str]:
        for event in services.answerer.ask_stream(query, top_k=body.top_k,
                                                   departments=user.acl_departments,
                                                   document_ids=document_ids):
            if event["event"] == "final":
                final = event["data"]
                llm = services.answerer.llm
                elapsed_s = time.perf_counter() - started  # like /api/ask: to the final answer
                final["log_id"] = record(
                    gov, services, user, action="ask", question=question, mode="answer",
                    result={**final, "model": llm.model_id if llm else None},
                    latency_ms=elapsed_s * 1000)
                metrics.asked(mode="answer", abstained=bool(final.get("abstained")),
                              seconds=elapsed_s, stream=True)
            yield sse(event["event"], event["data"])

    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"cache-control": "no-cache"})
