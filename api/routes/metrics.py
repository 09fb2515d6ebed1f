"""GET /metrics: Prometheus text format (api/observability.py lists the series)."""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST

from api.deps import MetricsDep, ServicesDep
from core.errors import AuthenticationError

router = APIRouter(tags=["admin"])


@router.get("/metrics", summary="Prometheus metrics (latency per route, answers, index size)",
            response_class=Response,
            responses={200: {"content": {CONTENT_TYPE_LATEST: {}}}})
def metrics(request: Request, services: ServicesDep, metrics: MetricsDep) -> Response:
    token = services.settings.metrics_token
    if token is not None:
        auth = request.headers.get("authorization", "")
        given = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        if not hmac.compare_digest(given.encode(), token.get_secret_value().encode()):
            raise AuthenticationError("/metrics needs `Authorization: Bearer <metrics token>`")
    return Response(metrics.render(), media_type=CONTENT_TYPE_LATEST)
