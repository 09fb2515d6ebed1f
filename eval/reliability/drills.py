"""Reliability (issue 9): kill -9 during ingestion, backend outages, disk full, load and soak.

Every section drives the real product from outside: `chonai` subprocesses on a data dir, and
`chonai serve` (uvicorn) on 127.0.0.1 reached over HTTP. Nothing is mocked; the only injected
fault besides SIGKILL at a random moment is SIGKILL at an exact write boundary (see
`kill_at_write`), so every window between two writes of an ingest is covered.

    python -m eval.reliability.drills [--quick] [--json PATH] [--clients 50 --seconds 60]
                               [--soak-minutes 10] [--only crash,outages,load,backup]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample" / "corpus"
CRASH_FILES = ("みどり市公印規程.txt", "みどり市職員FAQ.csv",
               "みどり市職員等の旅費に関する条例.txt")
AMENDED = "みどり市公印規程.txt"  # its second version exercises the versioned path
AMENDMENT = ("公印を堅固な容器に納め", "公印を堅固な金属製の容器に納め")
STEP_TIMEOUT_S = 600
KILL_HOOK = "_kill-at-write"


# --------------------------------------------------------------------------- subprocesses

def chonai_command() -> list[str]:
    script = Path(sys.executable).with_name("chonai")
    return [str(script)] if script.exists() else [sys.executable, "-m", "api.cli"]


def child_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The caller's environment without its CHONAI_ settings, so runs are reproducible."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHONAI_")}
    env.update(CHONAI_DATA_DIR=str(data_dir), PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class StepRun:
    """One pass over a scenario's steps: return codes, time, and whether it was killed."""

    returncodes: list[int] = field(default_factory=list)
    seconds: float = 0.0
    killed_in_step: int | None = None
    writes: list[int] = field(default_factory=list)  # store/catalog writes per step (hook only)
    stderr: str = ""

    @property
    def killed(self) -> bool:
        return self.killed_in_step is not None


def run_steps(steps: Sequence[Sequence[str]], data_dir: Path, work: Path, *,
              kill_after_s: float | None = None,
              kill_at: tuple[int, int] | None = None, count_writes: bool = False) -> StepRun:
    """Run `chonai STEP` for each step in order; SIGKILL after `kill_after_s` seconds overall,
    or at write `kill_at[1]` (1-based) of step `kill_at[0]` (through the write hook)."""
    out = StepRun()
    started = time.monotonic()
    env = child_env(data_dir)
    for index, step in enumerate(steps):
        hooked = count_writes or (kill_at is not None and kill_at[0] == index)
        k = kill_at[1] if kill_at is not None and kill_at[0] == index else 0
        argv = ([sys.executable, "-m", "eval.reliability.drills", KILL_HOOK, str(k), *step]
                if hooked else [*chonai_command(), *step])
        log = work / f"step-{os.getpid()}-{index}.log"
        with log.open("wb") as err:
            proc = subprocess.Popen(argv, cwd=work, env=env, stdout=subprocess.DEVNULL,
                                    stderr=err)
            timeout = STEP_TIMEOUT_S
            if kill_after_s is not None:
                timeout = max(0.0, kill_after_s - (time.monotonic() - started))
            try:
                rc = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                if kill_after_s is None:
                    raise
                proc.send_signal(signal.SIGKILL)
                rc = proc.wait()
        text = log.read_text(encoding="utf-8", errors="replace")
        log.unlink()
        out.stderr += text
        out.returncodes.append(rc)
        if hooked:
            out.writes.append(next((int(line.split("=", 1)[1]) for line in text.splitlines()
                                    if line.startswith("writes=")), 0))
        if rc == -signal.SIGKILL:
            out.killed_in_step = index
            break
    out.seconds = time.monotonic() - started
    return out


def kill_at_write(k: int, argv: Sequence[str]) -> int:
    """`chonai ARGV` that SIGKILLs itself just before its k-th write (0: never) to the store
    (upsert, set_payload, delete) or the catalog (transaction, intent rows); prints the count.

    A fault-injection harness for the crash section, run only as a subprocess.
    """
    from api.cli import main
    from db.catalog import Catalog
    from index.stores.edge import EdgeStore

    count = 0

    def wrap(cls: type, name: str) -> None:
        original = getattr(cls, name, None)
        if original is None:
            return

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            nonlocal count
            count += 1
            if count == k:
                sys.stderr.flush()
                os.kill(os.getpid(), signal.SIGKILL)
            return original(*args, **kwargs)

        setattr(cls, name, wrapper)

    for cls, name in ((EdgeStore, "upsert"), (EdgeStore, "set_payload"), (EdgeStore, "delete"),
                      (Catalog, "transaction"), (Catalog, "begin_intent"),
                      (Catalog, "end_intent")):
        wrap(cls, name)
    rc = main(list(argv))
    print(f"writes={count}", file=sys.stderr)
    return rc


# --------------------------------------------------------------------------- crash runs

def crash_scenario(folder: Path, *, files: Sequence[str] = CRASH_FILES,
                   faq_rows: int | None = None) -> list[list[str]]:
    """Two ingests: a few sample files, then an amended version of one of them."""
    v1, v2 = folder / "v1", folder / "v2"
    v1.mkdir(parents=True, exist_ok=True)
    v2.mkdir(parents=True, exist_ok=True)
    for name in files:
        source = SAMPLE / name
        if faq_rows is not None and source.suffix == ".csv":
            write_faq_head(source, v1 / name, faq_rows)
        else:
            shutil.copy2(source, v1 / name)
    text = (SAMPLE / AMENDED).read_text(encoding="utf-8")
    assert AMENDMENT[0] in text, "the amendment no longer applies to the sample file"
    (v2 / AMENDED).write_text(text.replace(*AMENDMENT), encoding="utf-8")
    return [["ingest", str(v1)], ["ingest", str(v2 / AMENDED)]]


def write_faq_head(source: Path, target: Path, rows: int) -> None:
    """The first `rows` QAs of a sample FAQ sheet (Shift_JIS) as UTF-8."""
    with source.open(encoding="cp932", newline="") as f:
        table = list(csv.reader(f))
    with target.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(table[:rows + 1])


def _digest(payload: dict[str, Any]) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _rows(db: sqlite3.Connection, sql: str) -> list[list[Any]]:
    try:
        return [list(r) for r in db.execute(sql)]
    except sqlite3.OperationalError:  # table not created yet (killed early)
        return []


def snapshot(data_dir: Path) -> dict[str, Any]:
    """Store points (id -> payload) and catalog rows, read from outside the product's code
    paths that wrote them; `open_error` when the store cannot be opened."""
    from index.stores.edge import CONFIG_FILE, EdgeStore

    state: dict[str, Any] = {"open_error": None, "payloads": {}, "documents": [],
                             "versions": [], "duplicates": [], "intents": 0, "cache_rows": 0}
    edge = data_dir / "index" / "edge"
    if (edge / CONFIG_FILE).exists():
        try:
            store = EdgeStore(edge)
            try:
                records = store.scroll(limit=10**9)
            finally:
                store.close()
            state["payloads"] = {r.id: r.payload for r in records}
        except Exception as err:
            state["open_error"] = f"{type(err).__name__}: {str(err)[:300]}"
    db_path = data_dir / "chonai.db"
    if db_path.exists():
        db = sqlite3.connect(db_path)
        try:
            state["documents"] = sorted(_rows(db, "SELECT id, title, kind, number, source_name, "
                                                  "departments, current_version FROM documents"))
            state["versions"] = sorted(_rows(db, "SELECT document_id, version, content_sha256, "
                                                 "source_format, effective_date, "
                                                 "promulgation_date, chunk_count, granularity "
                                                 "FROM versions"))
            state["duplicates"] = sorted(_rows(db, "SELECT document_id, key, other_document_id,"
                                                   " other_key, similarity, reason "
                                                   "FROM duplicates"))
            state["intents"] = len(_rows(db, "SELECT * FROM ingest_intents"))
        finally:
            db.close()
    cache = data_dir / "embeddings.sqlite"
    if cache.exists():
        db = sqlite3.connect(cache)
        try:
            state["cache_rows"] = (_rows(db, "SELECT count(*) FROM embedding") or [[0]])[0][0]
        finally:
            db.close()
    return state


def invariants(state: dict[str, Any]) -> dict[str, list[Any]]:
    """What a consistent data dir never holds; every list is empty when all is well."""
    payloads: dict[str, dict[str, Any]] = state["payloads"]
    versions = {(v[0], v[1]): v[6] for v in state["versions"]}
    documents = {d[0]: d[6] for d in state["documents"]}
    per_version = Counter((p.get("document_id"), p.get("version")) for p in payloads.values())
    chunk_keys = Counter((p.get("document_id"), p.get("version"), p.get("position"))
                         for p in payloads.values())
    current_keys = Counter((p.get("document_id"), p.get("position"))
                           for p in payloads.values() if p.get("current"))
    return {
        "orphan_points": sorted({f"{d}/{v}" for d, v in per_version if (d, v) not in versions}),
        "duplicate_chunks": sorted(f"{k}" for k, n in chunk_keys.items() if n > 1)
        + sorted(f"current {k}" for k, n in current_keys.items() if n > 1),
        "versions_without_points": sorted(f"{d}/{v}: {per_version.get((d, v), 0)} of {n}"
                                          for (d, v), n in versions.items()
                                          if per_version.get((d, v), 0) != n),
        "versions_without_document": sorted(f"{d}/{v}" for d, v in versions
                                            if d not in documents),
        "documents_without_current": sorted(d for d, cur in documents.items()
                                            if cur is None or (d, cur) not in versions),
        "wrong_current_flags": sorted(
            pid for pid, p in payloads.items()
            if bool(p.get("current")) != (documents.get(p.get("document_id")) == p.get("version"))),
        "pending_intents": [state["intents"]] if state["intents"] else [],
    }


def differences(clean: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    """Point ids, payloads and catalog rows that differ from the clean run."""
    a, b = clean["payloads"], state["payloads"]
    changed = [pid for pid in a.keys() & b.keys() if _digest(a[pid]) != _digest(b[pid])]
    out: dict[str, Any] = {
        "missing_points": len(a.keys() - b.keys()), "extra_points": len(b.keys() - a.keys()),
        "changed_payloads": len(changed),
    }
    for table in ("documents", "versions", "duplicates"):
        if clean[table] != state[table]:
            out[f"{table}_differ"] = True
    return out


def _problems(clean: dict[str, Any], final: dict[str, Any]) -> tuple[int, int, int, int]:
    """(mismatches, duplicate chunks, orphans, other broken invariants) of a final state."""
    diff = differences(clean, final)
    mismatches = sum(int(v) for v in diff.values())
    inv = invariants(final)
    duplicates = len(inv["duplicate_chunks"])
    orphans = sum(len(inv[k]) for k in ("orphan_points", "versions_without_points",
                                        "versions_without_document",
                                        "documents_without_current"))
    other = len(inv["wrong_current_flags"]) + len(inv["pending_intents"])
    return mismatches, duplicates, orphans, other


def crash_runs(work: Path, *, runs: int, seed: int = 9,
               boundaries: str | Sequence[tuple[int, int]] = "all",
               files: Sequence[str] = CRASH_FILES, faq_rows: int | None = None,
               progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """A clean ingest, then `runs` ingests SIGKILLed at spread random moments plus one per write
    boundary ('all', 'last' step only, 'none', or (step, write) pairs); each is re-run and
    compared with the clean one."""
    say = progress or (lambda _m: None)
    steps = crash_scenario(work / "corpus", files=files, faq_rows=faq_rows)
    clean_dir = work / "clean"
    clean_run = run_steps(steps, clean_dir, work, count_writes=True)
    if any(clean_run.returncodes):
        raise RuntimeError(f"clean ingest failed: {clean_run.stderr[-2000:]}")
    clean = snapshot(clean_dir)
    clean_problems = {k: v for k, v in invariants(clean).items() if v}
    if clean_problems or clean["open_error"] or not clean["payloads"]:
        raise RuntimeError(f"the clean ingest is itself inconsistent: {clean_problems}")
    say(f"clean ingest: {len(clean['payloads'])} points in {clean_run.seconds:.1f} s, "
        f"writes per step {clean_run.writes}")
    plans: list[dict[str, Any]] = []
    rng = random.Random(seed)
    for i in range(runs):  # stratified: run i dies somewhere in slice i of the clean duration
        fraction = 0.03 + 0.94 * (i + rng.random()) / runs
        plans.append({"kind": "time", "at_s": round(fraction * clean_run.seconds, 2)})
    if not isinstance(boundaries, str):
        plans += [{"kind": "write", "step": s, "write": k} for s, k in boundaries]
    elif boundaries != "none":
        chosen = range(len(steps)) if boundaries == "all" else [len(steps) - 1]
        plans += [{"kind": "write", "step": s, "write": k}
                  for s in chosen for k in range(1, clean_run.writes[s] + 1)]
    results = []
    for n, plan in enumerate(plans):
        data_dir = work / f"run-{n}"
        if plan["kind"] == "time":
            first = run_steps(steps, data_dir, work, kill_after_s=plan["at_s"])
        else:
            first = run_steps(steps, data_dir, work, kill_at=(plan["step"], plan["write"]))
        after_kill = snapshot(data_dir)
        rerun = run_steps(steps, data_dir, work)
        final = snapshot(data_dir)
        mismatches, duplicates, orphans, other = _problems(clean, final)
        result = {
            **plan, "killed": first.killed, "killed_in_step": first.killed_in_step,
            "store_open_error_after_kill": after_kill["open_error"],
            "after_kill": {"points": len(after_kill["payloads"]),
                           "versions": len(after_kill["versions"]),
                           "intents": after_kill["intents"],
                           "cache_rows": after_kill["cache_rows"]},
            "rerun_returncodes": rerun.returncodes, "rerun_s": round(rerun.seconds, 2),
            "store_open_error_final": final["open_error"],
            "mismatches": mismatches, "duplicates": duplicates, "orphans": orphans,
            "other_problems": other,
            "details": {"differences": differences(clean, final),
                        "invariants": {k: v[:5] for k, v in invariants(final).items() if v}},
        }
        result["ok"] = (not any(rerun.returncodes) and final["open_error"] is None
                        and mismatches == duplicates == orphans == other == 0)
        if not result["ok"]:
            result["rerun_stderr_tail"] = rerun.stderr[-1500:]
        results.append(result)
        say(f"crash {n + 1}/{len(plans)} {plan}: killed={first.killed} "
            f"points after kill={len(after_kill['payloads'])} ok={result['ok']}")
        shutil.rmtree(data_dir, ignore_errors=True)
    killed = [r for r in results if r["killed"]]
    return {
        "clean": {"points": len(clean["payloads"]), "documents": len(clean["documents"]),
                  "versions": len(clean["versions"]), "seconds": round(clean_run.seconds, 2),
                  "writes_per_step": clean_run.writes, "cache_rows": clean["cache_rows"]},
        "runs": results,
        "killed": len(killed),
        "time_kills": sum(1 for r in killed if r["kind"] == "time"),
        "write_kills": sum(1 for r in killed if r["kind"] == "write"),
        "failed": sum(1 for r in results if not r["ok"]),
        "mismatches": sum(r["mismatches"] for r in results),
        "duplicates": sum(r["duplicates"] for r in results),
        "orphans": sum(r["orphans"] for r in results),
        "store_open_errors": sum(1 for r in results if r["store_open_error_after_kill"]),
        "rerun_s_median": round(statistics.median(r["rerun_s"] for r in killed), 2)
        if killed else None,
        "ok": all(r["ok"] for r in results) and bool(killed),
    }



# --------------------------------------------------------------------------- servers and calls

@dataclass
class Server:
    base: str
    proc: subprocess.Popen[bytes]
    log: Path

    def alive(self) -> bool:
        return self.proc.poll() is None

    def log_tail(self, chars: int = 1500) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]


@contextlib.contextmanager
def serving(data_dir: Path, work: Path, **env_extra: str) -> Iterator[Server]:
    """`chonai serve` (uvicorn) on a free 127.0.0.1 port, rate limit off; ready once
    /api/health answers at all (it may well answer 503)."""
    import httpx

    port = free_port()
    log = work / f"serve-{port}.log"
    env = child_env(data_dir, CHONAI_RATE_LIMIT_PER_MINUTE="0", **env_extra)
    with log.open("wb") as err:
        proc = subprocess.Popen([*chonai_command(), "serve", "--port", str(port)], cwd=work,
                                env=env, stdout=subprocess.DEVNULL, stderr=err)
    server = Server(f"http://127.0.0.1:{port}", proc, log)
    try:
        deadline = time.monotonic() + 180
        while True:
            if not server.alive():
                raise RuntimeError(f"chonai serve exited: {server.log_tail()}")
            try:
                httpx.get(f"{server.base}/api/health", timeout=10)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise RuntimeError("chonai serve did not answer in 180 s") from None
                time.sleep(0.3)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def call(client: Any, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
    """One request: status, time, whether the body is JSON, and its error code/message."""
    started = time.perf_counter()
    res = client.request(method, path, **kwargs)
    ms = round((time.perf_counter() - started) * 1000, 1)
    try:
        body = res.json()
    except ValueError:
        body = None
    out: dict[str, Any] = {"status": res.status_code, "ms": ms, "json": body is not None}
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        out["error"] = body["error"].get("code")
        out["message"] = str(body["error"].get("message", ""))[:200]
    out["body"] = body
    return out


def _brief(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k != "body"}


def clean_error(entry: dict[str, Any], status: int | tuple[int, ...]) -> bool:
    """The expected status with a JSON body (a reason), never a 500 page with a trace."""
    wanted = (status,) if isinstance(status, int) else status
    return entry["status"] in wanted and entry["json"] and entry["status"] != 500


def run_cli(argv: Sequence[str], data_dir: Path, work: Path, **env_extra: str
            ) -> dict[str, Any]:
    started = time.monotonic()
    proc = subprocess.run([*chonai_command(), *argv], cwd=work,
                          env=child_env(data_dir, **env_extra), capture_output=True, text=True,
                          timeout=STEP_TIMEOUT_S)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    return {"rc": proc.returncode, "seconds": round(time.monotonic() - started, 2),
            "stderr_lines": len(lines), "last": lines[-1][:300] if lines else "",
            "traceback": "Traceback" in proc.stderr, "stdout": proc.stdout}


def one_line_error(cli: dict[str, Any]) -> bool:
    return (cli["rc"] == 1 and cli["last"].startswith("chonai: error:")
            and not cli["traceback"])


def _cli_brief(cli: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in cli.items() if k != "stdout"}


# --------------------------------------------------------------------------- outages

def qdrant_down(work: Path) -> dict[str, Any]:
    """CHONAI_QDRANT_URL pointing at a closed port: CLI one line, server up with 503s."""
    import httpx

    url = f"http://127.0.0.1:{free_port()}"  # bound and released: nothing listens there
    data_dir = work / "qdrant-down"
    env = {"CHONAI_QDRANT_URL": url}
    cli = {"ingest": run_cli(["ingest", str(SAMPLE / AMENDED)], data_dir, work, **env),
           "search": run_cli(["search", "公印の管理"], data_dir, work, **env)}
    with serving(data_dir, work, **env) as server, \
            httpx.Client(base_url=server.base, timeout=60) as client:
        http = {"health": call(client, "GET", "/api/health"),
                "search": call(client, "POST", "/api/search", json={"query": "公印の管理"}),
                "ask": call(client, "POST", "/api/ask", json={"query": "公印の管理"}),
                "similar": call(client, "POST", "/api/ask",
                                json={"query": "公印の管理", "mode": "similar"})}
        page = client.get("/").status_code
    health = http["health"]["body"] or {}
    store = (health.get("parts") or {}).get("store", {})
    ok = (all(one_line_error(c) for c in cli.values())
          and clean_error(http["health"], 503) and health.get("status") == "down"
          and store.get("ok") is False and "down" in health and "store" in health["down"]
          and all(clean_error(http[k], 503) and http[k].get("error") == "BackendUnavailableError"
                  for k in ("search", "ask", "similar"))
          and page == 200)
    return {"url": url, "cli": {k: _cli_brief(v) for k, v in cli.items()},
            "http": {k: _brief(v) for k, v in http.items()}, "health_store": store,
            "page": page, "recovery": "not exercised: no Qdrant server binary on this machine",
            "ok": ok}


@contextlib.contextmanager
def llm_endpoint(port: int, behaviour: str) -> Iterator[None]:
    """On 127.0.0.1:`port`: 'up' is eval/llm_server.py (a real OpenAI-compatible server,
    model 'cite'); 'hang' accepts connections and never answers."""
    if behaviour == "hang":
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen(128)
        try:
            yield
        finally:
            sock.close()
        return
    from http.server import ThreadingHTTPServer

    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from eval.llm_server import Handler

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


def llm_down(health: dict[str, Any]) -> bool:
    return (health.get("parts") or {}).get("llm", {}).get("ok") is False


def llm_up(health: dict[str, Any]) -> bool:
    return (health.get("parts") or {}).get("llm", {}).get("ok") is True


LLM_QUESTION = "公印の押印を受けるにはどうすればよいですか。"
LLM_TIMEOUT_S = 2.0


def _wait_health(client: Any, accept: Callable[[dict[str, Any]], bool],
                 timeout_s: float = 30.0) -> tuple[dict[str, Any], float]:
    started = time.monotonic()
    while True:
        entry = call(client, "GET", "/api/health")
        if (entry["body"] and accept(entry["body"])) or time.monotonic() - started > timeout_s:
            return entry, round(time.monotonic() - started, 2)
        time.sleep(0.5)


def _ask_entry(client: Any) -> dict[str, Any]:
    entry = call(client, "POST", "/api/ask", json={"query": LLM_QUESTION, "mode": "answer"})
    body = entry["body"] or {}
    return {**_brief(entry), "degraded": body.get("degraded"), "generated": body.get("generated"),
            "abstained": body.get("abstained"), "notice": str(body.get("notice"))[:160]}


def _health_entry(entry: dict[str, Any]) -> dict[str, Any]:
    body = entry["body"] or {}
    return {"http": entry["status"], "status": body.get("status"),
            "llm": (body.get("parts") or {}).get("llm")}


def llm_outage(work: Path, data_dir: Path) -> dict[str, Any]:
    """The LLM endpoint down, then up, hanging, and back, on one port under a running server."""
    import httpx

    port = free_port()
    env = {"CHONAI_LLM_BASE_URL": f"http://127.0.0.1:{port}/v1", "CHONAI_LLM_MODEL": "cite",
           "CHONAI_LLM_TIMEOUT_S": str(LLM_TIMEOUT_S)}
    phases: dict[str, Any] = {}
    with serving(data_dir, work, **env) as server, \
            httpx.Client(base_url=server.base, timeout=120) as client:
        health, _ = _wait_health(client, llm_down)
        phases["down"] = {"ask": _ask_entry(client), "health": _health_entry(health)}
        with llm_endpoint(port, "up"):
            started = time.monotonic()
            health, _ = _wait_health(client, llm_up)
            ask = _ask_entry(client)
            phases["up"] = {"ask": ask, "health": _health_entry(health),
                            "recovered_after_s": round(time.monotonic() - started, 2)}
        with llm_endpoint(port, "hang"):
            first, second = _ask_entry(client), _ask_entry(client)
            health, _ = _wait_health(client, llm_down)
            phases["hanging"] = {"ask": first, "ask_again": second,
                                 "health": _health_entry(health)}
        with llm_endpoint(port, "up"):
            started = time.monotonic()
            health, _ = _wait_health(client, llm_up)
            phases["back"] = {"ask": _ask_entry(client), "health": _health_entry(health),
                              "recovered_after_s": round(time.monotonic() - started, 2)}
        alive = server.alive()

    def degraded(p: dict[str, Any]) -> bool:
        return (p["ask"]["status"] == 200 and p["ask"]["degraded"] is True
                and p["health"]["http"] == 200 and p["health"]["status"] == "degraded"
                and p["health"]["llm"]["ok"] is False)

    def generated(p: dict[str, Any]) -> bool:
        return (p["ask"]["status"] == 200 and p["ask"]["generated"] is True
                and p["health"]["status"] == "ok")

    hanging = phases["hanging"]
    ok = (alive and degraded(phases["down"]) and generated(phases["up"]) and degraded(hanging)
          and hanging["ask_again"]["degraded"] is True
          and hanging["ask"]["ms"] < (LLM_TIMEOUT_S + 5) * 1000
          and hanging["ask_again"]["ms"] < LLM_TIMEOUT_S * 1000
          and generated(phases["back"]))
    return {"timeout_s": LLM_TIMEOUT_S, "phases": phases, "ok": ok}


DISK_MB = 256


@contextlib.contextmanager
def small_filesystem(folder: Path, size_mb: int = DISK_MB) -> Iterator[tuple[Path | None, str]]:
    """(mount point, what it is) of a fresh `size_mb` filesystem, or (None, why not).

    First an ext4 image on a loop device (behaves like a real disk: a memory-mapped file's
    holes take no space until written); else tmpfs, where reading a hole through a shared
    mapping already allocates (the engine's vector files fill it sooner). Needs root.
    """
    folder.mkdir(parents=True, exist_ok=True)
    mount = folder / "mnt"
    mount.mkdir(exist_ok=True)
    image = folder / "disk.img"
    why: list[str] = []
    how = ""
    if shutil.which("mkfs.ext4") and shutil.which("mount"):
        with image.open("wb") as f:
            f.truncate(size_mb * 2**20)
        made = subprocess.run(["mkfs.ext4", "-q", "-F", "-m", "0", str(image)],
                              capture_output=True, text=True)
        mounted = made.returncode == 0 and subprocess.run(
            ["mount", "-o", "loop", str(image), str(mount)], capture_output=True,
            text=True).returncode == 0
        if mounted:
            how = f"ext4 image on a loop device, {size_mb} MiB"
        else:
            why.append(f"loop ext4: {made.stderr.strip()[:100] or 'mount refused'}")
    if not how and shutil.which("mount"):
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs",
                               str(mount)], capture_output=True, text=True)
        if done.returncode == 0:
            how = f"tmpfs, {size_mb} MiB"
        else:
            why.append(f"tmpfs: {done.stderr.strip()[:100]}")
    if not how:
        yield None, "; ".join(why) or "no mount command"
        return
    try:
        yield mount, how
    finally:
        if subprocess.run(["umount", str(mount)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mount)], capture_output=True)
        image.unlink(missing_ok=True)


def fill(folder: Path, leave_bytes: int) -> Path:
    """Write a filler file until only `leave_bytes` are free (0: until ENOSPC)."""
    import errno

    from core.storage import free_bytes

    filler = folder / f"filler-{leave_bytes}"
    block = b"\0" * 2**20
    with filler.open("ab", buffering=0) as f:
        try:
            while (room := free_bytes(folder) - leave_bytes) > 0:
                f.write(block[:min(len(block), room)])
            if leave_bytes == 0:
                while True:
                    f.write(block[:4096])
        except OSError as err:
            if err.errno != errno.ENOSPC:
                raise
    return filler


def disk_full(work: Path, files: Sequence[str] = (AMENDED,),
              extra_file: str = "みどり市職員等の旅費に関する条例.txt") -> dict[str, Any]:
    """The data dir on a small filesystem: below `min_free_mb`, then completely full."""
    import httpx

    from core.storage import MIB, free_bytes

    with small_filesystem(work / "disk") as (mount, how):
        if mount is None:
            return {"skipped": f"no disk-full simulation possible here: {how}", "ok": None}
        data_dir = mount / "var"
        corpus = work / "disk-corpus"
        corpus.mkdir(exist_ok=True)
        for name in files:
            shutil.copy2(SAMPLE / name, corpus / name)
        new_file = work / extra_file
        shutil.copy2(SAMPLE / extra_file, new_file)
        first = run_cli(["ingest", str(corpus)], data_dir, work)
        if first["rc"] != 0:
            raise RuntimeError(f"ingest on the small filesystem failed: {first['last']}")
        run_cli(["users", "add", "editor", "--role", "editor"], data_dir, work)
        key = json.loads(run_cli(["users", "key", "editor", "--json"], data_dir,
                                 work)["stdout"])["key"]
        before = snapshot(data_dir)
        phases: dict[str, Any] = {}
        fillers = []
        with serving(data_dir, work) as server, \
                httpx.Client(base_url=server.base, timeout=60,
                             headers={"X-API-Key": key}) as client:
            for phase, leave in (("below_min_free", 40 * MIB), ("full", 0)):
                fillers.append(fill(mount, leave))
                upload = call(client, "POST", "/api/documents", files=[
                    ("files", (extra_file, new_file.read_bytes(), "text/plain"))])
                phases[phase] = {
                    "free_mib": round(free_bytes(mount) / MIB, 1),
                    "health": _brief(call(client, "GET", "/api/health")),
                    "search": _brief(call(client, "POST", "/api/search",
                                          json={"query": "公印の管理"})),
                    "ask": _brief(call(client, "POST", "/api/ask",
                                       json={"query": "公印の管理", "mode": "similar"})),
                    "upload": _brief(upload),
                }
                health = call(client, "GET", "/api/health")["body"] or {}
                phases[phase]["health_disk"] = (health.get("parts") or {}).get("disk")
                phases[phase]["health_status"] = health.get("status")
            alive = server.alive()
        cli_full = run_cli(["ingest", str(new_file)], data_dir, work)
        for filler in fillers:
            filler.unlink()
        after = snapshot(data_dir)
        again = run_cli(["ingest", str(new_file)], data_dir, work)
        final = snapshot(data_dir)
    unchanged = differences(before, after)
    problems = {k: v for k, v in invariants(final).items() if v}
    below, full = phases["below_min_free"], phases["full"]
    ok = (alive and one_line_error(cli_full) and "free" in cli_full["last"]
          and clean_error(below["upload"], 507) and clean_error(full["upload"], 507)
          and below["search"]["status"] == 200 and below["ask"]["status"] == 200
          and clean_error(full["search"], (200, 507)) and clean_error(full["ask"], (200, 507))
          and below["health_status"] == "degraded" and below["health_disk"]["ok"] is False
          and full["health_status"] == "down" and full["health"]["status"] == 503
          and not any(unchanged.values()) and again["rc"] == 0 and not problems
          and len(final["documents"]) == len(before["documents"]) + 1)
    return {"how": how, "phases": phases, "server_alive": alive,
            "cli_ingest_when_full": _cli_brief(cli_full), "unchanged": unchanged,
            "reingest_after_freeing": _cli_brief(again), "final_problems": problems, "ok": ok}


# --------------------------------------------------------------------------- load and soak

LOAD_MIX = (("search", "/api/search", {"top_k": 5}),
            ("ask similar", "/api/ask", {"mode": "similar"}),
            ("ask answer", "/api/ask", {"mode": "answer"}))
MAX_PER_CLIENT = 100_000  # the loop is bounded by time and by this count


def load(work: Path, *, files: Sequence[str] | None, clients: int, seconds: float,
         soak_minutes: float = 0.0, soak_clients: int | None = None,
         progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """`clients` concurrent HTTP clients for `seconds` against `chonai serve` over a corpus
    (None: the whole sample corpus); then, if asked, a soak sampling the server's RSS."""
    from eval.bench.service import concurrent_load, rss_mib
    from eval.quality.datasets import load_dataset

    say = progress or (lambda _m: None)
    data_dir = work / "load"
    corpus = SAMPLE
    if files is not None:
        corpus = work / "load-corpus"
        corpus.mkdir(exist_ok=True)
        for name in files:
            shutil.copy2(SAMPLE / name, corpus / name)
    ingest = run_cli(["ingest", str(corpus)], data_dir, work)
    if ingest["rc"] != 0:
        raise RuntimeError(f"ingest for the load test failed: {ingest['last']}")
    queries = [q.query for q in load_dataset(REPO / "data" / "sample" / "eval.jsonl").questions]
    out: dict[str, Any] = {"corpus": "sample corpus" if files is None else list(files),
                           "ingest_s": ingest["seconds"]}
    with serving(data_dir, work) as server:
        import httpx

        with httpx.Client(base_url=server.base, timeout=120) as client:
            for _name, path, body in LOAD_MIX:  # warm-up
                client.post(path, json={"query": queries[0], **body})
        out["rss_mib_before"] = rss_mib(server.proc.pid)["VmRSS"]
        say(f"load: {clients} clients × {seconds:.0f} s …")
        out["load"] = concurrent_load(server.base, queries, clients=clients, seconds=seconds,
                                      requests=LOAD_MIX, max_per_client=MAX_PER_CLIENT)
        mem = rss_mib(server.proc.pid)
        out["rss_mib_after"], out["rss_mib_peak"] = mem["VmRSS"], mem["VmHWM"]
        if soak_minutes > 0:
            say(f"soak: {soak_minutes:g} min …")
            out["soak"] = soak(server, queries, minutes=soak_minutes,
                               clients=soak_clients or clients)
        out["server_alive"] = server.alive()
    out["ok"] = (out["server_alive"] and out["load"]["errors"] == 0
                 and out["load"]["requests"] > 0
                 and ("soak" not in out or out["soak"]["flat"]))
    return out


SOAK_SAMPLE_S = 5.0
SOAK_TOLERANCE = 0.10  # flat: end RSS within 10 % of the RSS right after warm-up


def soak(server: Server, queries: Sequence[str], *, minutes: float, clients: int
         ) -> dict[str, Any]:
    """Load for `minutes`, RSS sampled every SOAK_SAMPLE_S. Warm-up is the first 10 % (at least
    60 s, at most half); flat when the median of the last 3 samples is within SOAK_TOLERANCE of
    the median of the first 3 after warm-up. The slope is a least-squares fit, MiB/min."""
    from eval.bench.service import concurrent_load, rss_mib

    samples: list[tuple[float, float]] = []
    stop = threading.Event()
    started = time.monotonic()

    def sample() -> None:
        while not stop.wait(SOAK_SAMPLE_S):
            with contextlib.suppress(OSError):
                samples.append((time.monotonic() - started, rss_mib(server.proc.pid)["VmRSS"]))

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    result = concurrent_load(server.base, queries, clients=clients, seconds=minutes * 60,
                             requests=LOAD_MIX, max_per_client=MAX_PER_CLIENT)
    stop.set()
    thread.join()
    total = time.monotonic() - started
    warm_s = min(max(60.0, 0.1 * total), total / 2)
    after = [(t, r) for t, r in samples if t >= warm_s] or samples
    rss = [r for _, r in after]
    baseline = statistics.median(rss[:3])
    end = statistics.median(rss[-3:])
    slope = 0.0
    if len(after) > 1:
        mean_t = statistics.fmean(t for t, _ in after)
        mean_r = statistics.fmean(rss)
        var = sum((t - mean_t) ** 2 for t, _ in after)
        slope = 60 * sum((t - mean_t) * (r - mean_r) for t, r in after) / var if var else 0.0
    return {"minutes": minutes, "clients": clients, "warmup_s": round(warm_s),
            "samples": len(samples), "requests": result["requests"],
            "errors": result["errors"], "rss_mib_start": samples[0][1] if samples else None,
            "rss_mib_after_warmup": baseline, "rss_mib_end": end,
            "rss_mib_max": max(r for _, r in samples) if samples else None,
            "slope_mib_per_min": round(slope, 2),
            "flat": end <= baseline * (1 + SOAK_TOLERANCE) and result["errors"] == 0,
            "criterion": f"end RSS ≤ RSS after warm-up + {SOAK_TOLERANCE:.0%}, no errors",
            "series": [[round(t), r] for t, r in samples]}


# --------------------------------------------------------------------------- run and report

SECTIONS = ("crash", "outages", "load", "backup")
TINY_FAQ_ROWS = 6


def run(out_dir: Path | None, *, quick: bool = False, clients: int = 50, seconds: float = 60,
        soak_minutes: float = 0.0, sections: Sequence[str] = SECTIONS, seed: int = 9,
        progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """All sections; `quick` runs fewer crashes on a smaller corpus and a short load.

    Returns {"summary": [[label, value], …], "ok": bool, section: details, …}; with `out_dir`
    the result is also written to out_dir/reliability.json.
    """
    say = progress or (lambda _m: None)
    work = Path(tempfile.mkdtemp(prefix="chonai-reliability-"))
    result: dict[str, Any] = {"date_utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
                              "quick": quick, "cpus": os.cpu_count(),
                              "load_avg_1m_at_start": round(os.getloadavg()[0], 2)}
    try:
        if "crash" in sections:
            say("crash runs …")
            crash_work = work / "crash"
            crash_work.mkdir()
            if quick:
                result["crash"] = crash_runs(crash_work, runs=3, seed=seed, boundaries="last",
                                             files=(AMENDED, "みどり市職員FAQ.csv"),
                                             faq_rows=TINY_FAQ_ROWS, progress=say)
            else:
                result["crash"] = crash_runs(crash_work, runs=8, seed=seed, boundaries="all",
                                             progress=say)
        if "outages" in sections:
            say("outages: Qdrant down …")
            result["qdrant_down"] = qdrant_down(work)
            say("outages: LLM down / hanging / back …")
            llm_dir = work / "llm-data"
            corpus = work / "llm-corpus"
            corpus.mkdir()
            shutil.copy2(SAMPLE / AMENDED, corpus / AMENDED)
            if run_cli(["ingest", str(corpus)], llm_dir, work)["rc"] != 0:
                raise RuntimeError("ingest for the LLM outage failed")
            result["llm_outage"] = llm_outage(work, llm_dir)
            say("outages: disk full …")
            result["disk_full"] = disk_full(work)
        if "load" in sections:
            result["load"] = load(
                work, files=(AMENDED, "みどり市職員FAQ.csv") if quick else None,
                clients=min(clients, 10) if quick else clients,
                seconds=min(seconds, 10) if quick else seconds, soak_minutes=soak_minutes,
                progress=say)
        if "backup" in sections:  # backup/restore round trip, 0.1.0 migration
            result["ops"] = run_ops(work, say)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result["summary"] = summary(result)
    checks = [result[k]["ok"] for k in ("crash", "qdrant_down", "llm_outage", "disk_full",
                                          "load", "ops") if k in result]
    result["ok"] = all(c is not False for c in checks) and bool(checks)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "reliability.json").write_text(
            json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return result


def _mark(ok: bool | None) -> str:
    return "skipped" if ok is None else ("ok" if ok else "FAILED")


def summary(result: dict[str, Any]) -> list[list[str]]:
    rows: list[list[str]] = []
    if "crash" in result:
        c = result["crash"]
        rows += [
            ["crash: runs killed (random time / write boundary)",
             f"{c['killed']}/{len(c['runs'])} ({c['time_kills']} / {c['write_kills']})"],
            ["crash: final state ≠ clean ingest (ids, payloads, rows)", str(c["mismatches"])],
            ["crash: duplicate chunks found", str(c["duplicates"])],
            ["crash: orphans (points, versions, documents)", str(c["orphans"])],
            ["crash: store failed to open after kill", str(c["store_open_errors"])],
            ["crash: re-run median / clean ingest",
             f"{c['rerun_s_median']} s / {c['clean']['seconds']} s "
             f"({c['clean']['points']} points)"],
            ["crash", _mark(c["ok"])],
        ]
    if "qdrant_down" in result:
        q = result["qdrant_down"]
        http = q["http"]
        rows.append(["Qdrant unreachable: CLI / health / search / ask",
                     f"exit {q['cli']['ingest']['rc']} one line / {http['health']['status']} "
                     f"{((q['health_store'] or {}).get('ok') is False and 'store down') or '?'} / "
                     f"{http['search']['status']} / {http['ask']['status']}; "
                     f"{_mark(q['ok'])}"])
    if "llm_outage" in result:
        p = result["llm_outage"]["phases"]
        rows.append(["LLM down / up / hanging (2nd ask) / back",
                     f"{p['down']['ask']['status']} degraded / {p['up']['ask']['status']} "
                     f"generated after {p['up']['recovered_after_s']} s / "
                     f"{p['hanging']['ask']['ms']:.0f} ms ({p['hanging']['ask_again']['ms']:.0f}"
                     f" ms) degraded / generated after {p['back']['recovered_after_s']} s; "
                     f"{_mark(result['llm_outage']['ok'])}"])
    if "disk_full" in result:
        d = result["disk_full"]
        if d.get("skipped"):
            rows.append(["disk full", d["skipped"]])
        else:
            below, full = d["phases"]["below_min_free"], d["phases"]["full"]
            rows.append([f"disk full ({d['how']}): upload / search / ask, CLI ingest",
                         f"<min: {below['upload']['status']} / {below['search']['status']} / "
                         f"{below['ask']['status']}; full: {full['upload']['status']} / "
                         f"{full['search']['status']} / {full['ask']['status']}; CLI exit "
                         f"{d['cli_ingest_when_full']['rc']} one line"])
            rows.append(["disk full: store/catalog unchanged, re-ingest after freeing",
                         f"{'yes' if not any(d['unchanged'].values()) else 'NO'}, exit "
                         f"{d['reingest_after_freeing']['rc']}; {_mark(d['ok'])}"])
    if "load" in result:
        lo = result["load"]
        ld = lo["load"]
        rows.append([f"load: {ld['clients']} clients × {ld['seconds']} s (search/similar/answer)",
                     f"{ld['requests']} requests, {ld['errors']} errors, {ld['req_per_s']} req/s"
                     f", p50 {ld['p50_ms']} ms, p95 {ld['p95_ms']} ms"])
        for name, k in (ld.get("by_kind") or {}).items():
            rows.append([f"load: {name}", f"{k['requests']} ok, {k['errors']} errors, "
                                          f"p50 {k['p50_ms']} ms, p95 {k['p95_ms']} ms"])
        rows.append(["load: server RSS before / after / peak",
                     f"{lo['rss_mib_before']} / {lo['rss_mib_after']} / {lo['rss_mib_peak']} MiB"
                     f"; {_mark(lo['ok'])}"])
        if "soak" in lo:
            s = lo["soak"]
            rows.append([f"soak: {s['minutes']:g} min, RSS after warm-up / end / max",
                         f"{s['rss_mib_after_warmup']} / {s['rss_mib_end']} / {s['rss_mib_max']}"
                         f" MiB, slope {s['slope_mib_per_min']} MiB/min, {s['errors']} errors; "
                         f"{'flat' if s['flat'] else 'NOT flat'}"])
    if "ops" in result:
        rows += ops_summary_rows(result["ops"])
    return rows



# --------------------------------------------------------------------------- day-2 operations
# a backup/restore round trip next to a running `chonai serve`, and the start-up migration of a
# database written by chonai 0.1.0 (run alone: --only backup)

LEGACY_DB = REPO / "tests" / "db" / "data" / "chonai-0.1.0.db"
OPS_QUERIES = ("公印の保管責任者は誰か", "出張の日当はいくら", "年次有給休暇は何日",
               "文書の保存期間")
OPS_FILES = (AMENDED, "みどり市職員等の旅費に関する条例.txt", "みどり市職員FAQ.csv")
OPS_TABLES = ("documents", "versions", "duplicates", "query_log", "users", "api_keys", "audit_log",
          "feedback", "sessions", "audit_anchor", "ingest_intents")


def _ops_hits(body: dict[str, Any]) -> list[tuple[str, float]]:
    return [(h["chunk_id"], round(h["score"], 6)) for h in body["results"]]


def backup_round_trip(work: Path) -> dict[str, Any]:
    """Serve, ask while `chonai backup` runs, restore into a new dir: the same hits and scores,
    a verified audit chain; a restore into the live dir is refused with one line."""
    import httpx

    data_dir, corpus = work / "bk-data", work / "bk-corpus"
    corpus.mkdir()
    for name in OPS_FILES:
        shutil.copy2(SAMPLE / name, corpus / name)
    if run_cli(["ingest", str(corpus)], data_dir, work)["rc"] != 0:
        raise RuntimeError("ingest for the backup round trip failed")
    archive = work / "chonai-backup.tar.gz"
    errors: list[int] = []
    with serving(data_dir, work) as server, httpx.Client(base_url=server.base,
                                                         timeout=120) as client:
        stop = threading.Event()

        def asking() -> None:  # questions keep coming while the backup runs
            while not stop.is_set():
                res = call(client, "POST", "/api/ask", json={"query": OPS_QUERIES[0]})
                if res["status"] != 200:
                    errors.append(res["status"])

        thread = threading.Thread(target=asking)
        thread.start()
        try:
            backup = run_cli(["backup", "--out", str(archive), "--json"], data_dir, work)
        finally:
            stop.set()
            thread.join()
        live = {q: _ops_hits(call(client, "POST", "/api/search", json={"query": q, "top_k": 8}
                              )["body"]) for q in OPS_QUERIES}
        into_live = run_cli(["restore", str(archive)], data_dir, work)
    restored = work / "bk-restored"
    restore = run_cli(["restore", str(archive), "--json"], restored, work)
    same = 0
    for q in OPS_QUERIES:
        out = run_cli(["search", q, "--top-k", "8", "--json"], restored, work)
        if out["rc"] == 0 and _ops_hits(json.loads(out["stdout"])) == live[q] and live[q]:
            same += 1
    verify = run_cli(["audit", "verify", "--json"], restored, work)
    verified = verify["rc"] == 0 and json.loads(verify["stdout"]).get("ok") is True
    stats = json.loads(backup["stdout"]) if backup["rc"] == 0 else {}
    result = {
        "backup": {"rc": backup["rc"], "seconds": backup["seconds"], "last": backup["last"],
                   "bytes": stats.get("bytes"), "gate_held_s": stats.get("gate_held_s")},
        "asks_during_backup_errors": len(errors),
        "restore": {"rc": restore["rc"], "seconds": restore["seconds"], "last": restore["last"]},
        "queries_identical": f"{same}/{len(OPS_QUERIES)}",
        "audit_verified": verified,
        "restore_into_live_dir": {"rc": into_live["rc"], "last": into_live["last"],
                                  "one_line": into_live["stderr_lines"] == 1
                                  and not into_live["traceback"]},
    }
    result["ok"] = (backup["rc"] == 0 and restore["rc"] == 0 and same == len(OPS_QUERIES)
                    and verified and not errors and into_live["rc"] == 1
                    and result["restore_into_live_dir"]["one_line"])
    return result


def _table_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in OPS_TABLES}


def migration(work: Path) -> dict[str, Any]:
    """A 0.1.0 database in a data dir: the first command upgrades it; every row stays."""
    data_dir = work / "mig-data"
    data_dir.mkdir()
    shutil.copy2(LEGACY_DB, data_dir / "chonai.db")
    before = _table_counts(data_dir / "chonai.db")
    started = time.monotonic()
    listed = run_cli(["documents", "list", "--json"], data_dir, work)
    seconds = round(time.monotonic() - started, 2)
    current = run_cli(["db", "current", "--json"], data_dir, work)
    verify = run_cli(["audit", "verify", "--json"], data_dir, work)
    after = _table_counts(data_dir / "chonai.db")
    revision = json.loads(current["stdout"]) if current["rc"] == 0 else {}
    lost = sum(max(0, before[t] - after[t]) for t in OPS_TABLES)
    result = {"rows_before": sum(before.values()), "rows_after": sum(after.values()),
              "rows_lost": lost, "revision": revision.get("revision"),
              "head": revision.get("head"), "first_command_s": seconds,
              "documents_listed": len(json.loads(listed["stdout"])["documents"])
              if listed["rc"] == 0 else None,
              "audit_verified": verify["rc"] == 0}
    result["ok"] = (listed["rc"] == 0 and lost == 0 and result["revision"] == result["head"]
                    and result["audit_verified"])
    return result


def run_ops(work: Path, say: Any) -> dict[str, Any]:
    say("ops: backup/restore round trip next to a running server …")
    out = {"backup_restore": backup_round_trip(work)}
    say("ops: migration of a 0.1.0 database …")
    out["migration"] = migration(work)
    out["ok"] = all(v["ok"] for v in out.values())
    return out


def ops_summary_rows(ops: dict[str, Any]) -> list[list[str]]:
    b, m = ops["backup_restore"], ops["migration"]
    return [
        ["backup while serving (asks meanwhile: errors) / restore",
         f"exit {b['backup']['rc']} in {b['backup']['seconds']} s, writes paused "
         f"{b['backup']['gate_held_s']} s ({b['asks_during_backup_errors']} errors) / exit "
         f"{b['restore']['rc']} in {b['restore']['seconds']} s"],
        ["restore: identical hits+scores / audit chain verified / into live dir",
         f"{b['queries_identical']} / {'yes' if b['audit_verified'] else 'NO'} / exit "
         f"{b['restore_into_live_dir']['rc']} one line; {_mark(b['ok'])}"],
        ["migration 0.1.0 → newest: rows lost / revision / audit verified",
         f"{m['rows_lost']} of {m['rows_before']} / {m['revision']} (newest {m['head']}) / "
         f"{'yes' if m['audit_verified'] else 'NO'}; {_mark(m['ok'])}"],
    ]


def format_table(rows: Sequence[Sequence[str]]) -> str:
    width = max((len(r[0]) for r in rows), default=0)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in rows)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == [KILL_HOOK]:
        return kill_at_write(int(args_list[1]), args_list[2:])
    parser = argparse.ArgumentParser(prog="python -m eval.reliability.drills", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="3 random + last-step boundary crashes on 2 files, 10 clients × 10 s")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the full result here")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--soak-minutes", type=float, default=0.0)
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help="comma-separated sections: " + ",".join(SECTIONS))
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args(args_list)
    sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    result = run(None, quick=args.quick, clients=args.clients, seconds=args.seconds,
                 soak_minutes=args.soak_minutes, sections=sections, seed=args.seed,
                 progress=lambda m: print(m, file=sys.stderr, flush=True))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(format_table([*result["summary"], ["overall", _mark(result["ok"])]]))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
