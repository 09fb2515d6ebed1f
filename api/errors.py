"""The one place that maps chonai errors to HTTP.

Bodies are JSON with a Japanese and an English message.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from core.errors import (
    AuthenticationError,
    BackendUnavailableError,
    IndexNotReadyError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    PersonalInfoError,
    RagError,
    UnsafeInputError,
)

log = logging.getLogger(__name__)

_STATUS: list[tuple[type[RagError], int, str]] = [
    (NotFoundError, 404, "見つかりません"),
    (PersonalInfoError, 422,
     "個人情報が含まれている可能性があります。言い換えるか、確認のうえ送信してください"),
    (AuthenticationError, 401, "認証が必要です"),
    (PermissionDeniedError, 403, "この操作の権限がありません"),
    (UnsafeInputError, 422, "受け付けられない入力です"),
    (InputError, 422, "入力に誤りがあります"),
    (IndexNotReadyError, 503, "検索インデックスが利用できません"),
    (BackendUnavailableError, 503, "バックエンドに接続できません"),
]


def error_body(code: str, message_ja: str, message_en: str) -> dict[str, object]:
    return {"error": {"code": code, "message_ja": message_ja, "message": message_en}}


def install(app: FastAPI) -> None:
    @app.exception_handler(RagError)
    async def _rag_error(_request: Request, err: RagError) -> JSONResponse:
        for cls, status, ja in _STATUS:
            if isinstance(err, cls):
                body = error_body(cls.__name__, f"{ja}: {err}", str(err))
                if getattr(err, "details", None) is not None:
                    body["error"]["details"] = err.details  # type: ignore[index]
                return JSONResponse(body, status)
        log.warning("unmapped error", extra={"error": type(err).__name__})
        return JSONResponse(error_body(type(err).__name__, "処理できませんでした", str(err)), 500)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, err: RequestValidationError) -> JSONResponse:
        reasons = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body')}: {e.get('msg')}"
            for e in err.errors())
        return JSONResponse(error_body("ValidationError", f"入力に誤りがあります: {reasons}",
                                       reasons), 422)
