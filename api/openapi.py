"""API documentation that works inside LGWAN: /docs and /redoc with their scripts, styles and
icon served by the service itself (the fastapi-offline wheel's copies of swagger-ui and
redoc, no CDN, no Google Fonts), and an OpenAPI document that states the real error body and
the ways to authenticate (Bearer API key, X-API-Key, session cookie, the SSO header).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from api.schemas import ErrorBody

ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"
ASSETS_URL = "/docs-assets"
REDOC_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
ERROR_STATUSES = {
    "401": "no, a wrong or a revoked credential",
    "403": "the role or department does not allow it, or a missing CSRF token",
    "404": "unknown (or unreadable) document, job, user or path",
    "413": "request body over the limit",
    "422": "invalid input (validation, unparseable file, personal information)",
    "429": "rate limit: retry after the Retry-After seconds",
    "503": "the index or a backend is unavailable",
    "507": "the data dir is (nearly) full",
}
SSE_EVENT = {  # one server-sent event: `token` (text) … then `final` (the /api/ask reply)
    "type": "object", "required": ["event", "data"],
    "properties": {"event": {"type": "string", "enum": ["token", "final", "error"]},
                   "data": {"type": "string", "description": "JSON"}}}
OWN_503 = {"/api/health": "HealthReply", "/api/ready": "ReadyReply"}
PUBLIC_PATHS = frozenset({"/api/health", "/api/ready", "/api/auth/login"})
SECURITY_SCHEMES = {
    "bearer": {"type": "http", "scheme": "bearer",
               "description": "API key (`chonai users key NAME`): Authorization: Bearer chonai_…"},
    "apiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key",
                     "description": "the same API key in a header of its own"},
    "session": {"type": "apiKey", "in": "cookie", "name": "chonai_session",
                "description": "set by POST /api/login; state-changing calls also need the "
                               "X-CSRF-Token header from the login reply"},
}


def install(app: FastAPI) -> None:
    """Serve /docs, /redoc and their assets locally; replace app.openapi."""
    title = f"{app.title} API"

    @app.get(f"{ASSETS_URL}/redoc.standalone.js", include_in_schema=False)
    def redoc_js() -> Response:
        return Response(_local_redoc(), media_type="text/javascript",
                        headers={"cache-control": "public, max-age=86400"})

    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=title,
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/favicon.png",
            swagger_ui_parameters={"validatorUrl": None})  # no badge from validator.swagger.io

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json", title=title,
            redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS_URL}/favicon.png", with_google_fonts=False)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_schema(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


@lru_cache(maxsize=1)
def _local_redoc() -> bytes:
    """redoc's bundle with its sidebar logo pointed at our icon instead of cdn.redoc.ly."""
    bundle = (ASSETS / "redoc.standalone.js").read_bytes()
    return bundle.replace(REDOC_LOGO, f"{ASSETS_URL}/favicon.png".encode())


def build_schema(app: FastAPI) -> dict[str, Any]:
    schema = get_openapi(title=app.title, version=app.version, description=app.description,
                         routes=app.routes)
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    error = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(error.pop("$defs", {}))
    schemas["ErrorBody"] = error
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    components["securitySchemes"] = SECURITY_SCHEMES
    ref = {"$ref": "#/components/schemas/ErrorBody"}
    for path, item in schema.get("paths", {}).items():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            for status, reply in responses.items():  # CSV, JSONL, SSE: text
                for media, body in (reply.get("content") or {}).items():
                    if status.startswith("2") and not body.get("schema"):
                        body["schema"] = SSE_EVENT if media == "text/event-stream" else {
                            "type": "string", "description": media}
            for status, why in ERROR_STATUSES.items():
                responses[status] = {"description": why,
                                     "content": {"application/json": {"schema": ref}}}
            if path in OWN_503:  # health and readiness answer 503 with their usual body
                own = {"$ref": f"#/components/schemas/{OWN_503[path]}"}
                responses["503"] = {"description": "a required part is down",
                                    "content": {"application/json": {"schema": own}}}
            if path not in PUBLIC_PATHS:
                # anonymous callers are allowed where auth is optional (demo default)
                operation["security"] = [{"bearer": []}, {"apiKeyHeader": []},
                                         {"session": []}, {}]
    return schema
