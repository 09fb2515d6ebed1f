"""Schema migrations (Alembic): a database made by chonai 0.1.0 upgrades at start-up and keeps
its rows; the newest revision matches the tables the code uses.

tests/db/data/chonai-0.1.0.db was written by the code of commit 2394aea (before migrations):
one regulation, an editor with a password and an API key, three audited questions with a 👍,
one query-log row.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, update

from core.audit_key import audit_key
from core.settings import Settings
from db import migrate
from db.audit import AuditLog, audit_log
from db.catalog import Catalog
from db.schema import metadata
from db.users import UserStore

LEGACY = Path(__file__).parent / "data" / "chonai-0.1.0.db"
TABLES = ("documents", "versions", "duplicates", "query_log", "users", "api_keys", "audit_log",
          "feedback", "sessions", "audit_anchor", "ingest_intents")
KEY = b"k" * 40


def _rows(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as con:
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                for t in TABLES}


@pytest.fixture
def legacy_db(tmp_path: Path) -> Path:
    path = tmp_path / "chonai.db"
    shutil.copy(LEGACY, path)
    return path


def test_the_newest_revision_matches_the_tables_in_code(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    migrate.upgrade(engine)
    assert migrate.current(engine) == migrate.head()
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_a_0_1_0_database_upgrades_and_keeps_its_rows(legacy_db: Path) -> None:
    before = _rows(legacy_db)
    assert sum(map(len, before.values())) == 9
    assert before["audit_log"]
    assert before["users"]
    assert before["documents"]
    catalog = Catalog(f"sqlite:///{legacy_db}", audit_key=KEY)
    assert migrate.current(catalog.engine) == migrate.head()
    after = _rows(legacy_db)
    for table in TABLES:
        if table != "audit_log":  # audit rows gain request_id and are re-signed (next test)
            assert [r[:len(b)] for r, b in zip(after[table], before[table], strict=True)] \
                == before[table], table
    assert [r[:14] for r in after["audit_log"]] == [r[:14] for r in before["audit_log"]]
    assert [d.title for d in catalog.list_documents()] == ["試験法"]
    audit = AuditLog(catalog.engine, key=KEY)
    assert audit.verify().ok
    assert audit.verify().entries == 3
    assert audit.record(user="sato", action="ask", query="新しい質問") == 4
    assert audit.verify().ok
    users = UserStore(catalog.engine)
    _, user = users.login("sato", "correct horse 1")  # the 0.1 scrypt hash still verifies
    assert user.role == "editor"


def test_start_up_upgrades_the_database_in_the_data_dir(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    data_dir.mkdir()
    shutil.copy(LEGACY, data_dir / "chonai.db")
    from services.build import build_services

    settings = Settings(data_dir=data_dir)
    services = build_services(settings)
    try:
        assert migrate.current(services.catalog.engine) == migrate.head()
        assert len(services.catalog.list_documents()) == 1
        assert AuditLog(services.catalog.engine, key=audit_key(settings)).verify().ok
    finally:
        services.close()


def test_an_entry_tampered_with_before_the_upgrade_still_fails(legacy_db: Path) -> None:
    with sqlite3.connect(legacy_db) as con:
        con.execute("UPDATE audit_log SET query = '改ざん' WHERE seq = 2")
    catalog = Catalog(f"sqlite:///{legacy_db}", audit_key=KEY)
    report = AuditLog(catalog.engine, key=KEY).verify()
    assert not report.ok
    assert report.first_bad_seq == 2


def test_without_the_key_the_upgrade_is_refused_and_changes_nothing(legacy_db: Path) -> None:
    before = legacy_db.read_bytes()
    with pytest.raises(migrate.MigrationError, match="re-signed"):
        Catalog(f"sqlite:///{legacy_db}")
    engine = create_engine(f"sqlite:///{legacy_db}")
    assert migrate.current(engine) is None
    assert "request_id" not in {c["name"] for c in inspect(engine).get_columns("audit_log")}
    assert not inspect(engine).has_table("rate_limit_buckets")
    assert _rows(legacy_db) == _rows_of_bytes(before, legacy_db.parent)


def _rows_of_bytes(data: bytes, folder: Path) -> dict[str, list[tuple]]:
    copy = folder / "before.db"
    copy.write_bytes(data)
    return _rows(copy)


def test_a_plain_hash_recomputed_after_an_edit_does_not_verify(tmp_path: Path) -> None:
    """Someone with database access edits an entry and recomputes a SHA-256 chain."""
    import hashlib
    import json

    engine = create_engine(f"sqlite:///{tmp_path / 'a.db'}")
    audit = AuditLog(engine, key=KEY)
    for i in range(3):
        audit.record(user="sato", action="ask", query=f"質問{i}")
    assert audit.verify().ok
    with engine.begin() as conn:
        prev = "0" * 64
        for row in [dict(r._mapping) for r in conn.execute(audit_log.select()
                                                           .order_by(audit_log.c.seq))]:
            if row["seq"] == 2:
                row["query"] = "改ざん"
            row["prev_hash"] = prev
            fields = {k: row.get(k) for k in ("seq", "ts", "user", "role", "department",
                                              "action", "mode", "query", "answer", "abstained",
                                              "citations", "latency_ms", "model", "pii",
                                              "request_id", "prev_hash")}
            canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True,
                                   separators=(",", ":"))
            row["hash"] = hashlib.sha256(canonical.encode()).hexdigest()
            conn.execute(update(audit_log).where(audit_log.c.seq == row["seq"])
                         .values(query=row["query"], prev_hash=prev, hash=row["hash"]))
            prev = row["hash"]
    report = audit.verify()
    assert not report.ok
    assert report.first_bad_seq == 1
    assert report.reason == "entry was modified"
    assert not AuditLog(engine, key=b"another key of 32 bytes........").verify().ok
