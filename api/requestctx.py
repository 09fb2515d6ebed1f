"""The request being served: its id (X-Request-ID) and route template, readable anywhere in the
request's context (error bodies, the audit entry, metrics labels)."""

from __future__ import annotations

from contextvars import ContextVar, Token

from starlette.types import Scope

_REQUEST_ID: ContextVar[str | None] = ContextVar("chonai_request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request being served (None outside a request, e.g. in the CLI)."""
    return _REQUEST_ID.get()


def set_request_id(request_id: str) -> Token[str | None]:
    return _REQUEST_ID.set(request_id)


def reset_request_id(token: Token[str | None]) -> None:
    _REQUEST_ID.reset(token)


def route_template(scope: Scope) -> str:
    """The matched route's path template (`/api/documents/{document_id}`): bounded labels."""
    route = scope.get("route")
    template = getattr(route, "path", None)
    if template:
        return str(template)
    if scope.get("path", "").startswith("/static/"):
        return "/static"
    return "unmatched"
