"""Audit trail, personal-information guard, feedback and the `chonai users/audit/feedback`
commands, through the real app and CLI on the restricted city corpus."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.cli import main
from eval.quality.datasets import parse_jsonl
from tests.api.auth_fixtures import TAX, open_city


@pytest.fixture(scope="module")
def city(city_template: Any,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    data_dir = tmp_path_factory.mktemp("city-audit")
    services, app, actors = open_city(*city_template, data_dir)
    with TestClient(app) as client:
        yield {"services": services, "client": client, "actors": actors, "data_dir": data_dir}
    services.close()


def test_personal_information_is_refused_then_masked(city: dict[str, Any]) -> None:
    client, tax = city["client"], city["actors"]["tax_staff"]
    query = "田中様（090-1234-5678）の納税証明書の手数料は？"
    res = client.post("/api/ask", json={"query": query}, headers=tax.headers)
    assert res.status_code == 422
    err = res.json()["error"]
    assert err["code"] == "PersonalInfoError"
    assert err["message_ja"].startswith("個人情報が含まれている可能性があります")
    assert {d["kind"] for d in err["details"]} == {"person_name", "phone"}
    assert "090" not in res.text
    assert client.post("/api/search", json={"query": query},
                       headers=tax.headers).status_code == 422
    res = client.post("/api/ask", json={"query": query, "confirm_pii": True},
                      headers=tax.headers)
    assert res.status_code == 200
    admin = city["actors"]["admin"].headers
    entry = client.get("/api/admin/audit?limit=1", headers=admin).json()["entries"][0]
    assert entry["seq"] == res.json()["log_id"]
    assert entry["query"] == "【氏名】様(【電話番号】)の納税証明書の手数料は?"
    assert entry["pii"] == ["person_name", "phone"]
    assert "1234-5678" not in client.get("/api/admin/audit.csv", headers=admin).text


def test_every_question_is_audited_with_context(city: dict[str, Any]) -> None:
    client, tax = city["client"], city["actors"]["tax_staff"]
    body = client.post("/api/ask", json={"query": "納税証明書の手数料はいくら？"},
                       headers=tax.headers).json()
    client.post("/api/ask", json={"query": "公印の種類は？", "mode": "similar"})
    admin = city["actors"]["admin"].headers
    entries = client.get("/api/admin/audit?action=ask&limit=2", headers=admin).json()["entries"]
    similar, answer = entries
    assert answer["seq"] == body["log_id"]
    assert (answer["user"], answer["role"], answer["department"]) == ("tax_staff", "staff", TAX)
    assert answer["mode"] == "answer"
    assert answer["latency_ms"] > 0
    assert answer["model"]
    assert answer["citations"]
    assert all("chunk_id" in c for c in answer["citations"])
    assert answer["answer"] == body["answer"]
    assert (similar["user"], similar["mode"]) == ("anonymous", "similar")
    assert client.get("/api/admin/audit/verify", headers=admin).json()["ok"]


def test_csv_export_by_date_range(city: dict[str, Any]) -> None:
    client, admin = city["client"], city["actors"]["admin"].headers
    res = client.get("/api/admin/audit.csv?since=2000-01-01", headers=admin)
    assert res.status_code == 200
    assert res.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(res.content.decode("utf-8-sig"))))
    assert any(r["query"] == "納税証明書の手数料はいくら？" for r in rows)
    empty = client.get("/api/admin/audit.csv?until=2000-01-01", headers=admin)
    assert len(empty.content.decode("utf-8-sig").strip().splitlines()) == 1


def test_feedback_to_eval_set(city: dict[str, Any]) -> None:
    client, actors = city["client"], city["actors"]
    tax = actors["tax_staff"].headers
    body = client.post("/api/ask", json={"query": "納税証明書の手数料はいくら？"},
                       headers=tax).json()
    assert not body["abstained"]
    res = client.post("/api/feedback", headers=tax, json={
        "log_id": body["log_id"], "rating": 1, "comment": "佐藤さんに確認済み"})
    assert res.status_code == 200
    assert client.post("/api/feedback", headers=tax, json={
        "log_id": body["log_id"], "rating": 3}).status_code == 422
    listed = client.get("/api/feedback", headers=actors["tax_editor"].headers).json()
    entry = next(f for f in listed["feedback"] if f["audit_seq"] == body["log_id"])
    assert entry["query"] == "納税証明書の手数料はいくら？"
    assert entry["comment"] == "【氏名】さんに確認済み"
    assert entry["citations"]
    export = client.get("/api/feedback/export", headers=actors["tax_editor"].headers)
    questions = parse_jsonl(export.text)
    assert any(q.query == "納税証明書の手数料はいくら？" and q.labels for q in questions)
    assert client.get("/api/admin/stats", headers=actors["admin"].headers).json()[
        "feedback"]["up"] >= 1


def test_unanswered_questions_are_listed(city: dict[str, Any]) -> None:
    client = city["client"]
    res = client.post("/api/ask",
                      json={"query": "火星探査機の打ち上げ日程と搭載する観測機器の一覧"})
    assert res.json()["abstained"]
    listed = client.get("/api/admin/unanswered",
                        headers=city["actors"]["admin"].headers).json()["questions"]
    assert any(q["query"] == "火星探査機の打ち上げ日程と搭載する観測機器の一覧" for q in listed)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main(list(argv))
    out = capsys.readouterr().out
    try:
        return code, json.loads(out)
    except json.JSONDecodeError:
        return code, out


def test_cli_users_audit_feedback(city: dict[str, Any], capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    d = ["--data-dir", str(city["data_dir"]), "--json"]
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    code, out = run(capsys, "users", "add", "kato", "--role", "editor", "--department", TAX,
                    "--password-stdin", *d)
    assert code == 0
    assert out["user"]["departments"] == [TAX]
    code, out = run(capsys, "users", "key", "kato", "--label", "batch", *d)
    assert out["key"].startswith("chonai_")
    key_id = out["id"]
    client = city["client"]
    me = client.get("/api/auth/me", headers={"X-API-Key": out["key"]}).json()["user"]
    assert (me["name"], me["role"]) == ("kato", "editor")
    code, listed = run(capsys, "users", "list", *d)
    assert key_id in next(u for u in listed["users"] if u["name"] == "kato")["keys"][0]["id"]
    assert run(capsys, "users", "revoke", key_id, *d)[0] == 0
    assert client.get("/api/auth/me", headers={"X-API-Key": out["key"]}).status_code == 401
    assert run(capsys, "users", "set", "kato", "--role", "staff", *d)[1]["user"]["role"] == "staff"
    assert run(capsys, "users", "add", "kato", *d)[0] == 1

    code, verified = run(capsys, "audit", "verify", *d)
    assert code == 0
    assert verified["ok"]
    assert verified["entries"] > 0
    out_csv = tmp_path / "audit.csv"
    assert run(capsys, "audit", "export", "--since", "2000-01-01", "--out", str(out_csv),
               *d)[0] == 0
    assert out_csv.read_bytes().startswith(b"\xef\xbb\xbf")
    out_jsonl = tmp_path / "fb.jsonl"
    assert run(capsys, "feedback", "export", "--out", str(out_jsonl), *d)[0] == 0
    parse_jsonl(out_jsonl.read_text(encoding="utf-8"))
    code, purged = run(capsys, "audit", "purge", *d)
    assert purged == {"removed": 0, "retention_days": 1825}
