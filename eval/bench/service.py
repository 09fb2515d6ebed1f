"""Service benchmark: ingestion throughput, server RSS, answer latency per mode, concurrent load.

Runs the real parts end to end: ingests the sample corpus into a fresh data dir (cold
embedding cache), starts `chonai serve` (uvicorn) on 127.0.0.1, then measures over HTTP.

    python -m eval.bench.service [--clients 10] [--seconds 20] [--doc docs/BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eval.bench.docsection import replace_section
from eval.quality.metrics import percentile

REPO = Path(__file__).resolve().parents[2]
START = "<!-- bench-service:start -->"
END = "<!-- bench-service:end -->"


def ingest_throughput(data_dir: Path, corpus: Path) -> dict[str, Any]:
    from core.settings import Settings
    from index.ingest import ConsoleEvents, ingest_files
    from ingest.pipeline import discover
    from services.build import build_services

    started = time.perf_counter()
    services = build_services(Settings(data_dir=data_dir, _env_file=None))
    load_s = time.perf_counter() - started
    try:
        files = discover([corpus])
        started = time.perf_counter()
        report = ingest_files(services.indexer, files,
                              max_bytes=services.settings.max_upload_bytes,
                              events=ConsoleEvents())
        seconds = time.perf_counter() - started
    finally:
        services.close()
    return {"files": len(files), "chunks": report["chunks"], "seconds": round(seconds, 1),
            "chunks_per_s": round(report["chunks"] / seconds, 1), "model_load_s": round(load_s, 1),
            "errors": len(report["errors"])}


def rss_mib(pid: int) -> dict[str, float]:
    """Resident set size now and at its peak (VmHWM), MiB, from /proc (Linux)."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = round(int(value.split()[0]) / 1024, 1)
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    # the load test is many requests from one address: the rate limit would answer 429
    env = {**os.environ, "CHONAI_DATA_DIR": str(data_dir), "CHONAI_RATE_LIMIT_PER_MINUTE": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port)],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    import httpx

    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-500:]}"
                               if proc.stderr else "server exited")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("server did not become healthy in 180 s")


def sequential_latency(base: str, queries: Sequence[str], n: int) -> dict[str, Any]:
    """Each endpoint gets its own `n` questions (fewer when the set is short), so none is timed
    on a question whose embedding the server has cached from another endpoint's turn."""
    import httpx

    out: dict[str, Any] = {}
    n = max(1, min(n, len(queries) // 3))
    with httpx.Client(base_url=base, timeout=60) as client:
        for turn, (name, path, body) in enumerate((
                ("search", "/api/search", {"top_k": 5}),
                ("ask answer", "/api/ask", {"mode": "answer"}),
                ("ask similar", "/api/ask", {"mode": "similar"}))):
            mine = queries[turn * n:(turn + 1) * n]
            client.post(path, json={"query": "庁舎の開庁時間は？", **body})  # warm-up
            ms = []
            for query in mine:
                started = time.perf_counter()
                response = client.post(path, json={"query": query, **body})
                ms.append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
            out[name] = {"n": len(ms), "p50_ms": round(percentile(ms, 50), 1),
                         "p95_ms": round(percentile(ms, 95), 1)}
    return out


ASK_ANSWER = ("ask answer", "/api/ask", {"mode": "answer"})


def concurrent_load(base: str, queries: Sequence[str], *, clients: int, seconds: float,
                    requests: Sequence[tuple[str, str, dict[str, Any]]] = (ASK_ANSWER,),
                    max_per_client: int | None = None) -> dict[str, Any]:
    """`clients` threads, each one HTTP connection, asking in a loop until the deadline (or
    `max_per_client` requests); request i of a client is `requests[i % len(requests)]`, given
    as (name, path, extra body). Latency percentiles overall and per name."""
    import httpx

    latencies: dict[str, list[float]] = {name: [] for name, _, _ in requests}
    errors: list[tuple[str, str]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(offset: int) -> None:
        with httpx.Client(base_url=base, timeout=120) as client:
            i = offset
            while time.monotonic() < deadline and (max_per_client is None
                                                   or i - offset < max_per_client):
                name, path, body = requests[i % len(requests)]
                started = time.perf_counter()
                try:
                    response = client.post(path, json={"query": queries[i % len(queries)],
                                                       **body})
                    ok = response.status_code == 200
                    err = "" if ok else f"HTTP {response.status_code} {response.text[:200]}"
                except httpx.HTTPError as exc:
                    ok, err = False, type(exc).__name__
                ms = (time.perf_counter() - started) * 1000
                with lock:
                    (latencies[name].append(ms) if ok else errors.append((name, err)))
                i += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n * 7,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    every = [ms for values in latencies.values() for ms in values]
    out: dict[str, Any] = {
        "clients": clients, "seconds": round(wall, 1), "requests": len(every),
        "errors": len(errors), "req_per_s": round(len(every) / wall, 2),
        "p50_ms": round(percentile(every, 50), 1), "p95_ms": round(percentile(every, 95), 1),
        "p99_ms": round(percentile(every, 99), 1)}
    if len(requests) > 1:
        out["by_kind"] = {name: {"requests": len(ms),
                                 "errors": sum(1 for n, _ in errors if n == name),
                                 "p50_ms": round(percentile(ms, 50), 1) if ms else None,
                                 "p95_ms": round(percentile(ms, 95), 1) if ms else None}
                          for name, ms in latencies.items()}
        out["error_samples"] = sorted({f"{n}: {e}" for n, e in errors})[:5]
    return out


def run(*, clients: int, seconds: float, data_dir: Path | None, n_queries: int
        ) -> dict[str, Any]:
    from eval.quality.datasets import load_dataset

    queries = [q.query for q in load_dataset(REPO / "data" / "sample" / "eval.jsonl").questions]
    tmp = None
    if data_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="chonai-bench-")
        data_dir = Path(tmp.name)
    result: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(terse=True),
                    "load_avg_1m_at_start": round(os.getloadavg()[0], 2)},
        "date_utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
    }
    print("ingesting the sample corpus (cold embedding cache) …", file=sys.stderr)
    result["ingest"] = ingest_throughput(data_dir, REPO / "data" / "sample" / "corpus")
    port = _free_port()
    server = start_server(data_dir, port)
    base = f"http://127.0.0.1:{port}"
    try:
        result["rss_mib_idle"] = rss_mib(server.pid)["VmRSS"]
        print("sequential latency …", file=sys.stderr)
        result["latency"] = sequential_latency(base, queries, n_queries)
        print(f"concurrent load: {clients} clients × {seconds:.0f} s …", file=sys.stderr)
        result["load"] = concurrent_load(base, queries, clients=clients, seconds=seconds)
        mem = rss_mib(server.pid)
        result["rss_mib_after_load"] = mem["VmRSS"]
        result["rss_mib_peak"] = mem["VmHWM"]
    finally:
        server.terminate()
        server.wait(timeout=30)
        if tmp is not None:
            tmp.cleanup()
    return result


def markdown(result: dict[str, Any], command: str) -> str:
    ing, load, lat = result["ingest"], result["load"], result["latency"]
    rows = [
        ("ingest, sample corpus (cold cache)", f"{ing['chunks']} chunks in {ing['seconds']} s "
         f"= **{ing['chunks_per_s']} chunks/s** ({ing['files']} files)"),
        ("server RSS idle / after load / peak",
         f"{result['rss_mib_idle']} / {result['rss_mib_after_load']} / "
         f"{result['rss_mib_peak']} MiB"),
        *((f"latency {name} (sequential, n={v['n']})",
           f"p50 {v['p50_ms']} ms, p95 {v['p95_ms']} ms") for name, v in lat.items()),
        (f"load: {load['clients']} clients × {load['seconds']} s, /api/ask answer",
         f"**{load['req_per_s']} req/s**, {load['requests']} ok, {load['errors']} errors; "
         f"p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms, p99 {load['p99_ms']} ms"),
    ]
    machine = result["machine"]
    lines = [START, "## Service benchmarks (issue 8: ingestion, memory, answer latency, load)",
             "", f"`{command}` — {result['date_utc']} UTC, {machine['cpus']} CPUs, "
             f"Python {machine['python']}, load average {machine['load_avg_1m_at_start']} at "
             "start (the machine is shared: treat figures as lower bounds).", "",
             "Sequential latency: each endpoint is timed on its own questions of the sample "
             "set, over HTTP to `chonai serve`. The load loops over the 94 sample questions, so "
             "after the first round their query embeddings come from the server's query cache, "
             "as repeated staff questions do.", "",
             "| measure | result |", "|---|---|",
             *(f"| {a} | {b} |" for a, b in rows), "",
             "<details><summary>JSON</summary>", "", "```json",
             json.dumps(result, ensure_ascii=False, indent=1), "```", "", "</details>", END]
    return "\n".join(lines)


def update_doc(path: Path, section: str) -> None:
    """Replace this benchmark's own section (between the markers) or append it."""
    replace_section(path, section, START, END)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.bench.service", description=__doc__)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--queries", type=int, default=30, help="for the sequential latency")
    parser.add_argument("--data-dir", type=Path, help="default: a fresh temporary folder")
    parser.add_argument("--out", type=Path, default=REPO / "var" / "bench" / "service.json")
    parser.add_argument("--doc", type=Path, help="append/replace the section in this Markdown")
    args = parser.parse_args(argv)
    result = run(clients=args.clients, seconds=args.seconds, data_dir=args.data_dir,
                 n_queries=args.queries)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    command = "make bench-service"
    section = markdown(result, command)
    if args.doc:
        update_doc(args.doc, section)
    print(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
