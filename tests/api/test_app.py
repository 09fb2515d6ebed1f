"""The HTTP API through TestClient on the real services over the sample corpus."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.conftest import SAMPLE_DIR

HIT_KEYS = {"chunk_id", "score", "kind", "document_id", "document_title", "article",
            "paragraph", "item", "page", "question", "text"}


@pytest.fixture(scope="module")
def client(sample_services) -> TestClient:
    with TestClient(create_app(services=sample_services)) as c:
        yield c


def eval_labels(query: str) -> list[dict]:
    for line in (SAMPLE_DIR / "eval.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["query"] == query:
            return row["relevant"]
    raise AssertionError(f"{query} not in the sample eval set")


def is_gold(citation: dict, labels: list[dict]) -> bool:
    return any(citation["document_title"] == g["document"] and (
        citation.get("article") == g["article"] if g.get("article")
        else citation.get("faq_id") == g.get("faq_id")) for g in labels)


def test_ask_cites_a_labelled_unit(client: TestClient) -> None:
    """Only units that answer are cited (the 条 or the FAQ behind it, see docs/ANSWERS.md)."""
    labels = eval_labels("年休は何日もらえる？")
    res = client.post("/api/ask", json={"query": "年休は何日もらえる？"})
    assert res.status_code == 200
    body = res.json()
    assert not body["abstained"]
    assert body["answer"]
    top = body["citations"][0]
    assert is_gold(top, labels), (top.get("faq_id"), top.get("question"), top.get("article"))
    for c in body["citations"]:
        assert f"[{c['marker']}]" in body["answer"]
        assert c["quote"]
        assert (c["quote"] in c["text"] or c["quote"] in (c["answer"] or ""))
        assert set(c) >= HIT_KEYS


def test_similar_mode_returns_ranked_qas(client: TestClient) -> None:
    body = client.post("/api/ask", json={"query": "出張の日当はいくら？", "mode": "similar"}).json()
    assert body["answer"] is None
    assert body["similar_qas"]
    assert all(q["kind"] == "faq" for q in body["similar_qas"])
    scores = [q["score"] for q in body["similar_qas"]]
    assert scores == sorted(scores, reverse=True)


def test_search_shape_and_kind_filter(client: TestClient) -> None:
    res = client.post("/api/search", json={"query": "公印の管理", "top_k": 3,
                                           "kind": ["regulation"]})
    assert res.status_code == 200
    results = res.json()["results"]
    assert 1 <= len(results) <= 3
    assert all(set(h) >= HIT_KEYS and h["kind"] == "regulation" for h in results)


def test_health_reports_store_model_llm(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["store"]["points"] > 0
    assert body["embedding"]["dim"] == 384
    assert body["llm"] == {"configured": False}


@pytest.mark.parametrize(("payload", "reason"), [
    ({"query": ""}, "query"),
    ({"query": "   "}, "query is empty"),
    ({"query": "あ" * 1001}, "query"),
    ({"query": "年休", "top_k": 0}, "top_k"),
    ({"query": "年休", "top_k": 51}, "top_k"),
    ({"query": "年休", "mode": "chat"}, "mode"),
    ({"query": "年休", "unknown": 1}, "unknown"),
    ({"query": 5}, "query"),
])
def test_bad_input_is_a_422_with_a_reason(client: TestClient, payload: dict,
                                          reason: str) -> None:
    res = client.post("/api/ask", json=payload)
    assert res.status_code == 422
    err = res.json()["error"]
    assert reason in err["message"]
    assert err["message_ja"]


def test_invalid_json_is_a_422(client: TestClient) -> None:
    res = client.post("/api/search", content=b"{not json",
                      headers={"content-type": "application/json"})
    assert res.status_code == 422


def test_page_and_openapi(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "庁内QA" in page.text
    assert client.get("/static/app.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/search", "/api/health"} <= set(paths)


def test_unknown_document_is_404(client: TestClient) -> None:
    res = client.get("/api/documents/nope")
    assert res.status_code == 404
    assert "nope" in res.json()["error"]["message"]
