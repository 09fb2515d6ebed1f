"""Request body limits, enforced before the body is read.

A Content-Length over the limit gets 413 at once; a chunked body is counted as it streams and
cut off at the limit. Without this, the multipart parser would spool any upload to a temporary
file in full before the route could look at a file's size.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

UPLOAD_PATH = "/api/documents"


class BodyLimitMiddleware:
    """`upload_bytes` for POST /api/documents (all files together), `default_bytes` elsewhere."""

    def __init__(self, app: ASGIApp, *, default_bytes: int, upload_bytes: int) -> None:
        self.app = app
        self.default_bytes = default_bytes
        self.upload_bytes = upload_bytes

    def limit_for(self, scope: Scope) -> int:
        if scope.get("method") == "POST" and scope.get("path", "").rstrip("/") == UPLOAD_PATH:
            return self.upload_bytes
        return self.default_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > limit:
            from api.errors import http_error_response

            await http_error_response(413, _reason(int(declared), limit))(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:  # raised inside body parsing: the error handlers answer it
                    raise HTTPException(413, _reason(seen, limit, streamed=True))
            return message

        await self.app(scope, counted, send)


def _reason(size: int, limit: int, *, streamed: bool = False) -> str:
    what = f"over {size:,}" if streamed else f"{size:,}"
    return f"the request body is {what} bytes; the limit here is {limit:,}"
