"""FastAPI application: JSON API under /api, the Japanese web page at /."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from api import errors
from api.bodylimit import BodyLimitMiddleware
from api.ratelimit import RateLimitMiddleware, TokenBucketLimiter
from api.routes import admin, auth, documents, feedback, manage, qa, stream
from core.settings import Settings
from services.build import Services, build_services

WEB_DIR = Path(__file__).resolve().parent / "web"


def create_app(settings: Settings | None = None, *, services: Services | None = None) -> FastAPI:
    """Build the app; services are created at startup unless given (tests, `chonai serve`)."""
    owned = services is None
    settings = services.settings if services is not None else (settings or Settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.services is None:
            app.state.services = build_services(settings, degraded_start=True)
        yield
        if owned and app.state.services is not None:
            app.state.services.close()

    app = FastAPI(title="chonai 庁内QA", version="0.1.0", lifespan=lifespan,
                  description="Cited answers over municipal regulations, manuals and FAQs.")
    app.state.services = services
    errors.install(app)
    # the last added runs first: the rate limit, then the body limit, both before any body is read
    app.add_middleware(BodyLimitMiddleware, default_bytes=settings.max_request_bytes,
                       upload_bytes=settings.max_upload_request_bytes)
    app.state.rate_limiter = TokenBucketLimiter(per_minute=settings.rate_limit_per_minute,
                                                burst=settings.rate_limit_burst)
    app.add_middleware(RateLimitMiddleware, limiter=app.state.rate_limiter,
                       trusted_header=settings.auth_trusted_header)
    app.include_router(qa.router)
    app.include_router(stream.router)
    app.include_router(admin.router)
    for router in (auth.router, documents.router, feedback.router, manage.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8")

    return app
