"""Issue 16, reproduced: `chonai serve` holds a data dir; an editor uploads; `chonai search` runs
in another process; the next upload must still succeed, and the index digest changes only by
what was uploaded. Then every CLI command runs against the held data dir.

Real processes throughout: `chonai serve` on a free port (eval/reliability.py `serving`), CLI
subprocesses, uploads over HTTP with an editor's API key.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from eval.reliability.drills import SAMPLE, run_cli, serving

FIRST = "みどり市公印規程.txt"
SECOND = "みどり市職員等の旅費に関する条例.txt"  # holds 公用車
THIRD = "みどり市文書管理規程.txt"
SHARD = Path("index") / "edge"


def upload(client: httpx.Client, path: Path) -> dict[str, Any]:
    """POST one file and wait for its job; returns the finished job."""
    with path.open("rb") as fh:
        res = client.post("/api/documents", files={"files": (path.name, fh)})
    assert res.status_code == 202, res.text
    job_id = res.json()["job_id"]
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] not in ("queued", "running"):
            return job
        time.sleep(0.3)
    raise AssertionError(f"job {job_id} still running after 300 s")


def cli_json(argv: list[str], data_dir: Path, work: Path) -> dict[str, Any]:
    out = run_cli([*argv, "--json"], data_dir, work)
    assert out["rc"] == 0, out["last"]
    return json.loads(out["stdout"])


def shard_files(data_dir: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime_ns) of every file of the live shard."""
    root = data_dir / SHARD
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def editor_dir(tmp_path: Path) -> tuple[Path, str]:
    """A data dir with one document and an editor's API key, made before the server starts."""
    data_dir = tmp_path / "var"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in (FIRST, SECOND, THIRD):
        shutil.copy2(SAMPLE / name, corpus / name)
    assert run_cli(["ingest", str(corpus / FIRST)], data_dir, tmp_path)["rc"] == 0
    assert run_cli(["users", "add", "ed", "--role", "editor"], data_dir, tmp_path)["rc"] == 0
    key = cli_json(["users", "key", "ed"], data_dir, tmp_path)["key"]
    return data_dir, key


def test_search_in_another_process_leaves_the_live_index_writable(
        tmp_path: Path, editor_dir: tuple[Path, str]) -> None:
    data_dir, key = editor_dir
    corpus = tmp_path / "corpus"
    with serving(data_dir, tmp_path) as server, httpx.Client(
            base_url=server.base, headers={"Authorization": f"Bearer {key}"},
            timeout=120) as client:
        first = upload(client, corpus / SECOND)
        assert first["status"] == "done", first
        before = cli_json(["documents", "digest"], data_dir, tmp_path)
        files_before = shard_files(data_dir)

        search = run_cli(["search", "公用車", "--json"], data_dir, tmp_path)
        assert search["rc"] == 0, search["last"]  # answered through the running server
        hits = json.loads(search["stdout"])["results"]
        assert hits
        assert hits[0]["document_title"].startswith("みどり市職員等の旅費")
        assert shard_files(data_dir) == files_before  # nothing of the live index was touched

        second = upload(client, corpus / THIRD)
        assert second["status"] == "done", second
        assert not second["report"]["errors"], second["report"]
        after = cli_json(["documents", "digest"], data_dir, tmp_path)
        health = client.get("/api/health").json()
        assert health["status"] == "ok", health
        assert server.alive()

    new_doc = second["report"]["results"][0]["document_id"]
    assert set(after["per_document"]) == set(before["per_document"]) | {new_doc}
    assert {d: n for d, n in after["per_document"].items() if d != new_doc} == \
        before["per_document"]
    assert after["points"] == before["points"] + second["report"]["results"][0]["chunks"]


def leaf_commands() -> dict[str, str]:
    """Every command path of the CLI ("documents list", …) with its handler's name."""
    import argparse

    from api.cli import build_parser

    found: dict[str, str] = {}

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if path and parser.get_default("func") is not None:
            found[" ".join(path)] = parser.get_default("func").__name__
        for action in subs:
            for name, child in action.choices.items():
                walk(child, (*path, name))

    walk(build_parser(), ())
    return found


def test_every_command_has_a_declared_data_dir_access() -> None:
    from api.cli import ACCESS

    missing = {path: name for path, name in leaf_commands().items() if name not in ACCESS}
    assert not missing


def test_every_cli_command_while_the_server_holds_the_data_dir(
        tmp_path: Path, editor_dir: tuple[Path, str]) -> None:
    """Readers answer (through the server or a read-only database), admin changes go through
    the server's API, writers are refused with one line; then an upload still succeeds and the
    digest changed only by it."""
    data_dir, key = editor_dir
    corpus = tmp_path / "corpus"
    dataset = tmp_path / "tiny.jsonl"
    dataset.write_text(json.dumps({"id": "q1", "query": "公印の保管", "answerable": True,
                                   "relevant": [{"document": "みどり市公印規程"}]},
                                  ensure_ascii=False) + "\n", encoding="utf-8")
    report = tmp_path / "report"
    doc_id = cli_json(["documents", "list"], data_dir, tmp_path)["documents"][0]["document_id"]
    readers = {
        "search": ["search", "公印"],
        "ask": ["ask", "公印はどこに保管しますか"],
        "documents": ["documents"],
        "documents list": ["documents", "list"],
        "documents versions": ["documents", "versions", doc_id],
        "documents duplicates": ["documents", "duplicates"],
        "documents digest": ["documents", "digest"],
        "users": ["users"],
        "users list": ["users", "list"],
        "users add": ["users", "add", "sato", "--role", "staff", "--department", "総務課"],
        "users set": ["users", "set", "sato", "--role", "editor"],
        "users key": ["users", "key", "sato"],
        "audit": ["audit"],
        "audit verify": ["audit", "verify"],
        "audit export": ["audit", "export", "--out", str(tmp_path / "audit.csv")],
        "feedback export": ["feedback", "export", "--out", str(tmp_path / "fb.jsonl")],
        "quarantine": ["quarantine"],
        "quarantine list": ["quarantine", "list", "--status", "all"],
        "eval": ["eval", "--dataset", str(dataset), "--report", str(report)],
        "eval compare": None,  # after eval: compares two reports, no data dir
        "backup": ["backup", "--out", str(tmp_path / "backup.tar.gz")],  # next to the server
        "db": ["db"],
        "db current": ["db", "current"],
    }
    writers = {
        "ingest": ["ingest", str(corpus / THIRD)],
        "reindex": ["reindex"],
        "documents delete": ["documents", "delete", doc_id],
        "serve": ["serve", "--port", "1"],
        "audit purge": ["audit", "purge"],
        "db upgrade": ["db", "upgrade"],
        "sync": ["sync", str(corpus)],
    }
    with serving(data_dir, tmp_path) as server, httpx.Client(
            base_url=server.base, headers={"Authorization": f"Bearer {key}"},
            timeout=120) as client:
        files_before = shard_files(data_dir)
        before = cli_json(["documents", "digest"], data_dir, tmp_path)
        outputs: dict[str, Any] = {}
        for name, argv in readers.items():
            if argv is None:
                argv = ["eval", "compare", str(report), str(report)]
            out = run_cli(argv, data_dir, tmp_path)
            assert out["rc"] == 0, (name, out["last"])
            outputs[name] = out
        sato = next(u for u in cli_json(["users", "list"], data_dir, tmp_path)["users"]
                    if u["name"] == "sato")
        assert (sato["role"], sato["departments"]) == ("editor", ["総務課"])  # via the API
        key_id = sato["keys"][0]["id"]
        revoke = run_cli(["users", "revoke", key_id], data_dir, tmp_path)
        assert revoke["rc"] == 0, revoke["last"]
        for action in ("approve", "reject"):  # through the server: its 404, in one line
            out = run_cli(["quarantine", action, "7"], data_dir, tmp_path)
            assert out["rc"] == 1, out
            assert out["stderr_lines"] == 1, out
            assert "is in use" not in out["last"], out["last"]
        for name, argv in writers.items():
            out = run_cli(argv, data_dir, tmp_path)
            assert out["rc"] == 1, (name, out)
            assert out["stderr_lines"] == 1, (name, out)
            assert not out["traceback"], (name, out)
            assert "is in use by `chonai serve`" in out["last"], (name, out["last"])
        restore = run_cli(["restore", str(tmp_path / "backup.tar.gz")], data_dir, tmp_path)
        assert restore["rc"] == 1, restore
        assert restore["stderr_lines"] == 1, restore
        assert "restore needs an empty data dir" in restore["last"]
        assert shard_files(data_dir) == files_before  # no refused or read command touched it

        done = upload(client, corpus / THIRD)
        assert done["status"] == "done", done
        after = cli_json(["documents", "digest"], data_dir, tmp_path)
        assert client.get("/api/health").json()["status"] == "ok"

    covered = set(readers) | set(writers) | {"users revoke", "restore", "quarantine approve",
                                             "quarantine reject"}
    assert covered == set(leaf_commands())
    assert "公印" in outputs["search"]["stdout"]
    assert (tmp_path / "audit.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert json.loads((report / "report.json").read_text("utf-8"))["summary"]["questions"] == 1
    from core.audit_key import key_file
    from db.audit import AuditLog
    from db.catalog import Catalog

    audit = AuditLog(Catalog(f"sqlite:///{data_dir / 'chonai.db'}").engine,
                     key=key_file(data_dir / "audit.key"))
    asked = [e for e in audit.entries() if e["query"] == "公印の保管" and e["action"] == "ask"]
    assert len(asked) == 1  # `chonai eval` through the server asks each question once
    new_doc = done["report"]["results"][0]["document_id"]
    assert {d: n for d, n in after["per_document"].items() if d != new_doc} == \
        before["per_document"]
    assert after["points"] == before["points"] + done["report"]["results"][0]["chunks"]
    assert after["catalog_rows"] == {**before["catalog_rows"], "documents": len(
        after["per_document"]), "versions": before["catalog_rows"]["versions"] + 1}
