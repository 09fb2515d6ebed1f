"""Health tells the truth and jobs survive a restart (issue 16, items 2 and 3).

The damaged index is the real failure of the issue: the sparse tracker journal of the live shard
truncated (what a refused second process used to do), so the engine's next flush fails.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import signal
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.settings import Settings
from db.users import UserStore
from eval.reliability.drills import SAMPLE, run_cli, serving
from index.ingest import ingest_files
from services.build import build_services

FIRST = "みどり市公印規程.txt"
MORE = ("みどり市文書管理規程.txt", "みどり市職員等の旅費に関する条例.txt",
        "みどり市保有個人情報の安全管理に関する規程.txt",
        "みどり市職員の勤務時間、休日及び休暇に関する条例.txt")


def wait_job(client: Any, job_id: str, *, timeout_s: float = 300) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] not in ("queued", "running"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} still open after {timeout_s} s")


def post_files(client: Any, paths: list[Path]) -> str:
    files = [("files", (p.name, p.read_bytes())) for p in paths]
    res = client.post("/api/documents", files=files)
    assert res.status_code == 202, res.text
    return str(res.json()["job_id"])


def test_damaged_index_shows_in_health_ready_and_the_failed_job(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", _env_file=None, rate_limit_per_minute=0)
    services = build_services(settings)
    try:
        ingest_files(services.indexer, [SAMPLE / FIRST], max_bytes=settings.max_upload_bytes)
        users = UserStore(services.catalog.engine)
        users.add("ed", role="editor")
        _key_id, key = users.create_key("ed")
        with TestClient(create_app(services=services),
                        headers={"Authorization": f"Bearer {key}"}) as client:
            assert client.get("/api/health").json()["status"] == "ok"
            ready = client.get("/api/ready")
            assert ready.status_code == 200
            assert ready.json()["uploads"] is True
            for journal in (settings.data_dir / "index").rglob("tracker_journal.dat"):
                journal.write_bytes(b"")  # what the refused second process used to do

            job = wait_job(client, post_files(client, [SAMPLE / MORE[0]]))
            assert job["status"] == "error"
            assert "Tracker journal" in job["error"]
            assert job["error_ja"].startswith("登録中に予期しないエラーが発生しました")
            assert job["files"][0]["error_ja"] == job["error_ja"]

            health = client.get("/api/health")
            body = health.json()
            assert health.status_code == 200  # searches still work: degraded, not down
            assert body["status"] == "degraded"
            assert set(body["down"]) == {"store_writes", "jobs"}
            assert "last write to the index failed" in body["parts"]["store_writes"]["reason"]
            assert body["parts"]["jobs"]["last_job"]["id"] == job["id"]
            assert body["parts"]["jobs"]["reason_ja"].startswith("最後の登録ジョブが失敗しました")
            ready = client.get("/api/ready")
            assert ready.status_code == 200
            assert ready.json()["ready"] is True
            assert ready.json()["uploads"] is False
            assert set(ready.json()["reasons"]) == {"store_writes", "jobs"}
            assert client.post("/api/search", json={"query": "公印"}).status_code == 200
    finally:
        with contextlib.suppress(Exception):  # the damaged shard fails its final flush too
            services.close()


def test_ready_is_503_when_the_database_is_gone(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", _env_file=None)
    services = build_services(settings)
    try:
        with TestClient(create_app(services=services)) as client:
            services.catalog.engine.dispose()
            (settings.data_dir / "chonai.db").unlink()
            (settings.data_dir / "chonai.db").mkdir()  # no longer a database
            res = client.get("/api/ready")
            assert res.status_code == 503
            assert res.json()["ready"] is False
            assert "database" in res.json()["reasons"]
            assert client.get("/api/health").status_code == 503
    finally:
        shutil.rmtree(settings.data_dir / "chonai.db", ignore_errors=True)
        services.close()


def test_kill_9_during_an_upload_leaves_a_failed_job_never_running(tmp_path: Path) -> None:
    """A real `chonai serve`, SIGKILLed while its upload job runs; after a restart the job is
    `error` with its reason, health says so, and the next upload succeeds."""
    data_dir = tmp_path / "var"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in (FIRST, *MORE):
        shutil.copy2(SAMPLE / name, corpus / name)
    assert run_cli(["ingest", str(corpus / FIRST)], data_dir, tmp_path)["rc"] == 0
    assert run_cli(["users", "add", "ed", "--role", "editor"], data_dir, tmp_path)["rc"] == 0
    made = run_cli(["users", "key", "ed", "--json"], data_dir, tmp_path)
    headers = {"Authorization": f"Bearer {json.loads(made['stdout'])['key']}"}

    with serving(data_dir, tmp_path) as server, httpx.Client(
            base_url=server.base, headers=headers, timeout=60) as client:
        job_id = post_files(client, [corpus / name for name in MORE])
        deadline = time.monotonic() + 120
        while True:  # kill once the job is running, before its last file is done
            job = client.get(f"/api/jobs/{job_id}").json()
            if job["status"] == "running" and any(f["status"] in ("parsing", "indexing")
                                                  for f in job["files"]):
                break
            assert job["status"] in ("queued", "running"), job
            assert time.monotonic() < deadline, job
            time.sleep(0.05)
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait()
        assert job["files"][-1]["status"] != "done"

    with serving(data_dir, tmp_path) as server, httpx.Client(
            base_url=server.base, headers=headers, timeout=60) as client:
        job = client.get(f"/api/jobs/{job_id}").json()
        assert job["status"] == "error", job
        assert "停止" in job["error_ja"]
        assert job["finished_at"]
        assert all(f["status"] in ("done", "error") for f in job["files"]), job["files"]
        assert any(f["status"] == "error" and f["error_ja"] for f in job["files"])
        health = client.get("/api/health").json()
        assert health["status"] == "degraded"
        assert health["down"] == ["jobs"]
        assert health["parts"]["jobs"]["last_job"]["id"] == job_id

        again = wait_job(client, post_files(client, [corpus / MORE[-1]]))
        assert again["status"] == "done", again
        assert client.get("/api/health").json()["status"] == "ok"
        listed = client.get("/api/jobs").json()["jobs"]
        assert [j["id"] for j in listed[:2]] == [again["id"], job_id]


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_a_missing_or_unusable_data_dir_is_one_line(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "nowhere" if kind == "missing" else tmp_path / "a-file"
    if kind == "file":
        target.write_text("x")
    out = run_cli(["search", "公印"], target, tmp_path)
    assert out["rc"] == 1
    assert out["stderr_lines"] == 1
    assert not out["traceback"]
    assert "データディレクトリ" in out["last"]
    assert "data dir" in out["last"]
    assert not (tmp_path / "nowhere").exists()
