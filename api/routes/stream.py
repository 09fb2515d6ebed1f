"""Streaming answers as server-sent events: tokens while the LLM writes, then the checked reply."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from api.deps import GovernanceDep, ServicesDep, UserDep
from api.governance import check_pii, record
from api.routes.qa import AskBody
from retrieval.search import validate_query

router = APIRouter(prefix="/api", tags=["qa"])


def sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


@router.post("/ask/stream", summary="Answer as server-sent events (token…, then final)",
             response_class=StreamingResponse,
             responses={200: {"content": {"text/event-stream": {}}}})
def ask_stream(body: AskBody, services: ServicesDep, user: UserDep,
               gov: GovernanceDep) -> StreamingResponse:
    query = validate_query(body.query)  # errors become 422 before the stream starts
    question = check_pii(gov, services, query, confirmed=body.confirm_pii)

    def events() -> Iterator[str]:
        for event in services.answerer.ask_stream(query, top_k=body.top_k,
                                                   departments=user.acl_departments):
            if event["event"] == "final":
                final = event["data"]
                llm = services.answerer.llm
                final["log_id"] = record(
                    gov, services, user, action="ask", question=question, mode="answer",
                    result={**final, "model": llm.model_id if llm else None})
            yield sse(event["event"], event["data"])

    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"cache-control": "no-cache"})
