"""Run a labeled question set through the normal search + answer path and score it."""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from core.settings import Settings
from core.types import Hit
from eval import metrics
from eval.datasets import Dataset, Label, Question, graded_gains, label_matches, load_dataset
from retrieval.answer import best_cosine, should_abstain
from retrieval.search import SearchRequest

RANK_METRICS = ("p@1", "recall@5", "recall@10", "mrr@10", "ndcg@10", "map")


def labels_found(labels: Sequence[Label], hits: Sequence[Hit]) -> int:
    return sum(1 for label in labels if any(label_matches(label, h) for h in hits))


def score_question(question: Question, hits: Sequence[Hit]) -> dict[str, float]:
    gains = graded_gains(question.labels, hits)
    n = len(question.labels)
    return {
        "p@1": metrics.precision_at_1(gains),
        "recall@5": labels_found(question.labels, hits[:5]) / n,
        "recall@10": labels_found(question.labels, hits[:10]) / n,
        "mrr@10": metrics.mrr_at_k(gains, 10),
        "ndcg@10": metrics.ndcg_at_k(gains, [lb.grade for lb in question.labels], 10),
        "map": metrics.average_precision(gains, n),
    }


def mean_scores(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    if not rows:
        return {}
    return {m: round(sum(r[m] for r in rows) / len(rows), 4) for m in RANK_METRICS}


def run_eval(dataset_path: Path, *, settings: Settings, top_k: int = 10,
             granularity: str = "article", report_dir: Path | None = None,
             services: Any = None) -> dict[str, Any]:
    from retrieval.services import build_services

    dataset = load_dataset(dataset_path)
    own = services is None
    services = services or build_services(settings)
    try:
        if dataset.corpus_path is not None:
            _ingest_corpus(services, dataset, granularity)
        return _run(dataset, services, top_k=max(top_k, 10), report_dir=report_dir,
                    granularity=granularity)
    finally:
        if own:
            services.close()


def _ingest_corpus(services: Any, dataset: Dataset, granularity: str) -> None:
    import hashlib

    from ingest.faq import parse_faq_json

    assert dataset.corpus_path is not None
    content = dataset.corpus_path.read_bytes()
    doc = parse_faq_json(content, title=dataset.corpus_path.stem)
    print(f"ingesting {dataset.corpus_path} ({len(doc.chunks)} QAs) …", file=sys.stderr)
    services.indexer.ingest(doc, content_sha256=hashlib.sha256(content).hexdigest(),
                            source_name=dataset.corpus_path.name,
                            granularity="qa" if granularity == "article" else granularity)


def _run(dataset: Dataset, services: Any, *, top_k: int, report_dir: Path | None,
         granularity: str) -> dict[str, Any]:
    from tqdm import tqdm

    threshold = services.answerer.abstain_threshold
    per_query: list[dict[str, Any]] = []
    latencies: list[float] = []
    for question in tqdm(dataset.questions, desc="queries", file=sys.stderr,
                         disable=not sys.stderr.isatty()):
        started = time.perf_counter()
        hits = services.searcher.search(SearchRequest(query=question.query, top_k=top_k)).hits
        latencies.append((time.perf_counter() - started) * 1000)
        abstained = should_abstain(hits, threshold)
        row: dict[str, Any] = {
            "id": question.id, "query": question.query, "answerable": question.answerable,
            "abstained": abstained, **question.fields,
            "best_cosine": best_cosine(hits),
            "top": [h.citation_label() for h in hits[:3]],
        }
        if question.answerable:
            row["scores"] = score_question(question, hits)
        per_query.append(row)
    answerable = [r for r in per_query if r["answerable"]]
    summary: dict[str, Any] = {
        "dataset": dataset.name, "questions": len(per_query), "answerable": len(answerable),
        "granularity": granularity, **mean_scores([r["scores"] for r in answerable]),
        "latency_p50_ms": round(metrics.percentile(latencies, 50), 1),
        "latency_p95_ms": round(metrics.percentile(latencies, 95), 1),
        "abstain_threshold": threshold,
    }
    if len(answerable) < len(per_query):
        abst = metrics.abstention_scores([r["abstained"] for r in per_query],
                                         [not r["answerable"] for r in per_query])
        summary.update({f"abstention_{k}": round(v, 4) for k, v in abst.items()})
    breakdown = _breakdown(answerable)
    report = {"summary": summary, "breakdown": breakdown, "queries": per_query}
    if report_dir is not None:
        report_dir.mkdir(parents=True, exist_ok=True)
        (report_dir / "report.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return report


def _breakdown(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, dict[str, float]]]:
    out: dict[str, dict[str, dict[str, float]]] = {}
    for field in ("kind", "difficulty"):
        groups: dict[str, list[dict[str, float]]] = defaultdict(list)
        for row in rows:
            if field in row:
                groups[row[field]].append(row["scores"])
        if groups:
            out[field] = {k: {"n": len(v), **mean_scores(v)} for k, v in sorted(groups.items())}
    return out
