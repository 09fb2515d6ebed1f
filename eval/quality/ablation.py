"""Ablation of the retrieval parts on one data dir: dense, sparse, hybrid, + QA-aware, + synonyms
(+ rerank when CHONAI_RERANKER is set), each scored on all / even / odd question ids.

    .venv/bin/python -m eval.quality.ablation --dataset ../shared/datasets/localgovfaq_amagasaki \\
        --data-dir var/lgf [--out var/ablation-lgf.json]
    .venv/bin/python -m eval.quality.ablation --dataset data/sample/eval.jsonl \\
        --corpus data/sample/corpus --data-dir var/sample

The corpus is ingested through the normal path once (cached embeddings make re-runs cheap); the
configurations then differ only in the Searcher's settings. Query embeddings are memoised across
configurations (same model, same text, same vector), which changes no score.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from core.settings import Settings
from eval.quality.datasets import load_dataset
from eval.quality.runner import _ingest_corpus, _run
from retrieval.search import Synonyms

METRICS = ("ndcg@10", "p@1", "recall@10", "mrr@10", "map")


@dataclass(frozen=True)
class Config:
    name: str
    mode: str
    qa_aware: bool
    synonyms: bool
    fusion: str = "dbsf"
    rerank: bool = False


CONFIGS = (
    Config("dense only", "dense", qa_aware=False, synonyms=False),
    Config("sparse only", "sparse", qa_aware=False, synonyms=False),
    Config("hybrid RRF", "hybrid", qa_aware=False, synonyms=False, fusion="rrf"),
    Config("hybrid DBSF", "hybrid", qa_aware=False, synonyms=False),
    Config("+ QA-aware, RRF", "hybrid", qa_aware=True, synonyms=False, fusion="rrf"),
    Config("+ QA-aware", "hybrid", qa_aware=True, synonyms=False),
    Config("+ synonyms", "hybrid", qa_aware=True, synonyms=True),
    Config("+ rerank", "hybrid", qa_aware=True, synonyms=True, rerank=True),
)


class MemoQueries:
    """Wraps an Embedder: query embeddings are computed once per text."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self._memo: dict[str, np.ndarray] = {}

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if missing:
            for text, row in zip(missing, self._inner.embed_queries(missing), strict=True):
                self._memo[text] = row
        return np.vstack([self._memo[t] for t in texts])

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._inner.embed_passages(texts)


def scores_of(report: dict[str, Any]) -> dict[str, dict[str, float]]:
    out = {"all": {m: report["summary"][m] for m in METRICS}}
    for part, values in report["breakdown"].get("parity", {}).items():
        out[part] = {m: values[m] for m in METRICS}
    return out


def run_ablation(dataset_path: Path, *, settings: Settings, corpus: Path | None = None,
                 configs: Sequence[Config] = CONFIGS) -> list[dict[str, Any]]:
    from index.ingest import ConsoleEvents, ingest_files
    from ingest.pipeline import discover
    from services.build import build_services

    dataset = load_dataset(dataset_path)
    services = build_services(settings)
    try:
        if corpus is not None:
            report = ingest_files(services.indexer, discover([corpus]),
                                  max_bytes=settings.max_upload_bytes, events=ConsoleEvents())
            if report["errors"]:
                raise SystemExit(f"ingest errors: {report['errors']}")
        if dataset.corpus_path is not None:
            _ingest_corpus(services, dataset, "article")
        searcher = services.searcher
        searcher.embedder = MemoQueries(searcher.embedder)
        full_synonyms, no_synonyms = searcher.synonyms, Synonyms({})
        reranker = searcher.reranker
        rows = []
        for config in configs:
            if config.rerank and reranker is None:
                rows.append({"config": config.name, "scores": None,
                             "note": "n/a: no cross-encoder (CHONAI_RERANKER unset)"})
                continue
            searcher.mode = config.mode
            searcher.fusion = config.fusion
            searcher.weights = None
            searcher.qa_aware = config.qa_aware
            searcher.synonyms = full_synonyms if config.synonyms else no_synonyms
            searcher.reranker = reranker if config.rerank else None
            report = _run(dataset, services, top_k=10, report_dir=None, granularity="article",
                          answer_mode=False)
            row = {"config": config.name, "scores": scores_of(report),
                   "latency_p50_ms": report["summary"]["latency_p50_ms"]}
            rows.append(row)
            print(f"{config.name:<16} " + "  ".join(
                f"{part} {row['scores'][part]['ndcg@10']:.4f}" for part in row["scores"]),
                file=sys.stderr, flush=True)
        return rows
    finally:
        services.close()


def markdown(rows: Sequence[dict[str, Any]], parts: Sequence[str] = ("odd", "even", "all")
             ) -> str:
    head = "| configuration | " + " | ".join(f"nDCG@10 {p}" for p in parts) + \
        " | P@1 | R@10 | MRR@10 | MAP |"
    lines = [head, "|" + "---|" * (len(parts) + 5)]
    for row in rows:
        if row["scores"] is None:
            lines.append(f"| {row['config']} | " + " | ".join("n/a" for _ in parts) +
                         " | n/a | n/a | n/a | n/a |")
            continue
        s = row["scores"]
        cells = [f"{s[p]['ndcg@10']:.3f}" if p in s else "–" for p in parts]
        cells += [f"{s['all'][m]:.3f}" for m in ("p@1", "recall@10", "mrr@10", "map")]
        lines.append(f"| {row['config']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="retrieval ablation")
    parser.add_argument("--dataset", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, help="folder to ingest first (sample corpus)")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--only", help="comma-separated config names to run")
    args = parser.parse_args(argv)
    settings = Settings(data_dir=args.data_dir)
    configs = CONFIGS if not args.only else tuple(
        c for c in CONFIGS if c.name in args.only.split(","))
    rows = run_ablation(args.dataset, settings=settings, corpus=args.corpus, configs=configs)
    print(markdown(rows))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
