"""Request body limits before the body is read: by Content-Length, and counted when chunked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.settings import Settings
from services.build import build_services
from tests.fakes import HashEmbedder


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    services = build_services(Settings(data_dir=tmp_path, _env_file=None, max_request_bytes=1000,
                                       max_upload_request_bytes=5000), embedder=HashEmbedder())
    with TestClient(create_app(services=services)) as c:
        yield c
    services.close()


def _chunks(total: int) -> Iterator[bytes]:
    yield b'{"query": "'
    for _ in range(total // 100):
        yield b"a" * 100
    yield b'"}'


def test_declared_length_over_the_limit_is_413_in_the_error_format(client: TestClient) -> None:
    res = client.post("/api/ask", content=b'{"query": "' + b"a" * 2000 + b'"}',
                      headers={"content-type": "application/json"})
    assert res.status_code == 413
    err = res.json()["error"]
    assert "limit here is 1,000" in err["message"]
    assert err["message_ja"].startswith("リクエストが大きすぎます")


def test_chunked_body_is_cut_off_at_the_limit(client: TestClient) -> None:
    res = client.post("/api/ask", content=_chunks(3000),
                      headers={"content-type": "application/json"})
    assert res.status_code == 413
    assert "is over 3,013 bytes; the limit here is 1,000" in res.json()["error"]["message"]


def test_uploads_have_their_own_limit(client: TestClient) -> None:
    res = client.post("/api/documents", files={"files": ("a.txt", b"x" * 2000)})
    assert res.status_code == 401  # under the upload limit: reaches authentication
    res = client.post("/api/documents", files={"files": ("a.txt", b"x" * 6000)})
    assert res.status_code == 413
