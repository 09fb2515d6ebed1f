"""Hostile input end to end: every bad file through the CLI and the upload API, malformed API
requests, and the rate limit. For each refused file the store digest must not move.

The store is pre-filled with real sample documents through the real parts (bundled e5 model,
Qdrant edge engine, fugashi, SQLite). The CLI and the API each get their own copy of it, so the
good files can be shown to get in through both.

    python -m eval.security.files [--json PATH] [--quick]
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eval.security.hostile_files import SAMPLE_CORPUS, HostileFile, write_hostile_corpus
from services.build import Services

REPO = Path(__file__).resolve().parents[2]
SEED_FILES = ("みどり市公印規程.txt", "みどり市職員FAQ.csv")
EDITOR = "security-editor"
JOB_TIMEOUT_S = 300.0


@dataclasses.dataclass
class FileResult:
    label: str
    route: str  # "cli" | "api"
    good: bool
    outcome: str  # "refused" | "ingested" | "crashed"
    status: int  # exit code (CLI) or HTTP status (API)
    reason: str
    expected: str
    clear: bool  # refused with the expected reason in one line (good files: ingested)
    store_unchanged: bool
    ms: float

    @property
    def ok(self) -> bool:
        return self.clear and (self.store_unchanged != self.good)


def _settings(data_dir: Path, **overrides: Any) -> Any:
    from core.settings import Settings

    return Settings(data_dir=data_dir, _env_file=None, rate_limit_per_minute=0, **overrides)


@contextlib.contextmanager
def _services(data_dir: Path, **overrides: Any) -> Iterator[Any]:
    from services.build import build_services

    services = build_services(_settings(data_dir, **overrides))
    try:
        yield services
    finally:
        services.close()


def _digest(data_dir: Path) -> dict[str, Any]:
    from index.stores.digest import store_digest

    with _services(data_dir) as services:
        return store_digest(services.store, services.catalog)


def seed_store(data_dir: Path, names: tuple[str, ...] = SEED_FILES) -> dict[str, Any]:
    """A data dir holding `names` from the sample corpus; returns its digest."""
    from index.ingest import ingest_files

    with _services(data_dir) as services, contextlib.redirect_stderr(io.StringIO()):
        report = ingest_files(services.indexer, [SAMPLE_CORPUS / n for n in names],
                              max_bytes=services.settings.max_upload_bytes)
        if report["errors"]:
            raise RuntimeError(f"seed corpus failed: {report['errors']}")
    return _digest(data_dir)


def _judge(f: HostileFile, route: str, *, outcome: str, status: int, reason: str,
           before: dict[str, Any], after: dict[str, Any], started: float) -> FileResult:
    unchanged = before == after
    if f.good:
        clear = outcome == "ingested"
    else:
        clear = (outcome == "refused" and f.reason in reason.lower() and "\n" not in reason
                 and bool(reason.strip()) and "Traceback" not in reason)
    return FileResult(f.label, route, f.good, outcome, status, reason, f.reason, clear,
                      unchanged, round((time.perf_counter() - started) * 1000, 1))


# --- CLI --------------------------------------------------------------------------------------


def cli_ingest(data_dir: Path, path: Path) -> tuple[int, str]:
    """`chonai ingest PATH` in this process (exit code, stderr); a crash is exit 99."""
    from api.cli import main

    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            code = main(["ingest", "--data-dir", str(data_dir), str(path)])
        except Exception as exc:  # what the check is for: the CLI must not crash
            print(f"CRASH {type(exc).__name__}: {exc}", file=sys.stderr)
            code = 99
    return code, err.getvalue()


def cli_phase(data_dir: Path, files: list[HostileFile]) -> list[FileResult]:
    results = []
    before = _digest(data_dir)
    for f in files:
        if not f.cli or f.path is None:
            continue
        started = time.perf_counter()
        code, stderr = cli_ingest(data_dir, f.path)
        errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
        if code == 99:
            outcome, reason = "crashed", stderr.strip()
        elif code == 0:
            outcome, reason = "ingested", ""
        else:
            outcome = "refused"
            reason = errors[0].split(": ", 2)[-1] if len(errors) == 1 else stderr.strip()
        after = _digest(data_dir)
        results.append(_judge(f, "cli", outcome=outcome, status=code, reason=reason,
                              before=before, after=after, started=started))
        before = after
    return results


def cli_batch(data_dir: Path, files: list[HostileFile]) -> dict[str, Any]:
    """All bad files in one real `chonai ingest` process: exit 1, one error line per file."""
    bad = [str(f.path) for f in files if f.cli and f.path is not None and not f.good]
    before = _digest(data_dir)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "api.cli", "ingest", "--data-dir",
                           str(data_dir), *bad], cwd=REPO, capture_output=True, text=True,
                          timeout=600, check=False)
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    return {"files": len(bad), "exit": proc.returncode, "error_lines": len(errors),
            "traceback": "Traceback" in proc.stderr,
            "store_unchanged": _digest(data_dir) == before,
            "s": round(time.perf_counter() - started, 1)}


# --- API --------------------------------------------------------------------------------------


def _multipart(name: str, data: bytes) -> tuple[bytes, str]:
    """A multipart body with `name` written raw (httpx would percent-escape control bytes)."""
    boundary = "chonai-security-boundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
            f"filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
    body = head.encode("utf-8", "surrogateescape") + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def _error_reason(response: Any) -> str:
    try:
        return str(response.json()["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return f"(no JSON error body) {response.text[:200]}"


def api_upload(client: Any, headers: dict[str, str], f: HostileFile) -> tuple[str, int, str]:
    """(outcome, HTTP status, reason) for one upload, following the job to its end."""
    assert f.path is not None
    if f.big:  # streamed from the sparse file; refused on Content-Length before it is read
        with f.path.open("rb") as stream:
            res = client.post("/api/documents", headers=headers,
                              files={"files": (f.upload_name, stream)})
    else:
        body, content_type = _multipart(f.upload_name, f.path.read_bytes())
        res = client.post("/api/documents", content=body,
                          headers={**headers, "content-type": content_type})
    if res.status_code >= 500:
        return "crashed", res.status_code, _error_reason(res)
    if res.status_code != 202:
        return "refused", res.status_code, _error_reason(res)
    job_id = res.json()["job_id"]
    deadline = time.monotonic() + JOB_TIMEOUT_S
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}", headers=headers).json()
        if job["status"] in ("done", "error"):
            break
        time.sleep(0.05)
    else:
        return "crashed", 202, "upload job did not finish"
    if job["status"] == "error":
        return "crashed", 202, "upload job crashed (see the server log)"
    fp = job["files"][0]
    if fp["status"] == "done":
        return "ingested", 202, ""
    return "refused", 202, fp["error"] or ""


def editor_key(services: Services) -> dict[str, str]:
    from db.users import UserStore

    users = UserStore(services.catalog.engine)
    users.add(EDITOR, role="editor")
    return {"Authorization": f"Bearer {users.create_key(EDITOR)[1]}"}


def api_phase(data_dir: Path, files: list[HostileFile]
              ) -> tuple[list[FileResult], list[dict[str, Any]], list[str]]:
    """Uploads (results), malformed requests (checks) and refused files left in the upload dir."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from index.stores.digest import store_digest

    results = []
    with _services(data_dir) as services:
        headers = editor_key(services)
        with TestClient(create_app(services=services), raise_server_exceptions=False) as client:
            before = store_digest(services.store, services.catalog)
            for f in files:
                if not f.api or f.path is None:
                    continue
                started = time.perf_counter()
                outcome, status, reason = api_upload(client, headers, f)
                after = store_digest(services.store, services.catalog)
                results.append(_judge(f, "api", outcome=outcome, status=status, reason=reason,
                                      before=before, after=after, started=started))
                before = after
            left = sorted(p.name for p in services.settings.upload_path.rglob("*")
                          if p.is_file())
            inputs = api_input_checks(client, headers)
            if store_digest(services.store, services.catalog) != before:
                inputs.append({"label": "store unchanged by the requests above", "ok": False,
                               "status": 0, "reason": "the store digest moved"})
    refused_left = sorted(set(left) - {f.upload_name for f in files if f.good})
    return results, inputs, refused_left


# (label, method, path, request kwargs, expected status); bodies go to the real endpoints
def _input_cases() -> list[tuple[str, str, str, dict[str, Any], int]]:
    json_ct = {"content-type": "application/json"}
    return [
        ("query over 1000 chars", "POST", "/api/ask", {"json": {"query": "年" * 1001}}, 422),
        ("query of 100k chars", "POST", "/api/search", {"json": {"query": "あ" * 100_000}}, 422),
        ("empty query", "POST", "/api/ask", {"json": {"query": ""}}, 422),
        ("whitespace-only query", "POST", "/api/search", {"json": {"query": " \u3000\n\t "}},
         422),
        ("missing query", "POST", "/api/ask", {"json": {}}, 422),
        ("invalid JSON", "POST", "/api/search", {"content": b"{not json", "headers": json_ct},
         422),
        ("truncated JSON", "POST", "/api/ask",
         {"content": '{"query": "年休'.encode(), "headers": json_ct}, 422),
        ("JSON array body", "POST", "/api/ask", {"json": ["年休"]}, 422),
        ("JSON null body", "POST", "/api/ask", {"content": b"null", "headers": json_ct}, 422),
        ("query is a number", "POST", "/api/ask", {"json": {"query": 5}}, 422),
        ("query is a list", "POST", "/api/search", {"json": {"query": ["年休"]}}, 422),
        ("top_k is a string", "POST", "/api/search", {"json": {"query": "年休", "top_k": "many"}},
         422),
        ("top_k is a float", "POST", "/api/search", {"json": {"query": "年休", "top_k": 2.5}},
         422),
        ("kind is a string", "POST", "/api/search", {"json": {"query": "年休", "kind": "faq"}},
         422),
        ("unknown kind", "POST", "/api/search", {"json": {"query": "年休", "kind": ["memo"]}},
         422),
        ("unknown field", "POST", "/api/ask", {"json": {"query": "年休", "debug": True}}, 422),
        ("top_k 0", "POST", "/api/search", {"json": {"query": "年休", "top_k": 0}}, 422),
        ("top_k 1000", "POST", "/api/search", {"json": {"query": "年休", "top_k": 1000}}, 422),
        ("top_k -1", "POST", "/api/ask", {"json": {"query": "年休", "top_k": -1}}, 422),
        ("wrong mode", "POST", "/api/ask", {"json": {"query": "年休", "mode": "chat"}}, 422),
        ("stream: empty query", "POST", "/api/ask/stream", {"json": {"query": ""}}, 422),
        ("huge body (5 MiB)", "POST", "/api/ask",
         {"content": b'{"query": "' + b"a" * (5 * 2**20) + b'"}', "headers": json_ct}, 413),
        ("deeply nested JSON", "POST", "/api/ask",
         {"content": b"[" * 100_000 + b"]" * 100_000, "headers": json_ct}, 400),
        ("non-UTF-8 body (cp932)", "POST", "/api/ask",
         {"content": '{"query": "年休は何日"}'.encode("cp932"), "headers": json_ct}, 400),
        ("lone surrogate in query", "POST", "/api/search",
         {"content": b'{"query": "\\ud800\\ud800 nenkyu"}', "headers": json_ct}, 422),
        ("NUL in query", "POST", "/api/search",
         {"content": b'{"query": "\\u0000"}', "headers": json_ct}, 422),
        ("form body instead of JSON", "POST", "/api/ask", {"data": {"query": "年休"}}, 422),
        ("wrong method", "GET", "/api/ask", {}, 405),
        ("unknown path", "GET", "/api/nothing-here", {}, 404),
        ("upload without files", "POST", "/api/documents", {"data": {"kind": "faq"}}, 422),
        ("upload with wrong kind", "POST", "/api/documents",
         {"data": {"kind": "memo"}, "files": {"files": ("a.txt", b"x")}}, 422),
        ("login with wrong types", "POST", "/api/auth/login", {"json": {"name": 1, "password": []}},
         422),
        ("unknown job id", "GET", "/api/jobs/../../etc/passwd", {}, 404),
    ]


def api_input_checks(client: Any, headers: dict[str, str]) -> list[dict[str, Any]]:
    """Each malformed request must get its 4xx with a reason in the JSON error format."""
    out = []
    for label, method, path, kwargs, expected in _input_cases():
        request_headers = {**headers, **kwargs.pop("headers", {})}
        res = client.request(method, path, headers=request_headers, **kwargs)
        reason = _error_reason(res)
        ok = (res.status_code == expected and not reason.startswith("(no JSON")
              and bool(reason.strip()))
        out.append({"label": label, "status": res.status_code, "expected": expected,
                    "reason": reason[:160], "ok": ok})
    return out


def rate_limit_check(data_dir: Path) -> dict[str, Any]:
    """A small bucket (3 at once, 6 a minute): the 4th request of a key gets 429 with
    Retry-After while another key and the health check still pass."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from db.users import UserStore

    with _services(data_dir) as services:
        limited = dataclasses.replace(services, settings=services.settings.model_copy(
            update={"rate_limit_per_minute": 6, "rate_limit_burst": 3}))
        users = UserStore(services.catalog.engine)
        keys = [users.create_key(EDITOR)[1] for _ in range(2)]
        with TestClient(create_app(services=limited)) as client:
            def post(key: str) -> Any:
                return client.post("/api/search", json={"query": ""},
                                   headers={"Authorization": f"Bearer {key}"})

            first = [post(keys[0]).status_code for _ in range(4)]
            other = post(keys[1]).status_code
            blocked = post(keys[0])
            health = client.get("/api/health").status_code
    return {"first_key": first, "second_key": other, "status": blocked.status_code,
            "retry_after": blocked.headers.get("retry-after"),
            "reason": _error_reason(blocked), "health": health,
            "ok": first == [422, 422, 422, 429] and other == 422
            and blocked.status_code == 429 and bool(blocked.headers.get("retry-after"))
            and health == 200}


# --- the run ----------------------------------------------------------------------------------


def run(out_dir: Path | None, *, quick: bool = False,
        seed_files: tuple[str, ...] = SEED_FILES) -> dict[str, Any]:
    """Everything above; `quick` skips the one-process CLI batch (a subprocess, ~10 s).

    With `out_dir`, the report is also written to out_dir/security_files.json.
    """
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="chonai-security-") as tmp:
        root = Path(tmp)
        files = write_hostile_corpus(root / "files")
        seed = root / "seed"
        seed_digest = seed_store(seed, seed_files)
        for name in ("cli", "api"):
            shutil.copytree(seed, root / name)
        results = cli_phase(root / "cli", files)
        batch = None if quick else cli_batch(root / "cli", files)
        api_results, inputs, left = api_phase(root / "api", files)
        results += api_results
        rate = rate_limit_check(root / "api")
    report = summarize(files, results, inputs, rate, batch, seed_digest, left,
                       seconds=time.perf_counter() - started)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "security_files.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return report


def summarize(files: list[HostileFile], results: list[FileResult], inputs: list[dict[str, Any]],
              rate: dict[str, Any], batch: dict[str, Any] | None, seed: dict[str, Any],
              uploads_left: list[str], *, seconds: float) -> dict[str, Any]:
    bad = [r for r in results if not r.good]
    good = [r for r in results if r.good]

    def count(rows: list[FileResult], route: str, test: Any) -> str:
        mine = [r for r in rows if r.route == route]
        return f"{sum(1 for r in mine if test(r))}/{len(mine)}"

    unchanged = all(r.store_unchanged for r in bad)
    batch_ok = batch is None or (batch["exit"] == 1 and batch["error_lines"] == batch["files"]
                                 and not batch["traceback"] and batch["store_unchanged"])
    ok = (all(r.ok for r in results) and all(i["ok"] for i in inputs) and rate["ok"]
          and batch_ok and not uploads_left)
    summary = [
        ["bad files tried", str(len([f for f in files if not f.good]))],
        ["via CLI: refused with the expected reason", count(bad, "cli", lambda r: r.clear)],
        ["via API: refused with the expected reason (4xx or job error)",
         count(bad, "api", lambda r: r.clear)],
        ["crashes (traceback, 5xx, crashed job)",
         str(sum(1 for r in results if r.outcome == "crashed"))],
        ["store unchanged after every bad file", "yes" if unchanged else "NO"],
        ["refused uploads left in the upload dir", str(len(uploads_left))],
        ["good files ingested (CLI / API)",
         f"{count(good, 'cli', lambda r: r.clear)} / {count(good, 'api', lambda r: r.clear)}"],
        ["API requests refused with a 4xx and a reason",
         f"{sum(1 for i in inputs if i['ok'])}/{len(inputs)}"],
        ["rate limit: 429 + Retry-After, other key and health unaffected",
         "yes" if rate["ok"] else "NO"],
    ]
    if batch is not None:
        summary.append(["one `chonai ingest` of all bad files: exit, error lines",
                        f"{batch['exit']}, {batch['error_lines']}/{batch['files']}"
                        f"{'' if batch_ok else ' (FAILED)'}"])
    summary += [["seed store", f"{seed['points']} points, {len(seed['per_document'])} documents"],
                ["time", f"{seconds:.1f} s"], ["all checks passed", "yes" if ok else "NO"]]
    return {"summary": summary, "ok": ok,
            "files": [dataclasses.asdict(r) | {"ok": r.ok} for r in results],
            "api_inputs": inputs, "rate_limit": rate, "cli_batch": batch,
            "uploads_left": uploads_left}


def format_table(report: dict[str, Any]) -> str:
    width = max(len(label) for label, _ in report["summary"])
    lines = [f"{label:<{width}}  {value}" for label, value in report["summary"]]
    failed = [r for r in report["files"] if not r["ok"]]
    failed_inputs = [i for i in report["api_inputs"] if not i["ok"]]
    if failed or failed_inputs:
        lines.append("\nfailed:")
        lines += [f"  {r['route']:3} {r['label']:24} {r['outcome']:8} {r['status']:>3} "
                  f"unchanged={r['store_unchanged']} expected {r['expected']!r}: "
                  f"{r['reason'][:120]}" for r in failed]
        lines += [f"  api {i['label']:30} {i['status']} (want {i['expected']}): "
                  f"{i['reason'][:100]}" for i in failed_inputs]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.security.files",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write the full report here")
    parser.add_argument("--quick", action="store_true", help="skip the subprocess CLI batch")
    args = parser.parse_args(argv)
    report = run(None, quick=args.quick)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(format_table(report))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
