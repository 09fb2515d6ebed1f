"""Request ids, the JSON access log, Prometheus metrics and security headers: one ASGI middleware
around every request (the outermost one, so rate-limit and body-limit refusals are covered too).

- Request id: the caller's `X-Request-ID` when it is a short token, else a new one; returned in
  the `X-Request-ID` header and in every error body (`error.request_id`), stored with the audit
  entry, and written in the access log line, so one id links the three.
- Access log: one JSON object per request on the `chonai.access` logger (fields in
  docs/OPERATIONS-hardening.md). No query strings, bodies or credentials are logged.
- Metrics (`GET /metrics`, Prometheus text format): latency histograms per route template,
  answers / abstentions / refusals, and gauges read at scrape time from the catalog, the index
  and the upload jobs. Each app has its own registry (no module-level state).
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.requestctx import reset_request_id, route_template, set_request_id

log = logging.getLogger(__name__)
access_log = logging.getLogger("chonai.access")

REQUEST_ID_HEADER = "x-request-id"
_VALID_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
LATENCY_BUCKETS_S = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)

# the page and the API: nothing but our own files, no inline code, never framed
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
# /docs and /redoc: FastAPI's pages start Swagger UI / ReDoc with an inline script
# the API docs pages load swagger-ui / redoc from the service itself (api/openapi.py), so no
# outside host is allowed: on LGWAN there is none to reach, and nothing may be fetched from one
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
            "worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/redoc")
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


def _request_id(headers: Mapping[str, str]) -> str:
    given = headers.get(REQUEST_ID_HEADER, "")
    return given if _VALID_ID.fullmatch(given) else secrets.token_hex(16)


class Metrics:
    """The counters and histograms of one app, in their own registry."""

    def __init__(self, state: Callable[[], Any] | None = None) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.request_seconds = Histogram(
            "chonai_http_request_duration_seconds", "Request latency until the last body byte "
            "(streams included), by route template", ("method", "route"),
            buckets=LATENCY_BUCKETS_S, registry=self.registry)
        self.requests = Counter("chonai_http_requests", "Requests by route and status",
                                ("method", "route", "status"), registry=self.registry)
        self.asks = Counter("chonai_asks", "Questions answered, by mode and outcome "
                            "(answered | abstained)", ("mode", "outcome"),
                            registry=self.registry)
        self.ask_seconds = Histogram(
            "chonai_ask_duration_seconds", "Time to the final answer, plain and streaming",
            ("mode", "stream"), buckets=LATENCY_BUCKETS_S, registry=self.registry)
        self.refusals = Counter("chonai_refusals", "Requests refused by a guard (pii, "
                                "unsafe_input, rate_limit, auth)", ("route", "reason"),
                                registry=self.registry)
        if state is not None:
            self.registry.register(StateCollector(state))

    def asked(self, *, mode: str, abstained: bool, seconds: float, stream: bool) -> None:
        self.asks.labels(mode, "abstained" if abstained else "answered").inc()
        self.ask_seconds.labels(mode, "true" if stream else "false").observe(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)


class StateCollector(Collector):
    """Gauges read when Prometheus scrapes: what the catalog, index and jobs hold now. Read from
    the database and the store, so they agree across worker processes and restarts."""

    def __init__(self, state: Callable[[], Any]) -> None:
        self.state = state

    def collect(self) -> Iterator[GaugeMetricFamily]:
        app_state = self.state()
        services = getattr(app_state, "services", None)
        if services is None:
            return
        from sqlalchemy import func, select

        from db.catalog import documents, versions
        from index.stores.base import SearchFilter

        try:
            with services.catalog.engine.connect() as conn:
                docs = conn.execute(select(func.count()).select_from(documents)).scalar() or 0
                chunks = conn.execute(select(func.coalesce(func.sum(versions.c.chunk_count), 0))
                                      ).scalar() or 0
            yield GaugeMetricFamily("chonai_documents", "Documents in the catalog", value=docs)
            yield GaugeMetricFamily("chonai_ingested_chunks", "Chunks ingested, every version "
                                    "kept (catalog)", value=chunks)
        except Exception as err:  # a scrape must not fail because the database is down
            log.warning("metrics: catalog unavailable", extra={"error": str(err)[:200]})
        try:
            points = services.store.count(SearchFilter(include_history=True,
                                                        include_deleted=True))
            yield GaugeMetricFamily("chonai_index_points", "Points in the vector index (all "
                                    "versions)", value=points)
        except Exception as err:
            log.warning("metrics: index unavailable", extra={"error": str(err)[:200]})
        try:  # upload jobs live in the database (db/jobs.py): counts survive restarts
            from db.schema import jobs

            with services.catalog.engine.connect() as conn:
                counts = dict(conn.execute(select(jobs.c.status, func.count())
                                           .group_by(jobs.c.status)).all())
            by_status = GaugeMetricFamily("chonai_upload_jobs", "Upload jobs by status "
                                          "(error: failed)", labels=("status",))
            for status in sorted({"queued", "running", "done", "error", *counts}):
                by_status.add_metric((status,), counts.get(status, 0))
            yield by_status
        except Exception as err:
            log.warning("metrics: jobs unavailable", extra={"error": str(err)[:200]})


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and the `extra` fields."""

    _STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
        "message", "asctime", "taskName"}

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(), "logger": record.name,
            "event": record.getMessage()}
        out.update({k: v for k, v in vars(record).items() if k not in self._STANDARD})
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


def configure_json_logging(level: int = logging.INFO) -> None:
    """`chonai serve`: the access log (and chonai's own warnings) as JSON lines on stderr."""
    import time as _time

    handler = logging.StreamHandler()
    formatter = JsonLogFormatter()
    formatter.converter = _time.gmtime  # type: ignore[assignment]
    handler.setFormatter(formatter)
    for name in ("chonai.access", "api", "retrieval", "core", "ingest", "db"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.propagate = False
        logger.setLevel(level if name == "chonai.access" else logging.WARNING)


class ObservabilityMiddleware:
    """Request id, security headers, access log line and metrics for every HTTP request."""

    def __init__(self, app: ASGIApp, *, metrics: Metrics, hsts: bool = False,
                 access_log_on: bool = True) -> None:
        self.app = app
        self.metrics = metrics
        self.hsts = hsts
        self.access_log_on = access_log_on

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        request_id = _request_id(headers)
        token = set_request_id(request_id)
        started = time.perf_counter()
        status = 500
        response_started = False
        path = scope.get("path", "")
        csp = DOCS_CSP if path.startswith(DOCS_PATHS) else CSP

        async def send_wrapper(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                extra = [(b"x-request-id", request_id.encode()),
                         (b"content-security-policy", csp.encode())]
                extra += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                if self.hsts:
                    extra.append((b"strict-transport-security", b"max-age=31536000"))
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in extra if h[0] not in present)]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception:
            log.exception("unhandled error", extra={"request_id": request_id, "path": path})
            if response_started:
                raise
            from fastapi.responses import JSONResponse

            from api.errors import error_body

            status = 500
            body = error_body("InternalError", "内部エラーが発生しました。管理者に連絡してくだ"
                              "さい（request id を添えて）", "internal error; quote the "
                              "request id to the administrator")
            await JSONResponse(body, 500)(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - started
            route = route_template(scope)
            method = scope.get("method", "")
            self.metrics.request_seconds.labels(method, route).observe(elapsed)
            self.metrics.requests.labels(method, route, str(status)).inc()
            if status == 429:
                self.metrics.refusals.labels(route, "rate_limit").inc()
            elif status == 401:
                self.metrics.refusals.labels(route, "auth").inc()
            if self.access_log_on:
                client = scope.get("client")
                access_log.info("request", extra={
                    "request_id": request_id, "method": method, "path": path, "route": route,
                    "status": status, "duration_ms": round(elapsed * 1000, 1),
                    "client": client[0] if client else None,
                    "user_agent": headers.get("user-agent", "")[:200]})
            reset_request_id(token)
