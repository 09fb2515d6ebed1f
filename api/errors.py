"""The one place that maps chonai errors to HTTP.

Bodies are JSON with a Japanese and an English message; the Japanese one is Japanese only
(api/messages_ja.py words each known error; an unknown one gets its category alone).
"""

from __future__ import annotations

import logging
import math
import sqlite3
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.messages_ja import validation_ja, with_category
from core.errors import (
    AuthenticationError,
    BackendUnavailableError,
    IndexNotReadyError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    PersonalInfoError,
    RagError,
    RateLimitedError,
    StorageFullError,
    UnsafeInputError,
)

log = logging.getLogger(__name__)

_STATUS: list[tuple[type[RagError], int, str]] = [
    (NotFoundError, 404, "見つかりません"),
    (PersonalInfoError, 422,
     "個人情報が含まれている可能性があります。言い換えるか、確認のうえ送信してください"),
    (AuthenticationError, 401, "認証が必要です"),
    (PermissionDeniedError, 403, "この操作の権限がありません"),
    (RateLimitedError, 429, "リクエストが多すぎます。しばらく待ってから再度お試しください"),
    (UnsafeInputError, 422, "受け付けられない入力です"),
    (InputError, 422, "入力に誤りがあります"),
    (IndexNotReadyError, 503, "検索インデックスが利用できません"),
    (BackendUnavailableError, 503, "バックエンドに接続できません"),
    (StorageFullError, 507, "データ領域の空き容量が不足しています"),
]


_REFUSALS = {PersonalInfoError: "pii", UnsafeInputError: "unsafe_input"}

_HTTP_JA = {404: "見つかりません", 405: "このメソッドは使えません",
            413: "リクエストが大きすぎます", 400: "リクエストの形式が正しくありません"}


def error_body(code: str, message_ja: str, message_en: str) -> dict[str, object]:
    """`request_id` is the X-Request-ID of the request, also in the access log and audit."""
    from api.requestctx import current_request_id

    return {"error": {"code": code, "message_ja": message_ja, "message": message_en,
                      "request_id": current_request_id()}}


def japanese_message(err: RagError) -> str:
    """The Japanese reason the API gives for `err` ("見つかりません: …"), Japanese only."""
    for cls, _status, ja in _STATUS:
        if isinstance(err, cls):
            return with_category(ja, err.message, err.path)
    return "処理できませんでした。"


def error_response(err: RagError) -> JSONResponse:
    """The response for `err`; also used by middleware, which runs outside the handlers."""
    for cls, status, ja in _STATUS:
        if isinstance(err, cls):
            body = error_body(cls.__name__, with_category(ja, err.message, err.path), str(err))
            if getattr(err, "details", None) is not None:
                body["error"]["details"] = err.details  # type: ignore[index]
            headers = ({"Retry-After": str(max(1, math.ceil(err.retry_after_s)))}
                       if isinstance(err, RateLimitedError) else None)
            return JSONResponse(body, status, headers=headers)
    log.warning("unmapped error", extra={"error": type(err).__name__})
    return JSONResponse(error_body(type(err).__name__, "処理できませんでした。", str(err)), 500)


def http_error_response(status: int, reason: str,
                        headers: Mapping[str, str] | None = None) -> JSONResponse:
    ja = _HTTP_JA.get(status, "リクエストを処理できません")
    return JSONResponse(error_body(f"HTTP{status}", with_category(ja, reason), reason), status,
                        headers=headers)


def _validation_reason(e: Mapping[str, Any]) -> str:
    """`field: message`; the whole body is "body", and bad JSON says where and why."""
    if e.get("type") == "json_invalid":
        position = (e.get("loc") or ("body", "?"))[-1]
        return f"invalid JSON at character {position}: {(e.get('ctx') or {}).get('error', '')}"
    where = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"
    return f"{where}: {e.get('msg')}"


def install(app: FastAPI) -> None:
    @app.exception_handler(RagError)
    async def _rag_error(request: Request, err: RagError) -> JSONResponse:
        reason = _REFUSALS.get(type(err))
        metrics = getattr(request.app.state, "metrics", None)
        if reason and metrics is not None:
            from api.requestctx import route_template

            metrics.refusals.labels(route_template(request.scope), reason).inc()
        return error_response(err)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, err: StarletteHTTPException) -> JSONResponse:
        """Framework errors (unknown path, wrong method, unreadable body) in the same format."""
        reason = str(err.detail)
        cause = err.__cause__
        if isinstance(cause, UnicodeDecodeError):  # FastAPI's "error parsing the body"
            reason = f"the request body is not UTF-8 JSON ({cause.reason})"
        elif isinstance(cause, RecursionError):
            reason = "the JSON body is nested too deeply"
        return http_error_response(err.status_code, reason, getattr(err, "headers", None))

    async def _disk_full(request: Request, err: Exception) -> JSONResponse:
        """A write that hit a full disk outside the guarded paths (audit log, upload file):
        507 with the reason; any other failure stays a plain 500."""
        from core.storage import storage_full_from

        full = storage_full_from(err, request.app.state.services.settings.data_dir)
        if full is None:
            raise err
        log.error("disk full", extra={"error": str(err)[:200]})
        return error_response(full)

    from sqlalchemy.exc import OperationalError as SqlOperationalError

    for cls in (OSError, sqlite3.OperationalError, SqlOperationalError):
        app.add_exception_handler(cls, _disk_full)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, err: RequestValidationError) -> JSONResponse:
        reasons = "; ".join(_validation_reason(e) for e in err.errors())
        reasons_ja = "。".join(dict.fromkeys(validation_ja(e) for e in err.errors()))
        return JSONResponse(error_body("ValidationError", f"入力に誤りがあります: {reasons_ja}",
                                       reasons), 422)
