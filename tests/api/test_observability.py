"""Request ids, security headers, the JSON access log and /metrics, through TestClient on the
real app (Qdrant edge engine, SQLite, fugashi; a hash embedder)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.governance import get_governance
from api.observability import CSP, JsonLogFormatter
from core.settings import Settings
from index.stores.base import SearchFilter
from ingest.pipeline import load_file
from services.build import build_services
from tests.fakes import HashEmbedder

DATA = Path(__file__).resolve().parents[1] / "data"


def _city(data_dir: Path, **settings: Any) -> Any:
    services = build_services(Settings(data_dir=data_dir, _env_file=None, **settings),
                              embedder=HashEmbedder())
    loaded = load_file(DATA / "egov_two_articles.xml")
    services.indexer.ingest(loaded.document, content_sha256=loaded.sha256,
                            source_name="egov_two_articles.xml")
    return services


@pytest.fixture
def city(tmp_path: Path) -> Iterator[dict[str, Any]]:
    services = _city(tmp_path, rate_limit_per_minute=60, rate_limit_burst=20)
    app = create_app(services=services)

    @app.get("/api/test-boom", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        yield {"client": client, "app": app, "services": services}
    services.close()


def _metric(text: str, name: str, **labels: str) -> float:
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        head, _, value = line.rpartition(" ")
        if head.split("{")[0] != name:
            continue
        if all(f'{k}="{v}"' in head for k, v in labels.items()):
            return float(value)
    raise AssertionError(f"{name} {labels} not in metrics")


def test_every_response_has_a_request_id_and_security_headers(city: dict[str, Any]) -> None:
    client = city["client"]
    responses = [client.get("/"), client.get("/api/health"), client.get("/api/documents"),
                 client.get("/nowhere"), client.post("/api/search", json={"query": ""}),
                 client.get("/static/app.js"), client.get("/metrics")]
    ids = set()
    for res in responses:
        assert len(res.headers["x-request-id"]) == 32, res.url
        ids.add(res.headers["x-request-id"])
        assert res.headers["content-security-policy"] == CSP
        assert "frame-ancestors 'none'" in res.headers["content-security-policy"]
        assert res.headers["x-content-type-options"] == "nosniff"
        assert res.headers["x-frame-options"] == "DENY"
        assert res.headers["referrer-policy"] == "no-referrer"
    assert len(ids) == len(responses)
    docs = client.get("/docs")
    assert "'unsafe-inline'" in docs.headers["content-security-policy"]  # Swagger UI's bootstrap


def test_error_bodies_carry_the_request_id(city: dict[str, Any]) -> None:
    client = city["client"]
    res = client.post("/api/search", json={"query": ""})
    assert res.status_code == 422
    assert res.json()["error"]["request_id"] == res.headers["x-request-id"]
    mine = client.get("/nowhere", headers={"X-Request-ID": "lb-1234abcd"})
    assert mine.headers["x-request-id"] == "lb-1234abcd"
    assert mine.json()["error"]["request_id"] == "lb-1234abcd"
    forged = client.get("/nowhere", headers={"X-Request-ID": "<b>bad id</b>"})
    assert len(forged.headers["x-request-id"]) == 32  # not a usable id: a new one
    crash = client.get("/api/test-boom")
    assert crash.status_code == 500
    err = crash.json()["error"]
    assert err["code"] == "InternalError"
    assert err["request_id"] == crash.headers["x-request-id"]
    assert "a bug" not in crash.text


def test_the_audit_entry_stores_the_request_id_and_stream_latency(
        city: dict[str, Any]) -> None:
    client = city["client"]
    plain = client.post("/api/ask", json={"query": "この法律の目的は何か"},
                        headers={"X-Request-ID": "req-plain-0001"})
    assert plain.status_code == 200, plain.text
    stream = client.post("/api/ask/stream", json={"query": "この法律の目的は何か"},
                         headers={"X-Request-ID": "req-stream-0001"})
    assert stream.status_code == 200
    assert "event: final" in stream.text
    audit = get_governance_from(city).audit
    entries = {e["request_id"]: e for e in audit.entries(action="ask")}
    assert set(entries) == {"req-plain-0001", "req-stream-0001"}
    assert entries["req-plain-0001"]["latency_ms"] > 0
    assert entries["req-stream-0001"]["latency_ms"] > 0  # the streaming path is timed too
    assert audit.verify().ok


def get_governance_from(city: dict[str, Any]) -> Any:
    class _Req:
        app = city["app"]
    return get_governance(_Req())  # type: ignore[arg-type]


def test_metrics_count_answers_refusals_latency_and_index_size(city: dict[str, Any]) -> None:
    client, services = city["client"], city["services"]
    for _ in range(2):
        assert client.post("/api/ask", json={"query": "この法律の目的は何か"}).status_code == 200
    assert client.post("/api/ask/stream", json={"query": "この法律の目的は何か"}).status_code \
        == 200
    refused = client.post("/api/ask", json={"query": "電話 090-1234-5678 の人の住所は"})
    assert refused.status_code == 422
    res = client.get("/metrics")
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("text/plain")
    text = res.text
    asked = sum(_metric(text, "chonai_asks_total", mode="answer", outcome=o)
                for o in ("answered", "abstained") if f'outcome="{o}"' in text)
    assert asked == 3
    assert _metric(text, "chonai_ask_duration_seconds_count", stream="true") == 1
    assert _metric(text, "chonai_ask_duration_seconds_count", stream="false") == 2
    assert _metric(text, "chonai_refusals_total", route="/api/ask", reason="pii") == 1
    assert _metric(text, "chonai_http_request_duration_seconds_count", route="/api/ask",
                   method="POST") == 3
    assert _metric(text, "chonai_http_request_duration_seconds_count",
                   route="/api/ask/stream") == 1
    assert _metric(text, "chonai_http_requests_total", route="/api/ask", status="422") == 1
    points = services.store.count(SearchFilter(include_history=True, include_deleted=True))
    assert points > 0
    assert _metric(text, "chonai_index_points") == points
    assert _metric(text, "chonai_documents") == 1
    assert _metric(text, "chonai_ingested_chunks") == points
    assert _metric(text, "chonai_upload_jobs", status="error") == 0


def test_the_access_log_is_one_json_line_per_request(city: dict[str, Any],
                                                     caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="chonai.access"):
        res = city["client"].get("/api/documents/nope?secret=1",
                                 headers={"X-Request-ID": "trace-00000042"})
    assert res.status_code == 404
    records = [r for r in caplog.records if r.name == "chonai.access"]
    assert len(records) == 1
    line = json.loads(JsonLogFormatter().format(records[0]))
    assert line["request_id"] == "trace-00000042"
    assert line["route"] == "/api/documents/{document_id}"
    assert line["path"] == "/api/documents/nope"  # no query string
    assert line["status"] == 404
    assert line["method"] == "GET"
    assert line["duration_ms"] >= 0
    assert line["event"] == "request"
    assert "secret" not in json.dumps(line)


def test_a_metrics_token_closes_the_endpoint(tmp_path: Path) -> None:
    services = _city(tmp_path, metrics_token="scrape-me-please")
    try:
        with TestClient(create_app(services=services)) as client:
            assert client.get("/metrics").status_code == 401
            assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}
                              ).status_code == 401
            ok = client.get("/metrics", headers={"Authorization": "Bearer scrape-me-please"})
            assert ok.status_code == 200
            assert "chonai_index_points" in ok.text
    finally:
        services.close()
