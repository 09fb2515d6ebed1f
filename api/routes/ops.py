"""Operations: readiness for load balancers and the index fingerprint for administrators."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from api.deps import AdminDep, ServicesDep
from api.schemas import DigestReply, ReadyReply

router = APIRouter(prefix="/api", tags=["operations"])


@router.get("/admin/digest", response_model=DigestReply,
             summary="Fingerprint of the index and catalog (chonai documents "
            "digest): points, per-document counts, sha256")
def digest(_admin: AdminDep, services: ServicesDep) -> dict[str, Any]:
    from index.stores.digest import store_digest

    return store_digest(services.store, services.catalog)


@router.get("/ready", response_model=ReadyReply,
             summary="Readiness: 200 when searches and answers work, else 503 with "
            "the reasons; `uploads` says whether uploads would be accepted")
def ready(services: ServicesDep, response: Response) -> dict[str, Any]:
    from services.health import readiness

    body = readiness(services)
    if not body["ready"]:
        response.status_code = 503
    return body
