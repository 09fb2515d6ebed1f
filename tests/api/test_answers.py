"""Answers a clerk can act on, through the HTTP API on the real parts (issue 14).

The sample city plus three real e-Gov law excerpts (tests/data/egov_*_excerpt.xml, from
scripts/make_law_excerpts.py): a named 条 comes first whatever its wording, a 条 that does not
exist is reported, the exact FAQ wording ranks its FAQ first, citations are short and checkable,
and "not found" hands over to the 担当課 and lands in the unanswered report.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SAMPLE_DIR, TEST_DATA

LABOR = "労働基準法"
PRIVACY = "個人情報の保護に関する法律"
MYNUMBER = "行政手続における特定の個人を識別するための番号の利用等に関する法律"


@pytest.fixture(scope="module")
def city(request: pytest.FixtureRequest,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from api.app import create_app
    from core.settings import Settings
    from db.users import UserStore
    from index.ingest import ingest_files
    from ingest.pipeline import discover
    from services.build import build_services

    data_dir = tmp_path_factory.mktemp("answers")
    if any("sample_services" in item.fixturenames for item in request.session.items):
        sample = request.getfixturevalue("sample_services")  # reuse its embeddings
        source = sqlite3.connect(sample.settings.data_dir / "embeddings.sqlite")
        target = sqlite3.connect(data_dir / "embeddings.sqlite")
        with target:
            source.backup(target)
        source.close()
        target.close()
    services = build_services(Settings(data_dir=data_dir, _env_file=None))
    files = [*discover([SAMPLE_DIR / "corpus"]), *sorted(TEST_DATA.glob("egov_*_excerpt.xml"))]
    report = ingest_files(services.indexer, files,
                          max_bytes=services.settings.max_upload_bytes)
    assert not report["errors"], report["errors"]
    users = UserStore(services.catalog.engine)
    users.add("admin", role="admin", password="correct-horse-battery")
    key = users.create_key("admin")[1]
    with TestClient(create_app(services=services)) as client:
        yield {"client": client, "admin": {"Authorization": f"Bearer {key}"},
               "services": services}
    services.close()


def first_hit(client: TestClient, query: str) -> dict[str, Any]:
    res = client.post("/api/search", json={"query": query, "top_k": 5})
    assert res.status_code == 200, res.text
    return res.json()["results"][0]


@pytest.mark.parametrize(("query", "title", "article"), [
    ("労基法39条", LABOR, "39"),
    ("個人情報保護法の第27条は何を定めていますか", PRIVACY, "27"),
    ("マイナンバー法第19条", MYNUMBER, "19"),
    ("番号法 第十九条", MYNUMBER, "19"),
    ("労働基準法第１２条", LABOR, "12"),
    # the city's own short names
    ("旅費条例第9条の概算払って？", "みどり市職員等の旅費に関する条例", "9"),
    ("服務規程の第六条", "みどり市職員服務規程", "6"),
])
def test_a_named_article_comes_first_in_search_and_answer(city: dict[str, Any], query: str,
                                                          title: str, article: str) -> None:
    client = city["client"]
    top = first_hit(client, query)
    assert (top["document_title"], top["article"]) == (title, article)
    body = client.post("/api/ask", json={"query": query}).json()
    assert not body["abstained"]
    assert (body["citations"][0]["document_title"], body["citations"][0]["article"]) == (
        title, article)
    assert body["reference"]["found"] is True


def test_a_named_paragraph_is_cited_at_that_paragraph(city: dict[str, Any]) -> None:
    body = city["client"].post("/api/ask", json={"query": "労基法第39条第2項"}).json()
    cited = body["citations"][0]
    assert (cited["article"], cited["unit_paragraph"]) == ("39", "2")
    assert cited["unit_label"].startswith("第三十九条第二項")


def test_an_article_that_does_not_exist_is_reported(city: dict[str, Any]) -> None:
    """In a document loaded whole (第1条 to its last without a gap) a missing 条 does not exist;
    in the 労働基準法 excerpt of this city its absence proves nothing, so it is not claimed."""
    body = city["client"].post("/api/ask", json={"query": "公印規程第99条の内容は"}).json()
    assert body["abstained"]
    assert body["reference"]["found"] is False
    assert body["answer"] == "みどり市公印規程に第九十九条はありません。"
    assert body["citations"] == []
    excerpt = city["client"].post("/api/ask", json={"query": "労基法第999条の内容は"}).json()
    assert "第九百九十九条はありません" not in (excerpt["answer"] or "")
    assert excerpt["reference"] is None or excerpt["reference"].get("certain") is False


def test_the_exact_faq_wording_ranks_its_faq_first(city: dict[str, Any]) -> None:
    body = city["client"].post("/api/ask", json={"query": "伝票を取り消したい",
                                                 "mode": "similar"}).json()
    assert body["similar_qas"][0]["question"] == "伝票を取り消したい"
    assert first_hit(city["client"], "伝票を取り消したい")["question"] == "伝票を取り消したい"


def test_citations_are_short_exact_and_not_repeated_as_similar_qas(
        city: dict[str, Any]) -> None:
    body = city["client"].post("/api/ask", json={"query": "年休は何日もらえる？"}).json()
    assert not body["abstained"]
    _notice, *lines = body["answer"].split("\n")
    assert 1 <= len([line for line in lines if line.startswith("・")]) <= 3
    assert sum(len(line) for line in lines) <= 220
    assert lines[0].startswith("要点: ")
    assert "二十日" in lines[0] or "20日" in lines[0]
    cited = {c["chunk_id"] for c in body["citations"]}
    for c in body["citations"]:
        assert c["quote"] in (c["answer"] or c["text"])
        assert c["full_text_url"].startswith(f"/api/documents/{c['document_id']}/text")
        assert city["client"].get(c["full_text_url"]).status_code == 200
    assert not cited & {q["chunk_id"] for q in body["similar_qas"]}


def test_not_found_hands_over_to_a_department(city: dict[str, Any]) -> None:
    client = city["client"]
    query = "市役所の駐車場に電気自動車の充電器はありますか"
    body = client.post("/api/ask", json={"query": query}).json()
    assert body["abstained"]
    assert body["similar_qas"]
    handover = body["handover"]
    assert handover["department"] in {"人事課", "総務課", "情報政策課", "会計課", "財政課"}
    assert "内線" in handover["contact"]
    assert handover["documents"]
    assert all(d["title"] for d in handover["documents"])
    listed = client.get("/api/admin/unanswered", headers=city["admin"]).json()["questions"]
    assert any(q["query"] == query for q in listed)


def test_decision_signals_are_reported(city: dict[str, Any]) -> None:
    body = city["client"].post("/api/ask", json={"query": "出張の日当はいくら？"}).json()
    assert 0.0 <= body["decision"]["p_answerable"] <= 1.0
    assert "top_coverage" in body["decision"]["signals"]




def test_the_rule_a_faq_names_is_cited_beside_it(city: dict[str, Any]) -> None:
    """The FAQ's answer ends 「（旅費条例第九条）」: the clerk gets that 条 as the next citation,
    not the best-worded unit of another kind."""
    body = city["client"].post("/api/ask", json={
        "query": "出張旅費を先にもらっておくことはできる？"}).json()
    cited = [(c["document_title"], c["article"]) for c in body["citations"]]
    assert cited[0] == ("みどり市職員FAQ", None)
    assert "旅費条例第九条" in body["citations"][0]["quote"]
    assert cited[1] == ("みどり市職員等の旅費に関する条例", "9")
    assert body["citations"][1]["quote"] in body["citations"][1]["text"]
