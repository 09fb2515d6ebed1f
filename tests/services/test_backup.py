"""`chonai backup` next to a running server, `chonai restore` into an empty data dir: identical
search results, the same catalog, the uploaded originals and an audit chain that verifies.

Real parts throughout: the bundled e5 model, the Qdrant edge engine (held by this process, as
`chonai serve` holds it), SQLite, fugashi; the backup runs as a separate `chonai` process.
"""

from __future__ import annotations

import stat
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.cli import main
from core.audit_key import audit_key
from core.settings import Settings
from db.audit import AuditLog
from db.users import UserStore
from eval.reliability.drills import invariants, run_cli, snapshot
from index.stores.digest import store_digest
from retrieval.search import SearchRequest
from services.build import build_services
from tests.conftest import SAMPLE_DIR


def ingest_files(services: Any, files: list[Path]) -> dict[str, Any]:
    from index.ingest import ingest_files as batch

    return batch(services.indexer, files, max_bytes=services.settings.max_upload_bytes)

CORPUS = SAMPLE_DIR / "corpus"
QUERIES = ("公印の保管責任者は誰か", "出張の日当はいくら", "年次有給休暇は何日", "文書の保存期間",
           "公用車")


def _results(services: Any) -> dict[str, list[tuple[str, float]]]:
    return {q: [(h.chunk_id, round(h.score, 6)) for h in services.searcher.search(
        SearchRequest(query=q, top_k=8)).hits] for q in QUERIES}


def _wait(client: TestClient, job_id: str, headers: dict[str, str]) -> dict[str, Any]:
    for _ in range(1200):
        job = client.get(f"/api/jobs/{job_id}", headers=headers).json()
        if job["status"] in ("done", "error"):
            return job
        time.sleep(0.1)
    raise AssertionError("upload job did not finish")


def test_backup_while_serving_and_restore_round_trip(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    services = build_services(Settings(data_dir=data_dir, _env_file=None))
    report = ingest_files(services, [CORPUS / "みどり市公印規程.txt",
                                     CORPUS / "みどり市職員FAQ.csv"])
    assert not report["errors"]
    users = UserStore(services.catalog.engine)
    users.add("admin", role="admin")
    headers = {"Authorization": f"Bearer {users.create_key('admin')[1]}"}
    original = (CORPUS / "みどり市職員等の旅費に関する条例.txt").read_bytes()
    backup_file = tmp_path / "backups" / "chonai.tar.gz"
    with TestClient(create_app(services=services)) as client:
        res = client.post("/api/documents", headers=headers,
                          files=[("files", ("旅費条例.txt", original))])
        assert res.status_code == 202, res.text
        assert _wait(client, res.json()["job_id"], headers)["status"] == "done"
        for q in QUERIES[:3]:
            assert client.post("/api/ask", json={"query": q}, headers=headers).status_code \
                == 200
        # another process backs up while this one holds the index, as `chonai serve` does
        cli = run_cli(["backup", "--out", str(backup_file), "--json"], data_dir, tmp_path)
        assert cli["rc"] == 0, cli["last"]
        expected = _results(services)
        digest = store_digest(services.store, services.catalog)
        audit = AuditLog(services.catalog.engine, key=audit_key(services.settings))
        entries = audit.entries()
        # after the backup: must not be in the restored copy
        assert client.post("/api/ask", json={"query": "公用車"}, headers=headers).status_code \
            == 200
    services.close()
    assert [e["action"] for e in entries].count("ask") == 3
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600

    restored = tmp_path / "restored"
    assert main(["restore", str(backup_file), "--data-dir", str(restored)]) == 0
    assert stat.S_IMODE((restored / "audit.key").stat().st_mode) == 0o600
    copy = build_services(Settings(data_dir=restored, _env_file=None))
    try:
        assert _results(copy) == expected
        assert all(expected.values())
        assert store_digest(copy.store, copy.catalog) == digest
        restored_audit = AuditLog(copy.catalog.engine, key=audit_key(copy.settings))
        assert restored_audit.verify().ok
        assert restored_audit.entries() == entries
        uploads = list((restored / "uploads").rglob("旅費条例.txt"))
        assert [u.read_bytes() for u in uploads] == [original]
    finally:
        copy.close()


def test_restore_refuses_a_non_empty_dir_with_one_line(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    services = build_services(Settings(data_dir=data_dir, _env_file=None))
    ingest_files(services, [CORPUS / "みどり市公印規程.txt"])
    services.close()
    backup_file = tmp_path / "b.tar.gz"
    assert main(["backup", "--out", str(backup_file), "--data-dir", str(data_dir)]) == 0
    before = sorted(p.name for p in data_dir.iterdir())
    cli = run_cli(["restore", str(backup_file)], data_dir, tmp_path)
    assert cli["rc"] == 1
    assert cli["stderr_lines"] == 1
    assert not cli["traceback"]
    assert cli["last"].startswith("chonai: error: restore needs an empty data dir")
    assert sorted(p.name for p in data_dir.iterdir()) == before
    # a damaged file: refused, and the target stays empty
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(backup_file.read_bytes()[:-2000])
    target = tmp_path / "empty"
    target.mkdir()
    cli = run_cli(["restore", str(damaged)], target, tmp_path)
    assert cli["rc"] == 1, cli["last"]
    assert not cli["traceback"]
    assert "damaged" in cli["last"]
    assert list(target.iterdir()) == []
    # backup never overwrites
    cli = run_cli(["backup", "--out", str(backup_file)], data_dir, tmp_path)
    assert cli["rc"] == 1
    assert "exists" in cli["last"]


@pytest.mark.parametrize("rounds", [2])
def test_a_backup_during_ingests_is_consistent(tmp_path: Path, rounds: int) -> None:
    """Ingests keep running in this process while backups are taken from another one: every
    restored copy is a consistent state (no orphan points, no pending intents)."""
    data_dir = tmp_path / "var"
    services = build_services(Settings(data_dir=data_dir, _env_file=None))
    ingest_files(services, [CORPUS / "みどり市公印規程.txt"])
    files = [CORPUS / n for n in ("みどり市職員FAQ.csv", "みどり市文書管理規程.txt",
                                  "みどり市職員等の旅費に関する条例.txt")]
    stop = threading.Event()

    def writer() -> None:
        for path in files:
            if stop.is_set():
                return
            ingest_files(services, [path])

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        for n in range(rounds):
            cli = run_cli(["backup", "--out", str(tmp_path / f"b{n}.tar.gz")], data_dir,
                          tmp_path)
            assert cli["rc"] == 0, cli["last"]
    finally:
        stop.set()
        thread.join()
        services.close()
    for n in range(rounds):
        target = tmp_path / f"r{n}"
        assert main(["restore", str(tmp_path / f"b{n}.tar.gz"), "--data-dir",
                     str(target)]) == 0
        state = snapshot(target)
        assert state["open_error"] is None
        assert not any(invariants(state).values()), invariants(state)
        assert state["intents"] == 0
