"""The OpenAPI document (issue 16, item 9): valid, a response model for every endpoint, the real
error body and the security schemes; then Schemathesis fuzzes every operation from it, as an
anonymous caller and as an administrator: no 500, no reply that breaks the declared schema.

Real services on a small data dir (bundled model, Qdrant edge, SQLite); `make security` runs
the same fuzzing longer (eval/security/openapi_fuzz.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from eval.security.openapi_fuzz import fuzz, fuzz_app

ERROR_REF = "#/components/schemas/ErrorBody"


@pytest.fixture(scope="module")
def fuzz_target(tmp_path_factory: pytest.TempPathFactory) -> Any:
    app, admin_key, services = fuzz_app(tmp_path_factory.mktemp("fuzz-var"))
    yield app, admin_key
    services.close()


def test_openapi_document_is_valid_and_complete(fuzz_target: Any) -> None:
    from openapi_spec_validator import validate

    app, _key = fuzz_target
    with TestClient(app) as client:
        spec = client.get("/openapi.json").json()
    validate(spec)
    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearer"] == {**schemes["bearer"], "type": "http", "scheme": "bearer"}
    assert schemes["session"]["in"] == "cookie"
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for path, item in spec["paths"].items():
        for method, op in item.items():
            ok = [s for s in op["responses"] if s.startswith("2")]
            assert len(ok) == 1, (method, path)
            for body in op["responses"][ok[0]]["content"].values():
                schema = body["schema"]
                assert "$ref" in schema or schema.get("type") in ("string", "object"), \
                    (method, path)
            assert op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"] \
                == ERROR_REF
            if path not in ("/api/health", "/api/ready"):
                assert op["responses"]["503"]["content"]["application/json"]["schema"][
                    "$ref"] == ERROR_REF


def test_fuzz_every_operation_no_500_no_schema_violation(fuzz_target: Any) -> None:
    app, admin_key = fuzz_target
    report = fuzz(app, admin_key=admin_key, max_examples=8)
    assert report["operations"] >= 25
    assert report["calls"] > 200
    assert report["server_errors"] == [], report["server_errors"][:3]
    assert report["schema_violations"] == [], report["schema_violations"][:3]


def test_docs_pages_reference_only_local_assets(fuzz_target: Any) -> None:
    app, _key = fuzz_target
    with TestClient(app) as client:
        for page in ("/docs", "/redoc"):
            html = client.get(page).text
            assert "http://" not in html
            assert "https://" not in html, page
        for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"):
            assert client.get(f"/docs-assets/{asset}").status_code == 200
