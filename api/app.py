"""FastAPI application: JSON API under /api, the Japanese web page at /."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from api import errors, openapi
from api.bodylimit import BodyLimitMiddleware
from api.governance import governance_for
from api.observability import Metrics, ObservabilityMiddleware
from api.ratelimit import RateLimitMiddleware
from api.routes import (
    admin,
    admin_page,
    auth,
    documents,
    feedback,
    history,
    manage,
    metrics,
    ops,
    owners,
    qa,
    quarantine,
    sources,
    stream,
)
from core.settings import Settings
from core.version import version
from db.ratelimit import SharedTokenBucketLimiter
from services.build import Services, build_services

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent / "web"


def create_app(settings: Settings | None = None, *, services: Services | None = None,
               local_token: str | None = None) -> FastAPI:
    """Build the app; services are created at startup unless given (tests, `chonai serve`).

    `local_token`: the token `chonai serve` wrote into the data dir; a request carrying it acts
    as the local administrator "cli" (api/remote.py).
    """
    owned = services is None
    settings = services.settings if services is not None else (settings or Settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.services is None:
            app.state.services = build_services(settings, degraded_start=True,
                                                command="serve")
        try:  # closes upload jobs a stopped process left open, before anyone asks
            governance_for(app)
        except Exception as err:  # the database is down: /api/health and /api/ready say so
            log.warning("governance not ready at start-up", extra={"error": str(err)[:200]})
        yield
        gov = getattr(app.state, "governance", None)
        if owned and gov is not None:
            gov.jobs.close()
        if owned and app.state.services is not None:
            app.state.services.close()

    app = FastAPI(title="chonai 庁内QA", version=version(), lifespan=lifespan,
                  description="Cited answers over municipal regulations, manuals and FAQs.",
                  docs_url=None, redoc_url=None)
    openapi.install(app)  # /docs and /redoc from local assets (no CDN), the error schema
    app.state.services = services
    app.state.local_token = local_token
    errors.install(app)
    # the last added runs first: the rate limit, then the body limit, both before any body is read
    app.add_middleware(BodyLimitMiddleware, default_bytes=settings.max_request_bytes,
                       upload_bytes=settings.max_upload_request_bytes)
    app.state.rate_limiter = SharedTokenBucketLimiter(
        lambda: app.state.services.catalog.engine,
        per_minute=settings.rate_limit_per_minute, burst=settings.rate_limit_burst)
    app.add_middleware(RateLimitMiddleware, limiter=app.state.rate_limiter,
                       trusted_header=settings.auth_trusted_header)
    # outermost: request id, security headers, access log and metrics for every response
    app.state.metrics = Metrics(lambda: app.state)
    app.add_middleware(ObservabilityMiddleware, metrics=app.state.metrics,
                       hsts=settings.cookie_secure, access_log_on=settings.access_log)
    app.include_router(metrics.router)
    app.include_router(qa.router)
    app.include_router(stream.router)
    app.include_router(admin.router)
    for router in (auth.router, documents.router, feedback.router, manage.router, ops.router,
                   quarantine.router):
        app.include_router(router)
    # the page's additions (docs/PAGE.md): history, start page, sources, owners, admins
    for router in (history.router, sources.router, owners.router, admin_page.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8")

    return app
