"""Rate limiting: one token bucket per caller, checked before a request body is read.

The caller is the credential it presents (API key id, session cookie, SSO user), else its client
address, so the check needs no authentication lookup. The buckets live in the metadata database
(db.ratelimit), so the limit holds across worker processes and servers. A made-up key gets a
bucket of its own but is refused (401) by authentication anyway. Only requests that compute or
change something are counted (POST/PUT/PATCH/DELETE under /api/): page loads, listings and
upload-job polling are cheap reads.
"""

from __future__ import annotations

import hashlib
import math
from typing import Protocol

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from api.governance import SESSION_COOKIE
from core.errors import RateLimitedError

LIMITED_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
EXEMPT_PATHS = frozenset({"/api/health"})


class Limiter(Protocol):
    """db.ratelimit.SharedTokenBucketLimiter; `take` returns 0 or the seconds to wait."""

    rate_per_s: float
    capacity: float

    @property
    def enabled(self) -> bool: ...

    def take(self, caller: str) -> float: ...


def caller_id(headers: Headers, client: tuple[str, int] | None,
              trusted_header: str | None = None) -> str:
    """The bucket name, in the order api.governance.current_user authenticates."""
    auth = headers.get("authorization", "")
    key = headers.get("x-api-key") or (
        auth[7:].strip() if auth.lower().startswith("bearer ") else None)
    if key:
        parts = key.split("_", 2)  # chonai_<key id>_<secret>: the id names the key
        if len(parts) == 3 and parts[0] == "chonai":
            return f"key:{parts[1][:64]}"
        return f"key#{hashlib.sha256(key.encode()).hexdigest()[:16]}"
    if trusted_header and headers.get(trusted_header):
        return f"user:{headers[trusted_header].strip()[:128]}"
    for part in headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == SESSION_COOKIE and value:
            return f"session:{hashlib.sha256(value.encode()).hexdigest()[:16]}"
    return f"ip:{client[0] if client else 'unknown'}"


class RateLimitMiddleware:
    """ASGI middleware: 429 with Retry-After, in the error format of api/errors.py."""

    def __init__(self, app: ASGIApp, *, limiter: Limiter,
                 trusted_header: str | None = None) -> None:
        self.app = app
        self.limiter = limiter
        self.trusted_header = trusted_header

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (scope["type"] != "http" or not self.limiter.enabled
                or scope.get("method") not in LIMITED_METHODS
                or not path.startswith("/api/") or path in EXEMPT_PATHS):
            await self.app(scope, receive, send)
            return
        caller = caller_id(Headers(scope=scope), scope.get("client"), self.trusted_header)
        wait_s = await run_in_threadpool(self.limiter.take, caller)  # a database round trip
        if not wait_s:
            await self.app(scope, receive, send)
            return
        from api.errors import error_response

        per_minute = round(self.limiter.rate_per_s * 60)
        err = RateLimitedError(
            f"too many requests: the limit is {per_minute} per minute "
            f"(bursts of {int(self.limiter.capacity)}); retry in {math.ceil(wait_s)} s",
            retry_after_s=wait_s)
        await error_response(err)(scope, receive, send)
