"""Day-2 operations under stress (issue 16): the CLI against a data dir a live server holds, and
kill -9 of the server during an upload job. Real `chonai` processes, as in eval/reliability.py.

    python -m eval.reliability.ops [--json PATH]

Rows: every CLI command while `chonai serve` runs (answered / refused in one line / touched
the live index), an upload afterwards (succeeds, the digest changed only by it), and after a
kill -9 during an upload: the job's state after the restart, health, the next upload.
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eval.reliability.drills import SAMPLE, run_cli, serving

FIRST = "みどり市公印規程.txt"
UPLOADS = ("みどり市文書管理規程.txt", "みどり市職員等の旅費に関する条例.txt",
           "みどり市保有個人情報の安全管理に関する規程.txt",
           "みどり市職員の勤務時間、休日及び休暇に関する条例.txt")


def _prepare(work: Path) -> tuple[Path, Path, dict[str, str]]:
    data_dir, corpus = work / "var", work / "corpus"
    corpus.mkdir(parents=True)
    for name in (FIRST, *UPLOADS):
        shutil.copy2(SAMPLE / name, corpus / name)
    for argv in (["ingest", str(corpus / FIRST)], ["users", "add", "ed", "--role", "editor"]):
        if run_cli(argv, data_dir, work)["rc"] != 0:
            raise RuntimeError(f"chonai {' '.join(argv)} failed")
    key = json.loads(run_cli(["users", "key", "ed", "--json"], data_dir, work)["stdout"])["key"]
    return data_dir, corpus, {"Authorization": f"Bearer {key}"}


def _upload(client: Any, paths: Sequence[Path]) -> str:
    res = client.post("/api/documents", files=[("files", (p.name, p.read_bytes()))
                                                for p in paths])
    res.raise_for_status()
    return str(res.json()["job_id"])


def _wait(client: Any, job_id: str, timeout_s: float = 600) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] not in ("queued", "running"):
            return dict(job)
        time.sleep(0.3)
    return {"status": "timeout"}


def _shard(data_dir: Path) -> dict[str, tuple[int, int]]:
    root = data_dir / "index" / "edge"
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def concurrent_cli(work: Path) -> dict[str, Any]:
    import httpx

    data_dir, corpus, headers = _prepare(work)
    doc_id = json.loads(run_cli(["documents", "list", "--json"], data_dir, work)["stdout"])[
        "documents"][0]["document_id"]
    dataset = work / "tiny.jsonl"
    dataset.write_text(json.dumps({"id": "q1", "query": "公印の保管", "answerable": True,
                                   "relevant": [{"document": "みどり市公印規程"}]},
                                  ensure_ascii=False) + "\n", encoding="utf-8")
    readers = [["search", "公印"], ["ask", "公印はどこに保管しますか"], ["documents", "list"],
               ["documents", "versions", doc_id], ["documents", "duplicates"],
               ["documents", "digest"], ["users", "list"],
               ["users", "add", "sato", "--role", "staff"], ["users", "set", "sato",
                                                              "--role", "editor"],
               ["users", "key", "sato"], ["audit", "verify"],
               ["audit", "export", "--out", str(work / "audit.csv")],
               ["feedback", "export", "--out", str(work / "fb.jsonl")],
               ["eval", "--dataset", str(dataset), "--report", str(work / "report")]]
    writers = [["ingest", str(corpus / UPLOADS[0])], ["reindex"], ["documents", "delete", doc_id],
               ["serve", "--port", "1"], ["audit", "purge"]]
    out: dict[str, Any] = {"readers": [], "writers": []}
    with serving(data_dir, work) as server, httpx.Client(base_url=server.base, headers=headers,
                                                         timeout=120) as client:
        before_files = _shard(data_dir)
        before = json.loads(run_cli(["documents", "digest", "--json"], data_dir, work)["stdout"])
        for argv in readers:
            cli = run_cli(argv, data_dir, work)
            out["readers"].append({"argv": argv[:2], "rc": cli["rc"], "last": cli["last"]})
        for argv in writers:
            cli = run_cli(argv, data_dir, work)
            out["writers"].append({"argv": argv[:2], "rc": cli["rc"], "lines": cli["stderr_lines"],
                                   "traceback": cli["traceback"], "last": cli["last"]})
        out["live_index_touched"] = _shard(data_dir) != before_files
        job = _wait(client, _upload(client, [corpus / UPLOADS[0]]))
        after = json.loads(run_cli(["documents", "digest", "--json"], data_dir, work)["stdout"])
        out["health_after"] = client.get("/api/health").json()["status"]
    out["upload_after"] = job["status"]
    new_doc = (job.get("report") or {}).get("results", [{}])[0].get("document_id")
    out["digest_only_by_upload"] = (
        {d: n for d, n in after["per_document"].items() if d != new_doc}
        == before["per_document"] and new_doc in after["per_document"])
    out["readers_ok"] = sum(r["rc"] == 0 for r in out["readers"])
    out["writers_refused"] = sum(w["rc"] == 1 and w["lines"] == 1 and not w["traceback"]
                                 for w in out["writers"])
    out["ok"] = (out["readers_ok"] == len(readers) and out["writers_refused"] == len(writers)
                 and not out["live_index_touched"] and out["upload_after"] == "done"
                 and out["digest_only_by_upload"] and out["health_after"] == "ok")
    return out


def restart_during_job(work: Path) -> dict[str, Any]:
    import httpx

    data_dir, corpus, headers = _prepare(work)
    out: dict[str, Any] = {}
    with serving(data_dir, work) as server, httpx.Client(base_url=server.base, headers=headers,
                                                         timeout=60) as client:
        job_id = _upload(client, [corpus / name for name in UPLOADS])
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            job = client.get(f"/api/jobs/{job_id}").json()
            if job["status"] == "running" and any(f["status"] in ("parsing", "indexing")
                                                  for f in job["files"]):
                break
            time.sleep(0.05)
        out["killed_while"] = [f["status"] for f in job["files"]]
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait()
    started = time.monotonic()
    with serving(data_dir, work) as server, httpx.Client(base_url=server.base, headers=headers,
                                                         timeout=60) as client:
        out["restart_s"] = round(time.monotonic() - started, 1)
        job = client.get(f"/api/jobs/{job_id}").json()
        out["job_after_restart"] = job["status"]
        out["reason_ja"] = job.get("error_ja")
        out["health_after_restart"] = client.get("/api/health").json()["status"]
        again = _wait(client, _upload(client, [corpus / UPLOADS[-1]]))
        out["next_upload"] = again["status"]
        out["health_after_next"] = client.get("/api/health").json()["status"]
    out["ok"] = (out["job_after_restart"] == "error" and bool(out["reason_ja"])
                 and out["health_after_restart"] == "degraded" and out["next_upload"] == "done"
                 and out["health_after_next"] == "ok")
    return out


def summary(result: dict[str, Any]) -> list[list[str]]:
    c, r = result["concurrent_cli"], result["restart_during_job"]
    return [
        ["concurrent CLI while serving: read/admin commands answered",
         f"{c['readers_ok']}/{len(c['readers'])}"],
        ["concurrent CLI: writers refused in one line / live index touched",
         f"{c['writers_refused']}/{len(c['writers'])} / "
         f"{'YES' if c['live_index_touched'] else 'no'}"],
        ["concurrent CLI: upload afterwards, digest changed only by it, health",
         f"{c['upload_after']}, {'yes' if c['digest_only_by_upload'] else 'NO'}, "
         f"{c['health_after']}; {'ok' if c['ok'] else 'FAILED'}"],
        ["restart during job (kill -9): job after restart / health / next upload / health",
         f"{r['job_after_restart']} (reason_ja {'yes' if r['reason_ja'] else 'NO'}) / "
         f"{r['health_after_restart']} / {r['next_upload']} / {r['health_after_next']}; "
         f"{'ok' if r['ok'] else 'FAILED'}"],
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.reliability.ops",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the result here")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="chonai-ops-"))
    try:
        result = {"concurrent_cli": concurrent_cli(work / "cli"),
                  "restart_during_job": restart_during_job(work / "restart")}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result["summary"] = summary(result)
    result["ok"] = all(result[k]["ok"] for k in ("concurrent_cli", "restart_during_job"))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    width = max(len(label) for label, _ in result["summary"])
    for label, value in result["summary"]:
        print(f"{label:<{width}}  {value}")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
