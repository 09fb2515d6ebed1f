"""The page's API additions over the restricted city (real model, Qdrant engine, SQLite):
history, follow-up rewrite, suggestions and filters, document cards, the original file with
access checks, 新旧 diff, handover to the 担当課, publishing a FAQ that is searchable at once,
per-department usage."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.auth_fixtures import HR, HR_TITLE, TAX, TAX_REGULATION, open_city
from tests.api.test_auth_uploads import upload
from tests.conftest import REPO_ROOT, SAMPLE_DIR

PDF = SAMPLE_DIR / "corpus" / "財務会計システム操作手順書.pdf"
EGOV = REPO_ROOT / "tests" / "data" / "egov_two_articles.xml"


@pytest.fixture(scope="module")
def city(city_template: Any,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    services, app, actors = open_city(*city_template, tmp_path_factory.mktemp("city-page"),
                                      abstain_threshold=0.0)
    with TestClient(app) as client:
        yield {"services": services, "client": client, "actors": actors}
    services.close()


def test_history_is_each_users_own(city: dict[str, Any]) -> None:
    client, actors = city["client"], city["actors"]
    tax, hr = actors["tax_staff"].headers, actors["hr_staff"].headers
    client.post("/api/ask", headers=tax, json={"query": "年休は何日もらえる？"})
    client.post("/api/ask", headers=hr, json={"query": "090-1234-5678 から年休の問い合わせ。何日？",
                                              "confirm_pii": True})
    mine = client.get("/api/history", headers=tax).json()["entries"]
    assert [e["query"] for e in mine][:1] == ["年休は何日もらえる？"]
    theirs = client.get("/api/history", headers=hr).json()["entries"]
    assert "090-1234-5678" not in theirs[0]["query"]  # masked as stored
    assert "年休は何日もらえる？" not in [e["query"] for e in theirs]
    assert client.get("/api/history").json() == {"entries": [], "guest": True}


def test_follow_up_rewrite_endpoint(city: dict[str, Any]) -> None:
    res = city["client"].post("/api/ask/rewrite", json={"query": "それは何日前まで？",
                                                        "previous": "年休の申請はどうする？"})
    assert res.json() == {"query": "年休の申請は何日前まで？", "rewritten": True,
                          "topic": "年休の申請"}


def test_cards_filters_and_an_e_gov_law_is_not_a_reiki(city: dict[str, Any]) -> None:
    client, actors = city["client"], city["actors"]
    editor = actors["tax_editor"].headers
    job = upload(client, editor, [(EGOV.name, EGOV.read_bytes())])
    assert not job["report"]["errors"], job["report"]
    cards = {c["title"]: c for c in client.get("/api/catalog", headers=editor).json()[
        "documents"]}
    tax = next(c for c in cards.values() if "市税事務" in c["title"])
    assert tax["kind_ja"] == "例規"
    assert tax["owner_department"] == TAX  # its only audience
    assert "2023-04-01" in (tax["effective_date"], tax["promulgation_date"])
    assert HR_TITLE not in cards  # unreadable documents have no card
    laws = [c for c in cards.values() if c["source_format"] == "egov_xml"]
    assert laws
    assert {c["kind_ja"] for c in laws} == {"法令"}
    assert laws[0]["number"]
    only_laws = client.post("/api/ask", headers=editor, json={
        "query": "目的", "mode": "similar", "kind": ["law"]}).json()
    assert only_laws["citations"]
    assert {c["document_id"] for c in only_laws["citations"]} <= {
        x["document_id"] for x in laws}
    kinds = {k["kind"] for k in client.get("/api/filters", headers=editor).json()["kinds"]}
    assert {"law", "regulation"} <= kinds


def test_original_pdf_is_served_to_readers_only(city: dict[str, Any]) -> None:
    client, actors = city["client"], city["actors"]
    editor = actors["tax_editor"].headers
    job = upload(client, editor, [(PDF.name, PDF.read_bytes())], departments=[TAX])
    doc_id = job["report"]["results"][0]["document_id"]
    res = client.get(f"/api/documents/{doc_id}/file", headers=actors["tax_staff"].headers)
    assert res.status_code == 200
    assert res.headers["content-type"] == "application/pdf"
    assert res.content == PDF.read_bytes()
    assert res.headers["content-disposition"].startswith("inline")
    down = client.get(f"/api/documents/{doc_id}/file?download=1",
                      headers=actors["tax_staff"].headers)
    assert down.headers["content-disposition"].startswith("attachment")
    for outsider in (actors["hr_staff"].headers, {}):
        denied = client.get(f"/api/documents/{doc_id}/file", headers=outsider)
        assert denied.status_code == 404
    card = client.get(f"/api/documents/{doc_id}/card", headers=editor).json()
    assert card["kind_ja"] == "マニュアル"
    assert card["has_original"]


def test_new_version_and_article_diff(city: dict[str, Any]) -> None:
    client, actors = city["client"], city["actors"]
    editor = actors["tax_editor"].headers
    docs = client.get("/api/catalog", headers=editor).json()["documents"]
    tax = next(c for c in docs if "市税事務" in c["title"])
    amended = (TAX_REGULATION.replace("三百円", "四百円")
               + "\n（補則）\n第三条　この要領に定めるもののほか、必要な事項は課長が定める。\n")
    job = upload(client, editor, [("市税事務取扱要領.txt", amended.encode())],
                 replace_document_id=tax["document_id"], departments=[TAX])
    assert job["files"][0]["result"]["status"] == "replaced", job
    diff = client.get(f"/api/documents/{tax['document_id']}/diff", headers=editor).json()
    assert diff["counts"] == {"added": 1, "changed": 1, "removed": 0}
    changed = next(u for u in diff["units"] if u["status"] == "changed")
    assert changed["label"].startswith("第二条")
    assert ["+", "四"] in changed["ops"]
    denied = client.get(f"/api/documents/{tax['document_id']}/diff",
                        headers=actors["hr_staff"].headers)
    assert denied.status_code == 404


def test_handover_lands_in_the_owners_list_and_a_faq_is_searchable_at_once(
        city: dict[str, Any]) -> None:
    client, actors = city["client"], city["actors"]
    staff, editor = actors["tax_staff"].headers, actors["tax_editor"].headers
    question = "軽トラックの臨時運行許可の手数料はいくら？"
    asked = client.post("/api/ask", headers=staff, json={"query": question}).json()
    sent = client.post("/api/handover", headers=staff,
                       json={"log_id": asked["log_id"], "department": TAX})
    assert sent.status_code == 201
    other = client.post("/api/handover", headers=actors["hr_staff"].headers,
                        json={"log_id": asked["log_id"]})
    assert other.status_code == 404  # only one's own question
    listed = client.get("/api/owners/unanswered", headers=editor).json()["sent"]
    item = next(h for h in listed if h["query"] == question)
    assert client.get("/api/owners/unanswered", headers=staff).status_code == 403
    published = client.post("/api/owners/faq", headers=editor, json={
        "question": question, "answer": "臨時運行許可の手数料は七百五十円です。",
        "owner_department": TAX, "handover_id": item["id"]})
    assert published.status_code == 201, published.text
    found = client.post("/api/ask", headers=staff, json={"query": question,
                                                         "mode": "similar"}).json()
    assert any("七百五十円" in (q.get("answer") or "") for q in found["similar_qas"])
    after = client.get("/api/owners/unanswered", headers=editor).json()["sent"]
    assert item["id"] not in [h["id"] for h in after]
    suggestions = client.get("/api/suggestions", headers=staff).json()
    assert question in [q["question"] for q in suggestions["newest_faqs"][TAX]]
    bad = client.post("/api/owners/faq", headers=editor, json={
        "question": "x", "answer": "y", "departments": [HR]})
    assert bad.status_code == 403


def test_department_usage_for_admins(city: dict[str, Any]) -> None:
    client, actors = city["client"], city["actors"]
    rows = client.get("/api/admin/departments", headers=actors["admin"].headers).json()[
        "departments"]
    tax = next(r for r in rows if r["department"] == TAX)
    assert tax["questions"] >= 1
    assert 0 <= tax["abstention_rate"] <= 1
    assert client.get("/api/admin/departments",
                      headers=actors["tax_editor"].headers).status_code == 403
